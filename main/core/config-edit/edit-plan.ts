import { coreError } from '../error-messages.ts';
import { ipqosRule } from '../ssh/openssh-version.ts';
import { assertHostArgument, type SshClient } from '../ssh/ssh-client.ts';
import {
  findToolBlocks,
  renderToolBlock,
  SAFE_HOST,
  toolRanges,
  undoToolBlocks,
} from './added-lines-marker.ts';
import { outlineConfig, type ConfigOutline, type MatchExec } from './config-outline.ts';
import { nameMatchExecTimeout } from './match-exec.ts';
import {
  blockedDecision,
  nothingToUndo,
  placedDecision,
  systemMayOverride,
  undoDecision,
  type HostDecision,
} from './host-decisions.ts';
import type { PlanMessage } from './plan-messages.ts';
import { askableAliases, type LeftOutAlias } from '../ssh/askable-aliases.ts';
import { assertPlainSshAccepts, readsLikePlainSsh } from './plain-ssh.ts';
import { removeStaleTemps } from './atomic-write.ts';
import { makeScratch, removeStaleScratch } from './out-of-reach.ts';
import { readConfigSource, writeAccess, type ConfigSource, type WriteAccess } from './config-source.ts';
import {
  assertEditableText,
  detectIndent,
  dominantEol,
  splitLines,
  type Eol,
  type TextLines,
} from './line-text.ts';
import { manualSteps, type ManualStep } from './manual-steps.ts';
import { placeIpqosZero, type HostPlacement } from './placement.ts';
import { captureAliasStates, ZERO_IPQOS, type AliasExpectation, type AliasState } from './ssh-g-invariant.ts';
import { readSystemConfig, standInText, systemOverrides, type SystemConfigView } from './system-config.ts';
import { backupDirOf, toolStateDir } from './tool-state-dir.ts';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unifiedDiff, type LineEdit } from './unified-diff.ts';

export type { HostDecision } from './host-decisions.ts';

/**
 * A planned change: plain data (JSON-safe). Planning writes nothing of the
 * user's (see loadConfig for what it tidies in the tool's own files). The app
 * shows `diff` and calls applyPlan with it; the CLI prints it.
 */
export interface EditPlan {
  kind: 'fix' | 'undo';
  configFile: string;
  realPath: string;
  isSymlink: boolean;
  exists: boolean;
  /** sha256 of the file the plan was made from; null when it did not exist. */
  baseSha256: string | null;
  includedFiles: { path: string; sha256: string }[];
  eol: Eol;
  /** Empty when there is nothing to do. */
  edits: LineEdit[];
  diff: string;
  hosts: HostDecision[];
  /** Every alias's expected `ssh -G` after the change. */
  expectations: AliasExpectation[];
  /** The same change as steps for a person, for when the file cannot be written. */
  manual: ManualStep[];
  writable: WriteAccess;
  /** The English of `noteCodes`. */
  notes: string[];
  noteCodes: PlanMessage[];
  ssh: SshClient;
  rule: 'first-match' | 'last-match';
  createdAt: string;
  /**
   * The config is the user's default file: ssh -G proves the change as `ssh host`
   * reads it, with this system config after it. null: `-F FILE` only.
   */
  systemConfig: string | null;
  /** The tool's own folder (backups, temporary copies, lock), outside every Include's reach. */
  stateDir: string;
  /** Where the backup of the previous content goes. */
  backupDir: string;
  /** Every Include pattern of the config and the system config: nothing of ours may match one. */
  includePatterns: string[];
  /** The passwd home the plan resolved `~` and relative Includes with. */
  home: string;
  /**
   * The config (or the system config) has `Match exec`: ssh runs those commands each time it reads
   * it, so the proof runs them too (once per alias and pass). The diff view says so.
   */
  runsMatchExec: boolean;
  matchExec: MatchExec[];
  /** How many times planning and applying this plan run ssh -G (each runs every Match exec command once). */
  sshGRuns: { plan: number; apply: number };
  /** Aliases of the config the proof could not ask ssh about (`Host a|b`: ssh refuses `a|b` as a name). */
  leftOutOfProof: LeftOutAlias[];
}

