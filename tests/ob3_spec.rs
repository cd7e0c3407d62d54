//! Open Badges 3.0 / CLR 2.0 spec vectors (`../shared/vectors/ob3-spec`): the `eddsa-rdfc-2022`
//! signatures verify once the issuer's key is published at its URL (handed over as a
//! controller document, as a host would fetch it); offline without it the key is unknown —
//! never taken from the verification method's fragment. CLR 2.0's context comes from the
//! vectors, since no package registry publishes it.

mod common;

use common::{check, read, vectors};
use verified_badge::{verify, Input, Outcome, Status, Timestamp, VerifyOptions};

fn options() -> VerifyOptions {
    VerifyOptions::new(Timestamp::parse("2025-01-01T00:00:00Z").unwrap())
}

const ISSUER: &str = "https://example.edu/issuers/565049";
const KEY: &str = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";

/// The issuer's key published at its URL as a controller document.
fn issuer_document() -> String {
    let vm = format!("{ISSUER}#{KEY}");
    serde_json::json!({
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": ISSUER,
        "verificationMethod": [{"id": vm, "type": "Multikey", "controller": ISSUER, "publicKeyMultibase": KEY}],
        "assertionMethod": [vm]
    })
    .to_string()
}

#[test]
fn ob3_spec_credential_verifies_with_the_published_key() {
    let Some(dir) = vectors("ob3-spec/extracted") else { return };
    let text = read(&dir.join("obv3p0-signed.json"));
    // Offline, nothing resolves the key: unknown, not verified.
    let report = verify(Input::Text(&text), &options());
    assert_eq!(check(&report, "key"), (Status::Unknown, "key.unresolved"));
    assert_eq!(report.outcome, Outcome::Indeterminate);

    let report = verify(Input::Text(&text), &options().with_document(ISSUER, issuer_document()));
    assert_eq!(check(&report, "context"), (Status::Passed, "context.known"));
    assert_eq!(check(&report, "proof"), (Status::Passed, "proof.verified"), "{}", report.to_json());
    assert_eq!(check(&report, "issuer"), (Status::Passed, "issuer.bound"));
    assert_eq!(check(&report, "conformance"), (Status::Passed, "ob3.conformant"));
    assert_eq!(report.outcome, Outcome::Verified);
    let summary = report.credential.unwrap();
    assert_eq!(summary.issuer.and_then(|i| i.name).as_deref(), Some("Example Corp"));

    // The spec's own canonical forms.
    let signed = verified_badge::input::parse_json(&text).unwrap();
    let signed = signed.as_object().unwrap();
    let doc: serde_json::Map<_, _> = signed.iter().filter(|(k, _)| *k != "proof").map(|(k, v)| (k.clone(), v.clone())).collect();
    let canon = verified_badge::proof::linked_data::canonical_nquads(&doc, &Default::default()).unwrap();
    let expected = read(&dir.join("../ob_v3p0/impl/test-vectors/obv3p0/document-canon.txt"));
    assert_eq!(canon.trim_end(), expected.trim_end());
    let proof = signed["proof"].as_object().unwrap();
    let config = verified_badge::proof::linked_data::proof_config(signed, proof);
    let canon = verified_badge::proof::linked_data::canonical_nquads(&config, &Default::default()).unwrap();
    let expected = read(&dir.join("../ob_v3p0/impl/test-vectors/obv3p0/proof-canon.txt"));
    assert_eq!(canon.trim_end(), expected.trim_end());
}

#[test]
fn clr_context_comes_from_documents() {
    let Some(dir) = vectors("ob3-spec/extracted") else { return };
    let Some(ctx) = vectors("1edtech-validator/inspector-vc/src/main/resources/contexts") else { return };
    let clr = read(&dir.join("clrv2p0-signed.json"));
    let report = verify(Input::Text(&clr), &options());
    assert_eq!(check(&report, "context"), (Status::Unknown, "context.unknown"));
    assert!(report.check("context").unwrap().message.contains("clr/v2p0/context-2.0.1.json"));

    let with = options()
        .with_document("https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json", read(&ctx.join("clr-v2p0-2.0.1.json")))
        .with_document(ISSUER, issuer_document());
    let report = verify(Input::Text(&clr), &with);
    assert_eq!(check(&report, "context"), (Status::Passed, "context.known"));
    assert_eq!(check(&report, "proof"), (Status::Passed, "proof.verified"), "{}", report.to_json());
    // The CLR wraps one achievement credential, reported on its own.
    assert_eq!(report.embedded.len(), 1);
}

#[test]
fn every_spec_example_gives_a_report_without_panicking() {
    let Some(dir) = vectors("ob3-spec/extracted/examples") else { return };
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|f| f == "index.json") {
            continue;
        }
        let report = verify(Input::Text(&read(&path)), &options());
        // None of the spec's examples carries a proof: none may come out verified.
        assert_ne!(report.outcome, Outcome::Verified, "{}", path.display());
        n += 1;
    }
    println!("ob3-spec examples: {n} reports, none verified");
    assert!(n >= 20);
}
