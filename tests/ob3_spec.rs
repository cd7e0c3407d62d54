//! Open Badges 3.0 / CLR 2.0 spec vectors (`../shared/vectors/ob3-spec`) as far as this
//! version goes: their contexts are known (CLR 2.0 handed over from the vectors, since no
//! package registry publishes it) and their `eddsa-rdfc-2022` proofs are reported as not
//! checkable yet — `indeterminate`, never `verified`.

mod common;

use common::{check, read, vectors};
use verified_badge::{verify, Input, Outcome, Status, Timestamp, VerifyOptions};

fn options() -> VerifyOptions {
    VerifyOptions::new(Timestamp::parse("2025-01-01T00:00:00Z").unwrap())
}

#[test]
fn ob3_spec_credential_is_indeterminate_until_rdfc_is_supported() {
    let Some(dir) = vectors("ob3-spec/extracted") else { return };
    let report = verify(Input::Text(&read(&dir.join("obv3p0-signed.json"))), &options());
    assert_eq!(check(&report, "context"), (Status::Passed, "context.known"));
    assert_eq!(check(&report, "credential"), (Status::Passed, "credential.well_formed"));
    assert_eq!(check(&report, "proof"), (Status::Unknown, "proof.unsupported_suite"));
    assert_eq!(report.outcome, Outcome::Indeterminate);
    let summary = report.credential.unwrap();
    assert_eq!(summary.issuer.and_then(|i| i.name).as_deref(), Some("Example Corp"));
}

#[test]
fn clr_context_comes_from_documents() {
    let Some(dir) = vectors("ob3-spec/extracted") else { return };
    let Some(ctx) = vectors("1edtech-validator/inspector-vc/src/main/resources/contexts") else { return };
    let clr = read(&dir.join("clrv2p0-signed.json"));
    let report = verify(Input::Text(&clr), &options());
    assert_eq!(check(&report, "context"), (Status::Unknown, "context.unknown"));
    assert!(report.check("context").unwrap().message.contains("clr/v2p0/context-2.0.1.json"));

    let with = options().with_document("https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json", read(&ctx.join("clr-v2p0-2.0.1.json")));
    let report = verify(Input::Text(&clr), &with);
    assert_eq!(check(&report, "context"), (Status::Passed, "context.known"));
    assert_eq!(report.outcome, Outcome::Indeterminate);
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
