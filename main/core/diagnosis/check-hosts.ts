import os from 'node:os';
import { ConnectionLimiter, Semaphore, mapBounded, sharedByKey } from '../concurrency.ts';
import { abortError } from '../errors.ts';
import { planInventory, sshHome } from '../inventory/inventory.ts';
import { networkPath } from '../inventory/network-path.ts';
import { KnownHostsSandbox } from '../probes/known-hosts-sandbox.ts';
import { ipqosRule } from '../ssh/openssh-version.ts';
import { kexProbeOptions } from '../ssh/kex-preference.ts';
import { locateSsh, sshG, type SshClient } from '../ssh/ssh-client.ts';
import { toEffectiveHost } from '../ssh/ssh-options.ts';
import type { CheckMode, CheckReport, HostReport } from '../verdicts/host-report.ts';
import { toHostReport } from '../verdicts/to-host-report.ts';
import { FixedConfigCopies } from './fixed-config-copies.ts';
import { routeTarget, type ProbeOnce } from './route-target.ts';
import { probeDirectHost, type ProbeContext, type ProbeOutcome } from './probe-host.ts';

export interface CheckOptions {
  /** Passed to ssh as -F; undefined uses ssh's default (~/.ssh/config). */
  configFile?: string;
  /** Aliases to check; empty or undefined checks every concrete alias. */
  hosts?: readonly string[];
  /** Hosts checked at once (default 16). */
  concurrency?: number;
  /** Connections open to one server at once (default 6, under sshd's MaxStartups of 10). */
  perServerConnections?: number;
  /** screen: the raw probe only; session (default): plus one session of the user's ssh; thorough: every run. */
  mode?: CheckMode;
  /** The ssh binary (default `ssh` on PATH). */
  ssh?: string;
  /** The home ~ and relative Includes resolve against (default: the passwd entry). */
  home?: string;
  /**
   * Whose rules explain a refused connect (default: this machine's). On macOS an EPERM or
   * EHOSTUNREACH to a local target is its Local Network privacy; the lab tests read a real
   * EPERM with `darwin`'s rules.
   */
  platform?: NodeJS.Platform;
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
  // A host whose settings ssh rejects ends the whole check, and stops what the others started.
  const failed = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, failed.signal]) : failed.signal;
  const emit = options.onEvent ?? (() => {});
  const client = await locateSsh(options.ssh, signal);
  const inventory = await planInventory({
    client,
    configFile: options.configFile,
    hosts: options.hosts ?? [],
    ...(options.home !== undefined ? { home: options.home } : {}),
    signal,
  });
  emit({ type: 'inventory', aliases: inventory.aliases });

  const knownHosts = new KnownHostsSandbox();
  const fixedConfigs = new FixedConfigCopies({
    client,
    configFile: options.configFile,
    home: options.home ?? sshHome(),
    signal,
  });
  const limiter = new ConnectionLimiter(64, options.perServerConnections ?? 6);
  const zeroChecks = sharedByKey<boolean>();
  const directProbes = sharedByKey<ProbeOutcome>();
  const baseContext = {
    client,
    configFile: options.configFile,
    limiter,
    logins: new Semaphore(Math.max(4, 2 * os.availableParallelism())),
    knownHosts,
    mode: options.mode ?? 'session',
    platform: options.platform ?? process.platform,
    signal,
    fixedConfig: fixedConfigs.forAlias,
    zeroForced: (alias: string): Promise<boolean> =>
      zeroChecks(alias, () => ipqosZeroReachesConnection(client, options.configFile, alias, signal)),
  };
  /**
   * Aliases on one network path are one test, and so is a jump host many
   * aliases go through: the first alias's runs stand for all of them. The
   * per-server limit counts the endpoint, not the name. Logins prefer a cheap
   * key exchange of the user's list: the marking does not depend on it.
   */
  const probeOnce: ProbeOnce = async (alias, host, context, hostOptions = []) => {
    const path = await networkPath(host);
    const options = [...hostOptions, ...kexProbeOptions(host.kexAlgorithms)];
    return directProbes(path.key, () =>
      probeDirectHost(alias, host, { ...context, limiter: limiter.forEndpoint(path.endpoint) }, options),
    );
  };

  try {
    // Each host starts as soon as its own ssh -G is read, not after every host's.
    const reports = await mapBounded(
      inventory.aliases,
      options.concurrency ?? 16,
      async (alias) => {
        emit({ type: 'host-started', alias });
        const hostStarted = performance.now();
        const target = { alias, effective: await inventory.effective(alias) };
        const context: ProbeContext = {
          ...baseContext,
          onStep: (step) => emit({ type: 'host-step', alias: target.alias, step }),
        };
        const outcome = await routeTarget(target, context, probeOnce, options.configFile);
        const durationMs = Math.round(performance.now() - hostStarted);
        const report = toHostReport(target.alias, target.effective, outcome, durationMs);
        emit({ type: 'host-finished', report });
        return report;
      },
      signal,
    ).catch((error: unknown) => {
      failed.abort(error);
      throw error;
    });
    if (signal.aborted) throw abortError(signal);
    const needsIpqos0 = [
      ...new Set(reports.filter((r) => r.verdict === 'needs-ipqos-0').map((r) => r.fixAlias ?? r.alias)),
    ];
    return {
      hosts: reports,
      needsIpqos0,
      serverSide: reports.filter((r) => r.verdict === 'server-side').map((r) => r.alias),
      leftOut: inventory.leftOut,
      mode: baseContext.mode,
      configFile: options.configFile ?? null,
      ssh: { bin: client.bin, version: client.version.raw },
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
    };
  } finally {
    await Promise.all([knownHosts.dispose(), fixedConfigs.dispose()]);
  }
}

/** Before 8.7 a later IPQoS line in the config beats -o IPQoS=0; ssh -G tells whether ours holds. */
async function ipqosZeroReachesConnection(
  client: SshClient,
  configFile: string | undefined,
  alias: string,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  if (ipqosRule(client.version) === 'first-match') return true; // -o comes first, and the first value wins
  const options = await sshG(client, {
    host: alias,
    configFile,
    options: ['IPQoS=0'],
    ...(signal ? { signal } : {}),
  });
  return toEffectiveHost(options).ipqos.interactive === 'cs0';
}
