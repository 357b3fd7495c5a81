/**
 * The popover's error and empty states in real headless Chromium, each from a
 * real controller that met the problem: a config that cannot be read, no ssh,
 * a config without hosts. No lab needed: nothing gets as far as the network.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startPreview, type PreviewOptions } from '../../main/preview/preview.ts';
import { buildPreviewAssets } from '../../main/preview/preview-assets.ts';
import { startPreviewServer } from '../../main/preview/preview-server.ts';
import { fixtureHandlers } from '../preview/fixture-handlers.ts';
import { HOST_STATUSES } from '../../main/shared/ipc-contract.ts';
import { fixtureState } from './bench-ui.ts';
import {
  browserSupport,
  launchBrowser,
  openPopover,
  overflowingText,
  screenshot,
  seriousViolations,
  type PopoverOptions,
} from './browser.ts';

const support = browserSupport();
const skip = !support.ok && process.env.CI !== 'true' ? support.reason : false;
let browser: Browser | undefined;
let home: string;

before(async () => {
  if (!support.ok) {
    if (process.env.CI === 'true') throw new Error(`the popover tests cannot run: ${support.reason}`);
    return;
  }
  home = await mkdtemp(join(tmpdir(), 'ipqos-states-'));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => undefined);
  if (home) await rm(home, { recursive: true, force: true });
});

/** A preview of its own for one state, stopped when the test ends. */
async function popover(
  t: TestContext,
  options: Omit<PreviewOptions, 'home' | 'print'>,
  view: PopoverOptions = {},
): Promise<{ page: Page; errors: string[] }> {
  assert.ok(browser);
  // Consent given (issue 17), so the controller checks and meets the problem; first-run has its own test.
  const preview = await startPreview({
    ...options,
    settings: { loginPolicy: 'daily', ...options.settings },
    home,
    print: () => undefined,
  });
  t.after(() => preview.stop());
  const opened = await openPopover(browser, preview.server.url, view);
  t.after(() => opened.context.close());
  return opened;
}

async function clean(page: Page, errors: string[], what: string): Promise<void> {
  assert.deepEqual(await seriousViolations(page), [], `${what}: axe`);
  assert.deepEqual(await overflowingText(page), [], `${what}: overflow`);
  assert.deepEqual(errors, [], `${what}: page errors`);
}

test('config unreadable: the path, the reason and what to do', { skip }, async (t) => {
  const missing = join(home, 'no-such-config');
  const { page, errors } = await popover(t, { configFile: missing });
  const banner = page.locator('.banner-problem');
  await banner.waitFor({ timeout: 30_000 });
  const text = (await banner.textContent()) ?? '';
  assert.match(text, /Your ssh config cannot be read/);
  assert.ok(text.includes(missing), 'names the file');
  assert.match(text, /does not exist/, 'says why');
  assert.doesNotMatch(text, /--config/, 'no command-line flags in the app');
  assert.match(text, /choose another file in Settings/);
  // The core's own sentence waits, closed, in Technical details.
  assert.doesNotMatch(await banner.innerText(), /does not exist/);
  assert.equal(await banner.getByRole('button', { name: 'Open Settings' }).count(), 1);
  await screenshot(page, 'error-config-unreadable-en-light');
  await clean(page, errors, 'config unreadable');
  await banner.getByRole('button', { name: 'Open Settings' }).click();
  assert.equal(await page.getByLabel('ssh config file').inputValue(), missing);
});

test('config unreadable, in Japanese and dark', { skip }, async (t) => {
  const { page, errors } = await popover(
    t,
    { configFile: join(home, 'no-such-config') },
    { locale: 'ja-JP', colorScheme: 'dark' },
  );
  const banner = page.locator('.banner-problem');
  await banner.waitFor({ timeout: 30_000 });
  assert.match((await banner.textContent()) ?? '', /ssh 設定ファイルを読めません/);
  await screenshot(page, 'error-config-unreadable-ja-dark');
  await clean(page, errors, 'config unreadable ja');
});

test('ssh missing: says so and what to do', { skip }, async (t) => {
  const config = join(home, 'config-one');
  await writeFile(config, 'Host alpha\n  HostName 127.0.0.1\n  Port 9\n');
  const { page, errors } = await popover(t, { configFile: config, ssh: join(home, 'no-ssh-here') });
  const banner = page.locator('.banner-problem');
  await banner.waitFor({ timeout: 30_000 });
  const text = (await banner.textContent()) ?? '';
  assert.match(text, /ssh was not found/);
  assert.match(text, /\/usr\/bin\/ssh/);
  assert.match(text, /press Check Now/);
  await screenshot(page, 'error-ssh-missing-en-light');
  await clean(page, errors, 'ssh missing');
});

