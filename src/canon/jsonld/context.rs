//! Active contexts and the Context Processing algorithms ([JSON-LD 1.1 API §4.1, §4.2]),
//! with IRI expansion as it runs while a local context is being defined (§5.2).
//!
//! Processed contexts are immutable and shared (`Arc`); each has an id, so the result of
//! applying a local context to it can be cached (see [`ContextCache`]).
//!
//! [JSON-LD 1.1 API §4.1, §4.2]: https://www.w3.org/TR/json-ld11-api/#context-processing-algorithms

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde_json::{Map, Value};

use super::super::fnv::FnvMap;
use super::error::{Error, Result};
use super::expanded::{Direction, Text};
use super::frozen;
use super::iri::{ends_with_gen_delim, has_scheme, is_blank, is_keyword, looks_like_keyword, resolve};
use super::loader::{CacheKey, ContextCache, Loader};
use super::term::{Container, ScopedContext, Source, TermDef};
use super::Limits;

/// A fresh identity for a context or scoped context (unique in the process).
pub(crate) fn next_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

type Terms = FnvMap<Arc<str>, Arc<TermDef>>;

/// A processed JSON-LD context: term definitions and defaults, ready for expansion.
#[derive(Debug, Clone)]
pub struct ActiveContext {
    pub(crate) id: u64,
    /// Built only from long-lived contexts, so results derived from it may be shared.
    pub(crate) cacheable: bool,
    /// Built only from the crate's bundled contexts: where a bundled context's scoped contexts
    /// skip validation (`Defining::trusted`) and its pre-processed form applies. Contexts the
    /// caller supplies may be long-lived (cached) but never make a context this.
    pub(crate) bundled_only: bool,
    pub(crate) terms: Terms,
    pub(crate) base: Option<Arc<str>>,
    pub(crate) original_base: Option<Arc<str>>,
    pub(crate) vocab: Option<Arc<str>>,
    pub(crate) language: Option<Arc<str>>,
    pub(crate) direction: Option<Direction>,
    /// The context to return to when a non-propagated (type-scoped) context ends.
    pub(crate) previous: Option<Arc<ActiveContext>>,
}

impl ActiveContext {
    /// A newly initialized active context with this base IRI.
    pub(crate) fn initial(base: Option<&str>) -> Self {
        let base: Option<Arc<str>> = base.map(Into::into);
        Self {
            id: next_id(),
            cacheable: true,
            bundled_only: true,
            terms: Terms::default(),
            original_base: base.clone(),
            base,
            vocab: None,
            language: None,
            direction: None,
            previous: None,
        }
    }

    /// The definition of `term`, if any.
    pub(crate) fn term(&self, term: &str) -> Option<&Arc<TermDef>> {
        let found = self.terms.get(term);
        #[cfg(test)]
        frozen::reads::term(term, found.map(|d| &**d));
        found
    }

    /// The vocabulary mapping (its reads are recorded when contexts are pre-processed).
    fn vocab(&self) -> Option<&Arc<str>> {
        #[cfg(test)]
        frozen::reads::vocab(self.vocab.as_deref());
        self.vocab.as_ref()
    }

    /// The base IRI (its reads are recorded when contexts are pre-processed).
    fn base(&self) -> Option<&Arc<str>> {
        #[cfg(test)]
        frozen::reads::base(self.base.is_some());
        self.base.as_ref()
    }
}

/// The processing flags of one Context Processing call.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Flags {
    pub(crate) override_protected: bool,
    pub(crate) propagate: bool,
    pub(crate) validate_scoped: bool,
    /// The local context is one of the crate's bundled contexts (or a scoped context in one).
    pub(crate) bundled: bool,
}

impl Flags {
    /// Flags for a context that is not scoped and not inside a term definition.
    pub(crate) const DEFAULT: Self = Self { override_protected: false, propagate: true, validate_scoped: true, bundled: false };
}

/// Per-document processing state: the caller's loader and cache, the options, the work
/// counters behind the limits, and a memo of scoped contexts applied in this document.
pub(crate) struct Env<'l> {
    pub(crate) loader: Loader<'l>,
    pub(crate) cache: Option<&'l ContextCache>,
    pub(crate) memo: FnvMap<CacheKey, Arc<ActiveContext>>,
    pub(crate) safe: bool,
    pub(crate) mode10: bool,
    pub(crate) limits: Limits,
    /// Context processings and term definitions so far.
    work: usize,
    /// Nesting of context processing calls.
    depth: usize,
}

impl<'l> Env<'l> {
    pub(crate) fn new(loader: Loader<'l>, cache: Option<&'l ContextCache>, safe: bool, mode10: bool, limits: Limits) -> Self {
        Self { loader, cache, memo: FnvMap::default(), safe, mode10, limits, work: 0, depth: 0 }
    }

    /// Fails in safe mode: `what` would be dropped or changed silently.
    pub(crate) fn lossy(&self, what: &'static str) -> Result<()> {
        if self.safe {
            Err(Error::DataLoss(what))
        } else {
            Ok(())
        }
    }

    pub(crate) fn tick(&mut self) -> Result<()> {
        self.work = self.work.saturating_add(1);
        if self.work > self.limits.max_context_work {
            return Err(Error::ContextOverflow);
        }
        Ok(())
    }

