//! Status lists generated here: each case's outcome and the code of its status check.

mod common;

use common::{
    check, issuer, options, status_entry as entry, status_list_credential as list_credential,
    verify_with_list as run, with_status as credential, STATUS_LIST,
};
use serde_json::{json, Value};
use verified_badge::issue::{encode_status_list, Issuer};
use verified_badge::limits::{MAX_STATUS_LIST_BYTES, MIN_STATUS_LIST_BITS};
use verified_badge::{documents_needed, verify, Input, Outcome, Status};

const LIST: &str = STATUS_LIST;
const BITS: usize = MIN_STATUS_LIST_BITS;

fn bits_with(set: &[usize]) -> Vec<u8> {
    let mut bits = vec![0u8; BITS / 8];
    for &i in set {
        bits[i / 8] |= 0x80 >> (i % 8);
    }
    bits
}

#[test]
fn revocation_bits_are_read_at_the_index() {
    let list = list_credential(&issuer(), json!("revocation"), &bits_with(&[0, 42, BITS - 1]), |_| {});
    for (index, want_status, want_code, outcome) in [
        (json!("42"), Status::Failed, "status.revoked", Outcome::Invalid),
        (json!("41"), Status::Passed, "status.active", Outcome::Verified),
        (json!(43), Status::Passed, "status.active", Outcome::Verified),
        (json!("0"), Status::Failed, "status.revoked", Outcome::Invalid),
        (json!((BITS - 1).to_string()), Status::Failed, "status.revoked", Outcome::Invalid),
        (json!(BITS.to_string()), Status::Failed, "status.index_out_of_range", Outcome::Invalid),
        (json!("-1"), Status::Failed, "status.malformed_entry", Outcome::Invalid),
        (json!("4x"), Status::Failed, "status.malformed_entry", Outcome::Invalid),
    ] {
        let report = run(&credential(entry("revocation", index.clone())), Some(list.clone()));
        assert_eq!(check(&report, "status"), (want_status, want_code), "index {index}");
        assert_eq!(report.outcome, outcome, "index {index}");
    }
}

#[test]
fn suspension_and_multiple_entries_are_each_reported() {
    let i = issuer();
    let list = list_credential(&i, json!(["revocation", "suspension"]), &bits_with(&[7]), |_| {});
    let doc = credential(json!([entry("revocation", json!("6")), entry("suspension", json!("7"))]));
    let report = run(&doc, Some(list));
    assert_eq!(check(&report, "status"), (Status::Passed, "status.active"));
    assert_eq!(check(&report, "status[1]"), (Status::Failed, "status.suspended"));
    assert_eq!(report.outcome, Outcome::Invalid);
}

#[test]
fn message_entries_report_their_message() {
    let list = list_credential(&issuer(), json!("message"), &bits_with(&[2 * 5 + 1]), |_| {});
    let mut e = entry("message", json!("5"));
    e["statusSize"] = json!(2);
    e["statusMessage"] = json!([{"status": "0x0", "message": "pending"}, {"status": "0x1", "message": "accepted"}]);
    let report = run(&credential(e.clone()), Some(list));
    assert_eq!(check(&report, "status"), (Status::Passed, "status.active"));
    assert!(report.check("status").unwrap().message.contains("accepted"));

    let mut no_messages = e;
    no_messages.as_object_mut().unwrap().remove("statusMessage");
    assert_eq!(check(&run(&credential(no_messages), None), "status"), (Status::Failed, "status.malformed_entry"));
}

