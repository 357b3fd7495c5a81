import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { defaultStateDir, parseInterval } from '../../main/cli/watch-command.ts';
import { WatchProcess } from '../app/watch-process.ts';
import { runCli } from './run-cli.ts';

test('--interval takes 10s (the minimum), minutes and hours', () => {
  assert.equal(parseInterval('10s'), 10_000);
  assert.equal(parseInterval('5m'), 300_000);
  assert.equal(parseInterval('1h'), 3_600_000);
  for (const bad of ['9s', '0m', '5', '5 m', '1d', '-1h', '25h', 'soon', '']) {
    assert.throws(() => parseInterval(bad), /--interval must be a duration from 10s to 24h/, bad);
  }
});

test('the state dir follows XDG_STATE_HOME, else ~/.local/state', () => {
  assert.equal(defaultStateDir({ XDG_STATE_HOME: '/x/state' }, '/home/u'), '/x/state/ipqos-doctor');
  assert.equal(
    defaultStateDir({ XDG_STATE_HOME: 'relative' }, '/home/u'),
    '/home/u/.local/state/ipqos-doctor',
  );
  assert.equal(defaultStateDir({}, '/home/u'), '/home/u/.local/state/ipqos-doctor');
});

for (const [args, message] of [
  [['--interval', '5s'], /--interval must be a duration from 10s to 24h/],
  [['--interval'], /--interval/],
  [['--frobnicate'], /Unknown option '--frobnicate'/],
  [['alpha'], /takes no host names/],
] as const) {
  test(`watch ${args.join(' ')}: exit 2 with a clear message`, async () => {
    const run = await runCli(['watch', ...args]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, message);
    assert.equal(run.stdout, '', 'nothing started');
  });
}

test('watch is in the usage', async () => {
  const run = await runCli(['--help']);
  assert.match(
    run.stdout,
    /ipqos-doctor watch \[--config FILE\] \[--interval DURATION\] \[--json\] \[--state-dir DIR\]/,
  );
});

test('an unreadable config: a problem event and one error notification that say what to do; SIGTERM exits 0', async () => {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'ipqd-watch-'));
  const watch = new WatchProcess([
    '--config',
    path.join(stateDir, 'missing-config'),
    '--state-dir',
    stateDir,
  ]);
  try {
    const problem = await watch.waitFor((event) => event.type === 'problem');
    assert.equal(problem.kind, 'config-unreadable');
    assert.match(
      String(problem.message),
      /missing-config does not exist\. Pass the file you use with --config FILE/,
    );
    const alert = await watch.waitFor((event) => event.type === 'notification');
    assert.equal(alert.kind, 'error');
    assert.deepEqual(alert.hosts, []);
    const finished = await watch.waitFor((event) => event.type === 'check-finished');
    assert.equal(finished.problem, 'config-unreadable');
    assert.equal((await watch.stop('SIGTERM')).code, 0);
    assert.equal(watch.stderr, '', 'the problem is said once, on stdout');
    assert.ok(existsSync(path.join(stateDir, 'watch-results.json')), 'the memory is kept in --state-dir');
  } finally {
    watch.kill();
    await rm(stateDir, { recursive: true, force: true });
  }
});
