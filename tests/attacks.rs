//! Semantics attacks: credentials that verify byte for byte in a naive verifier yet say
//! something other than what was signed, or show something other than what is there. Each is
//! rejected with its code.

mod common;

use common::jose::{b64, did_jwk, did_web_doc, es256, jws, p256_jwk, p256_key};
use common::{
    check, did_web_ed25519, issuer, ob3, options, sign_jcs_as, status_entry, status_list_credential, verify_with_list,
    with_status,
};
use serde_json::{json, Value};
use verified_badge::issue::Issuer;
use verified_badge::limits::MIN_STATUS_LIST_BITS;
use verified_badge::{verify, Input, Outcome, Report, Status, VerifyOptions};

const V2: &str = "https://www.w3.org/ns/credentials/v2";
const OB3: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
const EVIL: &str = "https://evil.example/context";

fn run(doc: &Value) -> Report {
    verify(Input::Json(doc.clone()), &options())
}

fn run_with(doc: &Value, opts: &VerifyOptions) -> Report {
    verify(Input::Json(doc.clone()), opts)
}

fn rdfc(f: impl FnOnce(&mut Value)) -> Value {
    let i = issuer();
    let mut doc = ob3(&i.did());
    f(&mut doc);
    i.sign_eddsa_rdfc_2022(&doc, "2024-01-01T00:00:00Z").unwrap()
}

fn invalid(report: &Report, id: &str, code: &str) {
    assert_eq!(check(report, id), (Status::Failed, code), "{}", report.to_json());
    assert_eq!(report.outcome, Outcome::Invalid);
}

#[test]
fn a_context_that_redefines_a_protected_term() {
    // `name` is @protected by the credentials context; a supplied context appended after it
    // tries to point it elsewhere.
    let evil = json!({"@context": {"name": "https://evil.example/#notTheName"}}).to_string();
    let opts = options().with_document(EVIL, evil);
    let mut doc = rdfc(|_| {});
    doc["@context"] = json!([V2, OB3, EVIL]);
    let report = run_with(&doc, &opts);
    invalid(&report, "proof", "jsonld.invalid");
    assert!(report.check("proof").unwrap().message.contains("protected"), "{}", report.to_json());
    // Appended to a JCS credential after signing: the proof's context no longer matches.
    let mut jcs = common::signed();
    jcs["@context"] = json!([V2, OB3, EVIL]);
    invalid(&run_with(&jcs, &opts), "proof", "proof.context_mismatch");
    // Signed that way by the issuer itself: JCS never reads the contexts, so the context check
    // processes the credential as JSON-LD under the supplied one and refuses it.
    let i = issuer();
    let mut unsigned = ob3(&i.did());
    unsigned["@context"] = json!([V2, OB3, EVIL]);
    let signed = i.sign_eddsa_jcs_2022(&unsigned, "2024-01-01T00:00:00Z").unwrap();
    let report = run_with(&signed, &opts);
    invalid(&report, "context", "jsonld.invalid");
    assert_eq!(check(&report, "proof"), (Status::Passed, "proof.verified"));
    // A harmless supplied context passes the same check.
    let fine = options().with_document(EVIL, json!({"@context": {"evilClaim": "https://evil.example/#claim"}}).to_string());
    assert_eq!(run_with(&signed, &fine).outcome, Outcome::Verified);
}

#[test]
fn vocab_tricks() {
    // An undefined term in an RDF-signed credential is data loss in safe mode...
    let mut doc = rdfc(|_| {});
    doc["credentialSubject"]["evilClaim"] = json!("admin");
    invalid(&run(&doc), "proof", "jsonld.data_loss");
    // ...and a supplied context with an @vocab that would "define" it changes what is hashed.
    let opts = options().with_document(EVIL, json!({"@context": {"@vocab": "https://evil.example/#"}}).to_string());
    doc["@context"] = json!([V2, OB3, EVIL]);
    let report = run_with(&doc, &opts);
    assert_eq!(report.outcome, Outcome::Invalid, "{}", report.to_json());
    assert_eq!(check(&report, "proof").0, Status::Failed);
    // An inline @vocab context is never silently accepted.
    let mut inline = common::signed();
    inline["@context"] = json!([V2, OB3, {"@vocab": "https://evil.example/#"}]);
    let report = run(&inline);
    assert_ne!(report.outcome, Outcome::Verified);
    assert_eq!(check(&report, "context").0, Status::Unknown, "{}", report.to_json());
}

