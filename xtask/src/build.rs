//! `cargo xtask build`: the npm package in `pkg/` — the crate built for
//! `wasm32-unknown-unknown` with feature `wasm`, `wasm-bindgen --target web` (its JavaScript
//! snippets inlined into the glue: `glue.rs`), `wasm-opt -Oz` (see [`WASM_OPT_OPTIMIZE`]),
//! and `pkg/package.json` from the top-level `pkg.json` with the version from `Cargo.toml`.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use crate::cmd::{self, Result};
use crate::fail;

/// Features the current rustc enables by default for `wasm32-unknown-unknown`; wasm-opt must
/// accept them or it rejects the module.
pub const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// wasm-opt's optimisation: `-Oz`, except that a function with one caller is inlined into it
/// only when tiny. By default binaryen inlines every function into its only caller, which
/// makes the module 5 % *larger* once gzipped (343,347 → 325,843 bytes, measured on the bench
/// build; the JSON-LD engine's share 42.4 → 35.6 KiB): the merged functions compress worse
/// than the parts. The price, in interleaved A/B runs: warm `eddsa-rdfc-2022` verification
/// ≈ 3 % slower, a JWT ≈ 1 %; bytes cost every page that shows a badge (README "Numbers").
///
/// `--low-memory-unused` lets binaryen fold a small constant added to an address into the
/// load's or store's offset, which is exact unless the sum wraps past 2³² into the first KiB.
/// Nothing of ours lives there: rustc lays the stack out first ([0, 1 MiB), growing down from
/// 1 MiB; data and heap above), so the first KiB is reached only by a stack 1023 KiB deep, which
/// the crate's depth limits rule out, and a wrapped address would trap instead of landing there.
/// Measured: the module 841 bytes gzip smaller (the engine's share 219), warm verification the
/// same (interleaved A/B, 100 rounds: −0.03 %).
///
/// `--reorder-functions-by-name` lays the functions out in the order of their (mangled) names,
/// which wasm-bindgen's output still has at this point: a module's functions sit together, so
/// gzip finds their common code within its window. Measured: the module 4,962 bytes gzip
/// smaller (318,502 → 313,540, bench build; the engine's share 566), warm and cold verification
/// the same (interleaved A/B: +0.6 %; 20 alternating fresh processes: first verdict 17.1 → 17.1 ms).
pub const WASM_OPT_OPTIMIZE: &[&str] =
    &["-Oz", "--one-caller-inline-max-function-size", "20", "--low-memory-unused", "--reorder-functions-by-name"];

/// The built package's main files.
pub struct Built {
    /// `pkg/verified_badge_bg.wasm`.
    pub wasm: PathBuf,
    /// Raw size of the final `.wasm`, bytes.
    pub wasm_raw: u64,
    /// `gzip -9` size of the final `.wasm`, bytes.
    pub wasm_gzip: u64,
}

/// `pkg/` under the repository root.
pub fn pkg_dir() -> PathBuf {
    cmd::root().join("pkg")
}

/// The cargo target directory (honours `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| cmd::root().join("target"))
}

/// The version in the root `Cargo.toml`'s `[package]` table.
pub fn crate_version() -> Result<String> {
    let toml = fs::read_to_string(cmd::root().join("Cargo.toml"))?;
    let mut in_package = false;
    for line in toml.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package {
            if let Some(v) = line.strip_prefix("version") {
                let v = v.trim_start().trim_start_matches('=').trim().trim_matches('"');
                return Ok(v.to_string());
            }
        }
    }
    Err(fail!("Cargo.toml: no version in [package]"))
}

/// Builds `pkg/`. Expects the tools from [`crate::setup::setup`].
/// Also builds the demo site's QR module (see [`site_qr_dir`]).
pub fn build() -> Result<Built> {
    let built = build_wasm(Crate::Package("wasm"), &pkg_dir())?;
    write_package_json()?;
    copy_widget_files()?;
    build_wasm(Crate::SiteQr, &site_qr_dir())?;
    Ok(built)
}

/// The demo site's QR encoder (crate `www-qr/`), served at `/qr/`: a module of its own so the
/// package carries no QR code.
pub fn site_qr_dir() -> PathBuf {
    target_dir().join("www-qr")
}

/// What [`build_wasm`] builds.
enum Crate<'a> {
    /// The package's crate, with these features.
    Package(&'a str),
    /// `www-qr/`.
    SiteQr,
}

/// The benchmark's build: the package's module plus the `bench-exports` (a bare Ed25519
/// check), same profile and wasm-opt pass, in `target/bench/pkg` (never published).
pub fn build_bench() -> Result<Built> {
    build_wasm(Crate::Package("bench-exports"), &target_dir().join("bench/pkg"))
}

