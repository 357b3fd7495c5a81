import { randomBytes } from 'node:crypto';
import { mkdir, readdir, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.ts';
import { coreError } from '../error-messages.ts';
import { expandTilde, includeMatches } from '../inventory/config-files.ts';
import { isAlive } from '../process/process-alive.ts';
import { scratchRootOf, STATE_DIR_ENV } from './tool-state-dir.ts';

/** An Include pattern as ssh resolves it for a user config: ~ and relative paths from ~/.ssh. */
function absolutePattern(pattern: string, home: string): string {
  const expanded = expandTilde(pattern, home);
  return path.isAbsolute(expanded) ? expanded : path.join(home, '.ssh', expanded);
}

function refusal(pattern: string, reached: string): UserError {
  return coreError(
    'core.error.include-reaches-state',
    { pattern, reached, env: STATE_DIR_ENV },
    'core.hint.move-state-dir',
  );
}

/**
 * Refuses when any Include pattern of the config reaches one of `files` or a
 * folder on their way up to `stateDir`: ssh would then read our file as part
 * of the user's config, and a copy that includes the same glob again breaks
 * every ssh. Checked by matching the paths against each pattern (so it works
 * before a file exists: call it before creating anything), and, for what
 * exists, by expanding the pattern like the inventory does (symlinks too).
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
    for (let p = path.dirname(file); p.startsWith(stateDir) && p !== path.dirname(p); p = path.dirname(p)) {
      guarded.add(p);
    }
  }
  for (const pattern of new Set(patterns)) {
    const absolute = absolutePattern(pattern, home);
    for (const candidate of guarded) {
      if (path.matchesGlob(candidate, absolute)) throw refusal(pattern, candidate);
    }
    const real = new Set(await Promise.all([...guarded].map((p) => realpath(p).catch(() => p))));
    for (const match of await includeMatches(pattern, home)) {
      if (guarded.has(match) || real.has(await realpath(match).catch(() => match)))
        throw refusal(pattern, match);
    }
  }
}

/** A private folder of this run's (named with its pid, so a later run can tell it is stale). */
export interface Scratch {
  dir: string;
  dispose(): Promise<void>;
}

const SCRATCH_NAME = /^(\d+)-[0-9a-f]+$/;

/**
 * Creates the run's scratch folder, after checking (when `reach` is given)
 * that no Include pattern would match it or a file in it.
 */
export async function makeScratch(
  stateDir: string,
  reach?: { patterns: readonly string[]; home: string },
): Promise<Scratch> {
  const root = scratchRootOf(stateDir);
  const dir = path.join(root, `${process.pid}-${randomBytes(6).toString('hex')}`);
  if (reach) await assertOutOfIncludeReach([path.join(dir, 'proof')], stateDir, reach.patterns, reach.home);
  await mkdir(root, { recursive: true, mode: 0o700 });
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
