//! The WebAssembly face of the crate (feature `wasm`): the JavaScript API, the badge renderer
//! and the `<verified-badge>` custom element.
//!
//! This folder is the only place that knows about wasm-bindgen, js-sys or web-sys. It converts
//! JavaScript values into the core's plain types, calls [`crate::verify`], and draws the
//! [`Report`](crate::Report) with DOM text nodes. It makes no verification decision itself.
//!
//! ```js
//! import init, { verify } from 'verified-badge';
//! await init();                    // also registers <verified-badge> where customElements exists
//! const report = await verify(credentialJson, { now: '2025-01-01T00:00:00Z' });
//! report.outcome;                  // "verified" | "invalid" | "indeterminate"
//! ```
//!
//! | file         | holds                                                                    |
//! |--------------|--------------------------------------------------------------------------|
//! | `api.rs`     | the exported functions `verify` and `renderBadge`: conversions only     |
//! | `options.rs` | JavaScript options → [`VerifyOptions`](crate::VerifyOptions), misuse errors |
//! | `view.rs`    | report → what the badge shows (state, words, safe image URL); pure Rust |
//! | `render.rs`  | the view → DOM nodes with web-sys, styles into the shadow root         |
//! | `badge.css`  | the badge's styles, themable through `--verified-badge-*` properties     |
//! | `element.js` | the `<verified-badge>` lifecycle shell (attributes, fetching, events)   |
//! | `element.rs` | `defineElement`: hands the engine to `element.js`, runs at start-up     |
//! | `types.d.ts` | TypeScript declarations for everything above                            |
//!
//! Nothing here may panic: a trap in the shared WASM instance would break every badge on the
//! page, so conversions return errors and the renderer reports DOM failures as `Err`.

mod api;
mod element;
mod extras;
mod host;
mod i18n;
mod options;
mod render;
mod trust;
mod view;

pub use api::{check_recipient, render_badge, verify};
pub use element::define_element;
pub use render::render_report;
pub use view::State;

use wasm_bindgen::prelude::wasm_bindgen;

// Declarations for the package's `.d.ts`. The exported functions skip wasm-bindgen's own
// (`any`-typed) signatures and are declared here with the report's real shape.
#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT: &str = include_str!("types.d.ts");
