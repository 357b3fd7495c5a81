import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EditPlan } from './edit-plan.ts';
import { planMessage, type PlanMessage } from './plan-messages.ts';
import { describeDifference, type StateProblem } from './ssh-g-invariant.ts';
import { standInText } from './system-config.ts';

/** ssh -G runs at a time, and the signal that stops them. */
export interface Capture {
  concurrency: number;
  signal?: AbortSignal;
}

export type Problem = StateProblem;

const EXPLAINED = 3;

/** A file ssh -G reads as the config with these bytes: the file itself for -F, or a stand-in. */
export async function view(plan: EditPlan, bytes: Buffer, scratchDir: string, name: string): Promise<string> {
  const file = path.join(scratchDir, name);
  await writeFile(file, standInText(bytes.toString('latin1'), plan.systemConfig, plan.eol), {
    encoding: 'latin1',
    mode: 0o600,
  });
  return file;
}

export async function beforeView(plan: EditPlan, base: Buffer, scratchDir: string): Promise<string> {
  if (!plan.exists && plan.systemConfig === null) return '/dev/null';
  return view(plan, base, scratchDir, 'before');
}

/**
 * One line per problem, as a code (`plan.problem.line`, its `problemCode` and
 * `problemParams` beside) with its English; the first few "other settings
 * changed" say which settings (ssh -G's own key: value → value).
 */
export async function explain(
  plan: EditPlan,
  problems: readonly Problem[],
  beforeFile: string,
  afterFile: string,
  signal: AbortSignal | undefined,
): Promise<PlanMessage[]> {
  const lines: PlanMessage[] = [];
  for (const [index, { alias, problem, code, params }] of problems.entries()) {
    const base = { alias, problem, problemCode: code, ...params };
    if (index < EXPLAINED && code === 'plan.problem.others-changed') {
      const difference = await describeDifference(plan.ssh, beforeFile, afterFile, alias, signal);
      lines.push(planMessage('plan.problem.line.difference', { ...base, difference }));
    } else {
      lines.push(planMessage('plan.problem.line', base));
    }
  }
  return lines;
}
