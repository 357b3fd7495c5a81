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
  'ui.header.checked': 'Last check: {{when}}',
  'ui.header.never-checked': 'Not checked on this network yet',
  'ui.header.check-now': 'Check now',
  'ui.header.checking': 'Checking… {{done}} of {{total}}',
  'ui.header.checking-start': 'Checking…',
  'ui.header.queued': 'Another check follows.',
  'ui.header.progress-label': 'Check progress',

  'ui.summary.needs-fix_one': '{{count}} host needs IPQoS 0 on this network.',
  'ui.summary.needs-fix_other': '{{count}} hosts need IPQoS 0 on this network.',
  'ui.summary.all-fine': 'No host needs IPQoS 0 on this network.',
  'ui.summary.unchecked': 'Press Check now to test your hosts on this network.',
  'ui.summary.fix-all': 'Fix all…',

  'ui.hosts.label': 'Hosts',
  'ui.hosts.count_one': '{{count}} host',
  'ui.hosts.count_other': '{{count}} hosts',
  'ui.hosts.hint': 'Use the arrow keys to move between hosts, Enter to open one.',

  'ui.status.needs-ipqos-0': 'Needs IPQoS 0',
  'ui.status.server-side': 'Server-side problem',
  'ui.status.unreachable': 'Unreachable',
  'ui.status.inconclusive': 'Inconclusive',
  'ui.status.screened': 'Path fine, no login tried',
  'ui.status.ok': 'Fine',
  'ui.status.not-applicable': 'Not affected',
  'ui.status.excluded': 'Excluded',
  'ui.status.unchecked': 'Not checked yet',

  'ui.host.checked': 'Checked {{when}}',
  'ui.host.never-checked': 'Never checked',
  'ui.host.via-jump': 'Connects through {{hop}}: the fix goes to {{hop}}.',
  'ui.host.fixed-by-tool': 'IPQoS 0 set by IPQoS Doctor',
  'ui.host.evidence': 'What was tried',
  'ui.host.no-evidence': 'No details yet: this host has not been checked on this network.',
  'ui.host.fix': 'Fix…',
  'ui.host.fix-jump': 'Fix {{hop}}…',
  'ui.host.why': 'Why?',
  'ui.host.undo': 'Undo…',
  'ui.host.copy-report': 'Copy report',
  'ui.host.copied': 'Report copied to the clipboard.',
  'ui.host.copy-failed': 'Could not copy the report: {{reason}}',

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
  'ui.fix.decision.add': '{{host}}: IPQoS 0 will be set.',
  'ui.fix.decision.already': '{{host}}: IPQoS 0 is already in effect.',
  'ui.fix.decision.remove': '{{host}}: the added IPQoS 0 lines will be removed.',
  'ui.fix.decision.not-found': '{{host}}: no lines from IPQoS Doctor to remove.',
  'ui.fix.decision.blocked':
    '{{host}}: the system-wide ssh config sets IPQoS and wins on this ssh, so only an administrator can change it.',
  'ui.fix.nothing-to-do': 'Nothing to change.',
  'ui.fix.not-writable': 'IPQoS Doctor cannot write this file. To make the change yourself:',
  'ui.fix.apply': 'Apply',
  'ui.fix.cancel': 'Cancel',
  'ui.fix.close': 'Done',
  'ui.fix.applying': 'Writing the file and checking every host with ssh -G…',
  'ui.fix.verified':
    'Done and verified: ssh now uses IPQoS 0 where it should, and every other host is as before.',
  'ui.fix.verified-undo': 'Undone and verified: the lines are gone and every host is as before.',
  'ui.fix.restored': 'Nothing was changed: the check after writing failed, so the previous file is back.',
  'ui.fix.refused': 'The change was not made.',
  'ui.fix.nothing-done': 'Nothing needed to change.',
  'ui.fix.proof-label': 'Proof from ssh -G',
  'ui.fix.proof-line': 'ssh -G {{alias}} → ipqos {{ipqos}}',
  'ui.fix.backup-kept': 'Backup: {{path}}',
  'ui.fix.stale': 'The file changed since this diff was made. Here is the new diff: check it again.',
  'ui.fix.notes': 'Notes',

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
    'The server marks its own packets once you log in, and something on the path drops them. A setting on this Mac does not reach the server’s packets. The server’s admin can fix it with IPQoS 0 in its sshd_config: copy the report and send it to them.',
  'ui.why.back': 'Back',

  'ui.prefs.title': 'Preferences',
  'ui.prefs.interval': 'Check every (minutes)',
  'ui.prefs.notifications': 'Notify me when a host needs IPQoS 0',
  'ui.prefs.mute': 'Mute notifications',
  'ui.prefs.mute-1': 'For 1 hour',
  'ui.prefs.mute-4': 'For 4 hours',
  'ui.prefs.mute-8': 'For 8 hours',
  'ui.prefs.unmute': 'Unmute',
  'ui.prefs.muted-until': 'Muted until {{time}}',
  'ui.prefs.launch': 'Open at login',
  'ui.prefs.excluded': 'Hosts to skip',
  'ui.prefs.excluded-none': 'No hosts in the config yet.',
  'ui.prefs.config': 'ssh config file',
  'ui.prefs.config-placeholder': '~/.ssh/config (the default)',
  'ui.prefs.config-help': 'An absolute path, or empty for ssh’s default.',
  'ui.prefs.config-save': 'Use this file',
  'ui.prefs.language': 'Language',
  'ui.prefs.language.system': 'Same as the system',
  'ui.prefs.language.en': 'English',
  'ui.prefs.language.ja': '日本語',
  'ui.prefs.saved': 'Saved.',
  'ui.prefs.back': 'Back',
  'ui.prefs.open-log': 'Open the log',

  'ui.problem.ssh-missing.title': 'ssh was not found',
  'ui.problem.ssh-missing.next':
    'IPQoS Doctor tests hosts with your own ssh. Make sure /usr/bin/ssh exists (macOS includes it), then press Check now.',
  'ui.problem.config-unreadable.title': 'Your ssh config cannot be read',
  'ui.problem.config-unreadable.next':
    'Check that the file exists and that you can read it, or choose another file in Preferences. Then press Check now.',
  'ui.problem.no-hosts.title': 'No hosts to check',
  'ui.problem.no-hosts.next':
    'Add a Host block for each server you use (for example “Host myserver” with its HostName), or choose another file in Preferences.',
  'ui.problem.check-failed.title': 'The check failed',
  'ui.problem.check-failed.next':
    'Press Check now to try again. If it keeps failing, open the log and include it in a bug report.',
  'ui.problem.file': 'File: {{path}}',
  'ui.problem.open-prefs': 'Open Preferences',

  'ui.notice.not-allowed.title': 'Notifications are not allowed',
  'ui.notice.not-allowed.body':
    'macOS refused this app’s notifications. A build that is not signed with a Developer ID cannot show notifications at all; a signed one can once they are allowed in System Settings › Notifications › IPQoS Doctor. Meanwhile the menu-bar icon and this popover carry every alert: the icon changes shape when a host needs IPQoS 0.',
  'ui.notice.not-allowed.detail': 'What macOS said',
  'ui.notice.open-notifications': 'Open Notification Settings',
  'ui.notice.icon-hidden.title': 'macOS is hiding the menu-bar icon',
  'ui.notice.icon-hidden.body':
    'Open System Settings › Menu Bar and allow IPQoS Doctor, so its icon can tell you when a host needs IPQoS 0.',
  'ui.notice.open-menu-bar': 'Open Menu Bar Settings',
  'ui.notice.muted': 'Notifications are muted until {{time}}.',

  'ui.error.generic': 'That did not work: {{message}}',
  'ui.error.busy': 'IPQoS Doctor is busy with another change. Try again in a moment.',
  'ui.error.disconnected': 'Lost the connection to IPQoS Doctor. It reconnects by itself; if not, reopen it.',
  'ui.error.dismiss': 'Dismiss',

  'ui.footer.prefs': 'Preferences',
  'ui.footer.close': 'Close',

  // issue 13: which ssh client the app runs
  'ui.prefs.ssh': 'ssh client',
  'ui.prefs.ssh-help':
    'The first is the one your login shell runs, as in Terminal. A change applies from the next check.',
} as const;

export type UiKey = keyof typeof UI_EN;
type PluralBase<K> = K extends `${infer Base}_${'one' | 'other'}` ? Base : never;
/** A plural key without its `_one` / `_other`: `t` picks the form from `count`. */
export type UiKeyBase = PluralBase<UiKey>;
