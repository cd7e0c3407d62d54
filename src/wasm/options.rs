//! JavaScript `options` → [`VerifyOptions`], and the errors `verify()` rejects with.
//!
//! Only misuse rejects: options of the wrong type, a `now` that is not a date. A bad
//! credential is never an error here; it becomes an `invalid` report in the core.

use std::collections::BTreeMap;

use js_sys::{Array, Date, JsString, Object, Reflect, JSON};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsThreadLocal, JsValue};

use super::trust::Trust;
use crate::{Recipient, Timestamp, VerifyOptions};

/// The options of `verify()`: the core's, plus the embedder's issuer trust list.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    pub(crate) verify: VerifyOptions,
    pub(crate) trust: Option<Trust>,
}

/// A misuse of the JavaScript API: becomes a JS `TypeError` with a stable `code` property.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Misuse {
    /// A stable dotted code, e.g. `options.bad_now`.
    pub(crate) code: &'static str,
    /// What was wrong, for the developer reading the console.
    pub(crate) message: String,
}

impl Misuse {
    pub(crate) fn new(code: &'static str, message: impl Into<String>) -> Self {
        Misuse { code, message: message.into() }
    }

    /// The `TypeError` handed to JavaScript, with `code` set.
    pub(crate) fn into_js(self) -> JsValue {
        let error = js_sys::TypeError::new(&format!("verified-badge: {}", self.message));
        // Setting a property on a fresh Error object cannot fail; ignore the impossible case.
        let _ = Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(self.code));
        error.into()
    }
}

/// Reads `options` (`undefined`, `null` or an object) into [`VerifyOptions`].
///
/// Unknown properties are ignored so that newer callers work with older packages.
pub(crate) fn from_js(options: &JsValue) -> Result<Options, Misuse> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options { verify: VerifyOptions::new(now_from_clock()), trust: None });
    }
    if !is_plain_object(options) {
        return Err(Misuse::new("options.not_object", "options must be an object"));
    }
    let now = match get(options, &NOW, "now")? {
        None => now_from_clock(),
        Some(value) => now_from_js(&value)?,
    };
    let network = match get(options, &NETWORK, "network")? {
        None => false,
        Some(value) => {
            value.as_bool().ok_or_else(|| Misuse::new("options.bad_network", "options.network must be a boolean"))?
        }
    };
    let documents = match get(options, &DOCUMENTS, "documents")? {
        None => BTreeMap::new(),
        Some(value) => documents_from_js(&value)?,
    };
    let clock_skew = match get(options, &CLOCK_SKEW, "clockSkew")? {
        None => crate::DEFAULT_CLOCK_SKEW,
        Some(value) => value
            .as_f64()
            .filter(|s| s.is_finite() && *s >= 0.0 && *s <= 1e9 && s.fract() == 0.0)
            .map(|s| s as i64)
            .ok_or_else(|| Misuse::new("options.bad_clock_skew", "options.clockSkew must be a whole number of seconds, 0 or more"))?,
    };
    let recipient = match get(options, &RECIPIENT, "recipient")? {
        None => None,
        Some(value) => Some(recipient_from_js(&value)?),
    };
    let trust = match get(options, &TRUST, "trust")? {
        None => None,
        Some(value) => Some(trust_from_js(&value)?),
    };
    // Built from `new` so that fields added to the core later keep their defaults.
    let mut verify_options = VerifyOptions::new(now);
    verify_options.network = network;
    verify_options.documents = documents;
    verify_options.clock_skew = clock_skew;
    verify_options.recipient = recipient;
    Ok(Options { verify: verify_options, trust })
}

/// A recipient: an object with exactly one identity, `{ email | url | phone | name | <any OB 3.0
/// identityType>: value }`.
pub(crate) fn recipient_from_js(value: &JsValue) -> Result<Recipient, Misuse> {
    let bad = || {
        Misuse::new(
            "recipient.bad",
            "the recipient must be an object with one identity, e.g. { email: 'alice@example.com' }",
        )
    };
    if !is_plain_object(value) {
        return Err(bad());
    }
    let mut found = None;
    for entry in Object::entries(value.unchecked_ref::<Object>()).iter() {
        let entry: Array = entry.unchecked_into();
        let (Some(kind), body) = (entry.get(0).as_string(), entry.get(1)) else { continue };
        if body.is_undefined() || body.is_null() {
            continue;
        }
        let text = body.as_string().filter(|t| !t.trim().is_empty()).ok_or_else(bad)?;
        if found.is_some() || kind.is_empty() {
            return Err(bad());
        }
        found = Some(Recipient::new(&kind, &text));
    }
    found.ok_or_else(bad)
}

