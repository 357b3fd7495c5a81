import type { ConnectionLimiter, Semaphore } from '../concurrency.ts';
import type { Deadline } from '../process/deadline.ts';
import { describeOpenSshProbe, runOpenSshProbe, type OpenSshProbeResult } from '../probes/openssh-probe.ts';
import { runTosProbe, type TosProbeResult } from '../probes/tos-probe.ts';
import { BASELINE_TIMEOUT_MS, switchTimeoutMs } from '../probes/adaptive-timeouts.ts';
import type { KnownHostsSandbox } from '../probes/known-hosts-sandbox.ts';
import { formatTos, isUnmarked, tosByte } from '../ssh/ipqos-values.ts';
import type { SshClient } from '../ssh/ssh-client.ts';
import { atLeast, ipqosRule } from '../ssh/openssh-version.ts';
import type { EffectiveHost } from '../ssh/ssh-options.ts';
import { decideVerdict } from '../verdicts/decide-verdict.ts';
import type { CheckMode } from '../verdicts/host-report.ts';
import { message, type Message } from '../verdicts/messages.ts';
import type { HostOutcome } from '../verdicts/to-host-report.ts';
import { PLANNERS } from './run-plans.ts';

/** A copy of the config with the blocks `fix` would add for one alias, and what `ssh -G` reads from it. */
export type FixedConfig =
  { ok: true; path: string; ipqos: { interactive: string; bulk: string } } | { ok: false; reason: string };

export interface ProbeContext {
  client: SshClient;
  configFile: string | undefined;
  limiter: ConnectionLimiter;
  /** Bounds concurrent ssh logins: each costs a key exchange and a shell, CPU on both ends. */
  logins: Semaphore;
  knownHosts: KnownHostsSandbox;
  mode: CheckMode;
  /** Whether `-o IPQoS=0` reaches the connection with this ssh and config. */
  zeroForced: (alias: string) => Promise<boolean>;
  /** Before 8.7: the config as `fix` would leave it for this alias, to confirm the cure with the fix itself. */
  fixedConfig?: (alias: string, hostOptions: readonly string[]) => Promise<FixedConfig>;
  /** The OS whose rules explain a failed connect (macOS's Local Network privacy). */
  platform: NodeJS.Platform;
  signal: AbortSignal | undefined;
  onStep: (step: string) => void;
}

export type ProbeOutcome = Omit<HostOutcome, 'fixAlias'>;

/** How a client of this version marks its packets (shared/notes/openssh-ipqos.md). */
function clientLine(client: SshClient): Message {
  const { version } = client;
  const code = atLeast(version, 10, 1)
    ? 'evidence.client.marks-continually'
    : atLeast(version, 8, 5)
      ? 'evidence.client.marks-from-syn'
      : 'evidence.client.marks-at-session';
  return message(code, { version: version.raw });
}

/** One evidence line for the unmarked part, one per switch. */
export function describeRawProbe(raw: TosProbeResult): Message[] {
  const { baseline } = raw;
  // The methods the server offered, as values of their own where the probe's detail names them.
  const methods = /\(methods: ([^)]*)\)/.exec(baseline.detail)?.[1];
  const answered =
    methods === undefined
      ? message('evidence.raw-probe.baseline-answered', { ms: baseline.durationMs, detail: baseline.detail })
      : message('evidence.raw-probe.baseline-methods', { ms: baseline.durationMs, methods });
  return [
    baseline.outcome === 'ok'
      ? answered
      : message('evidence.raw-probe.baseline-failed', {
          outcome: baseline.outcome,
          ms: baseline.durationMs,
          detail: baseline.detail,
        }),
    ...raw.switched.map((step) =>
      step.outcome === 'ok'
        ? message('evidence.raw-probe.switch-answered', { tos: formatTos(step.tos), ms: step.durationMs })
        : step.outcome === 'timeout'
          ? message('evidence.raw-probe.switch-silent', {
              tos: formatTos(step.tos),
              ms: step.durationMs,
              waitMs: step.timeoutMs,
            })
          : message('evidence.raw-probe.switch-failed', {
              tos: formatTos(step.tos),
              outcome: step.outcome,
              ms: step.durationMs,
              detail: step.detail,
            }),
    ),
  ];
}

/**
 * Probes one host that ssh connects to directly. The raw probe screens every
 * host for one key exchange, with no credentials; then the mode's planner
 * (run-plans.ts) runs the user's own ssh where it must, and the verdict is
 * decided from all of it.
 */
