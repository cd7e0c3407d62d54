//! The tamper matrix: for a signed credential of every format we verify, change each signed
//! thing in turn — every leaf value, every key removed, a key added to every object, every
//! array reordered, the context swapped, proof options changed, the key swapped — and assert
//! that none of the changes is `verified`.
//!
//! Every change must give `invalid`, with two documented exceptions:
//! - **Order-insensitive arrays under the RDF suites** (eddsa-rdfc-2022, Ed25519Signature2020):
//!   JSON-LD arrays are unordered sets unless `@list` (and `@context`, whose order decides term
//!   definitions), so reordering one yields the same RDF dataset, the same canonical N-Quads and
//!   the same signature. Those reorderings must stay `verified` — the signed *meaning* did not
//!   change — and a `@list` reordered must not.
//! - **A change the verifier cannot judge** (a proof type, cryptosuite or JOSE `alg` it does not
//!   implement): `indeterminate` with that `unknown` check, never `verified`.
//!
//! The count of mutations per format is printed (`cargo test --test tamper -- --nocapture`).

mod common;

use std::collections::BTreeMap;

use verified_badge::input::base64url;
use common::jose::{did_jwk, es256, jws, p256_jwk, p256_key, rs256, rsa_jwk, rsa_key};
use common::{issuer, ob3, options};
use serde_json::{json, Value};
use verified_badge::issue::{Issuer, JwtForm};
use verified_badge::proof::linked_data;
use verified_badge::{baked, verify, Input, Outcome, Report, Status};

/// Codes a mutation may produce that mean "cannot judge" rather than "forged".
const CANNOT_JUDGE: &[&str] = &["proof.unsupported_type", "proof.unsupported_suite", "jwt.unsupported_alg", "context.unknown"];

/// What a mutation did, for the tally and for the order-insensitive rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Changed,
    Removed,
    Added,
    Reordered,
    Swapped,
}

struct Mutation {
    what: String,
    kind: Kind,
    doc: Value,
}

