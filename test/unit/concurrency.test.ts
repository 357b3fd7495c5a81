import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectionLimiter, Semaphore, mapBounded, sharedByKey } from '../../main/core/concurrency.ts';

test('mapBounded never runs more than the limit and keeps input order', async () => {
  let inFlight = 0;
  let peak = 0;
  const results = await mapBounded([5, 1, 4, 2, 3, 0, 6], 3, async (value) => {
    peak = Math.max(peak, ++inFlight);
    await sleep(value * 2);
    inFlight--;
    return value * 10;
  });
  assert.deepEqual(results, [50, 10, 40, 20, 30, 0, 60]);
  assert.equal(peak, 3);
});

test('the per-server limit holds even when the global limit is larger', async () => {
  const limiter = new ConnectionLimiter(10, 2);
  const inFlight = new Map<string, number>();
  const peaks = new Map<string, number>();
  const work = (server: string) =>
    limiter.use(server, async () => {
      const now = (inFlight.get(server) ?? 0) + 1;
      inFlight.set(server, now);
      peaks.set(server, Math.max(peaks.get(server) ?? 0, now));
      await sleep(5);
      inFlight.set(server, now - 1);
    });
  await Promise.all([
    ...Array.from({ length: 6 }, () => work('a')),
    ...Array.from({ length: 6 }, () => work('b')),
  ]);
  assert.equal(peaks.get('a'), 2);
  assert.equal(peaks.get('b'), 2);
});

test('a waiter leaves the queue when its signal aborts', async () => {
  const semaphore = new Semaphore(1);
  const release = await semaphore.acquire();
  const controller = new AbortController();
  const waiting = semaphore.acquire(controller.signal);
  controller.abort(new DOMException('stop', 'AbortError'));
  await assert.rejects(waiting, { name: 'AbortError' });
  release();
  const again = await semaphore.acquire();
  again();
});

test('sharedByKey runs the work once per key and shares the result', async () => {
  let runs = 0;
  const shared = sharedByKey<number>();
  const work = async (): Promise<number> => ++runs;
  const [a, b, c] = await Promise.all([shared('x', work), shared('x', work), shared('y', work)]);
  assert.equal(a, b);
  assert.notEqual(a, c);
  assert.equal(runs, 2);
});

test('forEndpoint counts every name of one endpoint against one limit, and endpoints apart', async () => {
  const limiter = new ConnectionLimiter(10, 2);
  const inFlight = new Map<string, number>();
  const peaks = new Map<string, number>();
  const work = (endpoint: string, name: string) =>
    limiter.forEndpoint(endpoint).use(name, async () => {
      const now = (inFlight.get(endpoint) ?? 0) + 1;
      inFlight.set(endpoint, now);
      peaks.set(endpoint, Math.max(peaks.get(endpoint) ?? 0, now));
      await sleep(5);
      inFlight.set(endpoint, now - 1);
    });
  // Two names for one server, and two port forwards on one address.
  await Promise.all([
    ...Array.from({ length: 4 }, () => work('10.0.0.1:22', 'web')),
    ...Array.from({ length: 4 }, () => work('10.0.0.1:22', 'web.example')),
    ...Array.from({ length: 4 }, () => work('127.0.0.1:2222', 'vm1')),
    ...Array.from({ length: 4 }, () => work('127.0.0.1:2200', 'vm2')),
  ]);
  assert.deepEqual(Object.fromEntries(peaks), { '10.0.0.1:22': 2, '127.0.0.1:2222': 2, '127.0.0.1:2200': 2 });
});

test('forEndpoint views share the global limit', async () => {
  const limiter = new ConnectionLimiter(3, 10);
  let inFlight = 0;
  let peak = 0;
  await Promise.all(
    Array.from({ length: 12 }, (_, index) =>
      limiter.forEndpoint(`10.0.0.${index}:22`).use('any', async () => {
        peak = Math.max(peak, ++inFlight);
        await sleep(5);
        inFlight--;
      }),
    ),
  );
  assert.equal(peak, 3);
});
