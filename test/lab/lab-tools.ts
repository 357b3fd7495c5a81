/**
 * What the lab runs on: the tools it needs (iproute2, nftables, OpenSSH), whether
 * this machine can host it, and small runners for those tools.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { basename, delimiter, join } from 'node:path';
import type { TestContext } from 'node:test';

export const SSHD = '/usr/sbin/sshd';
export const NAME_PREFIX = 'ipqd-';
export const COMMAND_TIMEOUT_MS = 10_000;

export type LabSupport = { ok: true } | { ok: false; reason: string };

function findTool(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  for (const dir of dirs) {
    if (dir === '') continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

export interface Tools {
  ip: string;
  nft: string;
  sshKeygen: string;
}

let cachedTools: Tools | undefined;
export function tools(): Tools {
  if (cachedTools) return cachedTools;
  const ip = findTool('ip');
  const nft = findTool('nft');
  const sshKeygen = findTool('ssh-keygen');
  if (!ip || !nft || !sshKeygen) throw new Error('lab tools missing; check labSupport() first');
  cachedTools = { ip, nft, sshKeygen };
  return cachedTools;
}

/** Whether this machine can host a lab, and if not, why. */
export function labSupport(): LabSupport {
  if (process.platform !== 'linux') return { ok: false, reason: 'the lab needs Linux network namespaces' };
  if (process.getuid?.() !== 0) {
    return { ok: false, reason: 'the lab needs root (network namespaces, nftables)' };
  }
  try {
    const capEff = /^CapEff:\s*([0-9a-f]+)$/im.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    const caps = BigInt(`0x${capEff ?? '0'}`);
    const CAP_NET_ADMIN = 12n;
    const CAP_SYS_ADMIN = 21n;
    if (!((caps >> CAP_NET_ADMIN) & 1n) || !((caps >> CAP_SYS_ADMIN) & 1n)) {
      return { ok: false, reason: 'the lab needs CAP_NET_ADMIN and CAP_SYS_ADMIN (a privileged container)' };
    }
  } catch {
    // No /proc status: let the tools themselves report.
  }
  const missing = ['ip', 'nft', 'ssh', 'ssh-keygen'].filter((name) => findTool(name) === undefined);
  try {
    accessSync(SSHD, constants.X_OK);
  } catch {
    missing.push(SSHD);
  }
  if (missing.length > 0) {
    return {
      ok: false,
      reason: `the lab needs ${missing.join(', ')} (Debian: apt-get install iproute2 nftables openssh-server openssh-client)`,
    };
  }
  return { ok: true };
}

/** Call first in a lab test: false means skipped. On CI an unsupported machine fails the test instead. */
export function requireLab(t: TestContext): boolean {
  const support = labSupport();
  if (support.ok) return true;
  if (process.env.CI === 'true') {
    throw new Error(`lab tests cannot run on this CI machine: ${support.reason}`);
  }
  t.skip(support.reason);
  return false;
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runRaw(file: string, args: readonly string[], input?: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      timeout: COMMAND_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({ code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Runs a tool and returns its stdout; a non-zero exit rejects with its stderr. */
export async function run(file: string, args: readonly string[], input?: string): Promise<string> {
  const result = await runRaw(file, args, input);
  if (result.code === 0) return result.stdout;
  throw new Error(
    `${[basename(file), ...args].join(' ')} failed (${result.code === null ? 'killed' : `exit ${result.code}`}): ${result.stderr.trim()}`,
  );
}