/// Every JSON pointer in `v` with its value.
fn walk<'a>(v: &'a Value, at: String, out: &mut Vec<(String, &'a Value)>) {
    out.push((at.clone(), v));
    match v {
        Value::Object(o) => o.iter().for_each(|(k, c)| walk(c, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| walk(c, format!("{at}/{i}"), out)),
        _ => {}
    }
}

/// A different value of the same kind. Context URLs become other bundled contexts (a context
/// swap); other strings get their last character changed.
fn changed(at: &str, v: &Value) -> Value {
    match v {
        Value::String(s) if at.contains("@context") => json!(match s.as_str() {
            "https://www.w3.org/ns/credentials/v2" => "https://www.w3.org/2018/credentials/v1",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json" => "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
            _ => "https://www.w3.org/ns/credentials/v2",
        }),
        Value::String(s) => {
            let mut t = s.clone();
            let last = t.pop();
            t.push(if last == Some('x') { 'y' } else { 'x' });
            json!(t)
        }
        Value::Number(n) => json!(n.as_i64().map_or(1, |n| n + 1)),
        Value::Bool(b) => json!(!b),
        Value::Null => json!("x"),
        _ => unreachable!(),
    }
}

/// Every systematic mutation of `doc`.
fn mutations(doc: &Value) -> Vec<Mutation> {
    let mut nodes = Vec::new();
    walk(doc, String::new(), &mut nodes);
    let mut out = Vec::new();
    let mut edit = |what: String, kind: Kind, f: &dyn Fn(&mut Value)| {
        let mut d = doc.clone();
        f(&mut d);
        out.push(Mutation { what, kind, doc: d });
    };
    for (at, v) in &nodes {
        match v {
            Value::Object(o) => {
                edit(format!("add a key at {at:?}"), Kind::Added, &|d| {
                    d.pointer_mut(at).unwrap().as_object_mut().unwrap().insert("tampered".into(), json!("x"));
                });
                for key in o.keys() {
                    edit(format!("remove {at}/{key}"), Kind::Removed, &|d| {
                        d.pointer_mut(at).unwrap().as_object_mut().unwrap().remove(key);
                    });
                }
            }
            Value::Array(a) => {
                if a.len() > 1 && a.iter().any(|x| x != &a[0]) {
                    edit(format!("reverse {at}"), Kind::Reordered, &|d| d.pointer_mut(at).unwrap().as_array_mut().unwrap().reverse());
                }
            }
            leaf => {
                let new = changed(at, leaf);
                edit(format!("change {at}"), Kind::Changed, &|d| *d.pointer_mut(at).unwrap() = new.clone());
            }
        }
    }
    out
}

/// The outcome the matrix demands of a mutation, given how order-sensitive the format is.
fn assert_rejected(format: &str, m: &Mutation, report: &Report, rdf: bool) -> Outcome {
    let order_free = rdf && m.kind == Kind::Reordered && !m.what.contains("@context") && !m.what.contains("@list");
    if order_free {
        assert_eq!(report.outcome, Outcome::Verified, "{format}: {} changes the RDF dataset?\n{}", m.what, report.to_json());
        return Outcome::Verified;
    }
    match report.outcome {
        Outcome::Invalid => {}
        Outcome::Indeterminate => {
            let unknown: Vec<&str> =
                report.checks.iter().filter(|c| c.status == Status::Unknown).map(|c| c.code.as_ref()).collect();
            assert!(
                unknown.iter().any(|c| CANNOT_JUDGE.contains(c)),
                "{format}: {} is indeterminate, not invalid\n{}",
                m.what,
                report.to_json()
            );
        }
        Outcome::Verified => panic!("{format}: {} still verifies\n{}", m.what, report.to_json()),
    }
    report.outcome
}

#[derive(Default)]
struct Tally {
    invalid: usize,
    indeterminate: usize,
    order_free: usize,
}

impl Tally {
    fn add(&mut self, o: Outcome) {
        match o {
            Outcome::Invalid => self.invalid += 1,
            Outcome::Indeterminate => self.indeterminate += 1,
            Outcome::Verified => self.order_free += 1,
        }
    }

    fn print(&self, format: &str) {
        let total = self.invalid + self.indeterminate + self.order_free;
        println!(
            "tamper {format}: {total} mutations — {} invalid, {} indeterminate (unsupported type/suite/alg), {} order-insensitive (still verified)",
            self.invalid, self.indeterminate, self.order_free
        );
        assert!(total > 30, "{format}: too few mutations ({total})");
    }
}

/// Another issuer: its key signs nothing here, so naming it is a key swap.
fn other() -> Issuer {
    Issuer::from_seed(&[9u8; 32])
}

/// Runs the matrix on a Data Integrity credential: systematic mutations plus key swaps.
fn data_integrity(format: &str, signed: &Value, rdf: bool, run: impl Fn(&Value) -> Report) {
    assert_eq!(run(signed).outcome, Outcome::Verified, "{format}: {}", run(signed).to_json());
    let mut all = mutations(signed);
    let o = other();
    let swap = |what: &str, f: &dyn Fn(&mut Value)| {
        let mut d = signed.clone();
        f(&mut d);
        Mutation { what: what.into(), kind: Kind::Swapped, doc: d }
    };
    all.push(swap("key swap: another issuer's verificationMethod", &|d| d["proof"]["verificationMethod"] = json!(o.verification_method())));
    all.push(swap("key swap: issuer and verificationMethod both another's", &|d| {
        d["issuer"]["id"] = json!(o.did());
        d["proof"]["verificationMethod"] = json!(o.verification_method());
    }));
    all.push(swap("proof option: another valid created date", &|d| d["proof"]["created"] = json!("2024-02-02T00:00:00Z")));
    all.push(swap("proof option: authentication purpose", &|d| d["proof"]["proofPurpose"] = json!("authentication")));
    all.push(swap("context swap: v1 credentials context", &|d| d["@context"][0] = json!("https://www.w3.org/2018/credentials/v1")));
    let mut tally = Tally::default();
    for m in &all {
        tally.add(assert_rejected(format, m, &run(&m.doc), rdf));
    }
    tally.print(format);
}

fn run(doc: &Value) -> Report {
    verify(Input::Json(doc.clone()), &options())
}

/// The test credential, with a `@list` so that the RDF suites have an ordered array too.
fn credential(i: &Issuer) -> Value {
    let mut doc = ob3(&i.did());
    doc["credentialSubject"]["https://example.org/steps"] = json!({"@list": ["read", "write", "review"]});
    doc["credentialSubject"]["achievement"]["tag"] = json!(["rust", "safety"]);
    doc
}

#[test]
fn eddsa_jcs_2022() {
    let i = issuer();
    let signed = i.sign_eddsa_jcs_2022(&credential(&i), "2024-01-01T00:00:00Z").unwrap();
    data_integrity("eddsa-jcs-2022", &signed, false, run);
}

#[test]
fn eddsa_rdfc_2022() {
    let i = issuer();
    let signed = i.sign_eddsa_rdfc_2022(&credential(&i), "2024-01-01T00:00:00Z").unwrap();
    data_integrity("eddsa-rdfc-2022", &signed, true, run);
}

/// Ed25519Signature2020 signed here with the library's RDF hashing (no signer API exists).
fn sign_2020(doc: &Value, seed: &[u8; 32]) -> Value {
    let i = Issuer::from_seed(seed);
    let mut proof = json!({"type": "Ed25519Signature2020", "created": "2024-01-01T00:00:00Z",
                           "verificationMethod": i.verification_method(), "proofPurpose": "assertionMethod"});
    let doc_map = doc.as_object().unwrap();
    let config = linked_data::proof_config(doc_map, proof.as_object().unwrap());
    let data = linked_data::hash_data(doc_map, &config, &BTreeMap::new()).unwrap();
    let signature = ed25519_dalek::Signer::sign(&ed25519_dalek::SigningKey::from_bytes(seed), &data);
    proof["proofValue"] = json!(format!("z{}", bs58::encode(signature.to_bytes()).into_string()));
    let mut signed = doc.clone();
    signed["proof"] = proof;
    signed
}

#[test]
fn ed25519_signature_2020() {
    let i = issuer();
    let mut doc = credential(&i);
    doc["@context"].as_array_mut().unwrap().push(json!("https://w3id.org/security/suites/ed25519-2020/v1"));
    let signed = sign_2020(&doc, &[7u8; 32]);
    data_integrity("Ed25519Signature2020", &signed, true, run);
}

/// A compact JWS split into its decoded header and payload and its signature part.
fn split(token: &str) -> (Value, Value, String) {
    let mut parts = token.split('.');
    let mut json = || serde_json::from_slice(&base64url::decode(parts.next().unwrap()).unwrap()).unwrap();
    let (h, p) = (json(), json());
    (h, p, parts.next().unwrap().to_owned())
}

fn join(header: &Value, payload: &Value, sig: &str) -> String {
    let b = |v: &Value| base64url::encode(v.to_string().as_bytes());
    format!("{}.{}.{sig}", b(header), b(payload))
}

/// Runs the matrix on a JWT: every mutation of the header and of the payload, re-encoded
/// under the original signature, plus a flipped signature and a swapped `kid`.
fn jwt(format: &str, token: &str, opts: &verified_badge::VerifyOptions) {
    let run = |t: &str| verify(Input::Text(t), opts);
    assert_eq!(run(token).outcome, Outcome::Verified, "{format}: {}", run(token).to_json());
    let (header, payload, sig) = split(token);
    let mut tally = Tally::default();
    for (part, m) in mutations(&header).into_iter().map(|m| ("header", m)).chain(mutations(&payload).into_iter().map(|m| ("payload", m))) {
        let t = if part == "header" { join(&m.doc, &payload, &sig) } else { join(&header, &m.doc, &sig) };
        let m = Mutation { what: format!("{part}: {}", m.what), ..m };
        tally.add(assert_rejected(format, &m, &run(&t), false));
    }
    let mut flipped = base64url::decode(&sig).unwrap();
    flipped[0] ^= 1;
    let swaps = [
        ("signature bit flipped", join(&header, &payload, &base64url::encode(&flipped))),
        ("key swap: another issuer's kid", {
            let mut h = header.clone();
            h["kid"] = json!(other().verification_method());
            join(&h, &payload, &sig)
        }),
    ];
    for (what, t) in swaps {
        let m = Mutation { what: what.into(), kind: Kind::Swapped, doc: Value::Null };
        tally.add(assert_rejected(format, &m, &run(&t), false));
    }
    tally.print(format);
}

#[test]
fn vc_jwt_eddsa() {
    let i = issuer();
    jwt("VC-JWT (EdDSA)", &i.sign_jwt(&ob3(&i.did()), JwtForm::VcJwt).unwrap(), &options());
}

#[test]
fn vc_jose_eddsa() {
    let i = issuer();
    jwt("vc+jwt (EdDSA)", &i.sign_jwt(&ob3(&i.did()), JwtForm::VcJose).unwrap(), &options());
}

#[test]
fn es256_jwt() {
    let key = p256_key();
    let did = did_jwk(&p256_jwk(&key));
    let token = jws(&json!({"alg": "ES256", "kid": format!("{did}#0"), "typ": "vc+jwt"}), &ob3(&did), es256(&key));
    jwt("vc+jwt (ES256)", &token, &options());
}

#[test]
fn rs256_jwt() {
    let key = rsa_key();
    let did = did_jwk(&rsa_jwk(&key));
    let token = jws(&json!({"alg": "RS256", "kid": format!("{did}#0"), "typ": "vc+jwt"}), &ob3(&did), rs256(&key));
    jwt("vc+jwt (RS256)", &token, &options());
}

const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1"/></svg>"#;

/// A 1×1 PNG made with the library's chunk writer.
fn png() -> Vec<u8> {
    let mut out = baked::png::SIGNATURE.to_vec();
    out.extend(baked::png::chunk(*b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]).unwrap());
    out.extend(baked::png::chunk(*b"IDAT", &miniz_oxide::deflate::compress_to_vec_zlib(&[0, 0x80], 6)).unwrap());
    out.extend(baked::png::chunk(*b"IEND", &[]).unwrap());
    out
}