    fn key(&self, active: u64, local: u64, flags: Flags) -> CacheKey {
        let bits = u8::from(flags.override_protected)
            | u8::from(flags.propagate) << 1
            | u8::from(flags.validate_scoped) << 2
            | u8::from(self.safe) << 3
            | u8::from(self.mode10) << 4
            | u8::from(flags.bundled) << 5;
        (active, local, bits)
    }

    fn cached(&self, key: &CacheKey, shared: bool) -> Option<Arc<ActiveContext>> {
        if shared {
            if let Some(hit) = self.cache.and_then(|c| c.get(key)) {
                return Some(hit);
            }
        }
        self.memo.get(key).cloned()
    }

    fn remember(&mut self, key: CacheKey, ctx: &Arc<ActiveContext>, shared: bool) {
        match (shared, self.cache) {
            (true, Some(cache)) => cache.put(key, ctx.clone()),
            _ if self.memo.len() < 256 => {
                self.memo.insert(key, ctx.clone());
            }
            _ => {}
        }
    }

    /// Applies a scoped context (of a property or a type) to `active`, memoized.
    pub(crate) fn apply_scoped(
        &mut self,
        active: &Arc<ActiveContext>,
        scoped: &ScopedContext,
        flags: Flags,
    ) -> Result<Arc<ActiveContext>> {
        let flags = Flags { bundled: scoped.bundled, ..flags };
        let key = self.key(active.id, scoped.id, flags);
        let shared = active.cacheable && scoped.cacheable;
        if let Some(hit) = self.cached(&key, shared) {
            return Ok(hit);
        }
        let applied = match (scoped.frozen, scoped.text()) {
            (Some(form), Some(text)) => {
                frozen::apply(self, active, form, text, scoped.base_url.as_ref(), flags, scoped.cacheable)?
            }
            _ => None,
        };
        let out = match applied {
            Some(out) => out,
            None => process(self, active, scoped.value()?, scoped.base_url.as_ref(), &mut Vec::new(), flags, scoped.cacheable)?,
        };
        self.remember(key, &out, shared);
        Ok(out)
    }
}

/// Makes `result` this call's own context (a new identity) before changing it with a local
/// context that is long-lived (`cacheable`) and bundled (`bundled`) or not.
fn edit<'r>(result: &'r mut Arc<ActiveContext>, fresh: &mut bool, cacheable: bool, bundled: bool) -> &'r mut ActiveContext {
    let ctx = Arc::make_mut(result);
    if !*fresh {
        ctx.id = next_id();
        ctx.cacheable = ctx.cacheable && cacheable;
        ctx.bundled_only = ctx.bundled_only && bundled;
        *fresh = true;
    }
    ctx
}

/// The Context Processing algorithm (§4.1.2): `local` applied to `active`.
///
/// `cacheable` says whether `local` comes from a long-lived source (a bundled context, or a
/// supplied one kept by [`SuppliedContexts`](super::SuppliedContexts)).
pub(crate) fn process(
    env: &mut Env<'_>,
    active: &Arc<ActiveContext>,
    local: &Value,
    base_url: Option<&Arc<str>>,
    remote: &mut Vec<Arc<str>>,
    flags: Flags,
    cacheable: bool,
) -> Result<Arc<ActiveContext>> {
    env.tick()?;
    if env.depth >= env.limits.max_context_depth {
        return Err(Error::ContextOverflow);
    }
    env.depth = env.depth.saturating_add(1);
    let out = process_inner(env, active, local, base_url, remote, flags, cacheable);
    env.depth = env.depth.saturating_sub(1);
    out
}

fn process_inner(
    env: &mut Env<'_>,
    active: &Arc<ActiveContext>,
    local: &Value,
    base_url: Option<&Arc<str>>,
    remote: &mut Vec<Arc<str>>,
    flags: Flags,
    cacheable: bool,
) -> Result<Arc<ActiveContext>> {
    let mut result = active.clone();
    let mut fresh = false;
    let mut propagate = flags.propagate;
    if let Some(p) = local.as_object().and_then(|m| m.get("@propagate")) {
        if env.mode10 {
            return Err(Error::Syntax("invalid context entry"));
        }
        propagate = p.as_bool().ok_or(Error::Syntax("invalid @propagate value"))?;
    }
    if !propagate && result.previous.is_none() {
        edit(&mut result, &mut fresh, cacheable, flags.bundled).previous = Some(active.clone());
    }
    let items = match local {
        Value::Array(items) => items.as_slice(),
        other => std::slice::from_ref(other),
    };
    for ctx in items {
        match ctx {
            Value::Null => {
                if !flags.override_protected && result.terms.values().any(|t| t.protected) {
                    return Err(Error::Syntax("invalid context nullification"));
                }
                let mut next = ActiveContext::initial(None);
                next.base = active.original_base.clone();
                next.original_base = active.original_base.clone();
                next.cacheable = result.cacheable && cacheable;
                next.bundled_only = result.bundled_only && flags.bundled;
                if !propagate {
                    next.previous = Some(result.clone());
                }
                result = Arc::new(next);
                fresh = true;
            }
            Value::String(reference) => {
                result = process_remote(env, &result, reference, base_url, remote, flags)?;
                fresh = false;
            }
            Value::Object(map) => {
                process_object(env, &mut result, &mut fresh, map, base_url, remote, flags, cacheable)?;
            }
            _ => return Err(Error::Syntax("invalid local context")),
        }
    }
    Ok(result)
}

