//! Multibase (base58btc, `z…`) and multicodec prefixes, as did:key and Multikey use them.

use super::KeyError;
use crate::limits::MAX_MULTIBASE_CHARS;

/// Multicodec varint prefix of an Ed25519 public key (`0xed` as an unsigned varint).
pub const ED25519_PUB: [u8; 2] = [0xed, 0x01];

/// Decodes base58btc multibase text (`z` + base58). Other bases are not used for keys or
/// signatures by the suites we verify.
pub fn decode_base58btc(text: &str) -> Result<Vec<u8>, KeyError> {
    let body = text.strip_prefix('z').ok_or(KeyError::UnsupportedMultibase)?;
    if body.len() > MAX_MULTIBASE_CHARS {
        return Err(KeyError::TooLong);
    }
    bs58::decode(body).into_vec().map_err(|_| KeyError::BadMultibase)
}

/// Encodes bytes as base58btc multibase text.
pub fn encode_base58btc(bytes: &[u8]) -> String {
    let mut out = String::from("z");
    out.push_str(&bs58::encode(bytes).into_string());
    out
}

/// Decodes a multibase Ed25519 public key (`z6Mk…`): multicodec `0xed01` + 32 bytes.
pub fn decode_ed25519_multikey(text: &str) -> Result<[u8; 32], KeyError> {
    let bytes = decode_base58btc(text)?;
    let key = bytes.strip_prefix(&ED25519_PUB[..]).ok_or(KeyError::UnsupportedKeyType)?;
    <[u8; 32]>::try_from(key).map_err(|_| KeyError::BadKeyLength)
}

/// Encodes an Ed25519 public key as multibase Multikey text (`z6Mk…`).
pub fn encode_ed25519_multikey(key: &[u8; 32]) -> String {
    let mut bytes = Vec::with_capacity(34);
    bytes.extend_from_slice(&ED25519_PUB);
    bytes.extend_from_slice(key);
    encode_base58btc(&bytes)
}
