/**
 * The core's errors as stable codes with English templates (issue 16 §2): a
 * UserError's message and hint are made from these, so the English and the
 * code can never disagree, and each layer says the code in its own words
 * (the CLI with its flags, main/cli/cli-hints.ts; the app with its buttons).
 * Hints here name no CLI flag. Japanese: CORE_JA in main/shared/i18n.
 */
import { interpolate } from '../shared/interpolate.ts';
import { UserError, type ErrorParams } from './errors.ts';

const ERRORS = {
  'core.error.changed-while-verifying':
    '{{file}} was changed by another program while ipqos-doctor was verifying its change, so it was left as that program wrote it. The version from before the change is {{previous}}; the version ipqos-doctor wrote is kept in {{proposed}}.',
  'core.error.not-regular-file':
    '{{file}} is not a regular file ({{kind}}), so it is not read as an ssh config.',
  'core.error.config-is-directory': '{{file}} is a directory, not an ssh config.',
  'core.error.file-too-large':
    '{{file}} is larger than {{limitMiB}} MiB, too large for an ssh config; it was not read.',
  'core.error.config-missing': 'The ssh config {{file}} does not exist.',
  'core.error.config-unreadable': 'The ssh config {{file}} is not readable.',
  'core.error.config-read-failed': 'Cannot read {{file}} ({{errno}}).',
  'core.error.state-disk-full':
    'The disk that holds {{dir}} (ipqos-doctor’s folder for backups and temporary copies) is full; {{file}} was not changed.',
  'core.error.ssh-g-timeout': 'ssh -G {{host}} did not finish within {{seconds}} s.',
  'core.error.match-exec-timeout':
    'A Match exec command of the config did not finish within {{seconds}} s (ssh -G {{host}}): {{commands}}.',
  'core.error.ssh-not-runnable': 'Cannot run the OpenSSH client "{{bin}}": {{errno}}.',
  'core.error.ssh-not-openssh': '"{{bin}} -V" did not print an OpenSSH version (it printed: {{printed}}).',
  'core.error.ssh-printed-nothing': '"{{bin}} -V" did not print an OpenSSH version (it printed nothing).',
  'core.error.not-a-host-alias':
    '"{{host}}" is not a host alias: aliases cannot be empty, start with "-" or contain spaces.',
  'core.error.ssh-rejects-config': 'OpenSSH rejects the configuration for "{{host}}": {{sshSays}}',
  'core.error.plain-ssh-refuses': 'ssh refuses {{file}} as it is, so nothing was changed: {{sshSays}}',
  'core.error.not-one-host': '"{{host}}" cannot go on a Host line as one host.',
  'core.error.no-hosts-to-fix': 'Name at least one host to fix.',
  'core.error.line-unparsable': '{{file}} line {{line}} cannot be parsed ("{{text}}"): {{reason}}.',
  'core.error.include-too-deep': 'Include nesting is deeper than {{depth}} levels at {{file}}.',
  'core.error.config-unparsable': 'Cannot parse {{file}}: {{reason}}',
  'core.error.config-changed-since-plan':
    '{{file}} changed since the change was planned; nothing was written.',
  'core.error.config-deleted-since-plan':
    '{{file}} changed since the change was planned (it was deleted); nothing was written.',
  'core.error.nul-byte':
    '{{file}} line {{line}} contains a NUL byte; ipqos-doctor will not edit a file ssh may read differently.',
  'core.error.lone-carriage-return':
    '{{file}} line {{line}} contains a carriage return that does not end the line (old Mac line endings?).',
  'core.error.config-now-points': '{{file}} now points at {{target}}; nothing was written.',
  'core.error.include-changed-since-plan':
    '{{file}} (included by {{config}}) changed since the change was planned; nothing was written.',
  'core.error.locked':
    'Another ipqos-doctor (pid {{pid}}) is changing {{file}} right now; nothing was written.',
  'core.error.lock-unavailable': 'Cannot take the lock {{lock}}; nothing was written.',
  'core.error.added-lines-edited':
    '{{file}} line {{line}}: the lines ipqos-doctor added below this comment were edited since ({{problem}}).',
  'core.error.symlink-loop': '{{file}} is a symlink loop.',
  'core.error.include-reaches-state':
    'The config\'s "Include {{pattern}}" reaches {{reached}}, where ipqos-doctor keeps its backups and temporary copies; nothing was written.',
  'core.error.unknown-host': '{{hosts}} is not a host in {{files}}.',
  'core.error.unknown-hosts': '{{hosts}} are not hosts in {{files}}.',
  'core.error.no-aliases': '{{file}} declares no concrete Host aliases to check.',
  'core.error.config-not-writable': 'Cannot change {{file}}: {{reason}}. Nothing was written.',
} as const;

