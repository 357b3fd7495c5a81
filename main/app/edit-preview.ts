/**
 * A core EditPlan as the popover shows it, and the hash a confirmation must
 * carry back: sha256 over what the user saw (kind, diff, hosts) and the file
 * it was made from, so an apply can only ever write the plan that was shown.
 */
import { createHash } from 'node:crypto';
import { renderManualSteps, type ApplyResult, type EditPlan } from '../core/config-edit/index.ts';
import type { EditOutcome, EditPreview } from '../shared/ipc-contract.ts';
import { appMessage, listAliases } from './app-messages.ts';

export function planHash(plan: EditPlan, hosts: readonly string[]): string {
  const shown = {
    kind: plan.kind,
    configFile: plan.configFile,
    base: plan.baseSha256,
    diff: plan.diff,
    hosts: [...new Set(hosts)].sort(),
  };
  return createHash('sha256').update(JSON.stringify(shown)).digest('hex');
}

export function toPreview(plan: EditPlan, hosts: readonly string[], hash: string): EditPreview {
  return {
    kind: plan.kind,
    planHash: hash,
    hosts: [...hosts],
    configFile: plan.configFile,
    backupDir: plan.backupDir,
    diff: plan.diff,
    nothingToDo: plan.edits.length === 0,
    decisions: plan.hosts.map((decision) => ({
      host: decision.host,
      action: decision.action,
      detail: decision.detail.slice(0, 2000),
    })),
    notes: plan.notes.slice(0, 100).map((note) => note.slice(0, 2000)),
    writable: plan.writable.ok,
    manual: plan.edits.length > 0 && !plan.writable.ok ? renderManualSteps(plan.realPath, plan.manual) : null,
  };
}

/** The hosts the plan actually changes. */
export function changedHosts(plan: EditPlan): string[] {
  return plan.hosts
    .filter((decision) => decision.action === 'add' || decision.action === 'remove')
    .map((decision) => decision.host);
}

export function toOutcome(
  plan: EditPlan,
  result: ApplyResult,
  proof: { alias: string; ipqos: string }[],
): EditOutcome {
  const aliases = listAliases(changedHosts(plan), 10);
  const reason = result.problems.slice(0, 3).join('; ');
  const base = { kind: plan.kind, backupPath: result.backupPath, proof };
  switch (result.status) {
    case 'applied':
      return {
        ...base,
        status: 'verified',
        message: appMessage(plan.kind === 'fix' ? 'fix.verified' : 'fix.undo-verified', { aliases }),
      };
    case 'unchanged':
      return {
        ...base,
        status: 'nothing-to-do',
        message: appMessage('fix.nothing-to-do', { configFile: plan.configFile }),
      };
    case 'refused':
      return { ...base, status: 'refused', message: appMessage('fix.refused', { reason }) };
    case 'restored':
      return { ...base, status: 'restored', message: appMessage('fix.restored', { reason }) };
  }
}