#[test]
fn a_missing_list_is_unknown_never_fine() {
    let doc = credential(entry("revocation", json!("1")));
    let report = run(&doc, None);
    assert_eq!(check(&report, "status"), (Status::Unknown, "status.unreachable"));
    assert_eq!(report.outcome, Outcome::Indeterminate);

    // Offline, nothing is asked for; online, the host is told what to fetch.
    assert!(documents_needed(Input::Json(doc.clone()), &options()).is_empty());
    let mut online = options();
    online.network = true;
    assert_eq!(documents_needed(Input::Json(doc.clone()), &online), vec![LIST.to_owned()]);

    // A failed fetch keeps its reason in the message.
    online.failures.insert(LIST.into(), "blocked by CORS".into());
    assert!(documents_needed(Input::Json(doc.clone()), &online).is_empty());
    let report = verify(Input::Json(doc), &online);
    assert_eq!(check(&report, "status"), (Status::Unknown, "status.unreachable"));
    assert!(report.check("status").unwrap().message.contains("blocked by CORS"));
}

#[test]
fn the_list_itself_must_verify_and_match() {
    let i = issuer();
    let doc = credential(entry("revocation", json!("3")));
    let clean = bits_with(&[]);
    let cases: Vec<(String, Status, &str)> = vec![
        // Tampered after signing: its encodedList now says "revoked".
        (
            {
                let mut l: Value = serde_json::from_str(&list_credential(&i, json!("revocation"), &clean, |_| {})).unwrap();
                l["credentialSubject"]["encodedList"] = json!(encode_status_list(&bits_with(&[3])));
                l.to_string()
            },
            Status::Failed,
            "status.list_invalid",
        ),
        (list_credential(&i, json!("revocation"), &clean, |l| l["validUntil"] = json!("2025-01-01T00:00:00Z")), Status::Failed, "status.list_invalid"),
        (list_credential(&i, json!("suspension"), &clean, |_| {}), Status::Failed, "status.purpose_mismatch"),
        (list_credential(&Issuer::from_seed(&[3; 32]), json!("revocation"), &clean, |_| {}), Status::Unknown, "status.issuer_mismatch"),
        (list_credential(&i, json!("revocation"), &clean, |l| l["type"] = json!(["VerifiableCredential"])), Status::Failed, "status.list_wrong_type"),
        (list_credential(&i, json!("revocation"), &clean, |l| l["credentialSubject"]["type"] = json!("StatusList2021")), Status::Failed, "status.list_wrong_type"),
        (list_credential(&i, json!("revocation"), &bits_with(&[])[..BITS / 16], |_| {}), Status::Unknown, "status.list_too_short"),
        (list_credential(&i, json!("revocation"), &clean, |l| l["credentialSubject"]["encodedList"] = json!("u!!!")), Status::Failed, "status.bad_encoding"),
        (list_credential(&i, json!("revocation"), &clean, |l| l["credentialSubject"]["encodedList"] = json!("H4sIAAAA")), Status::Failed, "status.bad_encoding"),
        (list_credential(&i, json!("revocation"), &clean, |l| l["@context"] = json!(["https://www.w3.org/ns/credentials/v2", "https://example.com/unknown"])), Status::Unknown, "status.list_unverifiable"),
        ("not json".to_owned(), Status::Failed, "status.list_invalid"),
    ];
    for (list, status, code) in cases {
        let report = run(&doc, Some(list));
        assert_eq!(check(&report, "status"), (status, code), "{}", report.to_json());
        assert_ne!(report.outcome, Outcome::Verified);
    }
}

#[test]
fn a_short_list_still_reports_a_revocation() {
    let short = {
        let mut b = bits_with(&[3]);
        b.truncate(BITS / 16);
        b
    };
    let list = list_credential(&issuer(), json!("revocation"), &short, |_| {});
    let report = run(&credential(entry("revocation", json!("3"))), Some(list.clone()));
    assert_eq!(check(&report, "status"), (Status::Failed, "status.revoked"));
    let report = run(&credential(entry("revocation", json!("4"))), Some(list));
    assert_eq!(check(&report, "status"), (Status::Unknown, "status.list_too_short"));
    assert_eq!(report.outcome, Outcome::Indeterminate);
}

#[test]
fn a_gzip_bomb_is_an_error_not_a_hang() {
    // Twice the cap of zeros deflates to a few KiB; inflation stops at the cap.
    let bomb = vec![0u8; MAX_STATUS_LIST_BYTES * 2];
    let list = list_credential(&issuer(), json!("revocation"), &bomb, |_| {});
    let report = run(&credential(entry("revocation", json!("3"))), Some(list));
    assert_eq!(check(&report, "status"), (Status::Failed, "status.list_too_large"));
}

