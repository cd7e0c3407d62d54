//! The bundled contexts pre-processed at build time: their term definitions as the Context
//! Processing algorithm makes them, stored in `contexts/frozen.txt` and merged into the
//! active context without parsing or processing the context's JSON.
//!
//! ## Why the merge is exact
//! Processing a context object defines each of its terms; a definition reads the active
//! context it is applied to only (a) where it meets an earlier definition of the same term
//! (a protected one must be redefined identically, JSON-LD 1.1 API §4.2.2 step 27) and (b)
//! where IRI expansion looks up a name the context does not define itself, or falls back to
//! `@vocab` or the base IRI. The generator (the test `frozen_contexts_are_current`) processes
//! each bundled context against the empty context and records every read of kind (b); the
//! merge redoes (a) as processing does, and gives way to processing the JSON whenever the
//! active context has something a recorded read would have found:
//! - `!free NAME`: the context looked up `NAME`, which it does not define;
//! - `!free-iri`: it looked up names with a colon (absolute IRIs as `@id` values): none of
//!   the bundled contexts defines such a term, so an active context that defines any falls back;
//! - `!free-vocab`, `!free-base`: it read an unset `@vocab` or base IRI;
//! - `!has NAME IRI [p]`: it looked up `NAME` outside itself (a scoped context in the context
//!   it is defined in) and found that IRI mapping and prefix flag; `!vocab-is IRI` likewise:
//!   the active context must give the same.
//!
//! Scoped contexts are pre-processed the same way, each against the context it is defined in
//! (their reads recorded there), and applied when a term's scope is entered; their JSON stays
//! in the bundled text, parsed only where the pre-processed form gives way or a protected
//! term's redefinition must be compared with it.
//!
//! ## Format
//! A section per context: `@@ URL`, then a block (the crate embeds the blocks back to back,
//! without the `@@` lines, and `build.rs` indexes them by URL): header lines starting with `!`, then one
//! line per term, `IRI \t FIELD…`, for the context object's terms in the order of its text (the
//! names, and where each scoped context is, come from scanning the object's keys: not stored
//! twice). The IRI is empty when the term maps to null, and ends in `*` when it ends with the
//! term (`https://schema.org/*` for `name`). Each field is a letter and its value: `P` protected
//! (`u` unprotected after a `!protected` header), `p` prefix, `r` reverse, `cN` container flags,
//! `tIRI` type mapping, `lTAG`/`L` language (or null), `dDIR`/`D` direction (or null), `iNAME`
//! index, `nNAME` nest, `s` a scoped context (its JSON: the term definition's `@context`). A
//! term line ending in `\t{` is followed by the block of its scoped context, closed by a `}`
//! line.

use std::sync::Arc;

use super::context::{is_context_keyword, next_id, redefine, ActiveContext, Env, Flags};
use super::expanded::Direction;
use super::term::{Container, ScopedContext, Source, TermDef};
use super::Result;
// Every pre-processed bundled context (generated; see the module docs), as embedded: the
// sections without their `@@ URL` headers.
use crate::canon::contexts::FROZEN;

/// Each context's form in [`FROZEN`]: `(URL, start, end)`, the byte range of its section.
/// Found by `build.rs`: searching the 43 KB text at run time cost a cold start two string
/// searchers compiled and run (≈ 0.6 ms in Node, measured).
static SECTIONS: &[(&str, usize, usize)] = include!(concat!(env!("OUT_DIR"), "/contexts/frozen_sections.rs"));

/// The pre-processed form of the bundled context `url`, if it has one.
pub(crate) fn lookup(url: &str) -> Option<&'static str> {
    let &(_, start, end) = SECTIONS.iter().find(|(u, ..)| *u == url)?;
    FROZEN.get(start..end)
}

