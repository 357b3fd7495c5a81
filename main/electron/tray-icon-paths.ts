// Where the tray's template images live, as a pure rule the main process and the packaging checks share.
// Development (`electron .`): `<appPath>/build/tray`. Packaged: electron-builder.yml's `extraResources`
// copies `build/tray` to `Contents/Resources/tray`, outside app.asar, so `<resourcesPath>/tray`.
// Electron's nativeImage picks up `…Template@2x.png` next to the @1x file by itself.
import { join } from 'node:path';

export const TRAY_STATES = ['idle', 'needs-fix', 'checking', 'problem'] as const;
export type TrayState = (typeof TRAY_STATES)[number];

export interface TrayIconLocation {
  /** `app.isPackaged` */
  packaged: boolean;
  /** `process.resourcesPath` */
  resourcesPath: string;
  /** `app.getAppPath()` */
  appPath: string;
}

/** The directory holding the tray images, relative to which `trayIconFileName` resolves. */
export function trayIconDirectory(location: TrayIconLocation): string {
  return location.packaged ? join(location.resourcesPath, 'tray') : join(location.appPath, 'build', 'tray');
}

/** `tray-needs-fixTemplate.png`, or its `@2x` twin. The `Template` suffix makes macOS tint it. */
export function trayIconFileName(state: TrayState, scale: 1 | 2 = 1): string {
  return `tray-${state}Template${scale === 2 ? '@2x' : ''}.png`;
}

/** The @1x image's path; pass it to `nativeImage.createFromPath` or `new Tray()`. */
export function trayIconPath(state: TrayState, location: TrayIconLocation): string {
  return join(trayIconDirectory(location), trayIconFileName(state));
}