/// The URL a context reference names, resolved against the base URL.
fn context_url(reference: &str, base_url: Option<&Arc<str>>) -> Result<Arc<str>> {
    if has_scheme(reference) {
        Ok(reference.into())
    } else if let Some(base) = base_url {
        Ok(resolve(base, reference).into())
    } else {
        Err(Error::UnknownContext(reference.to_owned()))
    }
}

/// §4.1.2 step 5.2: a context given by URL, from the caller's loader.
fn process_remote(
    env: &mut Env<'_>,
    result: &Arc<ActiveContext>,
    reference: &str,
    base_url: Option<&Arc<str>>,
    remote: &mut Vec<Arc<str>>,
    flags: Flags,
) -> Result<Arc<ActiveContext>> {
    let url = context_url(reference, base_url)?;
    if remote.contains(&url) {
        if !flags.validate_scoped {
            return Ok(result.clone());
        }
        return Err(Error::Syntax("recursive context inclusion"));
    }
    if remote.len() >= env.limits.max_remote_contexts {
        return Err(Error::ContextOverflow);
    }
    let doc = (env.loader)(&url).ok_or_else(|| Error::UnknownContext(url.to_string()))?;
    let sub = Flags { override_protected: false, propagate: true, validate_scoped: flags.validate_scoped, bundled: doc.bundled };
    let key = env.key(result.id, doc.id, sub);
    let shared = result.cacheable && doc.cacheable && flags.validate_scoped;
    if flags.validate_scoped {
        if let Some(hit) = env.cached(&key, shared) {
            return Ok(hit);
        }
    }
    let applied = match doc.frozen_form() {
        Some((form, text)) => match frozen::context_object(text) {
            Some(object) => frozen::apply(env, result, form, object, Some(&doc.url), sub, doc.cacheable)?,
            None => None,
        },
        None => None,
    };
    let out = match applied {
        Some(out) => out,
        None => {
            let local = doc.document().and_then(|d| d.as_object()).and_then(|d| d.get("@context"));
            let local = local.ok_or(Error::Syntax("invalid remote context"))?;
            remote.push(url);
            let out = process(env, result, local, Some(&doc.url), remote, sub, doc.cacheable);
            remote.pop();
            out?
        }
    };
    if flags.validate_scoped {
        env.remember(key, &out, shared);
    }
    Ok(out)
}

/// Keys of a local context that are not term definitions.
pub(crate) fn is_context_keyword(key: &str) -> bool {
    matches!(key, "@base" | "@direction" | "@import" | "@language" | "@propagate" | "@protected" | "@version" | "@vocab")
}

