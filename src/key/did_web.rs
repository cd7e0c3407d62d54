//! did:web (<https://w3c-ccg.github.io/did-method-web/>): the DID names an HTTPS URL of its
//! document. The core never fetches: the document comes from the caller's documents, keyed
//! by the DID or by its URL.

use super::{did_document, KeyError, ResolvedKey};
use crate::documents::{Fetched, Lookup};

/// The HTTPS URL of a did:web document: `did:web:example.com` →
/// `https://example.com/.well-known/did.json`; `did:web:example.com:user:alice` →
/// `https://example.com/user/alice/did.json`; `%3A` in the host part is a port colon.
pub fn url_for(did: &str) -> Result<String, KeyError> {
    let rest = did.strip_prefix("did:web:").ok_or(KeyError::UnsupportedMethod)?;
    let mut parts = rest.split(':');
    let host = parts.next().filter(|h| !h.is_empty()).ok_or(KeyError::BadDocument)?.replace("%3A", ":").replace("%3a", ":");
    // A host with a path, user info, query or spaces is not a did:web host.
    if host.contains(['/', '@', '?', '#', ' ', '\\']) {
        return Err(KeyError::BadDocument);
    }
    let path: Vec<&str> = parts.collect();
    if path.iter().any(|p| p.is_empty() || p.contains(['/', '?', '#', '\\']) || *p == "." || *p == "..") {
        return Err(KeyError::BadDocument);
    }
    Ok(if path.is_empty() {
        format!("https://{host}/.well-known/did.json")
    } else {
        format!("https://{host}/{}/did.json", path.join("/"))
    })
}

/// Resolves a did:web verification method from the DID document supplied for it.
pub fn resolve(method: &str, lookup: &Lookup<'_>) -> Result<ResolvedKey, KeyError> {
    let did = method.split_once('#').map_or(method, |(d, _)| d);
    let url = url_for(did)?;
    // Callers may key the document by the DID itself or by its URL.
    let text = match lookup(did) {
        Fetched::Body(b) => b,
        _ => super::document(&url, lookup)?,
    };
    did_document::assertion_key(text, did, method)
}
