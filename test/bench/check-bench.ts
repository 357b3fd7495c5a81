/**
 * `npm run bench`: ipqos-doctor check against the loop a user would script,
 * on a lab of 30 aliases over healthy, reset and drop paths. Prints figures
 * and ratios; the targets are under 3 s, at least 20x faster, every verdict right.
 */
import { spawn } from 'node:child_process';
import type { CheckReport } from '../../main/core/verdicts/host-report.ts';
import { runCli } from '../cli/run-cli.ts';
import { labSupport, startLab, type LabHost } from '../lab/lab.ts';

const ALIASES = Number(process.env.BENCH_ALIASES ?? 30);
const ADDRESSES = 10;
const KINDS = ['healthy', 'reset', 'drop'] as const;
const EXPECTED = { healthy: 'ok', reset: 'needs-ipqos-0', drop: 'needs-ipqos-0' } as const;

const support = labSupport();
if (!support.ok) {
  console.error(`bench: the lab cannot run here: ${support.reason}`);
  process.exit(2);
}

/** What a user scripts: one `timeout 10 ssh -o BatchMode=yes -T HOST true` after another. */
function scriptedLoop(config: string, aliases: readonly string[]): Promise<{ ms: number; failures: number }> {
  const started = performance.now();
  let failures = 0;
  const one = (alias: string): Promise<void> =>
    new Promise((resolve) => {
      const child = spawn(
        'timeout',
        ['10', 'ssh', '-F', config, '-o', 'BatchMode=yes', '-T', alias, 'true'],
        { stdio: 'ignore' },
      );
      child.on('close', (code) => {
        if (code !== 0) failures++;
        resolve();
      });
    });
  return aliases
    .reduce((chain, alias) => chain.then(() => one(alias)), Promise.resolve())
    .then(() => ({
      ms: performance.now() - started,
      failures,
    }));
}

const lab = await startLab({ addresses: ADDRESSES });
try {
  const hosts: (LabHost & { kind: (typeof KINDS)[number] })[] = Array.from(
    { length: ALIASES },
    (_, index) => {
      const kind = KINDS[index % KINDS.length] ?? 'healthy';
      return {
        alias: `${kind}-${index}`,
        address: lab.addresses[index % lab.addresses.length],
        port: lab.ports[kind],
        kind,
      };
    },
  );
  const config = await lab.writeClientConfig(hosts);

  const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const check = async (...extra: string[]): Promise<{ ms: number; report: CheckReport }> => {
    const started = performance.now();
    const run = await runCli(['check', '--json', '--config', config, ...extra], { timeoutMs: 120000 });
    const ms = performance.now() - started;
    if (run.code !== 0 && run.code !== 1)
      throw new Error(`ipqos-doctor check failed (${run.code}): ${run.stderr}`);
    return { ms, report: JSON.parse(run.stdout) as CheckReport };
  };
  const wrongIn = (report: CheckReport) =>
    hosts.filter((host) => report.hosts.find((r) => r.alias === host.alias)?.verdict !== EXPECTED[host.kind]);
  // The check is cheap: run it three times and take the median, so one noisy run does not decide.
  const runs = [await check(), await check(), await check()].sort((a, b) => a.ms - b.ms);
  const { ms: checkMs, report } = runs[1] ?? (await check());
  const spread = `${seconds(runs[0]?.ms ?? checkMs)}–${seconds(runs[2]?.ms ?? checkMs)}`;
  const wrong = runs.flatMap((run) => wrongIn(run.report));
  const deep = await check('--thorough');

  const loop = await scriptedLoop(
    config,
    hosts.map((host) => host.alias),
  );
  const ratio = loop.ms / checkMs;
  console.log(
    `lab: ${ALIASES} aliases (${KINDS.map((k) => `${hosts.filter((h) => h.kind === k).length} ${k}`).join(', ')}) on ${ADDRESSES} addresses`,
  );
  console.log(
    `ipqos-doctor check          ${seconds(checkMs).padStart(9)}   verdicts right: ${3 * ALIASES - wrong.length}/${3 * ALIASES}   (median of 3, ${spread}; target < 3 s)`,
  );
  console.log(
    `ipqos-doctor check --thorough ${seconds(deep.ms).padStart(7)}   verdicts right: ${ALIASES - wrongIn(deep.report).length}/${ALIASES}   (your ssh 4 ways on every host)`,
  );
  console.log(
    `timeout 10 ssh -T loop      ${seconds(loop.ms).padStart(9)}   failed: ${loop.failures}/${ALIASES}, and it cannot tell why`,
  );
  console.log(`ratio loop / check          ${ratio.toFixed(1).padStart(7)}x   (target >= 20x)`);
  console.log(
    `per host: ${(checkMs / ALIASES).toFixed(0)} ms for a verdict with evidence vs ${(loop.ms / ALIASES).toFixed(0)} ms for an exit code`,
  );
  for (const host of wrong)
    console.log(
      `WRONG: ${host.alias} (${host.kind}) got ${report.hosts.find((r) => r.alias === host.alias)?.verdict}`,
    );
  process.exitCode = wrong.length > 0 || wrongIn(deep.report).length > 0 ? 1 : 0;
} finally {
  await lab.stop();
}
