import { mapBounded } from '../concurrency.ts';
import { sshG, type SshClient } from '../ssh/ssh-client.ts';
import type { SshOptions } from '../ssh/ssh-options.ts';
import { sha256 } from './line-text.ts';
import type { ErrorParams } from '../errors.ts';
import { planMessage, type PlanCode } from './plan-messages.ts';

/**
 * The invariant a change must keep, measured with OpenSSH itself: for every
 * alias, `ssh -G -F FILE ALIAS` prints the same lines as before except
 * `ipqos`, and each target prints `ipqos cs0 cs0` (what `IPQoS 0` gives).
 */
export const ZERO_IPQOS = 'cs0 cs0';

/** One alias's `ssh -G` output, reduced to what the invariant compares. */
export interface AliasState {
  alias: string;
  ipqos: string;
  /** sha256 of every other line, in ssh's order (a plan stays small for 10,000 aliases). */
  othersDigest: string;
}

/** What the alias must print after the change; `ipqos: null` accepts any value (hosts being undone). */
export interface AliasExpectation {
  alias: string;
  ipqos: string | null;
  othersDigest: string;
}

export interface CaptureOptions {
  /** ssh -G runs at a time. */
  concurrency?: number;
  signal?: AbortSignal;
}

export function aliasState(alias: string, options: SshOptions): AliasState {
  let others = '';
  for (const [key, values] of options) {
    if (key === 'ipqos') continue;
    for (const value of values) others += `${key} ${value}\n`;
  }
  return { alias, ipqos: options.get('ipqos')?.join(' | ') ?? '', othersDigest: sha256(others) };
}

/** Runs `ssh -G -F configFile` for every alias, a bounded number at a time. Throws UserError if ssh rejects the file. */
export async function captureAliasStates(
  client: SshClient,
  configFile: string,
  aliases: readonly string[],
  options: CaptureOptions = {},
): Promise<AliasState[]> {
  const signal = options.signal;
  return mapBounded(
    aliases,
    options.concurrency ?? 8,
    async (alias) =>
      aliasState(alias, await sshG(client, { host: alias, configFile, ...(signal ? { signal } : {}) })),
    signal,
  );
}

/** One way a measurement breaks the expectations: English, and the code it is made from. */
export interface StateProblem {
  alias: string;
  problem: string;
  code: PlanCode;
  params: ErrorParams;
}

function stateProblem(alias: string, code: PlanCode, params: ErrorParams = {}): StateProblem {
  return { alias, problem: planMessage(code, params).text, code, params };
}

/** Every way `actual` breaks the expectations, one sentence each. */
export function compareStates(
  expected: readonly AliasExpectation[],
  actual: readonly AliasState[],
): StateProblem[] {
  const byAlias = new Map(actual.map((state) => [state.alias, state]));
  const problems: StateProblem[] = [];
  for (const want of expected) {
    const got = byAlias.get(want.alias);
    if (!got) {
      problems.push(stateProblem(want.alias, 'plan.problem.not-measured'));
      continue;
    }
    if (want.ipqos !== null && got.ipqos !== want.ipqos) {
      problems.push(stateProblem(want.alias, 'plan.problem.ipqos', { got: got.ipqos, want: want.ipqos }));
    }
    if (got.othersDigest !== want.othersDigest) {
      problems.push(stateProblem(want.alias, 'plan.problem.others-changed'));
    }
  }
  return problems;
}

/** The file read back is not the bytes that were proven. */
export const readBackDiffers = (): StateProblem => stateProblem('(file)', 'plan.problem.read-back');

/** ssh refused the proof copy as a whole: its error's English, and its code. */
export const proofFailed = (message: string, errorCode: string): StateProblem =>
  stateProblem('(all)', 'plan.problem.proof-failed', { message, errorCode });

/** The settings other than ipqos that differ between two files for one alias, e.g. `port: 22 → 2222`. */
export async function describeDifference(
  client: SshClient,
  beforeFile: string,
  afterFile: string,
  alias: string,
  signal?: AbortSignal,
): Promise<string> {
  try {
    const extra = signal ? { signal } : {};
    const before = await sshG(client, { host: alias, configFile: beforeFile, ...extra });
    const after = await sshG(client, { host: alias, configFile: afterFile, ...extra });
    const keys = new Set([...before.keys(), ...after.keys()]);
    const changes: string[] = [];
    for (const key of keys) {
      if (key === 'ipqos') continue; // reported on its own
      const a = (before.get(key) ?? []).join(' | ');
      const b = (after.get(key) ?? []).join(' | ');
      if (a !== b) changes.push(`${key}: ${a || '(unset)'} → ${b || '(unset)'}`);
    }
    return changes.length > 0 ? changes.join('; ') : 'no difference on a second look';
  } catch (error) {
    return (error as Error).message;
  }
}
