// The demo site in headless Chromium: every state and layout shows the right words, the
// gallery light and dark (screenshots written under target/e2e-screenshots/ for people to
// look at), keyboard-only use of the details, axe-core with no violations, the Verify and
// Embed pages, and the 50-badge page. No console or page errors, no request to another origin.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage, settledBadges, axe, screenshot, WORDS, DEMO_URL } from './helpers.mjs';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../www/samples');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function galleryChecks(url, shot) {
  const { context, page, problems } = await openPage(browser, url);
  try {
    const samples = await (await page.request.get(new URL('samples/index.json', DEMO_URL).href)).json();
    assert.ok(samples.length >= 11, 'every state has a sample');
    await page.waitForFunction((n) => document.querySelectorAll('#gallery verified-badge').length === n, samples.length);
    const badges = await settledBadges(page);
    for (const sample of samples) {
      const badge = badges.find((b) => b.file === sample.file);
      assert.ok(badge, `${sample.file} is in the gallery`);
      assert.equal(badge.state, sample.state, `${sample.file}: ${badge.label} / ${badge.detail}`);
      assert.equal(badge.label, WORDS[sample.state], `${sample.file} says its state in words`);
    }
    const states = new Set(samples.map((s) => s.state));
    for (const state of ['verified', 'invalid', 'expired', 'revoked', 'suspended', 'status-unknown', 'untrusted', 'indeterminate']) {
      assert.ok(states.has(state), `the gallery shows ${state}`);
    }
    // Other languages: the words follow the nearest lang attribute.
    const byLang = Object.fromEntries(badges.filter((b) => ['de', 'es', 'fr'].includes(b.lang)).map((b) => [b.lang, b.label]));
    assert.deepEqual(byLang, { de: 'Abgelaufen', es: 'Verificada', fr: 'Non valide' });
    // The compact layout keeps the words.
    const compact = await page.$$eval('verified-badge[layout="badge"]', (all) => all.map((b) => b.shadowRoot.querySelector('[part="status-label"]').textContent));
    assert.ok(compact.length >= 4 && compact.every((w) => Object.values(WORDS).includes(w)), compact.join());
    await page.waitForFunction(() => /All as expected/.test(document.getElementById('summary').textContent));
    await screenshot(page, shot);
    assert.deepEqual(problems, []);
    return page;
  } finally {
    await context.close();
  }
}

test('the gallery shows every state in words, as expected (light)', async () => {
  await galleryChecks('./', 'gallery.png');
});

test('the gallery dark: same states, dark page and badges', async () => {
  await galleryChecks('./?theme=dark', 'gallery-dark.png');
});

