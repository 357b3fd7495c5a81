import { ConnectionLimiter, mapBounded } from '../concurrency.ts';
import { abortError } from '../errors.ts';
import { buildInventory, type HostTarget } from '../inventory/inventory.ts';
import { KnownHostsSandbox } from '../probes/known-hosts-sandbox.ts';
import { locateSsh, sshG, type SshClient } from '../ssh/ssh-client.ts';
import { toEffectiveHost, type EffectiveHost } from '../ssh/ssh-options.ts';
import type { CheckReport, HostReport } from '../verdicts/host-report.ts';
import { firstJumpHop, hopOptions } from './jump-hosts.ts';
import { probeDirectHost, type ProbeContext, type ProbeOutcome } from './probe-host.ts';

export interface CheckOptions {
  /** Passed to ssh as -F; undefined uses ssh's default (~/.ssh/config). */
  configFile?: string;
  /** Aliases to check; empty or undefined checks every concrete alias. */
  hosts?: readonly string[];
  /** Hosts checked at once (default 16). */
  concurrency?: number;
  /** Connections open to one server at once (default 4, under sshd's MaxStartups of 10). */
  perServerConnections?: number;
  /** The ssh binary (default `ssh` on PATH). */
  ssh?: string;
  /** The home ~ and relative Includes resolve against (default: the passwd entry). */
  home?: string;
  signal?: AbortSignal;
  onEvent?: (event: CheckEvent) => void;
}

/** Progress, for a progress line in the CLI and the popover in the app. */
export type CheckEvent =
  | { type: 'inventory'; aliases: string[] }
  | { type: 'host-started'; alias: string }
  | { type: 'host-step'; alias: string; step: string }
  | { type: 'host-finished'; report: HostReport };

/**
 * Checks hosts and returns a verdict for each. Async and cancellable: an abort
 * kills every ssh it started and rejects with the abort reason.
 */
export async function checkHosts(options: CheckOptions = {}): Promise<CheckReport> {
  const started = Date.now();
  const signal = options.signal;
  const emit = options.onEvent ?? (() => {});
  const client = await locateSsh(options.ssh, signal);
  const inventory = await buildInventory({
    client,
    configFile: options.configFile,
    hosts: options.hosts ?? [],
    ...(options.home !== undefined ? { home: options.home } : {}),
    ...(signal ? { signal } : {}),
  });
  emit({ type: 'inventory', aliases: inventory.targets.map((target) => target.alias) });

  const knownHosts = new KnownHostsSandbox();
  const limiter = new ConnectionLimiter(64, options.perServerConnections ?? 4);
  const zeroChecks = new Map<string, Promise<boolean>>();
  const baseContext = {
    client,
    configFile: options.configFile,
    limiter,
    knownHosts,
    signal,
    zeroForced: (alias: string): Promise<boolean> => {
      let check = zeroChecks.get(alias);
      if (!check) {
        check = ipqosZeroReachesConnection(client, options.configFile, alias, signal);
        zeroChecks.set(alias, check);
      }
      return check;
    },
  };
  // A jump host shared by many aliases is probed once.
  const directProbes = new Map<string, Promise<ProbeOutcome>>();
  const probeOnce: ProbeOnce = (alias, host, context, hostOptions = []) => {
    const key = `${alias}#${hostOptions.join(' ')}`;
    let probe = directProbes.get(key);
    if (!probe) {
      probe = probeDirectHost(alias, host, context, hostOptions);
      directProbes.set(key, probe);
    }
    return probe;
  };

  try {
    const reports = await mapBounded(
      inventory.targets,
      options.concurrency ?? 16,
      async (target) => {
        emit({ type: 'host-started', alias: target.alias });
        const hostStarted = performance.now();
        const context: ProbeContext = { ...baseContext, onStep: (step) => emit({ type: 'host-step', alias: target.alias, step }) };
        const outcome = await diagnoseTarget(target, context, probeOnce, options.configFile);
        const report = toReport(target, outcome, Math.round(performance.now() - hostStarted));
        emit({ type: 'host-finished', report });
        return report;
      },
      signal,
    );
    if (signal?.aborted) throw abortError(signal);
    const needsIpqos0 = [
      ...new Set(reports.filter((r) => r.verdict === 'needs-ipqos-0').map((r) => r.fixAlias ?? r.alias)),
    ];
    return {
      hosts: reports,
      needsIpqos0,
      configFile: options.configFile,
      ssh: { bin: client.bin, version: client.version.raw },
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
    };
  } finally {
    await knownHosts.dispose();
  }
}

