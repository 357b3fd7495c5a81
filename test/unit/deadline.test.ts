import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Deadline } from '../../main/core/process/deadline.ts';

test('a deadline counts from start(), not from when it was made (queue time is free)', async () => {
  const deadline = new Deadline(40);
  await sleep(80);
  assert.equal(deadline.expired, false);
  deadline.start();
  await sleep(20);
  assert.equal(deadline.expired, false);
  await sleep(40);
  assert.equal(deadline.expired, true);
});

test('tighten moves the deadline closer, never further', async () => {
  const deadline = new Deadline(10_000);
  deadline.start();
  deadline.tighten(30);
  deadline.tighten(5_000);
  await sleep(60);
  assert.equal(deadline.expired, true);
});

test('a deadline tightened before it starts keeps the tighter limit', async () => {
  const deadline = new Deadline(10_000);
  deadline.tighten(20);
  deadline.start();
  await sleep(50);
  assert.equal(deadline.expired, true);
  deadline.dispose();
});
