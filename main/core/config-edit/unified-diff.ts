import { displayLine, type Eol, type TextLines } from './line-text.ts';

/**
 * One change to a file's lines, by position in the file as planned: remove
 * `deleteCount` lines at `start` and put `insert` there. Plain data, so a
 * plan can travel to the app as JSON.
 */
export interface LineEdit {
  start: number;
  deleteCount: number;
  insert: string[];
}

type Op = { kind: ' ' | '-' | '+'; text: string };

function sortedEdits(edits: readonly LineEdit[], lineCount: number): LineEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let end = 0;
  for (const edit of sorted) {
    if (edit.start < end || edit.start + edit.deleteCount > lineCount) {
      throw new Error(`overlapping or out-of-range line edit at ${edit.start}`);
    }
    end = edit.start + edit.deleteCount;
  }
  return sorted;
}

/**
 * The file after the edits. A replaced line keeps its own ending; a new line
 * gets `eol`. A file that ended without a newline still does, so removing what
 * was added gives back the original bytes.
 */
export function applyEdits(base: TextLines, edits: readonly LineEdit[], eol: Eol): TextLines {
  const lines: string[] = [];
  const eols: string[] = [];
  let cursor = 0;
  for (const edit of sortedEdits(edits, base.lines.length)) {
    for (; cursor < edit.start; cursor++) {
      lines.push(base.lines[cursor] as string);
      eols.push(base.eols[cursor] as string);
    }
    edit.insert.forEach((line, k) => {
      lines.push(line);
      eols.push(k < edit.deleteCount ? base.eols[edit.start + k] || eol : eol);
    });
    cursor = edit.start + edit.deleteCount;
  }
  for (; cursor < base.lines.length; cursor++) {
    lines.push(base.lines[cursor] as string);
    eols.push(base.eols[cursor] as string);
  }
  if (base.eols.at(-1) === '' && lines.length > 0) {
    for (let i = 0; i < eols.length - 1; i++) if (eols[i] === '') eols[i] = eol;
    eols[eols.length - 1] = '';
  }
  return { lines, eols };
}

function diffOps(base: TextLines, edits: readonly LineEdit[]): Op[] {
  const ops: Op[] = [];
  let cursor = 0;
  for (const edit of sortedEdits(edits, base.lines.length)) {
    for (; cursor < edit.start; cursor++) ops.push({ kind: ' ', text: base.lines[cursor] as string });
    for (let k = 0; k < edit.deleteCount; k++)
      ops.push({ kind: '-', text: base.lines[edit.start + k] as string });
    for (const line of edit.insert) ops.push({ kind: '+', text: line });
    cursor = edit.start + edit.deleteCount;
  }
  for (; cursor < base.lines.length; cursor++) ops.push({ kind: ' ', text: base.lines[cursor] as string });
  return ops;
}

/**
 * A unified diff (3 lines of context) of the edits, for a person to read:
 * bytes are shown as UTF-8 where they are, line endings are not shown.
 */
export function unifiedDiff(
  base: TextLines,
  edits: readonly LineEdit[],
  names: { old: string; new: string },
  context = 3,
): string {
  if (edits.length === 0) return '';
  const ops = diffOps(base, edits);
  const changed = ops.map((op, i) => (op.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  const out = [`--- ${names.old}`, `+++ ${names.new}`];
  // Old/new line numbers before each op.
  const oldAt: number[] = [];
  const newAt: number[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const op of ops) {
    oldAt.push(oldLine);
    newAt.push(newLine);
    if (op.kind !== '+') oldLine++;
    if (op.kind !== '-') newLine++;
  }
  let i = 0;
  while (i < changed.length) {
    const first = changed[i] as number;
    let last = first;
    while (i + 1 < changed.length && (changed[i + 1] as number) - last <= 2 * context + 1)
      last = changed[++i] as number;
    i++;
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    const oldStart = oldCount === 0 ? (oldAt[from] as number) - 1 : (oldAt[from] as number);
    const newStart = newCount === 0 ? (newAt[from] as number) - 1 : (newAt[from] as number);
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const op of slice) out.push(`${op.kind}${displayLine(op.text)}`);
  }
  return `${out.join('\n')}\n`;
}
