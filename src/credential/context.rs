//! Known contexts: a credential is accepted only over JSON-LD contexts we hold.
//!
//! Even a JCS proof, which signs the JSON and not the RDF, needs this: an unknown context can
//! give the same JSON another meaning. Contexts are bundled (never fetched) or supplied by the
//! caller in `documents`; anything else makes the outcome `indeterminate`.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::canon::contexts;
use crate::report::{Code, Status};

/// Why the credential's contexts cannot be accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ContextError {
    /// The document has no `@context`.
    Missing,
    /// A context entry is neither a URL string nor an object.
    Malformed,
    /// A context URL that is neither bundled nor supplied in `documents`.
    Unknown(String),
    /// An inline (embedded) context object; not processed by this version.
    Inline,
    /// A supplied document for this URL is not a JSON-LD context, or is too large.
    BadDocument(String),
    /// With supplied contexts, the credential does not hold up as JSON-LD (safe mode): a
    /// supplied context redefines a protected term, leaves a term undefined, and the like.
    Processing(crate::canon::jsonld::Error),
}

/// What the context check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    /// How many distinct context URLs the credential uses.
    pub urls: usize,
    /// Whether any of them came from the caller's documents rather than the bundle.
    pub supplied: bool,
}

impl Code for ContextError {
    fn code(&self) -> &'static str {
        match self {
            ContextError::Missing => "context.missing",
            ContextError::Malformed => "context.malformed",
            ContextError::Unknown(_) => "context.unknown",
            ContextError::Inline => "context.inline_unsupported",
            ContextError::BadDocument(_) => "context.bad_document",
            ContextError::Processing(e) => e.code(),
        }
    }

    fn status(&self) -> Status {
        match self {
            ContextError::Missing | ContextError::Malformed => Status::Failed,
            ContextError::Unknown(_) | ContextError::Inline | ContextError::BadDocument(_) => Status::Unknown,
            ContextError::Processing(crate::canon::jsonld::Error::UnknownContext(_)) => Status::Unknown,
            ContextError::Processing(_) => Status::Failed,
        }
    }

    fn message(&self) -> String {
        match self {
            ContextError::Missing => String::from("the credential has no @context"),
            ContextError::Malformed => String::from("an @context entry is neither a URL nor an object"),
            ContextError::Unknown(url) => format!("the context {} is not known to this verifier (it is never fetched)", clip(url)),
            ContextError::Inline => String::from("embedded context definitions are not supported yet"),
            ContextError::BadDocument(url) => format!("the document supplied for {} is not a usable JSON-LD context", clip(url)),
            ContextError::Processing(e) => format!("under its contexts the credential is not sound JSON-LD: {}", clip(&e.to_string())),
        }
    }
}

/// The first `@context` entry when it is a string.
pub fn first(doc: &Map<String, Value>) -> Option<&str> {
    match doc.get("@context")? {
        Value::String(s) => Some(s),
        Value::Array(a) => a.first()?.as_str(),
        _ => None,
    }
}

/// Checks every `@context` in the document (top level, nested nodes and proofs) against the
/// bundled set and the caller's `documents`.
pub fn check(doc: &Map<String, Value>, documents: &BTreeMap<String, String>) -> Result<Known, ContextError> {
    if !doc.contains_key("@context") {
        return Err(ContextError::Missing);
    }
    let mut seen: Vec<&str> = Vec::new();
    let mut supplied = false;
    // Iterative walk: input depth is bounded already, but no recursion on input anyway.
    let mut stack: Vec<&Value> = doc.values().collect();
    supplied |= check_entry(doc.get("@context"), documents, &mut seen)?;
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(o) => {
                if o.contains_key("@context") {
                    supplied |= check_entry(o.get("@context"), documents, &mut seen)?;
                }
                stack.extend(o.iter().filter(|(k, _)| *k != "@context").map(|(_, v)| v));
            }
            Value::Array(a) => stack.extend(a.iter()),
            _ => {}
        }
    }
    Ok(Known { urls: seen.len(), supplied })
}

fn check_entry<'a>(
    entry: Option<&'a Value>,
    documents: &BTreeMap<String, String>,
    seen: &mut Vec<&'a str>,
) -> Result<bool, ContextError> {
    let mut supplied = false;
    let entries: &[Value] = match entry {
        Some(Value::Array(a)) => a,
        Some(one) => std::slice::from_ref(one),
        None => &[],
    };
    for e in entries {
        match e {
            Value::String(url) if seen.contains(&url.as_str()) => {}
            Value::String(url) => {
                supplied |= known(url, documents)?;
                seen.push(url);
            }
            Value::Object(_) => return Err(ContextError::Inline),
            _ => return Err(ContextError::Malformed),
        }
    }
    Ok(supplied)
}

/// Whether `url` is bundled (`false`) or supplied (`true`); an error when neither.
fn known(url: &str, documents: &BTreeMap<String, String>) -> Result<bool, ContextError> {
    if contexts::bundled(url).is_some() {
        return Ok(false);
    }
    let body = documents.get(url).ok_or_else(|| ContextError::Unknown(url.to_owned()))?;
    // Parsed once and kept for the processing that follows (and later verifications); too
    // large or not JSON, it is a bad document.
    let supplied = crate::proof::linked_data::supplied_context(url, body);
    match supplied.as_ref().and_then(|c| c.document()).and_then(Value::as_object) {
        Some(o) if o.contains_key("@context") => Ok(true),
        _ => Err(ContextError::BadDocument(url.to_owned())),
    }
}

/// At most 120 characters of hostile text for a message.
pub(crate) fn clip(s: &str) -> String {
    match s.char_indices().nth(120) {
        Some((i, _)) => format!("{}…", s.get(..i).unwrap_or_default()),
        None => s.to_owned(),
    }
}
