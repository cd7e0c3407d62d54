//! `1EdTechRevocationList` (1EdTech Revocation List Status Method 1.0, used by OB 3.0 and
//! CLR 2.0): the entry's `id` is the URL of a list whose `revokedCredentials` name revoked
//! credentials by `id`, each with an optional `revocationReason`.

use serde_json::{Map, Value};

use super::{EntryResult, PassedStatus, StatusError};
use crate::documents::{Fetched, Lookup};

/// Checks a `1EdTechRevocationList` entry of the credential `credential_id` from `issuer`.
pub fn check<'f>(entry: &Map<String, Value>, credential_id: Option<&str>, issuer: &str, fetch: &Lookup<'f>) -> EntryResult {
    let url = entry.get("id").and_then(Value::as_str).ok_or(StatusError::MalformedEntry("id"))?;
    // Without an id there is nothing the list could name.
    let credential_id = credential_id.ok_or(StatusError::MalformedEntry("credential id"))?;
    let body = match fetch(url) {
        Fetched::Body(b) => b,
        Fetched::Failed(reason) => return Err(StatusError::Unreachable { url: url.to_owned(), reason: Some(reason.to_owned()) }),
        Fetched::Missing => return Err(StatusError::Unreachable { url: url.to_owned(), reason: None }),
        // A list that no longer exists says nothing about this credential.
        Fetched::Absent => return Err(StatusError::Unreachable { url: url.to_owned(), reason: Some(String::from("the status list does not exist")) }),
    };
    let list = crate::input::parse_json(body).map_err(|_| StatusError::ListWrongType)?;
    let list = list.as_object().ok_or(StatusError::ListWrongType)?;
    let revoked = list.get("revokedCredentials").and_then(Value::as_array).ok_or(StatusError::ListWrongType)?;
    let list_issuer = match list.get("issuer") {
        Some(Value::String(s)) => Some(s.as_str()),
        Some(Value::Object(o)) => o.get("id").and_then(Value::as_str),
        _ => None,
    };
    if list_issuer.is_some_and(|i| i != issuer) {
        return Err(StatusError::IssuerMismatch);
    }
    match revoked.iter().find(|r| r.get("id").and_then(Value::as_str) == Some(credential_id)) {
        Some(r) => Err(StatusError::RevokedBecause(r.get("revocationReason").and_then(Value::as_str).map(str::to_owned))),
        None => Ok(PassedStatus(String::from("the credential is not on the issuer's revocation list"))),
    }
}
