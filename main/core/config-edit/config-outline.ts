import SSHConfig, { type Line } from 'ssh-config';
import { coreError } from '../error-messages.ts';
import { planMessage, type PlanMessage } from './plan-messages.ts';
import {
  directiveValues,
  includeMatches,
  MAX_INCLUDE_DEPTH,
  readConfigText,
  type ConfigFile,
} from '../inventory/config-files.ts';
import { concreteAliases } from '../inventory/host-aliases.ts';
import { displayLine, sha256, splitLines } from './line-text.ts';

/** One physical line, as far as placement cares. Keywords are lower case. */
export interface OutlineLine {
  kind: 'blank' | 'comment' | 'directive';
  keyword: string;
  args: string[];
}

export interface FileOutline {
  path: string;
  lines: OutlineLine[];
}

/** What gates a line: the Host or Match line it sits under. */
export type Condition = { kind: 'host'; patterns: string[] } | { kind: 'match'; args: string[] };

/** An IPQoS line anywhere in the tree, with every condition on the way to it. */
export interface IpqosOccurrence {
  file: string;
  /** 0-based line in `file`. */
  line: number;
  values: string[];
  conditions: Condition[];
  /** The root file's line that reads it: the line itself, or the Include that brings it in. */
  anchor: number;
}

export interface ConfigOutline {
  root: FileOutline;
  occurrences: IpqosOccurrence[];
  /** Concrete aliases in read order, as the user would type them. */
  aliases: string[];
  includedFiles: { path: string; sha256: string }[];
  /** Every Include pattern in the tree (nested, inside Host/Match too): what a file of ours must stay out of. */
  includePatterns: string[];
  /** Every `Match exec` command in the tree: ssh runs each one whenever it reads the config. */
  matchExec: MatchExec[];
  notes: PlanMessage[];
}

export interface MatchExec {
  file: string;
  /** 0-based. */
  line: number;
  command: string;
}

/**
 * Parses each physical line on its own, as readconf.c does; parsing the whole
 * text at once lets a keyword without a value swallow the next line.
 */
export function outlineLines(
  file: string,
  lines: readonly string[],
): { outline: FileOutline; nodes: Line[] } {
  const outlined: OutlineLine[] = [];
  const nodes: Line[] = [];
  lines.forEach((text, index) => {
    let node: Line | undefined;
    try {
      node = SSHConfig.parse(text)[0];
    } catch (error) {
      throw coreError(
        'core.error.line-unparsable',
        { file, line: index + 1, text: displayLine(text).trim(), reason: (error as Error).message },
        'core.hint.fix-line',
      );
    }
    if (node === undefined || node.type === SSHConfig.EMPTY) {
      outlined.push({ kind: 'blank', keyword: '', args: [] });
    } else if (node.type === SSHConfig.COMMENT) {
      outlined.push({ kind: 'comment', keyword: '', args: [] });
    } else {
      outlined.push({
        kind: 'directive',
        keyword: node.param.toLowerCase(),
        args: directiveValues(node.value),
      });
    }
    if (node !== undefined) nodes.push(node);
  });
  return { outline: { path: file, lines: outlined }, nodes };
}

/**
 * Reads the tree the way OpenSSH does for a user config (`-F FILE`): Includes
 * in place, relative ones from ~/.ssh, globs sorted, patterns that match no
 * file skipped. `rootLines` is the root's text (latin1) split into lines.
 */
export async function outlineConfig(
  rootPath: string,
  rootLines: readonly string[],
  home: string,
  signal?: AbortSignal,
): Promise<ConfigOutline> {
  const occurrences: IpqosOccurrence[] = [];
  const includedFiles: { path: string; sha256: string }[] = [];
  const includePatterns: string[] = [];
  const notes: PlanMessage[] = [];
  const matchExec: MatchExec[] = [];
  let rootOutline: FileOutline | undefined;
  let finalPass = false;

  const visit = async (
    file: string,
    lines: readonly string[],
    includedFrom: string | undefined,
    inherited: Condition[],
    anchorOf: (line: number) => number,
    depth: number,
  ): Promise<ConfigFile> => {
    if (depth > MAX_INCLUDE_DEPTH) {
      throw coreError(
        'core.error.include-too-deep',
        { depth: MAX_INCLUDE_DEPTH, file },
        'core.hint.include-loop',
      );
    }
    const { outline, nodes } = outlineLines(file, lines);
    rootOutline ??= outline;
    const parsed = new SSHConfig();
    for (const node of nodes) parsed.push(node);
    const entry: ConfigFile = {
      path: file,
      text: lines.join('\n'),
      lines: parsed,
      includedFrom,
      includes: [],
    };
    let context: Condition | undefined;
    for (const [index, line] of outline.lines.entries()) {
      if (line.kind !== 'directive') continue;
      const here = context ? [...inherited, context] : inherited;
      if (line.keyword === 'host') context = { kind: 'host', patterns: line.args };
      else if (line.keyword === 'match') {
        context = { kind: 'match', args: line.args };
        if (line.args.some((arg) => /^!?(canonical|final)$/i.test(arg))) finalPass = true;
        line.args.forEach((arg, at) => {
          const command = line.args[at + 1];
          if (/^!?exec$/i.test(arg) && command !== undefined) matchExec.push({ file, line: index, command });
        });
      } else if (line.keyword === 'canonicalizehostname' && line.args[0]?.toLowerCase() !== 'no') {
        finalPass = true;
      } else if (line.keyword === 'ipqos') {
        occurrences.push({ file, line: index, values: line.args, conditions: here, anchor: anchorOf(index) });
      } else if (line.keyword === 'include') {
        for (const pattern of line.args) {
          includePatterns.push(pattern);
          const matches = await includeMatches(pattern, home);
          if (matches.length === 0) {
            notes.push(planMessage('plan.note.include-matches-nothing', { file, line: index + 1, pattern }));
          }
          const included: ConfigFile[] = [];
          for (const match of matches) {
            const text = await readConfigText(match, false, 'latin1', signal);
            includedFiles.push({ path: match, sha256: sha256(Buffer.from(text, 'latin1')) });
            const childLines = splitLines(text).lines;
            included.push(await visit(match, childLines, file, here, () => anchorOf(index), depth + 1));
          }
          entry.includes.push(included);
        }
      }
    }
    return entry;
  };

  const root = await visit(rootPath, rootLines, undefined, [], (line) => line, 0);
  if (finalPass) {
    notes.push(planMessage('plan.note.final-pass'));
  }
  // Aliases were parsed from latin1; give them back as the UTF-8 the user types.
  const aliases = concreteAliases([root]).map((alias) => Buffer.from(alias.alias, 'latin1').toString('utf8'));
  return {
    root: rootOutline as FileOutline,
    occurrences,
    aliases,
    includedFiles,
    includePatterns,
    matchExec,
    notes,
  };
}
