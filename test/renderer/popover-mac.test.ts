/**
 * Issue 17 in real headless Chromium: the popover as a Mac user expects it,
 * in English and Japanese, light and dark, at 360 and 420 px. The states are
 * the contract's (every status, the core's real message codes); the backend
 * records what the popover asks of main. The same flows on the real
 * controller and the lab are in popover-lab.test.ts and popover-first-run.test.ts.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { IpcFailure } from '../../main/app/ipc-failure.ts';
import type { RequestHandlers } from '../../main/app/request-handlers.ts';
import { startPreviewServer, type PreviewBackend } from '../../main/preview/preview-server.ts';
import { ipcMessage } from '../../main/shared/ipc-messages.ts';
import {
  DEFAULT_SETTINGS,
  INVOKE_CHANNELS,
  type AppState,
  type EditOutcome,
  type EditPreview,
  type InvokeChannel,
  type Settings,
} from '../../main/shared/ipc-contract.ts';
import {
  browserFixture,
  openPopover,
  overflowingText,
  rawErrorText,
  screenshot,
  seriousViolations,
  wrappedControls,
} from './browser.ts';
import { richState } from './ux-fixtures.ts';

const fixture_ = browserFixture();
const { skip } = fixture_;

const PREVIEW: EditPreview = {
  kind: 'fix',
  planHash: 'b'.repeat(64),
  hosts: ['nas'],
  configFile: '/Users/someone/.ssh/config',
  backupDir: '/Users/someone/Library/Application Support/IPQoS Doctor/backups',
  diff: [
    '--- /Users/someone/.ssh/config',
    '+++ /Users/someone/.ssh/config',
    '@@ -12,3 +12,6 @@',
    ' Host web',
    '   HostName web.example.com',
    '+# Added by ipqos-doctor on 2026-12-04 (this line and the next 2)',
    '+Host nas',
    '+  IPQoS 0',
    '',
  ].join('\n'),
  nothingToDo: false,
  decisions: [{ host: 'nas', action: 'add', detail: 'adds IPQoS 0' }],
  notes: [],
  writable: true,
  manual: null,
};
const OUTCOME: EditOutcome = {
  kind: 'fix',
  status: 'verified',
  message: { code: 'fix.verified', params: { aliases: 'nas' }, text: 'IPQoS 0 set for nas.' },
  backupPath: '/Users/someone/Library/Application Support/IPQoS Doctor/backups/config.2026-12-04T02-00-00',
  proof: [{ alias: 'nas', ipqos: 'cs0 cs0' }],
};

interface Recorded {
  channel: InvokeChannel;
  request: unknown;
}

/** A backend holding one state; it records every request and answers as the controller would. */
function backend(initial: AppState, settings: Partial<Settings> = {}) {
  let state = initial;
  let current: Settings = { ...DEFAULT_SETTINGS, loginPolicy: 'daily', ...settings };
  const listeners = new Set<(state: AppState) => void>();
  const calls: Recorded[] = [];
  const handle = async (channel: InvokeChannel, request: unknown): Promise<unknown> => {
    calls.push({ channel, request });
    switch (channel) {
      case 'state:get':
        return state;
      case 'settings:get':
        return current;
      case 'settings:set': {
        const change = request as Partial<Settings>;
        // The controller's own validation error, word for word: the popover must not show it.
        if (change.configFile === '/nope')
          throw new IpcFailure(
            'invalid-request',
            ipcMessage('ipc.invalid-request', {
              channel: 'settings:set',
              issues: 'configFile: Invalid value: Expected /',
            }),
          );
        current = { ...current, ...change };
        if (change.loginPolicy) push({ consentNeeded: false });
        return current;
      }
      case 'fix:plan':
        return PREVIEW;
      case 'fix:apply':
        return OUTCOME;
      case 'report:markdown':
        return { markdown: '## IPQoS Doctor: nas — Needs IPQoS 0 (`needs-ipqos-0`)\n' };
      case 'check:run':
        return { started: true, queued: false };
      default:
        return null;
    }
  };
  const api: PreviewBackend = {
    state: () => state,
    onState: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onFocusHost: () => () => undefined,
    // Every channel answers through the one recording `handle` above.
    handlers: Object.fromEntries(
      INVOKE_CHANNELS.map((channel) => [channel, (request: unknown) => handle(channel, request)]),
    ) as unknown as RequestHandlers,
  };
  const push = (change: Partial<AppState>) => {
    state = { ...state, ...change, revision: state.revision + 1 };
    listeners.forEach((listener) => listener(state));
  };
  return {
    api,
    calls,
    push,
    asked: (channel: InvokeChannel) => calls.filter((call) => call.channel === channel),
  };
}

