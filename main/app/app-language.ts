/**
 * The main process's language: the setting, or the system's (Electron's
 * preferred languages; LC_ALL, LC_MESSAGES, LANG for `watch` and `check`),
 * and a Message said in it through the same catalogs as the popover.
 */
import { resolveLanguage, translate, type Lang } from '../shared/i18n/translate.ts';
import type { Message, Settings } from '../shared/ipc-contract.ts';

export type { Lang } from '../shared/i18n/translate.ts';

/** POSIX order: LC_ALL wins, then LC_MESSAGES, then LANG; `C`/`POSIX` (or nothing) is English. */
export function localeLanguages(env: Readonly<Record<string, string | undefined>>): string[] {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  if (locale === undefined || locale === 'C' || locale === 'POSIX' || locale.startsWith('C.')) return [];
  return [locale];
}

export function appLanguage(setting: Settings['language'], systemLanguages: readonly string[]): Lang {
  return resolveLanguage(setting, systemLanguages);
}

/** The message with `text` in `lang`: for what the main process shows itself (tray, menus, notifications). */
export function localize(lang: Lang, message: Message): Message {
  return lang === 'en' ? message : { ...message, text: translate(lang, message) };
}
