import { randomBytes } from 'node:crypto';
import { mkdir, readdir, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.ts';
import { includeMatches } from '../inventory/config-files.ts';
import { isAlive } from '../process/process-alive.ts';
import { scratchRootOf, STATE_DIR_ENV } from './tool-state-dir.ts';

/**
 * Refuses when any Include pattern of the config (expanded like ssh does,
 * now that the files exist) reaches one of `files` or a folder on their way
 * up to `stateDir`: ssh would then read our copy as part of the user's
 * config, and a copy that includes the same glob again breaks every ssh.
 */
export async function assertOutOfIncludeReach(
  files: readonly string[],
  stateDir: string,
  patterns: readonly string[],
  home: string,
): Promise<void> {
  if (patterns.length === 0) return;
  const guarded = new Set<string>();
  for (const file of files) {
    guarded.add(file);
    guarded.add(await realpath(file).catch(() => file));
    for (let p = path.dirname(file); p.startsWith(stateDir) && p !== path.dirname(p); p = path.dirname(p)) {
      guarded.add(p);
      guarded.add(await realpath(p).catch(() => p));
    }
  }
  for (const pattern of new Set(patterns)) {
    for (const match of await includeMatches(pattern, home)) {
      const real = await realpath(match).catch(() => match);
      if (guarded.has(match) || guarded.has(real)) {
        throw new UserError(
          `The config's "Include ${pattern}" reaches ${match}, where ipqos-doctor keeps its backups and temporary copies; nothing was written.`,
          `Point ${STATE_DIR_ENV} at a folder no Include of the config matches (e.g. ${STATE_DIR_ENV}=/var/tmp/ipqos-doctor-$USER), then run the command again.`,
        );
      }
    }
  }
}

/** A private folder of this run's (named with its pid, so a later run can tell it is stale). */
export interface Scratch {
  dir: string;
  dispose(): Promise<void>;
}

const SCRATCH_NAME = /^(\d+)-[0-9a-f]+$/;

export async function makeScratch(stateDir: string): Promise<Scratch> {
  const root = scratchRootOf(stateDir);
  await mkdir(root, { recursive: true, mode: 0o700 });
  const dir = path.join(root, `${process.pid}-${randomBytes(6).toString('hex')}`);
  await mkdir(dir, { mode: 0o700 });
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Removes the scratch folders of runs that no longer exist (killed, power loss). Returns how many. */
export async function removeStaleScratch(stateDir: string): Promise<number> {
  const root = scratchRootOf(stateDir);
  const names = await readdir(root).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const pid = Number(SCRATCH_NAME.exec(name)?.[1] ?? NaN);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    await rm(path.join(root, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}
