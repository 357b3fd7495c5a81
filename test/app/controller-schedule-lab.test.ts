/**
 * When the controller checks, on the lab with the real core: overlapping
 * triggers make one run and queue one more; a network change (debounced), a
 * wake and the interval each start one; results are kept per network and
 * survive a restart. Only the scheduler's clock and the network fingerprint
 * (a port, not ssh) are the test's.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { NETWORK_DEBOUNCE_MS } from '../../main/app/app-controller.ts';
import type { PowerEvents } from '../../main/app/ports.ts';
import { skipLab as skip, startCheckLab } from '../lab/check-fixture.ts';
import type { Lab } from '../lab/lab.ts';
import {
  FakeClock,
  SwitchableNetwork,
  breakPath,
  labSshProcesses,
  makeHarness,
  waitForLongSsh,
} from './app-test-kit.ts';

let lab: Lab | undefined;
let config: string;
let healthyOnly: string;
/** A server that marks its own packets: the session with the user's ssh hangs until its deadline. */
let slow: string;

before(async () => {
  lab = await startCheckLab();
  if (!lab) return;
  config = await lab.writeClientConfig([
    { alias: 'alpha', port: lab.ports.healthy },
    { alias: 'reset', port: lab.ports.reset },
  ]);
  // No change to confirm, so no re-check: each trigger is one run.
  healthyOnly = await lab.writeClientConfig([{ alias: 'alpha', port: lab.ports.healthy }]);
  slow = await lab.writeClientConfig([
    { alias: 'alpha', port: lab.ports.healthy },
    { alias: 'marks', port: lab.ports.serverMarks },
  ]);
});
after(async () => {
  await lab?.stop();
});

const status = (hosts: { alias: string; status: string }[], alias: string): string | undefined =>
  hosts.find((host) => host.alias === alias)?.status;

test('triggers during a run: one run, and exactly one more queued', { skip }, async () => {
  const harness = await makeHarness({ configFile: config });
  try {
    await harness.controller.start(); // the launch run
    assert.equal(harness.controller.state().check.running, true);
    harness.controller.trigger('manual');
    harness.controller.trigger('wake');
    const viaIpc = await harness.controller.handle('check:run', {});
    assert.deepEqual(viaIpc, { started: false, queued: true });
    assert.equal(harness.controller.state().check.queued, true);
    await harness.controller.whenIdle();
    assert.equal(harness.runs(), 2, 'the launch run and one queued run');
    assert.equal(harness.controller.state().check.queued, false);
    assert.deepEqual(await harness.controller.handle('check:run', { mode: 'session' }), {
      started: true,
      queued: false,
    });
    await harness.controller.whenIdle();
    assert.equal(harness.runs(), 3);
  } finally {
    await harness.dispose();
  }
});

test('interval, wake and a debounced network change each start a check', { skip }, async () => {
  const wake = new Set<() => void>();
  const power: PowerEvents = { onWake: (listener) => (wake.add(listener), () => wake.delete(listener)) };
  const harness = await makeHarness({ configFile: healthyOnly, power });
  const { controller } = harness;
  const runsNow = harness.runs;
  try {
    await controller.start();
    await controller.whenIdle();
    const afterLaunch = runsNow();
    harness.clock.advance(15 * 60_000); // default interval
    await controller.whenIdle();
    assert.equal(runsNow(), afterLaunch + 1, 'the interval ran a check');
    wake.forEach((listener) => listener());
    await controller.whenIdle();
    assert.equal(runsNow(), afterLaunch + 2, 'a wake ran a check');
    // Wi-Fi flaps: three changes within the debounce make one check.
    harness.network.switchTo({ id: 'net-cafe', label: 'café' });
    harness.clock.advance(NETWORK_DEBOUNCE_MS - 1000);
    harness.network.switchTo({ id: 'net-home', label: 'home' });
    harness.network.switchTo({ id: 'net-cafe', label: 'café' });
    harness.clock.advance(NETWORK_DEBOUNCE_MS - 1);
    assert.equal(controller.state().check.running, false, 'nothing before it settles');
    harness.clock.advance(1);
    await controller.whenIdle();
    assert.equal(runsNow(), afterLaunch + 3, 'one check for the flapping network');
    assert.equal(controller.state().network?.id, 'net-cafe');
  } finally {
    await harness.dispose();
  }
});

