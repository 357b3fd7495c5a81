/**
 * `npm run preview [-- --config FILE] [--ssh PATH] [--refuse-notifications]`:
 * the popover in a browser, backed by the real controller and core. Settings
 * and results live in a temp folder that goes when the preview stops;
 * notifications are printed. Prints the URL to open; Ctrl-C stops it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppController, type PersistedState } from '../app/app-controller.ts';
import type { AlertNotification, Logger, Notifier, NotifyResult } from '../app/ports.ts';
import { JsonSettingsStore } from '../platform/json-settings-store.ts';
import { JsonStateStore } from '../platform/json-state-store.ts';
import { PollingNetworkMonitor } from '../platform/network-monitor.ts';
import { systemClock } from '../platform/system-clock.ts';
import { WallClockWake } from '../platform/wall-clock-wake.ts';
import { DEFAULT_SETTINGS, type Settings } from '../shared/ipc-contract.ts';
import { buildPreviewAssets } from './preview-assets.ts';
import { startPreviewServer, type PreviewServer } from './preview-server.ts';

export interface PreviewOptions {
  /** The ssh config to use; null: ssh's default (~/.ssh/config). */
  configFile: string | null;
  /** The OpenSSH client; default: found on PATH by the core. */
  ssh?: string;
  /** Home for the core (where ~/.ssh is looked up); tests pass a temp dir. */
  home?: string;
  /** Notifications fail as an unsigned macOS app's do, to show that banner. */
  refuseNotifications?: boolean;
  /** Preset settings (language, excluded hosts). */
  settings?: Partial<Settings>;
  /** Where notices, log lines and shell actions go. */
  print?: (line: string) => void;
}

export interface Preview {
  server: PreviewServer;
  controller: AppController;
  stateDir: string;
  stop(): Promise<void>;
}

export const NOT_ALLOWED_REASON = 'Notifications are not allowed for this application';

/** A notifier for a terminal: prints each notification, or refuses them all. */
export class PrintingNotifier implements Notifier {
  readonly #print: (line: string) => void;
  readonly #refuse: boolean;
  constructor(print: (line: string) => void, refuse = false) {
    this.#print = print;
    this.#refuse = refuse;
  }
  isSupported(): boolean {
    return true;
  }
  async show(alert: AlertNotification): Promise<NotifyResult> {
    if (this.#refuse) return { shown: false, reason: NOT_ALLOWED_REASON };
    this.#print(`notification: ${alert.title.text} — ${alert.body.text}`);
    return { shown: true };
  }
  onClick(): () => void {
    return () => undefined;
  }
}

function printingLogger(print: (line: string) => void): Logger {
  const line = (level: string) => (message: string, data?: Record<string, unknown>) =>
    print(`${level}: ${message}${data ? ` ${JSON.stringify(data)}` : ''}`);
  return { info: () => undefined, warn: line('warn'), error: line('error') };
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const print = options.print ?? ((line: string) => console.log(line));
  const stateDir = await mkdtemp(join(tmpdir(), 'ipqos-preview-'));
  const stop: Array<() => Promise<void>> = [() => rm(stateDir, { recursive: true, force: true })];
  const stopAll = async () => {
    for (const step of stop.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    const log = printingLogger(print);
    const settingsFile = join(stateDir, 'settings.json');
    await writeFile(
      settingsFile,
      JSON.stringify({ ...DEFAULT_SETTINGS, ...options.settings, configFile: options.configFile }),
    );
    const network = new PollingNetworkMonitor();
    const controller = new AppController({
      clock: systemClock,
      network,
      power: new WallClockWake(),
      notifier: new PrintingNotifier(print, options.refuseNotifications),
      settings: new JsonSettingsStore(settingsFile, log),
      store: new JsonStateStore<PersistedState>(join(stateDir, 'state.json'), log),
      log,
      core: {
        ...(options.ssh !== undefined ? { ssh: options.ssh } : {}),
        ...(options.home !== undefined ? { home: options.home } : {}),
      },
      shell: {
        openLog: async () => print('preview: the app would open its log here'),
        openSystemSettings: async (pane) => print(`preview: the app would open System Settings › ${pane}`),
        hideWindow: () => print('preview: the app would hide the popover (Esc)'),
        setLaunchAtLogin: (on) => print(`preview: launch at login ${on ? 'on' : 'off'} (not applied)`),
        appMenu: (item) => print(`preview: the app would do ${item} here`),
        showInFinder: async (path) => print(`preview: the app would show ${path} in Finder`),
      },
    });
    const assets = await buildPreviewAssets();
    // Registered before start: a start that fails half-way has timers and pollers to stop.
    stop.push(() => controller.stop());
    await controller.start();
    const server = await startPreviewServer({ backend: controller, assets, log });
    stop.push(() => server.close());
    return { server, controller, stateDir, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      ssh: { type: 'string' },
      'refuse-notifications': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('usage: npm run preview [-- --config FILE] [--ssh PATH] [--refuse-notifications]');
    return;
  }
  const preview = await startPreview({
    configFile: values.config === undefined ? null : resolve(values.config),
    ...(values.ssh !== undefined ? { ssh: values.ssh } : {}),
    refuseNotifications: values['refuse-notifications'],
  });
  console.log(`IPQoS Doctor preview: open ${preview.server.url}`);
  console.log('(loopback only; the token in the URL is required. Ctrl-C stops.)');
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void preview.stop().then(() => console.log('preview stopped'));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(`preview: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
