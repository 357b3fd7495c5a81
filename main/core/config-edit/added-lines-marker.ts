import { coreError } from '../error-messages.ts';
import type { FileOutline } from './config-outline.ts';
import { displayLine } from './line-text.ts';
import type { LineEdit } from './unified-diff.ts';

export const TOOL_NAME = 'ipqos-doctor';

/**
 * The comment above every block the tool adds. It says who added the lines,
 * when, why, and how many follow, so undo removes exactly those lines.
 */
const MARKER = /^[ \t]*# Added by ipqos-doctor on (\d{4}-\d{2}-\d{2}) \(this line and the next (\d+)\)/;

/** A name the tool will write on a Host line: a literal alias, never a pattern. */
export const SAFE_HOST = /^[A-Za-z0-9._:%+[\]-]+$/;

export interface BlockSpec {
  hosts: readonly string[];
  indent: string;
  /** YYYY-MM-DD */
  date: string;
  place: 'before' | 'end';
  /** Some host here also gets a block at the other place (first- and last-match rules both hold). */
  paired: boolean;
  /** A `Host *` line closing the block, so the global lines after it stay global. */
  terminator: boolean;
}

/** Why the block is there and why here, in as few words as will do. */
function reason(spec: BlockSpec): string {
  let text = 'a DSCP change breaks these hosts.';
  if (spec.place === 'before') {
    text += spec.paired ? ' First here, last at the end: every OpenSSH uses it.' : ' First IPQoS wins.';
  } else if (spec.paired) {
    text += ' Last, for OpenSSH before 8.7.';
  }
  if (spec.terminator) text += ' "Host *" ends it.';
  return text;
}

/** The lines of one added block, without line endings. */
export function renderToolBlock(spec: BlockSpec): string[] {
  const body = [`Host ${spec.hosts.join(' ')}`, `${spec.indent}IPQoS 0`];
  if (spec.terminator) body.push('Host *');
  // A block placed above the user's lines gets a blank line to set it apart.
  if (spec.place === 'before') body.push('');
  return [
    `# Added by ${TOOL_NAME} on ${spec.date} (this line and the next ${body.length}): ${reason(spec)}`,
    ...body,
  ];
}

/** A block the tool added earlier, found in the file. */
export interface ToolBlock {
  /** 0-based line of the marker comment. */
  start: number;
  /** Lines including the marker. */
  length: number;
  hostLine: number;
  hosts: string[];
}

/**
 * Finds the tool's blocks. `strict` (undo) refuses a block whose lines were
 * edited since, rather than guess what to remove; otherwise such a block is
 * treated as the user's own lines.
 */
export function findToolBlocks(raw: readonly string[], outline: FileOutline, strict: boolean): ToolBlock[] {
  const blocks: ToolBlock[] = [];
  for (let i = 0; i < raw.length; i++) {
    const match = MARKER.exec(raw[i] as string);
    if (!match) continue;
    const count = Number(match[2]);
    const problem = checkBlock(outline, i, count);
    if (problem === undefined) {
      const hosts = outline.lines[i + 1]?.args ?? [];
      blocks.push({ start: i, length: count + 1, hostLine: i + 1, hosts: [...hosts] });
      i += count;
    } else if (strict) {
      throw coreError(
        'core.error.added-lines-edited',
        { file: outline.path, line: i + 1, problem },
        'core.hint.added-lines-edited',
      );
    }
  }
  return blocks;
}

function checkBlock(outline: FileOutline, marker: number, count: number): string | undefined {
  const lines = outline.lines.slice(marker + 1, marker + 1 + count);
  if (count < 2 || count > 4 || lines.length < count) return `it should cover 2 to 4 lines, not ${count}`;
  const [host, ipqos, ...tail] = lines;
  if (host?.keyword !== 'host' || host.args.length === 0 || !host.args.every((h) => SAFE_HOST.test(h))) {
    return 'the next line should be "Host" and the host names';
  }
  if (ipqos?.keyword !== 'ipqos' || ipqos.args.join(' ') !== '0')
    return 'the second line should be "IPQoS 0"';
  const shape = tail.map((line) =>
    line.kind === 'blank'
      ? 'blank'
      : line.keyword === 'host' && line.args.join(' ') === '*'
        ? 'host*'
        : 'other',
  );
  const valid = ['', 'host*', 'blank', 'host*,blank'];
  return valid.includes(shape.join(',')) ? undefined : 'unexpected lines after "IPQoS 0"';
}

/**
 * Edits that take `hosts` out of the tool's blocks (every host when
 * undefined): a block left with no host goes entirely, marker included;
 * otherwise only its Host line changes.
 */
export function undoToolBlocks(
  raw: readonly string[],
  blocks: readonly ToolBlock[],
  hosts: readonly string[] | undefined,
): { edits: LineEdit[]; removed: Set<string> } {
  const edits: LineEdit[] = [];
  const removed = new Set<string>();
  const wanted = hosts === undefined ? undefined : new Set(hosts);
  for (const block of blocks) {
    const taken = block.hosts.filter((host) => wanted === undefined || wanted.has(host));
    if (taken.length === 0) continue;
    for (const host of taken) removed.add(host);
    const kept = block.hosts.filter((host) => !taken.includes(host));
    if (kept.length === 0) {
      edits.push({ start: block.start, deleteCount: block.length, insert: [] });
    } else {
      const indent = /^[ \t]*/.exec(raw[block.hostLine] as string)?.[0] ?? '';
      edits.push({ start: block.hostLine, deleteCount: 1, insert: [`${indent}Host ${kept.join(' ')}`] });
    }
  }
  return { edits, removed };
}

/** Line ranges [start, end) of the tool's blocks, for placement to look past. */
export function toolRanges(blocks: readonly ToolBlock[]): [number, number][] {
  return blocks.map((block) => [block.start, block.start + block.length]);
}

/** How a marker line reads in messages. */
export function describeLine(raw: readonly string[], index: number): string {
  const text = raw[index];
  return text === undefined ? 'the end of the file' : `line ${index + 1} ("${displayLine(text).trim()}")`;
}
