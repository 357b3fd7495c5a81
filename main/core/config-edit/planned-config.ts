import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ipqosRule } from '../ssh/openssh-version.ts';
import type { SshClient } from '../ssh/ssh-client.ts';
import { assertTargetHost, fixEdits, loadConfig, measure, type PlanRequest } from './edit-plan.ts';
import { dominantEol, joinLines } from './line-text.ts';
import { assertOutOfIncludeReach, makeScratch, removeStaleScratch } from './out-of-reach.ts';
import { ZERO_IPQOS } from './ssh-g-invariant.ts';
import { standInText } from './system-config.ts';
import { applyEdits } from './unified-diff.ts';

export interface PlannedCopyRequest {
  /** The config as the user names it (absolute). */
  configFile: string;
  hosts: readonly string[];
  ssh: SshClient;
  /** The passwd home: relative Includes resolve against its .ssh, wherever the copy lies. */
  home: string;
  /**
   * Set when the config is the user's default (no --config): the copy then
   * ends with this system config, so `ssh -F copy` reads what `ssh host` reads.
   */
  systemConfig?: string;
  /** The tool's own folder; default toolStateDir(home). */
  stateDir?: string;
  signal?: AbortSignal;
  now?: Date;
}

export interface PlannedCopy {
  /** Pass to ssh as `-F path`. */
  path: string;
  dispose(): Promise<void>;
}

/**
 * The config with exactly the change `fix` would make for `hosts` (same
 * placement as planFix, no ssh -G proof of the other aliases), written to a
 * private folder of the tool's, outside every Include's reach. A check runs
 * `ssh -F path HOST` on it to confirm a cure with the fix itself: on ssh
 * before 8.7 a later config line beats `-o IPQoS=0`, but not this copy.
 *
 * The copy's folder does not change what it includes: ssh resolves a
 * relative Include of a user config against ~/.ssh, not the file's folder.
 * Only the targets are measured (to know which already print cs0 cs0).
 */
export async function writePlannedCopy(request: PlannedCopyRequest): Promise<PlannedCopy> {
  const hosts = [...new Set(request.hosts)];
  for (const host of hosts) assertTargetHost(host);
  const planRequest: PlanRequest = { ...request, hosts };
  const loaded = await loadConfig(planRequest);
  const before = await measure(planRequest, loaded, hosts);
  const targets = before.map((state) => ({ host: state.alias, sshZero: state.ipqos === ZERO_IPQOS }));
  const rule = ipqosRule(request.ssh.version);
  const { edits } = fixEdits(loaded, targets, rule, request.now ?? new Date());
  const eol = dominantEol(loaded.text);
  const changed = joinLines(applyEdits(loaded.text, edits, eol));
  const text = standInText(changed, loaded.system?.path ?? null, eol);

  await mkdir(loaded.stateDir, { recursive: true, mode: 0o700 });
  await removeStaleScratch(loaded.stateDir);
  const patterns = [...loaded.outline.includePatterns, ...(loaded.system?.outline?.includePatterns ?? [])];
  const scratch = await makeScratch(loaded.stateDir, { patterns, home: request.home });
  try {
    const copy = path.join(scratch.dir, path.basename(loaded.source.realPath));
    await assertOutOfIncludeReach([copy], loaded.stateDir, patterns, request.home);
    await writeFile(copy, text, { encoding: 'latin1', mode: 0o600, flag: 'wx' });
    await assertOutOfIncludeReach([copy], loaded.stateDir, patterns, request.home);
    return { path: copy, dispose: scratch.dispose };
  } catch (error) {
    await scratch.dispose();
    throw error;
  }
}
