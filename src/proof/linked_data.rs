//! The RDF suites: `eddsa-rdfc-2022` (<https://www.w3.org/TR/vc-di-eddsa/#eddsa-rdfc-2022>)
//! and `Ed25519Signature2020` (<https://w3c-ccg.github.io/di-eddsa-2020/>). Both sign
//! SHA-256(RDFC(proof config)) ‖ SHA-256(RDFC(document)), where the proof configuration is the
//! proof without its value, under the document's `@context`.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value};

use super::data_integrity::{hash_pair, DataIntegrityProof};
use super::{ed25519, ProofError};
use crate::canon::jsonld::{self, ContextCache, Item, Options, RemoteContext, SuppliedContexts};
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

/// The context document `text` the caller supplied for `url` (in `documents`), kept across
/// verifications by URL and text ([`SuppliedContexts`]); `None` if it is larger than any
/// supplied document may be, or not JSON.
pub(crate) fn supplied_context(url: &str, text: &str) -> Option<Arc<RemoteContext>> {
    static SUPPLIED: OnceLock<SuppliedContexts> = OnceLock::new();
    if text.len() > crate::limits::MAX_DOCUMENT_BYTES {
        return None;
    }
    SUPPLIED.get_or_init(SuppliedContexts::new).get(url, text, |text| crate::input::parse_json(text).ok())
}

/// The canonical N-Quads of a JSON-LD document: bundled contexts first, then the caller's
/// `documents` (each kept by URL and text, and processed once: see [`SuppliedContexts`]).
pub fn canonical_nquads(doc: &Map<String, Value>, documents: &BTreeMap<String, String>) -> Result<String, ProofError> {
    canonical(&expand(doc, None, documents).map_err(ProofError::LinkedData)?)
}

/// The canonical N-Quads of the expanded document `items`: its quads (safe mode), then
/// RDFC-1.0, each failure as the suites report it.
fn canonical(items: &[Item<'_>]) -> Result<String, ProofError> {
    let quads = rdf(items).map_err(ProofError::LinkedData)?;
    rdfc::canonicalize(&quads).map_err(|_| ProofError::TooComplex)
}

/// `doc` expanded (JSON-LD in safe mode) as if its top-level entry `omit` were absent.
fn expand<'d>(
    doc: &'d Map<String, Value>,
    omit: Option<&str>,
    documents: &BTreeMap<String, String>,
) -> Result<Vec<Item<'d>>, jsonld::Error> {
    let loader = |url: &str| -> Option<Arc<RemoteContext>> {
        if let Some(ctx) = bundled(url) {
            return Some(ctx);
        }
        supplied_context(url, documents.get(url)?)
    };
    jsonld::expand_object(doc, &Options { omit, ..Options::new(&loader).with_cache(cache()) })
}

