//! Start-up: hands the engine (verify + render) to the `<verified-badge>` shell in
//! `element.js` and registers the element.
//!
//! Registration decision: the WASM start function registers the element, so a page needs only
//! `import init from 'verified-badge'; await init();` (or a one-line module that does this).
//! Until then `<verified-badge>` is an unknown element that shows its light-DOM children, so
//! pages can put fallback text inside it ("Loading badge…"); after registration the element
//! draws its loading state at once and the verdict when verification ends. Registering only
//! after the engine exists means the element never has to draw anything without the Rust
//! renderer, so there is one renderer, not a JS copy of it.
//! Where `customElements` does not exist (Node.js, workers) registration does nothing.

use std::cell::Cell;

use js_sys::Promise;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use super::api;

#[wasm_bindgen(module = "/src/wasm/element.js")]
extern "C" {
    /// Gives the shell the functions it calls (see `connectEngine` in element.js).
    #[wasm_bindgen(js_name = connectEngine)]
    fn connect_engine(engine: &JsValue);

    /// `define(tag = 'verified-badge', registry = globalThis.customElements)`; `undefined`
    /// arguments take the defaults. `false` without a registry or when the tag is taken.
    #[wasm_bindgen(js_name = define, catch)]
    fn define_in_registry(tag: &JsValue, registry: &JsValue) -> Result<bool, JsValue>;

    /// Whether the page has a custom element registry (`globalThis.customElements`).
    #[wasm_bindgen(js_name = hasRegistry)]
    fn has_registry() -> bool;
}

thread_local! {
    static CONNECTED: Cell<bool> = const { Cell::new(false) };
}

/// `defineElement(tag?, registry?) → boolean`: registers the badge element as `tag` (default
/// `verified-badge`) in `registry` (default `customElements`).
///
/// Runs by itself with the default tag when the module starts (`await init()`); call it for
/// another tag or a scoped registry. Returns `false` where there is no registry (Node.js) or
/// the tag is taken; throws only for an invalid tag name.
#[wasm_bindgen(js_name = defineElement, skip_typescript)]
pub fn define_element(tag: Option<String>, registry: JsValue) -> Result<bool, JsValue> {
    connect_once();
    let tag = tag.map_or(JsValue::UNDEFINED, |t| JsValue::from_str(&t));
    define_in_registry(&tag, &registry)
}

/// Hands the engine to the shell, once per page.
fn connect_once() {
    if CONNECTED.with(|c| c.replace(true)) {
        return;
    }
    // The closures live as long as the page: `into_js_value` hands their ownership to JS.
    let verify = Closure::<dyn Fn(JsValue, JsValue) -> Promise>::new(|input, options| {
        wasm_bindgen_futures::future_to_promise(api::verify(input, options))
    })
    .into_js_value();
    let render = Closure::<dyn Fn(JsValue, JsValue, JsValue) -> Result<JsValue, JsValue>>::new(api::render_badge)
        .into_js_value();
    let inspect = Closure::<dyn Fn(JsValue) -> JsValue>::new(api::inspect).into_js_value();
    let check_recipient =
        Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(api::check_recipient).into_js_value();
    let render_recipient =
        Closure::<dyn Fn(JsValue, JsValue, JsValue) -> Result<(), JsValue>>::new(api::render_recipient)
            .into_js_value();
    let engine = js_sys::Object::new();
    for (name, f) in [
        ("verify", verify),
        ("render", render),
        ("inspect", inspect),
        ("checkRecipient", check_recipient),
        ("renderRecipient", render_recipient),
    ] {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&engine, &JsValue::from_str(name), &f);
    }
    connect_engine(&engine);
}

/// Runs once when the module is instantiated (`await init()`). wasm-bindgen-test does not run
/// start functions, so tests call [`define_element`] themselves.
#[wasm_bindgen(start, skip_typescript)]
fn start() {
    // Without a registry (Node.js, workers) there is no element to serve: making the engine's
    // closures would only add to every cold start there (≈ 0.8 ms in Node, measured).
    if !has_registry() {
        return;
    }
    // Another copy of the package may own the tag already; that is not an error.
    let _ = define_element(None, JsValue::UNDEFINED);
}
