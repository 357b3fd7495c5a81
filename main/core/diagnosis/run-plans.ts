/**
 * Which runs of the user's own ssh each mode makes after the screen, one
 * planner per mode. A login costs a key exchange and a shell on both ends, so
 * a host where the raw probe already saw the break is not logged into with its
 * own marking too.
 */
import { Deadline } from '../process/deadline.ts';
import { firstOpenSshTimeoutMs, openSshTimeoutMs } from '../probes/adaptive-timeouts.ts';
import type { OpenSshProbeResult } from '../probes/openssh-probe.ts';
import { isPathFailure } from '../probes/probe-outcome.ts';
import type { TosProbeResult } from '../probes/tos-probe.ts';
import type { CheckMode } from '../verdicts/host-report.ts';

/** What a planner knows about the host, and its one way to run the user's ssh. */
export interface RunPlan {
  raw: TosProbeResult;
  /** The TOS bytes of the host's own marking. */
  interactive: number;
  bulk: number;
  /** The effective IPQoS already puts 0 on the wire: IPQoS 0 would run the same thing. */
  alreadyFixed: boolean;
  /** One run of the user's ssh, with IPQoS 0 or the host's own marking, with a tty or without. */
  ssh: (ipqosZero: boolean, tty: boolean, deadline: Deadline) => Promise<OpenSshProbeResult>;
}

export type Planner = (plan: RunPlan) => Promise<OpenSshProbeResult[]>;

const firstDeadline = (plan: RunPlan): Deadline =>
  new Deadline(firstOpenSshTimeoutMs(plan.raw.baseline.durationMs));
const brokeAt = (plan: RunPlan, tos: number): boolean =>
  plan.raw.switched.some((step) => step.tos === tos && step.outcome !== 'ok');

/** screen: the raw probe only; no login anywhere. */
const screen: Planner = () => Promise.resolve([]);

/**
 * session: where the screen found nothing, one session with the host's own
 * marking, so an `ok` is a session that worked; where the screen or that
 * session found a break, IPQoS 0, the proof of the fix (or, when it breaks
 * too, of the server's marking). A tty run only where the bulk value got
 * through and the interactive one did not.
 */
const session: Planner = async (plan) => {
  const { bulk, interactive } = plan;
  const bulkPassed =
    bulk === 0 || plan.raw.switched.some((step) => step.tos === bulk && step.outcome === 'ok');
  const ttys = brokeAt(plan, interactive) && bulkPassed ? [false, true] : [false];
  const rawBroke = [...new Set([bulk, interactive])].some((tos) => tos !== 0 && brokeAt(plan, tos));
  const runsFor = async (tty: boolean): Promise<OpenSshProbeResult[]> => {
    if (plan.alreadyFixed) return [await plan.ssh(false, tty, firstDeadline(plan))];
    // The screen saw the break: IPQoS 0 proves the cure; the host's own marking would only break again.
    if (rawBroke) return [await plan.ssh(true, tty, firstDeadline(plan))];
    const own = await plan.ssh(false, tty, firstDeadline(plan));
    // A session that breaks where the screen saw nothing: IPQoS 0 tells the client's marking from the server's.
    if (!isPathFailure(own.outcome)) return [own];
    const zero = await plan.ssh(true, tty, firstDeadline(plan));
    // A hang only counts when it outlasted what a working session just took (a loaded machine is slow, not broken).
    const reference = openSshTimeoutMs(zero.durationMs);
    if (own.outcome === 'timeout' && zero.outcome === 'ok' && own.durationMs < reference) {
      return [await plan.ssh(false, tty, new Deadline(reference)), zero];
    }
    return [own, zero];
  };
  return (await Promise.all(ttys.map(runsFor))).flat();
};

/**
 * thorough: both markings, with and without a tty, everywhere, side by side:
 * when IPQoS 0 finishes, the other's deadline follows from its time.
 */
const thorough: Planner = async (plan) => {
  const bothMarkings = async (tty: boolean): Promise<OpenSshProbeResult[]> => {
    if (plan.alreadyFixed) return [await plan.ssh(false, tty, firstDeadline(plan))];
    const effectiveDeadline = firstDeadline(plan);
    const zero = plan.ssh(true, tty, firstDeadline(plan)).then((run) => {
      if (run.outcome === 'ok') effectiveDeadline.tighten(openSshTimeoutMs(run.durationMs));
      return run;
    });
    return Promise.all([zero, plan.ssh(false, tty, effectiveDeadline)]);
  };
  return (await Promise.all([false, true].map(bothMarkings))).flat();
};

export const PLANNERS: Readonly<Record<CheckMode, Planner>> = { screen, session, thorough };
