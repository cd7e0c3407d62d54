//! Deserialize JSON-LD to RDF ([JSON-LD 1.1 API §8.1]): the node map as quads, literals in
//! the lexical forms jsonld.js writes.
//!
//! [JSON-LD 1.1 API §8.1]: https://www.w3.org/TR/json-ld11-api/#deserialize-json-ld-to-rdf-algorithm

use super::super::rdf::{GraphName, Literal, Object, Quad, Subject};
use super::context::is_well_formed_language;
use super::error::{Error, Result};
use super::expanded::{Scalar, ValueObject};
use super::iri::{blank_label, has_scheme, is_blank};
use super::node_map::{Entry, NodeMap, DEFAULT_GRAPH};
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

/// Converts node maps to quads.
pub(crate) struct RdfWriter<'n, 'e, 'a> {
    map: &'n mut NodeMap<'e, 'a>,
    safe: bool,
    max_quads: usize,
    quads: Vec<Quad>,
}

impl<'n, 'e, 'a> RdfWriter<'n, 'e, 'a> {
    pub(crate) fn new(map: &'n mut NodeMap<'e, 'a>, safe: bool, max_quads: usize) -> Self {
        Self { map, safe, max_quads, quads: Vec::new() }
    }

    fn lossy(&self, what: &'static str) -> Result<()> {
        if self.safe {
            Err(Error::DataLoss(what))
        } else {
            Ok(())
        }
    }

    fn emit(&mut self, quad: Quad) -> Result<()> {
        if self.quads.len() >= self.max_quads {
            return Err(Error::TooLarge);
        }
        self.quads.push(quad);
        Ok(())
    }

    /// §8.1.2: every graph of the node map.
    pub(crate) fn write(mut self) -> Result<Vec<Quad>> {
        let graphs = std::mem::take(&mut self.map.graphs);
        for (name, graph) in &graphs {
            let graph_name = if name == DEFAULT_GRAPH {
                GraphName::Default
            } else if let Some(label) = blank_label(name) {
                GraphName::Blank(label.to_owned())
            } else if is_absolute_iri(name) {
                GraphName::Iri(name.to_string())
            } else {
                self.lossy("relative graph reference")?;
                continue;
            };
            for node in &graph.nodes {
                if node.types.is_empty() && node.properties.iter().all(|(_, v)| v.items.is_empty()) {
                    continue;
                }
                let subject = if let Some(label) = blank_label(&node.id) {
                    Subject::Blank(label.to_owned())
                } else if is_absolute_iri(&node.id) {
                    Subject::Iri(node.id.to_string())
                } else {
                    self.lossy("relative subject reference")?;
                    continue;
                };
                for t in &node.types {
                    let Some(object) = self.reference(t)? else { continue };
                    self.emit(Quad::new(subject.clone(), RDF_TYPE, object, graph_name.clone()))?;
                }
                for (p, values) in &node.properties {
                    let entries = &values.items;
                    if entries.is_empty() {
                        continue;
                    }
                    if is_blank(p) {
                        self.lossy("blank node predicate")?;
                        continue;
                    }
                    if !is_absolute_iri(p) {
                        self.lossy("relative predicate reference")?;
                        continue;
                    }
                    for entry in entries {
                        if let Some(object) = self.object(entry, &graph_name)? {
                            self.emit(Quad::new(subject.clone(), p.as_ref(), object, graph_name.clone()))?;
                        }
                    }
                }
            }
        }
        Ok(self.quads)
    }

    /// A node reference as an object; `None` (dropped) when it is a relative IRI.
    fn reference(&self, id: &str) -> Result<Option<Object>> {
        if let Some(label) = blank_label(id) {
            return Ok(Some(Object::Blank(label.to_owned())));
        }
        if is_absolute_iri(id) {
            return Ok(Some(Object::Iri(id.to_string())));
        }
        self.lossy("relative object reference")?;
        Ok(None)
    }

    /// Object to RDF Conversion (§8.2).
    fn object(&mut self, entry: &Entry<'_, '_>, graph: &GraphName) -> Result<Option<Object>> {
        match entry {
            Entry::Ref(id) => self.reference(id),
            Entry::Value(v) => self.literal(v).map(|l| l.map(Object::Literal)),
            Entry::List(items) => self.list(items, graph).map(Some),
        }
    }

    /// List to RDF Conversion (§8.3): a chain of blank nodes, or `rdf:nil`.
    fn list(&mut self, items: &[Entry<'_, '_>], graph: &GraphName) -> Result<Object> {
        if items.is_empty() {
            return Ok(Object::Iri(RDF_NIL.to_owned()));
        }
        let labels: Vec<String> = items.iter().map(|_| self.map.fresh_label()).collect();
        for (i, item) in items.iter().enumerate() {
            let subject = Subject::Blank(labels.get(i).and_then(|l| blank_label(l)).unwrap_or("").to_owned());
            if let Some(object) = self.object(item, graph)? {
                self.emit(Quad::new(subject.clone(), RDF_FIRST, object, graph.clone()))?;
            }
            let rest = match labels.get(i.saturating_add(1)).and_then(|l| blank_label(l)) {
                Some(next) => Object::Blank(next.to_owned()),
                None => Object::Iri(RDF_NIL.to_owned()),
            };
            self.emit(Quad::new(subject, RDF_REST, rest, graph.clone()))?;
        }
        let head = labels.first().and_then(|l| blank_label(l)).unwrap_or("");
        Ok(Object::Blank(head.to_owned()))
    }

    /// A value object as a literal, with jsonld.js's lexical forms for numbers and booleans.
    fn literal(&self, v: &ValueObject<'_>) -> Result<Option<Literal>> {
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
        let (value, dt): (String, Option<&str>) = match (&v.value, datatype) {
            // The crate's one JCS (RFC 8785, numbers as JavaScript writes them): what the
            // `canonicalize` package jsonld.js uses writes. Parsed JSON holds no number it
            // cannot write.
            (Scalar::Json(json), _) => {
                let out = crate::canon::jcs::canonicalize(json).map_err(|_| Error::Syntax("invalid JSON literal"))?;
                (out, Some(RDF_JSON))
            }
            (_, Some("@json")) => return Ok(None),
            (Scalar::Bool(b), dt) => (b.to_string(), Some(dt.unwrap_or(XSD_BOOLEAN))),
            (Scalar::Number(n), dt) => {
                let x = n.as_f64().unwrap_or(f64::NAN);
                if is_js_double(x) || dt == Some(XSD_DOUBLE) {
                    (canonical_double(x), Some(dt.unwrap_or(XSD_DOUBLE)))
                } else {
                    (js_to_fixed0(x), Some(dt.unwrap_or(XSD_INTEGER)))
                }
            }
            // jsonld.js re-reads a string typed xsd:double with parseFloat.
            (Scalar::String(s), Some(XSD_DOUBLE)) => (canonical_double(js_parse_float(s)), Some(XSD_DOUBLE)),
            (Scalar::String(s), dt) => {
                if let (Some(language), None) = (&v.language, dt) {
                    if !is_well_formed_language(language) {
                        self.lossy("invalid @language value")?;
                        return Ok(None);
                    }
                    return Ok(Some(Literal::language(s.to_string(), language.to_string())));
                }
                (s.to_string(), dt)
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
