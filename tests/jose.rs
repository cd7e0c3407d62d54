//! JWT-secured credentials: VC-JWT 1.1 and vc+jwt with EdDSA, ES256, RS256 and PS256, every key
//! form (did:key, did:jwk, did:web, HTTPS key URL, header jwk), and the negative cases.

mod common;

use common::jose::{b64, did_jwk, did_web_doc, es256, jws, p256_jwk, p256_key, ps256, rs256, rsa_jwk, rsa_key};
use common::{check, issuer, ob3, options, read, vectors};
use serde_json::{json, Value};
use verified_badge::issue::{Issuer, JwtForm};
use verified_badge::limits::MAX_JWT_BYTES;
use verified_badge::{verify, Format, Input, Outcome, Report, Status, VerifyOptions};

fn run(token: &str) -> Report {
    verify(Input::Text(token), &options())
}

fn run_with(token: &str, opts: &VerifyOptions) -> Report {
    verify(Input::Text(token), opts)
}

fn credential(issuer_id: &str) -> Value {
    ob3(issuer_id)
}

fn assert_verified(report: &Report) {
    assert_eq!(report.outcome, Outcome::Verified, "{}", report.to_json());
}

#[test]
fn eddsa_vc_jwt_and_vc_jose_verify() {
    let i = issuer();
    let c = credential(&i.did());
    let token = i.sign_jwt(&c, JwtForm::VcJwt).unwrap();
    let report = run(&token);
    assert_verified(&report);
    assert_eq!(report.format, Format::VcJwt);
    assert_eq!(check(&report, "jwt"), (Status::Passed, "jwt.claims_consistent"));
    assert_eq!(report.credential.as_ref().unwrap().achievement.as_ref().unwrap().name.as_deref(), Some("Rust Fundamentals"));

    let report = run(&i.sign_jwt(&c, JwtForm::VcJose).unwrap());
    assert_verified(&report);
    assert_eq!(report.format, Format::VcJose);
    let v: Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(v["format"], "vc+jwt");
}

#[test]
fn vc_jwt_claims_fill_and_must_agree_with_the_credential() {
    let i = issuer();
    // Properties moved into claims (VC-JWT 1.1 allows it) are restored from them.
    let mut vc = credential(&i.did());
    let obj = vc.as_object_mut().unwrap();
    let id = obj.remove("id").unwrap();
    let from = obj.remove("validFrom").unwrap();
    obj.insert("issuer".into(), json!({"type": ["Profile"], "name": "Test Academy"}));
    let claims = json!({"iss": i.did(), "jti": id, "nbf": 1704067200, "exp": 1893456000, "vc": vc});
    let sk = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    let eddsa = |m: &[u8]| {
        use ed25519_dalek::Signer;
        sk.sign(m).to_bytes().to_vec()
    };
    let header = json!({"alg": "EdDSA", "typ": "JWT", "kid": i.verification_method()});
    let report = run(&jws(&header, &claims, eddsa));
    assert_verified(&report);
    let summary = report.credential.unwrap();
    assert_eq!(summary.valid_from.as_deref(), Some("2024-01-01T00:00:00Z"));
    assert_eq!(summary.valid_until.as_deref(), Some("2030-01-01T00:00:00Z"));
    assert_eq!(summary.id.as_ref(), id.as_str().map(str::to_owned).as_ref());
    let _ = from;

    // With every property also in the credential, each claim must agree with it.
    let full = json!({"iss": i.did(), "jti": id, "sub": "did:example:learner", "nbf": 1704067200, "vc": credential(&i.did())});
    assert_verified(&run(&jws(&header, &full, eddsa)));
    for (claim, value) in [("iss", json!("did:example:other")), ("jti", json!("urn:x")), ("sub", json!("did:example:else")), ("nbf", json!(1704067201))] {
        let mut bad = full.clone();
        bad[claim] = value;
        let report = run(&jws(&header, &bad, eddsa));
        assert_eq!(check(&report, "jwt"), (Status::Failed, "jwt.claim_mismatch"), "{claim}");
        assert!(report.checks[1].message.contains(claim));
    }
    let mut bad = claims.clone();
    bad["exp"] = json!("tomorrow");
    assert_eq!(check(&run(&jws(&header, &bad, eddsa)), "jwt"), (Status::Failed, "jwt.bad_claim"));
}

