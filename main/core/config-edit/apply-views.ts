import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EditPlan } from './edit-plan.ts';
import { describeDifference } from './ssh-g-invariant.ts';
import { standInText } from './system-config.ts';

/** ssh -G runs at a time, and the signal that stops them. */
export interface Capture {
  concurrency: number;
  signal?: AbortSignal;
}

export type Problem = { alias: string; problem: string };

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

/** One line per problem; the first few "other settings changed" say which settings. */
export async function explain(
  plan: EditPlan,
  problems: readonly Problem[],
  beforeFile: string,
  afterFile: string,
  signal: AbortSignal | undefined,
): Promise<string[]> {
  const lines: string[] = [];
  for (const [index, { alias, problem }] of problems.entries()) {
    let line = `${alias}: ${problem}`;
    if (index < EXPLAINED && problem === 'other settings changed') {
      line += ` (${await describeDifference(plan.ssh, beforeFile, afterFile, alias, signal)})`;
    }
    lines.push(line);
  }
  return lines;
}
