import path from 'node:path';
import { sharedByKey } from '../concurrency.ts';
import { writePlannedCopy, type PlannedCopy } from '../config-edit/planned-config.ts';
import { SYSTEM_SSH_CONFIG, defaultUserConfigPath } from '../ssh/default-paths.ts';
import { sshG, type SshClient } from '../ssh/ssh-client.ts';
import { toEffectiveHost } from '../ssh/ssh-options.ts';
import type { FixedConfig } from './probe-host.ts';

export interface FixedConfigOptions {
  client: SshClient;
  /** The config as given with --config; undefined for the user's default. */
  configFile: string | undefined;
  home: string;
  signal: AbortSignal | undefined;
}

/**
 * Copies of the config with the change `fix` would make, one per alias that
 * needs confirming, made on first use and removed by `dispose`. Before 8.7 the
 * check runs its IPQoS 0 session on such a copy (`ssh -F copy`): a later IPQoS
 * line in the config beats `-o IPQoS=0` there, but not the fix.
 */
export class FixedConfigCopies {
  private readonly options: FixedConfigOptions;
  private readonly shared = sharedByKey<FixedConfig>();
  private readonly copies: Promise<PlannedCopy | undefined>[] = [];

  constructor(options: FixedConfigOptions) {
    this.options = options;
  }

  /** The copy for `alias` and what `ssh -G` reads from it with the host's own options. */
  forAlias = (alias: string, hostOptions: readonly string[]): Promise<FixedConfig> =>
    this.shared(`${alias}#${hostOptions.join(' ')}`, () => this.make(alias, hostOptions));

  private async make(alias: string, hostOptions: readonly string[]): Promise<FixedConfig> {
    const { client, configFile, home, signal } = this.options;
    const userDefault = configFile === undefined;
    const pending = writePlannedCopy({
      configFile: path.resolve(configFile ?? defaultUserConfigPath(home)),
      hosts: [alias],
      ssh: client,
      home,
      ...(userDefault ? { systemConfig: SYSTEM_SSH_CONFIG } : {}),
      ...(signal ? { signal } : {}),
    });
    this.copies.push(pending.catch(() => undefined));
    try {
      const copy = await pending;
      const read = await sshG(client, {
        host: alias,
        configFile: copy.path,
        options: hostOptions,
        ...(signal ? { signal } : {}),
      });
      return { ok: true, path: copy.path, ipqos: toEffectiveHost(read).ipqos };
    } catch (error) {
      if (signal?.aborted) throw error;
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }

  async dispose(): Promise<void> {
    const copies = await Promise.all(this.copies);
    await Promise.all(copies.map((copy) => copy?.dispose()));
  }
}
