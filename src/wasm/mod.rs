//! The WebAssembly face of the crate (feature `wasm`): the JavaScript API, the badge renderer
//! and the `<verified-badge>` custom element.
//!
//! This folder is the only place that knows about wasm-bindgen, js-sys or web-sys. It converts
//! JavaScript values into the core's plain types, calls [`crate::verify`], and draws the
//! [`Report`](crate::Report) with DOM text nodes. It makes no verification decision itself.
//!
//! ```js
//! import { verify, checkRecipient } from 'verified-badge/verified-badge.js'; // registers <verified-badge>
//! const report = await verify(credentialJson, { now: '2025-01-01T00:00:00Z', network: true });
//! report.outcome;                  // "verified" | "invalid" | "indeterminate"
//! checkRecipient(credentialJson, { email: 'alice@example.com' }).match; // "match" | "mismatch" | …
//! ```
//!
//! | file                  | holds                                                                 |
//! |-----------------------|-----------------------------------------------------------------------|
//! | `api.rs`              | the exported `verify`, `checkRecipient`, `renderBadge`, `summarize`  |
//! | `options.rs`          | JavaScript options → [`VerifyOptions`](crate::VerifyOptions), misuse |
//! | `host.rs`, `host.js`  | the sans-I/O host loop: `fetch` documents, WebCrypto signatures      |
//! | `trust.rs`            | the page's trusted-issuer list as one more check; pure Rust          |
//! | `view.rs`             | report → state, words, safe image URL; pure Rust                     |
//! | `extras.rs`           | skills, evidence, endorsement comments for the details; pure Rust    |
//! | `i18n.rs`             | every word, in English, German, Spanish and French                   |
//! | `render.rs`           | the view → DOM nodes with web-sys (badge and details dialog)         |
//! | `badge.css`           | the styles, themable through `--verified-badge-*` and `::part()`     |
//! | `element.js`          | the `<verified-badge>` lifecycle shell (attributes, loading, events) |
//! | `element.rs`          | `defineElement`: hands the engine to `element.js` at start-up        |
//! | `verified-badge.js`   | the one-tag embed module (copied into `pkg/` by `cargo xtask build`) |
//! | `custom-elements.json`| the custom-elements manifest (copied into `pkg/`)                    |
//! | `types.d.ts`          | TypeScript declarations for everything above                         |
//!
//! Nothing here may panic: a trap in the shared WASM instance would break every badge on the
//! page, so conversions return errors and the renderer reports DOM failures as `Err`.

mod api;
#[cfg(feature = "bench-exports")]
mod bench;
mod element;
mod extras;
mod host;
mod i18n;
mod options;
mod render;
mod trust;
mod view;

pub use api::{check_recipient, render_badge, summarize, verify};
pub use element::define_element;
pub use render::render_report;
pub use view::State;

use wasm_bindgen::prelude::wasm_bindgen;

/// The package's allocator: TLSF (`rlsf`), smaller than the default dlmalloc and quicker to a
/// first verdict (see `Cargo.toml`). Here, not in the core: a Rust program that uses the core
/// on wasm32 chooses its own.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: rlsf::SmallGlobalTlsf = rlsf::SmallGlobalTlsf::new();

// Declarations for the package's `.d.ts`. The exported functions skip wasm-bindgen's own
// (`any`-typed) signatures and are declared here with the report's real shape.
#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT: &str = include_str!("types.d.ts");
