// Share links (`verified-badge share`, the Embed page): the credential in the URL fragment is
// inflated and verified in the page, with every request to another origin blocked; the
// fragment never reaches the server.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { launch, openPage, screenshot, ORIGIN } from './helpers.mjs';

/** jsQR (dev-only): decodes the Embed page's QR codes back to text, here in Node. */
const jsQR = createRequire(import.meta.url)('jsqr');

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

    // The QR code, as drawn and as both downloads, decodes back to the link.
    await page.waitForSelector('#share-qr:not([hidden]) svg path');
    // The downloads, as a visitor gets them.
    const download = async (id, type) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
      return `data:${type};base64,${(await readFile(await file.path())).toString('base64')}`;
    };
    const svgFile = await download('#share-qr-svg', 'image/svg+xml');
    const pngFile = await download('#share-qr-png', 'image/png');
    // Their pixels, and the drawn code's, from the page (its CSP allows no injected script, so
    // the decoder runs here).
    const pixels = await page.evaluate(async (files) => {
      const read = async (url) => {
        const image = new Image();
        image.src = url;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 480;
        const g = canvas.getContext('2d');
        g.drawImage(image, 0, 0, canvas.width, canvas.height);
        const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
        let binary = '';
        for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
        return btoa(binary);
      };
      const shown = new XMLSerializer().serializeToString(document.querySelector('#share-qr-code svg'));
      return {
        shown: await read(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(shown)}`),
        svg: await read(files.svg),
        png: await read(files.png),
      };
    }, { svg: svgFile, png: pngFile });
    const decoded = {};
    for (const [name, base64] of Object.entries(pixels)) {
      decoded[name] = jsQR(new Uint8ClampedArray(Buffer.from(base64, 'base64')), 480, 480)?.data ?? null;
    }
    assert.deepEqual(decoded, { shown: link, svg: link, png: link });
    await screenshot(page, 'embed-share-qr.png');
    await page.goto(link);
    await page.waitForFunction(() => document.querySelector('#result-badge verified-badge')?.state === 'verified');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