/// §4.1.2 step 5.5 onwards: one context object.
#[allow(clippy::too_many_arguments)]
fn process_object(
    env: &mut Env<'_>,
    result: &mut Arc<ActiveContext>,
    fresh: &mut bool,
    map: &Map<String, Value>,
    base_url: Option<&Arc<str>>,
    remote: &mut Vec<Arc<str>>,
    flags: Flags,
    cacheable: bool,
) -> Result<()> {
    if let Some(version) = map.get("@version") {
        if version.as_f64() != Some(1.1) {
            return Err(Error::Syntax("invalid @version value"));
        }
        if env.mode10 {
            return Err(Error::Syntax("processing mode conflict"));
        }
    }
    let imported;
    let map = match map.get("@import") {
        None => map,
        Some(import) => {
            if env.mode10 {
                return Err(Error::Syntax("invalid context entry"));
            }
            let reference = import.as_str().ok_or(Error::Syntax("invalid @import value"))?;
            let url = context_url(reference, base_url)?;
            let doc = (env.loader)(&url).ok_or_else(|| Error::UnknownContext(url.to_string()))?;
            let Some(Value::Object(context)) = doc.document().and_then(|d| d.as_object()).and_then(|d| d.get("@context")) else {
                return Err(Error::Syntax("invalid remote context"));
            };
            if context.contains_key("@import") {
                return Err(Error::Syntax("invalid context entry"));
            }
            let mut merged = context.clone();
            for (k, v) in map {
                if k != "@import" {
                    merged.insert(k.clone(), v.clone());
                }
            }
            imported = merged;
            &imported
        }
    };
    let ctx = edit(result, fresh, cacheable, flags.bundled);
    if let Some(base) = map.get("@base").filter(|_| remote.is_empty()) {
        ctx.base = match base {
            Value::Null => None,
            Value::String(s) if has_scheme(s) => Some(s.as_str().into()),
            Value::String(s) => match &ctx.base {
                Some(b) => Some(resolve(b, s).into()),
                None => return Err(Error::Syntax("invalid base IRI")),
            },
            _ => return Err(Error::Syntax("invalid base IRI")),
        };
    }
    if let Some(vocab) = map.get("@vocab") {
        ctx.vocab = match vocab {
            Value::Null => None,
            Value::String(s) => {
                let iri = expand_iri_owned(ctx, s, true, true)
                    .filter(|i| !is_keyword(i))
                    .ok_or(Error::Syntax("invalid vocab mapping"))?;
                if !has_scheme(&iri) && !is_blank(&iri) {
                    if env.mode10 {
                        return Err(Error::Syntax("invalid vocab mapping"));
                    }
                    env.lossy("relative @vocab reference")?;
                }
                Some(iri.into())
            }
            _ => return Err(Error::Syntax("invalid vocab mapping")),
        };
    }
    if let Some(language) = map.get("@language") {
        ctx.language = match language {
            Value::Null => None,
            Value::String(s) => {
                if !is_well_formed_language(s) {
                    env.lossy("invalid @language value")?;
                }
                Some(s.to_ascii_lowercase().into())
            }
            _ => return Err(Error::Syntax("invalid default language")),
        };
    }
    if let Some(direction) = map.get("@direction") {
        if env.mode10 {
            return Err(Error::Syntax("invalid context entry"));
        }
        ctx.direction = match direction {
            Value::Null => None,
            Value::String(s) => Some(Direction::parse(s).ok_or(Error::Syntax("invalid base direction"))?),
            _ => return Err(Error::Syntax("invalid base direction")),
        };
    }
    if let Some(p) = map.get("@propagate") {
        if env.mode10 {
            return Err(Error::Syntax("invalid context entry"));
        }
        if !p.is_boolean() {
            return Err(Error::Syntax("invalid @propagate value"));
        }
    }
    let protected = match map.get("@protected") {
        None => false,
        Some(_) if env.mode10 => return Err(Error::Syntax("invalid context entry")),
        Some(p) => p.as_bool().ok_or(Error::Syntax("invalid @protected value"))?,
    };
    let mut local = Defining {
        map,
        defined: FnvMap::default(),
        base_url: base_url.cloned(),
        protected,
        override_protected: flags.override_protected,
        remote,
        cacheable,
        bundled: flags.bundled,
        trusted: flags.bundled && ctx.bundled_only,
        nesting: 0,
    };
    for key in map.keys() {
        if !is_context_keyword(key) {
            local.create_term(env, ctx, key)?;
        }
    }
    Ok(())
}

/// Whether `tag` has the form of a BCP 47 language tag (as jsonld.js checks it).
pub(crate) fn is_well_formed_language(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts.next().is_some_and(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// IRI expansion against a context alone, with no local context being defined (§5.2.2).
/// `None` is a term mapped to null or a reserved (keyword-like) value.
pub(crate) fn expand_iri<'a>(ctx: &ActiveContext, value: &'a str, document_relative: bool, vocab: bool) -> Option<Text<'a>> {
    if is_keyword(value) {
        return Some(Text::Borrowed(value));
    }
    if looks_like_keyword(value) {
        return None;
    }
    if let Some(def) = ctx.term(value) {
        if vocab || def.iri_str().is_some_and(is_keyword) {
            return def.iri.clone().map(Text::Shared);
        }
    }
    if let Some((prefix, suffix)) = split_compact(value) {
        if prefix == "_" || suffix.starts_with("//") {
            return Some(Text::Borrowed(value));
        }
        if let Some(iri) = ctx.term(prefix).filter(|d| d.prefix).and_then(|d| d.iri_str()) {
            return Some(Text::Owned(format!("{iri}{suffix}")));
        }
        if has_scheme(value) {
            return Some(Text::Borrowed(value));
        }
    }
    if vocab {
        if let Some(v) = ctx.vocab() {
            return Some(Text::Owned(format!("{v}{value}")));
        }
    }
    if document_relative {
        if let Some(base) = ctx.base() {
            return Some(Text::Owned(resolve(base, value)));
        }
    }
    Some(Text::Borrowed(value))
}

/// Whether `value` expands as a key (`expand_iri(ctx, value, false, true)`) to `keyword`, the
/// same steps without building the expansion: expansion tests each key of each object for
/// `@type`, `@value` or `@id` this way, and a built expansion is a shared IRI to clone and drop,
/// or under `@vocab` a new string.
pub(crate) fn expands_to_keyword(ctx: &ActiveContext, value: &str, keyword: &str) -> bool {
    if is_keyword(value) {
        return value == keyword;
    }
    if looks_like_keyword(value) {
        return false;
    }
    if let Some(def) = ctx.term(value) {
        return def.iri_str() == Some(keyword);
    }
    if let Some((prefix, suffix)) = split_compact(value) {
        // The value itself (which has a colon, as no keyword does), or a prefix's IRI and the suffix.
        if prefix == "_" || suffix.starts_with("//") {
            return false;
        }
        if let Some(iri) = ctx.term(prefix).filter(|d| d.prefix).and_then(|d| d.iri_str()) {
            return keyword.strip_prefix(iri) == Some(suffix);
        }
        if has_scheme(value) {
            return false;
        }
    }
    ctx.vocab().is_some_and(|v| keyword.strip_prefix(&**v) == Some(value))
}

