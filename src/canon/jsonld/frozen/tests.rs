//! The generator of `contexts/frozen.txt`, and the checks that the pre-processed contexts
//! are current and give what processing the JSON gives.
//!
//! Regenerate after changing a bundled context or the engine's context processing:
//! `VB_BLESS=1 cargo test --lib frozen` (or `cargo xtask contexts`).

use std::fmt::Write as _;
use std::sync::Arc;

use serde_json::Value;

use super::*;
use crate::canon::contexts::BUNDLED;

/// `contexts/frozen.txt` as written (the crate embeds its sections only: `build.rs`).
const SOURCE: &str = include_str!("../../contexts/frozen.txt");
use crate::canon::jsonld::compare::{same, scoped};
use crate::canon::jsonld::context::{is_context_keyword, process};
use crate::canon::jsonld::{Limits, RemoteContext};

/// One term's line (see the module docs of `frozen`).
fn line(out: &mut String, name: &str, def: &TermDef, protected: bool) {
    let iri = def.iri.as_deref().unwrap_or("");
    assert!(!iri.contains(['\t', '\n', '*']) && !iri.starts_with(['!', '}']) && !iri.starts_with("@@"), "{name}: {iri}");
    match iri.strip_suffix(name).filter(|_| !name.is_empty()) {
        Some(head) => {
            let _ = write!(out, "{head}*");
        }
        None => out.push_str(iri),
    }
    let mut field = |f: String| {
        assert!(!f.contains(['\t', '\n']), "{name}: {f}");
        out.push('\t');
        out.push_str(&f);
    };
    match (def.protected, protected) {
        (true, false) => field("P".into()),
        (false, true) => field("u".into()),
        _ => {}
    }
    if def.prefix {
        field("p".into());
    }
    if def.reverse {
        field("r".into());
    }
    if !def.container.is_empty() {
        field(format!("c{}", def.container.bits()));
    }
    if let Some(t) = &def.type_mapping {
        field(format!("t{t}"));
    }
    match &def.language {
        Some(Some(l)) => field(format!("l{l}")),
        Some(None) => field("L".into()),
        None => {}
    }
    match &def.direction {
        Some(Some(Direction::Ltr)) => field("dltr".into()),
        Some(Some(Direction::Rtl)) => field("drtl".into()),
        Some(None) => field("D".into()),
        None => {}
    }
    if let Some(i) = &def.index {
        field(format!("i{i}"));
    }
    if let Some(n) = &def.nest {
        field(format!("n{n}"));
    }
    if def.context.is_some() {
        field("s".into());
    }
    out.push('\n');
}

/// The pre-processed form of one bundled context, or `None` where it has none.
fn freeze(url: &str, text: &'static str) -> Option<String> {
    let doc: Value = serde_json::from_str(text).expect(url);
    let loader = |_: &str| None;
    let mut env = Env::new(&loader, None, true, false, Limits::default());
    let initial = Arc::new(ActiveContext::initial(None));
    let url: Arc<str> = url.into();
    let object = context_object(text).unwrap_or_else(|| panic!("{url}: no @context object found by scanning"));
    let form = block(&mut env, &url, object, true, doc.get("@context")?, &initial, 0)?;
    Some(format!("@@ {url}\n{form}"))
}

