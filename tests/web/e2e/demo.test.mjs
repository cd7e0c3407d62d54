// The demo gallery in headless Chromium: every sample badge leaves the loading state and
// shows the words of its expected result, with no console or page errors, and a full-page
// screenshot is written for people to look at.
//
// Env (set by `cargo xtask test`): DEMO_URL (the served demo), CHROMIUM_PATH, SCREENSHOT_DIR.
// Run alone: DEMO_URL=http://127.0.0.1:8080 CHROMIUM_PATH=/usr/bin/chromium \
//   SCREENSHOT_DIR=target/e2e-screenshots node --test tests/web/e2e/

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const DEMO_URL = process.env.DEMO_URL ?? 'http://127.0.0.1:8080';
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? path.resolve('target/e2e-screenshots');

// The words each state shows on the status line (never colour alone).
const WORDS = {
  verified: 'Verified',
  invalid: 'Not valid',
  expired: 'Expired',
  indeterminate: 'Could not be fully checked',
};

let browser;

before(async () => {
  // launch() always runs on a fresh temporary profile (Playwright adds --user-data-dir itself).
  browser = await chromium.launch({
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
});

after(async () => {
  await browser?.close();
});

/** A page that records console errors, page errors and requests to other origins. */
async function openDemo() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(DEMO_URL).origin;
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.origin !== origin) problems.push(`request to another origin: ${request.url()}`);
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(DEMO_URL, { waitUntil: 'load' });
  return { context, page, problems };
}

test('the gallery verifies every sample in the page, as expected', async () => {
  const { context, page, problems } = await openDemo();
  try {
    const samples = await (await page.request.get(new URL('samples/index.json', DEMO_URL).href)).json();
    assert.ok(samples.length >= 3, 'at least the valid, tampered and expired samples');

    // Every badge leaves the loading state.
    await page.waitForFunction(
      (count) => {
        const badges = [...document.querySelectorAll('verified-badge')];
        return badges.length === count && badges.every((b) => b.state && b.state !== 'loading');
      },
      samples.length,
      { timeout: 20_000 },
    );

    const shown = await page.$$eval('verified-badge', (badges) =>
      badges.map((badge) => ({
        src: badge.getAttribute('src'),
        state: badge.getAttribute('state'),
        outcome: badge.report?.outcome,
        label: badge.shadowRoot.querySelector('[part~="status-label"]')?.textContent,
        status: badge.shadowRoot.querySelector('[role="status"]')?.textContent,
        name: badge.shadowRoot.querySelector('[part~="name"]')?.textContent,
        issuer: badge.shadowRoot.querySelector('[part~="issuer"]')?.textContent,
        date: badge.shadowRoot.querySelector('[part~="date"]')?.textContent,
        images: badge.shadowRoot.querySelectorAll('[part~="image"] img').length,
      })),
    );

    for (const sample of samples) {
      const badge = shown.find((b) => b.src.endsWith(`/${sample.file}`));
      assert.ok(badge, `a badge for ${sample.file}`);
      // `expect` is the report's outcome; an invalid report whose only failure is expiry
      // shows the more precise "Expired".
      assert.equal(badge.outcome, sample.expect, `${sample.file}: outcome`);
      const states = sample.expect === 'invalid' ? ['invalid', 'expired'] : [sample.expect];
      assert.ok(states.includes(badge.state), `${sample.file}: state ${badge.state}, expected ${states}`);
      assert.equal(badge.label, WORDS[badge.state], `${sample.file}: status words`);
      assert.ok(badge.name.trim().length > 0, `${sample.file}: achievement name shown`);
      assert.match(badge.issuer, /^Issued by /, `${sample.file}: issuer shown`);
      assert.match(badge.date, /^Issued \w+/, `${sample.file}: issue date shown`);
      assert.equal(badge.images, 1, `${sample.file}: the badge image is shown`);
    }
    if (samples.some((s) => s.file === 'expired.json')) {
      assert.equal(shown.find((b) => b.src.endsWith('/expired.json')).state, 'expired');
    }

    // The page's own summary agrees.
    const summary = await page.textContent('#summary');
    assert.match(summary, /All as expected/, summary);

    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'gallery.png'), fullPage: true });

    assert.deepEqual(problems, [], 'no console errors, page errors, failed or foreign requests');
  } finally {
    await context.close();
  }
});
