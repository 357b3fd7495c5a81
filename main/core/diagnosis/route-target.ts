import type { HostTarget } from '../inventory/inventory.ts';
import { sshG } from '../ssh/ssh-client.ts';
import { toEffectiveHost, type EffectiveHost } from '../ssh/ssh-options.ts';
import { firstJumpHop, hopOptions } from './jump-hosts.ts';
import { Deadline } from '../process/deadline.ts';
import { firstOpenSshTimeoutMs } from '../probes/adaptive-timeouts.ts';
import { describeOpenSshProbe, runOpenSshProbe } from '../probes/openssh-probe.ts';
import { isPathFailure } from '../probes/probe-outcome.ts';
import { message, type Message } from '../verdicts/messages.ts';
import type { HostOutcome } from '../verdicts/to-host-report.ts';
import type { ProbeContext, ProbeOutcome } from './probe-host.ts';

export type ProbeOnce = (
  alias: string,
  host: EffectiveHost,
  context: ProbeContext,
  hostOptions?: readonly string[],
) => Promise<ProbeOutcome>;

/** What became of one target, with the alias that should get IPQoS 0. */
export type TargetOutcome = HostOutcome;

const MAX_JUMP_DEPTH = 8;

/**
 * Follows the path ssh takes to a host: a ProxyCommand pipe carries no TOS; a
 * ProxyJump's first hop is opened by a separate `ssh -W` with the hop's own
 * config, so the verdict and the fix belong to that hop (which may itself
 * jump again); anything else is probed directly.
 */
export async function routeTarget(
  target: HostTarget & { hostOptions?: readonly string[] },
  context: ProbeContext,
  probeOnce: ProbeOnce,
  configFile: string | undefined,
  depth = 0,
): Promise<TargetOutcome> {
  const host = target.effective;
  const notProbed = { alreadyFixed: false, sessionOk: false, fixAlias: null };
  if (host.proxyCommand) {
    return {
      ...notProbed,
      verdict: 'not-applicable',
      provenBy: 'config',
      summaryCode: message('verdict.not-applicable.proxy-command'),
      evidenceCodes: [
        message('evidence.proxy-command', { command: host.proxyCommand }),
        message('evidence.proxy-command.hint'),
      ],
    };
  }
  if (!host.proxyJump) {
    const outcome = await probeOnce(target.alias, host, context, target.hostOptions);
    return { ...outcome, fixAlias: outcome.verdict === 'needs-ipqos-0' ? target.alias : null };
  }
  const hop = firstJumpHop(host.proxyJump);
  if (!hop || depth >= MAX_JUMP_DEPTH) {
    return {
      ...notProbed,
      verdict: 'inconclusive',
      provenBy: 'none',
      summaryCode: hop
        ? message('verdict.inconclusive.jump-too-deep', { max: MAX_JUMP_DEPTH })
        : message('verdict.inconclusive.jump-unreadable', { proxyJump: host.proxyJump }),
      evidenceCodes: [message('evidence.proxy-jump', { proxyJump: host.proxyJump })],
    };
  }
  const options = hopOptions(hop);
  const jumpHost = toEffectiveHost(
    await sshG(context.client, {
      host: hop.host,
      configFile,
      options,
      ...(context.signal ? { signal: context.signal } : {}),
    }),
  );
  const jump = await routeTarget(
    { alias: hop.host, effective: jumpHost, hostOptions: options },
    context,
    probeOnce,
    configFile,
    depth + 1,
  );
  const viaJump = message('evidence.via-jump', { hop: hop.host, alias: target.alias });
  if (jump.verdict === 'ok') return okThroughJump(target, hop.host, jumpHost, jump, viaJump, context);
  // The hop's summary and evidence follow as evidence: each line stays a whole sentence of its own.
  return {
    ...jump,
    provenBy: 'jump-host',
    summaryCode: message(`verdict.via-jump.${jump.verdict}` as const, { hop: hop.host }),
    evidenceCodes: [viaJump, jump.summaryCode, ...jump.evidenceCodes],
  };
}

