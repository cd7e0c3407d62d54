//! `cargo xtask test`: set-up, then every test tier in order, streaming their output; a tier
//! that fails does not stop the later ones. Ends with a per-tier table and, as the very last
//! line, `N passed, N failed[, N skipped]`. Exits non-zero if anything failed or errored.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Instant;

use crate::cmd::{self, Result};
use crate::setup::{CHROMEDRIVER, CHROMIUM};

/// Test counts of one tier.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed.
    pub failed: u64,
    /// Tests ignored or skipped.
    pub skipped: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.passed += o.passed;
        self.failed += o.failed;
        self.skipped += o.skipped;
    }
}

/// How a tier ended.
enum State {
    Ok,
    Failed,
    /// The tier could not run or exited non-zero without a failing test to show for it.
    Errored(String),
    Skipped(String),
}

struct Tier {
    name: &'static str,
    counts: Counts,
    state: State,
    secs: f64,
}

/// Sums every cargo / wasm-bindgen-test `test result: … N passed; M failed; K ignored` line.
pub fn parse_cargo(output: &str) -> Counts {
    let mut c = Counts::default();
    for line in output.lines() {
        let Some(rest) = line.trim().strip_prefix("test result: ") else { continue };
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace().rev();
            let (Some(label), Some(n)) = (words.next(), words.next()) else { continue };
            let Ok(n) = n.parse::<u64>() else { continue };
            match label {
                "passed" => c.passed += n,
                "failed" => c.failed += n,
                "ignored" => c.skipped += n,
                _ => {}
            }
        }
    }
    c
}

/// Reads the node test runner's TAP summary: `# pass N`, `# fail N`, `# skipped N`, `# todo N`.
pub fn parse_node(output: &str) -> Counts {
    let mut c = Counts::default();
    for line in output.lines() {
        let Some(rest) = line.trim().strip_prefix("# ") else { continue };
        let mut words = rest.split_whitespace();
        let (Some(label), Some(n), None) = (words.next(), words.next(), words.next()) else { continue };
        let Ok(n) = n.parse::<u64>() else { continue };
        match label {
            "pass" => c.passed = n,
            "fail" => c.failed = n,
            "skipped" | "todo" => c.skipped += n,
            _ => {}
        }
    }
    c
}

/// Runs `cmd`, copying its stdout and stderr to ours line by line while keeping a copy.
/// Returns (exit success, combined output).
fn stream(cmd: &mut Command) -> std::io::Result<(bool, String)> {
    eprintln!("  $ {}", cmd::display(cmd));
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    let seen = Arc::new(Mutex::new(String::new()));
    let pump = |src: Box<dyn Read + Send>, to_stdout: bool, seen: Arc<Mutex<String>>| {
        thread::spawn(move || {
            let mut reader = BufReader::new(src);
            let mut buf = Vec::new();
            while reader.read_until(b'\n', &mut buf).map(|n| n > 0).unwrap_or(false) {
                if to_stdout {
                    let _ = std::io::stdout().write_all(&buf);
                } else {
                    let _ = std::io::stderr().write_all(&buf);
                }
                if let Ok(mut s) = seen.lock() {
                    s.push_str(&String::from_utf8_lossy(&buf));
                }
                buf.clear();
            }
        })
    };
    let out = child.stdout.take().map(|s| pump(Box::new(s), true, seen.clone()));
    let err = child.stderr.take().map(|s| pump(Box::new(s), false, seen.clone()));
    let status = child.wait()?;
    for t in [out, err].into_iter().flatten() {
        let _ = t.join();
    }
    let _ = std::io::stdout().flush();
    let text = seen.lock().map(|s| s.clone()).unwrap_or_default();
    Ok((status.success(), text))
}

/// A tier that runs a test command and reads its counts.
fn run_counted(name: &'static str, cmd: &mut Command, parse: fn(&str) -> Counts) -> Tier {
    let start = Instant::now();
    let (state, counts) = match stream(cmd) {
        Err(e) => (State::Errored(format!("cannot run `{}`: {e}", cmd::display(cmd))), Counts::default()),
        Ok((ok, text)) => {
            let counts = parse(&text);
            let state = if counts.failed > 0 {
                State::Failed
            } else if !ok {
                State::Errored("exited non-zero (build error?) — see the output above".into())
            } else if counts.passed == 0 {
                State::Errored("ran no test".into())
            } else {
                State::Ok
            };
            (state, counts)
        }
    };
    Tier { name, counts, state, secs: start.elapsed().as_secs_f64() }
}

