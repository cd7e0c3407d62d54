//! 1EdTech's public validator samples (`../shared/vectors/1edtech-validator`, see its README):
//! OB 3.0 credentials with keys at HTTPS issuer URLs (handed over as controller documents, as
//! a host would fetch them — never taken from the fragment), a Bitstring status list, an
//! endorsement, RS256 JWTs baked in images, and the validator's error cases.

mod common;

use common::{check, read, vectors};
use serde_json::json;
use verified_badge::{verify, Input, Outcome, Report, Status, Timestamp, VerifyOptions};

const KEY: &str = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";

/// `keys` published at the issuer's URL as a controller document.
fn controller(issuer: &str, keys: &[&str]) -> String {
    let vms: Vec<_> = keys
        .iter()
        .map(|k| json!({"id": format!("{issuer}#{k}"), "type": "Multikey", "controller": issuer, "publicKeyMultibase": k}))
        .collect();
    let ids: Vec<_> = keys.iter().map(|k| format!("{issuer}#{k}")).collect();
    json!({"id": issuer, "verificationMethod": vms, "assertionMethod": ids}).to_string()
}

fn options() -> VerifyOptions {
    VerifyOptions::new(Timestamp::parse("2026-06-01T00:00:00Z").unwrap())
        // The baked samples were signed with a second key of the same issuer.
        .with_document("https://example.com/issuers/876543", controller("https://example.com/issuers/876543", &[KEY, "z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x"]))
        .with_document("https://1edtech.edu/issuers/565049", controller("https://1edtech.edu/issuers/565049", &[KEY]))
        .with_document("https://example.edu/issuers/565049", controller("https://example.edu/issuers/565049", &[KEY]))
        .with_document("https://state.gov/issuers/565049", controller("https://state.gov/issuers/565049", &["z6MkoMGF38Ck9xkdqrbZt4h9eHb1qc3GhAAkoSWa4Vy3SHRN"]))
}

fn run(dir: &std::path::Path, file: &str, opts: &VerifyOptions) -> Report {
    let bytes = std::fs::read(dir.join(file)).unwrap();
    verify(Input::Bytes(&bytes), opts)
}

#[test]
fn the_valid_samples_verify_once_the_issuer_key_is_published() {
    let Some(dir) = vectors("1edtech-validator/inspector-vc/src/test/resources/ob30") else { return };
    for file in ["simple.json", "simple.1ob", "simple-context-alias.json", "simple-json.png", "simple-json.svg"] {
        let report = run(&dir, file, &options());
        assert_eq!(report.outcome, Outcome::Verified, "{file}: {}", report.to_json());
        // Offline with nothing published: the key is unknown, never read from the fragment.
        let report = run(&dir, file, &VerifyOptions::new(options().now));
        assert_eq!(check(&report, "key"), (Status::Unknown, "key.unresolved"), "{file}");
    }
    // The endorsement sample, by another issuer.
    assert_eq!(run(&dir, "endorsement-valid.json", &options()).outcome, Outcome::Verified);
}

#[test]
fn the_bitstring_status_list_sample_says_revoked() {
    let Some(dir) = vectors("1edtech-validator/inspector-vc/src/test/resources/ob30") else { return };
    let list = "https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist";
    let opts = options().with_document(list, read(&dir.join("bit-string-list/testlist")));
    for file in ["bit-string-list/credential-status-revoked.json", "bit-string-list/credential-status-revoked-blank-nodes.json"] {
        let report = run(&dir, file, &opts);
        assert_eq!(check(&report, "status"), (Status::Failed, "status.revoked"), "{file}: {}", report.to_json());
        assert_eq!(check(&report, "proof"), (Status::Passed, "proof.verified"));
        assert_eq!(report.outcome, Outcome::Invalid);
    }
    // The list alone is a valid, verified status list credential.
    assert_eq!(run(&dir, "bit-string-list/testlist", &options()).outcome, Outcome::Verified);
}

#[test]
fn rs256_jwts_baked_in_images_verify_their_signature_but_the_key_is_self_asserted() {
    let Some(dir) = vectors("1edtech-validator/inspector-vc/src/test/resources/ob30") else { return };
    for file in ["simple-jwt.png", "simple-jwt.svg", "simple-jwt_v1.png", "simple-jwt_v1.svg"] {
        let report = run(&dir, file, &options());
        assert_eq!(check(&report, "proof"), (Status::Passed, "proof.verified"), "{file}: {}", report.to_json());
        assert_eq!(check(&report, "issuer"), (Status::Unknown, "issuer.self_asserted_key"), "{file}");
        assert_eq!(report.outcome, Outcome::Indeterminate, "{file}");
    }
}

#[test]
fn the_error_samples_are_never_verified() {
    let Some(dir) = vectors("1edtech-validator/inspector-vc/src/test/resources/ob30") else { return };
    let expect = [
        ("simple-err-expired.json", "validity.expired"),
        ("simple-err-issued.json", "validity.not_yet_valid"),
        ("simple-err-proof-value.json", "proof."),
        ("simple-err-context.json", "credential.not_vc"),
        // `OtherCredential` is defined by no context: JSON-LD safe mode refuses it.
        ("simple-err-type.json", "jsonld.data_loss"),
        ("simple-err-issuer.json", "credential.missing_issuer"),
        ("simple-noproof.json", "proof.missing"),
    ];
    for (file, code) in expect {
        let report = run(&dir, file, &options());
        // "proof." : garbage in proofValue fails as a bad encoding or a bad signature.
        let hit = |c: &verified_badge::Check| if code.ends_with('.') { c.code.starts_with(code) } else { c.code == code };
        assert!(report.checks.iter().any(|c| hit(c) && c.status == Status::Failed), "{file}: {}", report.to_json());
        assert_eq!(report.outcome, Outcome::Invalid, "{file}");
    }
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("simple-err-") {
            let report = run(&dir, &name, &options());
            assert_ne!(report.outcome, Outcome::Verified, "{name}: {}", report.to_json());
            n += 1;
        }
    }
    println!("1edtech-validator: {n} error samples, none verified");
    assert!(n >= 15);
}
