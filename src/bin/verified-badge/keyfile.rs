//! Issuer key files: a Multikey document (W3C Controlled Identifiers § 2.2.2) with the secret
//! key in `secretKeyMultibase` — multicodec `ed25519-priv` (0x1300) + the 32-byte seed, in
//! base58btc — the shape digitalbazaar's `@digitalbazaar/ed25519-multikey` reads and writes.

use std::io::Write;

use serde_json::{json, Value};
use verified_badge::issue::Issuer;
use verified_badge::key::multibase;
use zeroize::Zeroizing;

use crate::error::Fatal;

/// Multicodec `ed25519-priv` (0x1300) as an unsigned varint.
const ED25519_PRIV: [u8; 2] = [0x80, 0x26];

/// Largest key file read, in bytes.
const MAX_KEY_FILE_BYTES: usize = 16 * 1024;

/// A fresh seed from the operating system's random number generator.
pub fn generate() -> Result<Zeroizing<[u8; 32]>, Fatal> {
    let mut seed = Zeroizing::new([0u8; 32]);
    getrandom::getrandom(seed.as_mut_slice())
        .map_err(|e| Fatal::Other(format!("the operating system's random number generator failed: {e}")))?;
    Ok(seed)
}

/// The key file for `seed`, as pretty JSON text.
pub fn document(seed: &[u8; 32]) -> Zeroizing<String> {
    let issuer = Issuer::from_seed(seed);
    let method = issuer.verification_method();
    let public = method.split_once('#').map(|(_, fragment)| fragment.to_owned()).unwrap_or_default();
    let mut secret = Zeroizing::new(Vec::with_capacity(34));
    secret.extend_from_slice(&ED25519_PRIV);
    secret.extend_from_slice(seed);
    let doc = json!({
        "@context": "https://w3id.org/security/multikey/v1",
        "type": "Multikey",
        "id": method,
        "controller": issuer.did(),
        "publicKeyMultibase": public,
        "secretKeyMultibase": multibase::encode_base58btc(&secret),
    });
    let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    Zeroizing::new(text + "\n")
}

/// Writes a new key file readable by its owner only (mode 0600 on Unix). Never overwrites.
pub fn write_new(path: &str, text: &str) -> Result<(), Fatal> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            Fatal::io(path, std::io::Error::new(e.kind(), "already exists; keygen never overwrites a key file"))
        }
        _ => Fatal::io(path, e),
    })?;
    file.write_all(text.as_bytes()).and_then(|()| file.sync_all()).map_err(|e| Fatal::io(path, e))
}

/// The issuer in a key file. The public key, id and controller, when present, must match the
/// secret key.
pub fn read(path: &str) -> Result<Issuer, Fatal> {
    let bytes = Zeroizing::new(crate::args::read_input(path)?);
    if bytes.len() > MAX_KEY_FILE_BYTES {
        return Err(Fatal::data(path, "too large for a key file"));
    }
    let doc: Value = serde_json::from_slice(&bytes).map_err(|_| Fatal::data(path, "not a JSON key file"))?;
    let secret = doc
        .get("secretKeyMultibase")
        .and_then(Value::as_str)
        .ok_or_else(|| Fatal::data(path, "no secretKeyMultibase: not a private key file"))?;
    let decoded = Zeroizing::new(multibase::decode_base58btc(secret).map_err(|_| Fatal::data(path, "secretKeyMultibase is not base58btc multibase"))?);
    let key = decoded.strip_prefix(&ED25519_PRIV[..]).ok_or_else(|| Fatal::data(path, "secretKeyMultibase is not an Ed25519 private key"))?;
    // 32 bytes is the seed; 64 is seed + public key (as NaCl-style libraries store it).
    let seed = key.get(..32).filter(|_| key.len() == 32 || key.len() == 64).ok_or_else(|| Fatal::data(path, "the Ed25519 private key has the wrong length"))?;
    let mut array = Zeroizing::new([0u8; 32]);
    array.copy_from_slice(seed);
    let issuer = Issuer::from_seed(&array);
    let method = issuer.verification_method();
    let public = method.split_once('#').map(|(_, f)| f).unwrap_or_default();
    let public_bytes = multibase::decode_ed25519_multikey(public).unwrap_or_default();
    let claims_match = [
        ("publicKeyMultibase", public.to_owned()),
        ("controller", issuer.did()),
        ("id", method.clone()),
    ]
    .iter()
    .all(|(field, expected)| doc.get(*field).and_then(Value::as_str).is_none_or(|v| v == expected));
    let tail_matches = key.get(32..).is_none_or(|tail| tail.is_empty() || tail == public_bytes.as_slice());
    if !claims_match || !tail_matches {
        return Err(Fatal::data(path, "the key file's public key, id or controller does not match its secret key"));
    }
    Ok(issuer)
}