const HINTS = {
  'core.hint.compare-versions':
    'Compare the file with both versions and keep what you want; then check again.',
  'core.hint.pass-config-file': 'Name the ssh config file you use.',
  'core.hint.regular-file-only':
    'An Include that reaches a pipe, a device or a socket stops ssh too: point it at regular files only.',
  'core.hint.too-large': 'Check that the Include lines name the files you mean.',
  'core.hint.check-permissions': 'Check its permissions: ls -l {{file}}',
  'core.hint.free-space':
    'Free some space on that disk, or point IPQOS_DOCTOR_STATE_DIR at a folder on another one, then run the command again.',
  'core.hint.match-exec-timeout':
    'A Match exec command that waits (for the network, a prompt, a lock) stops ssh too: make it return at once, then run the command again.',
  'core.hint.install-ssh':
    'Install OpenSSH (on Debian: apt-get install openssh-client) or name the ssh to use.',
  'core.hint.needs-openssh': 'IPQoS Doctor needs the OpenSSH client; name the ssh to use.',
  'core.hint.name-host-alias': 'Name a host as it appears on a Host line of your ssh config.',
  'core.hint.fix-named-line':
    'Fix the line ssh names (ssh_config(5) lists the valid options), then check again.',
  'core.hint.fix-config-permissions':
    'ssh reads only a config that you own and that no one else can write: chmod 600 {{file}} (and chown it to yourself), then run the command again.',
  'core.hint.one-host-name':
    'Name one alias or host name: letters, digits and . - _ : % + [ ] only; no wildcards, user@ or spaces.',
  'core.hint.name-hosts-to-fix': 'Name the hosts to set IPQoS 0 for.',
  'core.hint.fix-line':
    'Fix that line (ssh -G -F FILE HOST reports it too), then run the command again; nothing was changed.',
  'core.hint.include-loop': 'An Include probably includes itself; OpenSSH refuses this too.',
  'core.hint.unbalanced-quote':
    'Check the line for an unbalanced quote; `ssh -G -F FILE HOST` names the line too.',
  'core.hint.plan-again': 'Run the command again: it plans on the file as it is now.',
  'core.hint.remove-nul':
    'Remove the NUL byte (it is not valid in an ssh config), then run the command again.',
  'core.hint.convert-line-endings':
    'Convert the file to LF or CRLF line endings, then run the command again.',
  'core.hint.run-again': 'Run the command again.',
  'core.hint.plan-again-files': 'Run the command again: it plans on the files as they are now.',
  'core.hint.wait-for-lock':
    'Run the command again when it has finished. If no ipqos-doctor is running, delete {{lock}}.',
  'core.hint.lock-starting': 'Another ipqos-doctor may be starting; run the command again.',
  'core.hint.added-lines-edited':
    'ipqos-doctor will not guess what to remove: delete the comment and the lines it covers by hand, or restore them as they were, then run undo again. Nothing was changed.',
  'core.hint.point-at-file': 'Point it at a real file, then run the command again.',
  'core.hint.move-state-dir':
    'Point {{env}} at a folder no Include of the config matches (e.g. {{env}}=/var/tmp/ipqos-doctor-$USER), then run the command again.',
  'core.hint.host-case':
    '"{{alias}}" is "{{twin}}" in another case, and ssh matches Host names case and all: name it as the config does.',
  'core.hint.known-hosts': 'Known hosts: {{known}}',
  'core.hint.no-aliases': 'That config declares no Host aliases.',
  'core.hint.name-or-add-hosts': 'Name the hosts to check, or add Host blocks to the config.',
  'core.hint.manual-steps':
    'Make the change by hand (work from the top of this list down; line numbers are those of the file now):\n\n{{steps}}Or make the file writable and run the command again.',
} as const;

export type ErrorCode = keyof typeof ERRORS;
export type HintCode = keyof typeof HINTS;
export const ERROR_TEMPLATES: Readonly<Record<ErrorCode, string>> = ERRORS;
export const HINT_TEMPLATES: Readonly<Record<HintCode, string>> = HINTS;

/** A UserError whose English is the code's template filled with `params`. */
export function coreError(code: ErrorCode, params: ErrorParams = {}, hintCode?: HintCode): UserError {
  return new UserError(
    interpolate(ERROR_TEMPLATES[code], params),
    hintCode === undefined ? undefined : interpolate(HINT_TEMPLATES[hintCode], params),
    { code, params, ...(hintCode !== undefined ? { hintCode } : {}) },
  );
}
