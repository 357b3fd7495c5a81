import { UserError } from '../core/errors.ts';
import type { CliIo } from './cli-io.ts';

export async function checkCommand(_args: string[], _io: CliIo): Promise<number> {
  throw new UserError('check is not built yet.');
}
