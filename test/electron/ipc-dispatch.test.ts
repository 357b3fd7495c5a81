import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { recordingHandlers } from '../app/recording-handlers.ts';
import { INVOKE_CHANNELS, type IpcResult } from '../../main/shared/ipc-contract.ts';
import { dispatchInvoke, isTrustedSender, type SenderFacts } from '../../main/electron/ipc-dispatch.ts';
import { registerIpcHandlers, type IpcMainLike } from '../../main/electron/ipc-handlers.ts';
import { SAMPLES } from './contract-samples.ts';

const channelArb = fc.constantFrom(...INVOKE_CHANNELS);

describe('dispatchInvoke (the Electron sender check over the one request path)', () => {
  it('refuses a foreign sender on every channel, whatever the payload, before validating it', async () => {
    await fc.assert(
      fc.asyncProperty(channelArb, fc.boolean(), fc.anything(), async (channel, useSample, junk) => {
        const { handlers, calls } = recordingHandlers();
        const payload = useSample ? SAMPLES[channel].request : junk;
        const result = await dispatchInvoke(channel, false, payload, handlers);
        assert.equal(result.ok, false);
        if (!result.ok) assert.equal(result.error.code, 'not-allowed');
        assert.equal(calls.length, 0);
      }),
    );
  });

  it('runs every channel on its valid sample for our popover', async () => {
    for (const channel of INVOKE_CHANNELS) {
      const { handlers, calls } = recordingHandlers();
      const result = await dispatchInvoke(channel, true, SAMPLES[channel].request, handlers);
      assert.deepEqual(result, { ok: true, value: SAMPLES[channel].response }, channel);
      assert.equal(calls.length, 1);
    }
  });
});

describe('isTrustedSender', () => {
  const trusted = { webContentsId: 7, url: 'ipqos://popover/index.html' };
  const ours: SenderFacts = { webContentsId: 7, frameUrl: 'ipqos://popover/index.html', isMainFrame: true };

  it('accepts our popover, also with its own query or hash route', () => {
    assert.equal(isTrustedSender(ours, trusted), true);
    assert.equal(
      isTrustedSender({ ...ours, frameUrl: 'ipqos://popover/index.html#/fix?host=web' }, trusted),
      true,
    );
  });

  it('refuses another webContents, an iframe, a gone frame, another page, and everyone before the popover exists', () => {
    assert.equal(isTrustedSender({ ...ours, webContentsId: 8 }, trusted), false);
    assert.equal(isTrustedSender({ ...ours, webContentsId: null }, trusted), false);
    assert.equal(isTrustedSender({ ...ours, isMainFrame: false }, trusted), false);
    assert.equal(isTrustedSender({ ...ours, frameUrl: null }, trusted), false);
    for (const url of [
      'ipqos://popover/other.html',
      'ipqos://evil/index.html',
      'https://popover/index.html',
      'file:///index.html',
      'not a url',
    ]) {
      assert.equal(isTrustedSender({ ...ours, frameUrl: url }, trusted), false, url);
    }
    assert.equal(isTrustedSender(ours, { ...trusted, webContentsId: null }), false);
  });
});

describe('registerIpcHandlers (ipcMain side)', () => {
  type Listener = Parameters<IpcMainLike['handle']>[1];
  const RENDERER = 'ipqos://popover/index.html';

  function fakeIpcMain() {
    const handlers = new Map<string, Listener>();
    const ipcMain: IpcMainLike = {
      handle: (channel, listener) => void handlers.set(channel, listener),
      removeHandler: (channel) => void handlers.delete(channel),
    };
    return { ipcMain, handlers };
  }

  /** An IpcMainInvokeEvent as far as the handler reads it. */
  const event = (webContentsId: number, url: string | null, isTop = true) =>
    ({
      sender: { id: webContentsId },
      senderFrame: url === null ? null : { url, parent: isTop ? null : {} },
    }) as unknown as Parameters<Listener>[0];

  it('registers one prefixed handler per channel, answers our popover and refuses everyone else', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const { handlers: answer, calls } = recordingHandlers();
    const off = registerIpcHandlers(
      ipcMain,
      { handlers: answer },
      () => ({ webContentsId: 5, url: RENDERER }),
      {
        info() {},
        warn() {},
        error() {},
      },
    );
    assert.deepEqual([...handlers.keys()].sort(), INVOKE_CHANNELS.map((c) => `ipqos:${c}`).sort());
    const stateGet = handlers.get('ipqos:state:get');
    assert.ok(stateGet);
    assert.deepEqual(await stateGet(event(5, RENDERER), {}), {
      ok: true,
      value: SAMPLES['state:get'].response,
    });
    for (const foreign of [
      event(6, RENDERER),
      event(5, 'https://evil.example/'),
      event(5, RENDERER, false),
      event(5, null),
    ]) {
      const result = (await stateGet(foreign, {})) as IpcResult<unknown>;
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.error.code, 'not-allowed');
    }
    assert.equal(calls.length, 1);
    off();
    assert.equal(handlers.size, 0);
  });
});
