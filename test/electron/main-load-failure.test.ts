/**
 * The popover's page fails to load (here: a dist/ without it, so the ipqos://
 * handler answers with a network error and Electron's loadURL rejects after
 * did-fail-load). electron-menubar then never emits `ready`; main.ts must not
 * wait forever: it logs why, shows a dialog that says what to do (no Electron
 * error text in it), opens the log when asked, and exits.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { fake, startMain, until, type Harness } from './main-harness.ts';

const { recorded } = fake;

describe('main.ts when the popover page fails to load (stand-in electron)', () => {
  let harness: Harness | null = null;
  after(async () => harness?.cleanup());

  it('says so in a dialog with what to do, opens the log on request, and exits 1', async () => {
    harness = await startMain({ dist: 'missing', fake: { dialogResponse: 1 } });
    await until(() => recorded.exitCode !== null, 'the app to exit');
    assert.equal(recorded.exitCode, 1);
    assert.equal(recorded.messageBoxes.length, 1);
    const box = recorded.messageBoxes[0] ?? {};
    assert.equal(box['title'], 'IPQoS Doctor could not open its window');
    const text = `${String(box['message'])}\n${String(box['detail'])}`;
    assert.match(text, /Quit, then open IPQoS Doctor again/);
    assert.match(text, /ipqos-doctor check/);
    assert.doesNotMatch(text, /ERR_|-2\b|ipqos:\/\//, 'no Electron error text on screen');
    const logFile = recorded.openedPaths[0] ?? '';
    assert.ok(logFile.endsWith('main.log'), `opened the log: ${logFile}`);
    assert.ok(text.includes(logFile), 'the dialog names the log file');
    assert.match(readFileSync(logFile, 'utf8'), /start-up failed: the popover did not load.*ERR_FAILED/);
    assert.equal(harness.hooks()?.isReady(), false, 'the controller never came up');
  });
});
