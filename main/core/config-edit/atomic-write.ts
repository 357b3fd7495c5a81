import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.ts';
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
 * Writes `bytes` to a new hidden file in the target's directory (so the
 * rename is atomic, and `Include dir/*` globs, which skip dot files, never
 * pick it up), with the target's mode and owner, and fsyncs it.
 */
export async function writeTempNextTo(realPath: string, bytes: Uint8Array, own: Ownership): Promise<string> {
  const temp = path.join(
    path.dirname(realPath),
    `.${path.basename(realPath)}.ipqos-doctor-${randomBytes(6).toString('hex')}.tmp`,
  );
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.chmod(own.mode & 0o7777);
    await keepOwner(handle, own);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return temp;
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
    actual = sha256(await readFile(realPath));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    actual = null;
  }
  if (actual !== expected) {
    throw new UserError(
      `${realPath} changed since the change was planned${actual === null ? ' (it was deleted)' : ''}; nothing was written.`,
      'Run the command again: it plans on the file as it is now.',
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
 * Replaces `realPath` with `bytes` atomically: temp file in the same
 * directory, fsync, hash check, rename, fsync of the directory. A symlink
 * pointing at `realPath` is untouched and keeps pointing at the new content.
 */
export async function writeFileAtomic(
  realPath: string,
  bytes: Uint8Array,
  own: Ownership,
  expectedSha256?: string | null,
): Promise<void> {
  const temp = await writeTempNextTo(realPath, bytes, own);
  try {
    if (expectedSha256 !== undefined) await assertContentHash(realPath, expectedSha256);
    await commitTemp(temp, realPath);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
