//! Input: bytes or text → a credential document, bounded in size and depth.
//!
//! Everything here treats its argument as hostile: sizes are checked before work is done,
//! nesting is measured before the JSON parser recurses, and every failure is an [`InputError`].

pub mod base64url;
mod json;
pub mod jws;

use serde_json::Value;

use crate::baked::{self, BakedError, Spec};
use crate::limits::{MAX_INPUT_BYTES, MAX_JSON_DEPTH};
use crate::report::{Code, Status};

pub use json::{check_depth, parse_json};
pub use jws::{Jws, JwsError};

/// The input, read: a JSON document or a compact JWS.
#[derive(Debug, Clone)]
pub enum Parsed {
    /// A JSON object (a credential with embedded proofs, or something else).
    Json(Value),
    /// A compact JWS (VC-JWT).
    Jws(Jws),
}

/// What [`crate::verify`] accepts.
#[derive(Debug, Clone)]
pub enum Input<'a> {
    /// Credential text: JSON(-LD), a compact JWS, or an SVG badge's markup.
    Text(&'a str),
    /// An already parsed JSON value (e.g. a JavaScript object).
    Json(Value),
    /// Raw bytes: UTF-8 text (JSON or a compact JWS), or a baked PNG or SVG badge image, whose
    /// embedded credential is extracted and read as text (see [`crate::baked`]).
    Bytes(&'a [u8]),
}

/// Why the input could not be read as a credential document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputError {
    /// Larger than [`MAX_INPUT_BYTES`].
    TooLarge,
    /// Bytes that are neither UTF-8 text nor a PNG or SVG image.
    NotText,
    /// Text that is not JSON.
    NotJson,
    /// JSON nested deeper than [`MAX_JSON_DEPTH`].
    TooDeep,
    /// A JSON object has the same key twice: readers could disagree on which one counts.
    DuplicateKey,
    /// JSON, but not an object.
    NotObject,
    /// A compact JWS that could not be read.
    Jws(JwsError),
    /// A PNG or SVG image whose credential could not be extracted, or an Open Badges 2.0
    /// assertion (extracted, but not verifiable here: status `unknown`).
    Baked(BakedError),
}

impl Code for InputError {
    fn code(&self) -> &'static str {
        match self {
            InputError::TooLarge => "input.too_large",
            InputError::NotText => "input.unsupported",
            InputError::NotJson => "input.not_json",
            InputError::TooDeep => "input.too_deep",
            InputError::DuplicateKey => "input.duplicate_key",
            InputError::NotObject => "input.not_object",
            InputError::Jws(e) => e.code(),
            InputError::Baked(e) => e.code(),
        }
    }

    fn status(&self) -> Status {
        match self {
            InputError::Baked(e) => e.status(),
            _ => Status::Failed,
        }
    }

    fn message(&self) -> String {
        match self {
            InputError::TooLarge => format!("the input is larger than {MAX_INPUT_BYTES} bytes"),
            InputError::NotText => String::from("the input is neither UTF-8 text nor a PNG or SVG badge image"),
            InputError::NotJson => String::from("the input is not JSON"),
            InputError::TooDeep => format!("the JSON is nested deeper than {MAX_JSON_DEPTH} levels"),
            InputError::DuplicateKey => String::from("a JSON object has the same key twice"),
            InputError::NotObject => String::from("the JSON is not an object"),
            InputError::Jws(e) => e.message(),
            InputError::Baked(e) => e.message(),
        }
    }
}

/// Reads the input as a JSON object document or a compact JWS.
pub fn read(input: Input<'_>) -> Result<Parsed, InputError> {
    let doc = match input {
        // JSON and JWS never start with `<`: such text is an SVG badge (e.g. read with `.text()`).
        Input::Text(text) if baked::sniff(text.as_bytes()).is_some() => return read_baked(text.as_bytes()),
        Input::Text(text) => return read_text(text),
        Input::Bytes(bytes) if baked::sniff(bytes).is_some() => return read_baked(bytes),
        Input::Bytes(bytes) => {
            if bytes.len() > MAX_INPUT_BYTES {
                return Err(InputError::TooLarge);
            }
            return read_text(std::str::from_utf8(bytes).map_err(|_| InputError::NotText)?);
        }
        Input::Json(value) => {
            check_depth(&value)?;
            value
        }
    };
    object(doc)
}

/// The credential baked into a PNG or SVG, read as text like any other. An OB 2.0 assertion
/// is well-formed JSON (or a JWS or URL) but stops here, `unknown`: see [`baked::ob2`].
fn read_baked(bytes: &[u8]) -> Result<Parsed, InputError> {
    let found = baked::extract(bytes).map_err(InputError::Baked)?;
    match found.spec {
        Spec::OpenBadges3 => read_text(&found.text),
        Spec::OpenBadges2 => {
            if found.text.starts_with('{') {
                parse_json(&found.text)?;
            }
            Err(InputError::Baked(BakedError::Ob2Unverified))
        }
    }
}

fn read_text(text: &str) -> Result<Parsed, InputError> {
    if jws::looks_like_jws(text) {
        return jws::parse(text).map(Parsed::Jws).map_err(InputError::Jws);
    }
    object(parse_json(text)?)
}

fn object(doc: Value) -> Result<Parsed, InputError> {
    if doc.is_object() {
        Ok(Parsed::Json(doc))
    } else {
        Err(InputError::NotObject)
    }
}
