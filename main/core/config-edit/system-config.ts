import { UserError } from '../errors.ts';
import { planMessage, type PlanMessage } from './plan-messages.ts';
import { readRegularFile } from '../inventory/bounded-read.ts';
import { outlineConfig, type ConfigOutline } from './config-outline.ts';
import { applicableIpqos } from './ipqos-applicability.ts';
import { displayLine, splitLines, type Eol } from './line-text.ts';

/**
 * `ssh host` (no -F) reads ~/.ssh/config, then this file and its Includes
 * (macOS ships `Include /etc/ssh/ssh_config.d/*`). The fix's proof must read
 * it too; the core takes its path as an option so tests use a stand-in.
 */

/**
 * The text ssh -G is run on (`-F`) to read a user config the way `ssh host`
 * reads it: the user's file, then the system file through an Include under
 * `Match all`. readconf.c reads an Include with the including block's state,
 * and a file read on its own starts active, so this is the same reading.
 * One difference remains: a relative Include inside the system file would
 * resolve against ~/.ssh instead of /etc/ssh (see systemConfigNotes).
 */
export function standInText(rootText: string, systemConfig: string | null, eol: Eol): string {
  if (systemConfig === null) return rootText;
  const separator = rootText === '' || rootText.endsWith('\n') ? '' : eol;
  const target = /[\s"]/.test(systemConfig) ? `"${systemConfig}"` : systemConfig;
  return `${rootText}${separator}Match all${eol}Include ${target}${eol}`;
}

export interface SystemConfigView {
  path: string;
  outline: ConfigOutline | null;
  notes: PlanMessage[];
}

/** Reads the system config's tree (a missing one is an empty one, as for ssh). */
export async function readSystemConfig(file: string, home: string): Promise<SystemConfigView> {
  let text: string;
  try {
    text = (await readRegularFile(file)).toString('latin1');
  } catch (error) {
    // A pipe, a device or a file too large is said; a missing or unreadable one is empty, as for ssh.
    if (error instanceof UserError) throw error;
    return { path: file, outline: null, notes: [] };
  }
  const outline = await outlineConfig(file, splitLines(text).lines, home);
  const notes = outline.includePatterns
    .filter((pattern) => !pattern.startsWith('/') && !pattern.startsWith('~'))
    .map((pattern) => planMessage('plan.note.system-relative-include', { file, pattern }));
  return { path: file, outline, notes };
}

/** A system line that decides a target's IPQoS on a last-match client, whatever the user's file says. */
export interface SystemOverride {
  host: string;
  /** How the line reads, e.g. `/etc/ssh/ssh_config line 52 ("IPQoS af21 cs1")`. */
  where: string;
  /** Only ssh can tell whether it applies (Match exec, user, …). */
  maybe: boolean;
}

/**
 * Before 8.7 the last IPQoS line read wins, and the system file is read after
 * the user's: a non-zero IPQoS there that applies to a host beats any line
 * the fix can write. Only the last applicable line matters.
 */
export async function systemOverrides(
  system: SystemConfigView,
  hosts: readonly string[],
  rule: 'first-match' | 'last-match',
): Promise<SystemOverride[]> {
  if (rule === 'first-match' || system.outline === null) return [];
  const found: SystemOverride[] = [];
  for (const host of hosts) {
    const last = applicableIpqos(system.outline.occurrences, host)
      .reverse()
      .find((entry) => !entry.zero || entry.applies === 'yes');
    if (last === undefined || last.zero) continue;
    const text = await readRegularFile(last.occurrence.file).then(
      (bytes) => bytes.toString('latin1'),
      () => '',
    );
    const line = splitLines(text).lines[last.occurrence.line] ?? '';
    found.push({
      host,
      where: `${last.occurrence.file} line ${last.occurrence.line + 1} ("${displayLine(line).trim()}")`,
      maybe: last.applies === 'maybe',
    });
  }
  return found;
}
