//! Entry points for the fuzz targets in `fuzz/` and for the corpus replay test, so every
//! crash a fuzzer finds stays fixed on the stable toolchain. Not a public API.
//!
//! Each function takes arbitrary bytes and must return without panicking, whatever they are.

use crate::documents::Fetched;
use crate::{Input, Timestamp, VerifyOptions};

/// A fuzz entry point.
pub type Target = fn(&[u8]);

/// The fuzz targets, by name (the name of the file in `fuzz/fuzz_targets/`).
pub const TARGETS: &[(&str, Target)] = &[
    ("verify_input", verify_input),
    ("jws", jws),
    ("did", did),
    ("did_document", did_document),
    ("status_list", status_list),
    ("nquads_rdfc", nquads_rdfc),
    ("baked", baked),
    ("jsonld", jsonld),
];

fn options() -> VerifyOptions {
    VerifyOptions::new(Timestamp(1_750_000_000))
}

/// The whole pipeline on arbitrary bytes (JSON, JWS, or an image).
pub fn verify_input(data: &[u8]) {
    let report = crate::verify(Input::Bytes(data), &options());
    // A report always serializes.
    let _ = report.to_json();
}

/// Compact JWS decoding and the JWT claim mapping.
pub fn jws(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(mut jws) = crate::input::jws::parse(text) {
            let _ = crate::credential::jwt::credential(&mut jws);
        }
    }
}

/// Verification method ids: did:key, did:jwk, did:web URL mapping, multibase.
pub fn did(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = crate::key::resolve(text, &|_| Fetched::Missing);
        let _ = crate::key::did_web::url_for(text);
        let _ = crate::key::multibase::decode_base58btc(text);
    }
}

/// DID documents and JWK sets as served for did:web and HTTPS key URLs.
pub fn did_document(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = crate::key::did_document::assertion_key(text, "did:web:example.com", "did:web:example.com#key-1");
        let _ = crate::key::did_document::assertion_key(text, "did:web:example.com", "did:web:example.com");
        let lookup = |_: &str| Fetched::Body(text);
        let _ = crate::key::jwk::resolve_url("https://example.com/keys#k1", &lookup);
    }
}

/// Status list decoding: base64url, GZIP with the inflation cap, bit reads.
pub fn status_list(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        for encoding in [crate::status::Encoding64::Multibase, crate::status::Encoding64::Bare] {
            if let Ok(bits) = crate::status::Bitstring::decode(text, encoding) {
                let _ = bits.get(u64::from(data.first().copied().unwrap_or(0)), 1);
            }
        }
    }
}

/// N-Quads parsing and RDFC-1.0 with a small work budget.
pub fn nquads_rdfc(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(quads) = crate::canon::nquads::parse(text) {
            let _ = crate::canon::rdfc::canonicalize_with_limit(&quads, 10_000);
        }
    }
}

/// Baked badge extraction from PNG and SVG bytes.
pub fn baked(data: &[u8]) {
    let _ = crate::baked::extract(data);
}

/// JSON-LD expansion and toRdf and RDFC-1.0 of the result, under the bundled contexts and, when
/// the input has an `x-context` member, that value as a context the caller supplies (in
/// `documents`, for [`SUPPLIED_CONTEXT`], applied before the input's own contexts): what a
/// supplied context may do to the bundled ones after it, and the kept set of supplied
/// contexts growing over many inputs.
pub fn jsonld(data: &[u8]) {
    use serde_json::Value;
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(Value::Object(mut doc)) = crate::input::parse_json(text) else { return };
    let mut documents = std::collections::BTreeMap::new();
    if let Some(context) = doc.remove("x-context") {
        documents.insert(SUPPLIED_CONTEXT.to_owned(), serde_json::json!({ "@context": context }).to_string());
        let own = match doc.remove("@context") {
            Some(Value::Array(items)) => items,
            Some(Value::Null) | None => Vec::new(),
            Some(other) => vec![other],
        };
        let chain = std::iter::once(Value::from(SUPPLIED_CONTEXT)).chain(own).collect();
        doc.insert("@context".to_owned(), Value::Array(chain));
    }
    let _ = crate::proof::linked_data::canonical_nquads(&doc, &documents);
}

/// The URL the `jsonld` target supplies its input's `x-context` for.
pub const SUPPLIED_CONTEXT: &str = "https://fuzz.example/context";
