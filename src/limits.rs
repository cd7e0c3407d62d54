//! Every resource limit in one place. Input is hostile: each bound has a test that crosses it
//! and gets its error code (`tests/limits.rs`, one test per row).
//!
//! | Limit | Bound | Crossing it |
//! |---|---|---|
//! | Credential text (JSON or JWS) | [`MAX_INPUT_BYTES`] (2 MiB) | `input.too_large` |
//! | JSON nesting | [`MAX_JSON_DEPTH`] (64) | `input.too_deep` |
//! | Compact JWS (VC-JWT) | [`MAX_JWT_BYTES`] (256 KiB) | `jwt.too_large` |
//! | Proofs in a proof set | [`MAX_PROOFS`] (8) | `proof.too_many` |
//! | A supplied document (context, DID document incl. did:web, JWK, status list) | [`MAX_DOCUMENT_BYTES`] (1 MiB) | treated as unfetchable: `key.unresolved` / `status.unreachable` (`unknown`) |
//! | Inflated status list | [`MAX_STATUS_LIST_BYTES`] (4 MiB) | `status.list_too_large` |
//! | Shortest status list | [`MIN_STATUS_LIST_BITS`] (131 072) | `status.list_too_short` (`unknown`) |
//! | Endorsement / CLR / status-list nesting | [`MAX_NESTING`] (2) | not verified further; a list's own status is `status.not_followed` |
//! | did:jwk length | [`MAX_DID_JWK`] (4 096 chars) | `key.bad_encoding` |
//! | Multibase key or signature text | [`MAX_MULTIBASE_CHARS`] (512) | `key.bad_encoding` |
//! | RSA modulus | [`MIN_RSA_BYTES`]..=[`MAX_RSA_BYTES`] (2048–8192 bits) | `key.invalid` |
//! | Alignments / tags listed in the report | [`MAX_LISTED`] (64) | the rest are not listed |
//! | JSON-LD expansion depth | [`JSONLD_MAX_DEPTH`] (64) | `jsonld.too_deep` |
//! | JSON-LD expanded items, node map entries | [`JSONLD_MAX_ITEMS`] (100 000) | `jsonld.too_large` |
//! | JSON-LD quads produced | [`JSONLD_MAX_QUADS`] (100 000) | `jsonld.too_large` |
//! | JSON-LD remote context chain | [`JSONLD_MAX_REMOTE_CONTEXTS`] (32) | `jsonld.context_overflow` |
//! | JSON-LD context nesting (scoped, remote) | [`JSONLD_MAX_CONTEXT_DEPTH`] (32) | `jsonld.context_overflow` |
//! | JSON-LD term definitions + context processings | [`JSONLD_MAX_CONTEXT_WORK`] (100 000) | `jsonld.context_overflow` |
//! | RDFC-1.0 Hash N-Degree Quads work | [`MAX_RDFC_WORK`] (100 000 units) | `canon.too_complex` |
//! | RDFC-1.0 recursion | [`MAX_RDFC_DEPTH`] (64) | `canon.too_complex` |
//! | Baked image (PNG or SVG) | [`MAX_IMAGE_BYTES`] (16 MiB) | `baked.too_large` |
//! | PNG chunks walked | [`MAX_PNG_CHUNKS`] (65 536) | `baked.too_large` |
//! | One PNG chunk | 2³¹ − 1 and at most [`MAX_IMAGE_BYTES`] (`src/baked/png.rs`) | `baked.too_large` |
//! | Baked credential text, after inflation | [`MAX_BAKED_TEXT_BYTES`] (= [`MAX_INPUT_BYTES`]) | `baked.too_large` |
//!
//! The JSON-LD bounds are the defaults of [`crate::canon::jsonld::Limits`] and the RDFC ones
//! those of [`crate::canon::rdfc::Options`]; the constants here restate them for the table, and
//! a test keeps the two equal.
//!
//! ## Host-side bounds (not in the core)
//! The core never does I/O, so time is bounded by the host that fetches:
//! - WASM (`src/wasm/host.rs`, `src/wasm/host.js`): at most 4 rounds of [`crate::needs`]
//!   (`MAX_ROUNDS`); each fetch is aborted after 8 s (`TIMEOUT_MS`) and refused above 1 MiB
//!   (`MAX_BYTES`, the same as [`MAX_DOCUMENT_BYTES`]), only `https:` URLs, no credentials
//!   sent; the element refuses a `src` above 16 MiB (`src/wasm/element.js`, `MAX_SRC_BYTES`).
//!   A fetch that fails or times out reaches the core as a reason in
//!   `VerifyOptions::failures`: the check it feeds is `unknown`, never `passed`.
//! - CLI (`src/bin/`): files above 512 MiB are not read (`MAX_READ_BYTES`); key files above
//!   16 KiB are refused.

pub use crate::baked::{MAX_BAKED_TEXT_BYTES, MAX_IMAGE_BYTES, MAX_PNG_CHUNKS};
pub use crate::canon::rdfc::{DEFAULT_MAX_DEPTH as MAX_RDFC_DEPTH, DEFAULT_MAX_WORK as MAX_RDFC_WORK};

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

/// Longest did:jwk accepted, in characters.
pub const MAX_DID_JWK: usize = 4096;

/// Longest multibase text decoded (a guard before the base58 decoder's quadratic work).
pub const MAX_MULTIBASE_CHARS: usize = 512;

/// Smallest RSA modulus accepted, in bytes (2048 bits).
pub const MIN_RSA_BYTES: usize = 256;

/// Largest RSA modulus accepted, in bytes (8192 bits): bounds the verifier's work.
pub const MAX_RSA_BYTES: usize = 1024;

/// At most this many alignments or tags are listed in a report's summary (hostile credentials
/// can hold thousands).
pub const MAX_LISTED: usize = 64;

/// JSON-LD: deepest nesting of arrays and objects expanded.
pub const JSONLD_MAX_DEPTH: usize = 64;

/// JSON-LD: most expanded items, and most node map entries.
pub const JSONLD_MAX_ITEMS: usize = 100_000;

/// JSON-LD: most quads produced from one document.
pub const JSONLD_MAX_QUADS: usize = 100_000;

/// JSON-LD: longest chain of remote contexts including one another.
pub const JSONLD_MAX_REMOTE_CONTEXTS: usize = 32;

/// JSON-LD: deepest nesting of context processing (scoped contexts within scoped contexts).
pub const JSONLD_MAX_CONTEXT_DEPTH: usize = 32;

/// JSON-LD: most term definitions and context processings for one document.
pub const JSONLD_MAX_CONTEXT_WORK: usize = 100_000;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canon::jsonld::Limits;

    #[test]
    fn the_table_matches_the_engines_defaults() {
        let jsonld = Limits::default();
        assert_eq!(jsonld.max_depth, JSONLD_MAX_DEPTH);
        assert_eq!(jsonld.max_items, JSONLD_MAX_ITEMS);
        assert_eq!(jsonld.max_quads, JSONLD_MAX_QUADS);
        assert_eq!(jsonld.max_remote_contexts, JSONLD_MAX_REMOTE_CONTEXTS);
        assert_eq!(jsonld.max_context_depth, JSONLD_MAX_CONTEXT_DEPTH);
        assert_eq!(jsonld.max_context_work, JSONLD_MAX_CONTEXT_WORK);
        let rdfc = crate::canon::rdfc::Options::default();
        assert_eq!((rdfc.max_work, rdfc.max_depth), (MAX_RDFC_WORK, MAX_RDFC_DEPTH));
    }
}
