import { UserError } from '../errors.ts';
import { sshG, type SshClient } from './ssh-client.ts';

/**
 * Characters OpenSSH 9.6 (and distributions' backports, CVE-2023-51385) refuses
 * in a host name on its command line ("hostname contains invalid characters"),
 * though it accepts them on a Host line: `Host a|b` is the alias `a|b`.
 */
const REFUSED = /['`"$\\;&<>|(){}\s\p{Cc}]/u;

/** An alias ssh was not asked about, and why (a code a layer can word). */
export interface LeftOutAlias {
  alias: string;
  /** `ssh-refuses-name`: this ssh refuses the name on its command line, so `ssh -G` cannot be asked. */
  reason: 'ssh-refuses-name';
  /** What ssh said. */
  sshSays: string;
}

/**
 * Splits the aliases into those ssh -G can be asked about and those it
 * refuses by name. Whether this ssh refuses such names is asked once, on an
 * empty config (no Match exec runs), so an older ssh that takes them still
 * has them proven (issue 15 §1).
 */
export async function askableAliases(
  ssh: SshClient,
  aliases: readonly string[],
  signal?: AbortSignal,
): Promise<{ askable: string[]; leftOut: LeftOutAlias[] }> {
  const suspects = aliases.filter((alias) => REFUSED.test(alias));
  if (suspects.length === 0) return { askable: [...aliases], leftOut: [] };
  const sshSays = await refusal(ssh, suspects[0] as string, signal);
  if (sshSays === null) return { askable: [...aliases], leftOut: [] };
  const refused = new Set(suspects);
  return {
    askable: aliases.filter((alias) => !refused.has(alias)),
    leftOut: suspects.map((alias) => ({ alias, reason: 'ssh-refuses-name', sshSays })),
  };
}

async function refusal(ssh: SshClient, alias: string, signal?: AbortSignal): Promise<string | null> {
  try {
    await sshG(ssh, { host: alias, configFile: '/dev/null', ...(signal ? { signal } : {}) });
    return null;
  } catch (error) {
    if (error instanceof UserError && error.code === 'core.error.ssh-rejects-config')
      return String(error.params.sshSays ?? '');
    // A name the tool itself never passes to ssh (a control character).
    if (error instanceof UserError && error.code === 'core.error.not-a-host-alias') return error.message;
    throw error;
  }
}
