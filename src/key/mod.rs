//! Issuer keys: multibase, did:key. Resolution turns a proof's `verificationMethod` into a
//! public key and the identifier of who controls it.

pub mod did_key;
pub mod multibase;

use crate::report::{Code, Status};

/// A public key found for a verification method, with its controller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedKey {
    /// The DID or URL that controls the key: it must be the credential's issuer.
    pub controller: String,
    /// The full verification method id.
    pub id: String,
    /// The Ed25519 public key.
    pub public_key: [u8; 32],
}

/// Why a verification method did not give a usable key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyError {
    /// The DID method (or URL scheme) is not one we resolve.
    UnsupportedMethod,
    /// Multibase text in a base other than base58btc (`z`).
    UnsupportedMultibase,
    /// Not valid base58btc.
    BadMultibase,
    /// Longer than any key we accept.
    TooLong,
    /// The multicodec prefix names a key type we do not verify with.
    UnsupportedKeyType,
    /// The key bytes have the wrong length.
    BadKeyLength,
    /// The key bytes are not a valid Ed25519 point.
    InvalidKey,
    /// The fragment names a method the DID document does not have.
    FragmentMismatch,
    /// The proof names no verification method.
    Missing,
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
        }
    }

    fn status(&self) -> Status {
        match self {
            // We cannot say the credential is bad, only that we cannot check it.
            KeyError::UnsupportedMethod | KeyError::UnsupportedKeyType => Status::Unknown,
            _ => Status::Failed,
        }
    }

    fn message(&self) -> String {
        String::from(match self {
            KeyError::UnsupportedMethod => "the verification method uses a DID method this verifier does not resolve",
            KeyError::UnsupportedMultibase => "the key is encoded in a multibase other than base58btc",
            KeyError::BadMultibase => "the key is not valid base58btc",
            KeyError::TooLong => "the key text is longer than any supported key",
            KeyError::UnsupportedKeyType => "the key is of a type this verifier does not support",
            KeyError::BadKeyLength => "the key has the wrong length for Ed25519",
            KeyError::InvalidKey => "the key is not a valid Ed25519 public key",
            KeyError::FragmentMismatch => "the verification method's fragment does not name the DID's key",
            KeyError::Missing => "the proof names no verification method",
        })
    }
}

/// Resolves a verification method id offline. Only did:key for now.
pub fn resolve(method: &str) -> Result<ResolvedKey, KeyError> {
    let key = if method.starts_with("did:key:") {
        did_key::resolve(method)?
    } else {
        return Err(KeyError::UnsupportedMethod);
    };
    // Reject bytes that are not a point on the curve here, so the proof check can say
    // "bad key" rather than "bad signature".
    ed25519_dalek::VerifyingKey::from_bytes(&key.public_key).map_err(|_| KeyError::InvalidKey)?;
    Ok(key)
}
