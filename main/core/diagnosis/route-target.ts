import type { HostTarget } from '../inventory/inventory.ts';
import { sshG } from '../ssh/ssh-client.ts';
import { toEffectiveHost, type EffectiveHost } from '../ssh/ssh-options.ts';
import { firstJumpHop, hopOptions } from './jump-hosts.ts';
import { message } from '../verdicts/messages.ts';
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
  // The hop's summary and evidence follow as evidence: each line stays a whole sentence of its own.
  return {
    ...jump,
    provenBy: 'jump-host',
    summaryCode: message(`verdict.via-jump.${jump.verdict}` as const, { hop: hop.host }),
    evidenceCodes: [
      message('evidence.via-jump', { hop: hop.host, alias: target.alias }),
      jump.summaryCode,
      ...jump.evidenceCodes,
    ],
  };
}
