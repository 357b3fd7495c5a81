/**
 * Where the Electron executable is, found the way `require('electron')` finds
 * it (node_modules/electron/path.txt, dist/, ELECTRON_OVERRIDE_DIST_PATH) but
 * without its side effect: since Electron 45 that require downloads a missing
 * binary, which on a machine without network access ends in a stack trace.
 * No Electron import: `npm start` and the smoke test use it under plain Node.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; looked: string };

/** The directory of the installed `electron` package, or null when it is not installed at all. */
export function electronPackageDir(): string | null {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

export function findElectronBinary(
  packageDir: string | null = electronPackageDir(),
  env: NodeJS.ProcessEnv = process.env,
): ElectronBinary {
  if (packageDir === null) return { found: false, looked: 'node_modules/electron (not installed)' };
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  const candidate = override
    ? path.join(override, relative || 'electron')
    : relative
      ? path.join(packageDir, 'dist', relative)
      : null;
  if (candidate !== null && existsSync(candidate)) return { found: true, path: candidate };
  return { found: false, looked: candidate ?? path.join(packageDir, 'dist') };
}

/** The one line `npm start` prints where the app cannot run. */
export function missingElectronMessage(binary: { looked: string }): string {
  return (
    `IPQoS Doctor: no Electron binary here (${binary.looked}), so the menu-bar app cannot start on this machine; ` +
    'use the command line instead: `npm run cli -- check`, `npm run cli -- watch`, or `npm run preview` for the popover.'
  );
}
