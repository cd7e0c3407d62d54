//! The verification pipeline end to end on credentials signed here, one case per check code.

mod common;

use common::{check, edit, issuer, ob3, options, signed, Mutation};
use serde_json::{json, Value};
use verified_badge::issue::Issuer;
use verified_badge::limits::{MAX_INPUT_BYTES, MAX_JSON_DEPTH};
use verified_badge::{verify, Input, Outcome, Report, Status, Timestamp};

fn run(doc: &Value) -> Report {
    verify(Input::Json(doc.clone()), &options())
}

#[test]
fn a_signed_credential_verifies_with_every_check_passed() {
    let report = run(&signed());
    assert_eq!(report.outcome, Outcome::Verified, "{}", report.to_json());
    for (id, code) in [
        ("input", "input.parsed"),
        ("context", "context.known"),
        ("credential", "credential.well_formed"),
        ("key", "key.resolved"),
        ("issuer", "issuer.bound"),
        ("proof", "proof.verified"),
        ("validity", "validity.current"),
    ] {
        assert_eq!(check(&report, id), (Status::Passed, code));
    }
    assert_eq!(check(&report, "status"), (Status::Skipped, "status.none"));
    let summary = report.credential.as_ref().unwrap();
    assert_eq!(summary.achievement.as_ref().and_then(|a| a.name.as_deref()), Some("Rust Fundamentals"));
    assert_eq!(summary.issuer.as_ref().and_then(|i| i.name.as_deref()), Some("Test Academy"));
    assert_eq!(summary.valid_from.as_deref(), Some("2024-01-01T00:00:00Z"));
}

#[test]
fn text_bytes_and_values_give_the_same_report() {
    let doc = signed();
    let text = doc.to_string();
    let a = verify(Input::Text(&text), &options());
    let b = verify(Input::Bytes(text.as_bytes()), &options());
    let c = verify(Input::Json(doc), &options());
    assert_eq!(a, b);
    assert_eq!(b, c);
    assert_eq!(a.outcome, Outcome::Verified);
}

#[test]
fn any_change_to_a_signed_field_breaks_the_signature() {
    let mutations: Vec<(&str, Mutation)> = vec![
        ("name", Box::new(|d| d["credentialSubject"]["achievement"]["name"] = json!("Rust Mastery"))),
        ("validFrom", Box::new(|d| d["validFrom"] = json!("2024-01-02T00:00:00Z"))),
        ("add field", Box::new(|d| d["credentialSubject"]["extra"] = json!(1))),
        ("remove field", Box::new(|d| { d.as_object_mut().unwrap().remove("name"); })),
        ("type", Box::new(|d| d["type"] = json!(["VerifiableCredential", "AchievementCredential"]))),
        ("number type", Box::new(|d| d["credentialSubject"]["n"] = json!("1"))),
        ("issuer name", Box::new(|d| d["issuer"]["name"] = json!("Test Academy "))),
        ("proof created", Box::new(|d| d["proof"]["created"] = json!("2024-01-01T00:00:01Z"))),
        ("proof option added", Box::new(|d| d["proof"]["nonce"] = json!("abc"))),
        ("signature byte", Box::new(|d| {
            let v = d["proof"]["proofValue"].as_str().unwrap().to_owned();
            let last = if v.ends_with('2') { "3" } else { "2" };
            d["proof"]["proofValue"] = json!(format!("{}{last}", &v[..v.len() - 1]));
        })),
    ];
    for (what, mutate) in &mutations {
        let report = run(&edit(signed(), |d| mutate(d)));
        assert_eq!(report.outcome, Outcome::Invalid, "{what}: {}", report.to_json());
        assert!(report.checks.iter().any(|c| c.status == Status::Failed && c.code.starts_with("proof.")), "{what}");
    }
    println!("tamper: {} mutations, all invalid", mutations.len());
}

#[test]
fn expired_and_not_yet_valid_credentials_are_invalid() {
    let i = issuer();
    let expired = i.sign_eddsa_jcs_2022(&edit(ob3(&i.did()), |d| d["validUntil"] = json!("2025-01-01T00:00:00Z")), "2024-01-01T00:00:00Z").unwrap();
    let report = run(&expired);
    assert_eq!(report.outcome, Outcome::Invalid);
    assert_eq!(check(&report, "validity"), (Status::Failed, "validity.expired"));
    assert_eq!(check(&report, "proof"), (Status::Passed, "proof.verified"));

    let future = i.sign_eddsa_jcs_2022(&edit(ob3(&i.did()), |d| d["validFrom"] = json!("2030-01-01T00:00:00Z")), "2024-01-01T00:00:00Z").unwrap();
    assert_eq!(check(&run(&future), "validity"), (Status::Failed, "validity.not_yet_valid"));
}

