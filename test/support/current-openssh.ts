/**
 * A current OpenSSH (10.1 or later: EF from the SYN for the client, EF from
 * the banner for the server), as users meet it on current distributions:
 * Debian sid's openssh-client and openssh-server with sid's own libc and
 * libraries, fetched with apt from the archive this machine already uses,
 * unpacked with `dpkg -x` into a cache folder (never installed), and run
 * through sid's unpacked loader. sid moves every day, so the packages come
 * from apt's own resolution of the two, not from a list of ours; `ssh -V`
 * must then say 10.1 or later. sshd 10 execs `sshd-session` and `sshd-auth`:
 * the lab points SshdSessionPath and SshdAuthPath at the wrappers here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { aptSuite } from './apt-suite.ts';

const CACHE = process.env.IPQOS_CURRENT_SSH_DIR ?? join(tmpdir(), 'ipqos-doctor-openssh-sid');
const BIN = join(CACHE, 'bin');
const PROGRAMS = {
  ssh: 'usr/bin/ssh',
  sshd: 'usr/sbin/sshd',
  'sshd-session': 'usr/lib/openssh/sshd-session',
  'sshd-auth': 'usr/lib/openssh/sshd-auth',
} as const;

export interface CurrentOpenSshBins {
  /** Wrappers to pass as the ssh binary (`--ssh`) and to start sshd with. */
  ssh: string;
  sshd: string;
  /** For sshd_config's SshdSessionPath and SshdAuthPath. */
  sshdSession: string;
  sshdAuth: string;
  /** `ssh -V`, e.g. `OpenSSH_10.6p1 Debian-1, OpenSSL 3.6.5 …`. */
  version: string;
}

export type CurrentOpenSsh = ({ ok: true } & CurrentOpenSshBins) | { ok: false; reason: string };

let memo: CurrentOpenSsh | undefined;

const wrapper = (name: keyof typeof PROGRAMS): string => join(BIN, name);

/** The packages apt installs for both on an empty system, narrowed to the shared libraries and OpenSSH's own. */
function resolvedPackages(printUris: string): string[] {
  const names = printUris
    .split('\n')
    .map((line) => /^'[^']+'\s+([^_\s]+)_/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
  const libraries = names.filter((name) => /^(lib|zlib)/.test(name) && !name.endsWith('-perl'));
  const openssh = names.filter((name) => name.startsWith('openssh-'));
  if (!libraries.includes('libc6') || !openssh.includes('openssh-server')) {
    throw new Error(`apt resolved no libc6 or openssh-server: ${names.join(' ')}`);
  }
  return [...libraries, ...openssh];
}

function fetchInto(root: string): void {
  const suite = aptSuite('sid', join(CACHE, 'apt'));
  try {
    const uris = suite.aptGet([
      ...['-qq', '--print-uris', '--no-install-recommends'],
      ...['install', 'openssh-client', 'openssh-server'],
    ]);
    suite.unpack(resolvedPackages(uris), root);
  } finally {
    suite.dispose();
  }
}

/**
 * The wrapper of each program. ssh and sshd get the wrapper itself as argv[0] (absolute, as sshd
 * requires): ssh runs a ProxyJump's `ssh -W` as its own argv[0], which must go through the loader too.
 */
function wrapperText(root: string, name: keyof typeof PROGRAMS): string {
  const loader = join(root, 'usr/lib64/ld-linux-x86-64.so.2');
  const libs = [join(root, 'usr/lib/x86_64-linux-gnu'), join(root, 'lib/x86_64-linux-gnu')].join(':');
  const file = join(root, PROGRAMS[name]);
  const argv0 = name === 'ssh' || name === 'sshd' ? wrapper(name) : file;
  return `#!/bin/sh\nexec '${loader}' --library-path '${libs}' --argv0 '${argv0}' '${file}' "$@"\n`;
}

/** Writes a wrapper only where it differs, so a wrapper another test process runs is never rewritten. */
function writeWrappers(root: string): void {
  mkdirSync(BIN, { recursive: true });
  for (const name of Object.keys(PROGRAMS) as Array<keyof typeof PROGRAMS>) {
    const text = wrapperText(root, name);
    const file = wrapper(name);
    if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
    writeFileSync(`${file}.new`, text, { mode: 0o755 });
    renameSync(`${file}.new`, file);
  }
}

function versionOf(bin: string): string {
  // ssh -V prints on stderr; sshd -V too.
  const run = spawnSync(bin, ['-V'], { encoding: 'utf8' });
  return `${run.stderr}${run.stdout}`.trim().split('\n')[0] ?? '';
}

const atLeast101 = (version: string): boolean => {
  const match = /OpenSSH_(\d+)\.(\d+)/.exec(version);
  const [major, minor] = [Number(match?.[1]), Number(match?.[2])];
  return major > 10 || (major === 10 && minor >= 1);
};

/** Fetches once per machine (cached), then answers from the cache. */
export function currentOpenSsh(): CurrentOpenSsh {
  if (memo) return memo;
  try {
    const root = join(CACHE, 'root');
    if (!Object.values(PROGRAMS).every((program) => existsSync(join(root, program)))) {
      rmSync(root, { recursive: true, force: true });
      rmSync(BIN, { recursive: true, force: true });
      fetchInto(root);
    }
    writeWrappers(root);
    const version = versionOf(wrapper('ssh'));
    const sshdVersion = versionOf(wrapper('sshd'));
    if (!atLeast101(version) || !atLeast101(sshdVersion)) {
      throw new Error(`sid's OpenSSH is not 10.1 or later: ${version} / ${sshdVersion}`);
    }
    memo = {
      ok: true,
      ssh: wrapper('ssh'),
      sshd: wrapper('sshd'),
      sshdSession: wrapper('sshd-session'),
      sshdAuth: wrapper('sshd-auth'),
      version,
    };
  } catch (error) {
    rmSync(BIN, { recursive: true, force: true });
    memo = { ok: false, reason: `OpenSSH 10.1+ could not be had from sid: ${(error as Error).message}` };
  }
  return memo;
}

/** The binaries, or skips the test (fails it with CI=true) when they cannot be had. */
export function requireCurrentOpenSsh(t: TestContext): CurrentOpenSshBins | null {
  const current = currentOpenSsh();
  if (current.ok) return current;
  if (process.env.CI === 'true') throw new Error(current.reason);
  t.skip(current.reason);
  return null;
}
