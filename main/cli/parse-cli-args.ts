import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { UserError } from '../core/errors.ts';

/** parseArgs with strict checking and errors the user can read (exit 2). */
export function parseCliArgs<T extends ParseArgsOptionsConfig>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError(`${command}: ${(error as Error).message}`, `Run "ipqos-doctor --help" for usage.`);
  }
}

export function parsePositiveInt(
  name: string,
  value: string | undefined,
  fallback: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > max) {
    throw new UserError(`--${name} must be a whole number from 1 to ${max}, not "${value}".`);
  }
  return number;
}
