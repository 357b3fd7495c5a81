/**
 * A stand-in for the `electron` module, for the main-*.test.ts files: enough
 * of app, BrowserWindow, Tray, ipcMain, protocol, session… for main.ts,
 * electron-menubar and electron-log to run under plain Node, and it records
 * what they did. Where Electron can fail, it fails the same way: `loadURL`
 * goes through the handler registered with `protocol.handle` and rejects after
 * `did-fail-load` when that answers with a network error or throws
 * (electron/electron lib/browser/api/web-contents.ts `_awaitNextLoad`,
 * lib/browser/api/protocol.ts); `Notification` can be supported and then shows
 * or fails (`failed` with the system's reason, as unsigned apps get since
 * Electron 42); the tray can sit off every display (a hidden macOS 26 icon);
 * `quit()` closes the windows, and a window that prevents its close cancels
 * the quit. `configure()` picks these before main.ts is imported. The
 * Playwright smoke test and the packaged launch run the real thing on a Mac.
 */
import { EventEmitter } from 'node:events';

export interface FakeOptions {
  /** `app.isPackaged`. */
  isPackaged: boolean;
  /** `process.resourcesPath` when packaged. */
  resourcesPath: string;
  /** `Notification.isSupported()`, and what show() leads to. */
  notifications: 'unsupported' | 'shown' | 'failed';
  /** `tray.getBounds()`. */
  trayBounds: { x: number; y: number; width: number; height: number };
  /** The button a `dialog.showMessageBox` answers with. */
  dialogResponse: number;
}

export const options: FakeOptions = {
  isPackaged: false,
  resourcesPath: '',
  notifications: 'unsupported',
  trayBounds: { x: 1200, y: 0, width: 24, height: 24 },
  dialogResponse: 0,
};

/** Before main.ts is imported. */
export function configure(changes: Partial<FakeOptions>): void {
  Object.assign(options, changes);
  app.isPackaged = options.isPackaged;
  if (options.isPackaged) (process as { resourcesPath?: string }).resourcesPath = options.resourcesPath;
}

export const recorded = {
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response> | Response>(),
  ipcHandlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
  windows: [] as FakeBrowserWindow[],
  trays: [] as FakeTray[],
  permissionRequest: null as null | ((...args: unknown[]) => void),
  permissionCheck: null as null | ((...args: unknown[]) => boolean),
  applicationMenu: null as unknown,
  errors: [] as string[],
  messageBoxes: [] as Record<string, unknown>[],
  openedPaths: [] as string[],
  openedUrls: [] as string[],
  /** `shell.showItemInFolder`. */
  revealedPaths: [] as string[],
  aboutPanelOptions: null as unknown,
  aboutPanelsShown: 0,
  notifications: [] as { title: string; body: string; outcome: string }[],
  loginItems: [] as unknown[],
  quitRequests: 0,
  quitted: false,
  exitCode: null as number | null,
};

let ready: () => void = () => undefined;
const readyPromise = new Promise<void>((resolve) => (ready = resolve));
let isReady = false;
let paths: Record<string, string> = {};

