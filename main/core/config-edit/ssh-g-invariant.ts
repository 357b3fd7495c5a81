import { mapBounded } from '../concurrency.ts';
import { sshG, type SshClient } from '../ssh/ssh-client.ts';
import type { SshOptions } from '../ssh/ssh-options.ts';
import { sha256 } from './line-text.ts';

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

/** Every way `actual` breaks the expectations, one sentence each. */
export function compareStates(
  expected: readonly AliasExpectation[],
  actual: readonly AliasState[],
): { alias: string; problem: string }[] {
  const byAlias = new Map(actual.map((state) => [state.alias, state]));
  const problems: { alias: string; problem: string }[] = [];
  for (const want of expected) {
    const got = byAlias.get(want.alias);
    if (!got) {
      problems.push({ alias: want.alias, problem: 'was not measured' });
      continue;
    }
    if (want.ipqos !== null && got.ipqos !== want.ipqos) {
      problems.push({ alias: want.alias, problem: `ipqos is "${got.ipqos}", expected "${want.ipqos}"` });
    }
    if (got.othersDigest !== want.othersDigest) {
      problems.push({ alias: want.alias, problem: 'other settings changed' });
    }
  }
  return problems;
}

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
