//! RDF 1.1 terms and quads: what JSON-LD's toRdf produces and RDFC-1.0 canonicalizes.
//!
//! Each position of a quad has its own type, so a literal subject or a blank-node predicate
//! cannot be built. Blank nodes carry their label without the `_:` prefix. Literals have no
//! base direction: RDF 1.1 has none, and Data Integrity signers leave JSON-LD's
//! `rdfDirection` unset, which drops it ([RDF 1.1 Concepts §3.3]).
//!
//! [RDF 1.1 Concepts §3.3]: https://www.w3.org/TR/rdf11-concepts/#section-Graph-Literal
//!
//! Terms are [`Cow`]s: toRdf's quads borrow their IRIs and values from the expanded document
//! (a copy and a free per term saved on every verification), while parsed or built quads own
//! theirs ([`Quad::into_owned`]).

use std::borrow::Cow;

/// The datatype of a literal written without one: `xsd:string`.
pub const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";

/// The datatype of every language-tagged literal: `rdf:langString`.
pub const RDF_LANG_STRING: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

/// The subject of a quad: an IRI or a blank node.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject<'a> {
    /// An absolute IRI.
    Iri(Cow<'a, str>),
    /// A blank node, by its label (without `_:`).
    Blank(Cow<'a, str>),
}

/// The object of a quad: an IRI, a blank node or a literal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Object<'a> {
    /// An absolute IRI.
    Iri(Cow<'a, str>),
    /// A blank node, by its label (without `_:`).
    Blank(Cow<'a, str>),
    /// A literal value.
    Literal(Literal<'a>),
}

/// The graph a quad belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GraphName<'a> {
    /// The default graph (a triple, written without a fourth term).
    #[default]
    Default,
    /// A graph named by an absolute IRI.
    Iri(Cow<'a, str>),
    /// A graph named by a blank node, by its label (without `_:`).
    Blank(Cow<'a, str>),
}

/// A literal: its lexical form and what kind of value it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Literal<'a> {
    /// The lexical form, unescaped.
    pub value: Cow<'a, str>,
    /// The datatype or language tag.
    pub kind: LiteralKind<'a>,
}

/// What a literal's lexical form means: its datatype, or its language.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LiteralKind<'a> {
    /// A plain string (`xsd:string`), written without a datatype.
    String,
    /// A value of this datatype IRI (never `xsd:string`; use [`Literal::typed`] to normalize).
    Typed(Cow<'a, str>),
    /// A string in this language (datatype `rdf:langString`), tag as given.
    Language(Cow<'a, str>),
}

/// One statement of an RDF dataset: subject, predicate, object, graph.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quad<'a> {
    /// The subject.
    pub subject: Subject<'a>,
    /// The predicate IRI.
    pub predicate: Cow<'a, str>,
    /// The object.
    pub object: Object<'a>,
    /// The graph the statement is in.
    pub graph: GraphName<'a>,
}

impl<'a> Literal<'a> {
    /// A plain string literal (`xsd:string`).
    pub fn string(value: impl Into<Cow<'a, str>>) -> Self {
        Self { value: value.into(), kind: LiteralKind::String }
    }

    /// A literal of a datatype; `xsd:string` becomes [`LiteralKind::String`], since both are one
    /// RDF term and must serialize alike.
    pub fn typed(value: impl Into<Cow<'a, str>>, datatype: impl Into<Cow<'a, str>>) -> Self {
        let datatype = datatype.into();
        let kind =
            if datatype == XSD_STRING { LiteralKind::String } else { LiteralKind::Typed(datatype) };
        Self { value: value.into(), kind }
    }

    /// A language-tagged string (`rdf:langString`).
    pub fn language(value: impl Into<Cow<'a, str>>, tag: impl Into<Cow<'a, str>>) -> Self {
        Self { value: value.into(), kind: LiteralKind::Language(tag.into()) }
    }

    /// The datatype IRI, as RDF defines it for each kind.
    pub fn datatype(&self) -> &str {
        match &self.kind {
            LiteralKind::String => XSD_STRING,
            LiteralKind::Typed(datatype) => datatype,
            LiteralKind::Language(_) => RDF_LANG_STRING,
        }
    }

    /// The literal with its own copies of what it borrowed.
    pub fn into_owned(self) -> Literal<'static> {
        let kind = match self.kind {
            LiteralKind::String => LiteralKind::String,
            LiteralKind::Typed(datatype) => LiteralKind::Typed(owned(datatype)),
            LiteralKind::Language(tag) => LiteralKind::Language(owned(tag)),
        };
        Literal { value: owned(self.value), kind }
    }
}

fn owned(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

impl<'a> Quad<'a> {
    /// A quad from its four parts.
    pub fn new(
        subject: Subject<'a>,
        predicate: impl Into<Cow<'a, str>>,
        object: Object<'a>,
        graph: GraphName<'a>,
    ) -> Self {
        Self { subject, predicate: predicate.into(), object, graph }
    }

    /// The quad with its own copies of what it borrowed (from the document it was made of).
    pub fn into_owned(self) -> Quad<'static> {
        Quad {
            subject: match self.subject {
                Subject::Iri(iri) => Subject::Iri(owned(iri)),
                Subject::Blank(label) => Subject::Blank(owned(label)),
            },
            predicate: owned(self.predicate),
            object: match self.object {
                Object::Iri(iri) => Object::Iri(owned(iri)),
                Object::Blank(label) => Object::Blank(owned(label)),
                Object::Literal(literal) => Object::Literal(literal.into_owned()),
            },
            graph: match self.graph {
                GraphName::Default => GraphName::Default,
                GraphName::Iri(iri) => GraphName::Iri(owned(iri)),
                GraphName::Blank(label) => GraphName::Blank(owned(label)),
            },
        }
    }
}

impl Subject<'_> {
    /// The label when this is a blank node.
    pub fn blank_label(&self) -> Option<&str> {
        match self {
            Self::Blank(label) => Some(label),
            Self::Iri(_) => None,
        }
    }
}

impl Object<'_> {
    /// The label when this is a blank node.
    pub fn blank_label(&self) -> Option<&str> {
        match self {
            Self::Blank(label) => Some(label),
            Self::Iri(_) | Self::Literal(_) => None,
        }
    }
}

impl GraphName<'_> {
    /// The label when this is a blank node.
    pub fn blank_label(&self) -> Option<&str> {
        match self {
            Self::Blank(label) => Some(label),
            Self::Default | Self::Iri(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_xsd_string_is_a_plain_string() {
        assert_eq!(Literal::typed("a", XSD_STRING), Literal::string("a"));
        assert_eq!(Literal::typed("a", XSD_STRING).datatype(), XSD_STRING);
        assert_eq!(Literal::language("a", "en").datatype(), RDF_LANG_STRING);
        assert_eq!(Literal::typed("1", "urn:t").datatype(), "urn:t");
    }
}
