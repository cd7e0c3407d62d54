//! Open Badges 3.0 semantics: required structure, clock skew, recipient check, endorsements,
//! CLR-wrapped credentials, schema and refresh reporting.

mod common;

use common::{check, issuer, ob3, options, signed, Mutation};
use serde_json::{json, Value};
use verified_badge::issue::Issuer;
use verified_badge::{verify, EmbeddedKind, Input, Outcome, Recipient, RecipientMatch, Report, Status, Timestamp};

fn sign(doc: &Value) -> Value {
    issuer().sign_eddsa_jcs_2022(doc, "2024-01-01T00:00:00Z").unwrap()
}

fn run(doc: &Value) -> Report {
    verify(Input::Json(doc.clone()), &options())
}

fn edited(f: impl FnOnce(&mut Value)) -> Value {
    let mut doc = ob3(&issuer().did());
    f(&mut doc);
    sign(&doc)
}

#[test]
fn a_complete_badge_is_conformant() {
    assert_eq!(check(&run(&signed()), "conformance"), (Status::Passed, "ob3.conformant"));
}

#[test]
fn missing_required_badge_fields_fail_conformance() {
    let cases: Vec<(Mutation, &str, &str)> = vec![
        (Box::new(|d| { d.as_object_mut().unwrap().remove("validFrom"); }), "ob3.missing_property", "validFrom"),
        (Box::new(|d| { d.as_object_mut().unwrap().remove("id"); }), "ob3.missing_property", "id"),
        (Box::new(|d| { d["credentialSubject"]["achievement"].as_object_mut().unwrap().remove("criteria"); }), "ob3.missing_property", "criteria"),
        (Box::new(|d| d["credentialSubject"]["achievement"]["criteria"] = json!({})), "ob3.missing_property", "criteria"),
        (Box::new(|d| { d["credentialSubject"]["achievement"].as_object_mut().unwrap().remove("description"); }), "ob3.missing_property", "description"),
        (Box::new(|d| d["credentialSubject"]["achievement"]["name"] = json!("")), "ob3.missing_property", "name"),
        (Box::new(|d| { d["credentialSubject"]["achievement"].as_object_mut().unwrap().remove("id"); }), "ob3.missing_property", "achievement.id"),
        (Box::new(|d| { d["credentialSubject"].as_object_mut().unwrap().remove("achievement"); }), "ob3.missing_property", "achievement"),
        (Box::new(|d| d["credentialSubject"]["achievement"]["type"] = json!(["Thing"])), "ob3.wrong_type", "Achievement"),
        (Box::new(|d| d["credentialSubject"]["type"] = json!("Person")), "ob3.wrong_type", "AchievementSubject"),
        (Box::new(|d| d["issuer"]["type"] = json!("Organization")), "ob3.wrong_type", "Profile"),
    ];
    let n = cases.len();
    for (mutate, code, mentions) in cases {
        let report = run(&edited(|d| mutate(d)));
        let c = report.check("conformance").unwrap();
        assert_eq!((c.status, c.code.as_ref()), (Status::Failed, code), "{mentions}");
        assert!(c.message.contains(mentions), "{}: {}", mentions, c.message);
        assert_eq!(report.outcome, Outcome::Invalid);
        // The signature is still good: the failure is the structure's.
        assert_eq!(check(&report, "proof"), (Status::Passed, "proof.verified"));
    }
    println!("conformance: {n} missing-field cases, all invalid");
}

#[test]
fn a_plain_vc_gets_no_badge_rules() {
    let doc = edited(|d| d["type"] = json!(["VerifiableCredential"]));
    let report = run(&doc);
    assert!(report.check("conformance").is_none());
    assert_eq!(report.outcome, Outcome::Verified);
}

#[test]
fn clock_skew_allows_a_few_minutes_either_way() {
    let doc = edited(|d| {
        d["validFrom"] = json!("2025-06-01T00:04:00Z");
        d["validUntil"] = json!("2025-06-02T00:00:00Z");
    });
    let at = |t: &str, skew: i64| {
        let mut o = options();
        o.now = Timestamp::parse(t).unwrap();
        o.clock_skew = skew;
        verify(Input::Json(doc.clone()), &o)
    };
    assert_eq!(check(&at("2025-06-01T00:00:00Z", 300), "validity"), (Status::Passed, "validity.current"));
    assert_eq!(check(&at("2025-06-01T00:00:00Z", 0), "validity"), (Status::Failed, "validity.not_yet_valid"));
    assert_eq!(check(&at("2025-06-01T23:59:00Z", 0), "validity"), (Status::Passed, "validity.current"));
    assert_eq!(check(&at("2025-06-02T00:04:59Z", 300), "validity"), (Status::Passed, "validity.current"));
    assert_eq!(check(&at("2025-06-02T00:05:01Z", 300), "validity"), (Status::Failed, "validity.expired"));
}