/// [`expand_iri`] as an owned string (context processing keeps what it computes).
fn expand_iri_owned(ctx: &ActiveContext, value: &str, document_relative: bool, vocab: bool) -> Option<String> {
    expand_iri(ctx, value, document_relative, vocab).map(|t| t.to_string())
}

/// Splits a compact IRI at its first colon, when the colon is not the first character.
pub(crate) fn split_compact(value: &str) -> Option<(&str, &str)> {
    let colon = value.as_bytes().iter().skip(1).position(|&b| b == b':')?.saturating_add(1);
    Some((value.get(..colon)?, value.get(colon.saturating_add(1)..)?))
}

/// The state of one context object while its terms are defined (§4.2.2's arguments).
struct Defining<'m, 'r> {
    map: &'m Map<String, Value>,
    defined: FnvMap<&'m str, bool>,
    base_url: Option<Arc<str>>,
    protected: bool,
    override_protected: bool,
    remote: &'r mut Vec<Arc<str>>,
    cacheable: bool,
    /// This context object is (in) one of the crate's bundled contexts.
    bundled: bool,
    /// ... and it is applied to a context built from bundled contexts only: its scoped
    /// contexts need no validation here (see `Defining::define`).
    trusted: bool,
    /// Nesting of term definitions defining the terms they use (bounded: no stack overflow
    /// from a hostile chain `a` → `b:x` → `c:x` → …).
    nesting: usize,
}

/// The keys a term definition object may have.
fn is_term_definition_key(key: &str) -> bool {
    matches!(
        key,
        "@id" | "@reverse" | "@container" | "@context" | "@direction" | "@index" | "@language" | "@nest" | "@prefix"
            | "@protected" | "@type"
    )
}

static NULL: Value = Value::Null;

