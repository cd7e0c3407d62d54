// Numbers for the README, measured in headless Chromium and printed, never asserted:
// time from navigation start to the first verified badge painted and to 50 badges painted
// (www/many.html, cold and warm), and the package's size (gzip -9).

import { test, before, after } from 'node:test';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launch, openPage } from './helpers.mjs';

const PKG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../pkg');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('measure: 50 badges (printed, not asserted)', async () => {
  const { context, page } = await openPage(browser, 'many.html');
  try {
    await page.waitForFunction(() => window.__badgeTimings, null, { timeout: 60_000 });
    const cold = await page.evaluate(() => window.__badgeTimings);
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => window.__badgeTimings, null, { timeout: 60_000 });
    const warm = await page.evaluate(() => window.__badgeTimings);
    console.log(`# perf: many.html first verified badge painted ${cold.firstVerifiedMs} ms, all 50 painted ${cold.allMs} ms (cold); ${warm.firstVerifiedMs} / ${warm.allMs} ms (warm cache)`);
  } finally {
    await context.close();
  }
});

test('measure: package size (printed, not asserted)', async () => {
  const files = [];
  const walk = async (dir) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/\.(js|wasm)$/.test(entry.name)) files.push(full);
    }
  };
  await walk(PKG);
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const bytes = await readFile(f);
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
    if (f.endsWith('.wasm')) console.log(`# perf: ${path.basename(f)} ${bytes.length} bytes, ${gzipSync(bytes, { level: 9 }).length} gzip -9`);
  }
  console.log(`# perf: pkg/ JS + WASM (${files.length} files) ${raw} bytes, ${gz} bytes gzip -9`);
});
