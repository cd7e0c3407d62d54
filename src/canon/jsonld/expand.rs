//! The Expansion algorithm ([JSON-LD 1.1 API §5.1]) and Value Expansion (§5.3), producing
//! the typed expanded form of [`expanded`](super::expanded).
//!
//! Steps are numbered as in the specification. Safe mode turns each place where the
//! algorithm drops data silently into [`Error::DataLoss`].
//!
//! [JSON-LD 1.1 API §5.1]: https://www.w3.org/TR/json-ld11-api/#expansion-algorithm

use std::sync::Arc;

use serde_json::{Map, Value};

use super::context::{expand_iri, expands_to_keyword, is_well_formed_language, process, ActiveContext, Env, Flags};
use super::error::{Error, Result};
use super::expanded::{add_all, merge_keys, Direction, Item, List, Node, Scalar, Text, ValueObject};
use super::iri::{has_scheme, is_blank};
use super::term::{Container, TermDef};
use crate::canon::sort::sort_by;

/// Expansion state for one document.
pub(crate) struct Expander<'l> {
    pub(crate) env: Env<'l>,
    /// The document's base URL (for relative context references in the document).
    pub(crate) base_url: Option<Arc<str>>,
    depth: usize,
    items: usize,
    /// The top-level entry to leave out ([`Options::omit`](super::Options::omit)), until the
    /// top-level object has been read.
    omit: Option<&'l str>,
}

/// What expanding one element gives.
enum Out<'a> {
    /// Nothing (dropped or null).
    Null,
    /// One item.
    One(Item<'a>),
    /// An array of items (from an array, or a `@set`).
    Many(Vec<Item<'a>>),
}

impl<'a> Out<'a> {
    fn into_vec(self) -> Vec<Item<'a>> {
        match self {
            Self::Null => Vec::new(),
            Self::One(item) => vec![item],
            Self::Many(items) => items,
        }
    }
}

/// What the caller of [`Expander::expand`] already looked up about the property in the
/// active context: its definition and its expanded IRI. [`Expander::expand_property`] has
/// both, and each value would otherwise look them up again (two or three hash lookups each).
#[derive(Clone, Copy)]
struct Known<'d> {
    def: Option<&'d Arc<TermDef>>,
    expanded: &'d str,
}

impl<'d> Known<'d> {
    /// `property`'s definition in `active`: as the caller passed it, or looked up.
    fn def(known: Option<Self>, active: &'d ActiveContext, property: Option<&str>) -> Option<&'d Arc<TermDef>> {
        match known {
            Some(k) => k.def,
            None => property.and_then(|p| active.term(p)),
        }
    }
}

/// The entries of an object being expanded (§5.1.2 step 13's `result`).
#[derive(Default)]
struct Builder<'a> {
    id: Option<Text<'a>>,
    types: Option<Vec<Text<'a>>>,
    types_from_array: bool,
    value: Option<&'a Value>,
    language: Option<Text<'a>>,
    direction: Option<Direction>,
    index: Option<Text<'a>>,
    list: Option<Vec<Item<'a>>>,
    set: Option<Vec<Item<'a>>>,
    graph: Option<Vec<Item<'a>>>,
    included: Option<Vec<Item<'a>>>,
    reverse: Option<Vec<(Text<'a>, Vec<Item<'a>>)>>,
    properties: Vec<(Text<'a>, Vec<Item<'a>>)>,
    /// Keywords already set (for `colliding keywords`).
    seen: Vec<&'static str>,
    /// `@id` had the form of a keyword and was ignored.
    id_ignored: bool,
}

/// Static names of the keywords a builder records.
fn keyword_name(k: &str) -> &'static str {
    match k {
        "@id" => "@id",
        "@type" => "@type",
        "@value" => "@value",
        "@language" => "@language",
        "@direction" => "@direction",
        "@index" => "@index",
        "@list" => "@list",
        "@set" => "@set",
        "@graph" => "@graph",
        "@included" => "@included",
        "@reverse" => "@reverse",
        _ => "",
    }
}

impl<'l> Expander<'l> {
    pub(crate) fn new(env: Env<'l>, base_url: Option<&str>, omit: Option<&'l str>) -> Self {
        Self { env, base_url: base_url.map(Into::into), depth: 0, items: 0, omit }
    }

