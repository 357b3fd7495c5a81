/**
 * From a core result to what the app shows for a host. No false green: `ok`
 * needs a working session with the user's own ssh on this network within the
 * last day; a screen that passed without one is `screened`.
 */
import type { CheckMode, HostStatus, HostView } from '../shared/ipc-contract.ts';
import type { HostResult } from './core-check.ts';
import type { HostRecord } from './network-results.ts';

/** A session proves a host for this long; then the next run logs in again. */
export const SESSION_MAX_AGE_MS = 24 * 60 * 60 * 1000;

const iso = (ms: number): string => new Date(ms).toISOString();
const age = (at: string | null, now: number): number => (at === null ? Infinity : now - Date.parse(at));

/** Whether the next run should open a session with the user's ssh for this host. */
export function needsSession(record: HostRecord | undefined, now: number): boolean {
  if (!record) return true;
  // The screen cannot see a server that marks its own packets: keep logging in where that was found.
  if (record.status === 'server-side') return true;
  const lastTry = Math.min(age(record.lastSessionAt, now), age(record.lastSessionTriedAt, now));
  return lastTry > SESSION_MAX_AGE_MS;
}

export function statusOf(result: HostResult, lastSessionAt: string | null, now: number): HostStatus {
  switch (result.verdict) {
    case 'ok':
      return age(lastSessionAt, now) <= SESSION_MAX_AGE_MS ? 'ok' : 'screened';
    case 'needs-ipqos-0':
    case 'server-side':
    case 'unreachable':
    case 'inconclusive':
    case 'not-applicable':
      return result.verdict;
  }
  return 'inconclusive';
}

/** The record after a result: the alert memory (confirmed, alerted, fixedAt) is the policy's, kept as it was. */
export function applyResult(
  previous: HostRecord | undefined,
  result: HostResult,
  mode: CheckMode,
  now: number,
): HostRecord {
  const triedSession = mode !== 'screen';
  const lastSessionAt = result.sessionOk ? iso(now) : (previous?.lastSessionAt ?? null);
  return {
    alias: result.alias,
    hostname: result.hostname,
    port: result.port,
    user: result.user,
    status: statusOf(result, lastSessionAt, now),
    summary: result.summary,
    evidence: result.evidence.slice(0, 100),
    fixAlias: result.verdict === 'needs-ipqos-0' ? (result.fixAlias ?? result.alias) : result.fixAlias,
    alreadyFixed: result.alreadyFixed,
    ipqos: result.ipqos,
    lastCheckedAt: iso(now),
    lastSessionAt,
    lastSessionTriedAt: triedSession ? iso(now) : (previous?.lastSessionTriedAt ?? null),
    confirmed: previous?.confirmed ?? null,
    alerted: previous?.alerted ?? null,
    fixedAt: previous?.fixedAt ?? null,
  };
}

export function hostView(
  alias: string,
  record: HostRecord | undefined,
  excluded: boolean,
  fixedByTool: boolean,
): HostView {
  const status: HostStatus = excluded ? 'excluded' : (record?.status ?? 'unchecked');
  return {
    alias,
    hostname: record?.hostname ?? alias,
    port: record?.port ?? 22,
    user: record?.user ?? '',
    status,
    summary: record?.summary ?? null,
    evidence: record?.evidence ?? [],
    fixAlias: status === 'needs-ipqos-0' ? (record?.fixAlias ?? alias) : null,
    fixedByTool,
    lastCheckedAt: record?.lastCheckedAt ?? null,
    lastSessionAt: record?.lastSessionAt ?? null,
  };
}
