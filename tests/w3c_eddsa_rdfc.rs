//! W3C vc-di-eddsa test vectors for `eddsa-rdfc-2022` (including `employ`) and
//! `Ed25519Signature2020`, checked step by step (`../shared/vectors/vc-di-eddsa/TestVectors`).

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{check, hex, read, vectors};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use verified_badge::documents::Fetched;
use verified_badge::key::{self, multibase};
use verified_badge::proof::{ed25519, linked_data};
use verified_badge::{verify, Input, Outcome, Status, Timestamp, VerifyOptions};

/// The contexts the vectors use that we do not bundle, handed over as a caller would.
fn documents() -> Option<BTreeMap<String, String>> {
    let dir = vectors("vc-di-eddsa/supporting-contexts")?;
    Some(BTreeMap::from([
        ("https://www.w3.org/ns/credentials/examples/v2".to_owned(), read(&dir.join("credentials-examples-v2.jsonld"))),
        ("https://w3id.org/citizenship/v4rc1".to_owned(), read(&dir.join("citizenship-v4rc1.jsonld"))),
    ]))
}

struct Case {
    dir: PathBuf,
    suffix: &'static str,
}

fn cases() -> Option<Vec<Case>> {
    let root = vectors("vc-di-eddsa/TestVectors")?;
    Some(vec![
        Case { dir: root.join("eddsa-rdfc-2022"), suffix: "DataInt" },
        Case { dir: root.join("eddsa-rdfc-2022/employ"), suffix: "DataInt" },
        Case { dir: root.join("Ed25519Signature2020"), suffix: "EdSig" },
    ])
}

impl Case {
    fn text(&self, name: &str) -> String {
        read(&self.dir.join(format!("{name}{}.txt", self.suffix))).trim_end().to_owned()
    }
    fn signed(&self) -> Map<String, Value> {
        serde_json::from_str(&read(&self.dir.join(format!("signed{}.json", self.suffix)))).unwrap()
    }
}

fn split(signed: &Map<String, Value>) -> (Map<String, Value>, Map<String, Value>) {
    let doc: Map<String, Value> = signed.iter().filter(|(k, _)| *k != "proof").map(|(k, v)| (k.clone(), v.clone())).collect();
    let proof = signed["proof"].as_object().unwrap().clone();
    (doc, proof)
}

#[test]
fn each_step_reproduces_the_vectors() {
    let (Some(cases), Some(docs)) = (cases(), documents()) else { return };
    for case in &cases {
        let name = case.dir.display().to_string();
        let signed = case.signed();
        let (doc, proof) = split(&signed);
        // Step 1: canonical document and proof configuration (RDFC-1.0 N-Quads).
        let canon_doc = linked_data::canonical_nquads(&doc, &docs).unwrap();
        assert_eq!(canon_doc.trim_end(), case.text("canonDoc"), "{name}: canonical document");
        let config = linked_data::proof_config(&signed, &proof);
        let canon_proof = linked_data::canonical_nquads(&config, &docs).unwrap();
        assert_eq!(canon_proof.trim_end(), case.text("proofCanon"), "{name}: canonical proof config");
        // Step 2: hashes.
        assert_eq!(hex(&Sha256::digest(canon_doc.as_bytes())), case.text("docHash"), "{name}");
        assert_eq!(hex(&Sha256::digest(canon_proof.as_bytes())), case.text("proofHash"), "{name}");
        let combined = linked_data::hash_data(&doc, &config, &docs).unwrap();
        assert_eq!(hex(&combined), case.text("combinedHash"), "{name}");
        // Step 3: the signature and its check.
        let value = proof["proofValue"].as_str().unwrap();
        assert_eq!(value, case.text("sigBTC58"), "{name}");
        let sig = multibase::decode_base58btc(value).unwrap();
        assert_eq!(hex(&sig), case.text("sigHex"), "{name}");
        let key = key::resolve(proof["verificationMethod"].as_str().unwrap(), &|_| Fetched::Missing).unwrap();
        ed25519::verify(key.ed25519().unwrap(), &combined, &sig).unwrap();
        println!("{name}: canonical forms, hashes and signature reproduced");
    }
}

fn options(docs: &BTreeMap<String, String>) -> VerifyOptions {
    let mut o = VerifyOptions::new(Timestamp::parse("2024-01-01T00:00:00Z").unwrap());
    o.documents = docs.clone();
    o
}

