//! `cargo xtask setup`: installs what the build and the tests need, idempotently, and says
//! what it does. Only package registries are used (rustup, crates.io, npm, Debian apt);
//! browsers come from Debian, never from a download.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

use crate::cmd::{self, Result};
use crate::fail;

/// Where the system browser and its driver live (Debian `chromium`, `chromium-driver`).
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// The Debian chromedriver, used by wasm-bindgen-test-runner.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// What the set-up found usable.
#[derive(Debug, Clone)]
pub struct Setup {
    /// `None` when Chromium and chromedriver are there; otherwise why the browser tiers skip.
    pub browser_missing: Option<String>,
}

/// Installs what is missing. `browsers`: also Chromium + chromedriver (tests only).
pub fn setup(browsers: bool) -> Result<Setup> {
    cmd::step("setup: checking tools (idempotent; installs only what is missing)");
    wasm_target()?;
    wasm_bindgen_cli()?;
    node_tools()?;
    let browser_missing = if browsers { chromium()? } else { None };
    Ok(Setup { browser_missing })
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn is_root() -> bool {
    cmd::output(Command::new("id").arg("-u")).map(|s| s.trim() == "0").unwrap_or(false)
}

fn wasm_target() -> Result {
    const TARGET: &str = "wasm32-unknown-unknown";
    match cmd::output(Command::new("rustup").args(["target", "list", "--installed"])) {
        Ok(list) if list.lines().any(|l| l.trim() == TARGET) => {
            eprintln!("  ok   rust target {TARGET}");
            Ok(())
        }
        Ok(_) => cmd::run(Command::new("rustup").args(["target", "add", TARGET])),
        Err(_) => {
            // No rustup: accept a toolchain that already ships the target's standard library.
            let sysroot = cmd::output(Command::new("rustc").args(["--print", "sysroot"]))?;
            if Path::new(sysroot.trim()).join("lib/rustlib").join(TARGET).is_dir() {
                eprintln!("  ok   rust target {TARGET} (no rustup; found in the sysroot)");
                Ok(())
            } else {
                Err(fail!("the {TARGET} target is missing and rustup is not available to add it"))
            }
        }
    }
}

/// The wasm-bindgen version pinned in Cargo.lock.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let lock = fs::read_to_string(cmd::root().join("Cargo.lock"))
        .map_err(|e| fail!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.trim().strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err(fail!("Cargo.lock has no wasm-bindgen package"))
}

fn installed_version(program: &str) -> Option<String> {
    let out = cmd::output(Command::new(program).arg("--version")).ok()?;
    out.split_whitespace().nth(1).map(str::to_string)
}

fn wasm_bindgen_cli() -> Result {
    let want = locked_wasm_bindgen_version()?;
    let have = installed_version("wasm-bindgen");
    let runner = installed_version("wasm-bindgen-test-runner");
    if have.as_deref() == Some(want.as_str()) && runner.as_deref() == Some(want.as_str()) {
        eprintln!("  ok   wasm-bindgen-cli {want}");
        return Ok(());
    }
    eprintln!(
        "  need wasm-bindgen-cli {want} (found {})",
        have.as_deref().unwrap_or("none")
    );
    cmd::run(cargo().args(["install", "wasm-bindgen-cli", "--version", &want]))
}

fn mtime(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn node_tools() -> Result {
    if !cmd::has_program("node", "--version") || !cmd::has_program("npm", "--version") {
        if is_root() {
            apt_install(&["nodejs", "npm"])?;
        } else {
            return Err(fail!(
                "node and npm are needed (wasm-opt from npm `binaryen`, Playwright, the Node test tier); \
                 install Node.js 20+ (e.g. `sudo apt-get install nodejs npm`) and re-run"
            ));
        }
    }
    // tests/web: wasm-opt, Playwright, the bench's JS reference; tests/interop: the JS
    // reference stack the interop test signs and verifies with.
    npm_ci("tests/web", Some("node_modules/.bin/wasm-opt"))?;
    npm_ci("tests/interop", None)
}

/// `npm ci` in `dir` unless its node_modules is newer than its lock file.
fn npm_ci(dir: &str, must_exist: Option<&str>) -> Result {
    let folder = cmd::root().join(dir);
    let lock = folder.join("package-lock.json");
    if !lock.exists() {
        return Ok(());
    }
    let stamp = folder.join("node_modules/.package-lock.json");
    let fresh = match (mtime(&stamp), mtime(&lock)) {
        (Some(installed), Some(locked)) => installed >= locked,
        _ => false,
    };
    if fresh && must_exist.is_none_or(|f| folder.join(f).exists()) {
        eprintln!("  ok   npm dev tools in {dir}/node_modules");
        return Ok(());
    }
    eprintln!("  need npm dev tools ({dir}/node_modules missing or older than package-lock.json)");
    cmd::run(Command::new("npm").args(["ci", "--no-audit", "--no-fund", "--prefix"]).arg(&folder))
}

fn apt_install(packages: &[&str]) -> Result {
    cmd::run(Command::new("apt-get").arg("update").env("DEBIAN_FRONTEND", "noninteractive"))?;
    cmd::run(
        Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// Chromium and chromedriver from Debian. Returns why the browser tiers must skip, if so.
fn chromium() -> Result<Option<String>> {
    let present = || Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if present() {
        eprintln!("  ok   {CHROMIUM} and {CHROMEDRIVER}");
        return Ok(None);
    }
    if is_root() {
        eprintln!("  need Chromium + chromedriver: installing the Debian packages");
        apt_install(&["chromium", "chromium-driver"])?;
        if present() {
            return Ok(None);
        }
        return Err(fail!("apt-get installed chromium but {CHROMIUM} or {CHROMEDRIVER} is still missing"));
    }
    let why = format!(
        "{CHROMIUM} or {CHROMEDRIVER} is missing and we are not root: install them with \
         `sudo apt-get install chromium chromium-driver`; the browser tiers are SKIPPED"
    );
    eprintln!("\n  !!!!! {why} !!!!!\n");
    Ok(Some(why))
}

/// `cargo xtask setup`.
pub fn main(args: &[String]) -> Result {
    if !args.is_empty() {
        return Err(fail!("usage: cargo xtask setup"));
    }
    let s = setup(true)?;
    match s.browser_missing {
        None => cmd::step("setup: done"),
        Some(why) => cmd::step(&format!("setup: done, but {why}")),
    }
    Ok(())
}