/// The eddsa-jcs-2022 matrix with every mutated credential baked into `image`, plus bit flips
/// of the baked image's bytes inside the credential text.
fn baked_matrix(format: &str, image: &[u8]) {
    let i = issuer();
    let signed = i.sign_eddsa_jcs_2022(&credential(&i), "2024-01-01T00:00:00Z").unwrap();
    let bake = |doc: &Value| baked::bake(image, &doc.to_string()).unwrap();
    let run = |bytes: &[u8]| verify(Input::Bytes(bytes), &options());
    let good = bake(&signed);
    assert_eq!(run(&good).outcome, Outcome::Verified, "{format}: {}", run(&good).to_json());
    let mut tally = Tally::default();
    for m in mutations(&signed) {
        tally.add(assert_rejected(format, &m, &run(&bake(&m.doc)), false));
    }
    // Flip one bit of the credential's name inside the image bytes.
    let at = good.windows(12).position(|w| w == b"Test Academy").unwrap();
    let mut flipped = good.clone();
    flipped[at] ^= 0x01;
    let m = Mutation { what: "a bit of the baked text".into(), kind: Kind::Changed, doc: Value::Null };
    tally.add(assert_rejected(format, &m, &run(&flipped), false));
    tally.print(format);
}

#[test]
fn baked_png() {
    baked_matrix("baked PNG (eddsa-jcs-2022)", &png());
}

#[test]
fn baked_svg() {
    baked_matrix("baked SVG (eddsa-jcs-2022)", SVG.as_bytes());
}
