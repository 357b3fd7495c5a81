import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { CheckReport, HostReport } from '../../main/core/verdicts/host-report.ts';
import { runCli } from '../cli/run-cli.ts';
import { labSupport, startLab, type Lab } from './lab.ts';

const support = labSupport();
const skip = !support.ok && process.env.CI !== 'true';
let lab: Lab | undefined;
let config: string;
let report: CheckReport;
let thorough: CheckReport;
let exitCode: number | null;
let knownHostsBefore: string;

const digest = async (file: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
const find = (from: CheckReport, alias: string): HostReport => {
  const found = from.hosts.find((candidate) => candidate.alias === alias);
  assert.ok(found, `no report for ${alias}`);
  return found;
};
const host = (alias: string): HostReport => find(report, alias);

before(async () => {
  if (!support.ok) {
    // In CI nothing may be skipped: every test below fails with the reason.
    if (process.env.CI === 'true') throw new Error(`the lab cannot run: ${support.reason}`);
    return;
  }
  lab = await startLab();
  const { ports } = lab;
  config = await lab.writeClientConfig([
    { alias: 'healthy', port: ports.healthy },
    { alias: 'reset', port: ports.reset },
    { alias: 'drop', port: ports.drop },
    { alias: 'drop-marked', port: ports.dropMarked },
    { alias: 'reset-fixed', port: ports.reset, extra: ['IPQoS 0'] },
    { alias: 'reset-no-login', port: ports.reset, extra: ['PubkeyAuthentication no'] },
    { alias: 'behind-reset', port: ports.healthy, extra: ['ProxyJump reset'] },
    { alias: 'behind-behind', port: ports.healthy, extra: ['ProxyJump behind-reset'] },
    { alias: 'server-marks', port: ports.serverMarks },
    { alias: 'piped', port: ports.reset, extra: ['ProxyCommand nc %h %p'] },
    { alias: 'closed', port: 2299 },
  ]);
  knownHostsBefore = await digest(lab.knownHostsFile);
  const run = await runCli(['check', '--json', '--config', config], { timeoutMs: 60000 });
  exitCode = run.code;
  assert.equal(run.stderr, '', 'no progress noise off a terminal');
  report = JSON.parse(run.stdout) as CheckReport;
  const deep = await runCli(
    ['check', '--json', '--thorough', '--config', config, 'healthy', 'reset', 'drop', 'server-marks'],
    {
      timeoutMs: 60000,
    },
  );
  thorough = JSON.parse(deep.stdout) as CheckReport;
});
after(async () => {
  await lab?.stop();
});

test(
  'the lab runs (root, nftables, sshd)',
  { skip: skip && `the lab cannot run: ${!support.ok && support.reason}` },
  () => {
    assert.ok(lab);
  },
);

test('exit status 1 and the list of hosts that need IPQoS 0', { skip }, () => {
  assert.equal(exitCode, 1);
  assert.deepEqual([...report.needsIpqos0].sort(), ['drop', 'drop-marked', 'reset', 'reset-no-login']);
});

test('a healthy path is ok: the raw probe carried both markings mid-connection', { skip }, () => {
  const healthy = host('healthy');
  assert.equal(healthy.verdict, 'ok');
  assert.equal(healthy.provenBy, 'raw-probe');
  assert.match(healthy.evidence.join('\n'), /then TOS 0x10 on the same connection: answered/);
  assert.match(healthy.evidence.join('\n'), /then TOS 0x08 on the same connection: answered/);
});

test(
  'a reset on DSCP change (F2) needs IPQoS 0, and the user’s ssh with IPQoS 0 proves the fix',
  { skip },
  () => {
    const reset = host('reset');
    assert.equal(reset.verdict, 'needs-ipqos-0');
    const evidence = reset.evidence.join('\n');
    assert.match(evidence, /then TOS 0x08 on the same connection: reset .*ECONNRESET/);
    assert.match(evidence, /ssh -T -o IPQoS=0: worked .*set IP_TOS 0x00/);
    assert.match(reset.summary, /your ssh with IPQoS 0 works/);
  },
);

test('a silent drop on DSCP change (F1) needs IPQoS 0 and does not hold up the others', { skip }, () => {
  const drop = host('drop');
  assert.equal(drop.verdict, 'needs-ipqos-0');
  assert.match(drop.evidence.join('\n'), /then TOS 0x08 on the same connection: timeout/);
  assert.ok(drop.durationMs < 5000, `adaptive timeouts, not a fixed 10 s: ${drop.durationMs} ms`);
});

test('a path that drops every marked packet (F4) needs IPQoS 0', { skip }, () => {
  assert.equal(host('drop-marked').verdict, 'needs-ipqos-0');
});

test('a host already at IPQoS 0 is ok and says it is already fixed', { skip }, () => {
  const fixed = host('reset-fixed');
  assert.equal(fixed.verdict, 'ok');
  assert.equal(fixed.alreadyFixed, true);
  assert.match(fixed.summary, /Already fixed/);
});

test('without a non-interactive login the verdict rests on the raw probe and says so', { skip }, () => {
  const noLogin = host('reset-no-login');
  assert.equal(noLogin.verdict, 'needs-ipqos-0');
  assert.equal(noLogin.provenBy, 'raw-probe');
  assert.match(
    noLogin.summary,
    /Rests on the raw probe: your ssh could not confirm the fix .*Permission denied/,
  );
});

test('a ProxyJump host takes its first hop’s verdict, and the fix goes to the hop', { skip }, () => {
  const behind = host('behind-reset');
  assert.equal(behind.verdict, 'needs-ipqos-0');
  assert.equal(behind.fixAlias, 'reset');
  assert.equal(behind.provenBy, 'jump-host');
  assert.match(behind.evidence.join('\n'), /ssh -W opens with reset's own config/);
  const twice = host('behind-behind');
  assert.equal(twice.verdict, 'needs-ipqos-0', 'a jump through a jump ends at the first socket');
  assert.equal(twice.fixAlias, 'reset');
});

test('ProxyCommand carries no TOS; a closed port is unreachable', { skip }, () => {
  assert.equal(host('piped').verdict, 'not-applicable');
  assert.equal(host('closed').verdict, 'unreachable');
});

test('--thorough runs the user’s own ssh and shows the field symptom', { skip }, () => {
  assert.equal(find(thorough, 'healthy').verdict, 'ok');
  assert.equal(find(thorough, 'healthy').provenBy, 'openssh');
  const reset = find(thorough, 'reset');
  assert.equal(reset.verdict, 'needs-ipqos-0');
  assert.equal(reset.provenBy, 'openssh');
  const evidence = reset.evidence.join('\n');
  assert.match(evidence, /ssh -T: reset .*client_loop: send disconnect: Broken pipe.*set IP_TOS 0x10 → 0x08/);
  assert.match(evidence, /ssh -tt: worked/, 'with a tty Debian’s ssh keeps 0x10: no change, no break');
  const drop = find(thorough, 'drop');
  assert.equal(drop.verdict, 'needs-ipqos-0');
  assert.match(drop.evidence.join('\n'), /ssh -T: timeout .*no progress after the session opened/);
});

test('a server that marks its own side (F5) is not blamed on the client', { skip }, () => {
  // The raw probe never opens a session, so the default check cannot see the server's marking...
  assert.equal(host('server-marks').verdict, 'ok');
  assert.equal(host('server-marks').provenBy, 'raw-probe');
  // ...while --thorough sees the user's ssh break with and without IPQoS 0, and says where the fix is.
  const serverMarks = find(thorough, 'server-marks');
  assert.equal(serverMarks.verdict, 'inconclusive');
  assert.match(serverMarks.summary, /even with IPQoS 0.*sshd_config/);
});

test('known_hosts is never written, and no ssh is left running', { skip }, async () => {
  assert.ok(lab);
  assert.equal(await digest(lab.knownHostsFile), knownHostsBefore);
  let leftovers = '';
  try {
    leftovers = execFileSync('pgrep', ['-a', '-f', config], { encoding: 'utf8' });
  } catch {
    // pgrep exits 1 when nothing matches: what we want.
  }
  assert.equal(leftovers, '');
});
