import assert from 'node:assert/strict';
import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { applyPlan } from '../../main/core/config-edit/apply-plan.ts';
import { planFix } from '../../main/core/config-edit/edit-plan.ts';
import { lockPathFor } from '../../main/core/config-edit/file-lock.ts';
import { toolStateDir } from '../../main/core/config-edit/tool-state-dir.ts';
import { UserError } from '../../main/core/errors.ts';
import {
  aliasesOf,
  assertInvariant,
  runCliIn,
  snapshot,
  ssh,
  stateDirOf,
  withSandbox,
  writeConfig,
} from './helpers.ts';

const CONFIG = 'Host *\n    IPQoS af21\n    User team\nHost a\n    Port 2201\nHost b\n    Port 2202\n';

/** No temporary file or lock may be left behind, beside the config or in the tool's folder, whatever happened. */
async function assertNoLeftovers(dir: string): Promise<void> {
  const left = (await readdir(dir)).filter((name) => /\.(tmp|lock)$|\.lock\./.test(name));
  assert.deepEqual(left, []);
  for (const state of [toolStateDir(path.join(dir, 'home')), stateDirOf(dir)]) {
    for (const sub of ['tmp', 'locks']) {
      assert.deepEqual(await readdir(path.join(state, sub)).catch(() => []), [], `${state}/${sub}`);
    }
  }
}

test('a config modified between plan and apply is refused and left as the user wrote it', async () => {
  await withSandbox(async ({ dir, home }) => {
    const configFile = path.join(dir, 'config');
    await writeConfig(configFile, CONFIG);
    const plan = await planFix({ configFile, hosts: ['a'], ssh: await ssh(), home });
    await appendFile(configFile, 'Host c\n    Port 2203\n');
    await assert.rejects(applyPlan(plan), (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.match(error.message, /changed since the change was planned; nothing was written/);
      assert.match(error.hint ?? '', /Run the command again/);
      return true;
    });
    assert.equal(await readFile(configFile, 'utf8'), `${CONFIG}Host c\n    Port 2203\n`);
    await assertNoLeftovers(dir);
  });
});

test('an Included file modified between plan and apply is refused too', async () => {
  await withSandbox(async ({ dir, home }) => {
    const configFile = path.join(dir, 'config');
    const included = path.join(dir, 'extra.conf');
    await writeFile(included, 'Host x\n    Port 1\n');
    await writeConfig(configFile, `Include ${included}\n${CONFIG}`);
    const plan = await planFix({ configFile, hosts: ['a'], ssh: await ssh(), home });
    await writeFile(included, 'Host x\n    Port 2\n');
    await assert.rejects(applyPlan(plan), /extra\.conf \(included by .*\) changed since/);
    assert.equal(await readFile(configFile, 'utf8'), `Include ${included}\n${CONFIG}`);
  });
});

test('two applies at once: one wins, the other is refused, the file is valid', async () => {
  await withSandbox(async ({ dir, home }) => {
    const configFile = path.join(dir, 'config');
    await writeConfig(configFile, CONFIG);
    const aliases = await aliasesOf(configFile, home, ['a', 'b']);
    const before = await snapshot(configFile, aliases);
    const client = await ssh();
    const plans = await Promise.all(
      ['a', 'b'].map((host) => planFix({ configFile, hosts: [host], ssh: client, home })),
    );
    const outcomes = await Promise.allSettled(plans.map((plan) => applyPlan(plan)));
    const applied = outcomes.flatMap((o, i) =>
      o.status === 'fulfilled' && o.value.status === 'applied' ? [i] : [],
    );
    const refused = outcomes.filter((o) => o.status === 'rejected');
    assert.equal(applied.length, 1, JSON.stringify(outcomes));
    assert.equal(refused.length, 1);
    const reason = (refused[0] as PromiseRejectedResult).reason as unknown;
    assert.ok(reason instanceof UserError);
    assert.match(reason.message, /Another ipqos-doctor .* is changing|changed since the change was planned/);
    const winner = applied[0] === 0 ? 'a' : 'b';
    assertInvariant(before, await snapshot(configFile, aliases), [winner]);
    await assertNoLeftovers(dir);
  });
});

test('two ipqos-doctor processes at once leave a valid file', async () => {
  await withSandbox(async ({ dir }) => {
    const configFile = path.join(dir, 'config');
    await writeConfig(configFile, CONFIG);
    const aliases = await aliasesOf(configFile, dir, ['a', 'b']);
    const before = await snapshot(configFile, aliases);
    const runs = await Promise.all(
      ['a', 'b'].map((host) =>
        runCliIn(dir, ['fix', host, '--config', configFile, '--yes'], { timeoutMs: 60000 }),
      ),
    );
    for (const run of runs) assert.ok(run.code === 0 || run.code === 2, `${run.code}: ${run.stderr}`);
    const winners = ['a', 'b'].filter((_, i) => runs[i]?.code === 0);
    assert.ok(winners.length >= 1, runs.map((run) => run.stderr).join('\n'));
    for (const [i, run] of runs.entries()) {
      if (run.code === 2) assert.match(run.stderr, /Another ipqos-doctor|changed since/, `run ${i}`);
    }
    assertInvariant(before, await snapshot(configFile, aliases), winners);
    await assertNoLeftovers(dir);
  });
});

test('a lock left by a process that is gone is taken over; a live one is respected', async () => {
  await withSandbox(async ({ dir, home }) => {
    const configFile = path.join(dir, 'config');
    await writeConfig(configFile, CONFIG);
    const lock = lockPathFor(toolStateDir(home), configFile);
    await mkdir(path.dirname(lock), { recursive: true });
    const plan = await planFix({ configFile, hosts: ['a'], ssh: await ssh(), home });
    await writeFile(lock, `${process.pid}\n`);
    await assert.rejects(applyPlan(plan), /Another ipqos-doctor \(pid \d+\) is changing/);
    assert.equal(await readFile(configFile, 'utf8'), CONFIG);
    await writeFile(lock, '2147483646\n'); // no such process
    assert.equal((await applyPlan(plan)).status, 'applied');
    await assertNoLeftovers(dir);
  });
});
