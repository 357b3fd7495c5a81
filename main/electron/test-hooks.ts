/**
 * What the Playwright smoke test reaches through `app.evaluate` (like
 * electron-menubar's e2e reads `globalThis.__menubar`). Present only when
 * IPQOS_TEST_HOOKS=1 in an app that is not packaged; the same switch is the
 * only way to point the app at a temporary home, data folder and build, so a
 * test never touches ~/.ssh. In the installed app (`app.isPackaged`) every
 * IPQOS_TEST_* variable is ignored: none may redirect a user's settings.
 */
import type { AppController } from '../app/app-controller.ts';
import type { Popover } from './popover.ts';

export interface TestHooks {
  /** Resolves when the tray, the popover page and the controller are all up. */
  ready: Promise<void>;
  isReady(): boolean;
  controller(): AppController | null;
  popover(): Popover | null;
  /** For a second, foreign window in the test: same preload, same page, different webContents. */
  preload: string;
  rendererUrl: string;
}

export interface TestEnvironment {
  /** A temporary home: its .ssh/config is the config the app checks. */
  home: string | null;
  userData: string | null;
  /** A built dist/ (npm run build --outdir) to serve the popover and preload from. */
  dist: string | null;
}

export const testHooksEnabled = (packaged: boolean, env: NodeJS.ProcessEnv = process.env): boolean =>
  !packaged && env['IPQOS_TEST_HOOKS'] === '1';

export function testEnvironment(packaged: boolean, env: NodeJS.ProcessEnv = process.env): TestEnvironment {
  if (!testHooksEnabled(packaged, env)) return { home: null, userData: null, dist: null };
  return {
    home: env['IPQOS_TEST_HOME'] || null,
    userData: env['IPQOS_TEST_USER_DATA'] || null,
    dist: env['IPQOS_TEST_DIST'] || null,
  };
}

export function exposeTestHooks(hooks: TestHooks, packaged: boolean): void {
  if (testHooksEnabled(packaged)) (globalThis as { __ipqos?: TestHooks }).__ipqos = hooks;
}
