//! Node Map Generation ([JSON-LD 1.1 API §7.2]): the expanded form flattened into graphs of
//! nodes, blank nodes relabeled `_:b0`, `_:b1`, … and repeated values merged as jsonld.js
//! merges them.
//!
//! [JSON-LD 1.1 API §7.2]: https://www.w3.org/TR/json-ld11-api/#node-map-generation

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use super::super::fnv::{Fnv, FnvMap, FnvSet};
use super::error::{Error, Result};
use super::expanded::{Item, Scalar, ValueObject};
use super::iri::is_blank;

/// One value of a node's property in the node map.
#[derive(Debug)]
pub(crate) enum Entry<'e, 'a> {
    /// A reference to a node, by id.
    Ref(Cow<'e, str>),
    /// A value object of the expanded form.
    Value(&'e ValueObject<'a>),
    /// A list of entries.
    List(Vec<Entry<'e, 'a>>),
}

/// One node of a graph.
#[derive(Debug)]
pub(crate) struct NodeEntry<'e, 'a> {
    pub(crate) id: Cow<'e, str>,
    pub(crate) types: Vec<Cow<'e, str>>,
    pub(crate) properties: Vec<(Cow<'e, str>, Values<'e, 'a>)>,
    index: Option<&'e str>,
    /// Positions in `properties` by name, once there are many (bounded cost per lookup).
    by_name: Option<FnvMap<Cow<'e, str>, usize>>,
}

/// The values of one property, with hashes for the duplicate test once there are many.
#[derive(Debug, Default)]
pub(crate) struct Values<'e, 'a> {
    pub(crate) items: Vec<Entry<'e, 'a>>,
    hashes: Option<FnvSet<u64>>,
}

/// Past this many entries, lookups go through a hash index instead of a scan.
const SCAN_LIMIT: usize = 16;

/// The nodes of one graph, in the order first seen.
#[derive(Debug, Default)]
pub(crate) struct Graph<'e, 'a> {
    pub(crate) nodes: Vec<NodeEntry<'e, 'a>>,
    by_id: FnvMap<Cow<'e, str>, usize>,
}

/// Where an element being mapped hangs from.
enum Subject<'e> {
    /// Nowhere (a top-level node, or a node of `@graph` or `@included`).
    None,
    /// The node at this index of the current graph, through the current property.
    Id(usize),
    /// The node with this id, through the reverse of the current property.
    Reverse(Cow<'e, str>),
}

/// The node map: graphs by name (`@default` first).
#[derive(Debug)]
pub(crate) struct NodeMap<'e, 'a> {
    pub(crate) graphs: Vec<(Cow<'e, str>, Graph<'e, 'a>)>,
    labels: FnvMap<&'e str, String>,
    next_label: usize,
    entries: usize,
    max_entries: usize,
}

/// The name of the default graph in the node map.
pub(crate) const DEFAULT_GRAPH: &str = "@default";

impl<'e, 'a> NodeMap<'e, 'a> {
    /// Maps every item of an expanded document.
    pub(crate) fn generate(items: &'e [Item<'a>], max_entries: usize) -> Result<Self> {
        let mut map = Self {
            graphs: vec![(Cow::Borrowed(DEFAULT_GRAPH), Graph::default())],
            labels: FnvMap::default(),
            next_label: 0,
            entries: 0,
            max_entries,
        };
        for item in items {
            map.add(item, 0, &Subject::None, None, None)?;
        }
        Ok(map)
    }

    /// A new blank node label.
    pub(crate) fn fresh_label(&mut self) -> String {
        let label = format!("_:b{}", self.next_label);
        self.next_label = self.next_label.saturating_add(1);
        label
    }

