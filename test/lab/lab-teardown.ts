/**
 * Taking a lab down: every process in its namespace (sshd's per-connection
 * children included), the veth, the namespace and the temp dir; on a normal
 * end, on a crash or a signal (the exit hooks), and for labs whose creator died
 * without cleaning up (`removeStaleLabs`).
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from '../../main/core/process/process-alive.ts';
import { NAME_PREFIX, run, runRaw, tools } from './lab-tools.ts';

const STALE_NAME = /^ipqd-(\d+)-/;

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function parsePids(text: string): number[] {
  return text
    .split('\n')
    .map((line) => Number.parseInt(line, 10))
    .filter((pid) => Number.isInteger(pid) && pid > 0);
}

/** Kills everything in the namespace, sshd's per-connection children included, until nothing is left. */
async function killNamespaceProcesses(netns: string): Promise<void> {
  for (let round = 0; round < 100; round++) {
    const result = await runRaw(tools().ip, ['netns', 'pids', netns]);
    if (result.code !== 0) return; // The namespace is gone.
    const pids = parsePids(result.stdout);
    if (pids.length === 0) return;
    pids.forEach(killQuietly);
    await sleep(10);
  }
  throw new Error(`processes in ${netns} survived SIGKILL`);
}

function killNamespaceProcessesSync(netns: string): void {
  for (let round = 0; round < 20; round++) {
    let pids: number[];
    try {
      pids = parsePids(
        execFileSync(tools().ip, ['netns', 'pids', netns], { encoding: 'utf8', stdio: 'pipe' }),
      );
    } catch {
      return;
    }
    if (pids.length === 0) return;
    pids.forEach(killQuietly);
  }
}

export interface LabState {
  netns: string;
  dir: string;
  netnsCreated: boolean;
  veth?: string;
  /** The system's sshd, then the current one when the lab has it. */
  sshds: ChildProcess[];
  log: string;
}

export const liveLabs = new Set<LabState>();
let processHooksInstalled = false;

function teardownSync(state: LabState): void {
  for (const sshd of state.sshds) if (sshd.pid) killQuietly(sshd.pid);
  const swallow = (action: () => void): void => {
    try {
      action();
    } catch {
      // Best effort while the process dies.
    }
  };
  if (state.netnsCreated) killNamespaceProcessesSync(state.netns);
  if (state.veth) {
    swallow(() => execFileSync(tools().ip, ['link', 'del', state.veth ?? ''], { stdio: 'ignore' }));
  }
  if (state.netnsCreated) {
    swallow(() => execFileSync(tools().ip, ['netns', 'del', state.netns], { stdio: 'ignore' }));
  }
  swallow(() => rmSync(state.dir, { recursive: true, force: true }));
  liveLabs.delete(state);
}

export function installProcessHooks(): void {
  if (processHooksInstalled) return;
  processHooksInstalled = true;
  const cleanupAll = (): void => liveLabs.forEach(teardownSync);
  // 'exit' covers a normal end and a crash (uncaught exception, process.exit).
  process.on('exit', cleanupAll);
  // A signal skips 'exit': clean up, then, if nobody else handles the signal, let it end the process.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      cleanupAll();
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

export async function teardown(state: LabState): Promise<void> {
  const problems: string[] = [];
  const attempt = async (step: string, action: () => Promise<unknown>): Promise<void> => {
    try {
      await action();
    } catch (error) {
      problems.push(`${step}: ${(error as Error).message}`);
    }
  };
  for (const sshd of state.sshds) {
    if (sshd.pid === undefined || sshd.exitCode !== null || sshd.signalCode !== null) continue;
    sshd.ref(); // Keep the event loop alive until sshd is reaped.
    const exited = once(sshd, 'exit');
    killQuietly(sshd.pid);
    await attempt('reap sshd', () =>
      Promise.race([
        exited,
        sleep(5000, undefined, { ref: false }).then(() => Promise.reject(new Error('timeout'))),
      ]),
    );
  }
  if (state.netnsCreated) {
    await attempt('kill namespace processes', () => killNamespaceProcesses(state.netns));
  }
  // Deleting the root-side veth removes both ends at once; the namespace alone would go lazily.
  const veth = state.veth;
  if (veth) {
    await attempt('delete veth', async () => {
      const result = await runRaw(tools().ip, ['link', 'del', veth]);
      if (result.code !== 0 && !/cannot find device/i.test(result.stderr)) {
        throw new Error(result.stderr.trim());
      }
    });
  }
  if (state.netnsCreated) {
    await attempt('delete namespace', async () => {
      const result = await runRaw(tools().ip, ['netns', 'del', state.netns]);
      if (result.code !== 0 && !/no such file/i.test(result.stderr)) throw new Error(result.stderr.trim());
    });
  }
  await attempt('remove temp dir', () => rm(state.dir, { recursive: true, force: true }));
  liveLabs.delete(state);
  if (problems.length > 0) throw new Error(`lab ${state.netns} teardown: ${problems.join('; ')}`);
}

/**
 * Deletes the `ipqd-*` namespaces and temp dirs left by processes that died
 * without cleaning up (SIGKILL, a crashed runner). Returns the names removed.
 */
export async function removeStaleLabs(): Promise<string[]> {
  const deadCreator = (name: string): boolean => {
    const pid = Number(STALE_NAME.exec(name)?.[1]);
    return pid > 0 && pid !== process.pid && !isAlive(pid);
  };
  // `ip netns list` prints "name" or "name (id: N)".
  const namespaces = (await run(tools().ip, ['netns', 'list']))
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter(deadCreator);
  const removed: string[] = [];
  for (const netns of namespaces) {
    await killNamespaceProcesses(netns);
    // Its veth goes with it once the last process has left.
    const deleted = await runRaw(tools().ip, ['netns', 'del', netns]);
    if (deleted.code === 0) {
      removed.push(netns);
    } else if (!/no such file/i.test(deleted.stderr)) {
      // "No such file": another process's removeStaleLabs was quicker.
      throw new Error(`ip netns del ${netns}: ${deleted.stderr.trim()}`);
    }
  }
  const dirs = readdirSync(tmpdir()).filter((name) => name.startsWith(NAME_PREFIX) && deadCreator(name));
  await Promise.all(dirs.map((name) => rm(join(tmpdir(), name), { recursive: true, force: true })));
  return [...new Set([...removed, ...dirs])];
}
