// Timing in Node, run by `cargo xtask bench` (after `cargo xtask build`; `--pkg DIR` times another
// build of the package; the default credential is the one `cargo xtask bench` writes to
// target/bench/ob3-rdfc.json): our WASM `verify` and
// the JavaScript reference (bench/reference.mjs: @digitalbazaar/vc + eddsa-rdfc-2022, offline)
// on the same credentials, in this one process. Prints one JSON line:
//   cold_ms          import of pkg/verified_badge.js + init() + the first verdict (on --credential)
//   rdfc_median_us   our warm `await verify(--credential)` (eddsa-rdfc-2022), median of --runs
//   jcs_median_us    our warm `await verify(--jcs)` (eddsa-jcs-2022): JSON + JCS + SHA-256 + one
//                    Ed25519 verify + the report — an upper bound on one bare Ed25519 verify in WASM
//   jwt_median_us    our warm `await verify(www/samples/valid.jwt)` (an EdDSA vc+jwt)
//   node_ed25519_us  one bare Ed25519 verify with node:crypto (OpenSSL, native), for scale
//   ref_cold_ms      import of the reference stack + its first verdict
//   ref_median_us    the reference's warm verify of --credential, median of --ref-runs
import {readFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {dirname, join} from 'node:path';
import {parseArgs} from 'node:util';
import {generateKeyPairSync, sign, verify as cryptoVerify} from 'node:crypto';

const {values: args} = parseArgs({
  options: {
    runs: {type: 'string', default: '500'},
    warmup: {type: 'string', default: '50'},
    'ref-runs': {type: 'string', default: '200'},
    now: {type: 'string', default: '2025-06-01T00:00:00Z'},
    credential: {type: 'string'},
    jcs: {type: 'string'},
    pkg: {type: 'string'},
  },
});
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const pkg = args.pkg ?? join(root, 'pkg');
const credentialPath = args.credential ?? join(root, 'target', 'bench', 'ob3-rdfc.json');
const rdfc = readFileSync(credentialPath, 'utf8');
const jcs = readFileSync(args.jcs ?? join(root, 'www', 'samples', 'valid.json'), 'utf8');
const options = {now: args.now};
const runs = Number(args.runs);
const warmup = Number(args.warmup);

function median(times) {
  times.sort((a, b) => a - b);
  const n = times.length;
  return n % 2 ? times[(n - 1) / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
}

async function timeUs(n, warm, f) {
  for(let i = 0; i < warm; i++) await f();
  const times = [];
  for(let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    times.push((performance.now() - t) * 1000);
  }
  return median(times);
}

function must(what, ok, detail) {
  if(!ok) {
    console.error(`${what}:`, detail);
    process.exit(1);
  }
}

// Ours, cold: import + init + first verdict on the linked-data credential.
const t0 = performance.now();
const mod = await import(pathToFileURL(join(pkg, 'verified_badge.js')).href);
await mod.default({module_or_path: readFileSync(join(pkg, 'verified_badge_bg.wasm'))});
const first = await mod.verify(rdfc, options);
const coldMs = performance.now() - t0;
must('our WASM did not verify ' + credentialPath, first.outcome === 'verified', JSON.stringify(first));
const jcsFirst = await mod.verify(jcs, options);
must('our WASM did not verify the JCS sample', jcsFirst.outcome === 'verified', JSON.stringify(jcsFirst));

const rdfcMedian = await timeUs(runs, warmup, () => mod.verify(rdfc, options));
const jcsMedian = await timeUs(runs, warmup, () => mod.verify(jcs, options));
const jwt = readFileSync(join(root, 'www', 'samples', 'valid.jwt'), 'utf8');
const jwtFirst = await mod.verify(jwt, options);
must('our WASM did not verify the JWT sample', jwtFirst.outcome === 'verified', JSON.stringify(jwtFirst));
const jwtMedian = await timeUs(runs, warmup, () => mod.verify(jwt, options));

// One bare Ed25519 verify, natively in Node (OpenSSL), for scale.
const {publicKey, privateKey} = generateKeyPairSync('ed25519');
const message = Buffer.alloc(64, 7);
const signature = sign(null, message, privateKey);
const nodeEd25519 = await timeUs(runs * 4, warmup, () => cryptoVerify(null, message, publicKey, signature));

// The reference, cold (import + first verdict) and warm.
const r0 = performance.now();
const reference = await import('./reference.mjs');
const refVerify = reference.verifier();
const credential = JSON.parse(rdfc);
const refFirst = await refVerify(credential, new Date(args.now));
const refColdMs = performance.now() - r0;
must('the reference did not verify ' + credentialPath, refFirst.verified, JSON.stringify(refFirst));
const refRuns = Number(args['ref-runs']);
const refMedian = await timeUs(refRuns, Math.min(warmup, 20), () => refVerify(credential, new Date(args.now)));

console.log(JSON.stringify({
  cold_ms: coldMs,
  rdfc_median_us: rdfcMedian,
  jcs_median_us: jcsMedian,
  jwt_median_us: jwtMedian,
  node_ed25519_us: nodeEd25519,
  ref_cold_ms: refColdMs,
  ref_median_us: refMedian,
  runs,
  ref_runs: refRuns,
  warmup,
  credential_bytes: Buffer.byteLength(rdfc),
}));
