//! `cargo xtask fuzz [--seconds N] [TARGET…]`: runs the cargo-fuzz targets in `fuzz/` on the
//! nightly toolchain, each for N seconds (default 60), seeded from the demo samples and the
//! conformance vectors (copied into `target/fuzz-corpus/`, never into the repository). New
//! crashes are copied to `fuzz/regressions/<target>/`, which `cargo xtask test` replays on
//! stable (`tests/fuzz_replay.rs`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::cmd::{self, Result};
use crate::fail;

/// Every target in `fuzz/fuzz_targets/` (the same list as `verified_badge::fuzzing::TARGETS`).
fn targets() -> Vec<&'static str> {
    verified_badge::fuzzing::TARGETS.iter().map(|(name, _)| *name).collect()
}

/// Seed folders: our samples and, when present, the shared vectors (read in place).
const SEEDS: &[&str] = &[
    "www/samples",
    "fuzz/seeds",
    "../shared/vectors/vc-di-eddsa/TestVectors",
    "../shared/vectors/ob3-spec/extracted",
    "../shared/vectors/ob3-generated",
    "../shared/vectors/dcc-fixtures",
    "../shared/vectors/1edtech-validator/inspector-vc/src/test/resources/ob30",
    "../shared/vectors/ob2-baked",
    "../shared/vectors/rdf-canon/rdfc10",
];

pub fn main(args: &[String]) -> Result {
    let mut seconds = 60u64;
    let mut chosen = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seconds" => {
                seconds = it.next().and_then(|s| s.parse().ok()).ok_or_else(|| fail!("--seconds takes a whole number"))?;
            }
            name if targets().contains(&name) => chosen.push(name.to_owned()),
            other => return Err(fail!("unknown fuzz target or flag `{other}`; targets: {}", targets().join(", "))),
        }
    }
    if chosen.is_empty() {
        chosen = targets().into_iter().map(str::to_owned).collect();
    }
    ensure_tools()?;
    let root = cmd::root();
    let seeds = collect_seeds(&root)?;
    let mut summary = Vec::new();
    for target in &chosen {
        let corpus = root.join("target/fuzz-corpus").join(target);
        fs::create_dir_all(&corpus)?;
        for (i, seed) in seeds.iter().enumerate() {
            let dest = corpus.join(format!("seed-{i:04}"));
            if !dest.exists() {
                fs::copy(seed, &dest)?;
            }
        }
        let regressions = root.join("fuzz/regressions").join(target);
        cmd::step(&format!("fuzz {target} for {seconds}s"));
        let out = Command::new("cargo")
            .current_dir(&root)
            .args(["+nightly", "fuzz", "run", "-O", target])
            .arg(&corpus)
            .args(["--", &format!("-max_total_time={seconds}"), "-rss_limit_mb=2048", "-max_len=262144", "-print_final_stats=1"])
            .stdin(Stdio::null())
            .output()
            .map_err(|e| fail!("cannot run cargo fuzz: {e}"))?;
        let log = String::from_utf8_lossy(&out.stderr);
        let runs = log
            .lines()
            .find_map(|l| l.strip_prefix("stat::number_of_executed_units:"))
            .map(|n| n.trim().to_owned())
            .unwrap_or_else(|| String::from("?"));
        let crashes = save_crashes(&root.join("fuzz/artifacts").join(target), &regressions)?;
        let ran = log.contains("stat::number_of_executed_units");
        let result = match (ran, crashes) {
            (_, n) if n > 0 => "CRASH (see fuzz/regressions)",
            (true, _) if out.status.success() => "no crash",
            _ => {
                // A build failure or a fuzzer that never started is not a finding.
                let tail: Vec<&str> = log.lines().rev().take(15).collect();
                eprintln!("{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
                "DID NOT RUN"
            }
        };
        eprintln!("  {target}: {runs} executions in {seconds}s, {result}");
        summary.push(format!("{target:<14} {runs:>12} executions  {result}"));
    }
    eprintln!("\nfuzz summary ({seconds}s per target):");
    for line in &summary {
        eprintln!("  {line}");
    }
    if summary.iter().any(|l| l.contains("CRASH")) {
        return Err(fail!("fuzzing found crashes; they are saved under fuzz/regressions/"));
    }
    if summary.iter().any(|l| l.contains("DID NOT RUN")) {
        return Err(fail!("some fuzz targets did not run (see above)"));
    }
    Ok(())
}

/// cargo-fuzz (crates.io) and a nightly toolchain; installed when missing.
fn ensure_tools() -> Result {
    if !cmd::has_program("cargo-fuzz", "--version") {
        cmd::step("installing cargo-fuzz");
        cmd::run(Command::new("cargo").args(["install", "cargo-fuzz"]))?;
    }
    let nightly = Command::new("rustup").args(["run", "nightly", "rustc", "--version"]).stdout(Stdio::null()).stderr(Stdio::null()).status();
    if !nightly.is_ok_and(|s| s.success()) {
        return Err(fail!("cargo fuzz needs a nightly toolchain (`rustup toolchain list` shows none)"));
    }
    Ok(())
}

fn collect_seeds(root: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for dir in SEEDS {
        walk(&root.join(dir), &mut out);
    }
    out.retain(|p| fs::metadata(p).is_ok_and(|m| m.len() <= 256 * 1024));
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_none_or(|x| x != "md") {
            out.push(p);
        }
    }
}

/// Moves crash/timeout/oom artifacts into the regressions folder; returns how many.
fn save_crashes(artifacts: &Path, regressions: &Path) -> Result<usize> {
    let Ok(entries) = fs::read_dir(artifacts) else { return Ok(0) };
    let mut n = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if ["crash-", "timeout-", "oom-", "leak-"].iter().any(|p| name.starts_with(p)) {
            fs::create_dir_all(regressions)?;
            fs::copy(e.path(), regressions.join(&name))?;
            fs::remove_file(e.path())?;
            n += 1;
        }
    }
    Ok(n)
}
