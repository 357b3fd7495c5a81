/**
 * A tiny translator for the popover and the Electron main (notifications,
 * menu): flat catalogs, i18next-style `{{name}}` placeholders and `_one` /
 * `_other` plural keys picked by `count`. i18next itself would add ~13 KB gz
 * to the popover for features it does not use.
 */
import { interpolate, type MessageParams } from '../interpolate.ts';
import type { Message } from '../ipc-contract.ts';
import { UI_EN, type UiKey, type UiKeyBase } from './catalog-en.ts';
import { APP_JA, CORE_ERRORS_JA, CORE_JA, UI_JA, VALUES_JA } from './catalog-ja.ts';

export type Lang = 'en' | 'ja';
export const LANGS: readonly Lang[] = ['en', 'ja'];
export type Params = MessageParams;

const CATALOGS: Record<Lang, Catalog> = {
  en: UI_EN,
  ja: { ...CORE_JA, ...CORE_ERRORS_JA, ...APP_JA, ...UI_JA, ...VALUES_JA },
};

/** The language for a setting: 'system' follows the first of the system's languages we have. */
export function resolveLanguage(setting: 'system' | Lang, systemLanguages: readonly string[]): Lang {
  if (setting !== 'system') return setting;
  for (const tag of systemLanguages) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (base === 'ja' || base === 'en') return base;
  }
  return 'en';
}

const pluralRules = new Map<Lang, Intl.PluralRules>();
function pluralKey(catalog: Catalog, lang: Lang, key: string, params: Params): string {
  if (typeof params.count !== 'number' || key in catalog) return key;
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  const form = `${key}_${rules.select(params.count)}`;
  return form in catalog ? form : `${key}_other`;
}

type Catalog = Readonly<Record<string, string>>;

/**
 * A string by key from a pair of flat catalogs (the popover's, or the CLI's own in
 * main/cli/cli-words.ts): plural form by `count`, English when the language lacks the key.
 */
export function fromCatalogs(
  catalogs: Record<Lang, Catalog>,
  lang: Lang,
  key: string,
  params: Params = {},
): string {
  const template =
    catalogs[lang][pluralKey(catalogs[lang], lang, key, params)] ??
    catalogs.en[pluralKey(catalogs.en, 'en', key, params)] ??
    key;
  return interpolate(template, params);
}

/** A popover string by key. */
export function t(lang: Lang, key: UiKey | UiKeyBase, params: Params = {}): string {
  return fromCatalogs(CATALOGS, lang, key, params);
}

/**
 * A message from the core or the controller in the user's language. English
 * is the message's own text (made from the same template); another language
 * uses its catalog and falls back to that text for a code it does not know.
 */
export function translate(lang: Lang, message: Message): string {
  if (lang === 'en') return message.text;
  const catalog = CATALOGS[lang];
  const template = catalog[message.code];
  if (template === undefined) return message.text;
  // Word-like values (outcome and stage tokens) are said in the language too; data stays as it is.
  const params: Params = { ...message.params };
  for (const name of WORD_PARAMS) {
    const word = catalog[`value.${name}.${String(params[name])}`];
    if (word !== undefined) params[name] = word;
  }
  // A problem's cause is a message of its own (a core error): said by its code where the catalog has it.
  // (Only when its parameters came along: a template left with a {{hole}} says less than the English.)
  const cause = catalog[String(params.causeCode)];
  const causeParams = nestedParams(params, 'cause');
  if (cause !== undefined && placeholders(cause).every((name) => name in causeParams)) {
    const said = interpolate(cause, causeParams);
    params.cause = said;
    params.reason = said;
  }
  for (const name of PHRASE_PARAMS) {
    if (typeof params[name] === 'string') params[name] = detailPhrase(catalog, params[name]);
  }
  return interpolate(template, params);
}

const WORD_PARAMS = ['outcome', 'stage'] as const;
const PHRASE_PARAMS = ['detail', 'reason'] as const;

/**
 * Issue 17: the raw probe's few detail phrases (main/core/probes/tos-probe.ts) in the language, until
 * the core sends them as codes (issue 16 §2). Anything else — ssh's own stderr line — stays as printed.
 */
const DETAIL_PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/^the server closed the connection during (\w+)$/, 'value.detail.closed-during'],
  [/^the server closed the connection$/, 'value.detail.closed'],
  [/^no answer within (\d+) ms \(stuck at (\w+)\)$/, 'value.detail.no-answer-stuck'],
  [/^no answer within (\d+) ms$/, 'value.detail.no-answer'],
  [/^the server accepted authentication "none"$/, 'value.detail.none-accepted'],
  [/^cancelled$/, 'value.detail.cancelled'],
  [/^(E[A-Z]+) during (\w+)$/, 'value.detail.during'],
];

function detailPhrase(catalog: Readonly<Record<string, string>>, text: string): string {
  for (const [pattern, key] of DETAIL_PHRASES) {
    const match = pattern.exec(text);
    const template = catalog[key];
    if (!match || template === undefined) continue;
    const stage = (value: string | undefined) => catalog[`value.stage.${value ?? ''}`] ?? value ?? '';
    const filled: Params =
      key === 'value.detail.during'
        ? { code: catalog[`value.errno.${match[1] ?? ''}`] ?? match[1] ?? '', stage: stage(match[2]) }
        : key === 'value.detail.no-answer-stuck'
          ? { ms: match[1] ?? '', stage: stage(match[2]) }
          : { ms: match[1] ?? '', stage: stage(match[1]) };
    return interpolate(template, filled);
  }
  return text;
}

/** `cause.file` → `file`: the parameters of a message carried inside another's. */
function nestedParams(params: Params, prefix: string): Params {
  const nested: Params = {};
  for (const [key, value] of Object.entries(params))
    if (key.startsWith(`${prefix}.`)) nested[key.slice(prefix.length + 1)] = value;
  return nested;
}

/** The `{{names}}` a template uses, sorted: for the catalog tests. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? ''))].sort();
}

export function hasCode(lang: Lang, code: string): boolean {
  return code in CATALOGS[lang];
}
