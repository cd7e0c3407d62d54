//! The RDF suites: `eddsa-rdfc-2022` (<https://www.w3.org/TR/vc-di-eddsa/#eddsa-rdfc-2022>)
//! and `Ed25519Signature2020` (<https://w3c-ccg.github.io/di-eddsa-2020/>). Both sign
//! SHA-256(RDFC(proof config)) ‖ SHA-256(RDFC(document)), where the proof configuration is the
//! proof without its value, under the document's `@context`.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value};

use super::data_integrity::{hash_pair, DataIntegrityProof};
use super::{ed25519, ProofError};
use crate::canon::jsonld::{self, ContextCache, Options, RemoteContext, SuppliedContexts};
use crate::canon::rdf::Quad;
use crate::canon::{contexts, rdfc};
use crate::key::{multibase, ResolvedKey};

/// Processed contexts, kept for the life of the program (each is applied once).
fn cache() -> &'static ContextCache {
    static CACHE: OnceLock<ContextCache> = OnceLock::new();
    CACHE.get_or_init(ContextCache::new)
}

/// The bundled context for `url`, made on first use of that context only: from its
/// pre-processed form, its JSON parsed only if something needs it.
fn bundled(url: &str) -> Option<Arc<RemoteContext>> {
    static PARSED: OnceLock<Vec<OnceLock<Option<Arc<RemoteContext>>>>> = OnceLock::new();
    let parsed = PARSED.get_or_init(|| contexts::BUNDLED.iter().map(|_| OnceLock::new()).collect());
    let (context, slot) = contexts::BUNDLED.iter().zip(parsed).find(|(c, _)| c.url == url)?;
    slot.get_or_init(|| RemoteContext::bundled_text(context.url, context.json).map(Arc::new))
        .clone()
}

/// Context documents from the callers' `documents`, kept across verifications.
fn supplied() -> &'static SuppliedContexts {
    static SUPPLIED: OnceLock<SuppliedContexts> = OnceLock::new();
    SUPPLIED.get_or_init(SuppliedContexts::new)
}

/// The canonical N-Quads of a JSON-LD document: bundled contexts first, then the caller's
/// `documents` (each kept by URL and text, and processed once: see [`SuppliedContexts`]).
pub fn canonical_nquads(doc: &Map<String, Value>, documents: &BTreeMap<String, String>) -> Result<String, ProofError> {
    canonical_nquads_omitting(doc, None, documents)
}

/// [`canonical_nquads`] of `doc` as if its top-level entry `omit` were absent: the unsecured
/// document without copying the secured one.
fn canonical_nquads_omitting(doc: &Map<String, Value>, omit: Option<&str>, documents: &BTreeMap<String, String>) -> Result<String, ProofError> {
    let quads = quads_omitting(doc, omit, documents).map_err(ProofError::LinkedData)?;
    rdfc::canonicalize(&quads).map_err(|_| ProofError::TooComplex)
}

/// The RDF quads of `doc` (JSON-LD in safe mode) as if its top-level entry `omit` were absent.
fn quads_omitting(doc: &Map<String, Value>, omit: Option<&str>, documents: &BTreeMap<String, String>) -> Result<Vec<Quad>, jsonld::Error> {
    let loader = |url: &str| -> Option<Arc<RemoteContext>> {
        if let Some(ctx) = bundled(url) {
            return Some(ctx);
        }
        let body = documents.get(url).filter(|b| b.len() <= crate::limits::MAX_DOCUMENT_BYTES)?;
        supplied().get(url, body, |text| crate::input::parse_json(text).ok())
    };
    let options = Options { omit, ..Options::new(&loader).with_cache(cache()) };
    jsonld::to_rdf_object(doc, &options)
}

/// The 64 bytes signed by both RDF suites.
pub fn hash_data(document: &Map<String, Value>, proof_config: &Map<String, Value>, documents: &BTreeMap<String, String>) -> Result<[u8; 64], ProofError> {
    hash_data_omitting(document, None, proof_config, documents)
}

/// [`hash_data`] of `document` as if its top-level entry `omit` were absent.
fn hash_data_omitting(
    document: &Map<String, Value>,
    omit: Option<&str>,
    proof_config: &Map<String, Value>,
    documents: &BTreeMap<String, String>,
) -> Result<[u8; 64], ProofError> {
    let canon_doc = canonical_nquads_omitting(document, omit, documents)?;
    let canon_config = canonical_nquads(proof_config, documents)?;
    Ok(hash_pair(&canon_config, &canon_doc))
}

/// The proof configuration: the proof without its value, under the document's `@context`.
pub fn proof_config(credential: &Map<String, Value>, proof: &Map<String, Value>) -> Map<String, Value> {
    let mut config = proof.clone();
    config.remove("proofValue");
    match credential.get("@context") {
        Some(ctx) => config.insert("@context".into(), ctx.clone()),
        None => config.remove("@context"),
    };
    config
}

/// Verifies an `eddsa-rdfc-2022` or `Ed25519Signature2020` proof on `credential` with `key`.
pub fn verify(
    credential: &Map<String, Value>,
    proof: &DataIntegrityProof<'_>,
    key: &ResolvedKey,
    documents: &BTreeMap<String, String>,
) -> Result<(), ProofError> {
    proof.check_context(credential)?;
    let public = key.ed25519_key().ok_or(ProofError::WrongKeyType)?;
    let signature = multibase::decode_base58btc(proof.proof_value).map_err(|_| ProofError::BadEncoding)?;
    let config = proof_config(credential, proof.object);
    let data = hash_data_omitting(credential, Some("proof"), &config, documents)?;
    ed25519::verify_with(public, &data, &signature)
}

/// Whether the credential (without its proofs) holds up as JSON-LD in safe mode under its
/// contexts: run for credentials that use contexts from the caller's `documents`.
/// (Canonicalization adds nothing to that: it fails only on graphs too complex to order.)
pub fn check_processing(doc: &Map<String, Value>, documents: &BTreeMap<String, String>) -> Result<(), jsonld::Error> {
    quads_omitting(doc, Some("proof"), documents).map(drop)
}