/// `trust`: `{ issuers: string[] }` (the trusted issuer ids), or `{ error: string }` when the
/// embedder could not load its list.
fn trust_from_js(value: &JsValue) -> Result<Trust, Misuse> {
    let bad = || {
        Misuse::new("options.bad_trust", "options.trust must be { issuers: [issuer ids] } or { error: 'reason' }")
    };
    if !is_plain_object(value) {
        return Err(bad());
    }
    if let Some(error) = get_named(value, "error")? {
        return Ok(Trust::Unavailable(error.as_string().ok_or_else(bad)?));
    }
    let issuers = get_named(value, "issuers")?.ok_or_else(bad)?;
    if !Array::is_array(&issuers) {
        return Err(bad());
    }
    let issuers: Array = issuers.unchecked_into();
    let ids = issuers.iter().map(|i| i.as_string().ok_or_else(bad)).collect::<Result<Vec<String>, Misuse>>()?;
    Ok(Trust::Issuers(ids))
}

/// The current time from the JavaScript clock, truncated to seconds.
fn now_from_clock() -> Timestamp {
    timestamp_from_millis(Date::now())
}

fn timestamp_from_millis(millis: f64) -> Timestamp {
    // `as` saturates for out-of-range floats (and maps NaN to 0); Date.now() is always finite.
    Timestamp((millis / 1000.0).floor() as i64)
}

/// `now`: an RFC 3339 string (`2025-01-01T00:00:00Z`) or a valid `Date`.
fn now_from_js(value: &JsValue) -> Result<Timestamp, Misuse> {
    if let Some(text) = value.as_string() {
        return Timestamp::parse(&text).map_err(|e| {
            Misuse::new("options.bad_now", format!("options.now is not an RFC 3339 date-time ({e}): {}", clip(&text)))
        });
    }
    if let Some(date) = value.dyn_ref::<Date>() {
        let millis = date.get_time();
        if millis.is_finite() {
            return Ok(timestamp_from_millis(millis));
        }
        return Err(Misuse::new("options.bad_now", "options.now is an invalid Date"));
    }
    Err(Misuse::new(
        "options.bad_now",
        "options.now must be an RFC 3339 string such as 2025-01-01T00:00:00Z, or a Date",
    ))
}

/// `documents`: `{ [url]: string | object }`; objects are JSON-stringified.
fn documents_from_js(value: &JsValue) -> Result<BTreeMap<String, String>, Misuse> {
    let bad = |message: String| Misuse::new("options.bad_documents", message);
    if !is_plain_object(value) {
        return Err(bad(String::from("options.documents must be an object mapping URLs to JSON text or objects")));
    }
    let mut documents = BTreeMap::new();
    for entry in Object::entries(value.unchecked_ref::<Object>()).iter() {
        let entry: Array = entry.unchecked_into();
        let url = entry.get(0).as_string().unwrap_or_default();
        let body = entry.get(1);
        let text = if let Some(text) = body.as_string() {
            text
        } else if body.is_object() {
            // Throws on cycles and BigInt; returns undefined for functions.
            JSON::stringify(&body)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| bad(format!("options.documents[{}] cannot be turned into JSON", clip(&url))))?
        } else {
            return Err(bad(format!("options.documents[{}] must be a string or an object", clip(&url))));
        };
        documents.insert(url, text);
    }
    Ok(documents)
}

// The names of `verify()`'s options as JS strings made once, not on every call.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(thread_local_v2, static_string)]
    static NOW: JsString = "now";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static NETWORK: JsString = "network";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static DOCUMENTS: JsString = "documents";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static CLOCK_SKEW: JsString = "clockSkew";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static RECIPIENT: JsString = "recipient";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static TRUST: JsString = "trust";
}

/// `options[key]` (`name` is the key for messages), with `undefined` as `None`.
fn get(object: &JsValue, key: &'static JsThreadLocal<JsString>, name: &str) -> Result<Option<JsValue>, Misuse> {
    key.with(|key| get_key(object, key, name))
}

/// `object[name]` for keys read rarely, with `undefined` as `None`.
fn get_named(object: &JsValue, name: &str) -> Result<Option<JsValue>, Misuse> {
    get_key(object, &JsValue::from_str(name), name)
}

/// `object[key]`, with `undefined` as `None`. A throwing getter is misuse.
fn get_key(object: &JsValue, key: &JsValue, name: &str) -> Result<Option<JsValue>, Misuse> {
    let value = Reflect::get(object, key)
        .map_err(|_| Misuse::new("options.not_object", format!("reading options.{name} threw")))?;
    Ok(if value.is_undefined() { None } else { Some(value) })
}

/// A non-null object that is not an array or a function.
fn is_plain_object(value: &JsValue) -> bool {
    value.is_object() && !Array::is_array(value) && !value.is_function()
}

/// At most 80 characters of caller text for an error message.
fn clip(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let mut clipped: String = text.chars().take(MAX).collect();
        clipped.push('…');
        clipped
    }
}
