//! Issuer keys. Resolution turns a verification method (a proof's `verificationMethod`, a
//! JWS `kid`) into a public key and the identifier of who controls it: did:key, did:jwk and
//! did:web, or an HTTPS URL to a JWK / JWK Set. Nothing is fetched here: did:web documents
//! and JWKs come from the caller's documents.

pub mod did_document;
pub mod did_jwk;
pub mod did_key;
pub mod did_web;
pub mod jwk;
pub mod multibase;

use std::sync::Mutex;

use crate::documents::{Fetched, Lookup};
use crate::report::{Code, Status};

pub use jwk::PublicKey;

/// A public key found for a verification method, with its controller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedKey {
    /// The DID or URL that controls the key: it must be the credential's issuer.
    pub controller: String,
    /// The full verification method id.
    pub id: String,
    /// The public key.
    pub public_key: PublicKey,
}

impl ResolvedKey {
    /// The key as Ed25519 bytes, when it is one.
    pub fn ed25519(&self) -> Option<&[u8; 32]> {
        self.ed25519_key().map(ed25519_dalek::VerifyingKey::as_bytes)
    }

    /// The key as a decompressed Ed25519 point, when it is one.
    pub fn ed25519_key(&self) -> Option<&ed25519_dalek::VerifyingKey> {
        match &self.public_key {
            PublicKey::Ed25519(k) => Some(k),
            _ => None,
        }
    }
}

/// Why a verification method did not give a usable key.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyError {
    /// The DID method (or URL scheme) is not one we resolve.
    UnsupportedMethod,
    /// Multibase text in a base other than base58btc (`z`).
    UnsupportedMultibase,
    /// Not valid base58btc / base64url.
    BadMultibase,
    /// Longer than any key we accept.
    TooLong,
    /// The key is of a type we do not verify with (or not the type the proof needs).
    UnsupportedKeyType,
    /// The key bytes have the wrong length.
    BadKeyLength,
    /// The key is not a valid point / modulus for its type.
    InvalidKey,
    /// The fragment names a method the DID document does not have.
    FragmentMismatch,
    /// The proof names no verification method.
    Missing,
    /// The DID document or JWK could not be had (network off or fetch failed); the URL and,
    /// when the host tried, why it failed.
    Unresolved {
        /// What was needed.
        url: String,
        /// Why the host could not fetch it.
        reason: Option<String>,
    },
    /// The DID document is malformed or its `id` is not the DID.
    BadDocument,
    /// The method exists but is not listed under `assertionMethod`.
    NotAssertionMethod,
    /// The method's `controller` is not the DID.
    ControllerMismatch,
}

impl Code for KeyError {
    fn code(&self) -> &'static str {
        match self {
            KeyError::UnsupportedMethod => "key.unsupported_method",
            KeyError::UnsupportedMultibase | KeyError::BadMultibase | KeyError::TooLong => "key.bad_encoding",
            KeyError::UnsupportedKeyType => "key.unsupported_type",
            KeyError::BadKeyLength | KeyError::InvalidKey => "key.invalid",
            KeyError::FragmentMismatch => "key.not_found",
            KeyError::Missing => "key.missing",
            KeyError::Unresolved { .. } => "key.unresolved",
            KeyError::BadDocument => "key.bad_document",
            KeyError::NotAssertionMethod => "key.not_assertion_method",
            KeyError::ControllerMismatch => "key.controller_mismatch",
        }
    }

    fn status(&self) -> Status {
        match self {
            // We cannot say the credential is bad, only that we cannot check it.
            KeyError::UnsupportedMethod | KeyError::UnsupportedKeyType | KeyError::Unresolved { .. } => Status::Unknown,
            _ => Status::Failed,
        }
    }

    fn message(&self) -> String {
        use crate::credential::context::clip;
        match self {
            KeyError::UnsupportedMethod => String::from("the verification method uses a DID method or scheme this verifier does not resolve"),
            KeyError::UnsupportedMultibase => String::from("the key is encoded in a multibase other than base58btc"),
            KeyError::BadMultibase => String::from("the key is not validly encoded"),
            KeyError::TooLong => String::from("the key text is longer than any supported key"),
            KeyError::UnsupportedKeyType => String::from("the key is of a type this verifier does not support for this proof"),
            KeyError::BadKeyLength => String::from("the key has the wrong length for its type"),
            KeyError::InvalidKey => String::from("the key is not a valid public key of its type"),
            KeyError::FragmentMismatch => String::from("the verification method does not exist in the issuer's DID document"),
            KeyError::Missing => String::from("the proof names no verification method"),
            KeyError::Unresolved { url, reason: None } => format!("the key at {} could not be retrieved (network not allowed)", clip(url)),
            KeyError::Unresolved { url, reason: Some(r) } => format!("the key at {} could not be retrieved ({})", clip(url), clip(r)),
            KeyError::BadDocument => String::from("the DID document is malformed or is not the document of that DID"),
            KeyError::NotAssertionMethod => String::from("the key is not authorised for issuing (not an assertionMethod)"),
            KeyError::ControllerMismatch => String::from("the key's controller is not the DID that lists it"),
        }
    }
}

