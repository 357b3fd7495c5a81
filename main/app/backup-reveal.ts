/**
 * Show in Finder reveals only what main itself trusts: a file that exists in the tool's backups
 * folder. The path comes from the renderer, which is untrusted; links are resolved first, so one
 * inside the folder cannot lead out of it.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { appMessage } from './app-messages.ts';
import { IpcFailure } from './ipc-failure.ts';

/** The real path of `requested` when it is a file inside `backupDir`; else a 'not-allowed' failure. */
export async function trustedBackupPath(requested: string, backupDir: string): Promise<string> {
  const refused = (): IpcFailure =>
    new IpcFailure(
      'not-allowed',
      appMessage('fix.not-a-backup', { path: requested.slice(0, 1000) }),
      appMessage('fix.hint.backups-folder', { folder: backupDir }),
    );
  const [folder, file] = await Promise.all([
    realpath(backupDir).catch(() => null),
    realpath(requested).catch(() => null),
  ]);
  if (folder === null || file === null) throw refused();
  const relative = path.relative(folder, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) throw refused();
  const isFile = await stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
  if (!isFile) throw refused();
  return file;
}
