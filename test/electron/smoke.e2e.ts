/**
 * Smoke test of the real app under Playwright's `_electron`: it launches,
 * the tray exists, the popover toggles, one IPC round trip returns a valid
 * AppState, and IPC refuses a foreign window and a malformed request.
 *
 * Needs the Electron binary, which exists on the macOS workflow's runner and
 * not on this project's Linux CI: without it the test skips and says so,
 * unless IPQOS_REQUIRE_ELECTRON=1 (the macOS workflow sets it), where it fails.
 * It builds into a temporary folder and points the app at a temporary home,
 * data folder and ssh config, so it never touches ~/.ssh or a dist/ in use.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { buildAll } from '../../build/scripts/build.ts';
import { findElectronBinary } from '../../main/electron/electron-binary.ts';
import type { TestHooks } from '../../main/electron/test-hooks.ts';
import { parseResult, type IpcResult, type IpqosApi } from '../../main/shared/ipc-contract.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const binary = findElectronBinary();
const required = process.env['IPQOS_REQUIRE_ELECTRON'] === '1';
const skip =
  !binary.found && !required
    ? `no Electron binary here (${binary.looked}); the macOS workflow runs this with IPQOS_REQUIRE_ELECTRON=1`
    : false;

type HookGlobal = typeof globalThis & { __ipqos?: TestHooks };
/** The page's `window` as far as these tests use it (this tsconfig has no DOM types). */
type PageGlobal = { ipqos?: IpqosApi; location: { href: string } };

