import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { checkHosts, type CheckEvent } from '../../main/core/diagnosis/check-hosts.ts';
import { labFixture, skipLab as skip } from './check-fixture.ts';

/** The ssh processes still running with this test's config: none may outlive a check. */
function sshLeftRunning(): string {
  try {
    return execFileSync('pgrep', ['-a', '-f', fixture.config], { encoding: 'utf8' });
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
}

const fixture = labFixture(({ ports }) => [
  { alias: 'one', port: ports.healthy },
  { alias: 'two', port: ports.reset },
  { alias: 'three', port: ports.drop },
]);

test('progress events: the inventory, then each host starts and finishes once', { skip }, async () => {
  const events: CheckEvent[] = [];
  const report = await checkHosts({ configFile: fixture.config, onEvent: (event) => events.push(event) });
  assert.deepEqual(events[0], { type: 'inventory', aliases: ['one', 'two', 'three'] });
  for (const alias of ['one', 'two', 'three']) {
    const started = events.findIndex((event) => event.type === 'host-started' && event.alias === alias);
    const finished = events.findIndex(
      (event) => event.type === 'host-finished' && event.report.alias === alias,
    );
    assert.ok(started > 0 && finished > started, `${alias} starts before it finishes`);
    assert.ok(events.some((event) => event.type === 'host-step' && event.alias === alias));
  }
  // Results are plain data: they survive the trip through JSON (IPC to the renderer) unchanged.
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
  assert.deepEqual(report.needsIpqos0, ['two', 'three']);
});

test('an abort rejects at once and kills every ssh the check started', { skip }, async () => {
  const controller = new AbortController();
  const startedAt = performance.now();
  const check = checkHosts({
    configFile: fixture.config,
    mode: 'thorough',
    signal: controller.signal,
    onEvent: (event) => {
      // Abort while the user's ssh runs: the drop host's run would hang for seconds.
      if (event.type === 'host-step' && event.step === 'your ssh') setTimeout(() => controller.abort(), 50);
    },
  });
  await assert.rejects(check, { name: 'AbortError' });
  assert.ok(performance.now() - startedAt < 3000, 'the abort does not wait for deadlines');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(sshLeftRunning(), '');
});
