//! JOSE signatures: EdDSA (Ed25519, `verify_strict`), ES256, RS256 and PS256 over a JWS
//! signing input, with the algorithm bound to the key type (no algorithm confusion).
//!
//! EdDSA is always checked here. ES256/RS256/PS256 are checked natively with RustCrypto when
//! the `native-crypto` feature is on (the CLI); in the browser the host checks them with
//! WebCrypto, which costs the bundle nothing: the core asks for a [`SignatureRequest`] and
//! reads the host's answer from `VerifyOptions::signatures` (sans-I/O, like documents).

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{ed25519, ProofError};
use crate::key::PublicKey;

/// A JWS algorithm we verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Alg {
    /// Ed25519.
    EdDSA,
    /// ECDSA P-256 with SHA-256, signature `r ‖ s`.
    ES256,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt.
    PS256,
}

impl Alg {
    /// The algorithm named by a JWS `alg`.
    pub fn parse(name: &str) -> Option<Alg> {
        match name {
            "EdDSA" => Some(Alg::EdDSA),
            "ES256" => Some(Alg::ES256),
            "RS256" => Some(Alg::RS256),
            "PS256" => Some(Alg::PS256),
            _ => None,
        }
    }

    fn fits(self, key: &PublicKey) -> bool {
        matches!(
            (self, key),
            (Alg::EdDSA, PublicKey::Ed25519(_)) | (Alg::ES256, PublicKey::P256(_)) | (Alg::RS256 | Alg::PS256, PublicKey::Rsa { .. })
        )
    }
}

/// A signature the host is asked to check (WebCrypto `verify`), identified by `id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatureRequest {
    /// SHA-256 (hex) over algorithm, key, message and signature: the key of the answer in
    /// `VerifyOptions::signatures`.
    pub id: String,
    /// The algorithm.
    pub alg: Alg,
    /// The public key as a JWK (`sec1` carries a compressed P-256 point for a "raw" import).
    pub jwk: serde_json::Value,
    /// The signed bytes.
    #[serde(with = "serde_bytes")]
    pub message: Vec<u8>,
    /// The signature.
    #[serde(with = "serde_bytes")]
    pub signature: Vec<u8>,
}

impl SignatureRequest {
    /// A request for checking `signature` over `message` with `key`.
    pub fn new(alg: Alg, key: &PublicKey, message: &[u8], signature: &[u8]) -> SignatureRequest {
        let jwk = key.to_jwk();
        let mut h = Sha256::new();
        for part in [format!("{alg:?}").as_bytes(), jwk.to_string().as_bytes(), message, signature] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part);
        }
        let id = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        SignatureRequest { id, alg, jwk, message: message.to_vec(), signature: signature.to_vec() }
    }
}

/// What became of a signature check.
#[derive(Debug)]
pub enum Checked {
    /// Checked here or by the host: valid, or the error.
    Done(Result<(), ProofError>),
    /// Needs the host: ask, then verify again with the answer.
    AskHost(SignatureRequest),
}

/// Verifies a JWS signature. `answers` holds the host's results by request id.
pub fn verify(alg: Alg, key: &PublicKey, message: &[u8], signature: &[u8], answers: &dyn Fn(&str) -> Option<bool>) -> Checked {
    if !alg.fits(key) {
        return Checked::Done(Err(ProofError::WrongKeyType));
    }
    match (alg, key) {
        (Alg::EdDSA, PublicKey::Ed25519(k)) => Checked::Done(ed25519::verify_with(k, message, signature)),
        _ => native_or_host(alg, key, message, signature, answers),
    }
}

#[cfg(feature = "native-crypto")]
fn native_or_host(alg: Alg, key: &PublicKey, message: &[u8], signature: &[u8], _: &dyn Fn(&str) -> Option<bool>) -> Checked {
    Checked::Done(native::verify(alg, key, message, signature))
}

#[cfg(not(feature = "native-crypto"))]
fn native_or_host(alg: Alg, key: &PublicKey, message: &[u8], signature: &[u8], answers: &dyn Fn(&str) -> Option<bool>) -> Checked {
    let request = SignatureRequest::new(alg, key, message, signature);
    match answers(&request.id) {
        Some(true) => Checked::Done(Ok(())),
        Some(false) => Checked::Done(Err(ProofError::SignatureInvalid)),
        None => Checked::AskHost(request),
    }
}

#[cfg(feature = "native-crypto")]
mod native {
    //! RustCrypto verifiers for the CLI and native callers.

    use p256::ecdsa::signature::Verifier;

    use super::{Alg, ProofError, PublicKey};

    pub(super) fn verify(alg: Alg, key: &PublicKey, message: &[u8], signature: &[u8]) -> Result<(), ProofError> {
        match (alg, key) {
            (Alg::ES256, PublicKey::P256(sec1)) => {
                let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(sec1).map_err(|_| ProofError::WrongKeyType)?;
                let sig = p256::ecdsa::Signature::from_slice(signature).map_err(|_| ProofError::BadEncoding)?;
                key.verify(message, &sig).map_err(|_| ProofError::SignatureInvalid)
            }
            (Alg::RS256 | Alg::PS256, PublicKey::Rsa { n, e }) => {
                let key = rsa::RsaPublicKey::new(rsa::BigUint::from_bytes_be(n), rsa::BigUint::from_bytes_be(e))
                    .map_err(|_| ProofError::WrongKeyType)?;
                if alg == Alg::RS256 {
                    let sig = rsa::pkcs1v15::Signature::try_from(signature).map_err(|_| ProofError::BadEncoding)?;
                    rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(key).verify(message, &sig)
                } else {
                    let sig = rsa::pss::Signature::try_from(signature).map_err(|_| ProofError::BadEncoding)?;
                    rsa::pss::VerifyingKey::<sha2::Sha256>::new(key).verify(message, &sig)
                }
                .map_err(|_| ProofError::SignatureInvalid)
            }
            _ => Err(ProofError::WrongKeyType),
        }
    }
}
