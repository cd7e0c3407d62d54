//! `eddsa-jcs-2022` (<https://www.w3.org/TR/vc-di-eddsa/#eddsa-jcs-2022>): Ed25519 over
//! SHA-256(JCS(proof config)) ‖ SHA-256(JCS(document without proof)).

use serde_json::{Map, Value};

use super::data_integrity::{hash_pair, DataIntegrityProof};
use super::{ed25519, ProofError};
use crate::canon::jcs;
use crate::key::{multibase, ResolvedKey};

/// The 64 bytes that are signed: the hash of the proof configuration, then of the document.
///
/// `document` is the credential without its `proof`; `proof_config` is the proof without its
/// `proofValue`.
pub fn hash_data(document: &Map<String, Value>, proof_config: &Map<String, Value>) -> Result<[u8; 64], ProofError> {
    let canon_doc = jcs::canonicalize_map(document).map_err(|_| ProofError::Canonicalization)?;
    let canon_config = jcs::canonicalize_map(proof_config).map_err(|_| ProofError::Canonicalization)?;
    Ok(hash_pair(&canon_config, &canon_doc))
}

/// Verifies an `eddsa-jcs-2022` proof on `credential` with `key`.
pub fn verify(credential: &Map<String, Value>, proof: &DataIntegrityProof<'_>, key: &ResolvedKey) -> Result<(), ProofError> {
    proof.check_context(credential)?;
    let signature = multibase::decode_base58btc(proof.proof_value).map_err(|_| ProofError::BadEncoding)?;
    // The document without its proof, and the proof without its value, read in place.
    let canon_doc = jcs::canonicalize_map_without(credential, "proof").map_err(|_| ProofError::Canonicalization)?;
    let canon_config = jcs::canonicalize_map_without(proof.object, "proofValue").map_err(|_| ProofError::Canonicalization)?;
    let data = hash_pair(&canon_config, &canon_doc);
    let public = key.ed25519_key().ok_or(ProofError::WrongKeyType)?;
    ed25519::verify_with(public, &data, &signature)
}
