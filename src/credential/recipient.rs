//! "Is this badge yours?": matching a person's identifier against the credential subject's
//! `identifier` IdentityObjects (OB 3.0), plain or hashed (`sha256$…` / `md5$…` of value+salt).
//!
//! Runs where the credential is shown: the value never leaves the page or the process.

use md5::Md5;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::report::{Code, Status};

/// A claimed identity: an OB 3.0 `identityType` and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// The `identityType`, e.g. `emailAddress`, `url`, `phone`, `name`.
    pub identity_type: String,
    /// The value, e.g. `alice@example.com`.
    pub value: String,
}

impl Recipient {
    /// Parses `kind:value` (`email:alice@example.com`, `url:https://…`, `phone:+1…`, or any
    /// OB 3.0 `identityType` such as `name:Alice Example`).
    pub fn parse(spec: &str) -> Option<Recipient> {
        let (kind, value) = spec.split_once(':')?;
        if value.is_empty() {
            return None;
        }
        Some(Recipient::new(kind, value))
    }

    /// A recipient from a kind (short aliases allowed) and a value.
    pub fn new(kind: &str, value: &str) -> Recipient {
        let identity_type = match kind {
            "email" => "emailAddress",
            "telephone" | "tel" => "phone",
            other => other,
        };
        Recipient { identity_type: identity_type.to_owned(), value: value.trim().to_owned() }
    }
}

/// The answer to "is this yours?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecipientMatch {
    /// An identifier of the right type matches the value.
    Match,
    /// Identifiers of that type exist, and none matches.
    NoMatch,
    /// The credential has no identifier of that type to compare with.
    NoIdentifier,
    /// An identifier uses a hash we do not support.
    UnsupportedHash,
}

impl Code for RecipientMatch {
    fn code(&self) -> &'static str {
        match self {
            RecipientMatch::Match => "recipient.match",
            RecipientMatch::NoMatch => "recipient.mismatch",
            RecipientMatch::NoIdentifier => "recipient.no_identifier",
            RecipientMatch::UnsupportedHash => "recipient.unsupported_hash",
        }
    }

    fn status(&self) -> Status {
        match self {
            RecipientMatch::Match => Status::Passed,
            RecipientMatch::NoMatch => Status::Failed,
            RecipientMatch::NoIdentifier | RecipientMatch::UnsupportedHash => Status::Unknown,
        }
    }

    fn message(&self) -> String {
        String::from(match self {
            RecipientMatch::Match => "the credential was issued to this recipient",
            RecipientMatch::NoMatch => "the credential was not issued to this recipient",
            RecipientMatch::NoIdentifier => "the credential names no recipient identifier of this type",
            RecipientMatch::UnsupportedHash => "the recipient identifier uses an unsupported hash",
        })
    }
}

/// Compares `recipient` with every IdentityObject of the credential's subject(s).
pub fn check(doc: &Map<String, Value>, recipient: &Recipient) -> RecipientMatch {
    let subjects: Vec<&Value> = match doc.get("credentialSubject") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    let mut result = RecipientMatch::NoIdentifier;
    for identity in subjects.iter().flat_map(|s| identities(s)) {
        if identity.get("identityType").and_then(Value::as_str) != Some(recipient.identity_type.as_str()) {
            continue;
        }
        match matches(identity, recipient) {
            Some(true) => return RecipientMatch::Match,
            Some(false) => result = RecipientMatch::NoMatch,
            None if result == RecipientMatch::NoIdentifier => result = RecipientMatch::UnsupportedHash,
            None => {}
        }
    }
    result
}

fn identities(subject: &Value) -> Vec<&Map<String, Value>> {
    match subject.get("identifier") {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_object).collect(),
        Some(Value::Object(o)) => vec![o],
        _ => Vec::new(),
    }
}

/// `Some(matched)`, or `None` when the hash algorithm is unknown.
fn matches(identity: &Map<String, Value>, recipient: &Recipient) -> Option<bool> {
    let Some(stored) = identity.get("identityHash").and_then(Value::as_str) else { return Some(false) };
    // Email addresses compare case-insensitively; issuers hash them as typed or lower-cased.
    let mut candidates = vec![recipient.value.clone()];
    if recipient.identity_type == "emailAddress" {
        candidates.push(recipient.value.to_lowercase());
    }
    let hashed = identity.get("hashed").and_then(Value::as_bool).unwrap_or(false);
    if !hashed {
        return Some(candidates.iter().any(|c| c == stored || (recipient.identity_type == "emailAddress" && c.eq_ignore_ascii_case(stored))));
    }
    let salt = identity.get("salt").and_then(Value::as_str).unwrap_or("");
    let (algorithm, hex) = stored.split_once('$')?;
    let digest = |c: &str| -> Option<Vec<u8>> {
        let input = format!("{c}{salt}");
        match algorithm.to_ascii_lowercase().as_str() {
            "sha256" => Some(Sha256::digest(input.as_bytes()).to_vec()),
            "md5" => Some(Md5::digest(input.as_bytes()).to_vec()),
            _ => None,
        }
    };
    let mut any = false;
    for c in &candidates {
        let d = digest(c)?;
        any |= hex_eq(&d, hex);
    }
    Some(any)
}

/// Bytes against hex text, case-insensitively.
fn hex_eq(bytes: &[u8], hex: &str) -> bool {
    let ours: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    ours.eq_ignore_ascii_case(hex)
}
