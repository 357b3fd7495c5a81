import type { NetOutcome } from './probe-outcome.ts';

/** What the user's own ssh run showed, classified from its exit status and stderr. */
export type OpenSshOutcome =
  | NetOutcome
  | 'auth-failed' // the path works up to authentication; BatchMode could not log in
  | 'host-key'; // the host key is unknown or changed; ssh stopped before authentication

/** How far an ssh run got, from its -v lines; later stages imply the earlier ones. */
export type OpenSshStage = 'start' | 'connected' | 'kex' | 'authenticated' | 'session';

export interface OpenSshClassification {
  outcome: OpenSshOutcome;
  stage: OpenSshStage;
  /** The line of stderr that says what happened, for the evidence. */
  reason: string;
  /** Every IP_TOS value ssh set, in order (from its debug3 lines). */
  tosSet: number[];
  /**
   * Servers whose version line arrived, and logins that succeeded. Through a ProxyJump the hop's
   * ssh -W writes its own -v lines to the same stderr, so the hop counts once and the host once.
   */
  banners: number;
  logins: number;
}

const STAGE_MARKERS: [OpenSshStage, RegExp][] = [
  ['session', /Entering interactive session|channel \d+: open confirm|Sending command:/],
  ['authenticated', /Authenticated to |Authentication succeeded/],
  ['kex', /SSH2_MSG_KEXINIT sent|Remote protocol version|kex: algorithm/],
  ['connected', /Connection established|Connected to /],
];

const FAILURES: [OpenSshOutcome, RegExp][] = [
  [
    'host-key',
    /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No \S+ host key is known/,
  ],
  ['auth-failed', /Permission denied|Too many authentication failures/],
  [
    'dns',
    /Could not resolve hostname|Name or service not known|nodename nor servname|Temporary failure in name resolution/,
  ],
  ['refused', /Connection refused/],
  ['unreachable-network', /Network is unreachable|No route to host|Host is down/],
  ['reset', /Broken pipe|Connection reset|reset by peer/],
  ['timeout', /Connection timed out|Operation timed out|timed out during banner exchange/],
  ['closed', /Connection closed by|closed by remote host|Connection to \S+ closed by/],
];

/** Reads a finished (or killed) ssh run. Exit 255 is ssh's own failure; any other code is the remote command's. */
export function classifyOpenSsh(run: {
  exitCode: number | null;
  stderr: string;
  timedOut: boolean;
}): OpenSshClassification {
  const lines = run.stderr.split(/\r?\n/);
  const stage = STAGE_MARKERS.find(([, pattern]) => lines.some((line) => pattern.test(line)))?.[0] ?? 'start';
  const tosSet = tosValuesSet(lines);
  const count = (pattern: RegExp): number => lines.filter((line) => pattern.test(line)).length;
  const seen = { tosSet, banners: count(/Remote protocol version/), logins: count(/Authenticated to /) };
  if (run.timedOut) {
    return { outcome: 'timeout', stage, reason: `no progress after ${stageWords(stage)}; killed`, ...seen };
  }
  if (run.exitCode !== null && run.exitCode !== 255) {
    return {
      outcome: 'ok',
      stage: 'session',
      reason: `the remote command ran (exit ${run.exitCode})`,
      ...seen,
    };
  }
  const failureLines = lines.filter((line) => line !== '' && !/^debug\d:/.test(line));
  for (const [outcome, pattern] of FAILURES) {
    const line = failureLines.find((candidate) => pattern.test(candidate));
    if (line) return { outcome, stage, reason: line.trim(), ...seen };
  }
  return {
    outcome: 'error',
    stage,
    reason: failureLines.at(-1)?.trim() ?? `ssh exited with ${run.exitCode ?? 'a signal'}`,
    ...seen,
  };
}

/** `ssh_packet_set_tos: set IP_TOS 0x48` (≤ 8.4) or `set_sock_tos: set socket 3 IP_TOS 0x48` (≥ 8.5). */
function tosValuesSet(lines: readonly string[]): number[] {
  const values: number[] = [];
  for (const line of lines) {
    const match = /(?:set_sock_tos|packet_set_tos).*IP(?:V6)?_(?:TOS|TCLASS) (0x[0-9a-f]+|\d+)/i.exec(line);
    if (match?.[1]) values.push(Number(match[1]));
  }
  return values;
}

export function stageWords(stage: OpenSshStage): string {
  switch (stage) {
    case 'start':
      return 'starting (no TCP connection)';
    case 'connected':
      return 'the TCP connection opened';
    case 'kex':
      return 'key exchange began';
    case 'authenticated':
      return 'login';
    case 'session':
      return 'the session opened';
  }
}