impl<'m> Defining<'m, '_> {
    /// IRI expansion (§5.2.2) while this local context is being defined: terms it uses
    /// are defined first.
    fn expand_iri(
        &mut self,
        env: &mut Env<'_>,
        ctx: &mut ActiveContext,
        value: &str,
        document_relative: bool,
        vocab: bool,
    ) -> Result<Option<String>> {
        if is_keyword(value) {
            return Ok(Some(value.to_owned()));
        }
        if looks_like_keyword(value) {
            return Ok(None);
        }
        if let Some((key, _)) = self.map.get_key_value(value) {
            if self.defined.get(key.as_str()) != Some(&true) {
                self.create_term(env, ctx, key)?;
            }
        }
        if let Some((prefix, suffix)) = split_compact(value).filter(|(p, s)| *p != "_" && !s.starts_with("//")) {
            let _ = suffix;
            if let Some((key, _)) = self.map.get_key_value(prefix) {
                if self.defined.get(key.as_str()) != Some(&true) {
                    self.create_term(env, ctx, key)?;
                }
            }
        }
        Ok(expand_iri_owned(ctx, value, document_relative, vocab))
    }

    /// Create Term Definition (§4.2.2), with its nesting bounded.
    fn create_term(&mut self, env: &mut Env<'_>, ctx: &mut ActiveContext, term: &'m str) -> Result<()> {
        if self.nesting >= env.limits.max_context_depth {
            return Err(Error::ContextOverflow);
        }
        self.nesting = self.nesting.saturating_add(1);
        let out = self.define(env, ctx, term);
        self.nesting = self.nesting.saturating_sub(1);
        out
    }

    /// Create Term Definition (§4.2.2) proper.
    fn define(&mut self, env: &mut Env<'_>, ctx: &mut ActiveContext, term: &'m str) -> Result<()> {
        match self.defined.get(term) {
            Some(true) => return Ok(()),
            Some(false) => return Err(Error::Syntax("cyclic IRI mapping")),
            None => {}
        }
        if term.is_empty() {
            return Err(Error::Syntax("invalid term definition"));
        }
        env.tick()?;
        self.defined.insert(term, false);
        let value = self.map.get(term).unwrap_or(&NULL);
        if term == "@type" {
            let ok = !env.mode10
                && value.as_object().is_some_and(|m| {
                    !m.is_empty()
                        && m.iter().all(|(k, v)| (k == "@container" && v == "@set") || k == "@protected")
                });
            if !ok {
                return Err(Error::Syntax("keyword redefinition"));
            }
        } else if is_keyword(term) {
            return Err(Error::Syntax("keyword redefinition"));
        } else if looks_like_keyword(term) {
            env.lossy("reserved term")?;
            self.defined.insert(term, true);
            return Ok(());
        }
        let previous = ctx.terms.remove(term);
        let (map, simple) = match value {
            Value::Null | Value::String(_) => (None, value.is_string()),
            Value::Object(m) => (Some(m), false),
            _ => return Err(Error::Syntax("invalid term definition")),
        };
        let get = |key: &str| -> Option<&'m Value> {
            match map {
                Some(m) => m.get(key),
                None if key == "@id" => Some(value),
                None => None,
            }
        };
        let mut def = TermDef { protected: self.protected, ..TermDef::default() };
        if let Some(p) = get("@protected") {
            if env.mode10 {
                return Err(Error::Syntax("invalid term definition"));
            }
            def.protected = p.as_bool().ok_or(Error::Syntax("invalid @protected value"))?;
        }
        if let Some(t) = get("@type") {
            let t = t.as_str().ok_or(Error::Syntax("invalid type mapping"))?;
            let iri = self.expand_iri(env, ctx, t, false, true)?.ok_or(Error::Syntax("invalid type mapping"))?;
            let keyword_ok = match iri.as_str() {
                "@id" | "@vocab" => true,
                "@json" | "@none" => !env.mode10,
                _ => false,
            };
            if !keyword_ok && (!has_scheme(&iri) || is_keyword(&iri)) {
                return Err(Error::Syntax("invalid type mapping"));
            }
            def.type_mapping = Some(iri.into());
        }
        if let Some(r) = get("@reverse") {
            if get("@id").is_some() || get("@nest").is_some() {
                return Err(Error::Syntax("invalid reverse property"));
            }
            let r = r.as_str().ok_or(Error::Syntax("invalid IRI mapping"))?;
            if looks_like_keyword(r) {
                env.lossy("reserved @reverse value")?;
                self.defined.insert(term, true);
                return Ok(());
            }
            let iri = self.expand_iri(env, ctx, r, false, true)?;
            let iri = iri.filter(|i| i.contains(':') && !is_keyword(i)).ok_or(Error::Syntax("invalid IRI mapping"))?;
            def.iri = Some(iri.into());
            if let Some(c) = get("@container") {
                def.container = match c {
                    Value::Null => Container::default(),
                    Value::String(s) if s == "@set" || s == "@index" => {
                        Container::keyword(s).ok_or(Error::Syntax("invalid reverse property"))?
                    }
                    _ => return Err(Error::Syntax("invalid reverse property")),
                };
            }
            def.reverse = true;
        } else if let Some(id) = get("@id").filter(|v| v.as_str() != Some(term)) {
            match id {
                Value::Null => def.iri = None,
                Value::String(s) => {
                    if !is_keyword(s) && looks_like_keyword(s) {
                        env.lossy("reserved @id value")?;
                        self.defined.insert(term, true);
                        return Ok(());
                    }
                    let iri = self.expand_iri(env, ctx, s, false, true)?;
                    let iri = iri
                        .filter(|i| is_keyword(i) || i.contains(':'))
                        .ok_or(Error::Syntax("invalid IRI mapping"))?;
                    if iri == "@context" {
                        return Err(Error::Syntax("invalid keyword alias"));
                    }
                    let inner_colon =
                        term.len() > 2 && term.get(1..term.len().saturating_sub(1)).is_some_and(|t| t.contains(':'));
                    if inner_colon || term.contains('/') {
                        self.defined.insert(term, true);
                        let own = self.expand_iri(env, ctx, term, false, true)?;
                        if own.as_deref() != Some(iri.as_str()) {
                            return Err(Error::Syntax("invalid IRI mapping"));
                        }
                    }
                    if !term.contains(':')
                        && !term.contains('/')
                        && simple
                        && (ends_with_gen_delim(&iri) || is_blank(&iri))
                    {
                        def.prefix = true;
                    }
                    def.iri = Some(iri.into());
                }
                _ => return Err(Error::Syntax("invalid IRI mapping")),
            }
        } else if let Some((prefix, suffix)) = split_compact(term) {
            if let Some((key, _)) = self.map.get_key_value(prefix) {
                self.create_term(env, ctx, key)?;
            }
            def.iri = Some(match ctx.term(prefix).and_then(|d| d.iri_str()) {
                Some(iri) => format!("{iri}{suffix}").into(),
                None => term.into(),
            });
        } else if term.contains('/') {
            // A relative IRI as a term: expanded without this local context, which would
            // only find the term itself being defined.
            let iri = expand_iri_owned(ctx, term, false, true);
            let iri = iri.filter(|i| i.contains(':')).ok_or(Error::Syntax("invalid IRI mapping"))?;
            def.iri = Some(iri.into());
        } else if term == "@type" {
            def.iri = Some("@type".into());
        } else if let Some(vocab) = ctx.vocab() {
            def.iri = Some(format!("{vocab}{term}").into());
        } else {
            return Err(Error::Syntax("invalid IRI mapping"));
        }
        if let Some(c) = get("@container").filter(|_| !def.reverse) {
            def.container = parse_container(c, env.mode10)?;
            if def.container.has(Container::TYPE) {
                match def.type_mapping.as_deref() {
                    None => def.type_mapping = Some("@id".into()),
                    Some("@id" | "@vocab") => {}
                    Some(_) => return Err(Error::Syntax("invalid type mapping")),
                }
            }
        }
        if let Some(index) = get("@index") {
            if env.mode10 || !def.container.has(Container::INDEX) {
                return Err(Error::Syntax("invalid term definition"));
            }
            let s = index.as_str().ok_or(Error::Syntax("invalid term definition"))?;
            let iri = self.expand_iri(env, ctx, s, false, true)?;
            if !iri.is_some_and(|i| has_scheme(&i) && !is_keyword(&i)) {
                return Err(Error::Syntax("invalid term definition"));
            }
            def.index = Some(s.into());
        }
        if let Some(scoped) = get("@context") {
            if env.mode10 {
                return Err(Error::Syntax("invalid term definition"));
            }
            // Validate it now (§4.2.2 step 21.3), against a snapshot of the context so far:
            // the snapshot clones every term, and the scoped context is processed only to be
            // thrown away, which was 40 % of processing the bundled contexts. Those are fixed
            // data, checked once and for all by a test (`bundled_contexts_need_no_validation`):
            // trusted, they skip it, and anything else is validated.
            if !self.trusted {
                let mut snapshot = ctx.clone();
                snapshot.id = next_id();
                snapshot.cacheable = false;
                snapshot.bundled_only = false;
                let flags = Flags { override_protected: true, propagate: true, validate_scoped: false, bundled: false };
                let mut remote = self.remote.clone();
                process(env, &Arc::new(snapshot), scoped, self.base_url.as_ref(), &mut remote, flags, false).map_err(
                    |e| match e {
                        Error::Syntax(_) => Error::Syntax("invalid scoped context"),
                        other => other,
                    },
                )?;
            }
            def.context = Some(ScopedContext {
                source: Source::Value(scoped.clone()),
                frozen: None,
                base_url: self.base_url.clone(),
                id: next_id(),
                cacheable: self.cacheable,
                bundled: self.bundled,
            });
        }
        if get("@type").is_none() {
            if let Some(language) = get("@language") {
                def.language = Some(match language {
                    Value::Null => None,
                    Value::String(s) => {
                        if !is_well_formed_language(s) {
                            env.lossy("invalid @language value")?;
                        }
                        Some(s.to_ascii_lowercase().into())
                    }
                    _ => return Err(Error::Syntax("invalid language mapping")),
                });
            }
            if let Some(direction) = get("@direction") {
                def.direction = Some(match direction {
                    Value::Null => None,
                    Value::String(s) => Some(Direction::parse(s).ok_or(Error::Syntax("invalid base direction"))?),
                    _ => return Err(Error::Syntax("invalid base direction")),
                });
            }
        }
        if let Some(nest) = get("@nest") {
            if env.mode10 {
                return Err(Error::Syntax("invalid term definition"));
            }
            let s = nest.as_str().ok_or(Error::Syntax("invalid @nest value"))?;
            if is_keyword(s) && s != "@nest" {
                return Err(Error::Syntax("invalid @nest value"));
            }
            def.nest = Some(s.into());
        }
        if let Some(prefix) = get("@prefix") {
            if env.mode10 || term.contains(':') || term.contains('/') {
                return Err(Error::Syntax("invalid term definition"));
            }
            def.prefix = prefix.as_bool().ok_or(Error::Syntax("invalid @prefix value"))?;
            if def.prefix && def.iri_str().is_some_and(is_keyword) {
                return Err(Error::Syntax("invalid term definition"));
            }
        }
        if let Some(m) = map {
            if m.keys().any(|k| !is_term_definition_key(k)) {
                return Err(Error::Syntax("invalid term definition"));
            }
        }
        ctx.terms.insert(term.into(), redefine(previous, def, self.override_protected)?);
        self.defined.insert(term, true);
        Ok(())
    }
}

