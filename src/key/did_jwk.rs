//! did:jwk (<https://github.com/quartzjer/did-jwk>): the DID is the base64url of a JWK.

use super::{jwk, KeyError, ResolvedKey};
use crate::limits::MAX_DID_JWK;

/// Resolves `did:jwk:<b64url>` or `did:jwk:<b64url>#0` (its only method).
pub fn resolve(method: &str) -> Result<ResolvedKey, KeyError> {
    if method.len() > MAX_DID_JWK {
        return Err(KeyError::TooLong);
    }
    let (did, fragment) = match method.split_once('#') {
        Some((d, f)) => (d, Some(f)),
        None => (method, None),
    };
    if fragment.is_some_and(|f| f != "0") {
        return Err(KeyError::FragmentMismatch);
    }
    let encoded = did.strip_prefix("did:jwk:").ok_or(KeyError::UnsupportedMethod)?;
    let bytes = crate::input::base64url::decode(encoded).ok_or(KeyError::BadMultibase)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| KeyError::BadMultibase)?;
    let value = crate::input::parse_json(text).map_err(|_| KeyError::BadMultibase)?;
    let map = value.as_object().ok_or(KeyError::BadMultibase)?;
    // A did:jwk must hold a public key only.
    if map.contains_key("d") {
        return Err(KeyError::InvalidKey);
    }
    Ok(ResolvedKey { controller: did.to_owned(), id: format!("{did}#0"), public_key: jwk::parse(map)? })
}

/// The did:jwk DID of a public JWK (serialized as given).
pub fn did_for(jwk_json: &str) -> String {
    format!("did:jwk:{}", crate::input::base64url::encode(jwk_json.as_bytes()))
}
