/**
 * When a change of a host's state is news. A change is first seen, then
 * confirmed by a later result at least RECHECK_MIN_MS after (so a glitch that
 * clears does not alert); a confirmed bad state is alerted once per host,
 * network and state; a confirmed recovery after an alert is one quiet notice,
 * unless IPQoS 0 (this app's fix or the user's) is why it works. Pure: the
 * controller keeps the records and shows (or suppresses) what this returns.
 */
import { alertClassOf, type AlertClass, type HostRecord } from './network-results.ts';

/** How long after a change the re-check runs. */
export const RECHECK_DELAY_MS = 45_000;
/** A result counts as the re-check only this long after the change was first seen. */
export const RECHECK_MIN_MS = 30_000;

export interface PendingChange {
  cls: AlertClass;
  since: number;
}

export type AlertKind = 'needs-ipqos-0' | 'server-side' | 'recovered';

export interface PolicyAlert {
  kind: AlertKind;
  aliases: string[];
}

export interface PolicyOutcome {
  /** Records with their alert memory updated (the same objects, changed in place). */
  alerts: PolicyAlert[];
  /** Hosts whose change still waits for its re-check. */
  pending: Map<string, PendingChange>;
}

/**
 * Applies one run's results (already in `records`) for the hosts it checked.
 * `pending` is the previous run's; the outcome's replaces it.
 */
export function evaluateAlerts(
  records: Record<string, HostRecord>,
  checked: readonly string[],
  previousPending: ReadonlyMap<string, PendingChange>,
  now: number,
  recheckMinMs = RECHECK_MIN_MS,
): PolicyOutcome {
  const pending = new Map(previousPending);
  const grouped: Record<AlertKind, string[]> = { 'needs-ipqos-0': [], 'server-side': [], recovered: [] };
  for (const alias of checked) {
    const record = records[alias];
    if (!record) continue;
    const cls = alertClassOf(record.status);
    if (cls === null) continue; // unreachable, inconclusive: neither news nor a recovery
    if (cls === record.confirmed) {
      pending.delete(alias); // back to the confirmed state: a glitch
      continue;
    }
    if (record.confirmed === null && cls === 'good') {
      record.confirmed = 'good'; // first sight of a fine host: nothing to confirm
      pending.delete(alias);
      continue;
    }
    const waiting = pending.get(alias);
    if (!waiting || waiting.cls !== cls) {
      pending.set(alias, { cls, since: now });
      continue;
    }
    if (now - waiting.since < recheckMinMs) continue;
    pending.delete(alias);
    const before = record.confirmed;
    record.confirmed = cls;
    if (cls !== 'good') {
      if (record.alerted !== cls) grouped[cls].push(alias);
      record.alerted = cls;
      record.fixedAt = null;
      continue;
    }
    const wasAlerted = before !== null && before !== 'good' && record.alerted === before;
    const cured = record.fixedAt !== null || record.alreadyFixed;
    if (wasAlerted && !cured) grouped.recovered.push(alias);
    record.alerted = 'good';
    record.fixedAt = null;
  }
  const alerts = (Object.keys(grouped) as AlertKind[])
    .filter((kind) => grouped[kind].length > 0)
    .map((kind) => ({ kind, aliases: grouped[kind].sort() }));
  return { alerts, pending };
}
