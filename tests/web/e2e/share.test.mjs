// Share links (`verified-badge share`, the Embed page): the credential in the URL fragment is
// inflated and verified in the page, with every request to another origin blocked; the
// fragment never reaches the server.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launch, openPage, ORIGIN } from './helpers.mjs';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../www/samples');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** `#c=` as the CLI makes it: base64url(deflate-raw(text)). */
const fragment = (text) => `#c=${zlib.deflateRawSync(Buffer.from(text), { level: 9 }).toString('base64url')}`;

/** Blocks every request to another origin and records what reached ours. */
async function onlyOurOrigin(context, seen) {
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort('blockedbyclient');
    seen.push(route.request().url());
    return route.continue();
  });
}

const state = (page) => page.$eval('#result-badge verified-badge', (b) => b.state);

test('a share link verifies in the page, offline from other origins, and its fragment is never sent', async () => {
  const seen = [];
  const text = await readFile(path.join(SAMPLES, 'valid.json'), 'utf8');
  const { context, page, problems } = await openPage(browser, `verify.html${fragment(text)}`, { route: (c) => onlyOurOrigin(c, seen) });
  try {
    await page.waitForFunction(() => ['verified', 'invalid', 'indeterminate', 'expired', 'revoked'].includes(document.querySelector('#result-badge verified-badge')?.state));
    assert.equal(await state(page), 'verified');
    await page.waitForSelector('table.report');
    assert.ok(seen.every((u) => !u.includes('#') && !u.includes('c=')), seen.join('\n'));

    // A tampered one, opened by changing the fragment, is not.
    const tampered = await readFile(path.join(SAMPLES, 'tampered.json'), 'utf8');
    await page.evaluate((hash) => (location.hash = hash), fragment(tampered));
    await page.waitForFunction(() => document.querySelector('#result-badge verified-badge')?.state === 'invalid');

    // A damaged link says so, and shows no badge.
    await page.evaluate(() => (location.hash = '#c=not*base64'));
    await page.waitForFunction(() => document.getElementById('report').textContent.includes('could not be read'));
    assert.equal(await page.$('#result-badge verified-badge'), null);

    // #src= fetches the credential (here from our own origin).
    await page.evaluate(() => (location.hash = '#src=samples%2Fexpired.json'));
    await page.waitForFunction(() => document.querySelector('#result-badge verified-badge')?.state === 'expired');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the Embed page makes a share link that the Verify page verifies', async () => {
  const { context, page, problems } = await openPage(browser, 'embed.html', { route: (c) => onlyOurOrigin(c, []) });
  try {
    await page.waitForFunction(() => document.getElementById('share-url').value.includes('#c='));
    const link = await page.$eval('#share-url', (t) => t.value);
    assert.ok(link.startsWith(`${ORIGIN}/verify.html#c=`), link);
    assert.match(await page.$eval('#share-md', (t) => t.value), /^\[Verify: .+\]\(http/);
    assert.match(await page.$eval('#share-html', (t) => t.value), /^<a href="http[^"]+#c=[^"]+" rel="noopener">Verify: /);
    await page.goto(link);
    await page.waitForFunction(() => document.querySelector('#result-badge verified-badge')?.state === 'verified');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
