//! The JavaScript API as Node.js sees it: `verify()` resolves with a plain report for every
//! credential, good or bad, and rejects only for misuse.
//!
//! Run: `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test
//! --target wasm32-unknown-unknown --no-default-features --features wasm --test wasm_node`
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, Uint8Array, JSON};
use verified_badge::wasm::{check_recipient, summarize, verify};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// The bundled samples (`cargo xtask samples`), signed with the clearly marked test key.
const VALID: &str = include_str!("../www/samples/valid.json");
const TAMPERED: &str = include_str!("../www/samples/tampered.json");
const EXPIRED: &str = include_str!("../www/samples/expired.json");
const REVOKED: &str = include_str!("../www/samples/revoked.json");
const REVOCATION_LIST: &str = include_str!("../www/samples/status-list-revocation.json");
const ENDORSED: &str = include_str!("../www/samples/endorsed.json");
const BAKED_PNG: &[u8] = include_bytes!("../www/samples/baked.png");

/// A `vc+jwt` signed ES256 by a did:jwk P-256 key, made once with WebCrypto (Node's
/// `crypto.subtle.generateKey` + `sign`); the private key was thrown away. The bundle has no
/// ECDSA code: the host loop checks the signature with WebCrypto.
const ES256_JWT: &str = "eyJhbGciOiJFUzI1NiIsInR5cCI6InZjK2p3dCIsImtpZCI6ImRpZDpqd2s6ZXlKcmRIa2lPaUpGUXlJc0ltTnlkaUk2SWxBdE1qVTJJaXdpZUNJNklsbElieTFLYmpNNFltMWpRVll5V25WRWJVRTBSRW90V2t0UFpqVlZXSEZ2Y3paU2VqbDVVMEo0V0hNaUxDSjVJam9pV1RBeGJXZHlhVk5PYUZodGVsSkNiamh2T0Zrek56TjVNRjlMVFV4c1ZFNUdXWHA1VVV0bmJHYzFTU0o5IzAifQ.eyJAY29udGV4dCI6WyJodHRwczovL3d3dy53My5vcmcvbnMvY3JlZGVudGlhbHMvdjIiXSwiaWQiOiJ1cm46dXVpZDo3ZjBiN2E0ZS0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMGUyNTYiLCJ0eXBlIjpbIlZlcmlmaWFibGVDcmVkZW50aWFsIl0sImlzc3VlciI6ImRpZDpqd2s6ZXlKcmRIa2lPaUpGUXlJc0ltTnlkaUk2SWxBdE1qVTJJaXdpZUNJNklsbElieTFLYmpNNFltMWpRVll5V25WRWJVRTBSRW90V2t0UFpqVlZXSEZ2Y3paU2VqbDVVMEo0V0hNaUxDSjVJam9pV1RBeGJXZHlhVk5PYUZodGVsSkNiamh2T0Zrek56TjVNRjlMVFV4c1ZFNUdXWHA1VVV0bmJHYzFTU0o5IiwidmFsaWRGcm9tIjoiMjAyNC0wMS0wMVQwMDowMDowMFoiLCJjcmVkZW50aWFsU3ViamVjdCI6eyJpZCI6ImRpZDpleGFtcGxlOmxlYXJuZXItMDAwMSJ9fQ.bi2X-DRZeTWhxWSRiHfRBuqyVhZKrlZ8cmfJ0WRyVPYhPc7vYkVK31pr7jwlpY06DW7daLWoxQFReCyPU7oMLw";

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

/// The check with `id`, as (status, code, message).
fn check(report: &JsValue, id: &str) -> (String, String, String) {
    let checks: Array = get(report, "checks").dyn_into().expect("checks is an array");
    let c = checks.iter().find(|c| text(c, "id") == id).unwrap_or_else(|| panic!("no {id} check: {:?}", codes(report)));
    (text(&c, "status"), text(&c, "code"), text(&c, "message"))
}