export async function probeDirectHost(
  alias: string,
  host: EffectiveHost,
  context: ProbeContext,
  hostOptions: readonly string[] = [],
): Promise<ProbeOutcome> {
  const server = host.hostname.toLowerCase();
  const signal = context.signal ? { signal: context.signal } : {};
  const withSlot = <T>(work: () => Promise<T>): Promise<T> =>
    context.limiter.use(server, work, context.signal);
  const interactive = tosByte(host.ipqos.interactive) ?? 0;
  const bulk = tosByte(host.ipqos.bulk) ?? 0;
  const alreadyFixed = isUnmarked(host.ipqos.interactive) && isUnmarked(host.ipqos.bulk);
  const evidence = hostLines(host, context.client, interactive, bulk);

  context.onStep('raw probe');
  // Bulk first: if the path carries it, the switch on to the interactive value still tests that class.
  const marks = [...new Set([bulk, interactive])].filter((tos) => tos !== 0);
  const raw = await withSlot(() =>
    runTosProbe({
      host: host.hostname,
      port: host.port,
      username: host.user,
      switches: marks,
      baselineTimeoutMs: BASELINE_TIMEOUT_MS,
      switchTimeoutMs,
      ...signal,
    }),
  );
  evidence.push(...describeRawProbe(raw));

  // Made on first use: most hosts never run IPQoS 0, and most screens end the check.
  let zeroSetup: Promise<ZeroSetup> | undefined;
  const setUpZero = (): Promise<ZeroSetup> => (zeroSetup ??= zeroConfig(alias, hostOptions, context));
  let knownHostsFiles: Promise<string[]> | undefined;
  const ssh = async (ipqosZero: boolean, tty: boolean, deadline: Deadline): Promise<OpenSshProbeResult> => {
    knownHostsFiles ??= context.knownHosts.copiesOf(host.userKnownHostsFiles);
    const [files, fixedConfig] = await Promise.all([
      knownHostsFiles,
      ipqosZero ? setUpZero().then((setup) => setup.fixedConfig) : undefined,
    ]);
    return withSlot(() =>
      context.logins.use(
        () =>
          runOpenSshProbe(context.client, {
            alias,
            configFile: context.configFile,
            ipqosZero,
            ...(fixedConfig !== undefined ? { fixedConfig } : {}),
            tty,
            knownHostsFiles: files,
            hostOptions,
            deadline,
            ...signal,
          }),
        context.signal,
      ),
    );
  };
  const planner = raw.baseline.outcome === 'ok' ? PLANNERS[context.mode] : PLANNERS.screen;
  if (planner !== PLANNERS.screen) context.onStep('your ssh');
  const runs = await planner({ raw, interactive, bulk, alreadyFixed, ssh });

  const setup = runs.some((run) => run.ipqosZero) ? await setUpZero() : undefined;
  const ordered = [...runs].sort(
    (a, b) => Number(a.ipqosZero) - Number(b.ipqosZero) || Number(b.tty) - Number(a.tty),
  );
  evidence.push(...ordered.map(describeOpenSshProbe));
  if (setup) evidence.push(...setup.evidence);
  if (context.mode === 'screen') evidence.push(message('evidence.mode.screen'));
  evidence.push(message('evidence.raw-probe.harmless'));
  const { notes, ...decided } = decideVerdict({
    hostname: host.hostname,
    alreadyFixed,
    raw,
    openssh: runs,
    zeroForced: setup?.zeroForced ?? true,
    platform: context.platform,
  });
  return { ...decided, alreadyFixed, evidenceCodes: [...evidence, ...notes] };
}

/** What ssh -G says of the host, and how this client marks. */
function hostLines(host: EffectiveHost, client: SshClient, interactive: number, bulk: number): Message[] {
  const lines = [
    message('evidence.ssh-g', {
      user: host.user,
      hostname: host.hostname,
      port: host.port,
      interactive: host.ipqos.interactive,
      bulk: host.ipqos.bulk,
      interactiveTos: formatTos(interactive),
      bulkTos: formatTos(bulk),
    }),
    clientLine(client),
  ];
  if (host.connectTimeout) lines.push(message('evidence.connect-timeout', { value: host.connectTimeout }));
  return lines;
}

interface ZeroSetup {
  /** The copy with the fix to run IPQoS 0 with, when `-o IPQoS=0` would not reach the connection. */
  fixedConfig: string | undefined;
  /** The IPQoS 0 runs really put 0 on the wire. */
  zeroForced: boolean;
  evidence: Message[];
}

/**
 * How to run "this host with IPQoS 0". From 8.7 `-o IPQoS=0` comes first and
 * wins. Before, a later IPQoS line in the config beats it, so the cure is run
 * as the fix itself: a copy of the config with the blocks `fix` would add.
 */
async function zeroConfig(
  alias: string,
  hostOptions: readonly string[],
  context: ProbeContext,
): Promise<ZeroSetup> {
  if (ipqosRule(context.client.version) === 'first-match') {
    return { fixedConfig: undefined, zeroForced: true, evidence: [] };
  }
  const evidence: Message[] = [];
  if (context.fixedConfig) {
    const copy = await context.fixedConfig(alias, hostOptions);
    if (copy.ok && isUnmarked(copy.ipqos.interactive) && isUnmarked(copy.ipqos.bulk)) {
      return {
        fixedConfig: copy.path,
        zeroForced: true,
        evidence: [message('evidence.planned-copy', copy.ipqos)],
      };
    }
    evidence.push(
      copy.ok
        ? message('evidence.planned-copy-not-zero', copy.ipqos)
        : message('evidence.planned-copy-failed', { reason: copy.reason }),
    );
  }
  const zeroForced = await context.zeroForced(alias);
  if (!zeroForced) evidence.push(message('evidence.zero-not-forced'));
  return { fixedConfig: undefined, zeroForced, evidence };
}
