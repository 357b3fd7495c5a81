/**
 * When checks run (main/app/schedule.ts): a trigger during a run queues one
 * more, merged; never two runs at once; a timer re-armed replaces itself; the
 * re-check is armed once and not pushed back; nothing fires after stop.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Schedule, Timer, mergeRequests, type RunRequest } from '../../main/app/schedule.ts';
import { FakeClock } from './app-test-kit.ts';

test('a queued run covers every trigger that came during a run', () => {
  assert.deepEqual(mergeRequests(null, { reason: 'wake' }), { reason: 'wake' });
  assert.deepEqual(mergeRequests({ reason: 'wake' }, { reason: 'network' }), { reason: 'network' });
  assert.deepEqual(
    mergeRequests(
      { reason: 'recheck', hosts: ['a'] },
      { reason: 'after-fix', mode: 'session', hosts: ['b'] },
    ),
    { reason: 'after-fix', mode: 'session', hosts: ['a', 'b'] },
  );
  assert.deepEqual(
    mergeRequests({ reason: 'after-fix', mode: 'session', hosts: ['b'] }, { reason: 'interval' }),
    { reason: 'interval' },
    'a run of every host absorbs the few, without forcing their mode on all',
  );
  assert.deepEqual(mergeRequests({ reason: 'manual', mode: 'thorough' }, { reason: 'interval' }), {
    reason: 'interval',
    mode: 'thorough',
  });
  assert.deepEqual(
    mergeRequests({ reason: 'manual', mode: 'session' }, { reason: 'manual', mode: 'thorough' }),
    {
      reason: 'manual',
      mode: 'thorough',
    },
  );
});

/** A schedule whose runs wait until the test releases them, recording what ran. */
function gatedSchedule(clock = new FakeClock()) {
  const ran: RunRequest[] = [];
  let running = 0;
  let most = 0;
  let release: () => void = () => undefined;
  let queuedNotes = 0;
  const schedule = new Schedule(
    clock,
    async (request) => {
      ran.push(request);
      most = Math.max(most, ++running);
      await new Promise<void>((resolve) => (release = resolve));
      running--;
    },
    () => queuedNotes++,
  );
  const step = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { schedule, clock, ran, step, most: () => most, queuedNotes: () => queuedNotes };
}

test('triggers during a run: one more run, merged; never two at once', async () => {
  const { schedule, ran, step, most, queuedNotes } = gatedSchedule();
  assert.deepEqual(schedule.request({ reason: 'launch' }), { started: true, queued: false });
  assert.deepEqual(schedule.request({ reason: 'recheck', hosts: ['a'] }), { started: false, queued: true });
  assert.deepEqual(schedule.request({ reason: 'after-fix', mode: 'session', hosts: ['b'] }), {
    started: false,
    queued: true,
  });
  assert.equal(schedule.queued, true);
  assert.equal(queuedNotes(), 2, 'the state hears of each queued trigger');
  await step();
  await step();
  await schedule.whenIdle();
  assert.deepEqual(ran, [{ reason: 'launch' }, { reason: 'after-fix', mode: 'session', hosts: ['a', 'b'] }]);
  assert.equal(most(), 1);
  assert.equal(schedule.queued, false);
});

test('a timer re-armed replaces the one before; cancel and stop leave nothing to fire', () => {
  const clock = new FakeClock(0);
  const timer = new Timer(clock);
  const fired: string[] = [];
  timer.arm(1000, () => fired.push('first'));
  timer.arm(2000, () => fired.push('second'));
  assert.equal(clock.pending(), 1);
  clock.advance(1500);
  assert.equal(fired.length, 0);
  assert.equal(timer.armed, true);
  clock.advance(500);
  assert.deepEqual(fired, ['second']);
  assert.equal(timer.armed, false, 'a timer that fired is no longer armed');
  timer.arm(10, () => fired.push('cancelled'));
  timer.cancel();
  clock.advance(100);
  assert.deepEqual(fired, ['second']);

  const { schedule } = gatedSchedule(clock);
  schedule.armInterval(1000);
  schedule.settleNetwork(3000);
  schedule.armMuteEnd(5000, () => fired.push('mute over'));
  assert.equal(clock.pending(), 3);
  schedule.armMuteEnd(-1, () => fired.push('never'));
  assert.equal(clock.pending(), 2, 'a mute already over arms nothing and cancels the last');
  schedule.stop();
  assert.equal(clock.pending(), 0);
  schedule.armInterval(1000);
  assert.equal(clock.pending(), 0, 'nothing is armed once stopped');
  assert.deepEqual(schedule.request({ reason: 'manual' }), { started: false, queued: false });
});

test('the interval and a network change each start a run; the network settles first', async () => {
  const { schedule, clock, ran, step } = gatedSchedule(new FakeClock(0));
  schedule.armInterval(60_000);
  schedule.settleNetwork(3000);
  clock.advance(2000);
  schedule.settleNetwork(3000); // another change within the burst: the wait starts again
  clock.advance(2999);
  assert.deepEqual(ran, []);
  clock.advance(1);
  assert.deepEqual(ran, [{ reason: 'network' }]);
  await step();
  await schedule.whenIdle();
  clock.advance(60_000);
  assert.deepEqual(ran, [{ reason: 'network' }, { reason: 'interval' }]);
  await step();
  await schedule.whenIdle();
});

test('the re-check: armed once for what waits, not pushed back, cancelled when nothing waits', async () => {
  const { schedule, clock, ran, step } = gatedSchedule(new FakeClock(0));
  let waiting = ['a'];
  schedule.armRecheck(() => waiting, 45_000);
  clock.advance(30_000);
  schedule.armRecheck(() => waiting, 45_000); // a later run does not push it back
  waiting = ['a', 'b'];
  clock.advance(15_000);
  assert.deepEqual(ran, [{ reason: 'recheck', hosts: ['a', 'b'] }], 'the hosts waiting when it fires');
  await step();
  await schedule.whenIdle();
  schedule.armRecheck(() => waiting, 45_000);
  waiting = [];
  schedule.armRecheck(() => waiting, 45_000);
  assert.equal(clock.pending(), 0, 'nothing waits: the re-check is cancelled');
});