#[wasm_bindgen_test]
async fn es256_jwt_is_verified_with_webcrypto() {
    let report = report(ES256_JWT.into(), JsValue::UNDEFINED).await;
    assert_eq!(text(&report, "outcome"), "verified", "{:?}", codes(&report));
    assert_eq!(text(&report, "format"), "vc+jwt");
    assert_eq!(check(&report, "proof").1, "proof.verified");

    // One changed signature byte: WebCrypto says no, and the core reports a bad signature.
    let (head, last) = ES256_JWT.split_at(ES256_JWT.len() - 3);
    let flipped = if last.starts_with('A') { "B" } else { "A" };
    let tampered = format!("{head}{flipped}{}", &last[1..]);
    let report = self::report(tampered.as_str().into(), JsValue::UNDEFINED).await;
    assert_eq!(text(&report, "outcome"), "invalid");
    assert_eq!(check(&report, "proof").1, "proof.signature_invalid");
}

#[wasm_bindgen_test]
async fn network_off_leaves_the_status_unknown() {
    let report = report(REVOKED.into(), JsValue::UNDEFINED).await;
    assert_eq!(text(&report, "outcome"), "indeterminate", "{:?}", codes(&report));
    let (status, code, _) = check(&report, "status");
    assert_eq!((status.as_str(), code.as_str()), ("unknown", "status.unreachable"));

    // The list handed over as a document: the revocation is found, offline.
    let options = Object::new();
    let documents = Object::new();
    Reflect::set(&documents, &"https://example.edu/status/revocation".into(), &REVOCATION_LIST.into()).unwrap();
    Reflect::set(&options, &"documents".into(), &documents).unwrap();
    let report = self::report(REVOKED.into(), options.into()).await;
    assert_eq!(text(&report, "outcome"), "invalid");
    assert_eq!(check(&report, "status").1, "status.revoked");
}