#[test]
fn exp_and_nbf_govern_validity() {
    let i = issuer();
    let mut c = credential(&i.did());
    c["validUntil"] = json!("2025-01-01T00:00:00Z");
    assert_eq!(check(&run(&i.sign_jwt(&c, JwtForm::VcJwt).unwrap()), "validity"), (Status::Failed, "validity.expired"));
    let mut c = credential(&i.did());
    c["validFrom"] = json!("2030-01-01T00:00:00Z");
    assert_eq!(check(&run(&i.sign_jwt(&c, JwtForm::VcJwt).unwrap()), "validity"), (Status::Failed, "validity.not_yet_valid"));
    // vc+jwt: an exp claim the credential does not state still bounds it.
    let c = credential(&i.did());
    let header = json!({"alg": "EdDSA", "typ": "vc+jwt", "kid": i.verification_method()});
    let mut payload = c.clone();
    payload["exp"] = json!(1735689600); // 2025-01-01
    let sk = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    let token = jws(&header, &payload, |m| {
        use ed25519_dalek::Signer;
        sk.sign(m).to_bytes().to_vec()
    });
    assert_eq!(check(&run(&token), "validity"), (Status::Failed, "validity.expired"));
}

#[test]
fn es256_with_did_jwk_and_p256_did_key() {
    let key = p256_key();
    let jwk = p256_jwk(&key);
    let did = did_jwk(&jwk);
    let c = credential(&did);
    let token = jws(&json!({"alg": "ES256", "typ": "vc+jwt", "kid": format!("{did}#0")}), &c, es256(&key));
    assert_verified(&run(&token));

    // did:key of a compressed P-256 point (multicodec 0x1200).
    let point = key.verifying_key().to_encoded_point(true);
    let mut bytes = vec![0x80, 0x24];
    bytes.extend_from_slice(point.as_bytes());
    let mb = format!("z{}", bs58::encode(bytes).into_string());
    assert!(mb.starts_with("zDn"), "{mb}");
    let did = format!("did:key:{mb}");
    let token = jws(&json!({"alg": "ES256", "kid": format!("{did}#{mb}")}), &credential(&did), es256(&key));
    assert_verified(&run(&token));
}

#[test]
fn rs256_and_ps256() {
    let key = rsa_key();
    let jwk = rsa_jwk(&key);
    let did = did_jwk(&jwk);
    for (alg, token) in [
        ("RS256", jws(&json!({"alg": "RS256", "kid": format!("{did}#0")}), &credential(&did), rs256(&key))),
        ("PS256", jws(&json!({"alg": "PS256", "kid": format!("{did}#0")}), &credential(&did), ps256(&key))),
    ] {
        let report = run(&token);
        assert_eq!(report.outcome, Outcome::Verified, "{alg}: {}", report.to_json());
    }

    // A key in the header proves nothing about the issuer: indeterminate, never verified.
    let issuer_url = "https://example.edu/issuers/565049";
    let token = jws(&json!({"alg": "RS256", "typ": "JWT", "jwk": jwk}), &credential(issuer_url), rs256(&key));
    let report = run(&token);
    assert_eq!(check(&report, "proof"), (Status::Passed, "proof.verified"));
    assert_eq!(check(&report, "issuer"), (Status::Unknown, "issuer.self_asserted_key"));
    assert_eq!(report.outcome, Outcome::Indeterminate);

    // The same key published as a JWK Set at the issuer's URL binds it.
    let kid = format!("{issuer_url}#key-1");
    let mut published = jwk.clone();
    published["kid"] = json!("key-1");
    let token = jws(&json!({"alg": "RS256", "kid": kid}), &credential(issuer_url), rs256(&key));
    let opts = options().with_document(issuer_url, json!({"keys": [published]}).to_string());
    assert_verified(&run_with(&token, &opts));
    // Unpublished: the key is unknown, not trusted from the token.
    let report = run(&token);
    assert_eq!(check(&report, "key"), (Status::Unknown, "key.unresolved"));
    assert_eq!(report.outcome, Outcome::Indeterminate);
}