export interface PlanRequest {
  /** Absolute path of the config as the user names it. */
  configFile: string;
  /** fix: the hosts to set IPQoS 0 for; undo: the hosts to undo, or none for all. */
  hosts: readonly string[];
  ssh: SshClient;
  /** The passwd home: relative Includes resolve against its .ssh, like ssh does. */
  home: string;
  signal?: AbortSignal;
  /** ssh -G runs at a time (default 8). */
  concurrency?: number;
  now?: Date;
  /**
   * Set when the config is the user's default (~/.ssh/config, no --config):
   * the system config ssh reads after it (normally /etc/ssh/ssh_config).
   */
  systemConfig?: string;
  /** The tool's own folder; default toolStateDir(home). */
  stateDir?: string;
}

/** A host the tool can write on a Host line and pass to ssh: a literal alias. */
export function assertTargetHost(host: string): void {
  assertHostArgument(host);
  if (!SAFE_HOST.test(host) || /[*?]/.test(host)) {
    throw coreError('core.error.not-one-host', { host }, 'core.hint.one-host-name');
  }
}

function targetList(hosts: readonly string[]): string[] {
  for (const host of hosts) assertTargetHost(host);
  return [...new Set(hosts)];
}

export interface Loaded {
  source: ConfigSource;
  text: TextLines;
  outline: ConfigOutline;
  system: SystemConfigView | null;
  stateDir: string;
}

/**
 * Reads the config (and the system config) for a plan. It writes nothing of
 * the user's; it does remove what a killed run of the tool left (its scratch
 * folders, and its hidden temps of dead pids beside the config), so that a
 * check or a --dry-run also tidies up, not only a fix.
 */
export async function loadConfig(request: PlanRequest): Promise<Loaded> {
  const source = await readConfigSource(request.configFile, request.signal);
  const text = splitLines(source.text);
  assertEditableText(source.realPath, text);
  const outline = await outlineConfig(source.configFile, text.lines, request.home, request.signal);
  const system =
    request.systemConfig === undefined ? null : await readSystemConfig(request.systemConfig, request.home);
  const stateDir = request.stateDir ?? toolStateDir(request.home);
  // What a killed run (SIGKILL, power loss) left: scratch folders and hidden temps of dead pids.
  await removeStaleScratch(stateDir);
  await removeStaleTemps(source.realPath);
  return { source, text, outline, system, stateDir };
}

/** The `Match exec` commands ssh runs when it reads this config the way the proof does. */
export function matchExecOf(loaded: Loaded): MatchExec[] {
  return [...loaded.outline.matchExec, ...(loaded.system?.outline?.matchExec ?? [])];
}

