//! The Digital Credentials Consortium fixtures (`../shared/vectors/dcc-fixtures`): every
//! credential against the verdict its README derives from its name and data. DID documents
//! and status lists are handed over as documents, as a host would after fetching them.

mod common;

use std::collections::BTreeMap;

use common::{read, vectors};
use verified_badge::{verify, Input, Outcome, Report, Status, Timestamp, VerifyOptions};

fn documents(root: &std::path::Path) -> BTreeMap<String, String> {
    let gh = "https://digitalcredentials.github.io/vc-test-fixtures";
    let lists = root.join("statusLists/didkey-ed25519Signature2020");
    let mut docs = BTreeMap::new();
    for name in ["e5WK8CbZ1GjycuPombrj", "expired", "missingBitStringType", "notYetValid", "tampered"] {
        docs.insert(format!("{gh}/statusLists/didkey-ed25519Signature2020/{name}"), read(&lists.join(name)));
    }
    docs.insert(
        "https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj".into(),
        read(&lists.join("e5WK8CbZ1GjycuPombrj")),
    );
    for did in ["legacy", "oidf"] {
        docs.insert(format!("{gh}/dids/{did}/did.json"), read(&root.join(format!("dids/{did}/did.json"))));
    }
    docs
}

fn has(report: &Report, code: &str) -> bool {
    report.checks.iter().any(|c| c.code == code)
}

/// The rows of the README's verdict table: (file, validity column, verdict text).
fn rows(readme: &str) -> Vec<(String, String, String)> {
    readme
        .lines()
        .filter(|l| l.starts_with("| `v"))
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let file = cells.get(1)?.trim_matches('`').to_owned();
            let dates = (*cells.get(5)?).to_owned();
            let verdict = (*cells.get(7)?).to_owned();
            Some((file, dates, verdict))
        })
        .collect()
}

#[test]
fn every_fixture_gets_its_expected_verdict() {
    let Some(root) = vectors("dcc-fixtures") else { return };
    let mut options = VerifyOptions::new(Timestamp::parse("2026-06-01T00:00:00Z").unwrap());
    options.documents = documents(&root);
    let table = rows(&read(&root.join("README.md")));
    assert!(table.len() >= 80, "README table has {} rows", table.len());
    let mut failures = Vec::new();
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    for (file, dates, verdict) in &table {
        let bytes = std::fs::read(root.join("verifiableCredentials").join(file)).unwrap();
        let report = verify(Input::Bytes(&bytes), &options);
        let v = verdict.as_str();
        // Expired by its dates (the column "validFrom → validUntil"), whatever the name says.
        let until = dates.split('→').nth(1).map(str::trim).and_then(|t| Timestamp::parse(t).ok());
        let expired = until.is_some_and(|t| t < options.now);
        let ok = if v.contains("empty") {
            has(&report, "input.not_json")
        } else if v.starts_with("status check error") {
            report.outcome == Outcome::Invalid && (has(&report, "status.list_invalid") || has(&report, "status.list_wrong_type"))
        } else if v.starts_with("**signature invalid**") {
            report.outcome == Outcome::Invalid && has(&report, "proof.signature_invalid")
        } else if v.starts_with("**DID unresolvable**") {
            // Offline, an unresolvable DID is unknown — never a key taken from the fragment.
            report.outcome == Outcome::Indeterminate && has(&report, "key.unresolved")
        } else if v.contains("fails the VC 2.0 / OB schema") {
            report.outcome == Outcome::Invalid && has(&report, "ob3.missing_property")
        } else if v.contains("revoked") || v.contains("bit not set") {
            // DCC's status lists are signed by DCC's own did:key, not by the credentials'
            // issuers: a list by someone else cannot speak for the issuer, so the status is
            // unknown whatever its bit says (and the lists are also shorter than the specs'
            // 131,072 entries). Never "verified"; "invalid" only for another reason.
            let want = if expired { Outcome::Invalid } else { Outcome::Indeterminate };
            report.outcome == want && has(&report, "status.issuer_mismatch") && (!expired || has(&report, "validity.expired"))
        } else if v.starts_with("expired") {
            report.outcome == Outcome::Invalid && has(&report, "validity.expired")
        } else if v.starts_with("not yet valid") {
            report.outcome == Outcome::Invalid && has(&report, "validity.not_yet_valid")
        } else if v.starts_with("**valid**") {
            report.outcome == Outcome::Verified
        } else {
            false
        };
        *tally.entry(if ok { "as expected" } else { "NOT as expected" }).or_default() += 1;
        if !ok {
            let problems: Vec<String> = report.checks.iter().filter(|c| c.status != Status::Passed && c.status != Status::Skipped).map(|c| format!("{}={}", c.id, c.code)).collect();
            failures.push(format!("{file}: expected {v}, got {} {problems:?}", report.outcome.as_str()));
        }
    }
    println!("dcc-fixtures: {tally:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_did_web_that_does_not_exist_fails() {
    let Some(root) = vectors("dcc-fixtures") else { return };
    let bad = read(&root.join("verifiableCredentials/v2/ed25519/didWeb/badDidWeb.json"));
    let mut options = VerifyOptions::new(Timestamp::parse("2026-06-01T00:00:00Z").unwrap());
    // The host fetched it and the server said 404.
    options.absent.insert("https://digitalcredentials.github.io/dcc-did-web-bad/did.json".into());
    let report = verify(Input::Text(&bad), &options);
    assert!(has(&report, "key.not_found"), "{}", report.to_json());
    assert_eq!(report.outcome, Outcome::Invalid);
}

#[test]
fn the_tampered_credential_and_status_list_fail() {
    let Some(root) = vectors("dcc-fixtures") else { return };
    let mut options = VerifyOptions::new(Timestamp::parse("2026-06-01T00:00:00Z").unwrap());
    options.documents = documents(&root);
    let tampered = read(&root.join("verifiableCredentials/v2/ed25519/didKey/legacy-noStatus-noExpiry-tampered.json"));
    let report = verify(Input::Text(&tampered), &options);
    assert!(report.checks.iter().any(|c| c.code == "proof.signature_invalid"));
    assert_eq!(report.outcome, Outcome::Invalid);
    let list = read(&root.join("statusLists/didkey-ed25519Signature2020/tampered"));
    let report = verify(Input::Text(&list), &options);
    assert!(report.checks.iter().any(|c| c.code == "proof.signature_invalid"), "{}", report.to_json());
}
