import { randomBytes } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.ts';
import { isAlive } from '../process/process-alive.ts';

/**
 * An exclusive lock beside the file being changed, so two
 * applies never interleave their check, write and verification. A lock left
 * by a process that no longer runs is taken over. Returns the release.
 */
export async function acquireLock(realPath: string): Promise<() => Promise<void>> {
  const lockPath = path.join(path.dirname(realPath), `.${path.basename(realPath)}.ipqos-doctor.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    // link(2) publishes the lock with its pid already in it: nobody ever sees an empty lock.
    const draft = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(draft, `${process.pid}\n`, { mode: 0o600, flag: 'wx' });
    try {
      await link(draft, lockPath);
      return async () => {
        await unlink(lockPath).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(draft).catch(() => undefined);
    }
    const pid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
      throw new UserError(
        `Another ipqos-doctor (pid ${pid}) is changing ${realPath} right now; nothing was written.`,
        `Run the command again when it has finished. If no ipqos-doctor is running, delete ${lockPath}.`,
      );
    }
    await unlink(lockPath).catch(() => undefined);
  }
  throw new UserError(
    `Cannot take the lock ${lockPath}; nothing was written.`,
    'Another ipqos-doctor may be starting; run the command again.',
  );
}
