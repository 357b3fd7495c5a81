import { mkdir, open, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory, type Ownership } from './atomic-write.ts';
import { sha256 } from './line-text.ts';

/** Backups kept per config file; older ones are removed after a new one is written. */
export const BACKUPS_KEPT = 10;

/** `20251125T101500Z`: sorts by time, has no characters a shell or a glob would trip on. */
export function backupStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * Backups of one config share a prefix: its name and a digest of its real
 * path, so two files called `config` in different folders never share one.
 */
export function backupPrefix(realPath: string): string {
  return `${path.basename(realPath)}-${sha256(realPath).slice(0, 8)}-`;
}

/**
 * Keeps the previous content in the tool's backup folder (outside ~/.ssh, so
 * no Include can read it), dated, with its mode and owner (the config may
 * hold private host names). Never overwrites: a counter tells apart two
 * backups of one second, and keeps names in time order. Returns its path.
 */
export async function writeBackup(
  backupDir: string,
  realPath: string,
  bytes: Uint8Array,
  own: Ownership,
  now: Date,
): Promise<string> {
  await mkdir(backupDir, { recursive: true, mode: 0o700 });
  const base = path.join(backupDir, `${backupPrefix(realPath)}${backupStamp(now)}`);
  for (let n = 0; ; n++) {
    const candidate = `${base}-${String(n).padStart(2, '0')}.bak`;
    let handle;
    try {
      handle = await open(candidate, 'wx', own.mode & 0o777);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && n < 99) continue;
      throw error;
    }
    try {
      await handle.writeFile(bytes);
      await handle.chmod(own.mode & 0o777);
      if (own.uid >= 0) await handle.chown(own.uid, own.gid).catch(() => undefined);
      await handle.sync();
    } catch (error) {
      // A full disk leaves a truncated copy named like a good one: it must not stay (issue 15 §1).
      await handle.close();
      await unlink(candidate).catch(() => undefined);
      throw error;
    }
    await handle.close();
    await syncDirectory(path.dirname(candidate));
    return candidate;
  }
}

/** The backups of one config, oldest first. */
export async function listBackups(backupDir: string, realPath: string): Promise<string[]> {
  const prefix = backupPrefix(realPath);
  const names = await readdir(backupDir).catch(() => [] as string[]);
  return names
    .filter((name) => name.startsWith(prefix) && /^\d{8}T\d{6}Z-\d{2}\.bak$/.test(name.slice(prefix.length)))
    .sort()
    .map((name) => path.join(backupDir, name));
}

/** Removes all but the newest `keep` backups of one config; returns the removed paths. */
export async function pruneBackups(
  backupDir: string,
  realPath: string,
  keep = BACKUPS_KEPT,
): Promise<string[]> {
  const all = await listBackups(backupDir, realPath);
  const old = all.slice(0, Math.max(0, all.length - keep));
  for (const file of old) await unlink(file).catch(() => undefined);
  return old;
}
