import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { coreError } from '../error-messages.ts';
import { isAlive } from '../process/process-alive.ts';
import { sha256 } from './line-text.ts';

/** The lock for one config, in the tool's own folder (nothing of ours lives beside the config). */
export function lockPathFor(stateDir: string, realPath: string): string {
  return path.join(stateDir, 'locks', `${path.basename(realPath)}-${sha256(realPath).slice(0, 8)}.lock`);
}

/** link(2) publishes a file with the pid already in it: nobody ever sees an empty lock. False if taken. */
async function tryPublish(target: string): Promise<boolean> {
  const draft = `${target}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, `${process.pid}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(draft, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

async function ownerOf(file: string): Promise<number | null> {
  const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * Removes `file` only if it still names the dead `pid`: it is first renamed
 * aside (only one process can move a given file), then checked; a live
 * owner's file moved by mistake is linked back.
 */
async function removeIfStill(file: string, pid: number | null): Promise<void> {
  const aside = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await rename(file, aside);
  } catch {
    return; // someone else moved it first
  }
  const owner = await ownerOf(aside);
  if (owner !== pid && owner !== null && isAlive(owner)) await link(aside, file).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

/**
 * An exclusive lock on one config, so two applies never interleave their
 * check, write and verification. A lock whose process is gone is taken over,
 * but only under a second, short-lived lock (`.takeover`) and only if it
 * still names that process: two processes finding the same dead lock can
 * never both remove it and both proceed. Returns the release.
 */
export async function acquireLock(lockPath: string, realPath: string): Promise<() => Promise<void>> {
  await mkdir(path.dirname(lockPath), { recursive: true, mode: 0o700 });
  const takeover = `${lockPath}.takeover`;
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await tryPublish(lockPath)) {
      return async () => {
        await unlink(lockPath).catch(() => undefined);
      };
    }
    const owner = await ownerOf(lockPath);
    if (owner !== null && isAlive(owner)) {
      throw coreError(
        'core.error.locked',
        { pid: owner, file: realPath, lock: lockPath },
        'core.hint.wait-for-lock',
      );
    }
    if (await tryPublish(takeover)) {
      try {
        // Under the takeover lock nobody else removes the lock; check it is still the dead one.
        if ((await ownerOf(lockPath)) === owner) await unlink(lockPath).catch(() => undefined);
      } finally {
        await unlink(takeover).catch(() => undefined);
      }
    } else {
      const other = await ownerOf(takeover);
      if (other !== null && isAlive(other)) await sleep(5 + Math.random() * 20);
      else await removeIfStill(takeover, other);
    }
  }
  throw coreError('core.error.lock-unavailable', { lock: lockPath }, 'core.hint.lock-starting');
}
