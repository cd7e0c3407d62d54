//! Remote contexts come from the caller, never from the network; processed contexts are
//! cached so each bundled context is processed once per process.

use std::sync::{Arc, Mutex, OnceLock};

use serde_json::Value;

use super::super::fnv::FnvMap;
use super::context::{next_id, ActiveContext};

/// A context document the caller supplies for a URL (a bundled context, or one from the
/// verifier's `documents` option).
#[derive(Debug)]
pub struct RemoteContext {
    pub(crate) id: u64,
    pub(crate) url: Arc<str>,
    document: Document,
    pub(crate) cacheable: bool,
    /// One of the crate's bundled contexts ([`contexts::BUNDLED`](crate::canon::contexts::BUNDLED)).
    pub(crate) bundled: bool,
}

/// A context document, parsed or not yet.
#[derive(Debug)]
enum Document {
    Value(Value),
    /// A bundled context: its text, its definitions pre-processed at build time (see
    /// [`frozen`](super::frozen)), and the text parsed only if something needs the JSON after
    /// all (an `@import`, or a context applied where the pre-processed form does not hold).
    Bundled { text: &'static str, frozen: &'static str, parsed: OnceLock<Option<Value>> },
}

impl RemoteContext {
    /// A long-lived context document (bundled with the program): what is processed from it is
    /// kept in the [`ContextCache`] and reused by later documents.
    pub fn new(url: &str, document: Value) -> Self {
        Self { id: next_id(), url: url.into(), document: Document::Value(document), cacheable: true, bundled: false }
    }

    /// The crate's bundled context for `url`
    /// ([`contexts::BUNDLED`](crate::canon::contexts::BUNDLED)), as verification uses it: from
    /// its pre-processed form, its JSON parsed only if something needs it.
    pub fn bundled_context(url: &str) -> Option<Self> {
        Self::bundled_text(url, crate::canon::contexts::bundled(url)?)
    }

    /// A bundled context from its text: with its pre-processed form where it has one (nothing
    /// is parsed until needed), else parsed now. `None` if the text does not parse.
    pub(crate) fn bundled_text(url: &str, text: &'static str) -> Option<Self> {
        match super::frozen::lookup(url) {
            Some(form) => Some(Self::frozen(url, text, form)),
            None => Some(Self::bundled(url, serde_json::from_str(text).ok()?)),
        }
    }

    /// A bundled context with its pre-processed form: nothing is parsed until needed.
    pub(crate) fn frozen(url: &str, text: &'static str, frozen: &'static str) -> Self {
        Self {
            document: Document::Bundled { text, frozen, parsed: OnceLock::new() },
            bundled: true,
            ..Self::new(url, Value::Null)
        }
    }

    /// The context document as JSON (`None` for a bundled text that does not parse, which a
    /// test rules out).
    pub(crate) fn document(&self) -> Option<&Value> {
        match &self.document {
            Document::Value(v) => Some(v),
            Document::Bundled { text, parsed, .. } => parsed.get_or_init(|| serde_json::from_str(text).ok()).as_ref(),
        }
    }

    /// The pre-processed form and the text its scoped contexts are slices of, if any.
    pub(crate) fn frozen_form(&self) -> Option<(&'static str, &'static str)> {
        match &self.document {
            Document::Bundled { text, frozen, .. } => Some((frozen, text)),
            Document::Value(_) => None,
        }
    }

    /// One of the crate's bundled contexts: long-lived, and fixed data whose scoped contexts a
    /// test has validated, so processing skips validating them again.
    pub(crate) fn bundled(url: &str, document: Value) -> Self {
        Self { bundled: true, ..Self::new(url, document) }
    }

    /// A context document for one document only: processed per document, never kept in the
    /// shared cache (which it would only fill). Verification keeps supplied documents in a
    /// [`SuppliedContexts`] instead.
    pub fn transient(url: &str, document: Value) -> Self {
        Self { cacheable: false, ..Self::new(url, document) }
    }

