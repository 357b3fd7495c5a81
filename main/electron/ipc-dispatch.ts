/**
 * What happens to one IPC request, without Electron: who may ask, what the
 * request must look like, and how an answer or an error crosses back. The
 * Electron adapter (ipc-handlers.ts) only feeds it `event.sender` facts; the
 * logic is tested here with plain Node.
 */
import * as v from 'valibot';
import {
  INVOKE_CONTRACT,
  IpcErrorSchema,
  describeIssues,
  parseRequest,
  type InvokeChannel,
  type IpcError,
  type IpcResult,
  type RequestOf,
  type ResponseOf,
} from '../shared/ipc-contract.ts';
import type { Logger } from '../app/ports.ts';

/** What is known about the frame that sent a message (Electron's `event.sender` / `event.senderFrame`). */
export interface SenderFacts {
  /** `event.sender.id`; null when unknown. */
  webContentsId: number | null;
  /** `event.senderFrame?.url`; null when the frame is gone (navigated away or destroyed). */
  frameUrl: string | null;
  /** The frame is the top frame of its page, not an iframe. */
  isMainFrame: boolean;
}

/** Our popover: the one webContents allowed to call, and the page it must be showing. */
export interface TrustedRenderer {
  /** null until the popover window exists: then nobody is trusted. */
  webContentsId: number | null;
  /** The renderer's entry URL, e.g. `ipqos://popover/index.html`. */
  url: string;
}

/** Same scheme, host and path: the popover may add a query or hash for its own routing. */
function samePage(actual: string, expected: string): boolean {
  if (!URL.canParse(actual) || !URL.canParse(expected)) return false;
  const a = new URL(actual);
  const e = new URL(expected);
  return a.protocol === e.protocol && a.host === e.host && a.pathname === e.pathname;
}

/**
 * Electron's security checklist (item 17): check the sender. The webContents
 * must be our popover's, and its top frame must be showing our page — an
 * iframe or a page it navigated to (which we also prevent) is refused.
 */
export function isTrustedSender(sender: SenderFacts, trusted: TrustedRenderer): boolean {
  return (
    trusted.webContentsId !== null &&
    sender.webContentsId === trusted.webContentsId &&
    sender.isMainFrame &&
    sender.frameUrl !== null &&
    samePage(sender.frameUrl, trusted.url)
  );
}

export type InvokeHandler = <C extends InvokeChannel>(
  channel: C,
  request: RequestOf<C>,
) => Promise<ResponseOf<C>>;

const LOG_HINT = 'Details are in the log: menu › Open log.';

function failure(
  code: IpcError['code'],
  message: string,
  hint: string | null,
): { ok: false; error: IpcError } {
  return { ok: false, error: { code, message: message.slice(0, 4000), hint: hint?.slice(0, 2000) ?? null } };
}

/** The controller throws `IpcFailure { error }` for errors the user should see; anything else is a bug. */
function errorOf(thrown: unknown): IpcError | null {
  if (typeof thrown !== 'object' || thrown === null || !('error' in thrown)) return null;
  const parsed = v.safeParse(IpcErrorSchema, thrown.error);
  return parsed.success ? parsed.output : null;
}

/**
 * Validates and runs one request. Never throws: Electron would mangle a
 * thrown error's message, so every outcome is an `IpcResult`. The controller's
 * answer is checked against the contract too, so a bug cannot send the
 * renderer something it would then reject without saying why.
 */
export async function dispatchInvoke<C extends InvokeChannel>(
  channel: C,
  senderOk: boolean,
  payload: unknown,
  handle: InvokeHandler,
  log?: Logger,
): Promise<IpcResult<ResponseOf<C>>> {
  if (!senderOk) {
    log?.warn('IPC refused: not our popover', { channel });
    return failure(
      'not-allowed',
      `${channel}: refused, the request did not come from the IPQoS Doctor popover.`,
      null,
    );
  }
  // Every request is a plain object; valibot's (strict) object schemas let an empty array through.
  if (Array.isArray(payload)) {
    return failure('invalid-request', `${channel}: the request must be an object, not an array.`, null);
  }
  const request = parseRequest(channel, payload);
  if (!request.ok) {
    log?.warn('IPC refused: invalid request', { channel, issues: request.error.message });
    return request;
  }
  let value: unknown;
  try {
    value = await handle(channel, request.value);
  } catch (thrown) {
    const known = errorOf(thrown);
    if (known) return { ok: false, error: known };
    log?.error('IPC handler failed', {
      channel,
      error: thrown instanceof Error ? thrown.stack : String(thrown),
    });
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return failure('failed', `${channel}: ${message}`, LOG_HINT);
  }
  const response = v.safeParse(INVOKE_CONTRACT[channel].response, value);
  if (!response.success) {
    log?.error('IPC response breaks the contract', { channel, issues: describeIssues(response.issues) });
    return failure('failed', `${channel}: the app produced an answer it cannot show.`, LOG_HINT);
  }
  return { ok: true, value: response.output as ResponseOf<C> };
}
