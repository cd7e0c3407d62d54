//! The `verified-badge` command line: flags, output and exit status.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{issuer, ob3, signed};
use serde_json::{json, Value};
use verified_badge::baked::{self, png};

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

// ---------------------------------------------------------------------------------------------
// Batches: directories, stdin, order, summary.


/// A fresh, empty directory under the test tmp dir.
fn fresh_dir(name: &str) -> PathBuf {
    common::fresh_dir("cli", name)
}

fn with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = bin().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn directories_are_walked_in_order_for_credentials_and_badges() {
    let dir = fresh_dir("walk");
    let credential = signed().to_string();
    std::fs::create_dir_all(dir.join("b/nested")).unwrap();
    std::fs::write(dir.join("a.json"), &credential).unwrap();
    std::fs::write(dir.join("b/badge.png"), baked::bake(&common::png_with(&[]), &credential).unwrap()).unwrap();
    std::fs::write(dir.join("b/nested/badge.SVG"), baked::bake(b"<svg xmlns='http://www.w3.org/2000/svg'/>", &credential).unwrap()).unwrap();
    std::fs::write(dir.join("b/notes.txt"), "not a credential").unwrap();
    std::fs::write(dir.join("c.jwt"), issuer().sign_jwt(&ob3(&issuer().did()), verified_badge::issue::JwtForm::VcJose).unwrap()).unwrap();
    let mut bad = signed();
    bad["name"] = json!("Tampered");
    std::fs::write(dir.join("d.json"), bad.to_string()).unwrap();

    let out = run(&["verify", "--json", NOW[0], NOW[1]], &[&dir]);
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    let sources: Vec<String> = lines.iter().map(|l| l["source"].as_str().unwrap().replace(&*dir.to_string_lossy(), "")).collect();
    assert_eq!(sources, ["/a.json", "/b/badge.png", "/b/nested/badge.SVG", "/c.jwt", "/d.json"]);
    let outcomes: Vec<&str> = lines.iter().map(|l| l["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["verified", "verified", "verified", "verified", "invalid"]);
    assert_eq!(lines[3]["format"], "vc+jwt");

    // The same output whatever the number of threads.
    let one = run(&["verify", "--json", "-j", "1", NOW[0], NOW[1]], &[&dir]);
    let four = run(&["verify", "--json", "--jobs", "4", NOW[0], NOW[1]], &[&dir]);
    assert_eq!(one.stdout, out.stdout);
    assert_eq!(four.stdout, out.stdout);
    assert_eq!(run(&["verify", "-j", "0"], &[&dir]).status.code(), Some(2));
    // An empty directory is not "all verified".
    let empty = fresh_dir("walk-empty");
    let out = run(&["verify"], &[&empty]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("no credentials found"));
}

#[test]
fn human_output_ends_with_a_summary_and_has_no_colour_in_a_pipe() {
    let good = tmp("summary-good.json", &signed().to_string());
    let bad = tmp("summary-bad.json", "{}");
    let out = run(&["verify", NOW[0], NOW[1]], &[&good, &bad, &good]);
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("✓ verified") && lines[0].contains("summary-good.json"));
    assert!(lines[1].starts_with("✗ invalid") && lines[1].contains("summary-bad.json"));
    assert_eq!(lines[3], "3 credentials: 2 verified, 1 invalid, 0 indeterminate");
    assert!(!text.contains('\u{1b}'));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn stdin_takes_one_document_or_ndjson() {
    let credential = signed();
    // One pretty-printed document.
    let out = with_stdin(&["verify", "--json", NOW[0], NOW[1], "-"], serde_json::to_string_pretty(&credential).unwrap().as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let lines = json_lines(&out);
    assert_eq!((lines.len(), lines[0]["source"].as_str()), (1, Some("<stdin>")));

    // NDJSON, blank lines skipped, labelled by line number.
    let mut bad = credential.clone();
    bad["name"] = json!("Tampered");
    let ndjson = format!("{credential}\n\n{bad}\n{credential}\n");
    let out = with_stdin(&["verify", "--json", NOW[0], NOW[1], "-"], ndjson.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    let got: Vec<(&str, &str)> = lines.iter().map(|l| (l["source"].as_str().unwrap(), l["outcome"].as_str().unwrap())).collect();
    assert_eq!(got, [("<stdin>:1", "verified"), ("<stdin>:3", "invalid"), ("<stdin>:4", "verified")]);

    // A baked image on stdin.
    let png_bytes = baked::bake(&common::png_with(&[]), &credential.to_string()).unwrap();
    let out = with_stdin(&["verify", NOW[0], NOW[1], "-"], &png_bytes);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("✓ verified      <stdin>"));
}

#[test]
fn an_unreadable_file_does_not_stop_the_batch() {
    let good = tmp("batch-good.json", &signed().to_string());
    let out = run(&["verify", "--json", NOW[0], NOW[1]], &[&good, Path::new("/nonexistent/x.json"), &good]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json_lines(&out).len(), 2);
    assert!(String::from_utf8(out.stderr).unwrap().contains("/nonexistent/x.json"));
}

#[test]
fn baked_images_verify_and_ob2_badges_are_shown_but_indeterminate() {
    let credential = signed().to_string();
    // Tests run in any order: on a fresh target dir this may be the first to use cli/.
    let png_file = fresh_dir("baked").join("baked.png");
    std::fs::write(&png_file, baked::bake(&common::png_with(&[]), &credential).unwrap()).unwrap();
    let out = run(&["verify", NOW[0], NOW[1]], &[&png_file]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().contains("Rust Fundamentals (issuer: Test Academy)"));

    // An OB 2.0 assertion with an embedded BadgeClass: its claims are shown, the outcome is
    // indeterminate with the code saying why.
    let assertion = json!({
        "@context": "https://w3id.org/openbadges/v2", "type": "Assertion", "id": "https://example.org/assertions/1",
        "recipient": {"type": "email", "hashed": false, "identity": "alice@example.org"},
        "issuedOn": "2020-01-01T00:00:00Z", "verification": {"type": "hosted"},
        "badge": {"type": "BadgeClass", "id": "https://example.org/badges/1", "name": "Old Badge",
                  "issuer": {"type": "Profile", "id": "https://example.org/issuer", "name": "Old Org"}}
    });
    let mut data = b"openbadges\0\0\0\0\0".to_vec();
    data.extend_from_slice(assertion.to_string().as_bytes());
    let mut ob2 = common::png_with(&[]);
    let at = png::SIGNATURE.len() + 25; // after IHDR, before IDAT
    ob2.splice(at..at, png::chunk(*b"iTXt", &data).unwrap());
    assert!(baked::extract(&ob2).is_ok());
    let f = fresh_dir("ob2").join("ob2.png");
    std::fs::write(&f, &ob2).unwrap();
    let out = run(&["verify", NOW[0], NOW[1]], &[&f]);
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Old Badge (issuer: Old Org)") && text.contains("baked.ob2_unverified"), "{text}");
    let out = run(&["verify", "--json", NOW[0], NOW[1]], &[&f]);
    let line = &json_lines(&out)[0];
    assert_eq!(line["credential"]["achievement"]["name"], "Old Badge");
    assert_eq!(line["outcome"], "indeterminate");
}

#[test]
fn without_offline_the_cli_fetches_and_reports_why_a_fetch_failed() {
    // A status list on a loopback port where nothing listens: the fetch fails at once and the
    // report says why; with --offline nothing is tried.
    let i = issuer();
    let mut u = ob3(&i.did());
    u["credentialStatus"] = json!({"type": "BitstringStatusListEntry", "statusPurpose": "revocation",
        "statusListIndex": "1", "statusListCredential": "https://127.0.0.1:9/status/1"});
    let f = tmp("status-net.json", &i.sign_eddsa_jcs_2022(&u, "2024-01-01T00:00:00Z").unwrap().to_string());
    let out = run(&["verify", "--json", NOW[0], NOW[1]], &[&f]);
    assert_eq!(out.status.code(), Some(3));
    let v: Value = serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap();
    let status = v["checks"].as_array().unwrap().iter().find(|c| c["id"] == "status").unwrap().clone();
    assert_eq!(status["code"], "status.unreachable");
    assert!(status["message"].as_str().unwrap().contains("network error"), "{status}");
    let out = run(&["verify", "--json", "--offline", NOW[0], NOW[1]], &[&f]);
    let v: Value = serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap();
    let status = v["checks"].as_array().unwrap().iter().find(|c| c["id"] == "status").unwrap().clone();
    assert!(status["message"].as_str().unwrap().contains("network not allowed"), "{status}");
}