test('axe-core finds no accessibility violation (gallery light and dark, open details, Verify, Embed)', async () => {
  for (const url of ['./', './?theme=dark', 'verify.html', 'embed.html']) {
    const { context, page, problems } = await openPage(browser, url);
    try {
      if (url.startsWith('./')) await settledBadges(page);
      else await page.waitForTimeout(300);
      assert.deepEqual(await axe(page), [], `${url}: ${JSON.stringify(await axe(page), null, 1)}`);
      if (url === './') {
        await page.locator('verified-badge[data-file="endorsed.json"] [part="details-button"]').click();
        await page.waitForFunction(() => document.querySelector('verified-badge[data-file="endorsed.json"]').shadowRoot.querySelector('dialog').open);
        const violations = await axe(page);
        assert.deepEqual(violations, [], `open dialog: ${JSON.stringify(violations, null, 1)}`);
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});

test('the details work with the keyboard alone, and focus returns', async () => {
  const { context, page, problems } = await openPage(browser, './');
  try {
    await settledBadges(page);
    const focusedAction = () =>
      page.evaluate(() => {
        const host = document.activeElement;
        const inner = host?.shadowRoot?.activeElement;
        return host?.localName === 'verified-badge' ? `${host.dataset.file}:${inner?.getAttribute('data-action') ?? inner?.localName}` : host?.localName;
      });
    let reached = false;
    for (let i = 0; i < 300 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = (await focusedAction()) === 'endorsed.json:open';
    }
    assert.ok(reached, 'Tab reaches the Details button of the endorsed badge');
    await page.keyboard.press('Enter');
    const dialogOpen = () => page.evaluate(() => document.querySelector('verified-badge[data-file="endorsed.json"]').shadowRoot.querySelector('dialog').open);
    assert.equal(await dialogOpen(), true);
    assert.equal(await focusedAction(), 'endorsed.json:close', 'focus moves into the dialog');
    const text = await page.evaluate(() => document.querySelector('verified-badge[data-file="endorsed.json"]').shadowRoot.querySelector('dialog').textContent);
    for (const words of ['Description', 'How it is earned', 'Skills and alignments', 'WCAG 2.2', 'Evidence', 'Accessibility audit report', 'Issuer', 'https://example.edu', 'Dates', 'Endorsements', 'Open Source Guild', 'Checks', 'proof.verified', 'Verify again', 'Download the credential', 'Is this yours?']) {
      assert.ok(text.includes(words), `the details show ${words}`);
    }
    // Tab to the email field, type, Enter: the address is compared in the page.
    let onInput = false;
    for (let i = 0; i < 40 && !onInput; i += 1) {
      await page.keyboard.press('Tab');
      onInput = (await focusedAction()) === 'endorsed.json:input';
    }
    assert.ok(onInput, 'Tab reaches the email field, inside the dialog');
    await page.keyboard.type('alice@example.com');
    await page.keyboard.press('Enter');
    const answer = () => page.evaluate(() => document.querySelector('verified-badge[data-file="endorsed.json"]').shadowRoot.querySelector('[part="recipient-result"]').textContent);
    assert.equal(await answer(), 'Yes: this badge was issued to this address.');
    assert.equal(await focusedAction(), 'endorsed.json:input', 'focus stays in the field');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('mallory@example.com');
    await page.keyboard.press('Enter');
    assert.equal(await answer(), 'No: this badge was not issued to this address.');
    // "Verify again" with the keyboard: the badge verifies again and keeps the dialog open.
    let onReverify = false;
    for (let i = 0; i < 10 && !onReverify; i += 1) {
      await page.keyboard.press('Tab');
      onReverify = (await focusedAction()) === 'endorsed.json:reverify';
    }
    assert.ok(onReverify, 'Tab reaches Verify again');
    const event = page.evaluate(() => new Promise((resolve) => document.addEventListener('verified-badge:verified', (e) => resolve(e.target.dataset.file), { once: true })));
    await page.keyboard.press('Enter');
    assert.equal(await event, 'endorsed.json');
    assert.equal(await dialogOpen(), true);
    await page.keyboard.press('Escape');
    assert.equal(await dialogOpen(), false);
    assert.equal(await focusedAction(), 'endorsed.json:open', 'focus returns to the Details button');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the Verify page: a baked PNG file, pasted JWT text, the full report and the recipient check', async () => {
  const { context, page, problems } = await openPage(browser, 'verify.html');
  try {
    await page.setInputFiles('#file', path.join(SAMPLES, 'baked.png'));
    await page.waitForSelector('table.report');
    assert.equal(await page.$eval('#result-badge verified-badge', (b) => b.state), 'verified');
    const rows = await page.$$eval('table.report tbody tr', (trs) => trs.map((tr) => tr.cells[1].textContent));
    assert.ok(rows.length >= 6 && rows.every((r) => ['Passed', 'Skipped'].includes(r)), rows.join());

    const { readFile } = await import('node:fs/promises');
    await page.fill('#text', await readFile(path.join(SAMPLES, 'valid.jwt'), 'utf8'));
    await page.click('#check-text');
    await page.waitForFunction(() => document.querySelector('#report')?.textContent.includes('vc+jwt'));
    assert.equal(await page.$eval('#result-badge verified-badge', (b) => b.state), 'verified');

    await page.selectOption('#sample', 'endorsed.json');
    await page.waitForFunction(() => document.querySelector('#result-badge verified-badge')?.state === 'verified' && !document.getElementById('recipient').hidden);
    await page.fill('#email', 'alice@example.com');
    await page.click('#recipient button');
    assert.match(await page.textContent('#recipient-result'), /^Yes/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the Embed page: options make the snippet and the live preview', async () => {
  const { context, page, problems } = await openPage(browser, 'embed.html');
  try {
    await page.waitForFunction(() => document.querySelector('#preview verified-badge')?.state === 'verified');
    await page.selectOption('#layout', 'badge');
    await page.selectOption('#lang', 'de');
    await page.waitForFunction(() => document.querySelector('#preview verified-badge')?.getAttribute('layout') === 'badge');
    const snippet = await page.textContent('#snippet');
    assert.match(snippet, /<script type="module" src="[^"]+\/pkg\/verified-badge\.js"><\/script>/);
    assert.match(snippet, /<verified-badge src="samples\/endorsed\.json" layout="badge" lang="de"><\/verified-badge>/);
    await page.waitForFunction(() => document.querySelector('#preview verified-badge')?.state === 'verified');
    assert.equal(await page.$eval('#preview verified-badge', (b) => b.shadowRoot.querySelector('[part="status-label"]').textContent), 'Verifiziert');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('50 badges on one page all settle, with one WebAssembly instance', async () => {
  const { context, page, problems } = await openPage(browser, 'many.html');
  try {
    const wasmLoads = [];
    page.on('request', (r) => r.url().endsWith('.wasm') && wasmLoads.push(r.url()));
    const badges = await settledBadges(page, 60_000);
    assert.equal(badges.length, 50);
    assert.ok(badges.every((b) => ['verified', 'expired'].includes(b.state)), badges.map((b) => b.state).join());
    await page.waitForFunction(() => window.__badgeTimings);
    assert.ok(wasmLoads.length <= 1);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
