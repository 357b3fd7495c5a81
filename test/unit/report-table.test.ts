import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLI_CATALOGS, cliWords } from '../../main/cli/cli-words.ts';
import { placeholders } from '../../main/shared/i18n/translate.ts';
import { renderReport } from '../../main/cli/report-table.ts';
import type { CheckMode, CheckReport, HostReport, Verdict } from '../../main/core/verdicts/host-report.ts';
import { formatMessage, message, type MessageCode } from '../../main/core/verdicts/messages.ts';

const hostReport = (
  alias: string,
  verdict: Verdict,
  provenBy: HostReport['provenBy'],
  code: MessageCode,
): HostReport => {
  const summaryCode = message(code, { tos: '0x08', outcome: 'reset', hop: 'jump' });
  const evidenceCodes = [message('evidence.raw-probe.harmless')];
  return {
    alias,
    hostname: '10.0.0.2',
    port: 22,
    user: 'me',
    verdict,
    summary: formatMessage(summaryCode),
    summaryCode,
    evidence: evidenceCodes.map(formatMessage),
    evidenceCodes,
    durationMs: 1200,
    ipqos: { interactive: 'af21', bulk: 'cs1' },
    alreadyFixed: false,
    fixAlias: verdict === 'needs-ipqos-0' ? alias : null,
    provenBy,
    sessionOk: provenBy === 'openssh' && verdict === 'ok',
  };
};

const checkReport = (mode: CheckMode, hosts: HostReport[]): CheckReport => ({
  hosts,
  needsIpqos0: hosts.filter((h) => h.verdict === 'needs-ipqos-0').map((h) => h.alias),
  serverSide: hosts.filter((h) => h.verdict === 'server-side').map((h) => h.alias),
  leftOut: [],
  mode,
  configFile: null,
  ssh: { bin: 'ssh', version: 'OpenSSH_9.2p1' },
  startedAt: new Date(0).toISOString(),
  durationMs: 2500,
});

const hosts = [
  hostReport('web', 'ok', 'openssh', 'verdict.ok.session'),
  hostReport('nas', 'ok', 'screen', 'verdict.ok.screen.no-login'),
  hostReport('vm', 'needs-ipqos-0', 'openssh', 'verdict.needs-ipqos-0.screen-confirmed'),
  hostReport('ci', 'server-side', 'openssh', 'verdict.server-side'),
];

test('the table marks an ok without a session, and says what server-side means', () => {
  const text = renderReport(checkReport('session', hosts), { colour: false, verbose: false });
  assert.match(text, /^web +10\.0\.0\.2:22 +ok +1\.2 s$/m);
  assert.match(text, /^nas +10\.0\.0\.2:22 +ok \(screen only\) +1\.2 s$/m);
  assert.match(text, /^ci +10\.0\.0\.2:22 +server-side +1\.2 s$/m);
  // Details for everything that is not a plain ok; the screen-only ok says why it is one.
  assert.doesNotMatch(text, /^web: /m);
  assert.match(text, /^nas: The path carries a switch to TOS 0x08/m);
  assert.match(text, /^ci: Sessions break after login/m);
  assert.match(
    text,
    /1 host needs IPQoS 0: vm\. 4 checked in 2\.5 s, session mode \(2 ok, 1 of them without a session, 1 server-side/,
  );
  assert.match(text, /^To fix: ipqos-doctor fix vm$/m);
  assert.match(text, /^Server side \(IPQoS 0 here cannot help; .*\): ci$/m);
});

test('in screen mode every ok is screen-only, so none gets details of its own', () => {
  const screened = [hostReport('nas', 'ok', 'screen', 'verdict.ok.screen')];
  const text = renderReport(checkReport('screen', screened), { colour: false, verbose: false });
  assert.match(text, /^nas +10\.0\.0\.2:22 +ok \(screen only\)/m);
  assert.doesNotMatch(text, /^nas: /m);
  assert.doesNotMatch(text, /Server side/);
});

test('in Japanese: status words in the table, hosts counted with 台, full-width punctuation', () => {
  const report = {
    ...checkReport('session', hosts),
    leftOut: [{ alias: '-x', reason: 'ssh-refuses-name' as const, sshSays: 'bad name' }],
  };
  const text = renderReport(report, { colour: false, verbose: false, words: cliWords('ja') });
  assert.match(text, /^ホスト +アドレス +判定 +時間$/m);
  assert.match(text, /^nas +10\.0\.0\.2:22 +接続可能・ログインでは未確認 +1\.2 秒$/m);
  // Columns line up in terminal cells: a full-width character takes two.
  const [header, web] = text.split('\n');
  const cells = (line = '', upTo: string): number =>
    [...line.slice(0, line.indexOf(upTo))].reduce((sum, char) => sum + (char > '\u1100' ? 2 : 1), 0);
  assert.equal(cells(header, '時間'), cells(web, '1.2'));
  assert.match(
    text,
    /^このネットワークでは 1 台のホストに IPQoS 0 が必要です：vm。4 台を 2\.5 秒でチェックしました（session モード：正常 2 台（うち 1 台はセッションなし）、サーバー側の問題 1 台、接続できません 0 台、判定できません 0 台、影響なし 0 台）。$/m,
  );
  assert.match(text, /^直すには：ipqos-doctor fix vm$/m);
  assert.match(text, /^サーバー側の問題（.*IPQoS none.*）：ci$/m);
  assert.match(text, /^チェックしていません：「-x」（.*：「bad name」。.*）。$/m);
});

test("the CLI's catalogs: every English line has Japanese with the same placeholders", () => {
  const base = (key: string): string => key.replace(/_(one|other)$/, '');
  const ja = new Map(Object.entries(CLI_CATALOGS.ja).map(([key, text]) => [base(key), text]));
  for (const [key, english] of Object.entries(CLI_CATALOGS.en)) {
    const japanese = ja.get(base(key));
    assert.ok(japanese !== undefined, `${key} has no Japanese`);
    assert.deepEqual(placeholders(japanese), placeholders(english), key);
  }
  assert.deepEqual([...ja.keys()].sort(), [...new Set(Object.keys(CLI_CATALOGS.en).map(base))].sort());
});
