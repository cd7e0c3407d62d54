// <verified-badge-collection>: 200 generated badges and two CLR stacks (www/samples/collection/,
// made by `cargo xtask samples`) verified in one worker. The page shows the counts and skill
// totals the native summary gives (expected.json), stacks with their parts' own states,
// filters, and stays responsive: no long task over 200 ms while verifying. Prints (does not
// assert) the time to verify and paint 200 and 500 badges.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage, serveHtml, ORIGIN } from './helpers.mjs';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../www/samples');
const LONG_TASK_MS = 200;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Records long tasks and the collection's `done` event from the very start of the page. */
async function instrument(context) {
  await context.addInitScript(() => {
    globalThis.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) globalThis.__longTasks.push({ start: Math.round(e.startTime), ms: Math.round(e.duration) });
      }).observe({ type: 'longtask', buffered: true });
    } catch {}
    document.addEventListener('verified-badge-collection:progress', () => {
      globalThis.__started ??= performance.now();
    });
    document.addEventListener('verified-badge-collection:done', (e) => {
      globalThis.__done = { ms: e.detail.ms, total: e.detail.reports.length };
    });
  });
}

const done = (page, timeout = 120_000) => page.waitForFunction(() => globalThis.__done, null, { timeout }).then((h) => h.jsonValue());

test('200 badges: counts, skill totals, stacks, filters, and no long task', async () => {
  const expected = JSON.parse(await readFile(path.join(SAMPLES, 'collection/expected.json'), 'utf8'));
  const { context, page, problems } = await openPage(browser, 'about:blank', { route: instrument });
  try {
    await page.goto(new URL('collection.html', ORIGIN).href);
    const { ms, total } = await done(page);
    console.log(`collection: verified and painted ${total} badges in ${Math.round(ms)} ms (headless Chromium)`);
    assert.equal(total, expected.total);
    const shown = await page.$eval('verified-badge-collection', (c) => {
      const root = c.shadowRoot;
      const count = (k) => Number(root.querySelector(`[data-count="${k}"] strong`).textContent);
      return {
        verified: count('verified'),
        invalid: count('invalid'),
        indeterminate: count('indeterminate'),
        total: count('total'),
        items: root.querySelectorAll('.grid > li').length,
        stacks: [...root.querySelectorAll('.grid > li.stack')].map((li) => [...li.querySelectorAll('ol verified-badge')].map((b) => b.state)),
        states: [...root.querySelectorAll('.grid > li > verified-badge')].map((b) => b.state),
        skills: [...root.querySelectorAll('table tbody tr')].map((tr) => [tr.cells[0].textContent, Number(tr.cells[2].textContent), Number(tr.cells[3].textContent)]),
        bars: root.querySelectorAll('.chart li').length,
        status: root.querySelector('[role="status"]').textContent,
      };
    });
    assert.deepEqual([shown.verified, shown.invalid, shown.indeterminate, shown.total], [expected.verified, expected.invalid, expected.indeterminate, expected.total]);
    assert.equal(shown.items, expected.total);
    assert.equal(shown.states.filter((s) => s === 'verified').length, expected.verified);
    assert.ok(shown.states.includes('revoked') && shown.states.includes('invalid') && shown.states.includes('status-unknown'), shown.states.join());
    // Each transcript: four parts, each with its own state (one tampered).
    assert.deepEqual(shown.stacks, [['verified', 'verified', 'invalid', 'verified'], ['verified', 'verified', 'invalid', 'verified']]);
    assert.deepEqual(
      shown.skills.sort(),
      expected.skills.map((s) => [s.name, s.verified, s.count]).sort(),
    );
    assert.equal(shown.bars, Math.min(10, expected.skills.length));
    assert.match(shown.status, /verified and shown/);

    // Filters: one skill, then one issuer.
    await page.fill('verified-badge-collection >> [part="skill-filter"]', 'rust');
    const filtered = await page.$eval('verified-badge-collection', (c) => ({
      rows: [...c.shadowRoot.querySelectorAll('table tbody tr')].map((tr) => tr.cells[0].textContent),
      visible: [...c.shadowRoot.querySelectorAll('.grid > li')].filter((li) => !li.hidden).length,
    }));
    assert.deepEqual(filtered.rows, ['Rust']);
    const rust = expected.skills.find((s) => s.name === 'Rust');
    assert.ok(filtered.visible > 0 && filtered.visible <= rust.count, String(filtered.visible));
    await page.fill('verified-badge-collection >> [part="skill-filter"]', '');
    const issuers = await page.$$eval('verified-badge-collection >> [part="issuer-filter"] option', (os) => os.map((o) => o.value).filter(Boolean));
    assert.equal(issuers.length, expected.issuers.length);
    await page.selectOption('verified-badge-collection >> [part="issuer-filter"]', issuers[1]);
    const second = expected.issuers.find((i) => (i.group ?? i.name) === issuers[1]);
    const visible = await page.$eval('verified-badge-collection', (c) => [...c.shadowRoot.querySelectorAll('.grid > li')].filter((li) => !li.hidden).length);
    assert.equal(visible, second.count);

    // While verifying: from the collection's first progress event (page load and the engine's
    // start-up come before it).
    const { all, started } = await page.evaluate(() => ({ all: globalThis.__longTasks, started: globalThis.__started }));
    console.log(`collection: long tasks (start→ms), verification from ${Math.round(started)}: ${all.map((t) => `${t.start}→${t.ms}`).join(', ') || 'none'}`);
    const longTasks = all.filter((t) => t.start + t.ms > started).map((t) => t.ms);
    assert.ok(longTasks.every((d) => d <= LONG_TASK_MS), `long tasks over ${LONG_TASK_MS} ms: ${longTasks.join(', ')}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('500 badges: time to verify and paint (printed)', async () => {
  const collection = JSON.parse(await readFile(path.join(SAMPLES, 'collection/collection.json'), 'utf8'));
  const singles = collection.credentials.filter((c) => !c.type.includes('ClrCredential'));
  const five = { credentials: Array.from({ length: 500 }, (_, i) => singles[i % singles.length]), documents: collection.documents };
  const { context, page } = await openPage(browser, 'about:blank', {
    route: async (ctx) => {
      await instrument(ctx);
      await ctx.route(`${ORIGIN}/__test/collection-500.json`, (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(five) }));
      await serveHtml(ctx, `${ORIGIN}/__test/collection-500.html`, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>500 badges</title><script type="module" src="/pkg/verified-badge-collection.js"></script></head><body><main><h1>500 badges</h1><verified-badge-collection src="/__test/collection-500.json" network="off"></verified-badge-collection></main></body></html>`, { 'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'" });
    },
  });
  try {
    await page.goto(`${ORIGIN}/__test/collection-500.html`);
    const { ms, total } = await done(page, 240_000);
    const { all, started } = await page.evaluate(() => ({ all: globalThis.__longTasks, started: globalThis.__started }));
    const longTasks = all.filter((t) => t.start + t.ms > started).map((t) => t.ms);
    console.log(`collection: verified and painted ${total} badges in ${Math.round(ms)} ms; long tasks while verifying (ms): ${longTasks.join(', ') || 'none'}`);
    assert.equal(total, 500);
  } finally {
    await context.close();
  }
});
