import { mkdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { UserError, isAbortError } from '../errors.ts';
import {
  assertContentHash,
  commitTemp,
  isNotWritableError,
  writeFileAtomic,
  writeTempNextTo,
  type Ownership,
} from './atomic-write.ts';
import { writeBackup } from './backup.ts';
import { readConfigSource } from './config-source.ts';
import type { EditPlan } from './edit-plan.ts';
import { acquireLock } from './file-lock.ts';
import { joinLines, sha256, splitLines } from './line-text.ts';
import { ConfigNotWritableError } from './manual-steps.ts';
import { captureAliasStates, compareStates, describeDifference, type AliasState } from './ssh-g-invariant.ts';
import { applyEdits } from './unified-diff.ts';

export interface ApplyOptions {
  signal?: AbortSignal;
  /** ssh -G runs at a time (default 8). */
  concurrency?: number;
  now?: Date;
}

export interface ApplyResult {
  /**
   * applied: written and verified. unchanged: the plan had nothing to do.
   * refused: the proof on a temporary copy failed; the file was never touched.
   * restored: the written file failed verification and the previous content is back.
   */
  status: 'applied' | 'unchanged' | 'refused' | 'restored';
  configFile: string;
  realPath: string;
  /** The dated copy of the previous content; null when there was no file before or nothing was written. */
  backupPath: string | null;
  verifiedAliases: number;
  /** Why a proof or a verification failed, one line per alias (at most a few explained in detail). */
  problems: string[];
  proofMs: number;
  verifyMs: number;
}

const EXPLAINED = 3;

/**
 * Applies a plan: lock, check the file is still what was planned, write a
 * temporary copy next to it and prove the invariant on it with ssh -G, keep a
 * backup, rename, verify the real file with ssh -G, and put the previous
 * content back if that fails.
 */
export async function applyPlan(plan: EditPlan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const result: ApplyResult = {
    status: 'unchanged',
    configFile: plan.configFile,
    realPath: plan.realPath,
    backupPath: null,
    verifiedAliases: 0,
    problems: [],
    proofMs: 0,
    verifyMs: 0,
  };
  if (plan.edits.length === 0) return result;
  const notWritable = (reason: string): ConfigNotWritableError =>
    new ConfigNotWritableError(plan.realPath, reason, plan.manual);
  if (!plan.writable.ok) throw notWritable(plan.writable.reason);
  const capture = {
    concurrency: options.concurrency ?? 8,
    ...(options.signal ? { signal: options.signal } : {}),
  };

  if (plan.writable.createDirectory)
    await mkdir(path.dirname(plan.realPath), { mode: 0o700, recursive: true });
  let release: () => Promise<void>;
  try {
    release = await acquireLock(plan.realPath);
  } catch (error) {
    if (isNotWritableError(error))
      throw notWritable(`cannot create a file in ${path.dirname(plan.realPath)}`);
    throw error;
  }
  let temp: string | undefined;
  try {
    const source = await readConfigSource(plan.configFile);
    if (source.realPath !== plan.realPath) {
      throw new UserError(
        `${plan.configFile} now points at ${source.realPath}; nothing was written.`,
        'Run the command again.',
      );
    }
    await assertContentHash(plan.realPath, plan.baseSha256);
    await assertIncludesUnchanged(plan);
    const base = Buffer.from(source.text, 'latin1');
    const next = Buffer.from(joinLines(applyEdits(splitLines(source.text), plan.edits, plan.eol)), 'latin1');
    const own: Ownership = { mode: source.mode, uid: source.uid, gid: source.gid };

    try {
      temp = await writeTempNextTo(plan.realPath, next, own);
    } catch (error) {
      if (isNotWritableError(error))
        throw notWritable(`writing next to it failed (${(error as NodeJS.ErrnoException).code})`);
      throw error;
    }
    // Prove the change on the copy before the real file is touched.
    let started = performance.now();
    const proof = await measureOrFail(plan, temp, capture);
    result.proofMs = Math.round(performance.now() - started);
    const proofProblems = 'states' in proof ? compareStates(plan.expectations, proof.states) : proof.problems;
    if (!('states' in proof) || proofProblems.length > 0) {
      const beforeFile = plan.exists ? plan.configFile : '/dev/null';
      result.status = 'refused';
      result.problems = await explain(plan, proofProblems, beforeFile, temp, options.signal);
      return result;
    }

    if (plan.exists)
      result.backupPath = await writeBackup(plan.realPath, base, own, options.now ?? new Date());
    try {
      await assertContentHash(plan.realPath, plan.baseSha256);
    } catch (error) {
      if (result.backupPath) await unlink(result.backupPath).catch(() => undefined);
      result.backupPath = null;
      throw error;
    }
    await commitTemp(temp, plan.realPath);
    temp = undefined;

    // Verify the real file, through the path the user's ssh reads: it must print exactly what the copy did.
    started = performance.now();
    let verified: Awaited<ReturnType<typeof measureOrFail>>;
    try {
      verified = await measureOrFail(plan, plan.configFile, capture);
    } catch (error) {
      await restore(plan, base, own);
      throw error;
    }
    result.verifyMs = Math.round(performance.now() - started);
    const verifyProblems =
      'states' in verified ? compareStates(proof.states, verified.states) : verified.problems;
    if (verifyProblems.length > 0) {
      const beforeFile = result.backupPath ?? '/dev/null';
      result.problems = await explain(plan, verifyProblems, beforeFile, plan.configFile, options.signal);
      await restore(plan, base, own);
      result.status = 'restored';
      return result;
    }
    result.verifiedAliases = proof.states.length;
    result.status = 'applied';
    return result;
  } finally {
    if (temp !== undefined) await unlink(temp).catch(() => undefined);
    await release();
  }
}

async function assertIncludesUnchanged(plan: EditPlan): Promise<void> {
  for (const file of plan.includedFiles) {
    const now = await readFile(file.path).then(sha256, () => null);
    if (now !== file.sha256) {
      throw new UserError(
        `${file.path} (included by ${plan.configFile}) changed since the change was planned; nothing was written.`,
        'Run the command again: it plans on the files as they are now.',
      );
    }
  }
}

/** ssh -G for every alias; ssh rejecting the file is a failed proof, not a crash. */
async function measureOrFail(
  plan: EditPlan,
  file: string,
  capture: { concurrency: number; signal?: AbortSignal },
): Promise<{ states: AliasState[] } | { problems: { alias: string; problem: string }[] }> {
  const aliases = plan.expectations.map((expectation) => expectation.alias);
  try {
    return { states: await captureAliasStates(plan.ssh, file, aliases, capture) };
  } catch (error) {
    if (isAbortError(error) || !(error instanceof UserError)) throw error;
    return { problems: [{ alias: '(all)', problem: error.message }] };
  }
}

async function explain(
  plan: EditPlan,
  problems: readonly { alias: string; problem: string }[],
  beforeFile: string,
  afterFile: string,
  signal: AbortSignal | undefined,
): Promise<string[]> {
  const lines: string[] = [];
  for (const [index, { alias, problem }] of problems.entries()) {
    let line = `${alias}: ${problem}`;
    if (index < EXPLAINED && problem === 'other settings changed') {
      line += ` (${await describeDifference(plan.ssh, beforeFile, afterFile, alias, signal)})`;
    }
    lines.push(line);
  }
  return lines;
}

/** Puts the previous content back (or removes a file the change created). */
async function restore(plan: EditPlan, base: Buffer, own: Ownership): Promise<void> {
  if (plan.exists) await writeFileAtomic(plan.realPath, base, own);
  else await unlink(plan.realPath).catch(() => undefined);
}
