/**
 * What the tray menu's items and a notification click do. Fix… and Undo only
 * open the popover at the host, where the user reviews the diff and confirms.
 */
import { app, dialog } from 'electron';
import type { AppController } from '../app/app-controller.ts';
import { appMessage } from '../app/app-messages.ts';
import type { Logger } from '../app/ports.ts';
import type { MenuActions } from './context-menu.ts';
import { sendEvent } from './ipc-handlers.ts';
import type { Popover } from './popover.ts';
import type { Updater } from './updates.ts';

/** Where the popover opens: at a host, or at one of its views. */
export type OpenTarget = { alias: string } | { view: 'preferences' };

/** The one rule: without a drawn icon there is nothing to anchor to, so a window in the middle of the screen. */
export function showPopover(popover: Popover, iconHidden: boolean): Promise<void> {
  return iconHidden ? popover.showAsWindow() : popover.show();
}

/** Shows the popover (as a window when the menu-bar icon is hidden), then points it at `target`. */
export function popoverOpener(controller: AppController, popover: Popover, log: Logger) {
  return (target?: OpenTarget): void => {
    void showPopover(popover, controller.state().menuBarIconHidden)
      .then(() => {
        if (target && 'alias' in target) sendEvent(popover, 'focus-host', { alias: target.alias });
        if (target && 'view' in target) sendEvent(popover, 'show-view', { view: target.view });
      })
      .catch((error: unknown) => log.error('cannot show the popover', { error: String(error) }));
  };
}

export function createMenuActions(options: {
  controller: AppController;
  openAt: (target?: OpenTarget) => void;
  openLog: () => Promise<void>;
  updater: Updater;
  log: Logger;
}): MenuActions {
  const { controller, openAt, log } = options;
  const report = (what: string) => (error: unknown) => log.error(what, { error: String(error) });
  return {
    focusHost: (alias) => openAt({ alias }),
    checkNow: () => controller.trigger('manual'),
    openFix: (hosts) => openAt(hosts[0] === undefined ? undefined : { alias: hosts[0] }),
    openUndo: (hosts) => openAt(hosts[0] === undefined ? undefined : { alias: hosts[0] }),
    mute: (hours) => void controller.handle('notifications:mute', { hours }).catch(report('mute failed')),
    preferences: () => openAt({ view: 'preferences' }),
    openLog: () => void options.openLog().catch(report('cannot open the log')),
    checkForUpdates: () =>
      void options.updater
        .checkForUpdates()
        .then((message) =>
          dialog.showMessageBox({
            message: controller.localize(message).text,
            buttons: [controller.localize(appMessage('dialog.ok')).text],
          }),
        )
        .catch(report('update check failed')),
    quit: () => app.quit(),
  };
}
