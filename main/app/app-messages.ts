/**
 * Every sentence the controller itself says (notifications, the tray tooltip,
 * problems, fix outcomes), as a stable code with its English template. The
 * popover translates by code (the Japanese catalog is built from this table);
 * `text` in each Message is the English fallback. Placeholders are i18next's
 * `{{name}}`; parameters hold values, never English.
 */
import { interpolate, type TemplateParams } from '../shared/interpolate.ts';
import type { Message } from '../shared/ipc-contract.ts';
import { IPC_MESSAGE_TEMPLATES } from '../shared/ipc-messages.ts';

const TEMPLATES = {
  // ── Notifications ──────────────────────────────────────────────────────────
  'notify.needs-ipqos-0.one.title': '{{alias}} needs IPQoS 0 on this network',
  'notify.needs-ipqos-0.one.body':
    'ssh to {{alias}} breaks here when its packets are marked ({{network}}). Open IPQoS Doctor to fix it.',
  'notify.needs-ipqos-0.many.title': '{{count}} hosts need IPQoS 0 on this network',
  'notify.needs-ipqos-0.many.body':
    'ssh to {{aliases}} breaks here when packets are marked ({{network}}). Open IPQoS Doctor to fix them.',
  'notify.server-side.one.title': '{{alias}} breaks on the server’s own marking',
  'notify.server-side.one.body':
    'Sessions to {{alias}} break even with IPQoS 0 ({{network}}). Its admin can set IPQoS none in sshd_config.',
  'notify.server-side.many.title': '{{count}} hosts break on their servers’ own marking',
  'notify.server-side.many.body':
    'Sessions to {{aliases}} break even with IPQoS 0 ({{network}}). Their admins can set IPQoS none in sshd_config.',
  'notify.recovered.one.title': '{{alias}} works again',
  'notify.recovered.one.body': 'ssh to {{alias}} works again on this network ({{network}}) without a change.',
  'notify.recovered.many.title': '{{count}} hosts work again',
  'notify.recovered.many.body':
    'ssh to {{aliases}} works again on this network ({{network}}) without a change.',
  'notify.error.title': 'IPQoS Doctor cannot check your hosts',
  'notify.fix-verified.title': 'IPQoS 0 set for {{aliases}}',
  'notify.fix-verified.body': 'Written to {{configFile}} and proven with ssh -G.',
  'notify.fix-restored.title': 'The change to {{configFile}} was undone',
  'notify.fix-restored.body': 'ssh -G did not confirm it, so the previous content is back: {{reason}}',

  // ── Tray tooltip ───────────────────────────────────────────────────────────
  'tray.checking': 'IPQoS Doctor: checking {{done}} of {{total}} hosts…',
  'tray.needs-fix': 'IPQoS Doctor: {{count}} host(s) need IPQoS 0 on {{network}}',
  'tray.server-side': 'IPQoS Doctor: {{count}} host(s) break on the server’s marking on {{network}}',
  'tray.problem': 'IPQoS Doctor: {{problem}}',
  'tray.all-fine': 'IPQoS Doctor: {{count}} host(s) fine on {{network}}',
  'tray.unchecked': 'IPQoS Doctor: not checked on this network yet',
  'tray.muted': '{{summary}} (notifications muted until {{until}})',
  'tray.menu.host': '{{alias}} — {{status}}',
  'tray.menu.check-now': 'Check Now',
  'tray.menu.checking': 'Checking…',
  'tray.menu.fix': 'Fix {{count}} host(s)…',
  'tray.menu.undo-last-fix': 'Undo last fix ({{aliases}})…',
  'tray.menu.mute': 'Mute notifications',
  'tray.menu.mute-hours': 'For {{hours}} hour(s)',
  'tray.menu.unmute': 'Unmute',
  'tray.menu.preferences': 'Settings…',
  'tray.menu.open-log': 'Open log',
  'tray.menu.quit': 'Quit IPQoS Doctor',
  'tray.menu.check-updates': 'Check for Updates…',
  'tray.status.needs-ipqos-0': 'Needs IPQoS 0',
  'tray.status.server-side': 'Server-side problem',
  'tray.status.unreachable': 'Unreachable',
  'tray.status.inconclusive': 'Couldn’t tell',
  'tray.status.screened': 'Reachable · not logged in to confirm',
  'tray.status.ok': 'Fine',
  'tray.status.not-applicable': 'Not affected',
  'tray.status.excluded': 'Skipped',
  'tray.status.unchecked': 'Not checked yet',

  // ── Problems ───────────────────────────────────────────────────────────────
  'problem.ssh-missing': 'The OpenSSH client cannot be run: {{reason}}',
  'problem.config-unreadable': 'Your ssh config cannot be read: {{reason}}',
  'problem.no-hosts': 'Your ssh config ({{configFile}}) names no hosts to check.',
  'problem.check-failed': 'The check failed: {{reason}}',

  // ── Fix and undo ───────────────────────────────────────────────────────────
  'fix.verified': 'IPQoS 0 is set for {{aliases}} and proven with ssh -G; nothing else changed.',
  'fix.undo-verified': 'The IPQoS 0 lines for {{aliases}} are removed, proven with ssh -G.',
  'fix.restored': 'The written file failed the ssh -G check, so its previous content is back: {{reason}}',
  'fix.refused':
    'The change failed the ssh -G check on a temporary copy; your config was not touched: {{reason}}',
  'fix.nothing-to-do': 'Nothing to change in {{configFile}}.',
  'fix.not-in-diagnosis': '{{aliases}}: not a host this network’s check says needs IPQoS 0.',
  'fix.not-fixed-by-tool': '{{aliases}}: your config holds no IPQoS 0 lines added by IPQoS Doctor for it.',
  'fix.stale-plan':
    'This change is not the one last shown, or the config changed since. Show the change again.',
  'fix.not-writable': '{{configFile}} cannot be written ({{reason}}); add the lines by hand.',

  // ── The update check's dialog (the Electron app's "Check for Updates…") ─────
  'updates.development':
    'Updates are checked only in the installed app; this development build does not update itself.',
  'updates.inactive': 'Could not check for updates: the updater is not active in this build.',
  'updates.up-to-date': 'IPQoS Doctor {{current}} is up to date.',
  'updates.downloading':
    'IPQoS Doctor {{version}} is downloading; it is installed when you quit (you have {{current}}).',
  'updates.failed': 'Could not check for updates: {{reason}}',
  'dialog.ok': 'OK',

  // ── Wiring: Show in Finder reveals only a backup the tool wrote ──────────────
  'fix.not-a-backup': 'Only a backup IPQoS Doctor wrote can be shown in Finder, not {{path}}.',
  'fix.hint.backups-folder': 'Its backups are in {{folder}}.',

  // ── Requests that fail (the contract's, the dispatcher's, the renderer's end) ──
  ...IPC_MESSAGE_TEMPLATES,
} as const satisfies Record<string, string>;

export type AppMessageCode = keyof typeof TEMPLATES;

/** The English text of every code the controller produces. */
export const APP_MESSAGE_TEMPLATES: Readonly<Record<AppMessageCode, string>> = TEMPLATES;

/** A Message with its English text filled in; a placeholder without a value stays visible. */
export function appMessage(code: AppMessageCode, params: TemplateParams = {}): Message {
  return { code, params, text: interpolate(APP_MESSAGE_TEMPLATES[code], params) };
}

/** "a, b and 3 more": host lists in titles and bodies stay short. */
export function listAliases(aliases: readonly string[], max = 3): string {
  if (aliases.length <= max) return aliases.join(', ');
  return `${aliases.slice(0, max).join(', ')} and ${aliases.length - max} more`;
}
