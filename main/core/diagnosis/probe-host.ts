import type { ConnectionLimiter, Semaphore } from '../concurrency.ts';
import { Deadline } from '../process/deadline.ts';
import { describeOpenSshProbe, runOpenSshProbe, type OpenSshProbeResult } from '../probes/openssh-probe.ts';
import { describeTosProbe, runTosProbe } from '../probes/tos-probe.ts';
import {
  BASELINE_TIMEOUT_MS,
  firstOpenSshTimeoutMs,
  openSshTimeoutMs,
  switchTimeoutMs,
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
  /** Bounds concurrent ssh logins: each costs a key exchange and a shell, CPU on both ends. */
  logins: Semaphore;
  knownHosts: KnownHostsSandbox;
  /** Run the user's ssh on every host in all four ways, not only where the raw probe found a break. */
  thorough: boolean;
  /** Whether `-o IPQoS=0` reaches the connection with this ssh and config. */
  zeroForced: (alias: string) => Promise<boolean>;
  signal: AbortSignal | undefined;
  onStep: (step: string) => void;
}

export interface ProbeOutcome extends Decision {
  evidence: string[];
}

/**
 * Probes one host that ssh connects to directly, as a screening and a
 * confirmation. The raw probe screens every host for one key exchange per
 * marking. Where it finds a break, the user's own ssh with IPQoS 0 proves the
 * fix; a login costs a key exchange and a shell on both ends, and hundreds of
 * hosts must stay quick. The run without a tty covers every client-side break
 * except a dropped interactive class on a client that marks nothing until the
 * session opens (macOS, before 8.5), which the tty run covers.
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
  const evidence = [
    `ssh -G: ${host.user}@${host.hostname}:${host.port}, IPQoS ${host.ipqos.interactive} ${host.ipqos.bulk} (TOS ${formatTos(interactive)} interactive, ${formatTos(bulk)} bulk)`,
    `${context.client.version.raw}: ${markingBehaviour(context.client.version)}`,
  ];
  if (host.connectTimeout) {
    evidence.push(
      `ConnectTimeout ${host.connectTimeout} is set: on macOS that moves ssh to marking from the SYN on.`,
    );
  }

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
  evidence.push(describeTosProbe(raw));
  const baselineMs = raw.baseline.durationMs;
  const broke = (tos: number): boolean =>
    raw.switched.some((step) => step.tos === tos && step.outcome !== 'ok');

  // Which tty modes to run the user's ssh in: none where the raw probe found nothing to confirm.
  const modes = ((): boolean[] => {
    if (raw.baseline.outcome !== 'ok') return [];
    if (context.thorough) return [false, true];
    if (alreadyFixed || !marks.some(broke)) return [];
    // Only when the bulk value got through and the interactive one did not is a tty run needed.
    const interactiveOnly =
      broke(interactive) && (bulk === 0 || raw.switched.some((s) => s.tos === bulk && s.outcome === 'ok'));
    return interactiveOnly ? [false, true] : [false];
  })();
  const knownHostsFiles = await context.knownHosts.copiesOf(host.userKnownHostsFiles);
  const ssh = (ipqosZero: boolean, tty: boolean, deadline: Deadline): Promise<OpenSshProbeResult> =>
    withSlot(() =>
      context.logins.use(
        () =>
          runOpenSshProbe(context.client, {
            alias,
            configFile: context.configFile,
            ipqosZero,
            tty,
            knownHostsFiles,
            hostOptions,
            deadline,
            ...signal,
          }),
        context.signal,
      ),
    );
  /**
   * By default only IPQoS 0, the proof of the fix (the raw probe showed the
   * break). With --thorough the user's own marking too, started beside it: when
   * IPQoS 0 finishes, the other's deadline follows from its time.
   */
  const confirm = async (tty: boolean): Promise<OpenSshProbeResult[]> => {
    const effectiveDeadline = new Deadline(firstOpenSshTimeoutMs(baselineMs));
    const effective = context.thorough || alreadyFixed ? [ssh(false, tty, effectiveDeadline)] : [];
    if (alreadyFixed) return Promise.all(effective);
    const zero = ssh(true, tty, new Deadline(firstOpenSshTimeoutMs(baselineMs))).then((run) => {
      if (run.outcome === 'ok') effectiveDeadline.tighten(openSshTimeoutMs(run.durationMs));
      return run;
    });
    return Promise.all([zero, ...effective]);
  };
  if (modes.length > 0) context.onStep('your ssh');
  const [zeroForced, runs] = await Promise.all([
    modes.length > 0 && !alreadyFixed ? context.zeroForced(alias) : Promise.resolve(true),
    Promise.all(modes.map(confirm)).then((lists) => lists.flat()),
  ]);
  const ordered = [...runs].sort(
    (a, b) => Number(a.ipqosZero) - Number(b.ipqosZero) || Number(b.tty) - Number(a.tty),
  );
  for (const run of ordered) evidence.push(describeOpenSshProbe(run));
  if (!zeroForced)
    evidence.push('This ssh (before 8.7) lets a later IPQoS line in the config override -o IPQoS=0.');
  evidence.push(
    'The raw probe sent no key or password; its SYN left unmarked (Node sets TOS once connected).',
  );
  return { ...decideVerdict({ alreadyFixed, raw, openssh: runs, zeroForced }), evidence };
}
