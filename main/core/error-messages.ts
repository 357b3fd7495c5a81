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
