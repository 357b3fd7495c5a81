/**
 * `ipqos-doctor watch` through the real command line, on the lab (real sshd,
 * nftables): JSON events, one alert after the re-check, no alert for a glitch
 * or a repeat (also across a restart), a quiet notice on recovery, and
 * SIGINT/SIGTERM that stop it within a second with no ssh left running.
 * SIGUSR2 asks for a check now; the re-check delay is shortened to 1.5 s.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { skipLab as skip, startCheckLab } from '../lab/check-fixture.ts';
import type { Lab } from '../lab/lab.ts';
import { breakPath, labSshProcesses, waitForLongSsh } from '../app/app-test-kit.ts';
import { WatchProcess, type WatchEvent } from '../app/watch-process.ts';

const RECHECK_MS = 1500;
let lab: Lab | undefined;
let config: string;
/** A server that marks its own packets: the session with the user's ssh hangs until its deadline. */
let slow: string;
let stateRoot: string;
const running: WatchProcess[] = [];

before(async () => {
  lab = await startCheckLab();
  if (!lab) return;
  config = await lab.writeClientConfig([{ alias: 'alpha', port: lab.ports.healthy }]);
  slow = await lab.writeClientConfig([{ alias: 'marks', port: lab.ports.serverMarks }]);
  stateRoot = await mkdtemp(path.join(tmpdir(), 'ipqd-watch-'));
});
after(async () => {
  running.forEach((watch) => watch.kill());
  await lab?.stop();
  if (stateRoot) await rm(stateRoot, { recursive: true, force: true });
});

function watch(stateDir: string, configFile = config): WatchProcess {
  const process = new WatchProcess(['--config', configFile, '--interval', '1h', '--state-dir', stateDir], {
    IPQOS_DOCTOR_RECHECK_MS: String(RECHECK_MS),
  });
  running.push(process);
  return process;
}

const verdictOf = (event: WatchEvent, alias: string): unknown =>
  (event.hosts as { alias: string; verdict: string }[]).find((host) => host.alias === alias)?.verdict;
const notifications = (process: WatchProcess): WatchEvent[] =>
  process.events.filter((event) => event.type === 'notification');
/** Waits past the re-check delay for the re-check's own run to finish. */
const recheckDone = (process: WatchProcess, from: number): Promise<WatchEvent> =>
  process.waitFor((event) => event.type === 'check-finished', { from });

test(
  'turns bad: one notification after the re-check, none again (nor after a restart); recovers: one quiet notice; SIGTERM exits 0',
  { skip },
  async () => {
    const labNow = lab as Lab;
    const stateDir = path.join(stateRoot, 'turns-bad');
    const first = watch(stateDir);
    const launched = await first.waitFor((event) => event.type === 'check-finished');
    assert.equal(verdictOf(launched, 'alpha'), 'ok');
    assert.equal(typeof launched.network, 'string');
    for (const event of first.events)
      assert.match(event.time, /^\d{4}-\d{2}-\d{2}T/, 'every event has a time');

    const heal = await breakPath(labNow, labNow.ports.healthy);
    try {
      const seen = await first.checkNow();
      assert.equal(verdictOf(seen, 'alpha'), 'needs-ipqos-0');
      assert.ok(
        first.events.some(
          (event) => event.type === 'host-changed' && event.alias === 'alpha' && event.to === 'needs-ipqos-0',
        ),
      );
      assert.equal(notifications(first).length, 0, 'no alert before the re-check');
      const alert = await first.waitFor((event) => event.type === 'notification');
      assert.equal(alert.kind, 'needs-ipqos-0');
      assert.deepEqual(alert.hosts, ['alpha']);
      assert.match(String(alert.title), /alpha needs IPQoS 0/);
      await recheckDone(first, first.events.indexOf(alert));

      await first.checkNow();
      await new Promise((resolve) => setTimeout(resolve, RECHECK_MS + 500));
      assert.equal(notifications(first).length, 1, 'still bad: no repeat');
      const stopped = await first.stop('SIGTERM');
      assert.equal(stopped.code, 0, first.stderr);
      assert.ok(stopped.ms < 1000, `SIGTERM took ${stopped.ms} ms`);
      assert.equal(first.events.at(-1)?.type, 'watch-stopped');

      // The same network's memory survives: still bad after a restart is not news.
      const second = watch(stateDir);
      const again = await second.waitFor((event) => event.type === 'check-finished');
      assert.equal(verdictOf(again, 'alpha'), 'needs-ipqos-0');
      await new Promise((resolve) => setTimeout(resolve, RECHECK_MS + 500));
      await second.checkNow();
      assert.equal(notifications(second).length, 0, 'no repeat across a restart');
      await heal();

      await second.checkNow();
      const recovered = await second.waitFor((event) => event.type === 'notification');
      assert.equal(recovered.kind, 'recovered');
      assert.equal(recovered.quiet, true);
      assert.equal((await second.stop('SIGINT')).code, 0);
    } finally {
      await heal();
    }
  },
);

test('a glitch that clears before the re-check: no notification', { skip }, async () => {
  const labNow = lab as Lab;
  const process = watch(path.join(stateRoot, 'glitch'));
  await process.waitFor((event) => event.type === 'check-finished');
  const heal = await breakPath(labNow, labNow.ports.healthy);
  let seen: WatchEvent;
  try {
    seen = await process.checkNow();
  } finally {
    await heal();
  }
  assert.equal(verdictOf(seen, 'alpha'), 'needs-ipqos-0');
  const recheck = await recheckDone(process, process.events.indexOf(seen) + 1);
  assert.equal(verdictOf(recheck, 'alpha'), 'ok');
  assert.equal(notifications(process).length, 0);
  assert.equal((await process.stop('SIGTERM')).code, 0);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} during a check: exit 0 within a second, no ssh left`, { skip }, async () => {
    const labNow = lab as Lab;
    // A fresh state dir: the first check logs in to every host.
    const process = watch(path.join(stateRoot, `signal-${signal}`), slow);
    await waitForLongSsh(labNow);
    const stopped = await process.stop(signal);
    assert.equal(stopped.code, 0, process.stderr);
    assert.ok(stopped.ms < 1000, `${signal} took ${Math.round(stopped.ms)} ms`);
    assert.deepEqual(labSshProcesses(labNow), [], 'no ssh of this lab left');
    assert.equal(process.events.at(-1)?.type, 'watch-stopped');
  });
}

test('human output: one line per change and per notification, with the time', { skip }, async () => {
  const process = new WatchProcess(
    ['--config', config, '--interval', '1h', '--state-dir', path.join(stateRoot, 'human')],
    {},
    false,
  );
  running.push(process);
  const deadline = performance.now() + 30_000;
  while (!process.lines.some((line) => / checked 1 host/.test(line)) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal((await process.stop('SIGINT')).code, 0);
  const lines = process.lines;
  assert.match(
    lines[0] ?? '',
    /^\d\d:\d\d:\d\d watching the hosts in .*ssh_config\.\d every 1h \(results in .*human\); Ctrl-C stops$/,
  );
  assert.ok(
    lines.some((line) => /^\d\d:\d\d:\d\d alpha: unchecked → ok — A session with your ssh/.test(line)),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((line) => /^\d\d:\d\d:\d\d checked 1 host\(s\) on .*: 1 ok$/.test(line)),
    lines.join('\n'),
  );
  assert.match(lines.at(-1) ?? '', /stopped \(SIGINT\)$/);
  assert.ok(
    lines.every((line) => !line.startsWith('{')),
    'no JSON without --json',
  );
});
