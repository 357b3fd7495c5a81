import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkHosts } from '../../main/core/diagnosis/check-hosts.ts';
import type { CheckReport } from '../../main/core/verdicts/host-report.ts';
import { runCli } from '../cli/run-cli.ts';
import { hostIn as find, labFixture, skipLab as skip } from './check-fixture.ts';

/** sshd logs every login it accepts (`-e`, LogLevel INFO): the count says whether a check logged in. */
const logins = (): number => (fixture.lab?.sshdLog().match(/Accepted publickey for /g) ?? []).length;

const fixture = labFixture(({ ports }) => [
  { alias: 'healthy', port: ports.healthy },
  { alias: 'reset', port: ports.reset },
  { alias: 'server-marks', port: ports.serverMarks },
]);

test('screen mode logs in nowhere and runs no ssh; session mode then logs in', { skip }, async () => {
  assert.equal(logins(), 0, 'a fresh lab has seen no login');
  const screen = await checkHosts({ configFile: fixture.config, mode: 'screen' });
  assert.equal(screen.mode, 'screen');
  assert.equal(logins(), 0, `sshd accepted a login during a screen check:\n${fixture.lab?.sshdLog()}`);
  for (const host of screen.hosts) {
    assert.equal(host.provenBy, 'screen', host.alias);
    assert.equal(host.sessionOk, false, host.alias);
    const codes = host.evidenceCodes.map((line) => line.code);
    assert.ok(codes.includes('evidence.mode.screen'), host.alias);
    assert.ok(!codes.some((code) => code.startsWith('evidence.ssh-run.')), `${host.alias} ran ssh`);
  }
  // The screen alone cannot see the server's marking (F5): ok, but marked as screen-only.
  assert.equal(find(screen, 'server-marks').verdict, 'ok');
  assert.equal(find(screen, 'server-marks').summaryCode.code, 'verdict.ok.screen');
  assert.equal(find(screen, 'reset').verdict, 'needs-ipqos-0');
  assert.equal(find(screen, 'reset').summaryCode.code, 'verdict.needs-ipqos-0.screen-only');

  // The same hosts in session mode: the counter moves, so the assertion above could fail.
  const session = await checkHosts({ configFile: fixture.config, hosts: ['healthy', 'reset'] });
  assert.equal(session.mode, 'session');
  assert.equal(find(session, 'healthy').sessionOk, true);
  assert.ok(logins() >= 2, `session mode logged in ${logins()} times, expected the healthy and IPQoS 0 runs`);
});

test('mode thorough runs every marking, with and without a tty', { skip }, async () => {
  const report = await checkHosts({ configFile: fixture.config, hosts: ['healthy'], mode: 'thorough' });
  assert.equal(report.mode, 'thorough');
  const runs = report.hosts[0]?.evidenceCodes.filter((line) => line.code.startsWith('evidence.ssh-run.'));
  assert.equal(runs?.length, 4, 'with and without a tty, with and without IPQoS 0');
});

test('check --mode on the command line; exit 3 when the only trouble is server-side', { skip }, async () => {
  const screen = await runCli(['check', '--json', '--mode', 'screen', '--config', fixture.config, 'healthy']);
  assert.equal(screen.code, 0, screen.stderr);
  assert.equal((JSON.parse(screen.stdout) as CheckReport).mode, 'screen');

  const serverSide = await runCli(['check', '--config', fixture.config, 'healthy', 'server-marks'], {
    timeoutMs: 60000,
  });
  assert.equal(serverSide.code, 3, serverSide.stderr);
  assert.match(serverSide.stdout, /server-marks .*server-side/);
  assert.match(serverSide.stdout, /No host needs IPQoS 0\. .*1 server-side/);
  assert.match(serverSide.stdout, /Server side \(IPQoS 0 here cannot help.*\): server-marks/);

  const both = await runCli(['check', '--json', '--config', fixture.config, 'reset', 'server-marks'], {
    timeoutMs: 60000,
  });
  assert.equal(both.code, 1, 'a host that needs IPQoS 0 outranks a server-side one');
  const report = JSON.parse(both.stdout) as CheckReport;
  assert.deepEqual(report.needsIpqos0, ['reset']);
  assert.deepEqual(report.serverSide, ['server-marks']);
});

test('a mode that does not exist, or --thorough with another mode, is bad usage', { skip }, async () => {
  const bogus = await runCli(['check', '--mode', 'quick', '--config', fixture.config]);
  assert.equal(bogus.code, 2);
  assert.match(bogus.stderr, /--mode must be one of screen, session, thorough, not "quick"/);
  const clash = await runCli(['check', '--mode', 'screen', '--thorough', '--config', fixture.config]);
  assert.equal(clash.code, 2);
  assert.match(clash.stderr, /--thorough is --mode thorough/);
});
