/**
 * The menu-bar app's main process: a list of setup calls (Electron Fiddle's
 * layout). Everything with rules lives in the Electron-free controller
 * (main/app); the files beside this one are thin adapters.
 */
import path from 'node:path';
import {
  app,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  shell as electronShell,
} from 'electron';
import { AppController, type ControllerDeps } from '../app/app-controller.ts';
import type { Logger } from '../app/ports.ts';
import { defaultUserConfigPath } from '../core/ssh/default-paths.ts';
import { JsonSettingsStore } from '../platform/json-settings-store.ts';
import { JsonStateStore } from '../platform/json-state-store.ts';
import { PollingNetworkMonitor } from '../platform/network-monitor.ts';
import { systemClock } from '../platform/system-clock.ts';
import { chooseSsh, findSshClients, loginShellSsh, type SshCandidate } from '../platform/user-ssh.ts';
import { registerIpcHandlers, sendEvent } from './ipc-handlers.ts';
import { appRoot } from './app-root.ts';
import type { MenuActions } from './context-menu.ts';
import { createMenuActions, popoverOpener } from './menu-actions.ts';
import {
  checkTrayVisibility,
  claimSingleInstance,
  listenForReopen,
  setupApplicationMenu,
  setupLifecycle,
} from './lifecycle.ts';
import { setupLogging } from './logging.ts';
import { createNotifier } from './notifier.ts';
import { createMenubarPopover, type Popover } from './popover.ts';
import { createPowerEvents } from './power-events.ts';
import { reopenGate } from './reopen-gate.ts';
import { startupFailureMessage, type StartupOutcome } from './startup-race.ts';
import { RENDERER_URL } from './renderer-files.ts';
import { registerRendererScheme, serveRenderer } from './renderer-protocol.ts';
import { restrictPermissions, hardenAllWebContents } from './security.ts';
import { createShell } from './shell.ts';
import { exposeTestHooks, testEnvironment, type TestHooks } from './test-hooks.ts';
import type { TrayIconLocation } from './tray-icon-paths.ts';
import { createTrayView, trayImage } from './tray.ts';
import { createUpdater } from './updates.ts';

const root = appRoot(import.meta.url);
// Every IPQOS_TEST_* switch is off in the installed app (test-hooks.ts).
const testEnv = testEnvironment(app.isPackaged);
const dist = testEnv.dist ?? path.join(root, 'dist');
const preload = path.join(dist, 'preload', 'preload.cjs');
const rendererDir = path.join(dist, 'renderer');
const reopen = reopenGate();

/** How long the menu bar takes to place a new icon before its bounds mean anything. */
const TRAY_SETTLE_MS = 1500;

let controller: AppController | null = null;
let popover: Popover | null = null;
let resolveReady: () => void = () => undefined;
const hooks: TestHooks = {
  ready: new Promise<void>((resolve) => (resolveReady = resolve)),
  isReady: () => false,
  controller: () => controller,
  popover: () => popover,
  preload,
  rendererUrl: RENDERER_URL,
};
exposeTestHooks(hooks, app.isPackaged);

// ── Before ready ──
app.setName('IPQoS Doctor');
if (testEnv.userData) app.setPath('userData', testEnv.userData);
if (claimSingleInstance()) {
  listenForReopen(reopen);
  registerRendererScheme();
  app.dock?.hide();
  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => fatal(error));
}

async function onReady(): Promise<void> {
  const { logger: log, file: logFile } = setupLogging(
    testEnv.userData ? path.join(testEnv.userData, 'logs') : undefined,
  );
  hardenAllWebContents(log);
  restrictPermissions();
  serveRenderer(rendererDir, log);
  setupApplicationMenu();

  app.setAboutPanelOptions({ applicationName: 'IPQoS Doctor', applicationVersion: app.getVersion() });
  let menuActions: MenuActions | null = null;
  const shell = createShell({ logFile, popover: () => popover, actions: () => menuActions, log });
  // Asked while the tray and the page come up (a slow profile must not delay the icon); the first check
  // waits for the answer.
  const sshClients: SshCandidate[] = [];
  const sshFound = userSshClients(log).then((found) => void sshClients.push(...found));
  const ctl = (controller = createController(log, shell, sshClients));

  // Handlers before the window: the page may call as soon as it loads.
  registerIpcHandlers(
    ipcMain,
    ctl,
    () => ({ webContentsId: popover?.webContents()?.id ?? null, url: RENDERER_URL }),
    log,
  );

  const location: TrayIconLocation = {
    packaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: root,
  };
  const view = createMenubarPopover({
    url: RENDERER_URL,
    preload,
    // An image, not a path: for a missing file electron-menubar's ESM build falls back to a path built
    // from __dirname, which does not exist in ESM (lib/index.mjs, appReady), and the tray never appears.
    icon: trayImage({ nativeImage, Menu }, 'idle', location, log),
    tooltip: 'IPQoS Doctor',
    devTools: !app.isPackaged,
  });
  popover = view;
  const openAt = popoverOpener(ctl, view, log);
  const actions = (menuActions = createMenuActions({
    controller: ctl,
    openAt,
    openLog: () => shell.openLog(),
    updater: createUpdater({ isPackaged: app.isPackaged, log: plainLog(log) }),
    log,
  }));
  const tray = createTrayView({
    platform: { nativeImage, Menu },
    popover: view,
    location,
    actions,
    text: (state) => ctl.tray(state),
    log,
  });
  ctl.onState((state) => {
    tray.update(state);
    sendEvent(view, 'state', state);
  });
  ctl.onFocusHost((alias) => openAt({ alias }));

  const started = await view.ready;
  if (!started.ok) return startupFailed(started, log, logFile());
  tray.update(ctl.state());
  setupLifecycle(ctl, view, log, reopen);
  // Right after creation the icon may not be laid out yet: look once it has had time to appear.
  const trayChecked = new Promise<void>((resolve) =>
    setTimeout(() => {
      if (checkTrayVisibility(view, ctl, log)) void view.showAsWindow();
      resolve();
    }, TRAY_SETTLE_MS),
  );
  await sshFound;
  await ctl.start();
  await trayChecked;
  hooks.isReady = () => true;
  resolveReady();
  log.info('ready', { version: app.getVersion(), packaged: app.isPackaged });
}