/** Every alias's ssh -G on the config as it is, read the way the proof will read the changed one. */
export async function measure(
  request: PlanRequest,
  loaded: Loaded,
  aliases: readonly string[],
): Promise<AliasState[]> {
  const capture = (file: string): Promise<AliasState[]> =>
    captureAliasStates(request.ssh, file, aliases, {
      ...(request.concurrency !== undefined ? { concurrency: request.concurrency } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    }).catch((error: unknown) => {
      throw nameMatchExecTimeout(error, matchExecOf(loaded));
    });
  if (loaded.source.exists && readsLikePlainSsh({ ...request, systemConfig: loaded.system?.path })) {
    const host = aliases[0];
    if (host !== undefined)
      await assertPlainSshAccepts(request.ssh, request.configFile, host, request.signal);
  }
  if (loaded.system === null) {
    // A config that does not exist yet is measured as an empty one.
    return capture(loaded.source.exists ? loaded.source.configFile : '/dev/null');
  }
  const patterns = [...loaded.outline.includePatterns, ...(loaded.system.outline?.includePatterns ?? [])];
  const scratch = await makeScratch(loaded.stateDir, { patterns, home: request.home });
  try {
    const standIn = path.join(scratch.dir, 'config');
    const text = standInText(loaded.source.text, loaded.system.path, dominantEol(loaded.text));
    await writeFile(standIn, text, { encoding: 'latin1', mode: 0o600 });
    return await capture(standIn);
  } finally {
    await scratch.dispose();
  }
}

/**
 * The ssh -G runs of a plan: planning measures every alias (plus plain ssh once for the real
 * default config); applying proves every alias on the copy and, where plain ssh reads the written
 * file differently from the proof or there is no Match exec, re-reads the changed hosts.
 */
function sshGRuns(
  request: PlanRequest,
  loaded: Loaded,
  parts: Pick<EditPlan, 'edits' | 'hosts' | 'expectations'>,
): { plan: number; apply: number } {
  const plain = loaded.source.exists && readsLikePlainSsh({ ...request, systemConfig: loaded.system?.path });
  const aliases = parts.expectations.length;
  if (parts.edits.length === 0) return { plan: aliases + (plain && aliases > 0 ? 1 : 0), apply: 0 };
  const changed = parts.hosts.filter((host) => host.action === 'add' || host.action === 'remove').length;
  const recheck = plain || matchExecOf(loaded).length === 0 ? changed : 0;
  return { plan: aliases + (plain ? 1 : 0), apply: aliases + recheck };
}

async function buildPlan(
  kind: EditPlan['kind'],
  request: PlanRequest,
  loaded: Loaded,
  parts: Pick<EditPlan, 'edits' | 'hosts' | 'expectations'> & {
    notes?: PlanMessage[];
    leftOut?: LeftOutAlias[];
  },
): Promise<EditPlan> {
  const { source, text, outline, system } = loaded;
  const label = kind === 'fix' ? 'with IPQoS 0' : 'after undo';
  const noteCodes = [...outline.notes, ...(system?.notes ?? []), ...(parts.notes ?? [])];
  return {
    kind,
    configFile: source.configFile,
    realPath: source.realPath,
    isSymlink: source.isSymlink,
    exists: source.exists,
    baseSha256: source.sha256,
    includedFiles: outline.includedFiles,
    eol: dominantEol(text),
    edits: parts.edits,
    diff: unifiedDiff(text, parts.edits, { old: source.configFile, new: `${source.configFile} (${label})` }),
    hosts: parts.hosts,
    expectations: parts.expectations,
    manual: manualSteps(text.lines, parts.edits),
    writable: await writeAccess(source, request.home),
    notes: noteCodes.map((note) => note.text),
    noteCodes,
    ssh: request.ssh,
    rule: ipqosRule(request.ssh.version),
    createdAt: (request.now ?? new Date()).toISOString(),
    systemConfig: system?.path ?? null,
    stateDir: loaded.stateDir,
    backupDir: backupDirOf(loaded.stateDir),
    includePatterns: [...outline.includePatterns, ...(system?.outline?.includePatterns ?? [])],
    home: request.home,
    runsMatchExec: matchExecOf(loaded).length > 0,
    matchExec: matchExecOf(loaded),
    sshGRuns: sshGRuns(request, loaded, parts),
    leftOutOfProof: parts.leftOut ?? [],
  };
}

/**
 * The blocks `fix` adds for `targets`: the one placement both planFix and
 * writePlannedCopy use. `sshZero` is what ssh -G printed for each target.
 */
export function fixEdits(
  loaded: Loaded,
  targets: readonly { host: string; sshZero: boolean }[],
  rule: 'first-match' | 'last-match',
  now: Date,
): { edits: LineEdit[]; placements: HostPlacement[] } {
  const { text, outline } = loaded;
  const blocks = findToolBlocks(text.lines, outline.root, false);
  const { placements, blocks: planned } = placeIpqosZero(outline, targets, rule, toolRanges(blocks));
  const indent = detectIndent(text);
  const date = now.toISOString().slice(0, 10);
  const edits = planned.map((block) => ({
    start: block.index,
    deleteCount: 0,
    insert: renderToolBlock({ ...block, indent, date }),
  }));
  return { edits, placements };
}

/** Plans `IPQoS 0` for `hosts` so that it takes effect under both OpenSSH rules and changes nothing else. */
export async function planFix(request: PlanRequest): Promise<EditPlan> {
  const hosts = targetList(request.hosts);
  if (hosts.length === 0) throw coreError('core.error.no-hosts-to-fix', {}, 'core.hint.name-hosts-to-fix');
  const loaded = await loadConfig(request);
  const { outline } = loaded;
  const { askable, leftOut } = await askableAliases(
    request.ssh,
    [...new Set([...outline.aliases, ...hosts])],
    request.signal,
  );
  const before = await measure(request, loaded, askable);
  const byAlias = new Map(before.map((state) => [state.alias, state]));
  const rule = ipqosRule(request.ssh.version);
  const overrides = loaded.system ? await systemOverrides(loaded.system, hosts, rule) : [];
  const blocked = new Map(overrides.filter((o) => !o.maybe).map((o) => [o.host, o]));
  const targets = hosts
    .filter((host) => !blocked.has(host))
    .map((host) => ({ host, sshZero: byAlias.get(host)?.ipqos === ZERO_IPQOS }));
  const { edits, placements } = fixEdits(loaded, targets, rule, request.now ?? new Date());

  const decisions = placements.map((placement) =>
    placedDecision(placement, byAlias.get(placement.host)?.ipqos ?? '', outline.aliases),
  );
  for (const override of blocked.values()) {
    const ipqos = byAlias.get(override.host)?.ipqos ?? '';
    decisions.push(blockedDecision(override, request.ssh, outline.aliases.includes(override.host), ipqos));
  }
  const notes = overrides.filter((o) => o.maybe).map((o) => systemMayOverride(o, request.ssh));
  const fixed = new Set(targets.map((target) => target.host));
  const expectations = before.map((state) => ({
    alias: state.alias,
    othersDigest: state.othersDigest,
    ipqos: fixed.has(state.alias) ? ZERO_IPQOS : state.ipqos,
  }));
  return buildPlan('fix', request, loaded, { edits, hosts: decisions, expectations, notes, leftOut });
}

/**
 * Plans removing the lines the tool added, for `hosts` or (none named) all.
 * Nothing to remove is a plan without edits and a note, not an error.
 */
export async function planUndo(request: PlanRequest): Promise<EditPlan> {
  const hosts = targetList(request.hosts);
  const loaded = await loadConfig(request);
  const { source, text, outline } = loaded;
  const blocks = findToolBlocks(text.lines, outline.root, true);
  const { edits, removed } = undoToolBlocks(text.lines, blocks, hosts.length > 0 ? hosts : undefined);
  const known = new Set(outline.aliases);
  const named = hosts.length > 0 ? hosts : [...removed];
  const decisions = named.map((host) => undoDecision(host, known.has(host), removed.has(host)));
  if (edits.length === 0) {
    const note = nothingToUndo(source.configFile, source.exists, hosts);
    return buildPlan('undo', request, loaded, { edits, hosts: decisions, expectations: [], notes: [note] });
  }
  const { askable, leftOut } = await askableAliases(request.ssh, outline.aliases, request.signal);
  const before = await measure(request, loaded, askable);
  const expectations = before.map((state) => ({
    alias: state.alias,
    othersDigest: state.othersDigest,
    ipqos: removed.has(state.alias) ? null : state.ipqos,
  }));
  return buildPlan('undo', request, loaded, { edits, hosts: decisions, expectations, leftOut });
}