/**
 * The hop is fine; whether this host is, only a session through the hop can
 * tell: its own server may mark its packets (F5) on the hop's side of the
 * path. Outside screen mode the user's ssh opens one, the way `ssh alias`
 * would. IPQoS 0 on this command cannot reach any socket (the hop's ssh -W
 * is a pipe to it), so a break after login is this host's server.
 */
async function okThroughJump(
  target: HostTarget & { hostOptions?: readonly string[] },
  hop: string,
  jumpHost: EffectiveHost,
  jump: TargetOutcome,
  viaJump: Message,
  context: ProbeContext,
): Promise<TargetOutcome> {
  const hopLines = [jump.summaryCode, ...jump.evidenceCodes];
  if (context.mode === 'screen') {
    return {
      ...jump,
      provenBy: 'screen',
      summaryCode: message('verdict.via-jump.ok', { hop }),
      evidenceCodes: [viaJump, ...hopLines],
    };
  }
  context.onStep('your ssh through the jump host');
  const knownHostsFiles = await context.knownHosts.copiesOf(target.effective.userKnownHostsFiles);
  const run = await context.limiter.use(
    jumpHost.hostname.toLowerCase(),
    () =>
      context.logins.use(
        () =>
          runOpenSshProbe(context.client, {
            alias: target.alias,
            configFile: context.configFile,
            ipqosZero: false,
            tty: false,
            knownHostsFiles,
            hostOptions: target.hostOptions ?? [],
            // Two logins in a row, the hop's and this host's.
            deadline: new Deadline(2 * firstOpenSshTimeoutMs(0)),
            ...(context.signal ? { signal: context.signal } : {}),
          }),
        context.signal,
      ),
    context.signal,
  );
  const ran = describeOpenSshProbe(run);
  const base = { alreadyFixed: jump.alreadyFixed, fixAlias: null };
  if (run.outcome === 'ok') {
    return {
      ...base,
      verdict: 'ok',
      provenBy: 'openssh',
      sessionOk: true,
      summaryCode: message('verdict.via-jump.ok.session', { hop }),
      evidenceCodes: [ran, viaJump, ...hopLines],
    };
  }
  if (run.outcome === 'auth-failed' || run.outcome === 'host-key') {
    return {
      ...base,
      verdict: 'ok',
      provenBy: 'screen',
      sessionOk: false,
      summaryCode: message('verdict.via-jump.ok.no-login', { hop }),
      evidenceCodes: [ran, message('evidence.no-login', { reason: run.reason }), viaJump, ...hopLines],
    };
  }
  const { hostname } = target.effective;
  // The hop's ssh -W logs to the same stderr: its version line and login count once, this host's once more.
  // Through a hop that works, silence or a reset with no version line of this host's is its server sending
  // nothing back: sshd 10.1+ marks EF from its banner on (a refusal to connect would be a clean error).
  const noBanner = (run.outcome === 'timeout' || run.outcome === 'reset') && run.banners < 2;
  const serverSide = !noBanner && isPathFailure(run.outcome) && run.logins >= 2;
  return {
    ...base,
    verdict: serverSide || noBanner ? 'server-side' : 'inconclusive',
    provenBy: 'openssh',
    sessionOk: false,
    summaryCode: serverSide
      ? message('verdict.via-jump.server-side.beyond', { hop })
      : noBanner
        ? message('verdict.via-jump.server-side.no-banner', { hop })
        : message('verdict.via-jump.inconclusive.beyond', { hop, outcome: run.outcome }),
    evidenceCodes: [
      ran,
      ...(serverSide ? [message('evidence.server-side.advice', { hostname })] : []),
      ...(noBanner ? [message('evidence.server-side.no-banner', { hostname })] : []),
      viaJump,
      ...hopLines,
    ],
  };
}
