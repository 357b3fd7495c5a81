import os from 'node:os';
import path from 'node:path';
import { mapBounded } from '../concurrency.ts';
import { UserError } from '../errors.ts';
import { assertHostArgument, sshG, type SshClient } from '../ssh/ssh-client.ts';
import { toEffectiveHost, type EffectiveHost } from '../ssh/ssh-options.ts';
import { readConfigTree, type ConfigFile } from './config-files.ts';
import { concreteAliases } from './host-aliases.ts';
import { isNamedByConfig } from './host-patterns.ts';

/** One host to check, with the settings OpenSSH computes for it. */
export interface HostTarget {
  alias: string;
  effective: EffectiveHost;
}

export interface InventoryRequest {
  client: SshClient;
  /** Passed to ssh as -F; undefined means ssh's own default (~/.ssh/config). */
  configFile: string | undefined;
  /** Hosts named by the user; empty means every concrete alias. */
  hosts: readonly string[];
  home?: string;
  signal?: AbortSignal;
}

export interface Inventory {
  targets: HostTarget[];
  files: ConfigFile[];
}

/** The user's home as ssh sees it: the passwd entry, not $HOME. */
export function sshHome(): string {
  return os.userInfo().homedir;
}

export async function buildInventory(request: InventoryRequest): Promise<Inventory> {
  const home = request.home ?? sshHome();
  for (const host of request.hosts) assertHostArgument(host);
  const rootPath = request.configFile ?? path.join(home, '.ssh', 'config');
  // Without --config a missing ~/.ssh/config is fine when hosts are named: ssh works without one.
  const files = await readConfigTree(rootPath, {
    home,
    allowMissingRoot: request.configFile === undefined && request.hosts.length > 0,
  });
  const declared = concreteAliases(files).map((a) => a.alias);
  const aliases = request.hosts.length > 0 ? [...new Set(request.hosts)] : declared;
  if (request.hosts.length > 0) {
    const known = new Set(declared);
    const unknown = aliases.filter((alias) => !known.has(alias) && !isNamedByConfig(files, alias));
    if (unknown.length > 0) {
      const sample = [...known].slice(0, 8).join(', ');
      throw new UserError(
        `${unknown.map((alias) => `"${alias}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a host in ${rootPath}.`,
        known.size > 0
          ? `Known hosts: ${sample}${known.size > 8 ? ', …' : ''}`
          : 'That config declares no Host aliases.',
      );
    }
  }
  if (aliases.length === 0) {
    throw new UserError(
      `${rootPath} declares no concrete Host aliases to check.`,
      'Name hosts on the command line, or add Host blocks to the config.',
    );
  }
  const targets = await mapBounded(
    aliases,
    8,
    async (alias) => {
      const options = await sshG(request.client, {
        host: alias,
        configFile: request.configFile,
        ...(request.signal ? { signal: request.signal } : {}),
      });
      return { alias, effective: toEffectiveHost(options) };
    },
    request.signal,
  );
  return { targets, files };
}
