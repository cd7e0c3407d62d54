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
//! - `!free-vocab`, `!free-base`: it read an unset `@vocab` or base IRI.
//!
//! Scoped contexts stay JSON (slices of the bundled text, parsed on first use): they are
//! processed, and cached, when a term's scope is entered, as before.
//!
//! ## Format
//! A section per context: `@@ URL`, header lines starting with `!`, then one line per term:
//! `NAME \t IRI \t FIELD…`, the IRI empty when the term maps to null, each field one letter
//! and its value: `P` protected, `p` prefix, `r` reverse, `cN` container flags, `tIRI` type
//! mapping, `lTAG`/`L` language (or null), `dDIR`/`D` direction (or null), `iNAME` index,
//! `nNAME` nest, `sGAP:LEN` scoped context (`LEN` bytes of the minified bundled text, `GAP`
//! bytes after the previous one ended: terms are in the order of the text, so the numbers are
//! small and the same from one version of a context to the next).

use std::sync::Arc;

use super::context::{next_id, ActiveContext, Env, Flags};
use super::expanded::Direction;
use super::term::{Container, ScopedContext, Source, TermDef};
use super::Result;
use crate::canon::jsonld::Error;

/// Every pre-processed bundled context (generated; see the module docs).
static FROZEN: &str = include_str!("../contexts/frozen.txt");

/// The pre-processed form of the bundled context `url`, if it has one.
pub(crate) fn lookup(url: &str) -> Option<&'static str> {
    let mut rest = FROZEN;
    while let Some(at) = rest.find("@@ ") {
        rest = rest.get(at.saturating_add(3)..)?;
        let (head, body) = rest.split_once('\n')?;
        let end = body.find("\n@@ ").map_or(body.len(), |e| e.saturating_add(1));
        if head == url {
            return body.get(..end);
        }
        rest = body.get(end..)?;
    }
    None
}

/// `form` (the pre-processed `text` of the context at `url`) applied to `active`, as
/// processing the context would, or `None` where only processing gives the right result.
pub(crate) fn apply(
    env: &mut Env<'_>,
    active: &Arc<ActiveContext>,
    form: &'static str,
    text: &'static str,
    url: &Arc<str>,
    flags: Flags,
) -> Result<Option<Arc<ActiveContext>>> {
    if env.mode10 || depends_on(active, form) {
        return Ok(None);
    }
    env.tick()?;
    let mut ctx = ActiveContext::clone(active);
    ctx.id = next_id();
    let mut end = 0;
    for line in form.split('\n').filter(|l| !l.is_empty()) {
        let Some(header) = line.strip_prefix('!') else {
            let Some((name, def)) = term(line, text, &mut end, url) else { return Ok(None) };
            env.tick()?;
            let def = match ctx.terms.remove(name) {
                Some(prev) if prev.protected && !flags.override_protected => {
                    if !prev.same_as(&def) {
                        return Err(Error::Syntax("protected term redefinition"));
                    }
                    prev
                }
                _ => Arc::new(def),
            };
            ctx.terms.insert(name.into(), def);
            continue;
        };
        let (key, value) = header.split_once(' ').unwrap_or((header, ""));
        let value = (!value.is_empty()).then_some(value);
        match key {
            "vocab" => ctx.vocab = value.map(Into::into),
            "language" => ctx.language = value.map(Into::into),
            "direction" => ctx.direction = value.and_then(Direction::parse),
            _ => {}
        }
    }
    Ok(Some(Arc::new(ctx)))
}

/// Whether `active` holds something a read recorded in `form` would have found.
fn depends_on(active: &ActiveContext, form: &str) -> bool {
    form.split('\n').map_while(|l| l.strip_prefix('!')).any(|header| match header.split_once(' ') {
        Some(("free", name)) => active.terms.contains_key(name),
        _ => match header {
            "free-iri" => active.terms.keys().any(|k| k.contains(':')),
            "free-vocab" => active.vocab.is_some(),
            "free-base" => active.base.is_some(),
            _ => false,
        },
    })
}

/// One term line; `end` is where the previous scoped context ended in `text`. `None` for a
/// line that does not parse (the generator writes none).
fn term<'f>(line: &'f str, text: &'static str, end: &mut usize, url: &Arc<str>) -> Option<(&'f str, TermDef)> {
    let mut fields = line.split('\t');
    let name = fields.next()?;
    let iri = fields.next()?;
    let mut def = TermDef { iri: (!iri.is_empty()).then(|| iri.into()), ..TermDef::default() };
    for field in fields {
        let mut chars = field.chars();
        let tag = chars.next()?;
        let value = chars.as_str();
        match tag {
            'P' => def.protected = true,
            'p' => def.prefix = true,
            'r' => def.reverse = true,
            'c' => def.container = Container::from_bits(u8::try_from(number(value)?).ok()?),
            't' => def.type_mapping = Some(value.into()),
            'l' => def.language = Some(Some(value.into())),
            'L' => def.language = Some(None),
            'd' => def.direction = Some(Some(Direction::parse(value)?)),
            'D' => def.direction = Some(None),
            'i' => def.index = Some(value.into()),
            'n' => def.nest = Some(value.into()),
            's' => {
                let (gap, len) = value.split_once(':')?;
                let start = end.checked_add(number(gap)?)?;
                let stop = start.checked_add(number(len)?)?;
                let slice = text.get(start..stop)?;
                *end = stop;
                def.context = Some(ScopedContext {
                    source: Source::Text(slice, Default::default()),
                    base_url: Some(url.clone()),
                    id: next_id(),
                    cacheable: true,
                    bundled: true,
                });
            }
            _ => return None,
        }
    }
    Some((name, def))
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
    use std::cell::RefCell;
    use std::collections::BTreeSet;

    /// Reads that could have found something in another active context.
    #[derive(Debug, Default)]
    pub(crate) struct Reads {
        pub(crate) names: BTreeSet<String>,
        pub(crate) vocab: bool,
        pub(crate) base: bool,
    }

    thread_local! {
        static READS: RefCell<Option<Reads>> = const { RefCell::new(None) };
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

    pub(crate) fn term(name: &str, found: bool) {
        if !found {
            with(|r| {
                r.names.insert(name.to_owned());
            });
        }
    }

    pub(crate) fn vocab(set: bool) {
        if !set {
            with(|r| r.vocab = true);
        }
    }

    pub(crate) fn base(set: bool) {
        if !set {
            with(|r| r.base = true);
        }
    }
}

#[cfg(test)]
mod tests;
