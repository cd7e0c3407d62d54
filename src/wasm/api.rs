//! The functions JavaScript imports. They only convert: JS values in, [`crate::verify`] or the
//! renderer, JS values out.

use js_sys::{JsString, Uint8Array, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use super::options::{self, Misuse};
use super::render;
use super::view::Shown;
use crate::limits::MAX_INPUT_BYTES;
use crate::{Input, Report};

/// `verify(input, options?) → Promise<Report>`: verifies one credential.
///
/// `input` is credential text (a string), a parsed JSON object, or the bytes of a file
/// (`Uint8Array`). `options` may set `now` (RFC 3339 string or `Date`; default: the current
/// time), `network` (boolean, default `false`) and `documents` (`{ [url]: string | object }`).
///
/// Resolves with the report for every credential, good or bad. Rejects with a `TypeError`
/// carrying a `code` only when the call itself is wrong: a missing `input`, options of the
/// wrong type, or a `now` that is not a date.
#[wasm_bindgen(skip_typescript)]
pub async fn verify(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = options::from_js(&options).map_err(Misuse::into_js)?;
    let report = match read_input(&input).map_err(Misuse::into_js)? {
        Source::Text(text) => crate::verify(Input::Text(&text), &options),
        Source::Bytes(bytes) => crate::verify(Input::Bytes(&bytes), &options),
    };
    Ok(report_to_js(&report))
}

/// `renderBadge(target, report?, options?) → State`: draws a badge into `target` (a
/// `ShadowRoot` or an element), replacing what the renderer drew there before.
///
/// `report` is a report from `verify()`; `null` or `undefined` draws the loading state.
/// `options.lang` picks the locale for dates (default: the browser's). Returns the state
/// shown: `"loading"`, `"verified"`, `"invalid"`, `"expired"` or `"indeterminate"`.
#[wasm_bindgen(js_name = renderBadge, skip_typescript)]
pub fn render_badge(target: JsValue, report: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let target: web_sys::Node = target.dyn_into().map_err(|_| {
        Misuse::new("render.bad_target", "renderBadge needs a ShadowRoot or an element to draw into").into_js()
    })?;
    let report: Option<Shown> = if report.is_undefined() || report.is_null() {
        None
    } else {
        let report = serde_wasm_bindgen::from_value(report).map_err(|e| {
            Misuse::new("render.bad_report", format!("renderBadge needs a report from verify(): {e}")).into_js()
        })?;
        Some(report)
    };
    let lang = if options.is_object() {
        js_sys::Reflect::get(&options, &JsValue::from_str("lang")).ok().and_then(|v| v.as_string())
    } else {
        None
    };
    let state = render::render_shown(&target, report.as_ref(), lang.as_deref())?;
    Ok(JsValue::from_str(state.as_str()))
}

/// Input converted to something the core reads.
enum Source {
    Text(String),
    Bytes(Vec<u8>),
}

/// Strings stay text, `Uint8Array`s are bytes, and other values go through `JSON.stringify`.
///
/// Objects are stringified rather than walked with serde-wasm-bindgen on purpose: the engine's
/// own `JSON.stringify` rejects cycles and exotic values, and the core's bounded parser then
/// enforces the size, depth and duplicate-key limits. A recursive walk of a hostile or cyclic
/// object could overflow the WASM stack, which would break every badge on the page.
/// Oversized strings and arrays are cut to just over the limit before copying, so the core
/// still reports `input.too_large` without this copying gigabytes first.
fn read_input(input: &JsValue) -> Result<Source, Misuse> {
    const OVER_LIMIT: u32 = (MAX_INPUT_BYTES as u32).saturating_add(1);
    if input.is_undefined() {
        return Err(Misuse::new("input.missing", "verify() needs a credential: a string, an object or a Uint8Array"));
    }
    if let Some(bytes) = input.dyn_ref::<Uint8Array>() {
        let bytes = if bytes.length() > OVER_LIMIT { bytes.subarray(0, OVER_LIMIT) } else { bytes.clone() };
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
    report.serialize(&serializer).unwrap_or_else(|_| {
        // Plain structs of strings always serialize; this path only exists to stay total.
        JSON::parse(&report.to_json()).unwrap_or(JsValue::NULL)
    })
}
