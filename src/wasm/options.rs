//! JavaScript `options` → [`VerifyOptions`], and the errors `verify()` rejects with.
//!
//! Only misuse rejects: options of the wrong type, a `now` that is not a date. A bad
//! credential is never an error here; it becomes an `invalid` report in the core.

use std::collections::BTreeMap;

use js_sys::{Array, Date, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

use crate::{Timestamp, VerifyOptions};

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
pub(crate) fn from_js(options: &JsValue) -> Result<VerifyOptions, Misuse> {
    if options.is_undefined() || options.is_null() {
        return Ok(VerifyOptions::new(now_from_clock()));
    }
    if !is_plain_object(options) {
        return Err(Misuse::new("options.not_object", "options must be an object"));
    }
    let now = match get(options, "now")? {
        None => now_from_clock(),
        Some(value) => now_from_js(&value)?,
    };
    let network = match get(options, "network")? {
        None => false,
        Some(value) => {
            value.as_bool().ok_or_else(|| Misuse::new("options.bad_network", "options.network must be a boolean"))?
        }
    };
    let documents = match get(options, "documents")? {
        None => BTreeMap::new(),
        Some(value) => documents_from_js(&value)?,
    };
    // Built from `new` so that fields added to the core later keep their defaults.
    let mut verify_options = VerifyOptions::new(now);
    verify_options.network = network;
    verify_options.documents = documents;
    Ok(verify_options)
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

/// `options[name]`, with `undefined` as `None`. A throwing getter is misuse.
fn get(object: &JsValue, name: &str) -> Result<Option<JsValue>, Misuse> {
    let value = Reflect::get(object, &JsValue::from_str(name))
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
