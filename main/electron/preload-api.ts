/**
 * The `window.ipqos` API over an ipcRenderer-like object, without importing
 * Electron, so it is tested with plain Node. preload.ts hands it the real
 * `ipcRenderer`. A pipe: main validates every request, the renderer
 * (renderer/src/api.ts) every answer and event; here only the channel names
 * are checked, so nothing but the contract's channels can be reached.
 */
import {
  EVENT_CONTRACT,
  isInvokeChannel,
  wireChannel,
  type EventChannel,
  type IpcResult,
  type IpqosApi,
} from '../shared/ipc-contract.ts';
import { ipcMessage } from '../shared/ipc-messages.ts';

/** The part of Electron's `ipcRenderer` the API uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const isEventChannel = (name: unknown): name is EventChannel =>
  typeof name === 'string' && Object.hasOwn(EVENT_CONTRACT, name);

export function createIpqosApi(ipc: RendererIpc): IpqosApi {
  return {
    async invoke(channel, request) {
      if (!isInvokeChannel(channel)) {
        const message = ipcMessage('ipc.invalid-request', {
          channel: String(channel),
          issues: 'no such channel',
        });
        return { ok: false, error: { code: 'invalid-request', message, hint: null } };
      }
      try {
        // Main answers with an IpcResult and never throws; the renderer checks it against the contract.
        return (await ipc.invoke(wireChannel(channel), request)) as IpcResult<never>;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const message = ipcMessage('ipc.unreachable', { channel, reason });
        return { ok: false, error: { code: 'failed', message, hint: ipcMessage('ipc.hint.reopen') } };
      }
    },
    on(event, listener) {
      if (!isEventChannel(event)) throw new TypeError(`unknown event ${String(event)}`);
      // The IpcRendererEvent is dropped: it carries `sender`, which must not reach the page.
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload as never);
      ipc.on(wireChannel(event), wrapped);
      return () => {
        ipc.removeListener(wireChannel(event), wrapped);
      };
    },
  };
}
