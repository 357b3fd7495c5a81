/** The controller's platform actions (ControllerDeps['shell']) on Electron's shell and app. */
import { app, shell } from 'electron';
import type { ControllerDeps } from '../app/app-controller.ts';
import type { Logger } from '../app/ports.ts';
import type { MenuActions } from './context-menu.ts';
import type { Popover } from './popover.ts';

/**
 * System Settings panes by URL. Notifications lists apps by bundle id; the menu-bar icon switch lives in
 * Control Center (macOS 13–15) and Menu Bar (macOS 26, which opens the former's URL there too). Local
 * Network (macOS 15+) has no anchor of its own (https://github.com/feedback-assistant/reports/issues/556):
 * Privacy & Security opens, where Local Network is one of the rows.
 */
export const SYSTEM_SETTINGS_URL = {
  notifications: 'x-apple.systempreferences:com.apple.Notifications-Settings.extension',
  'menu-bar': 'x-apple.systempreferences:com.apple.ControlCenter-Settings.extension',
  'local-network': 'x-apple.systempreferences:com.apple.settings.PrivacySecurity.extension',
} as const;

export function createShell(options: {
  logFile: () => string;
  popover: () => Popover | null;
  /** The tray menu's actions, which the popover's ⋯ menu shares (created after the shell). */
  actions: () => Pick<MenuActions, 'checkForUpdates' | 'quit'> | null;
  log: Logger;
}): ControllerDeps['shell'] {
  const { log } = options;
  return {
    async openLog() {
      const error = await shell.openPath(options.logFile());
      if (error) log.warn('cannot open the log', { error });
    },
    async openSystemSettings(pane) {
      await shell.openExternal(SYSTEM_SETTINGS_URL[pane]);
    },
    hideWindow: () => options.popover()?.hide(),
    setLaunchAtLogin(on) {
      // A development run would register the bare Electron binary as a login item.
      if (!app.isPackaged) {
        log.info('launch at login is set only by the installed app', { on });
        return;
      }
      app.setLoginItemSettings({ openAtLogin: on });
    },
    appMenu(item) {
      if (item === 'about') return app.showAboutPanel();
      const actions = options.actions();
      if (!actions) return log.warn('the menu is not ready yet', { item });
      if (item === 'check-updates') actions.checkForUpdates();
      else actions.quit();
    },
    // The app's handler has already checked the path is one of the tool's backups (backup-reveal.ts).
    showInFinder: async (file) => shell.showItemInFolder(file),
    fitHeight: (height) => options.popover()?.fitHeight(height),
  };
}
