/**
 * The popover's own English strings. The core's and the controller's
 * sentences are not repeated here: their English travels in `Message.text`
 * (made from MESSAGE_TEMPLATES and app-messages), so only the Japanese
 * catalog lists those codes. Keys ending in `_one` / `_other` are plural
 * forms chosen by the `count` parameter (i18next's convention).
 */
export const UI_EN = {
  'ui.app.title': 'IPQoS Doctor',
  'ui.header.network': 'Network: {{label}}',
  'ui.header.network-unknown': 'Network not identified yet',
  'ui.header.network-via': '{{iface}} via {{gateway}}',
  'ui.header.checked': 'Checked {{when}}',
  'ui.header.never-checked': 'Not checked on this network yet',
  'ui.header.check-now': 'Check Now',
  'ui.header.stop': 'Stop',
  'ui.header.checking': 'Checking {{done}} of {{total}}…',
  'ui.header.checking-start': 'Starting the check…',
  'ui.header.queued': 'Another check follows.',
  'ui.header.progress-label': 'Check progress',
  'ui.header.more': 'More',

  'ui.menu.settings': 'Settings…',
  'ui.menu.check-updates': 'Check for Updates…',
  'ui.menu.about': 'About IPQoS Doctor',
  'ui.menu.quit': 'Quit IPQoS Doctor',

  'ui.summary.needs-fix_one': '{{count}} host needs IPQoS 0 on this network.',
  'ui.summary.needs-fix_other': '{{count}} hosts need IPQoS 0 on this network.',
  'ui.summary.all-fine': 'No host needs IPQoS 0 on this network.',
  'ui.summary.unchecked': 'Press Check Now to test your hosts on this network.',
  'ui.summary.fix-all': 'Fix All…',

  'ui.first-run.title': 'Before the first check',
  'ui.first-run.what':
    'Every {{minutes}} minutes, IPQoS Doctor connects to the hosts in your ssh config without logging in. Once a day per network it logs in with your own ssh, to confirm.',
  'ui.first-run.never':
    'It never sends a password, never writes known_hosts, and never edits your config without showing you the change.',
  'ui.first-run.prompting':
    'Hosts whose key asks for Touch ID or a confirmation (Secretive, 1Password, security keys) are logged in to only when you press Check Now.',
  'ui.first-run.question': 'May it log in to confirm?',
  'ui.first-run.screen-only': 'Check Without Logging In',
  'ui.first-run.allow': 'Allow Logins',
  'ui.first-run.later': 'You can change this at any time in Settings.',

  'ui.hosts.label': 'Hosts',
  'ui.hosts.count_one': '{{count}} host',
  'ui.hosts.count_other': '{{count}} hosts',
  'ui.hosts.hint': 'Use the arrow keys to move between hosts, Return to open one.',

  'ui.status.needs-ipqos-0': 'Needs IPQoS 0',
  'ui.status.server-side': 'Server-side problem',
  'ui.status.unreachable': 'Unreachable',
  'ui.status.inconclusive': 'Couldn’t tell',
  'ui.status.screened': 'Reachable · not logged in to confirm',
  'ui.status.ok': 'Fine',
  'ui.status.not-applicable': 'Not affected',
  'ui.status.excluded': 'Skipped',
  'ui.status.unchecked': 'Not checked yet',

  'ui.host.label-separator': ', ',
  'ui.host.checked': '{{when}}',
  'ui.time.just-now': 'just now',
  'ui.host.never-checked': 'Never checked',
  'ui.host.in-flight': 'Checking…',
  'ui.host.fixed-by-tool': 'IPQoS 0 set by IPQoS Doctor',
  'ui.host.details': 'Technical details',
  'ui.host.no-evidence': 'No details yet: this host has not been checked on this network.',
  'ui.host.next': 'Next: {{step}}',
  'ui.host.fix': 'Fix…',
  'ui.host.fix-jump': 'Fix {{hop}}…',
  'ui.host.why': 'Why?',
  'ui.host.undo': 'Undo…',
  'ui.host.copy-report': 'Copy Report',
  'ui.host.copied': 'Report copied. It is in English, for a ticket.',
  'ui.host.copy-failed': 'Could not copy the report. Try again.',

  'ui.plain.needs-ipqos-0.tested':
    'ssh to {{alias}} breaks on this network (the “Broken pipe”), and IPQoS 0 fixes it: tested.',
  'ui.plain.needs-ipqos-0.untested':
    'ssh to {{alias}} breaks on this network (the “Broken pipe”). IPQoS 0 should fix it; it was not tried with your own ssh yet.',
  'ui.plain.needs-ipqos-0.via-jump':
    'ssh to {{alias}} breaks on this network at its jump host {{hop}}, and IPQoS 0 on {{hop}} fixes it.',
  'ui.plain.server-side':
    'ssh to {{alias}} breaks after login, even with IPQoS 0: the server marks its own packets, so only its admin can fix it.',
  'ui.plain.unreachable':
    '{{alias}} cannot be reached from this network at all, so this is not a marking problem.',
  'ui.plain.inconclusive': 'IPQoS Doctor could not tell whether {{alias}} is affected on this network.',
  'ui.plain.screened':
    '{{alias}} is reachable and passes the marking test, but IPQoS Doctor did not log in to confirm.',
  'ui.plain.screened.no-login':
    '{{alias}} is reachable and passes the marking test, but your ssh could not log in without asking, so it is not confirmed.',
  'ui.plain.ok': 'ssh to {{alias}} works on this network: your own ssh logged in.',
  'ui.plain.not-applicable': '{{alias}} connects through a ProxyCommand, which the marking does not reach.',
  'ui.plain.excluded': 'You asked IPQoS Doctor to skip {{alias}}.',
  'ui.plain.unchecked': '{{alias}} has not been checked on this network yet.',

  'ui.next.needs-ipqos-0': 'press Fix to add IPQoS 0 for it (you see the lines first).',
  'ui.next.server-side':
    'ask the server’s admin to set IPQoS none in sshd_config; Copy Report gives them the evidence.',
  'ui.next.unreachable': 'check that the host is up and that this network reaches it (VPN, Wi-Fi, firewall).',
  'ui.next.inconclusive':
    'press Check Now again later; if it stays like this, Copy Report and send it with a bug report.',
  'ui.next.screened': 'press Check Now to log in once and confirm, or allow logins in Settings.',
  'ui.next.screened.no-login': 'add your key to ssh-agent (ssh-add), then press Check Now.',

  'ui.fix.title-fix': 'Set IPQoS 0',
  'ui.fix.title-undo': 'Undo IPQoS 0',
  'ui.fix.loading': 'Preparing the change…',
  'ui.fix.hosts': 'Hosts: {{hosts}}',
  'ui.fix.file': 'File: {{path}}',
  'ui.fix.backup': 'A backup goes to: {{path}}',
  'ui.fix.no-backup': 'No backup is needed.',
  'ui.fix.diff-label': 'The change to your ssh config',
  'ui.fix.diff-legend-fix': 'Lines marked + are added. Nothing else in the file changes.',
  'ui.fix.diff-legend-undo': 'Lines marked − are removed: exactly the lines IPQoS Doctor added.',
  'ui.fix.hunk': 'Near line {{line}}',
  'ui.fix.decision.add': '{{host}}: IPQoS 0 will be set.',
  'ui.fix.decision.already': '{{host}}: IPQoS 0 is already in effect.',
  'ui.fix.decision.remove': '{{host}}: the added IPQoS 0 lines will be removed.',
  'ui.fix.decision.not-found': '{{host}}: no lines from IPQoS Doctor to remove.',
  'ui.fix.decision.blocked':
    '{{host}}: the system-wide ssh config sets IPQoS and wins on this ssh, so only an administrator can change it.',
  'ui.fix.nothing-to-do': 'Nothing to change.',
  'ui.fix.not-writable': 'IPQoS Doctor cannot write this file. To make the change yourself:',
  'ui.fix.apply-add_one': 'Add {{count}} Line',
  'ui.fix.apply-add_other': 'Add {{count}} Lines',
  'ui.fix.apply-remove_one': 'Remove {{count}} Line',
  'ui.fix.apply-remove_other': 'Remove {{count}} Lines',
  'ui.fix.cancel': 'Cancel',
  'ui.fix.close': 'Done',
  'ui.fix.applying': 'Writing the file and checking every host with ssh -G…',
  'ui.fix.verified':
    'Done and verified: ssh now uses IPQoS 0 where it should, and every other host is as before.',
  'ui.fix.verified-undo': 'Undone and verified: the lines are gone and every host is as before.',
  'ui.fix.restored': 'Nothing was changed: the check after writing failed, so the previous file is back.',
  'ui.fix.refused': 'The change was not made.',
  'ui.fix.nothing-done': 'Nothing needed to change.',
  'ui.fix.failed': 'The change could not be prepared, and nothing was written. Check Now, then try again.',
  'ui.fix.proof-label': 'Proof from ssh -G',
  'ui.fix.proof-line': 'ssh -G {{alias}} → ipqos {{ipqos}}',
  'ui.fix.backup-kept': 'Backup:',
  'ui.fix.show-in-finder': 'Show in Finder',
  'ui.fix.stale': 'The file changed since this diff was made. Here is the new diff: check it again.',
  'ui.fix.notes': 'Notes (in English)',

  'ui.why.title': 'Why {{alias}} needs IPQoS 0',
  'ui.why.what-happens': 'What happens',
  'ui.why.what-happens-body':
    'Your ssh puts a small priority label on its packets (the IP TOS or DSCP byte) and changes it after you log in. Something on the way to {{host}} — often a home router, a virtual machine’s network, or a company firewall — breaks the connection when that label changes or is not zero. That is why ssh hangs or stops with “Broken pipe”.',
  'ui.why.what-we-saw': 'What IPQoS Doctor saw on this network',
  'ui.why.what-changes': 'What IPQoS 0 changes',
  'ui.why.what-changes-body':
    'IPQoS 0 tells ssh to leave the label at zero for {{alias}}. Nothing else changes: the same server, keys and commands. Most networks ignore the label anyway.',
  'ui.why.jump-body':
    '{{alias}} connects through {{hop}}, and the label is set on the connection to {{hop}}, so IPQoS 0 goes on {{hop}}.',
  'ui.why.safe': 'Why it is safe',
  'ui.why.safe-body':
    'You see the exact lines before anything is written. A backup is kept, the file is replaced in one step, and ssh -G proves that only these hosts changed; if not, the old file is put back.',
  'ui.why.undo': 'How to take it back',
  'ui.why.undo-body': 'Press Undo on this host. Or open {{file}} and delete the lines marked “IPQoS Doctor”.',
  'ui.why.server-title': 'Why IPQoS 0 on this Mac cannot help {{alias}}',
  'ui.why.server-body':
    'The server marks its own packets once you log in, and something on the path drops them. A setting on this Mac does not reach the server’s packets. The server’s admin can fix it with IPQoS none in its sshd_config: copy the report and send it to them.',
  'ui.why.other-title': 'About {{alias}}',
  'ui.why.next': 'What to do next',
  'ui.why.unreachable-body':
    'Even a connection without any marking did not get through, so the label is not the cause. The host may be down, asleep, or not reachable from this network.',
  'ui.why.inconclusive-body':
    'The tests gave answers that do not point to the label, or could not finish. That can be a slow server, a changing network, or a different problem.',
  'ui.why.screened-body':
    'A connection that switched its label mid-way, as ssh does, got through. Only a login with your own ssh proves it fully, and none was made on this network yet.',
  'ui.why.screened-no-login-body':
    'A connection that switched its label mid-way, as ssh does, got through. Your ssh could not log in without a password or a prompt, so IPQoS Doctor did not go further.',
  'ui.why.back': 'Back',

  'ui.prefs.title': 'Settings',
  'ui.prefs.interval': 'Check every',
  'ui.prefs.minutes_one': '{{count}} minute',
  'ui.prefs.minutes_other': '{{count}} minutes',
  'ui.prefs.hours_one': '{{count}} hour',
  'ui.prefs.hours_other': '{{count}} hours',
  'ui.prefs.logins': 'Log in to confirm',
  'ui.prefs.logins.daily': 'Once a day per network',
  'ui.prefs.logins.manual': 'Only when I press Check Now',
  'ui.prefs.logins.never': 'Never',
  'ui.prefs.logins-help':
    'Hosts whose key asks for Touch ID or a confirmation are logged in to only when you press Check Now.',
  'ui.prefs.notifications': 'Notify me when a host needs IPQoS 0',
  'ui.prefs.mute': 'Mute notifications',
  'ui.prefs.mute-1': 'For 1 Hour',
  'ui.prefs.mute-4': 'For 4 Hours',
  'ui.prefs.mute-8': 'For 8 Hours',
  'ui.prefs.unmute': 'Unmute',
  'ui.prefs.muted-until': 'Muted until {{time}}',
  'ui.prefs.launch': 'Open at Login',
  'ui.prefs.excluded': 'Hosts to skip',
  'ui.prefs.excluded-none': 'No hosts in the config yet.',
  'ui.prefs.config': 'ssh config file',
  'ui.prefs.config-placeholder': '~/.ssh/config (the default)',
  'ui.prefs.config-help': 'A full path, or empty for ~/.ssh/config.',
  'ui.prefs.config-save': 'Use This File',
  'ui.prefs.language': 'Language',
  'ui.prefs.language.system': 'Same as the system',
  'ui.prefs.language.en': 'English',
  'ui.prefs.language.ja': '日本語',
  'ui.prefs.saved': 'Saved',
  'ui.prefs.back': 'Back',
  'ui.prefs.open-log': 'Open the Log',

  'ui.problem.ssh-missing.title': 'ssh was not found',
  'ui.problem.ssh-missing.next':
    'IPQoS Doctor tests hosts with your own ssh. Make sure /usr/bin/ssh exists (macOS includes it), then press Check Now.',
  'ui.problem.config-unreadable.title': 'Your ssh config cannot be read',
  'ui.problem.config-unreadable.next':
    'Check that the file exists and that you can read it, or choose another file in Settings. Then press Check Now.',
  'ui.problem.no-hosts.title': 'No hosts to check yet',
  'ui.problem.no-hosts.next':
    'Add a Host block for each server you use (for example “Host myserver” with its HostName), or choose another file in Settings.',
  'ui.problem.no-config.title': 'No ssh config yet',
  'ui.problem.no-config.next':
    'If you type ssh user@host, there is nothing to check yet. Add a Host block to ~/.ssh/config for each server you use, and IPQoS Doctor checks it from then on.',
  'ui.problem.check-failed.title': 'The check failed',
  'ui.problem.check-failed.next':
    'Press Check Now to try again. If it keeps failing, open the log and include it in a bug report.',
  'ui.problem.file': 'File: {{path}}',
  'ui.problem.details': 'Technical details (in English)',
  'ui.problem.open-prefs': 'Open Settings',

  'ui.notice.not-allowed.title': 'Notifications are off',
  'ui.notice.not-allowed.body':
    'To hear when a host needs IPQoS 0, allow notifications in System Settings › Notifications › IPQoS Doctor. Until then, the menu-bar icon changes shape instead.',
  'ui.notice.not-allowed.detail': 'What macOS said (in English)',
  'ui.notice.open-notifications': 'Open Notification Settings',
  'ui.notice.icon-hidden.title': 'macOS is hiding the menu-bar icon',
  'ui.notice.icon-hidden.body':
    'Open System Settings › Menu Bar and allow IPQoS Doctor, so its icon can tell you when a host needs IPQoS 0.',
  'ui.notice.open-menu-bar': 'Open Menu Bar Settings',
  'ui.notice.muted': 'Notifications are muted until {{time}}.',
  'ui.notice.dismiss': 'Dismiss',

  'ui.error.generic': 'That did not work. Details are in the log.',
  'ui.error.busy': 'IPQoS Doctor is busy with another change. Try again in a moment.',
  'ui.error.invalid': 'That value cannot be used. Choose another one.',
  'ui.error.not-allowed': 'That is not possible right now. Check Now, then try again.',
  'ui.error.disconnected': 'Lost the connection to IPQoS Doctor. It reconnects by itself; if not, reopen it.',
  'ui.error.dismiss': 'Dismiss',
  'ui.error.open-log': 'Open the Log',

  // issue 13: which ssh client the app runs
  'ui.prefs.ssh': 'ssh client',
  'ui.prefs.ssh-help':
    'The first is the one your login shell runs, as in Terminal. A change applies from the next check.',

  // Wiring: macOS Local Network privacy refused the probe (verdict.inconclusive.local-network)
  'ui.plain.local-network':
    'macOS kept IPQoS Doctor from reaching {{alias}}: the app is not allowed on the local network yet.',
  'ui.next.local-network':
    'allow IPQoS Doctor under Local Network in Privacy & Security, then press Check Now.',
  'ui.host.open-privacy': 'Open Privacy & Security…',
} as const;

export type UiKey = keyof typeof UI_EN;
type PluralBase<K> = K extends `${infer Base}_${'one' | 'other'}` ? Base : never;
/** A plural key without its `_one` / `_other`: `t` picks the form from `count`. */
export type UiKeyBase = PluralBase<UiKey>;