/// Resolves a verification method id. did:key and did:jwk resolve offline; did:web and HTTPS
/// key URLs need their documents from `lookup`.
pub fn resolve(method: &str, lookup: &Lookup<'_>) -> Result<ResolvedKey, KeyError> {
    if method.starts_with("did:key:") {
        recent(method, did_key::resolve)
    } else if method.starts_with("did:jwk:") {
        recent(method, did_jwk::resolve)
    } else if method.starts_with("did:web:") {
        did_web::resolve(method, lookup)
    } else if method.starts_with("https://") {
        jwk::resolve_url(method, lookup)
    } else {
        Err(KeyError::UnsupportedMethod)
    }
}

/// `resolve(method)` for a DID method resolved from the method string alone, remembered for the
/// last few methods: decompressing an Ed25519 point is most of resolving one (≈ 2 % of a warm
/// `eddsa-rdfc-2022` verification in WASM, ≈ 5 % of a JWT's), and a page's or a batch's
/// credentials mostly share a few issuers. The answer depends on the string only, so a hit is
/// the answer; errors are not kept (they cost nothing to find again).
fn recent(method: &str, resolve: fn(&str) -> Result<ResolvedKey, KeyError>) -> Result<ResolvedKey, KeyError> {
    /// How many methods are remembered (the most recently used first).
    const KEPT: usize = 8;
    static RECENT: Mutex<Vec<(String, ResolvedKey)>> = Mutex::new(Vec::new());
    if let Ok(mut recent) = RECENT.lock() {
        if let Some(at) = recent.iter().position(|(m, _)| m == method) {
            let hit = recent.remove(at);
            let key = hit.1.clone();
            recent.insert(0, hit);
            return Ok(key);
        }
    }
    let key = resolve(method)?;
    if let Ok(mut recent) = RECENT.lock() {
        recent.truncate(KEPT.saturating_sub(1));
        recent.insert(0, (method.to_owned(), key.clone()));
    }
    Ok(key)
}

/// The text of a document needed for a key, or why it cannot be had.
pub(crate) fn document<'a>(url: &str, lookup: &Lookup<'a>) -> Result<&'a str, KeyError> {
    match lookup(url) {
        Fetched::Body(b) => Ok(b),
        Fetched::Failed(reason) => Err(KeyError::Unresolved { url: url.to_owned(), reason: Some(reason.to_owned()) }),
        Fetched::Missing => Err(KeyError::Unresolved { url: url.to_owned(), reason: None }),
        // The controller says the document does not exist: there is no such key.
        Fetched::Absent => Err(KeyError::FragmentMismatch),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_documents(_: &str) -> Fetched<'static> {
        Fetched::Missing
    }

    #[test]
    fn recent_keys_answer_as_resolving_does() {
        // Nine distinct did:keys, one more than are kept: each resolves, again and again, to what
        // did_key::resolve gives, whether it is still remembered or not.
        let methods: Vec<String> = (1u8..=9).map(|n| did_key::method_for(&ed25519_dalek::SigningKey::from_bytes(&[n; 32]).verifying_key().to_bytes())).collect();
        for _ in 0..3 {
            for method in &methods {
                assert_eq!(resolve(method, &no_documents), did_key::resolve(method), "{method}");
            }
        }
        // Errors are answered afresh each time, never from what was kept.
        let bad = methods[0].replacen("z6Mk", "z6Mz", 2);
        for _ in 0..2 {
            assert!(resolve(&bad, &no_documents).is_err());
        }
        let other_fragment = format!("{}#other", methods[0].split('#').next().unwrap_or_default());
        assert_eq!(resolve(&other_fragment, &no_documents), Err(KeyError::FragmentMismatch));
    }
}
