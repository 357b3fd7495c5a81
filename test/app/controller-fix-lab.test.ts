/**
 * The fix and undo flow through `handle`, on the lab with the real core: only
 * hosts of the current diagnosis, only the plan whose hash was shown; the
 * right request writes, proves and re-checks; undo gives back the exact bytes.
 * The config is a temp file named in Settings.configFile, never ~/.ssh.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import * as v from 'valibot';
import { RECHECK_DELAY_MS } from '../../main/app/alert-policy.ts';
import { IpcFailure } from '../../main/app/ipc-failure.ts';
import { menuModel } from '../../main/app/tray-model.ts';
import { EditOutcomeSchema, EditPreviewSchema } from '../../main/shared/ipc-contract.ts';
import { skipLab as skip, startCheckLab } from '../lab/check-fixture.ts';
import type { Lab } from '../lab/lab.ts';
import { breakPath, makeHarness } from './app-test-kit.ts';

let lab: Lab | undefined;

before(async () => {
  lab = await startCheckLab();
});
after(async () => {
  await lab?.stop();
});

async function refusal(promise: Promise<unknown>): Promise<IpcFailure> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof IpcFailure, `expected an IpcFailure, got ${String(error)}`);
    return error;
  }
  assert.fail('the request was not refused');
}

test(
  'fix: refused for a host outside the diagnosis or a wrong hash; applied, proven and re-checked with the right one; undo restores the bytes',
  { skip },
  async () => {
    const labNow = lab as Lab;
    const config = await labNow.writeClientConfig([
      { alias: 'web', port: labNow.ports.healthy },
      { alias: 'db', port: labNow.ports.healthy, extra: ['ProxyCommand nc %h %p'] },
      { alias: 'behind', port: labNow.ports.healthy, extra: ['ProxyJump web'] },
    ]);
    const original = await readFile(config);
    const harness = await makeHarness({ configFile: config });
    const { controller } = harness;
    const heal = await breakPath(labNow, labNow.ports.healthy);
    try {
      await controller.start();
      await controller.whenIdle();
      const web = controller.state().hosts.find((host) => host.alias === 'web');
      assert.equal(web?.status, 'needs-ipqos-0');
      assert.equal(web?.fixAlias, 'web');

      const { markdown } = await controller.handle('report:markdown', { alias: 'web' });
      assert.match(markdown, /^## IPQoS Doctor: web — Needs IPQoS 0 \(`needs-ipqos-0`\)/);
      assert.match(markdown, /ssh: OpenSSH_\d/);
      assert.match(markdown, /Network: home \(fingerprint net-home\)/);
      assert.match(markdown, /Fix: `IPQoS 0` for `web`/);
      assert.match(
        markdown,
        /```\n[^]*IPQoS=0: worked[^]*\n```/,
        'the evidence, including the IPQoS 0 run that worked',
      );

      const notInDiagnosis = await refusal(controller.handle('fix:plan', { hosts: ['db'] }));
      assert.equal(notInDiagnosis.error.code, 'not-allowed');
      assert.match(notInDiagnosis.error.message.text, /db/);

      const preview = await controller.handle('fix:plan', { hosts: ['web'] });
      assert.equal(v.safeParse(EditPreviewSchema, preview).success, true);
      assert.match(preview.diff, /\+\s*IPQoS 0/);
      assert.equal(preview.nothingToDo, false);
      assert.deepEqual(await readFile(config), original, 'planning writes nothing');

      const wrongHash = await refusal(
        controller.handle('fix:apply', { hosts: ['web'], planHash: 'f'.repeat(64) }),
      );
      assert.equal(wrongHash.error.code, 'stale-plan');
      const wrongHost = await refusal(
        controller.handle('fix:apply', { hosts: ['db'], planHash: preview.planHash }),
      );
      assert.equal(wrongHost.error.code, 'not-allowed');
      assert.deepEqual(await readFile(config), original, 'a refused request writes nothing');

      const outcome = await controller.handle('fix:apply', { hosts: ['web'], planHash: preview.planHash });
      assert.equal(v.safeParse(EditOutcomeSchema, outcome).success, true);
      assert.equal(outcome.status, 'verified', outcome.message.text);
      assert.deepEqual(outcome.proof, [{ alias: 'web', ipqos: 'cs0 cs0' }]);
      assert.match(await readFile(config, 'utf8'), /Host web\n\s*IPQoS 0/);
      assert.ok(
        outcome.backupPath?.startsWith(harness.dir),
        `backup in the tool's folder, not beside the config: ${outcome.backupPath}`,
      );
      assert.equal(harness.notifier.shown.at(-1)?.kind, 'fix-verified');

      const replay = await refusal(
        controller.handle('fix:apply', { hosts: ['web'], planHash: preview.planHash }),
      );
      assert.ok(['stale-plan', 'not-allowed'].includes(replay.error.code), 'a plan applies once');

      await controller.whenIdle(); // the re-check of web the fix queued
      const fixed = controller.state().hosts.find((host) => host.alias === 'web');
      assert.ok(
        fixed && ['ok', 'screened'].includes(fixed.status),
        `web works with IPQoS 0: ${fixed?.status}`,
      );
      assert.equal(fixed?.fixedByTool, true);
      harness.clock.advance(RECHECK_DELAY_MS);
      await controller.whenIdle();
      assert.ok(
        !harness.notifier.shown.some((alert) => alert.kind === 'recovered'),
        'a fixed host is not news',
      );
      const undoItem = menuModel(controller.state(), controller.lastFixHosts()).find(
        (item) => item.kind === 'action' && item.id === 'undo-last-fix',
      );
      assert.deepEqual(undoItem?.kind === 'action' && undoItem.hosts, ['web']);

      const notOurs = await refusal(controller.handle('undo:plan', { hosts: ['db'] }));
      assert.equal(notOurs.error.code, 'not-allowed');
      const undo = await controller.handle('undo:plan', { hosts: ['web'] });
      assert.match(undo.diff, /-\s*IPQoS 0/);
      const undone = await controller.handle('undo:apply', { hosts: ['web'], planHash: undo.planHash });
      assert.equal(undone.status, 'verified', undone.message.text);
      assert.deepEqual(await readFile(config), original, 'undo gives back the exact bytes');
      await controller.whenIdle();
      assert.equal(controller.state().hosts.find((host) => host.alias === 'web')?.fixedByTool, false);
      // A host behind the hop was fine while the fix held: the undo re-checks it too.
      const behind = controller.state().hosts.find((host) => host.alias === 'behind');
      assert.equal(behind?.status, 'needs-ipqos-0', 'the host behind web breaks again after the undo');
      assert.equal(behind?.fixAlias, 'web');
    } finally {
      await heal();
      await harness.dispose();
    }
  },
);

test('a plan goes stale when the config changes after it was shown', { skip }, async () => {
  const labNow = lab as Lab;
  const config = await labNow.writeClientConfig([{ alias: 'web', port: labNow.ports.healthy }]);
  const harness = await makeHarness({ configFile: config });
  const heal = await breakPath(labNow, labNow.ports.healthy);
  try {
    await harness.controller.start();
    await harness.controller.whenIdle();
    const preview = await harness.controller.handle('fix:plan', { hosts: ['web'] });
    const { appendFile } = await import('node:fs/promises');
    await appendFile(config, '# edited by hand\n');
    const stale = await refusal(
      harness.controller.handle('fix:apply', { hosts: ['web'], planHash: preview.planHash }),
    );
    assert.equal(stale.error.code, 'stale-plan', stale.error.message.text);
    assert.doesNotMatch(await readFile(config, 'utf8'), /IPQoS 0/);
  } finally {
    await heal();
    await harness.dispose();
  }
});
