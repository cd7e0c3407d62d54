//! Proofs: Data Integrity suites, checked against an explicit allow-list.
//!
//! Each proof gives three checks: `key` (the verification method resolves to a key),
//! `issuer` (that key is controlled by the credential's issuer) and `proof` (the signature
//! over the canonical form). A proof set gives them once per proof, as `proof[1]`, ….

pub mod data_integrity;
pub mod ed25519;
pub mod eddsa_jcs;
pub mod jose;
pub mod linked_data;

use crate::report::{Code, Status};

/// Proof suites this verifier knows: `DataIntegrityProof` cryptosuites, and legacy proof types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Suite {
    /// `DataIntegrityProof` / `eddsa-jcs-2022` (RFC 8785 JCS, Ed25519).
    EddsaJcs2022,
    /// `DataIntegrityProof` / `eddsa-rdfc-2022` (RDFC-1.0, Ed25519; also under its draft name
    /// `eddsa-2022`).
    EddsaRdfc2022,
    /// `Ed25519Signature2020` (RDFC-1.0, Ed25519).
    Ed25519Signature2020,
}

impl Suite {
    /// The suite's name as written in proofs.
    pub fn name(self) -> &'static str {
        match self {
            Suite::EddsaJcs2022 => "eddsa-jcs-2022",
            Suite::EddsaRdfc2022 => "eddsa-rdfc-2022",
            Suite::Ed25519Signature2020 => "Ed25519Signature2020",
        }
    }
}

/// Why a proof did not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProofError {
    /// The credential has no proof.
    Missing,
    /// More proofs than [`crate::limits::MAX_PROOFS`].
    TooMany,
    /// A required proof property is missing or of the wrong type (named here).
    Malformed(&'static str),
    /// A proof `type` outside the allow-list.
    UnsupportedType,
    /// A known proof type with a cryptosuite outside the allow-list, or one not verified yet.
    UnsupportedSuite(String),
    /// Part of a proof chain (`previousProof`): not supported yet.
    ChainUnsupported,
    /// `proofPurpose` is not `assertionMethod`.
    WrongPurpose,
    /// The proof's `@context` differs from the credential's.
    ContextMismatch,
    /// A proof date (`created`, `expires`) is not a valid date-time.
    BadDate,
    /// The proof's `expires` is in the past.
    Expired,
    /// `proofValue` is not a base58btc multibase Ed25519 signature.
    BadEncoding,
    /// The document could not be put in canonical form.
    Canonicalization,
    /// The signature does not match the document and key.
    SignatureInvalid,
    /// The key's type does not fit the proof's algorithm (e.g. an RSA key for EdDSA).
    WrongKeyType,
    /// The signature needs the host's crypto (WebCrypto), which has not answered.
    NeedsHostCrypto,
    /// JSON-LD processing of the credential failed (safe mode data loss, invalid JSON-LD,
    /// an unknown context, a limit).
    LinkedData(crate::canon::jsonld::Error),
    /// RDF canonicalization would take more work than allowed (a poison graph).
    TooComplex,
}

impl Code for ProofError {
    fn code(&self) -> &'static str {
        match self {
            ProofError::Missing => "proof.missing",
            ProofError::TooMany => "proof.too_many",
            ProofError::Malformed(_) => "proof.malformed",
            ProofError::UnsupportedType => "proof.unsupported_type",
            ProofError::UnsupportedSuite(_) => "proof.unsupported_suite",
            ProofError::ChainUnsupported => "proof.chain_unsupported",
            ProofError::WrongPurpose => "proof.wrong_purpose",
            ProofError::ContextMismatch => "proof.context_mismatch",
            ProofError::BadDate => "proof.bad_date",
            ProofError::Expired => "proof.expired",
            ProofError::BadEncoding => "proof.bad_encoding",
            ProofError::Canonicalization => "proof.canonicalization_failed",
            ProofError::SignatureInvalid => "proof.signature_invalid",
            ProofError::WrongKeyType => "proof.wrong_key_type",
            ProofError::NeedsHostCrypto => "proof.needs_host_crypto",
            ProofError::LinkedData(e) => e.code(),
            ProofError::TooComplex => "canon.too_complex",
        }
    }

    fn status(&self) -> Status {
        match self {
            ProofError::UnsupportedType
            | ProofError::UnsupportedSuite(_)
            | ProofError::ChainUnsupported
            | ProofError::NeedsHostCrypto
            | ProofError::LinkedData(crate::canon::jsonld::Error::UnknownContext(_)) => Status::Unknown,
            _ => Status::Failed,
        }
    }

    fn message(&self) -> String {
        match self {
            ProofError::Missing => String::from("the credential has no proof"),
            ProofError::TooMany => format!("the credential has more than {} proofs", crate::limits::MAX_PROOFS),
            ProofError::Malformed(what) => format!("the proof's {what} is missing or malformed"),
            ProofError::UnsupportedType => String::from("the proof type is not supported by this verifier"),
            ProofError::UnsupportedSuite(name) => {
                format!("the cryptosuite {} is not supported by this verifier yet", crate::credential::context::clip(name))
            }
            ProofError::ChainUnsupported => String::from("proof chains (previousProof) are not supported yet"),
            ProofError::WrongPurpose => String::from("the proof's purpose is not assertionMethod"),
            ProofError::ContextMismatch => String::from("the proof's @context differs from the credential's"),
            ProofError::BadDate => String::from("a proof date is not a date-time with a time zone"),
            ProofError::Expired => String::from("the proof has expired"),
            ProofError::BadEncoding => String::from("the proof value is not a base58btc Ed25519 signature"),
            ProofError::Canonicalization => String::from("the credential could not be canonicalized"),
            ProofError::SignatureInvalid => String::from("the signature does not match the credential and the issuer's key"),
            ProofError::WrongKeyType => String::from("the key's type does not fit the proof's algorithm"),
            ProofError::NeedsHostCrypto => String::from("the signature algorithm needs the host's WebCrypto, which did not check it"),
            ProofError::LinkedData(e) => format!("the credential could not be processed as JSON-LD: {}", crate::credential::context::clip(&e.to_string())),
            ProofError::TooComplex => String::from("the credential's RDF graph is too complex to canonicalize"),
        }
    }
}

/// The key's controller is not the credential's issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerMismatch;

impl Code for IssuerMismatch {
    fn code(&self) -> &'static str {
        "issuer.mismatch"
    }
    fn status(&self) -> Status {
        Status::Failed
    }
    fn message(&self) -> String {
        String::from("the signing key is not controlled by the credential's issuer")
    }
}
