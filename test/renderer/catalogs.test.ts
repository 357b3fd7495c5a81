import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APP_MESSAGE_TEMPLATES, appMessage } from '../../main/app/app-messages.ts';
import { MESSAGE_TEMPLATES } from '../../main/core/verdicts/messages.ts';
import { UI_EN } from '../../main/shared/i18n/catalog-en.ts';
import { APP_JA, CORE_JA, UI_JA, VALUES_JA } from '../../main/shared/i18n/catalog-ja.ts';
import { HOST_STATUSES } from '../../main/shared/ipc-contract.ts';
import { placeholders, resolveLanguage, t, translate } from '../../main/shared/i18n/translate.ts';

function mismatches(english: Record<string, string>, japanese: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [code, template] of Object.entries(english)) {
    const ja = japanese[code];
    if (ja === undefined) {
      problems.push(`${code}: no Japanese entry`);
    } else if (placeholders(ja).join() !== placeholders(template).join()) {
      problems.push(
        `${code}: placeholders ${placeholders(ja).join()} ≠ English ${placeholders(template).join()}`,
      );
    }
  }
  for (const code of Object.keys(japanese))
    if (!(code in english)) problems.push(`${code}: not an English code`);
  return problems;
}

test('every core verdict and evidence code has Japanese with the same placeholders', () => {
  assert.deepEqual(mismatches(MESSAGE_TEMPLATES, CORE_JA), []);
});

test('every controller message code has Japanese with the same placeholders', () => {
  assert.deepEqual(mismatches(APP_MESSAGE_TEMPLATES, APP_JA), []);
});

test('every popover string has Japanese with the same placeholders', () => {
  assert.deepEqual(mismatches(UI_EN, UI_JA), []);
});

test('the check itself catches a missing entry and a renamed placeholder', () => {
  assert.deepEqual(mismatches({ a: '{{x}} y', b: 'z' }, { a: '{{y}} y' }), [
    'a: placeholders y ≠ English x',
    'b: no Japanese entry',
  ]);
});

test('translate: English is the message’s own text; Japanese fills the parameters', () => {
  const message = appMessage('notify.needs-ipqos-0.one.title', { alias: 'web' });
  assert.equal(translate('en', message), 'web needs IPQoS 0 on this network');
  assert.equal(translate('ja', message), 'このネットワークでは web に IPQoS 0 が必要です');
});

test('translate: outcome and stage tokens are words in Japanese; other values stay', () => {
  const message = {
    code: 'verdict.unreachable',
    params: { outcome: 'refused', stage: 'connect' },
    text: 'Even an unmarked connection fails (refused during connect): not a QoS problem.',
  };
  assert.equal(
    translate('ja', message),
    'マーキングしない接続でも失敗します（接続の段階で接続拒否）。QoS の問題ではありません。',
  );
  const unknown = { ...message, params: { outcome: 'martian', stage: 'connect' } };
  assert.match(translate('ja', unknown), /martian/);
  assert.equal(translate('en', message), message.text);
});

test('translate: an unknown code falls back to the English text, never to the code', () => {
  const message = { code: 'verdict.from-the-future', params: {}, text: 'A newer core said this.' };
  assert.equal(translate('ja', message), 'A newer core said this.');
});

test('t picks the plural form from count', () => {
  assert.equal(t('en', 'ui.hosts.count', { count: 1 }), '1 host');
  assert.equal(t('en', 'ui.hosts.count', { count: 500 }), '500 hosts');
  assert.equal(t('ja', 'ui.hosts.count', { count: 2 }), '2 台');
  assert.equal(t('en', 'ui.fix.apply-add', { count: 3 }), 'Add 3 Lines');
  assert.equal(t('en', 'ui.fix.apply-remove', { count: 1 }), 'Remove 1 Line');
});

test('the system language decides when the setting says system', () => {
  assert.equal(resolveLanguage('system', ['ja-JP', 'en-US']), 'ja');
  assert.equal(resolveLanguage('system', ['fr-FR', 'en-GB']), 'en');
  assert.equal(resolveLanguage('system', ['de-DE']), 'en');
  assert.equal(resolveLanguage('en', ['ja-JP']), 'en');
});

// Issue 17: Japanese that reads as Japanese.
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const japaneseEntries = (): [string, string][] =>
  Object.entries({ ...UI_JA, ...CORE_JA, ...APP_JA, ...VALUES_JA }).filter(([, text]) => JAPANESE.test(text));

test('Japanese: full-width punctuation next to Japanese text, hosts counted with 台', () => {
  const problems: string[] = [];
  for (const [code, text] of japaneseEntries()) {
    // A half-width ( ) ? : or ! touching Japanese (ssh's own `user@host:port` and `ssh -G` values aside).
    const prose = text.replace(/\{\{\w+\}\}/g, 'X').replace(/[\w.-]+@X:X/g, '');
    if (/[\u3040-\u30ff\u4e00-\u9fff][()?:!]|[()?!][\u3040-\u30ff\u4e00-\u9fff]/.test(prose))
      problems.push(`${code}: half-width punctuation: ${text}`);
    if (/件のホスト|\{\{count\}\} 件/.test(text))
      problems.push(`${code}: hosts are counted with 台: ${text}`);
  }
  assert.deepEqual(problems, []);
});

test('Japanese: the status words are one set in the popover and the tray menu', () => {
  for (const status of HOST_STATUSES) {
    assert.equal(APP_JA[`tray.status.${status}`], UI_JA[`ui.status.${status}`], status);
    assert.equal(
      APP_MESSAGE_TEMPLATES[`tray.status.${status}` as never],
      UI_EN[`ui.status.${status}`],
      status,
    );
  }
});

test('Japanese: the probes’ detail phrases and ssh outcomes are said in Japanese', () => {
  const line = (detail: string) =>
    translate('ja', {
      code: 'evidence.raw-probe.baseline-failed',
      params: { ms: 12, outcome: 'refused', detail },
      text: 'x',
    });
  assert.match(line('ECONNREFUSED during connect'), /接続の段階で接続拒否（ECONNREFUSED）/);
  assert.match(line('the server closed the connection during kex'), /鍵交換中にサーバーが接続を閉じました/);
  assert.match(
    line('no answer within 3000 ms (stuck at auth)'),
    /3000 ms 以内に応答がありません（認証で停止）/,
  );
  assert.doesNotMatch(line('ECONNREFUSED during connect'), /during|refused/);
  const auth = translate('ja', {
    code: 'verdict.inconclusive.no-session',
    params: { outcome: 'auth-failed' },
    text: 'x',
  });
  assert.match(auth, /認証の失敗/);
});
