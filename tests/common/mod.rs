//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::{json, Value};
use verified_badge::issue::Issuer;
use verified_badge::{Report, Status, Timestamp, VerifyOptions};

/// A change to a credential document, for tables of cases.
pub type Mutation = Box<dyn Fn(&mut Value)>;

/// `../shared/vectors/<sub>` when present; `None` (after a loud message) when absent.
pub fn vectors(sub: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/vectors").join(sub);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("\n*** SKIPPED: {} not found — conformance vectors are not checked in this run ***\n", dir.display());
        None
    }
}

/// Reads a file to a string, with the path in the panic message.
pub fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fixed test issuer (seed 0x07…); never a real key.
pub fn issuer() -> Issuer {
    Issuer::from_seed(&[7u8; 32])
}

/// Options at 2025-06-01.
pub fn options() -> VerifyOptions {
    VerifyOptions::new(Timestamp::parse("2025-06-01T00:00:00Z").unwrap())
}

/// An unsigned Open Badges 3.0 credential issued by `issuer`.
pub fn ob3(issuer: &str) -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": "urn:uuid:2d8bd0e0-6f60-4a2b-9a43-000000000001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": { "id": issuer, "type": ["Profile"], "name": "Test Academy" },
        "validFrom": "2024-01-01T00:00:00Z",
        "name": "Rust Fundamentals",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://example.edu/achievements/rust",
                "type": ["Achievement"],
                "name": "Rust Fundamentals",
                "description": "Writes safe Rust.",
                "criteria": { "narrative": "Pass the exam." }
            }
        }
    })
}

/// `ob3` signed by the test issuer with eddsa-jcs-2022.
pub fn signed() -> Value {
    let issuer = issuer();
    issuer.sign_eddsa_jcs_2022(&ob3(&issuer.did()), "2024-01-01T00:00:00Z").unwrap()
}

/// The status and code of the check with `id`.
pub fn check<'a>(report: &'a Report, id: &str) -> (Status, &'a str) {
    let c = report.check(id).unwrap_or_else(|| panic!("no check {id} in {}", report.to_json()));
    (c.status, c.code.as_str())
}
