import { UserError } from '../core/errors.ts';
import type { CliIo } from './cli-io.ts';

// Replaced by the fix engine (issue 3).
export async function fixCommand(_args: string[], _io: CliIo): Promise<number> {
  throw new UserError('fix is not built yet.');
}
export async function undoCommand(_args: string[], _io: CliIo): Promise<number> {
  throw new UserError('undo is not built yet.');
}
