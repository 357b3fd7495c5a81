/**
 * The renderer validates what it receives (issue 16 §3): the preload is a
 * pipe, so the page's own end (renderer/src/api.ts), over the real preload
 * API, drops events and refuses answers that break the contract.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { createIpqosApi, type RendererIpc } from '../../main/electron/preload-api.ts';
import type { EventOf, IpqosApi } from '../../main/shared/ipc-contract.ts';
import { invoke, subscribe } from '../../renderer/src/api.ts';
import { sampleState } from '../electron/contract-samples.ts';

class FakeIpc extends EventEmitter implements RendererIpc {
  answer: () => Promise<unknown> = async () => null;
  async invoke(): Promise<unknown> {
    return this.answer();
  }
  send(channel: string, payload: unknown): void {
    this.emit(channel, {}, payload);
  }
}

/** `window.ipqos` as the preload's contextBridge sets it for the page, while `work` runs. */
function withWindowApi<T>(api: IpqosApi, work: () => T): T {
  const global = globalThis as { window?: unknown };
  const before = global.window;
  global.window = { ipqos: api };
  try {
    return work();
  } finally {
    global.window = before;
  }
}

describe('renderer/src/api.ts over the preload', () => {
  it('refuses an answer that breaks the contract, with a coded message', async () => {
    const ipc = new FakeIpc();
    ipc.answer = async () => ({ ok: true, value: { revision: 'three' } });
    const result = await withWindowApi(createIpqosApi(ipc), () => invoke('state:get', {}));
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.message.code, 'ipc.bad-reply');
      assert.match(result.error.message.text, /^state:get: bad response/);
    }
  });

  it('keeps the valid events only', () => {
    const ipc = new FakeIpc();
    const api = createIpqosApi(ipc);
    const seen: unknown[][] = [];
    const focus: EventOf<'focus-host'>[] = [];
    const views: EventOf<'show-view'>[] = [];
    const off = withWindowApi(api, () => {
      subscribe('focus-host', (p) => focus.push(p));
      subscribe('show-view', (p) => views.push(p));
      return subscribe('state', (...args: unknown[]) => seen.push(args));
    });
    ipc.send('ipqos:state', sampleState({ revision: 9 }));
    ipc.send('ipqos:state', { revision: 10 }); // not an AppState: dropped
    ipc.send('ipqos:focus-host', { alias: '-oProxyCommand=x' }); // not an alias: dropped
    ipc.send('ipqos:focus-host', { alias: 'web' });
    ipc.send('ipqos:show-view', { view: 'shell' }); // not a view of the popover: dropped
    ipc.send('ipqos:show-view', { view: 'preferences' });
    off();
    ipc.send('ipqos:state', sampleState({ revision: 11 }));
    assert.deepEqual(seen, [[sampleState({ revision: 9 })]]);
    assert.deepEqual(focus, [{ alias: 'web' }]);
    assert.deepEqual(views, [{ view: 'preferences' }]);
    assert.equal(ipc.listenerCount('ipqos:state'), 0);
  });
});