/// A tier that is one pass/fail step (a check, a lint, a build): counts as 1 test.
fn run_step(name: &'static str, f: impl FnOnce() -> Result) -> Tier {
    let start = Instant::now();
    let (state, counts) = match f() {
        Ok(()) => (State::Ok, Counts { passed: 1, ..Counts::default() }),
        Err(e) => {
            eprintln!("\x1b[1;31m  {name} FAILED:\x1b[0m {e}");
            (State::Failed, Counts { failed: 1, ..Counts::default() })
        }
    };
    Tier { name, counts, state, secs: start.elapsed().as_secs_f64() }
}

fn skipped(name: &'static str, why: String) -> Tier {
    eprintln!("\n\x1b[1;33m  !!!!! SKIPPED tier `{name}`: {why} !!!!!\x1b[0m\n");
    Tier { name, counts: Counts { skipped: 1, ..Counts::default() }, state: State::Skipped(why), secs: 0.0 }
}

fn header(name: &str) {
    eprintln!("\n\x1b[1;36m══════ tier: {name} ══════\x1b[0m");
}

/// Files in `dir` that node's test runner picks by name (`*.test.mjs`, `test-*.js`, …).
fn node_test_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let stem = name.trim_end_matches(".mjs").trim_end_matches(".cjs").trim_end_matches(".js");
            stem.len() < name.len()
                && (stem.ends_with(".test") || stem.ends_with("-test") || stem.ends_with("_test") || stem.starts_with("test-") || stem == "test")
        })
        .collect();
    files.sort();
    files
}

/// `cargo xtask test`.
pub fn main(args: &[String]) -> Result {
    if !args.is_empty() {
        return Err(crate::fail!("usage: cargo xtask test"));
    }
    let started = Instant::now();
    let root = cmd::root();
    let setup = crate::setup::setup(true)?;
    let mut tiers = Vec::new();

    header("vendor-contexts --check");
    tiers.push(run_step("vendor-contexts --check", crate::vendor::check));

    header("samples --check");
    tiers.push(run_step("samples --check", crate::samples::check));

    header("clippy");
    tiers.push(run_step("clippy -D warnings", || {
        cmd::run(cmd::cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))
    }));

    header("clippy (wasm32, feature wasm)");
    tiers.push(run_step("clippy wasm32 -D warnings", || {
        cmd::run(cmd::cargo().args(["clippy", "--lib", "--target", "wasm32-unknown-unknown", "--no-default-features"]).args([
            "--features", "wasm", "--", "-D", "warnings",
        ]))
    }));

    header("native tests");
    // --no-fail-fast: a failing test binary must not hide the counts of the ones after it.
    tiers.push(run_counted("cargo test --workspace", cmd::cargo().args(["test", "--workspace", "--no-fail-fast"]), parse_cargo));

    header("wasm layer unit tests (native)");
    // src/wasm's pure-Rust parts (state, words, URL safety) only compile with `--features wasm`.
    tiers.push(run_counted(
        "cargo test --features wasm wasm::",
        cmd::cargo().args(["test", "--lib", "--no-default-features", "--features", "wasm", "wasm::"]),
        parse_cargo,
    ));

    header("build pkg/");
    let mut built = false;
    tiers.push(run_step("cargo xtask build", || {
        crate::build::build()?;
        built = true;
        Ok(())
    }));

    let wasm_args = ["test", "--target", "wasm32-unknown-unknown", "--no-default-features", "--features", "wasm", "--test"];
    header("wasm in Node");
    if root.join("tests/wasm_node.rs").exists() {
        tiers.push(run_counted(
            "wasm-bindgen-test (Node)",
            cmd::cargo().args(wasm_args).arg("wasm_node").env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner"),
            parse_cargo,
        ));
    } else {
        tiers.push(skipped("wasm-bindgen-test (Node)", "tests/wasm_node.rs does not exist yet".into()));
    }

    header("wasm in Chromium");
    if let Some(why) = &setup.browser_missing {
        tiers.push(skipped("wasm-bindgen-test (Chromium)", why.clone()));
    } else if root.join("tests/wasm_browser.rs").exists() {
        tiers.push(run_counted(
            "wasm-bindgen-test (Chromium)",
            cmd::cargo()
                .args(wasm_args)
                .arg("wasm_browser")
                .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
                .env("CHROMEDRIVER", CHROMEDRIVER)
                .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
            parse_cargo,
        ));
    } else {
        tiers.push(skipped("wasm-bindgen-test (Chromium)", "tests/wasm_browser.rs does not exist yet".into()));
    }

    header("e2e (Playwright, served demo)");
    let e2e_files = node_test_files(&root.join("tests/web/e2e"));
    if let Some(why) = &setup.browser_missing {
        tiers.push(skipped("e2e (Playwright)", why.clone()));
    } else if e2e_files.is_empty() {
        tiers.push(skipped("e2e (Playwright)", "no tests/web/e2e/*.test.mjs files yet".into()));
    } else if !built {
        tiers.push(skipped("e2e (Playwright)", "pkg/ was not built (the build tier failed)".into()));
    } else {
        let shots = root.join("target/e2e-screenshots");
        let _ = std::fs::create_dir_all(&shots);
        match crate::serve::spawn(0) {
            Err(e) => tiers.push(Tier { name: "e2e (Playwright)", counts: Counts::default(), state: State::Errored(e.to_string()), secs: 0.0 }),
            Ok(addr) => {
                eprintln!("  demo server on http://{addr}/");
                tiers.push(run_counted(
                    "e2e (Playwright)",
                    Command::new("node")
                        .args(["--test", "--test-reporter=tap"])
                        .args(&e2e_files)
                        .current_dir(&root)
                        .env("DEMO_URL", format!("http://{addr}"))
                        .env("CHROMIUM_PATH", CHROMIUM)
                        .env("SCREENSHOT_DIR", &shots),
                    parse_node,
                ));
            }
        }
    }

    summary(&tiers, started.elapsed().as_secs_f64())
}