/// The form of the local context object `local` (minified as `text`; `remote` for a bundled
/// context's top-level one) processed against `parent` (the empty context for a bundled
/// context, the context it is defined in for a scoped one), with the forms of its scoped
/// contexts nested; `None` where it has none.
fn block(env: &mut Env<'_>, url: &Arc<str>, text: &'static str, remote: bool, local: &Value, parent: &Arc<ActiveContext>, depth: usize) -> Option<String> {
    let parsed: Value = serde_json::from_str(text).expect(url);
    assert_eq!(&parsed, local, "{url}: the object's text");
    let map = local.as_object()?;
    // Processing these reads more than term definitions do: they stay JSON.
    if depth > 8 || map.contains_key("@import") || (!remote && map.contains_key("@base")) {
        return None;
    }
    let flags = Flags { bundled: true, override_protected: !remote, ..Flags::DEFAULT };
    let mut chain = if remote { vec![url.clone()] } else { Vec::new() };
    let (processed, reads) = reads::recording(|| process(env, parent, local, Some(url), &mut chain, flags, true));
    let processed = processed.ok()?;
    let own = |n: &str| map.contains_key(n);
    let mut out = String::new();
    if reads.names.iter().any(|n| n.contains(':') && !own(n)) {
        out.push_str("!free-iri\n");
    }
    for name in reads.names.iter().filter(|n| !n.contains(':') && !own(n)) {
        assert!(!name.contains([' ', '\t', '\n']), "{url}: {name}");
        let _ = writeln!(out, "!free {name}");
    }
    for (name, (iri, prefix)) in reads.found.iter().filter(|(n, _)| !own(n)) {
        assert!(!name.contains([':', ' ', '\t', '\n']), "{url}: {name}");
        let _ = writeln!(out, "!has {name}\t{}{}", iri.as_deref().unwrap_or(""), if *prefix { "\tp" } else { "" });
    }
    if map.contains_key("@vocab") {
        let vocab = map["@vocab"].as_str();
        assert!(vocab.is_none_or(|v| v.contains("://")), "{url}: a relative @vocab");
    } else {
        for read in &reads.vocab {
            match read {
                None => out.push_str("!free-vocab\n"),
                Some(v) => {
                    let _ = writeln!(out, "!vocab-is {v}");
                }
            }
        }
    }
    if reads.base {
        out.push_str("!free-base\n");
    }
    let setting = |out: &mut String, key: &str, value: Option<&str>| {
        let _ = writeln!(out, "!{key}{}", value.map(|v| format!(" {v}")).unwrap_or_default());
    };
    if map.contains_key("@vocab") {
        setting(&mut out, "vocab", processed.vocab.as_deref());
    }
    if map.contains_key("@language") {
        setting(&mut out, "language", processed.language.as_deref());
    }
    if map.contains_key("@direction") {
        let d = processed.direction.map(|d| if d == Direction::Ltr { "ltr" } else { "rtl" });
        setting(&mut out, "direction", d);
    }
    let protected = map.get("@protected") == Some(&Value::Bool(true));
    if protected {
        out.push_str("!protected\n");
    }
    if let Some(p) = map.get("@propagate") {
        setting(&mut out, "propagate", Some(if p.as_bool()? { "true" } else { "false" }));
    }
    // In the order of the text, as the merge reads the names from it.
    let entries = members(text).unwrap_or_else(|| panic!("{url}: the keys of {text}"));
    let names: Vec<&str> = entries.iter().map(|(k, _)| *k).filter(|k| !is_context_keyword(k)).collect();
    assert_eq!(names.len(), map.keys().filter(|k| !is_context_keyword(k)).count(), "{url}: duplicate keys");
    for (name, value) in entries.iter().filter(|(k, _)| !is_context_keyword(k)) {
        let def = processed.term(name).unwrap_or_else(|| panic!("{url}: {name} undefined"));
        assert_eq!(serde_json::from_str::<Value>(value).ok().as_ref(), map.get(*name), "{url}: {name}'s text");
        line(&mut out, name, def, protected);
        let Some(c) = &def.context else { continue };
        let scoped = member(value, "@context").unwrap_or_else(|| panic!("{url}: {name}'s scoped context"));
        let slice: Value = serde_json::from_str(scoped).expect(name);
        assert_eq!(Ok(&slice), c.value(), "{url}: the text of {name}'s scoped context");
        if let Some(inner) = block(env, url, scoped, false, c.value().ok()?, &processed, depth + 1) {
            out.pop();
            out.push_str("\t{\n");
            out.push_str(&inner);
            out.push_str("}\n");
        }
    }
    if remote {
        assert_eq!(processed.terms.len(), map.keys().filter(|k| !is_context_keyword(k)).count(), "{url}");
    }
    Some(out)
}

/// `contexts/frozen.txt` as the bundled contexts and the engine make it now.
fn generate() -> String {
    let mut out = String::from("# Generated by `VB_BLESS=1 cargo test --lib frozen` (`cargo xtask contexts`); do not edit.\n");
    for c in BUNDLED {
        if let Some(section) = freeze(c.url, c.json) {
            out.push_str(&section);
        }
    }
    out
}