#[test]
fn duplicate_json_keys() {
    let text = common::signed().to_string();
    let i = issuer();
    // Two issuers: one reader would take the first, another the last.
    let twice = text.replacen("\"issuer\":", &format!("\"issuer\":\"{}\",\"issuer\":", Issuer::from_seed(&[3; 32]).did()), 1);
    invalid(&verify(Input::Text(&twice), &options()), "input", "input.duplicate_key");
    // Nested, deep inside the subject.
    let nested = text.replacen("\"narrative\":", "\"narrative\":\"x\",\"narrative\":", 1);
    invalid(&verify(Input::Text(&nested), &options()), "input", "input.duplicate_key");
    // Inside a JWT payload.
    let token = i.sign_jwt(&ob3(&i.did()), verified_badge::issue::JwtForm::VcJose).unwrap();
    let (h, _) = token.split_once('.').unwrap();
    let payload = ob3(&i.did()).to_string().replacen("\"name\":", "\"name\":\"x\",\"name\":", 1);
    let forged = format!("{h}.{}.{}", b64(payload.as_bytes()), token.rsplit('.').next().unwrap());
    let report = verify(Input::Text(&forged), &options());
    assert_eq!(report.outcome, Outcome::Invalid, "{}", report.to_json());
    assert!(report.checks.iter().any(|c| c.code == "input.duplicate_key" || c.code == "jwt.bad_payload"), "{}", report.to_json());
}

#[test]
fn confusable_names_shown_in_the_badge() {
    let i = issuer();
    type Edit<'a> = &'a dyn Fn(&mut Value);
    let cases: [(&str, Edit); 4] = [
        ("Cyrillic letters in a Latin issuer name", &|d| d["issuer"]["name"] = json!("\u{0422}est Academy")),
        ("Greek letter in an achievement name", &|d| d["credentialSubject"]["achievement"]["name"] = json!("Rust Fundament\u{03B1}ls")),
        ("a bidi override in the issuer name", &|d| d["issuer"]["name"] = json!("Test \u{202E}ymedacA")),
        ("a zero-width space in the issuer name", &|d| d["issuer"]["name"] = json!("Test Aca\u{200B}demy")),
    ];
    for (what, f) in cases {
        let mut doc = ob3(&i.did());
        f(&mut doc);
        // Properly signed by the issuer: the signature is fine, the text is not.
        let report = run(&i.sign_eddsa_jcs_2022(&doc, "2024-01-01T00:00:00Z").unwrap());
        assert_eq!(check(&report, "proof"), (Status::Passed, "proof.verified"), "{what}");
        invalid(&report, "display", "display.confusable_text");
    }
    // Names in one script, with accents, pass and add no check.
    let mut doc = ob3(&i.did());
    doc["issuer"]["name"] = json!("Université de Genève");
    doc["credentialSubject"]["achievement"]["name"] = json!("Основы Rust");
    let report = run(&i.sign_eddsa_jcs_2022(&doc, "2024-01-01T00:00:00Z").unwrap());
    assert_eq!(report.outcome, Outcome::Verified, "{}", report.to_json());
    assert!(report.check("display").is_none());
}

#[test]
fn an_issuer_that_is_not_the_proofs_controller() {
    // Signed, validly, by someone else's key while naming the test issuer.
    let mallory = Issuer::from_seed(&[66; 32]);
    let victim = issuer();
    let doc = mallory.sign_eddsa_jcs_2022(&ob3(&victim.did()), "2024-01-01T00:00:00Z").unwrap();
    let report = run(&doc);
    invalid(&report, "issuer", "issuer.mismatch");
    // The same for an RDF proof.
    let doc = mallory.sign_eddsa_rdfc_2022(&ob3(&victim.did()), "2024-01-01T00:00:00Z").unwrap();
    invalid(&run(&doc), "issuer", "issuer.mismatch");
}

