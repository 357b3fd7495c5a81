/**
 * What the Playwright smoke test reaches through `app.evaluate` (like
 * electron-menubar's e2e reads `globalThis.__menubar`). Present only when
 * IPQOS_TEST_HOOKS=1; the same switch is the only way to point the app at a
 * temporary home and data folder, so a test never touches ~/.ssh.
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
}

export const testHooksEnabled = (): boolean => process.env['IPQOS_TEST_HOOKS'] === '1';

export function testEnvironment(): TestEnvironment {
  if (!testHooksEnabled()) return { home: null, userData: null };
  return {
    home: process.env['IPQOS_TEST_HOME'] || null,
    userData: process.env['IPQOS_TEST_USER_DATA'] || null,
  };
}

export function exposeTestHooks(hooks: TestHooks): void {
  if (testHooksEnabled()) (globalThis as { __ipqos?: TestHooks }).__ipqos = hooks;
}
