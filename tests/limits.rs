//! One test per limit in `src/limits.rs`: each crosses its bound through the public API (the
//! `verify` pipeline wherever the bound is reachable from a credential) and gets its code.

mod common;

use std::sync::Arc;

use common::jose::{b64, did_jwk};
use common::{
    check, did_web_ed25519, edit, issuer, ob3, options, sign_jcs_as, signed, status_entry, status_list_credential,
    verify_with_list, with_status,
};
use serde_json::{json, Value};
use verified_badge::baked::{self, png};
use verified_badge::canon::jsonld::{self, Limits, RemoteContext};
use verified_badge::canon::{nquads, rdfc};
use verified_badge::limits::*;
use verified_badge::{verify, Input, Outcome, Report, Status};

fn run(doc: &Value) -> Report {
    verify(Input::Json(doc.clone()), &options())
}

/// The one `input` check of a report on rejected input.
fn rejected(report: &Report, id: &str, code: &str) {
    assert_eq!(check(report, id), (Status::Failed, code), "{}", report.to_json());
    assert_eq!(report.outcome, Outcome::Invalid);
}

/// `ob3` by the test issuer with `f` applied, signed with eddsa-rdfc-2022 (so verification
/// runs the JSON-LD engine and RDFC-1.0).
fn rdfc_signed(f: impl FnOnce(&mut Value)) -> Value {
    let i = issuer();
    let mut doc = ob3(&i.did());
    f(&mut doc);
    i.sign_eddsa_rdfc_2022(&doc, "2024-01-01T00:00:00Z").unwrap()
}

/// Adds `value` under `credentialSubject.<key>` of an eddsa-rdfc-2022 credential after signing:
/// the limit is hit while hashing, before any signature is compared.
fn rdfc_with(key: &str, value: Value) -> Value {
    let mut doc = rdfc_signed(|_| {});
    doc["credentialSubject"][key] = value;
    doc
}

#[test]
fn input_bytes() {
    let huge = format!("{{\"a\":\"{}\"}}", "x".repeat(MAX_INPUT_BYTES));
    rejected(&verify(Input::Text(&huge), &options()), "input", "input.too_large");
    rejected(&verify(Input::Bytes(huge.as_bytes()), &options()), "input", "input.too_large");
}

#[test]
fn json_depth() {
    let nested = |n: usize| "[".repeat(n) + &"]".repeat(n);
    // At the bound the text parses (and is then not an object); one deeper is refused.
    assert_eq!(check(&verify(Input::Text(&nested(MAX_JSON_DEPTH)), &options()), "input").1, "input.not_object");
    rejected(&verify(Input::Text(&nested(MAX_JSON_DEPTH + 1)), &options()), "input", "input.too_deep");
    // A value handed over already parsed is measured too.
    let mut deep = json!(1);
    for _ in 0..MAX_JSON_DEPTH + 1 {
        deep = json!({ "a": deep });
    }
    rejected(&run(&deep), "input", "input.too_deep");
}

#[test]
fn jwt_bytes() {
    let token = issuer().sign_jwt(&ob3(&issuer().did()), verified_badge::issue::JwtForm::VcJwt).unwrap();
    let (h, rest) = token.split_once('.').unwrap();
    let (_, sig) = rest.split_once('.').unwrap();
    let too_big = format!("{h}.{}.{sig}", "A".repeat(MAX_JWT_BYTES));
    rejected(&verify(Input::Text(&too_big), &options()), "jwt", "jwt.too_large");
}

#[test]
fn proofs() {
    let doc = signed();
    let with = |n: usize| {
        let mut d = doc.clone();
        d["proof"] = Value::Array(vec![doc["proof"].clone(); n]);
        d
    };
    assert_eq!(run(&with(MAX_PROOFS)).outcome, Outcome::Verified);
    let report = run(&with(MAX_PROOFS + 1));
    assert_eq!(check(&report, "proof"), (Status::Failed, "proof.too_many"));
    assert_eq!(report.outcome, Outcome::Invalid);
}