fn with_identifier(identifier: Value) -> Value {
    edited(|d| {
        d["credentialSubject"].as_object_mut().unwrap().remove("id");
        d["credentialSubject"]["identifier"] = identifier;
    })
}

#[test]
fn recipient_check_matches_the_spec_example_hash() {
    // OB 3.0 IdentityHash example: sha256("a@example.com" + "Kosher").
    let doc = with_identifier(json!([{"type": "IdentityObject", "identityType": "emailAddress", "hashed": true,
        "salt": "Kosher", "identityHash": "sha256$B5809D8A92F8858436D7E6B87C12EBC0AE1EAC4BAECC2C0B913AEE2C922EF399"}]));
    let m = |spec: &str| verified_badge::credential::recipient::check(doc.as_object().unwrap(), &Recipient::parse(spec).unwrap());
    assert_eq!(m("email:a@example.com"), RecipientMatch::Match);
    assert_eq!(m("email:A@Example.com"), RecipientMatch::Match);
    assert_eq!(m("email:b@example.com"), RecipientMatch::NoMatch);
    assert_eq!(m("url:https://a.example.com"), RecipientMatch::NoIdentifier);

    let mut o = options();
    o.recipient = Recipient::parse("email:a@example.com");
    let report = verify(Input::Json(doc.clone()), &o);
    assert_eq!(check(&report, "recipient"), (Status::Passed, "recipient.match"));
    assert_eq!(report.outcome, Outcome::Verified);
    o.recipient = Recipient::parse("email:mallory@example.com");
    let report = verify(Input::Json(doc), &o);
    assert_eq!(check(&report, "recipient"), (Status::Failed, "recipient.mismatch"));
    assert_eq!(report.outcome, Outcome::Invalid);
}

#[test]
fn recipient_check_handles_md5_plain_and_unknown_hashes() {
    // md5("alice@example.org" + "pepper"), computed independently (Python hashlib).
    let doc = with_identifier(json!({"type": "IdentityObject", "identityType": "emailAddress", "hashed": true,
        "salt": "pepper", "identityHash": "md5$d8f6b2a7d7c9fd66a044603aa849ddbd"}));
    let m = |d: &Value, spec: &str| verified_badge::credential::recipient::check(d.as_object().unwrap(), &Recipient::parse(spec).unwrap());
    assert_eq!(m(&doc, "email:alice@example.org"), RecipientMatch::Match);
    assert_eq!(m(&doc, "email:alice@example.com"), RecipientMatch::NoMatch);

    let plain = with_identifier(json!({"type": "IdentityObject", "identityType": "name", "hashed": false, "identityHash": "Parker Pearl"}));
    assert_eq!(m(&plain, "name:Parker Pearl"), RecipientMatch::Match);
    assert_eq!(m(&plain, "name:parker pearl"), RecipientMatch::NoMatch);

    let odd = with_identifier(json!({"type": "IdentityObject", "identityType": "emailAddress", "hashed": true, "identityHash": "sha1$abcd"}));
    assert_eq!(m(&odd, "email:a@example.com"), RecipientMatch::UnsupportedHash);
    assert!(Recipient::parse("email:").is_none());
    assert!(Recipient::parse("nothing").is_none());
}

fn endorsement(by: &Issuer, claim: &str) -> Value {
    by.sign_eddsa_jcs_2022(
        &json!({
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "id": "urn:uuid:8e7f0d4a-0000-4000-8000-000000000001",
            "type": ["VerifiableCredential", "EndorsementCredential"],
            "issuer": {"id": by.did(), "type": ["Profile"], "name": "Endorser"},
            "validFrom": "2024-01-01T00:00:00Z",
            "name": "Endorsement",
            "credentialSubject": {"id": "https://example.edu/achievements/rust", "type": ["EndorsementSubject"], "endorsementComment": claim}
        }),
        "2024-01-01T00:00:00Z",
    )
    .unwrap()
}

