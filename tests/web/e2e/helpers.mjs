// Shared by the e2e tests (not a test file itself): the browser, pages that record problems,
// axe-core, and the words each badge state shows.
//
// Env (set by `cargo xtask test`): DEMO_URL (the served demo), CHROMIUM_PATH, SCREENSHOT_DIR.

import { readFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const DEMO_URL = process.env.DEMO_URL ?? 'http://127.0.0.1:8080';
export const ORIGIN = new URL(DEMO_URL).origin;
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? path.resolve('target/e2e-screenshots');

/** The words on the status line of each state (never colour alone). */
export const WORDS = {
  loading: 'Verifying…',
  idle: 'Not verified yet',
  verified: 'Verified',
  invalid: 'Not valid',
  expired: 'Expired',
  revoked: 'Revoked',
  suspended: 'Suspended',
  'status-unknown': 'Status unknown',
  untrusted: 'Issuer not trusted',
  indeterminate: 'Could not be fully checked',
};

export async function launch() {
  // launch() always runs on a fresh temporary profile (Playwright adds --user-data-dir itself).
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page that records console errors, page errors, CSP violations and requests to other
 * origins in `problems`. Service workers are blocked unless asked for (they hide requests
 * from Playwright's routing).
 */
export async function openPage(browser, url, { serviceWorkers = 'block', colorScheme = 'light', viewport = { width: 1280, height: 900 }, route } = {}) {
  const context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'UTC', serviceWorkers, colorScheme });
  if (route) await route(context);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const u = new URL(request.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== ORIGIN) problems.push(`request to another origin: ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(new URL(url, DEMO_URL).href, { waitUntil: 'load' });
  return { context, page, problems };
}

/** Waits until no badge on the page is loading; returns [{ file, src, state, label, detail }]. */
export async function settledBadges(page, timeout = 30_000) {
  await page.waitForFunction(
    () => {
      const all = [...document.querySelectorAll('verified-badge')];
      return all.length > 0 && all.every((b) => b.getAttribute('state') && b.getAttribute('state') !== 'loading');
    },
    null,
    { timeout },
  );
  return page.evaluate(() =>
    [...document.querySelectorAll('verified-badge')].map((b) => ({
      file: b.dataset.file ?? b.getAttribute('src'),
      state: b.getAttribute('state'),
      label: b.shadowRoot.querySelector('[part="status-label"]')?.textContent,
      detail: b.shadowRoot.querySelector('[part="status-detail"]')?.textContent,
      lang: b.closest('[lang]')?.getAttribute('lang'),
    })),
  );
}

/** axe-core run on the page (open shadow roots included); returns its violations. */
export async function axe(page, context = undefined) {
  const require = createRequire(import.meta.url);
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // evaluate() is not subject to the page's CSP, unlike an injected <script>.
  await page.evaluate(source);
  return page.evaluate(async (ctx) => {
    const result = await globalThis.axe.run(ctx ?? document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  }, context);
}

export async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Serves `html` at `url` on the demo origin (so the package loads same-origin), with headers. */
export async function serveHtml(context, url, html, headers = {}) {
  await context.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body: html }));
}
