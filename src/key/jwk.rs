//! Public keys of every type we verify with, and JSON Web Keys (RFC 7517) that carry them.
use serde_json::{Map, Value};

use super::{KeyError, ResolvedKey};
use crate::documents::Lookup;
use crate::limits::{MAX_RSA_BYTES, MIN_RSA_BYTES};

/// A public key.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PublicKey {
    /// Ed25519: a decompressed curve point (any 32 bytes that are not one are refused).
    Ed25519(ed25519_dalek::VerifyingKey),
    /// P-256, as a SEC1 point: compressed (33 bytes) or uncompressed (65 bytes).
    P256(Vec<u8>),
    /// RSA: modulus and public exponent, big-endian, without leading zeros.
    Rsa {
        /// The modulus.
        n: Vec<u8>,
        /// The public exponent.
        e: Vec<u8>,
    },
}

impl PublicKey {
    /// An Ed25519 key from 32 bytes that must decode to a curve point.
    pub fn ed25519(bytes: &[u8]) -> Result<PublicKey, KeyError> {
        let key = <[u8; 32]>::try_from(bytes).map_err(|_| KeyError::BadKeyLength)?;
        // Decompressed once, here: a non-point is "bad key", not "bad signature", and the
        // signature check reuses the point instead of decompressing it again.
        let key = ed25519_dalek::VerifyingKey::from_bytes(&key).map_err(|_| KeyError::InvalidKey)?;
        Ok(PublicKey::Ed25519(key))
    }

    /// A P-256 key from a SEC1 point (shape checked; on-curve checked when verifying).
    pub fn p256_sec1(bytes: &[u8]) -> Result<PublicKey, KeyError> {
        match (bytes.first(), bytes.len()) {
            (Some(2 | 3), 33) | (Some(4), 65) => Ok(PublicKey::P256(bytes.to_vec())),
            _ => Err(KeyError::BadKeyLength),
        }
    }

    /// The key's JOSE type name, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            PublicKey::Ed25519(_) => "Ed25519",
            PublicKey::P256(_) => "P-256",
            PublicKey::Rsa { .. } => "RSA",
        }
    }

    /// The key as a public JWK (for hosts that verify with WebCrypto).
    pub fn to_jwk(&self) -> Value {
        let b64 = |b: &[u8]| Value::String(crate::input::base64url::encode(b));
        let mut m = Map::new();
        match self {
            PublicKey::Ed25519(k) => {
                m.insert("kty".into(), "OKP".into());
                m.insert("crv".into(), "Ed25519".into());
                m.insert("x".into(), b64(k.as_bytes()));
            }
            PublicKey::P256(sec1) => {
                m.insert("kty".into(), "EC".into());
                m.insert("crv".into(), "P-256".into());
                // Compressed points have no y here; hosts import those as "raw" SEC1 instead.
                if let (Some(4), Some(x), Some(y)) = (sec1.first(), sec1.get(1..33), sec1.get(33..65)) {
                    m.insert("x".into(), b64(x));
                    m.insert("y".into(), b64(y));
                } else {
                    m.insert("sec1".into(), b64(sec1));
                }
            }
            PublicKey::Rsa { n, e } => {
                m.insert("kty".into(), "RSA".into());
                m.insert("n".into(), b64(n));
                m.insert("e".into(), b64(e));
            }
        }
        Value::Object(m)
    }
}

/// Parses a public JWK: `OKP`/`Ed25519`, `EC`/`P-256`, or `RSA` (2048 to 8192 bits).
pub fn parse(jwk: &Map<String, Value>) -> Result<PublicKey, KeyError> {
    let field = |name: &str| -> Result<Vec<u8>, KeyError> {
        let text = jwk.get(name).and_then(Value::as_str).ok_or(KeyError::InvalidKey)?;
        if text.len() > 2 * MAX_RSA_BYTES {
            return Err(KeyError::TooLong);
        }
        crate::input::base64url::decode(text).ok_or(KeyError::BadMultibase)
    };
    let crv = jwk.get("crv").and_then(Value::as_str);
    match (jwk.get("kty").and_then(Value::as_str), crv) {
        (Some("OKP"), Some("Ed25519")) => PublicKey::ed25519(&field("x")?),
        (Some("EC"), Some("P-256")) => {
            let (x, y) = (field("x")?, field("y")?);
            if x.len() != 32 || y.len() != 32 {
                return Err(KeyError::BadKeyLength);
            }
            let mut sec1 = Vec::with_capacity(65);
            sec1.push(4);
            sec1.extend_from_slice(&x);
            sec1.extend_from_slice(&y);
            Ok(PublicKey::P256(sec1))
        }
        (Some("RSA"), _) => {
            let n = strip_zeros(field("n")?);
            let e = strip_zeros(field("e")?);
            if n.len() < MIN_RSA_BYTES || n.len() > MAX_RSA_BYTES || e.is_empty() || e.len() > 8 {
                return Err(KeyError::InvalidKey);
            }
            Ok(PublicKey::Rsa { n, e })
        }
        _ => Err(KeyError::UnsupportedKeyType),
    }
}

fn strip_zeros(mut v: Vec<u8>) -> Vec<u8> {
    let zeros = v.iter().take_while(|&&b| b == 0).count();
    v.drain(..zeros);
    v
}

/// Resolves an HTTPS key URL (`https://issuer.example/keys#k1`): the document at the URL is a
/// JWK, a JWK Set (the fragment or `kid` picks the key), or a controller document shaped like a
/// DID document (`id` = the URL, `verificationMethod`, `assertionMethod`). The controller is
/// the URL without its fragment.
pub fn resolve_url(method: &str, lookup: &Lookup<'_>) -> Result<ResolvedKey, KeyError> {
    let (url, fragment) = match method.split_once('#') {
        Some((u, f)) => (u, Some(f)),
        None => (method, None),
    };
    let text = super::document(url, lookup)?;
    let doc = crate::input::parse_json(text).map_err(|_| KeyError::BadDocument)?;
    let doc = doc.as_object().ok_or(KeyError::BadDocument)?;
    if doc.contains_key("verificationMethod") || doc.contains_key("assertionMethod") {
        return super::did_document::assertion_key(text, url, method);
    }
    let jwk = match doc.get("keys") {
        Some(Value::Array(keys)) => {
            let kid_matches = |k: &&Value| {
                let kid = k.get("kid").and_then(Value::as_str);
                kid == Some(method) || (fragment.is_some() && kid == fragment)
            };
            match (keys.iter().find(kid_matches), keys.as_slice()) {
                (Some(k), _) => k,
                (None, [only]) if fragment.is_none() => only,
                _ => return Err(KeyError::FragmentMismatch),
            }
        }
        _ => {
            if let (Some(f), Some(kid)) = (fragment, doc.get("kid").and_then(Value::as_str)) {
                if kid != f && kid != method {
                    return Err(KeyError::FragmentMismatch);
                }
            }
            doc.get("kty").map(|_| &Value::Null).ok_or(KeyError::BadDocument)?;
            return Ok(ResolvedKey { controller: url.to_owned(), id: method.to_owned(), public_key: parse(doc)? });
        }
    };
    let jwk = jwk.as_object().ok_or(KeyError::BadDocument)?;
    Ok(ResolvedKey { controller: url.to_owned(), id: method.to_owned(), public_key: parse(jwk)? })
}
