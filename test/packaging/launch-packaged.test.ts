// launch-packaged.ts starts the packaged app on a Mac (the macOS workflows run it); here, its reading of
// the app's log, on log text of the shape electron-log writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchLogProblems } from '../../build/scripts/launch-packaged.ts';

const READY = '[2026-12-04 02:00:01.000] [info]  ready {"version":"0.1.0","packaged":true}';
const CHECK = '[2026-12-04 02:00:03.000] [info]  check finished {"hosts":1,"durationMs":812}';

test('a packaged app that came up, checked and logged no error passes', () => {
  assert.deepEqual(launchLogProblems(`${READY}\n${CHECK}\n`, true), []);
  assert.deepEqual(launchLogProblems(`${READY}\n`, false), []);
});

test('a development run, a missing check or a logged error fails', () => {
  assert.deepEqual(launchLogProblems(READY.replace('true', 'false'), false), [
    'the log never says `ready` from the packaged app',
  ]);
  assert.deepEqual(launchLogProblems(READY, true), [
    'no check finished (the core worker did not run from app.asar?)',
  ]);
  const failed = '[2026-12-04 02:00:02.000] [error] start-up failed: the popover did not load';
  assert.deepEqual(launchLogProblems(`${failed}\n`, false), [
    'the log never says `ready` from the packaged app',
    `logged: ${failed}`,
  ]);
});
