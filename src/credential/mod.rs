//! The credential: VC 1.1 / 2.0 (and Open Badges 3.0) as a typed view over the JSON.
//!
//! "Parse, don't validate": [`Credential::parse`] either gives a value whose required parts
//! are known to be there and well formed, or a [`CredentialError`] saying what is missing.

pub mod context;
pub mod display;
pub mod jwt;
pub mod open_badges;
pub mod recipient;
mod summary;
pub mod validity;

use serde_json::{Map, Value};

use crate::report::{Code, Status};
use crate::time::Timestamp;

pub use summary::{AchievementSummary, Alignment, CredentialSummary, Criteria, Party, SubjectSummary};

/// The base context of VC Data Model 1.1.
pub const VC_V1: &str = "https://www.w3.org/2018/credentials/v1";
/// The base context of VC Data Model 2.0.
pub const VC_V2: &str = "https://www.w3.org/ns/credentials/v2";

/// Which VC data model the credential follows, from its first context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VcVersion {
    /// VC Data Model 1.1 (`issuanceDate`, `expirationDate`).
    V1,
    /// VC Data Model 2.0 (`validFrom`, `validUntil`).
    V2,
}

/// A credential whose required structure has been checked.
#[derive(Debug, Clone)]
pub struct Credential<'a> {
    /// The whole document.
    pub doc: &'a Map<String, Value>,
    /// The data model version.
    pub version: VcVersion,
    /// The issuer's id (a DID or URL).
    pub issuer: &'a str,
    /// Start of validity (`validFrom`, or `issuanceDate` in 1.1).
    pub valid_from: Option<Timestamp>,
    /// End of validity (`validUntil`, or `expirationDate` in 1.1).
    pub valid_until: Option<Timestamp>,
    /// The embedded proofs, in document order (one object, or a proof set).
    pub proofs: Vec<&'a Map<String, Value>>,
}

/// What makes a document not a well-formed verifiable credential.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CredentialError {
    /// The first `@context` is not the VC 1.1 or 2.0 base context.
    NotVc,
    /// `type` does not include `VerifiableCredential`.
    MissingType,
    /// No `issuer`, or an issuer object without an `id`.
    MissingIssuer,
    /// The issuer id is not an absolute URL or DID.
    BadIssuer,
    /// No `credentialSubject`.
    MissingSubject,
    /// VC 1.1 requires `issuanceDate`.
    MissingIssuanceDate,
    /// A date property (named here) is not a valid date-time with a time zone.
    BadDate(&'static str),
    /// `proof` is neither an object nor an array of objects.
    BadProof,
}

impl Code for CredentialError {
    fn code(&self) -> &'static str {
        match self {
            CredentialError::NotVc => "credential.not_vc",
            CredentialError::MissingType => "credential.missing_type",
            CredentialError::MissingIssuer => "credential.missing_issuer",
            CredentialError::BadIssuer => "credential.bad_issuer",
            CredentialError::MissingSubject => "credential.missing_subject",
            CredentialError::MissingIssuanceDate => "credential.missing_issuance_date",
            CredentialError::BadDate(_) => "credential.bad_date",
            CredentialError::BadProof => "credential.bad_proof",
        }
    }

    fn status(&self) -> Status {
        Status::Failed
    }

    fn message(&self) -> String {
        match self {
            CredentialError::NotVc => String::from("the first @context is not a W3C Verifiable Credentials context"),
            CredentialError::MissingType => String::from("the type does not include VerifiableCredential"),
            CredentialError::MissingIssuer => String::from("the credential names no issuer id"),
            CredentialError::BadIssuer => String::from("the issuer id is not an absolute URL or DID"),
            CredentialError::MissingSubject => String::from("the credential has no credentialSubject"),
            CredentialError::MissingIssuanceDate => String::from("a VC 1.1 credential must have an issuanceDate"),
            CredentialError::BadDate(name) => format!("{name} is not a date-time with a time zone"),
            CredentialError::BadProof => String::from("proof is neither an object nor a list of objects"),
        }
    }
}