/// `form` (the pre-processed form of the context object whose minified JSON is `object`,
/// defined at `url`) applied to `active`, as processing the context with `flags` would; `None`
/// where only processing gives the right result.
pub(crate) fn apply(
    env: &mut Env<'_>,
    active: &Arc<ActiveContext>,
    form: &'static str,
    object: &'static str,
    url: Option<&Arc<str>>,
    flags: Flags,
    cacheable: bool,
) -> Result<Option<Arc<ActiveContext>>> {
    // Processing skips validating a bundled context's scoped contexts only where it applies
    // to a context made of bundled ones only (`Defining::trusted`); elsewhere it validates them,
    // and the form, made without, gives way.
    if env.mode10 || !active.bundled_only || depends_on(active, form) {
        return Ok(None);
    }
    // The terms, in the order of the text: the form's term lines name none.
    let Some(members) = members(object) else { return Ok(None) };
    let count = members.len();
    let mut terms = members.into_iter().filter(|(key, _)| !is_context_keyword(key));
    env.tick()?;
    let mut ctx = ActiveContext::clone(active);
    // Room for every term at once, not a rehash each time the table fills.
    ctx.terms.reserve(count);
    ctx.id = next_id();
    ctx.cacheable = active.cacheable && cacheable;
    let mut propagate = flags.propagate;
    let mut protected = false;
    for (line, block) in Entries(form) {
        let Some(header) = line.strip_prefix('!') else {
            let Some((name, value)) = terms.next() else { return Ok(None) };
            let Some(mut def) = term(line, name, value, block, url, cacheable) else { return Ok(None) };
            // `u`: unprotected in a context protected by default.
            def.protected ^= protected;
            env.tick()?;
            let def = redefine(ctx.terms.remove(name), def, flags.override_protected)?;
            ctx.terms.insert(name.into(), def);
            continue;
        };
        let (key, value) = header.split_once(' ').unwrap_or((header, ""));
        let value = (!value.is_empty()).then_some(value);
        match key {
            "vocab" => ctx.vocab = value.map(Into::into),
            "language" => ctx.language = value.map(Into::into),
            "direction" => ctx.direction = value.and_then(Direction::parse),
            "propagate" => propagate = value == Some("true"),
            "protected" => protected = true,
            _ => {}
        }
    }
    if terms.next().is_some() {
        return Ok(None);
    }
    // A context that does not propagate (a type's) remembers what to return to (§4.1.2 step 3).
    if !propagate && ctx.previous.is_none() {
        ctx.previous = Some(active.clone());
    }
    #[cfg(test)]
    reads::applied();
    Ok(Some(Arc::new(ctx)))
}

/// The `@context` object of a bundled context document's minified text. The documents hold
/// nothing else, so it is the text without `{"@context":` and `}`: checked when the object is
/// read (`members` wants exactly one object), so another document would only give way.
pub(crate) fn context_object(document: &'static str) -> Option<&'static str> {
    document.strip_prefix("{\"@context\":")?.strip_suffix('}')
}

/// The value of `key` in the JSON object `object` (minified, as [`members`] reads it).
pub(crate) fn member(object: &'static str, key: &str) -> Option<&'static str> {
    members(object)?.into_iter().find_map(|(k, v)| (k == key).then_some(v))
}

/// The members of the JSON object that is all of `object`, in the order of the text, as
/// (key, value text). For the minified bundled texts: no white space between tokens, and `None`
/// for keys with escapes. Scanning keys is all a form needs of the JSON (its terms' names, and
/// where their scoped contexts are), not a parse.
pub(crate) fn members(object: &str) -> Option<Vec<(&str, &str)>> {
    let bytes = object.as_bytes();
    let mut out = Vec::new();
    let mut at = 1;
    if bytes.first() != Some(&b'{') {
        return None;
    }
    if bytes.get(1) == Some(&b'}') {
        return (bytes.len() == 2).then_some(out);
    }
    loop {
        let rest = object.get(at..)?.strip_prefix('"')?;
        let (key, rest) = rest.split_once('"')?;
        if key.contains('\\') {
            return None;
        }
        let rest = rest.strip_prefix(':')?;
        let start = object.len().checked_sub(rest.len())?;
        let end = value_end(object, start)?;
        out.push((key, object.get(start..end)?));
        match bytes.get(end) {
            Some(b',') => at = end.checked_add(1)?,
            Some(b'}') if end.checked_add(1) == Some(bytes.len()) => return Some(out),
            _ => return None,
        }
    }
}

/// The end of the (minified) JSON value starting at `at` in `text`.
fn value_end(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = at;
    loop {
        match *bytes.get(i)? {
            b'"' => {
                i = string_end(text, i)?;
                if depth == 0 {
                    return Some(i);
                }
                continue;
            }
            b'{' | b'[' => depth = depth.checked_add(1)?,
            b'}' | b']' | b',' if depth == 0 => return (i > at).then_some(i),
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return i.checked_add(1);
                }
            }
            _ => {}
        }
        i = i.checked_add(1)?;
    }
}

