//! Issuing: signing credentials with an Ed25519 key (feature `signing`).
//!
//! Never part of the widget bundle. Used by the sample generator and, later, the CLI's
//! `issue` commands.

use ed25519_dalek::{Signer, SigningKey};
use serde_json::{Map, Value};

use crate::key::{did_key, multibase};
use crate::proof::{eddsa_jcs, linked_data};

/// An issuer holding an Ed25519 private key, identified by its did:key.
pub struct Issuer {
    key: SigningKey,
}

/// Why a credential could not be signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum IssueError {
    /// The credential is not a JSON object.
    NotObject,
    /// The credential already has a proof.
    AlreadySigned,
    /// The credential could not be canonicalized.
    Canonicalization,
}

impl std::fmt::Display for IssueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            IssueError::NotObject => "the credential is not a JSON object",
            IssueError::AlreadySigned => "the credential already has a proof",
            IssueError::Canonicalization => "the credential could not be canonicalized",
        })
    }
}

impl std::error::Error for IssueError {}

impl Issuer {
    /// An issuer from a 32-byte Ed25519 seed.
    pub fn from_seed(seed: &[u8; 32]) -> Issuer {
        Issuer { key: SigningKey::from_bytes(seed) }
    }

    /// The issuer's did:key DID.
    pub fn did(&self) -> String {
        did_key::did_for(&self.key.verifying_key().to_bytes())
    }

    /// The verification method id used in proofs.
    pub fn verification_method(&self) -> String {
        did_key::method_for(&self.key.verifying_key().to_bytes())
    }

    /// Signs `credential` with a `DataIntegrityProof` / `eddsa-jcs-2022` proof dated `created`.
    /// The proof carries the credential's `@context`, as the suite specifies.
    pub fn sign_eddsa_jcs_2022(&self, credential: &Value, created: &str) -> Result<Value, IssueError> {
        let doc = credential.as_object().ok_or(IssueError::NotObject)?;
        if doc.contains_key("proof") {
            return Err(IssueError::AlreadySigned);
        }
        let mut proof = Map::new();
        proof.insert("type".into(), "DataIntegrityProof".into());
        proof.insert("cryptosuite".into(), "eddsa-jcs-2022".into());
        proof.insert("created".into(), created.into());
        proof.insert("verificationMethod".into(), self.verification_method().into());
        proof.insert("proofPurpose".into(), "assertionMethod".into());
        if let Some(ctx) = doc.get("@context") {
            proof.insert("@context".into(), ctx.clone());
        }
        let data = eddsa_jcs::hash_data(doc, &proof).map_err(|_| IssueError::Canonicalization)?;
        let signature = self.key.sign(&data);
        proof.insert("proofValue".into(), multibase::encode_base58btc(&signature.to_bytes()).into());
        let mut signed = doc.clone();
        signed.insert("proof".into(), Value::Object(proof));
        Ok(Value::Object(signed))
    }

    /// Signs `credential` with a `DataIntegrityProof` / `eddsa-rdfc-2022` proof dated `created`:
    /// Ed25519 over SHA-256(RDFC(proof config)) ‖ SHA-256(RDFC(credential)), the contexts
    /// bundled with the crate only. As jsonld.js signers do, the proof names no `@context`
    /// of its own (the proof configuration is canonicalized under the credential's).
    pub fn sign_eddsa_rdfc_2022(&self, credential: &Value, created: &str) -> Result<Value, IssueError> {
        let doc = credential.as_object().ok_or(IssueError::NotObject)?;
        if doc.contains_key("proof") {
            return Err(IssueError::AlreadySigned);
        }
        let mut proof = Map::new();
        proof.insert("type".into(), "DataIntegrityProof".into());
        proof.insert("created".into(), created.into());
        proof.insert("verificationMethod".into(), self.verification_method().into());
        proof.insert("cryptosuite".into(), "eddsa-rdfc-2022".into());
        proof.insert("proofPurpose".into(), "assertionMethod".into());
        let config = linked_data::proof_config(doc, &proof);
        let data = linked_data::hash_data(doc, &config, &std::collections::BTreeMap::new())
            .map_err(|_| IssueError::Canonicalization)?;
        let signature = self.key.sign(&data);
        proof.insert("proofValue".into(), multibase::encode_base58btc(&signature.to_bytes()).into());
        let mut signed = doc.clone();
        signed.insert("proof".into(), Value::Object(proof));
        Ok(Value::Object(signed))
    }
}

/// Encodes status bits as a Bitstring Status List `encodedList` (multibase base64url of GZIP).
/// For StatusList2021, drop the leading `u`.
pub fn encode_status_list(bits: &[u8]) -> String {
    let deflated = miniz_oxide::deflate::compress_to_vec(bits, 9);
    let mut gz = Vec::with_capacity(deflated.len().saturating_add(18));
    // RFC 1952 header: magic, deflate, no flags, no mtime, no extra flags, unknown OS.
    gz.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
    gz.extend_from_slice(&deflated);
    gz.extend_from_slice(&crate::baked::crc32(&[bits]).to_le_bytes());
    gz.extend_from_slice(&(bits.len() as u32).to_le_bytes());
    format!("u{}", crate::input::base64url::encode(&gz))
}

/// How a credential is put in a JWT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwtForm {
    /// VC-JWT 1.1: `{ "vc": credential, "iss", "nbf", "jti", "sub", "exp" }`, `typ` `JWT`.
    VcJwt,
    /// VC-JOSE-COSE: the payload is the credential, `typ` `vc+jwt`.
    VcJose,
}

impl Issuer {
    /// Signs `credential` as an EdDSA compact JWS in the given form, with `kid` the issuer's
    /// verification method.
    pub fn sign_jwt(&self, credential: &Value, form: JwtForm) -> Result<String, IssueError> {
        let doc = credential.as_object().ok_or(IssueError::NotObject)?;
        let typ = match form {
            JwtForm::VcJwt => "JWT",
            JwtForm::VcJose => "vc+jwt",
        };
        let header = serde_json::json!({"alg": "EdDSA", "typ": typ, "kid": self.verification_method()});
        let payload = match form {
            JwtForm::VcJose => credential.clone(),
            JwtForm::VcJwt => {
                let mut claims = Map::new();
                let issuer = match doc.get("issuer") {
                    Some(Value::Object(o)) => o.get("id").cloned(),
                    other => other.cloned(),
                };
                if let Some(iss) = issuer {
                    claims.insert("iss".into(), iss);
                }
                if let Some(id) = doc.get("id") {
                    claims.insert("jti".into(), id.clone());
                }
                if let Some(sub) = doc.get("credentialSubject").and_then(|s| s.get("id")) {
                    claims.insert("sub".into(), sub.clone());
                }
                for (key, claim) in [("validFrom", "nbf"), ("issuanceDate", "nbf"), ("validUntil", "exp"), ("expirationDate", "exp")] {
                    if let Some(t) = doc.get(key).and_then(Value::as_str).and_then(|t| crate::Timestamp::parse(t).ok()) {
                        claims.insert(claim.into(), t.0.into());
                    }
                }
                claims.insert("vc".into(), credential.clone());
                Value::Object(claims)
            }
        };
        let input = format!(
            "{}.{}",
            crate::input::base64url::encode(header.to_string().as_bytes()),
            crate::input::base64url::encode(payload.to_string().as_bytes())
        );
        let signature = self.key.sign(input.as_bytes());
        Ok(format!("{input}.{}", crate::input::base64url::encode(&signature.to_bytes())))
    }
}
