//! Compact JWS (RFC 7515 §7.1): `header.payload.signature`, each base64url, decoded with
//! size limits and strict header rules. Only the structure is checked here; the signature
//! is checked in `proof::jose`.
use serde_json::{Map, Value};

use crate::limits::MAX_JWT_BYTES;
use crate::report::{Code, Status};

/// A decoded compact JWS.
#[derive(Debug, Clone)]
pub struct Jws {
    /// The protected header.
    pub header: Map<String, Value>,
    /// The payload (JWT claims).
    pub payload: Map<String, Value>,
    /// `base64url(header) . base64url(payload)`: the bytes that were signed.
    pub signing_input: String,
    /// The signature bytes.
    pub signature: Vec<u8>,
}

/// Why a compact JWS could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum JwsError {
    /// Larger than [`MAX_JWT_BYTES`].
    TooLarge,
    /// Not three dot-separated base64url parts.
    Malformed,
    /// A part is not valid base64url.
    BadBase64,
    /// The header is not a JSON object.
    BadHeader,
    /// The payload is not a JSON object.
    BadPayload,
    /// `alg` is `none`: an unsigned token is never verified.
    AlgNone,
    /// `alg` is missing, an HMAC algorithm, or one we do not support.
    UnsupportedAlg,
    /// `crit` names header parameters we do not understand (RFC 7515 §4.1.11).
    UnsupportedCrit,
}

impl Code for JwsError {
    fn code(&self) -> &'static str {
        match self {
            JwsError::TooLarge => "jwt.too_large",
            JwsError::Malformed => "jwt.malformed",
            JwsError::BadBase64 => "jwt.bad_base64",
            JwsError::BadHeader => "jwt.bad_header",
            JwsError::BadPayload => "jwt.bad_payload",
            JwsError::AlgNone => "jwt.alg_none",
            JwsError::UnsupportedAlg => "jwt.unsupported_alg",
            JwsError::UnsupportedCrit => "jwt.unsupported_crit",
        }
    }

    fn status(&self) -> Status {
        Status::Failed
    }

    fn message(&self) -> String {
        match self {
            JwsError::TooLarge => format!("the token is larger than {MAX_JWT_BYTES} bytes"),
            JwsError::Malformed => String::from("the token is not a compact JWS (three base64url parts)"),
            JwsError::BadBase64 => String::from("a part of the token is not valid base64url"),
            JwsError::BadHeader => String::from("the token's header is not a JSON object"),
            JwsError::BadPayload => String::from("the token's payload is not a JSON object"),
            JwsError::AlgNone => String::from("the token is unsigned (alg \"none\")"),
            JwsError::UnsupportedAlg => String::from("the token's algorithm is not one of EdDSA, ES256, RS256, PS256"),
            JwsError::UnsupportedCrit => String::from("the token marks header parameters as critical that this verifier does not understand"),
        }
    }
}

/// Whether text has the shape of a compact JWS (cheap; decides the input format).
pub fn looks_like_jws(text: &str) -> bool {
    let text = text.trim();
    let b64 = |s: &str| !s.is_empty() && super::base64url::in_alphabet(s);
    let mut parts = text.split('.');
    matches!((parts.next(), parts.next(), parts.next(), parts.next()), (Some(h), Some(p), Some(_), None) if b64(h) && b64(p))
}

/// Decodes a compact JWS.
pub fn parse(text: &str) -> Result<Jws, JwsError> {
    let text = text.trim();
    if text.len() > MAX_JWT_BYTES {
        return Err(JwsError::TooLarge);
    }
    let mut parts = text.splitn(3, '.');
    let (Some(h), Some(p), Some(s)) = (parts.next(), parts.next(), parts.next()) else { return Err(JwsError::Malformed) };
    if s.contains('.') {
        return Err(JwsError::Malformed);
    }
    let signing_input = text.get(..h.len().saturating_add(1).saturating_add(p.len())).ok_or(JwsError::Malformed)?.to_owned();
    let json = |part: &str, err: JwsError| -> Result<Map<String, Value>, JwsError> {
        let bytes = super::base64url::decode(part).ok_or(JwsError::BadBase64)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| err)?;
        match super::parse_json(text).map_err(|_| err)? {
            Value::Object(m) => Ok(m),
            _ => Err(err),
        }
    };
    let header = json(h, JwsError::BadHeader)?;
    let payload = json(p, JwsError::BadPayload)?;
    let signature = super::base64url::decode(s).ok_or(JwsError::BadBase64)?;
    match header.get("alg").and_then(Value::as_str) {
        Some("none") => return Err(JwsError::AlgNone),
        Some("EdDSA" | "ES256" | "RS256" | "PS256") => {}
        _ => return Err(JwsError::UnsupportedAlg),
    }
    // We implement no extension header parameter, so any `crit` entry is one we don't understand.
    if header.contains_key("crit") {
        return Err(JwsError::UnsupportedCrit);
    }
    Ok(Jws { header, payload, signing_input, signature })
}