#[test]
fn endorsements_are_verified_on_their_own() {
    let endorser = Issuer::from_seed(&[5; 32]);
    let good = endorsement(&endorser, "Solid program.");
    let mut forged = endorsement(&endorser, "Solid program.");
    forged["credentialSubject"]["endorsementComment"] = json!("Best program on Earth.");
    let doc = edited(|d| {
        d["credentialSubject"]["achievement"]["endorsement"] = json!([good, forged]);
        d["endorsementJwt"] = json!(["eyJhbGciOiJFZERTQSJ9.e30.sig"]);
    });
    let report = run(&doc);
    // The badge itself verifies; each endorsement has its own outcome.
    assert_eq!(report.outcome, Outcome::Verified, "{}", report.to_json());
    let e: Vec<_> = report.embedded.iter().map(|e| (e.kind, e.path.as_str(), e.report.outcome)).collect();
    assert_eq!(
        e,
        vec![
            (EmbeddedKind::Endorsement, "endorsementJwt[0]", Outcome::Invalid),
            (EmbeddedKind::Endorsement, "credentialSubject.achievement.endorsement[0]", Outcome::Verified),
            (EmbeddedKind::Endorsement, "credentialSubject.achievement.endorsement[1]", Outcome::Invalid),
        ]
    );
    // The JWT endorsement is signed but carries no credential.
    assert_eq!(check(&report.embedded[0].report, "jwt"), (Status::Failed, "jwt.no_credential"));
    let v: Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(v["embedded"][1]["kind"], "endorsement");
    assert_eq!(v["embedded"][1]["outcome"], "verified");
    assert_eq!(v["embedded"][1]["credential"]["issuer"]["name"], "Endorser");
}

#[test]
fn nesting_is_bounded() {
    // An endorsement that embeds an endorsement that embeds one more: the third level is not followed.
    let e = Issuer::from_seed(&[5; 32]);
    let mut inner = endorsement(&e, "inner");
    inner.as_object_mut().unwrap().remove("proof");
    inner["endorsement"] = json!([endorsement(&e, "innermost")]);
    let mid = e.sign_eddsa_jcs_2022(&inner, "2024-01-01T00:00:00Z").unwrap();
    let mut outer = endorsement(&e, "outer");
    outer.as_object_mut().unwrap().remove("proof");
    outer["endorsement"] = json!([mid]);
    let outer = e.sign_eddsa_jcs_2022(&outer, "2024-01-01T00:00:00Z").unwrap();
    let doc = edited(|d| d["endorsement"] = json!([outer]));
    let report = run(&doc);
    assert_eq!(report.embedded.len(), 1);
    assert_eq!(report.embedded[0].report.embedded.len(), 1);
    assert!(report.embedded[0].report.embedded[0].report.embedded.is_empty());
}

#[test]
fn clr_wrapped_credentials_are_each_reported() {
    let inner = signed();
    let mut tampered = signed();
    tampered["name"] = json!("Changed");
    let i = issuer();
    let clr = i
        .sign_eddsa_jcs_2022(
            &json!({
                "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
                "id": "urn:uuid:c1e0-0000-4000-8000-000000000002",
                "type": ["VerifiableCredential", "ClrCredential"],
                "issuer": {"id": i.did(), "type": ["Profile"], "name": "Test Academy"},
                "validFrom": "2024-01-01T00:00:00Z",
                "name": "Transcript",
                "credentialSubject": {"id": "did:example:learner", "type": ["ClrSubject"], "verifiableCredential": [inner, tampered]}
            }),
            "2024-01-01T00:00:00Z",
        )
        .unwrap();
    let report = run(&clr);
    assert_eq!(report.outcome, Outcome::Verified);
    let got: Vec<_> = report.embedded.iter().map(|e| (e.kind, e.report.outcome)).collect();
    assert_eq!(got, vec![(EmbeddedKind::Achievement, Outcome::Verified), (EmbeddedKind::Achievement, Outcome::Invalid)]);
}

#[test]
fn schema_and_refresh_are_reported_not_followed() {
    let doc = edited(|d| {
        d["credentialSchema"] = json!([{"id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json", "type": "1EdTechJsonSchemaValidator2019"}]);
        d["refreshService"] = json!({"id": "https://example.edu/refresh/1", "type": "1EdTechCredentialRefresh"});
    });
    let report = run(&doc);
    assert_eq!(check(&report, "schema"), (Status::Skipped, "schema.not_checked"));
    assert_eq!(check(&report, "refresh"), (Status::Skipped, "refresh.not_followed"));
    assert_eq!(report.outcome, Outcome::Verified);
}
