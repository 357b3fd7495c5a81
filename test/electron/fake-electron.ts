/**
 * A stand-in for the `electron` module, for main-wiring.test.ts only: enough
 * of app, BrowserWindow, Tray, ipcMain, protocol, session… for main.ts,
 * electron-menubar and electron-log to run under plain Node, and it records
 * what they did. It proves the wiring (order, arguments, handlers), not
 * Electron's behaviour: the Playwright smoke test runs the real thing on a Mac.
 */
import { EventEmitter } from 'node:events';

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
  quitRequests: 0,
  quitted: false,
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
  setLoginItemSettings(): void {}
  /** The system's languages, like macOS's order; a test may set them. */
  preferredSystemLanguages = ['en-US'];
  getPreferredSystemLanguages(): string[] {
    return [...this.preferredSystemLanguages];
  }
  /** Like Electron: emits before-quit, and quits unless a listener prevents it. */
  quit(): void {
    recorded.quitRequests += 1;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) recorded.quitted = true;
  }
  exit(): void {
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
  isDestroyed(): boolean {
    return false;
  }
  isLoading(): boolean {
    return false;
  }
  isDevToolsOpened(): boolean {
    return false;
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
  async loadURL(url: string): Promise<void> {
    this.webContents.url = url;
    this.webContents.mainFrame.url = url;
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
  setMovable(): void {}
  setPosition(x: number, y: number): void {
    this.position = [x, y];
  }
  getPosition(): [number, number] {
    return this.position;
  }
  getSize(): [number, number] {
    return [Number(this.options['width'] ?? 400), Number(this.options['height'] ?? 400)];
  }
  getBounds() {
    const [width, height] = this.getSize();
    return { x: this.position[0], y: this.position[1], width, height };
  }
  setVisibleOnAllWorkspaces(): void {}
  setAlwaysOnTop(): void {}
  isAlwaysOnTop(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return false;
  }
  destroy(): void {}
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
    return { x: 1200, y: 0, width: 24, height: 24 };
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
  static isSupported(): boolean {
    return false;
  }
  show(): void {}
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
  openPath: async () => '',
  openExternal: async () => undefined,
};

export const dialog = {
  showMessageBox: async () => ({ response: 0 }),
  showErrorBox(title: string, content: string): void {
    recorded.errors.push(`${title}: ${content}`);
  },
};

export const autoUpdater = new EventEmitter();
export const globalShortcut = { register: () => true, unregister: () => undefined };
