//! Interop: credentials signed by `verified-badge issue sign` (eddsa-jcs-2022 and
//! eddsa-rdfc-2022) verify with the digitalbazaar reference stack (`@digitalbazaar/vc` +
//! `data-integrity` + both cryptosuites, jsonld.js canonicalization), run offline by
//! `tests/interop/verify.mjs`; and the other way round, credentials the reference stack signs
//! (`tests/interop/sign.mjs`) with a key file from `issue keygen` verify with `verified-badge`,
//! with the very same signatures (Ed25519 is deterministic, both canonical forms are exact).
//!
//! Needs Node.js and `npm ci --prefix tests/interop`; skips loudly without them.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

const NOW: &str = "2025-06-01T00:00:00Z";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The interop scripts' folder when Node and the packages are there, or `None` after a loud
/// message.
fn node() -> Option<PathBuf> {
    let modules = root().join("tests/interop/node_modules/@digitalbazaar/vc");
    if !modules.is_dir() {
        eprintln!("\n*** SKIPPED: {} missing — run `npm ci --prefix tests/interop` to check interop with the JS reference stack ***\n", modules.display());
        return None;
    }
    match Command::new("node").arg("--version").output() {
        Ok(out) if out.status.success() => Some(root().join("tests/interop")),
        _ => {
            eprintln!("\n*** SKIPPED: `node` not found — interop with the JS reference stack is not checked in this run ***\n");
            None
        }
    }
}

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_verified-badge")).args(args).output().unwrap()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Unsigned credentials of a few shapes, all issued by `did`.
fn credentials(did: &str) -> Vec<(&'static str, Value)> {
    let ob3 = |name: &str| {
        json!({
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "id": "urn:uuid:7f3b0d0e-2a5e-4c1a-9d55-000000000001",
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": { "id": did, "type": ["Profile"], "name": "Interop Academy" },
            "validFrom": "2024-01-01T00:00:00Z",
            "name": name,
            "credentialSubject": {
                "id": "did:example:learner",
                "type": ["AchievementSubject"],
                "achievement": {
                    "id": "https://example.com/achievements/interop",
                    "type": ["Achievement"],
                    "name": name,
                    "description": "Checked by two independent implementations.",
                    "criteria": { "narrative": "Verify with the reference stack." }
                }
            }
        })
    };
    let mut unicode = ob3("Ünïcødé ✓ 日本語 \u{1F393} \"quoted\" \\ back\tslash");
    unicode["issuer"]["name"] = json!("Académie d’Interop — ½");
    let mut bounded = ob3("Bounded validity");
    bounded["validUntil"] = json!("2030-12-31T23:59:59Z");
    bounded["credentialSubject"]["result"] = json!([{ "type": ["Result"], "value": "A+" }]);
    let vc11 = json!({
        "@context": [
            "https://www.w3.org/2018/credentials/v1",
            "https://w3id.org/security/data-integrity/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ],
        "id": "urn:uuid:7f3b0d0e-2a5e-4c1a-9d55-000000000004",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": { "id": did, "type": ["Profile"], "name": "Interop Academy" },
        "issuanceDate": "2024-01-01T00:00:00Z",
        "name": "VC 1.1 badge",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://example.com/achievements/vc11",
                "type": ["Achievement"],
                "name": "VC 1.1 badge",
                "description": "An OB 3.0 credential on the VC 1.1 data model.",
                "criteria": { "narrative": "None." }
            }
        }
    });
    vec![("plain", ob3("Interop Basics")), ("unicode", unicode), ("bounded", bounded), ("vc11", vc11)]
}

