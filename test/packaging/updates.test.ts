// createUpdater: off in development, configured safely when packaged, one check at a time, and every
// outcome a sentence for the user. electron-updater itself is replaced by a fake (it needs Electron).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createUpdater,
  DEVELOPMENT_MESSAGE,
  type AutoUpdaterLike,
  type UpdateLog,
} from '../../main/electron/updates.ts';

function recordingLog(): UpdateLog & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
    error: (message) => lines.push(`error ${message}`),
  };
}

type CheckResult = Awaited<ReturnType<AutoUpdaterLike['checkForUpdates']>>;

function fakeUpdater(
  check: () => Promise<CheckResult>,
): AutoUpdaterLike & { calls: number; onError?: (e: Error) => void } {
  const fake: AutoUpdaterLike & { calls: number; onError?: (e: Error) => void } = {
    calls: 0,
    logger: null,
    autoDownload: false,
    autoInstallOnAppQuit: false,
    allowPrerelease: true,
    allowDowngrade: true,
    currentVersion: { version: '0.1.0' },
    on: (_event, listener) => {
      fake.onError = listener;
      return fake;
    },
    checkForUpdates: () => {
      fake.calls++;
      return check();
    },
  };
  return fake;
}

test('in development it says updates are off and never loads electron-updater', async () => {
  const log = recordingLog();
  const updater = createUpdater({
    isPackaged: false,
    log,
    loadAutoUpdater: () => Promise.reject(new Error('must not load in development')),
  });
  assert.equal(await updater.checkForUpdates(), DEVELOPMENT_MESSAGE);
  assert.deepEqual(log.lines, ['info updates: skipped in development']);
});

test('packaged: no prereleases, no downgrades, errors logged; up to date says the version', async () => {
  const log = recordingLog();
  const fake = fakeUpdater(async () => ({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } }));
  const updater = createUpdater({ isPackaged: true, log, loadAutoUpdater: async () => fake });
  assert.equal((await updater.checkForUpdates()).text, 'IPQoS Doctor 0.1.0 is up to date.');
  assert.equal(fake.allowPrerelease, false);
  assert.equal(fake.allowDowngrade, false);
  assert.equal(fake.autoInstallOnAppQuit, true);
  assert.equal(fake.logger, log);
  fake.onError?.(new Error('Code signature at URL did not pass validation'));
  assert.deepEqual(log.lines, ['error updates: Code signature at URL did not pass validation']);
});

test('an update downloads and installs on quit; a failed download is logged, not thrown', async () => {
  const log = recordingLog();
  const fake = fakeUpdater(async () => ({
    isUpdateAvailable: true,
    updateInfo: { version: '0.2.0' },
    downloadPromise: Promise.reject(new Error('sha512 checksum mismatch')),
  }));
  const updater = createUpdater({ isPackaged: true, log, loadAutoUpdater: async () => fake });
  assert.equal(
    (await updater.checkForUpdates()).text,
    'IPQoS Doctor 0.2.0 is downloading; it is installed when you quit (you have 0.1.0).',
  );
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(log.lines, ['warn updates: download: sha512 checksum mismatch']);
});

test('checks at once share one request; a later check asks again', async () => {
  let release: (value: CheckResult) => void = () => {};
  const fake = fakeUpdater(() => new Promise<CheckResult>((resolve) => (release = resolve)));
  let loads = 0;
  const updater = createUpdater({
    isPackaged: true,
    log: recordingLog(),
    loadAutoUpdater: async () => {
      loads++;
      return fake;
    },
  });
  const first = updater.checkForUpdates();
  const second = updater.checkForUpdates();
  assert.equal(first, second);
  await new Promise((resolve) => setImmediate(resolve));
  release({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } });
  await first;
  assert.equal(fake.calls, 1);
  const third = updater.checkForUpdates();
  await new Promise((resolve) => setImmediate(resolve));
  release({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } });
  await third;
  assert.equal(fake.calls, 2);
  assert.equal(loads, 1);
});

test('a failed check or an inactive updater is a sentence, not an exception', async () => {
  const log = recordingLog();
  const failing = createUpdater({
    isPackaged: true,
    log,
    loadAutoUpdater: async () =>
      fakeUpdater(() => Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED'))),
  });
  assert.equal(
    (await failing.checkForUpdates()).text,
    'Could not check for updates: net::ERR_INTERNET_DISCONNECTED',
  );
  assert.deepEqual(log.lines, ['error updates: check failed: net::ERR_INTERNET_DISCONNECTED']);
  const inactive = createUpdater({
    isPackaged: true,
    log,
    loadAutoUpdater: async () => fakeUpdater(async () => null),
  });
  assert.match(
    (await inactive.checkForUpdates()).text,
    /^Could not check for updates: the updater is not active/,
  );
});

test('electron-updater exposes autoUpdater where the default loader reads it', async () => {
  // Only the property is looked at: reading it would construct the updater, which needs Electron.
  const electronUpdater = await import('electron-updater');
  const descriptor = Object.getOwnPropertyDescriptor(electronUpdater.default, 'autoUpdater');
  assert.equal(typeof descriptor?.get, 'function');
});
