//! The expanded form as RDF quads: Node Map Generation ([JSON-LD 1.1 API §7.2]) and
//! Deserialize JSON-LD to RDF ([§8.1]) in one walk, literals in the lexical forms jsonld.js
//! writes.
//!
//! [JSON-LD 1.1 API §7.2]: https://www.w3.org/TR/json-ld11-api/#node-map-generation
//! [§8.1]: https://www.w3.org/TR/json-ld11-api/#deserialize-json-ld-to-rdf-algorithm

use std::borrow::Cow;

use super::super::rdf::{GraphName, Literal, Object, Quad, Subject};
use super::context::is_well_formed_language;
use super::error::{Error, Result};
use std::collections::hash_map::Entry;

use super::super::fnv::FnvMap;
use super::expanded::{Item, Node, Scalar, ValueObject};
use super::iri::{has_scheme, is_blank};
use super::Limits;
use super::number::{canonical_double, is_js_double, js_parse_float, js_to_fixed0};

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDF_FIRST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
const RDF_REST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
const RDF_NIL: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
const RDF_JSON: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";
const XSD_DOUBLE: &str = "http://www.w3.org/2001/XMLSchema#double";
const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";

/// Whether RDF can carry `s` as an IRI: a scheme, at most one `#`, and no white space or
/// character N-Quads cannot write in an IRI (jsonld.js checks only white space; the W3C suite wants all).
fn is_absolute_iri(s: &str) -> bool {
    let mut hashes = 0usize;
    for b in s.bytes() {
        match IRI_BYTES.get(usize::from(b)) {
            Some(&IRI_PLAIN) => {}
            Some(&IRI_HASH) => hashes = hashes.saturating_add(1),
            Some(&IRI_NON_ASCII) => {
                return !s.chars().any(char::is_whitespace) && has_scheme(s) && s.matches('#').count() <= 1;
            }
            _ => return false,
        }
    }
    hashes <= 1 && has_scheme(s)
}

const IRI_PLAIN: u8 = 0;
const IRI_FORBIDDEN: u8 = 1;
const IRI_HASH: u8 = 2;
const IRI_NON_ASCII: u8 = 3;

/// What each byte is to [`is_absolute_iri`]: one load a byte (every subject, predicate and
/// reference of every quad is scanned).
#[allow(clippy::indexing_slicing)] // const evaluation over 0..256: in bounds by construction
const IRI_BYTES: [u8; 256] = {
    let mut table = [IRI_PLAIN; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            0..=b' ' | b'<' | b'>' | b'"' | b'{' | b'}' | b'|' | b'^' | b'`' | b'\\' => IRI_FORBIDDEN,
            b'#' => IRI_HASH,
            0x80.. => IRI_NON_ASCII,
            _ => IRI_PLAIN,
        };
        b += 1;
    }
    table
};

/// A node's identifier as the quads write it.
enum NodeId<'e> {
    /// An IRI of the document (possibly relative: no quad can carry it).
    Named(&'e str),
    /// A blank node, by its label in this conversion (without `_:`).
    Blank(Label),
}

/// A blank node label made here: `b0` … `b99` borrowed from [`LABELS`], later ones allocated.
type Label = Cow<'static, str>;

/// The first hundred blank node labels back to back (a credential has a handful of blank
/// nodes): a quad's blank node costs no allocation, and copying its label none.
const LABELS: &str = "b0b1b2b3b4b5b6b7b8b9b10b11b12b13b14b15b16b17b18b19b20b21b22b23b24b25b26b27b28b29b30b31b32b33b34b35b36b37b38b39b40b41b42b43b44b45b46b47b48b49b50b51b52b53b54b55b56b57b58b59b60b61b62b63b64b65b66b67b68b69b70b71b72b73b74b75b76b77b78b79b80b81b82b83b84b85b86b87b88b89b90b91b92b93b94b95b96b97b98b99";

