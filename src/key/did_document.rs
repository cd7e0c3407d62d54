//! DID documents (DID Core 1.0): finding an assertion key by its verification method id.

use serde_json::{Map, Value};

use super::{jwk, multibase, KeyError, PublicKey, ResolvedKey};

/// Multicodec varint prefix of a compressed P-256 public key (`0x1200`).
const P256_PUB: [u8; 2] = [0x80, 0x24];

/// Finds the key for `method` (absolute id, or the bare DID for "its first assertion key")
/// in the document of `did`. The document's `id` must be `did`, the method must be listed
/// under `assertionMethod`, and its `controller` must be `did`.
pub fn assertion_key(text: &str, did: &str, method: &str) -> Result<ResolvedKey, KeyError> {
    let doc = crate::input::parse_json(text).map_err(|_| KeyError::BadDocument)?;
    let doc = doc.as_object().ok_or(KeyError::BadDocument)?;
    if doc.get("id").and_then(Value::as_str) != Some(did) {
        return Err(KeyError::BadDocument);
    }
    let absolute = |id: &str| if id.starts_with('#') { format!("{did}{id}") } else { id.to_owned() };
    let assertion: Vec<&Value> = match doc.get("assertionMethod") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    let wanted = if method == did {
        // No fragment: the first assertion method.
        let first = assertion.first().ok_or(KeyError::NotAssertionMethod)?;
        match first {
            Value::String(s) => absolute(s),
            Value::Object(o) => absolute(o.get("id").and_then(Value::as_str).ok_or(KeyError::BadDocument)?),
            _ => return Err(KeyError::BadDocument),
        }
    } else {
        method.to_owned()
    };
    // The method, embedded under assertionMethod or listed in verificationMethod.
    let mut listed = false;
    let mut found: Option<&Map<String, Value>> = None;
    for a in &assertion {
        match a {
            Value::String(s) if absolute(s) == wanted => listed = true,
            Value::Object(o) if o.get("id").and_then(Value::as_str).map(absolute).as_deref() == Some(wanted.as_str()) => {
                listed = true;
                found = Some(o);
            }
            _ => {}
        }
    }
    if found.is_none() {
        let methods: &[Value] = match doc.get("verificationMethod") {
            Some(Value::Array(a)) => a,
            _ => &[],
        };
        found = methods
            .iter()
            .filter_map(Value::as_object)
            .find(|m| m.get("id").and_then(Value::as_str).map(absolute).as_deref() == Some(wanted.as_str()));
    }
    let vm = found.ok_or(KeyError::FragmentMismatch)?;
    if !listed {
        return Err(KeyError::NotAssertionMethod);
    }
    if vm.get("controller").and_then(Value::as_str) != Some(did) {
        return Err(KeyError::ControllerMismatch);
    }
    Ok(ResolvedKey { controller: did.to_owned(), id: wanted, public_key: method_key(vm)? })
}

/// The key of a verification method: `publicKeyMultibase`, `publicKeyJwk` or `publicKeyBase58`.
fn method_key(vm: &Map<String, Value>) -> Result<PublicKey, KeyError> {
    if let Some(mb) = vm.get("publicKeyMultibase").and_then(Value::as_str) {
        let bytes = multibase::decode_base58btc(mb)?;
        return match vm.get("type").and_then(Value::as_str) {
            // The 2020 suite's keys are multicodec-prefixed like Multikey.
            Some("Multikey" | "Ed25519VerificationKey2020") => {
                if let Some(k) = bytes.strip_prefix(&multibase::ED25519_PUB[..]) {
                    PublicKey::ed25519(k)
                } else if let Some(k) = bytes.strip_prefix(&P256_PUB[..]) {
                    PublicKey::p256_sec1(k)
                } else {
                    Err(KeyError::UnsupportedKeyType)
                }
            }
            _ => Err(KeyError::UnsupportedKeyType),
        };
    }
    if let Some(j) = vm.get("publicKeyJwk").and_then(Value::as_object) {
        return jwk::parse(j);
    }
    if let Some(b58) = vm.get("publicKeyBase58").and_then(Value::as_str) {
        if vm.get("type").and_then(Value::as_str) == Some("Ed25519VerificationKey2018") && b58.len() <= 64 {
            let bytes = bs58::decode(b58).into_vec().map_err(|_| KeyError::BadMultibase)?;
            return PublicKey::ed25519(&bytes);
        }
        return Err(KeyError::UnsupportedKeyType);
    }
    Err(KeyError::UnsupportedKeyType)
}
