/**
 * App lifecycle: one instance, no Dock icon, a way back in when macOS 26 hides
 * the menu-bar icon, and a quit that stops the running check first.
 */
import { app, Menu, screen } from 'electron';
import type { AppController } from '../app/app-controller.ts';
import type { Logger } from '../app/ports.ts';
import { showPopover } from './menu-actions.ts';
import type { Popover } from './popover.ts';
import { guardQuit } from './quit-guard.ts';
import type { ReopenGate } from './reopen-gate.ts';
import { trayIconLooksHidden } from './tray-visibility.ts';

/** Before `ready`. False: another instance runs and was told to show itself; this one quits. */
export function claimSingleInstance(): boolean {
  if (app.requestSingleInstanceLock()) return true;
  app.quit();
  return false;
}

/**
 * The popover's keyboard shortcuts (copy and paste in its fields, Cmd+W, Cmd+Q) come from the
 * application menu, which a Dock-less app never shows but still needs.
 */
export function setupApplicationMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]),
  );
}

/** Whether the menu-bar icon is drawn; tells the controller, so the popover can say how to bring it back. */
export function checkTrayVisibility(popover: Popover, controller: AppController, log: Logger): boolean {
  const tray = popover.tray();
  if (process.platform !== 'darwin' || tray === null || tray.isDestroyed()) return false;
  const bounds = tray.getBounds();
  const hidden = trayIconLooksHidden(
    bounds,
    screen.getAllDisplays().map((display) => display.bounds),
  );
  if (hidden !== controller.state().menuBarIconHidden)
    log.info('menu-bar icon visibility', { hidden, bounds });
  controller.setMenuBarIconHidden(hidden);
  return hidden;
}

/**
 * Before the popover loads: opening the app again (Finder, Spotlight, `open -a`) is the way in when the
 * icon is hidden, and one that arrives during start-up is held until the popover is ready (reopen-gate.ts).
 */
export function listenForReopen(gate: ReopenGate): void {
  app.on('second-instance', () => gate.request());
  app.on('activate', () => gate.request());
  // The tray keeps the app alive when the popover window is gone.
  app.on('window-all-closed', () => undefined);
}

export function setupLifecycle(
  controller: AppController,
  popover: Popover,
  log: Logger,
  gate: ReopenGate,
): void {
  gate.open(() => {
    void showPopover(popover, checkTrayVisibility(popover, controller, log)).catch((error) =>
      log.error('cannot show the popover', { error: String(error) }),
    );
  });
  guardQuit(app, () => controller.stop(), log);
}
