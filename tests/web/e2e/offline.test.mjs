// The site works offline after the first visit (service worker), and says so.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, settledBadges } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('after one visit the gallery works offline, and the page says it is saved', async () => {
  const { context, page, problems } = await openPage(browser, './', { serviceWorkers: 'allow' });
  try {
    await page.waitForFunction(() => /All as expected/.test(document.getElementById('summary').textContent), null, { timeout: 30_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null || document.querySelector('[data-offline]').textContent.includes('Saved'), null, { timeout: 20_000 });
    assert.match(await page.textContent('[data-offline]'), /Saved for offline use/);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await context.setOffline(true);
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => /All as expected/.test(document.getElementById('summary').textContent), null, { timeout: 30_000 });
    const badges = await settledBadges(page);
    const states = Object.fromEntries(badges.filter((b) => b.file && !b.file.includes('/')).map((b) => [b.file, b.state]));
    assert.equal(states['valid.json'], 'verified');
    assert.equal(states['revoked.json'], 'revoked');
    assert.equal(states['baked.png'], 'verified');
    assert.match(await page.textContent('[data-offline]'), /works without a connection/);
    for (const other of ['verify.html', 'embed.html', 'many.html']) {
      const response = await page.goto(new URL(other, page.url()).href);
      assert.ok(response === null || response.ok(), `${other} offline`);
      if (other === 'embed.html') {
        // The share link's QR code needs the site's QR module, loaded on first use: saved too.
        await page.waitForSelector('#share-qr:not([hidden]) svg', { timeout: 20_000 });
      }
    }
    await page.goBack();
    assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
  } finally {
    await context.close();
  }
});
