//! Build script: embeds the bundled JSON-LD contexts (`src/canon/contexts/`) minified — white
//! space outside strings removed — so the WASM carries and a cold start parses no indentation,
//! and embeds their pre-processed forms from `frozen.txt`, indexed by URL (its comment line
//! and `@@ URL` headers left out: the index holds the URLs).
//! The vendored files stay byte-exact for `manifest.json`; `canon::contexts`' tests check that
//! each embedded form is JSON-equal to its file.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let src = Path::new("src/canon/contexts");
    println!("cargo:rerun-if-changed={}", src.display());
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("contexts");
    fs::create_dir_all(&out).expect("create OUT_DIR/contexts");
    for entry in fs::read_dir(src).expect("read src/canon/contexts") {
        let path = entry.expect("directory entry").path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        if !(name.ends_with(".json") || name.ends_with(".jsonld")) || name == "manifest.json" {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("read a context");
        fs::write(out.join(name), minify(&text)).expect("write a minified context");
    }
    let frozen = fs::read_to_string(src.join("frozen.txt")).expect("read contexts/frozen.txt");
    let (body, sections) = sections(&frozen);
    fs::write(out.join("frozen.txt"), body).expect("write frozen.txt");
    fs::write(out.join("frozen_sections.rs"), sections).expect("write frozen_sections.rs");
}

/// `frozen.txt`'s sections back to back (each the lines after its `@@ URL` header up to the
/// next header), and where each lies in that text, as a Rust expression:
/// `&[(URL, start, end), …]`. Found here so that no cold start scans the text for them.
fn sections(frozen: &str) -> (String, String) {
    let (mut body, mut index) = (String::new(), String::from("&[\n"));
    let mut at = 0;
    while let Some(found) = frozen[at..].find("@@ ") {
        let header = at + found + 3;
        let Some(newline) = frozen[header..].find('\n') else { break };
        let url = &frozen[header..header + newline];
        let start = header + newline + 1;
        let end = frozen[start..].find("\n@@ ").map_or(frozen.len(), |e| start + e + 1);
        index.push_str(&format!("    ({url:?}, {}, {}),\n", body.len(), body.len() + (end - start)));
        body.push_str(&frozen[start..end]);
        at = end;
    }
    index.push(']');
    (body, index)
}

/// JSON text without the white space between tokens (strings, escapes included, untouched).
fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    out
}