type ProbeOnce = (
  alias: string,
  host: EffectiveHost,
  context: ProbeContext,
  hostOptions?: readonly string[],
) => Promise<ProbeOutcome>;

interface TargetOutcome extends ProbeOutcome {
  fixAlias: string | undefined;
}

async function diagnoseTarget(
  target: HostTarget,
  context: ProbeContext,
  probeOnce: ProbeOnce,
  configFile: string | undefined,
): Promise<TargetOutcome> {
  const host = target.effective;
  if (host.proxyCommand) {
    return {
      verdict: 'not-applicable',
      provenBy: 'config',
      summary: 'Connects through a ProxyCommand: ssh sets no TOS on a pipe, so IPQoS here changes nothing.',
      evidence: [
        `ProxyCommand ${host.proxyCommand}`,
        'If that command runs ssh itself (ssh -W), check the host it connects to: its IPQoS applies there.',
      ],
      fixAlias: undefined,
    };
  }
  if (host.proxyJump) {
    const hop = firstJumpHop(host.proxyJump);
    if (!hop) {
      return {
        verdict: 'inconclusive',
        provenBy: 'none',
        summary: `Cannot read the ProxyJump value "${host.proxyJump}".`,
        evidence: [],
        fixAlias: undefined,
      };
    }
    const options = hopOptions(hop);
    const jumpHost = toEffectiveHost(
      await sshG(context.client, { host: hop.host, configFile, options, ...(context.signal ? { signal: context.signal } : {}) }),
    );
    const jump = await probeOnce(hop.host, jumpHost, context, options);
    const marksHere = `The TOS is set on the socket to the first hop, ${hop.host}, which a separate ssh -W opens with ${hop.host}'s own config; -o IPQoS=0 for ${target.alias} does not reach it.`;
    return {
      verdict: jump.verdict,
      provenBy: 'jump-host',
      summary: `Through ProxyJump ${hop.host}: ${jump.summary}`,
      evidence: [marksHere, ...jump.evidence.map((line) => `${hop.host}: ${line}`)],
      fixAlias: jump.verdict === 'needs-ipqos-0' ? hop.host : undefined,
    };
  }
  const outcome = await probeOnce(target.alias, host, context);
  return { ...outcome, fixAlias: outcome.verdict === 'needs-ipqos-0' ? target.alias : undefined };
}

function toReport(target: HostTarget, outcome: TargetOutcome, durationMs: number): HostReport {
  const host = target.effective;
  return {
    alias: target.alias,
    hostname: host.hostname,
    port: host.port,
    user: host.user,
    verdict: outcome.verdict,
    summary: outcome.summary,
    evidence: outcome.evidence,
    durationMs,
    ipqos: host.ipqos,
    alreadyFixed: outcome.provenBy === 'config' && outcome.verdict === 'ok',
    fixAlias: outcome.fixAlias,
    provenBy: outcome.provenBy,
  };
}

/** Before 8.7 a later IPQoS line in the config beats -o IPQoS=0; ssh -G tells whether ours holds. */
async function ipqosZeroReachesConnection(
  client: SshClient,
  configFile: string | undefined,
  alias: string,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  const options = await sshG(client, { host: alias, configFile, options: ['IPQoS=0'], ...(signal ? { signal } : {}) });
  return toEffectiveHost(options).ipqos.interactive === 'cs0';
}
