/**
 * A small JSON file written atomically (temp file, fsync, rename), so a crash
 * mid-write leaves the old file or the new one, never half of each.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

export function writeJsonAtomic(file: string, data: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(data, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export type JsonRead =
  { kind: 'missing' } | { kind: 'ok'; data: unknown } | { kind: 'corrupt'; reason: string };

export function readJson(file: string): JsonRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'corrupt', reason: (error as Error).message };
  }
  try {
    return { kind: 'ok', data: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'corrupt', reason: (error as Error).message };
  }
}

/** Moves a bad file aside as `NAME.corrupt-<time>` so nothing the user had is lost; returns the new path. */
export function keepAside(file: string, now: number): string | null {
  const aside = `${file}.corrupt-${new Date(now).toISOString().replaceAll(':', '-')}`;
  try {
    renameSync(file, aside);
    return aside;
  } catch {
    return null;
  }
}
