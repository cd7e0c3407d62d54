//! JSON-LD 1.1 for credentials: context processing, expansion and conversion to RDF, built
//! for what Data Integrity proofs need and nothing more.
//!
//! ## Overview
//! A credential's `@context` names remote contexts by URL. They are never fetched: the
//! caller's [`Loader`] returns each document (bundled, or supplied for one verification), and
//! an unknown URL is [`Error::UnknownContext`]. Processed contexts go into a [`ContextCache`]
//! that the caller keeps for the life of the program, so each is processed once per process,
//! lazily, on first use. The crate's bundled contexts, and the scoped contexts in them, come
//! pre-processed at build time (`contexts/frozen.txt`): their term definitions are merged into
//! the active context without parsing their JSON, wherever that gives what processing would.
//!
//! [`to_rdf`] runs the JSON-LD 1.1 API's Expansion algorithm (§5.1), then Node Map Generation
//! (§7.2) and Deserialize JSON-LD to RDF (§8.1) in one walk of the expanded form, writing
//! literals as jsonld.js writes them (`3.5` → `"3.5E0"`, `1e21` → `"1.0E21"`, language tags
//! lower-cased), because the signatures to check were made with jsonld.js. The quads go to
//! RDFC-1.0.
//!
//! **Safe mode** ([`Options::safe`], on by default) is what Data Integrity requires: wherever
//! JSON-LD would drop or alter data silently — a term no context defines, a relative `@type`
//! or `@id`, a free-floating value — processing fails with [`Error::DataLoss`].
//!
//! Every input-driven quantity is bounded by [`Limits`]: nesting, items, quads, context
//! nesting and context-processing work, each with its own error.
//!
//! ## Usage
//! ```
//! use std::sync::Arc;
//! use verified_badge::canon::jsonld::{to_rdf, ContextCache, Options, RemoteContext};
//!
//! let ctx = Arc::new(RemoteContext::new(
//!     "https://example.org/ctx",
//!     serde_json::json!({"@context": {"name": "https://schema.org/name"}}),
//! ));
//! let loader = move |url: &str| (url == "https://example.org/ctx").then(|| ctx.clone());
//! let cache = ContextCache::new(); // keep one for the life of the program
//! let doc = serde_json::json!({
//!     "@context": "https://example.org/ctx", "@id": "urn:x:1", "name": "Ada"
//! });
//! let quads = to_rdf(&doc, &Options::new(&loader).with_cache(&cache)).unwrap();
//! assert_eq!(quads.len(), 1);
//! ```

#[cfg(test)]
mod compare;
mod context;
mod decimal;
mod error;
mod expand;
mod expanded;
mod frozen;
pub(crate) mod iri;
mod loader;
mod number;
mod term;
mod to_rdf;

use std::sync::Arc;

use serde_json::{Map, Value};

use super::rdf::Quad;
use context::{process, ActiveContext, Env, Flags};
pub use error::{Error, Result};
pub use expanded::{to_json, Direction, Item, List, Node, Scalar, Text, ValueObject};
pub use loader::{ContextCache, Loader, RemoteContext, SuppliedContexts};

/// Bounds on the work one document may cause. Crossing one is an error, never a panic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of arrays and objects expanded ([`Error::TooDeep`]).
    pub max_depth: usize,
    /// Most expanded items, and most items and nodes converted to RDF ([`Error::TooLarge`]).
    pub max_items: usize,
    /// Most quads produced ([`Error::TooLarge`]).
    pub max_quads: usize,
    /// Longest chain of remote contexts including one another ([`Error::ContextOverflow`]).
    pub max_remote_contexts: usize,
    /// Deepest nesting of context processing: scoped contexts defined within scoped contexts
    /// and remote contexts ([`Error::ContextOverflow`]).
    pub max_context_depth: usize,
    /// Most term definitions and context processings for one document, not counting those
    /// found in the cache ([`Error::ContextOverflow`]).
    pub max_context_work: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: 64,
            max_items: 100_000,
            max_quads: 100_000,
            max_remote_contexts: 32,
            max_context_depth: 32,
            max_context_work: 100_000,
        }
    }
}

/// How to process a document.
#[derive(Clone, Copy)]
pub struct Options<'l> {
    /// Where remote contexts come from.
    pub loader: Loader<'l>,
    /// Where processed contexts are kept between documents (`None`: nothing is kept).
    pub cache: Option<&'l ContextCache>,
    /// The base IRI relative IRIs resolve against (`None`, as Data Integrity verifiers use
    /// it: relative IRIs stay relative, and safe mode rejects them).
    pub base: Option<&'l str>,
    /// Data Integrity's safe mode: fail with [`Error::DataLoss`] instead of dropping data.
    pub safe: bool,
    /// The bounds on work.
    pub limits: Limits,
    /// A top-level entry of the document to process as if it were absent (Data Integrity's
    /// unsecured document is the secured one without `proof`): saves copying the document.
    /// Only the top-level object is affected; an omitted `@context` still applies.
    pub omit: Option<&'l str>,
    /// A context applied before the document's own (the API's `expandContext`).
    #[doc(hidden)]
    pub expand_context: Option<&'l Value>,
    /// JSON-LD 1.0 processing mode (for the conformance suite only).
    #[doc(hidden)]
    pub processing_mode_1_0: bool,
}

