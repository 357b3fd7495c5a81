/**
 * The tray icon and its popover window behind a small interface, so the
 * library doing placement, toggling and hide-on-blur (electron-menubar, the
 * maintained fork of `menubar`) can be swapped without touching the rest.
 * Navigation and window.open rules apply to every webContents (security.ts).
 */
import {
  Menu,
  type BrowserWindowConstructorOptions,
  type NativeImage,
  type Tray,
  type WebContents,
} from 'electron';
import { menubar, type Menubar } from 'electron-menubar';

export interface Popover {
  /** Resolves once the tray exists and the popover page has loaded (the preload ran, IPC is live). */
  readonly ready: Promise<void>;
  tray(): Tray | null;
  /** The popover's webContents: the only one IPC answers. */
  webContents(): WebContents | null;
  /** Shows it under the tray icon. */
  show(): Promise<void>;
  /** Shows it as a normal centred window: the way in when the menu-bar icon is hidden. */
  showAsWindow(): Promise<void>;
  hide(): void;
  toggle(): Promise<void>;
  isVisible(): boolean;
  setContextMenu(menu: Menu): void;
  /** Sends an event to the page, if it is there. */
  send(channel: string, payload: unknown): void;
  destroy(): void;
}

export interface PopoverOptions {
  url: string;
  preload: string;
  icon: NativeImage;
  tooltip: string;
  /** DevTools only in development. */
  devTools: boolean;
}

export const POPOVER_SIZE = { width: 380, height: 560 } as const;

export function popoverWindowOptions(preload: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    ...POPOVER_SIZE,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    // Issue 17: the system's popover material behind a transparent page, as native popovers look.
    vibrancy: 'popover',
    backgroundColor: '#00000000',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools,
      // A hidden popover keeps rendering state pushes, so it opens current.
      backgroundThrottling: false,
    },
  };
}

export function createMenubarPopover(options: PopoverOptions): Popover {
  const mb: Menubar = menubar({
    index: options.url,
    icon: options.icon,
    tooltip: options.tooltip,
    preloadWindow: true,
    showDockIcon: false,
    // Our own `activate` handler decides between the anchored popover and a normal window (lifecycle.ts).
    activateWithApp: false,
    hideOnBlur: true,
    hideOnClose: true,
    // The page handles Escape itself: it leaves a sub-view first, and only on the list asks to hide.
    escapeToHide: false,
    // Set now so right-click is bound on macOS; tray.ts replaces it on every state change.
    contextMenu: Menu.buildFromTemplate([]),
    browserWindow: popoverWindowOptions(options.preload, options.devTools),
  });
  const ready = new Promise<void>((resolve) => mb.once('ready', () => resolve()));
  let asWindow = false;

  const anchored = (): void => {
    if (!asWindow) return;
    asWindow = false;
    mb.setOption('windowPosition', 'trayCenter');
    mb.setOption('hideOnBlur', true);
    mb.window?.setMovable(false);
  };

  return {
    ready,
    tray() {
      if (mb.isDestroyed()) return null;
      try {
        return mb.tray; // throws until electron-menubar's `ready`
      } catch {
        return null;
      }
    },
    webContents: () => mb.window?.webContents ?? null,
    async show() {
      anchored();
      await mb.showWindow();
    },
    async showAsWindow() {
      asWindow = true;
      // No icon to click it back: a window that stays until closed or Escape, in the middle of the screen.
      mb.setOption('windowPosition', 'center');
      mb.setOption('hideOnBlur', false);
      await mb.showWindow();
      mb.window?.setMovable(true);
      mb.window?.focus();
    },
    hide: () => mb.hideWindow(),
    async toggle() {
      anchored();
      await mb.toggleWindow();
    },
    isVisible: () => mb.window?.isVisible() ?? false,
    setContextMenu: (menu) => mb.setContextMenu(menu),
    send(channel, payload) {
      const contents = mb.window?.webContents;
      if (contents && !contents.isDestroyed() && !contents.isLoading()) contents.send(channel, payload);
    },
    destroy: () => mb.destroy(),
  };
}
