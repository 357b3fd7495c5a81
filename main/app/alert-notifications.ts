/** The notification for each kind of alert: one summary for several hosts, quiet for a recovery. */
import type { Message } from '../shared/ipc-contract.ts';
import type { AlertNotification } from './ports.ts';
import { appMessage, listAliases } from './app-messages.ts';
import type { PolicyAlert } from './alert-policy.ts';

export function alertNotification(alert: PolicyAlert, networkLabel: string): AlertNotification {
  const [first = ''] = alert.aliases;
  const one = alert.aliases.length === 1;
  const params = {
    alias: first,
    aliases: listAliases(alert.aliases),
    count: alert.aliases.length,
    network: networkLabel,
  };
  const size = one ? 'one' : 'many';
  return {
    kind: alert.kind,
    hosts: [...alert.aliases],
    title: appMessage(`notify.${alert.kind}.${size}.title`, params),
    body: appMessage(`notify.${alert.kind}.${size}.body`, params),
    quiet: alert.kind === 'recovered',
    focusAlias: first || null,
  };
}

/** The body is the problem itself, so it is said in the user's language like the title. */
export function problemNotification(problem: Message): AlertNotification {
  return {
    kind: 'error',
    hosts: [],
    title: appMessage('notify.error.title'),
    body: problem,
    quiet: false,
    focusAlias: null,
  };
}
