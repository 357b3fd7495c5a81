import os from 'node:os';
import path from 'node:path';

/** Overrides where backups and temporary copies go (tests, or a user who wants them elsewhere). */
export const STATE_DIR_ENV = 'IPQOS_DOCTOR_STATE_DIR';

/**
 * The tool's own folder, outside ~/.ssh, so no `Include` glob over the
 * config's folder can pick up a backup or a temporary copy (a backup that
 * includes itself stops ssh with "Too many recursive configuration includes").
 * macOS: ~/Library/Application Support/IPQoS Doctor. Elsewhere:
 * $XDG_STATE_HOME/ipqos-doctor, or ~/.local/state/ipqos-doctor.
 * XDG_STATE_HOME is only honoured for the user whose home it is, so a test's
 * temporary home never leads to the real one.
 */
export function toolStateDir(
  home: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const override = env[STATE_DIR_ENV];
  if (override && path.isAbsolute(override)) return path.normalize(override);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'IPQoS Doctor');
  const xdg = env.XDG_STATE_HOME;
  if (xdg && path.isAbsolute(xdg) && home === os.userInfo().homedir) return path.join(xdg, 'ipqos-doctor');
  return path.join(home, '.local', 'state', 'ipqos-doctor');
}

/** Dated copies of a config as it was before each change. */
export function backupDirOf(stateDir: string): string {
  return path.join(stateDir, 'backups');
}

/** Private folders, one per run, for the copies ssh -G proves a change on. */
export function scratchRootOf(stateDir: string): string {
  return path.join(stateDir, 'tmp');
}
