//! `eddsa-jcs-2022` (<https://www.w3.org/TR/vc-di-eddsa/#eddsa-jcs-2022>): Ed25519 over
//! SHA-256(JCS(proof config)) ‖ SHA-256(JCS(document without proof)).

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::data_integrity::DataIntegrityProof;
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
    let mut out = [0u8; 64];
    let (config_hash, doc_hash) = out.split_at_mut(32);
    config_hash.copy_from_slice(&Sha256::digest(canon_config.as_bytes()));
    doc_hash.copy_from_slice(&Sha256::digest(canon_doc.as_bytes()));
    Ok(out)
}

/// Verifies an `eddsa-jcs-2022` proof on `credential` with `key`.
pub fn verify(credential: &Map<String, Value>, proof: &DataIntegrityProof<'_>, key: &ResolvedKey) -> Result<(), ProofError> {
    // The spec lets the document's @context merely *start with* the proof's, then signs the
    // document under the proof's. We require them equal: contexts appended after signing would
    // change the meaning of the JSON without changing what was signed.
    if let Some(ctx) = proof.object.get("@context") {
        if credential.get("@context") != Some(ctx) {
            return Err(ProofError::ContextMismatch);
        }
    }
    let signature = multibase::decode_base58btc(proof.proof_value).map_err(|_| ProofError::BadEncoding)?;
    let document = without(credential, "proof");
    let config = without(proof.object, "proofValue");
    let data = hash_data(&document, &config)?;
    let public = key.ed25519_key().ok_or(ProofError::WrongKeyType)?;
    ed25519::verify_with(public, &data, &signature)
}

/// A shallow copy of `map` without `key`.
pub(crate) fn without(map: &Map<String, Value>, key: &str) -> Map<String, Value> {
    map.iter().filter(|(k, _)| *k != key).map(|(k, v)| (k.clone(), v.clone())).collect()
}