/// The label of the `n`th blank node: `b` and `n` in decimal.
fn label(n: usize) -> Label {
    let range = match n {
        0..=9 => Some(n.saturating_mul(2)..n.saturating_mul(2).saturating_add(2)),
        10..=99 => {
            let start = n.saturating_sub(10).saturating_mul(3).saturating_add(20);
            Some(start..start.saturating_add(3))
        }
        _ => None,
    };
    range.and_then(|range| LABELS.get(range)).map_or_else(|| Cow::Owned(format!("b{n}")), Cow::Borrowed)
}

impl<'e> NodeId<'e> {
    /// The node's identifier as the document would write it (`_:` and the label for a blank
    /// node), to key what is recorded per node or graph.
    fn key(&self) -> String {
        match self {
            Self::Blank(label) => format!("_:{label}"),
            Self::Named(iri) => (*iri).to_owned(),
        }
    }

    /// The node as the subject of quads; `None` for a relative IRI, which RDF cannot carry.
    fn subject(&self) -> Option<Subject<'e>> {
        match self {
            Self::Blank(label) => Some(Subject::Blank(label.clone())),
            Self::Named(iri) => is_absolute_iri(iri).then_some(Subject::Iri(Cow::Borrowed(iri))),
        }
    }
}

/// Where the nodes being walked put their quads.
struct Graph<'e> {
    /// The graph's name in the quads; `None` for a graph whose name RDF cannot carry (a
    /// relative IRI, dropped in lax mode): its quads are dropped.
    name: Option<GraphName<'e>>,
    /// The graph's identifier (`None`: the default graph), for the `@index` test.
    key: Option<String>,
}

/// Converts the expanded form to quads in one walk: Node Map Generation (§7.2) and
/// Deserialize JSON-LD to RDF (§8.1) without the node map between them.
///
/// The node map only gathers what the walk meets: each node's types and values under its id,
/// repeats merged. As quads, a node met twice gives the same quads twice and a value met twice
/// the same quad twice (values that jsonld.js's `compareValues` finds equal — `1` and `1.0`,
/// `0` and `-0` — have one lexical form here), and the quads are a set: RDFC-1.0 drops the
/// repeats (`rdfc::unique`, `State::serialize`). Blank nodes are relabeled `b0`, `b1`, … in
/// the order met; RDFC-1.0 gives the same canonical labels whatever the input labels. What
/// the node map checks, the walk checks: two different `@index` values for one node are an
/// error, and a node with a relative id is an error (or dropped) only where it has a quad.
/// Measured: a warm `eddsa-rdfc-2022` verification 3–4 % faster than with the map (three
/// interleaved A/B runs), the module 1.6 KB gzip smaller.
pub(crate) struct RdfWriter<'e> {
    safe: bool,
    max_quads: usize,
    max_items: usize,
    items: usize,
    quads: Vec<Quad<'e>>,
    /// The document's blank node identifiers and their labels here.
    labels: FnvMap<&'e str, Label>,
    next_label: usize,
    /// The `@index` of each node that has one, by graph and id.
    indexes: FnvMap<(Option<String>, String), &'e str>,
}

impl<'e> RdfWriter<'e> {
    pub(crate) fn new(safe: bool, limits: &Limits) -> Self {
        Self {
            safe,
            max_quads: limits.max_quads,
            max_items: limits.max_items,
            items: 0,
            quads: Vec::new(),
            labels: FnvMap::default(),
            next_label: 0,
            indexes: FnvMap::default(),
        }
    }

    fn lossy(&self, what: &'static str) -> Result<()> {
        if self.safe {
            Err(Error::DataLoss(what))
        } else {
            Ok(())
        }
    }

    fn emit(&mut self, quad: Quad<'e>) -> Result<()> {
        if self.quads.len() >= self.max_quads {
            return Err(Error::TooLarge);
        }
        self.quads.push(quad);
        Ok(())
    }

