import { constants } from 'node:fs';
import { access, lstat, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { coreError } from '../error-messages.ts';
import { fileKind } from '../inventory/bounded-read.ts';
import { readConfigText } from '../inventory/config-files.ts';
import { sha256 } from './line-text.ts';

/** The config as it is on disk now, byte for byte, and the file a change writes. */
export interface ConfigSource {
  /** Absolute path as the user names it (may be a symlink). */
  configFile: string;
  /** The regular file behind it: written in place of the link, so the link stays. */
  realPath: string;
  isSymlink: boolean;
  exists: boolean;
  /** latin1: one char per byte. */
  text: string;
  sha256: string | null;
  /** Permission bits, owner and group to keep; 0600 and the current user for a new file. */
  mode: number;
  uid: number;
  gid: number;
}

export async function resolveRealPath(configFile: string): Promise<{ realPath: string; isSymlink: boolean }> {
  let current = configFile;
  let isSymlink = false;
  // Follow links by hand so a dangling one still names the file to create.
  for (let hops = 0; hops < 40; hops++) {
    let info;
    try {
      info = await lstat(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return {
          realPath: path.join(await realDirectory(path.dirname(current)), path.basename(current)),
          isSymlink,
        };
      }
      throw error;
    }
    if (!info.isSymbolicLink()) return { realPath: await realpath(current), isSymlink };
    isSymlink = true;
    current = path.resolve(path.dirname(current), await readlink(current));
  }
  throw coreError('core.error.symlink-loop', { file: configFile }, 'core.hint.point-at-file');
}

async function realDirectory(dir: string): Promise<string> {
  try {
    return await realpath(dir);
  } catch {
    return dir;
  }
}

export async function readConfigSource(configFile: string, signal?: AbortSignal): Promise<ConfigSource> {
  const { realPath, isSymlink } = await resolveRealPath(configFile);
  let info;
  try {
    info = await stat(realPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const uid = process.getuid?.() ?? -1;
    const gid = process.getgid?.() ?? -1;
    return { configFile, realPath, isSymlink, exists: false, text: '', sha256: null, mode: 0o600, uid, gid };
  }
  if (!info.isFile()) {
    throw coreError(
      'core.error.not-regular-file',
      { file: realPath, kind: fileKind(info) },
      'core.hint.pass-config-file',
    );
  }
  const text = await readConfigText(realPath, false, 'latin1', signal);
  return {
    configFile,
    realPath,
    isSymlink,
    exists: true,
    text,
    sha256: sha256(Buffer.from(text, 'latin1')),
    mode: info.mode & 0o7777,
    uid: info.uid,
    gid: info.gid,
  };
}

export interface WriteAccess {
  ok: boolean;
  /** Why not, for the user; '' when ok. */
  reason: string;
  /** The parent directory is missing and is the user's ~/.ssh, which the apply creates (0700). */
  createDirectory: boolean;
}

/**
 * Whether the change can be written. A file without write permission bits is
 * taken as deliberately read-only even for root (access(2) would say yes), and
 * the directory must take the temporary file the atomic replace goes through.
 */
export async function writeAccess(source: ConfigSource, home: string): Promise<WriteAccess> {
  const fail = (reason: string): WriteAccess => ({ ok: false, reason, createDirectory: false });
  if (source.exists) {
    if ((source.mode & 0o222) === 0) {
      return fail(
        `${source.realPath} is read-only (mode ${(source.mode & 0o777).toString(8).padStart(4, '0')})`,
      );
    }
    const problem = await accessProblem(source.realPath);
    if (problem) return fail(`${source.realPath} is not writable (${problem})`);
  }
  const dir = path.dirname(source.realPath);
  try {
    await stat(dir);
  } catch {
    if (dir === path.join(home, '.ssh')) return { ok: true, reason: '', createDirectory: true };
    return fail(`the directory ${dir} does not exist`);
  }
  const problem = await accessProblem(dir);
  if (problem) {
    return fail(
      `the directory ${dir} is not writable (${problem}); the file is replaced through a temporary file there`,
    );
  }
  return { ok: true, reason: '', createDirectory: false };
}

async function accessProblem(file: string): Promise<string | undefined> {
  try {
    await access(file, constants.W_OK);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}
