import { coreError } from '../error-messages.ts';
import type { UserError } from '../errors.ts';
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
    throw coreError(
      'core.error.ssh-not-runnable',
      { bin, errno: result.spawnError.code ?? result.spawnError.message },
      'core.hint.install-ssh',
    );
  }
  const version = parseOpenSshVersion(result.stderr || result.stdout);
  if (!version) {
    const printed = (result.stderr || result.stdout).trim().slice(0, 200);
    throw coreError(
      printed === '' ? 'core.error.ssh-printed-nothing' : 'core.error.ssh-not-openssh',
      { bin, printed },
      'core.hint.needs-openssh',
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
    throw coreError('core.error.not-a-host-alias', { host }, 'core.hint.name-host-alias');
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
    timeoutMs: SSH_G_TIMEOUT_MS,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  if (result.aborted && request.signal) throw request.signal.reason;
  if (result.timedOut) throw sshGTimedOut(request.host, SSH_G_TIMEOUT_MS);
  if (result.exitCode !== 0)
    throw configRejected(request.host, result.stderr.trim() || `exit ${result.exitCode}`);
  return parseSshG(result.stdout);
}

/** ssh -G only reads files, unless the config has `Match exec`: then it runs those commands too. */
export const SSH_G_TIMEOUT_MS = 15000;

/**
 * ssh -G did not finish: nearly always a `Match exec` command that hangs (the
 * config-edit layer names it, main/core/config-edit/match-exec.ts).
 */
export function sshGTimedOut(host: string, timeoutMs: number): UserError {
  return coreError(
    'core.error.ssh-g-timeout',
    { host, seconds: Math.round(timeoutMs / 1000) },
    'core.hint.match-exec-timeout',
  );
}

/** What `ssh -G` failing for a host means to the user, with ssh's own words. */
export function configRejected(host: string, sshSays: string): UserError {
  return coreError('core.error.ssh-rejects-config', { host, sshSays }, 'core.hint.fix-named-line');
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
