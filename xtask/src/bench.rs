//! `cargo xtask bench`: how fast `verify` is natively and as WASM in Node — on a typical
//! OB 3.0 credential signed `eddsa-rdfc-2022` (`bench/credential.rs`) and on the
//! `eddsa-jcs-2022` sample `www/samples/valid.json` — against the JavaScript reference
//! (digitalbazaar vc + eddsa-rdfc-2022, offline: `tests/web/bench/reference.mjs`) in the same
//! Node process, and how big the package is. Prints a table for the README.

mod credential;
mod size;

use std::fs;
use std::process::Command;
use std::time::Instant;

use serde_json::Value;
use verified_badge::proof::linked_data;
use verified_badge::{verify, Input, Outcome, Timestamp, VerifyOptions};

use crate::cmd::{self, Result};
use crate::fail;

/// Timed calls after the warm-up.
const RUNS: usize = 500;
/// Untimed calls first. Enough for V8 to finish optimizing: after only 50, the next 500 calls
/// of an rdfc verify were ≈ 10 % slower than later ones (and the reference's likewise).
const WARMUP: usize = 300;
/// Fresh Node processes per cold-start figure (the median is printed).
const COLD_RUNS: usize = 15;
/// `now` for the benchmark (the valid sample is valid then).
const NOW: &str = "2025-06-01T00:00:00Z";

fn median_us(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(|a, b| a.total_cmp(b));
    let n = samples.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        samples[n / 2]
    } else {
        (samples[n / 2 - 1] + samples[n / 2]) / 2.0
    }
}

/// The 25th, 50th and 75th percentiles (nearest rank) of `samples`.
fn quartiles(mut samples: Vec<f64>) -> (f64, f64, f64) {
    samples.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| samples.get(((samples.len().saturating_sub(1)) as f64 * q).round() as usize).copied().unwrap_or(f64::NAN);
    (at(0.25), median_us(samples.clone()), at(0.75))
}

/// Median µs of `runs` calls of `f` after `WARMUP` untimed ones.
fn time_us(runs: usize, mut f: impl FnMut()) -> f64 {
    for _ in 0..WARMUP {
        f();
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f();
        times.push(t.elapsed().as_secs_f64() * 1e6);
    }
    median_us(times)
}

