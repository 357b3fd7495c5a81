/**
 * The controller on the real core against the lab's sshd and nftables: when a
 * host's state changes on this network, it alerts once after the re-check, and
 * not for a glitch, a repeat, or while muted or off. Only the scheduler's clock
 * is fake (the re-check delay passes at once); ssh and the paths are real.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { RECHECK_DELAY_MS } from '../../main/app/alert-policy.ts';
import { AppStateSchema } from '../../main/shared/ipc-contract.ts';
import * as v from 'valibot';
import { skipLab as skip, startCheckLab } from '../lab/check-fixture.ts';
import type { Lab } from '../lab/lab.ts';
import { breakPath, makeHarness, type Harness } from './app-test-kit.ts';

let lab: Lab | undefined;
let config: string;

before(async () => {
  lab = await startCheckLab();
  if (!lab) return;
  config = await lab.writeClientConfig([
    { alias: 'alpha', port: lab.ports.healthy },
    { alias: 'beta', port: lab.ports.healthy },
  ]);
});
after(async () => {
  await lab?.stop();
});

/** Runs one check now and waits for it. */
async function checkNow(harness: Harness): Promise<void> {
  harness.controller.trigger('manual');
  await harness.controller.whenIdle();
}

/** Lets the re-check delay pass on the fake clock and waits for the re-check. */
async function recheck(harness: Harness): Promise<void> {
  harness.clock.advance(RECHECK_DELAY_MS);
  await harness.controller.whenIdle();
}

const status = (harness: Harness, alias: string): string | undefined =>
  harness.controller.state().hosts.find((host) => host.alias === alias)?.status;

const GOOD = ['ok', 'screened'];

test(
  'a healthy host turns bad: one notification after the re-check; no repeat; recovery: one quiet notice',
  { skip },
  async () => {
    const labNow = lab as Lab;
    const harness = await makeHarness({ configFile: config });
    try {
      await harness.controller.start();
      await harness.controller.whenIdle();
      assert.ok(
        GOOD.includes(status(harness, 'alpha') ?? ''),
        `alpha starts fine: ${status(harness, 'alpha')}`,
      );
      assert.equal(v.safeParse(AppStateSchema, harness.controller.state()).success, true);

      const heal = await breakPath(labNow, labNow.ports.healthy);
      try {
        await checkNow(harness);
        assert.equal(status(harness, 'alpha'), 'needs-ipqos-0', 'the state shows what the check saw');
        assert.equal(harness.notifier.shown.length, 0, 'no alert before the re-check');
        await recheck(harness);
        assert.equal(harness.notifier.shown.length, 1, 'one alert once the re-check confirms');
        const [alert] = harness.notifier.shown;
        assert.equal(alert?.kind, 'needs-ipqos-0');
        assert.deepEqual(alert?.hosts, ['alpha', 'beta'], 'both hosts in one summary');
        assert.match(alert?.title.text ?? '', /2 hosts need IPQoS 0/);
        assert.equal(harness.controller.state().tray, 'needs-fix');

        await checkNow(harness);
        await recheck(harness);
        assert.equal(harness.notifier.shown.length, 1, 'still bad: no repeat');
      } finally {
        await heal();
      }
      await checkNow(harness);
      await recheck(harness);
      assert.equal(harness.notifier.shown.length, 2);
      const recovered = harness.notifier.shown[1];
      assert.equal(recovered?.kind, 'recovered');
      assert.equal(recovered?.quiet, true);
      assert.ok(GOOD.includes(status(harness, 'alpha') ?? ''));
    } finally {
      await harness.dispose();
    }
  },
);

test('a glitch that clears before the re-check alerts nobody', { skip }, async () => {
  const labNow = lab as Lab;
  const harness = await makeHarness({ configFile: config });
  try {
    await harness.controller.start();
    await harness.controller.whenIdle();
    const heal = await breakPath(labNow, labNow.ports.healthy);
    try {
      await checkNow(harness);
      assert.equal(status(harness, 'alpha'), 'needs-ipqos-0');
    } finally {
      await heal();
    }
    await recheck(harness);
    assert.ok(GOOD.includes(status(harness, 'alpha') ?? ''));
    assert.equal(harness.notifier.shown.length, 0);
    assert.equal(harness.clock.pending(), 1, 'only the interval timer is left');
  } finally {
    await harness.dispose();
  }
});

for (const how of ['muted', 'off'] as const) {
  test(`notifications ${how}: a confirmed change is not shown`, { skip }, async () => {
    const labNow = lab as Lab;
    const harness = await makeHarness({ configFile: config });
    try {
      await harness.controller.start();
      await harness.controller.whenIdle();
      if (how === 'muted') {
        const settings = await harness.controller.handle('notifications:mute', { hours: 4 });
        assert.ok(settings.muteUntil);
        assert.equal(harness.controller.state().notifications.status, 'muted');
      } else {
        await harness.controller.handle('settings:set', { notifications: false });
        assert.equal(harness.controller.state().notifications.status, 'off');
      }
      const heal = await breakPath(labNow, labNow.ports.healthy);
      try {
        await checkNow(harness);
        await recheck(harness);
        assert.equal(status(harness, 'alpha'), 'needs-ipqos-0');
        assert.equal(harness.controller.state().tray, 'needs-fix', 'the tray still tells');
      } finally {
        await heal();
      }
      assert.equal(harness.notifier.shown.length, 0);
      assert.ok(harness.log.lines.some((line) => line.includes('notification not shown')));
    } finally {
      await harness.dispose();
    }
  });
}

test(
  'a server that breaks sessions with its own marking: server-side after the re-check, no Fix, one alert',
  { skip },
  async () => {
    const labNow = lab as Lab;
    const marks = await labNow.writeClientConfig([{ alias: 'marks', port: labNow.ports.serverMarks }]);
    const harness = await makeHarness({ configFile: marks });
    try {
      await harness.controller.start();
      await harness.controller.whenIdle();
      const host = harness.controller.state().hosts[0];
      assert.equal(host?.status, 'server-side');
      assert.equal(host?.fixAlias, null, 'no Fix for a server-side break');
      assert.equal(harness.controller.state().tray, 'problem');
      await recheck(harness);
      assert.deepEqual(
        harness.notifier.shown.map((alert) => [alert.kind, alert.hosts]),
        [['server-side', ['marks']]],
      );
      await assert.rejects(harness.controller.handle('fix:plan', { hosts: ['marks'] }), /not a host/);
    } finally {
      await harness.dispose();
    }
  },
);
