/**
 * macOS's Local Network privacy, with a real errno: a netfilter reject on
 * OUTPUT (ICMP administratively prohibited) makes connect() fail at once with
 * EHOSTUNREACH, as macOS 15+ does for an app without the permission. (A plain
 * drop would not do: TCP ignores the EPERM it gets and retransmits the SYN.) The check runs inside the lab's namespace
 * (where the rule is, so nothing of the machine's own network changes), read
 * with darwin's rules, and with linux's as the control.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { promisify } from 'node:util';
import type { CheckReport } from '../../main/core/verdicts/host-report.ts';
import { hostIn, labFixture, skipLab as skip } from './check-fixture.ts';
import { tools } from './lab-tools.ts';

const run = promisify(execFile);
const CHECK_HOSTS = join(import.meta.dirname, '..', '..', 'main', 'core', 'diagnosis', 'check-hosts.ts');

const fixture = labFixture(
  (lab) => [
    { alias: 'nas', address: lab.addresses[1] ?? '', port: lab.ports.healthy },
    { alias: 'pi', port: lab.ports.healthy },
  ],
  { addresses: 2 },
);
const reports = new Map<string, CheckReport>();

/** checkHosts in the lab's namespace (a process of its own there), screen mode, with `platform`'s rules. */
async function checkInNamespace(platform: NodeJS.Platform): Promise<CheckReport> {
  const lab = fixture.lab;
  assert.ok(lab);
  const script = `const { checkHosts } = await import(${JSON.stringify(CHECK_HOSTS)});
const report = await checkHosts({ configFile: process.env.CONFIG, mode: 'screen', platform: process.env.PLATFORM });
process.stdout.write(JSON.stringify(report));`;
  const { stdout } = await run(
    tools().ip,
    ['netns', 'exec', lab.netns, process.execPath, '--input-type=module', '-e', script],
    { env: { ...process.env, CONFIG: fixture.config, PLATFORM: platform }, timeout: 60_000 },
  );
  return JSON.parse(stdout) as CheckReport;
}

before(async () => {
  const lab = await fixture.started;
  if (!lab) return;
  // Locally generated packets to the second address are refused on output: connect() gets EHOSTUNREACH.
  const rules = `table inet ipqd_local_network {
  chain output {
    type filter hook output priority filter; policy accept;
    ip daddr ${lab.addresses[1]} tcp dport ${lab.ports.healthy} reject with icmp type admin-prohibited
  }
}
`;
  const nft = run(tools().ip, ['netns', 'exec', lab.netns, tools().nft, '-f', '-']);
  nft.child.stdin?.end(rules);
  await nft;
  reports.set('darwin', await checkInNamespace('darwin'));
  reports.set('linux', await checkInNamespace('linux'));
});

test(
  'a refused connect (EHOSTUNREACH) to a private address is a Local Network permission problem on macOS',
  { skip },
  () => {
    const nas = hostIn(reports.get('darwin') as CheckReport, 'nas');
    assert.equal(nas.verdict, 'inconclusive', `${nas.summary}\n${nas.evidence.join('\n')}`);
    assert.equal(nas.summaryCode.code, 'verdict.inconclusive.local-network');
    assert.equal(nas.summaryCode.params.errno, 'EHOSTUNREACH');
    assert.match(nas.summary, /System Settings › Privacy & Security › Local Network/);
    assert.doesNotMatch(nas.summary, /unreachable|not a QoS problem/);
    assert.ok(nas.evidenceCodes.some((line) => line.code === 'evidence.local-network.where'));
    assert.match(nas.evidence.join('\n'), /EHOSTUNREACH during connect/);
    assert.ok(nas.durationMs < 3000, `refused at once, not a timeout: ${nas.durationMs} ms`);
    // The same private network, not refused: checked as ever.
    assert.equal(hostIn(reports.get('darwin') as CheckReport, 'pi').verdict, 'ok');
  },
);

test('with linux’s rules the same refusal stays unreachable: the permission is macOS’s', { skip }, () => {
  const nas = hostIn(reports.get('linux') as CheckReport, 'nas');
  assert.equal(nas.verdict, 'unreachable');
  assert.equal(nas.summaryCode.code, 'verdict.unreachable');
});
