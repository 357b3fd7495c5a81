import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { createIpqosApi, type RendererIpc } from '../../main/electron/preload-api.ts';
import type { EventOf, InvokeChannel } from '../../main/shared/ipc-contract.ts';
import { SAMPLES, sampleState } from './contract-samples.ts';

/** An ipcRenderer stand-in: `invoke` answers through `answer`, `emit` plays main's `webContents.send`. */
class FakeIpc extends EventEmitter implements RendererIpc {
  invoked: { channel: string; args: unknown[] }[] = [];
  answer: (channel: string) => Promise<unknown> = async () => null;
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.answer(channel);
  }
  send(channel: string, payload: unknown): void {
    this.emit(channel, { sender: 'the IpcRendererEvent the page must not see' }, payload);
  }
}

describe('window.ipqos (preload API)', () => {
  it('invokes the prefixed wire channel and returns the validated result', async () => {
    const ipc = new FakeIpc();
    ipc.answer = async () => ({ ok: true, value: SAMPLES['state:get'].response });
    const api = createIpqosApi(ipc);
    assert.deepEqual(await api.invoke('state:get', {}), { ok: true, value: SAMPLES['state:get'].response });
    assert.deepEqual(ipc.invoked, [{ channel: 'ipqos:state:get', args: [{}] }]);
  });

  it('passes an error result through', async () => {
    const ipc = new FakeIpc();
    const error = { code: 'not-allowed', message: 'refused', hint: null };
    ipc.answer = async () => ({ ok: false, error });
    assert.deepEqual(await createIpqosApi(ipc).invoke('window:hide', {}), { ok: false, error });
  });

  it('turns a response that breaks the contract into a failed result', async () => {
    const ipc = new FakeIpc();
    ipc.answer = async () => ({ ok: true, value: { revision: 'three' } });
    const result = await createIpqosApi(ipc).invoke('state:get', {});
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.error.message, /^state:get: bad response/);
  });

  it('turns an IPC failure into a failed result that says what to do', async () => {
    const ipc = new FakeIpc();
    ipc.answer = async () => {
      throw new Error("No handler registered for 'ipqos:state:get'");
    };
    const result = await createIpqosApi(ipc).invoke('state:get', {});
    assert.deepEqual(result, {
      ok: false,
      error: {
        code: 'failed',
        message: "state:get: No handler registered for 'ipqos:state:get'",
        hint: 'Quit and reopen IPQoS Doctor.',
      },
    });
  });

  it('refuses a channel outside the contract without sending anything', async () => {
    const ipc = new FakeIpc();
    const api = createIpqosApi(ipc);
    const result = await api.invoke('shell:exec' as InvokeChannel, {} as never);
    assert.equal(result.ok, false);
    assert.equal(ipc.invoked.length, 0);
  });

  it('delivers valid events without the event object, drops invalid ones, and unsubscribes', () => {
    const ipc = new FakeIpc();
    const api = createIpqosApi(ipc);
    const seen: unknown[][] = [];
    const off = api.on('state', (...args: unknown[]) => seen.push(args));
    const focus: EventOf<'focus-host'>[] = [];
    api.on('focus-host', (p) => focus.push(p));
    const views: EventOf<'show-view'>[] = [];
    api.on('show-view', (p) => views.push(p));

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
    assert.equal(ipc.listenerCount('ipqos:focus-host'), 1);
  });

  it('throws on an event outside the contract', () => {
    const api = createIpqosApi(new FakeIpc());
    assert.throws(() => api.on('ipc-message' as 'state', () => {}), /unknown event ipc-message/);
  });
});