/// The end of the JSON string whose opening quote is at `open` (after its closing quote).
/// Strings are most of a context's text: `find` skips them a word at a time.
fn string_end(text: &str, open: usize) -> Option<usize> {
    let mut from = open.checked_add(1)?;
    loop {
        let close = from.checked_add(text.get(from..)?.find('"')?)?;
        let escapes = text.as_bytes().get(..close)?.iter().rev().take_while(|&&b| b == b'\\').count();
        if escapes % 2 == 0 {
            return close.checked_add(1);
        }
        from = close.checked_add(1)?;
    }
}

/// The lines of a form at its own level: each with the block below it, the form of a term's
/// scoped context, when the line ends in a tab and `{` (the block ends at the matching `}`).
struct Entries(&'static str);

impl Iterator for Entries {
    type Item = (&'static str, Option<&'static str>);

    fn next(&mut self) -> Option<Self::Item> {
        let (line, rest) = self.0.split_once('\n')?;
        let Some(line) = line.strip_suffix("\t{") else {
            self.0 = rest;
            return Some((line, None));
        };
        // The matching `}` line: depth counts the blocks opened and closed since.
        let (mut depth, mut at) = (1usize, 0usize);
        for l in rest.split('\n') {
            if l == "}" {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let block = rest.get(..at)?;
                    self.0 = rest.get(at.saturating_add(2)..).unwrap_or("");
                    return Some((line, Some(block)));
                }
            } else if l.ends_with("\t{") {
                depth = depth.saturating_add(1);
            }
            at = at.saturating_add(l.len()).saturating_add(1);
        }
        None
    }
}

/// Whether `active` differs from what the reads recorded in `form` found (see the module docs).
fn depends_on(active: &ActiveContext, form: &str) -> bool {
    form.split('\n').map_while(|l| l.strip_prefix('!')).any(|header| match header.split_once(' ') {
        Some(("free", name)) => active.terms.contains_key(name),
        Some(("has", found)) => {
            let mut parts = found.split('\t');
            let (name, iri, prefix) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next() == Some("p"));
            !active.terms.get(name).is_some_and(|d| d.iri_str().unwrap_or("") == iri && d.prefix == prefix)
        }
        Some(("vocab-is", iri)) => active.vocab.as_deref() != Some(iri),
        _ => match header {
            // Bytes, not `str::contains`: a char searcher set up for each of a few hundred short
            // terms was most of this check in a cold start.
            "free-iri" => active.terms.keys().any(|k| k.as_bytes().contains(&b':')),
            "free-vocab" => active.vocab.is_some(),
            "free-base" => active.base.is_some(),
            _ => false,
        },
    })
}

