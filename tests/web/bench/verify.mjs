// Timing in Node, run by `cargo xtask bench` (after `cargo xtask build`; `--pkg DIR` times another
// build of the package; the default credential is the one `cargo xtask bench` writes to
// target/bench/ob3-rdfc.json): our WASM `verify` and
// the JavaScript reference (bench/reference.mjs: @digitalbazaar/vc + eddsa-rdfc-2022, offline)
// on the same credentials, in this one process. Prints one JSON line:
//   rdfc_median_us   our warm `await verify(--credential)` (eddsa-rdfc-2022), median of --runs
//   jcs_median_us    our warm `await verify(--jcs)` (eddsa-jcs-2022): JSON + JCS + SHA-256 + one
//                    Ed25519 verify + the report — an upper bound on one bare Ed25519 verify in WASM
//   jwt_median_us    our warm `await verify(www/samples/valid.jwt)` (an EdDSA vc+jwt)
//   supplied_median_us  our warm verify of --credential with its last context moved to a URL we
//                    do not bundle and its text given in `documents` (an issuer's own context)
//   node_ed25519_us  one bare Ed25519 verify with node:crypto (OpenSSL, native), for scale
//   with --bench-pkg DIR (the same module built with the `bench-exports` feature; `cargo xtask
//   bench` builds it in target/bench/pkg), from that one instance:
//   bare_ed25519_64_us   one bare Ed25519 verify_strict in WASM of a 64-byte message (what an
//                        eddsa-rdfc-2022 proof signs: two SHA-256 hashes)
//   bare_ed25519_jwt_us  the same over a message as long as the JWT sample's signing input
//   bench_rdfc_us, bench_jwt_us  that instance's warm `verify` of the same credentials, timed in
//                        rounds of 10 calls alternating with the bare verify (medians)
//   stages_us        cumulative medians of benchRdfcStages(--credential, 0..4): JSON parsed; + the
//                    unsecured document as RDF; + its RDFC; + the proof configuration's; + the
//                    two SHA-256 hashes (stages_bare_us, stages_verify_us: the bare Ed25519 check
//                    and the whole verify, timed in the same rounds)
//   ref_cold_ms      import of the reference stack + its first verdict
//   ref_median_us    the reference's warm verify of --credential, median of --ref-runs
//   ref_warmup       the reference's untimed calls first: as many as it times, at most --warmup
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
    'bench-pkg': {type: 'string'},
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

// Ours (cold starts are timed in fresh processes by bench/cold.mjs).
const mod = await import(pathToFileURL(join(pkg, 'verified_badge.js')).href);
await mod.default({module_or_path: readFileSync(join(pkg, 'verified_badge_bg.wasm'))});
const first = await mod.verify(rdfc, options);
must('our WASM did not verify ' + credentialPath, first.outcome === 'verified', JSON.stringify(first));
const jcsFirst = await mod.verify(jcs, options);
must('our WASM did not verify the JCS sample', jcsFirst.outcome === 'verified', JSON.stringify(jcsFirst));

const rdfcMedian = await timeUs(runs, warmup, () => mod.verify(rdfc, options));
const jcsMedian = await timeUs(runs, warmup, () => mod.verify(jcs, options));
const jwt = readFileSync(join(root, 'www', 'samples', 'valid.jwt'), 'utf8');
const jwtFirst = await mod.verify(jwt, options);
must('our WASM did not verify the JWT sample', jwtFirst.outcome === 'verified', JSON.stringify(jwtFirst));
const jwtMedian = await timeUs(runs, warmup, () => mod.verify(jwt, options));

// The same credential with its last context under a URL we do not bundle, the text supplied in
// `documents`, as for an issuer's own context: the RDF is the same, so it verifies.
const contexts = join(root, 'src', 'canon', 'contexts');
const lastContext = JSON.parse(rdfc)['@context'].at(-1);
const bundledFile = JSON.parse(readFileSync(join(contexts, 'manifest.json'), 'utf8')).contexts.find((c) => c.url === lastContext)?.file;
must('the last context of ' + credentialPath + ' is not bundled', bundledFile !== undefined, lastContext);
const suppliedUrl = `https://contexts.example/supplied/${bundledFile}`;
const supplied = rdfc.replace(JSON.stringify(lastContext), JSON.stringify(suppliedUrl));
const suppliedOptions = {...options, documents: {[suppliedUrl]: readFileSync(join(contexts, bundledFile), 'utf8')}};
const suppliedFirst = await mod.verify(supplied, suppliedOptions);
must('our WASM did not verify the credential under a supplied context', supplied !== rdfc && suppliedFirst.outcome === 'verified', JSON.stringify(suppliedFirst));
const suppliedMedian = await timeUs(runs, warmup, () => mod.verify(supplied, suppliedOptions));

// One bare Ed25519 verify, natively in Node (OpenSSL), for scale.
const {publicKey, privateKey} = generateKeyPairSync('ed25519');
const message = Buffer.alloc(64, 7);
const signature = sign(null, message, privateKey);
const nodeEd25519 = await timeUs(runs * 4, warmup, () => cryptoVerify(null, message, publicKey, signature));

