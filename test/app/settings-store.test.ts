import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parsePersistedState } from '../../main/app/network-results.ts';
import { JsonSettingsStore } from '../../main/platform/json-settings-store.ts';
import { JsonStateStore } from '../../main/platform/json-state-store.ts';
import { DEFAULT_SETTINGS } from '../../main/shared/ipc-contract.ts';
import { MemoryLog } from './app-test-kit.ts';

async function inTemp(work: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ipqd-store-'));
  try {
    await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('no settings file: the defaults, and nothing written until a change', () =>
  inTemp(async (dir) => {
    const store = new JsonSettingsStore(path.join(dir, 'settings.json'), new MemoryLog());
    assert.deepEqual(store.read(), DEFAULT_SETTINGS);
    assert.deepEqual(await readdir(dir), []);
    store.write({ ...DEFAULT_SETTINGS, intervalMinutes: 5, excludedHosts: ['db'] });
    const again = new JsonSettingsStore(path.join(dir, 'settings.json'), new MemoryLog());
    assert.equal(again.read().intervalMinutes, 5);
    assert.deepEqual(again.read().excludedHosts, ['db']);
  }));

for (const [name, content] of [
  ['not JSON', '{"intervalMinutes": 5,'],
  ['a value out of range', JSON.stringify({ ...DEFAULT_SETTINGS, intervalMinutes: 0 })],
  ['a wrong type', JSON.stringify({ ...DEFAULT_SETTINGS, notifications: 'yes' })],
  ['an unknown key', JSON.stringify({ ...DEFAULT_SETTINGS, colour: 'red' })],
  ['a relative config path', JSON.stringify({ ...DEFAULT_SETTINGS, configFile: 'ssh/config' })],
  ['an array', '[]'],
] as const) {
  test(`a settings file with ${name}: the defaults, the bad file kept aside, a warning`, () =>
    inTemp(async (dir) => {
      const file = path.join(dir, 'settings.json');
      await writeFile(file, content);
      const log = new MemoryLog();
      const store = new JsonSettingsStore(file, log);
      assert.deepEqual(store.read(), DEFAULT_SETTINGS);
      const files = await readdir(dir);
      const aside = files.find((name) => name.startsWith('settings.json.corrupt-'));
      assert.ok(aside, `kept aside: ${files.join(', ')}`);
      assert.equal(
        await readFile(path.join(dir, aside), 'utf8'),
        content,
        'the bad file is kept byte for byte',
      );
      assert.ok(!files.includes('settings.json'));
      assert.ok(log.lines.some((line) => line.startsWith('warn settings file is not valid')));
      store.write({ ...DEFAULT_SETTINGS, notifications: false });
      assert.equal(JSON.parse(await readFile(file, 'utf8')).notifications, false, 'the app keeps working');
    }));
}

test('a settings file from an older version (a key missing) keeps its values and gets the default for the rest', () =>
  inTemp(async (dir) => {
    const file = path.join(dir, 'settings.json');
    const older: Partial<typeof DEFAULT_SETTINGS> = { ...DEFAULT_SETTINGS, intervalMinutes: 30 };
    delete older.language;
    await writeFile(file, JSON.stringify(older));
    const settings = new JsonSettingsStore(file, new MemoryLog()).read();
    assert.equal(settings.intervalMinutes, 30);
    assert.equal(settings.language, 'system');
  }));

test('saved results: unreadable → none and kept aside; a wrong shape is rejected by the controller', () =>
  inTemp(async (dir) => {
    const file = path.join(dir, 'state.json');
    await writeFile(file, '{"version":1,"netw');
    const store = new JsonStateStore<unknown>(file, new MemoryLog());
    assert.equal(store.read(), null);
    assert.ok((await readdir(dir)).some((name) => name.startsWith('state.json.corrupt-')));
    store.write({ version: 1, networks: {}, notifyFailureToldAt: null, problemAlerted: null });
    assert.ok(parsePersistedState(store.read()));
    assert.equal(parsePersistedState({ version: 2, networks: {} }), null);
    assert.equal(parsePersistedState({ version: 1, networks: { x: { hosts: 5 } } }), null);
  }));
