/**
 * The one error shape of a request (issue 16 §3): an IpcFailure the handlers
 * throw for what the user should see (refused, stale plan, busy), a core
 * UserError by its code, and anything else as "failed, see the log".
 */
import { UserError } from '../core/errors.ts';
import type { IpcError, Message } from '../shared/ipc-contract.ts';
import { ipcMessage } from '../shared/ipc-messages.ts';

/** An expected failure of a request: crosses IPC as data, not as a crash. */
export class IpcFailure extends Error {
  readonly error: IpcError;

  constructor(code: IpcError['code'], message: Message, hint: Message | null = null) {
    super(message.text);
    this.name = 'IpcFailure';
    this.error = { code, message, hint };
  }
}

/** A core error as a Message: its code and params, its English as the fallback text. */
export function coreMessage(error: UserError): Message {
  return { code: error.code, params: { ...error.params }, text: error.message };
}

const clip = (message: Message, max: number): Message => ({ ...message, text: message.text.slice(0, max) });

/** Turns anything a handler threw into the IpcError the caller gets back. */
export function toIpcError(error: unknown, channel: string): IpcError {
  if (error instanceof IpcFailure) {
    const { code, message, hint } = error.error;
    return { code, message: clip(message, 4000), hint: hint && clip(hint, 4000) };
  }
  if (error instanceof UserError) {
    const message = coreMessage(error);
    const hint =
      error.hint === undefined
        ? null
        : { code: error.hintCode ?? 'core.hint.generic', params: {}, text: error.hint };
    return { code: 'failed', message: clip(message, 4000), hint: hint && clip(hint, 4000) };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: 'failed',
    message: clip(ipcMessage('ipc.failed', { channel, reason: reason.slice(0, 2000) }), 4000),
    hint: ipcMessage('ipc.hint.see-log'),
  };
}
