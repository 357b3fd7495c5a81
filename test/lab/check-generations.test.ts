/**
 * The core of the generations matrix, in `npm test` (the whole matrix is
 * `npm run test:matrix`): a 10.1+ server that marks from its banner, behind a
 * path that drops or resets its marks, is server-side with the admin's line,
 * not unreachable, for clients 9.2 and 10.x; behind a change-intolerant client
 * direction it still needs IPQoS 0, and the fix proves itself; a 10.x client
 * on an EF-dropping path needs IPQoS 0 where 9.2 does not.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { CheckReport } from '../../main/core/verdicts/host-report.ts';
import { currentOpenSsh, requireCurrentOpenSsh } from '../support/current-openssh.ts';
import { hostIn, labFixture, skipLab as skip } from './check-fixture.ts';
import {
  alias,
  assertCells,
  assertFixCures,
  check,
  matrixHosts,
  type Kind,
  type Server,
} from './generations.ts';

const SERVERS: readonly Server[] = ['10.x'];
const KINDS: readonly Kind[] = ['healthy', 'reset', 'serverMarks', 'serverReset', 'dropEf'];
const current = (): boolean => {
  const found = currentOpenSsh();
  if (!found.ok && process.env.CI === 'true') throw new Error(found.reason);
  return found.ok;
};
const fixture = labFixture(
  (lab) => [
    ...matrixHosts(lab, SERVERS, KINDS),
    { alias: 's92-dropEf', port: lab.ports.dropEf },
    // A healthy jump host, and behind it a 10.1+ server whose marks the path from the hop drops.
    { alias: 'hop', port: lab.ports.healthy },
    { alias: 'behind-hop', port: lab.current?.ports.serverMarks ?? 0, extra: ['ProxyJump hop'] },
  ],
  { current: true },
  current,
);
const reports = new Map<string, CheckReport>();

before(async () => {
  const lab = await fixture.started;
  if (!lab?.current) return;
  const [system, sid] = await Promise.all([
    check(fixture.config, undefined),
    check(fixture.config, lab.current.ssh),
  ]);
  reports.set('9.2', system);
  reports.set('10.x', sid);
});

test('the lab’s current OpenSSH is 10.1 or later, client and server', { skip }, (t) => {
  const bins = requireCurrentOpenSsh(t);
  if (!bins) return;
  assert.match(bins.version, /^OpenSSH_(1[1-9]|10\.([1-9]|\d\d))/);
  assert.match(reports.get('10.x')?.ssh.version ?? '', /^OpenSSH_10\./);
});

test(
  'a 10.1+ server behind a path that drops or resets its marks: server-side, for clients 9.2 and 10.x',
  { skip },
  (t) => {
    if (!requireCurrentOpenSsh(t)) return;
    for (const client of ['9.2', '10.x'] as const) {
      const report = reports.get(client);
      assert.ok(report);
      assertCells(report, client, SERVERS, KINDS);
      const silent = hostIn(report, alias('10.x', 'serverMarks'));
      assert.equal(silent.provenBy, 'screen');
      assert.match(silent.summary, /never sends its version line.*OpenSSH 10\.1 and later mark EF/);
      const evidence = silent.evidence.join('\n');
      assert.match(evidence, /stuck at version/);
      assert.match(evidence, /IPQoS none in sshd_config on 10\.\d+\.\d+\.2/);
      assert.doesNotMatch(silent.summary, /not a QoS problem/);
      assert.ok(report.serverSide.includes(silent.alias));
    }
  },
);

test('a 10.x client on a path that drops EF needs IPQoS 0; the 9.2 client there is fine', { skip }, (t) => {
  if (!requireCurrentOpenSsh(t)) return;
  assert.equal(hostIn(reports.get('10.x') as CheckReport, 's92-dropEf').verdict, 'needs-ipqos-0');
  assert.equal(hostIn(reports.get('9.2') as CheckReport, 's92-dropEf').verdict, 'ok');
});

test(
  'through a working jump host, a 10.1+ server that sends nothing back is server-side too',
  { skip },
  (t) => {
    if (!requireCurrentOpenSsh(t)) return;
    for (const client of ['9.2', '10.x'] as const) {
      const behind = hostIn(reports.get(client) as CheckReport, 'behind-hop');
      assert.equal(
        behind.verdict,
        'server-side',
        `${client}: ${behind.summary}\n${behind.evidence.join('\n')}`,
      );
      assert.equal(
        behind.summaryCode.code,
        'verdict.via-jump.server-side.no-banner',
        behind.evidence.join('\n'),
      );
      assert.equal(behind.fixAlias, null);
      assert.ok(behind.evidenceCodes.some((line) => line.code === 'evidence.server-side.no-banner'));
    }
  },
);

test(
  'behind a 10.1+ server, the client-direction break is cured by the fix, proven with the 10.x client',
  { skip },
  async (t) => {
    const bins = requireCurrentOpenSsh(t);
    if (!bins) return;
    const report = reports.get('10.x') as CheckReport;
    assert.deepEqual([...report.needsIpqos0].sort(), [alias('10.x', 'reset'), 's92-dropEf']);
    await assertFixCures(fixture.config, bins.ssh, report);
  },
);
