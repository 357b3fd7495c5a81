/**
 * What the controller remembers, per network fingerprint: each host's last
 * result, its last working session, and the alert memory (the confirmed state
 * and the state last alerted), so no alert repeats across restarts. Plain JSON,
 * validated on read: a file that does not match starts a fresh memory.
 */
import * as v from 'valibot';
import { CheckModeSchema, HostStatusSchema, MessageSchema, type HostStatus } from '../shared/ipc-contract.ts';

/** What the alert policy compares: a host is fine, needs IPQoS 0, or breaks on the server's marking. */
export const ALERT_CLASSES = ['good', 'needs-ipqos-0', 'server-side'] as const;
export type AlertClass = (typeof ALERT_CLASSES)[number];
const AlertClassSchema = v.picklist(ALERT_CLASSES);

const Timestamp = v.nullable(v.string());

export const HostRecordSchema = v.object({
  alias: v.string(),
  hostname: v.string(),
  port: v.number(),
  user: v.string(),
  /** The last observed status (never 'excluded' or 'unchecked': those are views). */
  status: HostStatusSchema,
  summary: v.nullable(MessageSchema),
  evidence: v.array(MessageSchema),
  fixAlias: v.nullable(v.string()),
  alreadyFixed: v.boolean(),
  ipqos: v.object({ interactive: v.string(), bulk: v.string() }),
  lastCheckedAt: Timestamp,
  /** Last working session with the user's own ssh on this network. */
  lastSessionAt: Timestamp,
  /** Last time a session was tried (worked or not): a host without a non-interactive login is tried daily, not every run. */
  lastSessionTriedAt: Timestamp,
  /** The state a re-check confirmed; null before the first result. */
  confirmed: v.nullable(AlertClassSchema),
  /** The state last alerted (or deliberately not alerted: muted, off); an alert never repeats. */
  alerted: v.nullable(AlertClassSchema),
  /** IPQoS 0 was written by this app since the last confirmed change: the recovery is the fix, not news. */
  fixedAt: Timestamp,
});
export type HostRecord = v.InferOutput<typeof HostRecordSchema>;

export const NetworkResultsSchema = v.object({
  label: v.string(),
  sshVersion: v.nullable(v.string()),
  hosts: v.record(v.string(), HostRecordSchema),
  lastCheck: v.nullable(v.object({ finishedAt: v.string(), durationMs: v.number(), mode: CheckModeSchema })),
});
export type NetworkResults = v.InferOutput<typeof NetworkResultsSchema>;

export const PersistedStateSchema = v.object({
  version: v.literal(1),
  networks: v.record(v.string(), NetworkResultsSchema),
  /** The user was told once that notifications cannot be shown. */
  notifyFailureToldAt: Timestamp,
  /** The problem last alerted (ssh missing, …); cleared by a run that works. */
  problemAlerted: v.nullable(v.string()),
});
export type PersistedState = v.InferOutput<typeof PersistedStateSchema>;

export const emptyPersistedState = (): PersistedState => ({
  version: 1,
  networks: {},
  notifyFailureToldAt: null,
  problemAlerted: null,
});

/** Validates what a StateStore returned; anything else (older shape, hand-edited) starts fresh. */
export function parsePersistedState(data: unknown): PersistedState | null {
  const result = v.safeParse(PersistedStateSchema, data);
  return result.success ? result.output : null;
}

export function alertClassOf(status: HostStatus): AlertClass | null {
  if (status === 'needs-ipqos-0' || status === 'server-side') return status;
  if (status === 'ok' || status === 'screened') return 'good';
  return null; // unreachable, inconclusive, …: says nothing about marking, so no alert either way
}