#[test]
fn document_bytes_did_web() {
    let seed = [11u8; 32];
    let did = "did:web:issuer.example";
    let doc = sign_jcs_as(&seed, &ob3(did), &format!("{did}#key-1"));
    let url = "https://issuer.example/.well-known/did.json";
    let mut did_doc = did_web_ed25519(did, &seed);
    let within = options().with_document(url, did_doc.to_string());
    assert_eq!(verify(Input::Json(doc.clone()), &within).outcome, Outcome::Verified);
    did_doc["padding"] = json!("x".repeat(MAX_DOCUMENT_BYTES));
    let over = options().with_document(url, did_doc.to_string());
    let report = verify(Input::Json(doc), &over);
    assert_eq!(check(&report, "key"), (Status::Unknown, "key.unresolved"), "{}", report.to_json());
    assert!(report.check("key").unwrap().message.contains("too large"));
    assert_eq!(report.outcome, Outcome::Indeterminate);
}

#[test]
fn document_bytes_status_list() {
    let list = status_list_credential(&issuer(), json!("revocation"), &vec![0u8; MIN_STATUS_LIST_BITS / 8], |l| {
        l["padding"] = json!("x".repeat(MAX_DOCUMENT_BYTES));
    });
    let report = verify_with_list(&with_status(status_entry("revocation", json!("3"))), Some(list));
    assert_eq!(check(&report, "status"), (Status::Unknown, "status.unreachable"), "{}", report.to_json());
    assert_eq!(report.outcome, Outcome::Indeterminate);
}

#[test]
fn status_list_bytes() {
    // Twice the cap of zeros deflates to a few KiB; inflation stops at the cap.
    let bomb = vec![0u8; MAX_STATUS_LIST_BYTES * 2];
    let list = status_list_credential(&issuer(), json!("revocation"), &bomb, |_| {});
    let report = verify_with_list(&with_status(status_entry("revocation", json!("3"))), Some(list));
    assert_eq!(check(&report, "status"), (Status::Failed, "status.list_too_large"));
}

#[test]
fn status_list_bits() {
    let short = status_list_credential(&issuer(), json!("revocation"), &vec![0u8; MIN_STATUS_LIST_BITS / 8 - 1], |_| {});
    let report = verify_with_list(&with_status(status_entry("revocation", json!("3"))), Some(short));
    assert_eq!(check(&report, "status"), (Status::Unknown, "status.list_too_short"));
    assert_eq!(report.outcome, Outcome::Indeterminate);
}

#[test]
fn nesting() {
    let i = issuer();
    let mut inner = signed();
    for _ in 0..=MAX_NESTING {
        let mut outer = ob3(&i.did());
        outer["endorsement"] = json!([inner]);
        inner = i.sign_eddsa_jcs_2022(&outer, "2024-01-01T00:00:00Z").unwrap();
    }
    let mut report = run(&inner);
    for depth in 0..MAX_NESTING {
        assert_eq!(report.embedded.len(), 1, "depth {depth}");
        report = report.embedded.remove(0).report;
        assert_eq!(report.outcome, Outcome::Verified);
    }
    // At MAX_NESTING the endorsement is not followed.
    assert!(report.embedded.is_empty());
    // A status list credential is a leaf: its own status is not followed.
    let leaf = with_status(status_entry("revocation", json!("3")));
    let mut list: Value = serde_json::from_str(&status_list_credential(&i, json!("revocation"), &vec![0u8; MIN_STATUS_LIST_BITS / 8], |l| {
        l["credentialStatus"] = status_entry("revocation", json!("5"));
    }))
    .unwrap();
    list["id"] = json!(common::STATUS_LIST);
    let report = verify_with_list(&leaf, Some(list.to_string()));
    assert_eq!(check(&report, "status"), (Status::Passed, "status.active"), "{}", report.to_json());
}

#[test]
fn did_jwk_length() {
    let long = format!("did:jwk:{}#0", "e".repeat(MAX_DID_JWK));
    let report = run(&edit(signed(), |d| d["proof"]["verificationMethod"] = json!(long)));
    assert_eq!(check(&report, "key"), (Status::Failed, "key.bad_encoding"));
}

