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

/// Largest status list, inflated, in bytes (a GZIP "bomb" stops here: `status.list_too_large`).
pub const MAX_STATUS_LIST_BYTES: usize = 4 * 1024 * 1024;

/// Fewest entries a status list may have: 16 KiB of bits, as Bitstring Status List v1.0 and
/// StatusList2021 require for herd privacy (`status.list_too_short`).
pub const MIN_STATUS_LIST_BITS: usize = 131_072;

/// How deep verification nests. The credential is depth 0; its endorsements and CLR-wrapped
/// credentials are verified at depth 1, theirs at depth 2, and nothing is followed from depth 2.
/// Status list credentials are verified as leaves: their own status entries are reported as
/// `status.not_followed`.
pub const MAX_NESTING: usize = 2;

/// Largest compact JWS (VC-JWT) accepted, in bytes.
pub const MAX_JWT_BYTES: usize = 256 * 1024;
