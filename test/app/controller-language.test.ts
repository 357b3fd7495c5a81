/**
 * The main process speaks the user's language (issue 16 §2): the tray's
 * tooltip and menu, the notifications and the dialogs, through the controller, in Japanese
 * for a Japanese setting or system, English otherwise; and the locale rules
 * `watch` and `check` follow. The lab test breaks a real path for a real alert.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { RECHECK_DELAY_MS } from '../../main/app/alert-policy.ts';
import { AppController } from '../../main/app/app-controller.ts';
import { localeLanguages } from '../../main/app/app-language.ts';
import { appMessage } from '../../main/app/app-messages.ts';
import { problemParams } from '../../main/app/config-facts.ts';
import { UserError } from '../../main/core/errors.ts';
import { translate } from '../../main/shared/i18n/translate.ts';
import type { MenuItemModel } from '../../main/app/tray-model.ts';
import { skipLab as skip, startCheckLab } from '../lab/check-fixture.ts';
import type { Lab } from '../lab/lab.ts';
import { breakPath, makeHarness, type Harness } from './app-test-kit.ts';

const labels = (menu: readonly MenuItemModel[]): string[] =>
  menu.flatMap((item) =>
    item.kind === 'separator'
      ? []
      : item.kind === 'submenu'
        ? [item.label.text, ...item.items.map((entry) => entry.label.text)]
        : [item.label.text],
  );

/** A controller whose ssh cannot run: a problem and its notification, without a lab. */
async function sshMissing(
  language: 'system' | 'en' | 'ja',
  systemLanguages: string[],
  work: (harness: Harness, controller: AppController) => Promise<void>,
): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ipqd-lang-'));
  const config = path.join(dir, 'ssh_config');
  await writeFile(config, 'Host a\n  HostName 127.0.0.1\n');
  const harness = await makeHarness({ configFile: config, dir });
  harness.deps.settings.write({ ...harness.deps.settings.read(), language });
  const controller = new AppController({
    ...harness.deps,
    core: { ...harness.deps.core, ssh: '/nonexistent/ssh' },
    systemLanguages: () => systemLanguages,
  });
  try {
    await controller.start();
    await controller.whenIdle();
    await work(harness, controller);
  } finally {
    await controller.stop();
    await harness.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

test('Japanese setting: the tray tooltip, every menu label and the notification are Japanese', () =>
  sshMissing('ja', ['en-US'], async ({ notifier }, controller) => {
    const tray = controller.tray();
    assert.match(tray.tooltip, /^IPQoS Doctor：OpenSSH クライアントを実行できません/);
    assert.doesNotMatch(tray.tooltip, /--ssh/, "the core's CLI hint is not the app's to show");
    const shown = labels(tray.menu);
    assert.ok(shown.includes('今すぐチェック'), shown.join(' | '));
    assert.ok(shown.includes('IPQoS Doctor を終了'), shown.join(' | '));
    for (const label of shown) assert.match(label, /[\u3040-\u30ff\u4e00-\u9fff]/, `not Japanese: ${label}`);
    assert.equal(tray.updatesLabel, 'アップデートを確認…');
    // The update check's dialog (menu-actions.ts says the updater's Message through `localize`).
    assert.equal(
      controller.localize(appMessage('updates.up-to-date', { current: '1.2.3' })).text,
      'IPQoS Doctor 1.2.3 は最新です。',
    );
    const [alert] = notifier.shown;
    assert.equal(alert?.title.text, 'IPQoS Doctor がホストをチェックできません');
    assert.match(alert?.body.text ?? '', /^OpenSSH クライアントを実行できません/);
    assert.doesNotMatch(alert?.body.text ?? '', /--ssh/);
    assert.equal(alert?.title.code, 'notify.error.title', 'the code travels with the words');
    // The popover's state keeps English as the fallback: the renderer translates by code itself.
    assert.match(controller.state().problem?.message.text ?? '', /^The OpenSSH client cannot be run/);
  }));

test("'system' follows the system's languages; English stays English", async () => {
  await sshMissing('system', ['ja-JP', 'en-US'], async ({ notifier }, controller) => {
    assert.equal(controller.language(), 'ja');
    assert.match(notifier.shown[0]?.title.text ?? '', /チェックできません/);
  });
  await sshMissing('system', ['fr-FR', 'en-GB'], async ({ notifier }, controller) => {
    assert.equal(
      controller.tray().tooltip.startsWith('IPQoS Doctor: The OpenSSH client cannot be run'),
      true,
    );
    assert.equal(notifier.shown[0]?.title.text, 'IPQoS Doctor cannot check your hosts');
  });
  await sshMissing('en', ['ja-JP'], async (_harness, controller) => {
    assert.equal(controller.tray().updatesLabel, 'Check for Updates…');
  });
});

test("a problem's cause is said by its code where the catalog knows it, else in its own English", () => {
  // Any coded error works the same way; the core's own codes get their Japanese in CORE_JA.
  const coded = new UserError('web has no result on this network yet.', 'Run: ipqos-doctor check', {
    code: 'ipc.no-result',
    params: { alias: 'web' },
  });
  const problem = appMessage('problem.config-unreadable', problemParams(coded));
  assert.equal(problem.text, 'Your ssh config cannot be read: web has no result on this network yet.');
  assert.equal(
    translate('ja', problem),
    'ssh 設定ファイルを読めません：web には、このネットワークでの結果がまだありません。',
  );
  const unknown = appMessage('problem.config-unreadable', problemParams(new UserError('odd.', undefined)));
  assert.equal(translate('ja', unknown), 'ssh 設定ファイルを読めません：odd.');
  const params = Object.fromEntries(Object.entries(problem.params).filter(([key]) => key !== 'cause.alias'));
  const paramsLost = { ...problem, params };
  assert.match(translate('ja', paramsLost), /web has no result/, 'a template it cannot fill: the English');
});

test('the locale for watch and check: LC_ALL, then LC_MESSAGES, then LANG; C and POSIX are English', () => {
  assert.deepEqual(localeLanguages({ LANG: 'ja_JP.UTF-8' }), ['ja_JP.UTF-8']);
  assert.deepEqual(localeLanguages({ LANG: 'ja_JP.UTF-8', LC_MESSAGES: 'en_US.UTF-8' }), ['en_US.UTF-8']);
  assert.deepEqual(localeLanguages({ LANG: 'en_US', LC_MESSAGES: 'en_US', LC_ALL: 'ja_JP' }), ['ja_JP']);
  assert.deepEqual(localeLanguages({ LC_ALL: 'C', LANG: 'ja_JP.UTF-8' }), []);
  assert.deepEqual(localeLanguages({ LANG: 'C.UTF-8' }), []);
  assert.deepEqual(localeLanguages({ LANG: 'POSIX' }), []);
  assert.deepEqual(localeLanguages({ LANG: '' }), []);
});

let lab: Lab | undefined;
let config: string;
before(async () => {
  lab = await startCheckLab();
  if (!lab) return;
  config = await lab.writeClientConfig([
    { alias: 'alpha', port: lab.ports.healthy },
    { alias: 'beta', port: lab.ports.healthy },
  ]);
});
after(async () => {
  await lab?.stop();
});

test('a real break in Japanese: the alert, the tooltip and the host items', { skip }, async () => {
  const labNow = lab as Lab;
  const harness = await makeHarness({ configFile: config });
  harness.deps.settings.write({ ...harness.deps.settings.read(), language: 'ja' });
  const controller = new AppController(harness.deps);
  const heal = await breakPath(labNow, labNow.ports.healthy);
  try {
    await controller.start();
    await controller.whenIdle();
    harness.clock.advance(RECHECK_DELAY_MS);
    await controller.whenIdle();
    const [alert] = harness.notifier.shown;
    assert.equal(alert?.kind, 'needs-ipqos-0');
    assert.equal(alert?.title.text, 'このネットワークでは 2 台のホストに IPQoS 0 が必要です');
    assert.doesNotMatch(alert?.body.text ?? '', /breaks here/);
    const tray = controller.tray();
    assert.equal(tray.tooltip, 'IPQoS Doctor：home で 2 台のホストに IPQoS 0 が必要です');
    assert.ok(labels(tray.menu).includes('alpha — IPQoS 0 が必要'), labels(tray.menu).join(' | '));
  } finally {
    await heal();
    await controller.stop();
    await harness.dispose();
  }
});
