import type { Lang } from '../../main/shared/i18n/translate.ts';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

const formats = new Map<Lang, Intl.RelativeTimeFormat>();

/** "2 min ago" / "2 分前": the nearest whole unit, "now" under a minute. */
export function relativeTime(lang: Lang, iso: string, now: number): string {
  let rtf = formats.get(lang);
  if (!rtf) formats.set(lang, (rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' })));
  const delta = Date.parse(iso) - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(delta) >= ms) return rtf.format(Math.round(delta / ms), unit);
  }
  return rtf.format(0, 'second');
}

/** A list of aliases the way the language writes lists ("a, b, and c" / "a、b、c"). */
export function listFormat(lang: Lang, items: readonly string[]): string {
  return new Intl.ListFormat(lang, { type: 'conjunction', style: 'narrow' }).format(items);
}

/** Clock time for "muted until": the user's locale, hours and minutes. */
export function clockTime(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}
