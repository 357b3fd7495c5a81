/**
 * The renderer's only way out: `window.ipqos` (the preload in Electron, the
 * preview bridge in a browser). Every response and event is validated against
 * the shared contract before the UI sees it; a thrown or malformed reply
 * becomes an ordinary `{ ok: false }` result.
 */
import {
  parseEvent,
  parseResult,
  type EventChannel,
  type EventOf,
  type InvokeChannel,
  type IpcResult,
  type IpqosApi,
  type RequestOf,
  type ResponseOf,
} from '../../main/shared/ipc-contract.ts';
import { ipcMessage } from '../../main/shared/ipc-messages.ts';

declare global {
  interface Window {
    ipqos?: IpqosApi;
  }
}

function api(): IpqosApi | undefined {
  return window.ipqos;
}

export async function invoke<C extends InvokeChannel>(
  channel: C,
  request: RequestOf<C>,
): Promise<IpcResult<ResponseOf<C>>> {
  const bridge = api();
  if (!bridge) {
    return { ok: false, error: { code: 'failed', message: ipcMessage('ipc.bridge-missing'), hint: null } };
  }
  try {
    return parseResult(channel, await bridge.invoke(channel, request));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: { code: 'failed', message: ipcMessage('ipc.unreachable', { channel, reason }), hint: null },
    };
  }
}

/**
 * `skip` sees the raw payload first: a state whose revision is not newer is
 * dropped before validation, which for 500 hosts is the costliest step.
 */
export function subscribe<E extends EventChannel>(
  event: E,
  listener: (payload: EventOf<E>) => void,
  skip?: (raw: unknown) => boolean,
): () => void {
  const bridge = api();
  if (!bridge) return () => undefined;
  return bridge.on(event, (payload: unknown) => {
    if (skip?.(payload)) return;
    const parsed = parseEvent(event, payload);
    if (parsed !== null) listener(parsed);
  });
}
