/**
 * Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core,
 * for the popover tests and the UI bench. One browser per test file; each
 * scenario gets its own context (locale, colour scheme) at the popover's size.
 */
import { accessSync, constants } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, type TestContext } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildPreviewAssets } from '../../main/preview/preview-assets.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The Electron window's size: POPOVER_SIZE in main/electron/popover.ts (which imports Electron). */
export const POPOVER_VIEWPORT = { width: 380, height: 560 } as const;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOT_DIR = join(ROOT, 'test-artifacts', 'screenshots');

export function browserSupport(): { ok: true } | { ok: false; reason: string } {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return { ok: true };
  } catch {
    return {
      ok: false,
      reason: `no Chromium at ${CHROMIUM} (Debian: apt-get install chromium fonts-noto-cjk)`,
    };
  }
}

/** Skips without Chromium, except on CI, where a missing browser fails the test. */
export function requireBrowser(t: TestContext): boolean {
  const support = browserSupport();
  if (support.ok) return true;
  if (process.env.CI === 'true')
    throw new Error(`browser tests cannot run on this CI machine: ${support.reason}`);
  t.skip(support.reason);
  return false;
}

export async function launchBrowser(): Promise<Browser> {
  // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

export interface PopoverOptions {
  locale?: string;
  colorScheme?: 'light' | 'dark';
  reducedMotion?: 'reduce' | 'no-preference';
  /** Runs after the page exists and before it loads (the bench starts its CPU counters here). */
  beforeLoad?: (page: Page) => Promise<void>;
}

export async function openPopover(
  browser: Browser,
  url: string,
  options: PopoverOptions = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: POPOVER_VIEWPORT,
    deviceScaleFactor: 2,
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'no-preference',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  // A CSP violation or a script error is a failure of the page, whatever the test checks.
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await options.beforeLoad?.(page);
  await page.goto(url);
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page. It is evaluated through DevTools (not a <script>),
 * so the page's strict CSP stays as it is.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }
    ).axe;
    interface AxeResult {
      violations: Array<{
        id: string;
        impact: string | null;
        help: string;
        nodes: Array<{ target: string[] }>;
      }>;
    }
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
}

export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  return (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Text that overflows its box (clipped or spilling): [selector-ish, text] pairs. */
export async function overflowingText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden' || element.closest('.visually-hidden'))
        continue;
      if (['PRE', 'PROGRESS', 'svg', 'path', 'SELECT', 'INPUT', 'HTML', 'BODY'].includes(element.tagName))
        continue;
      const scrolls =
        ['auto', 'scroll'].includes(style.overflowY) || ['auto', 'scroll'].includes(style.overflowX);
      // Scrolling containers and code blocks scroll by design.
      if (scrolls || element.closest('pre')) continue;
      // Deliberate truncation (…) is fine where the whole text is there on hover (issue 17).
      if (style.textOverflow === 'ellipsis' && element.closest('[title]')) continue;
      if (element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0) {
        found.push(
          `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent?.slice(0, 60)}`,
        );
      }
    }
    // Nothing may stick out past the window's right edge, nor make a view scroll sideways.
    if (document.documentElement.scrollWidth > window.innerWidth) found.push('the page scrolls sideways');
    for (const view of document.querySelectorAll<HTMLElement>('.content, .subview-body'))
      if (view.scrollWidth > view.clientWidth + 1) found.push(`${view.className} is wider than the window`);
    return found;
  });
}

/**
 * Controls and one-line labels whose text runs onto a second line (issue 17: nothing a user reads as
 * one control wraps): their text's line boxes have more than one top.
 */
export async function wrappedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const selector =
      'button, summary, select, [role="menuitem"], .status-words, .middle-truncate, .subview-title, .checked, .meta, .back-button';
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      if (element.closest('.visually-hidden') || element.getClientRects().length === 0) continue;
      // Each run of text must sit on one line (a control may hold two lines of its own, like a host row).
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const tops = new Set(
          [...range.getClientRects()]
            .filter((rect) => rect.width > 0)
            .map((rect) => Math.round(rect.top / 4)),
        );
        if (tops.size > 1) {
          found.push(`${element.tagName.toLowerCase()}.${element.className}: ${node.textContent}`);
          break;
        }
      }
    }
    return found;
  });
}

/** What reads like a program's error rather than the app's words, in the text on screen (closed disclosures aside). */
export const RAW_ERROR_TEXT =
  /Invalid value|Expected |Received |[a-z]+:[a-z-]+: |\bE[A-Z]{4,}\b|Error:|TypeError|\bundefined\b|\[object |at \S+ \(|stack/;

export async function rawErrorText(page: Page): Promise<string | null> {
  const text = await page.locator('body').innerText();
  return RAW_ERROR_TEXT.exec(text)?.[0] ?? null;
}

export type PreviewAssets = Awaited<ReturnType<typeof buildPreviewAssets>>;

/**
 * One browser and the preview's built assets for a test file over a fake backend: launched before its
 * tests, closed after. Without Chromium the file's tests skip (`skip`), except on CI, where they fail.
 */
export function browserFixture(): {
  skip: string | false;
  browser(): Browser;
  assets(): PreviewAssets;
} {
  const support = browserSupport();
  let browser: Browser | undefined;
  let assets: PreviewAssets | undefined;
  before(async () => {
    if (!support.ok) {
      if (process.env.CI === 'true') throw new Error(`the popover tests cannot run: ${support.reason}`);
      return;
    }
    [browser, assets] = await Promise.all([launchBrowser(), buildPreviewAssets()]);
  });
  after(async () => {
    await browser?.close().catch(() => undefined);
  });
  return {
    skip: !support.ok && process.env.CI !== 'true' ? support.reason : false,
    browser: () => {
      if (!browser) throw new Error('the browser did not start');
      return browser;
    },
    assets: () => {
      if (!assets) throw new Error('the preview assets were not built');
      return assets;
    },
  };
}
