/** What the controller is built from: the platform's ports, the core's options, and the shell's actions. */
import type { AppState } from '../shared/ipc-contract.ts';
import type { PersistedState } from './network-results.ts';
import type {
  Clock,
  Logger,
  NetworkMonitor,
  Notifier,
  PowerEvents,
  SettingsStore,
  StateStore,
} from './ports.ts';

export interface ControllerDeps {
  clock: Clock;
  network: NetworkMonitor;
  power?: PowerEvents;
  notifier: Notifier;
  settings: SettingsStore;
  store: StateStore<PersistedState>;
  log: Logger;
  /** `runner: 'worker'` runs each check in a worker thread, so ssh spawns never stall this event loop. */
  core?: { ssh?: string; home?: string; runner?: 'in-process' | 'worker' };
  /** Overrides for `watch` and tests: the interval (watch takes seconds) and the re-check delay. */
  timing?: { intervalMs?: number; recheckDelayMs?: number };
  /** The app's ssh client and the others found, for Preferences (main/electron; absent in `watch`). */
  sshClients?: () => AppState['sshClient'];
  /** The system's languages, for the 'system' setting (default: LC_ALL, LC_MESSAGES, LANG). */
  systemLanguages?: () => readonly string[];
  /** Platform actions; no-ops or logs outside Electron. */
  shell: {
    openLog(): Promise<void>;
    openSystemSettings(pane: 'menu-bar' | 'notifications' | 'local-network'): Promise<void>;
    hideWindow(): void;
    setLaunchAtLogin(on: boolean): void;
    /** Issue 17: the popover's ⋯ menu (Check for Updates…, About, Quit) and Show in Finder. */
    appMenu?(item: 'check-updates' | 'about' | 'quit'): void;
    showInFinder?(path: string): Promise<void>;
    /** Issue 17: the popover window's height to fit its content (capped at its maximum). */
    fitHeight?(height: number): void;
  };
}

/** The platform actions where there is no window, log viewer or login item (`watch`, tests): none. */
export const HEADLESS_SHELL: ControllerDeps['shell'] = Object.freeze({
  openLog: () => Promise.resolve(),
  openSystemSettings: () => Promise.resolve(),
  hideWindow: () => undefined,
  setLaunchAtLogin: () => undefined,
});
