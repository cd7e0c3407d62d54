// The built package (pkg/, from `cargo xtask build`) imported by Node.js, which has no DOM:
// importing and init() work, verify() resolves reports, the element does not register, and
// initialising from bytes or a module loads no fetch implementation.

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

test('initialised from bytes or a module, in a fresh process, the package touches no fetch global', async () => {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  // A fresh module instance: import, initialise, one verdict; `Request`, `fetch` and `Response`
  // are Node getters that load its fetch implementation (tens of ms), so reading one would show
  // here. `initSync` (the README's way for Node), and the default export given bytes or a
  // compiled module (the build tests for those before the glue reads `Request` or `Response`).
  const ways = {
    initSync: 'pkg.initSync({ module: bytes })',
    'await init(bytes)': 'await pkg.default({ module_or_path: bytes })',
    'await init(module)': 'await pkg.default({ module_or_path: new WebAssembly.Module(bytes) })',
  };
  for (const [way, init] of Object.entries(ways)) {
    const script = `
      const pkg = await import(${JSON.stringify(new URL('pkg/verified_badge.js', root).href)});
      const { readFileSync } = await import('node:fs');
      const bytes = readFileSync(new URL(${JSON.stringify(new URL('pkg/verified_badge_bg.wasm', root).href)}));
      const touched = [];
      for (const name of ['Request', 'fetch', 'Response']) {
        const original = Object.getOwnPropertyDescriptor(globalThis, name);
        Object.defineProperty(globalThis, name, { configurable: true, get() { touched.push(name); return original.get ? original.get() : original.value; } });
      }
      ${init};
      const report = await pkg.verify(readFileSync(new URL(${JSON.stringify(new URL('www/samples/valid.json', root).href)}), 'utf8'), { now: '2025-06-01T00:00:00Z' });
      console.log(JSON.stringify({ outcome: report.outcome, touched }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    assert.deepEqual(JSON.parse(stdout.trim()), { outcome: 'verified', touched: [] }, way);
  }
});
