//! RFC 8785 JSON Canonicalization Scheme, from the maintained `serde_json_canonicalizer`
//! (ECMAScript number formatting through `ryu-js`, as JavaScript signers produce it).

use serde_json::{Map, Value};

/// The JCS form of a JSON value.
pub fn canonicalize(value: &Value) -> Result<String, JcsError> {
    serde_json_canonicalizer::to_string(value).map_err(|_| JcsError)
}

/// The JCS form of a JSON object.
pub fn canonicalize_map(map: &Map<String, Value>) -> Result<String, JcsError> {
    serde_json_canonicalizer::to_string(map).map_err(|_| JcsError)
}

/// The value could not be put in canonical form (a number JCS cannot represent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JcsError;
