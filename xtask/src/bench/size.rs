//! Where the package's WebAssembly bytes go, by module of the crate: the bench build's module
//! (same code and settings as `pkg/`) optimised once more with its function names kept
//! (the package's wasm-opt settings and `-g`), each function body attributed to the Rust path its name demangles to.
//! Prints what the JSON-LD engine and the bundled contexts weigh (issue #3's size target).
//!
//! Gzip is not additive: each group compressed alone is an upper bound on what it adds; for the
//! engine the bench also prints its marginal cost, gzip(all code) − gzip(all code but the
//! engine's functions). Generic code instantiated for the engine (serde, alloc) is counted
//! with its crate, not with the engine.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use crate::cmd::{self, Result};
use crate::fail;

/// The engine: JSON-LD, RDF, N-Quads, RDFC-1.0, the shared sort and hasher, and the proof
/// suites on top.
const ENGINE: &[&str] = &[
    "verified_badge::canon::fnv",
    "verified_badge::canon::jsonld",
    "verified_badge::canon::rdf",
    "verified_badge::canon::nquads",
    "verified_badge::canon::rdfc",
    "verified_badge::canon::sort",
    "verified_badge::canon::contexts",
    "verified_badge::proof::linked_data",
];

/// Bytes of code per group, and the engine's total, both raw and gzipped alone.
pub struct Attribution {
    /// `(group, raw bytes, gzip bytes)`, largest first.
    pub groups: Vec<(String, u64, u64)>,
    /// The engine's functions: raw, gzip alone.
    pub engine: (u64, u64),
    /// What the engine's functions add to the gzip of all the code: gzip(all) − gzip(all but
    /// the engine's), so what they share with the rest is not counted twice.
    pub engine_marginal: u64,
    /// The bundled contexts (minified JSON and `frozen.txt` in the data section): raw, gzip alone.
    pub contexts: (u64, u64),
    /// Functions that carry a name.
    pub named: usize,
}

/// Attributes the code of `raw_wasm` (cargo's output for the bench build, names intact) after
/// wasm-bindgen and wasm-opt (the package's settings, with `-g`), working in `scratch`.
pub fn attribute(raw_wasm: &Path, scratch: &Path) -> Result<Attribution> {
    let root = cmd::root();
    fs::create_dir_all(scratch)?;
    let bound = scratch.join("named_bg.wasm");
    cmd::run(
        Command::new("wasm-bindgen")
            .arg(raw_wasm)
            .arg("--out-dir")
            .arg(scratch)
            .args(["--target", "web", "--out-name", "named", "--keep-debug"]),
    )?;
    let named = scratch.join("named.opt.wasm");
    cmd::run(
        Command::new(root.join("tests/web/node_modules/.bin/wasm-opt"))
            .arg(&bound)
            .args(crate::build::WASM_OPT_OPTIMIZE)
            .args(["-g", "--strip-dwarf", "--strip-producers"])
            .args(crate::build::WASM_OPT_FEATURES)
            .arg("-o")
            .arg(&named),
    )?;
    let bytes = fs::read(&named)?;
    let module = Module::parse(&bytes).ok_or_else(|| fail!("{}: not a WebAssembly module I can read", named.display()))?;

    let mut groups: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let (mut engine, mut all, mut rest) = (Vec::new(), Vec::new(), Vec::new());
    for (index, body) in module.bodies.iter().enumerate() {
        let name = module.names.get(&(index + module.imported_functions)).map(|n| format!("{:#}", rustc_demangle::demangle(n)));
        let name = name.unwrap_or_default();
        all.extend_from_slice(body);
        if ENGINE.iter().any(|p| name.contains(p)) {
            engine.extend_from_slice(body);
        } else {
            rest.extend_from_slice(body);
        }
        groups.entry(group(&name)).or_default().extend_from_slice(body);
    }
    let mut sized = Vec::new();
    for (g, code) in groups {
        sized.push((g, code.len() as u64, cmd::gzip_size(&code)?));
    }
    sized.sort_by_key(|g| std::cmp::Reverse(g.1));
    // The contexts as they ship: the minified JSON and the pre-processed forms, gzipped together.
    let mut contexts: String = verified_badge::canon::contexts::BUNDLED.iter().map(|c| c.json).collect();
    contexts.push_str(&fs::read_to_string(root.join("src/canon/contexts/frozen.txt"))?);
    let marginal = cmd::gzip_size(&all)?.saturating_sub(cmd::gzip_size(&rest)?);
    Ok(Attribution {
        groups: sized,
        engine: (engine.len() as u64, cmd::gzip_size(&engine)?),
        engine_marginal: marginal,
        contexts: (contexts.len() as u64, cmd::gzip_size(contexts.as_bytes())?),
        named: module.names.len(),
    })
}