#[test]
fn multibase_length() {
    let long = format!("did:key:z{0}#z{0}", "1".repeat(MAX_MULTIBASE_CHARS + 1));
    let report = run(&edit(signed(), |d| d["proof"]["verificationMethod"] = json!(long)));
    assert_eq!(check(&report, "key"), (Status::Failed, "key.bad_encoding"));
    let report = run(&edit(signed(), |d| d["proof"]["proofValue"] = json!(format!("z{}", "1".repeat(MAX_MULTIBASE_CHARS + 1)))));
    assert_eq!(report.outcome, Outcome::Invalid);
}

#[test]
fn rsa_modulus() {
    for bytes in [MIN_RSA_BYTES - 1, MAX_RSA_BYTES + 1] {
        let mut n = vec![0xC5u8; bytes];
        n[bytes - 1] |= 1;
        let jwk = json!({"kty": "RSA", "n": b64(&n), "e": "AQAB"});
        let vm = format!("{}#0", did_jwk(&jwk));
        let report = run(&edit(signed(), |d| d["proof"]["verificationMethod"] = json!(vm)));
        assert_eq!(check(&report, "key").0, Status::Failed, "{bytes} bytes: {}", report.to_json());
        assert_eq!(report.outcome, Outcome::Invalid);
    }
}

#[test]
fn listed_tags() {
    let i = issuer();
    let mut doc = ob3(&i.did());
    doc["credentialSubject"]["achievement"]["tag"] = json!((0..MAX_LISTED + 10).map(|n| format!("t{n}")).collect::<Vec<_>>());
    let report = run(&i.sign_eddsa_jcs_2022(&doc, "2024-01-01T00:00:00Z").unwrap());
    assert_eq!(report.outcome, Outcome::Verified);
    assert_eq!(report.credential.unwrap().achievement.unwrap().tags.len(), MAX_LISTED);
}

#[test]
fn jsonld_items() {
    let report = run(&rdfc_with("https://example.org/spam", json!(vec!["x"; JSONLD_MAX_ITEMS + 1])));
    assert_eq!(check(&report, "proof"), (Status::Failed, "jsonld.too_large"), "{}", report.check("proof").unwrap().message);
}

#[test]
fn jsonld_quads() {
    // A list of n items is n expanded items but 2n quads (rdf:first, rdf:rest).
    let n = JSONLD_MAX_QUADS / 2 + 1;
    assert!(n < JSONLD_MAX_ITEMS);
    let items: Vec<String> = (0..n).map(|i| i.to_string()).collect();
    let report = run(&rdfc_with("https://example.org/spam", json!({ "@list": items })));
    assert_eq!(check(&report, "proof"), (Status::Failed, "jsonld.too_large"), "{}", report.check("proof").unwrap().message);
}

#[test]
fn jsonld_depth() {
    // JSON itself stops at the same depth, so the engine's own bound is crossed through its
    // API: a document one level deeper than `max_depth` allows.
    let mut deep = json!("x");
    for _ in 0..JSONLD_MAX_DEPTH {
        deep = json!({ "https://example.org/p": deep });
    }
    let doc = json!({ "@id": "urn:x", "https://example.org/p": deep });
    let none = |_: &str| -> Option<Arc<RemoteContext>> { None };
    let options = jsonld::Options::new(&none);
    assert_eq!(jsonld::to_rdf(&doc, &options).unwrap_err().code(), "jsonld.too_deep");
    let shallow = jsonld::Options { limits: Limits { max_depth: JSONLD_MAX_DEPTH * 2, ..Limits::default() }, ..options };
    assert!(jsonld::to_rdf(&doc, &shallow).is_ok());
}

