/**
 * Issue 17 on the real controller and the lab: a fresh state shows the
 * first-run view and nothing logs in before the user answers it (sshd's own
 * log says so); "Check Without Logging In" then screens only, and the hosts
 * say "Reachable · not logged in to confirm", never a green "Fine".
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startPreview, type Preview } from '../../main/preview/preview.ts';
import { labSupport, startLab, type Lab } from '../lab/lab.ts';
import {
  browserSupport,
  launchBrowser,
  openPopover,
  overflowingText,
  rawErrorText,
  screenshot,
  seriousViolations,
  wrappedControls,
} from './browser.ts';

const lab_ = labSupport();
const browser_ = browserSupport();
const reason = !lab_.ok ? lab_.reason : !browser_.ok ? browser_.reason : null;
const skip = reason !== null && process.env.CI !== 'true' ? reason : false;

let lab: Lab | undefined;
let preview: Preview | undefined;
let browser: Browser | undefined;
let home: string;

before(async () => {
  if (reason !== null) {
    if (process.env.CI === 'true') throw new Error(`the first-run tests cannot run: ${reason}`);
    return;
  }
  home = await mkdtemp(join(tmpdir(), 'ipqos-first-run-'));
  lab = await startLab();
  const config = await lab.writeClientConfig([
    { alias: 'healthy', port: lab.ports.healthy },
    { alias: 'reset', port: lab.ports.reset },
  ]);
  // A fresh preview: no settings chosen, so the first-run view is due.
  [preview, browser] = await Promise.all([
    startPreview({ configFile: config, home, print: () => undefined }),
    launchBrowser(),
  ]);
});

after(async () => {
  await browser?.close().catch(() => undefined);
  await preview?.stop().catch(() => undefined);
  await lab?.stop().catch(() => undefined);
  if (home) await rm(home, { recursive: true, force: true });
});

const logins = (log: string): number => log.match(/Accepted publickey/g)?.length ?? 0;

test(
  'a fresh state: the first-run view before any check; no login until the user allows it',
  { skip },
  async (t) => {
    assert.ok(lab && preview && browser);
    const before = logins(lab.sshdLog());
    for (const [locale, colorScheme] of [
      ['en-US', 'light'],
      ['ja-JP', 'dark'],
    ] as const) {
      const { page, context, errors } = await openPopover(browser, preview.server.url, {
        locale,
        colorScheme,
      });
      t.after(() => context.close());
      await page.locator('.first-run').waitFor();
      assert.equal(await page.locator('.host-list').count(), 0);
      await screenshot(page, `first-run-lab-${locale.slice(0, 2)}-${colorScheme}`);
      assert.deepEqual(await wrappedControls(page), []);
      assert.deepEqual(await overflowingText(page), []);
      assert.equal(await rawErrorText(page), null);
      assert.deepEqual(await seriousViolations(page), []);
      assert.deepEqual(errors, []);
      await context.close();
    }
    // The controller did not even screen: no check ran, nobody logged in.
    assert.equal(preview.controller.state().consentNeeded, true);
    assert.equal(preview.controller.state().lastCheck, null);
    assert.equal(logins(lab.sshdLog()), before, 'sshd saw no login');

    const { page, context, errors } = await openPopover(browser, preview.server.url);
    t.after(() => context.close());
    await page.getByRole('button', { name: 'Check Without Logging In' }).click();
    await page.locator('.host-list').waitFor();
    await page.locator('.host.status-needs-ipqos-0', { hasText: 'reset' }).waitFor({ timeout: 90_000 });
    await page.locator('.progress-row').waitFor({ state: 'detached', timeout: 90_000 });
    const healthy = page.locator('.host', { hasText: 'healthy' });
    assert.equal(
      await healthy.locator('.status-words').textContent(),
      'Reachable · not logged in to confirm',
    );
    assert.equal(preview.controller.state().lastCheck?.mode, 'screen');
    assert.equal(logins(lab.sshdLog()), before, 'a screen logs in nowhere');
    await screenshot(page, 'first-run-lab-after-screen-en-light');
    assert.deepEqual(errors, []);
  },
);