impl<'l> Options<'l> {
    /// Safe mode, no base IRI, default limits, no cache.
    pub fn new(loader: Loader<'l>) -> Self {
        Self {
            loader,
            cache: None,
            base: None,
            safe: true,
            limits: Limits::default(),
            omit: None,
            expand_context: None,
            processing_mode_1_0: false,
        }
    }

    /// These options with a context cache.
    pub fn with_cache(self, cache: &'l ContextCache) -> Self {
        Self { cache: Some(cache), ..self }
    }

    /// These options with a top-level entry left out (see [`Options::omit`]).
    pub fn omitting(self, key: &'l str) -> Self {
        Self { omit: Some(key), ..self }
    }

    fn env(&self) -> Env<'l> {
        Env::new(self.loader, self.cache, self.safe, self.processing_mode_1_0, self.limits)
    }
}

impl std::fmt::Debug for Options<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("base", &self.base)
            .field("safe", &self.safe)
            .field("omit", &self.omit)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

/// Expands a JSON-LD document (JSON-LD 1.1 API `expand()`), borrowing from it.
pub fn expand<'a>(document: &'a Value, options: &Options<'_>) -> Result<Vec<Item<'a>>> {
    match document {
        Value::Object(map) => expand_object(map, options),
        other => {
            // `omit` names an entry of a top-level object: an array's objects keep theirs.
            let (mut expander, active) = expander(&Options { omit: None, ..*options })?;
            expander.expand_document(&active, other)
        }
    }
}

/// [`expand`] of a document that is a JSON object, borrowed as it is (no `Value` around it).
pub fn expand_object<'a>(document: &'a Map<String, Value>, options: &Options<'_>) -> Result<Vec<Item<'a>>> {
    let (mut expander, active) = expander(options)?;
    expander.expand_document_object(&active, document)
}

/// The expander and initial active context (with `expandContext` applied) for `options`.
fn expander<'l>(options: &Options<'l>) -> Result<(expand::Expander<'l>, Arc<ActiveContext>)> {
    let mut env = options.env();
    let initial = match options.cache {
        Some(cache) => cache.initial(options.base),
        None => Arc::new(ActiveContext::initial(options.base)),
    };
    let base_url: Option<Arc<str>> = options.base.map(Into::into);
    let active = match options.expand_context {
        Some(ctx) => {
            let local = ctx.get("@context").unwrap_or(ctx);
            process(&mut env, &initial, local, base_url.as_ref(), &mut Vec::new(), Flags::DEFAULT, false)?
        }
        None => initial,
    };
    Ok((expand::Expander::new(env, options.base, options.omit), active))
}

/// Converts an expanded document to RDF quads (JSON-LD 1.1 API `toRdf()` after expansion),
/// borrowing their IRIs and strings from `items`. Blank nodes are labeled `b0`, `b1`, … in
/// document order. The quads are a set: one the document states twice (a node or a value
/// written twice) may be there twice, as RDFC-1.0 and any reader of a dataset take it once.
pub fn expanded_to_rdf<'e>(items: &'e [Item<'_>], options: &Options<'_>) -> Result<Vec<Quad<'e>>> {
    to_rdf::RdfWriter::new(options.safe, &options.limits).write(items)
}