type Lang = 'en' | 'ja';
type Scheme = 'light' | 'dark';
const MATRIX: Array<[Lang, Scheme, 360 | 420]> = (['en', 'ja'] as const).flatMap((lang) =>
  (['light', 'dark'] as const).flatMap((scheme) =>
    [360, 420].map((width) => [lang, scheme, width] as [Lang, Scheme, 360 | 420]),
  ),
);

async function open(
  t: TestContext,
  state: AppState,
  lang: Lang,
  scheme: Scheme,
  width: number,
  settings = {},
) {
  const browser = fixture_.browser();
  const fixture = backend(state, settings);
  const server = await startPreviewServer({ backend: fixture.api, assets: fixture_.assets() });
  t.after(() => server.close());
  const opened = await openPopover(browser, server.url, {
    locale: lang === 'ja' ? 'ja-JP' : 'en-US',
    colorScheme: scheme,
  });
  t.after(() => opened.context.close());
  await opened.page.setViewportSize({ width, height: 560 });
  return { ...fixture, page: opened.page, errors: opened.errors };
}

async function clean(page: Page, errors: string[], what: string): Promise<void> {
  assert.deepEqual(await wrappedControls(page), [], `${what}: no control wraps`);
  assert.deepEqual(await overflowingText(page), [], `${what}: no clipped or overflowing text`);
  assert.equal(await rawErrorText(page), null, `${what}: no raw error text`);
  assert.deepEqual(await seriousViolations(page), [], `${what}: axe`);
  assert.deepEqual(errors, [], `${what}: no script error or CSP violation`);
}

/** Japanese views hold no English sentence: ASCII words only in names, paths, ssh terms. */
async function noEnglishSentence(page: Page, what: string): Promise<void> {
  const text = await page.locator('body').innerText();
  const english = /\b(?:the|and|is|not|with|your|this|to|of|on)\b [a-z]+/i.exec(text);
  assert.equal(english?.[0] ?? null, null, `${what}: English left in the Japanese view`);
}

const WORDS = {
  en: {
    fix: 'Fix…',
    why: 'Why?',
    details: 'Technical details',
    more: 'More',
    settings: 'Settings…',
    cancel: 'Cancel',
    add: 'Add 3 Lines',
    back: 'Back',
    screened: 'Reachable · not logged in to confirm',
    allow: 'Allow Logins',
    screenOnly: 'Check Without Logging In',
  },
  ja: {
    fix: '修正…',
    why: 'なぜ？',
    details: '技術的な詳細',
    more: 'その他',
    settings: '設定…',
    cancel: 'キャンセル',
    add: '3 行を追加',
    back: '戻る',
    screened: '接続可能・ログインでは未確認',
    allow: 'ログインを許可',
    screenOnly: 'ログインせずにチェック',
  },
} as const;

const row = (page: Page, alias: string) =>
  page.locator('.host').filter({ has: page.locator('.alias', { hasText: new RegExp(`^${alias}$`) }) });

