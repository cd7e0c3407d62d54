//! Where the package's WebAssembly bytes go, by module of the crate: the bench build's module
//! (same code and settings as `pkg/`) optimised once more with its function names kept
//! (the package's wasm-opt settings and `-g`), each function body attributed to the Rust path its name demangles to.
//! Prints what the JSON-LD engine and the bundled contexts weigh (issue #3's size target).
//!
//! Gzip is not additive, and a group compressed alone is no bound either way on what it adds
//! (the engine's code gzips smaller alone than it adds to the rest; the contexts' text adds
//! more to the module than it gzips to alone: measured). So for the target the bench
//! takes both out of the module as it ships and compares the gzip sizes (`in_module`); it also
//! prints the engine's marginal cost within the code, gzip(all code) − gzip(all code but the
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
    /// What the engine and the contexts add to the module as it ships: gzip(module) −
    /// gzip(the module without the engine's function bodies and the contexts' text), custom
    /// sections left out of both (the package has none). Still a lower bound on what building
    /// without them would save: generic code instantiated only for the engine stays.
    pub in_module: u64,
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
    // Per function body: whether it is the engine's.
    let mut engine_bodies = Vec::with_capacity(module.bodies.len());
    for (index, body) in module.bodies.iter().enumerate() {
        let name = module.names.get(&(index + module.imported_functions)).map(|n| format!("{:#}", rustc_demangle::demangle(n)));
        let name = name.unwrap_or_default();
        let is_engine = ENGINE.iter().any(|p| name.contains(p));
        engine_bodies.push(is_engine);
        all.extend_from_slice(body);
        if is_engine {
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
    let marginal = cmd::gzip_size(&all)?.saturating_sub(cmd::gzip_size(&rest)?);
    // The contexts as they ship: the minified JSON and the pre-processed forms.
    let frozen = verified_badge::canon::contexts::FROZEN;
    let texts: Vec<&[u8]> = verified_badge::canon::contexts::BUNDLED
        .iter()
        .map(|c| c.json.as_bytes())
        .chain([frozen.as_bytes()])
        .collect();
    let contexts = texts.concat();
    let (shipped, without) = without_engine(&bytes, &module, &engine_bodies, &texts)?;
    let in_module = cmd::gzip_size(&shipped)?.saturating_sub(cmd::gzip_size(&without)?);
    Ok(Attribution {
        groups: sized,
        engine: (engine.len() as u64, cmd::gzip_size(&engine)?),
        engine_marginal: marginal,
        contexts: (contexts.len() as u64, cmd::gzip_size(&contexts)?),
        in_module,
        named: module.names.len(),
    })
}

/// The module without its custom sections, and that again without the engine's function
/// bodies (`engine_bodies`, one flag per body: their code section entries) and without each
/// of `texts` (found in the data section): the second is no valid module, only something to
/// gzip.
fn without_engine(b: &[u8], module: &Module, engine_bodies: &[bool], texts: &[&[u8]]) -> Result<(Vec<u8>, Vec<u8>)> {
    let header = b.get(..8).ok_or_else(|| fail!("the named module is too short"))?;
    let (mut shipped, mut without) = (header.to_vec(), header.to_vec());
    for &(id, ref range) in &module.sections {
        let section = b.get(range.clone()).ok_or_else(|| fail!("the named module's sections do not parse"))?;
        match id {
            0 => continue,
            10 => {
                let kept: Vec<&Vec<u8>> =
                    module.bodies.iter().zip(engine_bodies).filter(|(_, &engine)| !engine).map(|(body, _)| body).collect();
                let mut payload = uleb(kept.len());
                for body in kept {
                    payload.extend(uleb(body.len()));
                    payload.extend_from_slice(body);
                }
                without.push(10);
                without.extend(uleb(payload.len()));
                without.extend(payload);
            }
            11 => {
                let mut data = section.to_vec();
                for text in texts {
                    let at = data.windows(text.len()).position(|w| w == *text).ok_or_else(|| fail!("a bundled context is not in the data section"))?;
                    data.drain(at..at + text.len());
                }
                without.extend(data);
            }
            _ => without.extend_from_slice(section),
        }
        shipped.extend_from_slice(section);
    }
    Ok((shipped, without))
}

fn uleb(mut n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
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

/// What this needs of a module: its sections (id and byte range, header included), the
/// function bodies, their names, the imported count.
struct Module {
    sections: Vec<(u8, std::ops::Range<usize>)>,
    bodies: Vec<Vec<u8>>,
    names: BTreeMap<usize, String>,
    imported_functions: usize,
}

impl Module {
    fn parse(b: &[u8]) -> Option<Module> {
        let mut m = Module { sections: Vec::new(), bodies: Vec::new(), names: BTreeMap::new(), imported_functions: 0 };
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
            m.sections.push((id, pos..end));
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