/// The definition of the term `name` from its line (and `value`, its definition's JSON text;
/// `block`, the form of its scoped context). `None` for a line that does not parse (the
/// generator writes none).
fn term(
    line: &str,
    name: &str,
    value: &'static str,
    block: Option<&'static str>,
    url: Option<&Arc<str>>,
    cacheable: bool,
) -> Option<TermDef> {
    let mut fields = line.split('\t');
    let iri = fields.next()?;
    // `…#*` is `…#` followed by the term itself, as most IRIs are.
    let iri: Option<Arc<str>> = match iri.strip_suffix('*') {
        Some(head) => Some([head, name].concat().into()),
        None => (!iri.is_empty()).then(|| iri.into()),
    };
    let mut def = TermDef { iri, ..TermDef::default() };
    for field in fields {
        let mut chars = field.chars();
        let tag = chars.next()?;
        let value_text = chars.as_str();
        match tag {
            'P' | 'u' => def.protected = true,
            'p' => def.prefix = true,
            'r' => def.reverse = true,
            'c' => def.container = Container::from_bits(u8::try_from(number(value_text)?).ok()?),
            't' => def.type_mapping = Some(value_text.into()),
            'l' => def.language = Some(Some(value_text.into())),
            'L' => def.language = Some(None),
            'd' => def.direction = Some(Some(Direction::parse(value_text)?)),
            'D' => def.direction = Some(None),
            'i' => def.index = Some(value_text.into()),
            'n' => def.nest = Some(value_text.into()),
            's' => {
                def.context = Some(ScopedContext {
                    source: Source::text(value),
                    frozen: block,
                    base_url: url.cloned(),
                    id: next_id(),
                    cacheable,
                    bundled: true,
                });
            }
            _ => return None,
        }
    }
    Some(def)
}

/// A decimal number (by hand: `str::parse` brings in its generic machinery for this use).
fn number(digits: &str) -> Option<usize> {
    if digits.is_empty() {
        return None;
    }
    digits.bytes().try_fold(0usize, |n, b| {
        let digit = b.is_ascii_digit().then(|| usize::from(b.wrapping_sub(b'0')))?;
        n.checked_mul(10)?.checked_add(digit)
    })
}

/// What context processing read of the active context, recorded while the generator
/// processes a bundled context (tests only).
#[cfg(test)]
pub(crate) mod reads {
    use std::cell::{Cell, RefCell};
    use std::collections::{BTreeMap, BTreeSet};

    use super::TermDef;

    /// Reads that could have found something in another active context.
    #[derive(Debug, Default)]
    pub(crate) struct Reads {
        /// Names looked up and not found.
        pub(crate) names: BTreeSet<String>,
        /// Names looked up and found: their IRI mapping and prefix flag.
        pub(crate) found: BTreeMap<String, (Option<String>, bool)>,
        /// The `@vocab` values read.
        pub(crate) vocab: BTreeSet<Option<String>>,
        pub(crate) base: bool,
    }

    thread_local! {
        static READS: RefCell<Option<Reads>> = const { RefCell::new(None) };
        static APPLIED: Cell<usize> = const { Cell::new(0) };
    }

    /// Records reads made while `f` runs.
    pub(crate) fn recording<T>(f: impl FnOnce() -> T) -> (T, Reads) {
        READS.with(|r| *r.borrow_mut() = Some(Reads::default()));
        let out = f();
        (out, READS.with(|r| r.borrow_mut().take()).unwrap_or_default())
    }

    fn with(f: impl FnOnce(&mut Reads)) {
        READS.with(|r| {
            if let Some(reads) = r.borrow_mut().as_mut() {
                f(reads);
            }
        });
    }

    pub(crate) fn term(name: &str, found: Option<&TermDef>) {
        with(|r| match found {
            Some(d) => {
                r.found.insert(name.to_owned(), (d.iri.as_deref().map(str::to_owned), d.prefix));
            }
            None => {
                r.names.insert(name.to_owned());
            }
        });
    }

    pub(crate) fn vocab(value: Option<&str>) {
        with(|r| {
            r.vocab.insert(value.map(str::to_owned));
        });
    }

    /// Counts pre-processed forms applied (this thread).
    pub(crate) fn applied() {
        APPLIED.with(|a| a.set(a.get() + 1));
    }

    /// Pre-processed forms applied so far (this thread).
    pub(crate) fn applied_count() -> usize {
        APPLIED.with(Cell::get)
    }

    pub(crate) fn base(set: bool) {
        if !set {
            with(|r| r.base = true);
        }
    }
}

#[cfg(test)]
mod tests;
