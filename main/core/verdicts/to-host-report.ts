import type { EffectiveHost } from '../ssh/ssh-options.ts';
import type { Decision } from './decide-verdict.ts';
import type { HostReport } from './host-report.ts';
import { formatMessage, type Message } from './messages.ts';

/** What probing one host (directly or through its jump host) found, before it becomes a report. */
export interface HostOutcome extends Omit<Decision, 'notes'> {
  evidenceCodes: Message[];
  /** The effective IPQoS already puts 0 on the wire. */
  alreadyFixed: boolean;
  /** The alias that should get IPQoS 0: the host itself, or the jump host whose socket carries the TOS. */
  fixAlias: string | null;
}

/** The report for one host; its English sentences are made from the codes, so they always agree. */
export function toHostReport(
  alias: string,
  host: EffectiveHost,
  outcome: HostOutcome,
  durationMs: number,
): HostReport {
  return {
    alias,
    hostname: host.hostname,
    port: host.port,
    user: host.user,
    verdict: outcome.verdict,
    summary: formatMessage(outcome.summaryCode),
    summaryCode: outcome.summaryCode,
    evidence: outcome.evidenceCodes.map(formatMessage),
    evidenceCodes: outcome.evidenceCodes,
    durationMs,
    ipqos: host.ipqos,
    alreadyFixed: outcome.alreadyFixed,
    fixAlias: outcome.fixAlias,
    provenBy: outcome.provenBy,
    sessionOk: outcome.sessionOk,
  };
}
