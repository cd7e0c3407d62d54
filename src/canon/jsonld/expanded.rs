//! The expanded form of a JSON-LD document as typed Rust values ([JSON-LD 1.1 §9]), borrowing
//! strings from the input where it can.
//!
//! [JSON-LD 1.1 §9]: https://www.w3.org/TR/json-ld11/#expanded-document-form

use std::ops::Deref;
use std::sync::Arc;

use serde_json::{Map, Number, Value};

/// A string of the expanded form: borrowed from the input, shared with a context, or built.
#[derive(Debug, Clone)]
pub enum Text<'a> {
    /// Borrowed from the input document.
    Borrowed(&'a str),
    /// Shared with a term definition of a context.
    Shared(Arc<str>),
    /// Built during expansion (a resolved or concatenated IRI).
    Owned(String),
}

impl Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Self::Borrowed(s) => s,
            Self::Shared(s) => s,
            Self::Owned(s) => s,
        }
    }
}

impl PartialEq for Text<'_> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Text<'_> {}

/// One item of the expanded form: a node, a value or a list.
#[derive(Debug, Clone, PartialEq)]
pub enum Item<'a> {
    /// A node object (also a graph object or a node reference).
    Node(Box<Node<'a>>),
    /// A value object.
    Value(Box<ValueObject<'a>>),
    /// A list object.
    List(Box<List<'a>>),
}

/// A node object.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Node<'a> {
    /// `@id`: an IRI or blank node identifier (possibly relative, when no base applied).
    pub id: Option<Text<'a>>,
    /// `@type`: IRIs or blank node identifiers.
    pub types: Option<Vec<Text<'a>>>,
    /// `@index`.
    pub index: Option<Text<'a>>,
    /// Properties by expanded IRI: in the order of the object's keys, or sorted by IRI where
    /// two keys gave one IRI (their values joined). The order carries no meaning.
    pub properties: Vec<(Text<'a>, Vec<Item<'a>>)>,
    /// `@reverse`: reverse properties by expanded IRI.
    pub reverse: Option<Vec<(Text<'a>, Vec<Item<'a>>)>>,
    /// `@graph`: the nodes of the named graph this node names.
    pub graph: Option<Vec<Item<'a>>>,
    /// `@included`: nodes included alongside this one.
    pub included: Option<Vec<Item<'a>>>,
}

/// A value object: a literal and what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueObject<'a> {
    /// `@value`.
    pub value: Scalar<'a>,
    /// `@type`: a datatype IRI, or `@json`.
    pub datatype: Option<Text<'a>>,
    /// `@language`, lower-cased as jsonld.js does.
    pub language: Option<Text<'a>>,
    /// `@direction`.
    pub direction: Option<Direction>,
    /// `@index`.
    pub index: Option<Text<'a>>,
}

/// The `@value` of a value object.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar<'a> {
    /// A string.
    String(Text<'a>),
    /// A JSON number, as written.
    Number(Number),
    /// A boolean.
    Bool(bool),
    /// Any JSON value of an `@json` literal.
    Json(&'a Value),
}

/// A list object.
#[derive(Debug, Clone, PartialEq)]
pub struct List<'a> {
    /// `@list`: the items in order.
    pub items: Vec<Item<'a>>,
    /// `@index`.
    pub index: Option<Text<'a>>,
}

/// A base direction (`@direction`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `ltr`.
    Ltr,
    /// `rtl`.
    Rtl,
}

impl Direction {
    /// Parses `ltr` or `rtl`.
    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "ltr" => Some(Self::Ltr),
            "rtl" => Some(Self::Rtl),
            _ => None,
        }
    }

    /// The keyword value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ltr => "ltr",
            Self::Rtl => "rtl",
        }
    }
}

impl<'a> Node<'a> {
    /// Whether this is a graph object: `@graph` and at most `@id` and `@index` besides.
    pub fn is_graph_object(&self) -> bool {
        self.graph.is_some()
            && self.types.is_none()
            && self.properties.is_empty()
            && self.reverse.is_none()
            && self.included.is_none()
    }
}

