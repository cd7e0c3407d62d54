//! The `extract`, `bake` and `issue` commands, and `--help` everywhere.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{issuer, ob3, signed};
use serde_json::{json, Value};
use verified_badge::baked;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_verified-badge"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

/// A fresh, empty directory under the test tmp dir.
fn fresh_dir(name: &str) -> PathBuf {
    common::fresh_dir("cli-commands", name)
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}



const NOW: [&str; 2] = ["--now", "2025-06-01T00:00:00Z"];

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn every_command_has_help() {
    for args in [
        &["--help"][..],
        &["help"],
        &["help", "verify"],
        &["verify", "--help"],
        &["extract", "--help"],
        &["bake", "--help"],
        &["issue", "--help"],
        &["issue", "keygen", "--help"],
        &["issue", "sign", "--help"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("USAGE:"), "{args:?}: {text}");
    }
    let version = run(&["--version"]);
    assert!(String::from_utf8(version.stdout).unwrap().starts_with("verified-badge "));
    // Unknown commands and flags: usage errors.
    for args in [&["help", "nope"][..], &["extract"], &["extract", "--bogus"], &["bake", "a"], &["issue"], &["issue", "nope"], &["issue", "sign", "x.json"]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("USAGE:"), "{args:?}");
    }
}

#[test]
fn bake_then_extract_then_verify() {
    let dir = fresh_dir("bake");
    let credential = serde_json::to_string_pretty(&signed()).unwrap();
    std::fs::write(dir.join("cred.json"), &credential).unwrap();
    std::fs::write(dir.join("plain.png"), common::png_with(&[])).unwrap();
    std::fs::write(dir.join("plain.svg"), r#"<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>"#).unwrap();

    for image in ["plain.png", "plain.svg"] {
        let out_file = dir.join(format!("baked-{image}"));
        let out = run(&["bake", p(&dir.join("cred.json")), p(&dir.join(image)), "-o", p(&out_file)]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let extracted = run(&["extract", p(&out_file)]);
        assert_eq!(extracted.status.code(), Some(0));
        assert_eq!(String::from_utf8(extracted.stdout).unwrap(), format!("{credential}\n"));
        let verified = run(&["verify", NOW[0], NOW[1], p(&out_file)]);
        assert_eq!(verified.status.code(), Some(0), "{}", String::from_utf8_lossy(&verified.stdout));
    }

    // Baking in place (OUT = IMAGE) replaces the credential.
    let target = dir.join("in-place.png");
    std::fs::write(&target, common::png_with(&[])).unwrap();
    let mut other = signed();
    other["name"] = json!("Changed after signing");
    std::fs::write(dir.join("other.json"), other.to_string()).unwrap();
    for cred in ["cred.json", "other.json"] {
        assert_eq!(run(&["bake", p(&dir.join(cred)), p(&target), "-o", p(&target)]).status.code(), Some(0));
    }
    let bytes = std::fs::read(&target).unwrap();
    assert_eq!(baked::extract(&bytes).unwrap().text, other.to_string());
    assert_eq!(run(&["verify", NOW[0], NOW[1], p(&target)]).status.code(), Some(1));

    // A JWT goes in too.
    let jwt = issuer().sign_jwt(&ob3(&issuer().did()), verified_badge::issue::JwtForm::VcJose).unwrap();
    std::fs::write(dir.join("cred.jwt"), &jwt).unwrap();
    let out_file = dir.join("jwt.svg");
    assert_eq!(run(&["bake", p(&dir.join("cred.jwt")), p(&dir.join("plain.svg")), "-o", p(&out_file)]).status.code(), Some(0));
    assert_eq!(String::from_utf8(run(&["extract", p(&out_file)]).stdout).unwrap(), format!("{jwt}\n"));
    assert_eq!(run(&["verify", NOW[0], NOW[1], p(&out_file)]).status.code(), Some(0));
}

#[test]
fn bake_and_extract_errors_name_the_file_and_the_reason() {
    let dir = fresh_dir("errors");
    std::fs::write(dir.join("cred.json"), signed().to_string()).unwrap();
    std::fs::write(dir.join("not-a-credential.json"), "hello").unwrap();
    std::fs::write(dir.join("plain.png"), common::png_with(&[])).unwrap();
    std::fs::write(dir.join("picture.gif"), "GIF89a").unwrap();
    let mut broken = common::png_with(&[]);
    broken[20] ^= 1;
    std::fs::write(dir.join("broken.png"), broken).unwrap();
    let out_file = dir.join("out.png");

    let cases: [(&[&str], i32, &str); 7] = [
        (&["bake", "not-a-credential.json", "plain.png", "-o", "out.png"], 1, "not-a-credential.json: the credential to bake is neither a JSON object nor a compact JWS (baked.bad_credential)"),
        (&["bake", "cred.json", "picture.gif", "-o", "out.png"], 1, "picture.gif: the image is neither a PNG nor an SVG (baked.not_image)"),
        (&["bake", "cred.json", "broken.png", "-o", "out.png"], 1, "broken.png: a PNG chunk's CRC does not match its content (baked.bad_crc)"),
        (&["bake", "cred.json", "missing.png", "-o", "out.png"], 2, "missing.png: "),
        (&["bake", "cred.json", "plain.png"], 2, "bake needs -o OUT"),
        (&["extract", "plain.png"], 1, "plain.png: the image carries no credential (baked.no_credential)"),
        (&["extract", "picture.gif"], 1, "picture.gif: not a PNG or SVG image (baked.not_image)"),
    ];
    for (args, code, message) in cases {
        let out = bin().current_dir(&dir).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
    }
    assert!(!out_file.exists());
    let out = bin().current_dir(&dir).args(["extract", "missing.png"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("verified-badge: missing.png: "));
}

#[test]
fn keygen_writes_a_private_key_file_once() {
    let dir = fresh_dir("keygen");
    let key = dir.join("issuer.key.json");
    let out = run(&["issue", "keygen", "-o", p(&key)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let did = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert!(did.starts_with("did:key:z6Mk"), "{did}");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&key).unwrap()).unwrap();
    assert_eq!(doc["controller"], did.as_str());
    assert_eq!(doc["type"], "Multikey");
    assert_eq!(doc["id"], format!("{did}#{}", &did["did:key:".len()..]).as_str());
    assert!(doc["secretKeyMultibase"].as_str().unwrap().starts_with("z3u2"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&key).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // Never overwritten.
    let before = std::fs::read(&key).unwrap();
    let again = run(&["issue", "keygen", "-o", p(&key)]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("issuer.key.json: already exists"), "{}", stderr(&again));
    assert_eq!(std::fs::read(&key).unwrap(), before);
    // Without -o the key goes to stdout; two keys are never the same.
    let a: Value = serde_json::from_slice(&run(&["issue", "keygen"]).stdout).unwrap();
    let b: Value = serde_json::from_slice(&run(&["issue", "keygen"]).stdout).unwrap();
    assert_ne!(a["secretKeyMultibase"], b["secretKeyMultibase"]);
}

#[test]
fn sign_makes_credentials_that_verify() {
    let dir = fresh_dir("sign");
    let key = dir.join("key.json");
    let did = String::from_utf8(run(&["issue", "keygen", "-o", p(&key)]).stdout).unwrap().trim().to_owned();
    let unsigned = dir.join("unsigned.json");
    std::fs::write(&unsigned, ob3(&did).to_string()).unwrap();

    // eddsa-jcs-2022 (the default), with a fixed creation time.
    let signed_file = dir.join("signed.json");
    let out = run(&["issue", "sign", "--key", p(&key), "--created", "2024-02-03T04:05:06Z", "-o", p(&signed_file), p(&unsigned)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&signed_file).unwrap()).unwrap();
    assert_eq!(doc["proof"]["cryptosuite"], "eddsa-jcs-2022");
    assert_eq!(doc["proof"]["created"], "2024-02-03T04:05:06Z");
    assert_eq!(run(&["verify", NOW[0], NOW[1], p(&signed_file)]).status.code(), Some(0));

    // A JWT, to stdout.
    let out = run(&["issue", "sign", "--key", p(&key), "--suite", "jwt", p(&unsigned)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let jwt_file = dir.join("signed.jwt");
    std::fs::write(&jwt_file, &out.stdout).unwrap();
    let verified = run(&["verify", "--json", NOW[0], NOW[1], p(&jwt_file)]);
    assert_eq!(verified.status.code(), Some(0), "{}", String::from_utf8_lossy(&verified.stdout));

    // eddsa-rdfc-2022, then baked into a PNG: still verified.
    let rdfc_file = dir.join("rdfc.json");
    let out = run(&["issue", "sign", "--key", p(&key), "--suite", "eddsa-rdfc-2022", "-o", p(&rdfc_file), p(&unsigned)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&rdfc_file).unwrap()).unwrap();
    assert_eq!(doc["proof"]["cryptosuite"], "eddsa-rdfc-2022");
    std::fs::write(dir.join("plain.png"), common::png_with(&[])).unwrap();
    let baked_png = dir.join("rdfc.png");
    assert_eq!(run(&["bake", p(&rdfc_file), p(&dir.join("plain.png")), "-o", p(&baked_png)]).status.code(), Some(0));
    let verified = run(&["verify", NOW[0], NOW[1], p(&baked_png)]);
    assert_eq!(verified.status.code(), Some(0), "{}", String::from_utf8_lossy(&verified.stdout));

    // The issuer must be the key's DID; a signed credential is not signed again.
    let foreign = dir.join("foreign.json");
    std::fs::write(&foreign, ob3("did:example:someone-else").to_string()).unwrap();
    let out = run(&["issue", "sign", "--key", p(&key), p(&foreign)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("foreign.json") && stderr(&out).contains(&did), "{}", stderr(&out));
    let out = run(&["issue", "sign", "--key", p(&key), p(&signed_file)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already has a proof"), "{}", stderr(&out));

    // Unknown suite, a file that is not a key.
    assert_eq!(run(&["issue", "sign", "--key", p(&key), "--suite", "rsa", p(&unsigned)]).status.code(), Some(2));
    let out = run(&["issue", "sign", "--key", p(&unsigned), p(&unsigned)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("secretKeyMultibase"), "{}", stderr(&out));
}

#[test]
fn sign_warns_when_the_result_would_not_verify() {
    let dir = fresh_dir("sign-warn");
    let key = dir.join("key.json");
    let did = String::from_utf8(run(&["issue", "keygen", "-o", p(&key)]).stdout).unwrap().trim().to_owned();
    let mut expired = ob3(&did);
    expired["validUntil"] = json!("2020-01-01T00:00:00Z");
    let unsigned = dir.join("expired.json");
    std::fs::write(&unsigned, expired.to_string()).unwrap();
    let out = run(&["issue", "sign", "--key", p(&key), p(&unsigned)]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("warning") && stderr(&out).contains("validity.expired"), "{}", stderr(&out));
}
