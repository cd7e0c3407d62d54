//! Helpers shared by the native integration tests.
#![allow(dead_code)]

pub mod jose;

use std::path::PathBuf;

use serde_json::{json, Value};
use verified_badge::issue::{encode_status_list, Issuer};
use verified_badge::{verify, Input, Report, Status, Timestamp, VerifyOptions};

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

/// A valid 1×1 PNG built with the library's chunk writer, with `extra` chunks before `IDAT`
/// (right after `IHDR`).
pub fn png_with(extra: &[Vec<u8>]) -> Vec<u8> {
    use verified_badge::baked::png;
    let mut out = png::SIGNATURE.to_vec();
    out.extend(png::chunk(*b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]).unwrap());
    for c in extra {
        out.extend_from_slice(c);
    }
    out.extend(png::chunk(*b"IDAT", &miniz_oxide::deflate::compress_to_vec_zlib(&[0, 0x80], 6)).unwrap());
    out.extend(png::chunk(*b"IEND", &[]).unwrap());
    out
}

/// A fresh, empty directory `<test tmp dir>/<group>/<name>`.
pub fn fresh_dir(group: &str, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(group).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
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

/// `doc` with `f` applied.
pub fn edit(mut doc: Value, f: impl FnOnce(&mut Value)) -> Value {
    f(&mut doc);
    doc
}

/// The status and code of the check with `id`.
pub fn check<'a>(report: &'a Report, id: &str) -> (Status, &'a str) {
    let c = report.check(id).unwrap_or_else(|| panic!("no check {id} in {}", report.to_json()));
    (c.status, c.code.as_ref())
}

/// The URL of the status list the status helpers use.
pub const STATUS_LIST: &str = "https://example.edu/status/1";

/// A BitstringStatusListCredential at [`STATUS_LIST`] signed (eddsa-jcs-2022) by `by`, with
/// `purpose`, the list `bits`, and any `extra` change made before signing.
pub fn status_list_credential(by: &Issuer, purpose: Value, bits: &[u8], extra: impl FnOnce(&mut Value)) -> String {
    let mut doc = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": STATUS_LIST,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": by.did(),
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {
            "id": format!("{STATUS_LIST}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode_status_list(bits)
        }
    });
    extra(&mut doc);
    by.sign_eddsa_jcs_2022(&doc, "2024-01-01T00:00:00Z").unwrap().to_string()
}

/// A BitstringStatusListEntry at `index` of [`STATUS_LIST`].
pub fn status_entry(purpose: &str, index: Value) -> Value {
    json!({"id": format!("{STATUS_LIST}#{index}"), "type": "BitstringStatusListEntry", "statusPurpose": purpose,
           "statusListIndex": index, "statusListCredential": STATUS_LIST})
}

/// `ob3` by the test issuer with one status `entry`, signed.
pub fn with_status(entry: Value) -> Value {
    let i = issuer();
    let mut doc = ob3(&i.did());
    doc["credentialStatus"] = entry;
    i.sign_eddsa_jcs_2022(&doc, "2024-01-01T00:00:00Z").unwrap()
}

/// Verifies `doc` with the status `list` (if any) supplied at [`STATUS_LIST`].
pub fn verify_with_list(doc: &Value, list: Option<String>) -> Report {
    let mut opts = options();
    if let Some(list) = list {
        opts = opts.with_document(STATUS_LIST, list);
    }
    verify(Input::Json(doc.clone()), &opts)
}

/// `doc` signed with eddsa-jcs-2022 by the key of `seed`, naming `verification_method` (for keys
/// published other than as the seed's did:key, e.g. in a did:web document).
pub fn sign_jcs_as(seed: &[u8; 32], doc: &Value, verification_method: &str) -> Value {
    let mut proof = json!({
        "type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "created": "2024-01-01T00:00:00Z",
        "verificationMethod": verification_method, "proofPurpose": "assertionMethod",
        "@context": doc["@context"].clone(),
    });
    let data = verified_badge::proof::eddsa_jcs::hash_data(doc.as_object().unwrap(), proof.as_object().unwrap()).unwrap();
    let key = ed25519_dalek::SigningKey::from_bytes(seed);
    let signature = ed25519_dalek::Signer::sign(&key, &data);
    proof["proofValue"] = json!(format!("z{}", bs58::encode(signature.to_bytes()).into_string()));
    let mut signed = doc.clone();
    signed["proof"] = proof;
    signed
}

/// A did:web DID document for `did` whose `#key-1` is the Ed25519 key of `seed` (Multikey).
pub fn did_web_ed25519(did: &str, seed: &[u8; 32]) -> Value {
    let multibase = Issuer::from_seed(seed).did().trim_start_matches("did:key:").to_owned();
    json!({
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [{"id": format!("{did}#key-1"), "type": "Multikey", "controller": did,
                                "publicKeyMultibase": multibase}],
        "assertionMethod": [format!("{did}#key-1")]
    })
}