/// The RDF dataset of a JSON-LD document (JSON-LD 1.1 API `toRdf()`): expansion, node map
/// generation and conversion (in one walk, repeats kept: see [`expanded_to_rdf`]), as the
/// quads RDFC-1.0 canonicalizes, owning their terms. (Verification borrows them instead:
/// [`expand_object`], then [`expanded_to_rdf`].)
pub fn to_rdf(document: &Value, options: &Options<'_>) -> Result<Vec<Quad<'static>>> {
    owned_rdf(&expand(document, options)?, options)
}

/// [`to_rdf`] of a document that is a JSON object, borrowed as it is (no `Value` around it).
pub fn to_rdf_object(document: &Map<String, Value>, options: &Options<'_>) -> Result<Vec<Quad<'static>>> {
    owned_rdf(&expand_object(document, options)?, options)
}

/// [`expanded_to_rdf`], the quads owning their terms (the expanded form does not outlive them).
fn owned_rdf(items: &[Item<'_>], options: &Options<'_>) -> Result<Vec<Quad<'static>>> {
    Ok(expanded_to_rdf(items, options)?.into_iter().map(Quad::into_owned).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn none(_: &str) -> Option<Arc<RemoteContext>> {
        None
    }

    #[test]
    fn unknown_context_is_an_error_not_a_fetch() {
        let doc = json!({"@context": "https://example.org/unknown", "@id": "urn:x"});
        let err = to_rdf(&doc, &Options::new(&none)).unwrap_err();
        assert_eq!(err, Error::UnknownContext("https://example.org/unknown".into()));
        assert_eq!(err.code(), "context.unknown");
    }

    #[test]
    fn safe_mode_refuses_dropped_terms_and_relative_types() {
        let undefined = json!({"@context": {"a": "urn:a"}, "@id": "urn:x", "a": 1, "b": 2});
        assert_eq!(to_rdf(&undefined, &Options::new(&none)).unwrap_err().code(), "jsonld.data_loss");
        let relative = json!({"@context": {"a": "urn:a"}, "@id": "urn:x", "@type": "T", "a": 1});
        assert_eq!(to_rdf(&relative, &Options::new(&none)).unwrap_err(), Error::DataLoss("relative @type reference"));
        let lax = Options { safe: false, ..Options::new(&none) };
        assert_eq!(to_rdf(&undefined, &lax).unwrap().len(), 1);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let mut doc = json!("leaf");
        for _ in 0..200 {
            doc = json!({"urn:p": doc});
        }
        assert_eq!(to_rdf(&doc, &Options::new(&none)).unwrap_err(), Error::TooDeep);
    }

    #[test]
    fn long_term_chains_are_bounded() {
        let mut ctx = serde_json::Map::new();
        for i in 0..500 {
            ctx.insert(format!("t{i}"), json!(format!("t{}:x", i + 1)));
        }
        ctx.insert("t500".into(), json!("urn:end/"));
        let doc = json!({"@context": ctx, "@id": "urn:x", "t0": 1});
        assert_eq!(to_rdf(&doc, &Options::new(&none)).unwrap_err(), Error::ContextOverflow);
    }

    #[test]
    fn item_and_quad_counts_are_bounded() {
        let doc = json!({"@id": "urn:x", "urn:p": (0..100).collect::<Vec<_>>()});
        let mut small = Options::new(&none);
        small.limits.max_quads = 10;
        assert_eq!(to_rdf(&doc, &small).unwrap_err(), Error::TooLarge);
        small.limits = Limits { max_items: 10, ..Limits::default() };
        assert_eq!(to_rdf(&doc, &small).unwrap_err(), Error::TooLarge);
    }

    #[test]
    fn many_properties_and_values_stay_fast() {
        let mut node = serde_json::Map::new();
        node.insert("@id".into(), json!("urn:x"));
        for i in 0..5000 {
            node.insert(format!("urn:p{i}"), json!(["same", "same", i]));
        }
        let quads = to_rdf(&Value::Object(node), &Options::new(&none)).unwrap();
        // Each property's repeated "same" is one statement: written twice, read once.
        assert_eq!(quads.len(), 15_000);
        let canonical = crate::canon::rdfc::canonicalize(&quads).unwrap();
        assert_eq!(canonical.lines().count(), 10_000);
        assert_eq!(canonical.matches("\"same\"").count(), 5_000);
    }

    #[test]
    fn omitting_a_top_level_entry_is_as_if_it_were_absent() {
        let with = json!({"@context": {"@vocab": "urn:v:"}, "@id": "urn:x", "a": 1, "proof": {"a": 2}, "n": {"proof": 3}});
        let without = json!({"@context": {"@vocab": "urn:v:"}, "@id": "urn:x", "a": 1, "n": {"proof": 3}});
        let omitting = Options::new(&none).omitting("proof");
        let quads = to_rdf(&with, &omitting).unwrap();
        assert_eq!(quads, to_rdf(&without, &Options::new(&none)).unwrap());
        assert_eq!(quads.len(), 3, "the nested `proof` entry stays");
        assert_ne!(quads, to_rdf(&with, &Options::new(&none)).unwrap());
        let array = Value::Array(vec![with.clone()]);
        assert_eq!(to_rdf(&array, &omitting).unwrap(), to_rdf(&with, &Options::new(&none)).unwrap(), "not in an array");
    }

    #[test]
    fn cache_reuses_processed_contexts() {
        let ctx = Arc::new(RemoteContext::new("urn:ctx", json!({"@context": {"@vocab": "urn:v:"}})));
        let loader = move |url: &str| (url == "urn:ctx").then(|| ctx.clone());
        let cache = ContextCache::new();
        let doc = json!({"@context": "urn:ctx", "@id": "urn:x", "name": "a"});
        let options = Options::new(&loader).with_cache(&cache);
        let first = to_rdf(&doc, &options).unwrap();
        assert_eq!(to_rdf(&doc, &options).unwrap(), first);
        assert_eq!(first.len(), 1);
    }
}
