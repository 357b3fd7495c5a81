import type { ConnectionLimiter, Semaphore } from '../concurrency.ts';
import { Deadline } from '../process/deadline.ts';
import { describeOpenSshProbe, runOpenSshProbe, type OpenSshProbeResult } from '../probes/openssh-probe.ts';
import { isPathFailure } from '../probes/probe-outcome.ts';
import { runTosProbe, type TosProbeResult } from '../probes/tos-probe.ts';
import {
  BASELINE_TIMEOUT_MS,
  firstOpenSshTimeoutMs,
  openSshTimeoutMs,
  switchTimeoutMs,
} from '../probes/adaptive-timeouts.ts';
import type { KnownHostsSandbox } from '../probes/known-hosts-sandbox.ts';
import { formatTos, isUnmarked, tosByte } from '../ssh/ipqos-values.ts';
import type { SshClient } from '../ssh/ssh-client.ts';
import { atLeast, ipqosRule } from '../ssh/openssh-version.ts';
import type { EffectiveHost } from '../ssh/ssh-options.ts';
import { decideVerdict } from '../verdicts/decide-verdict.ts';
import type { CheckMode } from '../verdicts/host-report.ts';
import { message, type Message } from '../verdicts/messages.ts';
import type { HostOutcome } from '../verdicts/to-host-report.ts';

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
  /**
   * Shares the raw probe between aliases on one network path (the caller keys it). Only the
   * screen may be shared: a session proves a login, and two aliases on one path may log in
   * differently (IdentityFile, PubkeyAuthentication, a certificate), so it runs per alias.
   */
  screenOnce?: (work: () => Promise<TosProbeResult>) => Promise<TosProbeResult>;
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
 * host for one key exchange, with no credentials. Then, by mode:
 * - screen: nothing more; no login anywhere.
 * - session: where the screen found nothing, one session of the user's ssh
 *   with the host's own marking, so an `ok` is a session that worked; where
 *   the screen or that session found a break, the user's ssh with IPQoS 0,
 *   the proof of the fix (or, when it breaks too, of the server's marking).
 * - thorough: both markings, with and without a tty, everywhere.
 * A login costs a key exchange and a shell on both ends, so a host where the
 * raw probe already saw the break is not logged into with its own marking too.
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
  const evidence: Message[] = [
    message('evidence.ssh-g', {
      user: host.user,
      hostname: host.hostname,
      port: host.port,
      interactive: host.ipqos.interactive,
      bulk: host.ipqos.bulk,
      interactiveTos: formatTos(interactive),
      bulkTos: formatTos(bulk),
    }),
    clientLine(context.client),
  ];
  if (host.connectTimeout) evidence.push(message('evidence.connect-timeout', { value: host.connectTimeout }));

  context.onStep('raw probe');
  // Bulk first: if the path carries it, the switch on to the interactive value still tests that class.
  const marks = [...new Set([bulk, interactive])].filter((tos) => tos !== 0);
  const screen = (): Promise<TosProbeResult> =>
    withSlot(() =>
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
  const raw = await (context.screenOnce ? context.screenOnce(screen) : screen());
  evidence.push(...describeRawProbe(raw));
  const baselineMs = raw.baseline.durationMs;
  const broke = (tos: number): boolean =>
    raw.switched.some((step) => step.tos === tos && step.outcome !== 'ok');
  const rawBroke = marks.some(broke);

  // Which tty modes to run the user's ssh in.
  const ttys = ((): boolean[] => {
    if (raw.baseline.outcome !== 'ok' || context.mode === 'screen') return [];
    if (context.mode === 'thorough') return [false, true];
    // Only when the bulk value got through and the interactive one did not is a tty run needed.
    const interactiveOnly =
      broke(interactive) && (bulk === 0 || raw.switched.some((s) => s.tos === bulk && s.outcome === 'ok'));
    return interactiveOnly ? [false, true] : [false];
  })();

  const knownHostsFiles = ttys.length > 0 ? await context.knownHosts.copiesOf(host.userKnownHostsFiles) : [];
  // Made on first use: most hosts never run IPQoS 0.
  let zeroSetup: Promise<ZeroSetup> | undefined;
  const setUpZero = (): Promise<ZeroSetup> => (zeroSetup ??= zeroConfig(alias, hostOptions, context));
  const ssh = async (ipqosZero: boolean, tty: boolean, deadline: Deadline): Promise<OpenSshProbeResult> => {
    const fixedConfig = ipqosZero ? (await setUpZero()).fixedConfig : undefined;
    return withSlot(() =>
      context.logins.use(
        () =>
          runOpenSshProbe(context.client, {
            alias,
            configFile: context.configFile,
            ipqosZero,
            ...(fixedConfig !== undefined ? { fixedConfig } : {}),
            tty,
            knownHostsFiles,
            hostOptions,
            deadline,
            ...signal,
          }),
        context.signal,
      ),
    );
  };
  /** IPQoS 0 and the host's own marking side by side: when IPQoS 0 finishes, the other's deadline follows from its time. */
  const bothMarkings = async (tty: boolean): Promise<OpenSshProbeResult[]> => {
    const effectiveDeadline = new Deadline(firstOpenSshTimeoutMs(baselineMs));
    const zero = ssh(true, tty, new Deadline(firstOpenSshTimeoutMs(baselineMs))).then((run) => {
      if (run.outcome === 'ok') effectiveDeadline.tighten(openSshTimeoutMs(run.durationMs));
      return run;
    });
    return Promise.all([zero, ssh(false, tty, effectiveDeadline)]);
  };
  const runsFor = async (tty: boolean): Promise<OpenSshProbeResult[]> => {
    const fresh = (): Deadline => new Deadline(firstOpenSshTimeoutMs(baselineMs));
    if (alreadyFixed) return [await ssh(false, tty, fresh())];
    if (context.mode === 'thorough') return bothMarkings(tty);
    // The screen saw the break: IPQoS 0 proves the cure; the host's own marking would only break again.
    if (rawBroke) return [await ssh(true, tty, fresh())];
    const own = await ssh(false, tty, fresh());
    // A session that breaks where the screen saw nothing: IPQoS 0 tells the client's marking from the server's.
    if (!isPathFailure(own.outcome)) return [own];
    const zero = await ssh(true, tty, fresh());
    // A hang only counts when it outlasted what a working session just took (a loaded machine is slow, not broken).
    const reference = openSshTimeoutMs(zero.durationMs);
    if (own.outcome === 'timeout' && zero.outcome === 'ok' && own.durationMs < reference) {
      return [await ssh(false, tty, new Deadline(reference)), zero];
    }
    return [own, zero];
  };
  if (ttys.length > 0) context.onStep('your ssh');
  const runs = (await Promise.all(ttys.map(runsFor))).flat();
  const setup = runs.some((run) => run.ipqosZero) ? await setUpZero() : undefined;
  const ordered = [...runs].sort(
    (a, b) => Number(a.ipqosZero) - Number(b.ipqosZero) || Number(b.tty) - Number(a.tty),
  );
  evidence.push(...ordered.map(describeOpenSshProbe));
  if (setup) evidence.push(...setup.evidence);
  if (context.mode === 'screen') evidence.push(message('evidence.mode.screen'));
  evidence.push(message('evidence.raw-probe.harmless'));
  const zeroForced = setup?.zeroForced ?? true;
  const { notes, ...decided } = decideVerdict({
    hostname: host.hostname,
    alreadyFixed,
    raw,
    openssh: runs,
    zeroForced,
    platform: context.platform,
  });
  return { ...decided, alreadyFixed, evidenceCodes: [...evidence, ...notes] };
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