test('two networks keep separate results, and they survive a restart', { skip }, async () => {
  const labNow = lab as Lab;
  const dir = await mkdtemp(path.join(tmpdir(), 'ipqd-app-'));
  const clock = new FakeClock();
  const network = new SwitchableNetwork({ id: 'net-home', label: 'home' });
  try {
    const first = await makeHarness({ configFile: config, dir, clock, network });
    await first.controller.start();
    await first.controller.whenIdle();
    assert.ok(['ok', 'screened'].includes(status(first.controller.state().hosts, 'alpha') ?? ''));

    network.switchTo({ id: 'net-cafe', label: 'café' });
    const heal = await breakPath(labNow, labNow.ports.healthy);
    try {
      clock.advance(NETWORK_DEBOUNCE_MS);
      await first.controller.whenIdle();
    } finally {
      await heal();
    }
    assert.equal(first.controller.state().network?.label, 'café');
    assert.equal(status(first.controller.state().hosts, 'alpha'), 'needs-ipqos-0');
    await first.controller.stop();

    const saved = JSON.parse(await readFile(path.join(dir, 'state.json'), 'utf8')) as {
      networks: Record<string, { hosts: Record<string, { status: string }> }>;
    };
    assert.equal(saved.networks['net-cafe']?.hosts.alpha?.status, 'needs-ipqos-0');
    assert.ok(['ok', 'screened'].includes(saved.networks['net-home']?.hosts.alpha?.status ?? ''));

    // Back home, after a restart: home's results show before any check finishes.
    network.fingerprint = { id: 'net-home', label: 'home' };
    const second = await makeHarness({ configFile: config, dir, clock, network });
    await second.controller.start();
    const shown = second.controller.state();
    assert.equal(shown.check.running, true);
    assert.ok(['ok', 'screened'].includes(status(shown.hosts, 'alpha') ?? ''), 'home is remembered as fine');
    assert.equal(status(shown.hosts, 'reset'), 'needs-ipqos-0');
    assert.ok(shown.lastCheck, 'the last check on this network is remembered');
    await second.dispose();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('stop() during a check aborts it and leaves no ssh running', { skip }, async () => {
  const harness = await makeHarness({ configFile: slow });
  await harness.controller.start();
  // A first check logs in everywhere: wait until the user's ssh runs.
  await waitForLongSsh(lab as Lab);
  const started = performance.now();
  await harness.controller.stop();
  assert.ok(performance.now() - started < 1000, 'stops within a second');
  assert.deepEqual(labSshProcesses(lab as Lab), [], 'no ssh of this lab left');
  assert.equal(harness.clock.pending(), 0, 'no timer left');
  await harness.dispose();
});

test('the core in a worker thread: the same verdicts, and stop() still leaves no ssh', { skip }, async () => {
  const labNow = lab as Lab;
  const harness = await makeHarness({ configFile: config });
  Object.assign(harness.deps, { core: { ...harness.deps.core, runner: 'worker' } });
  const { AppController } = await import('../../main/app/app-controller.ts');
  const controller = new AppController(harness.deps);
  try {
    await controller.start();
    await controller.whenIdle();
    const state = controller.state();
    assert.equal(status(state.hosts, 'reset'), 'needs-ipqos-0');
    assert.equal(status(state.hosts, 'alpha'), 'ok');
    assert.equal(state.check.done, 0);
    assert.equal(state.problem, null);

    const second = new AppController({
      ...harness.deps,
      settings: {
        read: () => ({ ...harness.deps.settings.read(), configFile: slow }),
        write: () => undefined,
      },
      store: { read: () => null, write: () => undefined },
    });
    await second.start();
    await waitForLongSsh(labNow, 300, 30_000);
    const started = performance.now();
    await second.stop();
    assert.ok(performance.now() - started < 1000, 'stops within a second');
    assert.deepEqual(labSshProcesses(labNow), [], 'no ssh of this lab left');
  } finally {
    await controller.stop();
    await harness.dispose();
  }
});

test(
  'no false green: a session with the user’s ssh on the first check, screens after, a session again a day later',
  { skip },
  async () => {
    const harness = await makeHarness({ configFile: healthyOnly });
    const modes: (string | null)[] = [];
    harness.controller.onState((state) => {
      if (state.check.running && state.check.total > 0 && modes.at(-1) !== state.check.mode)
        modes.push(state.check.mode);
      if (!state.check.running && modes.at(-1) !== 'idle') modes.push('idle');
    });
    try {
      await harness.controller.start();
      await harness.controller.whenIdle();
      const first = harness.controller.state().hosts[0];
      assert.equal(first?.status, 'ok');
      assert.ok(first?.lastSessionAt, 'ok rests on a session');
      harness.controller.trigger('manual');
      await harness.controller.whenIdle();
      harness.clock.advance(24 * 3_600_000 + 1); // fires the interval once; its check finds the session due
      await harness.controller.whenIdle();
      assert.deepEqual(
        modes.filter((mode) => mode !== 'idle'),
        ['session', 'screen', 'session'],
      );
      const later = harness.controller.state().hosts[0];
      assert.equal(later?.status, 'ok');
      assert.ok(Date.parse(later?.lastSessionAt ?? '') > Date.parse(first?.lastSessionAt ?? ''));
    } finally {
      await harness.dispose();
    }
  },
);

test('on battery the interval stretches', { skip }, async () => {
  const power = { onWake: () => () => undefined, onBattery: () => true };
  const harness = await makeHarness({ configFile: healthyOnly, power });
  try {
    await harness.controller.start();
    await harness.controller.whenIdle();
    const runs = harness.runs();
    harness.clock.advance(15 * 60_000);
    await harness.controller.whenIdle();
    assert.equal(harness.runs(), runs, 'not after 15 minutes');
    harness.clock.advance(15 * 60_000);
    await harness.controller.whenIdle();
    assert.equal(harness.runs(), runs + 1, 'after 30');
  } finally {
    await harness.dispose();
  }
});
