/**
 * main.ts under a stand-in `electron` module (fake-electron.ts), on any
 * machine: the setup order (scheme before ready, IPC before the window), the
 * popover's security options, the tray, one IPC round trip through the real
 * controller on a temporary ssh config, state pushes, and a quit that waits
 * for the controller. The Playwright smoke test covers real Electron on a Mac.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { trayIconPath } from '../../main/electron/tray-icon-paths.ts';
import { INVOKE_CHANNELS, parseResult } from '../../main/shared/ipc-contract.ts';
import { fake, startMain, whenReady, type Harness } from './main-harness.ts';

const { recorded } = fake;
const RENDERER_URL = 'ipqos://popover/index.html';
/** Our IPC channels (electron-log registers one of its own for renderer logs). */
const ours = (): string[] => [...recorded.ipcHandlers.keys()].filter((c) => c.startsWith('ipqos:')).sort();

describe('main.ts wiring (stand-in electron)', () => {
  let harness: Harness | null = null;
  let configFile = '';
  after(async () => harness?.cleanup());

  it('comes up on ready: IPC handlers for every channel, one popover window, a tray', async () => {
    harness = await startMain({ holdReady: true });
    configFile = harness.configFile;
    // Before ready: the ipqos:// scheme, and nothing else.
    assert.deepEqual(recorded.schemes, [
      { scheme: 'ipqos', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    assert.deepEqual(ours(), []);
    assert.equal(recorded.windows.length, 0);
    harness.fireReady();
    await whenReady(harness);
    assert.deepEqual(ours(), INVOKE_CHANNELS.map((c) => `ipqos:${c}`).sort());
    assert.equal(recorded.windows.length, 1);
    assert.equal(recorded.trays.length, 1);
    assert.ok(recorded.applicationMenu, 'application menu (copy/paste, Cmd+Q) set');
    assert.ok(recorded.protocolHandlers.has('ipqos'));
    assert.deepEqual(recorded.errors, []);
  });

  it('creates the popover locked down and loads our page over ipqos://', async () => {
    const [window] = recorded.windows;
    assert.ok(window);
    const options = window.options;
    const prefs = options['webPreferences'] as Record<string, unknown>;
    assert.equal(options['resizable'], false);
    assert.deepEqual([options['width'], options['height']], [380, 560]);
    assert.equal(prefs['contextIsolation'], true);
    assert.equal(prefs['sandbox'], true);
    assert.equal(prefs['nodeIntegration'], false);
    assert.equal(prefs['webSecurity'], true);
    assert.equal(prefs['backgroundThrottling'], false);
    assert.match(String(prefs['preload']), /dist[/\\]preload[/\\]preload\.cjs$/);
    assert.equal(window.webContents.url, RENDERER_URL);
    assert.deepEqual(window.webContents.windowOpenHandler?.({ url: 'file:///etc/passwd' }), {
      action: 'deny',
    });
    let prevented = false;
    window.webContents.emit(
      'will-navigate',
      { preventDefault: () => (prevented = true) },
      'http://127.0.0.1:9/',
    );
    assert.equal(prevented, true);
    assert.equal(recorded.permissionCheck?.({}, 'media', 'ipqos://popover'), false);
    assert.equal(recorded.permissionCheck?.({}, 'clipboard-sanitized-write', 'ipqos://popover'), true);
    const outside = await recorded.protocolHandlers.get('ipqos')?.({
      url: 'ipqos://popover/..%2f..%2fpackage.json',
    });
    assert.equal(outside?.status, 404);
  });

  it('shows the state in the tray with a template image of build/tray', () => {
    const [tray] = recorded.trays;
    assert.ok(tray);
    const location = {
      packaged: false,
      resourcesPath: '',
      appPath: fileURLToPath(new URL('../../', import.meta.url)),
    };
    assert.equal((tray.image as { file: string }).file, trayIconPath('idle', location));
    assert.ok(tray.images.length >= 1, 'the state set an image');
    assert.notEqual(tray.tooltip, '');
  });

  it('answers the popover over IPC with the state of the temporary config, and refuses a foreign sender', async () => {
    const [window] = recorded.windows;
    const handler = recorded.ipcHandlers.get('ipqos:state:get');
    assert.ok(window && handler);
    const ours = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const result = parseResult('state:get', await handler(ours, {}));
    assert.equal(result.ok, true);
    if (result.ok) assert.equal(result.value.configFile, configFile);
    const foreign = {
      sender: { id: window.webContents.id + 100 },
      senderFrame: window.webContents.mainFrame,
    };
    assert.deepEqual(((await handler(foreign, {})) as { ok: boolean }).ok, false);
  });

  it('runs the ssh the login shell names, logs which, and offers the ones found in Preferences', async () => {
    assert.ok(harness);
    const log = readFileSync(path.join(harness.temp, 'user-data', 'logs', 'main.log'), 'utf8');
    const logged = /ssh client \{"path":"(\/[^"]+ssh)","version":"OpenSSH_/.exec(log);
    assert.ok(logged, 'the log names the client');
    const [window] = recorded.windows;
    assert.ok(window);
    const sender = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const state = parseResult('state:get', await recorded.ipcHandlers.get('ipqos:state:get')?.(sender, {}));
    assert.ok(state.ok);
    const client = state.ok ? state.value.sshClient : null;
    assert.equal(client?.path, logged[1]);
    assert.ok(
      client?.choices.some((choice) => choice.path === logged[1] && /^OpenSSH_/.test(choice.version ?? '')),
    );
    // A pick that is no longer there falls back to the first found.
    const set = await recorded.ipcHandlers.get('ipqos:settings:set')?.(sender, { sshPath: '/gone/bin/ssh' });
    assert.equal((set as { ok: boolean }).ok, true);
    const after = parseResult('state:get', await recorded.ipcHandlers.get('ipqos:state:get')?.(sender, {}));
    assert.equal(after.ok && after.value.sshClient?.path, logged[1]);
  });

  it('opens Privacy & Security for a Local Network problem', async () => {
    const [window] = recorded.windows;
    assert.ok(window);
    const sender = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const handler = recorded.ipcHandlers.get('ipqos:app:open-system-settings');
    assert.equal(((await handler?.(sender, { pane: 'local-network' })) as { ok: boolean }).ok, true);
    assert.deepEqual(recorded.openedUrls, [
      'x-apple.systempreferences:com.apple.settings.PrivacySecurity.extension',
    ]);
  });

  it('pushes state to the popover', () => {
    const [window] = recorded.windows;
    const pushed = window?.webContents.sent.filter((m) => m.channel === 'ipqos:state') ?? [];
    assert.ok(pushed.length >= 1, 'no state event sent');
  });

  it('holds quit until the controller has stopped, then quits and closes the popover window', async () => {
    fake.app.quit();
    assert.equal(recorded.quitted, false, 'quit went through without stopping the controller');
    const deadline = Date.now() + 10_000;
    while (!recorded.quitted && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(recorded.quitted, true);
    assert.equal(recorded.quitRequests, 2, 'one held, one after the stop');
    // electron-menubar's hideOnClose lets the window close once the app is quitting (its before-quit).
    assert.ok(
      recorded.windows.every((window) => window.isDestroyed()),
      'a window survived the quit',
    );
  });
});
