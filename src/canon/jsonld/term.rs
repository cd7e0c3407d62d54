//! Term definitions: what one term of an active context means ([JSON-LD 1.1 API §4.1]).
//!
//! [JSON-LD 1.1 API §4.1]: https://www.w3.org/TR/json-ld11-api/#context-processing-algorithm

use std::sync::{Arc, OnceLock};

use serde_json::Value;

use super::error::{Error, Result};
use super::expanded::Direction;

/// The container mapping of a term: a set of `@container` keywords.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Container(u8);

impl Container {
    pub(crate) const LIST: Self = Self(1);
    pub(crate) const SET: Self = Self(2);
    pub(crate) const LANGUAGE: Self = Self(4);
    pub(crate) const INDEX: Self = Self(8);
    pub(crate) const ID: Self = Self(16);
    pub(crate) const TYPE: Self = Self(32);
    pub(crate) const GRAPH: Self = Self(64);

    /// The flag for one `@container` keyword.
    pub(crate) fn keyword(s: &str) -> Option<Self> {
        Some(match s {
            "@list" => Self::LIST,
            "@set" => Self::SET,
            "@language" => Self::LANGUAGE,
            "@index" => Self::INDEX,
            "@id" => Self::ID,
            "@type" => Self::TYPE,
            "@graph" => Self::GRAPH,
            _ => return None,
        })
    }

    /// Whether every flag of `other` is set.
    pub(crate) fn has(self, other: Self) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    /// Both sets of flags.
    pub(crate) fn with(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// The flags as one byte (the pre-processed contexts store them so).
    #[cfg(test)]
    pub(crate) fn bits(self) -> u8 {
        self.0
    }

    /// Flags from their byte (`Container::bits`, which the generator of the pre-processed
    /// contexts writes).
    pub(crate) fn from_bits(bits: u8) -> Self {
        Self(bits)
    }

    /// Whether no flag is set.
    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether this is one of the combinations JSON-LD 1.1 allows (§4.2.2 step 21.1).
    pub(crate) fn is_valid_combination(self) -> bool {
        let without_set = Self(self.0 & !Self::SET.0);
        if self.has(Self::LIST) {
            return self == Self::LIST;
        }
        if without_set.has(Self::GRAPH) {
            let rest = Self(without_set.0 & !Self::GRAPH.0);
            return rest.is_empty() || rest == Self::ID || rest == Self::INDEX;
        }
        without_set.0.count_ones() <= 1
    }
}

/// A scoped context: the `@context` of a term definition, applied when the term is used as a
/// property or as a type.
#[derive(Debug)]
pub(crate) struct ScopedContext {
    /// The local context, as written.
    pub(crate) source: Source,
    /// Its pre-processed form (see [`frozen`](super::frozen)), for a bundled context's.
    pub(crate) frozen: Option<&'static str>,
    /// The base URL the context was defined under (for its relative context references).
    pub(crate) base_url: Option<Arc<str>>,
    /// Identity for caching the result of applying it.
    pub(crate) id: u64,
    /// Whether it comes from a long-lived context, so results may go in the shared cache.
    pub(crate) cacheable: bool,
    /// Defined in one of the crate's bundled contexts.
    pub(crate) bundled: bool,
}

/// Where a scoped context's JSON is.
#[derive(Debug)]
pub(crate) enum Source {
    /// Parsed already (the context it is in was processed from JSON).
    Value(Value),
    /// In a bundled context's text: the term definition it is the `@context` of. A
    /// pre-processed bundled context defines terms without looking for their scoped contexts
    /// in the text, or parsing them, until one is used.
    Text {
        /// The term definition's text (a slice of the minified bundled context).
        definition: &'static str,
        /// Its `@context`'s text, found on first use.
        found: OnceLock<Option<&'static str>>,
        /// That text parsed, on first use.
        parsed: OnceLock<Option<Value>>,
    },
}

impl Source {
    /// The scoped context in the term definition `definition` (a bundled context's text).
    pub(crate) fn text(definition: &'static str) -> Self {
        Source::Text { definition, found: OnceLock::new(), parsed: OnceLock::new() }
    }
}

impl ScopedContext {
    /// The scoped context's own text, for one in a bundled context's text.
    pub(crate) fn text(&self) -> Option<&'static str> {
        match &self.source {
            Source::Value(_) => None,
            Source::Text { definition, found, .. } => *found.get_or_init(|| super::frozen::member(definition, "@context")),
        }
    }

    /// The local context, parsed on first use.
    pub(crate) fn value(&self) -> Result<&Value> {
        match &self.source {
            Source::Value(v) => Ok(v),
            Source::Text { parsed, .. } => parsed
                .get_or_init(|| self.text().and_then(|t| serde_json::from_str(t).ok()))
                .as_ref()
                .ok_or(Error::Syntax("invalid scoped context")),
        }
    }
}

/// One term definition.
#[derive(Debug, Default)]
pub(crate) struct TermDef {
    /// The IRI (or keyword) the term expands to; `None` when the term is mapped to null.
    pub(crate) iri: Option<Arc<str>>,
    /// Whether the term may be used as the prefix of a compact IRI.
    pub(crate) prefix: bool,
    /// Whether the term is protected from redefinition.
    pub(crate) protected: bool,
    /// Whether the term is a reverse property.
    pub(crate) reverse: bool,
    /// `@type`: `@id`, `@vocab`, `@json`, `@none` or a datatype IRI.
    pub(crate) type_mapping: Option<Arc<str>>,
    /// `@container`.
    pub(crate) container: Container,
    /// `@language`: `Some(None)` when explicitly null.
    pub(crate) language: Option<Option<Arc<str>>>,
    /// `@direction`: `Some(None)` when explicitly null.
    pub(crate) direction: Option<Option<Direction>>,
    /// `@index`: the property an index map's keys go to.
    pub(crate) index: Option<Arc<str>>,
    /// `@nest`.
    pub(crate) nest: Option<Arc<str>>,
    /// `@context`: the scoped context.
    pub(crate) context: Option<ScopedContext>,
}

impl TermDef {
    /// Whether two definitions are the same apart from `protected` (the test that lets a
    /// protected term be redefined identically).
    pub(crate) fn same_as(&self, other: &Self) -> bool {
        self.iri == other.iri
            && self.prefix == other.prefix
            && self.reverse == other.reverse
            && self.type_mapping == other.type_mapping
            && self.container == other.container
            && self.language == other.language
            && self.direction == other.direction
            && self.index == other.index
            && self.nest == other.nest
            && match (&self.context, &other.context) {
                (None, None) => true,
                (Some(a), Some(b)) => match (a.text(), b.text()) {
                    // The same text is the same JSON: no need to parse either.
                    (Some(x), Some(y)) if x == y => true,
                    _ => match (a.value(), b.value()) {
                        (Ok(a), Ok(b)) => a == b,
                        _ => false,
                    },
                },
                _ => false,
            }
    }

    /// The IRI mapping as a string (empty when mapped to null).
    pub(crate) fn iri_str(&self) -> Option<&str> {
        self.iri.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_combinations() {
        let c = |list: &[&str]| list.iter().fold(Container::default(), |c, k| c.with(Container::keyword(k).unwrap()));
        assert!(c(&["@list"]).is_valid_combination());
        assert!(!c(&["@list", "@set"]).is_valid_combination());
        assert!(c(&["@graph", "@id", "@set"]).is_valid_combination());
        assert!(c(&["@index", "@set"]).is_valid_combination());
        assert!(!c(&["@index", "@id"]).is_valid_combination());
        assert!(!c(&["@graph", "@type"]).is_valid_combination());
    }
}