#[test]
fn a_status_list_signed_by_someone_else() {
    // A list that says "not revoked", validly signed — by another issuer.
    let clean = vec![0u8; MIN_STATUS_LIST_BITS / 8];
    let list = status_list_credential(&Issuer::from_seed(&[3; 32]), json!("revocation"), &clean, |_| {});
    let report = verify_with_list(&with_status(status_entry("revocation", json!("3"))), Some(list));
    assert_eq!(check(&report, "status"), (Status::Unknown, "status.issuer_mismatch"), "{}", report.to_json());
    assert_ne!(report.outcome, Outcome::Verified);
}

#[test]
fn jwt_algorithm_and_key_confusion() {
    let i = issuer();
    let c = ob3(&i.did());
    let key = p256_key();
    let p256_did = did_jwk(&p256_jwk(&key));
    let eddsa = i.sign_jwt(&c, verified_badge::issue::JwtForm::VcJose).unwrap();
    let (_, rest) = eddsa.split_once('.').unwrap();
    let with_header = |h: Value| format!("{}.{rest}", b64(h.to_string().as_bytes()));
    // HMAC with the public key as the secret, and `none`: refused outright.
    invalid(&verify(Input::Text(&with_header(json!({"alg": "HS256", "kid": i.verification_method()}))), &options()), "jwt", "jwt.unsupported_alg");
    invalid(&verify(Input::Text(&with_header(json!({"alg": "none", "kid": i.verification_method()}))), &options()), "jwt", "jwt.alg_none");
    // ES256 claimed over an Ed25519 key, and EdDSA claimed over a P-256 key.
    let es = jws(&json!({"alg": "ES256", "kid": i.verification_method()}), &c, es256(&key));
    invalid(&verify(Input::Text(&es), &options()), "proof", "proof.wrong_key_type");
    let mut over_p256 = ob3(&p256_did);
    over_p256["issuer"]["id"] = json!(p256_did);
    let ed = i.sign_jwt(&over_p256, verified_badge::issue::JwtForm::VcJose).unwrap();
    let (_, ed_rest) = ed.split_once('.').unwrap();
    let ed_over_p256 = format!("{}.{ed_rest}", b64(json!({"alg": "EdDSA", "kid": format!("{p256_did}#0")}).to_string().as_bytes()));
    invalid(&verify(Input::Text(&ed_over_p256), &options()), "proof", "proof.wrong_key_type");
    // A key carried in the header proves only that someone signed.
    let jwk_header = jws(&json!({"alg": "ES256", "jwk": p256_jwk(&key)}), &ob3("https://issuer.example"), es256(&key));
    let report = verify(Input::Text(&jwk_header), &options());
    assert_ne!(report.outcome, Outcome::Verified, "{}", report.to_json());
}

#[test]
fn a_did_web_document_whose_id_differs() {
    let seed = [11u8; 32];
    let did = "did:web:issuer.example";
    let doc = sign_jcs_as(&seed, &ob3(did), &format!("{did}#key-1"));
    let url = "https://issuer.example/.well-known/did.json";
    let good = did_web_ed25519(did, &seed);
    assert_eq!(run_with(&doc, &options().with_document(url, good.to_string())).outcome, Outcome::Verified);
    // The attacker's host serves a document for another DID that lists the key.
    let mut other = good.clone();
    other["id"] = json!("did:web:evil.example");
    invalid(&run_with(&doc, &options().with_document(url, other.to_string())), "key", "key.bad_document");
    // Or a document listing the attacker's key under the right id, with a foreign controller.
    let mut foreign = good;
    foreign["verificationMethod"][0]["controller"] = json!("did:web:evil.example");
    invalid(&run_with(&doc, &options().with_document(url, foreign.to_string())), "key", "key.controller_mismatch");
    // JsonWebKey2020 in a did:web document: the same rule.
    let key = p256_key();
    let vm = format!("{did}#key-1");
    let token = jws(&json!({"alg": "ES256", "kid": vm}), &ob3(did), es256(&key));
    let wrong = did_web_doc("did:web:evil.example", &vm, &p256_jwk(&key), json!([vm]));
    let report = verify(Input::Text(&token), &options().with_document(url, wrong));
    invalid(&report, "key", "key.bad_document");
}