    fn enter(&mut self) -> Result<()> {
        self.depth = self.depth.saturating_add(1);
        if self.depth > self.env.limits.max_depth {
            return Err(Error::TooDeep);
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn count(&mut self) -> Result<()> {
        self.items = self.items.saturating_add(1);
        if self.items > self.env.limits.max_items {
            return Err(Error::TooLarge);
        }
        Ok(())
    }

    /// Expands a whole document (§5.1 and the `expand()` API steps after it).
    pub(crate) fn expand_document<'a>(&mut self, active: &Arc<ActiveContext>, document: &'a Value) -> Result<Vec<Item<'a>>> {
        let out = self.expand(active, None, document, false, None)?;
        Ok(Self::top_level(out))
    }

    /// [`Self::expand_document`] of a JSON object, without a `Value` around it.
    pub(crate) fn expand_document_object<'a>(
        &mut self,
        active: &Arc<ActiveContext>,
        document: &'a Map<String, Value>,
    ) -> Result<Vec<Item<'a>>> {
        self.enter()?;
        let out = self.expand_object(active, None, document, false, None);
        self.leave();
        Ok(Self::top_level(out?))
    }

    /// As the API's expand() ends: a lone top-level graph object (no `@id`, no `@index`) gives its graph.
    fn top_level(out: Out<'_>) -> Vec<Item<'_>> {
        match out {
            Out::One(Item::Node(node)) if node.is_graph_object() && node.id.is_none() && node.index.is_none() => {
                node.graph.unwrap_or_default()
            }
            other => other.into_vec(),
        }
    }

    /// The Expansion algorithm (§5.1.2) for one element.
    fn expand<'a>(
        &mut self,
        active: &Arc<ActiveContext>,
        property: Option<&'a str>,
        element: &'a Value,
        from_map: bool,
        known: Option<Known<'_>>,
    ) -> Result<Out<'a>> {
        match element {
            Value::Null => Ok(Out::Null),
            Value::Array(items) => {
                self.enter()?;
                let in_list = Known::def(known, active, property).is_some_and(|d| d.container.has(Container::LIST));
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match self.expand(active, property, item, from_map, known)? {
                        Out::Null => {}
                        Out::One(item) => out.push(item),
                        Out::Many(items) if in_list => {
                            self.count()?;
                            out.push(Item::List(Box::new(List { items, index: None })));
                        }
                        Out::Many(items) => out.extend(items),
                    }
                }
                self.leave();
                Ok(Out::Many(out))
            }
            Value::Object(map) => {
                self.enter()?;
                let out = self.expand_object(active, property, map, from_map, known);
                self.leave();
                out
            }
            scalar => {
                let graph = match known {
                    Some(k) => k.expanded == "@graph",
                    None => property.is_some_and(|p| expands_to_keyword(active, p, "@graph")),
                };
                if property.is_none() || graph {
                    self.env.lossy("free-floating scalar")?;
                    return Ok(Out::Null);
                }
                let def = Known::def(known, active, property).cloned();
                // A property-scoped context may redefine the property itself: look it up again
                // there (only there: most properties have none).
                let (active, def) = match def.as_ref().and_then(|d| d.context.as_ref()) {
                    Some(scoped) => {
                        let flags = Flags { override_protected: true, ..Flags::DEFAULT };
                        let scoped_active = self.env.apply_scoped(active, scoped, flags)?;
                        let def = property.and_then(|p| scoped_active.term(p)).cloned();
                        (scoped_active, def)
                    }
                    None => (active.clone(), def),
                };
                self.count()?;
                Ok(Out::One(self.expand_value(&active, def.as_deref(), scalar)?))
            }
        }
    }

    /// §5.1.2 steps 6–20: an object.
    fn expand_object<'a>(
        &mut self,
        active: &Arc<ActiveContext>,
        property: Option<&'a str>,
        map: &'a Map<String, Value>,
        from_map: bool,
        known: Option<Known<'_>>,
    ) -> Result<Out<'a>> {
        let property_def = Known::def(known, active, property).cloned();
        let mut keys = sorted_entries(map);
        // The first object read is the document's top level: drop the omitted entry there only.
        if let Some(omit) = self.omit.take() {
            keys.retain(|(k, _)| *k != omit);
        }
        let mut active = active.clone();
        // Step 7: a type-scoped context does not propagate into nested nodes.
        if let Some(previous) = active.previous.clone() {
            if !from_map {
                let has_value = keys.iter().any(|(k, _)| expands_to_keyword(&active, k, "@value"));
                let only_id = keys.len() == 1 && keys.iter().all(|(k, _)| expands_to_keyword(&active, k, "@id"));
                if !has_value && !only_id {
                    active = previous;
                }
            }
        }
        // Step 8: the property-scoped context.
        if let Some(scoped) = property_def.as_ref().and_then(|d| d.context.as_ref()) {
            let flags = Flags { override_protected: true, ..Flags::DEFAULT };
            active = self.env.apply_scoped(&active, scoped, flags)?;
        }
        // Step 9: an embedded context.
        if let Some(local) = map.get("@context") {
            let base = self.base_url.clone();
            active = process(&mut self.env, &active, local, base.as_ref(), &mut Vec::new(), Flags::DEFAULT, false)?;
        }
        // Steps 10–11: type-scoped contexts, in lexicographic order of the types.
        let type_scoped = active.clone();
        let mut input_type: Option<Text<'a>> = None;
        let mut first_type_entry = true;
        for (key, value) in &keys {
            if !expands_to_keyword(&type_scoped, key, "@type") {
                continue;
            }
            let mut terms: Vec<&str> = match value {
                Value::String(s) => vec![s.as_str()],
                Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if first_type_entry {
                first_type_entry = false;
                let last = match value {
                    Value::String(s) => Some(s.as_str()),
                    Value::Array(items) => items.last().and_then(Value::as_str),
                    _ => None,
                };
                input_type = last.and_then(|t| expand_iri(&active, t, true, true));
            }
            sort_by(&mut terms, |a, b| a.cmp(b));
            for term in terms {
                if let Some(scoped) = type_scoped.term(term).and_then(|d| d.context.as_ref()) {
                    let flags = Flags { propagate: false, ..Flags::DEFAULT };
                    active = self.env.apply_scoped(&active, scoped, flags)?;
                }
            }
        }
        let mut b = Builder::default();
        let expanded_property = property.and_then(|p| expand_iri(&active, p, false, true));
        let ctx = Scope { active: &active, type_scoped: &type_scoped, property, expanded_property: expanded_property.as_deref(), input_type: input_type.as_deref() };
        self.expand_entries(&ctx, &keys, &mut b)?;
        self.finish(b, &ctx)
    }

    /// §5.1.2 steps 13–14: the entries of `keys` (and nested `@nest` objects) into `b`.
    fn expand_entries<'a>(&mut self, s: &Scope<'_, 'a>, keys: &[(&'a str, &'a Value)], b: &mut Builder<'a>) -> Result<()> {
        let mut nests: Vec<&'a str> = Vec::new();
        for &(key, value) in keys {
            if key == "@context" {
                continue;
            }
            let Some(expanded) = expand_iri(s.active, key, false, true) else {
                self.env.lossy("invalid property")?;
                continue;
            };
            if super::iri::is_keyword(&expanded) {
                self.expand_keyword(s, key, &expanded, value, b, &mut nests)?;
                continue;
            }
            if !expanded.as_bytes().contains(&b':') {
                self.env.lossy("invalid property")?;
                continue;
            }
            self.expand_property(s, key, expanded, value, b)?;
        }
        // Step 14: nested properties.
        sort_by(&mut nests, |a, b| a.cmp(b));
        for nest in nests {
            let Some(value) = keys.iter().find(|(k, _)| *k == nest).map(|(_, v)| *v) else { continue };
            let nested: &[Value] = match value {
                Value::Array(items) => items,
                other => std::slice::from_ref(other),
            };
            for nv in nested {
                let Value::Object(m) = nv else {
                    return Err(Error::Syntax("invalid @nest value"));
                };
                let nkeys = sorted_entries(m);
                if nkeys.iter().any(|(k, _)| expands_to_keyword(s.active, k, "@value")) {
                    return Err(Error::Syntax("invalid @nest value"));
                }
                // §5.1.2 step 14.2.2: the nesting key's property-scoped context applies.
                let scoped = match s.active.term(nest).and_then(|d| d.context.as_ref()) {
                    Some(scoped) => {
                        let flags = Flags { override_protected: true, ..Flags::DEFAULT };
                        Some(self.env.apply_scoped(s.active, scoped, flags)?)
                    }
                    None => None,
                };
                let inner = Scope { active: scoped.as_ref().unwrap_or(s.active), ..*s };
                self.enter()?;
                let r = self.expand_entries(&inner, &nkeys, b);
                self.leave();
                r?;
            }
        }
        Ok(())
    }

    /// §5.1.2 step 13.4: an entry whose key expands to a keyword.
    // This and the two map cases stay out of `expand_entries` (10 KB with them inlined, 3 KB
    // without): V8 re-compiles hot functions with TurboFan during the first verdict, on a
    // background thread whose time grows with the function; measured, a cold start ≈ 3–5 ms
    // shorter (the build keeps binaryen from inlining them back: `WASM_OPT_OPTIMIZE`).
    #[inline(never)]
    fn expand_keyword<'a>(
        &mut self,
        s: &Scope<'_, 'a>,
        key: &'a str,
        expanded: &str,
        value: &'a Value,
        b: &mut Builder<'a>,
        nests: &mut Vec<&'a str>,
    ) -> Result<()> {
        if s.expanded_property == Some("@reverse") {
            return Err(Error::Syntax("invalid reverse property map"));
        }
        let name = keyword_name(expanded);
        let may_repeat = matches!(name, "@included" | "@type") && !self.env.mode10;
        if !name.is_empty() && !may_repeat && b.seen.contains(&name) {
            return Err(Error::Syntax("colliding keywords"));
        }
        match expanded {
            "@id" => {
                let Value::String(id) = value else {
                    return Err(Error::Syntax("invalid @id value"));
                };
                match expand_iri(s.active, id, true, false) {
                    Some(iri) => {
                        if !has_scheme(&iri) && !is_blank(&iri) {
                            self.env.lossy("relative @id reference")?;
                        }
                        b.id = Some(iri);
                    }
                    None => {
                        self.env.lossy("reserved @id value")?;
                        b.id_ignored = true;
                    }
                }
            }
            "@type" => {
                let (values, array): (&[Value], bool) = match value {
                    Value::String(_) => (std::slice::from_ref(value), false),
                    Value::Array(items) => (items, true),
                    _ => return Err(Error::Syntax("invalid type value")),
                };
                let mut types = b.types.take().unwrap_or_default();
                for t in values {
                    let Value::String(t) = t else {
                        return Err(Error::Syntax("invalid type value"));
                    };
                    match expand_iri(s.type_scoped, t, true, true) {
                        Some(iri) => {
                            if !has_scheme(&iri) && !is_blank(&iri) && &*iri != "@json" {
                                self.env.lossy("relative @type reference")?;
                            }
                            types.push(iri);
                        }
                        None => self.env.lossy("reserved @type value")?,
                    }
                }
                b.types_from_array |= array;
                b.types = Some(types);
            }
            "@graph" => {
                if !(value.is_object() || value.is_array()) {
                    return Err(Error::Syntax("invalid @graph value"));
                }
                let items = self.expand(s.active, Some("@graph"), value, false, None)?.into_vec();
                b.graph = Some(items);
            }
            "@included" => {
                if self.env.mode10 {
                    return Ok(());
                }
                // Expanded under `@included`, not as free-floating values, so that values and
                // lists are seen (and refused) rather than dropped.
                let items = self.expand(s.active, Some("@included"), value, false, None)?.into_vec();
                if !items.iter().all(|i| matches!(i, Item::Node(_))) {
                    return Err(Error::Syntax("invalid @included value"));
                }
                let mut all = b.included.take().unwrap_or_default();
                all.extend(items);
                b.included = Some(all);
            }
            "@value" => {
                if s.input_type == Some("@json") {
                    if self.env.mode10 {
                        return Err(Error::Syntax("invalid value object value"));
                    }
                } else if value.is_array() || value.is_object() {
                    return Err(Error::Syntax("invalid value object value"));
                }
                b.value = Some(value);
            }
            "@language" => match value {
                Value::String(l) => {
                    if !is_well_formed_language(l) {
                        self.env.lossy("invalid @language value")?;
                    }
                    b.language = Some(lowercase(l));
                }
                _ => return Err(Error::Syntax("invalid language-tagged string")),
            },
            "@direction" => {
                if self.env.mode10 {
                    return Ok(());
                }
                let d = value.as_str().and_then(Direction::parse).ok_or(Error::Syntax("invalid base direction"))?;
                b.direction = Some(d);
            }
            "@index" => {
                let Value::String(i) = value else {
                    return Err(Error::Syntax("invalid @index value"));
                };
                b.index = Some(Text::Borrowed(i));
            }
            "@list" => {
                if s.property.is_none() || s.expanded_property == Some("@graph") {
                    self.env.lossy("free-floating list")?;
                    return Ok(());
                }
                let items = self.expand(s.active, s.property, value, false, None)?.into_vec();
                b.list = Some(items);
            }
            "@set" => {
                let items = self.expand(s.active, s.property, value, false, None)?.into_vec();
                b.set = Some(items);
            }
            "@reverse" => {
                if !value.is_object() {
                    return Err(Error::Syntax("invalid @reverse value"));
                }
                let Out::One(Item::Node(node)) = self.expand(s.active, Some("@reverse"), value, false, None)? else {
                    return Ok(());
                };
                let node = *node;
                if let Some(forward) = node.reverse {
                    for (p, items) in forward {
                        add_all(&mut b.properties, p, items);
                    }
                }
                if !node.properties.is_empty() {
                    let reverse = b.reverse.get_or_insert_with(Vec::new);
                    for (p, items) in node.properties {
                        if items.iter().any(|i| !matches!(i, Item::Node(_))) {
                            return Err(Error::Syntax("invalid reverse property value"));
                        }
                        add_all(reverse, p, items);
                    }
                }
            }
            "@nest" => nests.push(key),
            // Framing keywords and keywords without meaning here are ignored.
            _ => {}
        }
        if !name.is_empty() {
            b.seen.push(name);
        }
        Ok(())
    }

    /// §5.1.2 steps 13.5–13.14: an entry whose key expands to an IRI.
    fn expand_property<'a>(
        &mut self,
        s: &Scope<'_, 'a>,
        key: &'a str,
        expanded: Text<'a>,
        value: &'a Value,
        b: &mut Builder<'a>,
    ) -> Result<()> {
        let def = s.active.term(key).cloned();
        let container = def.as_ref().map_or(Container::default(), |d| d.container);
        let type_mapping = def.as_ref().and_then(|d| d.type_mapping.as_deref());
        let out = if type_mapping == Some("@json") {
            self.count()?;
            Out::One(Item::Value(Box::new(ValueObject {
                value: Scalar::Json(value),
                datatype: Some(Text::Borrowed("@json")),
                language: None,
                direction: None,
                index: None,
            })))
        } else if let (true, Value::Object(m)) = (container.has(Container::LANGUAGE), value) {
            Out::Many(self.expand_language_map(s.active, def.as_deref(), m)?)
        } else if let (true, Value::Object(m)) =
            (container.has(Container::INDEX) || container.has(Container::TYPE) || container.has(Container::ID), value)
        {
            Out::Many(self.expand_index_map(s.active, key, def.as_deref(), container, m)?)
        } else {
            let known = Known { def: def.as_ref(), expanded: &expanded };
            self.expand(s.active, Some(key), value, false, Some(known))?
        };
        let mut items = match out {
            Out::Null => return Ok(()),
            Out::One(Item::List(list)) if container.has(Container::LIST) => vec![Item::List(list)],
            Out::One(item) if container.has(Container::LIST) => {
                self.count()?;
                vec![Item::List(Box::new(List { items: vec![item], index: None }))]
            }
            Out::Many(items) if container.has(Container::LIST) => {
                self.count()?;
                vec![Item::List(Box::new(List { items, index: None }))]
            }
            other => other.into_vec(),
        };
        if container.has(Container::GRAPH) && !container.has(Container::ID) && !container.has(Container::INDEX) {
            items = items
                .into_iter()
                .map(|item| Item::Node(Box::new(Node { graph: Some(vec![item]), ..Node::default() })))
                .collect();
        }
        if def.as_ref().is_some_and(|d| d.reverse) {
            if items.iter().any(|i| !matches!(i, Item::Node(_))) {
                return Err(Error::Syntax("invalid reverse property value"));
            }
            add_all(b.reverse.get_or_insert_with(Vec::new), expanded, items);
        } else {
            add_all(&mut b.properties, expanded, items);
        }
        Ok(())
    }

    /// §5.1.2 step 13.7: a language map.
    #[inline(never)]
    fn expand_language_map<'a>(
        &mut self,
        active: &ActiveContext,
        def: Option<&TermDef>,
        map: &'a Map<String, Value>,
    ) -> Result<Vec<Item<'a>>> {
        let direction = match def.and_then(|d| d.direction) {
            Some(d) => d,
            None => active.direction,
        };
        let keys = sorted_entries(map);
        let mut out = Vec::new();
        for (language, values) in keys {
            let none = expands_to_keyword(active, language, "@none");
            let values: &[Value] = match values {
                Value::Array(items) => items,
                other => std::slice::from_ref(other),
            };
            for v in values {
                match v {
                    Value::Null => {}
                    Value::String(text) => {
                        if !none && !is_well_formed_language(language) {
                            self.env.lossy("invalid @language value")?;
                        }
                        self.count()?;
                        out.push(Item::Value(Box::new(ValueObject {
                            value: Scalar::String(Text::Borrowed(text)),
                            datatype: None,
                            language: (!none).then(|| lowercase(language)),
                            direction,
                            index: None,
                        })));
                    }
                    _ => return Err(Error::Syntax("invalid language map value")),
                }
            }
        }
        Ok(out)
    }

    /// §5.1.2 step 13.8: an index, id or type map.
    #[inline(never)]
    fn expand_index_map<'a>(
        &mut self,
        active: &Arc<ActiveContext>,
        key: &'a str,
        def: Option<&TermDef>,
        container: Container,
        map: &'a Map<String, Value>,
    ) -> Result<Vec<Item<'a>>> {
        let index_key = def.and_then(|d| d.index.clone());
        let keys = sorted_entries(map);
        let mut out = Vec::new();
        for (index, values) in keys {
            let mut map_ctx = active.clone();
            if container.has(Container::ID) || container.has(Container::TYPE) {
                if let Some(previous) = &active.previous {
                    map_ctx = previous.clone();
                }
            }
            if container.has(Container::TYPE) {
                if let Some(scoped) = map_ctx.term(index).and_then(|d| d.context.as_ref()) {
                    map_ctx = self.env.apply_scoped(&map_ctx.clone(), scoped, Flags::DEFAULT)?;
                }
            }
            let expanded_index = expand_iri(active, index, false, true);
            let is_none = expanded_index.as_deref() == Some("@none");
            let items = self.expand(&map_ctx, Some(key), values, true, None)?.into_vec();
            for item in items {
                let mut item = if container.has(Container::GRAPH) && !is_graph_object(&item) {
                    Item::Node(Box::new(Node { graph: Some(vec![item]), ..Node::default() }))
                } else {
                    item
                };
                if container.has(Container::INDEX) {
                    match index_key.as_deref() {
                        Some(prop) if prop != "@index" => {
                            if !is_none {
                                let prop_def = active.term(prop).cloned();
                                let re = self.expand_string(active, prop_def.as_deref(), index)?;
                                let Some(prop_iri) = expand_iri(active, prop, false, true).map(|t| Text::Owned(t.to_string())) else {
                                    return Err(Error::Syntax("invalid term definition"));
                                };
                                match &mut item {
                                    Item::Node(node) => {
                                        let mut values = vec![re];
                                        if let Some(at) = node.properties.iter().position(|(p, _)| *p == prop_iri) {
                                            let (_, existing) = node.properties.remove(at);
                                            values.extend(existing);
                                        }
                                        node.properties.push((prop_iri, values));
                                    }
                                    _ => return Err(Error::Syntax("invalid value object")),
                                }
                            }
                        }
                        _ => {
                            if !is_none {
                                set_index(&mut item, index);
                            }
                        }
                    }
                } else if container.has(Container::ID) {
                    if let Item::Node(node) = &mut item {
                        if node.id.is_none() && !is_none {
                            node.id = expand_iri(active, index, true, false);
                        }
                    }
                } else if container.has(Container::TYPE) && !is_none {
                    if let (Item::Node(node), Some(t)) = (&mut item, expanded_index.clone()) {
                        let mut types = vec![t];
                        types.extend(node.types.take().unwrap_or_default());
                        node.types = Some(types);
                    }
                }
                out.push(item);
            }
        }
        Ok(out)
    }

    /// Value Expansion (§5.3.2).
    fn expand_value<'a>(&mut self, active: &ActiveContext, def: Option<&TermDef>, value: &'a Value) -> Result<Item<'a>> {
        let scalar = match value {
            Value::String(s) => return self.expand_string(active, def, s),
            Value::Number(n) => Scalar::Number(n.clone()),
            Value::Bool(b) => Scalar::Bool(*b),
            _ => return Err(Error::Syntax("invalid value object value")),
        };
        let datatype = match def.and_then(|d| d.type_mapping.as_ref()) {
            Some(t) if !matches!(&**t, "@id" | "@vocab" | "@none") => Some(Text::Shared(t.clone())),
            _ => None,
        };
        Ok(Item::Value(Box::new(ValueObject { value: scalar, datatype, language: None, direction: None, index: None })))
    }

    /// Value Expansion (§5.3.2) of a string.
    fn expand_string<'a>(&mut self, active: &ActiveContext, def: Option<&TermDef>, s: &'a str) -> Result<Item<'a>> {
        let type_mapping = def.and_then(|d| d.type_mapping.as_ref());
        let vocab = match type_mapping.map(|t| &**t) {
            Some("@id") => Some(false),
            Some("@vocab") => Some(true),
            _ => None,
        };
        if let Some(vocab) = vocab {
            let id = expand_iri(active, s, true, vocab);
            if id.is_none() {
                self.env.lossy("reserved @id value")?;
            }
            return Ok(Item::Node(Box::new(Node { id, ..Node::default() })));
        }
        let mut v = ValueObject {
            value: Scalar::String(Text::Borrowed(s)),
            datatype: None,
            language: None,
            direction: None,
            index: None,
        };
        match type_mapping {
            Some(t) if &**t != "@none" => v.datatype = Some(Text::Shared(t.clone())),
            _ => {
                v.language = match def.and_then(|d| d.language.clone()) {
                    Some(l) => l,
                    None => active.language.clone(),
                }
                .map(Text::Shared);
                v.direction = match def.and_then(|d| d.direction) {
                    Some(d) => d,
                    None => active.direction,
                };
            }
        }
        Ok(Item::Value(Box::new(v)))
    }

    /// §5.1.2 steps 15–20: what the entries make.
    fn finish<'a>(&mut self, mut b: Builder<'a>, s: &Scope<'_, 'a>) -> Result<Out<'a>> {
        merge_keys(&mut b.properties);
        if let Some(reverse) = &mut b.reverse {
            merge_keys(reverse);
        }
        let top = s.property.is_none() || s.expanded_property == Some("@graph");
        self.count()?;
        if let Some(value) = b.value {
            if b.id.is_some()
                || !b.properties.is_empty()
                || b.reverse.is_some()
                || b.graph.is_some()
                || b.included.is_some()
                || b.list.is_some()
                || b.set.is_some()
                || (b.types.is_some() && (b.language.is_some() || b.direction.is_some()))
            {
                return Err(Error::Syntax("invalid value object"));
            }
            let datatype = match b.types {
                None => None,
                Some(mut types) if types.len() == 1 && !b.types_from_array => types.pop(),
                Some(_) => return Err(Error::Syntax("invalid typed value")),
            };
            let scalar = if datatype.as_deref() == Some("@json") {
                Scalar::Json(value)
            } else {
                match value {
                    Value::Null => {
                        self.env.lossy("null @value value")?;
                        return Ok(Out::Null);
                    }
                    Value::String(text) => Scalar::String(Text::Borrowed(text)),
                    _ if b.language.is_some() => return Err(Error::Syntax("invalid language-tagged value")),
                    Value::Number(n) => Scalar::Number(n.clone()),
                    Value::Bool(v) => Scalar::Bool(*v),
                    _ => return Err(Error::Syntax("invalid value object value")),
                }
            };
            if let Some(t) = &datatype {
                if &**t != "@json" && (!has_scheme(t) || is_blank(t) || t.contains(char::is_whitespace)) {
                    return Err(Error::Syntax("invalid typed value"));
                }
            }
            if top {
                self.env.lossy("object with only @value")?;
                return Ok(Out::Null);
            }
            return Ok(Out::One(Item::Value(Box::new(ValueObject {
                value: scalar,
                datatype,
                language: b.language,
                direction: b.direction,
                index: b.index,
            }))));
        }
        if b.list.is_some() || b.set.is_some() {
            if b.id.is_some()
                || b.types.is_some()
                || !b.properties.is_empty()
                || b.reverse.is_some()
                || b.graph.is_some()
                || b.included.is_some()
                || b.language.is_some()
                || b.direction.is_some()
                || (b.list.is_some() && b.set.is_some())
            {
                return Err(Error::Syntax("invalid set or list object"));
            }
            if let Some(items) = b.list {
                if top {
                    self.env.lossy("object with only @list")?;
                    return Ok(Out::Null);
                }
                return Ok(Out::One(Item::List(Box::new(List { items, index: b.index }))));
            }
            return Ok(Out::Many(b.set.unwrap_or_default()));
        }
        let node = Node {
            id: b.id,
            types: b.types,
            index: b.index,
            properties: b.properties,
            reverse: b.reverse,
            graph: b.graph,
            included: b.included,
        };
        let empty = node.types.is_none()
            && node.index.is_none()
            && node.properties.is_empty()
            && node.reverse.is_none()
            && node.graph.is_none()
            && node.included.is_none();
        if b.language.is_some() || b.direction.is_some() {
            if empty && node.id.is_none() && b.direction.is_none() {
                self.env.lossy("object with only @language")?;
                return Ok(Out::Null);
            }
            self.env.lossy("@language or @direction on a node")?;
        }
        if empty && node.id.is_none() && b.id_ignored {
            // `{"@id": "@ignoreMe"}`: a reference to nothing, dropped with its property.
            return Ok(Out::Null);
        }
        if top && empty {
            if node.id.is_none() {
                self.env.lossy("empty object")?;
            } else {
                self.env.lossy("object with only @id")?;
            }
            return Ok(Out::Null);
        }
        Ok(Out::One(Item::Node(Box::new(node))))
    }
}