/// `count` contexts supplied as documents, each importing the next; the credential names
/// the first after the credentials context.
fn context_chain(count: usize) -> (Value, Vec<(String, String)>) {
    let url = |n: usize| format!("https://contexts.example/{n}");
    let docs = (0..count)
        .map(|n| {
            let body = if n + 1 < count {
                json!({"@context": [url(n + 1), {format!("t{n}"): format!("https://example.org/t{n}")}]})
            } else {
                json!({"@context": {"last": "https://example.org/last"}})
            };
            (url(n), body.to_string())
        })
        .collect();
    let doc = json!(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", url(0)]);
    (doc, docs)
}

fn with_contexts(doc: &Value, docs: Vec<(String, String)>) -> Report {
    let opts = docs.into_iter().fold(options(), |o, (u, b)| o.with_document(u, b));
    verify(Input::Json(doc.clone()), &opts)
}

#[test]
fn jsonld_remote_contexts() {
    let (ctx, docs) = context_chain(JSONLD_MAX_REMOTE_CONTEXTS + 2);
    let mut doc = rdfc_signed(|_| {});
    doc["@context"] = ctx;
    let report = with_contexts(&doc, docs);
    assert_eq!(check(&report, "proof"), (Status::Failed, "jsonld.context_overflow"), "{}", report.to_json());
}

#[test]
fn jsonld_context_depth() {
    // Property-scoped contexts, each a supplied document naming the next, nested one deeper
    // than allowed. (One document could not hold them: JSON depth stops it first.)
    let url = |n: usize| format!("https://contexts.example/scoped/{n}");
    let depth = JSONLD_MAX_CONTEXT_DEPTH + 1;
    let docs = (0..=depth)
        .map(|n| {
            let term = json!({"@id": format!("https://example.org/s{n}"), "@context": url(n + 1)});
            let body = if n < depth { json!({"@context": { format!("s{n}"): term }}) } else { json!({"@context": {"leaf": "https://example.org/leaf"}}) };
            (url(n), body.to_string())
        })
        .collect();
    let mut doc = rdfc_signed(|_| {});
    doc["@context"] = json!(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", url(0)]);
    let mut value = json!({"leaf": "x"});
    for n in (1..depth).rev() {
        value = json!({ format!("s{n}"): value });
    }
    doc["credentialSubject"]["s0"] = value;
    let report = with_contexts(&doc, docs);
    assert_eq!(check(&report, "proof"), (Status::Failed, "jsonld.context_overflow"), "{}", report.to_json());
}

#[test]
fn jsonld_context_work() {
    // One context with more term definitions than the whole budget.
    // Four supplied contexts, each within the document size limit, that together define more
    // terms than the whole budget.
    let per = JSONLD_MAX_CONTEXT_WORK / 4 + 1;
    let docs: Vec<(String, String)> = (0..4)
        .map(|c| {
            let terms: serde_json::Map<String, Value> = (0..per).map(|n| (format!("t{c}_{n}"), json!("x:y"))).collect();
            (format!("https://contexts.example/big/{c}"), json!({ "@context": terms }).to_string())
        })
        .collect();
    assert!(docs.iter().all(|(_, body)| body.len() <= MAX_DOCUMENT_BYTES));
    let mut doc = rdfc_signed(|_| {});
    let mut contexts = vec![json!("https://www.w3.org/ns/credentials/v2"), json!("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")];
    contexts.extend(docs.iter().map(|(url, _)| json!(url)));
    doc["@context"] = json!(contexts);
    let report = with_contexts(&doc, docs);
    assert_eq!(check(&report, "proof"), (Status::Failed, "jsonld.context_overflow"), "{}", report.to_json());
}

/// `n` blank nodes, every one linked to every other by the same property: RDFC-1.0 must try
/// every permutation to tell them apart (a "poison" graph).
fn clique(n: usize) -> Value {
    let knows = "https://example.org/knows";
    json!((0..n)
        .map(|i| json!({"@id": format!("_:n{i}"), knows: (0..n).filter(|&j| j != i).map(|j| json!({"@id": format!("_:n{j}")})).collect::<Vec<_>>()}))
        .collect::<Vec<_>>())
}

#[test]
fn rdfc_work() {
    let report = run(&rdfc_with("https://example.org/knows", clique(10)));
    assert_eq!(check(&report, "proof"), (Status::Failed, "canon.too_complex"), "{}", report.check("proof").unwrap().message);
    // A small clique is canonicalized within the budget (and signs and verifies).
    let small = rdfc_signed(|d| d["credentialSubject"]["https://example.org/knows"] = clique(3));
    assert_eq!(run(&small).outcome, Outcome::Verified);
}

#[test]
fn rdfc_depth() {
    // Recursion depth is reached long after the work budget on credential-sized input, so the
    // bound is crossed through the canonicalizer's API: a two-node cycle needs depth 2.
    let quads = nquads::parse("_:a <http://ex/p> _:b .\n_:b <http://ex/p> _:a .\n").unwrap();
    assert!(rdfc::canonicalize(&quads).is_ok());
    let shallow = rdfc::Options::default().with_max_depth(1);
    assert_eq!(rdfc::canonicalize_with(&quads, &shallow).unwrap_err().code(), "canon.too_complex");
    const { assert!(MAX_RDFC_DEPTH > 1) };
}


fn bytes_rejected(bytes: &[u8], code: &str) {
    rejected(&verify(Input::Bytes(bytes), &options()), "input", code);
}

#[test]
fn baked_image_bytes() {
    let good = baked::bake(&common::png_with(&[]), &signed().to_string()).unwrap();
    assert_eq!(verify(Input::Bytes(&good), &options()).outcome, Outcome::Verified);
    let mut huge = good;
    huge.resize(MAX_IMAGE_BYTES + 1, 0);
    bytes_rejected(&huge, "baked.too_large");
}

#[test]
fn baked_png_chunks() {
    let filler = png::chunk(*b"teXt", &[]).unwrap();
    let many = common::png_with(&vec![filler; MAX_PNG_CHUNKS]);
    bytes_rejected(&many, "baked.too_large");
}

#[test]
fn baked_png_chunk_length() {
    let mut png = common::png_with(&[]);
    let at = png.windows(4).position(|w| w == b"IDAT").unwrap() - 4;
    png[at..at + 4].copy_from_slice(&0xFFFF_FFF0u32.to_be_bytes());
    bytes_rejected(&png, "baked.too_large");
}

#[test]
fn baked_text_bytes() {
    let big = format!("{{\"a\":\"{}\"}}", "x".repeat(MAX_BAKED_TEXT_BYTES));
    let mut data = b"openbadgecredential\0\0\0\0\0".to_vec();
    data.extend_from_slice(big.as_bytes());
    bytes_rejected(&common::png_with(&[png::chunk(*b"iTXt", &data).unwrap()]), "baked.too_large");
    // An inflation bomb stops at the same bound.
    let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&vec![b' '; MAX_BAKED_TEXT_BYTES + 1], 9);
    let mut data = b"openbadgecredential\0\x01\0\0\0".to_vec();
    data.extend(bomb);
    bytes_rejected(&common::png_with(&[png::chunk(*b"iTXt", &data).unwrap()]), "baked.too_large");
}

#[test]
fn host_fetch_failures_are_unknown() {
    // The WASM host aborts a fetch after 8 s and hands the core the reason: whatever it was,
    // the check it feeds stays `unknown`.
    let doc = with_status(status_entry("revocation", json!("3")));
    let mut opts = options();
    opts.failures.insert(common::STATUS_LIST.to_owned(), "no answer within 8 s".to_owned());
    let report = verify(Input::Json(doc), &opts);
    assert_eq!(check(&report, "status"), (Status::Unknown, "status.unreachable"));
    assert!(report.check("status").unwrap().message.contains("no answer within 8 s"));
    assert_eq!(report.outcome, Outcome::Indeterminate);
}

#[test]
fn supplied_context_size() {
    // A supplied context one byte over the document limit is a bad document for the context
    // check, and unknown to the proof: never parsed, never kept.
    let url = "https://contexts.example/too-large".to_owned();
    let context = |pad: &str| json!({"@context": {"big": "https://example.org/big", "pad": pad}}).to_string();
    let body = context(&"x".repeat(MAX_DOCUMENT_BYTES + 1 - context("").len()));
    assert_eq!(body.len(), MAX_DOCUMENT_BYTES + 1);
    let mut doc = rdfc_signed(|_| {});
    doc["@context"] = json!(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", url]);
    let report = with_contexts(&doc, vec![(url.clone(), body)]);
    assert_eq!(check(&report, "context"), (Status::Unknown, "context.bad_document"), "{}", report.to_json());
    assert_eq!(check(&report, "proof"), (Status::Unknown, "context.unknown"), "{}", report.to_json());
}
