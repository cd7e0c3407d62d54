//! Ed25519 signature checks, always with `verify_strict`.
//!
//! `verify_strict` rejects small-order keys and non-canonical signature encodings, so one
//! signature has one valid byte form: a malleable signature could let a copied badge look
//! like a new one (RFC 8032 §5.1.7 checks plus the dalek strictness notes).

use ed25519_dalek::{Signature, VerifyingKey};

use super::ProofError;

/// Verifies `signature` over `message` with the 32-byte public `key`.
pub fn verify(key: &[u8; 32], message: &[u8], signature: &[u8]) -> Result<(), ProofError> {
    let key = VerifyingKey::from_bytes(key).map_err(|_| ProofError::SignatureInvalid)?;
    verify_with(&key, message, signature)
}

/// Verifies `signature` over `message` with an already decompressed public `key` (the
/// verification path: keys are decompressed once, when resolved).
pub fn verify_with(key: &VerifyingKey, message: &[u8], signature: &[u8]) -> Result<(), ProofError> {
    let signature = Signature::from_slice(signature).map_err(|_| ProofError::BadEncoding)?;
    key.verify_strict(message, &signature).map_err(|_| ProofError::SignatureInvalid)
}