#[wasm_bindgen_test]
async fn network_on_with_an_unreachable_list_says_why() {
    // Nothing answers for example.edu here: the host's reason reaches the check's message.
    let report = report(REVOKED.into(), options(r#"{ "network": true }"#)).await;
    assert_eq!(text(&report, "outcome"), "indeterminate", "{:?}", codes(&report));
    let (status, code, message) = check(&report, "status");
    assert_eq!((status.as_str(), code.as_str()), ("unknown", "status.unreachable"));
    assert!(
        ["blocked by CORS or a network error", "no answer within", "HTTP "].iter().any(|r| message.contains(r)),
        "{message}"
    );
}

#[wasm_bindgen_test]
async fn clock_skew_trust_and_recipient_options() {
    // Four minutes after validUntil: inside the default five-minute allowance, outside zero.
    let late = r#"{ "now": "2025-01-01T00:04:00Z" }"#;
    assert_eq!(text(&report(EXPIRED.into(), options(late)).await, "outcome"), "verified");
    let strict = r#"{ "now": "2025-01-01T00:04:00Z", "clockSkew": 0 }"#;
    assert_eq!(text(&report(EXPIRED.into(), options(strict)).await, "outcome"), "invalid");
    assert_eq!(misuse(VALID.into(), options(r#"{ "clockSkew": -1 }"#)).await, "options.bad_clock_skew");
    assert_eq!(misuse(VALID.into(), options(r#"{ "clockSkew": "5m" }"#)).await, "options.bad_clock_skew");

    let issuer = text(&get(&get(&report(VALID.into(), JsValue::UNDEFINED).await, "credential"), "issuer"), "id");
    let trusted = options(&format!(r#"{{ "trust": {{ "issuers": ["{issuer}"] }} }}"#));
    let report_trusted = report(VALID.into(), trusted).await;
    assert_eq!(text(&report_trusted, "outcome"), "verified");
    assert_eq!(check(&report_trusted, "trust").1, "trust.listed");
    let other = report(VALID.into(), options(r#"{ "trust": { "issuers": ["did:example:other"] } }"#)).await;
    assert_eq!((text(&other, "outcome").as_str(), check(&other, "trust").1.as_str()), ("invalid", "trust.not_listed"));
    let failed = report(VALID.into(), options(r#"{ "trust": { "error": "HTTP 404" } }"#)).await;
    assert_eq!(text(&failed, "outcome"), "indeterminate");
    assert!(check(&failed, "trust").2.contains("HTTP 404"));
    assert_eq!(misuse(VALID.into(), options(r#"{ "trust": ["did:x"] }"#)).await, "options.bad_trust");

    let mine = report(ENDORSED.into(), options(r#"{ "recipient": { "email": "Alice@Example.com" } }"#)).await;
    assert_eq!(check(&mine, "recipient").1, "recipient.match");
}

#[wasm_bindgen_test]
fn check_recipient_compares_in_the_page() {
    let answer = |credential: &str, recipient: &str| {
        let result = check_recipient(credential.into(), options(recipient)).unwrap();
        (text(&result, "match"), text(&result, "code"))
    };
    assert_eq!(answer(ENDORSED, r#"{ "email": "alice@example.com" }"#), ("match".into(), "recipient.match".into()));
    assert_eq!(answer(ENDORSED, r#"{ "email": "bob@example.com" }"#), ("mismatch".into(), "recipient.mismatch".into()));
    assert_eq!(answer(ENDORSED, r#"{ "url": "https://alice.example" }"#).0, "no-identifier");
    assert_eq!(answer(VALID, r#"{ "email": "alice@example.com" }"#).0, "no-identifier");
    assert_eq!(answer("not json", r#"{ "email": "a@b.c" }"#), ("unreadable".into(), "input.not_json".into()));
    for bad in [r#"{}"#, r#"{ "email": "" }"#, r#"{ "email": "a@b.c", "url": "https://x" }"#, r#"{ "email": 5 }"#, "[]"] {
        let error = check_recipient(VALID.into(), options(bad)).expect_err(bad);
        assert_eq!(text(&error, "code"), "recipient.bad", "{bad}");
    }
}

#[wasm_bindgen_test]
async fn baked_png_bytes_are_extracted_and_verified() {
    let report = report(Uint8Array::from(BAKED_PNG).into(), JsValue::UNDEFINED).await;
    assert_eq!(text(&report, "outcome"), "verified", "{:?}", codes(&report));
}

#[wasm_bindgen_test]
async fn summarize_counts_outcomes_and_verified_skills() {
    let skills = |report: &JsValue, json: &str| {
        let achievement = get(&get(report, "credential"), "achievement");
        Reflect::set(&achievement, &"alignments".into(), &options(json)).unwrap();
    };
    let valid = report(VALID.into(), JsValue::UNDEFINED).await;
    skills(&valid, r#"[{ "targetName": "Rust", "targetFramework": "ESCO" }, { "targetName": "WebAssembly" }]"#);
    let tampered = report(TAMPERED.into(), JsValue::UNDEFINED).await;
    skills(&tampered, r#"[{ "targetName": "rust ", "targetFramework": "esco" }]"#);
    let unreadable = report("not a badge".into(), JsValue::UNDEFINED).await;
    let reports: Array = [valid, tampered, unreadable].into_iter().collect();
    let summary = summarize(reports.into()).unwrap();
    let count = |v: &JsValue, key: &str| get(v, key).as_f64().unwrap();
    assert_eq!(
        ["total", "verified", "invalid", "indeterminate"].map(|k| count(&summary, k)),
        [3.0, 1.0, 2.0, 0.0]
    );
    let skills: Array = get(&summary, "skills").dyn_into().unwrap();
    let rust = skills.get(0);
    assert_eq!((text(&rust, "name"), count(&rust, "count"), count(&rust, "verified")), ("Rust".into(), 2.0, 1.0));
    assert_eq!(text(&rust, "group"), "ESCO");
    assert_eq!(skills.length(), 2);
    assert_eq!(Object::get_prototype_of(&summary), Object::get_prototype_of(&Object::new()));
    for bad in ["{}", "[1]", r#"[{ "outcome": "maybe" }]"#] {
        let error = summarize(options(bad)).expect_err(bad);
        assert!(error.is_instance_of::<js_sys::TypeError>());
        assert_eq!(text(&error, "code"), "summarize.bad_reports", "{bad}");
    }
}
