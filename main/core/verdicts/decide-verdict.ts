import { isPathFailure, isUnreachable } from '../probes/probe-outcome.ts';
import type { OpenSshProbeResult } from '../probes/openssh-probe.ts';
import type { TosProbeResult } from '../probes/tos-probe.ts';
import type { HostReport, Verdict } from './host-report.ts';

/** Everything the probes observed for one directly connected host. */
export interface Observations {
  alreadyFixed: boolean;
  baseline: TosProbeResult;
  /** Raw-probe runs that switched TOS after key exchange (none when already fixed). */
  variants: TosProbeResult[];
  /** OpenSSH runs: effective marking and IPQoS 0, with and without a tty. */
  openssh: OpenSshProbeResult[];
  /** False when this ssh lets the config override `-o IPQoS=0` (before 8.7). */
  zeroForced: boolean;
}

export type Decision = Pick<HostReport, 'verdict' | 'summary' | 'provenBy'>;

const decision = (verdict: Verdict, provenBy: HostReport['provenBy'], summary: string): Decision => ({
  verdict,
  summary,
  provenBy,
});

/** An OpenSSH run that reached the server's authentication: the path carried key exchange. */
const reachedAuth = (run: OpenSshProbeResult): boolean => run.outcome === 'auth-failed';

/**
 * The rules, in order of strength: the user's own ssh decides when it can log
 * in; a run that reached authentication still proves the path up to there;
 * otherwise the verdict rests on the raw probe and says so.
 */
export function decideVerdict(obs: Observations): Decision {
  if (obs.baseline.outcome !== 'ok') {
    const what = isUnreachable(obs.baseline.outcome) ? obs.baseline.outcome : `${obs.baseline.outcome} at ${obs.baseline.stage}`;
    return decision('unreachable', 'raw-probe', `Even an unmarked connection fails (${what}): not a QoS problem.`);
  }
  const effective = obs.openssh.filter((run) => !run.ipqosZero);
  const zero = obs.openssh.filter((run) => run.ipqosZero);
  const effectiveBroken = effective.filter((run) => isPathFailure(run.outcome));
  const rawBroken = obs.variants.filter((run) => run.outcome !== 'ok');

  if (obs.alreadyFixed) {
    if (effectiveBroken.length > 0) {
      return decision(
        'inconclusive',
        'openssh',
        'IPQoS is already 0 here, yet the connection breaks after it opens: if it breaks on the server’s own marking, the fix is IPQoS in the server’s sshd_config.',
      );
    }
    return decision('ok', 'config', 'Already fixed: the effective IPQoS puts 0 on the wire, and the connection works.');
  }

  if (effectiveBroken.length > 0) {
    const zeroOk = zero.length > 0 && zero.every((run) => run.outcome === 'ok');
    const zeroBroken = zero.filter((run) => isPathFailure(run.outcome));
    const modes = effectiveBroken.map((run) => (run.tty ? 'with a tty' : 'without a tty (scp, git, commands)')).join(' and ');
    if (!obs.zeroForced) {
      return decision(
        'inconclusive',
        'openssh',
        `Your ssh breaks ${modes}, but this ssh lets the config override -o IPQoS=0 (before 8.7), so the fix could not be tried.`,
      );
    }
    if (zeroOk) return decision('needs-ipqos-0', 'openssh', `Your ssh breaks ${modes}; with IPQoS 0 it works.`);
    if (zeroBroken.length === 0 && zero.some(reachedAuth)) {
      return decision(
        'needs-ipqos-0',
        'openssh',
        `Your ssh breaks ${modes}; with IPQoS 0 it gets through to authentication (logging in needs a key or password, so that is as far as it was proven).`,
      );
    }
    return decision(
      'inconclusive',
      'openssh',
      `Your ssh breaks ${modes} even with IPQoS 0: likely the server’s own marking (set IPQoS in its sshd_config) or not a QoS problem.`,
    );
  }

  const effectiveOk = effective.length > 0 && effective.every((run) => run.outcome === 'ok');
  if (effectiveOk) {
    if (rawBroken.length > 0) {
      return decision(
        'ok',
        'openssh',
        'Your ssh works; a raw TOS change after key exchange did not, so watch this host if the network changes.',
      );
    }
    return decision('ok', 'openssh', 'Your ssh works with its own marking, with and without a tty.');
  }

  // The user's ssh could not log in non-interactively: fall back to the raw probe.
  const why = effective[0] ? effective[0].reason : 'it was not run';
  if (rawBroken.length > 0) {
    return decision(
      'needs-ipqos-0',
      'raw-probe',
      `A TOS change after key exchange breaks the connection, while TOS 0 works. Rests on the raw probe: your ssh could not log in without a prompt (${why}).`,
    );
  }
  return decision(
    'ok',
    'raw-probe',
    `The path carries the marking through authentication. Rests on the raw probe: your ssh could not log in without a prompt (${why}).`,
  );
}
