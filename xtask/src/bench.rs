//! `cargo xtask bench`: how fast `verify` is on `www/samples/valid.json` natively and as WASM
//! in Node, and how big the package is. Prints a table for the README.

use std::fs;
use std::process::Command;
use std::time::Instant;

use serde_json::Value;
use verified_badge::{verify, Input, Outcome, Timestamp, VerifyOptions};

use crate::cmd::{self, Result};
use crate::fail;

/// Timed calls after the warm-up.
const RUNS: usize = 500;
/// Untimed calls first.
const WARMUP: usize = 50;
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

/// `cargo xtask bench-native` (run by `bench` in the `release-native` profile): prints one JSON line.
pub fn native(args: &[String]) -> Result {
    if !args.is_empty() {
        return Err(fail!("usage: cargo xtask bench-native"));
    }
    let text = fs::read_to_string(cmd::root().join("www/samples/valid.json"))
        .map_err(|e| fail!("www/samples/valid.json: {e} (run `cargo xtask samples`)"))?;
    let options = VerifyOptions::new(Timestamp::parse(NOW).map_err(|e| fail!("{e:?}"))?);
    let first = verify(Input::Text(&text), &options);
    if first.outcome != Outcome::Verified {
        return Err(fail!("valid.json does not verify: {}", first.to_json()));
    }
    for _ in 0..WARMUP {
        std::hint::black_box(verify(Input::Text(std::hint::black_box(&text)), &options));
    }
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        std::hint::black_box(verify(Input::Text(std::hint::black_box(&text)), &options));
        times.push(t.elapsed().as_secs_f64() * 1e6);
    }
    println!("{}", serde_json::json!({ "median_us": median_us(times), "runs": RUNS, "warmup": WARMUP }));
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

    cmd::step("bench: native (profile release-native)");
    let native_out = cmd::output(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["run", "--quiet", "--profile", "release-native", "-p", "xtask", "--", "bench-native"])
            .current_dir(&root),
    )?;
    let native = last_json_line(&native_out, "bench-native")?;

    cmd::step("bench: WASM in Node (tests/web/bench/verify.mjs)");
    let node_out = cmd::output(
        Command::new("node")
            .arg(root.join("tests/web/bench/verify.mjs"))
            .args(["--runs", &RUNS.to_string(), "--warmup", &WARMUP.to_string(), "--now", NOW])
            .current_dir(&root),
    )?;
    let node = last_json_line(&node_out, "verify.mjs")?;
    let (pkg_raw, pkg_gz, pkg_files) = pkg_gzip_sum()?;

    let f = |v: &Value, k: &str| v[k].as_f64().unwrap_or(f64::NAN);
    let node_version = cmd::output(Command::new("node").arg("--version")).unwrap_or_default();
    let rustc = cmd::output(Command::new("rustc").arg("--version")).unwrap_or_default();
    println!("\nverify(www/samples/valid.json), median of {RUNS} warm calls after {WARMUP} warm-up calls");
    println!("| what | value |");
    println!("| --- | --- |");
    println!("| native `verify` (release-native), median | {:.1} µs |", f(&native, "median_us"));
    println!("| WASM in Node `await verify(...)`, median | {:.1} µs |", f(&node, "median_us"));
    println!("| WASM in Node cold: import + init + first verdict | {:.1} ms |", f(&node, "cold_ms"));
    println!("| `verified_badge_bg.wasm` raw | {} bytes ({:.1} KiB) |", built.wasm_raw, built.wasm_raw as f64 / 1024.0);
    println!("| `verified_badge_bg.wasm` gzip -9 | {} bytes ({:.1} KiB) |", built.wasm_gzip, built.wasm_gzip as f64 / 1024.0);
    println!(
        "| whole `pkg/` ({pkg_files} files), sum of each file gzip -9 | {pkg_gz} bytes ({:.1} KiB; {pkg_raw} raw) |",
        pkg_gz as f64 / 1024.0
    );
    println!("\n{} · node {} · {}", rustc.trim(), node_version.trim(), today());
    Ok(())
}

fn today() -> String {
    cmd::output(Command::new("date").args(["-u", "+%Y-%m-%d"])).map(|s| s.trim().to_string()).unwrap_or_default()
}
