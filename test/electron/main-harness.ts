/**
 * Runs main.ts under the stand-in `electron` (fake-electron.ts) in this test
 * file's own process (node --test gives each file one): the fake is configured
 * first, the popover and preload are really bundled into a temporary dist/ (or
 * not, to make the page fail to load), and the app gets a temporary home with
 * its own ssh config, so nothing touches ~/.ssh.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundle, ROOT } from '../../build/scripts/bundle.ts';
import type { TestHooks } from '../../main/electron/test-hooks.ts';
import type { LoginPolicy } from '../../main/shared/ipc-contract.ts';
import type { FakeOptions } from './fake-electron.ts';

const FAKE_ELECTRON = new URL('./fake-electron.ts', import.meta.url).href;
registerHooks({
  resolve: (specifier, context, next) =>
    specifier === 'electron' ? { url: FAKE_ELECTRON, shortCircuit: true } : next(specifier, context),
});
export const fake = await import('./fake-electron.ts');

export interface Harness {
  temp: string;
  home: string;
  configFile: string;
  /** Where the fake's `app.getPath()` points (Electron's own folders). */
  electronPaths: string;
  hooks(): TestHooks | undefined;
  /** Electron's `ready` (startMain fires it unless told to hold it). */
  fireReady(): void;
  /** Quits the app (unless it already exited), which stops the controller, then removes the folder. */
  cleanup(): Promise<void>;
}

export interface HarnessOptions {
  fake?: Partial<FakeOptions>;
  /** The ssh config the app checks. */
  config?: string;
  /** 'built': the real bundle; 'missing': an empty dist/, so the page fails to load. */
  dist?: 'built' | 'missing';
  /** The app's home through HOME (what a packaged app uses, since it ignores IPQOS_TEST_HOME). */
  homeFromEnv?: boolean;
  /** Leave `ready` to the test, to look at what main.ts did before it. */
  holdReady?: boolean;
  /**
   * The answer to the first-run view (issue 17), in the app's settings before it starts; default
   * 'daily'. null: not answered yet, so nothing is checked.
   */
  loginPolicy?: LoginPolicy | null;
}

export async function startMain(options: HarnessOptions = {}): Promise<Harness> {
  const temp = mkdtempSync(path.join(tmpdir(), 'ipqos-main-'));
  const home = path.join(temp, 'home');
  const configFile = path.join(home, '.ssh', 'config');
  mkdirSync(path.dirname(configFile), { recursive: true, mode: 0o700 });
  writeFileSync(configFile, options.config ?? 'Host wiring-host\n  HostName 127.0.0.1\n  Port 9\n', {
    mode: 0o600,
  });
  const dist = path.join(temp, 'dist');
  mkdirSync(dist);
  if ((options.dist ?? 'built') === 'built') await bundle(ROOT, dist);
  fake.configure(options.fake ?? {});
  const userData = path.join(temp, 'user-data');
  // A packaged app ignores IPQOS_TEST_USER_DATA (main-packaged.test.ts checks the folder stays absent).
  if (!options.fake?.isPackaged) {
    mkdirSync(userData);
    const loginPolicy = options.loginPolicy === undefined ? 'daily' : options.loginPolicy;
    writeFileSync(path.join(userData, 'settings.json'), JSON.stringify({ loginPolicy }));
  }
  Object.assign(process.env, {
    IPQOS_TEST_HOOKS: '1',
    IPQOS_TEST_HOME: home,
    IPQOS_TEST_USER_DATA: userData,
    IPQOS_TEST_DIST: dist,
  });
  if (options.homeFromEnv) process.env['HOME'] = home;
  await import('../../main/electron/main.ts');
  const electronPaths = path.join(temp, 'electron-paths');
  if (!options.holdReady) fake.fireReady(electronPaths);
  return {
    temp,
    home,
    configFile,
    electronPaths,
    hooks: () => (globalThis as { __ipqos?: TestHooks }).__ipqos,
    fireReady: () => fake.fireReady(electronPaths),
    async cleanup() {
      if (!fake.recorded.quitted) {
        fake.app.quit();
        await until(() => fake.recorded.quitted, 'the quit', 10_000);
      }
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

/** Waits for `condition`, polling; fails with `what` after `ms`. */
export async function until(condition: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function whenReady(harness: Harness, ms = 30_000): Promise<TestHooks> {
  const hooks = harness.hooks();
  assert.ok(hooks, 'main.ts did not expose its test hooks');
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    hooks.ready,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`not ready after ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
  return hooks;
}
