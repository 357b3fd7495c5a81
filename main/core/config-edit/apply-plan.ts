import { mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError, isAbortError } from '../errors.ts';
import { readRegularFile } from '../inventory/bounded-read.ts';
import { sshG } from '../ssh/ssh-client.ts';
import {
  assertContentHash,
  commitTemp,
  isNotWritableError,
  removeStaleTemps,
  stageFor,
  writeFileAtomic,
  type Ownership,
} from './atomic-write.ts';
import { backupPrefix, backupStamp, pruneBackups, writeBackup } from './backup.ts';
import { readConfigSource } from './config-source.ts';
import type { EditPlan } from './edit-plan.ts';
import { acquireLock, lockPathFor } from './file-lock.ts';
import { joinLines, sha256, splitLines } from './line-text.ts';
import { coreError } from '../error-messages.ts';
import { changedWhileVerifying } from './concurrent-change.ts';
import { nameMatchExecTimeout } from './match-exec.ts';
import { ConfigNotWritableError } from './manual-steps.ts';
import { assertOutOfIncludeReach, makeScratch, removeStaleScratch, type Scratch } from './out-of-reach.ts';
import {
  aliasState,
  captureAliasStates,
  compareStates,
  describeDifference,
  type AliasState,
} from './ssh-g-invariant.ts';
import { standInText } from './system-config.ts';
import { readsLikePlainSsh } from './plain-ssh.ts';
import { applyEdits } from './unified-diff.ts';
import { mapBounded } from '../concurrency.ts';

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
  proofMs: number;
  verifyMs: number;
}

const EXPLAINED = 3;

