import type { OpenSshProbeResult } from '../probes/openssh-probe.ts';
import { blockedByLocalNetworkPrivacy } from '../probes/local-network.ts';
import { isPathFailure, isUnreachable } from '../probes/probe-outcome.ts';
import type { SwitchResult, TosProbeResult } from '../probes/tos-probe.ts';
import { formatTos } from '../ssh/ipqos-values.ts';
import type { HostReport, Verdict } from './host-report.ts';
import { message, type Message, type TtyModes } from './messages.ts';

/** Everything the probes observed for one directly connected host. */
export interface Observations {
  hostname: string;
  alreadyFixed: boolean;
  /** The raw probe: the unmarked baseline, then each switch to a marking the host uses. */
  raw: TosProbeResult;
  /** The user's ssh: its effective marking and IPQoS 0, with or without a tty; empty in screen mode. */
  openssh: OpenSshProbeResult[];
  /** False when the IPQoS 0 runs could not put 0 on the wire (before 8.7, no copy with the fix). */
  zeroForced: boolean;
  /** The OS whose rules explain a failed connect (macOS's Local Network privacy). */
  platform: NodeJS.Platform;
}

export interface Decision {
  verdict: Verdict;
  provenBy: HostReport['provenBy'];
  summaryCode: Message;
  /** A session with the user's ssh and the host's own marking worked. */
  sessionOk: boolean;
  /** Evidence the verdict itself adds: why no session ran, what to tell a server's admin. */
  notes: Message[];
}

const decision = (
  verdict: Verdict,
  provenBy: HostReport['provenBy'],
  summaryCode: Message,
  extra: { sessionOk?: boolean; notes?: Message[] } = {},
): Decision => ({
  verdict,
  provenBy,
  summaryCode,
  sessionOk: extra.sessionOk ?? false,
  notes: extra.notes ?? [],
});

const worked = (run: OpenSshProbeResult): boolean => run.outcome === 'ok';
/** sshd marks its own direction once a session starts: a break after login is where that shows. */
const afterLogin = (run: OpenSshProbeResult): boolean =>
  run.stage === 'authenticated' || run.stage === 'session';
/** No prompt-free login: the run says nothing about the path beyond authentication. */
const cannotLogIn = (run: OpenSshProbeResult): boolean =>
  run.outcome === 'auth-failed' || run.outcome === 'host-key';

function ttyModes(runs: readonly OpenSshProbeResult[]): TtyModes {
  const tty = runs.some((run) => run.tty);
  const noTty = runs.some((run) => !run.tty);
  return tty && noTty ? 'both' : tty ? 'tty' : 'no-tty';
}
type ModedStem =
  | 'verdict.needs-ipqos-0.session-breaks'
  | 'verdict.needs-ipqos-0.reaches-auth'
  | 'verdict.inconclusive.not-forced'
  | 'verdict.inconclusive.zero-breaks';
const withModes = (stem: ModedStem, runs: readonly OpenSshProbeResult[]): Message =>
  message(`${stem}.${ttyModes(runs)}` as const);

const switchParams = (step: SwitchResult): Record<string, string> => ({
  tos: formatTos(step.tos),
  outcome: step.outcome,
});

/**
 * The unmarked connection itself failed. Three cases are told apart:
 * - macOS's Local Network privacy refused a local target (EHOSTUNREACH/EPERM at once): the
 *   user's permission, not the host;
 * - TCP connected but not one byte came back (silence or a reset where the version line should be):
 *   sshd sends that line at once, and from 10.1 marks it EF, so the likelier cause is the server's
 *   marking meeting a middlebox (F3/F4/F5 in the server→client direction), the less likely a hung sshd;
 *   either way IPQoS 0 here cannot help, as the probe's own packets were unmarked;
 * - anything else (no TCP connection, refused, no name, a close): unreachable.
 */
function notConnected(obs: Observations): Decision {
  const { baseline } = obs.raw;
  const { hostname } = obs;
  if (blockedByLocalNetworkPrivacy({ ...baseline, platform: obs.platform, hostname })) {
    const target =
      baseline.address && baseline.address !== hostname ? `${hostname} (${baseline.address})` : hostname;
    return decision(
      'inconclusive',
      'screen',
      message('verdict.inconclusive.local-network', { target, errno: baseline.errno ?? '' }),
      { notes: [message('evidence.local-network.where')] },
    );
  }
  // A reset reported by connect() itself came after the handshake (a reset answering the SYN is
  // ECONNREFUSED): the event loop saw the connection only once it had been reset.
  const connected =
    baseline.stage === 'version' || (baseline.stage === 'connect' && baseline.outcome === 'reset');
  const silentServer = connected && baseline.bytesReceived === 0;
  if (silentServer && (baseline.outcome === 'timeout' || baseline.outcome === 'reset')) {
    return decision('server-side', 'screen', message(`verdict.server-side.no-banner.${baseline.outcome}`), {
      notes: [message('evidence.server-side.no-banner', { hostname })],
    });
  }
  return decision(
    'unreachable',
    'screen',
    message('verdict.unreachable', {
      outcome: baseline.outcome,
      stage: isUnreachable(baseline.outcome) ? 'connect' : baseline.stage,
    }),
  );
}

