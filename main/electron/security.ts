/**
 * Electron's security checklist for every webContents the app creates (items
 * 5, 13, 14, 15): no permissions but the clipboard write, no new windows, no navigation away from our
 * page, no <webview>. An https link the page asks to open goes to the browser.
 */
import { app, session, shell, type WebContents } from 'electron';
import type { Logger } from '../app/ports.ts';
import { externalUrl, permissionGranted } from './renderer-files.ts';

function openOutside(url: string, log: Logger): void {
  const safe = externalUrl(url);
  if (safe)
    void shell.openExternal(safe).catch((error) => log.warn('cannot open link', { error: String(error) }));
  else log.warn('blocked a link', { scheme: URL.canParse(url) ? new URL(url).protocol : 'unparsable' });
}

export function hardenWebContents(contents: WebContents, log: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url, log);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openOutside(url, log);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Before `ready`: applies to every webContents, including any a library creates. */
export function hardenAllWebContents(log: Logger): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
}

/** After `ready`: no camera, location, notifications from the page…; only the clipboard write "Copy report" uses. */
export function restrictPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionGranted(permission, details.requestingUrl)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionGranted(permission, requestingOrigin),
  );
}
