//! Data Integrity proofs (<https://www.w3.org/TR/vc-data-integrity/>): the common proof
//! options, parsed and checked before any suite runs.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::{ProofError, Suite};
use crate::time::Timestamp;

/// A proof's options, parsed.
#[derive(Debug, Clone)]
pub struct DataIntegrityProof<'a> {
    /// The suite, from the allow-list.
    pub suite: Suite,
    /// The verification method id, e.g. `did:key:z6Mk…#z6Mk…`.
    pub verification_method: &'a str,
    /// The multibase signature.
    pub proof_value: &'a str,
    /// `created`, when present.
    pub created: Option<Timestamp>,
    /// `expires`, when present.
    pub expires: Option<Timestamp>,
    /// The whole proof object as written.
    pub object: &'a Map<String, Value>,
}

impl DataIntegrityProof<'_> {
    /// A proof that names its own `@context` must name the document's. The specs let the
    /// document's `@context` merely *start with* the proof's (and sign under the proof's); we
    /// require them equal: contexts appended after signing would change the meaning of the JSON
    /// without changing what was signed.
    pub(crate) fn check_context(&self, credential: &Map<String, Value>) -> Result<(), ProofError> {
        match self.object.get("@context") {
            Some(ctx) if credential.get("@context") != Some(ctx) => Err(ProofError::ContextMismatch),
            _ => Ok(()),
        }
    }
}

/// The 64 bytes the eddsa suites sign: SHA-256 of the canonical proof configuration, then
/// SHA-256 of the canonical document.
pub(crate) fn hash_pair(canonical_config: &str, canonical_document: &str) -> [u8; 64] {
    let mut out = [0u8; 64];
    let (config_hash, doc_hash) = out.split_at_mut(32);
    config_hash.copy_from_slice(&Sha256::digest(canonical_config.as_bytes()));
    doc_hash.copy_from_slice(&Sha256::digest(canonical_document.as_bytes()));
    out
}

/// Parses one proof object: the suite must be on the allow-list, the purpose must be
/// `assertionMethod`, and the method and value must be strings.
pub fn parse(proof: &Map<String, Value>) -> Result<DataIntegrityProof<'_>, ProofError> {
    let suite = suite(proof)?;
    if proof.contains_key("previousProof") {
        return Err(ProofError::ChainUnsupported);
    }
    let purpose = string(proof, "proofPurpose")?;
    if purpose != "assertionMethod" {
        return Err(ProofError::WrongPurpose);
    }
    Ok(DataIntegrityProof {
        suite,
        verification_method: string(proof, "verificationMethod")?,
        proof_value: string(proof, "proofValue")?,
        created: date(proof, "created")?,
        expires: date(proof, "expires")?,
        object: proof,
    })
}

/// The proof's suite, from `type` and `cryptosuite`. Anything off the allow-list is an error.
pub fn suite(proof: &Map<String, Value>) -> Result<Suite, ProofError> {
    match string(proof, "type")? {
        "DataIntegrityProof" => match string(proof, "cryptosuite")? {
            "eddsa-jcs-2022" => Ok(Suite::EddsaJcs2022),
            // `eddsa-2022` is the draft name of the same algorithm, still in 1EdTech samples.
            "eddsa-rdfc-2022" | "eddsa-2022" => Ok(Suite::EddsaRdfc2022),
            other => Err(ProofError::UnsupportedSuite(other.to_owned())),
        },
        "Ed25519Signature2020" => Ok(Suite::Ed25519Signature2020),
        _ => Err(ProofError::UnsupportedType),
    }
}

fn string<'a>(proof: &'a Map<String, Value>, key: &'static str) -> Result<&'a str, ProofError> {
    proof.get(key).and_then(Value::as_str).ok_or(ProofError::Malformed(key))
}

fn date(proof: &Map<String, Value>, key: &'static str) -> Result<Option<Timestamp>, ProofError> {
    match proof.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Timestamp::parse(s).map(Some).map_err(|_| ProofError::BadDate),
        Some(_) => Err(ProofError::BadDate),
    }
}
