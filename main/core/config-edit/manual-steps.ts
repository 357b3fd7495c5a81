import { UserError } from '../errors.ts';
import { ERROR_TEMPLATES, HINT_TEMPLATES } from '../error-messages.ts';
import { interpolate } from '../../shared/interpolate.ts';
import { describeLine } from './added-lines-marker.ts';
import { displayLine } from './line-text.ts';
import type { LineEdit } from './unified-diff.ts';

/** One change a person can make by hand, with line numbers of the file as it is now (1-based). */
export interface ManualStep {
  action: 'insert' | 'delete' | 'replace';
  /** insert: the line to insert above (the line count + 1 means the end); delete/replace: the first line. */
  line: number;
  /** Lines deleted or replaced. */
  count: number;
  /** The lines to add (insert, replace). */
  lines: string[];
  /** Where, in words. */
  where: string;
}

/** The edits as steps, last first, so each step's line numbers are still right when the user gets to it. */
export function manualSteps(raw: readonly string[], edits: readonly LineEdit[]): ManualStep[] {
  return [...edits]
    .sort((a, b) => b.start - a.start)
    .map((edit): ManualStep => {
      const lines = edit.insert.map(displayLine);
      if (edit.deleteCount === 0) {
        const where =
          edit.start >= raw.length
            ? 'at the end of the file'
            : edit.start === 0
              ? 'at the very top of the file'
              : `just above ${describeLine(raw, edit.start)}`;
        return { action: 'insert', line: edit.start + 1, count: 0, lines, where };
      }
      const range =
        edit.deleteCount === 1
          ? `line ${edit.start + 1}`
          : `lines ${edit.start + 1}-${edit.start + edit.deleteCount}`;
      if (edit.insert.length === 0)
        return { action: 'delete', line: edit.start + 1, count: edit.deleteCount, lines, where: range };
      return { action: 'replace', line: edit.start + 1, count: edit.deleteCount, lines, where: range };
    });
}

export function renderManualSteps(file: string, steps: readonly ManualStep[]): string {
  const out: string[] = [];
  for (const step of steps) {
    if (step.action === 'insert') out.push(`In ${file}, ${step.where}, add:`);
    else if (step.action === 'delete') out.push(`In ${file}, delete ${step.where}.`);
    else out.push(`In ${file}, replace ${step.where} with:`);
    for (const line of step.lines) out.push(`    ${line}`);
    out.push('');
  }
  return out.join('\n');
}

/** The change cannot be written; carries the steps so the CLI prints them and the app shows them. */
export class ConfigNotWritableError extends UserError {
  readonly file: string;
  readonly steps: ManualStep[];

  constructor(file: string, reason: string, steps: ManualStep[]) {
    const params = { file, reason, steps: renderManualSteps(file, steps) };
    super(
      interpolate(ERROR_TEMPLATES['core.error.config-not-writable'], params),
      interpolate(HINT_TEMPLATES['core.hint.manual-steps'], params),
      { code: 'core.error.config-not-writable', params, hintCode: 'core.hint.manual-steps' },
    );
    this.name = 'ConfigNotWritableError';
    this.file = file;
    this.steps = steps;
  }
}
