//! Credential status: Bitstring Status List v1.0 and StatusList2021 entries, checked against
//! status list credentials that the caller supplies (or the host fetched) in `documents`.
//!
//! What we don't know, we say: a list that cannot be had makes the check `unknown`
//! (`status.unreachable`), never "not revoked".

pub mod bitstring;
mod entry;
mod gzip;
pub mod revocation_list;

use serde_json::{Map, Value};

use crate::credential::context::clip;
use crate::documents::{Fetched, Lookup};
use crate::credential::has_type;
use crate::report::{Code, Note, Report, Status};
use crate::Outcome;

pub use bitstring::{Bitstring, Encoding64};
pub use entry::{Entry, EntryKind, Purpose};

/// Why a status entry could not be checked, or what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StatusError {
    /// The entry's type is not one we check.
    UnsupportedType(String),
    /// A required entry property is missing or malformed (named here).
    MalformedEntry(&'static str),
    /// The status list could not be had: not supplied, the network is off, or the fetch
    /// failed (the reason is kept).
    Unreachable {
        /// The status list's URL.
        url: String,
        /// Why the host could not fetch it; `None` when it was not asked to.
        reason: Option<String>,
    },
    /// The status list credential did not verify.
    ListInvalid(String),
    /// The status list credential could not be fully verified.
    ListUnverifiable(String),
    /// The document at the URL is not a status list credential of the entry's kind.
    ListWrongType,
    /// The list's `statusPurpose` differs from the entry's.
    PurposeMismatch,
    /// The list is issued by someone other than the credential's issuer.
    IssuerMismatch,
    /// The encoded list is not base64url of a GZIP stream.
    BadEncoding,
    /// The list inflates beyond [`crate::limits::MAX_STATUS_LIST_BYTES`].
    ListTooLarge,
    /// The list is shorter than the specs' minimum ([`crate::limits::MIN_STATUS_LIST_BITS`]).
    ListTooShort,
    /// The entry's index lies outside the list.
    IndexOutOfRange,
    /// The credential is revoked.
    Revoked,
    /// The credential is on a revocation list, with the issuer's reason when given.
    RevokedBecause(Option<String>),
    /// The credential is suspended.
    Suspended,
}

impl Code for StatusError {
    fn code(&self) -> &'static str {
        match self {
            StatusError::UnsupportedType(_) => "status.unsupported_type",
            StatusError::MalformedEntry(_) => "status.malformed_entry",
            StatusError::Unreachable { .. } => "status.unreachable",
            StatusError::ListInvalid(_) => "status.list_invalid",
            StatusError::ListUnverifiable(_) => "status.list_unverifiable",
            StatusError::ListWrongType => "status.list_wrong_type",
            StatusError::PurposeMismatch => "status.purpose_mismatch",
            StatusError::IssuerMismatch => "status.issuer_mismatch",
            StatusError::BadEncoding => "status.bad_encoding",
            StatusError::ListTooLarge => "status.list_too_large",
            StatusError::ListTooShort => "status.list_too_short",
            StatusError::IndexOutOfRange => "status.index_out_of_range",
            StatusError::Revoked | StatusError::RevokedBecause(_) => "status.revoked",
            StatusError::Suspended => "status.suspended",
        }
    }

    fn status(&self) -> Status {
        match self {
            StatusError::UnsupportedType(_)
            | StatusError::Unreachable { .. }
            | StatusError::ListUnverifiable(_)
            | StatusError::ListTooShort
            // A list by someone else cannot speak for the issuer, either way.
            | StatusError::IssuerMismatch => Status::Unknown,
            _ => Status::Failed,
        }
    }

    fn message(&self) -> String {
        match self {
            StatusError::UnsupportedType(t) => format!("status entries of type {} are not checked by this verifier", clip(t)),
            StatusError::MalformedEntry(what) => format!("the status entry's {what} is missing or malformed"),
            StatusError::Unreachable { url, reason: None } => {
                format!("the status list {} could not be retrieved (network not allowed), so revocation is unknown", clip(url))
            }
            StatusError::Unreachable { url, reason: Some(r) } => {
                format!("the status list {} could not be retrieved ({}), so revocation is unknown", clip(url), clip(r))
            }
            StatusError::ListInvalid(code) => format!("the status list credential did not verify ({code})"),
            StatusError::ListUnverifiable(code) => format!("the status list credential could not be fully verified ({code})"),
            StatusError::ListWrongType => String::from("the status list document is not a status list credential of the entry's type"),
            StatusError::PurposeMismatch => String::from("the status list's purpose differs from the entry's"),
            StatusError::IssuerMismatch => String::from("the status list is issued by someone other than the credential's issuer"),
            StatusError::BadEncoding => String::from("the status list is not base64url-encoded GZIP data"),
            StatusError::ListTooLarge => format!("the status list inflates beyond {} bytes", crate::limits::MAX_STATUS_LIST_BYTES),
            StatusError::ListTooShort => format!(
                "the status list is shorter than the {} entries the specs require, so \"not revoked\" cannot be accepted from it",
                crate::limits::MIN_STATUS_LIST_BITS
            ),
            StatusError::IndexOutOfRange => String::from("the status index lies outside the status list"),
            StatusError::Revoked | StatusError::RevokedBecause(None) => String::from("the issuer has revoked this credential"),
            StatusError::RevokedBecause(Some(reason)) => format!("the issuer has revoked this credential: {}", clip(reason)),
            StatusError::Suspended => String::from("the issuer has suspended this credential"),
        }
    }
}

