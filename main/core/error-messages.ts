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
} as const;

const HINTS = {
  'core.hint.compare-versions':
    'Compare the file with both versions and keep what you want; then check again.',
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
