/**
 * The one request path (main/app/request-dispatch.ts), over every channel:
 * what the contract refuses never reaches a handler, and every outcome is an
 * IpcResult the renderer accepts. Electron and the preview only add who may ask.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { IpcFailure } from '../../main/app/ipc-failure.ts';
import { dispatchRequest } from '../../main/app/request-dispatch.ts';
import { UserError } from '../../main/core/errors.ts';
import { INVOKE_CHANNELS, parseResult, type IpcResult } from '../../main/shared/ipc-contract.ts';
import { PLAN_HASH, SAMPLES } from '../electron/contract-samples.ts';
import { handlersDoing, recordingHandlers } from './recording-handlers.ts';

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

describe('dispatchRequest', () => {
  it('runs every channel on its valid sample and returns a result the renderer accepts', async () => {
    for (const channel of INVOKE_CHANNELS) {
      const { handlers, calls } = recordingHandlers();
      const result = await dispatchRequest(channel, SAMPLES[channel].request, handlers);
      assert.deepEqual(result, { ok: true, value: SAMPLES[channel].response }, channel);
      assert.deepEqual(calls, [{ channel, request: SAMPLES[channel].request }]);
      // The renderer's own check of what main sends back.
      assert.deepEqual(parseResult(channel, result), result, channel);
    }
  });

  it('refuses a payload that is not an object on every channel', async () => {
    await fc.assert(
      fc.asyncProperty(channelArb, notAnObject, async (channel, payload) => {
        const { handlers, calls } = recordingHandlers();
        expectRefused(await dispatchRequest(channel, payload, handlers), 'invalid-request');
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
          const { handlers, calls } = recordingHandlers();
          const payload = { ...SAMPLES[channel].request, [key]: value };
          expectRefused(await dispatchRequest(channel, payload, handlers), 'invalid-request');
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
        const { handlers, calls } = recordingHandlers();
        const payload = { ...SAMPLES[channel].request, [key]: bad };
        expectRefused(await dispatchRequest(channel, payload, handlers), 'invalid-request');
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
        const { handlers, calls } = recordingHandlers();
        const payload = { ...SAMPLES[channel].request, hosts: ['web', alias] };
        expectRefused(await dispatchRequest(channel, payload, handlers), 'invalid-request');
        assert.equal(calls.length, 0);
      }),
    );
    const badHash = fc.string().filter((s) => !/^[0-9a-f]{64}$/.test(s));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('fix:apply', 'undo:apply' as const),
        badHash,
        async (channel, hash) => {
          const { handlers } = recordingHandlers();
          const payload = { hosts: ['web'], planHash: hash };
          expectRefused(await dispatchRequest(channel, payload, handlers), 'invalid-request');
        },
      ),
    );
    // An empty host list is refused too: a fix must name what it changes.
    const { handlers } = recordingHandlers();
    expectRefused(
      await dispatchRequest('fix:apply', { hosts: [], planHash: PLAN_HASH }, handlers),
      'invalid-request',
    );
  });

  it("passes the handler's IpcFailure through unchanged", async () => {
    const message = { code: 'fix.stale-plan', params: {}, text: 'The file changed.' };
    const hint = { code: 'ipc.hint.plan-again', params: {}, text: 'Ask for the change again.' };
    const handlers = handlersDoing(async () => {
      throw new IpcFailure('stale-plan', message, hint);
    });
    assert.deepEqual(await dispatchRequest('fix:apply', SAMPLES['fix:apply'].request, handlers), {
      ok: false,
      error: { code: 'stale-plan', message, hint },
    });
  });

  it('says a core UserError by its code and hint code, with its English as the fallback', async () => {
    const handlers = handlersDoing(async () => {
      throw new UserError('/x/config cannot be read.', 'Pass --config FILE.', {
        code: 'core.error.config-unreadable',
        params: { file: '/x/config' },
        hintCode: 'core.hint.config',
      });
    });
    const result = await dispatchRequest('fix:plan', SAMPLES['fix:plan'].request, handlers);
    assert.deepEqual(result, {
      ok: false,
      error: {
        code: 'failed',
        message: {
          code: 'core.error.config-unreadable',
          params: { file: '/x/config' },
          text: '/x/config cannot be read.',
        },
        hint: { code: 'core.hint.config', params: {}, text: 'Pass --config FILE.' },
      },
    });
    assert.deepEqual(parseResult('fix:plan', result), result, 'the renderer accepts it');
  });

  it('turns an unexpected throw into a failed result that points at the log, and logs the stack', async () => {
    const logged: string[] = [];
    const log = { info() {}, warn() {}, error: (m: string) => logged.push(m) };
    const handlers = handlersDoing(async () => {
      throw new TypeError('boom');
    });
    const result = await dispatchRequest('state:get', {}, handlers, log);
    assert.deepEqual(result, {
      ok: false,
      error: {
        code: 'failed',
        message: {
          code: 'ipc.failed',
          params: { channel: 'state:get', reason: 'boom' },
          text: 'state:get: boom',
        },
        hint: { code: 'ipc.hint.see-log', params: {}, text: 'Details are in the log: menu › Open log.' },
      },
    });
    assert.deepEqual(logged, ['request failed']);
  });

  it('refuses to send an answer that breaks the contract', async () => {
    expectRefused(
      await dispatchRequest(
        'state:get',
        {},
        handlersDoing(async () => ({ revision: -1 })),
      ),
      'failed',
    );
  });
});
