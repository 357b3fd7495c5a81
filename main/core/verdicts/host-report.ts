/**
 * The verdict for one host, as plain data: the CLI prints it, `--json` emits
 * it, the app sends it over IPC to the renderer unchanged. Absent values are
 * null, never undefined, so a JSON round trip changes nothing.
 */
export type Verdict =
  | 'ok' // connections survive the marking this host's ssh uses
  | 'needs-ipqos-0' // the baseline works, the marking or its change breaks it, IPQoS 0 works
  | 'unreachable' // even an unmarked connection fails: DNS, refused, timeout; not a QoS problem
  | 'inconclusive' // the probes disagree or could not tell; the evidence says why
  | 'not-applicable'; // ssh sets no TOS for this host (ProxyCommand)

export const VERDICTS: readonly Verdict[] = [
  'ok',
  'needs-ipqos-0',
  'unreachable',
  'inconclusive',
  'not-applicable',
];

export interface HostReport {
  alias: string;
  hostname: string;
  port: number;
  user: string;
  verdict: Verdict;
  /** One sentence a person reads first. */
  summary: string;
  /** What was tried, what happened, how long: one line each. */
  evidence: string[];
  durationMs: number;
  /** `ssh -G`'s ipqos pair for this host. */
  ipqos: { interactive: string; bulk: string };
  /** The effective IPQoS already puts 0 on the wire. */
  alreadyFixed: boolean;
  /** The alias that should get `IPQoS 0`: this host, or the jump host it connects through. */
  fixAlias: string | null;
  /** What the verdict rests on. */
  provenBy: 'openssh' | 'raw-probe' | 'jump-host' | 'config' | 'none';
}

export interface CheckReport {
  hosts: HostReport[];
  /** Aliases whose fix is `IPQoS 0` (deduplicated fixAlias of needs-ipqos-0 hosts). */
  needsIpqos0: string[];
  /** The config given with --config; null for ssh's default. */
  configFile: string | null;
  ssh: { bin: string; version: string };
  startedAt: string;
  durationMs: number;
}
