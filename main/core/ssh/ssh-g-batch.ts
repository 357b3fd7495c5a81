import type { UserError } from '../errors.ts';
import { runProcess } from '../process/run-process.ts';
import {
  assertHostArgument,
  configRejected,
  SSH_G_TIMEOUT_MS,
  sshGTimedOut,
  type SshClient,
} from './ssh-client.ts';
import { parseSshG } from './ssh-options.ts';

const END = '@@ipqos-doctor-end';

/**
 * Runs `ssh -G` for each host in turn, in one small shell, marking where each
 * host's output ends on stdout (with ssh's exit status) and on stderr. The
 * arguments are the same as sshGArguments' for each host.
 */
const SCRIPT = `bin=$1; cfg=$2; shift 2
for h do
  if [ -n "$cfg" ]; then "$bin" -G -F "$cfg" -- "$h"; else "$bin" -G -- "$h"; fi
  echo "${END} $?"; echo "${END}" >&2
done`;

/**
 * The effective settings of several hosts, as `ssh -G` computes them, with
 * Node forking once for all of them: a fork of a large Node process costs a
 * few milliseconds of CPU and stalls its event loop, while the shell's forks
 * of ssh are cheap. Each host gets its settings or the UserError `sshG` would
 * throw for it.
 */
export async function sshGBatch(
  client: SshClient,
  hosts: readonly string[],
  request: { configFile?: string | undefined; signal?: AbortSignal },
): Promise<(Map<string, string[]> | UserError)[]> {
  for (const host of hosts) assertHostArgument(host);
  const timeoutMs = SSH_G_TIMEOUT_MS + 1000 * hosts.length;
  const result = await runProcess(
    '/bin/sh',
    ['-c', SCRIPT, 'sh', client.bin, request.configFile ?? '', ...hosts],
    { timeoutMs, ...(request.signal ? { signal: request.signal } : {}) },
  );
  if (result.aborted && request.signal) throw request.signal.reason;
  const outputs = sections(result.stdout);
  const errors = sections(result.stderr);
  return hosts.map((host, index) => {
    const output = outputs[index];
    if (output === undefined && result.timedOut) return sshGTimedOut(host, timeoutMs);
    const status = output?.status ?? 'not run';
    if (status === '0') return parseSshG(output?.text ?? '');
    return configRejected(
      host,
      errors[index]?.text.trim() || (/^\d+$/.test(status) ? `exit ${status}` : status),
    );
  });
}

/** A stream cut at the end markers: each host's text, and the status the marker carries. */
function sections(stream: string): { text: string; status: string }[] {
  const found: { text: string; status: string }[] = [];
  let text: string[] = [];
  for (const line of stream.split('\n')) {
    if (line === END || line.startsWith(`${END} `)) {
      found.push({ text: text.join('\n'), status: line.slice(END.length + 1) });
      text = [];
    } else {
      text.push(line);
    }
  }
  return found;
}
