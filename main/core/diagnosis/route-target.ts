import type { HostTarget } from '../inventory/inventory.ts';
import { sshG } from '../ssh/ssh-client.ts';
import { toEffectiveHost, type EffectiveHost } from '../ssh/ssh-options.ts';
import { firstJumpHop, hopOptions } from './jump-hosts.ts';
import type { ProbeContext, ProbeOutcome } from './probe-host.ts';

export type ProbeOnce = (
  alias: string,
  host: EffectiveHost,
  context: ProbeContext,
  hostOptions?: readonly string[],
) => Promise<ProbeOutcome>;

export interface TargetOutcome extends ProbeOutcome {
  /** The alias that should get IPQoS 0: the host itself, or the jump host whose socket carries the TOS. */
  fixAlias: string | null;
}

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
  if (host.proxyCommand) {
    return {
      verdict: 'not-applicable',
      provenBy: 'config',
      summary: 'Connects through a ProxyCommand: ssh sets no TOS on a pipe, so IPQoS here changes nothing.',
      evidence: [
        `ProxyCommand ${host.proxyCommand}`,
        'If that command runs ssh itself (ssh -W), check the host it connects to: its IPQoS applies there.',
      ],
      fixAlias: null,
    };
  }
  if (!host.proxyJump) {
    const outcome = await probeOnce(target.alias, host, context, target.hostOptions);
    return { ...outcome, fixAlias: outcome.verdict === 'needs-ipqos-0' ? target.alias : null };
  }
  const hop = firstJumpHop(host.proxyJump);
  if (!hop || depth >= MAX_JUMP_DEPTH) {
    return {
      verdict: 'inconclusive',
      provenBy: 'none',
      summary: hop
        ? `ProxyJump nests deeper than ${MAX_JUMP_DEPTH} hops.`
        : `Cannot read the ProxyJump value "${host.proxyJump}".`,
      evidence: [`ProxyJump ${host.proxyJump}`],
      fixAlias: null,
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
  return {
    ...jump,
    provenBy: 'jump-host',
    summary: `Through ProxyJump ${hop.host}: ${jump.summary}`,
    evidence: [
      `The TOS is set on the socket to the first hop, ${hop.host}, which a separate ssh -W opens with ${hop.host}'s own config; -o IPQoS=0 for ${target.alias} does not reach it.`,
      ...jump.evidence.map((line) => `${hop.host}: ${line}`),
    ],
  };
}
