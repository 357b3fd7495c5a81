/**
 * The popover's ⋯ menu, Show in Finder and the window fitting its content, each sent as the popover
 * sends it (its webContents, over the channel's IPC handler) to main.ts under the stand-in electron:
 * what reaches Electron (the About panel, the update dialog, showItemInFolder, setSize, quit), and a
 * path main does not trust refused with a coded failure.
 */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { toolStateDir } from '../../main/core/config-edit/index.ts';
import type { IpcError } from '../../main/shared/ipc-contract.ts';
import { fake, startMain, until, whenReady, type Harness } from './main-harness.ts';

const { recorded } = fake;

describe('the popover’s actions in main (stand-in electron)', () => {
  let harness: Harness | null = null;
  let backups = '';
  before(async () => {
    harness = await startMain();
    await whenReady(harness);
    backups = path.join(toolStateDir(harness.home), 'backups');
    mkdirSync(backups, { recursive: true });
  });
  after(async () => harness?.cleanup());

  const popoverWindow = () => {
    const [window] = recorded.windows;
    assert.ok(window);
    return window;
  };
  /** As the popover's preload sends it. */
  async function send(channel: string, request: unknown): Promise<{ ok: boolean; error?: IpcError }> {
    const handler = recorded.ipcHandlers.get(`ipqos:${channel}`);
    assert.ok(handler, `no handler for ${channel}`);
    const { webContents } = popoverWindow();
    return (await handler({ sender: webContents, senderFrame: webContents.mainFrame }, request)) as {
      ok: boolean;
      error?: IpcError;
    };
  }

  it('About shows the About panel, named for the app', async () => {
    assert.deepEqual(await send('app:menu', { item: 'about' }), { ok: true, value: null });
    assert.equal(recorded.aboutPanelsShown, 1);
    assert.equal(
      (recorded.aboutPanelOptions as { applicationName?: string }).applicationName,
      'IPQoS Doctor',
    );
  });

  it('Check for Updates… runs the tray menu’s update check (a development build says so)', async () => {
    const before = recorded.messageBoxes.length;
    assert.equal((await send('app:menu', { item: 'check-updates' })).ok, true);
    await until(() => recorded.messageBoxes.length > before, 'the update dialog');
    assert.match(String(recorded.messageBoxes.at(-1)?.['message']), /only in the installed app/);
  });

  it('Show in Finder reveals a backup in the tool’s backups folder', async () => {
    const backup = path.join(backups, 'config-0123-20261204-031500-00.bak');
    writeFileSync(backup, 'Host a\n');
    assert.equal((await send('app:show-in-finder', { path: backup })).ok, true);
    assert.deepEqual(recorded.revealedPaths, [backup]);
  });

  it('Show in Finder refuses, with a coded failure, any path that is not an existing backup', async () => {
    assert.ok(harness);
    const outside = path.join(harness.temp, 'outside.txt');
    writeFileSync(outside, 'x');
    const link = path.join(backups, 'link.bak');
    symlinkSync(outside, link);
    const refused = [
      harness.configFile, // the user's ssh config
      path.join(backups, '..', '..', '..', '.ssh', 'config'), // climbing out of the folder
      link, // a link inside the folder leading out
      path.join(backups, 'missing.bak'), // not there
      backups, // the folder itself
      '/etc/passwd',
    ];
    for (const file of refused) {
      const answer = await send('app:show-in-finder', { path: file });
      assert.equal(answer.ok, false, file);
      assert.equal(answer.error?.code, 'not-allowed', file);
      assert.equal(answer.error.message.code, 'fix.not-a-backup', file);
      assert.equal(answer.error.hint?.code, 'fix.hint.backups-folder', file);
    }
    assert.equal(recorded.revealedPaths.length, 1, 'only the backup of the test before was revealed');
  });

  it('window:fit sets the height, width unchanged, clamped to the work area, and the window is re-anchored', async () => {
    const window = popoverWindow();
    window.position = [-1, -1];
    assert.equal((await send('window:fit', { height: 300 })).ok, true);
    assert.deepEqual(window.getSize(), [380, 300]);
    assert.notDeepEqual(window.getPosition(), [-1, -1], 'electron-menubar repositions on resize');
    // The stand-in display's work area is 957 px high, the contract's maximum 800.
    assert.equal((await send('window:fit', { height: 800 })).ok, true);
    assert.deepEqual(window.getSize(), [380, 800]);
    assert.equal((await send('window:fit', { height: 900 })).ok, false, 'over the contract’s maximum');
    assert.deepEqual(window.sizes, [
      [380, 300],
      [380, 800],
    ]);
  });

  it('a fitted height stays within the contract’s bounds and the display’s work area', async () => {
    // After the harness: popover.ts imports `electron`, which only the harness's hook turns into the fake.
    const { fittedHeight } = await import('../../main/electron/popover.ts');
    assert.equal(fittedHeight(300.4, 957), 300);
    assert.equal(fittedHeight(790, 600), 600, 'a short screen');
    assert.equal(fittedHeight(900, 957), 800, 'the contract’s maximum');
    assert.equal(fittedHeight(40, 957), 120, 'the contract’s minimum');
    assert.equal(fittedHeight(300, 80), 120, 'never under the minimum, even on a tiny work area');
  });

  it('Quit quits the app (after the controller has stopped)', async () => {
    const requests = recorded.quitRequests;
    assert.equal((await send('app:menu', { item: 'quit' })).ok, true);
    assert.ok(recorded.quitRequests > requests, 'app.quit was called');
    await until(() => recorded.quitted, 'the quit', 10_000);
  });
});