for (const [lang, scheme, width] of MATRIX) {
  const tag = `${lang}-${scheme}-${width}`;
  const w = WORDS[lang];

  test(
    `${tag}: plain words first, evidence closed until opened, a Why? and a next step`,
    { skip },
    async (t) => {
      const { page, errors } = await open(t, richState(), lang, scheme, width);
      await page.locator('.host').first().waitFor();
      await screenshot(page, `mac-list-${tag}`);
      await clean(page, errors, `${tag} list`);
      // A short label per row, the address as its description, the hint once, for the list.
      const button = row(page, 'nas').locator('.row-button');
      // The row's whole accessible name (the lines' boxes add a space after 、, which VoiceOver skips).
      const label = lang === 'en' ? /^nas, Needs IPQoS 0$/ : /^nas、\s?IPQoS 0 が必要$/;
      assert.equal(await page.getByRole('button', { name: label }).count(), 1, 'a short label');
      const described = await button.getAttribute('aria-describedby');
      assert.equal(await page.locator(`[id="${described}"]`).textContent(), 'me@nas.lan.example.com:22');
      assert.equal(await page.locator('[aria-describedby="hosts-hint"]').count(), 1, 'the hint, once');
      // A long name: one line, cut in the middle, whole on hover.
      const long = 'build-server-with-a-very-long-name.internal.example.com';
      const name = row(page, long).locator('.middle-truncate');
      assert.equal(await name.getAttribute('title'), long);
      assert.ok(await name.locator('.mt-head').evaluate((e) => e.scrollWidth > e.clientWidth), 'cut with …');
      assert.equal(await name.locator('.mt-tail').textContent(), long.slice(-8));
      // Screen-only: its own words, never the green of fine.
      const screened = row(page, 'pi').locator('.status-words');
      assert.equal(await screened.textContent(), w.screened);
      const colour = (alias: string) =>
        row(page, alias)
          .locator('.status-words')
          .evaluate((e) => getComputedStyle(e).color);
      assert.notEqual(await colour('pi'), await colour('web'));

      await button.click();
      const details = row(page, 'nas').locator('.details');
      const first = await details
        .locator('> *')
        .first()
        .evaluate((e) => e.className);
      assert.equal(first, 'plain', 'the plain sentence comes first');
      assert.match(
        (await details.locator('.plain').textContent()) ?? '',
        lang === 'en'
          ? /^ssh to nas breaks on this network .*IPQoS 0 fixes it: tested\.$/
          : /nas への ssh が切れます.*確かめました。$/,
      );
      const tech = details.locator('details.tech');
      assert.equal(await tech.evaluate((e) => (e as HTMLDetailsElement).open), false, 'evidence closed');
      const evidence = lang === 'en' ? 'client_loop: send disconnect: Broken pipe' : 'IP_TOS の設定';
      assert.ok(!(await page.locator('body').innerText()).includes(evidence), 'evidence hidden until opened');
      await screenshot(page, `mac-host-${tag}`);
      await clean(page, errors, `${tag} host`);
      await tech.locator('summary', { hasText: w.details }).click();
      assert.ok((await page.locator('body').innerText()).includes(evidence), 'evidence shown once opened');
      if (lang === 'ja') await noEnglishSentence(page, `${tag} evidence`);
      await screenshot(page, `mac-host-evidence-${tag}`);

      // Every state that is not fine: a Why? and a next step.
      for (const alias of ['git', 'old-box', 'flaky', 'pi']) {
        await row(page, alias).locator('.row-button').click();
        await row(page, alias).locator('.next-step').waitFor();
        assert.equal(
          await row(page, alias).getByRole('button', { name: w.why, exact: true }).count(),
          1,
          alias,
        );
      }
      assert.match((await row(page, 'pi').locator('.next-step').textContent()) ?? '', /ssh-agent/);
      await row(page, 'web').locator('.row-button').click();
      assert.equal(await row(page, 'web').locator('.next-step').count(), 0, 'fine has no next step');
      if (lang === 'ja') await noEnglishSentence(page, `${tag} hosts`);
      await row(page, 'old-box').getByRole('button', { name: w.why, exact: true }).click();
      await page.locator('.why-view').waitFor();
      assert.match(
        (await page.locator('.why-view .next-step').textContent()) ?? '',
        lang === 'en' ? /VPN/ : /VPN/,
      );
      await screenshot(page, `mac-why-unreachable-${tag}`);
      await clean(page, errors, `${tag} why`);
      await page.locator('.back-button').click();
      await page.locator('.host-list').waitFor();
    },
  );

  test(`${tag}: ⋯ menu, Settings… with pop-ups, ‹ Back, no raw error text`, { skip }, async (t) => {
    const { page, errors, asked } = await open(t, richState(), lang, scheme, width);
    await page.locator('.host').first().waitFor();
    await page.getByRole('button', { name: w.more }).click();
    const items = await page.getByRole('menuitem').allTextContents();
    assert.deepEqual(
      items.map((item) => item.replace(/⌘.$/, '')),
      lang === 'en'
        ? ['Settings…', 'Check for Updates…', 'About IPQoS Doctor', 'Quit IPQoS Doctor']
        : ['設定…', 'アップデートを確認…', 'IPQoS Doctor について', 'IPQoS Doctor を終了'],
    );
    assert.match(items.at(-1) ?? '', /⌘Q$/);
    await screenshot(page, `mac-menu-${tag}`);
    await clean(page, errors, `${tag} menu`);
    // Esc closes the menu, not the popover.
    await page.keyboard.press('Escape');
    assert.equal(await page.getByRole('menu').count(), 0);
    assert.equal(asked('window:hide').length, 0);
    await page.getByRole('button', { name: w.more }).click();
    await page
      .getByRole('menuitem', { name: lang === 'en' ? 'About IPQoS Doctor' : 'IPQoS Doctor について' })
      .click();
    await waitUntil(() => asked('app:menu').length === 1);
    assert.deepEqual(asked('app:menu')[0]?.request, { item: 'about' });

    await page.getByRole('button', { name: w.more }).click();
    await page.getByRole('menuitem', { name: w.settings }).click();
    await page.locator('.prefs-view').waitFor();
    assert.equal(await page.locator('.titlebar .back-button').count(), 1, '‹ Back in the title bar');
    assert.equal(
      await page.locator('#pref-interval').evaluate((e) => e.tagName),
      'SELECT',
      'the interval is a pop-up',
    );
    await page.locator('#pref-interval').selectOption('60');
    await waitUntil(() => asked('settings:set').length === 1);
    assert.deepEqual(asked('settings:set')[0]?.request, { intervalMinutes: 60 });
    await page.locator('#pref-logins').selectOption('manual');
    await waitUntil(() => asked('settings:set').length === 2);
    assert.deepEqual(asked('settings:set')[1]?.request, { loginPolicy: 'manual' });
    await screenshot(page, `mac-settings-${tag}`);
    await clean(page, errors, `${tag} settings`);
    // Main's validation error becomes the catalog's words.
    await page.locator('#pref-config').fill('/nope');
    await page.locator('#pref-config').press('Enter');
    const notice = page.locator('.notice-error');
    await notice.waitFor();
    assert.equal(
      await notice.locator('p').textContent(),
      lang === 'en'
        ? 'That value cannot be used. Choose another one.'
        : 'その値は使えません。別の値を選んでください。',
    );
    await screenshot(page, `mac-settings-error-${tag}`);
    await clean(page, errors, `${tag} settings error`);
    // ⌘. goes back, as Esc does.
    await page.locator('.subview-title').focus();
    await page.keyboard.press('Meta+Period');
    await page.locator('.host-list').waitFor();
  });

  test(
    `${tag}: Cancel left of “Add 3 Lines”, Return confirms, Esc cancels, Show in Finder`,
    { skip },
    async (t) => {
      const { page, errors, asked } = await open(t, richState(), lang, scheme, width);
      await row(page, 'nas').locator('.row-button').click();
      await row(page, 'nas').getByRole('button', { name: w.fix, exact: true }).click();
      await page.locator('.diff').waitFor();
      const buttons = await page.locator('.subview-actions button').allTextContents();
      assert.deepEqual(buttons, [w.cancel, w.add], 'Cancel, then the default button named by its verb');
      const diff = (await page.locator('.diff').textContent()) ?? '';
      assert.doesNotMatch(diff, /^(---|\+\+\+|@@)/m, 'no raw diff headers');
      assert.match(diff, lang === 'en' ? /Near line 12/ : /12 行目付近/);
      assert.match((await page.locator('.fix-view').textContent()) ?? '', /~\/\.ssh\/config/);
      await screenshot(page, `mac-fix-${tag}`);
      await clean(page, errors, `${tag} fix`);
      await page.keyboard.press('Escape');
      await page.locator('.host-list').waitFor();
      assert.equal(asked('fix:apply').length, 0, 'Esc applied nothing');

      await row(page, 'nas').getByRole('button', { name: w.fix, exact: true }).click();
      await page.locator('.diff').waitFor();
      await page.keyboard.press('Enter'); // focus is on the view's title: Return presses the default button
      await page.locator('.outcome-verified').waitFor();
      assert.equal(asked('fix:apply').length, 1);
      assert.match(
        (await page.locator('.outcome').textContent()) ?? '',
        /~\/Library\/Application Support\/IPQoS Doctor\/backups/,
      );
      await page.getByRole('button', { name: lang === 'en' ? 'Show in Finder' : 'Finder に表示' }).click();
      await waitUntil(() => asked('app:show-in-finder').length === 1);
      assert.deepEqual(asked('app:show-in-finder')[0]?.request, { path: OUTCOME.backupPath });
      await screenshot(page, `mac-fix-done-${tag}`);
      await clean(page, errors, `${tag} fix done`);
    },
  );
}

