/**
 * What the config says without running a check: the user's ssh (found again
 * at every check: it may have been installed or updated since), the config's
 * aliases, and the hosts carrying the tool's block (what Undo can take back);
 * and what stops a check before it starts.
 */
import { readFile } from 'node:fs/promises';
import { hostsInToolBlocks } from '../core/config-edit/index.ts';
import { UserError, isAbortError } from '../core/errors.ts';
import { defaultUserConfigPath } from '../core/ssh/default-paths.ts';
import { locateSsh, type SshClient } from '../core/ssh/ssh-client.ts';
import type { Message, Settings } from '../shared/ipc-contract.ts';
import { appMessage } from './app-messages.ts';
import { configAliases } from './core-check.ts';

export interface Problem {
  kind: 'ssh-missing' | 'config-unreadable' | 'no-hosts' | 'check-failed';
  message: Message;
}

/**
 * The hosts on the Host line of each of the tool's blocks, found by the core's
 * own reader: a marker whose lines were edited since (its count no longer
 * matches) is the user's, so Undo never offers a host the core would not find.
 */
export function aliasesFixedByTool(file: string, configText: string): Set<string> {
  try {
    return new Set(hostsInToolBlocks(file, configText));
  } catch (error) {
    if (error instanceof UserError) return new Set(); // a line ssh cannot parse: undo refuses it too
    throw error;
  }
}

/**
 * A problem's cause for the app's own lines (the tray, a notification, the popover): the error alone,
 * with its code and its params (`cause.NAME`), so a catalog that knows the code says it too. The core's hint names CLI flags (`--config FILE`): it travels apart as `hint` (and
 * `hintCode`), which `watch` prints after the text and the app leaves to its own buttons.
 */
export function problemParams(error: unknown): Record<string, string | number> {
  const cause = error instanceof Error ? error.message : String(error);
  if (!(error instanceof UserError)) return { reason: cause, cause, causeCode: 'app.error.unexpected' };
  const nested = Object.fromEntries(
    Object.entries(error.params).map(([key, value]) => [`cause.${key}`, value]),
  );
  return {
    reason: cause,
    cause,
    causeCode: error.code,
    ...nested,
    ...(error.hint ? { hint: error.hint } : {}),
    ...(error.hintCode ? { hintCode: error.hintCode } : {}),
  };
}

export class ConfigFacts {
  /** Read at each use: main/electron's getter follows the ssh chosen in Preferences. */
  readonly #ssh: () => string | undefined;
  readonly #home: string;
  readonly #settings: () => Settings;
  client: SshClient | null = null;
  aliases: string[] | null = null;
  fixedByTool = new Set<string>();
  sshVersion: string | null = null;

  constructor(ssh: () => string | undefined, home: string, settings: () => Settings) {
    this.#ssh = ssh;
    this.#home = home;
    this.#settings = settings;
  }

  /** The file the app reads and edits: the setting, else ssh's default `~/.ssh/config`. */
  configFile(): string {
    return this.#settings().configFile ?? defaultUserConfigPath(this.#home);
  }

  async ssh(signal: AbortSignal): Promise<SshClient> {
    return (this.client ??= await locateSsh(this.#ssh(), signal));
  }

  /** Reads the config's aliases and the tool's blocks; on failure both are unknown. */
  async refresh(signal: AbortSignal): Promise<void> {
    const configFile = this.configFile();
    try {
      const client = await this.ssh(signal);
      this.aliases = await configAliases(client, this.#settings().configFile ?? undefined, this.#home);
      const text = await readFile(configFile, 'latin1').catch(() => '');
      this.fixedByTool = aliasesFixedByTool(configFile, text);
    } catch (error) {
      this.aliases = null;
      this.fixedByTool = new Set();
      throw error;
    }
  }

  /** What stops a check before it starts: no ssh, an unreadable config, no hosts. */
  async findProblem(signal: AbortSignal): Promise<Problem | null> {
    try {
      this.client = await locateSsh(this.#ssh(), signal);
      this.sshVersion = this.client.version.raw;
    } catch (error) {
      if (isAbortError(error)) throw error;
      this.client = null;
      return { kind: 'ssh-missing', message: appMessage('problem.ssh-missing', problemParams(error)) };
    }
    try {
      await this.refresh(signal);
    } catch (error) {
      return {
        kind: 'config-unreadable',
        message: appMessage('problem.config-unreadable', problemParams(error)),
      };
    }
    if ((this.aliases ?? []).length === 0) {
      return { kind: 'no-hosts', message: appMessage('problem.no-hosts', { configFile: this.configFile() }) };
    }
    return null;
  }
}
