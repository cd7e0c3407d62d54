//! Exports for `cargo xtask bench` only (feature `bench-exports`, never in the published
//! package): the bare operations the targets compare `verify` against, built with the
//! same profile as the package so the ratio measures our overhead, not a compiler setting.

use wasm_bindgen::prelude::wasm_bindgen;

/// One bare Ed25519 check, as a baseline: decompress the 32-byte key, `verify_strict`.
/// `false` for a bad key, signature encoding or signature.
#[wasm_bindgen(js_name = benchEd25519Verify, skip_typescript)]
pub fn bench_ed25519_verify(public: &[u8], message: &[u8], signature: &[u8]) -> bool {
    let Ok(key) = <[u8; 32]>::try_from(public) else { return false };
    crate::proof::ed25519::verify(&key, message, signature).is_ok()
}
