import type { Deadline } from '../process/deadline.ts';
import { runProcess } from '../process/run-process.ts';
import { atLeast } from '../ssh/openssh-version.ts';
import type { SshClient } from '../ssh/ssh-client.ts';
import { formatTos } from '../ssh/ipqos-values.ts';
import { message, type Message } from '../verdicts/messages.ts';
import { classifyOpenSsh, type OpenSshClassification } from './openssh-outcome.ts';

export interface OpenSshProbeRequest {
  alias: string;
  configFile: string | undefined;
  /** true: `-o IPQoS=0` (or `fixedConfig`); false: whatever the config makes effective. */
  ipqosZero: boolean;
  /**
   * A copy of the config with the blocks `fix` would add, run as `-F` instead
   * of `-o IPQoS=0`: before 8.7 a later IPQoS line in the config beats `-o`.
   */
  fixedConfig?: string;
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
  /** The run used a copy of the config with the fix (`-F`) rather than `-o IPQoS=0`. */
  viaFixedConfig: boolean;
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
  const fixedConfig = request.ipqosZero ? request.fixedConfig : undefined;
  if (request.ipqosZero && fixedConfig === undefined) options.unshift('IPQoS=0');
  const args = ['-vvv', request.tty ? '-tt' : '-T'];
  const configFile = fixedConfig ?? request.configFile;
  if (configFile !== undefined) args.push('-F', configFile);
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
      banners: 0,
      logins: 0,
      ipqosZero: request.ipqosZero,
      viaFixedConfig: request.ipqosZero && request.fixedConfig !== undefined,
      tty: request.tty,
      durationMs: run.durationMs,
      exitCode: null,
    };
  }
  return {
    ...classifyOpenSsh(run),
    ipqosZero: request.ipqosZero,
    viaFixedConfig: request.ipqosZero && request.fixedConfig !== undefined,
    tty: request.tty,
    durationMs: run.durationMs,
    exitCode: run.exitCode,
  };
}

/** The evidence line for one run: the command as the user would type it, what happened, every IP_TOS set. */
export function describeOpenSshProbe(result: OpenSshProbeResult): Message {
  const zero = result.ipqosZero ? (result.viaFixedConfig ? ' -F <copy with the fix>' : ' -o IPQoS=0') : '';
  const params = {
    command: `ssh ${result.tty ? '-tt' : '-T'}${zero}`,
    ms: result.durationMs,
    reason: result.reason,
    tosSet: result.tosSet.length > 0 ? result.tosSet.map((tos) => formatTos(tos)).join(' → ') : 'none',
  };
  const { command, ms, tosSet } = params;
  // Our own words get codes of their own (translatable); ssh's own line is passed on as it is.
  if (result.outcome === 'ok') {
    return message('evidence.ssh-run.worked', { command, ms, exitCode: result.exitCode ?? 0, tosSet });
  }
  if (result.outcome === 'timeout')
    return message(`evidence.ssh-run.hung.${result.stage}`, { command, ms, tosSet });
  return message('evidence.ssh-run.failed', { ...params, outcome: result.outcome });
}
