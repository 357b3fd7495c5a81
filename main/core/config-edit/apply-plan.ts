import { unlink } from 'node:fs/promises';
import { coreError } from '../error-messages.ts';
import { backup, commit, lock, notWritable, prove, stage, type Staged } from './apply-steps.ts';
import { verify } from './apply-verify.ts';
import type { Scratch } from './out-of-reach.ts';
import type { EditPlan } from './edit-plan.ts';
import type { PlanMessage } from './plan-messages.ts';

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
  /** The folder backups go to (the newest ten per config are kept). */
  backupDir: string;
  /** Aliases whose every ssh -G line was proven on the copy. */
  verifiedAliases: number;
  /** Aliases checked again with ssh -G on the written file (the ones the change is for). */
  rechecked: string[];
  /** What `ssh -G` printed for their ipqos on the written file: the proof to show. */
  recheckedIpqos: { alias: string; ipqos: string }[];
  /** Why a proof or a verification failed, one line per alias (at most a few explained in detail). */
  problems: string[];
  /** The same lines as codes (`plan.problem.line`), for a layer that says them in its language. */
  problemCodes: PlanMessage[];
  proofMs: number;
  verifyMs: number;
}

/**
 * Applies a plan in its steps: lock; stage (the files are still what was
 * planned; the new content on a private copy outside every Include's reach);
 * prove the invariant on the copy with ssh -G (every alias); back up the
 * previous content in the tool's folder; commit (rename); verify (the file
 * read back is the proven bytes and the changed hosts read as proven, else
 * the previous content goes back). Two ssh -G passes over the aliases in
 * all: the plan's and the proof's.
 */
export async function applyPlan(plan: EditPlan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const result: ApplyResult = {
    status: 'unchanged',
    configFile: plan.configFile,
    realPath: plan.realPath,
    backupPath: null,
    backupDir: plan.backupDir,
    verifiedAliases: 0,
    rechecked: [],
    recheckedIpqos: [],
    problems: [],
    problemCodes: [],
    proofMs: 0,
    verifyMs: 0,
  };
  if (plan.edits.length === 0) return result;
  if (!plan.writable.ok) throw notWritable(plan, plan.writable.reason);
  const capture = {
    concurrency: options.concurrency ?? 8,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const release = await lock(plan);
  let scratch: Scratch | undefined;
  let staged: Staged | undefined;
  let committed = false;
  try {
    staged = await stage(plan, (made) => (scratch = made));
    const proof = await prove(plan, staged, capture);
    result.proofMs = proof.ms;
    if ('problems' in proof) return { ...result, status: 'refused', ...problemsOf(proof.problems) };
    result.backupPath = await backup(plan, staged, options.now ?? new Date());
    await commit(plan, staged);
    committed = true;
    const verified = await verify(plan, staged, proof.states, result.backupPath, capture);
    Object.assign(result, {
      rechecked: verified.rechecked,
      recheckedIpqos: verified.recheckedIpqos,
      verifyMs: verified.ms,
    });
    if (verified.problems.length > 0)
      return { ...result, status: 'restored', ...problemsOf(verified.problems) };
    return { ...result, status: 'applied', verifiedAliases: proof.states.length };
  } catch (error) {
    if (result.backupPath && !committed) {
      // Nothing was written: a backup of an untouched file would only confuse.
      await unlink(result.backupPath).catch(() => undefined);
      result.backupPath = null;
    }
    if (!committed && isDiskFull(error)) {
      throw coreError(
        'core.error.state-disk-full',
        { dir: plan.stateDir, file: plan.realPath },
        'core.hint.free-space',
      );
    }
    throw error;
  } finally {
    if (staged?.file) await unlink(staged.file).catch(() => undefined);
    await (scratch as Scratch | undefined)?.dispose();
    await release();
  }
}

function problemsOf(lines: PlanMessage[]): Pick<ApplyResult, 'problems' | 'problemCodes'> {
  return { problems: lines.map((line) => line.text), problemCodes: lines };
}

function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
