//! The commands, one file each, and the dispatch between them.

mod bake;
mod extract;
mod issue;
mod share;
mod summary;
mod verify;

use std::process::ExitCode;

use lexopt::prelude::*;

use crate::args;
use crate::error::Fatal;

/// The top-level help.
pub const USAGE: &str = "\
verified-badge — verify Open Badges 3.0 and W3C Verifiable Credentials offline

USAGE:
    verified-badge verify [--json] [--now T] [--offline] [--doc URL=FILE]... [--recipient KIND:VALUE] [-j N] FILE|DIR|-...
    verified-badge summary [--json] [--now T] [--offline] [--doc URL=FILE]... FILE|DIR|-...
    verified-badge share [--base URL] [--image URL] [--qr FILE.png|FILE.svg] [--force] CREDENTIAL
    verified-badge extract IMAGE
    verified-badge bake CREDENTIAL IMAGE -o OUT
    verified-badge issue keygen [-o FILE]
    verified-badge issue sign --key FILE [--suite eddsa-jcs-2022|eddsa-rdfc-2022|jwt] [--created T] [-o OUT] CREDENTIAL

COMMANDS:
    verify     verify credentials: JSON, JWT, baked PNG/SVG badges, directories, stdin
    summary    verify a collection and count outcomes, skills, tags and issuers
    share      print a link that verifies the credential in the visitor's browser, snippets, a QR code
    extract    print the credential baked into a PNG or SVG badge
    bake       write a credential into a PNG or SVG badge
    issue      make an Ed25519 issuer key and sign credentials with it

OPTIONS:
    -h, --help        print this help (`verified-badge COMMAND --help` for a command's)
    -V, --version     print the version

EXIT STATUS (verify):
    0 all verified, 1 any invalid, 3 any indeterminate and none invalid, 2 usage or I/O error";

/// Runs the command named by the first argument.
pub fn run(parser: &mut lexopt::Parser) -> Result<ExitCode, Fatal> {
    match args::next(parser, USAGE)? {
        Some(Value(cmd)) => match cmd.to_str() {
            Some("verify") => verify::run(parser),
            Some("summary") => summary::run(parser),
            Some("share") => share::run(parser),
            Some("extract") => extract::run(parser),
            Some("bake") => bake::run(parser),
            Some("issue") => issue::run(parser),
            Some("help") => help(parser),
            _ => Err(Fatal::usage(format!("unknown command {}", cmd.to_string_lossy()), USAGE)),
        },
        Some(Short('h') | Long("help")) => {
            args::help(USAGE);
            Ok(ExitCode::SUCCESS)
        }
        Some(Short('V') | Long("version")) => {
            println!("verified-badge {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(args::unexpected(other, USAGE)),
        None => Err(Fatal::usage("missing command", USAGE)),
    }
}

/// `verified-badge help [COMMAND]`.
fn help(parser: &mut lexopt::Parser) -> Result<ExitCode, Fatal> {
    let usage = match args::next(parser, USAGE)? {
        None => USAGE,
        Some(Value(cmd)) => match cmd.to_str() {
            Some("verify") => verify::USAGE,
            Some("summary") => summary::USAGE,
            Some("share") => share::USAGE,
            Some("extract") => extract::USAGE,
            Some("bake") => bake::USAGE,
            Some("issue") => issue::USAGE,
            _ => return Err(Fatal::usage(format!("unknown command {}", cmd.to_string_lossy()), USAGE)),
        },
        Some(other) => return Err(args::unexpected(other, USAGE)),
    };
    args::help(usage);
    Ok(ExitCode::SUCCESS)
}
