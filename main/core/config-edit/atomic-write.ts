import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { coreError } from '../error-messages.ts';
import { readRegularFile } from '../inventory/bounded-read.ts';
import { isAlive } from '../process/process-alive.ts';
import { sha256 } from './line-text.ts';

/** Permission bits, owner and group a written file must keep. */
export interface Ownership {
  mode: number;
  uid: number;
  gid: number;
}

/** Errors that mean "this file cannot be written here", as opposed to a bug. */
export function isNotWritableError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOSPC' || code === 'EDQUOT';
}

/**
 * Writes `bytes` to a new file in `dir` with the target's mode and owner, and
 * fsyncs it. `wx`: never follows or reuses an existing name.
 */
export async function writeNewFile(file: string, bytes: Uint8Array, own: Ownership): Promise<string> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.chmod(own.mode & 0o7777);
    await keepOwner(handle, own);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(file).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return file;
}

/** A hidden temp beside the target: `.config.ipqos-doctor-<pid>-<hex>.tmp`; the pid tells a later run it is stale. */
const BESIDE_TEMP = /^\.(.+)\.ipqos-doctor-(?:(\d+)-)?[0-9a-f]{8,12}\.tmp$/;

/**
 * Stages the new content for an atomic rename onto `realPath`: in the run's
 * private scratch folder when it is on the same filesystem (then nothing of
 * ours ever appears beside the config), else as a hidden temp beside it
 * (the caller proves no Include reaches it).
 */
export async function stageFor(
  realPath: string,
  bytes: Uint8Array,
  own: Ownership,
  scratchDir: string,
  /** Runs on the chosen path before it is created (e.g. the Include reach check). */
  check: (file: string) => Promise<void> = async () => undefined,
): Promise<{ path: string; beside: boolean }> {
  const dir = path.dirname(realPath);
  const [scratch, target] = await Promise.all([stat(scratchDir), stat(dir)]);
  if (scratch.dev === target.dev) {
    const file = path.join(scratchDir, `stage-${randomBytes(6).toString('hex')}`);
    await check(file);
    return { path: await writeNewFile(file, bytes, own), beside: false };
  }
  const name = `.${path.basename(realPath)}.ipqos-doctor-${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  await check(path.join(dir, name));
  return { path: await writeNewFile(path.join(dir, name), bytes, own), beside: true };
}

/**
 * Removes hidden temps beside the config left by runs that were killed
 * (SIGKILL, power loss). Call with the lock held. A temp without a pid comes
 * from an older version of the tool and counts as stale after ten minutes.
 */
export async function removeStaleTemps(realPath: string, now = Date.now()): Promise<string[]> {
  const dir = path.dirname(realPath);
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const match = BESIDE_TEMP.exec(name);
    if (!match || match[1] !== path.basename(realPath)) continue;
    const file = path.join(dir, name);
    const pid = match[2] === undefined ? null : Number(match[2]);
    if (pid === process.pid || (pid !== null && isAlive(pid))) continue;
    if (pid === null) {
      const info = await lstat(file).catch(() => null);
      if (!info || now - info.mtimeMs < 10 * 60 * 1000) continue;
    }
    await unlink(file).catch(() => undefined);
    removed.push(file);
  }
  return removed;
}

async function keepOwner(handle: Awaited<ReturnType<typeof open>>, own: Ownership): Promise<void> {
  const current = await handle.stat();
  if (own.uid < 0 || (current.uid === own.uid && current.gid === own.gid)) return;
  try {
    await handle.chown(own.uid, own.gid);
  } catch (error) {
    // Only root may give a file away; as the owner ourselves there is nothing to keep.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
}

/** Refuses when the file is not what the plan was made from (null: the file must not exist). */
export async function assertContentHash(realPath: string, expected: string | null): Promise<void> {
  let actual: string | null;
  try {
    actual = sha256(await readRegularFile(realPath));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    actual = null;
  }
  if (actual !== expected) {
    throw coreError(
      actual === null ? 'core.error.config-deleted-since-plan' : 'core.error.config-changed-since-plan',
      { file: realPath },
      'core.hint.plan-again',
    );
  }
}

/** Renames the temp file over the target and fsyncs the directory so the rename survives a crash. */
export async function commitTemp(temp: string, realPath: string): Promise<void> {
  await rename(temp, realPath);
  await syncDirectory(path.dirname(realPath));
}

export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some filesystems cannot fsync a directory; the rename itself is still atomic.
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `realPath` with `bytes` atomically: staged (see stageFor), fsync,
 * rename, fsync of the directory. A symlink pointing at `realPath` is
 * untouched and keeps pointing at the new content.
 */
export async function writeFileAtomic(
  realPath: string,
  bytes: Uint8Array,
  own: Ownership,
  scratchDir: string,
): Promise<void> {
  const staged = await stageFor(realPath, bytes, own, scratchDir);
  try {
    await commitTemp(staged.path, realPath);
  } catch (error) {
    await unlink(staged.path).catch(() => undefined);
    throw error;
  }
}
