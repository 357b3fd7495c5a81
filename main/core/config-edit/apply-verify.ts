/**
 * The last step of applyPlan: the written file must be the proven bytes, and
 * the changed hosts must read as proven; else the previous content goes back,
 * but only over exactly what was written (issue 15 §1).
 */
import { unlink } from 'node:fs/promises';
import { mapBounded } from '../concurrency.ts';
import { readRegularFile } from '../inventory/bounded-read.ts';
import { sshG } from '../ssh/ssh-client.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { beforeView, explain, view, type Capture, type Problem } from './apply-views.ts';
import type { Staged } from './apply-steps.ts';
import { changedWhileVerifying } from './concurrent-change.ts';
import type { EditPlan } from './edit-plan.ts';
import { nameMatchExecTimeout } from './match-exec.ts';
import { readsLikePlainSsh } from './plain-ssh.ts';
import { aliasState, compareStates, readBackDiffers, type AliasState } from './ssh-g-invariant.ts';
import type { PlanMessage } from './plan-messages.ts';

export interface Verified {
  /** The changed hosts, checked on the written file. */
  rechecked: string[];
  recheckedIpqos: { alias: string; ipqos: string }[];
  /** Empty when the written file is as proven; else why, and the previous content is back. */
  problems: PlanMessage[];
  ms: number;
}

export async function verify(
  plan: EditPlan,
  staged: Staged,
  proven: readonly AliasState[],
  backupPath: string | null,
  capture: Capture,
): Promise<Verified> {
  const started = performance.now();
  const targets = changedAliases(plan);
  const wanted = new Set(targets);
  const expected = proven.filter((state) => wanted.has(state.alias));
  let problems: Problem[];
  let states: AliasState[] = [];
  try {
    const written = await readRegularFile(plan.configFile);
    if (written.equals(staged.next)) {
      // The proven bytes, read the way the proof read them: with Match exec, running ssh -G on them
      // again would only run the user's commands again (issue 15 §1); plain ssh reads differently.
      states =
        plan.runsMatchExec && !readsLikePlainSsh(plan)
          ? expected
          : await recheck(plan, targets, written, staged.scratch.dir, capture);
      problems = compareStates(expected, states);
    } else {
      problems = [readBackDiffers()];
    }
  } catch (error) {
    await restore(plan, staged, backupPath);
    throw nameMatchExecTimeout(error, plan.matchExec);
  }
  const ms = Math.round(performance.now() - started);
  const recheckedIpqos = states.map(({ alias, ipqos }) => ({ alias, ipqos }));
  if (problems.length === 0) return { rechecked: targets, recheckedIpqos, problems: [], ms };
  const beforeFile = await beforeView(plan, staged.base, staged.scratch.dir);
  const afterFile =
    plan.systemConfig === null ? plan.configFile : await view(plan, staged.next, staged.scratch.dir, 'after');
  const lines = await explain(plan, problems, beforeFile, afterFile, capture.signal);
  await restore(plan, staged, backupPath);
  return { rechecked: targets, recheckedIpqos, problems: lines, ms };
}

/** The hosts the change is for: checked once more on the written file. */
function changedAliases(plan: EditPlan): string[] {
  const measured = new Set(plan.expectations.map((expectation) => expectation.alias));
  return plan.hosts
    .filter((host) => (host.action === 'add' || host.action === 'remove') && measured.has(host.host))
    .map((host) => host.host);
}

/**
 * ssh -G for the changed hosts on the written file, read the way `ssh host`
 * reads it: `-F FILE` for a --config file; for the user's default config,
 * plain `ssh -G` when it is the real ~/.ssh/config and system file, else
 * (a test's stand-ins) the written bytes with the system file after them.
 */
async function recheck(
  plan: EditPlan,
  aliases: readonly string[],
  written: Buffer,
  scratchDir: string,
  capture: Capture,
): Promise<AliasState[]> {
  const file =
    plan.systemConfig === null
      ? plan.configFile
      : readsLikePlainSsh(plan)
        ? undefined
        : await view(plan, written, scratchDir, 'written');
  return mapBounded(
    aliases,
    capture.concurrency,
    async (alias) =>
      aliasState(
        alias,
        await sshG(plan.ssh, {
          host: alias,
          ...(file !== undefined ? { configFile: file } : {}),
          ...(capture.signal ? { signal: capture.signal } : {}),
        }),
      ),
    capture.signal,
  );
}

/**
 * Puts the previous content back (or removes a file the change created), but
 * only over exactly what was written: an editor, a dotfile sync or a `Match
 * exec` hook that changed the file while it was being verified keeps its
 * change, and ours is kept in the tool's folder.
 */
async function restore(plan: EditPlan, staged: Staged, backupPath: string | null): Promise<void> {
  // Anything but the written bytes (gone, replaced by a pipe, unreadable) is someone else's.
  const now = await readRegularFile(plan.realPath, { maxBytes: Infinity }).catch(() => null);
  if (now === null || !now.equals(staged.next))
    throw await changedWhileVerifying(plan, staged.next, backupPath);
  if (plan.exists) await writeFileAtomic(plan.realPath, staged.base, staged.own, staged.scratch.dir);
  else await unlink(plan.realPath);
}
