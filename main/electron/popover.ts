/**
 * The tray icon and its popover window behind a small interface, so the
 * library doing placement, toggling and hide-on-blur (electron-menubar, the
 * maintained fork of `menubar`) can be swapped without touching the rest.
 * Navigation and window.open rules apply to every webContents (security.ts).
 */
import {
  Menu,
  screen,
  type BrowserWindowConstructorOptions,
  type NativeImage,
  type Tray,
  type WebContents,
} from 'electron';
import { menubar, type Menubar } from 'electron-menubar';
import { raceStartup, type StartupOutcome } from './startup-race.ts';

export interface Popover {
  /**
   * Resolves once the tray exists and the popover page has loaded (the preload ran, IPC is live), or
   * with why not: the page failed to load, or nothing happened before the deadline (startup-race.ts).
   */
  readonly ready: Promise<StartupOutcome>;
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
  /** Sets the window's height to fit its content (width unchanged); electron-menubar re-anchors it. */
  fitHeight(height: number): void;
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
  /** How long the page may take to load (startup-race.ts). */
  startupTimeoutMs?: number;
}

/**
 * The window shown when the menu-bar icon is hidden has no frame (it is the popover's window), so the
 * header is its title bar: a drag region, its controls excluded (Electron: `-webkit-app-region`, docs
 * tutorial/custom-window-interactions.md). Inserted by the main process (webContents.insertCSS, which the
 * page's CSP does not govern) only in that mode, so the anchored popover and the renderer stay as they are.
 */
export const WINDOW_DRAG_CSS =
  'header { -webkit-app-region: drag; } ' +
  'header :is(button, a, input, select, textarea, summary, label, [role="button"], [tabindex]) ' +
  '{ -webkit-app-region: no-drag; }';

export const POPOVER_SIZE = { width: 380, height: 560 } as const;

/** The heights `window:fit` allows (the contract's bounds). */
export const FIT_HEIGHT = { min: 120, max: 800 } as const;

/** A content height as the window's: within the contract's bounds and the display's work area. */
export function fittedHeight(height: number, workAreaHeight: number): number {
  const max = Math.max(FIT_HEIGHT.min, Math.min(FIT_HEIGHT.max, Math.floor(workAreaHeight)));
  return Math.min(max, Math.max(FIT_HEIGHT.min, Math.round(height)));
}

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
  // The window exists from `before-load` on (electron-menubar createWindow), just before its loadURL.
  const loadFailed = new Promise<string>((resolve) =>
    mb.once('before-load', () =>
      mb.window?.webContents.on(
        'did-fail-load',
        (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
          // -3 ERR_ABORTED is a navigation cancelled (one security.ts prevents, say), not a page that
          // failed; should the first load be the one aborted, the deadline still ends the wait.
          if (isMainFrame && errorCode !== -3)
            resolve(`${errorDescription} (${errorCode}) loading ${validatedURL.slice(0, 200)}`);
        },
      ),
    ),
  );
  const ready = raceStartup({
    ready: new Promise<void>((resolve) => mb.once('ready', () => resolve())),
    loadFailed,
    ...(options.startupTimeoutMs !== undefined ? { timeoutMs: options.startupTimeoutMs } : {}),
  });
  let asWindow = false;
  let dragCss: Promise<string> | null = null;

  const anchored = (): void => {
    if (!asWindow) return;
    asWindow = false;
    mb.setOption('windowPosition', 'trayCenter');
    mb.setOption('hideOnBlur', true);
    mb.window?.setMovable(false);
    const contents = mb.window?.webContents;
    const inserted = dragCss;
    dragCss = null;
    if (contents && inserted)
      void inserted.then((key) => contents.removeInsertedCSS(key)).catch(() => undefined);
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
      const window = mb.window;
      if (!window) return;
      window.setMovable(true);
      // electron-menubar keeps a window that does not hide on blur always on top
      // (applyWindowFocusBehavior); a normal window must not cover the user's other windows.
      window.setAlwaysOnTop(false);
      dragCss ??= window.webContents.insertCSS(WINDOW_DRAG_CSS);
      window.focus();
    },
    hide: () => mb.hideWindow(),
    async toggle() {
      anchored();
      await mb.toggleWindow();
    },
    isVisible: () => mb.window?.isVisible() ?? false,
    fitHeight(height) {
      const window = mb.window;
      if (!window || window.isDestroyed()) return;
      const { workArea } = screen.getDisplayMatching(window.getBounds());
      const [width = POPOVER_SIZE.width, current] = window.getSize();
      const next = fittedHeight(height, workArea.height);
      // setSize emits `resize`, on which electron-menubar re-anchors the window (lib/index.mjs positionWindow).
      if (next !== current) window.setSize(width, next);
    },
    setContextMenu: (menu) => mb.setContextMenu(menu),
    send(channel, payload) {
      const contents = mb.window?.webContents;
      if (contents && !contents.isDestroyed() && !contents.isLoading()) contents.send(channel, payload);
    },
    destroy: () => mb.destroy(),
  };
}