/// `verified_badge::a::b` for the crate's own code, the crate name for a dependency's.
fn group(name: &str) -> String {
    if let Some(at) = name.find("verified_badge::") {
        let path: Vec<&str> = name[at..].split("::").take(3).collect();
        return path.join("::").split(['<', '>', ' ', '{']).next().unwrap_or_default().to_owned();
    }
    let start = name.trim_start_matches(['<', '&', ' ']).trim_start_matches("mut ");
    start.split("::").next().filter(|s| !s.is_empty() && !s.contains(' ')).unwrap_or("(unnamed)").to_owned()
}

/// What this needs of a module: the function bodies, their names, the imported count.
struct Module {
    bodies: Vec<Vec<u8>>,
    names: BTreeMap<usize, String>,
    imported_functions: usize,
}

impl Module {
    fn parse(b: &[u8]) -> Option<Module> {
        let mut m = Module { bodies: Vec::new(), names: BTreeMap::new(), imported_functions: 0 };
        let mut pos = 8;
        while pos < b.len() {
            let id = *b.get(pos)?;
            let (size, start) = leb(b, pos + 1)?;
            let end = start.checked_add(size)?;
            let section = b.get(start..end)?;
            match id {
                2 => m.imported_functions = imported_functions(section)?,
                10 => m.bodies = bodies(section)?,
                0 => names(section, &mut m.names),
                _ => {}
            }
            pos = end;
        }
        Some(m)
    }
}

fn leb(b: &[u8], mut i: usize) -> Option<(usize, usize)> {
    let (mut value, mut shift) = (0usize, 0u32);
    loop {
        let byte = *b.get(i)?;
        i += 1;
        value |= usize::from(byte & 0x7f).checked_shl(shift)?;
        shift += 7;
        if byte < 0x80 {
            return Some((value, i));
        }
    }
}

fn imported_functions(s: &[u8]) -> Option<usize> {
    let (count, mut i) = leb(s, 0)?;
    let mut functions = 0;
    for _ in 0..count {
        for _ in 0..2 {
            let (len, at) = leb(s, i)?;
            i = at + len;
        }
        let kind = *s.get(i)?;
        i += 1;
        match kind {
            0 => {
                i = leb(s, i)?.1;
                functions += 1;
            }
            1 => {
                i += 1; // reference type
                let (flags, at) = leb(s, i)?;
                i = leb(s, at)?.1;
                if flags & 1 == 1 {
                    i = leb(s, i)?.1;
                }
            }
            2 => {
                let (flags, at) = leb(s, i)?;
                i = leb(s, at)?.1;
                if flags & 1 == 1 {
                    i = leb(s, i)?.1;
                }
            }
            3 => i += 2,
            4 => i = leb(s, i + 1)?.1, // tag: attribute, type index
            _ => return None,
        }
    }
    Some(functions)
}

fn bodies(s: &[u8]) -> Option<Vec<Vec<u8>>> {
    let (count, mut i) = leb(s, 0)?;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let (len, at) = leb(s, i)?;
        out.push(s.get(at..at + len)?.to_vec());
        i = at + len;
    }
    Some(out)
}

fn names(s: &[u8], out: &mut BTreeMap<usize, String>) {
    let Some((len, i)) = leb(s, 0) else { return };
    if s.get(i..i + len) != Some(b"name".as_slice()) {
        return;
    }
    let mut pos = i + len;
    while let (Some(&kind), Some((size, start))) = (s.get(pos), leb(s, pos + 1)) {
        if kind == 1 {
            if let Some((count, mut j)) = leb(s, start) {
                for _ in 0..count {
                    let Some((index, at)) = leb(s, j) else { break };
                    let Some((len, at)) = leb(s, at) else { break };
                    let Some(name) = s.get(at..at + len) else { break };
                    out.insert(index, String::from_utf8_lossy(name).into_owned());
                    j = at + len;
                }
            }
        }
        pos = start + size;
    }
}