/// `cargo xtask bench-native CREDENTIAL` (run by `bench` in the `release-native` profile):
/// prints one JSON line.
pub fn native(args: &[String]) -> Result {
    let [path] = args else {
        return Err(fail!("usage: cargo xtask bench-native CREDENTIAL (an eddsa-rdfc-2022 credential)"));
    };
    let rdfc = fs::read_to_string(path).map_err(|e| fail!("{path}: {e}"))?;
    let jcs = fs::read_to_string(cmd::root().join("www/samples/valid.json"))
        .map_err(|e| fail!("www/samples/valid.json: {e} (run `cargo xtask samples`)"))?;
    let options = VerifyOptions::new(Timestamp::parse(NOW).map_err(|e| fail!("{e:?}"))?);
    // First verdict in this process: the bundled contexts' pre-processed forms are applied on first use.
    let t = Instant::now();
    let first = verify(Input::Text(&rdfc), &options);
    let first_us = t.elapsed().as_secs_f64() * 1e6;
    if first.outcome != Outcome::Verified {
        return Err(fail!("{path} does not verify: {}", first.to_json()));
    }
    let jcs_first = verify(Input::Text(&jcs), &options);
    if jcs_first.outcome != Outcome::Verified {
        return Err(fail!("valid.json does not verify: {}", jcs_first.to_json()));
    }
    let jwt = fs::read_to_string(cmd::root().join("www/samples/valid.jwt"))
        .map_err(|e| fail!("www/samples/valid.jwt: {e} (run `cargo xtask samples`)"))?;
    if verify(Input::Text(&jwt), &options).outcome != Outcome::Verified {
        return Err(fail!("valid.jwt does not verify"));
    }
    let jwt_us = time_us(RUNS, || {
        std::hint::black_box(verify(Input::Text(std::hint::black_box(&jwt)), &options));
    });
    let rdfc_us = time_us(RUNS, || {
        std::hint::black_box(verify(Input::Text(std::hint::black_box(&rdfc)), &options));
    });
    let jcs_us = time_us(RUNS, || {
        std::hint::black_box(verify(Input::Text(std::hint::black_box(&jcs)), &options));
    });
    // The canonicalization alone (both RDFC-1.0 hashes), and one bare Ed25519 verify.
    let value: Value = serde_json::from_str(&rdfc).map_err(|e| fail!("{e}"))?;
    let doc = value.as_object().ok_or_else(|| fail!("not an object"))?;
    let proof = doc.get("proof").and_then(Value::as_object).ok_or_else(|| fail!("no proof"))?;
    let unsigned: serde_json::Map<String, Value> = doc.iter().filter(|(k, _)| *k != "proof").map(|(k, v)| (k.clone(), v.clone())).collect();
    let config = linked_data::proof_config(doc, proof);
    let none = std::collections::BTreeMap::new();
    let hash_us = time_us(RUNS, || {
        std::hint::black_box(linked_data::hash_data(&unsigned, &config, &none).ok());
    });
    let data = linked_data::hash_data(&unsigned, &config, &none).map_err(|e| fail!("{e:?}"))?;
    let signature = proof
        .get("proofValue")
        .and_then(Value::as_str)
        .and_then(|v| verified_badge::key::multibase::decode_base58btc(v).ok())
        .ok_or_else(|| fail!("bad proofValue"))?;
    let method = crate::samples::issuer().verification_method();
    let resolved = verified_badge::key::resolve(&method, &|_| verified_badge::documents::Fetched::Missing).map_err(|e| fail!("{e:?}"))?;
    let public = *resolved.ed25519().ok_or_else(|| fail!("not an Ed25519 key"))?;
    let ed25519_us = time_us(RUNS * 4, || {
        std::hint::black_box(verified_badge::proof::ed25519::verify(&public, std::hint::black_box(&data), &signature).ok());
    });
    println!(
        "{}",
        serde_json::json!({
            "first_us": first_us, "rdfc_median_us": rdfc_us, "jcs_median_us": jcs_us, "jwt_median_us": jwt_us,
            "rdfc_hash_us": hash_us, "ed25519_us": ed25519_us, "runs": RUNS, "warmup": WARMUP,
        })
    );
    Ok(())
}

fn last_json_line(out: &str, what: &str) -> Result<Value> {
    out.lines()
        .rev()
        .find_map(|l| serde_json::from_str::<Value>(l.trim()).ok().filter(Value::is_object))
        .ok_or_else(|| fail!("{what}: no JSON result line in its output:\n{out}"))
}

