/**
 * A host macOS's Local Network privacy refused (the core's verdict.inconclusive.local-network) has its
 * way forward in the popover: a next step naming the switch and a button that asks main to open
 * Privacy & Security ('app:open-system-settings', pane 'local-network'). Other inconclusive hosts have
 * neither. Real headless Chromium over the preview server; the backend records what the page asks.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import type { RequestHandlers } from '../../main/app/request-handlers.ts';
import { startPreviewServer, type PreviewBackend } from '../../main/preview/preview-server.ts';
import { interpolate } from '../../main/shared/interpolate.ts';
import { MESSAGE_TEMPLATES } from '../../main/core/verdicts/messages.ts';
import {
  DEFAULT_SETTINGS,
  INVOKE_CHANNELS,
  type AppState,
  type HostView,
  type InvokeChannel,
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

const params = { target: '192.168.1.20:22', errno: 'EHOSTUNREACH' };
const LOCAL: HostView = {
  alias: 'printer',
  hostname: '192.168.1.20',
  port: 22,
  user: 'me',
  status: 'inconclusive',
  summary: {
    code: 'verdict.inconclusive.local-network',
    params,
    text: interpolate(MESSAGE_TEMPLATES['verdict.inconclusive.local-network'], params),
  },
  evidence: [],
  fixAlias: null,
  fixedByTool: false,
  lastCheckedAt: new Date(Date.now() - 60_000).toISOString(),
  lastSessionAt: null,
};

function stateWithLocalHost(): AppState {
  const rich = richState();
  return { ...rich, hosts: [LOCAL, ...rich.hosts], tray: 'problem' };
}

async function open(t: TestContext, lang: 'en' | 'ja', scheme: 'light' | 'dark') {
  const browser = fixture_.browser();
  const state = stateWithLocalHost();
  const calls: { channel: InvokeChannel; request: unknown }[] = [];
  const handle = async (channel: InvokeChannel, request: unknown): Promise<unknown> => {
    calls.push({ channel, request });
    if (channel === 'state:get') return state;
    if (channel === 'settings:get') return { ...DEFAULT_SETTINGS, loginPolicy: 'daily' };
    return null;
  };
  const api: PreviewBackend = {
    state: () => state,
    onState: () => () => undefined,
    onFocusHost: () => () => undefined,
    handlers: Object.fromEntries(
      INVOKE_CHANNELS.map((channel) => [channel, (request: unknown) => handle(channel, request)]),
    ) as unknown as RequestHandlers,
  };
  const server = await startPreviewServer({ backend: api, assets: fixture_.assets() });
  t.after(() => server.close());
  const opened = await openPopover(browser, server.url, {
    locale: lang === 'ja' ? 'ja-JP' : 'en-US',
    colorScheme: scheme,
  });
  t.after(() => opened.context.close());
  const asked = (channel: InvokeChannel) => calls.filter((call) => call.channel === channel);
  return { page: opened.page, errors: opened.errors, asked };
}

const row = (page: Page, alias: string) =>
  page.locator('.host').filter({ has: page.locator('.alias', { hasText: new RegExp(`^${alias}$`) }) });

const WORDS = {
  en: {
    button: 'Open Privacy & Security…',
    plain:
      /^macOS kept IPQoS Doctor from reaching printer: the app is not allowed on the local network yet\.$/,
    next: /^Next: allow IPQoS Doctor under Local Network in Privacy & Security, then press Check Now\.$/,
  },
  ja: {
    button: 'プライバシーとセキュリティを開く…',
    plain: /^macOS が IPQoS Doctor から printer への接続を止めました。/,
    next: /^次にすること：「プライバシーとセキュリティ」の「ローカルネットワーク」で IPQoS Doctor を許可してから、「今すぐチェック」を押してください。$/,
  },
} as const;

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

for (const lang of ['en', 'ja'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    const tag = `${lang}-${scheme}`;
    const w = WORDS[lang];
    test(
      `${tag}: a Local Network refusal offers Privacy & Security; other hosts do not`,
      { skip },
      async (t) => {
        const { page, errors, asked } = await open(t, lang, scheme);
        await row(page, 'printer').locator('.row-button').click();
        const details = row(page, 'printer').locator('.details');
        const button = details.getByRole('button', { name: w.button, exact: true });
        await button.waitFor();
        assert.match((await details.locator('.next-step').textContent()) ?? '', w.next);
        assert.match((await details.locator('.plain').textContent()) ?? '', w.plain);
        await button.scrollIntoViewIfNeeded();
        await screenshot(page, `local-network-${tag}`);
        assert.deepEqual(await wrappedControls(page), [], `${tag}: no control wraps`);
        assert.deepEqual(await overflowingText(page), [], `${tag}: no clipped or overflowing text`);
        assert.equal(await rawErrorText(page), null, `${tag}: no raw error text`);
        assert.deepEqual(await seriousViolations(page), [], `${tag}: axe`);

        await button.click();
        await waitUntil(() => asked('app:open-system-settings').length === 1, 'the request');
        assert.deepEqual(asked('app:open-system-settings')[0]?.request, { pane: 'local-network' });

        // Another inconclusive host (no session) and a needs-fix host: no such button.
        for (const alias of ['flaky', 'nas']) {
          await row(page, alias).locator('.row-button').click();
          await row(page, alias).locator('.next-step').waitFor();
          assert.doesNotMatch((await row(page, alias).locator('.plain').textContent()) ?? '', /macOS/, alias);
          const other = row(page, alias).getByRole('button', { name: w.button, exact: true });
          assert.equal(await other.count(), 0, alias);
        }
        assert.equal(await page.getByRole('button', { name: w.button, exact: true }).count(), 1, 'only one');
        assert.equal(asked('app:open-system-settings').length, 1);
        assert.deepEqual(errors, [], `${tag}: no script error or CSP violation`);
      },
    );
  }
}
