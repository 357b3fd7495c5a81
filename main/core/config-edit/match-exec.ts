import { UserError } from '../errors.ts';
import { coreError } from '../error-messages.ts';
import type { MatchExec } from './config-outline.ts';

/** `"cmd" (file line N)`, the commands of the config's `Match exec` lines, for a message. */
export function describeMatchExec(commands: readonly MatchExec[]): string {
  return commands.map((entry) => `"${entry.command}" (${entry.file} line ${entry.line + 1})`).join('; ');
}

/**
 * An ssh -G that did not finish, on a config with `Match exec`, is that
 * command not finishing (ssh -G only reads files otherwise): say so, and
 * which (issue 15 §1). Any other error is returned as it is.
 */
export function nameMatchExecTimeout(error: unknown, commands: readonly MatchExec[]): unknown {
  if (!(error instanceof UserError) || error.code !== 'core.error.ssh-g-timeout' || commands.length === 0)
    return error;
  return coreError(
    'core.error.match-exec-timeout',
    { ...error.params, commands: describeMatchExec(commands) },
    'core.hint.match-exec-timeout',
  );
}
