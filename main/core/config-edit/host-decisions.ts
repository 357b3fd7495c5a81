/** What a plan says it does for each host, and its notes, made from coded parts (plan-messages.ts). */
import type { SshClient } from '../ssh/ssh-client.ts';
import type { HostPlacement } from './placement.ts';
import { joinParts, planMessage, type PlanMessage } from './plan-messages.ts';
import type { SystemOverride } from './system-config.ts';

/** What happens to one host the user named. */
export interface HostDecision {
  host: string;
  /** A concrete alias on a Host line of the config (else it gets a block of its own). */
  inConfig: boolean;
  /** `ssh -G`'s ipqos before the change ('' when not measured). */
  ipqosBefore: string;
  /** blocked: an IPQoS line of the system config wins on this ssh (before 8.7); only an admin can change it. */
  action: 'add' | 'already' | 'remove' | 'not-found' | 'blocked';
  /** The English of `detailCodes`, joined. */
  detail: string;
  detailCodes: PlanMessage[];
}

const sshName = (ssh: SshClient): string => ssh.version.raw.split(' ')[0] ?? ssh.version.raw;

function decision(
  base: Omit<HostDecision, 'detail' | 'detailCodes'>,
  parts: readonly PlanMessage[],
): HostDecision {
  return { ...base, detail: joinParts(parts), detailCodes: [...parts] };
}

/** A fix's decision for a placed host. */
export function placedDecision(
  placement: HostPlacement,
  ipqosBefore: string,
  aliases: readonly string[],
): HostDecision {
  const inConfig = aliases.includes(placement.host);
  const base = { host: placement.host, inConfig, ipqosBefore, action: placement.action };
  if (placement.action === 'already')
    return decision(base, [planMessage('plan.fix.already', { ipqos: ipqosBefore })]);
  const line = placement.before === null ? 0 : placement.before + 1;
  const parts = [
    placement.before !== null && placement.end
      ? planMessage('plan.fix.add.above-and-end', { ipqos: ipqosBefore, line })
      : placement.before !== null
        ? planMessage('plan.fix.add.above', { ipqos: ipqosBefore, line })
        : planMessage('plan.fix.add.end', { ipqos: ipqosBefore }),
  ];
  if (placement.others > 0) parts.push(planMessage('plan.fix.others', { count: placement.others }));
  if (!inConfig) {
    parts.push(planMessage('plan.fix.new-block'));
    // ssh matches Host patterns case-sensitively, so `WEB` is not `web`: say so before the user confirms.
    const same = aliases.find((alias) => alias.toLowerCase() === placement.host.toLowerCase());
    if (same !== undefined) parts.push(planMessage('plan.fix.case', { alias: same }));
  }
  return decision(base, parts);
}

/** A fix's decision for a host only the system config can fix (before 8.7). */
export function blockedDecision(
  override: SystemOverride,
  ssh: SshClient,
  inConfig: boolean,
  ipqosBefore: string,
): HostDecision {
  return decision({ host: override.host, inConfig, ipqosBefore, action: 'blocked' }, [
    planMessage('plan.fix.blocked', { ssh: sshName(ssh), where: override.where }),
    planMessage('plan.fix.blocked.without-system', { host: override.host }),
  ]);
}

export function systemMayOverride(override: SystemOverride, ssh: SshClient): PlanMessage {
  return planMessage('plan.note.system-may-override', {
    where: override.where,
    host: override.host,
    ssh: sshName(ssh),
  });
}

export function undoDecision(host: string, inConfig: boolean, removed: boolean): HostDecision {
  return decision({ host, inConfig, ipqosBefore: '', action: removed ? 'remove' : 'not-found' }, [
    planMessage(removed ? 'plan.undo.remove' : 'plan.undo.not-found'),
  ]);
}

export function nothingToUndo(file: string, exists: boolean, hosts: readonly string[]): PlanMessage {
  if (!exists) return planMessage('plan.note.no-file', { file });
  return hosts.length > 0
    ? planMessage('plan.note.nothing-to-undo-for', { file, hosts: hosts.join(', ') })
    : planMessage('plan.note.nothing-to-undo', { file });
}
