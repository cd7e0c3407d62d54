//! did:key (<https://w3c-ccg.github.io/did-method-key/>): the key is the DID. Ed25519
//! (multicodec `0xed`) and P-256 (`0x1200`, compressed point).

use super::{multibase, KeyError, PublicKey, ResolvedKey};

/// Multicodec varint prefix of a compressed P-256 public key (`0x1200`).
const P256_PUB: [u8; 2] = [0x80, 0x24];

/// Resolves a did:key verification method (`did:key:z…#z…` or the bare DID).
///
/// The fragment, when present, must name the DID's own key: a did:key document has exactly
/// one verification method, so any other fragment names nothing.
pub fn resolve(method: &str) -> Result<ResolvedKey, KeyError> {
    let (did, fragment) = match method.split_once('#') {
        Some((did, fragment)) => (did, Some(fragment)),
        None => (method, None),
    };
    let mb = did.strip_prefix("did:key:").ok_or(KeyError::UnsupportedMethod)?;
    if fragment.is_some_and(|f| f != mb) {
        return Err(KeyError::FragmentMismatch);
    }
    let bytes = multibase::decode_base58btc(mb)?;
    let public_key = if let Some(key) = bytes.strip_prefix(&multibase::ED25519_PUB[..]) {
        PublicKey::ed25519(key)?
    } else if let Some(key) = bytes.strip_prefix(&P256_PUB[..]) {
        PublicKey::p256_sec1(key)?
    } else {
        return Err(KeyError::UnsupportedKeyType);
    };
    Ok(ResolvedKey { controller: did.to_owned(), id: format!("{did}#{mb}"), public_key })
}

/// The did:key DID of an Ed25519 public key.
pub fn did_for(public_key: &[u8; 32]) -> String {
    format!("did:key:{}", multibase::encode_ed25519_multikey(public_key))
}

/// The verification method id (`did:key:z6Mk…#z6Mk…`) of an Ed25519 public key.
pub fn method_for(public_key: &[u8; 32]) -> String {
    let mb = multibase::encode_ed25519_multikey(public_key);
    format!("did:key:{mb}#{mb}")
}
