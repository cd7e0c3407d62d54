//! The functions JavaScript imports. They only convert: JS values in, [`crate::verify`] or the
//! renderer, JS values out.

use js_sys::{JsString, Uint8Array, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use super::extras::Extras;
use super::host::{self, Source};
use super::options::{self, Misuse};
use super::render;
use super::trust;
use super::view::Shown;
use crate::baked::MAX_IMAGE_BYTES;
use crate::input::Parsed;
use crate::limits::MAX_INPUT_BYTES;
use crate::Report;

/// `verify(input, options?) → Promise<Report>`: verifies one credential.
///
/// `input` is credential text (JSON or a compact JWS), a parsed JSON object, or the bytes of
/// a file (`Uint8Array`: JSON, a JWT, or a baked PNG / SVG badge). `options` may set `now`
/// (RFC 3339 string or `Date`; default: the current time), `clockSkew` (seconds, default 300),
/// `network` (boolean, default `false`), `documents` (`{ [url]: string | object }`),
/// `recipient` (`{ email: … }`, adds a `recipient` check) and `trust` (`{ issuers: [...] }`).
///
/// Before the verdict the host loop runs (see `host.rs`): documents the credential needs are
/// fetched when `network` is on, and ES256 / RS256 / PS256 signatures are checked with
/// WebCrypto. Resolves with the report for every credential, good or bad. Rejects with a
/// `TypeError` carrying a `code` only when the call itself is wrong: a missing `input`,
/// options of the wrong type, or a `now` that is not a date.
#[wasm_bindgen(skip_typescript)]
pub async fn verify(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options::Options { verify: mut options, trust } = options::from_js(&options).map_err(Misuse::into_js)?;
    let source = read_input(&input).map_err(Misuse::into_js)?;
    let mut report = host::verify(&source, &mut options).await;
    if let Some(trust) = &trust {
        trust::apply(&mut report, trust);
    }
    Ok(report_to_js(&report))
}

/// `checkRecipient(credential, recipient) → { match, code, message }`: "is this badge yours?"
///
/// `recipient` is `{ email | url | phone | name | <any OB 3.0 identityType>: value }` with one
/// identity. The value is compared (hashed with the credential's salt when the credential
/// stores a hash) in this page: it is never sent anywhere. `match` is `"match"`,
/// `"mismatch"`, `"no-identifier"` (the credential names no identity of that type),
/// `"unsupported-hash"`, or `"unreadable"` (the credential itself could not be read; `code`
/// then says why). This does not verify the credential: use `verify()` for that.
#[wasm_bindgen(js_name = checkRecipient, skip_typescript)]
pub fn check_recipient(credential: JsValue, recipient: JsValue) -> Result<JsValue, JsValue> {
    use crate::report::Code;
    use crate::RecipientMatch;
    let who = options::recipient_from_js(&recipient).map_err(Misuse::into_js)?;
    let source = read_input(&credential).map_err(Misuse::into_js)?;
    let doc = match crate::input::read(source.input()) {
        Ok(Parsed::Json(serde_json::Value::Object(doc))) => Ok(doc),
        Ok(Parsed::Json(_)) => Err((String::from("input.not_object"), String::from("the input is not a JSON object"))),
        Ok(Parsed::Jws(mut jws)) => crate::credential::jwt::credential(&mut jws)
            .map(|(_, doc)| doc)
            .map_err(|e| (e.code().to_owned(), e.message())),
        Err(e) => Err((e.code().to_owned(), e.message())),
    };
    let (word, code, message) = match doc {
        Ok(doc) => {
            let found = crate::credential::recipient::check(&doc, &who);
            let word = match found {
                RecipientMatch::Match => "match",
                RecipientMatch::NoMatch => "mismatch",
                RecipientMatch::NoIdentifier => "no-identifier",
                _ => "unsupported-hash",
            };
            (word, found.code().to_owned(), found.message())
        }
        Err((code, message)) => ("unreadable", code, message),
    };
    let result = js_sys::Object::new();
    for (key, value) in [("match", word), ("code", code.as_str()), ("message", message.as_str())] {
        js_sys::Reflect::set(&result, &JsValue::from_str(key), &JsValue::from_str(value))?;
    }
    Ok(result.into())
}

/// `summarize(reports) → CollectionSummary`: what a set of reports adds up to — how many are
/// verified, invalid and indeterminate; skills (from achievements' `alignment`), tags and
/// issuers with how many credentials claim each and how many of those are verified.
///
/// `reports` is an array of reports from `verify()`. The array goes through `JSON.stringify`
/// (cycles and exotic values are refused, never walked) and is read by the core's types. Throws
/// a `TypeError` with `code` `summarize.bad_reports` when it is not an array of reports.
#[wasm_bindgen(skip_typescript)]
pub fn summarize(reports: JsValue) -> Result<JsValue, JsValue> {
    let bad = |why: String| Misuse::new("summarize.bad_reports", format!("summarize() needs an array of reports from verify(): {why}")).into_js();
    if !js_sys::Array::is_array(&reports) {
        return Err(bad(String::from("not an array")));
    }
    let text = JSON::stringify(&reports).ok().and_then(|s| s.as_string()).ok_or_else(|| bad(String::from("not JSON")))?;
    let reports: Vec<Report> = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
    let summary = crate::collection::summarize(&reports);
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    summary.serialize(&serializer).map_err(|e| bad(e.to_string()))
}

/// `renderBadge(target, report?, options?) → State`: draws a badge into `target` (a
/// `ShadowRoot` or an element), replacing what the renderer drew there before.
///
/// `report` is a report from `verify()`; `null` or `undefined` draws the loading state.
/// `options.lang` picks the words and the date format (default: English words, the browser's
/// date format). Returns the state shown: `"loading"`, `"verified"`, `"invalid"`, `"expired"`,
/// `"revoked"`, `"suspended"`, `"status-unknown"`, `"untrusted"` or `"indeterminate"`.
#[wasm_bindgen(js_name = renderBadge, skip_typescript)]
pub fn render_badge(target: JsValue, report: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let target: web_sys::Node = target.dyn_into().map_err(|_| {
        Misuse::new("render.bad_target", "renderBadge needs a ShadowRoot or an element to draw into").into_js()
    })?;
    let report: Option<Shown> = if report.is_undefined() || report.is_null() {
        None
    } else {
        let report = from_js_json(&report).map_err(|e| {
            Misuse::new("render.bad_report", format!("renderBadge needs a report from verify(): {e}")).into_js()
        })?;
        Some(report)
    };
    let lang = option_string(&options, "lang");
    // Extras come from `inspect` (the element's own call); anything else is ignored.
    let extras: Option<Extras> = option(&options, "extras").and_then(|e| from_js_json(&e).ok());
    let idle = option(&options, "idle").and_then(|v| v.as_bool()).unwrap_or(false);
    let state = render::render_shown(&target, report.as_ref(), lang.as_deref(), extras.as_ref(), idle)?;
    Ok(JsValue::from_str(state.as_str()))
}

/// A JS value read into a core type through `JSON.stringify` and serde_json: the same parser
/// as everything else (serde-wasm-bindgen's deserializer added 4.2 KB gzip for two
/// structs), and the engine's own `JSON.stringify` refuses cycles before Rust walks anything.
fn from_js_json<T: serde::de::DeserializeOwned>(value: &JsValue) -> Result<T, String> {
    let text = JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| String::from("not JSON (a cycle, or a value JSON cannot hold)"))?;
    // serde_json stops at 128 levels of nesting: no deep recursion whatever the value.
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// The element's own call: what the details show beyond the report (skills, evidence,
/// endorsement comments), read from the same input as `verify()`.
pub(crate) fn inspect(input: JsValue) -> JsValue {
    let Ok(source) = read_input(&input) else { return JsValue::NULL };
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    Extras::of_input(source.input()).serialize(&serializer).unwrap_or(JsValue::NULL)
}

/// The element's own call: the answer of `checkRecipient()` in words, in the details.
pub(crate) fn render_recipient(target: JsValue, answer: JsValue, options: JsValue) -> Result<(), JsValue> {
    let Some(target) = target.dyn_ref::<web_sys::Node>() else { return Ok(()) };
    let lang = option_string(&options, "lang");
    render::render_recipient(target, &answer.as_string().unwrap_or_default(), lang.as_deref())
}

fn option(options: &JsValue, key: &str) -> Option<JsValue> {
    if !options.is_object() {
        return None;
    }
    js_sys::Reflect::get(options, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn option_string(options: &JsValue, key: &str) -> Option<String> {
    option(options, key).and_then(|v| v.as_string()).filter(|s| !s.is_empty())
}

/// Strings stay text, `Uint8Array`s are bytes, and other values go through `JSON.stringify`.
///
/// Objects are stringified rather than walked with serde-wasm-bindgen on purpose: the engine's
/// own `JSON.stringify` rejects cycles and exotic values, and the core's bounded parser then
/// enforces the size, depth and duplicate-key limits. A recursive walk of a hostile or cyclic
/// object could overflow the WASM stack, which would break every badge on the page.
/// Oversized strings and arrays are cut to just over the limit before copying, so the core
/// still reports `input.too_large` without this copying gigabytes first. Bytes may be a baked
/// image, whose limit ([`MAX_IMAGE_BYTES`]) is larger than a credential's.
fn read_input(input: &JsValue) -> Result<Source, Misuse> {
    const OVER_LIMIT: u32 = (MAX_INPUT_BYTES as u32).saturating_add(1);
    const OVER_IMAGE_LIMIT: u32 = (MAX_IMAGE_BYTES as u32).saturating_add(1);
    if input.is_undefined() {
        return Err(Misuse::new("input.missing", "verify() needs a credential: a string, an object or a Uint8Array"));
    }
    if let Some(bytes) = input.dyn_ref::<Uint8Array>() {
        let bytes =
            if bytes.length() > OVER_IMAGE_LIMIT { bytes.subarray(0, OVER_IMAGE_LIMIT) } else { bytes.clone() };
        return Ok(Source::Bytes(bytes.to_vec()));
    }
    if input.is_function() || input.is_symbol() || input.is_bigint() {
        return Err(Misuse::new("input.bad_type", "verify() needs a credential: a string, an object or a Uint8Array"));
    }
    let text: JsString = match input.dyn_ref::<JsString>() {
        Some(text) => text.clone(),
        // JSON.stringify throws on cycles; that is a bad credential, not misuse: the core sees
        // text that is not JSON and reports `input.not_json`.
        // It returns `undefined` for an object whose `toJSON()` does; that is no JSON either.
        None => JSON::stringify(input).ok().filter(|s| s.is_string()).unwrap_or_else(|| JsString::from("")),
    };
    // Each UTF-16 unit is at least one UTF-8 byte, so a cut string is still too large.
    let text = if text.length() > OVER_LIMIT { text.substring(0, OVER_LIMIT) } else { text };
    Ok(Source::Text(String::from(text)))
}

/// The report as plain JS objects and arrays (no `Map`s), the same shape as its JSON.
fn report_to_js(report: &Report) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    // Plain structs of strings always serialize; the fallback only keeps this total. It is
    // a fixed text, not `report.to_json()`: that would carry serde_json's serializer for the
    // report into the module for a path never taken (1.8 KB gzip, measured).
    report.serialize(&serializer).unwrap_or_else(|_| JSON::parse(crate::report::UNSERIALIZABLE).unwrap_or(JsValue::NULL))
}
