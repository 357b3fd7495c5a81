import os from 'node:os';
import path from 'node:path';
import { mapBounded } from '../concurrency.ts';
import { coreError } from '../error-messages.ts';
import { assertHostArgument, sshG, type SshClient } from '../ssh/ssh-client.ts';
import { sshGBatch } from '../ssh/ssh-g-batch.ts';
import { toEffectiveHost, type EffectiveHost } from '../ssh/ssh-options.ts';
import { readConfigTree, type ConfigFile } from './config-files.ts';
import { defaultUserConfigPath, SYSTEM_SSH_CONFIG } from '../ssh/default-paths.ts';
import { askableAliases, type LeftOutAlias } from '../ssh/askable-aliases.ts';
import { concreteAliases } from './host-aliases.ts';
import { isNamedByConfig } from './host-patterns.ts';

/** One host to check, with the settings OpenSSH computes for it. */
export interface HostTarget {
  alias: string;
  effective: EffectiveHost;
}

export interface InventoryRequest {
  client: SshClient;
  /**
   * Passed to ssh as -F; undefined means ssh's own default, read the way `ssh
   * host` reads it: ~/.ssh/config, then the system config and its Includes.
   */
  configFile: string | undefined;
  /** The system config read after the user's default one (default /etc/ssh/ssh_config); not read with -F. */
  systemConfig?: string;
  /** Hosts named by the user; empty means every concrete alias. */
  hosts: readonly string[];
  home?: string;
  signal?: AbortSignal;
}

export interface Inventory {
  targets: HostTarget[];
  /** The files ssh reads for these hosts, in its order: the user's tree, then (without -F) the system's. */
  files: ConfigFile[];
}

/** The user's home as ssh sees it: the passwd entry, not $HOME. */
export function sshHome(): string {
  return os.userInfo().homedir;
}

/** The hosts to check, known from the files alone; each one's settings come from `ssh -G` when asked. */
export interface InventoryPlan {
  aliases: string[];
  /** Declared aliases this ssh refuses as a name on its command line (`Host a|b`): not checked. */
  leftOut: LeftOutAlias[];
  files: ConfigFile[];
  effective: (alias: string) => Promise<EffectiveHost>;
}

/** Every host with its settings, after one `ssh -G` per alias. */
export async function buildInventory(request: InventoryRequest): Promise<Inventory> {
  const plan = await planInventory(request);
  const targets = await mapBounded(
    plan.aliases,
    8,
    async (alias) => ({ alias, effective: await plan.effective(alias) }),
    request.signal,
  );
  return { targets, files: plan.files };
}

/**
 * Reads the config files and checks the names given, without running ssh, so
 * a check can start on one host while ssh -G still reads the next.
 */
export async function planInventory(request: InventoryRequest): Promise<InventoryPlan> {
  const home = request.home ?? sshHome();
  for (const host of request.hosts) assertHostArgument(host);
  const rootPath = request.configFile ?? defaultUserConfigPath(home);
  // Without --config a missing ~/.ssh/config is fine when hosts are named: ssh works without one.
  const userFiles = await readConfigTree(rootPath, {
    home,
    allowMissingRoot: request.configFile === undefined && request.hosts.length > 0,
    signal: request.signal,
  });
  // `ssh host` reads the system config after the user's (a missing one is empty); -F skips it.
  const systemFiles =
    request.configFile === undefined
      ? await readConfigTree(request.systemConfig ?? SYSTEM_SSH_CONFIG, {
          home,
          allowMissingRoot: true,
          relativeIncludeDir: path.dirname(request.systemConfig ?? SYSTEM_SSH_CONFIG),
          signal: request.signal,
        })
      : [];
  const files = [...userFiles, ...systemFiles];
  const declared = [
    ...new Set([...concreteAliases(userFiles), ...concreteAliases(systemFiles)].map((a) => a.alias)),
  ];
  // `ssh a|b` cannot be typed and `ssh -G a|b` is refused, so such an alias is not a host to check.
  const { askable, leftOut } =
    request.hosts.length > 0
      ? { askable: declared, leftOut: [] }
      : await askableAliases(request.client, declared, request.signal);
  const aliases = request.hosts.length > 0 ? [...new Set(request.hosts)] : askable;
  if (request.hosts.length > 0) {
    const known = new Set(declared);
    const unknown = aliases.filter((alias) => !known.has(alias) && !isNamedByConfig(files, alias));
    if (unknown.length > 0) {
      const sample = [...known].slice(0, 8).join(', ');
      // ssh matches Host patterns with the case as typed: `check WEB` for `Host web` is the typo it would be for ssh.
      const twins = unknown.flatMap((alias) => {
        const twin = declared.find((name) => name.toLowerCase() === alias.toLowerCase());
        return twin ? [{ alias, twin }] : [];
      });
      const params = {
        hosts: unknown.map((alias) => `"${alias}"`).join(', '),
        files: [rootPath, ...systemFiles.slice(0, 1).map((file) => file.path)].join(' or '),
        ...(twins[0] ?? {}),
        known: `${sample}${known.size > 8 ? ', …' : ''}`,
      };
      throw coreError(
        unknown.length === 1 ? 'core.error.unknown-host' : 'core.error.unknown-hosts',
        params,
        twins.length > 0
          ? 'core.hint.host-case'
          : known.size > 0
            ? 'core.hint.known-hosts'
            : 'core.hint.no-aliases',
      );
    }
  }
  if (aliases.length === 0) {
    throw coreError('core.error.no-aliases', { file: rootPath }, 'core.hint.name-or-add-hosts');
  }
  return { aliases, leftOut, effective: prefetchSettings(request, aliases), files };
}

/** How many aliases one shell reads with ssh -G, and how many such shells run at once. */
const ALIASES_PER_SHELL = 4;
const SHELLS = 4;

/**
 * Starts `ssh -G` for every alias at once, a few aliases per shell (see
 * sshGBatch: Node forks once per shell, not once per alias), first aliases
 * first; each host then waits only for its own shell.
 */
function prefetchSettings(
  request: InventoryRequest,
  aliases: readonly string[],
): (alias: string) => Promise<EffectiveHost> {
  const settings = new Map(aliases.map((alias) => [alias, Promise.withResolvers<EffectiveHost>()]));
  // A host that is never asked for (the check stopped early) must not become an unhandled rejection.
  for (const { promise } of settings.values()) promise.catch(() => {});
  const shells = Array.from({ length: Math.ceil(aliases.length / ALIASES_PER_SHELL) }, (_, index) =>
    aliases.slice(index * ALIASES_PER_SHELL, (index + 1) * ALIASES_PER_SHELL),
  );
  mapBounded(
    shells,
    SHELLS,
    async (batch) => {
      const results = await sshGBatch(request.client, batch, {
        configFile: request.configFile,
        ...(request.signal ? { signal: request.signal } : {}),
      });
      batch.forEach((alias, index) => {
        const result = results[index];
        if (result instanceof Map) settings.get(alias)?.resolve(toEffectiveHost(result));
        else settings.get(alias)?.reject(result);
      });
    },
    request.signal,
  ).catch((error: unknown) => {
    for (const { reject } of settings.values()) reject(error); // no-op for the settled ones
  });
  return (alias) =>
    settings.get(alias)?.promise ??
    sshG(request.client, {
      host: alias,
      configFile: request.configFile,
      ...(request.signal ? { signal: request.signal } : {}),
    }).then(toEffectiveHost);
}
