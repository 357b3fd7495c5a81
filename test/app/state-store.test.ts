/**
 * The state store (main/app/state-store.ts): one save path — the results are
 * written when they changed, before listeners hear of it, and not on every
 * progress emit; a failing listener or disk does not stop the others; saved
 * results that do not match this version start a fresh memory.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigFacts } from '../../main/app/config-facts.ts';
import type { PersistedState } from '../../main/app/network-results.ts';
import { AppStateStore } from '../../main/app/state-store.ts';
import type { StateStore } from '../../main/app/ports.ts';
import { JsonStateStore } from '../../main/platform/json-state-store.ts';
import { DEFAULT_SETTINGS, type AppState } from '../../main/shared/ipc-contract.ts';
import { MemoryLog } from './app-test-kit.ts';

async function withStore(
  work: (store: AppStateStore, disk: { file: string; writes: () => number; log: MemoryLog }) => Promise<void>,
  stored?: string,
): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ipqd-store-'));
  try {
    const file = path.join(dir, 'results.json');
    if (stored !== undefined) await writeFile(file, stored);
    const log = new MemoryLog();
    const json = new JsonStateStore<PersistedState>(file, log);
    let writes = 0;
    const counted: StateStore<PersistedState> = {
      read: () => json.read(),
      write: (state) => {
        writes++;
        json.write(state);
      },
    };
    const settings = () => ({ ...DEFAULT_SETTINGS, configFile: path.join(dir, 'config') });
    const store = new AppStateStore(counted, log, {
      settings,
      facts: new ConfigFacts(() => undefined, dir, settings),
      notifications: () => ({ status: 'on', mutedUntil: null, detail: null }),
      queued: () => false,
    });
    await work(store, { file, writes: () => writes, log });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a change is saved once, before the listeners hear of it; emits without a change write nothing', () =>
  withStore(async (store, disk) => {
    const heard: AppState[] = [];
    store.onState((state) => void heard.push(state));
    store.emit();
    assert.equal(disk.writes(), 0, 'nothing changed: nothing written');
    const results = store.resultsFor({ id: 'net-a', label: 'home' });
    results.lastCheck = { finishedAt: new Date(0).toISOString(), durationMs: 5, mode: 'screen' };
    store.network = { id: 'net-a', label: 'home' };
    let onDisk = -1;
    store.onState(() => void (onDisk = disk.writes()));
    store.emit();
    assert.equal(disk.writes(), 1);
    assert.equal(onDisk, 1, 'written before the listeners ran');
    const saved = JSON.parse(await readFile(disk.file, 'utf8')) as PersistedState;
    assert.equal(saved.networks['net-a']?.label, 'home');
    store.check = { running: true, mode: 'screen', done: 0, total: 3 };
    store.emit();
    store.emit();
    assert.equal(disk.writes(), 1, 'progress is not a change of the results');
    assert.equal(heard.at(-1)?.lastCheck?.durationMs, 5);
    assert.ok((heard.at(-1)?.revision ?? 0) > (heard[0]?.revision ?? 0), 'revisions grow');
  }));

test('a listener that throws is logged and the others still hear; the state is rebuilt only on emit', () =>
  withStore(async (store, disk) => {
    const seen: number[] = [];
    store.onState(() => {
      throw new Error('listener bug');
    });
    const off = store.onState((state) => void seen.push(state.revision));
    store.emit();
    off();
    store.emit();
    assert.deepEqual(seen, [1]);
    assert.ok(disk.log.lines.some((line) => line.startsWith('error a state listener failed')));
    assert.equal(store.state(), store.state(), 'the same object until the next emit');
  }));

test('saved results from another version: a warning and a fresh memory', () =>
  withStore(
    async (store, disk) => {
      assert.deepEqual(store.persisted.networks, {});
      assert.ok(disk.log.lines.some((line) => line.startsWith('warn the saved results do not match')));
    },
    JSON.stringify({ version: 99, networks: { x: 1 } }),
  ));