/// A term's new definition given its `previous` one (§4.2.2 step 27): a protected term may be
/// redefined only identically, and then keeps its previous definition.
pub(crate) fn redefine(previous: Option<Arc<TermDef>>, def: TermDef, override_protected: bool) -> Result<Arc<TermDef>> {
    match previous {
        Some(prev) if prev.protected && !override_protected => {
            if !prev.same_as(&def) {
                return Err(Error::Syntax("protected term redefinition"));
            }
            Ok(prev)
        }
        _ => Ok(Arc::new(def)),
    }
}

/// Parses `@container` (§4.2.2 step 21).
fn parse_container(value: &Value, mode10: bool) -> Result<Container> {
    let bad = Error::Syntax("invalid container mapping");
    let container = match value {
        Value::String(s) => Container::keyword(s).ok_or(bad.clone())?,
        Value::Array(items) if !mode10 => items.iter().try_fold(Container::default(), |c, item| {
            item.as_str().and_then(Container::keyword).map(|k| c.with(k)).ok_or(bad.clone())
        })?,
        _ => return Err(bad),
    };
    if !container.is_valid_combination()
        || (mode10 && (container.has(Container::GRAPH) || container.has(Container::ID) || container.has(Container::TYPE)))
    {
        return Err(bad);
    }
    Ok(container)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canon::contexts::BUNDLED;
    use crate::canon::jsonld::compare::{same, scoped};
    use crate::canon::jsonld::RemoteContext;

    /// The bundled contexts skip validating their scoped contexts (§4.2.2 step 21.3). This is
    /// what makes that safe: alone and after either credentials context, every bundled context
    /// and every scoped context in it (two levels down) processes to the same result, or the
    /// same error, as when everything is validated.
    #[test]
    fn bundled_contexts_need_no_validation() {
        let trusted: Vec<Arc<RemoteContext>> = BUNDLED
            .iter()
            .map(|c| Arc::new(RemoteContext::bundled(c.url, serde_json::from_str(c.json).unwrap())))
            .collect();
        let checked: Vec<Arc<RemoteContext>> =
            BUNDLED.iter().map(|c| Arc::new(RemoteContext::new(c.url, serde_json::from_str(c.json).unwrap()))).collect();
        let t_loader = |url: &str| trusted.iter().find(|c| c.url() == url).cloned();
        let c_loader = |url: &str| checked.iter().find(|c| c.url() == url).cloned();
        let mut seen = 0;
        for base in [None, Some("https://www.w3.org/2018/credentials/v1"), Some("https://www.w3.org/ns/credentials/v2")] {
            for context in BUNDLED {
                let chain: Vec<Value> = base.into_iter().chain([context.url]).map(Value::from).collect();
                let local = Value::Array(chain);
                let mut t_env = Env::new(&t_loader, None, true, false, Limits::default());
                let mut c_env = Env::new(&c_loader, None, true, false, Limits::default());
                let initial = Arc::new(ActiveContext::initial(None));
                let t = process(&mut t_env, &initial, &local, None, &mut Vec::new(), Flags::DEFAULT, false);
                let c = process(&mut c_env, &initial, &local, None, &mut Vec::new(), Flags::DEFAULT, false);
                match (t, c) {
                    (Ok(t), Ok(c)) => {
                        assert!(same(&t, &c), "{local}");
                        // One side trusted, the other validated: what this test compares.
                        let bundled = |ctx: &ActiveContext| ctx.terms.values().filter_map(|d| d.context.as_ref()).map(|s| s.bundled).collect::<Vec<_>>();
                        assert!(bundled(&t).iter().all(|b| *b) && !bundled(&c).iter().any(|b| *b), "{local}");
                        scoped((&mut t_env, &t), (&mut c_env, &c), 1, &mut seen);
                    }
                    (Err(t), Err(c)) => assert_eq!(t, c, "{local}"),
                    (t, c) => panic!("{local}: trusted {:?}, validated {:?}", t.err(), c.err()),
                }
            }
        }
        assert!(seen > 100, "only {seen} scoped contexts compared");
    }

    /// `expands_to_keyword` answers as `expand_iri` (as a key) compared with the keyword does,
    /// under contexts with keyword aliases, null-mapped terms, prefixes (one aliasing a
    /// keyword-like IRI) and a lax-mode relative `@vocab` of `@` (which makes `type` expand to
    /// `@type`), and under each bundled context.
    #[test]
    fn keyword_test_is_expansion_compared() {
        let none = |_: &str| -> Option<Arc<RemoteContext>> { None };
        let locals = [
            serde_json::json!({"id": "@id", "kind": "@type", "v": "@value", "n": null, "ex": "http://ex.org/", "p": {"@id": "http://ex.org/p#", "@prefix": true}, "@1": "@none", "lang": "@language"}),
            serde_json::json!({"@vocab": "@", "t": "@type"}),
            serde_json::json!({"@vocab": "http://vocab.example/"}),
        ];
        let mut contexts: Vec<Arc<ActiveContext>> = Vec::new();
        for (local, safe) in locals.iter().zip([true, false, true]) {
            let mut env = Env::new(&none, None, safe, false, Limits::default());
            contexts.push(process(&mut env, &Arc::new(ActiveContext::initial(None)), local, None, &mut Vec::new(), Flags::DEFAULT, false).unwrap());
        }
        let bundled: Vec<Arc<RemoteContext>> =
            BUNDLED.iter().map(|c| Arc::new(RemoteContext::new(c.url, serde_json::from_str(c.json).unwrap()))).collect();
        let loader = |url: &str| bundled.iter().find(|c| c.url() == url).cloned();
        for c in BUNDLED {
            let mut env = Env::new(&loader, None, true, false, Limits::default());
            contexts.push(process(&mut env, &Arc::new(ActiveContext::initial(None)), &Value::from(c.url), None, &mut Vec::new(), Flags::DEFAULT, false).unwrap());
        }
        let values = ["@type", "@id", "@value", "@none", "@graph", "@typo", "@", "@1", "id", "kind", "v", "n", "lang", "type", "t",
            "ex:type", "p:x", "_:b", "http://ex.org/x", "ex://x", "value", "undefined", "", "a:b:c", "@type:x"];
        let mut checked = 0;
        for ctx in &contexts {
            for value in values {
                for keyword in ["@type", "@id", "@value", "@none", "@graph", "@language"] {
                    let expected = expand_iri(ctx, value, false, true).as_deref() == Some(keyword);
                    assert_eq!(expands_to_keyword(ctx, value, keyword), expected, "{value} → {keyword}");
                    checked += usize::from(expected);
                }
            }
        }
        // The aliases and the `@vocab` of `@` were found, not only non-matches.
        assert!(checked >= 20, "{checked}");
        assert!(expands_to_keyword(&contexts[1], "type", "@type") && expands_to_keyword(&contexts[0], "kind", "@type"));
    }

    #[test]
    fn language_tags() {
        assert!(is_well_formed_language("en") && is_well_formed_language("en-US") && is_well_formed_language("zh-Hant-TW"));
        assert!(!is_well_formed_language("") && !is_well_formed_language("en_US") && !is_well_formed_language("a-"));
    }
}
