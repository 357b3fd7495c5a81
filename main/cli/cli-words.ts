/**
 * The CLI's own lines (check's table and summary, watch's progress lines) in
 * English and Japanese, issue 16 §2: flat `{{name}}` templates with `_one` /
 * `_other` plurals, said through the popover's translator. Verdict words come
 * from the popover's `ui.status.*` in Japanese; in English they stay the
 * tokens scripts and users already read. `--json` never passes through here.
 */
import { localeLanguages } from '../app/app-language.ts';
import {
  fromCatalogs,
  hasCode,
  resolveLanguage,
  t,
  type Lang,
  type Params,
} from '../shared/i18n/translate.ts';

const CLI_EN = {
  'cli.table.host': 'HOST',
  'cli.table.address': 'ADDRESS',
  'cli.table.verdict': 'VERDICT',
  'cli.table.time': 'TIME',
  'cli.seconds': '{{seconds}} s',
  'cli.separator': ', ',
  'cli.quoted': '"{{text}}"',
  'cli.count': '{{count}} {{verdict}}',
  'cli.check.none': 'No host needs IPQoS 0',
  'cli.check.needs_one': '{{count}} host needs IPQoS 0: {{hosts}}',
  'cli.check.needs_other': '{{count}} hosts need IPQoS 0: {{hosts}}',
  'cli.check.ok-screened': '{{count}} {{verdict}}, {{screened}} of them without a session',
  'cli.check.tail': '{{count}} checked in {{seconds}} s, {{mode}} mode ({{counts}})',
  'cli.check.summary': '{{head}}. {{tail}}.',
  'cli.check.to-fix': 'To fix: ipqos-doctor fix {{hosts}}',
  'cli.check.server-side':
    'Server side (IPQoS 0 here cannot help; its admin can set IPQoS none in sshd_config): {{hosts}}',
  'cli.check.not-checked':
    'Not checked: {{names}} (this ssh refuses such a name on its command line, "{{sshSays}}", so `ssh` cannot be typed with it either).',
  'cli.watch.started':
    'watching the hosts in {{config}} every {{interval}} (results in {{stateDir}}); Ctrl-C stops',
  'cli.watch.stopped': 'stopped ({{signal}})',
  'cli.watch.checking': 'checking…',
  'cli.watch.checking-on': 'checking on {{network}}…',
  'cli.watch.check-stopped': 'check stopped: {{problem}}',
  'cli.watch.checked': 'checked {{count}} host(s): {{summary}}',
  'cli.watch.checked-on': 'checked {{count}} host(s) on {{network}}: {{summary}}',
  'cli.watch.none': 'none',
  'cli.watch.network': 'network: {{label}}',
  'cli.watch.unknown': 'unknown',
  'cli.watch.problem-cleared': 'problem cleared',
} as const;

export type CliKey = keyof typeof CLI_EN extends infer K
  ? K extends `${infer Base}_${'one' | 'other'}`
    ? Base
    : K
  : never;

// Issue 16 §2: the CLI's own lines in Japanese.
const CLI_JA: Readonly<Record<string, string>> = {
  'cli.table.host': 'ホスト',
  'cli.table.address': 'アドレス',
  'cli.table.verdict': '判定',
  'cli.table.time': '時間',
  'cli.seconds': '{{seconds}} 秒',
  'cli.separator': '、',
  'cli.quoted': '「{{text}}」',
  'cli.count': '{{verdict}} {{count}} 台',
  'cli.check.none': 'このネットワークでは IPQoS 0 が必要なホストはありません',
  'cli.check.needs_other': 'このネットワークでは {{count}} 台のホストに IPQoS 0 が必要です：{{hosts}}',
  'cli.check.ok-screened': '{{verdict}} {{count}} 台（うち {{screened}} 台はセッションなし）',
  'cli.check.tail': '{{count}} 台を {{seconds}} 秒でチェックしました（{{mode}} モード：{{counts}}）',
  'cli.check.summary': '{{head}}。{{tail}}。',
  'cli.check.to-fix': '直すには：ipqos-doctor fix {{hosts}}',
  'cli.check.server-side':
    'サーバー側の問題（ここで IPQoS 0 を設定しても直りません。サーバーの管理者が sshd_config に IPQoS none を設定できます）：{{hosts}}',
  'cli.check.not-checked':
    'チェックしていません：{{names}}（この ssh はコマンドラインでこのような名前を受け付けません：「{{sshSays}}」。そのため `ssh` でも入力できません）。',
  'cli.watch.started':
    '{{config}} のホストを {{interval}} ごとにチェックします（結果は {{stateDir}}）。Ctrl-C で停止します',
  'cli.watch.stopped': '停止しました（{{signal}}）',
  'cli.watch.checking': 'チェック中…',
  'cli.watch.checking-on': '{{network}} でチェック中…',
  'cli.watch.check-stopped': 'チェックを中止しました：{{problem}}',
  'cli.watch.checked': '{{count}} 台のホストをチェックしました：{{summary}}',
  'cli.watch.checked-on': '{{network}} で {{count}} 台のホストをチェックしました：{{summary}}',
  'cli.watch.none': 'なし',
  'cli.watch.network': 'ネットワーク：{{label}}',
  'cli.watch.unknown': '不明',
  'cli.watch.problem-cleared': '問題は解消しました',
};

export const CLI_CATALOGS: Record<Lang, Readonly<Record<string, string>>> = { en: CLI_EN, ja: CLI_JA };

/** The CLI's words in one language. */
export interface CliWords {
  readonly lang: Lang;
  say(key: CliKey, params?: Params): string;
  /** A verdict or host status: the token in English, the popover's status word otherwise. */
  status(status: string): string;
  /** Names joined the language's way. */
  list(names: readonly string[]): string;
}

export function cliWords(lang: Lang): CliWords {
  return {
    lang,
    say: (key, params = {}) => fromCatalogs(CLI_CATALOGS, lang, key, params),
    status: (status) => {
      const key = `ui.status.${status}`;
      return lang === 'en' || !hasCode(lang, key) ? status : t(lang, key as never);
    },
    list: (names) => names.join(fromCatalogs(CLI_CATALOGS, lang, 'cli.separator')),
  };
}

/** The language LC_ALL / LC_MESSAGES / LANG give, as `check` and `watch` already use for messages. */
export function localeWords(env: Readonly<Record<string, string | undefined>>): CliWords {
  return cliWords(resolveLanguage('system', localeLanguages(env)));
}
