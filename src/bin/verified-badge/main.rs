//! The `verified-badge` command line: the same core as the widget, for servers, CI, bulk
//! checks and small issuers.
//!
//! ```text
//! verified-badge verify [--json] [--now T] [--offline] [--doc URL=FILE]… [--recipient KIND:VALUE] [-j N] FILE|DIR|-…
//! verified-badge summary [--json] [--now T] [--offline] [--doc URL=FILE]… FILE|DIR|-…
//! verified-badge share [--base URL] [--image URL] [--qr FILE.png|FILE.svg] [--force] CREDENTIAL
//! verified-badge extract IMAGE
//! verified-badge bake CREDENTIAL IMAGE -o OUT
//! verified-badge issue keygen [-o FILE]
//! verified-badge issue sign --key FILE [--suite eddsa-jcs-2022|eddsa-rdfc-2022|jwt] [--created T] [-o OUT] CREDENTIAL
//! ```
//! `verify` exits 0 when all verified, 1 when any is invalid, 3 when any is indeterminate and
//! none invalid, 2 on usage or I/O errors. Every command has `--help`.
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

mod args;
mod commands;
mod error;
mod fetch;
mod keyfile;
mod output;
mod pool;
mod sources;

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut parser = lexopt::Parser::from_env();
    match commands::run(&mut parser) {
        Ok(code) => code,
        Err(fatal) => {
            eprintln!("verified-badge: {fatal}");
            ExitCode::from(fatal.exit_code())
        }
    }
}