#[test]
fn whole_credentials_verify_their_crypto_and_report_the_issuer_gap() {
    let (Some(cases), Some(docs)) = (cases(), documents()) else { return };
    for case in &cases {
        let signed = case.signed();
        let report = verify(Input::Json(Value::Object(signed.clone())), &options(&docs));
        assert_eq!(check(&report, "proof"), (Status::Passed, "proof.verified"), "{}", report.to_json());
        assert_eq!(check(&report, "key"), (Status::Passed, "key.resolved"));
        // The vectors sign for an issuer that is not the did:key's controller.
        assert_eq!(check(&report, "issuer"), (Status::Failed, "issuer.mismatch"));
        assert_eq!(report.outcome, Outcome::Invalid);

        // One changed character anywhere in the claims breaks it.
        let mut tampered = signed.clone();
        let subject = tampered.get_mut("credentialSubject").unwrap();
        subject.as_object_mut().unwrap().insert("extra".into(), Value::from("x"));
        let report = verify(Input::Json(Value::Object(tampered)), &options(&docs));
        assert!(report.checks.iter().any(|c| c.id == "proof" && c.status == Status::Failed), "{}", report.to_json());
    }
}

/// Supplied contexts are kept between verifications by URL *and text*: verifying again gives
/// the same verdict, and another text under the same URL is another context (the vectors' terms
/// then mean something else, and the signature no longer holds), without disturbing the first.
#[test]
fn a_supplied_context_is_known_by_its_text_not_its_url() {
    let (Some(cases), Some(docs)) = (cases(), documents()) else { return };
    let signed = Value::Object(cases[0].signed());
    let examples = "https://www.w3.org/ns/credentials/examples/v2";
    let mut changed = docs.clone();
    let text = changed.get_mut(examples).unwrap();
    let renamed = text.replace("https://www.w3.org/ns/credentials/examples#", "https://e.example/renamed#");
    assert_ne!(&renamed, text);
    *text = renamed;
    for (round, (documents, expected)) in [(&docs, Status::Passed), (&changed, Status::Failed), (&docs, Status::Passed), (&changed, Status::Failed)].into_iter().enumerate() {
        let report = verify(Input::Json(signed.clone()), &options(documents));
        assert_eq!(check(&report, "proof").0, expected, "round {round}: {}", report.to_json());
    }
}

#[test]
fn a_proof_set_verifies_each_proof_and_a_chain_is_reported_unsupported() {
    let (Some(root), Some(docs)) = (vectors("vc-di-eddsa/TestVectors/proof-set-chain"), documents()) else { return };
    for file in ["signedProofSet1.json", "signedProofSet2.json"] {
        let report = verify(Input::Text(&read(&root.join(file))), &options(&docs));
        let proofs: Vec<_> = report.checks.iter().filter(|c| c.id.starts_with("proof")).map(|c| (c.status, c.code.as_ref())).collect();
        assert!(!proofs.is_empty());
        assert!(proofs.iter().all(|p| *p == (Status::Passed, "proof.verified")), "{file}: {proofs:?}");
    }
    for file in ["signedProofChain1.json", "signedProofChain2.json"] {
        let report = verify(Input::Text(&read(&root.join(file))), &options(&docs));
        assert!(report.checks.iter().any(|c| c.code == "proof.chain_unsupported"), "{file}");
        assert_ne!(report.outcome, Outcome::Verified);
    }
}

#[test]
fn ob3_generated_vectors_canonicalize_like_jsonld_js() {
    let Some(dir) = vectors("ob3-generated") else { return };
    for name in ["ob3-v2-di", "ob3-v1-ed2020"] {
        let signed: Map<String, Value> = serde_json::from_str(&read(&dir.join(format!("{name}.signed.json")))).unwrap();
        let (doc, _) = split(&signed);
        let canon = linked_data::canonical_nquads(&doc, &BTreeMap::new()).unwrap();
        assert_eq!(canon, read(&dir.join(format!("{name}.canon.nq"))), "{name}");
        // Signed with the W3C test key for a non-DID issuer: crypto passes, binding does not.
        let report = verify(Input::Json(Value::Object(signed)), &VerifyOptions::new(Timestamp::parse("2024-06-01T00:00:00Z").unwrap()));
        assert_eq!(check(&report, "proof"), (Status::Passed, "proof.verified"), "{name}: {}", report.to_json());
    }
    for bad in ["undefined-term", "relative-type"] {
        let doc: Map<String, Value> = serde_json::from_str(&read(&dir.join(format!("edge-cases/{bad}.json")))).unwrap();
        let err = linked_data::canonical_nquads(&doc, &BTreeMap::new()).unwrap_err();
        assert_eq!(verified_badge::report::Code::code(&err), "jsonld.data_loss", "{bad}");
    }
}
