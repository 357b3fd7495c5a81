/**
 * A real OpenSSH client of the old precedence rule (before 8.7 the last IPQoS
 * line wins and a config line beats `-o`): Debian 11's openssh-client 8.4p1
 * with libssl1.1, fetched with apt from the bullseye suite of the archive this
 * machine already uses, unpacked with `dpkg -x` into a cache folder (never
 * installed), and run through a wrapper that sets LD_LIBRARY_PATH. Pass the
 * wrapper to the core or the CLI as the ssh binary (`--ssh`).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { aptSuite } from './apt-suite.ts';

const CACHE = process.env.IPQOS_LEGACY_SSH_DIR ?? join(tmpdir(), 'ipqos-doctor-openssh-8.4');
const WRAPPER = join(CACHE, 'bin', 'ssh');

export type LegacySsh = { ok: true; ssh: string; version: string } | { ok: false; reason: string };

let memo: LegacySsh | undefined;

function versionOf(ssh: string): string {
  // ssh -V prints on stderr.
  return spawnSync(ssh, ['-V'], { encoding: 'utf8' }).stderr.trim();
}

function fetchInto(root: string): void {
  const suite = aptSuite('bullseye', join(CACHE, 'apt'));
  try {
    suite.unpack(['openssh-client', 'libssl1.1'], root);
  } finally {
    suite.dispose();
  }
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