/**
 * The rules, in order of strength: a session with the user's own ssh decides
 * when one ran; a break with the host's marking is the client's to fix when
 * IPQoS 0 cures it and the server's when it breaks after login either way;
 * where no session could run (screen mode, no prompt-free login), the raw
 * probe's verdict stands and says so (provenBy: screen).
 */
export function decideVerdict(obs: Observations): Decision {
  const { baseline } = obs.raw;
  if (baseline.outcome !== 'ok') return notConnected(obs);
  const effective = obs.openssh.filter((run) => !run.ipqosZero);
  const zero = obs.openssh.filter((run) => run.ipqosZero);
  const effectiveBroken = effective.filter((run) => isPathFailure(run.outcome));
  const sessionOk = effective.length > 0 && effective.every(worked);
  const rawBroken = obs.raw.switched.find((step) => step.outcome !== 'ok');
  const noLogin = effective.find((run) => cannotLogIn(run));
  const noLoginNote = noLogin ? [message('evidence.no-login', { reason: noLogin.reason })] : [];
  const serverNote = message('evidence.server-side.advice', { hostname: obs.hostname });

  if (obs.alreadyFixed) {
    if (effectiveBroken.length > 0) {
      return effectiveBroken.every(afterLogin)
        ? decision('server-side', 'openssh', message('verdict.server-side.already-fixed'), {
            notes: [serverNote],
          })
        : decision('inconclusive', 'openssh', message('verdict.inconclusive.already-fixed-breaks'));
    }
    if (sessionOk) return decision('ok', 'openssh', message('verdict.ok.already-fixed'), { sessionOk });
    if (effective.length === 0) return decision('ok', 'screen', message('verdict.ok.already-fixed.screen'));
    if (noLogin) {
      return decision('ok', 'screen', message('verdict.ok.already-fixed.no-login'), { notes: noLoginNote });
    }
  }

  if (effectiveBroken.length > 0) {
    const zeroBroken = zero.filter((run) => isPathFailure(run.outcome));
    if (!obs.zeroForced) {
      return decision(
        'inconclusive',
        'openssh',
        withModes('verdict.inconclusive.not-forced', effectiveBroken),
      );
    }
    if (zero.length > 0 && zero.every(worked)) {
      return decision(
        'needs-ipqos-0',
        'openssh',
        withModes('verdict.needs-ipqos-0.session-breaks', effectiveBroken),
      );
    }
    if (zeroBroken.length === 0 && zero.some((run) => run.outcome === 'auth-failed')) {
      return decision(
        'needs-ipqos-0',
        'openssh',
        withModes('verdict.needs-ipqos-0.reaches-auth', effectiveBroken),
      );
    }
    // The raw probe never opens a session, so the server never marks for it: a clean screen and
    // sessions that break after login with and without IPQoS 0 are the server's marking (F5).
    if (zeroBroken.length > 0 && !rawBroken && [...effectiveBroken, ...zeroBroken].every(afterLogin)) {
      return decision('server-side', 'openssh', message('verdict.server-side'), { notes: [serverNote] });
    }
    if (zeroBroken.length > 0) {
      return decision(
        'inconclusive',
        'openssh',
        withModes('verdict.inconclusive.zero-breaks', effectiveBroken),
      );
    }
    const other = zero[0] ?? effectiveBroken[0];
    return decision(
      'inconclusive',
      'openssh',
      message('verdict.inconclusive.no-session', { outcome: other?.outcome ?? 'error' }),
    );
  }

  if (sessionOk) {
    if (rawBroken) {
      return decision('ok', 'openssh', message('verdict.ok.session.raw-broke', switchParams(rawBroken)), {
        sessionOk,
      });
    }
    return decision('ok', 'openssh', message('verdict.ok.session'), { sessionOk });
  }

  // No session with the host's own marking: screen mode, a break the raw probe found, or no login.
  if (rawBroken) {
    const params = switchParams(rawBroken);
    // Whatever the IPQoS 0 runs did, they ran with the config's marking: they say nothing about the fix.
    if (zero.length > 0 && !obs.zeroForced) {
      return decision('inconclusive', 'screen', message('verdict.inconclusive.screen-not-forced', params));
    }
    if (zero.some(worked)) {
      return decision('needs-ipqos-0', 'openssh', message('verdict.needs-ipqos-0.screen-confirmed', params));
    }
    if (zero.some((run) => isPathFailure(run.outcome))) {
      return decision('inconclusive', 'screen', message('verdict.inconclusive.screen-zero-breaks', params));
    }
    const why = zero[0] ?? effective[0];
    if (!why)
      return decision('needs-ipqos-0', 'screen', message('verdict.needs-ipqos-0.screen-only', params));
    return decision(
      'needs-ipqos-0',
      'screen',
      message('verdict.needs-ipqos-0.screen-unconfirmed', { ...params, reason: why.reason }),
      { notes: noLoginNote },
    );
  }
  const tos = obs.raw.switched.map((step) => formatTos(step.tos)).join(', ');
  if (effective.length === 0) return decision('ok', 'screen', message('verdict.ok.screen', { tos }));
  if (noLogin)
    return decision('ok', 'screen', message('verdict.ok.screen.no-login', { tos }), { notes: noLoginNote });
  const failed = effective.find((run) => !worked(run));
  return decision(
    'inconclusive',
    'openssh',
    message('verdict.inconclusive.no-session', { outcome: failed?.outcome ?? 'error' }),
  );
}
