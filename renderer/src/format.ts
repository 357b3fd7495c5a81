import { t, type Lang } from '../../main/shared/i18n/translate.ts';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

const formats = new Map<Lang, Intl.RelativeTimeFormat>();

/** "2 min ago" / "2 分前": the nearest whole unit, "just now" / "たった今" under a minute. */
export function relativeTime(lang: Lang, iso: string, now: number): string {
  let rtf = formats.get(lang);
  if (!rtf) formats.set(lang, (rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' })));
  const delta = Date.parse(iso) - now;
  for (const [unit, ms] of UNITS) {
    // "2 min. ago" → "2 min ago", as the Mac writes it.
    if (Math.abs(delta) >= ms) return rtf.format(Math.round(delta / ms), unit).replace(/\.(?= ago)/, '');
  }
  return t(lang, 'ui.time.just-now');
}

/** A list of aliases the way the language writes lists ("a, b, and c" / "a、b、c"). */
export function listFormat(lang: Lang, items: readonly string[]): string {
  return new Intl.ListFormat(lang, { type: 'conjunction', style: 'narrow' }).format(items);
}

/** Clock time for "muted until": the user's locale, hours and minutes. */
export function clockTime(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/**
 * A path as the Mac shows it: the home folder as `~`. The home is the part of the
 * config path before `/.ssh/` (the default config is `~/.ssh/config`), or a `/Users/name`.
 */
export function macPath(path: string, configFile: string): string {
  const home = /^(.+)\/\.ssh\//.exec(configFile)?.[1] ?? /^\/Users\/[^/]+/.exec(path)?.[0];
  if (home && (path === home || path.startsWith(`${home}/`))) return `~${path.slice(home.length)}`;
  return path;
}

/** "eth0 via 192.168.1.1" (the network monitor's label) in the language. */
export function networkLabel(lang: Lang, label: string): string {
  const via = /^(\S+) via (\S+)$/.exec(label);
  if (!via) return label;
  return t(lang, 'ui.header.network-via', { iface: via[1] ?? '', gateway: via[2] ?? '' });
}