describe('menu-bar app smoke test (Playwright _electron)', { timeout: 180_000 }, () => {
  let root = '';
  let app: ElectronApplication | null = null;
  let configFile = '';

  before(async () => {
    if (skip) return;
    if (!binary.found)
      assert.fail(`IPQOS_REQUIRE_ELECTRON=1 but there is no Electron binary (${binary.looked})`);
    // A throwaway app root: the build, and links to what the built app loads from the repository.
    root = mkdtempSync(path.join(tmpdir(), 'ipqos-smoke-'));
    await buildAll(repo, path.join(root, 'dist'));
    copyFileSync(path.join(repo, 'package.json'), path.join(root, 'package.json'));
    symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
    symlinkSync(path.join(repo, 'build'), path.join(root, 'build'));
    const home = path.join(root, 'home');
    mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
    configFile = path.join(home, '.ssh', 'config');
    // One host on a closed local port: a check has something to do and reaches nothing outside.
    writeFileSync(configFile, 'Host smoke-host\n  HostName 127.0.0.1\n  Port 9\n', { mode: 0o600 });
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    app = await _electron.launch({
      executablePath: binary.path,
      args: ['dist/main/electron/main.js'],
      cwd: root,
      env: {
        ...env,
        IPQOS_TEST_HOOKS: '1',
        IPQOS_TEST_HOME: home,
        IPQOS_TEST_USER_DATA: path.join(root, 'user-data'),
      },
      timeout: 60_000,
    });
    // The hook appears when main.js has run; `ready` resolves once tray, popover and controller are up.
    const deadline = Date.now() + 60_000;
    while (!(await app.evaluate(() => Boolean((globalThis as HookGlobal).__ipqos)))) {
      assert.ok(Date.now() < deadline, 'the app never exposed its test hooks');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await app.evaluate(() => (globalThis as HookGlobal).__ipqos?.ready);
  });

  after(async () => {
    // Closing quits through before-quit, which stops the controller (and any ssh it runs) first.
    await app?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const popoverPage = async (): Promise<Page> => {
    assert.ok(app);
    const page = await app.firstWindow();
    assert.equal(page.url(), 'ipqos://popover/index.html');
    return page;
  };

  it('has a tray icon', { skip }, async () => {
    assert.ok(app);
    const tray = await app.evaluate(() => {
      const icon = (globalThis as HookGlobal).__ipqos?.popover()?.tray();
      return icon ? { destroyed: icon.isDestroyed(), bounds: icon.getBounds() } : null;
    });
    assert.ok(tray, 'no tray');
    assert.equal(tray.destroyed, false);
    // Logged for the workflow's record: a drawn icon has a size (macOS 26 may hide it; see tray-visibility.ts).
    console.log(`tray bounds: ${JSON.stringify(tray.bounds)}`);
  });

  it('toggles the popover', { skip }, async () => {
    assert.ok(app);
    const visibility = await app.evaluate(async () => {
      const popover = (globalThis as HookGlobal).__ipqos?.popover();
      if (!popover) return null;
      popover.hide(); // shown as a window at launch if this runner's menu bar hides the icon
      await popover.toggle();
      const opened = popover.isVisible();
      await popover.toggle();
      return { opened, closed: !popover.isVisible() };
    });
    assert.deepEqual(visibility, { opened: true, closed: true });
  });

  it(
    'answers state:get from the popover with a valid AppState for the temporary config',
    { skip },
    async () => {
      const page = await popoverPage();
      const raw = await page.evaluate(() =>
        (globalThis as unknown as PageGlobal).ipqos?.invoke('state:get', {}),
      );
      const result = parseResult('state:get', raw);
      assert.equal(result.ok, true, JSON.stringify(raw));
      if (result.ok) assert.equal(result.value.configFile, configFile);
    },
  );

  it('gives the page window.ipqos and nothing of Node', { skip }, async () => {
    const page = await popoverPage();
    const surface = await page.evaluate(() => ({
      api: Object.keys((globalThis as unknown as PageGlobal).ipqos ?? {}).sort(),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    assert.deepEqual(surface, { api: ['invoke', 'on'], require: 'undefined', process: 'undefined' });
  });

  it('refuses a malformed request from the popover', { skip }, async () => {
    const page = await popoverPage();
    const result = (await page.evaluate(() =>
      (globalThis as unknown as PageGlobal).ipqos?.invoke('fix:apply', {
        hosts: ['-oProxyCommand=touch /tmp/x'],
        planHash: 'nope',
      }),
    )) as IpcResult<unknown>;
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.code, 'invalid-request');
  });

  it('refuses IPC from a foreign window, even with our preload on our page', { skip }, async () => {
    assert.ok(app);
    const result = await app.evaluate(async ({ BrowserWindow }) => {
      const hooks = (globalThis as HookGlobal).__ipqos;
      if (!hooks) return null;
      const foreign = new BrowserWindow({
        show: false,
        webPreferences: { preload: hooks.preload, sandbox: true, contextIsolation: true },
      });
      try {
        await foreign.loadURL(hooks.rendererUrl);
        return (await foreign.webContents.executeJavaScript(
          "window.ipqos.invoke('state:get', {})",
        )) as unknown;
      } finally {
        foreign.destroy();
      }
    });
    assert.deepEqual((result as IpcResult<unknown>).ok, false, JSON.stringify(result));
    assert.equal((result as { error: { code: string } }).error.code, 'not-allowed');
  });

  it(
    'serves the popover over ipqos:// with the CSP header, and nothing outside dist/renderer',
    { skip },
    async () => {
      assert.ok(app);
      const served = await app.evaluate(async ({ net }) => {
        const page = await net.fetch('ipqos://popover/index.html');
        const outside = await net.fetch('ipqos://popover/..%2f..%2fpackage.json');
        return {
          status: page.status,
          csp: page.headers.get('content-security-policy'),
          outside: outside.status,
        };
      });
      assert.equal(served.status, 200);
      assert.match(served.csp ?? '', /default-src 'none'/);
      assert.equal(served.outside, 404);
    },
  );

  it('does not let the popover navigate away', { skip }, async () => {
    const page = await popoverPage();
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobal).location.href = 'http://127.0.0.1:9/';
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(page.url(), 'ipqos://popover/index.html');
  });
});
