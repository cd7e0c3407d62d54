// One cold start in this fresh Node process, run by `cargo xtask bench` several times:
// import of pkg/verified_badge.js + initialisation + the first verdict on --credential.
// Prints one JSON line: { ms, how }.
//   --init async   `await init({ module_or_path: bytes })` (the default export; given bytes it
//                  reads no fetch global, which in Node would load Node's fetch implementation:
//                  see xtask/src/glue.rs)
//   --init sync    `initSync({ module: bytes })`.
import {readFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {dirname, join} from 'node:path';
import {parseArgs} from 'node:util';

const {values: args} = parseArgs({
  options: {
    init: {type: 'string', default: 'async'},
    credential: {type: 'string'},
    now: {type: 'string', default: '2025-06-01T00:00:00Z'},
    pkg: {type: 'string'},
  },
});
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const pkg = args.pkg ?? join(root, 'pkg');
const text = readFileSync(args.credential ?? join(root, 'target', 'bench', 'ob3-rdfc.json'), 'utf8');
const bytes = readFileSync(join(pkg, 'verified_badge_bg.wasm'));

const t0 = performance.now();
const mod = await import(pathToFileURL(join(pkg, 'verified_badge.js')).href);
if(args.init === 'sync') mod.initSync({module: bytes});
else await mod.default({module_or_path: bytes});
const report = await mod.verify(text, {now: args.now});
const ms = performance.now() - t0;
if(report.outcome !== 'verified') {
  console.error('the first verdict is not verified:', JSON.stringify(report));
  process.exit(1);
}
console.log(JSON.stringify({ms, how: args.init}));