/// The RDF quads of the expanded document `items` (safe mode), borrowing from it.
fn rdf<'e>(items: &'e [Item<'_>]) -> Result<Vec<Quad<'e>>, jsonld::Error> {
    // Conversion reads no context: the options' safe mode and limits only.
    let none = |_: &str| -> Option<Arc<RemoteContext>> { None };
    jsonld::expanded_to_rdf(items, &Options::new(&none))
}

/// The 64 bytes signed by both RDF suites.
pub fn hash_data(document: &Map<String, Value>, proof_config: &Map<String, Value>, documents: &BTreeMap<String, String>) -> Result<[u8; 64], ProofError> {
    let canon_doc = canonical_nquads(document, documents)?;
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

/// A credential's unsecured document (without `proof`) expanded, and its canonical N-Quads,
/// made at most once per credential: the safe-mode check under supplied contexts and every RDF
/// proof of a proof set share them, where each used to process the credential again. (Its
/// quads are not kept: they borrow from the expanded form, and are made where needed.)
pub struct Unsecured<'d> {
    credential: &'d Map<String, Value>,
    documents: &'d BTreeMap<String, String>,
    expanded: OnceCell<Result<Vec<Item<'d>>, jsonld::Error>>,
    canonical: OnceCell<Result<String, ProofError>>,
}

impl<'d> Unsecured<'d> {
    /// The unsecured form of `credential`, under bundled contexts and the caller's `documents`;
    /// nothing is computed until asked.
    pub fn new(credential: &'d Map<String, Value>, documents: &'d BTreeMap<String, String>) -> Self {
        Self { credential, documents, expanded: OnceCell::new(), canonical: OnceCell::new() }
    }

    /// Whether the credential (without its proofs) holds up as JSON-LD in safe mode under its
    /// contexts: run for credentials that use contexts from the caller's `documents`.
    /// (Canonicalization adds nothing to that: it fails only on graphs too complex to order.)
    pub fn check_processing(&self) -> Result<(), jsonld::Error> {
        rdf(self.expanded()?).map(drop)
    }

    fn expanded(&self) -> Result<&[Item<'d>], jsonld::Error> {
        let expanded = self.expanded.get_or_init(|| expand(self.credential, Some("proof"), self.documents));
        expanded.as_deref().map_err(Clone::clone)
    }

    /// The canonical N-Quads.
    fn canonical(&self) -> Result<&str, ProofError> {
        let canonical = self.canonical.get_or_init(|| canonical(self.expanded().map_err(ProofError::LinkedData)?));
        canonical.as_deref().map_err(Clone::clone)
    }
}

/// Verifies an `eddsa-rdfc-2022` or `Ed25519Signature2020` proof on the credential with `key`.
pub fn verify(unsecured: &Unsecured<'_>, proof: &DataIntegrityProof<'_>, key: &ResolvedKey) -> Result<(), ProofError> {
    let credential = unsecured.credential;
    proof.check_context(credential)?;
    let public = key.ed25519_key().ok_or(ProofError::WrongKeyType)?;
    let signature = multibase::decode_base58btc(proof.proof_value).map_err(|_| ProofError::BadEncoding)?;
    let canon_doc = unsecured.canonical()?;
    let canon_config = canonical_nquads(&proof_config(credential, proof.object), unsecured.documents)?;
    ed25519::verify_with(public, &hash_pair(&canon_config, canon_doc), &signature)
}

/// How far [`stages`] runs the checking of an RDF proof.
#[cfg(feature = "bench-exports")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    /// The unsecured document as RDF: JSON-LD expansion and toRdf under the bundled contexts.
    UnsecuredRdf,
    /// ... and its canonical N-Quads (RDFC-1.0).
    UnsecuredCanonical,
    /// ... and the proof configuration's canonical N-Quads.
    Config,
    /// ... and the two SHA-256 hashes the signature covers.
    Hashes,
}

/// The work of [`verify`] up to `stage`, for the bench's breakdown of a warm verification
/// (`bench-exports` only): what `verify` does, less the key and the signature check. Returns
/// the bytes or quads last made, so that no stage can be left out unnoticed.
#[cfg(feature = "bench-exports")]
pub(crate) fn stages(credential: &Map<String, Value>, proof: &Map<String, Value>, stage: Stage) -> Result<usize, ProofError> {
    let none = BTreeMap::new();
    let unsecured = Unsecured::new(credential, &none);
    if stage == Stage::UnsecuredRdf {
        return unsecured.expanded().and_then(rdf).map(|quads| quads.len()).map_err(ProofError::LinkedData);
    }
    let canon_doc = unsecured.canonical()?;
    if stage == Stage::UnsecuredCanonical {
        return Ok(canon_doc.len());
    }
    let canon_config = canonical_nquads(&proof_config(credential, proof), &none)?;
    if stage == Stage::Config {
        return Ok(canon_config.len());
    }
    Ok(hash_pair(&canon_config, canon_doc).iter().map(|&b| usize::from(b)).sum())
}
