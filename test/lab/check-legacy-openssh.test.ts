import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CheckReport, HostReport } from '../../main/core/verdicts/host-report.ts';
import { runCli } from '../cli/run-cli.ts';
import { legacySsh, requireLegacySsh } from '../support/legacy-openssh.ts';
import { hostIn, labFixture, skipLab as skip } from './check-fixture.ts';

/**
 * A real OpenSSH 8.4 (last IPQoS line wins, even over -o) on the lab, with a
 * config that ends in `Host *` / `IPQoS throughput`, the leftover of the
 * VMware NAT workaround: `-o IPQoS=0` cannot reach the connection, so the
 * check must confirm the cure with the fix itself.
 */
let stateDir: string;
let report: CheckReport;
let exitCode: number | null;

const host = (alias: string): HostReport => hostIn(report, alias);

const legacyReady = (): boolean => {
  const legacy = legacySsh();
  if (!legacy.ok && process.env.CI === 'true') throw new Error(legacy.reason);
  return legacy.ok;
};
const fixture = labFixture(
  ({ ports }) => [
    { alias: 'healthy', port: ports.healthy },
    { alias: 'reset', port: ports.reset },
    { alias: 'drop', port: ports.drop },
  ],
  {},
  legacyReady,
);

before(async () => {
  await fixture.started;
  const legacy = legacySsh();
  if (!fixture.lab || !legacy.ok) return;
  await appendFile(fixture.config, '\nHost *\n  IPQoS throughput\n');
  // The copies with the fix go to the tool's folder: a temporary one, never the real home's.
  stateDir = await mkdtemp(join(tmpdir(), 'ipqd-state-'));
  const run = await runCli(['check', '--json', '--ssh', legacy.ssh, '--config', fixture.config], {
    timeoutMs: 60000,
    env: { ...process.env, IPQOS_DOCTOR_STATE_DIR: stateDir },
  });
  exitCode = run.code;
  assert.equal(run.stderr, '');
  report = JSON.parse(run.stdout) as CheckReport;
});
after(async () => {
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

test('this 8.4 client lets the trailing Host * line beat -o IPQoS=0', { skip }, (t) => {
  const ssh = requireLegacySsh(t);
  if (!ssh) return;
  const read = execFileSync(ssh, ['-G', '-F', fixture.config, '-o', 'IPQoS=0', '--', 'reset'], {
    encoding: 'utf8',
  });
  assert.match(read, /^ipqos throughput throughput$/m, 'else this test would not test the old rule');
});

test('IPQoS 0 cures reset and drop: needs-ipqos-0, confirmed on a copy with the fix', { skip }, (t) => {
  if (!requireLegacySsh(t)) return;
  assert.equal(exitCode, 1);
  assert.match(report.ssh.version, /OpenSSH_8\.4/);
  assert.deepEqual([...report.needsIpqos0].sort(), ['drop', 'reset']);
  for (const alias of ['reset', 'drop']) {
    const found = host(alias);
    assert.equal(found.verdict, 'needs-ipqos-0', `${alias}: ${found.summary}`);
    assert.equal(found.provenBy, 'openssh');
    const evidence = found.evidence.join('\n');
    assert.match(evidence, /ssh -T -F <copy with the fix>: worked .*IP_TOS set: 0x00\]/);
    assert.match(evidence, /temporary copy of the config with the blocks fix would add .*ipqos cs0 cs0/);
    assert.doesNotMatch(evidence, /ssh -T -o IPQoS=0/, 'the overridden -o run is not the proof');
  }
});

test('the healthy port is ok after a session with the host’s own (throughput) marking', { skip }, (t) => {
  if (!requireLegacySsh(t)) return;
  const healthy = host('healthy');
  assert.equal(healthy.verdict, 'ok');
  assert.equal(healthy.sessionOk, true);
  assert.deepEqual(healthy.ipqos, { interactive: 'throughput', bulk: 'throughput' });
  assert.match(healthy.evidence.join('\n'), /ssh -T: worked .*IP_TOS set: 0x08\]/);
});

test(
  'without the copy, -o IPQoS=0 would have run the very marking it meant to remove',
  { skip },
  async (t) => {
    const ssh = requireLegacySsh(t);
    if (!ssh) return;
    // A state "folder" that is a file: no copy can be made, so the check falls back to -o IPQoS=0.
    const blocked = join(stateDir, 'not-a-folder');
    await writeFile(blocked, '');
    const run = await runCli(['check', '--json', '--ssh', ssh, '--config', fixture.config, 'reset'], {
      timeoutMs: 60000,
      env: { ...process.env, IPQOS_DOCTOR_STATE_DIR: blocked },
    });
    assert.equal(run.code, 0, 'nothing is claimed to need IPQoS 0');
    const reset = hostIn(JSON.parse(run.stdout) as CheckReport, 'reset');
    assert.equal(reset.verdict, 'inconclusive');
    assert.equal(reset.summaryCode.code, 'verdict.inconclusive.screen-not-forced');
    const codes = reset.evidenceCodes.map((line) => line.code);
    assert.ok(codes.includes('evidence.planned-copy-failed'), codes.join(' '));
    assert.ok(codes.includes('evidence.zero-not-forced'), codes.join(' '));
    // The run that was meant to carry 0 set the config's 0x08 and broke like the user's ssh does.
    assert.match(reset.evidence.join('\n'), /ssh -T -o IPQoS=0: reset .*IP_TOS set: 0x08\]/);
  },
);

test('the copies with the fix are gone after the check', { skip }, async (t) => {
  if (!requireLegacySsh(t)) return;
  // The folder exists (the copies were made there) and holds nothing now.
  assert.deepEqual(await readdir(join(stateDir, 'tmp')), []);
});
