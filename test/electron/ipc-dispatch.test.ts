import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  INVOKE_CHANNELS,
  parseResult,
  type InvokeChannel,
  type IpcResult,
} from '../../main/shared/ipc-contract.ts';
import {
  dispatchInvoke,
  isTrustedSender,
  type InvokeHandler,
  type SenderFacts,
} from '../../main/electron/ipc-dispatch.ts';
import { registerIpcHandlers, type IpcMainLike } from '../../main/electron/ipc-handlers.ts';
import { PLAN_HASH, SAMPLES } from './contract-samples.ts';

/** A handler that records what reached the controller and answers with the channel's sample. */
function recordingHandler(): { handle: InvokeHandler; calls: { channel: string; request: unknown }[] } {
  const calls: { channel: string; request: unknown }[] = [];
  const handle = (async (channel: InvokeChannel, request: unknown) => {
    calls.push({ channel, request });
    return SAMPLES[channel].response;
  }) as InvokeHandler;
  return { handle, calls };
}

const channelArb = fc.constantFrom(...INVOKE_CHANNELS);

/** Payloads that are not a request object at all. */
const notAnObject = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.double(),
  fc.string(),
  fc.array(fc.anything(), { maxLength: 3 }),
);

/** A value no request field accepts (every field is a string, number, boolean, null or array). */
const neverAField = fc.oneof(
  fc.object({ maxDepth: 1 }),
  fc.constant(Number.NaN),
  fc.constant(-1.5),
  fc.constant(Number.POSITIVE_INFINITY),
);

function expectRefused(result: IpcResult<unknown>, code: string): void {
  assert.equal(result.ok, false, 'the request was accepted');
  if (!result.ok) assert.equal(result.error.code, code);
}

