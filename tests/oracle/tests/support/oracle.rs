//! The oracle: `json-ld` 0.21 (expansion + toRdf) and `rdf-canon` 0.15 (RDFC-1.0), offline.
//! Their quads are handed from one crate to the other unchanged (unchecked constructors), so
//! what is compared is exactly what the two crates produce.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use json_ld::syntax::Parse;
use json_ld::{IriBuf, JsonLdProcessor, RemoteDocument};
use rdf_types::{Id, LiteralType, Term};

use super::Normalize;

/// Drives a future that never waits (every document comes from memory).
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// An offline loader: our bundled contexts plus the test's supplied ones.
pub struct Oracle {
    loader: HashMap<IriBuf, RemoteDocument>,
}

impl Oracle {
    /// A loader over `verified_badge`'s bundled contexts and `documents` (URL → JSON text).
    pub fn new(documents: &BTreeMap<String, String>) -> Oracle {
        let mut loader = HashMap::new();
        let all = verified_badge::canon::contexts::BUNDLED
            .iter()
            .map(|c| (c.url, c.json))
            .chain(documents.iter().map(|(u, j)| (u.as_str(), j.as_str())));
        for (url, json) in all {
            let iri = IriBuf::new(url.to_owned()).expect("context URL is an IRI");
            let (value, _) = json_ld::syntax::Value::parse_str(json).expect("context is JSON");
            loader.insert(iri.clone(), RemoteDocument::new(Some(iri), None, value));
        }
        Oracle { loader }
    }

    /// The canonical N-Quads of `json` (a JSON-LD document), or the oracle's error.
    pub fn canonical_nquads(&self, json: &str) -> Result<String, String> {
        self.canonical_nquads_normalized(json, Normalize::NONE)
    }

    /// The canonical N-Quads of `json`, with its literals normalized before canonicalization.
    pub fn canonical_nquads_normalized(&self, json: &str, normalize: Normalize) -> Result<String, String> {
        let (value, _) = json_ld::syntax::Value::parse_str(json).map_err(|e| format!("parse: {e}"))?;
        let input = RemoteDocument::new(None, None, value);
        let generator = rdf_types::generator::Blank::new_with_prefix("b".to_owned());
        let mut rdf = block_on(input.to_rdf(generator, &self.loader)).map_err(|e| format!("toRdf: {e}"))?;
        let quads: Vec<oxrdf::Quad> = rdf.cloned_quads().map(|q| convert(q, normalize)).collect();
        rdf_canon::canonicalize_quads(&quads).map_err(|e| format!("rdf-canon: {e}"))
    }
}

fn subject(id: Id) -> oxrdf::Subject {
    match id {
        Id::Iri(iri) => oxrdf::NamedNode::new_unchecked(iri.into_string()).into(),
        Id::Blank(b) => oxrdf::BlankNode::new_unchecked(&b.as_str()[2..]).into(),
    }
}

fn convert(
    rdf_types::Quad(s, p, o, g): json_ld::rdf::Quad<IriBuf, rdf_types::BlankIdBuf, rdf_types::Literal>,
    normalize: Normalize,
) -> oxrdf::Quad {
    let predicate = match p {
        Id::Iri(iri) => oxrdf::NamedNode::new_unchecked(iri.into_string()),
        Id::Blank(b) => panic!("blank node predicate {b} (generalized RDF is off)"),
    };
    let object: oxrdf::Term = match o {
        Term::Id(id) => match subject(id) {
            oxrdf::Subject::NamedNode(n) => n.into(),
            oxrdf::Subject::BlankNode(b) => b.into(),
        },
        Term::Literal(lit) => match lit.type_ {
            LiteralType::Any(ty) => {
                oxrdf::Literal::new_typed_literal(normalize.value(lit.value), oxrdf::NamedNode::new_unchecked(ty.into_string()))
            }
            LiteralType::LangString(tag) => {
                oxrdf::Literal::new_language_tagged_literal_unchecked(lit.value, normalize.tag(tag.into_string()))
            }
        }
        .into(),
    };
    let graph = match g.map(subject) {
        None => oxrdf::GraphName::DefaultGraph,
        Some(oxrdf::Subject::NamedNode(n)) => n.into(),
        Some(oxrdf::Subject::BlankNode(b)) => b.into(),
    };
    oxrdf::Quad::new(subject(s), predicate, object, graph)
}
