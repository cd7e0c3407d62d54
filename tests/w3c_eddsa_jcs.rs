//! W3C vc-di-eddsa test vectors for `eddsa-jcs-2022`, checked step by step
//! (`../shared/vectors/vc-di-eddsa/TestVectors/eddsa-jcs-2022`).

mod common;

use common::{check, hex, read, vectors};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use verified_badge::canon::jcs;
use verified_badge::documents::Fetched;
use verified_badge::issue::Issuer;
use verified_badge::key::{self, multibase};
use verified_badge::proof::eddsa_jcs;
use verified_badge::{verify, Input, Outcome, Status, Timestamp, VerifyOptions};

struct Vectors {
    dir: std::path::PathBuf,
    signed: Map<String, Value>,
}

impl Vectors {
    fn load() -> Option<Self> {
        let root = vectors("vc-di-eddsa/TestVectors")?;
        let dir = root.join("eddsa-jcs-2022");
        let signed = serde_json::from_str(&read(&dir.join("signedJCS.json"))).unwrap();
        Some(Vectors { dir, signed })
    }

    fn text(&self, name: &str) -> String {
        read(&self.dir.join(name)).trim_end().to_owned()
    }

    fn proof(&self) -> &Map<String, Value> {
        self.signed["proof"].as_object().unwrap()
    }

    fn document(&self) -> Map<String, Value> {
        self.signed.iter().filter(|(k, _)| *k != "proof").map(|(k, v)| (k.clone(), v.clone())).collect()
    }

    fn proof_config(&self) -> Map<String, Value> {
        self.proof().iter().filter(|(k, _)| *k != "proofValue").map(|(k, v)| (k.clone(), v.clone())).collect()
    }
}

/// The examples context is not one we bundle: it is handed over from the vectors, as a
/// caller would supply it in `documents`.
fn options() -> VerifyOptions {
    let ctx = vectors("vc-di-eddsa/supporting-contexts").unwrap().join("credentials-examples-v2.jsonld");
    VerifyOptions::new(Timestamp::parse("2024-01-01T00:00:00Z").unwrap())
        .with_document("https://www.w3.org/ns/credentials/examples/v2", read(&ctx))
}

#[test]
fn step_1_canonical_document_and_proof_config() {
    let Some(v) = Vectors::load() else { return };
    assert_eq!(jcs::canonicalize_map(&v.document()).unwrap(), v.text("canonDocJCS.txt"));
    assert_eq!(jcs::canonicalize_map(&v.proof_config()).unwrap(), v.text("proofCanonJCS.txt"));
    // The proof config file equals the proof without its value.
    let config: Value = serde_json::from_str(&read(&v.dir.join("proofConfigJCS.json"))).unwrap();
    assert_eq!(Value::Object(v.proof_config()), config);
}

#[test]
fn step_2_hashes() {
    let Some(v) = Vectors::load() else { return };
    let doc_hash = Sha256::digest(v.text("canonDocJCS.txt").as_bytes());
    let proof_hash = Sha256::digest(v.text("proofCanonJCS.txt").as_bytes());
    assert_eq!(hex(&doc_hash), v.text("docHashJCS.txt"));
    assert_eq!(hex(&proof_hash), v.text("proofHashJCS.txt"));
    let combined = eddsa_jcs::hash_data(&v.document(), &v.proof_config()).unwrap();
    assert_eq!(hex(&combined), v.text("combinedHashJCS.txt"));
}

#[test]
fn step_3_signature_encoding_and_check() {
    let Some(v) = Vectors::load() else { return };
    let value = v.proof()["proofValue"].as_str().unwrap();
    assert_eq!(value, v.text("sigBTC58JCS.txt"));
    let sig = multibase::decode_base58btc(value).unwrap();
    assert_eq!(hex(&sig), v.text("sigHexJCS.txt"));
    let key = key::resolve(v.proof()["verificationMethod"].as_str().unwrap(), &|_| Fetched::Missing).unwrap();
    let public = key.ed25519().unwrap();
    let pair: Value = serde_json::from_str(&read(&v.dir.join("../keyPair.json"))).unwrap();
    assert_eq!(multibase::encode_ed25519_multikey(public), pair["publicKeyMultibase"]);
    let data = eddsa_jcs::hash_data(&v.document(), &v.proof_config()).unwrap();
    verified_badge::proof::ed25519::verify(public, &data, &sig).unwrap();
}

#[test]
fn step_4_signing_reproduces_the_vector() {
    let Some(v) = Vectors::load() else { return };
    let pair: Value = serde_json::from_str(&read(&v.dir.join("../keyPair.json"))).unwrap();
    let secret = multibase::decode_base58btc(pair["privateKeyMultibase"].as_str().unwrap()).unwrap();
    // Multicodec ed25519-priv (0x1300) as a varint, then the 32-byte seed.
    assert_eq!(secret[..2], [0x80, 0x26]);
    let issuer = Issuer::from_seed(&secret[2..].try_into().unwrap());
    assert_eq!(issuer.verification_method(), v.proof()["verificationMethod"]);
    let resigned = issuer.sign_eddsa_jcs_2022(&Value::Object(v.document()), "2023-02-24T23:36:38Z").unwrap();
    assert_eq!(resigned["proof"]["proofValue"].as_str(), Some(v.text("sigBTC58JCS.txt").as_str()));
}

#[test]
fn step_5_whole_credential_crypto_passes_but_the_issuer_is_not_the_key() {
    let Some(v) = Vectors::load() else { return };
    let report = verify(Input::Json(Value::Object(v.signed.clone())), &options());
    // The vector signs for issuer https://vc.example/issuers/5678 with a did:key: the
    // signature is right, but nothing binds that key to that issuer.
    assert_eq!(check(&report, "context"), (Status::Passed, "context.known"));
    assert_eq!(check(&report, "key"), (Status::Passed, "key.resolved"));
    assert_eq!(check(&report, "proof"), (Status::Passed, "proof.verified"));
    assert_eq!(check(&report, "issuer"), (Status::Failed, "issuer.mismatch"));
    assert_eq!(report.outcome, Outcome::Invalid);
}

#[test]
fn step_6_without_the_examples_context_the_outcome_is_indeterminate() {
    let Some(v) = Vectors::load() else { return };
    let mut doc = v.signed.clone();
    let vm = v.proof()["verificationMethod"].as_str().unwrap();
    doc.insert("issuer".into(), Value::from(key::resolve(vm, &|_| Fetched::Missing).unwrap().controller));
    let report = verify(Input::Json(Value::Object(doc)), &VerifyOptions::new(Timestamp::parse("2024-01-01T00:00:00Z").unwrap()));
    assert_eq!(check(&report, "context"), (Status::Unknown, "context.unknown"));
    // The issuer was changed after signing, so the signature fails too.
    assert_eq!(check(&report, "proof"), (Status::Failed, "proof.signature_invalid"));
    assert_eq!(report.outcome, Outcome::Invalid);
}
