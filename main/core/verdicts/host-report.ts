import type { LeftOutAlias } from '../ssh/askable-aliases.ts';
import type { CheckMode } from '../../shared/check-modes.ts';
import type { Message } from './messages.ts';

/**
 * The verdict for one host, as plain data: the CLI prints it, `--json` emits
 * it, the app sends it over IPC to the renderer unchanged. Absent values are
 * null, never undefined, so a JSON round trip changes nothing.
 */
export type Verdict =
  | 'ok' // connections survive the marking this host's ssh uses
  | 'needs-ipqos-0' // the baseline works, the marking or its change breaks it, IPQoS 0 works
  | 'unreachable' // even an unmarked connection fails: DNS, refused, timeout; not a QoS problem
  | 'server-side' // sessions break after login with and without IPQoS 0: the server's own marking (F5)
  | 'inconclusive' // the probes disagree or could not tell; the evidence says why
  | 'not-applicable'; // ssh sets no TOS for this host (ProxyCommand)

export const VERDICTS: readonly Verdict[] = [
  'ok',
  'needs-ipqos-0',
  'unreachable',
  'server-side',
  'inconclusive',
  'not-applicable',
];

/**
 * How much a check does per host. screen: the raw probe only, no login anywhere
 * (cheap, for frequent runs). session (the default): the screen, plus one
 * session with the user's own ssh and the host's marking wherever the screen
 * found nothing, plus IPQoS 0 wherever something broke. thorough: the user's
 * ssh with and without IPQoS 0, with and without a tty, on every host.
 */
export { CHECK_MODES, type CheckMode } from '../../shared/check-modes.ts';

export interface HostReport {
  alias: string;
  hostname: string;
  port: number;
  user: string;
  verdict: Verdict;
  /** One sentence a person reads first: `formatMessage(summaryCode)`. */
  summary: string;
  /** The summary as a stable code and its parameters, for a translated UI. */
  summaryCode: Message;
  /** What was tried, what happened, how long: one line each, `formatMessage` of `evidenceCodes`. */
  evidence: string[];
  /** The evidence as codes, in the same order and number. */
  evidenceCodes: Message[];
  durationMs: number;
  /** `ssh -G`'s ipqos pair for this host. */
  ipqos: { interactive: string; bulk: string };
  /** The effective IPQoS already puts 0 on the wire. */
  alreadyFixed: boolean;
  /** The alias that should get `IPQoS 0`: this host, or the jump host it connects through. */
  fixAlias: string | null;
  /**
   * What the verdict rests on. openssh: a session of the user's ssh ran (with
   * the host's marking or with IPQoS 0). screen: the raw probe alone, because
   * the mode opened no session or the user's ssh cannot log in without a
   * prompt (an ok from the screen is not a proven session). jump-host: the
   * first hop's verdict (see the hop's own report). config: the config alone
   * decides (ProxyCommand).
   */
  provenBy: 'openssh' | 'screen' | 'jump-host' | 'config' | 'none';
  /** A session with the user's own ssh and the host's own marking worked in this run (the hop's, behind a ProxyJump). */
  sessionOk: boolean;
}

export interface CheckReport {
  hosts: HostReport[];
  /** Aliases whose fix is `IPQoS 0` (deduplicated fixAlias of needs-ipqos-0 hosts). */
  needsIpqos0: string[];
  /** Aliases whose sessions break on the server's own marking: the server's admin can fix them, not IPQoS 0. */
  serverSide: string[];
  /** Aliases not checked because this ssh refuses their names on its command line (`Host a|b`). */
  leftOut: LeftOutAlias[];
  mode: CheckMode;
  /** The config given with --config; null for ssh's default. */
  configFile: string | null;
  ssh: { bin: string; version: string };
  startedAt: string;
  durationMs: number;
}