#[test]
fn the_clock_is_the_callers() {
    let i = issuer();
    let doc = i.sign_eddsa_jcs_2022(&edit(ob3(&i.did()), |d| d["validUntil"] = json!("2025-01-01T00:00:00Z")), "2024-01-01T00:00:00Z").unwrap();
    let mut opts = options();
    opts.now = Timestamp::parse("2024-12-31T23:59:59Z").unwrap();
    assert_eq!(verify(Input::Json(doc), &opts).outcome, Outcome::Verified);
}

#[test]
fn a_key_that_is_not_the_issuers_is_an_issuer_mismatch() {
    let other = Issuer::from_seed(&[9u8; 32]);
    // Signed correctly, but by a key the named issuer does not control.
    let doc = other.sign_eddsa_jcs_2022(&ob3(&issuer().did()), "2024-01-01T00:00:00Z").unwrap();
    let report = run(&doc);
    assert_eq!(report.outcome, Outcome::Invalid);
    assert_eq!(check(&report, "issuer"), (Status::Failed, "issuer.mismatch"));
    assert_eq!(check(&report, "proof"), (Status::Passed, "proof.verified"));
}

#[test]
fn swapping_the_verification_method_breaks_the_proof() {
    let other = Issuer::from_seed(&[9u8; 32]);
    let report = run(&edit(signed(), |d| d["proof"]["verificationMethod"] = json!(other.verification_method())));
    assert_eq!(report.outcome, Outcome::Invalid);
    assert_eq!(check(&report, "proof"), (Status::Failed, "proof.signature_invalid"));
}