    /// Counts one item or node against [`Limits::max_items`].
    fn count(&mut self) -> Result<()> {
        self.items = self.items.saturating_add(1);
        if self.items > self.max_items {
            return Err(Error::TooLarge);
        }
        Ok(())
    }

    /// A new blank node label.
    fn fresh_label(&mut self) -> Label {
        let fresh = label(self.next_label);
        self.next_label = self.next_label.saturating_add(1);
        fresh
    }

    /// The identifier `id` of the document: blank nodes relabeled, IRIs kept.
    fn node_id(&mut self, id: &'e str) -> NodeId<'e> {
        if !is_blank(id) {
            return NodeId::Named(id);
        }
        if let Some(label) = self.labels.get(id) {
            return NodeId::Blank(label.clone());
        }
        let label = self.fresh_label();
        self.labels.insert(id, label.clone());
        NodeId::Blank(label)
    }

    /// The quads of every item of an expanded document.
    pub(crate) fn write(mut self, items: &'e [Item<'_>]) -> Result<Vec<Quad<'e>>> {
        let default = Graph { name: Some(GraphName::Default), key: None };
        for item in items {
            self.value(item, &default, false)?;
        }
        Ok(self.quads)
    }

    /// A node object's quads (its types and properties, and the nodes in them); its id.
    fn node(&mut self, n: &'e Node<'_>, graph: &Graph<'e>) -> Result<NodeId<'e>> {
        self.count()?;
        let id = match &n.id {
            Some(id) => self.node_id(id),
            None => NodeId::Blank(self.fresh_label()),
        };
        if let Some(index) = &n.index {
            self.index(graph, &id, index)?;
        }
        let subject = id.subject();
        if let Some(types) = n.types.as_ref().filter(|types| !types.is_empty()) {
            if self.writable(subject.as_ref(), graph)? {
                for t in types {
                    let t = self.node_id(t);
                    self.link(subject.as_ref(), RDF_TYPE, &t, graph)?;
                }
            }
        }
        if let Some(reverse) = &n.reverse {
            for (p, items) in reverse {
                for item in items {
                    self.reverse(item, p, &id, graph)?;
                }
            }
        }
        if let Some(items) = &n.graph {
            let named = self.graph(&id)?;
            for item in items {
                self.value(item, &named, false)?;
            }
        }
        if let Some(items) = &n.included {
            for item in items {
                self.value(item, graph, false)?;
            }
        }
        for (p, items) in &n.properties {
            let link = !items.is_empty() && self.writable(subject.as_ref(), graph)? && self.predicate(p)?;
            for item in items {
                let object = self.value(item, graph, link)?;
                if let (Some(object), Some(subject), Some(name)) = (object, &subject, &graph.name) {
                    self.emit(Quad::new(subject.clone(), &**p, object, name.clone()))?;
                }
            }
        }
        Ok(id)
    }

    /// Whether quads of `subject` can be written in `graph`: not for a relative subject
    /// (an error in safe mode), nor in a graph whose quads are dropped.
    fn writable(&self, subject: Option<&Subject<'_>>, graph: &Graph<'_>) -> Result<bool> {
        if graph.name.is_none() {
            return Ok(false);
        }
        if subject.is_none() {
            self.lossy("relative subject reference")?;
            return Ok(false);
        }
        Ok(true)
    }

    /// Whether RDF can carry `p` as a predicate (an error in safe mode where it cannot).
    fn predicate(&self, p: &str) -> Result<bool> {
        if is_blank(p) {
            self.lossy("blank node predicate")?;
            return Ok(false);
        }
        if !is_absolute_iri(p) {
            self.lossy("relative predicate reference")?;
            return Ok(false);
        }
        Ok(true)
    }

    /// The quad `subject p object` for a node `object`, where `subject` is writable.
    fn link(&mut self, subject: Option<&Subject<'e>>, p: &'e str, object: &NodeId<'e>, graph: &Graph<'e>) -> Result<()> {
        let Some(object) = self.reference(object)? else { return Ok(()) };
        if let (Some(subject), Some(name)) = (subject, &graph.name) {
            self.emit(Quad::new(subject.clone(), p, object, name.clone()))?;
        }
        Ok(())
    }

    /// A value of a node's property: the nodes in it walked, and as an object when `link`.
    /// Without `link`, also an item with no node above it (top level, `@graph`, `@included`).
    fn value(&mut self, item: &'e Item<'_>, graph: &Graph<'e>, link: bool) -> Result<Option<Object<'e>>> {
        self.count()?;
        match item {
            Item::Value(v) if link => self.literal(v).map(|l| l.map(Object::Literal)),
            Item::Value(_) => Ok(None),
            Item::Node(n) => {
                let id = self.node(n, graph)?;
                if link {
                    self.reference(&id)
                } else {
                    Ok(None)
                }
            }
            Item::List(l) if link => self.list(&l.items, graph).map(Some),
            Item::List(l) => {
                for it in &l.items {
                    self.value(it, graph, false)?;
                }
                Ok(None)
            }
        }
    }

    /// A value of a node's reverse property `p`: each node in it links to `target` by `p`.
    fn reverse(&mut self, item: &'e Item<'_>, p: &'e str, target: &NodeId<'e>, graph: &Graph<'e>) -> Result<()> {
        self.count()?;
        match item {
            Item::Node(n) => {
                let subject = self.node(n, graph)?.subject();
                if self.writable(subject.as_ref(), graph)? && self.predicate(p)? {
                    self.link(subject.as_ref(), p, target, graph)?;
                }
                Ok(())
            }
            Item::List(l) => l.items.iter().try_for_each(|it| self.reverse(it, p, target, graph)),
            Item::Value(_) => Ok(()),
        }
    }

    /// The graph named by node `id` (its `@graph`).
    fn graph(&mut self, id: &NodeId<'e>) -> Result<Graph<'e>> {
        let name = match id {
            NodeId::Blank(label) => Some(GraphName::Blank(label.clone())),
            NodeId::Named(iri) if is_absolute_iri(iri) => Some(GraphName::Iri(Cow::Borrowed(iri))),
            NodeId::Named(_) => {
                self.lossy("relative graph reference")?;
                None
            }
        };
        Ok(Graph { name, key: Some(id.key()) })
    }

    /// Records node `id`'s `@index`: one node with two different ones is an error (§7.2.2
    /// step 6.6), as node map generation finds it.
    fn index(&mut self, graph: &Graph<'_>, id: &NodeId<'_>, index: &'e str) -> Result<()> {
        match self.indexes.entry((graph.key.clone(), id.key())) {
            Entry::Occupied(existing) if *existing.get() != index => Err(Error::Syntax("conflicting indexes")),
            Entry::Occupied(_) => Ok(()),
            Entry::Vacant(slot) => {
                slot.insert(index);
                Ok(())
            }
        }
    }

    /// A node reference as an object; `None` (dropped) when it is a relative IRI.
    fn reference(&self, id: &NodeId<'e>) -> Result<Option<Object<'e>>> {
        match id {
            NodeId::Blank(label) => Ok(Some(Object::Blank(label.clone()))),
            NodeId::Named(iri) if is_absolute_iri(iri) => Ok(Some(Object::Iri(Cow::Borrowed(iri)))),
            NodeId::Named(_) => {
                self.lossy("relative object reference")?;
                Ok(None)
            }
        }
    }

    /// List to RDF Conversion (§8.3): a chain of blank nodes, or `rdf:nil`; the items are
    /// values of the property the list is the value of (`graph` writable).
    fn list(&mut self, items: &'e [Item<'_>], graph: &Graph<'e>) -> Result<Object<'e>> {
        let name = graph.name.clone().unwrap_or_default();
        let mut cells = items.iter();
        let Some(first) = cells.next() else {
            return Ok(Object::Iri(Cow::Borrowed(RDF_NIL)));
        };
        let head = self.fresh_label();
        let (mut label, mut item) = (head.clone(), first);
        loop {
            let subject = Subject::Blank(label);
            if let Some(object) = self.value(item, graph, true)? {
                self.emit(Quad::new(subject.clone(), RDF_FIRST, object, name.clone()))?;
            }
            match cells.next() {
                Some(next) => {
                    let next_label = self.fresh_label();
                    self.emit(Quad::new(subject, RDF_REST, Object::Blank(next_label.clone()), name.clone()))?;
                    (label, item) = (next_label, next);
                }
                None => {
                    self.emit(Quad::new(subject, RDF_REST, Object::Iri(Cow::Borrowed(RDF_NIL)), name))?;
                    return Ok(Object::Blank(head));
                }
            }
        }
    }

    /// A value object as a literal, with jsonld.js's lexical forms for numbers and booleans.
    fn literal(&self, v: &'e ValueObject<'_>) -> Result<Option<Literal<'e>>> {
        let datatype = v.datatype.as_deref();
        if let Some(t) = datatype {
            if t != "@json" && !is_absolute_iri(t) {
                self.lossy("relative datatype reference")?;
                return Ok(None);
            }
        }
        if v.direction.is_some() {
            self.lossy("rdfDirection not set")?;
        }
        let (value, dt): (Cow<'e, str>, Option<&'e str>) = match (&v.value, datatype) {
            // The crate's one JCS (RFC 8785, numbers as JavaScript writes them): what the
            // `canonicalize` package jsonld.js uses writes. Parsed JSON holds no number it
            // cannot write.
            (Scalar::Json(json), _) => {
                let out = crate::canon::jcs::canonicalize(json).map_err(|_| Error::Syntax("invalid JSON literal"))?;
                (out.into(), Some(RDF_JSON))
            }
            (_, Some("@json")) => return Ok(None),
            (Scalar::Bool(b), dt) => (Cow::Borrowed(if *b { "true" } else { "false" }), Some(dt.unwrap_or(XSD_BOOLEAN))),
            (Scalar::Number(n), dt) => {
                let x = n.as_f64().unwrap_or(f64::NAN);
                if is_js_double(x) || dt == Some(XSD_DOUBLE) {
                    (canonical_double(x).into(), Some(dt.unwrap_or(XSD_DOUBLE)))
                } else {
                    (js_to_fixed0(x).into(), Some(dt.unwrap_or(XSD_INTEGER)))
                }
            }
            // jsonld.js re-reads a string typed xsd:double with parseFloat.
            (Scalar::String(s), Some(XSD_DOUBLE)) => (canonical_double(js_parse_float(s)).into(), Some(XSD_DOUBLE)),
            (Scalar::String(s), dt) => {
                if let (Some(language), None) = (&v.language, dt) {
                    if !is_well_formed_language(language) {
                        self.lossy("invalid @language value")?;
                        return Ok(None);
                    }
                    return Ok(Some(Literal::language(&**s, &**language)));
                }
                (Cow::Borrowed(&**s), dt)
            }
        };
        Ok(Some(match dt {
            Some(dt) => Literal::typed(value, dt),
            None => Literal::string(value),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canon::jsonld::{to_rdf, Options, RemoteContext};
    use crate::canon::rdfc::canonicalize;
    use serde_json::json;
    use std::sync::Arc;

    fn none(_: &str) -> Option<Arc<RemoteContext>> {
        None
    }

    fn canonical(doc: &serde_json::Value, safe: bool) -> Result<String> {
        let options = Options { safe, ..Options::new(&none) };
        Ok(canonicalize(&to_rdf(doc, &options)?).unwrap())
    }

    #[test]
    fn a_node_met_twice_is_one_node() {
        // The node map merges `_:n` and `urn:y`'s two appearances; the walk writes them twice
        // and RDFC-1.0 reads each statement once: the same dataset.
        let twice = json!([
            {"@id": "urn:x", "urn:p": [{"@id": "_:n", "urn:q": 1}, {"@id": "urn:y", "urn:q": 1.0}]},
            {"@id": "urn:x", "urn:p": [{"@id": "_:n", "urn:q": 1, "urn:r": "a"}, {"@id": "urn:y", "urn:q": 1}]},
        ]);
        let once = json!({"@id": "urn:x", "urn:p": [{"@id": "_:n", "urn:q": 1, "urn:r": "a"}, {"@id": "urn:y", "urn:q": 1}]});
        assert_eq!(canonical(&twice, true).unwrap(), canonical(&once, true).unwrap());
        assert_eq!(canonical(&once, true).unwrap().lines().count(), 5);
    }

    #[test]
    fn two_indexes_for_one_node_are_an_error() {
        let doc = json!([{"@id": "urn:x", "@index": "a", "urn:p": 1}, {"@id": "urn:x", "@index": "b", "urn:p": 2}]);
        assert_eq!(canonical(&doc, true), Err(Error::Syntax("conflicting indexes")));
        let same = json!([{"@id": "urn:x", "@index": "a", "urn:p": 1}, {"@id": "urn:x", "@index": "a", "urn:p": 2}]);
        assert_eq!(canonical(&same, true).unwrap().lines().count(), 2);
        // One id in two graphs is two nodes.
        let graphs = json!([{"@id": "urn:x", "@index": "a", "urn:p": 1}, {"@id": "urn:g", "@graph": {"@id": "urn:x", "@index": "b", "urn:p": 2}}]);
        assert_eq!(canonical(&graphs, true).unwrap().lines().count(), 2);
    }

    #[test]
    fn nodes_under_a_dropped_statement_keep_theirs() {
        // In lax mode the statements a relative subject, a blank node predicate or a relative
        // graph name cannot carry are dropped; the nodes inside them are nodes of their own.
        let doc = json!({"@id": "urn:x",
            "urn:p": {"@id": "rel", "urn:q": {"@id": "urn:a", "urn:v": 1}},
            "_:bp": [{"@id": "urn:b", "urn:v": 2}, {"@list": [{"@id": "urn:c", "urn:v": 3}]}],
            "urn:g": {"@id": "rel-g", "@graph": {"@id": "urn:d", "urn:v": 4, "urn:n": {"@id": "urn:e", "@graph": {"@id": "urn:f", "urn:v": 5}}}}});
        let lax = canonical(&doc, false).unwrap();
        for kept in ["<urn:a> <urn:v> \"1\"^^", "<urn:b> <urn:v> \"2\"^^", "<urn:c> <urn:v> \"3\"^^", "<urn:f> <urn:v> \"5\"^^<http://www.w3.org/2001/XMLSchema#integer> <urn:e> ."] {
            assert!(lax.contains(kept), "{kept} missing from\n{lax}");
        }
        assert!(!lax.contains("urn:d"), "the relative graph's own statements are dropped:\n{lax}");
        assert_eq!(lax.lines().count(), 4, "{lax}");
        assert_eq!(canonical(&doc, true).unwrap_err().code(), "jsonld.data_loss");
    }

    #[test]
    fn blank_node_labels_are_b_and_a_number() {
        for n in 0..150 {
            assert_eq!(label(n), format!("b{n}"), "label {n}");
            assert_eq!(matches!(label(n), Cow::Borrowed(_)), n < 100, "label {n} borrowed from the table");
        }
    }

    #[test]
    fn absolute_iris_as_rdf_carries_them() {
        for ok in ["https://example.org/a#b", "urn:x", "did:key:z6Mk", "http://ex.org/é", "mailto:a@b"] {
            assert!(is_absolute_iri(ok), "{ok}");
        }
        for bad in ["relative", "http://a b", "http://a#b#c", "urn:<x>", "urn:a\\b", "urn:{x}", "", "http://ex.org/é#a#b", "http://ex.org/\u{a0}"] {
            assert!(!is_absolute_iri(bad), "{bad}");
        }
    }
}
