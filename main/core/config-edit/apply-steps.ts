/**
 * The steps of applyPlan before the file is verified: lock, stage, prove,
 * back up, commit. Each takes the plan and what the step before made.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { coreError } from '../error-messages.ts';
import { isAbortError, UserError } from '../errors.ts';
import { readRegularFile } from '../inventory/bounded-read.ts';
import {
  assertContentHash,
  commitTemp,
  isNotWritableError,
  removeStaleTemps,
  stageFor,
  type Ownership,
} from './atomic-write.ts';
import { backupPrefix, backupStamp, pruneBackups, writeBackup } from './backup.ts';
import { beforeView, explain, type Capture, type Problem } from './apply-views.ts';
import { readConfigSource } from './config-source.ts';
import type { EditPlan } from './edit-plan.ts';
import { acquireLock, lockPathFor } from './file-lock.ts';
import { joinLines, sha256, splitLines } from './line-text.ts';
import { ConfigNotWritableError } from './manual-steps.ts';
import { nameMatchExecTimeout } from './match-exec.ts';
import { assertOutOfIncludeReach, makeScratch, removeStaleScratch, type Scratch } from './out-of-reach.ts';
import { captureAliasStates, compareStates, proofFailed, type AliasState } from './ssh-g-invariant.ts';
import type { PlanMessage } from './plan-messages.ts';
import { standInText } from './system-config.ts';
import { applyEdits } from './unified-diff.ts';

export function notWritable(plan: EditPlan, reason: string): ConfigNotWritableError {
  return new ConfigNotWritableError(plan.realPath, reason, plan.manual);
}

const outOfReach = (plan: EditPlan, files: readonly string[]): Promise<void> =>
  assertOutOfIncludeReach(files, plan.stateDir, plan.includePatterns, plan.home);

/** Lock: the tool's folder exists, a dead run's leftovers are gone, and no second writer gets in. */
export async function lock(plan: EditPlan): Promise<() => Promise<void>> {
  await mkdir(plan.stateDir, { recursive: true, mode: 0o700 });
  await removeStaleScratch(plan.stateDir);
  if (plan.writable.createDirectory)
    await mkdir(path.dirname(plan.realPath), { mode: 0o700, recursive: true });
  const lockPath = lockPathFor(plan.stateDir, plan.realPath);
  await outOfReach(plan, [lockPath]);
  const release = await acquireLock(lockPath, plan.realPath);
  try {
    await removeStaleTemps(plan.realPath);
  } catch (error) {
    await release();
    throw error;
  }
  return release;
}

/** What staging made: the bytes before and after, the owner to keep, the proof copy and the staged file. */
export interface Staged {
  base: Buffer;
  next: Buffer;
  own: Ownership;
  scratch: Scratch;
  proofCopy: string;
  /** The new content beside or on the config's disk, renamed over it by commit; null once committed. */
  file: string | null;
}

/**
 * Stage: the files are still what was planned; the new content goes to a
 * private copy for the proof and to a staged file for the rename, every path
 * outside each Include's reach. The caller disposes `scratch`.
 */
export async function stage(plan: EditPlan, scratchSink: (scratch: Scratch) => void): Promise<Staged> {
  const source = await readConfigSource(plan.configFile);
  if (source.realPath !== plan.realPath) {
    throw coreError(
      'core.error.config-now-points',
      { file: plan.configFile, target: source.realPath },
      'core.hint.run-again',
    );
  }
  await assertContentHash(plan.realPath, plan.baseSha256);
  await assertIncludesUnchanged(plan);
  const base = Buffer.from(source.text, 'latin1');
  const nextText = joinLines(applyEdits(splitLines(source.text), plan.edits, plan.eol));
  const next = Buffer.from(nextText, 'latin1');
  const own: Ownership = { mode: source.mode, uid: source.uid, gid: source.gid };
  const scratch = await makeScratch(plan.stateDir, { patterns: plan.includePatterns, home: plan.home });
  scratchSink(scratch);
  const proofCopy = path.join(scratch.dir, 'proof');
  await writeFile(proofCopy, standInText(nextText, plan.systemConfig, plan.eol), {
    encoding: 'latin1',
    mode: 0o600,
  });
  let file: string;
  try {
    const check = (candidate: string): Promise<void> => outOfReach(plan, [candidate]);
    file = (await stageFor(plan.realPath, next, own, scratch.dir, check)).path;
  } catch (error) {
    if (isNotWritableError(error))
      throw notWritable(plan, `writing next to it failed (${(error as NodeJS.ErrnoException).code})`);
    throw error;
  }
  await outOfReach(plan, [proofCopy, file]);
  return { base, next, own, scratch, proofCopy, file };
}

async function assertIncludesUnchanged(plan: EditPlan): Promise<void> {
  for (const file of plan.includedFiles) {
    const now = await readRegularFile(file.path).then(sha256, () => null);
    if (now !== file.sha256) {
      throw coreError(
        'core.error.include-changed-since-plan',
        { file: file.path, config: plan.configFile },
        'core.hint.plan-again-files',
      );
    }
  }
}

export type Proof = { states: AliasState[]; ms: number } | { problems: PlanMessage[]; ms: number };

/** Prove: ssh -G for every alias on the private copy must meet every expectation. The file is untouched. */
export async function prove(plan: EditPlan, staged: Staged, capture: Capture): Promise<Proof> {
  const started = performance.now();
  const measured = await measureOrFail(plan, staged.proofCopy, capture);
  const ms = Math.round(performance.now() - started);
  const problems =
    'states' in measured ? compareStates(plan.expectations, measured.states) : measured.problems;
  if ('states' in measured && problems.length === 0) return { states: measured.states, ms };
  // With -F the untouched file is its own "before".
  const beforeFile =
    plan.systemConfig === null && plan.exists
      ? plan.configFile
      : await beforeView(plan, staged.base, staged.scratch.dir);
  return { problems: await explain(plan, problems, beforeFile, staged.proofCopy, capture.signal), ms };
}

/** ssh -G for every alias; ssh rejecting the file is a failed proof, not a crash. */
async function measureOrFail(
  plan: EditPlan,
  file: string,
  capture: Capture,
): Promise<{ states: AliasState[] } | { problems: Problem[] }> {
  const aliases = plan.expectations.map((expectation) => expectation.alias);
  try {
    return { states: await captureAliasStates(plan.ssh, file, aliases, capture) };
  } catch (error) {
    const named = nameMatchExecTimeout(error, plan.matchExec);
    if (isAbortError(named) || !(named instanceof UserError)) throw named;
    return { problems: [proofFailed(named.message, named.code)] };
  }
}

/** Back up: the previous content, dated, in the tool's folder; null when there was no file. */
export async function backup(plan: EditPlan, staged: Staged, now: Date): Promise<string | null> {
  if (!plan.exists) return null;
  const planned = path.join(plan.backupDir, `${backupPrefix(plan.realPath)}${backupStamp(now)}-00.bak`);
  await outOfReach(plan, [planned]);
  const written = await writeBackup(plan.backupDir, plan.realPath, staged.base, staged.own, now);
  await outOfReach(plan, [written]);
  await pruneBackups(plan.backupDir, plan.realPath);
  return written;
}

/** Commit: the file is still what was planned, then the staged file is renamed over it. */
export async function commit(plan: EditPlan, staged: Staged): Promise<void> {
  await assertContentHash(plan.realPath, plan.baseSha256);
  await commitTemp(staged.file as string, plan.realPath);
  staged.file = null;
}