#[test]
fn frozen_contexts_are_current() {
    let fresh = generate();
    if std::env::var_os("VB_BLESS").is_some() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/canon/contexts/frozen.txt");
        std::fs::write(path, &fresh).expect("write frozen.txt");
        return;
    }
    assert!(
        fresh == SOURCE,
        "src/canon/contexts/frozen.txt is stale: regenerate it with `VB_BLESS=1 cargo test --lib frozen`"
    );
    // Every bundled context the credentials in the wild use is pre-processed.
    for url in [
        "https://www.w3.org/2018/credentials/v1",
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://w3id.org/security/data-integrity/v2",
        "https://w3id.org/security/suites/ed25519-2020/v1",
    ] {
        assert!(lookup(url).is_some(), "{url} has no pre-processed form");
    }
}

/// The JSON loader and the pre-processed one, over the same bundled texts.
/// Contexts made to trip each kind of recorded read (loaded as bundled ones are, so that only
/// the reads decide), one supplied for a single document (whose terms make the active context
/// short-lived) and one supplied and kept (long-lived, not bundled): bundled contexts after
/// either of these two are processed from JSON, their scoped contexts validated.
const TRIPS: [(&str, &str); 7] = [
    ("urn:test:iri-term", r#"{"https://schema.org/description": {"@reverse": "https://e.example/r"}}"#),
    ("urn:test:prefixes", r#"{"xsd": "https://e.example/xsd#", "schema": "https://e.example/s#", "sec": "https://e.example/sec#"}"#),
    ("urn:test:vocab", r#"{"@vocab": "https://e.example/v#"}"#),
    ("urn:test:protected-clash", r#"{"@protected": true, "name": "https://e.example/name", "id": "@id"}"#),
    ("urn:test:protected-same", r#"{"@protected": true, "description": "https://schema.org/description"}"#),
    ("urn:test:transient", r#"{"ex": "https://e.example/"}"#),
    ("urn:test:supplied", r#"{"ex": "https://e.example/"}"#),
];

/// The JSON loader and the pre-processed one, over the same bundled texts (and [`TRIPS`]).
fn loaders() -> (Vec<Arc<RemoteContext>>, Vec<Arc<RemoteContext>>) {
    let trips = || {
        TRIPS.iter().map(|(url, ctx)| {
            let doc = serde_json::json!({"@context": serde_json::from_str::<Value>(ctx).unwrap()});
            Arc::new(match url.rsplit(':').next() {
                Some("transient") => RemoteContext::transient(url, doc),
                Some("supplied") => RemoteContext::new(url, doc),
                _ => RemoteContext::bundled(url, doc),
            })
        })
    };
    let json = BUNDLED.iter().map(|c| Arc::new(RemoteContext::bundled(c.url, serde_json::from_str(c.json).unwrap()))).chain(trips()).collect();
    let frozen = BUNDLED.iter().map(|c| Arc::new(RemoteContext::bundled_text(c.url, c.json).unwrap())).chain(trips()).collect();
    (json, frozen)
}

/// Processes `local` from the empty context with each loader; the frozen result and whether
/// the pre-processed form was used (its scoped contexts are still text).
fn both(local: &Value) -> (Result<Arc<ActiveContext>>, Result<Arc<ActiveContext>>) {
    let (json, frozen) = loaders();
    let by_json = |url: &str| json.iter().find(|c| c.url() == url).cloned();
    let by_frozen = |url: &str| frozen.iter().find(|c| c.url() == url).cloned();
    let initial = Arc::new(ActiveContext::initial(None));
    let mut j_env = Env::new(&by_json, None, true, false, Limits::default());
    let mut f_env = Env::new(&by_frozen, None, true, false, Limits::default());
    let j = process(&mut j_env, &initial, local, None, &mut Vec::new(), Flags::DEFAULT, false);
    let f = process(&mut f_env, &initial, local, None, &mut Vec::new(), Flags::DEFAULT, false);
    (j, f)
}

fn used_frozen(ctx: &ActiveContext, term: &str) -> bool {
    ctx.term(term).and_then(|d| d.context.as_ref()).is_some_and(|c| matches!(c.source, Source::Text { .. }))
}

/// Every bundled context, alone, after either credentials context, after each other bundled
/// context, and after inline contexts that define what the pre-processed forms must give way
/// to: the same result (or the same error) from the pre-processed form as from the JSON.
#[test]
fn frozen_contexts_process_like_their_json() {
    let mut prefixes: Vec<Vec<Value>> = vec![vec![]];
    prefixes.extend(BUNDLED.iter().map(|c| vec![Value::from(c.url)]));
    // What recorded reads would find: an IRI-like term, a term the contexts use as a prefix,
    // a vocabulary mapping; and protected terms that clash or match.
    prefixes.extend(TRIPS.iter().map(|(url, _)| vec![Value::from(*url)]));
    // After an inline context the active context is short-lived too.
    prefixes.push(vec![serde_json::json!({"ex": "https://e.example/"})]);
    let (mut compared, mut errors) = (0, 0);
    for prefix in &prefixes {
        for c in BUNDLED {
            let mut chain = prefix.clone();
            chain.push(Value::from(c.url));
            let local = Value::Array(chain);
            match both(&local) {
                (Ok(j), Ok(f)) => assert!(same(&j, &f), "{local}"),
                (Err(j), Err(f)) => {
                    assert_eq!(j, f, "{local}");
                    errors += 1;
                }
                (j, f) => panic!("{local}: JSON {:?}, pre-processed {:?}", j.err(), f.err()),
            }
            compared += 1;
        }
    }
    assert!(compared > 250 && errors > 0, "{compared} compared, {errors} errors");

    // The chains credentials use take the pre-processed path, and the scoped contexts left as
    // text parse to what the JSON holds.
    for (chain, term) in [
        (serde_json::json!(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]), "Achievement"),
        (serde_json::json!(["https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/suites/ed25519-2020/v1"]), "Ed25519Signature2020"),
        (serde_json::json!(["https://www.w3.org/ns/credentials/v2"]), "VerifiableCredential"),
    ] {
        let (j, f) = both(&chain);
        let (j, f) = (j.unwrap(), f.unwrap());
        assert!(used_frozen(&f, term) && !used_frozen(&j, term), "{chain}");
        assert!(same(&j, &f), "{chain}");
    }
    // An active context with an IRI-like term, or one not made of bundled contexts only, makes
    // the pre-processed form give way.
    for before in ["urn:test:iri-term", "urn:test:transient", "urn:test:supplied"] {
        let (_, f) = both(&serde_json::json!([before, "https://www.w3.org/ns/credentials/v2"]));
        assert!(!used_frozen(&f.unwrap(), "VerifiableCredential"), "{before}");
    }
    let (_, f) = both(&serde_json::json!(["urn:test:vocab", "https://www.w3.org/ns/credentials/v2"]));
    assert!(used_frozen(&f.unwrap(), "VerifiableCredential"), "v2 reads no @vocab");
}

#[test]
fn members_are_read_in_text_order() {
    let text = r#"{"a":{"x":[1,{"y":"}"}],"b":{"@context":{"k":"v"}}},"z":true,"s":"a\"b,}"}"#;
    let m = members(text).unwrap();
    assert_eq!(m.iter().map(|(k, _)| *k).collect::<Vec<_>>(), ["a", "z", "s"]);
    assert_eq!(m[1].1, "true");
    assert_eq!(m[2].1, r#""a\"b,}""#);
    let inner = members(m[0].1).unwrap();
    assert_eq!(inner[1], ("b", r#"{"@context":{"k":"v"}}"#));
    assert_eq!(members("{}"), Some(vec![]));
    // Not what the bundled texts hold: escapes in keys, white space, trailing bytes.
    for bad in [r#"{"a\"b":1}"#, r#"{ "a":1}"#, r#"{"a":1}x"#, r#"{"a":}"#, r#"{"a":1,}"#, "", "[1]"] {
        assert_eq!(members(bad), None, "{bad}");
    }
}

#[test]
fn lookup_finds_each_section_whole() {
    for c in BUNDLED {
        if let Some(form) = lookup(c.url) {
            assert!(!form.contains("@@ ") && form.ends_with('\n'), "{}", c.url);
            let expected = freeze(c.url, c.json).unwrap();
            assert_eq!(expected.split_once('\n').unwrap().1, form, "{}", c.url);
        }
    }
    assert_eq!(lookup("https://example.com/none"), None);
    // What is embedded is the file's sections and nothing else (no comment, no headers).
    let sections = SOURCE.split("@@ ").skip(1).map(|s| s.split_once('\n').unwrap().1);
    assert_eq!(FROZEN, sections.collect::<String>());
}

#[test]
fn malformed_lines_give_way() {
    let url: Arc<str> = "urn:x".into();
    let url = Some(&url);
    assert!(term("https://e.example/a\tq", "a", "{}", None, url, true).is_none());
    assert!(term("https://e.example/a\tc", "a", "{}", None, url, true).is_none());
    assert!(term("https://e.example/a\tc999", "a", "{}", None, url, true).is_none());
    // A scoped context the term's definition does not have: an error when it is used.
    let def = term("https://e.example/a\ts", "a", r#"{"@id":"x"}"#, None, url, true).unwrap();
    let scoped = def.context.unwrap();
    assert!(scoped.text().is_none() && scoped.value().is_err());
    let def = term("https://e.example/*\ts", "a", r#"{"@id":"x","@context":{"b":1}}"#, None, url, true).unwrap();
    assert_eq!(def.iri.as_deref(), Some("https://e.example/a"));
    assert_eq!(def.context.unwrap().value(), Ok(&serde_json::json!({"b": 1})));
    let def = term("\tP\tc1\ttxsd:x", "a", "null", None, url, true).unwrap();
    assert!(def.iri.is_none() && def.protected && def.container == Container::LIST);
}


/// The scoped contexts' pre-processed forms, applied where credentials apply them (after the
/// chains credentials use, two levels down, as a property's and as a type's scope), give what
/// processing their JSON gives; and most applications take the pre-processed path.
#[test]
fn frozen_scoped_contexts_process_like_their_json() {
    let (json, frozen) = loaders();
    let by_json = |url: &str| json.iter().find(|c| c.url() == url).cloned();
    let by_frozen = |url: &str| frozen.iter().find(|c| c.url() == url).cloned();
    let v1 = "https://www.w3.org/2018/credentials/v1";
    let v2 = "https://www.w3.org/ns/credentials/v2";
    let mut chains: Vec<Vec<&str>> = vec![vec![v1], vec![v2]];
    for c in BUNDLED.iter().filter(|c| c.url != v1 && c.url != v2) {
        chains.push(vec![v1, c.url]);
        chains.push(vec![v2, c.url]);
    }
    chains.push(vec![v1, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "https://w3id.org/security/data-integrity/v2", "https://w3id.org/security/suites/ed25519-2020/v1"]);
    chains.push(vec![v2, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"]);
    let (mut seen, before) = (0, reads::applied_count());
    for chain in &chains {
        let local = Value::from(chain.iter().map(|u| Value::from(*u)).collect::<Vec<_>>());
        let initial = Arc::new(ActiveContext::initial(None));
        let mut j_env = Env::new(&by_json, None, true, false, Limits::default());
        let mut f_env = Env::new(&by_frozen, None, true, false, Limits::default());
        let j = process(&mut j_env, &initial, &local, None, &mut Vec::new(), Flags::DEFAULT, false);
        let f = process(&mut f_env, &initial, &local, None, &mut Vec::new(), Flags::DEFAULT, false);
        match (j, f) {
            (Ok(j), Ok(f)) => {
                assert!(same(&j, &f), "{local}");
                scoped((&mut j_env, &j), (&mut f_env, &f), 1, &mut seen);
            }
            (Err(j), Err(f)) => assert_eq!(j, f, "{local}"),
            (j, f) => panic!("{local}: JSON {:?}, pre-processed {:?}", j.err(), f.err()),
        }
    }
    let applied = reads::applied_count() - before;
    assert!(seen > 1000 && applied * 10 > seen * 8, "{seen} scoped applications compared, {applied} pre-processed");
}
