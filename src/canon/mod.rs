//! Canonical forms and JSON-LD contexts: RFC 8785 JCS, the bundled contexts.

pub mod jcs;
pub mod contexts;
