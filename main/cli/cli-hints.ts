/**
 * The CLI's words for the core's hint codes where the CLI has a flag for it
 * (issue 16 §2); any other hint is the core's own English.
 */
import type { UserError } from '../core/errors.ts';
import type { HintCode } from '../core/error-messages.ts';
import type { HostDecision } from '../core/config-edit/index.ts';
import type { PlanCode } from '../core/config-edit/index.ts';
import { interpolate } from '../shared/interpolate.ts';

export const CLI_HINTS: Partial<Record<HintCode, string>> = {
  'core.hint.name-hosts-to-fix': 'ipqos-doctor fix HOST...',
  'core.hint.name-or-add-hosts': 'Name hosts on the command line, or add Host blocks to the config.',
  'core.hint.pass-config-file': 'Pass the file you use with --config FILE.',
  'core.hint.install-ssh':
    'Install OpenSSH (on Debian: apt-get install openssh-client) or pass --ssh /path/to/ssh.',
  'core.hint.needs-openssh': 'IPQoS Doctor needs the OpenSSH client; pass --ssh /path/to/ssh.',
};

/** The CLI's words for plan parts that name what to type; others are the core's English. */
export const CLI_PLAN_TEXT: Partial<Record<PlanCode, string>> = {
  'plan.fix.blocked.without-system':
    ', or, to do without the system file, run "ipqos-doctor fix {{host}} --config ~/.ssh/config" and connect with "ssh -F ~/.ssh/config {{host}}"',
};

/** A host's decision as the CLI says it. */
export function cliDecision(decision: HostDecision): string {
  return decision.detailCodes
    .map((part) => {
      const own = CLI_PLAN_TEXT[part.code];
      return own === undefined ? part.text : interpolate(own, part.params);
    })
    .join('');
}

/** A hint by its code as the CLI says it (`watch`'s problem lines): its flag version, else `english`. */
export function cliHintText(code: string | undefined, english: string): string {
  const own = code === undefined ? undefined : CLI_HINTS[code as HintCode];
  return own ?? english;
}

/** The hint line the CLI prints under an error: its flag version of the code, else the core's text. */
export function cliHint(error: UserError): string | undefined {
  const own = error.hintCode === undefined ? undefined : CLI_HINTS[error.hintCode as HintCode];
  return own === undefined ? error.hint : interpolate(own, error.params);
}