/// `which` for `wasm32-unknown-unknown`, through wasm-bindgen (`--target web`) and
/// wasm-opt ([`WASM_OPT_OPTIMIZE`]), into `out` (emptied first).
fn build_wasm(which: Crate, out: &std::path::Path) -> Result<Built> {
    let root = cmd::root();
    let mut cargo = cmd::cargo();
    cargo.args(["build", "--lib", "--release", "--target", "wasm32-unknown-unknown"]);
    let (lib, out_name) = match which {
        Crate::Package(features) => {
            cmd::step(&format!("build: wasm32-unknown-unknown release, feature `{features}`"));
            cargo.args(["-p", "verified-badge", "--no-default-features", "--features", features]);
            ("verified_badge", "verified_badge")
        }
        Crate::SiteQr => {
            cmd::step("build: the demo site's QR module (www-qr/), wasm32-unknown-unknown release");
            cargo.args(["-p", "verified-badge-site-qr"]);
            ("verified_badge_site_qr", "site_qr")
        }
    };
    cmd::run(&mut cargo)?;
    let raw_wasm = target_dir().join(format!("wasm32-unknown-unknown/release/{lib}.wasm"));
    if !raw_wasm.exists() {
        return Err(fail!("{} was not produced", raw_wasm.display()));
    }

    if out.exists() {
        fs::remove_dir_all(out)?; // no stale snippets or old files
    }
    cmd::step("build: wasm-bindgen --target web");
    cmd::run(
        Command::new("wasm-bindgen")
            .arg(&raw_wasm)
            .arg("--out-dir")
            .arg(out)
            .args(["--target", "web", "--out-name", out_name]),
    )?;

    cmd::step("build: the glue's JavaScript snippets inlined (one module)");
    crate::glue::inline_snippets(out, &format!("{out_name}.js"))?;
    crate::glue::bytes_before_fetch(out, &format!("{out_name}.js"))?;

    let wasm = out.join(format!("{out_name}_bg.wasm"));
    let before = fs::metadata(&wasm)?.len();
    let wasm_opt = root.join("tests/web/node_modules/.bin/wasm-opt");
    if !wasm_opt.exists() {
        return Err(fail!("{} is missing: run `cargo xtask setup`", wasm_opt.display()));
    }
    cmd::step(&format!("build: wasm-opt {} (npm binaryen)", WASM_OPT_OPTIMIZE.join(" ")));
    let optimized = out.join(format!("{out_name}_bg.opt.wasm"));
    cmd::run(
        Command::new(&wasm_opt)
            .arg(&wasm)
            .args(WASM_OPT_OPTIMIZE)
            .args(WASM_OPT_FEATURES)
            .args(["--strip-debug", "--strip-producers", "-o"])
            .arg(&optimized),
    )?;
    fs::rename(&optimized, &wasm)?;

    let bytes = fs::read(&wasm)?;
    let built = Built { wasm_raw: bytes.len() as u64, wasm_gzip: cmd::gzip_size(&bytes)?, wasm };
    cmd::step(&format!(
        "build: {} — {} bytes raw ({} before wasm-opt), {} bytes gzip -9",
        built.wasm.strip_prefix(&root).unwrap_or(&built.wasm).display(),
        built.wasm_raw,
        before,
        built.wasm_gzip
    ));
    Ok(built)
}

/// Hand-written package files from `src/wasm/` (the widget's): the one-tag embed module, its
/// types, and the custom-elements manifest.
const WIDGET_FILES: &[&str] = &["verified-badge.js", "verified-badge.d.ts", "custom-elements.json", "verified-badge-collection.js", "collection-worker.js"];

fn copy_widget_files() -> Result {
    for name in WIDGET_FILES {
        let from = cmd::root().join("src/wasm").join(name);
        fs::copy(&from, pkg_dir().join(name)).map_err(|e| fail!("{}: {e}", from.display()))?;
    }
    Ok(())
}

/// `pkg/package.json` = `pkg.json` with `"version"` from Cargo.toml inserted after `"name"`
/// (text insertion keeps pkg.json's key order).
fn write_package_json() -> Result {
    let src_path = cmd::root().join("pkg.json");
    let src = fs::read_to_string(&src_path).map_err(|e| fail!("{}: {e}", src_path.display()))?;
    let parsed: serde_json::Value = serde_json::from_str(&src).map_err(|e| fail!("pkg.json: {e}"))?;
    if parsed.get("version").is_some() {
        return Err(fail!("pkg.json must not set \"version\": it comes from Cargo.toml"));
    }
    let version = crate_version()?;
    let mut out = String::new();
    let mut inserted = false;
    for line in src.lines() {
        out.push_str(line);
        out.push('\n');
        if !inserted && line.trim_start().starts_with("\"name\"") {
            let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
            out.push_str(&format!("{indent}\"version\": \"{version}\",\n"));
            inserted = true;
        }
    }
    if !inserted {
        return Err(fail!("pkg.json: no \"name\" line to put the version after"));
    }
    let check: serde_json::Value = serde_json::from_str(&out).map_err(|e| fail!("generated package.json: {e}"))?;
    if check["version"] != version.as_str() {
        return Err(fail!("generated package.json has the wrong version"));
    }
    fs::write(pkg_dir().join("package.json"), out)?;
    Ok(())
}

/// `cargo xtask build`.
pub fn main(args: &[String]) -> Result {
    if !args.is_empty() {
        return Err(fail!("usage: cargo xtask build"));
    }
    crate::setup::setup(false)?;
    build().map(|_| ())
}