impl<'a> Credential<'a> {
    /// Checks the structure every verifiable credential must have.
    pub fn parse(doc: &'a Map<String, Value>) -> Result<Credential<'a>, CredentialError> {
        let version = match context::first(doc) {
            Some(VC_V1) => VcVersion::V1,
            Some(VC_V2) => VcVersion::V2,
            _ => return Err(CredentialError::NotVc),
        };
        if !has_type(doc, "VerifiableCredential") {
            return Err(CredentialError::MissingType);
        }
        let issuer = match doc.get("issuer") {
            Some(Value::String(id)) => id.as_str(),
            Some(Value::Object(o)) => o.get("id").and_then(Value::as_str).ok_or(CredentialError::MissingIssuer)?,
            _ => return Err(CredentialError::MissingIssuer),
        };
        if !is_absolute_iri(issuer) {
            return Err(CredentialError::BadIssuer);
        }
        match doc.get("credentialSubject") {
            Some(Value::Object(_)) => {}
            Some(Value::Array(a)) if !a.is_empty() && a.iter().all(Value::is_object) => {}
            _ => return Err(CredentialError::MissingSubject),
        }
        let (from_key, until_key) = match version {
            VcVersion::V1 => ("issuanceDate", "expirationDate"),
            VcVersion::V2 => ("validFrom", "validUntil"),
        };
        let valid_from = date(doc, from_key)?;
        let valid_until = date(doc, until_key)?;
        if version == VcVersion::V1 && valid_from.is_none() {
            return Err(CredentialError::MissingIssuanceDate);
        }
        let proofs = match doc.get("proof") {
            None => Vec::new(),
            Some(Value::Object(p)) => vec![p],
            Some(Value::Array(a)) => a.iter().map(Value::as_object).collect::<Option<Vec<_>>>().ok_or(CredentialError::BadProof)?,
            Some(_) => return Err(CredentialError::BadProof),
        };
        Ok(Credential { doc, version, issuer, valid_from, valid_until, proofs })
    }
}

/// One value, or each value of an array: JSON-LD lets most properties be either.
pub(crate) fn items(v: Option<&Value>) -> impl Iterator<Item = &Value> {
    let slice: &[Value] = match v {
        Some(Value::Array(a)) => a,
        Some(one) => std::slice::from_ref(one),
        None => &[],
    };
    slice.iter()
}

/// Whether `type` (a string or an array of strings) includes `name`.
pub fn has_type(node: &Map<String, Value>, name: &str) -> bool {
    match node.get("type") {
        Some(Value::String(t)) => t == name,
        Some(Value::Array(a)) => a.iter().any(|t| t.as_str() == Some(name)),
        _ => false,
    }
}

/// An absolute IRI: a scheme (`[a-zA-Z][a-zA-Z0-9+.-]*`), a colon, and no white space.
pub fn is_absolute_iri(s: &str) -> bool {
    crate::canon::jsonld::iri::scheme_len(s).is_some_and(|colon| colon.saturating_add(1) < s.len())
        && !s.chars().any(char::is_whitespace)
}

fn date(doc: &Map<String, Value>, key: &'static str) -> Result<Option<Timestamp>, CredentialError> {
    match doc.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Timestamp::parse(s).map(Some).map_err(|_| CredentialError::BadDate(key)),
        Some(_) => Err(CredentialError::BadDate(key)),
    }
}

#[cfg(test)]
mod tests {
    use super::is_absolute_iri;

    #[test]
    fn absolute_iris_have_a_scheme_something_after_it_and_no_white_space() {
        for ok in ["https://example.edu", "did:key:z6Mk", "urn:uuid:1", "a+b-c.d:x", "mailto:a@b"] {
            assert!(is_absolute_iri(ok), "{ok}");
        }
        for bad in ["https:", "", ":x", "1a:x", "a_b:x", "é:x", "not a url", "https://a b", "https://a\tb", "relative/path"] {
            assert!(!is_absolute_iri(bad), "{bad}");
        }
    }
}
