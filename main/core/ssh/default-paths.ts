/**
 * Where ssh looks when it is given no `-F`: the one place the rest of the
 * code asks (issue 16 §4), so "the default config" means the same thing in
 * the core, the CLI, the controller and the Electron layer.
 */
import os from 'node:os';
import path from 'node:path';

/** The system-wide client config OpenSSH reads after the user's own. */
export const SYSTEM_SSH_CONFIG = '/etc/ssh/ssh_config';

/** `~/.ssh/config` for this home (ssh's `-F`-less default). */
export function defaultUserConfigPath(home: string = os.homedir()): string {
  return path.join(home, '.ssh', 'config');
}

/**
 * The config ssh reads after `configFile`: the system one when the user's file is ssh's own default
 * (no `-F`), none when a file was named (`-F` reads that file alone).
 */
export function systemConfigAfter(configFile: string | null | undefined): string | null {
  return configFile === null || configFile === undefined ? SYSTEM_SSH_CONFIG : null;
}