test('no hosts: says how to add one', { skip }, async (t) => {
  const config = join(home, 'config-empty');
  await writeFile(config, '# only defaults here\nHost *\n  ServerAliveInterval 30\n');
  const { page, errors } = await popover(t, { configFile: config }, { locale: 'ja-JP' });
  // A calm, centred empty state with a way forward, not a red alarm.
  const banner = page.locator('.empty-state');
  await banner.waitFor({ timeout: 30_000 });
  assert.match((await banner.textContent()) ?? '', /チェックするホストがまだありません/);
  assert.equal(await page.locator('.banner-problem').count(), 0);
  assert.equal(await page.locator('.host').count(), 0);
  await screenshot(page, 'empty-no-hosts-ja-light');
  await clean(page, errors, 'no hosts');
});

test('no ~/.ssh/config at all: a calm empty state that says how to start', { skip }, async (t) => {
  // ssh's default config (configFile null) in a home without ~/.ssh: someone who types ssh user@host.
  const bare = await mkdtemp(join(tmpdir(), 'ipqos-bare-home-'));
  t.after(() => rm(bare, { recursive: true, force: true }));
  assert.ok(browser);
  const preview = await startPreview({
    configFile: null,
    home: bare,
    settings: { loginPolicy: 'daily' },
    print: () => undefined,
  });
  t.after(() => preview.stop());
  for (const [locale, colorScheme] of [
    ['en-US', 'light'],
    ['ja-JP', 'dark'],
  ] as const) {
    const { page, context, errors } = await openPopover(browser, preview.server.url, { locale, colorScheme });
    t.after(() => context.close());
    const empty = page.locator('.empty-state.problem-config-unreadable');
    await empty.waitFor({ timeout: 30_000 });
    assert.match(
      (await empty.textContent()) ?? '',
      locale === 'en-US' ? /No ssh config yet.*ssh user@host/ : /ssh 設定ファイルがまだありません/,
    );
    assert.equal(await page.locator('.banner-problem').count(), 0);
    await screenshot(page, `empty-no-config-${locale.slice(0, 2)}-${colorScheme}`);
    await clean(page, errors, `no config ${locale}`);
  }
});

test('reduced motion: no transitions', { skip }, async (t) => {
  const config = join(home, 'config-motion');
  await writeFile(config, 'Host alpha\n  HostName 127.0.0.1\n  Port 9\n');
  const durations = async (reducedMotion: 'reduce' | 'no-preference') => {
    const { page } = await popover(t, { configFile: config }, { reducedMotion });
    await page.locator('.host').waitFor({ timeout: 30_000 });
    return page.locator('.row-button').evaluate((element) => getComputedStyle(element).transitionDuration);
  };
  assert.match(await durations('reduce'), /^0s(, 0s)*$/);
  assert.doesNotMatch(await durations('no-preference'), /^0s(, 0s)*$/);
});

test(
  '500 hosts: all rows arrive in slices; End and a clicked notification reach hosts far down',
  { skip },
  async (t) => {
    assert.ok(browser);
    const state = fixtureState(500);
    const focus = new Set<(alias: string) => void>();
    const server = await startPreviewServer({
      assets: await buildPreviewAssets(),
      backend: {
        state: () => state,
        onState: () => () => undefined,
        onFocusHost: (listener) => {
          focus.add(listener);
          return () => focus.delete(listener);
        },
        handlers: fixtureHandlers(() => state),
      },
    });
    t.after(() => server.close());
    const { page, context, errors } = await openPopover(browser, server.url);
    t.after(() => context.close());
    const focusedAlias = (alias: string) =>
      page.waitForFunction(
        (expected) => document.activeElement?.querySelector('.alias')?.textContent === expected,
        alias,
      );
    await page.locator('.row-button').first().focus();
    await page.keyboard.press('End');
    // Problems first, in HOST_STATUSES order; the config's order within a status.
    const rank = (status: string) => HOST_STATUSES.indexOf(status as (typeof HOST_STATUSES)[number]);
    const sorted = [...state.hosts].sort((a, b) => rank(a.status) - rank(b.status));
    await focusedAlias(sorted.at(-1)?.alias ?? '');
    await page.waitForFunction(() => document.querySelectorAll('.host').length === 500);

    // The event a clicked notification sends: the popover opens that host.
    await page.reload();
    await page.locator('.host').first().waitFor();
    // The reloaded page's event stream has replaced the old one's.
    for (let waited = 0; focus.size !== 1; waited += 20) {
      assert.ok(waited < 5000, 'the page subscribes to events');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const far = sorted[450]?.alias ?? '';
    focus.forEach((listener) => listener(far));
    await focusedAlias(far);
    assert.equal(await page.locator('.row-button:focus').getAttribute('aria-expanded'), 'true');
    assert.deepEqual(errors, []);
  },
);