    /// The URL the context is known by.
    pub fn url(&self) -> &str {
        &self.url
    }
}

/// Most context documents a [`SuppliedContexts`] keeps.
const MAX_SUPPLIED: usize = 16;

/// Most bytes of text a [`SuppliedContexts`] keeps, all documents together (one document at the
/// limit of the `documents` option fits).
const MAX_SUPPLIED_BYTES: usize = 1024 * 1024;

/// Context documents the caller supplies (the verifier's `documents` option), kept by URL and
/// exact text so that each is processed once, as the bundled ones are: a page verifying fifty
/// credentials under one supplied context parses and processes it once, and what is derived
/// from it is found again in the [`ContextCache`]. Another text for the same URL is another
/// context. Kept are the 16 most recently used (`MAX_SUPPLIED`), at most 1 MiB of text together
/// (`MAX_SUPPLIED_BYTES`). They are long-lived but not bundled: their scoped contexts are validated
/// and no pre-processed form applies after them.
#[derive(Debug, Default)]
pub struct SuppliedContexts {
    /// Text and context, least recently used first.
    kept: Mutex<Vec<(Box<str>, Arc<RemoteContext>)>>,
}

impl SuppliedContexts {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// The context document `text` supplied for `url`: the one kept for this URL and text, else
    /// `parse(text)`, kept. `None` if it does not parse (nothing is kept then).
    pub fn get(&self, url: &str, text: &str, parse: impl FnOnce(&str) -> Option<Value>) -> Option<Arc<RemoteContext>> {
        if let Some(found) = self.find(url, text) {
            return Some(found);
        }
        let parsed = Arc::new(RemoteContext::new(url, parse(text)?));
        let Ok(mut kept) = self.kept.lock() else { return Some(parsed) };
        // Another thread may have kept the same document meanwhile: one entry, one identity.
        if let Some(found) = Self::take(&mut kept, url, text) {
            return Some(found);
        }
        kept.push((text.into(), parsed.clone()));
        let mut bytes: usize = kept.iter().map(|(t, _)| t.len()).sum();
        while kept.len() > MAX_SUPPLIED || bytes > MAX_SUPPLIED_BYTES {
            let (t, _) = kept.remove(0);
            bytes = bytes.saturating_sub(t.len());
        }
        Some(parsed)
    }

    /// The kept context for `url` and `text`, now the most recently used.
    fn find(&self, url: &str, text: &str) -> Option<Arc<RemoteContext>> {
        Self::take(&mut *self.kept.lock().ok()?, url, text)
    }

    fn take(kept: &mut Vec<(Box<str>, Arc<RemoteContext>)>, url: &str, text: &str) -> Option<Arc<RemoteContext>> {
        let at = kept.iter().position(|(t, c)| &*c.url == url && &**t == text)?;
        let entry = kept.remove(at);
        let found = entry.1.clone();
        kept.push(entry);
        Some(found)
    }

    /// How many documents are kept.
    pub fn len(&self) -> usize {
        self.kept.lock().map_or(0, |k| k.len())
    }

    /// Whether none is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Where remote contexts come from: the caller's function from a URL to its document.
/// `None` makes processing fail with [`Error::UnknownContext`](super::Error::UnknownContext).
pub type Loader<'l> = &'l dyn Fn(&str) -> Option<Arc<RemoteContext>>;

/// Most processed contexts kept; past this the cache starts over (bounded memory whatever
/// documents arrive).
const MAX_CACHED: usize = 512;

/// A cache of processed contexts, shared by every document processed with it: the result of
/// applying a long-lived remote context, or a scoped context defined in one, to an active
/// context built only from long-lived contexts. Keep one for the life of the program.
#[derive(Debug, Default)]
pub struct ContextCache {
    processed: Mutex<FnvMap<CacheKey, Arc<ActiveContext>>>,
    initial: Mutex<Vec<(Option<String>, Arc<ActiveContext>)>>,
}

/// What a processed context depends on: the active context it was applied to, the local
/// context, and the processing flags.
pub(crate) type CacheKey = (u64, u64, u8);

impl ContextCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    pub(crate) fn get(&self, key: &CacheKey) -> Option<Arc<ActiveContext>> {
        self.processed.lock().ok().and_then(|m| m.get(key).cloned())
    }

