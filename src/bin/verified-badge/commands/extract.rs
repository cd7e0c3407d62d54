//! `verified-badge extract IMAGE`: the credential baked into a badge image.

use std::process::ExitCode;

use lexopt::prelude::*;
use verified_badge::baked::{self, Spec};

use crate::args;
use crate::error::Fatal;

/// `extract --help`.
pub const USAGE: &str = "\
verified-badge extract — print the credential baked into a PNG or SVG badge

USAGE:
    verified-badge extract IMAGE

    IMAGE   a PNG (iTXt `openbadgecredential`, or OB 2.0 `openbadges`) or an SVG
            (<openbadges:credential>, or OB 2.0 <openbadges:assertion>); - for stdin

Prints the embedded text as found (credential JSON or a compact JWS; for OB 2.0 the
assertion JSON, JWS or URL) followed by a newline. Nothing is verified: use `verify`.

OPTIONS:
    -h, --help    print this help

EXIT STATUS:
    0 printed, 1 the image is malformed or carries no credential, 2 usage or I/O error";

/// Prints the credential in the image named on the command line.
pub fn run(parser: &mut lexopt::Parser) -> Result<ExitCode, Fatal> {
    let mut image = None;
    while let Some(arg) = args::next(parser, USAGE)? {
        match arg {
            Short('h') | Long("help") => {
                args::help(USAGE);
                return Ok(ExitCode::SUCCESS);
            }
            Value(v) if image.is_none() => image = Some(args::text(v, "IMAGE", USAGE)?),
            other => return Err(args::unexpected(other, USAGE)),
        }
    }
    let image = image.ok_or_else(|| Fatal::usage("extract needs an IMAGE", USAGE))?;
    let name = if image == "-" { "<stdin>" } else { image.as_str() };
    let bytes = args::read_input(&image)?;
    if baked::sniff(&bytes).is_none() {
        return Err(Fatal::data(name, "not a PNG or SVG image (baked.not_image)"));
    }
    let found = baked::extract(&bytes).map_err(|e| Fatal::data(name, e.to_string()))?;
    if found.spec == Spec::OpenBadges2 {
        eprintln!("verified-badge: {name}: an Open Badges 2.0 assertion (from the {} image)", found.image.as_str());
    }
    args::write_output("-", format!("{}\n", found.text).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
