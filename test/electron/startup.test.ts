// Start-up's pure parts: the race of electron-menubar's ready against a failed load and a deadline, the
// dialog's text, the gate that holds a reopen made during start-up, and the test switches being inert
// in a packaged app.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reopenGate } from '../../main/electron/reopen-gate.ts';
import { raceStartup, startupFailureMessage } from '../../main/electron/startup-race.ts';
import { testEnvironment, testHooksEnabled } from '../../main/electron/test-hooks.ts';

const never = new Promise<never>(() => undefined);

describe('start-up race', () => {
  it('is ready when electron-menubar is', async () => {
    assert.deepEqual(await raceStartup({ ready: Promise.resolve(), loadFailed: never }), { ok: true });
  });
  it('fails with the load error when the page does not load', async () => {
    assert.deepEqual(await raceStartup({ ready: never, loadFailed: Promise.resolve('ERR_FAILED (-2)') }), {
      ok: false,
      reason: 'load-failed',
      detail: 'ERR_FAILED (-2)',
    });
  });
  it('fails at the deadline when nothing happens', async () => {
    const outcome = await raceStartup({ ready: never, loadFailed: never, timeoutMs: 20 });
    assert.equal(outcome.ok, false);
    assert.equal(!outcome.ok && outcome.reason, 'timeout');
  });
  it('tells the user what to do, with the log, and no error text', () => {
    const text = startupFailureMessage(
      { ok: false, reason: 'load-failed', detail: 'ERR_FAILED (-2) loading ipqos://popover/index.html' },
      '/Users/a/Library/Logs/IPQoS Doctor/main.log',
    );
    assert.match(text.detail, /open IPQoS Doctor again/);
    assert.match(text.detail, /main\.log/);
    assert.doesNotMatch(`${text.message}${text.detail}`, /ERR_FAILED/);
  });
});

describe('reopen gate', () => {
  it('holds a reopen made before the popover is ready, runs it once then, and later ones at once', () => {
    const gate = reopenGate();
    let opened = 0;
    gate.request();
    gate.request();
    assert.equal(gate.pending(), true);
    gate.open(() => opened++);
    assert.equal(opened, 1, 'the held request ran once');
    gate.request();
    assert.equal(opened, 2);
  });
  it('does nothing on open when nobody asked', () => {
    const gate = reopenGate();
    let opened = 0;
    gate.open(() => opened++);
    assert.equal(opened, 0);
  });
});

describe('test switches', () => {
  const env = {
    IPQOS_TEST_HOOKS: '1',
    IPQOS_TEST_HOME: '/tmp/h',
    IPQOS_TEST_USER_DATA: '/tmp/u',
    IPQOS_TEST_DIST: '/tmp/d',
  };
  it('work in a development run', () => {
    assert.equal(testHooksEnabled(false, env), true);
    assert.deepEqual(testEnvironment(false, env), { home: '/tmp/h', userData: '/tmp/u', dist: '/tmp/d' });
  });
  it('do nothing in the installed app', () => {
    assert.equal(testHooksEnabled(true, env), false);
    assert.deepEqual(testEnvironment(true, env), { home: null, userData: null, dist: null });
  });
});
