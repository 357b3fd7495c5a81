import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { applyPlan, type ApplyResult } from '../../main/core/config-edit/apply-plan.ts';
import { outlineConfig } from '../../main/core/config-edit/config-outline.ts';
import { planFix, planUndo, type EditPlan } from '../../main/core/config-edit/edit-plan.ts';
import { splitLines } from '../../main/core/config-edit/line-text.ts';
import { mapBounded } from '../../main/core/concurrency.ts';
import { locateSsh, sshG, type SshClient } from '../../main/core/ssh/ssh-client.ts';
import { STATE_DIR_ENV } from '../../main/core/config-edit/tool-state-dir.ts';
import { runCli, type CliRun } from '../cli/run-cli.ts';

let client: SshClient | undefined;
export async function ssh(): Promise<SshClient> {
  client ??= await locateSsh();
  return client;
}

/**
 * A private directory for one test: the config, its Includes and a fake home
 * live here, so the real user's .ssh is never read or written.
 */
export async function sandbox(): Promise<{ dir: string; home: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ipqos-fix-'));
  return { dir, home: path.join(dir, 'home'), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs `work` in a fresh sandbox and removes it afterwards, pass or fail. */
export async function withSandbox<T>(work: (box: { dir: string; home: string }) => Promise<T>): Promise<T> {
  const { dir, home, cleanup } = await sandbox();
  try {
    return await work({ dir, home });
  } finally {
    await cleanup();
  }
}

export async function writeConfig(file: string, text: string | Buffer, mode = 0o600): Promise<void> {
  await writeFile(file, text, { mode });
}

/** Every concrete alias of the config as it is now, plus extra names (targets, strangers). */
export async function aliasesOf(
  configFile: string,
  home: string,
  extra: readonly string[] = [],
): Promise<string[]> {
  const text = await readFile(configFile, 'latin1').catch(() => '');
  const outline = await outlineConfig(configFile, splitLines(text).lines, home);
  return [...new Set([...outline.aliases, ...extra])];
}

export type Snapshot = Map<string, Map<string, string[]>>;

/** The full `ssh -G -F FILE ALIAS` output of every alias: the judge of every test. */
export async function snapshot(
  configFile: string,
  aliases: readonly string[],
  client?: SshClient,
): Promise<Snapshot> {
  client ??= await ssh();
  const outputs = await mapBounded(aliases, 8, (alias) => sshG(client, { host: alias, configFile }));
  return new Map(aliases.map((alias, i) => [alias, outputs[i] as Map<string, string[]>]));
}

/** The invariant, checked on full outputs: targets print cs0 cs0, every other line of every alias is as before. */
export function assertInvariant(before: Snapshot, after: Snapshot, targets: readonly string[]): void {
  for (const [alias, was] of before) {
    const now = after.get(alias);
    assert.ok(now, `${alias} was measured after`);
    const keys = new Set([...was.keys(), ...now.keys()]);
    for (const key of keys) {
      if (key === 'ipqos' && targets.includes(alias)) {
        assert.deepEqual(now.get(key), ['cs0 cs0'], `${alias}: ipqos after the fix`);
      } else {
        assert.deepEqual(now.get(key), was.get(key), `${alias}: ${key} must not change`);
      }
    }
  }
}

export async function fix(
  configFile: string,
  home: string,
  hosts: readonly string[],
): Promise<{ plan: EditPlan; result: ApplyResult }> {
  const plan = await planFix({ configFile, hosts, ssh: await ssh(), home });
  return { plan, result: await applyPlan(plan) };
}

export async function undo(
  configFile: string,
  home: string,
  hosts: readonly string[] = [],
): Promise<{ plan: EditPlan; result: ApplyResult }> {
  const plan = await planUndo({ configFile, hosts, ssh: await ssh(), home });
  return { plan, result: await applyPlan(plan) };
}

/** The tool's own folder for a sandbox: backups, scratch copies and locks, never the real home's. */
export function stateDirOf(dir: string): string {
  return path.join(dir, 'state');
}

/** The real CLI, with its backups and temporary copies kept inside the sandbox `dir`. */
export function runCliIn(
  dir: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliRun> {
  return runCli(args, {
    ...options,
    env: {
      ...(options.env ?? process.env),
      [STATE_DIR_ENV]: options.env?.[STATE_DIR_ENV] ?? stateDirOf(dir),
    },
  });
}
