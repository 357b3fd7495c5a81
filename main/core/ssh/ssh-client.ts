import { UserError } from '../errors.ts';
import { runProcess } from '../process/run-process.ts';
import { parseOpenSshVersion, type OpenSshVersion } from './openssh-version.ts';
import { parseSshG } from './ssh-options.ts';

/** The user's own OpenSSH client: the judge of every setting and every fix. */
export interface SshClient {
  bin: string;
  version: OpenSshVersion;
}

export async function locateSsh(bin = 'ssh', signal?: AbortSignal): Promise<SshClient> {
  const result = await runProcess(bin, ['-V'], { timeoutMs: 5000, ...(signal ? { signal } : {}) });
  if (result.spawnError) {
    throw new UserError(
      `Cannot run the OpenSSH client "${bin}": ${result.spawnError.code ?? result.spawnError.message}.`,
      'Install OpenSSH (on Debian: apt-get install openssh-client) or pass --ssh /path/to/ssh.',
    );
  }
  const version = parseOpenSshVersion(result.stderr || result.stdout);
  if (!version) {
    throw new UserError(
      `"${bin} -V" did not print an OpenSSH version (it printed: ${(result.stderr || result.stdout).trim() || 'nothing'}).`,
      'IPQoS Doctor needs the OpenSSH client; pass --ssh /path/to/ssh.',
    );
  }
  return { bin, version };
}

/**
 * A host name must never reach ssh where it could be read as an option. The
 * `--` in every call already ends option parsing; refusing a leading `-`
 * gives the user a clear message instead of ssh's.
 */
export function assertHostArgument(host: string): void {
  if (host === '' || host.startsWith('-') || /[\s\0]/.test(host)) {
    throw new UserError(
      `"${host}" is not a host alias: aliases cannot be empty, start with "-" or contain spaces.`,
      'Name a host as it appears on a Host line of your ssh config.',
    );
  }
}

export interface SshGRequest {
  host: string;
  /** `-F FILE`; without it ssh reads ~/.ssh/config and /etc/ssh/ssh_config, as `ssh host` does. */
  configFile?: string;
  /** Extra `-o key=value` options, placed before the config like ssh does. */
  options?: readonly string[];
  signal?: AbortSignal;
}

/** The effective settings for one host, as OpenSSH itself computes them (`ssh -G`). */
export async function sshG(client: SshClient, request: SshGRequest): Promise<Map<string, string[]>> {
  const result = await runProcess(client.bin, sshGArguments(request), {
    timeoutMs: 15000,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  if (result.aborted && request.signal) throw request.signal.reason;
  if (result.exitCode !== 0) {
    throw configRejected(
      request.host,
      result.stderr.trim() || (result.timedOut ? 'timed out' : `exit ${result.exitCode}`),
    );
  }
  return parseSshG(result.stdout);
}

/** What `ssh -G` failing for a host means to the user, with ssh's own words. */
export function configRejected(host: string, sshSays: string): UserError {
  return new UserError(
    `OpenSSH rejects the configuration for "${host}": ${sshSays}`,
    'Fix the line ssh names (ssh_config(5) lists the valid options), then check again.',
  );
}

/**
 * The arguments of `ssh -G`. With the user's default config there is no `-F`:
 * `-F ~/.ssh/config` would skip /etc/ssh/ssh_config and its Includes, which
 * `ssh host` reads after the user's file (and which, before 8.7, win for IPQoS).
 */
export function sshGArguments(request: Omit<SshGRequest, 'signal'>): string[] {
  assertHostArgument(request.host);
  const args = ['-G'];
  if (request.configFile !== undefined) args.push('-F', request.configFile);
  for (const option of request.options ?? []) args.push('-o', option);
  args.push('--', request.host);
  return args;
}
