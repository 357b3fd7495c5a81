/**
 * A real OpenSSH client of the old precedence rule (before 8.7 the last IPQoS
 * line wins and a config line beats `-o`): Debian 11's openssh-client 8.4p1
 * with libssl1.1, fetched with apt from the bullseye suite of the archive this
 * machine already uses, unpacked with `dpkg -x` into a cache folder (never
 * installed), and run through a wrapper that sets LD_LIBRARY_PATH. Pass the
 * wrapper to the core or the CLI as the ssh binary (`--ssh`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

const CACHE = process.env.IPQOS_LEGACY_SSH_DIR ?? join(tmpdir(), 'ipqos-doctor-openssh-8.4');
const WRAPPER = join(CACHE, 'bin', 'ssh');

export type LegacySsh = { ok: true; ssh: string; version: string } | { ok: false; reason: string };

let memo: LegacySsh | undefined;

/** The archive URI of the machine's own Debian sources (not the security one). */
function debianArchiveUri(): string {
  const candidates = ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list'];
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const deb822 = [...text.matchAll(/^URIs:\s*(\S+)/gm)].map((m) => m[1] ?? '');
    const oneLine = [...text.matchAll(/^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/gm)].map((m) => m[1] ?? '');
    const uri = [...deb822, ...oneLine].find((u) => u !== '' && !u.includes('security'));
    if (uri) return uri;
  }
  throw new Error('no Debian archive in /etc/apt sources');
}

function versionOf(ssh: string): string {
  // ssh -V prints on stderr.
  return spawnSync(ssh, ['-V'], { encoding: 'utf8' }).stderr.trim();
}

function fetchInto(root: string): void {
  const work = join(CACHE, 'apt');
  rmSync(work, { recursive: true, force: true });
  for (const dir of ['lists/partial', 'cache/archives/partial', 'debs'])
    mkdirSync(join(work, dir), { recursive: true });
  writeFileSync(join(work, 'sources.list'), `deb ${debianArchiveUri()} bullseye main\n`);
  writeFileSync(join(work, 'status'), '');
  const options = [
    '-o', `Dir::Etc::sourcelist=${join(work, 'sources.list')}`,
    '-o', 'Dir::Etc::sourceparts=-',
    '-o', `Dir::State::Lists=${join(work, 'lists')}`,
    '-o', `Dir::State::status=${join(work, 'status')}`,
    '-o', `Dir::Cache=${join(work, 'cache')}`,
    '-o', 'Debug::NoLocking=1',
    '-o', 'APT::Sandbox::User=root',
  ]; // prettier-ignore
  execFileSync('apt-get', [...options, '-qq', 'update'], { stdio: 'pipe' });
  execFileSync('apt-get', [...options, '-qq', 'download', 'openssh-client/bullseye', 'libssl1.1/bullseye'], {
    cwd: join(work, 'debs'),
    stdio: 'pipe',
  });
  for (const deb of readdirSync(join(work, 'debs')).filter((name) => name.endsWith('.deb'))) {
    execFileSync('dpkg', ['-x', join(work, 'debs', deb), root], { stdio: 'pipe' });
  }
  rmSync(work, { recursive: true, force: true });
}

/** Fetches once per machine (cached), then answers from the cache. */
export function legacySsh(): LegacySsh {
  if (memo) return memo;
  try {
    if (!existsSync(WRAPPER)) {
      const root = join(CACHE, 'root');
      rmSync(root, { recursive: true, force: true });
      fetchInto(root);
      mkdirSync(join(CACHE, 'bin'), { recursive: true });
      const libs = join(root, 'usr/lib/x86_64-linux-gnu');
      writeFileSync(
        WRAPPER,
        `#!/bin/sh\nLD_LIBRARY_PATH='${libs}' exec '${join(root, 'usr/bin/ssh')}' "$@"\n`,
      );
      chmodSync(WRAPPER, 0o755);
    }
    const version = versionOf(WRAPPER);
    if (!/OpenSSH_8\.4/.test(version)) throw new Error(`unexpected version: ${version}`);
    memo = { ok: true, ssh: WRAPPER, version };
  } catch (error) {
    rmSync(WRAPPER, { force: true });
    memo = {
      ok: false,
      reason: `OpenSSH 8.4 could not be fetched from bullseye: ${(error as Error).message}`,
    };
  }
  return memo;
}

/** The wrapper's path, or skips the test (fails it with CI=true) when it cannot be had. */
export function requireLegacySsh(t: TestContext): string | null {
  const legacy = legacySsh();
  if (legacy.ok) return legacy.ssh;
  if (process.env.CI === 'true') throw new Error(legacy.reason);
  t.skip(legacy.reason);
  return null;
}
