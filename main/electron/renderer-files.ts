/**
 * The popover is served from `ipqos://popover/…`, a custom protocol over
 * dist/renderer, instead of file:// (Electron security checklist item 18: a
 * file:// page shares its origin with every file on disk). This is the pure
 * half: which file a URL names, with what type and headers. No Electron here.
 */
import path from 'node:path';

export const RENDERER_SCHEME = 'ipqos';
export const RENDERER_HOST = 'popover';
export const RENDERER_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

/**
 * Sent as a header on every response, on top of the page's own CSP meta:
 * only our own scripts, styles and images; no network, no frames, no forms.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * The file under `rendererDir` that `url` names, or null when the URL is not
 * ours, names a type we do not serve, or tries to leave the directory.
 */
export function rendererFileFor(url: string, rendererDir: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== `${RENDERER_SCHEME}:` || parsed.host !== RENDERER_HOST) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0') || relative.includes('\\')) return null;
  if (relative === '/' || relative === '') relative = '/index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${relative}`);
  if (!file.startsWith(root + path.sep)) return null;
  return Object.hasOwn(TYPES, path.extname(file).toLowerCase()) ? file : null;
}

export function rendererHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Security-Policy': RENDERER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

/**
 * A link the popover may open in the user's browser: https only, no
 * credentials in it. Everything else (file:, javascript:, custom schemes that
 * launch other apps) is dropped.
 */
export function externalUrl(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

/** The one permission the popover gets: writing text to the clipboard ("Copy report"). */
const POPOVER_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/** Whether a permission request or check from `url` (a page URL or an origin) is granted. */
export function permissionGranted(permission: string, url: string): boolean {
  if (!POPOVER_PERMISSIONS.has(permission) || !URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === `${RENDERER_SCHEME}:` && parsed.host === RENDERER_HOST;
}
