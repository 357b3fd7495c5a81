import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { createIpqosApi, type RendererIpc } from '../../main/electron/preload-api.ts';
import type { InvokeChannel } from '../../main/shared/ipc-contract.ts';
import { SAMPLES } from './contract-samples.ts';

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
  it('invokes the prefixed wire channel and returns what main answered', async () => {
    const ipc = new FakeIpc();
    ipc.answer = async () => ({ ok: true, value: SAMPLES['state:get'].response });
    const api = createIpqosApi(ipc);
    assert.deepEqual(await api.invoke('state:get', {}), { ok: true, value: SAMPLES['state:get'].response });
    assert.deepEqual(ipc.invoked, [{ channel: 'ipqos:state:get', args: [{}] }]);
  });

  it('passes an error result through', async () => {
    const ipc = new FakeIpc();
    const error = { code: 'not-allowed', message: { code: 'x', params: {}, text: 'refused' }, hint: null };
    ipc.answer = async () => ({ ok: false, error });
    assert.deepEqual(await createIpqosApi(ipc).invoke('window:hide', {}), { ok: false, error });
  });

  it('is a pipe: an answer that breaks the contract reaches the renderer as it came', async () => {
    const ipc = new FakeIpc();
    const broken = { ok: true, value: { revision: 'three' } };
    ipc.answer = async () => broken;
    assert.deepEqual(await createIpqosApi(ipc).invoke('state:get', {}), broken);
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
        message: {
          code: 'ipc.unreachable',
          params: { channel: 'state:get', reason: "No handler registered for 'ipqos:state:get'" },
          text: "state:get: No handler registered for 'ipqos:state:get'",
        },
        hint: { code: 'ipc.hint.reopen', params: {}, text: 'Quit and reopen IPQoS Doctor.' },
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

  it('passes events on without the event object, and unsubscribes', () => {
    const ipc = new FakeIpc();
    const api = createIpqosApi(ipc);
    const seen: unknown[][] = [];
    const off = api.on('state', (...args: unknown[]) => seen.push(args));
    ipc.send('ipqos:state', { revision: 10 });
    off();
    ipc.send('ipqos:state', { revision: 11 });
    assert.deepEqual(seen, [[{ revision: 10 }]], 'only the payload, unvalidated: the renderer checks it');
    assert.equal(ipc.listenerCount('ipqos:state'), 0);
  });

  it('throws on an event outside the contract', () => {
    const api = createIpqosApi(new FakeIpc());
    assert.throws(() => api.on('ipc-message' as 'state', () => {}), /unknown event ipc-message/);
  });
});