class FakeApp extends EventEmitter {
  isPackaged = false;
  name = 'Electron';
  dock = { hide: () => undefined, isVisible: () => false };
  setName(name: string): void {
    this.name = name;
  }
  getName(): string {
    return this.name;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  setPath(name: string, value: string): void {
    paths[name] = value;
  }
  getPath(name: string): string {
    const value = paths[name];
    if (!value) throw new Error(`fake electron: no path for ${name}`);
    return value;
  }
  getAppPath(): string {
    return process.cwd();
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  whenReady(): Promise<void> {
    return readyPromise;
  }
  isReady(): boolean {
    return isReady;
  }
  setAboutPanelOptions(options_: unknown): void {
    recorded.aboutPanelOptions = options_;
  }
  showAboutPanel(): void {
    recorded.aboutPanelsShown += 1;
  }
  setLoginItemSettings(settings: unknown): void {
    recorded.loginItems.push(settings);
  }
  /** The system's languages, like macOS's order; a test may set them. */
  preferredSystemLanguages = ['en-US'];
  getPreferredSystemLanguages(): string[] {
    return [...this.preferredSystemLanguages];
  }
  /**
   * Like Electron: emits before-quit and stops if a listener prevents it; then closes every window, and
   * a window whose `close` is prevented cancels the quit; then will-quit and quit.
   */
  quit(): void {
    recorded.quitRequests += 1;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    for (const window of recorded.windows.filter((w) => !w.isDestroyed())) {
      let kept = false;
      window.emit('close', { preventDefault: () => (kept = true) });
      if (kept) return;
      window.destroy();
    }
    this.emit('will-quit', { preventDefault: () => undefined });
    this.emit('quit');
    recorded.quitted = true;
  }
  exit(code = 0): void {
    recorded.exitCode = code;
    recorded.quitted = true;
  }
}
export const app = new FakeApp();

/** The test calls this: the paths Electron would provide, then `ready`. */
export function fireReady(dataRoot: string): void {
  const defaults = { userData: dataRoot, logs: dataRoot, home: dataRoot, temp: dataRoot, appData: dataRoot };
  paths = { ...defaults, ...paths };
  isReady = true;
  app.emit('ready');
  ready();
}

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    if (isReady) recorded.errors.push('registerSchemesAsPrivileged after ready');
    recorded.schemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: { url: string }) => Promise<Response> | Response): void {
    recorded.protocolHandlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: (...args: unknown[]) => void): void {
      recorded.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
      recorded.permissionCheck = handler;
    },
  },
};

export const ipcMain = {
  on(): void {},
  handle(channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>): void {
    if (recorded.ipcHandlers.has(channel)) recorded.errors.push(`second handler for ${channel}`);
    recorded.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    recorded.ipcHandlers.delete(channel);
  },
};

