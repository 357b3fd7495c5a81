/**
 * The popover in real headless Chromium, against the preview server with the
 * real controller and core, on the lab (real sshd behind nftables middleboxes).
 * One browser for the file; each scenario opens its own page at the popover's
 * size. Screenshots go to test-artifacts/screenshots/ (git-ignored).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { startPreview, type Preview } from '../../main/preview/preview.ts';
import { HOST_STATUSES } from '../../main/shared/ipc-contract.ts';
import { labSupport, startLab, type Lab } from '../lab/lab.ts';
import {
  browserSupport,
  launchBrowser,
  openPopover,
  overflowingText,
  screenshot,
  seriousViolations,
  type PopoverOptions,
} from './browser.ts';

const run = promisify(execFile);
const lab_ = labSupport();
const browser_ = browserSupport();
const reason = !lab_.ok ? lab_.reason : !browser_.ok ? browser_.reason : null;
// On CI nothing may skip: the before hook throws and every test fails with the reason.
const skip = reason !== null && process.env.CI !== 'true' ? reason : false;

let lab: Lab | undefined;
let preview: Preview | undefined;
let browser: Browser | undefined;
let home: string;
let config: string;
let original: Buffer;
const printed: string[] = [];
const CHECK_TIMEOUT_MS = 90_000;

before(async () => {
  if (reason !== null) {
    if (process.env.CI === 'true') throw new Error(`the popover lab tests cannot run: ${reason}`);
    return;
  }
  home = await mkdtemp(join(tmpdir(), 'ipqos-popover-home-'));
  lab = await startLab();
  const { ports } = lab;
  config = await lab.writeClientConfig([
    { alias: 'healthy', port: ports.healthy },
    { alias: 'reset', port: ports.reset },
    { alias: 'behind-reset', port: ports.healthy, extra: ['ProxyJump reset'] },
    { alias: 'server-marks', port: ports.serverMarks },
    { alias: 'closed', port: 2299 },
  ]);
  original = await readFile(config);
  [preview, browser] = await Promise.all([
    // Refused notifications: the fix's "verified" notice then shows the not-allowed banner.
    startPreview({
      configFile: config,
      home,
      refuseNotifications: true,
      // The first-run view was answered with "Allow Logins" (its own test starts fresh).
      settings: { loginPolicy: 'daily' },
      print: (line) => printed.push(line),
    }),
    launchBrowser(),
  ]);
});

after(async () => {
  await browser?.close().catch(() => undefined);
  await preview?.stop().catch(() => undefined);
  await lab?.stop().catch(() => undefined);
  if (home) await rm(home, { recursive: true, force: true });
});

async function open(t: TestContext, options: PopoverOptions = {}): Promise<{ page: Page; errors: string[] }> {
  assert.ok(browser && preview, 'the browser and the preview run');
  const opened = await openPopover(browser, preview.server.url, options);
  t.after(() => opened.context.close());
  // The first check on the lab has finished once "reset" says it needs IPQoS 0.
  await opened.page
    .locator('.host.status-needs-ipqos-0', { hasText: 'reset' })
    .first()
    .waitFor({ timeout: CHECK_TIMEOUT_MS });
  await opened.page.locator('.progress-row').waitFor({ state: 'detached', timeout: CHECK_TIMEOUT_MS });
  return opened;
}

const row = (page: Page, alias: string) =>
  page.locator('.host').filter({ has: page.locator('.alias', { hasText: new RegExp(`^${alias}$`) }) });

async function expand(page: Page, alias: string): Promise<void> {
  const button = row(page, alias).locator('.row-button');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await row(page, alias).locator('.details').waitFor();
  // Screenshots show the opened host, even below a banner.
  await row(page, alias).locator('.details').scrollIntoViewIfNeeded();
}

async function assertClean(page: Page, errors: string[], what: string): Promise<void> {
  assert.deepEqual(await seriousViolations(page), [], `${what}: axe finds no serious or critical violation`);
  assert.deepEqual(await overflowingText(page), [], `${what}: no clipped or overflowing text`);
  assert.deepEqual(errors, [], `${what}: no script error or CSP violation`);
}

async function sshG(alias: string): Promise<string> {
  const { stdout } = await run('ssh', ['-G', '-F', config, alias]);
  return /^ipqos (.*)$/m.exec(stdout)?.[1] ?? '';
}

test('open: problems first, each host with its status in words and an icon', { skip }, async (t) => {
  const { page, errors } = await open(t);
  const statuses = await page
    .locator('.host')
    .evaluateAll((items) => items.map((item) => /status-([\w-]+)/.exec(item.className)?.[1] ?? ''));
  const ranks = statuses.map((status) => HOST_STATUSES.indexOf(status as (typeof HOST_STATUSES)[number]));
  assert.deepEqual(
    ranks,
    [...ranks].sort((a, b) => a - b),
    `problems first: ${statuses.join(', ')}`,
  );
  assert.equal(statuses[0], 'needs-ipqos-0');
  for (const [alias, words] of [
    ['reset', 'Needs IPQoS 0'],
    ['behind-reset', 'Needs IPQoS 0'],
    ['server-marks', 'Server-side problem'],
    ['closed', 'Unreachable'],
  ] as const) {
    assert.equal(await row(page, alias).locator('.status-words').textContent(), words, alias);
    assert.equal(await row(page, alias).locator('svg.icon').count(), 1, `${alias} has an icon`);
  }
  assert.match((await row(page, 'reset').locator('.target').textContent()) ?? '', /^root@10\.[\d.]+:2202$/);
  assert.match((await page.locator('.summary').textContent()) ?? '', /2 hosts need IPQoS 0/);
  await screenshot(page, 'list-en-light');
  await expand(page, 'reset');
  await expand(page, 'behind-reset');
  assert.match(
    (await row(page, 'behind-reset').locator('.details').textContent()) ?? '',
    /the fix goes to reset/,
  );
  assert.equal(await row(page, 'behind-reset').getByRole('button', { name: 'Fix reset…' }).count(), 1);
  await screenshot(page, 'list-expanded-en-light');
  await assertClean(page, errors, 'list');
});

test('why: plain words and this host’s own evidence; copy report', { skip }, async (t) => {
  const { page, errors } = await open(t);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await expand(page, 'reset');
  await row(page, 'reset').getByRole('button', { name: 'Copy Report' }).click();
  await page.locator('.notice-info', { hasText: 'Report copied' }).waitFor();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(markdown, /reset/);
  assert.match(markdown, /IPQoS/);
  // Copy Report keeps today's evidence, all of it, though the popover shows it only on request.
  assert.match(markdown, /then TOS 0x\w+ on the same connection: reset/);
  assert.match(markdown, /Needs IPQoS 0 \(`needs-ipqos-0`\)/, 'the popover’s status words');
  await row(page, 'reset').getByRole('button', { name: 'Why?' }).click();
  const why = page.locator('.why-view');
  await why.waitFor();
  const text = (await why.textContent()) ?? '';
  assert.match(text, /What happens/);
  assert.match(text, /Broken pipe/);
  assert.match(text, /What IPQoS 0 changes/);
  assert.match(text, /Why it is safe/);
  assert.match(text, /How to take it back/);
  // This host's own measurement, in Technical details: closed until opened.
  const tech = why.locator('details.tech');
  assert.equal(await tech.evaluate((element) => (element as HTMLDetailsElement).open), false);
  assert.doesNotMatch(await why.innerText(), /on the same connection/);
  await screenshot(page, 'why-en-light');
  await tech.locator('summary').click();
  assert.match(await why.innerText(), /then TOS 0x\w+ on the same connection: reset/);
  await screenshot(page, 'why-details-en-light');
  await assertClean(page, errors, 'why');
  await page.getByRole('button', { name: 'Back' }).click();
  await page.locator('.host-list').waitFor();
});

test('fix → verified on disk and by ssh -G → undo → the original bytes are back', { skip }, async (t) => {
  const { page, errors } = await open(t);
  assert.notEqual(await sshG('reset'), 'cs0 cs0');
  await expand(page, 'reset');
  await row(page, 'reset').getByRole('button', { name: 'Fix…' }).click();
  const diff = page.locator('.diff');
  await diff.waitFor();
  const added = await page.locator('.diff-add').allTextContents();
  assert.ok(added.length > 0, 'the diff adds lines');
  assert.ok(
    added.every((line) => line.startsWith('+')),
    'added lines say + in the text, not only in colour',
  );
  assert.ok(
    added.some((line) => /^\+Host reset\b/.test(line.trim())),
    added.join('|'),
  );
  assert.ok(
    added.some((line) => /^\+\s*IPQoS 0\b/.test(line.trim())),
    added.join('|'),
  );
  assert.equal(await page.locator('.diff-del').count(), 0, 'a fix removes nothing');
  // The default button says what it does, with the count of lines the diff adds; Cancel is left of it.
  const apply = page.locator('.subview-actions button.primary');
  assert.equal(await apply.textContent(), `Add ${added.length} Lines`);
  assert.deepEqual(await page.locator('.subview-actions button').allTextContents(), [
    'Cancel',
    `Add ${added.length} Lines`,
  ]);
  const view = (await page.locator('.fix-view').textContent()) ?? '';
  assert.ok(view.includes(`File: ${config}`), 'names the file it changes');
  assert.match(view, /A backup goes to: \//);
  await screenshot(page, 'fix-diff-en-light');
  await assertClean(page, errors, 'fix preview');

  await apply.click();
  await page.locator('.outcome-verified').waitFor({ timeout: 60_000 });
  assert.match((await page.locator('.proof').textContent()) ?? '', /ssh -G reset → ipqos cs0 cs0/);
  await page.getByRole('button', { name: 'Show in Finder' }).click();
  await waitFor(() => printed.some((line) => line.includes('Finder')));
  await screenshot(page, 'fix-verified-en-light');
  const fixed = await readFile(config, 'utf8');
  assert.match(fixed, /^Host reset\b[^\n]*\n\s*IPQoS 0\b/m);
  assert.equal(await sshG('reset'), 'cs0 cs0');
  assert.notEqual(await sshG('healthy'), 'cs0 cs0', 'other hosts keep their marking');

  await page.getByRole('button', { name: 'Done' }).click();
  await expand(page, 'reset');
  await row(page, 'reset').locator('.fixed-badge').waitFor();
  await row(page, 'reset').getByRole('button', { name: 'Undo…' }).click();
  await page.locator('.diff').waitFor();
  const removed = await page.locator('.diff-del').allTextContents();
  assert.ok(
    removed.some((line) => /^-\s*IPQoS 0\b/.test(line.trim())),
    removed.join('|'),
  );
  assert.equal(await page.locator('.diff-add').count(), 0, 'an undo adds nothing');
  await screenshot(page, 'undo-diff-en-light');
  await page.getByRole('button', { name: `Remove ${removed.length} Lines` }).click();
  await page.locator('.outcome-verified').waitFor({ timeout: 60_000 });
  assert.deepEqual(await readFile(config), original, 'the original bytes are back');
  assert.notEqual(await sshG('reset'), 'cs0 cs0');
  await page.getByRole('button', { name: 'Done' }).click();
  assert.deepEqual(errors, []);
});

test('notices: notifications not allowed and a hidden menu-bar icon say what to do', { skip }, async (t) => {
  assert.ok(preview);
  // The fix above sent a notification, which the preview refused like an unsigned app.
  preview.controller.setMenuBarIconHidden(true);
  t.after(() => preview?.controller.setMenuBarIconHidden(false));
  const { page, errors } = await open(t);
  const allowed = page.locator('.banner', { hasText: 'Notifications are off' });
  await allowed.waitFor();
  assert.match((await allowed.textContent()) ?? '', /System Settings › Notifications/);
  const hidden = page.locator('.banner', { hasText: 'hiding the menu-bar icon' });
  assert.match((await hidden.textContent()) ?? '', /System Settings › Menu Bar and allow IPQoS Doctor/);
  await hidden.getByRole('button', { name: 'Open Menu Bar Settings' }).click();
  await waitFor(() => printed.some((line) => line.includes('System Settings › menu-bar')));
  await screenshot(page, 'notices-en-light');
  await assertClean(page, errors, 'notices');
});

test('keyboard only: Tab, arrows, Enter, Esc', { skip }, async (t) => {
  const { page, errors } = await open(t);
  const focused = () =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return {
        className: element?.className ?? '',
        text: element?.textContent ?? '',
        outline: element ? getComputedStyle(element).outlineStyle : 'none',
      };
    });
  let steps = 0;
  while (!(await focused()).className.includes('row-button')) {
    await page.keyboard.press('Tab');
    assert.ok(++steps < 10, 'Tab reaches the host list');
  }
  const first = await focused();
  assert.match(first.text, /reset/);
  assert.notEqual(first.outline, 'none', 'focus is visible');
  await page.keyboard.press('ArrowDown');
  assert.notEqual((await focused()).text, first.text, 'ArrowDown moves to the next host');
  await page.keyboard.press('End');
  assert.match((await focused()).text, /closed|healthy/);
  await page.keyboard.press('Home');
  assert.equal((await focused()).text, first.text);
  // One tab stop for the whole list: Tab leaves it.
  await page.keyboard.press('Tab');
  assert.ok(!(await focused()).className.includes('row-button'), 'Tab leaves the list');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await focused()).text, first.text, 'Shift+Tab comes back to the same host');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.row-button').first().getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Tab');
  assert.match((await focused()).text, /^Fix/);
  await page.keyboard.press('Enter');
  await page.locator('.diff').waitFor();
  assert.equal(
    await page.evaluate(() => document.activeElement?.id),
    'fix-title',
    'the view’s title takes focus',
  );
  await page.keyboard.press('Escape');
  await page.locator('.host-list').waitFor();
  const before = printed.length;
  await page.keyboard.press('Escape');
  await waitFor(() => printed.slice(before).some((line) => line.includes('hide the popover')));
  assert.deepEqual(errors, []);
});

test('Japanese from the system locale, switchable in Preferences', { skip }, async (t) => {
  const { page, errors } = await open(t, { locale: 'ja-JP' });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja');
  assert.equal(await page.getByRole('button', { name: '今すぐチェック' }).count(), 1);
  assert.equal(await row(page, 'reset').locator('.status-words').textContent(), 'IPQoS 0 が必要');
  await expand(page, 'reset');
  // The core's summary, translated from its code (in Technical details).
  await row(page, 'reset').locator('details.tech summary').click();
  const summary = (await row(page, 'reset').locator('.summary-text').textContent()) ?? '';
  assert.match(summary, /[\u3040-\u30ff]/, summary);
  assert.doesNotMatch(summary, /Your ssh|TOS 0 works/);
  await screenshot(page, 'list-ja-light');
  await assertClean(page, errors, 'Japanese list');
  // No English in the Japanese host view, evidence included (ssh's own stderr lines aside).
  // (The alias itself is "reset": the probe's outcome word must read リセット.)
  const shown = (await row(page, 'reset').locator('.details').innerText()).replace(
    /(?<![\w-])reset(?![\w-])/g,
    'ALIAS',
  );
  assert.doesNotMatch(shown, /\b(?:during|refused|timeout|answered|Raw probe|the server)\b/, shown);
  assert.match(shown, /リセット/);
  await row(page, 'reset').getByRole('button', { name: 'なぜ？' }).click();
  await page.locator('.why-view').waitFor();
  assert.match((await page.locator('.why-view').textContent()) ?? '', /何が起きているか/);
  await screenshot(page, 'why-ja-light');
  await page.getByRole('button', { name: '戻る' }).click();
  await expand(page, 'reset');
  await row(page, 'reset').getByRole('button', { name: '修正…' }).click();
  await page.locator('.diff').waitFor();
  await screenshot(page, 'fix-diff-ja-light');
  await assertClean(page, errors, 'Japanese fix view');
  await page.getByRole('button', { name: 'キャンセル' }).click();

  await page.getByRole('button', { name: 'その他' }).click();
  await page.getByRole('menuitem', { name: '設定…' }).click();
  await page.locator('.prefs-view').waitFor();
  await screenshot(page, 'prefs-ja-light');
  await assertClean(page, errors, 'Japanese preferences');
  t.after(() => preview?.controller.handle('settings:set', { language: 'system' }));
  await page.getByLabel('言語').selectOption('en');
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.getByLabel('Language').selectOption('system');
  await page.getByRole('heading', { name: '設定' }).waitFor();
});

test('dark mode: readable colours from the system setting', { skip }, async (t) => {
  for (const locale of ['en-US', 'ja-JP']) {
    const { page, errors } = await open(t, { colorScheme: 'dark', locale });
    const colours = await page.evaluate(() => {
      const luminance = (css: string) => {
        const [r = 0, g = 0, b = 0] = (css.match(/[\d.]+/g) ?? []).map(Number);
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      };
      // The page is transparent over the window's material; the popover paints its tint.
      const canvas = document.createElement('canvas').getContext('2d');
      const rgb = (css: string) => {
        if (!canvas) return css;
        canvas.fillStyle = css;
        canvas.fillRect(0, 0, 1, 1);
        const [r, g, b] = canvas.getImageData(0, 0, 1, 1).data;
        return `rgb(${r}, ${g}, ${b})`;
      };
      const popover = getComputedStyle(document.querySelector('.popover') as Element);
      return { background: luminance(rgb(popover.backgroundColor)), text: luminance(popover.color) };
    });
    assert.ok(colours.background < 0.2, `dark background (${colours.background})`);
    assert.ok(colours.text > 0.8, `light text (${colours.text})`);
    const tag = locale === 'ja-JP' ? 'ja' : 'en';
    await screenshot(page, `list-${tag}-dark`);
    await expand(page, 'reset');
    await screenshot(page, `list-expanded-${tag}-dark`);
    await assertClean(page, errors, `dark ${tag} list`);
    await row(page, 'reset')
      .getByRole('button', { name: tag === 'ja' ? '修正…' : 'Fix…' })
      .click();
    await page.locator('.diff').waitFor();
    await screenshot(page, `fix-diff-${tag}-dark`);
    await assertClean(page, errors, `dark ${tag} fix view`);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: tag === 'ja' ? 'その他' : 'More' }).click();
    await page.getByRole('menuitem', { name: tag === 'ja' ? '設定…' : 'Settings…' }).click();
    await page.locator('.prefs-view').waitFor();
    await screenshot(page, `prefs-${tag}-dark`);
    await assertClean(page, errors, `dark ${tag} preferences`);
  }
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('Check Now: progress as done of total, the summary stays, then the result', { skip }, async (t) => {
  const { page, errors } = await open(t);
  await page.getByRole('button', { name: 'Check Now' }).click();
  const progress = page.locator('.progress-row');
  await progress.waitFor();
  assert.equal(await page.getByRole('button', { name: 'Stop' }).count(), 1, 'Check Now became Stop');
  assert.match((await page.locator('.summary').textContent()) ?? '', /need IPQoS 0/, 'the summary stays');
  await page.locator('.progress-row', { hasText: / of 5/ }).waitFor({ timeout: CHECK_TIMEOUT_MS });
  assert.match((await progress.textContent()) ?? '', /Checking \d of 5…/);
  await screenshot(page, 'checking-en-light');
  // Stop ends the check at once: no ssh of this check is left running.
  const finishedBefore = preview?.controller.state().lastCheck?.finishedAt;
  await page.getByRole('button', { name: 'Stop' }).click();
  await progress.waitFor({ state: 'detached', timeout: 15_000 });
  assert.equal(
    preview?.controller.state().lastCheck?.finishedAt,
    finishedBefore,
    'a stopped check is not a result',
  );
  await page.getByRole('button', { name: 'Check Now' }).click();
  await progress.waitFor();
  await progress.waitFor({ state: 'detached', timeout: CHECK_TIMEOUT_MS });
  assert.match((await page.locator('.summary').textContent()) ?? '', /need IPQoS 0/);
  assert.deepEqual(errors, []);
});

test('a write that ssh -G does not confirm is restored, and the popover says why', { skip }, async (t) => {
  assert.ok(lab && browser);
  const target = await lab.writeClientConfig([
    { alias: 'healthy', port: lab.ports.healthy },
    { alias: 'reset', port: lab.ports.reset },
  ]);
  const before = await readFile(target);
  // An ssh whose -G lies about the written file only: the temporary copy passes, the real file fails.
  const wrapper = join(home, 'ssh-lying-after-write');
  await writeFile(
    wrapper,
    [
      '#!/bin/bash',
      'config=""; previous=""; probe=0',
      'for arg in "$@"; do [ "$previous" = "-F" ] && config="$arg"; [ "$arg" = "-G" ] && probe=1; previous="$arg"; done',
      `if [ $probe = 1 ] && [ "$config" = '${target}' ] && grep -q 'IPQoS 0' "$config"; then`,
      '  /usr/bin/ssh "$@" | sed "s/^ipqos .*/ipqos af21 cs1/"; exit "${PIPESTATUS[0]}"',
      'fi',
      'exec /usr/bin/ssh "$@"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  const lying = await startPreview({
    configFile: target,
    home,
    ssh: wrapper,
    settings: { loginPolicy: 'daily' },
    print: () => undefined,
  });
  t.after(() => lying.stop());
  const opened = await openPopover(browser, lying.server.url);
  t.after(() => opened.context.close());
  const { page, errors } = opened;
  await row(page, 'reset').locator('.status-words', { hasText: 'Needs IPQoS 0' }).waitFor({
    timeout: CHECK_TIMEOUT_MS,
  });
  await expand(page, 'reset');
  await row(page, 'reset').getByRole('button', { name: 'Fix…' }).click();
  await page.getByRole('button', { name: /^Add \d+ Lines$/ }).click();
  const outcome = page.locator('.outcome-restored');
  await outcome.waitFor({ timeout: 60_000 });
  const text = (await outcome.textContent()) ?? '';
  assert.match(text, /Nothing was changed/);
  assert.match(text, /ipqos is "af21 cs1", expected "cs0 cs0"/, 'the reason, from ssh -G');
  assert.deepEqual(await readFile(target), before, 'the file is as it was');
  await screenshot(page, 'fix-restored-en-light');
  await assertClean(page, errors, 'restored');
});
