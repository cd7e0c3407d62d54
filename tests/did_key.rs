//! did:key Ed25519 derivation vectors (`../shared/vectors/did-key`).

mod common;

use common::{read, vectors};
use serde_json::Value;
use verified_badge::documents::Fetched;
use verified_badge::issue::Issuer;
use verified_badge::key::{self, did_key, multibase};

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

#[test]
fn every_vector_resolves_to_the_key_of_its_seed() {
    let Some(dir) = vectors("did-key/test-vectors") else { return };
    let all: Value = serde_json::from_str(&read(&dir.join("ed25519-x25519.json"))).unwrap();
    let mut n = 0;
    for (did, entry) in all.as_object().unwrap() {
        let seed: [u8; 32] = unhex(entry["seed"].as_str().unwrap()).try_into().unwrap();
        let issuer = Issuer::from_seed(&seed);
        assert_eq!(&issuer.did(), did);
        let resolved = key::resolve(did, &|_| Fetched::Missing).unwrap();
        assert_eq!(&resolved.controller, did);
        let fragment = did.strip_prefix("did:key:").unwrap();
        assert_eq!(resolved.id, format!("{did}#{fragment}"));
        assert_eq!(key::resolve(&resolved.id, &|_| Fetched::Missing).unwrap(), resolved);
        if let Some(b58) = entry["verificationKeyPair"]["publicKeyBase58"].as_str() {
            assert_eq!(bs58::decode(b58).into_vec().unwrap(), resolved.ed25519().unwrap());
        }
        assert_eq!(did_key::did_for(resolved.ed25519().unwrap()), *did);
        n += 1;
    }
    println!("did-key: {n} vectors passed");
    assert!(n >= 5);
}

#[test]
fn malformed_did_keys_are_errors_not_panics() {
    for bad in ["did:key:", "did:key:z", "did:key:z1", "did:key:zzzz", "did:key:z6Mk", "did:key:z6Mk#", "did:key:\u{0}", "did:key:z6Mk\u{1F600}"] {
        assert!(key::resolve(bad, &|_| Fetched::Missing).is_err(), "{bad:?}");
    }
    let long = format!("did:key:z{}", "1".repeat(10_000));
    assert_eq!(key::resolve(&long, &|_| Fetched::Missing), Err(key::KeyError::TooLong));
    // 32 bytes that do not decode to a curve point: a well-encoded did:key with a bad key.
    let bytes = (2u8..=255)
        .map(|y| {
            let mut b = [0u8; 32];
            b[0] = y;
            b
        })
        .find(|b| ed25519_dalek::VerifyingKey::from_bytes(b).is_err())
        .expect("some small y is not on the curve");
    let did = format!("did:key:{}", multibase::encode_ed25519_multikey(&bytes));
    assert_eq!(key::resolve(&did, &|_| Fetched::Missing), Err(key::KeyError::InvalidKey));
}
