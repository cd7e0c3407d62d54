//! W3C JSON-LD 1.1 API conformance: the `expand` and `toRdf` manifests of
//! `../shared/vectors/json-ld-api`, read in place. Remote contexts are served from the
//! suite's own files (`https://w3c.github.io/json-ld-api/tests/…` ↔ `tests/…`); tests that do
//! not apply are listed, each with its reason, in `jsonld_exclusions.txt`.
//!
//! Expanded results are compared as JSON-LD structures (arrays unordered except `@list`,
//! language tags case-insensitive); RDF results after RDFC-1.0 canonicalization of both sides.
//!
//! A second test runs real credentials — the project's OB 3.0 vectors and the W3C vc-di-eddsa
//! vectors — with the bundled contexts in safe mode: their canonical N-Quads must equal
//! jsonld.js's byte for byte, and the safe-mode edge cases must fail with `DataLoss`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use verified_badge::canon::jsonld::{expand, to_json, to_rdf, ContextCache, Error, Options, RemoteContext};
use verified_badge::canon::nquads;
use verified_badge::canon::rdf::{LiteralKind, Object, Quad};
use verified_badge::canon::{contexts, rdfc};
use serde_json::Value;

const SUITE_URL: &str = "https://w3c.github.io/json-ld-api/tests/";

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors");

fn suite_dir() -> Option<PathBuf> {
    let dir = Path::new(VECTORS).join("json-ld-api/tests");
    dir.join("expand-manifest.jsonld").exists().then_some(dir)
}

fn exclusions() -> HashMap<String, String> {
    include_str!("jsonld_exclusions.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(char::is_whitespace).map(|(id, why)| (id.to_owned(), why.trim().to_owned())))
        .collect()
}

fn read_json(path: &Path) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

/// Serves the suite's files for their URLs.
fn loader_for(dir: &Path) -> impl Fn(&str) -> Option<Arc<RemoteContext>> + '_ {
    move |url: &str| {
        let rel = url.strip_prefix(SUITE_URL)?;
        let doc = read_json(&dir.join(rel))?;
        Some(Arc::new(RemoteContext::transient(url, doc)))
    }
}

/// JSON-LD structural equality: arrays unordered except under `@list`.
fn equiv(a: &Value, b: &Value, ordered: bool) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return false;
            }
            if ordered {
                return x.iter().zip(y).all(|(p, q)| equiv(p, q, false));
            }
            let mut used = vec![false; y.len()];
            x.iter().all(|p| {
                let found = y.iter().enumerate().find(|(i, q)| !used[*i] && equiv(p, q, false)).map(|(i, _)| i);
                found.map(|i| used[i] = true).is_some()
            })
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    y.get(k).is_some_and(|w| match (k.as_str(), v, w) {
                        ("@language", Value::String(p), Value::String(q)) => p.eq_ignore_ascii_case(q),
                        ("@list", _, _) => equiv(v, w, true),
                        _ => equiv(v, w, false),
                    })
                })
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn canonical(quads: &[Quad]) -> String {
    let mut quads = quads.to_vec();
    for q in &mut quads {
        if let Object::Literal(l) = &mut q.object {
            if let LiteralKind::Language(tag) = &mut l.kind {
                *tag = tag.to_ascii_lowercase().into();
            }
        }
    }
    rdfc::canonicalize(&quads).unwrap_or_else(|e| format!("canonicalization failed: {e}"))
}

enum Verdict {
    Pass,
    Fail(String),
}

fn run_suite(name: &str, dir: &Path, exclusions: &HashMap<String, String>) -> (usize, usize, usize, Vec<String>) {
    let manifest = read_json(&dir.join(format!("{name}-manifest.jsonld"))).expect("manifest");
    let loader = loader_for(dir);
    let cache = ContextCache::new();
    let filter = std::env::var("JSONLD_TEST").ok();
    let (mut passed, mut total, mut excluded) = (0, 0, 0);
    let mut failures = Vec::new();
    for test in manifest["sequence"].as_array().expect("sequence") {
        let id = format!("{name}{}", test["@id"].as_str().unwrap_or(""));
        if filter.as_deref().is_some_and(|f| !id.contains(f)) {
            continue;
        }
        if exclusions.contains_key(&id) {
            excluded += 1;
            continue;
        }
        total += 1;
        let verdict = run_test(name, dir, test, &loader, &cache);
        match verdict {
            Verdict::Pass => passed += 1,
            Verdict::Fail(why) => failures.push(format!("{id}: {why}")),
        }
    }
    (passed, total, excluded, failures)
}

