/**
 * The matrix users meet: clients 8.4 / 9.2 / 10.x × servers 9.2 / 10.x × the
 * lab's middlebox kinds, with the verdict each cell must get, and the runs
 * that prove it (`check`, then `fix` and a check of the fixed config).
 */
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckReport, Verdict } from '../../main/core/verdicts/host-report.ts';
import { runCli } from '../cli/run-cli.ts';
import { currentOpenSsh } from '../support/current-openssh.ts';
import { legacySsh } from '../support/legacy-openssh.ts';
import { hostIn } from './check-fixture.ts';
import type { Lab, LabHost, LabPorts } from './lab.ts';

export type Client = '8.4' | '9.2' | '10.x';
export type Server = '9.2' | '10.x';
export type Kind = keyof LabPorts;
export const KINDS: readonly Kind[] = [
  'healthy',
  'reset',
  'drop',
  'dropMarked',
  'serverMarks',
  'serverReset',
  'dropEf',
];

export interface Expected {
  verdict: Verdict;
  /** The summary's code, where it names the cause. */
  code?: string;
}

/**
 * What each cell must say. The 9.2 server marks only from a session (af21/cs1 on the
 * server-direction ports); the 10.x server marks EF from its banner on, so a path that
 * drops or resets its marks never shows a banner. Debian's 8.4 and 9.2 clients mark
 * lowdelay/throughput (0x10/0x08), never EF; 10.x marks EF from the SYN.
 */
export function expected(client: Client, server: Server, kind: Kind): Expected {
  switch (kind) {
    case 'healthy':
      return { verdict: 'ok' };
    case 'reset':
    case 'drop':
    case 'dropMarked':
      // A change-intolerant client direction behind any server: the client's fix.
      return { verdict: 'needs-ipqos-0' };
    case 'serverMarks':
      return server === '10.x'
        ? { verdict: 'server-side', code: 'verdict.server-side.no-banner.timeout' }
        : { verdict: 'server-side', code: 'verdict.server-side' };
    case 'serverReset':
      return server === '10.x'
        ? { verdict: 'server-side', code: 'verdict.server-side.no-banner.reset' }
        : { verdict: 'server-side', code: 'verdict.server-side' };
    case 'dropEf':
      if (server === '10.x') return { verdict: 'server-side', code: 'verdict.server-side.no-banner.timeout' };
      return client === '10.x' ? { verdict: 'needs-ipqos-0' } : { verdict: 'ok' };
  }
}

export const alias = (server: Server, kind: Kind): string => `s${server.replace('.', '')}-${kind}`;

/** One Host block per server and kind. */
export function matrixHosts(lab: Lab, servers: readonly Server[], kinds: readonly Kind[] = KINDS): LabHost[] {
  return servers.flatMap((server) => {
    const ports = server === '10.x' ? lab.current?.ports : lab.ports;
    if (!ports) throw new Error('the lab was started without the current sshd');
    return kinds.map((kind) => ({ alias: alias(server, kind), port: ports[kind] }));
  });
}

/** The client's ssh binary (undefined: the system's), or why it cannot be had. */
export function clientSsh(client: Client): { ssh: string | undefined } | { reason: string } {
  if (client === '9.2') return { ssh: undefined };
  const found = client === '8.4' ? legacySsh() : currentOpenSsh();
  return found.ok ? { ssh: found.ssh } : { reason: found.reason };
}

const sshArgs = (ssh: string | undefined): string[] => (ssh ? ['--ssh', ssh] : []);

export async function check(
  config: string,
  ssh: string | undefined,
  hosts: readonly string[] = [],
): Promise<CheckReport> {
  const run = await runCli(['check', '--json', ...sshArgs(ssh), '--config', config, ...hosts], {
    timeoutMs: 90_000,
  });
  assert.ok(run.code !== null && run.code <= 3, `check failed (${run.code}): ${run.stderr}`);
  return JSON.parse(run.stdout) as CheckReport;
}

/** Every cell of one client's report against the table, with the summary when one differs. */
export function assertCells(
  report: CheckReport,
  client: Client,
  servers: readonly Server[],
  kinds: readonly Kind[] = KINDS,
): void {
  const wrong: string[] = [];
  for (const server of servers) {
    for (const kind of kinds) {
      const host = hostIn(report, alias(server, kind));
      const want = expected(client, server, kind);
      if (host.verdict !== want.verdict || (want.code !== undefined && host.summaryCode.code !== want.code)) {
        wrong.push(
          `client ${client} × server ${server} × ${kind}: ${host.verdict} (${host.summaryCode.code}), want ${want.verdict} ${want.code ?? ''} — ${host.summary}`,
        );
      }
      if (want.verdict === 'server-side') {
        assert.equal(host.fixAlias, null, `${host.alias}: no client fix is offered`);
        assert.ok(!report.needsIpqos0.includes(host.alias), host.alias);
      }
    }
  }
  assert.deepEqual(wrong, [], wrong.join('\n'));
}

/**
 * The fix's proof: `fix --yes` for every host that needs IPQoS 0 on a copy of
 * the config (verified with this client's `ssh -G`), then a check of the copy
 * finds each of them already fixed, with a working session of this client.
 */
export async function assertFixCures(
  config: string,
  ssh: string | undefined,
  report: CheckReport,
): Promise<void> {
  const hosts = report.needsIpqos0;
  assert.ok(hosts.length > 0, 'nothing to fix: the proof would prove nothing');
  const dir = await mkdtemp(join(tmpdir(), 'ipqd-matrix-'));
  try {
    const copy = join(dir, 'config');
    await copyFile(config, copy);
    const fixed = await runCli(['fix', ...hosts, ...sshArgs(ssh), '--config', copy, '--yes'], {
      timeoutMs: 60_000,
      env: { ...process.env, IPQOS_DOCTOR_STATE_DIR: join(dir, 'state') },
    });
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(fixed.stdout, /Verified with OpenSSH.* now print ipqos cs0 cs0/);
    const after = await check(copy, ssh, hosts);
    for (const host of after.hosts) {
      assert.equal(host.verdict, 'ok', `${host.alias} after the fix: ${host.summary}`);
      assert.equal(host.alreadyFixed, true, host.alias);
      assert.equal(host.sessionOk, true, `${host.alias}: a session with the fixed config worked`);
    }
    assert.deepEqual(after.needsIpqos0, []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
