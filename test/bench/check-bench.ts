/**
 * `npm run bench`: ipqos-doctor check against the loop a user would script,
 * on two labs of 30 aliases over healthy, reset and drop paths, measured side
 * by side in one run: the shared lab (30 aliases on 10 addresses of one
 * server) and the per-endpoint lab (every alias its own address, as users'
 * hosts are). Prints wall time, every verdict, the ratio, and CPU per host on
 * both ends: the client (the CLI and every ssh it ran, from this process's
 * reaped-children times) and the server (sshd's, from the lab listener's
 * reaped-children times). Targets: the default check (screen and one session
 * per host) at least 40x faster than the loop on both labs, every verdict right.
 * `BENCH_DELAY_MS=N` adds a netem delay of N ms each way (where the kernel has
 * sch_netem), to model a real round trip; without it the round trip is a veth's.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { CheckReport } from '../../main/core/verdicts/host-report.ts';
import { kexProbeOptions } from '../../main/core/ssh/kex-preference.ts';
import { locateSsh, sshG } from '../../main/core/ssh/ssh-client.ts';
import { toEffectiveHost } from '../../main/core/ssh/ssh-options.ts';
import { runCli } from '../cli/run-cli.ts';
import { labSupport, startLab, type LabHost } from '../lab/lab.ts';

const ALIASES = Number(process.env.BENCH_ALIASES ?? 30);
const SHARED_ADDRESSES = 10;
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 0);
const KINDS = ['healthy', 'reset', 'drop'] as const;
const EXPECTED = { healthy: 'ok', reset: 'needs-ipqos-0', drop: 'needs-ipqos-0' } as const;

const support = labSupport();
if (!support.ok) {
  console.error(`bench: the lab cannot run here: ${support.reason}`);
  process.exit(2);
}

/** CPU of a process's reaped children (utime + stime of those waited for), in ms, from /proc (USER_HZ 100). */
function childrenCpuMs(pid: number | 'self'): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[13]) + Number(fields[14]); // cutime, cstime: fields 16 and 17 of proc(5), counted from 1
  return ticks * 10;
}

interface Cpu {
  client: number;
  server: number;
}

/** Runs `work` and returns the CPU both ends spent on it; sshd reaps its session processes as they end. */
async function measured<T>(sshdPid: number, work: () => Promise<T>): Promise<T & { cpu: Cpu }> {
  const client = childrenCpuMs('self');
  const server = childrenCpuMs(sshdPid);
  const result = await work();
  await new Promise((resolve) => setTimeout(resolve, 200)); // let sshd reap the last sessions
  return {
    ...result,
    cpu: { client: childrenCpuMs('self') - client, server: childrenCpuMs(sshdPid) - server },
  };
}