for (const lang of ['en', 'ja'] as const) {
  test(
    `${lang}: a check in progress keeps the summary, Stop, spinners, then a toast that goes`,
    { skip },
    async (t) => {
      const state = richState();
      const { page, errors, push, asked } = await open(t, state, lang, 'light', 360);
      await page.locator('.summary').waitFor();
      const summary = await page.locator('.summary p').textContent();
      const past = new Date(Date.now() - 5 * 60_000).toISOString();
      push({
        check: { running: true, mode: 'screen', done: 0, total: 9, queued: false },
        hosts: state.hosts.map((host) => ({ ...host, lastCheckedAt: host.lastCheckedAt && past })),
      });
      await page.locator('.progress-row').waitFor();
      assert.equal(
        await page.locator('progress').getAttribute('value'),
        null,
        'indeterminate until a host is done',
      );
      assert.equal(await page.locator('.summary p').textContent(), summary, 'the summary stays');
      assert.ok((await page.locator('.host.in-flight').count()) >= 8, 'rows in flight');
      assert.equal(
        await page.locator('.host.in-flight .spinner').count(),
        await page.locator('.host.in-flight').count(),
      );
      await page.getByRole('button', { name: lang === 'en' ? 'Stop' : '停止' }).click();
      await waitUntil(() => asked('check:cancel').length === 1);
      push({ check: { running: true, mode: 'screen', done: 3, total: 9, queued: false } });
      await page.locator('progress[value="3"]').waitFor();
      await screenshot(page, `mac-checking-${lang}-light-360`);
      await clean(page, errors, `${lang} checking`);
      push({ check: { running: false, mode: null, done: 0, total: 0, queued: false }, hosts: state.hosts });
      await page.locator('.progress-row').waitFor({ state: 'detached' });

      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await row(page, 'nas').locator('.row-button').click();
      await row(page, 'nas')
        .getByRole('button', { name: lang === 'en' ? 'Copy Report' : 'レポートをコピー（英語）' })
        .click();
      const toast = page.locator('.notice-info');
      await toast.waitFor();
      assert.match((await toast.textContent()) ?? '', lang === 'en' ? /in English/ : /英語/);
      await toast.waitFor({ state: 'detached', timeout: 6000 });
    },
  );

  test(
    `${lang}: no ssh config and no hosts are calm, centred, with a way forward; banners dismiss`,
    { skip },
    async (t) => {
      for (const scheme of ['light', 'dark'] as const) {
        const missing = richState({
          hosts: [],
          lastCheck: null,
          problem: {
            kind: 'config-unreadable',
            message: {
              code: 'problem.config-unreadable',
              // As the controller sends it: the core's error by its code (issue 15), with its English.
              params: {
                reason: 'The ssh config /Users/someone/.ssh/config does not exist.',
                cause: 'The ssh config /Users/someone/.ssh/config does not exist.',
                causeCode: 'core.error.config-missing',
                'cause.file': '/Users/someone/.ssh/config',
              },
              text: 'Your ssh config cannot be read: The ssh config /Users/someone/.ssh/config does not exist.',
            },
          },
        });
        const { page, errors, asked } = await open(t, missing, lang, scheme, 360);
        const empty = page.locator('.empty-state');
        await empty.waitFor();
        assert.equal(await page.locator('.banner-problem').count(), 0, 'not a red alarm');
        assert.equal(await empty.evaluate((e) => getComputedStyle(e).textAlign), 'center');
        assert.match((await empty.textContent()) ?? '', /~\/\.ssh\/config/);
        assert.equal(await empty.getByRole('button').count(), 1, 'a way forward');
        await waitUntil(() => asked('window:fit').length > 0);
        const heights = asked('window:fit').map((call) => (call.request as { height: number }).height);
        assert.ok((heights.at(-1) ?? 560) < 400, `the window fits the empty state (${heights.join(', ')})`);
        await screenshot(page, `mac-no-config-${lang}-${scheme}`);
        await clean(page, errors, `${lang} ${scheme} no config`);
      }
      const noHosts = richState({
        hosts: [],
        problem: {
          kind: 'no-hosts',
          message: {
            code: 'problem.no-hosts',
            params: { configFile: '/Users/someone/.ssh/config' },
            text: 'x',
          },
        },
      });
      const { page, errors } = await open(t, noHosts, lang, 'light', 420);
      await page.locator('.empty-state.problem-no-hosts').waitFor();
      await screenshot(page, `mac-no-hosts-${lang}-light`);
      await clean(page, errors, `${lang} no hosts`);

      const refused = richState({
        notifications: {
          status: 'not-allowed',
          mutedUntil: null,
          detail: 'Notifications are not allowed for this application',
        },
      });
      const notice = await open(t, refused, lang, 'dark', 360);
      const banner = notice.page.locator('.banner-notice');
      await banner.waitFor();
      assert.doesNotMatch((await banner.innerText()) ?? '', /sign/i, 'speaks to users, not about signing');
      await screenshot(notice.page, `mac-notice-${lang}-dark`);
      await clean(notice.page, notice.errors, `${lang} notice`);
      await banner.getByRole('button', { name: lang === 'en' ? 'Dismiss' : '閉じる' }).click();
      assert.equal(await banner.count(), 0, 'dismissed');
    },
  );

  test(
    `${lang}: first run — two lines, the choice, Return allows, nothing asked before`,
    { skip },
    async (t) => {
      for (const [scheme, width] of [
        ['light', 360],
        ['dark', 420],
      ] as const) {
        const { page, errors, asked } = await open(
          t,
          richState({ consentNeeded: true, lastCheck: null }),
          lang,
          scheme,
          width,
          {
            loginPolicy: null,
          },
        );
        const view = page.locator('.first-run');
        await view.waitFor();
        const w = WORDS[lang];
        assert.deepEqual(await view.locator('.subview-actions button').allTextContents(), [
          w.screenOnly,
          w.allow,
        ]);
        assert.equal(await page.locator('.host-list').count(), 0, 'no host list before consent');
        assert.equal(asked('check:run').length, 0);
        assert.match(
          (await view.textContent()) ?? '',
          lang === 'en'
            ? /never sends a password, never writes known_hosts/
            : /パスワードを送ることも、known_hosts/,
        );
        await screenshot(page, `mac-first-run-${lang}-${scheme}-${width}`);
        await clean(page, errors, `${lang} first run`);
        await page.keyboard.press('Enter');
        await waitUntil(() => asked('settings:set').length === 1);
        assert.deepEqual(asked('settings:set')[0]?.request, { loginPolicy: 'daily' });
        await page.locator('.host-list').waitFor();
      }
    },
  );
}

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