fn run_test(
    name: &str,
    dir: &Path,
    test: &Value,
    loader: &dyn Fn(&str) -> Option<Arc<RemoteContext>>,
    cache: &ContextCache,
) -> Verdict {
    let kinds: Vec<&str> = test["@type"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    let input_rel = test["input"].as_str().unwrap_or("");
    let Some(input) = read_json(&dir.join(input_rel)) else {
        return Verdict::Fail("unreadable input".into());
    };
    let option = &test["option"];
    let doc_url = format!("{SUITE_URL}{input_rel}");
    let base = option["base"].as_str().map(str::to_owned).unwrap_or(doc_url);
    let expand_context = option["expandContext"].as_str().and_then(|p| read_json(&dir.join(p)));
    let mut options = Options::new(loader).with_cache(cache);
    options.safe = false;
    options.base = Some(&base);
    options.expand_context = expand_context.as_ref();
    options.processing_mode_1_0 = option["processingMode"].as_str() == Some("json-ld-1.0");
    let negative = kinds.contains(&"jld:NegativeEvaluationTest");
    let result: Result<String, Error> = if name == "expand" {
        expand(&input, &options).map(|items| serde_json::to_string(&to_json(&items)).unwrap_or_default())
    } else {
        to_rdf(&input, &options).map(|q| canonical(&q))
    };
    if negative {
        let want = test["expectErrorCode"].as_str().unwrap_or("");
        return match result {
            Err(e) if e.jsonld_code() == Some(want) => Verdict::Pass,
            Err(e) => Verdict::Fail(format!("want error {want:?}, got {e:?}")),
            Ok(out) => Verdict::Fail(format!("want error {want:?}, got {out}")),
        };
    }
    let out = match result {
        Ok(out) => out,
        Err(e) => return Verdict::Fail(format!("error {e:?}")),
    };
    if kinds.contains(&"jld:PositiveSyntaxTest") {
        return Verdict::Pass;
    }
    let expect_rel = test["expect"].as_str().unwrap_or("");
    if name == "expand" {
        let want = read_json(&dir.join(expect_rel)).unwrap_or(Value::Null);
        let got: Value = serde_json::from_str(&out).unwrap_or(Value::Null);
        if equiv(&got, &want, false) {
            Verdict::Pass
        } else {
            Verdict::Fail(format!("\n  got  {got}\n  want {want}"))
        }
    } else {
        let text = std::fs::read_to_string(dir.join(expect_rel)).unwrap_or_default();
        let want = match nquads::parse(&text) {
            Ok(q) => canonical(&q),
            Err(e) => return Verdict::Fail(format!("expected output unparsable: {e}")),
        };
        if out == want {
            Verdict::Pass
        } else {
            Verdict::Fail(format!("\n  got\n{out}  want\n{want}"))
        }
    }
}

#[test]
fn w3c_expand_and_to_rdf() {
    let Some(dir) = suite_dir() else {
        println!("SKIPPED: W3C JSON-LD API vectors not found (../shared/vectors/json-ld-api)");
        return;
    };
    let exclusions = exclusions();
    let mut all_failures = Vec::new();
    for name in ["expand", "toRdf"] {
        let (passed, total, excluded, failures) = run_suite(name, &dir, &exclusions);
        println!("{name}: {passed}/{total} passed ({excluded} excluded)");
        all_failures.extend(failures);
    }
    for f in &all_failures {
        println!("FAIL {f}");
    }
    assert!(all_failures.is_empty(), "{} conformance failures", all_failures.len());
}

fn read_strict(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The bundled contexts, plus the two example contexts the W3C vectors use.
fn real_loader() -> impl Fn(&str) -> Option<Arc<RemoteContext>> {
    let sc = Path::new(VECTORS).join("vc-di-eddsa/supporting-contexts");
    let mut docs: Vec<Arc<RemoteContext>> = contexts::BUNDLED
        .iter()
        .map(|c| Arc::new(RemoteContext::new(c.url, serde_json::from_str(c.json).expect(c.url))))
        .collect();
    for (url, file) in [
        ("https://www.w3.org/ns/credentials/examples/v2", "credentials-examples-v2.jsonld"),
        ("https://w3id.org/citizenship/v4rc1", "citizenship-v4rc1.jsonld"),
    ] {
        docs.push(Arc::new(RemoteContext::new(url, read_strict(&sc.join(file)))));
    }
    move |url: &str| docs.iter().find(|d| d.url() == url).cloned()
}

fn canon(doc: &Value, cache: &ContextCache, loader: &dyn Fn(&str) -> Option<Arc<RemoteContext>>) -> Result<String, Error> {
    let quads = to_rdf(doc, &Options::new(loader).with_cache(cache))?;
    Ok(rdfc::canonicalize(&quads).expect("rdfc"))
}

#[test]
fn ob3_and_vc_di_eddsa_match_jsonld_js() {
    let v = Path::new(VECTORS).to_path_buf();
    if !v.join("ob3-generated").exists() || !v.join("vc-di-eddsa").exists() {
        println!("SKIPPED: ../shared/vectors (ob3-generated, vc-di-eddsa) not found");
        return;
    }
    let loader = real_loader();
    let cache = ContextCache::new();
    let mut cases: Vec<(PathBuf, PathBuf, bool)> = Vec::new();
    let ob3 = v.join("ob3-generated");
    for name in ["ob3-v2-di", "ob3-v1-ed2020"] {
        cases.push((ob3.join(format!("{name}.json")), ob3.join(format!("{name}.canon.nq")), false));
    }
    for e in std::fs::read_dir(ob3.join("edge-cases")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            cases.push((p.clone(), p.with_extension("canon.nq"), false));
        }
    }
    let tv = v.join("vc-di-eddsa/TestVectors");
    for (doc, canon_doc, config, canon_config) in [
        ("unsigned.json", "eddsa-rdfc-2022/canonDocDataInt.txt", "eddsa-rdfc-2022/proofConfigDataInt.json", "eddsa-rdfc-2022/proofCanonDataInt.txt"),
        ("employmentAuth.json", "eddsa-rdfc-2022/employ/canonDocDataInt.txt", "eddsa-rdfc-2022/employ/proofConfigDataInt.json", "eddsa-rdfc-2022/employ/proofCanonDataInt.txt"),
        ("Ed25519Signature2020/signedEdSig.json", "Ed25519Signature2020/canonDocEdSig.txt", "Ed25519Signature2020/proofConfigEdSig.json", "Ed25519Signature2020/proofCanonEdSig.txt"),
    ] {
        cases.push((tv.join(doc), tv.join(canon_doc), true));
        cases.push((tv.join(config), tv.join(canon_config), false));
    }
    let (mut passed, mut failed) = (0, Vec::new());
    for (input, expected, strip_proof) in &cases {
        let mut doc = read_strict(input);
        if *strip_proof {
            doc.as_object_mut().unwrap().remove("proof");
        }
        let name = input.strip_prefix(&v).unwrap().display().to_string();
        let got = canon(&doc, &cache, &loader);
        let safe_error = input.with_extension("safe-mode-error.txt");
        let ok = if safe_error.exists() {
            matches!(got, Err(Error::DataLoss(_)))
        } else {
            let want = std::fs::read_to_string(expected).unwrap();
            match &got {
                Ok(g) if *g == want => true,
                Ok(g) => {
                    println!("--- {name}\n got:\n{g}\n want:\n{want}");
                    false
                }
                Err(e) => {
                    println!("--- {name}: {e:?}");
                    false
                }
            }
        };
        if ok { passed += 1 } else { failed.push(name) }
    }
    println!("real vectors: {passed}/{} byte-identical", cases.len());
    assert!(failed.is_empty(), "failed: {failed:?}");
}