#[test]
fn unknown_contexts_are_indeterminate_unless_supplied() {
    let i = issuer();
    let url = "https://example.com/contexts/unknown.jsonld";
    let doc = i
        .sign_eddsa_jcs_2022(
            &edit(ob3(&i.did()), |d| d["@context"].as_array_mut().unwrap().push(json!(url))),
            "2024-01-01T00:00:00Z",
        )
        .unwrap();
    let report = run(&doc);
    assert_eq!(report.outcome, Outcome::Indeterminate);
    assert_eq!(check(&report, "context"), (Status::Unknown, "context.unknown"));
    assert_eq!(check(&report, "proof"), (Status::Passed, "proof.verified"));

    let supplied = options().with_document(url, r#"{"@context":{"x":"https://example.com/x"}}"#);
    assert_eq!(verify(Input::Json(doc.clone()), &supplied).outcome, Outcome::Verified);

    let bad = options().with_document(url, "[1]");
    assert_eq!(check(&verify(Input::Json(doc), &bad), "context"), (Status::Unknown, "context.bad_document"));
}

#[test]
fn inline_and_nested_contexts_are_not_silently_accepted() {
    let i = issuer();
    let nested = i
        .sign_eddsa_jcs_2022(
            &edit(ob3(&i.did()), |d| d["credentialSubject"]["@context"] = json!({"name": "https://evil.example/name"})),
            "2024-01-01T00:00:00Z",
        )
        .unwrap();
    let report = run(&nested);
    assert_eq!(report.outcome, Outcome::Indeterminate);
    assert_eq!(check(&report, "context"), (Status::Unknown, "context.inline_unsupported"));
}

#[test]
fn a_credential_without_a_vc_context_is_invalid() {
    let report = run(&edit(signed(), |d| d["@context"] = json!(["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"])));
    assert_eq!(check(&report, "credential"), (Status::Failed, "credential.not_vc"));
    let report = run(&edit(signed(), |d| { d.as_object_mut().unwrap().remove("@context"); }));
    assert_eq!(check(&report, "context"), (Status::Failed, "context.missing"));
}

#[test]
fn structure_errors_have_their_codes() {
    let cases: Vec<(Mutation, &str)> = vec![
        (Box::new(|d| d["type"] = json!(["OpenBadgeCredential"])), "credential.missing_type"),
        (Box::new(|d| { d.as_object_mut().unwrap().remove("issuer"); }), "credential.missing_issuer"),
        (Box::new(|d| d["issuer"] = json!({"name": "x"})), "credential.missing_issuer"),
        (Box::new(|d| d["issuer"] = json!("not a url")), "credential.bad_issuer"),
        (Box::new(|d| { d.as_object_mut().unwrap().remove("credentialSubject"); }), "credential.missing_subject"),
        (Box::new(|d| d["validFrom"] = json!("2024-01-01")), "credential.bad_date"),
        (Box::new(|d| d["validUntil"] = json!(5)), "credential.bad_date"),
        (Box::new(|d| d["proof"] = json!("z123")), "credential.bad_proof"),
    ];
    for (mutate, code) in cases {
        let report = run(&edit(signed(), |d| mutate(d)));
        assert_eq!(check(&report, "credential"), (Status::Failed, code));
        assert_eq!(report.outcome, Outcome::Invalid);
    }
}

#[test]
fn vc_1_1_needs_an_issuance_date() {
    let doc = json!({
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:1",
        "credentialSubject": {"id": "did:example:2"}
    });
    assert_eq!(check(&run(&doc), "credential"), (Status::Failed, "credential.missing_issuance_date"));
}

#[test]
fn proof_errors_have_their_codes() {
    let cases: Vec<(Mutation, Status, &str)> = vec![
        (Box::new(|d| { d.as_object_mut().unwrap().remove("proof"); }), Status::Failed, "proof.missing"),
        (Box::new(|d| d["proof"]["proofPurpose"] = json!("authentication")), Status::Failed, "proof.wrong_purpose"),
        (Box::new(|d| { d["proof"].as_object_mut().unwrap().remove("proofValue"); }), Status::Failed, "proof.malformed"),
        (Box::new(|d| d["proof"]["proofValue"] = json!("uAAAA")), Status::Failed, "proof.bad_encoding"),
        (Box::new(|d| d["proof"]["proofValue"] = json!("z0OIl")), Status::Failed, "proof.bad_encoding"),
        (Box::new(|d| d["proof"]["proofValue"] = json!("z3")), Status::Failed, "proof.bad_encoding"),
        (Box::new(|d| d["proof"]["expires"] = json!("2025-01-01T00:00:00Z")), Status::Failed, "proof.expired"),
        (Box::new(|d| d["proof"]["created"] = json!("yesterday")), Status::Failed, "proof.bad_date"),
        (Box::new(|d| d["proof"]["@context"] = json!(["https://www.w3.org/ns/credentials/v2"])), Status::Failed, "proof.context_mismatch"),
        // Signed as JCS, checked as RDFC: a different hash, so a bad signature.
        (Box::new(|d| d["proof"]["cryptosuite"] = json!("eddsa-rdfc-2022")), Status::Failed, "proof.signature_invalid"),
        (Box::new(|d| d["proof"]["cryptosuite"] = json!("ecdsa-rdfc-2019")), Status::Unknown, "proof.unsupported_suite"),
        // The 2020 suite's type is undefined under the credential's contexts: safe mode refuses.
        (Box::new(|d| d["proof"]["type"] = json!("Ed25519Signature2020")), Status::Failed, "jsonld.data_loss"),
        (Box::new(|d| d["proof"]["type"] = json!("RsaSignature2018")), Status::Unknown, "proof.unsupported_type"),
        (Box::new(|d| d["proof"]["previousProof"] = json!("urn:x")), Status::Unknown, "proof.chain_unsupported"),
    ];
    for (mutate, status, code) in cases {
        let report = run(&edit(signed(), |d| mutate(d)));
        assert_eq!(check(&report, "proof"), (status, code), "{}", report.to_json());
        let want = if status == Status::Failed { Outcome::Invalid } else { Outcome::Indeterminate };
        assert_eq!(report.outcome, want, "{code}");
    }
}

#[test]
fn key_errors_have_their_codes() {
    let cases = [
        ("did:web:example.com#key-1", Status::Unknown, "key.unresolved"),
        ("did:example:123#key-1", Status::Unknown, "key.unsupported_method"),
        ("https://example.com/keys/1", Status::Unknown, "key.unresolved"),
        ("http://example.com/keys/1", Status::Unknown, "key.unsupported_method"),
        ("did:key:z6MkInvalid0", Status::Failed, "key.bad_encoding"),
        ("did:key:mAAAA", Status::Failed, "key.bad_encoding"),
        // A secp256k1 did:key (multicodec 0xe7): recognised, not supported.
        ("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme", Status::Unknown, "key.unsupported_type"),
    ];
    for (vm, status, code) in cases {
        let report = run(&edit(signed(), |d| d["proof"]["verificationMethod"] = json!(vm)));
        assert_eq!(check(&report, "key"), (status, code), "{vm}");
    }
    let did = issuer().did();
    let wrong_fragment = format!("{did}#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK");
    let report = run(&edit(signed(), |d| d["proof"]["verificationMethod"] = json!(wrong_fragment)));
    assert_eq!(check(&report, "key"), (Status::Failed, "key.not_found"));
}

#[test]
fn status_entries_are_never_reported_as_fine() {
    let i = issuer();
    let doc = i
        .sign_eddsa_jcs_2022(
            &edit(ob3(&i.did()), |d| {
                d["credentialStatus"] = json!({"type": "BitstringStatusListEntry", "statusPurpose": "revocation",
                    "statusListIndex": "1", "statusListCredential": "https://example.com/status/1"})
            }),
            "2024-01-01T00:00:00Z",
        )
        .unwrap();
    let report = run(&doc);
    assert_eq!(report.outcome, Outcome::Indeterminate);
    assert_eq!(check(&report, "status"), (Status::Unknown, "status.unreachable"));
}

#[test]
fn a_proof_set_reports_each_proof() {
    let a = issuer();
    let unsigned = ob3(&a.did());
    let one = a.sign_eddsa_jcs_2022(&unsigned, "2024-01-01T00:00:00Z").unwrap();
    let two = a.sign_eddsa_jcs_2022(&unsigned, "2024-02-01T00:00:00Z").unwrap();
    let doc = edit(unsigned, |d| d["proof"] = json!([one["proof"], two["proof"]]));
    let report = run(&doc);
    assert_eq!(report.outcome, Outcome::Verified, "{}", report.to_json());
    assert_eq!(check(&report, "proof[1]"), (Status::Passed, "proof.verified"));

    let broken = edit(doc, |d| d["proof"][1]["created"] = json!("2024-03-01T00:00:00Z"));
    let report = run(&broken);
    assert_eq!(check(&report, "proof"), (Status::Passed, "proof.verified"));
    assert_eq!(check(&report, "proof[1]"), (Status::Failed, "proof.signature_invalid"));
    assert_eq!(report.outcome, Outcome::Invalid);
}

#[test]
fn bad_input_is_an_invalid_report_with_a_code() {
    let deep = "[".repeat(MAX_JSON_DEPTH + 1) + &"]".repeat(MAX_JSON_DEPTH + 1);
    let huge = format!("{{\"a\":\"{}\"}}", "x".repeat(MAX_INPUT_BYTES));
    let cases: Vec<(Input<'_>, &str)> = vec![
        (Input::Text("not json"), "input.not_json"),
        (Input::Text(""), "input.not_json"),
        (Input::Text("[1,2]"), "input.not_object"),
        (Input::Text(r#"{"@context":1,"@context":2}"#), "input.duplicate_key"),
        (Input::Text(&deep), "input.too_deep"),
        (Input::Text(&huge), "input.too_large"),
        (Input::Bytes(&[0x89, b'P', b'N', b'G', 0xff, 0xfe]), "input.unsupported"),
        (Input::Json(json!("string")), "input.not_object"),
    ];
    for (input, code) in cases {
        let report = verify(input, &options());
        assert_eq!(report.outcome, Outcome::Invalid);
        assert_eq!(report.checks.len(), 1);
        assert_eq!(check(&report, "input"), (Status::Failed, code));
        assert!(report.credential.is_none());
    }
}

#[test]
fn the_report_json_has_the_public_shape() {
    let report = run(&signed());
    let v: Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(v["outcome"], "verified");
    assert_eq!(v["format"], "json-ld");
    assert_eq!(v["checks"][0], json!({"id": "input", "status": "passed", "code": "input.parsed", "message": "the input is a JSON document"}));
    assert_eq!(v["credential"]["types"], json!(["VerifiableCredential", "OpenBadgeCredential"]));
    assert_eq!(v["credential"]["validFrom"], "2024-01-01T00:00:00Z");
    assert_eq!(v["credential"]["achievement"]["criteria"]["narrative"], "Pass the exam.");
    let bad = verify(Input::Text("x"), &options());
    let v: Value = serde_json::from_str(&bad.to_json()).unwrap();
    assert_eq!(v["credential"], Value::Null);
    assert_eq!(v["format"], "unknown");
}
