//! # verified-badge
//!
//! Verifies Open Badges 3.0 and W3C Verifiable Credentials offline — natively or compiled to
//! WebAssembly inside the browser — and returns one typed [`Report`].
//!
//! ## Overview
//! The pipeline runs one way: input → credential → keys → proofs → validity → report.
//! Invalid credentials are data in the report (`outcome: "invalid"` with the failing
//! check's code), never a panic or an error value. JSON-LD contexts are bundled: verification
//! never fetches a context, and a context it does not know makes the outcome `indeterminate`.
//!
//! ## Features
//! - `cli` (default): the `verified-badge` command line.
//! - `wasm`: JavaScript bindings, the badge renderer and the `<verified-badge>` element; for
//!   `wasm32-unknown-unknown` builds only (`cargo xtask build`).
//! - `signing`: issuing credentials with a private key. Never part of the widget bundle.
//!
//! ## Example
//! ```
//! use verified_badge::{verify, Input, Outcome, Timestamp, VerifyOptions};
//!
//! let options = VerifyOptions::new(Timestamp::parse("2025-01-01T00:00:00Z").unwrap());
//! let report = verify(Input::Text("not a credential"), &options);
//! assert_eq!(report.outcome, Outcome::Invalid);
//! assert_eq!(report.checks[0].code, "input.not_json");
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod baked;
pub mod canon;
pub mod collection;
pub mod credential;
pub mod documents;
#[doc(hidden)]
pub mod fuzzing;
pub mod input;
pub mod key;
pub mod limits;
mod options;
pub mod proof;
pub mod report;
pub mod status;
pub mod time;
mod verify;

#[cfg(feature = "signing")]
pub mod issue;

#[cfg(feature = "wasm")]
pub mod wasm;

pub use input::Input;
pub use credential::recipient::{Recipient, RecipientMatch};
pub use options::{VerifyOptions, DEFAULT_CLOCK_SKEW};
pub use report::{Check, Embedded, EmbeddedKind, Format, Outcome, Report, Status};
pub use time::Timestamp;
pub use verify::{documents_needed, needs, verify, verify_with_needs, Needs};
