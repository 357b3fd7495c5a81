/**
 * Which ssh the app runs. Started from Finder, an app inherits launchd's PATH
 * and would find Apple's /usr/bin/ssh while the user's Terminal runs, say,
 * Homebrew's OpenSSH, which marks packets differently: the app and
 * `ipqos-doctor check` in Terminal would disagree about the same host. So the
 * app asks the user's login shell, once and with a deadline, the way editors
 * resolve a login shell's environment (VS Code's shellEnv.ts: `$SHELL -ilc`,
 * detached, markers around the answer, a timeout), and falls back to the known places of OpenSSH on a Mac.
 * Every client found is offered (with its version) so the user can pick.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, realpathSync } from 'node:fs';
import { userInfo } from 'node:os';
import { locateSsh } from '../core/ssh/ssh-client.ts';

/** Homebrew on Apple silicon, Homebrew on Intel, MacPorts, the system's. */
export const KNOWN_SSH_PATHS = [
  '/opt/homebrew/bin/ssh',
  '/usr/local/bin/ssh',
  '/opt/local/bin/ssh',
  '/usr/bin/ssh',
] as const;

/** A slow profile (nvm, conda) takes a second or two; a shell that hangs on a prompt must not stop the app. */
export const LOGIN_SHELL_TIMEOUT_MS = 5000;

export interface SshCandidate {
  path: string;
  /** `ssh -V`'s version, e.g. "OpenSSH_10.1p1"; null if it would not say. */
  version: string | null;
  from: 'login-shell' | 'known-path';
}

const BEGIN = 'IPQOS-SSH-BEGIN';
const END = 'IPQOS-SSH-END';
/** Plain words every shell runs (sh, bash, zsh, fish): the answer between two markers. */
const COMMAND = `echo ${BEGIN}; command -v ssh; echo ${END}`;

/**
 * The absolute path between the markers: profiles print banners before the command, and a login shell's
 * logout files may print after it.
 */
export function markedPath(output: string): string | null {
  const lines = output.split(/\r?\n/).map((line) => line.trim());
  const begin = lines.indexOf(BEGIN);
  const end = lines.indexOf(END, begin + 1);
  if (begin === -1 || end === -1) return null;
  return lines.slice(begin + 1, end).find((line) => line.startsWith('/')) ?? null;
}

/**
 * `$SHELL -i -l -c 'command -v ssh'`: what `ssh` means in the user's Terminal, which runs an interactive
 * login shell (so PATH set in ~/.zshrc counts as well as ~/.zprofile's `brew shellenv`), as VS Code does
 * for its shell environment. No terminal (stdin is /dev/null, its own session); null on any failure or
 * timeout.
 */
export function loginShellSsh(
  shell: string = process.env['SHELL'] || userInfo().shell || '/bin/sh',
  timeoutMs = LOGIN_SHELL_TIMEOUT_MS,
): Promise<string | null> {
  return new Promise((resolve) => {
    let out = '';
    let done = false;
    const finish = (value: string | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(value);
    };
    const child = spawn(shell, ['-i', '-l', '-c', COMMAND], {
      stdio: ['ignore', 'pipe', 'ignore'],
      // Its own process group, so a timeout ends whatever the profile started too.
      detached: true,
    });
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      finish(null);
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', () => finish(null));
    // No ssh: nothing between the markers. The exit code is the shell's last word (a logout file's).
    child.on('close', () => finish(markedPath(out)));
  });
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface FindOptions {
  /** The login shell's answer (loginShellSsh), or null. */
  fromShell: string | null;
  known?: readonly string[];
  /** `ssh -V` of one client; tests may pass their own. */
  versionOf?: (path: string) => Promise<string | null>;
}

const sshVersion = async (path: string): Promise<string | null> =>
  locateSsh(path).then(
    (client) => client.version.raw,
    () => null,
  );

/** The login shell's ssh first, then each known one that exists; one entry per real file; OpenSSH only. */
export async function findSshClients(options: FindOptions): Promise<SshCandidate[]> {
  const versionOf = options.versionOf ?? sshVersion;
  const seen = new Set<string>();
  const found: SshCandidate[] = [];
  const paths: [string, SshCandidate['from']][] = [
    ...(options.fromShell ? [[options.fromShell, 'login-shell'] as [string, SshCandidate['from']]] : []),
    ...(options.known ?? KNOWN_SSH_PATHS).map((path): [string, SshCandidate['from']] => [path, 'known-path']),
  ];
  for (const [path, from] of paths) {
    if (!path.startsWith('/') || !executable(path)) continue;
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    const version = await versionOf(path);
    if (version !== null) found.push({ path, version, from });
  }
  return found;
}

/** The user's pick when it is still there, else the first found (the login shell's); null: none at all. */
export function chooseSsh(
  candidates: readonly SshCandidate[],
  preferred: string | null,
): SshCandidate | null {
  return candidates.find((candidate) => candidate.path === preferred) ?? candidates[0] ?? null;
}