#[test]
fn did_web_keys_come_from_supplied_documents() {
    let key = p256_key();
    let jwk = p256_jwk(&key);
    let did = "did:web:issuer.example%3A8443:org:unit";
    let vm = format!("{did}#key-1");
    let token = jws(&json!({"alg": "ES256", "kid": vm}), &credential(did), es256(&key));
    let url = "https://issuer.example:8443/org/unit/did.json";
    assert_eq!(verified_badge::key::did_web::url_for(did).unwrap(), url);

    let good = did_web_doc(did, &vm, &jwk, json!(["#key-1"]));
    assert_verified(&run_with(&token, &options().with_document(url, good.clone())));
    assert_verified(&run_with(&token, &options().with_document(did, good)));

    let report = run(&token);
    assert_eq!(check(&report, "key"), (Status::Unknown, "key.unresolved"));
    assert!(report.check("key").unwrap().message.contains(url));
    let mut online = options();
    online.network = true;
    assert_eq!(verified_badge::documents_needed(Input::Text(&token), &online), vec![url.to_owned()]);

    for (doc, code) in [
        (did_web_doc(did, &vm, &jwk, json!([])), "key.not_assertion_method"),
        (did_web_doc("did:web:evil.example", &vm, &jwk, json!([vm])), "key.bad_document"),
        (did_web_doc(did, &format!("{did}#other"), &jwk, json!(["#other"])), "key.not_found"),
        (did_web_doc(did, &vm, &jwk, json!([vm])).replace(&format!("\"controller\":\"{did}\""), "\"controller\":\"did:web:evil.example\""), "key.controller_mismatch"),
        ("not json".to_owned(), "key.bad_document"),
    ] {
        let report = run_with(&token, &options().with_document(url, doc));
        assert_eq!(check(&report, "key"), (Status::Failed, code));
        assert_eq!(report.outcome, Outcome::Invalid);
    }
    for bad in ["did:web:", "did:web:a/b", "did:web:host:..:x", "did:web:host::x"] {
        assert!(verified_badge::key::did_web::url_for(bad).is_err(), "{bad}");
    }
}

#[test]
fn dcc_did_web_fixtures_resolve_from_their_documents() {
    let Some(dir) = vectors("dcc-fixtures/dids") else { return };
    let legacy = read(&dir.join("legacy/did.json"));
    let did = "did:web:digitalcredentials.github.io:vc-test-fixtures:dids:legacy";
    let doc: Value = serde_json::from_str(&legacy).unwrap();
    let vm = doc["assertionMethod"][0].as_object().map(|o| o["id"].as_str().unwrap().to_owned())
        .or_else(|| doc["assertionMethod"][0].as_str().map(str::to_owned)).unwrap();
    let lookup_doc = legacy.clone();
    let key = verified_badge::key::resolve(&vm, &move |u: &str| {
        if u == "https://digitalcredentials.github.io/vc-test-fixtures/dids/legacy/did.json" {
            verified_badge::documents::Fetched::Body(Box::leak(lookup_doc.clone().into_boxed_str()))
        } else {
            verified_badge::documents::Fetched::Missing
        }
    })
    .unwrap();
    assert_eq!(key.controller, did);
    assert_eq!(verified_badge::key::multibase::encode_ed25519_multikey(key.ed25519().unwrap()), "z6MkjXe1vZvPRqFuc9nRBtZ3e1Y9XKDFSbjFAfzLfW2bD6cZ");
    // badDidWeb: no document exists, so no key — never one taken from the fragment.
    let bad = "did:web:digitalcredentials.github.io:dcc-did-web-bad#z6MkjXe1vZvPRqFuc9nRBtZ3e1Y9XKDFSbjFAfzLfW2bD6cZ";
    assert!(matches!(verified_badge::key::resolve(bad, &|_| verified_badge::documents::Fetched::Missing), Err(verified_badge::key::KeyError::Unresolved { .. })));
}

