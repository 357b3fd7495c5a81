import type { CheckReport, HostReport, Verdict } from '../core/verdicts/host-report.ts';
import { cliWords, type CliWords } from './cli-words.ts';

const COLOURS: Record<Verdict, string> = {
  ok: '\x1b[32m',
  'needs-ipqos-0': '\x1b[31;1m',
  unreachable: '\x1b[33m',
  'server-side': '\x1b[33;1m',
  inconclusive: '\x1b[35m',
  'not-applicable': '\x1b[2m',
};
const RESET = '\x1b[0m';

/** Terminal columns: CJK and full-width characters take two. */
function columns(text: string): number {
  let width = 0;
  for (const char of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        char,
      )
        ? 2
        : 1;
  return width;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - columns(text)));
}

/** The human report: a table of verdicts, then the evidence for every host that is not plainly ok. */
export function renderReport(
  report: CheckReport,
  options: { colour: boolean; verbose: boolean; words?: CliWords },
): string {
  const words = options.words ?? cliWords('en');
  const paint = (verdict: Verdict, text: string): string =>
    options.colour ? `${COLOURS[verdict]}${text}${RESET}` : text;
  const rows = report.hosts.map((host) => ({
    host,
    cells: [
      host.alias,
      `${host.hostname}:${host.port}`,
      verdictCell(host, words),
      words.say('cli.seconds', { seconds: (host.durationMs / 1000).toFixed(1) }),
    ],
  }));
  const headers = (
    ['cli.table.host', 'cli.table.address', 'cli.table.verdict', 'cli.table.time'] as const
  ).map((key) => words.say(key));
  const widths = headers.map((header, column) =>
    Math.max(columns(header), ...rows.map((row) => columns(row.cells[column] ?? ''))),
  );
  const line = (cells: string[], verdict?: Verdict): string =>
    cells
      .map((cell, column) => {
        const padded = pad(cell, widths[column] ?? 0);
        return column === 2 && verdict ? paint(verdict, padded) : padded;
      })
      .join('  ')
      .trimEnd();
  const out = [line(headers), ...rows.map((row) => line(row.cells, row.host.verdict))];
  // An ok without a session is worth its reason, except in screen mode where every ok is one.
  const detailed = report.hosts.filter(
    (host) =>
      options.verbose ||
      host.verdict !== 'ok' ||
      host.alreadyFixed ||
      (screenOnly(host) && report.mode !== 'screen'),
  );
  for (const host of detailed) out.push('', ...describeHost(host, paint));
  out.push('', summaryLine(report, words));
  return `${out.join('\n')}\n`;
}

/** An ok that rests on the screen alone, with no session of the user's ssh behind it. */
const screenOnly = (host: HostReport): boolean => host.verdict === 'ok' && host.provenBy === 'screen';

function verdictCell(host: HostReport, words: CliWords): string {
  if (!screenOnly(host)) return words.status(host.verdict);
  return words.lang === 'en' ? 'ok (screen only)' : words.status('screened');
}

function describeHost(host: HostReport, paint: (verdict: Verdict, text: string) => string): string[] {
  return [
    `${paint(host.verdict, host.alias)}: ${host.summary}`,
    ...host.evidence.map((line) => `  · ${line}`),
  ];
}

export function summaryLine(report: CheckReport, words: CliWords = cliWords('en')): string {
  const count = (verdict: Verdict): number => report.hosts.filter((host) => host.verdict === verdict).length;
  const counted = (verdict: Verdict, word = words.status(verdict)): string =>
    words.say('cli.count', { count: count(verdict), verdict: word });
  const fix = report.needsIpqos0.length;
  const head =
    fix === 0
      ? words.say('cli.check.none')
      : words.say('cli.check.needs', { count: fix, hosts: words.list(report.needsIpqos0) });
  const screened = report.hosts.filter(screenOnly).length;
  const ok =
    screened > 0
      ? words.say('cli.check.ok-screened', { count: count('ok'), verdict: words.status('ok'), screened })
      : counted('ok');
  const counts = [
    ok,
    counted('server-side'),
    counted('unreachable'),
    counted('inconclusive'),
    // English has said "not applicable" here, unhyphenated, since the first release.
    counted('not-applicable', words.lang === 'en' ? 'not applicable' : words.status('not-applicable')),
  ];
  const tail = words.say('cli.check.tail', {
    count: report.hosts.length,
    seconds: (report.durationMs / 1000).toFixed(1),
    mode: report.mode,
    counts: words.list(counts),
  });
  const lines = [words.say('cli.check.summary', { head, tail })];
  if (fix > 0) lines.push(words.say('cli.check.to-fix', { hosts: report.needsIpqos0.join(' ') }));
  if (report.serverSide.length > 0) {
    lines.push(words.say('cli.check.server-side', { hosts: words.list(report.serverSide) }));
  }
  if (report.leftOut.length > 0) {
    const names = words.list(report.leftOut.map((entry) => words.say('cli.quoted', { text: entry.alias })));
    lines.push(words.say('cli.check.not-checked', { names, sshSays: report.leftOut[0]?.sshSays ?? '' }));
  }
  return lines.join('\n');
}
