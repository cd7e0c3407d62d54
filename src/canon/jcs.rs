//! RFC 8785 JSON Canonicalization Scheme, from the maintained `serde_json_canonicalizer`
//! (ECMAScript number formatting through `ryu-js`, as JavaScript signers produce it).

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

/// The JCS form of a JSON value.
pub fn canonicalize(value: &Value) -> Result<String, JcsError> {
    serde_json_canonicalizer::to_string(value).map_err(|_| JcsError)
}

/// The JCS form of a JSON object.
pub fn canonicalize_map(map: &Map<String, Value>) -> Result<String, JcsError> {
    serde_json_canonicalizer::to_string(map).map_err(|_| JcsError)
}

/// The JCS form of a JSON object without its entry `key` (Data Integrity's unsecured
/// document, or a proof without its value), read in place rather than copied.
pub fn canonicalize_map_without(map: &Map<String, Value>, key: &str) -> Result<String, JcsError> {
    serde_json_canonicalizer::to_string(&Without { map, key }).map_err(|_| JcsError)
}

/// A view of `map` without `key`; the canonicalizer orders the entries itself.
struct Without<'a> {
    map: &'a Map<String, Value>,
    key: &'a str,
}

impl Serialize for Without<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.map.iter().filter(|(k, _)| *k != self.key))
    }
}

/// The value could not be put in canonical form (a number JCS cannot represent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JcsError;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_left_out_is_as_if_removed() {
        // Keys whose UTF-8 and UTF-16 orders differ: JCS orders by UTF-16.
        let map: Map<String, Value> =
            serde_json::from_str(r#"{"\ue000": 1, "\ud83d\ude00": 2, "proof": {"a": 1}, "b": [2, 1.0]}"#).unwrap();
        let mut removed = map.clone();
        removed.remove("proof");
        let expected = canonicalize_map(&removed).unwrap();
        assert_eq!(canonicalize_map_without(&map, "proof").unwrap(), expected);
        assert!(expected.find('\u{1F600}') < expected.find('\u{E000}'), "{expected}");
        assert_eq!(canonicalize_map_without(&map, "absent").unwrap(), canonicalize_map(&map).unwrap());
    }
}
