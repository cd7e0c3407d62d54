//! The badge in headless Chromium: the renderer and the `<verified-badge>` element draw the
//! verified and invalid states, and hostile credential text stays text.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=
//! wasm-bindgen-test-runner cargo test --target wasm32-unknown-unknown --no-default-features
//! --features wasm --test wasm_browser` (Chrome flags in `webdriver.json`).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Promise, Reflect, JSON};
use verified_badge::wasm::{define_element, render_badge, verify};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Document, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

wasm_bindgen_test_configure!(run_in_browser);

const VALID: &str = include_str!("../www/samples/valid.json");
const TAMPERED: &str = include_str!("../www/samples/tampered.json");
const EXPIRED: &str = include_str!("../www/samples/expired.json");
const REVOKED: &str = include_str!("../www/samples/revoked.json");
const REVOCATION_LIST: &str = include_str!("../www/samples/status-list-revocation.json");
/// ES256 `vc+jwt` by a did:jwk P-256 key (made with WebCrypto; see tests/wasm_node.rs).
const ES256_JWT: &str = "eyJhbGciOiJFUzI1NiIsInR5cCI6InZjK2p3dCIsImtpZCI6ImRpZDpqd2s6ZXlKcmRIa2lPaUpGUXlJc0ltTnlkaUk2SWxBdE1qVTJJaXdpZUNJNklsbElieTFLYmpNNFltMWpRVll5V25WRWJVRTBSRW90V2t0UFpqVlZXSEZ2Y3paU2VqbDVVMEo0V0hNaUxDSjVJam9pV1RBeGJXZHlhVk5PYUZodGVsSkNiamh2T0Zrek56TjVNRjlMVFV4c1ZFNUdXWHA1VVV0bmJHYzFTU0o5IzAifQ.eyJAY29udGV4dCI6WyJodHRwczovL3d3dy53My5vcmcvbnMvY3JlZGVudGlhbHMvdjIiXSwiaWQiOiJ1cm46dXVpZDo3ZjBiN2E0ZS0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMGUyNTYiLCJ0eXBlIjpbIlZlcmlmaWFibGVDcmVkZW50aWFsIl0sImlzc3VlciI6ImRpZDpqd2s6ZXlKcmRIa2lPaUpGUXlJc0ltTnlkaUk2SWxBdE1qVTJJaXdpZUNJNklsbElieTFLYmpNNFltMWpRVll5V25WRWJVRTBSRW90V2t0UFpqVlZXSEZ2Y3paU2VqbDVVMEo0V0hNaUxDSjVJam9pV1RBeGJXZHlhVk5PYUZodGVsSkNiamh2T0Zrek56TjVNRjlMVFV4c1ZFNUdXWHA1VVV0bmJHYzFTU0o5IiwidmFsaWRGcm9tIjoiMjAyNC0wMS0wMVQwMDowMDowMFoiLCJjcmVkZW50aWFsU3ViamVjdCI6eyJpZCI6ImRpZDpleGFtcGxlOmxlYXJuZXItMDAwMSJ9fQ.bi2X-DRZeTWhxWSRiHfRBuqyVhZKrlZ8cmfJ0WRyVPYhPc7vYkVK31pr7jwlpY06DW7daLWoxQFReCyPU7oMLw";

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh host element in the page with an open shadow root.
fn shadow_host() -> (Element, ShadowRoot) {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).unwrap();
    (host, shadow)
}

async fn report_of(credential: &str) -> JsValue {
    verify(credential.into(), JsValue::UNDEFINED).await.unwrap()
}

fn render(shadow: &ShadowRoot, report: &JsValue) -> String {
    render_badge(shadow.into(), report.clone(), JsValue::UNDEFINED).unwrap().as_string().unwrap()
}

fn part(shadow: &ShadowRoot, name: &str) -> Element {
    shadow.query_selector(&format!("[part~=\"{name}\"]")).unwrap().unwrap_or_else(|| panic!("no part {name}"))
}

fn text_of(shadow: &ShadowRoot, name: &str) -> String {
    part(shadow, name).text_content().unwrap_or_default()
}

/// Resolves after `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits until the element has left the loading state, and returns its state.
async fn settled(element: &Element) -> String {
    for _ in 0..200 {
        match element.get_attribute("state").as_deref() {
            None | Some("loading") => sleep(25).await,
            Some(state) => return state.to_owned(),
        }
    }
    panic!("the badge stayed in the loading state");
}

/// A `<verified-badge>` with the credential inline, appended to the page.
fn badge_element(credential: &str) -> Element {
    let element = document().create_element("verified-badge").unwrap();
    let script = document().create_element("script").unwrap();
    script.set_attribute("type", "application/vc+ld+json").unwrap();
    script.set_text_content(Some(credential));
    element.append_child(&script).unwrap();
    document().body().unwrap().append_child(&element).unwrap();
    element
}