/// What the entries of one object are expanded under.
#[derive(Clone, Copy)]
struct Scope<'c, 'a> {
    active: &'c Arc<ActiveContext>,
    type_scoped: &'c Arc<ActiveContext>,
    property: Option<&'a str>,
    expanded_property: Option<&'c str>,
    input_type: Option<&'c str>,
}

fn is_graph_object(item: &Item<'_>) -> bool {
    matches!(item, Item::Node(n) if n.is_graph_object())
}

fn set_index<'a>(item: &mut Item<'a>, index: &'a str) {
    let slot = match item {
        Item::Node(n) => &mut n.index,
        Item::Value(v) => &mut v.index,
        Item::List(l) => &mut l.index,
    };
    if slot.is_none() {
        *slot = Some(Text::Borrowed(index));
    }
}

/// Language tags are lower-cased, as jsonld.js does (`en-US` → `en-us`).
fn lowercase(tag: &str) -> Text<'_> {
    if tag.bytes().any(|b| b.is_ascii_uppercase()) {
        Text::Owned(tag.to_ascii_lowercase())
    } else {
        Text::Borrowed(tag)
    }
}

/// A JSON object's entries in code point order of their keys (the order the Expansion
/// algorithm visits them).
fn sorted_entries(map: &Map<String, Value>) -> Vec<(&str, &Value)> {
    let mut entries: Vec<(&str, &Value)> = map.iter().map(|(k, v)| (k.as_str(), v)).collect();
    // serde_json's map is already sorted unless its `preserve_order` feature is on.
    if !entries.is_sorted_by(|a, b| a.0 <= b.0) {
        sort_by(&mut entries, |a, b| a.0.cmp(b.0));
    }
    entries
}
