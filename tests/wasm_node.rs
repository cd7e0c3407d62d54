//! The JavaScript API as Node.js sees it: `verify()` resolves with a plain report for every
//! credential, good or bad, and rejects only for misuse.
//!
//! Run: `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test
//! --target wasm32-unknown-unknown --no-default-features --features wasm --test wasm_node`
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, Uint8Array, JSON};
use verified_badge::wasm::verify;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// The bundled samples (`cargo xtask samples`), signed with the clearly marked test key.
const VALID: &str = include_str!("../www/samples/valid.json");
const TAMPERED: &str = include_str!("../www/samples/tampered.json");
const EXPIRED: &str = include_str!("../www/samples/expired.json");

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn text(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_else(|| panic!("{key} is not a string"))
}

/// The report's check codes, in order.
fn codes(report: &JsValue) -> Vec<String> {
    let checks: Array = get(report, "checks").dyn_into().expect("checks is an array");
    checks.iter().map(|c| text(&c, "code")).collect()
}

/// `{ now }` as a JS options object.
fn at(now: &str) -> JsValue {
    let options = Object::new();
    Reflect::set(&options, &"now".into(), &now.into()).unwrap();
    options.into()
}

fn options(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

async fn report(input: JsValue, options: JsValue) -> JsValue {
    verify(input, options).await.unwrap_or_else(|e| panic!("verify rejected: {e:?}"))
}

/// The rejection's `code`, asserting that it is a `TypeError`.
async fn misuse(input: JsValue, options: JsValue) -> String {
    let error = verify(input, options).await.expect_err("verify should reject misuse");
    assert!(error.is_instance_of::<js_sys::TypeError>(), "{error:?} is not a TypeError");
    text(&error, "code")
}

#[wasm_bindgen_test]
async fn valid_json_text_is_verified_as_plain_data() {
    // No options: `now` is the current time, the network is off.
    let report = report(VALID.into(), JsValue::UNDEFINED).await;
    assert_eq!(text(&report, "outcome"), "verified", "{:?}", codes(&report));
    assert_eq!(text(&report, "format"), "json-ld");
    // json_compatible: plain objects and arrays, never Maps.
    assert!(Array::is_array(&get(&report, "checks")));
    assert_eq!(Object::get_prototype_of(&report), Object::get_prototype_of(&Object::new()));
    let credential = get(&report, "credential");
    assert!(Array::is_array(&get(&credential, "types")));
    assert!(!text(&get(&credential, "achievement"), "name").is_empty());
    assert!(text(&get(&credential, "issuer"), "id").starts_with("did:key:"));
    for check in get(&report, "checks").unchecked_into::<Array>().iter() {
        assert!(["passed", "skipped"].contains(&text(&check, "status").as_str()), "{:?}", JSON::stringify(&check));
    }
}

#[wasm_bindgen_test]
async fn valid_object_and_bytes_are_verified() {
    let object = JSON::parse(VALID).unwrap();
    assert_eq!(text(&report(object, JsValue::UNDEFINED).await, "outcome"), "verified");
    let bytes = Uint8Array::from(VALID.as_bytes());
    assert_eq!(text(&report(bytes.into(), JsValue::NULL).await, "outcome"), "verified");
}

#[wasm_bindgen_test]
async fn tampered_is_invalid_with_the_signature_code() {
    let report = report(TAMPERED.into(), JsValue::UNDEFINED).await;
    assert_eq!(text(&report, "outcome"), "invalid");
    assert!(codes(&report).contains(&String::from("proof.signature_invalid")), "{:?}", codes(&report));
}

#[wasm_bindgen_test]
async fn now_option_decides_expiry() {
    let expired = report(EXPIRED.into(), JsValue::UNDEFINED).await;
    assert_eq!(text(&expired, "outcome"), "invalid");
    assert!(codes(&expired).contains(&String::from("validity.expired")), "{:?}", codes(&expired));
    // Just after the credential's start it was still valid.
    let valid_from = text(&get(&expired, "credential"), "validFrom");
    let then = report(EXPIRED.into(), at(&valid_from)).await;
    assert_eq!(text(&then, "outcome"), "verified", "{:?}", codes(&then));
    // A Date works too.
    let date = js_sys::Date::new(&JsValue::from_str(&valid_from));
    let options = Object::new();
    Reflect::set(&options, &"now".into(), &date).unwrap();
    assert_eq!(text(&report(EXPIRED.into(), options.into()).await, "outcome"), "verified");
}

#[wasm_bindgen_test]
async fn all_options_of_the_right_type_are_accepted() {
    let options = options(
        r#"{ "now": "2030-01-01T00:00:00Z", "network": false,
             "documents": { "https://example.org/a": "{}", "https://example.org/b": { "@context": {} } },
             "somethingNewer": 1 }"#,
    );
    assert_eq!(text(&report(VALID.into(), options).await, "outcome"), "verified");
}