fn summary(tiers: &[Tier], secs: f64) -> Result {
    let mut total = Counts::default();
    let mut bad = 0;
    let _ = std::io::stderr().flush();
    println!("\n{:<32} {:>7} {:>7} {:>8} {:>8}  result", "tier", "passed", "failed", "skipped", "time");
    println!("{}", "─".repeat(80));
    for t in tiers {
        total += t.counts;
        let result = match &t.state {
            State::Ok => "ok".to_string(),
            State::Failed => {
                bad += 1;
                "FAILED".to_string()
            }
            State::Errored(why) => {
                bad += 1;
                format!("ERROR: {why}")
            }
            State::Skipped(why) => format!("SKIPPED: {why}"),
        };
        println!(
            "{:<32} {:>7} {:>7} {:>8} {:>7.1}s  {result}",
            t.name, t.counts.passed, t.counts.failed, t.counts.skipped, t.secs
        );
    }
    println!("{}", "─".repeat(80));
    println!("(one-step tiers count as one test each; skipped includes #[ignore]d tests and skipped tiers; {secs:.0}s in all)");
    let mut last = format!("{} passed, {} failed", total.passed, total.failed);
    if total.skipped > 0 {
        last.push_str(&format!(", {} skipped", total.skipped));
    }
    println!("{last}");
    let _ = std::io::stdout().flush();
    if bad > 0 || total.failed > 0 {
        Err(cmd::Error(String::new()))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cargo_test_results() {
        let out = "running 3 tests\n\
            test result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
            test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(parse_cargo(out), Counts { passed: 5, failed: 1, skipped: 1 });
    }

    #[test]
    fn parses_node_tap_summary() {
        let out = "TAP version 13\nok 1 - x\n1..3\n# tests 3\n# suites 0\n# pass 2\n# fail 1\n# cancelled 0\n# skipped 1\n# todo 0\n# duration_ms 5\n";
        assert_eq!(parse_node(out), Counts { passed: 2, failed: 1, skipped: 1 });
    }

    #[test]
    fn picks_node_test_files_by_name() {
        let tmp = cmd::TempDir::new("node-files").unwrap();
        for f in ["gallery.test.mjs", "helpers.mjs", "test-a.js", "b_test.cjs", "notes.md"] {
            std::fs::write(tmp.0.join(f), "").unwrap();
        }
        let names: Vec<String> =
            node_test_files(&tmp.0).iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["b_test.cjs", "gallery.test.mjs", "test-a.js"]);
    }
}
