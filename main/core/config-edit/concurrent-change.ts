import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { UserError } from '../errors.ts';
import { coreError } from '../error-messages.ts';
import { writeNewFile } from './atomic-write.ts';
import { backupPrefix, backupStamp } from './backup.ts';
import { assertOutOfIncludeReach } from './out-of-reach.ts';
import type { EditPlan } from './edit-plan.ts';

/** Where a version of the config the tool could not leave in place is kept: beside the backups. */
export function conflictsDirOf(stateDir: string): string {
  return path.join(stateDir, 'conflicts');
}

/**
 * The file no longer holds what was written: another program changed it during
 * verification. Its version stays in the file; ours is saved in the tool's
 * folder, and the error says where each version is (issue 15 §1).
 */
export async function changedWhileVerifying(
  plan: EditPlan,
  written: Buffer,
  backupPath: string | null,
  now = new Date(),
): Promise<UserError> {
  const dir = conflictsDirOf(plan.stateDir);
  // The state folder's tmp/ passed the Include check already; conflicts/ is its sibling, checked too.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const name = `${backupPrefix(plan.realPath)}${backupStamp(now)}-${process.pid}.ipqos-doctor`;
  const file = path.join(dir, name);
  await assertOutOfIncludeReach([file], plan.stateDir, plan.includePatterns, plan.home);
  const proposed = await writeNewFile(file, written, { mode: 0o600, uid: -1, gid: -1 });
  return coreError(
    'core.error.changed-while-verifying',
    { file: plan.realPath, previous: backupPath ?? '(none: the file did not exist)', proposed },
    'core.hint.compare-versions',
  );
}