    /// The label for an identifier: blank nodes are relabeled, IRIs kept.
    fn label(&mut self, id: &'e str) -> Cow<'e, str> {
        if !is_blank(id) {
            return Cow::Borrowed(id);
        }
        if let Some(l) = self.labels.get(id) {
            return Cow::Owned(l.clone());
        }
        let l = self.fresh_label();
        self.labels.insert(id, l.clone());
        Cow::Owned(l)
    }

    #[allow(clippy::ptr_arg)] // a `Cow` clone keeps borrowed names borrowed
    fn graph_index(&mut self, name: &Cow<'e, str>) -> usize {
        match self.graphs.iter().position(|(n, _)| n == name) {
            Some(i) => i,
            None => {
                self.graphs.push((name.clone(), Graph::default()));
                self.graphs.len().saturating_sub(1)
            }
        }
    }

    /// The index of node `id` in graph `g`, created when new.
    #[allow(clippy::ptr_arg)] // a `Cow` clone keeps borrowed names borrowed
    fn node_index(&mut self, g: usize, id: &Cow<'e, str>) -> Result<usize> {
        let Some((_, graph)) = self.graphs.get_mut(g) else {
            return Err(Error::TooLarge);
        };
        if let Some(&at) = graph.by_id.get(id) {
            return Ok(at);
        }
        self.entries = self.entries.saturating_add(1);
        if self.entries > self.max_entries {
            return Err(Error::TooLarge);
        }
        graph.nodes.push(NodeEntry {
            id: id.clone(),
            types: Vec::new(),
            properties: Vec::new(),
            index: None,
            by_name: None,
        });
        let at = graph.nodes.len().saturating_sub(1);
        graph.by_id.insert(id.clone(), at);
        Ok(at)
    }

    /// The node at `at` of graph `g`.
    fn node_at(&mut self, g: usize, at: usize) -> Result<&mut NodeEntry<'e, 'a>> {
        self.graphs.get_mut(g).and_then(|(_, graph)| graph.nodes.get_mut(at)).ok_or(Error::TooLarge)
    }

    fn count(&mut self) -> Result<()> {
        self.entries = self.entries.saturating_add(1);
        if self.entries > self.max_entries {
            return Err(Error::TooLarge);
        }
        Ok(())
    }

    /// Node Map Generation (§7.2.2) for one element.
    fn add(
        &mut self,
        item: &'e Item<'a>,
        g: usize,
        subject: &Subject<'e>,
        property: Option<&Cow<'e, str>>,
        list: Option<&mut Vec<Entry<'e, 'a>>>,
    ) -> Result<()> {
        self.count()?;
        match item {
            Item::Value(v) => match (list, subject, property) {
                (Some(list), _, _) => list.push(Entry::Value(v)),
                (None, Subject::Id(s), Some(p)) => add_unique(self.node_at(g, *s)?, p, Entry::Value(v)),
                _ => {}
            },
            Item::List(l) => {
                let mut inner = Vec::with_capacity(l.items.len());
                for it in &l.items {
                    self.add(it, g, subject, property, Some(&mut inner))?;
                }
                match (list, subject, property) {
                    (Some(outer), _, _) => outer.push(Entry::List(inner)),
                    (None, Subject::Id(s), Some(p)) => push(self.node_at(g, *s)?, p, Entry::List(inner)),
                    _ => {}
                }
            }
            Item::Node(n) => {
                let id = match &n.id {
                    Some(id) => self.label(id),
                    None => Cow::Owned(self.fresh_label()),
                };
                let at = self.node_index(g, &id)?;
                match (subject, property) {
                    (Subject::Reverse(r), Some(p)) => add_unique(self.node_at(g, at)?, p, Entry::Ref(r.clone())),
                    (_, Some(p)) => match list {
                        Some(list) => list.push(Entry::Ref(id.clone())),
                        None => {
                            if let Subject::Id(s) = subject {
                                add_unique(self.node_at(g, *s)?, p, Entry::Ref(id.clone()));
                            }
                        }
                    },
                    _ => {}
                }
                if let Some(types) = &n.types {
                    for t in types {
                        let t = self.label(t);
                        let node = self.node_at(g, at)?;
                        if !node.types.contains(&t) {
                            node.types.push(t);
                        }
                    }
                }
                if let Some(index) = &n.index {
                    let node = self.node_at(g, at)?;
                    match node.index {
                        Some(existing) if existing != &**index => return Err(Error::Syntax("conflicting indexes")),
                        _ => node.index = Some(index),
                    }
                }
                if let Some(reverse) = &n.reverse {
                    for (p, items) in reverse {
                        let p = self.label(p);
                        for it in items {
                            self.add(it, g, &Subject::Reverse(id.clone()), Some(&p), None)?;
                        }
                    }
                }
                if let Some(graph) = &n.graph {
                    let gi = self.graph_index(&id);
                    for it in graph {
                        self.add(it, gi, &Subject::None, None, None)?;
                    }
                }
                if let Some(included) = &n.included {
                    for it in included {
                        self.add(it, g, &Subject::None, None, None)?;
                    }
                }
                let this = Subject::Id(at);
                for (p, items) in &n.properties {
                    let p = self.label(p);
                    for it in items {
                        self.add(it, g, &this, Some(&p), None)?;
                    }
                }
            }
        }
        Ok(())
    }
}

impl<'e, 'a> NodeEntry<'e, 'a> {
    /// The values of property `p`, created empty when new.
    fn values(&mut self, p: &Cow<'e, str>) -> Option<&mut Values<'e, 'a>> {
        let found = match &self.by_name {
            Some(index) => index.get(p).copied(),
            None => self.properties.iter().position(|(q, _)| q == p),
        };
        let at = match found {
            Some(at) => at,
            None => {
                self.properties.push((p.clone(), Values::default()));
                let at = self.properties.len().saturating_sub(1);
                if let Some(index) = &mut self.by_name {
                    index.insert(p.clone(), at);
                } else if self.properties.len() > SCAN_LIMIT {
                    self.by_name = Some(self.properties.iter().enumerate().map(|(i, (q, _))| (q.clone(), i)).collect());
                }
                at
            }
        };
        self.properties.get_mut(at).map(|(_, values)| values)
    }
}

/// Appends an entry to a property.
#[allow(clippy::ptr_arg)] // a `Cow` clone keeps borrowed names borrowed
fn push<'e, 'a>(node: &mut NodeEntry<'e, 'a>, p: &Cow<'e, str>, entry: Entry<'e, 'a>) {
    if let Some(values) = node.values(p) {
        values.items.push(entry);
    }
}

/// Appends an entry to a property unless an equal one is there (jsonld.js `compareValues`).
#[allow(clippy::ptr_arg)] // a `Cow` clone keeps borrowed names borrowed
fn add_unique<'e, 'a>(node: &mut NodeEntry<'e, 'a>, p: &Cow<'e, str>, entry: Entry<'e, 'a>) {
    let Some(values) = node.values(p) else { return };
    if values.hashes.is_none() && values.items.len() >= SCAN_LIMIT {
        values.hashes = Some(values.items.iter().filter_map(entry_hash).collect());
    }
    // Short lists are scanned: their entries are hashed only once the list grows long.
    let hash = if values.hashes.is_some() { entry_hash(&entry) } else { None };
    let maybe_present = match (&values.hashes, hash) {
        (Some(hashes), Some(h)) => hashes.contains(&h),
        (Some(_), None) => false,
        (None, _) => true,
    };
    if maybe_present && values.items.iter().any(|v| same_entry(v, &entry)) {
        return;
    }
    if let (Some(hashes), Some(h)) = (&mut values.hashes, hash) {
        hashes.insert(h);
    }
    values.items.push(entry);
}

/// A hash consistent with [`same_entry`]; `None` for entries equal to nothing else.
fn entry_hash(e: &Entry<'_, '_>) -> Option<u64> {
    let mut h = Fnv::default();
    match e {
        Entry::Ref(id) => {
            0u8.hash(&mut h);
            id.hash(&mut h);
        }
        Entry::Value(v) => {
            1u8.hash(&mut h);
            match &v.value {
                Scalar::String(s) => s.hash(&mut h),
                Scalar::Number(n) => number_bits(n.as_f64()).hash(&mut h),
                Scalar::Bool(b) => b.hash(&mut h),
                Scalar::Json(j) => match j {
                    serde_json::Value::String(s) => s.hash(&mut h),
                    serde_json::Value::Number(n) => number_bits(n.as_f64()).hash(&mut h),
                    serde_json::Value::Bool(b) => b.hash(&mut h),
                    serde_json::Value::Null => 2u8.hash(&mut h),
                    _ => return None,
                },
            }
            v.datatype.as_deref().hash(&mut h);
            v.language.as_deref().hash(&mut h);
            v.index.as_deref().hash(&mut h);
        }
        Entry::List(_) => return None,
    }
    Some(h.finish())
}

/// The bits of a number, with `-0` as `0` (JavaScript's `-0 === 0`).
fn number_bits(x: Option<f64>) -> u64 {
    x.map_or(u64::MAX, |x| if x == 0.0 { 0 } else { x.to_bits() })
}

/// jsonld.js's value comparison: references by id, values by `@value` (with JavaScript's
/// `===`), `@type`, `@language` and `@index`; lists never.
fn same_entry(a: &Entry<'_, '_>, b: &Entry<'_, '_>) -> bool {
    match (a, b) {
        (Entry::Ref(x), Entry::Ref(y)) => x == y,
        (Entry::Value(x), Entry::Value(y)) => {
            same_scalar(&x.value, &y.value)
                && x.datatype.as_deref() == y.datatype.as_deref()
                && x.language.as_deref() == y.language.as_deref()
                && x.index.as_deref() == y.index.as_deref()
        }
        _ => false,
    }
}

fn same_scalar(a: &Scalar<'_>, b: &Scalar<'_>) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Scalar::String(x), Scalar::String(y)) => x == y,
        (Scalar::Number(x), Scalar::Number(y)) => x.as_f64() == y.as_f64(),
        (Scalar::Bool(x), Scalar::Bool(y)) => x == y,
        (Scalar::Json(x), Scalar::Json(y)) => match (x, y) {
            (Value::String(p), Value::String(q)) => p == q,
            (Value::Number(p), Value::Number(q)) => p.as_f64() == q.as_f64(),
            (Value::Bool(p), Value::Bool(q)) => p == q,
            (Value::Null, Value::Null) => true,
            _ => false,
        },
        _ => false,
    }
}
