import type { ConnectionLimiter } from '../concurrency.ts';
import { describeOpenSshProbe, runOpenSshProbe, type OpenSshProbeResult } from '../probes/openssh-probe.ts';
import { describeTosProbe, runTosProbe, type TosProbeResult } from '../probes/tos-probe.ts';
import {
  BASELINE_TIMEOUT_MS,
  firstOpenSshTimeoutMs,
  openSshTimeoutMs,
  variantTimeoutMs,
} from '../probes/adaptive-timeouts.ts';
import type { KnownHostsSandbox } from '../probes/known-hosts-sandbox.ts';
import { formatTos, isUnmarked, tosByte } from '../ssh/ipqos-values.ts';
import type { SshClient } from '../ssh/ssh-client.ts';
import { markingBehaviour } from '../ssh/openssh-version.ts';
import type { EffectiveHost } from '../ssh/ssh-options.ts';
import { decideVerdict, type Decision } from '../verdicts/decide-verdict.ts';

export interface ProbeContext {
  client: SshClient;
  configFile: string | undefined;
  limiter: ConnectionLimiter;
  knownHosts: KnownHostsSandbox;
  /** Whether `-o IPQoS=0` reaches the connection with this ssh and config. */
  zeroForced: (alias: string) => Promise<boolean>;
  signal: AbortSignal | undefined;
  onStep: (step: string) => void;
}

export interface ProbeOutcome extends Decision {
  evidence: string[];
}

/**
 * Probes one host that ssh connects to directly: the raw baseline first (if
 * even TOS 0 fails, nothing else is worth trying), then the raw TOS switches
 * beside the user's own ssh, with and without IPQoS 0 and a tty.
 */
export async function probeDirectHost(
  alias: string,
  host: EffectiveHost,
  context: ProbeContext,
  hostOptions: readonly string[] = [],
): Promise<ProbeOutcome> {
  const server = host.hostname.toLowerCase();
  const withSlot = <T>(work: () => Promise<T>): Promise<T> => context.limiter.use(server, work, context.signal);
  const signal = context.signal ? { signal: context.signal } : {};
  const evidence: string[] = [
    `ssh -G: ${host.user}@${host.hostname}:${host.port}, IPQoS ${host.ipqos.interactive} ${host.ipqos.bulk} (TOS ${formatTos(tosByte(host.ipqos.interactive))} interactive, ${formatTos(tosByte(host.ipqos.bulk))} bulk)`,
    `${context.client.version.raw}: ${markingBehaviour(context.client.version)}`,
  ];
  if (host.connectTimeout) {
    evidence.push(`ConnectTimeout ${host.connectTimeout} is set: on macOS that moves ssh to marking from the SYN on.`);
  }

  context.onStep('raw baseline (TOS 0)');
  const baseline = await withSlot(() =>
    runTosProbe({ host: host.hostname, port: host.port, username: host.user, tosAfterKex: undefined, timeoutMs: BASELINE_TIMEOUT_MS, ...signal }),
  );
  evidence.push(describeTosProbe(baseline));
  const alreadyFixed = isUnmarked(host.ipqos.interactive) && isUnmarked(host.ipqos.bulk);
  if (baseline.outcome !== 'ok') {
    return { ...decideVerdict({ alreadyFixed, baseline, variants: [], openssh: [], zeroForced: true }), evidence };
  }

  const marks = [...new Set([tosByte(host.ipqos.interactive), tosByte(host.ipqos.bulk)])].filter(
    (tos): tos is number => tos !== undefined && tos !== 0,
  );
  context.onStep('TOS switches and your ssh');
  const variantRuns = marks.map((tos) =>
    withSlot(() =>
      runTosProbe({ host: host.hostname, port: host.port, username: host.user, tosAfterKex: tos, timeoutMs: variantTimeoutMs(baseline.durationMs), ...signal }),
    ),
  );
  const knownHostsFiles = await context.knownHosts.copiesOf(host.userKnownHostsFiles);
  const sshRun = (ipqosZero: boolean, tty: boolean, timeoutMs: number): Promise<OpenSshProbeResult> =>
    withSlot(() =>
      runOpenSshProbe(context.client, { alias, configFile: context.configFile, ipqosZero, tty, knownHostsFiles, hostOptions, timeoutMs, ...signal }),
    );
  const opensshRuns = (async (): Promise<{ runs: OpenSshProbeResult[]; zeroForced: boolean }> => {
    if (alreadyFixed) {
      const runs = await Promise.all([false, true].map((tty) => sshRun(false, tty, firstOpenSshTimeoutMs(baseline.durationMs))));
      return { runs, zeroForced: true };
    }
    const zeroForced = await context.zeroForced(alias);
    // IPQoS 0 without a tty first: it sets the pace for the others' deadlines.
    const first = await sshRun(true, false, firstOpenSshTimeoutMs(baseline.durationMs));
    const deadline = openSshTimeoutMs(first.outcome === 'ok' ? first.durationMs : baseline.durationMs * 10);
    const rest = await Promise.all([sshRun(false, false, deadline), sshRun(false, true, deadline), sshRun(true, true, deadline)]);
    return { runs: [first, ...rest], zeroForced };
  })();
  const [variants, openssh] = await Promise.all([Promise.all(variantRuns), opensshRuns]);
  for (const variant of variants) evidence.push(describeTosProbe(variant));
  const ordered = [...openssh.runs].sort((a, b) => Number(a.ipqosZero) - Number(b.ipqosZero) || Number(b.tty) - Number(a.tty));
  for (const run of ordered) evidence.push(describeOpenSshProbe(run));
  if (!openssh.zeroForced) evidence.push('This ssh (before 8.7) lets a later IPQoS line in the config override -o IPQoS=0.');
  evidence.push('The raw probe sends no key or password; the SYN of every raw probe leaves unmarked (Node sets TOS once connected).');
  return { ...decideVerdict({ alreadyFixed, baseline, variants, openssh: openssh.runs, zeroForced: openssh.zeroForced }), evidence };
}
