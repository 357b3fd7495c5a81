/**
 * Who may send an IPC request, without Electron: the Electron adapter
 * (ipc-handlers.ts) only feeds it `event.sender` facts; what the request must
 * look like and how an answer crosses back is the app's one request path
 * (main/app/request-dispatch.ts). Tested with plain Node.
 */
import type { Logger } from '../app/ports.ts';
import { dispatchRequest } from '../app/request-dispatch.ts';
import type { RequestHandlers } from '../app/request-handlers.ts';
import type { InvokeChannel, IpcResult, ResponseOf } from '../shared/ipc-contract.ts';
import { ipcMessage } from '../shared/ipc-messages.ts';

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

/**
 * One IPC request: refused unless it came from our popover, otherwise the
 * app's one request path (validation, handler, one error shape). Never throws.
 */
export async function dispatchInvoke<C extends InvokeChannel>(
  channel: C,
  senderOk: boolean,
  payload: unknown,
  handlers: RequestHandlers,
  log?: Logger,
): Promise<IpcResult<ResponseOf<C>>> {
  if (senderOk) return dispatchRequest(channel, payload, handlers, log);
  log?.warn('IPC refused: not our popover', { channel });
  return {
    ok: false,
    error: { code: 'not-allowed', message: ipcMessage('ipc.refused-sender', { channel }), hint: null },
  };
}