#[test]
fn status_list_2021_uses_bare_base64url() {
    let i = issuer();
    let mut list: Value = serde_json::from_str(&list_credential(&i, json!("revocation"), &bits_with(&[9]), |_| {})).unwrap();
    list.as_object_mut().unwrap().remove("proof");
    list["type"] = json!(["VerifiableCredential", "StatusList2021Credential"]);
    list["credentialSubject"]["type"] = json!("StatusList2021");
    let encoded = list["credentialSubject"]["encodedList"].as_str().unwrap()[1..].to_owned();
    list["credentialSubject"]["encodedList"] = json!(encoded);
    list["@context"] = json!(["https://www.w3.org/ns/credentials/v2", "https://w3id.org/vc/status-list/2021/v1"]);
    let list = i.sign_eddsa_jcs_2022(&list, "2024-01-01T00:00:00Z").unwrap().to_string();
    let mut e = entry("revocation", json!("9"));
    e["type"] = json!("StatusList2021Entry");
    let report = run(&credential(e), Some(list));
    assert_eq!(check(&report, "status"), (Status::Failed, "status.revoked"), "{}", report.to_json());
}

#[test]
fn onedtech_revocation_lists_name_revoked_credentials() {
    let url = "https://example.edu/revocations/1";
    let doc = credential(json!({"id": url, "type": "1EdTechRevocationList"}));
    let id = doc["id"].as_str().unwrap().to_owned();
    let with = |list: Value| verify(Input::Json(doc.clone()), &options().with_document(url, list.to_string()));
    let i = issuer().did();
    let report = with(json!({"id": url, "issuer": i, "revokedCredentials": [{"id": "urn:other"}]}));
    assert_eq!(check(&report, "status"), (Status::Passed, "status.active"));
    assert_eq!(report.outcome, Outcome::Verified);
    let report = with(json!({"id": url, "issuer": i, "revokedCredentials": [{"id": id, "revocationReason": "Issued in error"}]}));
    assert_eq!(check(&report, "status"), (Status::Failed, "status.revoked"));
    assert!(report.check("status").unwrap().message.contains("Issued in error"));
    let report = with(json!({"id": url, "issuer": "did:example:someone-else", "revokedCredentials": []}));
    assert_eq!(check(&report, "status"), (Status::Unknown, "status.issuer_mismatch"));
    assert_eq!(check(&with(json!({"id": url})), "status"), (Status::Failed, "status.list_wrong_type"));
    let report = verify(Input::Json(doc), &options());
    assert_eq!(check(&report, "status"), (Status::Unknown, "status.unreachable"));
}

#[test]
fn unknown_entry_types_are_unknown() {
    let report = run(&credential(json!({"id": "https://x.example/1", "type": "SomeNewStatus2030"})), None);
    assert_eq!(check(&report, "status"), (Status::Unknown, "status.unsupported_type"));
    assert_eq!(report.outcome, Outcome::Indeterminate);
    let report = run(&credential(json!("https://x.example/1")), None);
    assert_eq!(check(&report, "status"), (Status::Failed, "status.malformed_entry"));
}

#[test]
fn a_status_lists_own_status_is_not_followed() {
    // A list whose own credentialStatus points at a missing list still verifies as a list:
    // lists are leaves, so one badge cannot fan out into a chain of fetches.
    let i = issuer();
    let list = list_credential(&i, json!("revocation"), &bits_with(&[]), |l| {
        l["credentialStatus"] = json!({"type": "BitstringStatusListEntry", "statusPurpose": "revocation",
            "statusListIndex": "0", "statusListCredential": "https://example.edu/status/other"});
    });
    let report = run(&credential(entry("revocation", json!("1"))), Some(list));
    assert_eq!(check(&report, "status"), (Status::Passed, "status.active"));
}