/// Sum of `gzip -9` sizes of each file in pkg/ (not a tarball: each file compressed alone).
fn pkg_gzip_sum() -> Result<(u64, u64, usize)> {
    fn walk(dir: &std::path::Path, acc: &mut Vec<std::path::PathBuf>) -> Result {
        for e in fs::read_dir(dir)? {
            let p = e?.path();
            if p.is_dir() {
                walk(&p, acc)?;
            } else {
                acc.push(p);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(&crate::build::pkg_dir(), &mut files)?;
    let (mut raw, mut gz) = (0, 0);
    for f in &files {
        let b = fs::read(f)?;
        raw += b.len() as u64;
        gz += cmd::gzip_size(&b)?;
    }
    Ok((raw, gz, files.len()))
}

/// `cargo xtask bench`.
pub fn main(args: &[String]) -> Result {
    if !args.is_empty() {
        return Err(fail!("usage: cargo xtask bench"));
    }
    let root = cmd::root();
    crate::setup::setup(false)?;
    let built = crate::build::build()?;
    crate::build::build_bench()?;
    // The raw module just built for the bench build: its names are still there.
    cmd::step("bench: code size by module (the package's wasm-opt settings and -g, on the bench build)");
    let attribution = size::attribute(
        &crate::build::target_dir().join("wasm32-unknown-unknown/release/verified_badge.wasm"),
        &crate::build::target_dir().join("bench/named"),
    )?;
    let bench_pkg = crate::build::target_dir().join("bench/pkg");

    let dir = crate::build::target_dir().join("bench");
    fs::create_dir_all(&dir)?;
    let credential_path = dir.join("ob3-rdfc.json");
    let text = credential::signed_text()?;
    fs::write(&credential_path, &text)?;
    let credential_arg = credential_path.to_string_lossy().into_owned();

    cmd::step("bench: native (profile release-native)");
    let native_out = cmd::output(
        cmd::cargo().args(["run", "--quiet", "--profile", "release-native", "-p", "xtask", "--", "bench-native", &credential_arg]),
    )?;
    let native = last_json_line(&native_out, "bench-native")?;

    cmd::step("bench: WASM and the JS reference in Node (tests/web/bench/verify.mjs)");
    let node_out = cmd::output(
        Command::new("node")
            .arg(root.join("tests/web/bench/verify.mjs"))
            .args(["--runs", &RUNS.to_string(), "--warmup", &WARMUP.to_string(), "--now", NOW])
            .args(["--credential", &credential_arg])
            .arg("--bench-pkg")
            .arg(&bench_pkg)
            .current_dir(&root),
    )?;
    let node = last_json_line(&node_out, "verify.mjs")?;

    cmd::step("bench: cold starts in fresh Node processes (tests/web/bench/cold.mjs)");
    // The two ways alternate, so the machine's load drifts over both alike.
    let (mut runs_async, mut runs_sync) = (Vec::new(), Vec::new());
    for _ in 0..COLD_RUNS {
        for (how, runs) in [("async", &mut runs_async), ("sync", &mut runs_sync)] {
            let out = cmd::output(
                Command::new("node")
                    .arg(root.join("tests/web/bench/cold.mjs"))
                    .args(["--init", how, "--credential", &credential_arg, "--now", NOW])
                    .current_dir(&root),
            )?;
            runs.push(last_json_line(&out, "cold.mjs")?["ms"].as_f64().unwrap_or(f64::NAN));
        }
    }
    let (cold_async, cold_sync) = (quartiles(runs_async), quartiles(runs_sync));
    let (pkg_raw, pkg_gz, pkg_files) = pkg_gzip_sum()?;

    let f = |v: &Value, k: &str| v[k].as_f64().unwrap_or(f64::NAN);
    let node_version = cmd::output(Command::new("node").arg("--version")).unwrap_or_default();
    let rustc = cmd::output(Command::new("rustc").arg("--version")).unwrap_or_default();
    let (ours, reference) = (f(&node, "rdfc_median_us"), f(&node, "ref_median_us"));
    println!(
        "\nA typical OB 3.0 credential ({} bytes, eddsa-rdfc-2022; target/bench/ob3-rdfc.json) and the eddsa-jcs-2022 \
         sample www/samples/valid.json; medians of {RUNS} warm calls after {WARMUP} warm-up calls (reference: {} calls after {})",
        text.len(),
        node["ref_runs"],
        node["ref_warmup"]
    );
    println!("| what | value |");
    println!("| --- | --- |");
    println!("| WASM in Node, warm `verify`, eddsa-rdfc-2022 | {ours:.1} µs |");
    println!("| JS reference in Node (@digitalbazaar/vc + eddsa-rdfc-2022, jsonld.js), warm verify | {reference:.1} µs |");
    println!("| ratio reference / ours | {:.1}× |", reference / ours);
    println!("| WASM in Node, warm `verify`, eddsa-jcs-2022 (JSON + JCS + SHA-256 + one Ed25519 + report: an upper bound on one bare Ed25519 verify in WASM) | {:.1} µs |", f(&node, "jcs_median_us"));
    println!("| WASM in Node, warm `verify`, EdDSA vc+jwt (`www/samples/valid.jwt`) | {:.1} µs |", f(&node, "jwt_median_us"));
    println!("| ours rdfc / ours jcs | {:.1}× |", ours / f(&node, "jcs_median_us"));
    println!(
        "| WASM in Node, warm `verify`, the same credential with its last context supplied in `documents` under a URL not bundled | {:.1} µs |",
        f(&node, "supplied_median_us")
    );
    let (bare64, bare_jwt) = (f(&node, "bare_ed25519_64_us"), f(&node, "bare_ed25519_jwt_us"));
    let (bench_rdfc, bench_jwt) = (f(&node, "bench_rdfc_us"), f(&node, "bench_jwt_us"));
    println!("| one bare Ed25519 `verify_strict` in WASM, 64-byte message (bench build, same profile) | {bare64:.1} µs |");
    println!(
        "| one bare Ed25519 `verify_strict` in WASM, message as long as the JWT's signing input ({} bytes) | {bare_jwt:.1} µs |",
        node["jwt_signing_input_bytes"]
    );
    println!("| eddsa-rdfc-2022 `verify` / bare Ed25519 (same instance: {bench_rdfc:.1} / {bare64:.1} µs; target ≤ 2.5×) | {:.2}× |", bench_rdfc / bare64);
    println!("| EdDSA vc+jwt `verify` / bare Ed25519 (same instance: {bench_jwt:.1} / {bare_jwt:.1} µs; target ≤ 1.5×) | {:.2}× |", bench_jwt / bare_jwt);
    println!("| one bare Ed25519 verify, node:crypto (OpenSSL, native; for scale) | {:.1} µs |", f(&node, "node_ed25519_us"));
    print_stages(&node);
    println!(
        "| WASM in Node cold: import + `await init(bytes)` + first verdict (rdfc), median (p25–p75) of {COLD_RUNS} fresh processes | {:.1} ({:.1}–{:.1}) ms |",
        cold_async.1, cold_async.0, cold_async.2
    );
    println!(
        "| WASM in Node cold: import + `initSync(bytes)` + first verdict (rdfc), median (p25–p75) of {COLD_RUNS} | {:.1} ({:.1}–{:.1}) ms |",
        cold_sync.1, cold_sync.0, cold_sync.2
    );
    println!("| JS reference cold: import + first verdict (rdfc) | {:.1} ms |", f(&node, "ref_cold_ms"));
    println!("| native `verify`, eddsa-rdfc-2022 (release-native) | {:.1} µs |", f(&native, "rdfc_median_us"));
    println!("| native first verdict in a fresh process (contexts applied on first use) | {:.1} µs |", f(&native, "first_us"));
    println!("| native RDFC hashes alone (document + proof config) | {:.1} µs |", f(&native, "rdfc_hash_us"));
    println!("| native `verify`, eddsa-jcs-2022 | {:.1} µs |", f(&native, "jcs_median_us"));
    println!("| native `verify`, EdDSA vc+jwt | {:.1} µs |", f(&native, "jwt_median_us"));
    println!("| native bare Ed25519 verify (ed25519-dalek `verify_strict`) | {:.1} µs |", f(&native, "ed25519_us"));
    println!("| `verified_badge_bg.wasm` raw | {} bytes ({:.1} KiB) |", built.wasm_raw, built.wasm_raw as f64 / 1024.0);
    println!("| `verified_badge_bg.wasm` gzip -9 | {} bytes ({:.1} KiB) |", built.wasm_gzip, built.wasm_gzip as f64 / 1024.0);
    println!(
        "| whole `pkg/` ({pkg_files} files), sum of each file gzip -9 | {pkg_gz} bytes ({:.1} KiB; {pkg_raw} raw) |",
        pkg_gz as f64 / 1024.0
    );
    let (engine_raw, engine_gz) = attribution.engine;
    let (ctx_raw, ctx_gz) = attribution.contexts;
    println!(
        "| JSON-LD engine + RDFC + linked-data suites: code of `canon::{{fnv,jsonld,rdf,nquads,rdfc,sort,contexts}}` and `proof::linked_data` (gzipped alone) | {engine_raw} bytes raw, {engine_gz} gzip ({:.1} KiB) |",
        engine_gz as f64 / 1024.0
    );
    println!(
        "| the bundled contexts: minified JSON and their pre-processed forms (`frozen.txt`) | {ctx_raw} bytes raw, {ctx_gz} gzip ({:.1} KiB) |",
        ctx_gz as f64 / 1024.0
    );
    println!(
        "| the engine's code, marginal: gzip(all code) − gzip(all code but the engine's) | {} bytes ({:.1} KiB) |",
        attribution.engine_marginal,
        attribution.engine_marginal as f64 / 1024.0
    );
    println!(
        "| engine + contexts: the engine's code marginal + the contexts alone / each gzipped alone | {:.1} / {:.1} KiB gzip |",
        (attribution.engine_marginal + ctx_gz) as f64 / 1024.0,
        (engine_gz + ctx_gz) as f64 / 1024.0
    );
    println!(
        "| **engine + contexts in the module (target ≤ 40 KiB gzip)**: gzip(module) − gzip(module without the engine's functions and the contexts' text) | {} bytes ({:.1} KiB) |",
        attribution.in_module,
        attribution.in_module as f64 / 1024.0
    );
    println!("\nCode by module ({} named functions; after the package's wasm-opt settings; each group gzipped alone):", attribution.named);
    println!("| module | raw | gzip |");
    println!("| --- | --- | --- |");
    for (group, raw, gz) in attribution.groups.iter().take(25) {
        println!("| `{group}` | {raw} | {gz} |");
    }
    println!("\n{} · node {} · {}", rustc.trim(), node_version.trim(), today());
    Ok(())
}

/// Where a warm eddsa-rdfc-2022 verification goes, from verify.mjs's interleaved rounds of
/// the bench build's stages (cumulative medians, so each row is a difference of two).
fn print_stages(node: &Value) {
    let stages: Vec<f64> = node["stages_us"].as_array().map(|a| a.iter().filter_map(Value::as_f64).collect()).unwrap_or_default();
    let [parse, rdf, rdfc, config, hashes] = stages[..] else { return };
    let bare = node["stages_bare_us"].as_f64().unwrap_or(f64::NAN);
    let whole = node["stages_verify_us"].as_f64().unwrap_or(f64::NAN);
    println!("\nWhere a warm eddsa-rdfc-2022 `verify` goes (bench build, one instance; medians of rounds interleaved, each row a difference of two):");
    println!("| step | µs | share |");
    println!("| --- | --- | --- |");
    for (step, us) in [
        ("JSON parse (bounded, duplicate keys refused)", parse),
        ("the unsecured document as RDF (expansion + toRdf)", rdf - parse),
        ("its RDFC-1.0 (canonical N-Quads)", rdfc - rdf),
        ("the proof configuration as canonical N-Quads", config - rdfc),
        ("SHA-256 of both", hashes - config),
        ("Ed25519 `verify_strict` (bare)", bare),
        ("the rest: key resolution, checks, report to JS", whole - hashes - bare),
    ] {
        println!("| {step} | {us:.1} | {:.0} % |", 100.0 * us / whole);
    }
    println!("| whole `verify` | {whole:.1} | 100 % |");
}

fn today() -> String {
    cmd::output(Command::new("date").args(["-u", "+%Y-%m-%d"])).map(|s| s.trim().to_string()).unwrap_or_default()
}
