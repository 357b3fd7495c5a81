/**
 * Keeps the tray true to the state: the template image for `trayStateOf`, the
 * tooltip and the right-click menu from the controller's `tray()` (in the
 * user's language). Only setImage/setToolTip/setContextMenu live here; the
 * rules are the controller's.
 */
import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import type { Logger } from '../app/ports.ts';
import { trayStateOf, type TrayText } from '../app/tray-model.ts';
import type { AppState, TrayState } from '../shared/ipc-contract.ts';
import { menuTemplate, type MenuActions } from './context-menu.ts';
import type { Popover } from './popover.ts';
import { trayIconPath, type TrayIconLocation } from './tray-icon-paths.ts';

/** Electron's nativeImage and Menu (main.ts passes them; tests pass fakes). */
export interface TrayPlatform {
  nativeImage: { createFromPath(file: string): NativeImage };
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): Menu };
}

export interface TrayViewOptions {
  platform: TrayPlatform;
  popover: Popover;
  location: TrayIconLocation;
  actions: MenuActions;
  /** The tooltip and menu for a state, said in the user's language (the controller's `tray`). */
  text: (state: AppState) => TrayText;
  log: Logger;
}

/** A template image: macOS tints it for light and dark menu bars (the `Template` name alone is not enough for an image Electron did not load by name). */
export function trayImage(
  platform: TrayPlatform,
  state: TrayState,
  location: TrayIconLocation,
  log: Logger,
): NativeImage {
  const file = trayIconPath(state, location);
  const image = platform.nativeImage.createFromPath(file);
  if (image.isEmpty()) log.error('tray icon missing (run `npm run icons`)', { file });
  image.setTemplateImage(true);
  return image;
}

export function createTrayView(options: TrayViewOptions): { update(state: AppState): void } {
  const images = new Map<TrayState, NativeImage>();
  let shown: TrayState | null = null;
  let tooltip: string | null = null;
  let menuKey: string | null = null;

  return {
    update(state) {
      const tray = options.popover.tray();
      if (tray === null || tray.isDestroyed()) return;
      const trayState = trayStateOf(state);
      if (trayState !== shown) {
        let image = images.get(trayState);
        if (!image)
          images.set(
            trayState,
            (image = trayImage(options.platform, trayState, options.location, options.log)),
          );
        tray.setImage(image);
        shown = trayState;
      }
      const text = options.text(state);
      if (text.tooltip !== tooltip) tray.setToolTip((tooltip = text.tooltip));
      // Rebuilt only when it changes: progress updates during a check change the state, not the menu.
      const key = JSON.stringify([text.menu, text.updatesLabel]);
      if (key !== menuKey) {
        options.popover.setContextMenu(
          options.platform.Menu.buildFromTemplate(
            menuTemplate(text.menu, options.actions, text.updatesLabel),
          ),
        );
        menuKey = key;
      }
    },
  };
}
