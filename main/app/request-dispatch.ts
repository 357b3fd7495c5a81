/**
 * The one request path behind Electron IPC and the preview server: the
 * request checked against the contract, the handler for its channel, every
 * outcome an IpcResult (Electron would mangle a thrown error's message), and
 * the handler's answer checked too, so a bug cannot send the renderer what it
 * would reject without saying why. The transports add only who may ask.
 */
import * as v from 'valibot';
import {
  INVOKE_CONTRACT,
  describeIssues,
  parseRequest,
  type InvokeChannel,
  type IpcResult,
  type ResponseOf,
} from '../shared/ipc-contract.ts';
import { ipcMessage } from '../shared/ipc-messages.ts';
import { toIpcError } from './ipc-failure.ts';
import type { Logger } from './ports.ts';
import type { RequestHandlers } from './request-handlers.ts';

/** Never throws. */
export async function dispatchRequest<C extends InvokeChannel>(
  channel: C,
  payload: unknown,
  handlers: RequestHandlers,
  log?: Logger,
): Promise<IpcResult<ResponseOf<C>>> {
  const request = parseRequest(channel, payload);
  if (!request.ok) {
    log?.warn('request refused: invalid', { channel, issues: request.error.message.text });
    return request;
  }
  let value: unknown;
  try {
    value = await handlers[channel](request.value);
  } catch (thrown) {
    const error = toIpcError(thrown, channel);
    if (error.code === 'failed') {
      log?.error('request failed', {
        channel,
        error: thrown instanceof Error ? thrown.stack : String(thrown),
      });
    }
    return { ok: false, error };
  }
  const response = v.safeParse(INVOKE_CONTRACT[channel].response, value);
  if (!response.success) {
    log?.error('response breaks the contract', { channel, issues: describeIssues(response.issues) });
    return {
      ok: false,
      error: {
        code: 'failed',
        message: ipcMessage('ipc.bad-response', { channel }),
        hint: ipcMessage('ipc.hint.see-log'),
      },
    };
  }
  return { ok: true, value: response.output as ResponseOf<C> };
}
