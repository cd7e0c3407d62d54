// WASM `verify` timing in Node, run by `cargo xtask bench` (after `cargo xtask build`).
// Prints one JSON line: { cold_ms, median_us, runs, warmup, outcome }.
//   cold_ms   = import of pkg/verified_badge.js + init() + the first verdict
//   median_us = median of --runs timed `await verify(sample)` calls after --warmup calls
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '500' },
    warmup: { type: 'string', default: '50' },
    now: { type: 'string', default: '2025-06-01T00:00:00Z' },
  },
});
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const pkg = join(root, 'pkg');
const sample = readFileSync(join(root, 'www', 'samples', 'valid.json'), 'utf8');
const options = { now: args.now };

const t0 = performance.now();
const mod = await import(pathToFileURL(join(pkg, 'verified_badge.js')).href);
await mod.default({ module_or_path: readFileSync(join(pkg, 'verified_badge_bg.wasm')) });
const first = await mod.verify(sample, options);
const coldMs = performance.now() - t0;
if (first.outcome !== 'verified') {
  console.error('valid.json did not verify:', JSON.stringify(first));
  process.exit(1);
}

for (let i = 0; i < Number(args.warmup); i++) await mod.verify(sample, options);
const times = [];
for (let i = 0; i < Number(args.runs); i++) {
  const t = performance.now();
  await mod.verify(sample, options);
  times.push((performance.now() - t) * 1000);
}
times.sort((a, b) => a - b);
const n = times.length;
const median = n % 2 ? times[(n - 1) / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
console.log(JSON.stringify({ cold_ms: coldMs, median_us: median, runs: n, warmup: Number(args.warmup), outcome: first.outcome }));
