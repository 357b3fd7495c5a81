/** The notification for each kind of alert: one summary for several hosts, quiet for a recovery. */
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

export function problemNotification(problem: string): AlertNotification {
  return {
    kind: 'error',
    hosts: [],
    title: appMessage('notify.error.title'),
    body: appMessage('notify.error.body', { problem }),
    quiet: false,
    focusAlias: null,
  };
}
