import type { ConfigOutline, FileOutline } from './config-outline.ts';
import { applicableIpqos, settlesOnZero } from './ipqos-applicability.ts';

/**
 * Where `IPQoS 0` goes so that it is both the first and the last IPQoS line
 * that applies to each target: OpenSSH ≥ 8.7 keeps the first value it reads,
 * older clients the last (openssh-portable d78642498).
 *
 * Only the root file is edited. Since Includes are read where they stand, a
 * block just above the Host/Match line whose block reads the first applicable
 * IPQoS (itself or through an Include) comes before every applicable IPQoS,
 * and a block at the end of the root file comes after all of them. Lines
 * before the first Host/Match apply to every host, so an IPQoS there can only
 * be preceded from the top of the file, with `Host *` after the new block to
 * keep the following lines global. The new block holds nothing but IPQoS,
 * so moving it above other lines changes no other setting.
 */
export interface TargetState {
  host: string;
  /** `ssh -G` printed `ipqos cs0 cs0` for this host before the change. */
  sshZero: boolean;
}

export interface HostPlacement {
  host: string;
  action: 'add' | 'already';
  /** Line index (0-based, in the current file) the first-match block goes above; null if none is needed. */
  before: number | null;
  /** A block at the end of the file (the last-match one, or the only one). */
  end: boolean;
  /** Other IPQoS lines that do or may apply. */
  others: number;
}

export interface PlannedBlock {
  index: number;
  hosts: string[];
  place: 'before' | 'end';
  paired: boolean;
  terminator: boolean;
}

export function placeIpqosZero(
  outline: Pick<ConfigOutline, 'root' | 'occurrences'>,
  targets: readonly TargetState[],
  rule: 'first-match' | 'last-match',
  toolRanges: readonly (readonly [number, number])[],
): { placements: HostPlacement[]; blocks: PlannedBlock[] } {
  const root = outline.root;
  const starts = blockStarts(root);
  const end = root.lines.length;
  const placements: HostPlacement[] = [];
  for (const { host, sshZero } of targets) {
    const list = applicableIpqos(outline.occurrences, host);
    // What this ssh prints is the truth for its own rule; the text decides the other one.
    const firstOk = settlesOnZero(list) && (rule === 'last-match' || sshZero);
    const lastOk = settlesOnZero([...list].reverse()) && (rule === 'first-match' || sshZero);
    if (firstOk && lastOk) {
      placements.push({ host, action: 'already', before: null, end: false, others: list.length });
    } else if (list.length === 0) {
      placements.push({ host, action: 'add', before: null, end: true, others: 0 });
    } else {
      const anchor = (list[0] as (typeof list)[number]).occurrence.anchor;
      const before = firstOk ? null : outsideToolBlocks(insertionAbove(root, starts, anchor), toolRanges);
      placements.push({ host, action: 'add', before, end: !lastOk, others: list.length });
    }
  }

  const grouped = new Map<number, string[]>();
  for (const placement of placements) {
    if (placement.before !== null) push(grouped, placement.before, placement.host);
    if (placement.end) push(grouped, end, placement.host);
  }
  const blocks = [...grouped.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, hosts]): PlannedBlock => {
      const place = index === end ? 'end' : 'before';
      const paired = hosts.some((host) => {
        const p = placements.find((candidate) => candidate.host === host);
        return p !== undefined && p.before !== null && p.end;
      });
      const terminator = place === 'before' && needsTerminator(root, index, toolRanges);
      return { index, hosts, place, paired, terminator };
    });
  return { placements, blocks };
}

function push(map: Map<number, string[]>, key: number, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** For each line, the Host/Match line whose block it is in; -1 before the first one. */
export function blockStarts(root: FileOutline): number[] {
  let current = -1;
  return root.lines.map((line, index) => {
    if (line.kind === 'directive' && (line.keyword === 'host' || line.keyword === 'match')) current = index;
    return current;
  });
}

/**
 * The index to insert at so the new block is read before `anchor`: above the
 * Host/Match line of its block, and above the comments sitting right on top
 * of that line (they describe it); the top of the file for a global line.
 */
export function insertionAbove(root: FileOutline, starts: readonly number[], anchor: number): number {
  const start = starts[anchor] ?? -1;
  if (start === -1) return 0;
  let index = start;
  while (index > 0 && root.lines[index - 1]?.kind === 'comment') index--;
  return index;
}

/**
 * Never split one of the tool's own blocks (lines after its `Host *` belong
 * to that line's block): go above the whole block instead. Earlier is always
 * allowed, since the new block holds only IPQoS.
 */
export function outsideToolBlocks(index: number, toolRanges: readonly (readonly [number, number])[]): number {
  const inside = toolRanges.find(([from, to]) => index > from && index < to);
  return inside ? inside[0] : index;
}

/**
 * A block inserted here would swallow the lines after it unless the next
 * directive opens a block of its own. The tool's own blocks are looked past:
 * undo may remove them, and what follows must stay global without them.
 */
export function needsTerminator(
  root: FileOutline,
  index: number,
  toolRanges: readonly (readonly [number, number])[],
): boolean {
  for (let i = index; i < root.lines.length; i++) {
    const range = toolRanges.find(([from, to]) => i >= from && i < to);
    if (range) {
      i = range[1] - 1;
      continue;
    }
    const line = root.lines[i];
    if (line?.kind !== 'directive') continue;
    return line.keyword !== 'host' && line.keyword !== 'match';
  }
  return false;
}