/**
 * Applies a plan: lock, check the file is still what was planned, write the
 * new content to a private copy outside every Include's reach and prove the
 * invariant on it with ssh -G (every alias), keep a backup in the tool's
 * folder, rename, then read the written file back (it must be the proven
 * bytes) and check the changed hosts with ssh -G once more; if anything
 * differs the previous content goes back. Two ssh -G passes over the
 * aliases in all: the plan's and the proof's.
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

  await mkdir(plan.stateDir, { recursive: true, mode: 0o700 });
  await removeStaleScratch(plan.stateDir);
  if (plan.writable.createDirectory)
    await mkdir(path.dirname(plan.realPath), { mode: 0o700, recursive: true });
  const lockPath = lockPathFor(plan.stateDir, plan.realPath);
  await assertOutOfIncludeReach([lockPath], plan.stateDir, plan.includePatterns, plan.home);
  const release = await acquireLock(lockPath, plan.realPath);
  let scratch: Scratch | undefined;
  let staged: string | undefined;
  let committed = false;
  try {
    await removeStaleTemps(plan.realPath);
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

    // Prove the change on a private copy before the real file is touched.
    const reach = { patterns: plan.includePatterns, home: plan.home };
    scratch = await makeScratch(plan.stateDir, reach);
    const proofCopy = path.join(scratch.dir, 'proof');
    await writeFile(proofCopy, standInText(nextText, plan.systemConfig, plan.eol), {
      encoding: 'latin1',
      mode: 0o600,
    });
    try {
      const check = (file: string): Promise<void> =>
        assertOutOfIncludeReach([file], plan.stateDir, plan.includePatterns, plan.home);
      staged = (await stageFor(plan.realPath, next, own, scratch.dir, check)).path;
    } catch (error) {
      if (isNotWritableError(error))
        throw notWritable(`writing next to it failed (${(error as NodeJS.ErrnoException).code})`);
      throw error;
    }
    await assertOutOfIncludeReach([proofCopy, staged], plan.stateDir, plan.includePatterns, plan.home);
    let started = performance.now();
    const proof = await measureOrFail(plan, proofCopy, capture);
    result.proofMs = Math.round(performance.now() - started);
    const proofProblems = 'states' in proof ? compareStates(plan.expectations, proof.states) : proof.problems;
    if (!('states' in proof) || proofProblems.length > 0) {
      // The file is untouched: with -F it is its own "before".
      const beforeFile =
        plan.systemConfig === null && plan.exists
          ? plan.configFile
          : await beforeView(plan, base, scratch.dir);
      result.status = 'refused';
      result.problems = await explain(plan, proofProblems, beforeFile, proofCopy, options.signal);
      return result;
    }

    if (plan.exists) {
      const planned = path.join(
        plan.backupDir,
        `${backupPrefix(plan.realPath)}${backupStamp(options.now ?? new Date())}-00.bak`,
      );
      await assertOutOfIncludeReach([planned], plan.stateDir, plan.includePatterns, plan.home);
      result.backupPath = await writeBackup(
        plan.backupDir,
        plan.realPath,
        base,
        own,
        options.now ?? new Date(),
      );
      await assertOutOfIncludeReach([result.backupPath], plan.stateDir, plan.includePatterns, plan.home);
      await pruneBackups(plan.backupDir, plan.realPath);
    }
    await assertContentHash(plan.realPath, plan.baseSha256);
    await commitTemp(staged, plan.realPath);
    staged = undefined;
    committed = true;

    // The written file must be the proven bytes, and the changed hosts must read as proven.
    started = performance.now();
    const targets = changedAliases(plan);
    result.rechecked = targets;
    let problems: { alias: string; problem: string }[];
    try {
      const written = await readRegularFile(plan.configFile);
      if (written.equals(next)) {
        // The proven bytes, read the way the proof read them: with Match exec, running ssh -G on them
        // again would only run the user's commands again (issue 15 §1); plain ssh reads differently.
        const states =
          plan.runsMatchExec && !readsLikePlainSsh(plan)
            ? proof.states.filter((state) => targets.includes(state.alias))
            : await recheck(plan, targets, written, scratch.dir, capture);
        const wanted = new Set(targets);
        problems = compareStates(
          proof.states.filter((state) => wanted.has(state.alias)),
          states,
        );
        result.recheckedIpqos = states.map(({ alias, ipqos }) => ({ alias, ipqos }));
      } else {
        problems = [{ alias: '(file)', problem: 'the file read back is not the proven copy' }];
      }
    } catch (error) {
      await restore(plan, { base, next, own, backupPath: result.backupPath }, scratch.dir);
      throw nameMatchExecTimeout(error, plan.matchExec);
    }
    result.verifyMs = Math.round(performance.now() - started);
    if (problems.length > 0) {
      const beforeFile = await beforeView(plan, base, scratch.dir);
      const afterFile =
        plan.systemConfig === null ? plan.configFile : await view(plan, next, scratch.dir, 'after');
      result.problems = await explain(plan, problems, beforeFile, afterFile, options.signal);
      await restore(plan, { base, next, own, backupPath: result.backupPath }, scratch.dir);
      result.status = 'restored';
      return result;
    }
    result.verifiedAliases = proof.states.length;
    result.status = 'applied';
    return result;
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
    if (staged !== undefined) await unlink(staged).catch(() => undefined);
    await scratch?.dispose();
    await release();
  }
}

function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
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
  capture: { concurrency: number; signal?: AbortSignal },
): Promise<AliasState[]> {
  const asUserReads = readsLikePlainSsh(plan);
  const file =
    plan.systemConfig === null
      ? plan.configFile
      : asUserReads
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

/** A file ssh -G reads as the config with these bytes: the file itself for -F, or a stand-in. */
async function view(plan: EditPlan, bytes: Buffer, scratchDir: string, name: string): Promise<string> {
  const file = path.join(scratchDir, name);
  await writeFile(file, standInText(bytes.toString('latin1'), plan.systemConfig, plan.eol), {
    encoding: 'latin1',
    mode: 0o600,
  });
  return file;
}

async function beforeView(plan: EditPlan, base: Buffer, scratchDir: string): Promise<string> {
  if (!plan.exists && plan.systemConfig === null) return '/dev/null';
  return view(plan, base, scratchDir, 'before');
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
    const named = nameMatchExecTimeout(error, plan.matchExec);
    if (isAbortError(named) || !(named instanceof UserError)) throw named;
    return { problems: [{ alias: '(all)', problem: named.message }] };
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

/**
 * Puts the previous content back (or removes a file the change created), but
 * only over exactly what was written: an editor, a dotfile sync or a `Match
 * exec` hook that changed the file while it was being verified keeps its
 * change, and ours is kept in the tool's folder (issue 15 §1).
 */
async function restore(
  plan: EditPlan,
  written: { base: Buffer; next: Buffer; own: Ownership; backupPath: string | null },
  scratchDir: string,
): Promise<void> {
  // Anything but the written bytes (gone, replaced by a pipe, unreadable) is someone else's.
  const now = await readRegularFile(plan.realPath, { maxBytes: Infinity }).catch(() => null);
  if (now === null || !now.equals(written.next)) {
    throw await changedWhileVerifying(plan, written.next, written.backupPath);
  }
  if (plan.exists) await writeFileAtomic(plan.realPath, written.base, written.own, scratchDir);
  else await unlink(plan.realPath);
}
