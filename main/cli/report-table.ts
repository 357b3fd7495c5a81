import type { CheckReport, HostReport, Verdict } from '../core/verdicts/host-report.ts';

const COLOURS: Record<Verdict, string> = {
  ok: '\x1b[32m',
  'needs-ipqos-0': '\x1b[31;1m',
  unreachable: '\x1b[33m',
  'server-side': '\x1b[33;1m',
  inconclusive: '\x1b[35m',
  'not-applicable': '\x1b[2m',
};
const RESET = '\x1b[0m';

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

/** The human report: a table of verdicts, then the evidence for every host that is not plainly ok. */
export function renderReport(report: CheckReport, options: { colour: boolean; verbose: boolean }): string {
  const paint = (verdict: Verdict, text: string): string =>
    options.colour ? `${COLOURS[verdict]}${text}${RESET}` : text;
  const rows = report.hosts.map((host) => ({
    host,
    cells: [
      host.alias,
      `${host.hostname}:${host.port}`,
      verdictCell(host),
      `${(host.durationMs / 1000).toFixed(1)} s`,
    ],
  }));
  const headers = ['HOST', 'ADDRESS', 'VERDICT', 'TIME'];
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => row.cells[column]?.length ?? 0)),
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
  out.push('', summaryLine(report));
  return `${out.join('\n')}\n`;
}

/** An ok that rests on the screen alone, with no session of the user's ssh behind it. */
const screenOnly = (host: HostReport): boolean => host.verdict === 'ok' && host.provenBy === 'screen';

function verdictCell(host: HostReport): string {
  return screenOnly(host) ? 'ok (screen only)' : host.verdict;
}

function describeHost(host: HostReport, paint: (verdict: Verdict, text: string) => string): string[] {
  return [
    `${paint(host.verdict, host.alias)}: ${host.summary}`,
    ...host.evidence.map((line) => `  · ${line}`),
  ];
}

export function summaryLine(report: CheckReport): string {
  const count = (verdict: Verdict): number => report.hosts.filter((host) => host.verdict === verdict).length;
  const seconds = (report.durationMs / 1000).toFixed(1);
  const fix = report.needsIpqos0.length;
  const head =
    fix === 0
      ? `No host needs IPQoS 0`
      : `${fix} host${fix === 1 ? '' : 's'} need${fix === 1 ? 's' : ''} IPQoS 0: ${report.needsIpqos0.join(', ')}`;
  const screened = report.hosts.filter(screenOnly).length;
  const ok = screened > 0 ? `${count('ok')} ok, ${screened} of them without a session` : `${count('ok')} ok`;
  const tail = `${report.hosts.length} checked in ${seconds} s, ${report.mode} mode (${ok}, ${count('server-side')} server-side, ${count('unreachable')} unreachable, ${count('inconclusive')} inconclusive, ${count('not-applicable')} not applicable)`;
  const lines = [`${head}. ${tail}.`];
  if (fix > 0) lines.push(`To fix: ipqos-doctor fix ${report.needsIpqos0.join(' ')}`);
  if (report.serverSide.length > 0) {
    lines.push(
      `Server side (IPQoS 0 here cannot help; its admin can set IPQoS none in sshd_config): ${report.serverSide.join(', ')}`,
    );
  }
  if (report.leftOut.length > 0) {
    const names = report.leftOut.map((entry) => `"${entry.alias}"`).join(', ');
    lines.push(
      `Not checked: ${names} (this ssh refuses such a name on its command line, "${report.leftOut[0]?.sshSays ?? ''}", so \`ssh\` cannot be typed with it either).`,
    );
  }
  return lines.join('\n');
}
