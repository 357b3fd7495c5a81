import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { applyPlan } from '../../main/core/config-edit/apply-plan.ts';
import { planFix } from '../../main/core/config-edit/edit-plan.ts';
import { locateSsh } from '../../main/core/ssh/ssh-client.ts';
import { largeConfig } from './large-config.ts';
import { assertInvariant, snapshot, ssh, withSandbox, writeConfig } from './helpers.ts';

/**
 * A config of a few hundred hosts (IPQOS_LARGE_HOSTS changes the count; the
 * 10,000-host run is `npm run bench:fix`). Every alias is proven, and the fix
 * costs two ssh -G passes over the aliases (the plan's and the proof on the
 * copy) plus one run per target after writing: counted by an ssh wrapper.
 */
const HOSTS = Number(process.env.IPQOS_LARGE_HOSTS ?? 300);

test(
  `fix in a ${HOSTS}-host config proves every alias in two ssh -G passes`,
  { timeout: 30 * 60 * 1000 },
  async () => {
    await withSandbox(async ({ dir, home }) => {
      const configFile = path.join(dir, 'config');
      const { text, aliases, targets } = largeConfig(HOSTS);
      await writeConfig(configFile, text);
      const log = path.join(dir, 'ssh-G-runs');
      const counting = path.join(dir, 'ssh-counting');
      await writeFile(log, '');
      await writeFile(
        counting,
        `#!/bin/sh\n[ "$1" = "-G" ] && echo "$*" >> ${log}\nexec ${(await ssh()).bin} "$@"\n`,
        { mode: 0o755 },
      );
      const client = await locateSsh(counting);
      const sample = [...targets, ...aliases.filter((_, i) => i % 7 === 0)];
      const before = await snapshot(configFile, sample);

      const plan = await planFix({ configFile, hosts: targets, ssh: client, home });
      assert.equal(plan.expectations.length, HOSTS, 'every alias is measured');
      const result = await applyPlan(plan);
      assert.equal(result.status, 'applied', result.problems.join('\n'));
      assert.equal(result.verifiedAliases, HOSTS, 'every alias is proven on the copy');
      assert.deepEqual(result.rechecked, targets);
      assert.deepEqual(
        result.recheckedIpqos,
        targets.map((alias) => ({ alias, ipqos: 'cs0 cs0' })),
        'the targets read back as IPQoS 0 on the written file: the proof the app shows',
      );
      const runs = (await readFile(log, 'utf8')).trim().split('\n');
      assert.equal(runs.length, 2 * HOSTS + targets.length, 'two passes over the aliases, then the targets');
      assertInvariant(before, await snapshot(configFile, sample), targets);
    });
  },
);
