/**
 * A fault of the machine rather than of the input (a folder that cannot be
 * created, a read-only or full disk): one line saying what failed and what to
 * do, never a stack (issue 15 §2). The detail is for --verbose.
 */

const VERBS: Readonly<Record<string, string>> = {
  mkdir: 'create the folder',
  open: 'open',
  read: 'read',
  write: 'write',
  rename: 'replace',
  unlink: 'remove',
  rmdir: 'remove the folder',
  scandir: 'list the folder',
  link: 'create',
  chmod: 'set the permissions of',
  chown: 'set the owner of',
};

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'a part of the path is not a folder',
  ENOENT: 'a folder on the way does not exist',
  EEXIST: 'something else already has that name',
  EMFILE: 'too many open files',
  EIO: 'an input/output error of the disk',
};

export interface FaultLines {
  /** What failed and why, one line. */
  what: string;
  /** What to do next. */
  next: string;
}

/** The lines for a Node fs/system error, or null when `error` is not one. */
export function environmentFault(error: unknown): FaultLines | null {
  const fault = error as NodeJS.ErrnoException | undefined;
  if (!(fault instanceof Error) || typeof fault.code !== 'string' || !/^E[A-Z]+$/.test(fault.code))
    return null;
  const verb = (fault.syscall && VERBS[fault.syscall]) ?? 'use';
  const where = fault.path ?? (fault as { dest?: string }).dest ?? 'a file';
  const reason = REASONS[fault.code] ?? fault.code;
  const what = `cannot ${verb} ${where}: ${reason} (${fault.code}).`;
  const next =
    fault.code === 'ENOSPC' || fault.code === 'EDQUOT'
      ? 'Free some space on that disk, then run the command again.'
      : `Check that this user can write there (ls -ld ${JSON.stringify(where)}), or set HOME or IPQOS_DOCTOR_STATE_DIR (the folder for backups and temporary copies) to a folder it can write; then run the command again.`;
  return { what, next };
}