/// Adds `items` under `key` of a property list (reverse map or properties). A key seen before
/// but not last gets a second entry; [`merge_keys`] joins them when the object is done, so
/// an object with many properties costs O(n log n), not O(n²).
pub(crate) fn add_all<'a>(map: &mut Vec<(Text<'a>, Vec<Item<'a>>)>, key: Text<'a>, items: Vec<Item<'a>>) {
    match map.last_mut() {
        Some((last, values)) if *last == key => values.extend(items),
        _ => map.push((key, items)),
    }
}

/// Joins the entries [`add_all`] left under the same key, keeping the order of values. The
/// order of the keys themselves means nothing (an object's properties are a map, its quads a
/// set), so an object with a few keys and no repeat, which is nearly every object, is left as
/// it is: comparing a few IRIs for equality mostly compares lengths, where sorting them
/// compared their long shared namespaces (≈ 1 % of a warm verification, measured).
pub(crate) fn merge_keys<'a>(map: &mut Vec<(Text<'a>, Vec<Item<'a>>)>) {
    /// Past this many keys, sorting (O(n log n)) finds the repeats.
    const SCAN: usize = 16;
    if map.len() < 2 {
        return;
    }
    if map.len() <= SCAN && !map.iter().enumerate().any(|(i, (k, _))| map.iter().skip(i.saturating_add(1)).any(|(o, _)| o == k)) {
        return;
    }
    crate::canon::sort::sort_by(map, |(a, _), (b, _)| str::cmp(a, b));
    let mut merged: Vec<(Text<'a>, Vec<Item<'a>>)> = Vec::with_capacity(map.len());
    for (key, items) in map.drain(..) {
        match merged.last_mut() {
            Some((last, values)) if *last == key => values.extend(items),
            _ => merged.push((key, items)),
        }
    }
    *map = merged;
}

/// The expanded form as JSON (for the conformance suite and debugging).
pub fn to_json(items: &[Item<'_>]) -> Value {
    Value::Array(items.iter().map(item_to_json).collect())
}

fn item_to_json(item: &Item<'_>) -> Value {
    let mut m = Map::new();
    match item {
        Item::Node(n) => {
            if let Some(id) = &n.id {
                m.insert("@id".into(), Value::String(id.to_string()));
            }
            if let Some(types) = &n.types {
                m.insert("@type".into(), Value::Array(types.iter().map(|t| Value::String(t.to_string())).collect()));
            }
            if let Some(index) = &n.index {
                m.insert("@index".into(), Value::String(index.to_string()));
            }
            for (p, values) in &n.properties {
                m.insert(p.to_string(), to_json(values));
            }
            if let Some(reverse) = &n.reverse {
                let r: Map<String, Value> = reverse.iter().map(|(p, v)| (p.to_string(), to_json(v))).collect();
                m.insert("@reverse".into(), Value::Object(r));
            }
            if let Some(graph) = &n.graph {
                m.insert("@graph".into(), to_json(graph));
            }
            if let Some(included) = &n.included {
                m.insert("@included".into(), to_json(included));
            }
        }
        Item::Value(v) => {
            let value = match &v.value {
                Scalar::String(s) => Value::String(s.to_string()),
                Scalar::Number(n) => Value::Number(n.clone()),
                Scalar::Bool(b) => Value::Bool(*b),
                Scalar::Json(j) => (*j).clone(),
            };
            m.insert("@value".into(), value);
            if let Some(t) = &v.datatype {
                m.insert("@type".into(), Value::String(t.to_string()));
            }
            if let Some(l) = &v.language {
                m.insert("@language".into(), Value::String(l.to_string()));
            }
            if let Some(d) = v.direction {
                m.insert("@direction".into(), Value::String(d.as_str().into()));
            }
            if let Some(index) = &v.index {
                m.insert("@index".into(), Value::String(index.to_string()));
            }
        }
        Item::List(l) => {
            m.insert("@list".into(), to_json(&l.items));
            if let Some(index) = &l.index {
                m.insert("@index".into(), Value::String(index.to_string()));
            }
        }
    }
    Value::Object(m)
}