/** What a user scripts: one `timeout 10 ssh -o BatchMode=yes -T HOST true` after another. */
function scriptedLoop(
  config: string,
  aliases: readonly string[],
  options: readonly string[] = [],
): Promise<{ ms: number; failures: number }> {
  const started = performance.now();
  let failures = 0;
  const one = (alias: string): Promise<void> =>
    new Promise((resolve) => {
      const child = spawn(
        'timeout',
        [
          '10',
          'ssh',
          '-F',
          config,
          '-o',
          'BatchMode=yes',
          ...options.flatMap((o) => ['-o', o]),
          '-T',
          alias,
          'true',
        ],
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

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const perHost = (cpu: Cpu): string =>
  `CPU per host: client ${(cpu.client / ALIASES).toFixed(0)} ms, sshd ${(cpu.server / ALIASES).toFixed(0)} ms`;

interface Measured {
  ms: number;
  report: CheckReport;
  cpu: Cpu;
}

/** One lab of the bench: its hosts and config, and a check run against it. */
async function prepare(label: string, addresses: number) {
  const lab = await startLab({ addresses, ...(DELAY_MS > 0 ? { delayMs: DELAY_MS } : {}) });
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
  const check = (...extra: string[]): Promise<Measured> =>
    measured(lab.sshdPid, async () => {
      const started = performance.now();
      const run = await runCli(['check', '--json', '--config', config, ...extra], { timeoutMs: 180000 });
      const ms = performance.now() - started;
      if (run.code !== 0 && run.code !== 1)
        throw new Error(`ipqos-doctor check failed (${run.code}): ${run.stderr}`);
      return { ms, report: JSON.parse(run.stdout) as CheckReport };
    });
  const wrongIn = (report: CheckReport) =>
    hosts.filter((host) => report.hosts.find((r) => r.alias === host.alias)?.verdict !== EXPECTED[host.kind]);
  const loop = () =>
    measured(lab.sshdPid, () =>
      scriptedLoop(
        config,
        hosts.map((host) => host.alias),
      ),
    );
  return { label, addresses, lab, hosts, check, wrongIn, loop };
}

/**
 * Both labs at once, their checks interleaved (shared, per-endpoint, shared, …)
 * so the machine's load of the moment weighs on both alike; then each loop.
 */
async function benchLabs(): Promise<Array<{ label: string; ratio: number; wrong: number }>> {
  const labs = await Promise.all([
    prepare('shared lab', SHARED_ADDRESSES),
    prepare('per-endpoint lab', ALIASES),
  ]);
  try {
    const runs = labs.map((): Measured[] => []);
    for (let round = 0; round < 3; round++) {
      for (const [index, each] of labs.entries()) runs[index]?.push(await each.check());
    }
    const screens: Measured[] = [];
    for (const each of labs) screens.push(await each.check('--mode', 'screen'));
    const deeps: Measured[] = [];
    for (const each of labs) deeps.push(await each.check('--thorough'));
    const loops: Array<{ ms: number; failures: number; cpu: Cpu }> = [];
    for (const each of labs) loops.push(await each.loop());
    return labs.map((each, index) => {
      const own = (runs[index] ?? []).sort((a, b) => a.ms - b.ms);
      const median = own[1] as Measured;
      const screen = screens[index] as Measured;
      const deep = deeps[index] as Measured;
      const loop = loops[index] as { ms: number; failures: number; cpu: Cpu };
      const spread = `${seconds(own[0]?.ms ?? median.ms)}–${seconds(own[2]?.ms ?? median.ms)}`;
      const wrong = own.flatMap((run) => each.wrongIn(run.report));
      const { hosts } = each;
      const endpoints = new Set(hosts.map((host) => `${host.address}:${host.port}`)).size;
      const logins = (report: CheckReport): number =>
        report.hosts.filter((host) => host.provenBy === 'openssh' || host.sessionOk).length;
      console.log(
        `${each.label}: ${ALIASES} aliases (${KINDS.map((k) => `${hosts.filter((h) => h.kind === k).length} ${k}`).join(', ')}) on ${each.addresses} addresses, ${endpoints} endpoints of one lab sshd; round trip: ${DELAY_MS > 0 ? `netem ${DELAY_MS} ms each way` : 'a veth’s (no delay added: BENCH_DELAY_MS=N adds one where the kernel has sch_netem)'}`,
      );
      console.log(
        `  ipqos-doctor check (${median.report.mode}) ${seconds(median.ms).padStart(8)}   verdicts right: ${3 * ALIASES - wrong.length}/${3 * ALIASES}   (median of 3, ${spread}; ${logins(median.report)} hosts proven by your ssh)   ${perHost(median.cpu)}`,
      );
      console.log(
        `  ipqos-doctor check --mode screen ${seconds(screen.ms).padStart(6)}   verdicts right: ${ALIASES - each.wrongIn(screen.report).length}/${ALIASES}   (raw probe only, no login)   ${perHost(screen.cpu)}`,
      );
      console.log(
        `  ipqos-doctor check --thorough ${seconds(deep.ms).padStart(9)}   verdicts right: ${ALIASES - each.wrongIn(deep.report).length}/${ALIASES}   (your ssh 4 ways on every host)   ${perHost(deep.cpu)}`,
      );
      console.log(
        `  timeout 10 ssh -T loop      ${seconds(loop.ms).padStart(11)}   failed: ${loop.failures}/${ALIASES}, and it cannot tell why   ${perHost(loop.cpu)}`,
      );
      const ratio = loop.ms / median.ms;
      console.log(
        `  ratio loop / check (${median.report.mode}) ${ratio.toFixed(1).padStart(7)}x; per host: ${(median.ms / ALIASES).toFixed(0)} ms for a verdict with evidence vs ${(loop.ms / ALIASES).toFixed(0)} ms for an exit code`,
      );
      for (const host of wrong)
        console.log(
          `  WRONG: ${host.alias} (${host.kind}) got ${median.report.hosts.find((r) => r.alias === host.alias)?.verdict}`,
        );
      const allWrong = wrong.length + each.wrongIn(screen.report).length + each.wrongIn(deep.report).length;
      return { label: each.label, ratio, wrong: allWrong };
    });
  } finally {
    await Promise.all(labs.map((each) => each.lab.stop()));
  }
}

/** One login, side by side: this ssh's own key exchange, and the cheap one a check's login prefers. */
async function loginCost(): Promise<void> {
  const lab = await startLab();
  try {
    const config = await lab.writeClientConfig([{ alias: 'healthy', port: lab.ports.healthy }]);
    const kexOptions = kexProbeOptions(
      toEffectiveHost(await sshG(await locateSsh(), { host: 'healthy', configFile: config })).kexAlgorithms,
    );
    const LOGINS = 10;
    const ownKex = await measured(lab.sshdPid, () => scriptedLoop(config, Array(LOGINS).fill('healthy')));
    const cheapKex = await measured(lab.sshdPid, () =>
      scriptedLoop(config, Array(LOGINS).fill('healthy'), kexOptions),
    );
    // What every run pays before it checks anything: Node loading the CLI (its TypeScript sources).
    const start = await measured(lab.sshdPid, async () => {
      const started = performance.now();
      await runCli(['--help']);
      return { ms: performance.now() - started };
    });
    const perLogin = (run: { cpu: Cpu; failures: number }): string =>
      `client ${(run.cpu.client / LOGINS).toFixed(0)} ms, sshd ${(run.cpu.server / LOGINS).toFixed(0)} ms CPU${run.failures > 0 ? ` (${run.failures} failed)` : ''}`;
    console.log(
      `one login, ssh's own key exchange: ${perLogin(ownKex)}; ${kexOptions.length > 0 ? `cheap first (${kexOptions[0]?.split(/[=,]/)[1]}): ${perLogin(cheapKex)}` : 'already cheap first'}   (mean of ${LOGINS})`,
    );
    console.log(
      `the CLI's own start (ipqos-doctor --help): ${seconds(start.ms)}, ${start.cpu.client} ms CPU`,
    );
  } finally {
    await lab.stop();
  }
}

const [shared, perEndpoint] = await benchLabs();
await loginCost();
const wrong = (shared?.wrong ?? 1) + (perEndpoint?.wrong ?? 1);
console.log(
  `${os.availableParallelism()} cores, load ${os.loadavg()[0]?.toFixed(2)} at the end; ratio loop / check: shared lab ${shared?.ratio.toFixed(1)}x, per-endpoint lab ${perEndpoint?.ratio.toFixed(1)}x (target >= 40x both); wrong verdicts: ${wrong}`,
);
process.exitCode = wrong > 0 ? 1 : 0;
