import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { applyPlan } from '../../main/core/config-edit/apply-plan.ts';
import { planFix } from '../../main/core/config-edit/edit-plan.ts';
import { assertInvariant, withSandbox, snapshot, ssh, writeConfig } from './helpers.ts';

/**
 * A 10,000-host config (IPQOS_LARGE_HOSTS changes the count). The tool proves
 * the invariant on all of them, three times (before, on the temporary copy,
 * on the written file): 30,000 ssh -G runs, 8 at a time, each parsing a
 * 50,000-line file. This test checks full outputs independently on a sample
 * and the targets, and prints how long each phase took.
 */
const HOSTS = Number(process.env.IPQOS_LARGE_HOSTS ?? 10000);

test(
  `fix in a ${HOSTS}-host config keeps the invariant for every alias`,
  { timeout: 60 * 60 * 1000 },
  async (t) => {
    await withSandbox(async ({ dir, home }) => {
      const configFile = path.join(dir, 'config');
      const lines = ['# generated', 'ServerAliveInterval 30', ''];
      for (let i = 0; i < HOSTS; i++) {
        const name = `h${String(i).padStart(5, '0')}`;
        lines.push(
          `Host ${name}`,
          `    HostName 10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`,
          `    User u${i % 7}`,
        );
        lines.push(`    Port ${2000 + (i % 50)}`, '');
      }
      lines.push('Host *', '    IPQoS af21 cs1', '    Compression yes', '');
      await writeConfig(configFile, lines.join('\n'));
      const targets = ['h00042', `h${String(HOSTS - 1).padStart(5, '0')}`];
      const sample = [
        ...targets,
        ...Array.from({ length: 200 }, (_, k) => `h${String((k * 7919) % HOSTS).padStart(5, '0')}`),
      ];
      const before = await snapshot(configFile, [...new Set(sample)]);

      let started = performance.now();
      const plan = await planFix({ configFile, hosts: targets, ssh: await ssh(), home });
      const planMs = performance.now() - started;
      assert.equal(plan.expectations.length, HOSTS);
      started = performance.now();
      const result = await applyPlan(plan);
      const applyMs = performance.now() - started;
      assert.equal(result.status, 'applied', result.problems.join('\n'));
      assert.equal(result.verifiedAliases, HOSTS);
      assertInvariant(before, await snapshot(configFile, [...before.keys()]), targets);

      const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
      t.diagnostic(
        `${HOSTS} aliases: plan ${seconds(planMs)} (ssh -G before), apply ${seconds(applyMs)} ` +
          `(proof on the temporary copy ${seconds(result.proofMs)}, verification of the written file ${seconds(result.verifyMs)})`,
      );
    });
  },
);