#[wasm_bindgen_test]
async fn renders_loading_then_verified_in_place() {
    let (_host, shadow) = shadow_host();
    assert_eq!(render(&shadow, &JsValue::NULL), "loading");
    assert_eq!(part(&shadow, "badge").get_attribute("data-state").as_deref(), Some("loading"));
    assert_eq!(part(&shadow, "badge").get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(text_of(&shadow, "status-label"), "Verifying…");
    let status = part(&shadow, "status");

    let report = report_of(VALID).await;
    assert_eq!(render(&shadow, &report), "verified");
    let badge = part(&shadow, "badge");
    assert_eq!(badge.get_attribute("data-state").as_deref(), Some("verified"));
    assert!(!badge.has_attribute("aria-busy"));
    // The live region is updated, not replaced, so screen readers announce the change.
    assert!(status.is_same_node(Some(&part(&shadow, "status"))));
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(text_of(&shadow, "status-label"), "Verified");

    let credential = Reflect::get(&report, &"credential".into()).unwrap();
    let achievement = Reflect::get(&credential, &"achievement".into()).unwrap();
    let name = Reflect::get(&achievement, &"name".into()).unwrap().as_string().unwrap();
    assert_eq!(text_of(&shadow, "name"), name);
    assert!(text_of(&shadow, "issuer").starts_with("Issued by "), "{}", text_of(&shadow, "issuer"));
    assert!(text_of(&shadow, "date").starts_with("Issued "), "{}", text_of(&shadow, "date"));
    assert!(part(&shadow, "date").query_selector("time[datetime]").unwrap().is_some());
    // One shared constructable stylesheet, no <style> element needed.
    let sheets = Reflect::get(&shadow, &"adoptedStyleSheets".into()).unwrap();
    assert_eq!(sheets.unchecked_into::<Array>().length(), 1);
    assert!(shadow.query_selector("style").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn renders_invalid_with_the_reason_in_words() {
    let (_host, shadow) = shadow_host();
    assert_eq!(render(&shadow, &report_of(TAMPERED).await), "invalid");
    assert_eq!(text_of(&shadow, "status-label"), "Not valid");
    let detail = text_of(&shadow, "status-detail");
    assert!(detail.to_lowercase().contains("signature"), "{detail}");

    assert_eq!(render(&shadow, &report_of(EXPIRED).await), "expired");
    assert_eq!(text_of(&shadow, "status-label"), "Expired");
    assert!(text_of(&shadow, "status-detail").starts_with("Expired on "));

    assert_eq!(render(&shadow, &report_of("not json").await), "invalid");
    assert_eq!(text_of(&shadow, "name"), "Unreadable credential");
    assert_eq!(text_of(&shadow, "status-detail"), "The input is not JSON.");
}

#[wasm_bindgen_test]
async fn a_report_that_is_not_one_is_a_typed_error_and_the_badge_stays() {
    let (_host, shadow) = shadow_host();
    assert_eq!(render(&shadow, &report_of(VALID).await), "verified");
    let cyclic = JSON::parse(r#"{"outcome":"verified","format":"json-ld","checks":[]}"#).unwrap();
    Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    for bad in [JSON::parse(r#"{"outcome":1}"#).unwrap(), JsValue::from_str("verified"), cyclic] {
        let error = render_badge(shadow.clone().into(), bad, JsValue::UNDEFINED).unwrap_err();
        assert!(error.is_instance_of::<js_sys::TypeError>());
        assert_eq!(Reflect::get(&error, &"code".into()).unwrap().as_string().as_deref(), Some("render.bad_report"));
    }
    // The badge drawn before is still there, untouched.
    assert_eq!(text_of(&shadow, "status-label"), "Verified");
}

#[wasm_bindgen_test]
async fn hostile_text_stays_text() {
    let hostile = r#"<img src=x onerror="window.__pwned=1">"#;
    let credential = JSON::parse(VALID).unwrap();
    let subject = Reflect::get(&credential, &"credentialSubject".into()).unwrap();
    let achievement = Reflect::get(&subject, &"achievement".into()).unwrap();
    Reflect::set(&achievement, &"name".into(), &hostile.into()).unwrap();
    Reflect::set(&achievement, &"image".into(), &"javascript:window.__pwned=2".into()).unwrap();
    let issuer = Reflect::get(&credential, &"issuer".into()).unwrap();
    Reflect::set(&issuer, &"name".into(), &"<script>window.__pwned=3</script>\u{202e}evil".into()).unwrap();

    let (_host, shadow) = shadow_host();
    let report = verify(credential.clone(), JsValue::UNDEFINED).await.unwrap();
    assert_eq!(render(&shadow, &report), "invalid");
    assert_eq!(text_of(&shadow, "name"), hostile);
    assert!(text_of(&shadow, "issuer").contains("<script>"));
    // No element came from the credential: no <img> (the image URL is refused), no <script>.
    assert!(shadow.query_selector("img, script").unwrap().is_none());
    assert!(part(&shadow, "image").query_selector("svg").unwrap().is_some());
    sleep(50).await;
    assert!(Reflect::get(&web_sys::window().unwrap(), &"__pwned".into()).unwrap().is_undefined());

    // An allowed image URL becomes an <img> and nothing else.
    Reflect::set(
        &achievement,
        &"image".into(),
        &"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E".into(),
    )
    .unwrap();
    let report = verify(credential, JsValue::UNDEFINED).await.unwrap();
    render(&shadow, &report);
    let img = shadow.query_selector("img").unwrap().expect("an allowed data: image is shown");
    assert_eq!(img.get_attribute("alt").as_deref(), Some(""));
}

#[wasm_bindgen_test]
async fn element_verifies_inline_credentials_and_dispatches_events() {
    // In a page `await init()` registers the element; wasm-bindgen-test runs no start function.
    define_element(None, JsValue::UNDEFINED).unwrap();
    assert!(web_sys::window().unwrap().custom_elements().get("verified-badge").is_function());
    assert!(!define_element(None, JsValue::UNDEFINED).unwrap(), "the tag is taken now");

    let events = Array::new();
    let record = {
        let events = events.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            events.push(&event.type_().into());
        })
    };
    let target = document();
    for name in ["verified-badge:verified", "verified-badge:invalid", "verified-badge:indeterminate"] {
        target.add_event_listener_with_callback(name, record.as_ref().unchecked_ref()).unwrap();
    }

    let valid = badge_element(VALID);
    assert_eq!(settled(&valid).await, "verified");
    let shadow = valid.shadow_root().expect("an open shadow root");
    assert!(shadow.text_content().unwrap_or_default().contains("Verified"));
    assert_eq!(text_of(&shadow, "status-label"), "Verified");

    let tampered = badge_element(TAMPERED);
    assert_eq!(settled(&tampered).await, "invalid");
    assert_eq!(text_of(&tampered.shadow_root().unwrap(), "status-label"), "Not valid");

    // `now` moves the clock: the expired sample was valid when it was issued.
    let expired = badge_element(EXPIRED);
    assert_eq!(settled(&expired).await, "expired");
    let report = Reflect::get(&expired, &"report".into()).unwrap();
    let valid_from = Reflect::get(&Reflect::get(&report, &"credential".into()).unwrap(), &"validFrom".into()).unwrap();
    expired.set_attribute("now", &valid_from.as_string().unwrap()).unwrap();
    sleep(0).await;
    assert_eq!(settled(&expired).await, "verified");

    // No credential at all: indeterminate, with the reason.
    let empty = document().create_element("verified-badge").unwrap();
    document().body().unwrap().append_child(&empty).unwrap();
    assert_eq!(settled(&empty).await, "indeterminate");
    assert!(text_of(&empty.shadow_root().unwrap(), "status-detail").starts_with("No credential"));

    let seen: Vec<String> = events.iter().filter_map(|e| e.as_string()).collect();
    for name in ["verified-badge:verified", "verified-badge:invalid", "verified-badge:indeterminate"] {
        assert!(seen.iter().any(|s| s == name), "{name} not dispatched: {seen:?}");
    }
    for name in ["verified-badge:verified", "verified-badge:invalid", "verified-badge:indeterminate"] {
        target.remove_event_listener_with_callback(name, record.as_ref().unchecked_ref()).unwrap();
    }
}

#[wasm_bindgen_test]
async fn chromium_webcrypto_checks_es256_and_the_element_shows_revoked_in_three_languages() {
    let report = verify(ES256_JWT.into(), JsValue::UNDEFINED).await.unwrap();
    assert_eq!(Reflect::get(&report, &"outcome".into()).unwrap().as_string().as_deref(), Some("verified"));

    // The element with the status list handed over as a document (no request).
    for (lang, word) in [("en", "Revoked"), ("de", "Widerrufen"), ("es", "Revocada")] {
        let element = badge_element(REVOKED);
        element.set_attribute("lang", lang).unwrap();
        let documents = js_sys::Object::new();
        Reflect::set(&documents, &"https://example.edu/status/revocation".into(), &REVOCATION_LIST.into()).unwrap();
        Reflect::set(&element, &"documents".into(), &documents).unwrap();
        assert_eq!(settled(&element).await, "revoked");
        assert_eq!(text_of(&element.shadow_root().unwrap(), "status-label"), word);
    }

    // Manual verification: idle until asked.
    let manual = document().create_element("verified-badge").unwrap();
    manual.set_attribute("verify", "manual").unwrap();
    let script = document().create_element("script").unwrap();
    script.set_attribute("type", "application/vc+jwt").unwrap();
    script.set_text_content(Some(ES256_JWT));
    manual.append_child(&script).unwrap();
    document().body().unwrap().append_child(&manual).unwrap();
    assert_eq!(settled(&manual).await, "idle");
    let shadow = manual.shadow_root().unwrap();
    let button: web_sys::HtmlElement = part(&shadow, "details-button").dyn_into().unwrap();
    assert_eq!(button.get_attribute("data-action").as_deref(), Some("verify"));
    button.click();
    sleep(0).await;
    assert_eq!(settled(&manual).await, "verified");
}