/// The outcome of one entry: a failure/unknown, or a passed note with its message.
pub type EntryResult = Result<PassedStatus, StatusError>;

/// A status that passed, with a sentence (e.g. the status message for `message` entries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassedStatus(pub String);

impl Code for PassedStatus {
    fn code(&self) -> &'static str {
        "status.active"
    }
    fn status(&self) -> Status {
        Status::Passed
    }
    fn message(&self) -> String {
        self.0.clone()
    }
}

/// The `credentialStatus` entries of a credential (one object or an array).
pub fn entries(doc: &Map<String, Value>) -> Result<Vec<&Map<String, Value>>, StatusError> {
    match doc.get("credentialStatus") {
        None => Ok(Vec::new()),
        Some(Value::Object(o)) => Ok(vec![o]),
        Some(Value::Array(a)) => a.iter().map(Value::as_object).collect::<Option<Vec<_>>>().ok_or(StatusError::MalformedEntry("credentialStatus")),
        Some(_) => Err(StatusError::MalformedEntry("credentialStatus")),
    }
}

/// Checks one entry. `fetch` finds the status list credential's text; `verify` runs the whole
/// pipeline on it (depth-bounded by the caller).
pub fn check_entry<'f>(
    entry: &Map<String, Value>,
    credential_id: Option<&str>,
    issuer: &str,
    fetch: &Lookup<'f>,
    verify: &dyn Fn(&str) -> Report,
) -> EntryResult {
    if entry.get("type").and_then(Value::as_str) == Some("1EdTechRevocationList") {
        return revocation_list::check(entry, credential_id, issuer, fetch);
    }
    let entry = Entry::parse(entry)?;
    let body = match fetch(&entry.list_url) {
        Fetched::Body(b) => b,
        Fetched::Failed(reason) => return Err(StatusError::Unreachable { url: entry.list_url.clone(), reason: Some(reason.to_owned()) }),
        Fetched::Missing => return Err(StatusError::Unreachable { url: entry.list_url.clone(), reason: None }),
        // A list that no longer exists says nothing about this credential.
        Fetched::Absent => return Err(StatusError::Unreachable { url: entry.list_url.clone(), reason: Some(String::from("the status list does not exist")) }),
    };
    let report = verify(body);
    let first_problem = |status: Status| {
        report.checks.iter().find(|c| c.status == status).map(|c| c.code.to_string()).unwrap_or_default()
    };
    match report.outcome {
        Outcome::Verified => {}
        Outcome::Invalid => return Err(StatusError::ListInvalid(first_problem(Status::Failed))),
        Outcome::Indeterminate => return Err(StatusError::ListUnverifiable(first_problem(Status::Unknown))),
    }
    // The list verified, so it parses; read it again as plain JSON for its fields.
    let list: Value = serde_json::from_str(body).map_err(|_| StatusError::ListWrongType)?;
    let list = list.as_object().ok_or(StatusError::ListWrongType)?;
    let (list_type, subject_type, encoding) = match entry.kind {
        EntryKind::Bitstring => ("BitstringStatusListCredential", "BitstringStatusList", Encoding64::Multibase),
        EntryKind::StatusList2021 => ("StatusList2021Credential", "StatusList2021", Encoding64::Bare),
    };
    if !has_type(list, list_type) {
        return Err(StatusError::ListWrongType);
    }
    let list_issuer = match list.get("issuer") {
        Some(Value::String(s)) => Some(s.as_str()),
        Some(Value::Object(o)) => o.get("id").and_then(Value::as_str),
        _ => None,
    };
    if list_issuer != Some(issuer) {
        return Err(StatusError::IssuerMismatch);
    }
    let subject = list.get("credentialSubject").and_then(Value::as_object).ok_or(StatusError::ListWrongType)?;
    if !has_type(subject, subject_type) {
        return Err(StatusError::ListWrongType);
    }
    if !Purpose::list_covers(subject.get("statusPurpose"), &entry.purpose) {
        return Err(StatusError::PurposeMismatch);
    }
    let encoded = subject.get("encodedList").and_then(Value::as_str).ok_or(StatusError::BadEncoding)?;
    let bits = Bitstring::decode(encoded, encoding)?;
    let value = bits.get(entry.index, entry.size)?;
    let result = entry.interpret(value);
    // A list shorter than the specs allow still says "revoked" with the issuer's signature;
    // its "not revoked" is not what the specs let a verifier accept.
    match result {
        Ok(_) if !bits.has_minimum_length() => Err(StatusError::ListTooShort),
        other => other,
    }
}

/// The note for a credential without status entries.
pub(crate) const NONE: Note = Note::skipped("status.none", "the credential has no status entry");
