import type { IpcError } from '../shared/ipc-contract.ts';

/** An expected failure of a request (refused, stale plan, busy): crosses IPC as data, not as a crash. */
export class IpcFailure extends Error {
  readonly error: IpcError;

  constructor(code: IpcError['code'], message: string, hint: string | null = null) {
    super(message);
    this.name = 'IpcFailure';
    this.error = { code, message, hint };
  }
}

/** Turns anything `handle` threw into the IpcError the caller gets back. */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof IpcFailure) return error.error;
  const message = error instanceof Error ? error.message : String(error);
  const hint =
    error instanceof Error && 'hint' in error && typeof error.hint === 'string' ? error.hint : null;
  return { code: 'failed', message: message.slice(0, 4000), hint: hint?.slice(0, 2000) ?? null };
}
