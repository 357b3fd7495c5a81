/**
 * `npm run bench:fix`: fix on a generated config of 10,000 hosts
 * (IPQOS_BENCH_HOSTS changes it), timed side by side in one run against one
 * plain `ssh -G` pass over every alias at the same concurrency, which is the
 * floor for a change proven alias by alias. Target: plan ≈ 1 pass, apply ≈ 1
 * pass (the proof on the copy; the written file is compared byte for byte
 * and only the targets are run again). Everything lives in a temp folder.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mapBounded } from '../../main/core/concurrency.ts';
import { applyPlan } from '../../main/core/config-edit/apply-plan.ts';
import { planFix } from '../../main/core/config-edit/edit-plan.ts';
import { locateSsh, sshG } from '../../main/core/ssh/ssh-client.ts';
import { largeConfig } from '../config-edit/large-config.ts';

const HOSTS = Number(process.env.IPQOS_BENCH_HOSTS ?? 10000);
const CONCURRENCY = 8; // the core's default for ssh -G

const dir = await mkdtemp(path.join(os.tmpdir(), 'ipqos-fix-bench-'));
try {
  const home = path.join(dir, 'home');
  const configFile = path.join(dir, 'config');
  const { text, aliases, targets } = largeConfig(HOSTS);
  await writeFile(configFile, text, { mode: 0o600 });
  const client = await locateSsh();
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`.padStart(9);

  // Warm the page cache and ssh's libraries so the first timed phase is not the one that pays for it.
  await mapBounded(aliases.slice(0, 100), CONCURRENCY, (alias) => sshG(client, { host: alias, configFile }));
  let started = performance.now();
  await mapBounded(aliases, CONCURRENCY, (alias) => sshG(client, { host: alias, configFile }));
  const passMs = performance.now() - started;

  started = performance.now();
  const plan = await planFix({ configFile, hosts: targets, ssh: client, home, concurrency: CONCURRENCY });
  const planMs = performance.now() - started;

  started = performance.now();
  const result = await applyPlan(plan, { concurrency: CONCURRENCY });
  const applyMs = performance.now() - started;
  if (result.status !== 'applied') throw new Error(`fix was ${result.status}: ${result.problems.join('; ')}`);

  const ratio = (ms: number): string => `${(ms / passMs).toFixed(2)}x a pass`;
  console.log(
    [
      `fix of ${targets.length} hosts in a ${HOSTS}-alias config (${text.split('\n').length} lines), ` +
        `${client.version.raw.split(' ')[0]}, ${CONCURRENCY} ssh -G at a time, ${os.availableParallelism()} cores`,
      `  one plain ssh -G pass over every alias ${seconds(passMs)}`,
      `  plan (ssh -G of every alias)          ${seconds(planMs)}   ${ratio(planMs)}`,
      `  apply                                 ${seconds(applyMs)}   ${ratio(applyMs)}`,
      `    proof on the copy (every alias)     ${seconds(result.proofMs)}`,
      `    read back + ${result.rechecked.length} targets re-run       ${seconds(result.verifyMs)}`,
      `  every alias proven: ${result.verifiedAliases === HOSTS ? 'yes' : `no (${result.verifiedAliases})`}`,
    ].join('\n'),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