    pub(crate) fn put(&self, key: CacheKey, value: Arc<ActiveContext>) {
        if let Ok(mut m) = self.processed.lock() {
            if m.len() >= MAX_CACHED {
                m.clear();
            }
            m.insert(key, value);
        }
    }

    /// The initial active context for a base IRI, the same one each time so cached results
    /// built on it are found again.
    pub(crate) fn initial(&self, base: Option<&str>) -> Arc<ActiveContext> {
        let Ok(mut list) = self.initial.lock() else {
            return Arc::new(ActiveContext::initial(base));
        };
        if let Some((_, ctx)) = list.iter().find(|(b, _)| b.as_deref() == base) {
            return ctx.clone();
        }
        let ctx = Arc::new(ActiveContext::initial(base));
        if list.len() >= 16 {
            list.clear();
        }
        list.push((base.map(str::to_owned), ctx.clone()));
        ctx
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<Value> {
        serde_json::from_str(text).ok()
    }

    #[test]
    fn a_supplied_context_is_kept_by_url_and_text() {
        let supplied = SuppliedContexts::new();
        let a = supplied.get("urn:a", r#"{"@context":{"x":"urn:x"}}"#, parse).unwrap();
        let again = supplied.get("urn:a", r#"{"@context":{"x":"urn:x"}}"#, |_| panic!("parsed twice")).unwrap();
        assert!(Arc::ptr_eq(&a, &again) && a.cacheable && !a.bundled);
        // Another text for the URL, or the text for another URL: another context.
        let changed = supplied.get("urn:a", r#"{"@context":{"x":"urn:y"}}"#, parse).unwrap();
        let moved = supplied.get("urn:b", r#"{"@context":{"x":"urn:x"}}"#, parse).unwrap();
        assert!(!Arc::ptr_eq(&a, &changed) && !Arc::ptr_eq(&a, &moved) && a.id != changed.id);
        assert_eq!(changed.document(), Some(&serde_json::json!({"@context": {"x": "urn:y"}})));
        // What does not parse is not kept.
        assert!(supplied.get("urn:c", "{", parse).is_none());
        assert_eq!(supplied.len(), 3);
    }

    #[test]
    fn supplied_contexts_are_bounded_least_recently_used_first() {
        let supplied = SuppliedContexts::new();
        let text = |i: usize| format!(r#"{{"@context":{{"x":"urn:{i}"}}}}"#);
        let first = supplied.get("urn:0", &text(0), parse).unwrap();
        for i in 1..40 {
            supplied.get(&format!("urn:{i}"), &text(i), parse).unwrap();
            // Used all along, the first stays.
            assert!(Arc::ptr_eq(&first, &supplied.get("urn:0", &text(0), |_| None).unwrap()), "{i}");
        }
        assert_eq!(supplied.len(), MAX_SUPPLIED);
        // Past the byte budget the oldest go, whatever their number.
        let big = |c: char| format!(r#"{{"@context":{{"x":"urn:{}"}}}}"#, c.to_string().repeat(MAX_SUPPLIED_BYTES / 2));
        supplied.get("urn:big1", &big('a'), parse).unwrap();
        supplied.get("urn:big2", &big('b'), parse).unwrap();
        assert_eq!(supplied.len(), 1, "two half-budget documents do not fit with anything else");
        assert!(supplied.get("urn:big2", &big('b'), |_| None).is_some());
    }
}
