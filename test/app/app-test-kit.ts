/**
 * Real ports for controller tests, with only the scheduler's clock faked:
 * a clock the test advances, a network whose fingerprint the test switches,
 * a notifier that records what it was asked to show, a logger that keeps lines.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  AppController,
  HEADLESS_SHELL,
  type ControllerDeps,
  type PersistedState,
} from '../../main/app/app-controller.ts';
import type {
  AlertNotification,
  Clock,
  Logger,
  NetworkFingerprint,
  NetworkMonitor,
  Notifier,
  NotifyResult,
  PowerEvents,
} from '../../main/app/ports.ts';
import { JsonSettingsStore } from '../../main/platform/json-settings-store.ts';
import { JsonStateStore } from '../../main/platform/json-state-store.ts';
import * as v from 'valibot';
import { AppStateSchema, describeIssues } from '../../main/shared/ipc-contract.ts';
import type { Lab } from '../lab/lab.ts';

export class FakeClock implements Clock {
  #now: number;
  #timers: { at: number; fn: () => void; id: number }[] = [];
  #next = 0;

  constructor(start = Date.now()) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const id = this.#next++;
    this.#timers.push({ at: this.#now + ms, fn, id });
    return () => {
      this.#timers = this.#timers.filter((timer) => timer.id !== id);
    };
  }

  /** Moves time on and fires, in order, every timer that falls due. */
  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      const due = this.#timers
        .filter((timer) => timer.at <= until)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((timer) => timer.id !== due.id);
      this.#now = Math.max(this.#now, due.at);
      due.fn();
    }
    this.#now = until;
  }

  pending(): number {
    return this.#timers.length;
  }
}

export class SwitchableNetwork implements NetworkMonitor {
  fingerprint: NetworkFingerprint;
  readonly #listeners = new Set<() => void>();

  constructor(fingerprint: NetworkFingerprint = { id: 'net-home', label: 'home' }) {
    this.fingerprint = fingerprint;
  }

  current(): Promise<NetworkFingerprint> {
    return Promise.resolve(this.fingerprint);
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  switchTo(fingerprint: NetworkFingerprint): void {
    this.fingerprint = fingerprint;
    this.#listeners.forEach((listener) => listener());
  }
}

export class RecordingNotifier implements Notifier {
  readonly shown: AlertNotification[] = [];
  result: NotifyResult = { shown: true };
  readonly #click = new Set<(alert: AlertNotification) => void>();

  isSupported(): boolean {
    return true;
  }

  show(alert: AlertNotification): Promise<NotifyResult> {
    if (this.result.shown) this.shown.push(alert);
    return Promise.resolve(this.result);
  }

  onClick(listener: (alert: AlertNotification) => void): () => void {
    this.#click.add(listener);
    return () => this.#click.delete(listener);
  }

