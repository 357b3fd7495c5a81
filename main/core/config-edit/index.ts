/**
 * The config-edit API (issue 16 §4): plan a change (`planFix`, `planUndo`),
 * show it, then `applyPlan`. The CLI and the app import from here, not from
 * the modules behind it.
 */
export { planFix, planUndo, type EditPlan, type HostDecision, type PlanRequest } from './edit-plan.ts';
export { applyPlan, type ApplyOptions, type ApplyResult } from './apply-plan.ts';
export type { LeftOutAlias } from '../ssh/askable-aliases.ts';
export type { MatchExec } from './config-outline.ts';
export { PLAN_TEMPLATES, type PlanCode, type PlanMessage } from './plan-messages.ts';
export { BACKUPS_KEPT } from './backup.ts';
export { ConfigNotWritableError, renderManualSteps, type ManualStep } from './manual-steps.ts';
export { hostsInToolBlocks } from './tool-blocks.ts';
export { STATE_DIR_ENV, backupDirOf, toolStateDir } from './tool-state-dir.ts';