#[test]
fn credentials_interoperate_with_the_js_reference_stack_both_ways() {
    let Some(scripts) = node() else { return };
    let script = scripts.join("verify.mjs");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("interop");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("key.json");
    let out = cli(&["issue", "keygen", "-o", p(&key)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let did = String::from_utf8(out.stdout).unwrap().trim().to_owned();

    let mut signed = Vec::new();
    let mut tampered = Vec::new();
    for suite in ["eddsa-jcs-2022", "eddsa-rdfc-2022"] {
        for (name, credential) in credentials(&did) {
            let unsigned = dir.join(format!("{name}.unsigned.json"));
            std::fs::write(&unsigned, credential.to_string()).unwrap();
            let file = dir.join(format!("{name}.{suite}.json"));
            let out = cli(&["issue", "sign", "--key", p(&key), "--suite", suite, "--created", "2024-06-01T12:00:00Z", "-o", p(&file), p(&unsigned)]);
            assert!(out.status.success(), "{name} {suite}: {}", String::from_utf8_lossy(&out.stderr));
            // Our own verifier agrees first.
            let ours = cli(&["verify", "--now", NOW, p(&file)]);
            assert_eq!(ours.status.code(), Some(0), "{name} {suite}: {}", String::from_utf8_lossy(&ours.stdout));
            signed.push(file);
        }
        // A negative control per suite, so the check cannot pass by accepting everything.
        let mut changed: Value = serde_json::from_str(&std::fs::read_to_string(signed.last().unwrap()).unwrap()).unwrap();
        changed["credentialSubject"]["achievement"]["name"] = json!("Tampered after signing");
        let file = dir.join(format!("tampered.{suite}.json"));
        std::fs::write(&file, changed.to_string()).unwrap();
        tampered.push(file);
    }

    let mut args = vec![p(&script).to_owned(), String::from("--now"), String::from(NOW)];
    args.extend(signed.iter().chain(&tampered).map(|f| p(f).to_owned()));
    let out = Command::new("node").args(&args).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let results: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(results.len(), signed.len() + tampered.len(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    for (file, result) in signed.iter().zip(&results) {
        assert_eq!(result["file"], p(file));
        assert_eq!(result["verified"], true, "the JS reference stack rejects {}: {}", file.display(), result["error"]);
    }
    for (file, result) in tampered.iter().zip(&results[signed.len()..]) {
        assert_eq!(result["file"], p(file));
        assert_eq!(result["verified"], false, "tampered credential accepted: {result}");
    }
    assert_eq!(out.status.code(), Some(1));
    eprintln!("interop: {} credentials verified by @digitalbazaar/vc, {} tampered controls rejected", signed.len(), tampered.len());

    // The other way: the reference stack signs with our key file, we verify, and the
    // signatures are the same bytes as ours.
    let mut checked = 0;
    for suite in ["eddsa-jcs-2022", "eddsa-rdfc-2022"] {
        for (name, _) in credentials(&did) {
            let unsigned = dir.join(format!("{name}.unsigned.json"));
            let out = Command::new("node")
                .arg(scripts.join("sign.mjs"))
                .args(["--key", p(&key), "--suite", suite, "--created", "2024-06-01T12:00:00Z", p(&unsigned)])
                .output()
                .unwrap();
            assert!(out.status.success(), "sign.mjs {name} {suite}: {}", String::from_utf8_lossy(&out.stderr));
            let file = dir.join(format!("{name}.{suite}.js.json"));
            std::fs::write(&file, &out.stdout).unwrap();
            let ours = cli(&["verify", "--now", NOW, p(&file)]);
            assert_eq!(ours.status.code(), Some(0), "JS-signed {name} {suite}: {}", String::from_utf8_lossy(&ours.stdout));
            let theirs: Value = serde_json::from_slice(&out.stdout).unwrap();
            let mine: Value = serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.{suite}.json"))).unwrap()).unwrap();
            assert_eq!(theirs["proof"]["proofValue"], mine["proof"]["proofValue"], "{name} {suite}: different signatures");
            checked += 1;
        }
    }
    eprintln!("interop: {checked} credentials signed by @digitalbazaar/vc verified here, signatures identical to ours");
}
