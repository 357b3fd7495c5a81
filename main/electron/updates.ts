// "Check for updates…": electron-updater against this repository's GitHub releases (electron-builder.yml
// `publish`). Off in development: only the packaged app loads electron-updater at all.
//
// No update installs unverified: electron-updater checks the downloaded zip against the sha512 in the
// release's latest-mac.yml, then hands it to Squirrel.Mac (Electron's autoUpdater), which installs it
// only if its code signature satisfies the running app's designated requirement (same Developer ID
// team and bundle id). A failure arrives as an `error` event, is logged, and the app stays as it is.
// Nothing here relaxes that: no forceDevUpdateConfig, no downgrades, no prereleases.

import { appMessage } from '../app/app-messages.ts';
import type { Message } from '../shared/ipc-contract.ts';

export interface UpdateLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface Updater {
  /** Checks once (a check already under way is shared); resolves to a sentence for the user (a Message: the menu says it in the user's language). */
  checkForUpdates(): Promise<Message>;
}

/** The slice of electron-updater's AppUpdater used here, so tests can pass a fake. */
export interface AutoUpdaterLike {
  logger: UpdateLog | null;
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  readonly currentVersion: { readonly version: string };
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<{
    readonly isUpdateAvailable: boolean;
    readonly updateInfo: { readonly version: string };
    readonly downloadPromise?: Promise<unknown> | null;
  } | null>;
}

export interface CreateUpdaterOptions {
  /** `app.isPackaged` */
  isPackaged: boolean;
  log: UpdateLog;
  /** Loads electron-updater's autoUpdater; tests replace it. */
  loadAutoUpdater?: () => Promise<AutoUpdaterLike>;
}

/** What the dialog says in a build that does not update itself (the menu says it in the user's language). */
export const DEVELOPMENT_MESSAGE = appMessage('updates.development');

async function loadElectronUpdater(): Promise<AutoUpdaterLike> {
  // Loaded on demand: electron-updater needs Electron's app, which exists only inside Electron.
  const electronUpdater = await import('electron-updater');
  return electronUpdater.default.autoUpdater;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createUpdater({
  isPackaged,
  log,
  loadAutoUpdater = loadElectronUpdater,
}: CreateUpdaterOptions): Updater {
  if (!isPackaged) {
    return {
      checkForUpdates: async () => {
        log.info('updates: skipped in development');
        return DEVELOPMENT_MESSAGE;
      },
    };
  }

  let updater: Promise<AutoUpdaterLike> | undefined;
  let running: Promise<Message> | undefined;

  const configured = (): Promise<AutoUpdaterLike> => {
    updater ??= loadAutoUpdater().then((autoUpdater) => {
      autoUpdater.logger = log;
      autoUpdater.autoDownload = true;
      autoUpdater.autoInstallOnAppQuit = true;
      autoUpdater.allowPrerelease = false;
      autoUpdater.allowDowngrade = false;
      // Without a listener an `error` event would throw; a rejected signature check arrives this way.
      autoUpdater.on('error', (error) => log.error(`updates: ${messageOf(error)}`));
      return autoUpdater;
    });
    return updater;
  };

  const check = async (): Promise<Message> => {
    try {
      const autoUpdater = await configured();
      const result = await autoUpdater.checkForUpdates();
      if (result === null) return appMessage('updates.inactive');
      const current = autoUpdater.currentVersion.version;
      if (!result.isUpdateAvailable) return appMessage('updates.up-to-date', { current });
      // The download runs on; its failure is reported by the `error` listener and logged here.
      result.downloadPromise?.catch((error: unknown) => log.warn(`updates: download: ${messageOf(error)}`));
      return appMessage('updates.downloading', { version: result.updateInfo.version, current });
    } catch (error) {
      log.error(`updates: check failed: ${messageOf(error)}`);
      return appMessage('updates.failed', { reason: messageOf(error) });
    }
  };

  return {
    checkForUpdates: () => {
      running ??= check().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