let nextId = 1;
class FakeWebContents extends EventEmitter {
  id = nextId++;
  sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  url = '';
  mainFrame = { url: '', parent: null };
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  loading = false;
  css = new Map<string, string>();
  isDestroyed(): boolean {
    return false;
  }
  isLoading(): boolean {
    return this.loading;
  }
  isDevToolsOpened(): boolean {
    return false;
  }
  async insertCSS(css: string): Promise<string> {
    const key = `css-${this.css.size + 1}`;
    this.css.set(key, css);
    return key;
  }
  async removeInsertedCSS(key: string): Promise<void> {
    this.css.delete(key);
  }
  /** Through the scheme's handler, as Chromium would: a network error or a throw fails the load. */
  async load(url: string): Promise<void> {
    this.url = url;
    this.mainFrame.url = url;
    this.loading = true;
    const handler = recorded.protocolHandlers.get(new URL(url).protocol.slice(0, -1));
    let failure: [number, string] | null = handler ? null : [-302, 'ERR_UNKNOWN_URL_SCHEME'];
    if (handler) {
      try {
        const response = await handler({ url });
        if (response.type === 'error') failure = [-2, 'ERR_FAILED'];
      } catch {
        failure = [-9, 'ERR_UNEXPECTED'];
      }
    }
    this.loading = false;
    if (failure) {
      this.emit('did-fail-load', {}, failure[0], failure[1], url, true);
      this.emit('did-stop-loading');
      throw Object.assign(new Error(`${failure[1]} (${failure[0]}) loading '${url}'`), {
        errno: failure[0],
        code: failure[1],
      });
    }
    this.emit('did-finish-load');
    this.emit('did-stop-loading');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  options: Record<string, unknown>;
  webContents = new FakeWebContents();
  visible = false;
  position: [number, number] = [0, 0];
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    recorded.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  destroyed = false;
  alwaysOnTop = false;
  movable = true;
  loadURL(url: string): Promise<void> {
    return this.webContents.load(url);
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  focus(): void {}
  setMovable(movable: boolean): void {
    this.movable = movable;
  }
  setPosition(x: number, y: number): void {
    this.position = [x, y];
  }
  getPosition(): [number, number] {
    return this.position;
  }
  getSize(): [number, number] {
    return this.size ?? [Number(this.options['width'] ?? 400), Number(this.options['height'] ?? 400)];
  }
  size: [number, number] | null = null;
  /** Every setSize, in order. Like Electron, a change of size emits `resize`. */
  sizes: [number, number][] = [];
  setSize(width: number, height: number): void {
    const [oldWidth, oldHeight] = this.getSize();
    this.size = [width, height];
    this.sizes.push([width, height]);
    if (width !== oldWidth || height !== oldHeight) this.emit('resize');
  }
  getBounds() {
    const [width, height] = this.getSize();
    return { x: this.position[0], y: this.position[1], width, height };
  }
  setVisibleOnAllWorkspaces(): void {}
  setAlwaysOnTop(on: boolean): void {
    this.alwaysOnTop = on;
  }
  isAlwaysOnTop(): boolean {
    return this.alwaysOnTop;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
  }
}
export const BrowserWindow = FakeBrowserWindow;

export class FakeTray extends EventEmitter {
  image: unknown;
  tooltip = '';
  images: unknown[] = [];
  constructor(image: unknown) {
    super();
    this.image = image;
    recorded.trays.push(this);
  }
  setImage(image: unknown): void {
    this.images.push(image);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  getBounds() {
    return { ...options.trayBounds };
  }
  setIgnoreDoubleClickEvents(): void {}
  setContextMenu(): void {}
  popUpContextMenu(): void {}
  isDestroyed(): boolean {
    return false;
  }
  destroy(): void {}
}
export const Tray = FakeTray;

export const Menu = {
  buildFromTemplate: (items: unknown[]) => ({ items }),
  setApplicationMenu(menu: unknown): void {
    recorded.applicationMenu = menu;
  },
};

export const nativeImage = {
  createFromPath: (file: string) => ({ file, template: false, isEmpty: () => false, setTemplateImage() {} }),
};

export class Notification extends EventEmitter {
  readonly title: string;
  readonly body: string;
  constructor(init: { title?: string; body?: string } = {}) {
    super();
    this.title = init.title ?? '';
    this.body = init.body ?? '';
  }
  static isSupported(): boolean {
    return options.notifications !== 'unsupported';
  }
  /** Answers later, as the system does: `show`, or `failed` with the reason an unsigned app gets. */
  show(): void {
    const outcome = options.notifications;
    recorded.notifications.push({ title: this.title, body: this.body, outcome });
    setImmediate(() => {
      if (outcome === 'failed') this.emit('failed', {}, 'Notifications are not allowed for this application');
      else this.emit('show', {});
    });
  }
}

export const powerMonitor = Object.assign(new EventEmitter(), { isOnBatteryPower: () => false });

const display = {
  bounds: { x: 0, y: 0, width: 1512, height: 982 },
  workArea: { x: 0, y: 25, width: 1512, height: 957 },
};
export const screen = {
  getAllDisplays: () => [display],
  getPrimaryDisplay: () => display,
  getDisplayMatching: () => display,
  getDisplayNearestPoint: () => display,
  getCursorScreenPoint: () => ({ x: 0, y: 0 }),
};

export const shell = {
  openPath: async (file: string) => {
    recorded.openedPaths.push(file);
    return '';
  },
  openExternal: async (url: string) => {
    recorded.openedUrls.push(url);
  },
  showItemInFolder: (file: string) => {
    recorded.revealedPaths.push(file);
  },
};

export const dialog = {
  showMessageBox: async (options_: Record<string, unknown>) => {
    recorded.messageBoxes.push(options_);
    return { response: options.dialogResponse };
  },
  showErrorBox(title: string, content: string): void {
    recorded.errors.push(`${title}: ${content}`);
  },
};

export const autoUpdater = new EventEmitter();
export const globalShortcut = { register: () => true, unregister: () => undefined };