  click(alert: AlertNotification): void {
    this.#click.forEach((listener) => listener(alert));
  }
}

export class MemoryLog implements Logger {
  readonly lines: string[] = [];
  info(message: string, data?: Record<string, unknown>): void {
    this.lines.push(`info ${message} ${JSON.stringify(data ?? {})}`);
  }
  warn(message: string, data?: Record<string, unknown>): void {
    this.lines.push(`warn ${message} ${JSON.stringify(data ?? {})}`);
  }
  error(message: string, data?: Record<string, unknown>): void {
    this.lines.push(`error ${message} ${JSON.stringify(data ?? {})}`);
  }
}

export interface Harness {
  controller: AppController;
  clock: FakeClock;
  network: SwitchableNetwork;
  notifier: RecordingNotifier;
  log: MemoryLog;
  dir: string;
  deps: ControllerDeps;
  /** Check runs started, counted from the state's running flag. */
  runs: () => number;
  dispose(): Promise<void>;
}

/** A controller on the real core, checking `configFile`, with its files in a temp dir of its own. */
export async function makeHarness(options: {
  configFile: string;
  dir?: string;
  clock?: FakeClock;
  network?: SwitchableNetwork;
  power?: PowerEvents;
}): Promise<Harness> {
  const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), 'ipqd-app-')));
  const log = new MemoryLog();
  const clock = options.clock ?? new FakeClock();
  const network = options.network ?? new SwitchableNetwork();
  const notifier = new RecordingNotifier();
  const settings = new JsonSettingsStore(path.join(dir, 'settings.json'), log);
  // These tests check the daily-login schedule: the first-run consent (issue 17) is given as "daily".
  if (settings.read().configFile !== options.configFile || settings.read().loginPolicy === null) {
    settings.write({ ...settings.read(), configFile: options.configFile, loginPolicy: 'daily' });
  }
  const deps: ControllerDeps = {
    clock,
    network,
    notifier,
    settings,
    store: new JsonStateStore<PersistedState>(path.join(dir, 'state.json'), log),
    log,
    ...(options.power ? { power: options.power } : {}),
    core: { home: dir },
    shell: { ...HEADLESS_SHELL },
  };
  const controller = new AppController(deps);
  let runs = 0;
  let running = false;
  let revision = -1;
  const invalid: string[] = [];
  controller.onState((state) => {
    if (state.check.running && !running) runs++;
    running = state.check.running;
    // Every state the popover would get must pass the contract, and revisions only grow.
    const parsed = v.safeParse(AppStateSchema, state);
    if (!parsed.success) invalid.push(describeIssues(parsed.issues));
    if (state.revision <= revision) invalid.push(`revision ${state.revision} after ${revision}`);
    revision = state.revision;
  });
  return {
    controller,
    clock,
    network,
    notifier,
    log,
    dir,
    deps,
    runs: () => runs,
    async dispose() {
      await controller.stop();
      if (invalid.length > 0)
        throw new Error(`states that break the contract: ${invalid.slice(0, 3).join(' | ')}`);
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

const exec = promisify(execFile);

/** The ssh processes running with this lab's files on their command line (its config, keys). */
export function labSshProcesses(lab: Lab): string[] {
  try {
    const listed = execFileSync('pgrep', ['-a', '-f', `ssh .*${path.basename(lab.dir)}`], {
      encoding: 'utf8',
    });
    return listed.split('\n').filter((line) => line.trim() !== '' && !line.includes('pgrep'));
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/**
 * Waits until one of the lab's ssh processes has been running for `ms` (a
 * session, not a quick `ssh -G`), so a test can stop things while it runs.
 */
export async function waitForLongSsh(lab: Lab, ms = 300, timeoutMs = 15_000): Promise<void> {
  const firstSeen = new Map<string, number>();
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const now = performance.now();
    for (const line of labSshProcesses(lab)) {
      const pid = line.split(' ')[0] ?? '';
      const since = firstSeen.get(pid) ?? now;
      firstSeen.set(pid, since);
      if (now - since >= ms) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no ssh of the lab ran for ${ms} ms within ${timeoutMs} ms`);
}

/**
 * Turns a lab path bad: a middlebox rule, inserted first, that drops every
 * packet with a non-zero DSCP to `port` (F4). Returns the rule's undo.
 */
export async function breakPath(lab: Lab, port: number): Promise<() => Promise<void>> {
  const { stdout } = await exec('ip', [
    ...['netns', 'exec', lab.netns, 'nft', '--echo', '--handle'],
    ...['insert', 'rule', 'inet', 'ipqd_lab', 'input'],
    ...['ct', 'direction', 'original', 'tcp', 'dport', String(port), 'ip', 'dscp', '!=', '0', 'drop'],
  ]);
  const handle = /# handle (\d+)/.exec(stdout)?.[1];
  if (!handle) throw new Error(`nft did not print the new rule's handle: ${stdout}`);
  let restored = false;
  return async () => {
    if (restored) return;
    restored = true;
    await exec('ip', [
      ...['netns', 'exec', lab.netns, 'nft'],
      ...['delete', 'rule', 'inet', 'ipqd_lab', 'input', 'handle', handle],
    ]);
  };
}
