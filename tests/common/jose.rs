//! JOSE helpers shared by the native tests: keys, signers and compact JWS by hand.

use verified_badge::input::base64url;
use serde_json::{json, Value};

/// Base64url without padding.
pub fn b64(bytes: &[u8]) -> String {
    base64url::encode(bytes)
}

/// A compact JWS with any header and payload, signed by `sign`.
pub fn jws(header: &Value, payload: &Value, sign: impl Fn(&[u8]) -> Vec<u8>) -> String {
    let input = format!("{}.{}", b64(header.to_string().as_bytes()), b64(payload.to_string().as_bytes()));
    let sig = sign(input.as_bytes());
    format!("{input}.{}", b64(&sig))
}

/// A fixed P-256 test key.
pub fn p256_key() -> p256::ecdsa::SigningKey {
    p256::ecdsa::SigningKey::from_slice(&[0x42; 32]).unwrap()
}

/// An ES256 signer.
pub fn es256(key: &p256::ecdsa::SigningKey) -> impl Fn(&[u8]) -> Vec<u8> + '_ {
    move |m| {
        use p256::ecdsa::signature::Signer;
        let s: p256::ecdsa::Signature = key.sign(m);
        s.to_bytes().to_vec()
    }
}

/// The public JWK of a P-256 key.
pub fn p256_jwk(key: &p256::ecdsa::SigningKey) -> Value {
    let point = key.verifying_key().to_encoded_point(false);
    json!({"kty": "EC", "crv": "P-256", "x": b64(point.x().unwrap()), "y": b64(point.y().unwrap())})
}

/// A fixed 2048-bit RSA test key (seeded RNG).
pub fn rsa_key() -> rsa::RsaPrivateKey {
    use rand::SeedableRng;
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    rsa::RsaPrivateKey::new(&mut rng, 2048).unwrap()
}

/// The public JWK of an RSA key.
pub fn rsa_jwk(key: &rsa::RsaPrivateKey) -> Value {
    use rsa::traits::PublicKeyParts;
    json!({"kty": "RSA", "n": b64(&key.n().to_bytes_be()), "e": b64(&key.e().to_bytes_be())})
}

/// An RS256 signer.
pub fn rs256(key: &rsa::RsaPrivateKey) -> impl Fn(&[u8]) -> Vec<u8> + '_ {
    move |m| {
        use rsa::signature::{SignatureEncoding, Signer};
        rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key.clone()).sign(m).to_vec()
    }
}

/// A PS256 signer.
pub fn ps256(key: &rsa::RsaPrivateKey) -> impl Fn(&[u8]) -> Vec<u8> + '_ {
    move |m| {
        use rand::SeedableRng;
        use rsa::signature::{RandomizedSigner, SignatureEncoding};
        let mut rng = rand::rngs::StdRng::seed_from_u64(9);
        rsa::pss::SigningKey::<sha2::Sha256>::new(key.clone()).sign_with_rng(&mut rng, m).to_vec()
    }
}

/// The did:jwk of a JWK.
pub fn did_jwk(jwk: &Value) -> String {
    format!("did:jwk:{}", b64(jwk.to_string().as_bytes()))
}

/// A did:web DID document with one JsonWebKey2020 method.
pub fn did_web_doc(did: &str, vm_id: &str, jwk: &Value, assertion: Value) -> String {
    json!({
        "@context": ["https://www.w3.org/ns/did/v1"],
        "id": did,
        "verificationMethod": [{"id": vm_id, "type": "JsonWebKey2020", "controller": did, "publicKeyJwk": jwk}],
        "assertionMethod": assertion
    })
    .to_string()
}
