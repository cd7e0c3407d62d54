//! Every resource limit in one place. Input is hostile: each bound below has a test that
//! crosses it and gets its error code.

/// Largest credential text accepted (JSON or compact JWS), in bytes.
pub const MAX_INPUT_BYTES: usize = 2 * 1024 * 1024;

/// Deepest nesting of JSON arrays and objects accepted.
pub const MAX_JSON_DEPTH: usize = 64;

/// Most proofs on one credential (a proof set) that are checked.
pub const MAX_PROOFS: usize = 8;

/// Largest document supplied in `documents` (a context, DID document or status list), in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;