describe('dispatchInvoke', () => {
  it('runs every channel on its valid sample and returns a result the renderer accepts', async () => {
    for (const channel of INVOKE_CHANNELS) {
      const { handle, calls } = recordingHandler();
      const result = await dispatchInvoke(channel, true, SAMPLES[channel].request, handle);
      assert.deepEqual(result, { ok: true, value: SAMPLES[channel].response }, channel);
      assert.deepEqual(calls, [{ channel, request: SAMPLES[channel].request }]);
      // The renderer's own check of what main sends back.
      assert.deepEqual(parseResult(channel, result), result, channel);
    }
  });

  it('refuses a foreign sender on every channel, whatever the payload, before validating it', async () => {
    await fc.assert(
      fc.asyncProperty(channelArb, fc.boolean(), fc.anything(), async (channel, useSample, junk) => {
        const { handle, calls } = recordingHandler();
        const payload = useSample ? SAMPLES[channel].request : junk;
        expectRefused(await dispatchInvoke(channel, false, payload, handle), 'not-allowed');
        assert.equal(calls.length, 0);
      }),
    );
  });

  it('refuses a payload that is not an object on every channel', async () => {
    await fc.assert(
      fc.asyncProperty(channelArb, notAnObject, async (channel, payload) => {
        const { handle, calls } = recordingHandler();
        expectRefused(await dispatchInvoke(channel, true, payload, handle), 'invalid-request');
        assert.equal(calls.length, 0);
      }),
    );
  });

  it('refuses an unknown key added to a valid request on every channel (strict objects)', async () => {
    const known = new Set(INVOKE_CHANNELS.flatMap((c) => Object.keys(SAMPLES[c].request)));
    await fc.assert(
      fc.asyncProperty(
        channelArb,
        fc.string({ minLength: 1 }).filter((k) => !known.has(k) && k !== '__proto__'),
        fc.anything(),
        async (channel, key, value) => {
          const { handle, calls } = recordingHandler();
          const payload = { ...SAMPLES[channel].request, [key]: value };
          expectRefused(await dispatchInvoke(channel, true, payload, handle), 'invalid-request');
          assert.equal(calls.length, 0);
        },
      ),
    );
  });

  it('refuses a valid request with one field of the wrong type on every channel that has fields', async () => {
    const withFields = INVOKE_CHANNELS.filter((c) => Object.keys(SAMPLES[c].request).length > 0);
    assert.ok(withFields.length >= 8);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withFields), fc.nat(), neverAField, async (channel, i, bad) => {
        const keys = Object.keys(SAMPLES[channel].request);
        const key = keys[i % keys.length] as string;
        const { handle, calls } = recordingHandler();
        const payload = { ...SAMPLES[channel].request, [key]: bad };
        expectRefused(await dispatchInvoke(channel, true, payload, handle), 'invalid-request');
        assert.equal(calls.length, 0);
      }),
    );
  });

  it('refuses host names that are not ssh aliases and plan hashes that are not sha256 hex', async () => {
    const hostChannels = ['fix:plan', 'fix:apply', 'undo:plan', 'undo:apply'] as const;
    const badAlias = fc.oneof(
      fc.constant(''),
      fc.string().map((s) => `-${s}`),
      fc.tuple(fc.string(), fc.constantFrom(' ', '\t', '\n', '\u0000'), fc.string()).map((p) => p.join('')),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...hostChannels), badAlias, async (channel, alias) => {
        const { handle, calls } = recordingHandler();
        const payload = { ...SAMPLES[channel].request, hosts: ['web', alias] };
        expectRefused(await dispatchInvoke(channel, true, payload, handle), 'invalid-request');
        assert.equal(calls.length, 0);
      }),
    );
    const badHash = fc.string().filter((s) => !/^[0-9a-f]{64}$/.test(s));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('fix:apply', 'undo:apply' as const),
        badHash,
        async (channel, hash) => {
          const { handle } = recordingHandler();
          const payload = { hosts: ['web'], planHash: hash };
          expectRefused(await dispatchInvoke(channel, true, payload, handle), 'invalid-request');
        },
      ),
    );
    // An empty host list is refused too: a fix must name what it changes.
    const { handle } = recordingHandler();
    expectRefused(
      await dispatchInvoke('fix:apply', true, { hosts: [], planHash: PLAN_HASH }, handle),
      'invalid-request',
    );
  });

  it("passes the controller's IpcFailure through unchanged", async () => {
    const error = { code: 'stale-plan' as const, message: 'The file changed.', hint: 'Review the new diff.' };
    const handle = (async () => {
      throw Object.assign(new Error(error.message), { error });
    }) as InvokeHandler;
    assert.deepEqual(await dispatchInvoke('fix:apply', true, SAMPLES['fix:apply'].request, handle), {
      ok: false,
      error,
    });
  });

  it('turns an unexpected throw into a failed result that points at the log, and logs the stack', async () => {
    const logged: string[] = [];
    const log = { info() {}, warn() {}, error: (m: string) => logged.push(m) };
    const handle = (async () => {
      throw new TypeError('boom');
    }) as InvokeHandler;
    const result = await dispatchInvoke('state:get', true, {}, handle, log);
    assert.deepEqual(result, {
      ok: false,
      error: { code: 'failed', message: 'state:get: boom', hint: 'Details are in the log: menu › Open log.' },
    });
    assert.deepEqual(logged, ['IPC handler failed']);
  });

  it('refuses to send an answer that breaks the contract', async () => {
    const handle = (async () => ({ revision: -1 })) as InvokeHandler;
    expectRefused(await dispatchInvoke('state:get', true, {}, handle), 'failed');
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
    const { handle, calls } = recordingHandler();
    const off = registerIpcHandlers(ipcMain, { handle }, () => ({ webContentsId: 5, url: RENDERER }), {
      info() {},
      warn() {},
      error() {},
    });
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
      expectRefused((await stateGet(foreign, {})) as IpcResult<unknown>, 'not-allowed');
    }
    assert.equal(calls.length, 1);
    off();
    assert.equal(handlers.size, 0);
  });
});
