//! The `verified-badge` command line: flags, output and exit status.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{issuer, ob3, signed};
use serde_json::{json, Value};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_verified-badge"))
}

fn tmp(name: &str, body: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

fn run(args: &[&str], files: &[&Path]) -> Output {
    bin().args(args).args(files).output().unwrap()
}

const NOW: [&str; 2] = ["--now", "2025-06-01T00:00:00Z"];

#[test]
fn exit_status_follows_the_worst_outcome() {
    let good = tmp("good.json", &signed().to_string());
    let mut t = signed();
    t["name"] = json!("Changed");
    let bad = tmp("bad.json", &t.to_string());
    let i = issuer();
    let mut u = ob3(&i.did());
    u["@context"].as_array_mut().unwrap().push(json!("https://example.com/ctx"));
    let unknown = tmp("unknown.json", &i.sign_eddsa_jcs_2022(&u, "2024-01-01T00:00:00Z").unwrap().to_string());

    assert_eq!(run(&["verify", NOW[0], NOW[1]], &[&good]).status.code(), Some(0));
    assert_eq!(run(&["verify", NOW[0], NOW[1]], &[&good, &bad]).status.code(), Some(1));
    assert_eq!(run(&["verify", NOW[0], NOW[1]], &[&good, &unknown]).status.code(), Some(3));
    assert_eq!(run(&["verify", NOW[0], NOW[1]], &[&unknown, &bad]).status.code(), Some(1));

    let ctx = tmp("ctx.jsonld", r#"{"@context":{"x":"https://example.com/x"}}"#);
    let doc = format!("https://example.com/ctx={}", ctx.display());
    assert_eq!(run(&["verify", NOW[0], NOW[1], "--doc", &doc], &[&unknown]).status.code(), Some(0));
}

#[test]
fn json_output_is_one_report_per_line() {
    let good = tmp("good2.json", &signed().to_string());
    let bad = tmp("notjson.json", "hello");
    let out = run(&["verify", "--json", "--offline", NOW[0], NOW[1]], &[&good, &bad]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["outcome"], "verified");
    assert_eq!(lines[1]["outcome"], "invalid");
    assert_eq!(lines[1]["checks"][0]["code"], "input.not_json");
}

#[test]
fn now_moves_the_clock() {
    let i = issuer();
    let mut u = ob3(&i.did());
    u["validUntil"] = json!("2025-01-01T00:00:00Z");
    let f = tmp("expiring.json", &i.sign_eddsa_jcs_2022(&u, "2024-01-01T00:00:00Z").unwrap().to_string());
    assert_eq!(run(&["verify", "--now", "2024-06-01T00:00:00Z"], &[&f]).status.code(), Some(0));
    let out = run(&["verify", "--now", "2025-06-01T00:00:00Z"], &[&f]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stdout).unwrap().contains("validity.expired"));
}

#[test]
fn human_output_names_the_file_and_strips_control_characters() {
    let i = issuer();
    let mut u = ob3(&i.did());
    u["credentialSubject"]["achievement"]["name"] = json!("Evil\u{1b}[2J name");
    let f = tmp("evil.json", &i.sign_eddsa_jcs_2022(&u, "2024-01-01T00:00:00Z").unwrap().to_string());
    let out = run(&["verify", NOW[0], NOW[1]], &[&f]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("✓ verified"), "{text}");
    assert!(text.contains("evil.json"));
    assert!(text.contains("Evil[2J name"));
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn recipient_flag_adds_the_recipient_check() {
    let f = tmp("recipient.json", &signed().to_string());
    let mut u = ob3(&issuer().did());
    u["credentialSubject"]["identifier"] = json!({"type": "IdentityObject", "identityType": "emailAddress", "hashed": false, "identityHash": "alice@example.com"});
    let g = tmp("recipient2.json", &issuer().sign_eddsa_jcs_2022(&u, "2024-01-01T00:00:00Z").unwrap().to_string());
    let out = run(&["verify", "--json", NOW[0], NOW[1], "--recipient", "email:alice@example.com"], &[&g]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap();
    assert!(v["checks"].as_array().unwrap().iter().any(|c| c["id"] == "recipient" && c["code"] == "recipient.match"));
    let out = run(&["verify", NOW[0], NOW[1], "--recipient", "email:bob@example.com"], &[&g]);
    assert_eq!(out.status.code(), Some(1));
    // No identifier of that type at all: unknown, not a match.
    assert_eq!(run(&["verify", NOW[0], NOW[1], "--recipient", "email:alice@example.com"], &[&f]).status.code(), Some(3));
    assert_eq!(run(&["verify", "--recipient", "nocolon"], &[&f]).status.code(), Some(2));
}

#[test]
fn usage_and_io_errors_exit_2() {
    for args in [&["verify"][..], &["frobnicate", "x"], &[], &["verify", "--now", "yesterday", "x"], &["verify", "--doc", "nourl", "x"], &["verify", "--bogus", "x"]] {
        let out = bin().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty());
    }
    let out = run(&["verify"], &[Path::new("/nonexistent/badge.json")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("/nonexistent/badge.json"));
    let help = bin().arg("--help").output().unwrap();
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8(help.stdout).unwrap().contains("--doc URL=FILE"));
}
