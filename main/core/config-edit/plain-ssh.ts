import { coreError } from '../error-messages.ts';
import { UserError } from '../errors.ts';
import { sshHome } from '../inventory/inventory.ts';
import { defaultUserConfigPath, SYSTEM_SSH_CONFIG } from '../ssh/default-paths.ts';
import { sshG, type SshClient } from '../ssh/ssh-client.ts';

/**
 * The plan is for the config plain `ssh host` reads: this user's real
 * ~/.ssh/config with the real system config after it (not a test's stand-ins).
 * Only then can plain `ssh -G` (no -F) be asked about it.
 */
export function readsLikePlainSsh(plan: {
  configFile: string;
  systemConfig: string | null | undefined;
  home: string;
}): boolean {
  const home = sshHome();
  return (
    plan.systemConfig === SYSTEM_SSH_CONFIG &&
    plan.configFile === defaultUserConfigPath(home) &&
    plan.home === home
  );
}

/**
 * What plain `ssh HOST` says of the config as it is: ssh refuses a
 * ~/.ssh/config with a bad owner or permissions ("Bad owner or permissions"),
 * which a proof with -F never sees, and the written file keeps its mode. So
 * the tool asks first and refuses with ssh's own words (issue 15 §1).
 */
export async function assertPlainSshAccepts(
  ssh: SshClient,
  configFile: string,
  host: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  try {
    await sshG(ssh, { host, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (!(error instanceof UserError) || error.code !== 'core.error.ssh-rejects-config') throw error;
    const sshSays = String(error.params.sshSays ?? '');
    throw coreError(
      'core.error.plain-ssh-refuses',
      { file: configFile, sshSays },
      /Bad owner or permissions/i.test(sshSays)
        ? 'core.hint.fix-config-permissions'
        : 'core.hint.fix-named-line',
    );
  }
}