// The bare Ed25519 baseline, from the bench build of the same module (one instance, so the
// ratio compares like with like), timed interleaved with that instance's `verify`.
let bare = {};
if(args['bench-pkg']) {
  const benchPkg = args['bench-pkg'];
  const bench = await import(pathToFileURL(join(benchPkg, 'verified_badge.js')).href);
  await bench.default({module_or_path: readFileSync(join(benchPkg, 'verified_badge_bg.wasm'))});
  const pair = generateKeyPairSync('ed25519');
  const raw = Buffer.from(pair.publicKey.export({format: 'jwk'}).x, 'base64url');
  const signed = (message) => {
    const sig = sign(null, message, pair.privateKey);
    must('bare Ed25519 baseline', bench.benchEd25519Verify(raw, message, sig) === true, 'a good signature failed');
    const bad = Uint8Array.from(sig);
    bad[0] ^= 1;
    must('bare Ed25519 baseline', bench.benchEd25519Verify(raw, message, bad) === false, 'a bad signature passed');
    return () => bench.benchEd25519Verify(raw, message, sig);
  };
  // Interleaved: rounds of a few calls of each, so the machine's load drifts over both alike.
  const paired = async (bare, full) => {
    const [a, b] = [[], []];
    for(let i = 0; i < warmup; i++) {
      bare();
      await full();
    }
    for(let round = 0; round < runs / 10; round++) {
      for(let i = 0; i < 10; i++) {
        const t = performance.now();
        bare();
        a.push((performance.now() - t) * 1000);
      }
      for(let i = 0; i < 10; i++) {
        const t = performance.now();
        await full();
        b.push((performance.now() - t) * 1000);
      }
    }
    return [median(a), median(b)];
  };
  const signingInput = Buffer.from(jwt.trim().split('.').slice(0, 2).join('.'));
  must('bench build verify', (await bench.verify(rdfc, options)).outcome === 'verified', 'rdfc');
  must('bench build verify', (await bench.verify(jwt, options)).outcome === 'verified', 'jwt');
  const [bare64, benchRdfc] = await paired(signed(Buffer.alloc(64, 7)), () => bench.verify(rdfc, options));
  const [bareJwt, benchJwt] = await paired(signed(signingInput), () => bench.verify(jwt, options));
  // Where a warm verification goes: the proof's work stage by stage (each call runs the stages
  // before it too), the bare Ed25519 check and the whole `verify`, interleaved in rounds.
  const stage = (n) => () => must('bench stage ' + n, bench.benchRdfcStages(rdfc, n) > 0, 'failed');
  const timed = [0, 1, 2, 3, 4].map(stage);
  timed.push(signed(Buffer.alloc(64, 7)), () => bench.verify(rdfc, options));
  const samples = timed.map(() => []);
  for(let i = 0; i < warmup; i++) for(const f of timed) await f();
  for(let round = 0; round < runs / 10; round++) {
    for(const [k, f] of timed.entries()) {
      for(let i = 0; i < 10; i++) {
        const t = performance.now();
        await f();
        samples[k].push((performance.now() - t) * 1000);
      }
    }
  }
  const stageMedians = samples.map(median);
  bare = {
    stages_us: stageMedians.slice(0, 5),
    stages_bare_us: stageMedians[5],
    stages_verify_us: stageMedians[6],
    bare_ed25519_64_us: bare64,
    bare_ed25519_jwt_us: bareJwt,
    bench_rdfc_us: benchRdfc,
    bench_jwt_us: benchJwt,
    jwt_signing_input_bytes: signingInput.length,
  };
}

// The reference, cold (import + first verdict) and warm.
const r0 = performance.now();
const reference = await import('./reference.mjs');
const refVerify = reference.verifier();
const credential = JSON.parse(rdfc);
const refFirst = await refVerify(credential, new Date(args.now));
const refColdMs = performance.now() - r0;
must('the reference did not verify ' + credentialPath, refFirst.verified, JSON.stringify(refFirst));
const refRuns = Number(args['ref-runs']);
// As many untimed calls as timed ones: after 20, its next 200 were ≈ 8 % slower than later ones.
const refWarmup = Math.min(warmup, refRuns);
const refMedian = await timeUs(refRuns, refWarmup, () => refVerify(credential, new Date(args.now)));

console.log(JSON.stringify({
  rdfc_median_us: rdfcMedian,
  jcs_median_us: jcsMedian,
  jwt_median_us: jwtMedian,
  supplied_median_us: suppliedMedian,
  node_ed25519_us: nodeEd25519,
  ref_cold_ms: refColdMs,
  ref_median_us: refMedian,
  runs,
  ref_runs: refRuns,
  ref_warmup: refWarmup,
  warmup,
  credential_bytes: Buffer.byteLength(rdfc),
  ...bare,
}));
