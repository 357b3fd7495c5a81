import { open } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory, type Ownership } from './atomic-write.ts';

/** `20251125T101500Z`: sorts by time, has no characters a shell or a glob would trip on. */
export function backupStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * Keeps the previous content next to the real file, dated, with its mode and
 * owner (the config may hold private host names). Never overwrites: a second
 * backup in the same second gets a counter. Returns its path.
 */
export async function writeBackup(
  realPath: string,
  bytes: Uint8Array,
  own: Ownership,
  now: Date,
): Promise<string> {
  const base = `${realPath}.ipqos-doctor-${backupStamp(now)}`;
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? `${base}.bak` : `${base}-${n}.bak`;
    let handle;
    try {
      handle = await open(candidate, 'wx', own.mode & 0o777);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && n < 100) continue;
      throw error;
    }
    try {
      await handle.writeFile(bytes);
      await handle.chmod(own.mode & 0o777);
      if (own.uid >= 0) await handle.chown(own.uid, own.gid).catch(() => undefined);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await syncDirectory(path.dirname(candidate));
    return candidate;
  }
}
