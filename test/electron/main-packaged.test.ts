/**
 * main.ts as the installed app (`app.isPackaged`): every IPQOS_TEST_* switch
 * is ignored (no test hooks, no temporary data folder, home or dist: the
 * settings stay where Electron keeps them), the tray images come from
 * Contents/Resources/tray, and the login item is set for real. The home comes
 * from HOME, a temporary one, so the real ~/.ssh is never read.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT } from '../../build/scripts/bundle.ts';
import { trayIconPath } from '../../main/electron/tray-icon-paths.ts';
import { fake, startMain, until, type Harness } from './main-harness.ts';

const { recorded } = fake;

describe('main.ts packaged (stand-in electron)', () => {
  const resources = mkdtempSync(path.join(tmpdir(), 'ipqos-resources-'));
  let harness: Harness | null = null;
  after(async () => {
    await harness?.cleanup();
    rmSync(resources, { recursive: true, force: true });
  });

  it('ignores the IPQOS_TEST_* switches and uses the packaged paths', async () => {
    symlinkSync(path.join(ROOT, 'build', 'tray'), path.join(resources, 'tray'));
    harness = await startMain({
      fake: { isPackaged: true, resourcesPath: resources },
      homeFromEnv: true,
    });
    const h = harness;
    assert.equal(h.hooks(), undefined, 'no test hooks in the installed app');
    await until(() => recorded.trays.length > 0, 'the tray');
    const [tray] = recorded.trays;
    assert.ok(tray);
    assert.equal(
      (tray.image as { file: string }).file,
      trayIconPath('idle', { packaged: true, resourcesPath: resources, appPath: ROOT }),
    );
    assert.ok(String((tray.image as { file: string }).file).startsWith(resources));
    assert.deepEqual(recorded.loginItems, [{ openAtLogin: false }], 'the login item follows the setting');
    // The page comes from the app's own dist/, not IPQOS_TEST_DIST: here that is the repository's.
    const served = await recorded.protocolHandlers.get('ipqos')?.({ url: 'ipqos://popover/index.html' });
    const built = existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'));
    assert.equal(served?.type === 'error', !built);
    // Up (a built repository) or the start-up dialog (none): either way it ends, and only in its own places.
    await until(
      () => recorded.messageBoxes.length > 0 || existsSync(path.join(h.electronPaths, 'results.json')),
      'start-up to end',
    );
    assert.ok(!existsSync(path.join(h.temp, 'user-data')), 'IPQOS_TEST_USER_DATA was ignored');
  });
});
