import { isPathFailure, isUnreachable } from '../probes/probe-outcome.ts';
import type { OpenSshProbeResult } from '../probes/openssh-probe.ts';
import type { TosProbeResult } from '../probes/tos-probe.ts';
import { formatTos } from '../ssh/ipqos-values.ts';
import type { HostReport, Verdict } from './host-report.ts';

/** Everything the probes observed for one directly connected host. */
export interface Observations {
  alreadyFixed: boolean;
  /** The raw probe: the unmarked baseline, then each switch to a marking the host uses. */
  raw: TosProbeResult;
  /** OpenSSH runs: effective marking and IPQoS 0, with or without a tty. */
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

/**
 * The rules, in order of strength: the user's own ssh decides when it can log
 * in; a run that reached authentication still proves the path up to there;
 * otherwise the verdict rests on the raw probe and says so.
 */
export function decideVerdict(obs: Observations): Decision {
  const { baseline } = obs.raw;
  if (baseline.outcome !== 'ok') {
    const what = isUnreachable(baseline.outcome)
      ? baseline.outcome
      : `${baseline.outcome} at ${baseline.stage}`;
    return decision(
      'unreachable',
      'raw-probe',
      `Even an unmarked connection fails (${what}): not a QoS problem.`,
    );
  }
  const effective = obs.openssh.filter((run) => !run.ipqosZero);
  const zero = obs.openssh.filter((run) => run.ipqosZero);
  const effectiveBroken = effective.filter((run) => isPathFailure(run.outcome));
  const rawBroken = obs.raw.switched.filter((step) => step.outcome !== 'ok');

  if (obs.alreadyFixed) {
    if (effectiveBroken.length > 0) {
      return decision(
        'inconclusive',
        'openssh',
        'IPQoS is already 0 here, yet the connection breaks after it opens: if it breaks on the server’s own marking, the fix is IPQoS in the server’s sshd_config.',
      );
    }
    return decision(
      'ok',
      'config',
      'Already fixed: the effective IPQoS puts 0 on the wire, and the connection works.',
    );
  }

  if (effectiveBroken.length > 0) {
    const zeroOk = zero.length > 0 && zero.every((run) => run.outcome === 'ok');
    const zeroBroken = zero.filter((run) => isPathFailure(run.outcome));
    const modes = effectiveBroken
      .map((run) => (run.tty ? 'with a tty' : 'without a tty (scp, git, commands)'))
      .join(' and ');
    if (!obs.zeroForced) {
      return decision(
        'inconclusive',
        'openssh',
        `Your ssh breaks ${modes}, but this ssh lets the config override -o IPQoS=0 (before 8.7), so the fix could not be tried.`,
      );
    }
    if (zeroOk)
      return decision('needs-ipqos-0', 'openssh', `Your ssh breaks ${modes}; with IPQoS 0 it works.`);
    if (zeroBroken.length === 0 && zero.some((run) => run.outcome === 'auth-failed')) {
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

  if (effective.length > 0 && effective.every((run) => run.outcome === 'ok')) {
    if (rawBroken.length > 0) {
      return decision(
        'ok',
        'openssh',
        'Your ssh works; a raw TOS change after key exchange did not, so watch this host if the network changes.',
      );
    }
    return decision('ok', 'openssh', 'Your ssh works with its own marking.');
  }

  if (rawBroken.length > 0) {
    const changes = rawBroken
      .map((switched) => `${switched.outcome} after a switch to ${formatTos(switched.tos)}`)
      .join(', ');
    const broken = `TOS 0 works, but a TOS change mid-connection breaks it (${changes})`;
    if (zero.some((run) => run.outcome === 'ok') && obs.zeroForced) {
      return decision('needs-ipqos-0', 'raw-probe', `${broken}; your ssh with IPQoS 0 works.`);
    }
    if (zero.some((run) => isPathFailure(run.outcome))) {
      return decision(
        'inconclusive',
        'raw-probe',
        `${broken}, and your ssh breaks even with IPQoS 0: likely the server’s own marking (set IPQoS in its sshd_config) or not a QoS problem.`,
      );
    }
    const why = zero[0] ?? effective[0];
    return decision(
      'needs-ipqos-0',
      'raw-probe',
      `${broken}. Rests on the raw probe${why ? `: your ssh could not confirm the fix (${why.reason})` : ''}.`,
    );
  }
  const carried = obs.raw.switched.map((step) => formatTos(step.tos));
  return decision(
    'ok',
    'raw-probe',
    carried.length > 0
      ? `The path carries a switch to TOS ${carried.join(' and ')} mid-connection, as your ssh makes it.`
      : 'The path works.',
  );
}
