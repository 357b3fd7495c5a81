/**
 * The `window.ipqos` API over an ipcRenderer-like object, without importing
 * Electron, so it is tested with plain Node. preload.ts hands it the real
 * `ipcRenderer`. Only this file and the contract end up in the preload bundle.
 */
import {
  EVENT_CONTRACT,
  isInvokeChannel,
  parseEvent,
  parseResult,
  wireChannel,
  type EventChannel,
  type IpqosApi,
} from '../shared/ipc-contract.ts';

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
        return {
          ok: false,
          error: { code: 'invalid-request', message: `unknown channel ${String(channel)}`, hint: null },
        };
      }
      try {
        // Main answers with an IpcResult and never throws; a throw here means IPC itself failed.
        return parseResult(channel, await ipc.invoke(wireChannel(channel), request));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return {
          ok: false,
          error: { code: 'failed', message: `${channel}: ${message}`, hint: 'Quit and reopen IPQoS Doctor.' },
        };
      }
    },
    on(event, listener) {
      if (!isEventChannel(event)) throw new TypeError(`unknown event ${String(event)}`);
      // The IpcRendererEvent is dropped: it carries `sender`, which must not reach the page.
      const wrapped = (_event: unknown, payload: unknown): void => {
        const parsed = parseEvent(event, payload);
        if (parsed !== null) listener(parsed);
      };
      ipc.on(wireChannel(event), wrapped);
      return () => {
        ipc.removeListener(wireChannel(event), wrapped);
      };
    },
  };
}