#[wasm_bindgen_test]
async fn bad_credentials_resolve_invalid() {
    let not_json = report("not json".into(), JsValue::UNDEFINED).await;
    assert_eq!(text(&not_json, "outcome"), "invalid");
    assert_eq!(codes(&not_json), ["input.not_json"]);
    assert!(get(&not_json, "credential").is_null());

    // A cyclic object is not JSON either; JSON.stringify's TypeError does not escape.
    let cyclic = Object::new();
    Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    assert_eq!(codes(&report(cyclic.into(), JsValue::UNDEFINED).await), ["input.not_json"]);

    for input in [JsValue::NULL, JsValue::from_f64(42.0), Array::new().into()] {
        let report = report(input, JsValue::UNDEFINED).await;
        assert_eq!(text(&report, "outcome"), "invalid");
        assert_eq!(codes(&report), ["input.not_object"]);
    }

    let deep = "[".repeat(100_000);
    assert_eq!(text(&report(deep.as_str().into(), JsValue::UNDEFINED).await, "outcome"), "invalid");

    let huge = "x".repeat(3 * 1024 * 1024);
    assert_eq!(codes(&report(huge.as_str().into(), JsValue::UNDEFINED).await), ["input.too_large"]);
    let huge = Uint8Array::new_with_length(3 * 1024 * 1024);
    assert_eq!(codes(&report(huge.into(), JsValue::UNDEFINED).await), ["input.too_large"]);
    let huge = Object::new();
    Reflect::set(&huge, &"name".into(), &"x".repeat(3 * 1024 * 1024).into()).unwrap();
    assert_eq!(codes(&report(huge.into(), JsValue::UNDEFINED).await), ["input.too_large"]);

    // An object whose toJSON() returns undefined stringifies to undefined, not to text.
    let odd = Object::new();
    Reflect::set(&odd, &"toJSON".into(), &js_sys::Function::new_no_args("return undefined")).unwrap();
    assert_eq!(codes(&report(odd.into(), JsValue::UNDEFINED).await), ["input.not_json"]);
}

#[wasm_bindgen_test]
async fn misuse_rejects_with_a_coded_type_error() {
    assert_eq!(misuse(JsValue::UNDEFINED, JsValue::UNDEFINED).await, "input.missing");
    let function = js_sys::Function::new_no_args("");
    assert_eq!(misuse(function.into(), JsValue::UNDEFINED).await, "input.bad_type");
    assert_eq!(misuse(VALID.into(), "2025-01-01T00:00:00Z".into()).await, "options.not_object");
    assert_eq!(misuse(VALID.into(), options("[]")).await, "options.not_object");
    assert_eq!(misuse(VALID.into(), at("yesterday")).await, "options.bad_now");
    assert_eq!(misuse(VALID.into(), at("2025-01-01T00:00:00")).await, "options.bad_now");
    assert_eq!(misuse(VALID.into(), options(r#"{ "now": 1735689600000 }"#)).await, "options.bad_now");
    assert_eq!(misuse(VALID.into(), options(r#"{ "network": "no" }"#)).await, "options.bad_network");
    assert_eq!(misuse(VALID.into(), options(r#"{ "documents": "x" }"#)).await, "options.bad_documents");
    assert_eq!(misuse(VALID.into(), options(r#"{ "documents": { "u": 1 } }"#)).await, "options.bad_documents");
}
