//! `verified-badge bake CREDENTIAL IMAGE -o OUT`: a credential written into a badge image.

use std::process::ExitCode;

use lexopt::prelude::*;
use verified_badge::baked;

use crate::args;
use crate::error::Fatal;

/// `bake --help`.
pub const USAGE: &str = "\
verified-badge bake — write a credential into a PNG or SVG badge

USAGE:
    verified-badge bake CREDENTIAL IMAGE -o OUT

    CREDENTIAL   a signed Open Badges 3.0 credential: JSON, or a compact JWS (VC-JWT); - for stdin
    IMAGE        the PNG or SVG badge image
    -o OUT       where to write the baked image (- for stdout); may be IMAGE itself

PNG: one iTXt chunk `openbadgecredential` right before the first IDAT chunk.
SVG: <openbadges:credential> right after the <svg> start tag (JSON in CDATA, a JWS in its
verify attribute), the namespace declared on the root.
A credential baked there before is replaced; every other byte is left as it was.
The credential is not verified: run `verify OUT` afterwards.

OPTIONS:
    -h, --help    print this help

EXIT STATUS:
    0 written, 1 the image or credential cannot be used, 2 usage or I/O error";

/// Bakes the credential into the image and writes the result.
pub fn run(parser: &mut lexopt::Parser) -> Result<ExitCode, Fatal> {
    let (mut positional, mut out) = (Vec::new(), None);
    while let Some(arg) = args::next(parser, USAGE)? {
        match arg {
            Short('h') | Long("help") => {
                args::help(USAGE);
                return Ok(ExitCode::SUCCESS);
            }
            Short('o') | Long("output") => out = Some(args::value(parser, "-o", USAGE)?),
            Value(v) if positional.len() < 2 => positional.push(args::text(v, "a path", USAGE)?),
            other => return Err(args::unexpected(other, USAGE)),
        }
    }
    let [credential, image] = <[String; 2]>::try_from(positional).map_err(|_| Fatal::usage("bake needs CREDENTIAL and IMAGE", USAGE))?;
    let out = out.ok_or_else(|| Fatal::usage("bake needs -o OUT", USAGE))?;
    if credential == "-" && image == "-" {
        return Err(Fatal::usage("only one of CREDENTIAL and IMAGE can be stdin", USAGE));
    }
    let text = args::read_input(&credential)?;
    let text = String::from_utf8(text).map_err(|_| Fatal::data(&credential, "the credential is not UTF-8 text"))?;
    let bytes = args::read_input(&image)?;
    let baked = baked::bake(&bytes, &text).map_err(|e| {
        let culprit = if e == baked::BakedError::BadCredential { &credential } else { &image };
        Fatal::data(culprit, e.to_string())
    })?;
    args::write_output(&out, &baked)?;
    Ok(ExitCode::SUCCESS)
}