/**
 * The ssh clients here, the user's Terminal's first (their login shell's, not the one launchd's PATH
 * finds from Finder), then the known places (user-ssh.ts). Looked for once, at start.
 */
async function userSshClients(log: Logger): Promise<SshCandidate[]> {
  const clients = await findSshClients({ fromShell: await loginShellSsh() }).catch(() => []);
  const chosen = chooseSsh(clients, null);
  log.info('ssh client', {
    path: chosen?.path ?? null,
    version: chosen?.version ?? null,
    from: chosen?.from ?? null,
    found: clients.map((client) => `${client.path} ${client.version ?? ''}`.trim()),
  });
  return clients;
}

/** Settings and per-network results in the app's data folder (a temporary one under the smoke test). */
function createController(
  log: Logger,
  shell: ControllerDeps['shell'],
  clients: SshCandidate[],
): AppController {
  const userData = app.getPath('userData');
  const settings = new JsonSettingsStore(path.join(userData, 'settings.json'), log);
  if (testEnv.home) {
    settings.write({ ...settings.read(), configFile: defaultUserConfigPath(testEnv.home) });
  }
  // The OS login item follows the setting (the controller updates it on each change).
  shell.setLaunchAtLogin(settings.read().launchAtLogin);
  return new AppController({
    clock: systemClock,
    network: new PollingNetworkMonitor(),
    power: createPowerEvents(powerMonitor),
    notifier: createNotifier(Notification, log),
    settings,
    store: new JsonStateStore(path.join(userData, 'results.json'), log),
    log,
    // Checks run in a worker thread: spawning ssh blocks its thread until the child has exec'd, which
    // in-process kept the event loop's p99 over 50 ms during a check (npm run bench:app). Workers load
    // from app.asar since https://github.com/electron/electron/pull/33216.
    core: {
      runner: 'worker',
      // Read at each check, so a choice in Preferences applies from the next one. Undefined (none found):
      // the core looks for `ssh` on PATH and reports it missing in its own words.
      get ssh() {
        return chooseSsh(clients, settings.read().sshPath ?? null)?.path;
      },
      ...(testEnv.home ? { home: testEnv.home } : {}),
    },
    sshClients: () => {
      const chosen = chooseSsh(clients, settings.read().sshPath ?? null);
      return chosen
        ? { path: chosen.path, choices: clients.map(({ path, version }) => ({ path, version })) }
        : null;
    },
    // The tray, menus and notifications speak the popover's language ('system': macOS's order).
    systemLanguages: () => app.getPreferredSystemLanguages(),
    shell,
  });
}

/** electron-updater's logger takes strings only. */
function plainLog(log: Logger): { info(m: string): void; warn(m: string): void; error(m: string): void } {
  return { info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) };
}

/** The popover never came up: say so and what to do, instead of an icon with an empty menu forever. */
async function startupFailed(
  outcome: Exclude<StartupOutcome, { ok: true }>,
  log: Logger,
  logFile: string,
): Promise<void> {
  log.error('start-up failed: the popover did not load', { reason: outcome.reason, detail: outcome.detail });
  const text = startupFailureMessage(outcome, logFile);
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: text.title,
    message: text.message,
    detail: text.detail,
    buttons: text.buttons,
    defaultId: 0,
  });
  if (response === 1) await electronShell.openPath(logFile);
  app.exit(1);
}

/** The stack goes to stderr (and the log, when it is up); the user gets what to do. */
function fatal(error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`IPQoS Doctor could not start: ${detail}`);
  dialog.showErrorBox(
    'IPQoS Doctor could not start',
    'Quit, then open IPQoS Doctor again; if it happens again, install it again from the .dmg. ' +
      'Meanwhile the command line checks your hosts: ipqos-doctor check. ' +
      'Please report this with the log (~/Library/Logs/IPQoS Doctor/main.log).',
  );
  app.exit(1);
}
