import type { Deadline } from '../process/deadline.ts';
import { runProcess } from '../process/run-process.ts';
import { atLeast } from '../ssh/openssh-version.ts';
import type { SshClient } from '../ssh/ssh-client.ts';
import { formatTos } from '../ssh/ipqos-values.ts';
import { classifyOpenSsh, type OpenSshClassification } from './openssh-outcome.ts';

export interface OpenSshProbeRequest {
  alias: string;
  configFile: string | undefined;
  /** true: `-o IPQoS=0`; false: whatever the config makes effective. */
  ipqosZero: boolean;
  /** true: `-tt` (interactive marking); false: `-T` (bulk marking). */
  tty: boolean;
  knownHostsFiles: readonly string[];
  /** `-o` options of the host itself, e.g. the User and Port a ProxyJump spec names. */
  hostOptions?: readonly string[];
  /** Ends the run when it passes; may be tightened while the run is under way. */
  deadline: Deadline;
  signal?: AbortSignal;
}

export interface OpenSshProbeResult extends OpenSshClassification {
  ipqosZero: boolean;
  tty: boolean;
  durationMs: number;
  exitCode: number | null;
}

/**
 * The remote command: short, harmless, and the same in any POSIX shell. A host
 * without a shell (git forges) answers with a non-zero exit, which still
 * proves the session opened.
 */
const REMOTE_COMMAND = 'true';

/**
 * Options that keep the run faithful to the user's ssh and harmless: it never
 * prompts (BatchMode), never reuses or leaves a shared connection, opens no
 * forwards, runs no LocalCommand and never backgrounds. ConnectTimeout is
 * never added: on macOS it would move ssh off the Network.framework path whose
 * marking we want to reproduce; the timeout comes from outside.
 */
export function probeArguments(client: SshClient, request: OpenSshProbeRequest): string[] {
  const options = [
    'BatchMode=yes',
    'ControlMaster=no',
    'ControlPath=none',
    'ClearAllForwardings=yes',
    'PermitLocalCommand=no',
    'RemoteCommand=none',
    'UpdateHostKeys=no',
    `UserKnownHostsFile=${request.knownHostsFiles.map((file) => `"${file}"`).join(' ')}`,
  ];
  if (atLeast(client.version, 8, 7)) options.push('ForkAfterAuthentication=no', 'SessionType=default');
  options.unshift(...(request.hostOptions ?? []));
  if (request.ipqosZero) options.unshift('IPQoS=0');
  const args = ['-vvv', request.tty ? '-tt' : '-T'];
  if (request.configFile !== undefined) args.push('-F', request.configFile);
  for (const option of options) args.push('-o', option);
  args.push('--', request.alias, REMOTE_COMMAND);
  return args;
}

/** Runs the user's own ssh once and classifies what happened. */
export async function runOpenSshProbe(
  client: SshClient,
  request: OpenSshProbeRequest,
): Promise<OpenSshProbeResult> {
  const signal = request.signal
    ? AbortSignal.any([request.signal, request.deadline.signal])
    : request.deadline.signal;
  request.deadline.start();
  const run = await runProcess(client.bin, probeArguments(client, request), { signal });
  request.deadline.dispose();
  // Killed by the deadline rather than by a cancel: that is the hang we are looking for.
  if (run.aborted && request.deadline.expired && !request.signal?.aborted) run.timedOut = true;
  if (run.spawnError) {
    return {
      outcome: 'error',
      stage: 'start',
      reason: `cannot run ${client.bin}: ${run.spawnError.code ?? run.spawnError.message}`,
      tosSet: [],
      ipqosZero: request.ipqosZero,
      tty: request.tty,
      durationMs: run.durationMs,
      exitCode: null,
    };
  }
  return {
    ...classifyOpenSsh(run),
    ipqosZero: request.ipqosZero,
    tty: request.tty,
    durationMs: run.durationMs,
    exitCode: run.exitCode,
  };
}

export function describeOpenSshProbe(result: OpenSshProbeResult): string {
  const how = `ssh ${result.tty ? '-tt' : '-T'}${result.ipqosZero ? ' -o IPQoS=0' : ''}`;
  const marks =
    result.tosSet.length > 0 ? ` [set IP_TOS ${result.tosSet.map((tos) => formatTos(tos)).join(' → ')}]` : '';
  const what = result.outcome === 'ok' ? 'worked' : result.outcome;
  return `${how}: ${what} in ${result.durationMs} ms — ${result.reason}${marks}`;
}
