//! The host loop around the sans-I/O core: ask [`crate::needs`] what is missing, fetch it
//! (only when the caller allows the network) and check signatures with WebCrypto, both through
//! `host.js`, then ask again, for at most [`MAX_ROUNDS`] rounds.
//!
//! Every answer goes into the options (`documents`, `failures`, `signatures`); the core then
//! judges with [`crate::verify`]. A fetch that fails is a reason in `failures`, never an error.

use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::proof::jose::{Alg, SignatureRequest};
use crate::{Input, Report, VerifyOptions};

/// Rounds of asking: a credential needs its issuer's DID document, then a status list, whose
/// own issuer's DID document comes after that.
pub(crate) const MAX_ROUNDS: usize = 4;

#[wasm_bindgen(module = "/src/wasm/host.js")]
extern "C" {
    /// `fetchDocument(url) → Promise<{ body?: string, error?: string }>`; never rejects.
    #[wasm_bindgen(js_name = fetchDocument)]
    fn fetch_document(url: &str) -> Promise;

    /// `checkSignature(alg, jwkJson, message, signature) → Promise<boolean | null>`.
    #[wasm_bindgen(js_name = checkSignature)]
    fn check_signature(alg: &str, jwk: &str, message: &[u8], signature: &[u8]) -> Promise;
}

/// The input again for each round (the core borrows it).
pub(crate) enum Source {
    /// Credential text.
    Text(String),
    /// File bytes (JSON, a JWT, or a baked PNG / SVG).
    Bytes(Vec<u8>),
}

impl Source {
    pub(crate) fn input(&self) -> Input<'_> {
        match self {
            Source::Text(text) => Input::Text(text),
            Source::Bytes(bytes) => Input::Bytes(bytes),
        }
    }
}

/// Verifies `source`, first filling `options` with what it needs, as far as the host can
/// supply it. The pipeline runs once when nothing can be supplied (the common case).
pub(crate) async fn verify(source: &Source, options: &mut VerifyOptions) -> Report {
    for _ in 0..MAX_ROUNDS {
        let (report, needs) = crate::verify_with_needs(source.input(), options);
        let urls: Vec<String> = if options.network {
            needs
                .documents
                .into_iter()
                .filter(|u| !options.documents.contains_key(u) && !options.failures.contains_key(u))
                .collect()
        } else {
            Vec::new()
        };
        let requests: Vec<SignatureRequest> =
            needs.signatures.into_iter().filter(|r| !options.signatures.contains_key(&r.id)).collect();
        if urls.is_empty() && requests.is_empty() {
            return report;
        }
        let mut progressed = false;
        for (url, result) in urls.iter().zip(settle(urls.iter().map(|u| fetch_document(u))).await) {
            let body = result.as_ref().and_then(|r| string(r, "body"));
            match body {
                Some(body) => {
                    options.documents.insert(url.clone(), body);
                }
                None => {
                    let reason = result
                        .as_ref()
                        .and_then(|r| string(r, "error"))
                        .unwrap_or_else(|| String::from("the download failed"));
                    options.failures.insert(url.clone(), reason);
                }
            }
            progressed = true;
        }
        let checks = requests.iter().map(|r| {
            let jwk = r.jwk.to_string();
            check_signature(alg_name(r.alg), &jwk, &r.message, &r.signature)
        });
        for (request, answer) in requests.iter().zip(settle(checks).await) {
            // `null` (no WebCrypto here): left unanswered, so the proof stays `unknown`.
            if let Some(valid) = answer.and_then(|a| a.as_bool()) {
                options.signatures.insert(request.id.clone(), valid);
                progressed = true;
            }
        }
        if !progressed {
            return report;
        }
    }
    crate::verify(source.input(), options)
}

/// Awaits every promise. host.js never rejects; if one did anyway, every answer is `None`.
async fn settle(promises: impl Iterator<Item = Promise>) -> Vec<Option<JsValue>> {
    let all: Array = promises.collect();
    let count = all.length();
    match JsFuture::from(Promise::all(&all)).await {
        Ok(values) => Array::from(&values).iter().map(Some).collect(),
        Err(_) => (0..count).map(|_| None).collect(),
    }
}

fn string(object: &JsValue, key: &str) -> Option<String> {
    Reflect::get(object, &JsValue::from_str(key)).ok().and_then(|v| v.as_string())
}

fn alg_name(alg: Alg) -> &'static str {
    match alg {
        Alg::EdDSA => "EdDSA",
        Alg::ES256 => "ES256",
        Alg::RS256 => "RS256",
        Alg::PS256 => "PS256",
    }
}