#[test]
fn hostile_tokens_are_rejected_with_codes() {
    let i = issuer();
    let c = credential(&i.did());
    let good = i.sign_jwt(&c, JwtForm::VcJose).unwrap();
    let (input, sig) = good.rsplit_once('.').unwrap();
    let (h, p) = input.split_once('.').unwrap();
    let header = |v: Value| b64(v.to_string().as_bytes());
    let key = p256_key();
    let too_big = format!("{h}.{}.{sig}", "A".repeat(MAX_JWT_BYTES));
    let cases: Vec<(String, &str, &str)> = vec![
        (format!("{}.{p}.", header(json!({"alg": "none"}))), "jwt", "jwt.alg_none"),
        (format!("{}.{p}.{sig}", header(json!({"alg": "HS256"}))), "jwt", "jwt.unsupported_alg"),
        (format!("{}.{p}.{sig}", header(json!({"typ": "JWT"}))), "jwt", "jwt.unsupported_alg"),
        (format!("{}.{p}.{sig}", header(json!({"alg": "EdDSA", "crit": ["exp"], "exp": 1}))), "jwt", "jwt.unsupported_crit"),
        (format!("{}.{p}.{sig}", header(json!({"alg": "EdDSA", "typ": "at+jwt"}))), "jwt", "jwt.bad_typ"),
        (format!("{h}.{p}.{sig}!"), "jwt", "jwt.bad_base64"),
        (format!("{h}.{p}"), "input", "input.not_json"),
        (format!("{h}.A.{sig}"), "jwt", "jwt.bad_base64"),
        (format!("{h}.{}.{sig}", b64(b"[1]")), "jwt", "jwt.bad_payload"),
        (format!("{h}.{}.{sig}", b64(br#"{"iss":"x"}"#)), "jwt", "jwt.no_credential"),
        (too_big, "jwt", "jwt.too_large"),
        // Tampered payload, original signature.
        (format!("{h}.{}.{sig}", b64(c.to_string().replace("Rust Fundamentals", "Rust Mastery").as_bytes())), "proof", "proof.signature_invalid"),
        // Algorithm confusion: an ES256 header over an Ed25519 key.
        (jws(&json!({"alg": "ES256", "kid": i.verification_method()}), &c, es256(&key)), "proof", "proof.wrong_key_type"),
        // The kid names another key.
        (jws(&json!({"alg": "EdDSA", "kid": Issuer::from_seed(&[8; 32]).verification_method()}), &c, |m| {
            use ed25519_dalek::Signer;
            ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]).sign(m).to_bytes().to_vec()
        }), "proof", "proof.signature_invalid"),
        (format!("{h}.{p}.{}", b64(&[0u8; 10])), "proof", "proof.bad_encoding"),
    ];
    let n = cases.len();
    for (token, id, code) in cases {
        let report = run(&token);
        assert_eq!(check(&report, id), (Status::Failed, code), "{}", &token[..token.len().min(80)]);
        assert_eq!(report.outcome, Outcome::Invalid);
    }
    println!("jose: {n} hostile tokens rejected");
}

#[test]
fn the_1edtech_jwt_without_key_is_not_verified() {
    let Some(dir) = vectors("1edtech-validator/inspector-vc/src/test/resources/ob30") else { return };
    let report = run(&read(&dir.join("simple.jwt")));
    assert_eq!(report.format, Format::VcJwt);
    assert_eq!(check(&report, "key"), (Status::Failed, "key.missing"));
    assert_ne!(report.outcome, Outcome::Verified);
}
