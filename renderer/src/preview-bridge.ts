/**
 * `window.ipqos` for `npm run preview`: the same IpqosApi the Electron preload
 * exposes, over HTTP to the preview server (POST /api/<channel>) and Server-Sent
 * Events (GET /api/events). Loaded as its own script before popover.js (the
 * CSP allows no inline script). The renderer validates whatever comes back.
 */
import type { EventChannel, IpcResult, IpqosApi } from '../../main/shared/ipc-contract.ts';

const token = new URLSearchParams(location.search).get('token') ?? '';
const listeners = new Map<EventChannel, Set<(payload: never) => void>>();
let source: EventSource | null = null;

function connect(): void {
  if (source) return;
  source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  for (const event of ['state', 'focus-host'] as const) {
    source.addEventListener(event, (message) => {
      let payload: unknown;
      try {
        payload = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return;
      }
      listeners.get(event)?.forEach((listener) => listener(payload as never));
    });
  }
}

const api: IpqosApi = {
  async invoke(channel, request) {
    const response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ipqos-token': token },
      body: JSON.stringify(request),
    });
    // Error replies carry the same { ok: false, error } envelope; the renderer validates both.
    return (await response.json()) as IpcResult<never>;
  },
  on(event, listener) {
    connect();
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  },
};

window.ipqos = api;
