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

/// The work of checking the `eddsa-rdfc-2022` proof of the credential `text` up to `stage`:
/// 0 parses the JSON only; 1 adds the unsecured document as RDF (expansion and toRdf); 2 its
/// RDFC-1.0; 3 the proof configuration's canonical N-Quads; 4 the two SHA-256 hashes. The
/// bench times each against the full `verify` to show where a warm verification goes.
/// Returns the size of what the last stage made, or -1 if a stage failed.
#[wasm_bindgen(js_name = benchRdfcStages, skip_typescript)]
pub fn bench_rdfc_stages(text: &str, stage: u32) -> f64 {
    use crate::proof::linked_data::{stages, Stage};
    let Ok(value) = crate::input::parse_json(text) else { return -1.0 };
    let (Some(credential), Some(proof)) = (value.as_object(), value.get("proof").and_then(|p| p.as_object())) else {
        return -1.0;
    };
    let stage = match stage {
        0 => return credential.len() as f64,
        1 => Stage::UnsecuredRdf,
        2 => Stage::UnsecuredCanonical,
        3 => Stage::Config,
        _ => Stage::Hashes,
    };
    stages(credential, proof, stage).map_or(-1.0, |n| n as f64)
}
