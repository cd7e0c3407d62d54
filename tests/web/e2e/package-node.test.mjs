// The built package (pkg/, from `cargo xtask build`) imported by Node.js, which has no DOM:
// importing and init() work, verify() resolves reports, and the element does not register.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const root = new URL('../../../', import.meta.url);
const pkg = await import(new URL('pkg/verified_badge.js', root).href);
await pkg.default({ module_or_path: await readFile(new URL('pkg/verified_badge_bg.wasm', root)) });

const sample = (file) => readFile(new URL(`www/samples/${file}`, root), 'utf8');
const bytes = async (file) => new Uint8Array(await readFile(new URL(`www/samples/${file}`, root)));

test('verify() in Node resolves the samples to their expected outcomes', async () => {
  const index = JSON.parse(await sample('index.json'));
  for (const { file, expect, documents, trust } of index) {
    const options = {};
    if (documents) {
      options.documents = {};
      for (const [url, list] of Object.entries(documents)) options.documents[url] = await sample(list);
    }
    if (trust) options.trust = JSON.parse(await sample(trust));
    // Bytes, as a page would fetch them: JSON, a JWT or a baked PNG alike.
    const report = await pkg.verify(await bytes(file), options);
    assert.equal(report.outcome, expect, `${file}: ${JSON.stringify(report.checks)}`);
    assert.ok(Array.isArray(report.checks));
    assert.equal(Object.getPrototypeOf(report), Object.prototype, 'a plain object, not a Map');
  }
});

test('verify() rejects only misuse, with a coded TypeError', async () => {
  const report = await pkg.verify('{ not json');
  assert.equal(report.outcome, 'invalid');
  assert.equal(report.checks[0].code, 'input.not_json');
  await assert.rejects(pkg.verify('{}', { now: 'tomorrow' }), (error) => error instanceof TypeError && error.code === 'options.bad_now');
  await assert.rejects(pkg.verify('{}', 'fast'), (error) => error instanceof TypeError && error.code === 'options.not_object');
});

test('without customElements the element is not registered, and nothing throws', () => {
  assert.equal(globalThis.customElements, undefined);
  assert.equal(pkg.defineElement(), false);
  assert.equal(pkg.defineElement('my-badge'), false);
});
