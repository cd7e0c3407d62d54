//! Input: bytes or text → a credential document, bounded in size and depth.
//!
//! Everything here treats its argument as hostile: sizes are checked before work is done,
//! nesting is measured before the JSON parser recurses, and every failure is an [`InputError`].

mod json;
pub mod jws;

use serde_json::Value;

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
    /// Credential text: JSON(-LD).
    Text(&'a str),
    /// An already parsed JSON value (e.g. a JavaScript object).
    Json(Value),
    /// Raw bytes: UTF-8 JSON text.
    Bytes(&'a [u8]),
}

/// Why the input could not be read as a credential document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputError {
    /// Larger than [`MAX_INPUT_BYTES`].
    TooLarge,
    /// Bytes that are not UTF-8 text (baked images are not supported yet).
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
        }
    }

    fn status(&self) -> Status {
        Status::Failed
    }

    fn message(&self) -> String {
        match self {
            InputError::TooLarge => format!("the input is larger than {MAX_INPUT_BYTES} bytes"),
            InputError::NotText => String::from("the input is not UTF-8 text; only JSON credentials are supported"),
            InputError::NotJson => String::from("the input is not JSON"),
            InputError::TooDeep => format!("the JSON is nested deeper than {MAX_JSON_DEPTH} levels"),
            InputError::DuplicateKey => String::from("a JSON object has the same key twice"),
            InputError::NotObject => String::from("the JSON is not an object"),
            InputError::Jws(e) => e.message(),
        }
    }
}

/// Reads the input as a JSON object document or a compact JWS.
pub fn read(input: Input<'_>) -> Result<Parsed, InputError> {
    let doc = match input {
        Input::Text(text) => return read_text(text),
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
