//! Status entries as written in `credentialStatus`.

use serde_json::{Map, Value};

use super::{EntryResult, PassedStatus, StatusError};

/// Which status list mechanism an entry uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// `BitstringStatusListEntry` (W3C Bitstring Status List v1.0).
    Bitstring,
    /// `StatusList2021Entry` (W3C CCG Status List 2021).
    StatusList2021,
}

/// What the entry's bits mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Set: permanently revoked.
    Revocation,
    /// Set: temporarily suspended.
    Suspension,
    /// A value with a message from `statusMessage`.
    Message,
    /// Set: a refreshed credential is available (informational).
    Refresh,
    /// Another purpose: the bit is reported, not interpreted.
    Other(String),
}

impl Purpose {
    fn parse(s: &str) -> Purpose {
        match s {
            "revocation" => Purpose::Revocation,
            "suspension" => Purpose::Suspension,
            "message" => Purpose::Message,
            "refresh" => Purpose::Refresh,
            other => Purpose::Other(other.to_owned()),
        }
    }

    fn name(&self) -> &str {
        match self {
            Purpose::Revocation => "revocation",
            Purpose::Suspension => "suspension",
            Purpose::Message => "message",
            Purpose::Refresh => "refresh",
            Purpose::Other(s) => s,
        }
    }

    /// Whether a list's `statusPurpose` (a string, or an array in Bitstring lists) covers `want`.
    pub(crate) fn list_covers(list: Option<&Value>, want: &Purpose) -> bool {
        match list {
            Some(Value::String(s)) => s == want.name(),
            Some(Value::Array(a)) => a.iter().any(|p| p.as_str() == Some(want.name())),
            _ => false,
        }
    }
}

/// A parsed status entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The mechanism.
    pub kind: EntryKind,
    /// The purpose.
    pub purpose: Purpose,
    /// The entry's position in the list.
    pub index: u64,
    /// Bits per entry (1 unless `statusSize` says otherwise).
    pub size: u8,
    /// The status list credential's URL.
    pub list_url: String,
    /// `statusMessage`: value (as written, e.g. `0x1`) → message.
    pub messages: Vec<(u8, String)>,
}

impl Entry {
    /// Parses an entry; unsupported types and malformed fields are errors.
    pub fn parse(entry: &Map<String, Value>) -> Result<Entry, StatusError> {
        let kind = match entry.get("type").and_then(Value::as_str) {
            Some("BitstringStatusListEntry") => EntryKind::Bitstring,
            Some("StatusList2021Entry") => EntryKind::StatusList2021,
            Some(other) => return Err(StatusError::UnsupportedType(other.to_owned())),
            None => return Err(StatusError::MalformedEntry("type")),
        };
        let purpose = Purpose::parse(entry.get("statusPurpose").and_then(Value::as_str).ok_or(StatusError::MalformedEntry("statusPurpose"))?);
        // The specs write the index as a string of digits; some issuers write a number.
        let index = match entry.get("statusListIndex") {
            Some(Value::String(s)) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s.parse().ok(),
            Some(Value::Number(n)) => n.as_u64(),
            _ => None,
        }
        .ok_or(StatusError::MalformedEntry("statusListIndex"))?;
        let list_url = entry.get("statusListCredential").and_then(Value::as_str).ok_or(StatusError::MalformedEntry("statusListCredential"))?.to_owned();
        let size = match entry.get("statusSize") {
            None => 1,
            Some(v) => v.as_u64().and_then(|n| u8::try_from(n).ok()).filter(|n| (1..=8).contains(n)).ok_or(StatusError::MalformedEntry("statusSize"))?,
        };
        let messages = match entry.get("statusMessage") {
            None => Vec::new(),
            Some(Value::Array(a)) => a.iter().map(message).collect::<Option<Vec<_>>>().ok_or(StatusError::MalformedEntry("statusMessage"))?,
            Some(_) => return Err(StatusError::MalformedEntry("statusMessage")),
        };
        // Bitstring Status List: entries wider than one bit must say what each value means.
        if size > 1 && messages.is_empty() {
            return Err(StatusError::MalformedEntry("statusMessage"));
        }
        Ok(Entry { kind, purpose, index, size, list_url, messages })
    }

    /// What the value read from the list means.
    pub fn interpret(&self, value: u8) -> EntryResult {
        let message = self.messages.iter().find(|(v, _)| *v == value).map(|(_, m)| m.as_str());
        match (&self.purpose, value) {
            (Purpose::Message, _) => Ok(PassedStatus(match message {
                Some(m) => format!("status message: {}", crate::credential::context::clip(m)),
                None => format!("status value 0x{value:x} has no message"),
            })),
            (Purpose::Revocation, 0) => Ok(PassedStatus(String::from("the credential has not been revoked"))),
            (Purpose::Suspension, 0) => Ok(PassedStatus(String::from("the credential is not suspended"))),
            (Purpose::Revocation, _) => Err(StatusError::Revoked),
            (Purpose::Suspension, _) => Err(StatusError::Suspended),
            (Purpose::Refresh, 0) => Ok(PassedStatus(String::from("no refreshed credential is announced"))),
            (Purpose::Refresh, _) => Ok(PassedStatus(String::from("the issuer announces a refreshed version of this credential"))),
            (Purpose::Other(p), v) => Ok(PassedStatus(format!("status {} is 0x{v:x}", crate::credential::context::clip(p)))),
        }
    }
}

/// One `statusMessage` item: `{ "status": "0x1", "message": "…" }`.
fn message(v: &Value) -> Option<(u8, String)> {
    let status = v.get("status")?.as_str()?;
    let hex = status.strip_prefix("0x").or_else(|| status.strip_prefix("0X"))?;
    let value = u8::from_str_radix(hex, 16).ok()?;
    Some((value, v.get("message")?.as_str()?.to_owned()))
}
