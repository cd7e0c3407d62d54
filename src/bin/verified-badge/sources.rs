//! What `verify` reads: files, directories (walked for credentials and badges) and stdin
//! (one document, or NDJSON), in a fixed order.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};

use verified_badge::baked;

use crate::args::MAX_READ_BYTES;

/// File extensions taken from directories (case-insensitive). Files named on the command line
/// are read whatever their name.
pub const EXTENSIONS: [&str; 4] = ["json", "jwt", "png", "svg"];

/// One thing to verify.
#[derive(Debug)]
pub enum Source {
    /// A file, read by the worker that verifies it.
    File(PathBuf),
    /// Bytes already read from stdin, with a label (`<stdin>`, `<stdin>:3`).
    Memory { label: String, data: Vec<u8> },
    /// Something that could not be listed or read; reported in its place.
    Failed { label: String, error: std::io::Error },
}

impl Source {
    /// How the source is named in the output.
    pub fn label(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Memory { label, .. } | Source::Failed { label, .. } => label.clone(),
        }
    }

    /// The bytes to verify. Files larger than the read bound are cut just past it, so the
    /// verifier reports them as too large without reading gigabytes.
    pub fn bytes(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        match self {
            Source::File(path) => {
                let limit = u64::try_from(baked::MAX_IMAGE_BYTES).unwrap_or(MAX_READ_BYTES).saturating_add(1);
                let mut bytes = Vec::new();
                std::fs::File::open(path)?.take(limit).read_to_end(&mut bytes)?;
                Ok(bytes.into())
            }
            Source::Memory { data, .. } => Ok(data.as_slice().into()),
            Source::Failed { error, .. } => Err(std::io::Error::new(error.kind(), error.to_string())),
        }
    }
}

/// The sources named by the arguments, in order: files as given, directories walked
/// (sorted, recursively, symbolic links to directories not followed), `-` as stdin.
pub fn collect(args: &[OsString]) -> Vec<Source> {
    let mut out = Vec::new();
    for arg in args {
        if arg == "-" {
            out.extend(stdin());
            continue;
        }
        let path = PathBuf::from(arg);
        if path.is_dir() {
            walk(&path, &mut out);
        } else {
            out.push(Source::File(path));
        }
    }
    out
}

/// Every credential file under `dir`, sorted by name at each level.
fn walk(dir: &Path, out: &mut Vec<Source>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => return out.push(Source::Failed { label: dir.display().to_string(), error }),
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, out),
            Ok(_) if wanted(&path) && path.is_file() => out.push(Source::File(path)),
            Ok(_) => {}
            Err(error) => out.push(Source::Failed { label: path.display().to_string(), error }),
        }
    }
}

/// Whether a file found in a directory has one of the [`EXTENSIONS`].
fn wanted(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Stdin: an image or one JSON document or JWS is one source; otherwise every non-blank line
/// is one (NDJSON, or one JWS a line).
fn stdin() -> Vec<Source> {
    let mut data = Vec::new();
    let read = std::io::stdin().lock().take(MAX_READ_BYTES.saturating_add(1)).read_to_end(&mut data);
    if let Err(error) = read {
        return vec![Source::Failed { label: String::from("<stdin>"), error }];
    }
    if data.len() as u64 > MAX_READ_BYTES {
        let error = std::io::Error::other(format!("larger than {MAX_READ_BYTES} bytes"));
        return vec![Source::Failed { label: String::from("<stdin>"), error }];
    }
    split(data)
}

/// Splits stdin's bytes into sources (see [`stdin`]).
pub fn split(data: Vec<u8>) -> Vec<Source> {
    let whole = |data| vec![Source::Memory { label: String::from("<stdin>"), data }];
    if baked::sniff(&data).is_some() {
        return whole(data);
    }
    let Ok(text) = std::str::from_utf8(&data) else { return whole(data) };
    let trimmed = text.trim();
    let one_document = serde_json::from_str::<serde::de::IgnoredAny>(trimmed).is_ok()
        || verified_badge::input::jws::looks_like_jws(trimmed)
        || !trimmed.contains('\n');
    if one_document {
        return whole(data);
    }
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| Source::Memory { label: format!("<stdin>:{}", i.saturating_add(1)), data: line.as_bytes().to_vec() })
        .collect()
}
