//! `verified-badge issue`: an Ed25519 issuer key (`keygen`) and signing (`sign`).

use std::process::ExitCode;

use lexopt::prelude::*;
use serde_json::Value;
use verified_badge::issue::{Issuer, JwtForm};
use verified_badge::report::Code;
use verified_badge::{verify, Input, Outcome, Status, Timestamp, VerifyOptions};

use crate::args;
use crate::error::Fatal;
use crate::keyfile;

/// `issue --help`.
pub const USAGE: &str = "\
verified-badge issue — make an issuer key and sign Open Badges 3.0 credentials

USAGE:
    verified-badge issue keygen [-o FILE]
    verified-badge issue sign --key FILE [--suite SUITE] [--created T] [-o OUT] CREDENTIAL

Run `verified-badge issue keygen --help` or `verified-badge issue sign --help` for details.";

/// `issue keygen --help`.
pub const KEYGEN_USAGE: &str = "\
verified-badge issue keygen — make a new Ed25519 issuer key (did:key)

USAGE:
    verified-badge issue keygen [-o FILE]

The key is a Multikey JSON document with the secret in `secretKeyMultibase`; the seed comes
from the operating system's random number generator. With -o, FILE is created with mode 0600
(never overwritten) and the issuer's DID is printed; without it, the key goes to stdout.
Use the DID as the credential's issuer id.

OPTIONS:
    -o FILE       write the key to FILE
    -h, --help    print this help";

/// `issue sign --help`.
pub const SIGN_USAGE: &str = "\
verified-badge issue sign — sign an unsigned credential with an issuer key

USAGE:
    verified-badge issue sign --key FILE [--suite SUITE] [--created T] [-o OUT] CREDENTIAL

    CREDENTIAL   the unsigned credential JSON (- for stdin); its issuer (or issuer.id) must be
                 the key's DID, so verifiers can bind the signature to the issuer

OPTIONS:
    --key FILE        the key file from `issue keygen`
    --suite SUITE     eddsa-jcs-2022 (default): a Data Integrity proof over JCS;
                      eddsa-rdfc-2022: a Data Integrity proof over RDF canonicalization
                      (only the contexts bundled with verified-badge can be used);
                      jwt: an EdDSA VC-JWT (vc+jwt for VC 2.0, the `vc` claim for VC 1.1)
    --created T       the proof's creation time (RFC 3339; default now)
    -o OUT            write the signed credential to OUT instead of stdout
    -h, --help        print this help

The result is verified before it is written; a warning says why if it would not verify.";

/// Runs `issue keygen` or `issue sign`.
pub fn run(parser: &mut lexopt::Parser) -> Result<ExitCode, Fatal> {
    match args::next(parser, USAGE)? {
        Some(Value(cmd)) => match cmd.to_str() {
            Some("keygen") => keygen(parser),
            Some("sign") => sign(parser),
            _ => Err(Fatal::usage(format!("unknown issue command {}", cmd.to_string_lossy()), USAGE)),
        },
        Some(Short('h') | Long("help")) => {
            args::help(USAGE);
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(args::unexpected(other, USAGE)),
        None => Err(Fatal::usage("issue needs keygen or sign", USAGE)),
    }
}

fn keygen(parser: &mut lexopt::Parser) -> Result<ExitCode, Fatal> {
    let mut out = None;
    while let Some(arg) = args::next(parser, KEYGEN_USAGE)? {
        match arg {
            Short('o') | Long("output") => out = Some(args::value(parser, "-o", KEYGEN_USAGE)?),
            Short('h') | Long("help") => {
                args::help(KEYGEN_USAGE);
                return Ok(ExitCode::SUCCESS);
            }
            other => return Err(args::unexpected(other, KEYGEN_USAGE)),
        }
    }
    let seed = keyfile::generate()?;
    let text = keyfile::document(&seed);
    match out.as_deref() {
        None | Some("-") => args::write_output("-", text.as_bytes())?,
        Some(path) => {
            keyfile::write_new(path, &text)?;
            println!("{}", Issuer::from_seed(&seed).did());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The signing suites `issue sign` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suite {
    EddsaJcs2022,
    EddsaRdfc2022,
    Jwt,
}

fn sign(parser: &mut lexopt::Parser) -> Result<ExitCode, Fatal> {
    let (mut key, mut suite, mut created, mut out, mut credential) = (None, Suite::EddsaJcs2022, None, None, None);
    while let Some(arg) = args::next(parser, SIGN_USAGE)? {
        match arg {
            Long("key") => key = Some(args::value(parser, "--key", SIGN_USAGE)?),
            Long("suite") => {
                suite = match args::value(parser, "--suite", SIGN_USAGE)?.as_str() {
                    "eddsa-jcs-2022" => Suite::EddsaJcs2022,
                    "eddsa-rdfc-2022" => Suite::EddsaRdfc2022,
                    "jwt" => Suite::Jwt,
                    other => return Err(Fatal::usage(format!("--suite {other}: expected eddsa-jcs-2022, eddsa-rdfc-2022 or jwt"), SIGN_USAGE)),
                }
            }
            Long("created") => {
                let text = args::value(parser, "--created", SIGN_USAGE)?;
                let t = Timestamp::parse(&text).map_err(|e| Fatal::usage(format!("--created {text}: {e}"), SIGN_USAGE))?;
                created = Some(t);
            }
            Short('o') | Long("output") => out = Some(args::value(parser, "-o", SIGN_USAGE)?),
            Short('h') | Long("help") => {
                args::help(SIGN_USAGE);
                return Ok(ExitCode::SUCCESS);
            }
            Value(v) if credential.is_none() => credential = Some(args::text(v, "CREDENTIAL", SIGN_USAGE)?),
            other => return Err(args::unexpected(other, SIGN_USAGE)),
        }
    }
    let key = key.ok_or_else(|| Fatal::usage("sign needs --key FILE", SIGN_USAGE))?;
    let path = credential.ok_or_else(|| Fatal::usage("sign needs a CREDENTIAL", SIGN_USAGE))?;
    let issuer = keyfile::read(&key)?;
    let name = if path == "-" { "<stdin>" } else { path.as_str() };
    let bytes = args::read_input(&path)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| Fatal::data(name, "the credential is not UTF-8 text"))?;
    let doc = verified_badge::input::parse_json(text).map_err(|e| Fatal::data(name, format!("{} ({})", e.message(), e.code())))?;
    check_issuer(&doc, &issuer).map_err(|m| Fatal::data(name, m))?;
    let now = args::now()?;
    let signed = match suite {
        Suite::EddsaJcs2022 => {
            let created = created.unwrap_or(now).to_rfc3339();
            let signed = issuer.sign_eddsa_jcs_2022(&doc, &created).map_err(|e| Fatal::data(name, e.to_string()))?;
            serde_json::to_string_pretty(&signed).map_err(|e| Fatal::data(name, e.to_string()))? + "\n"
        }
        Suite::Jwt => {
            let form = if doc.get("@context").and_then(|c| c.get(0)).and_then(Value::as_str) == Some(verified_badge::credential::VC_V1) {
                JwtForm::VcJwt
            } else {
                JwtForm::VcJose
            };
            issuer.sign_jwt(&doc, form).map_err(|e| Fatal::data(name, e.to_string()))? + "\n"
        }
        Suite::EddsaRdfc2022 => {
            let created = created.unwrap_or(now).to_rfc3339();
            let signed = issuer.sign_eddsa_rdfc_2022(&doc, &created).map_err(|e| Fatal::data(name, e.to_string()))?;
            serde_json::to_string_pretty(&signed).map_err(|e| Fatal::data(name, e.to_string()))? + "\n"
        }
    };
    warn_unless_verified(name, &signed, now);
    args::write_output(out.as_deref().unwrap_or("-"), signed.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The credential must name the key's DID as its issuer: verifiers reject a signature whose
/// key does not belong to the issuer (`issuer.mismatch`).
fn check_issuer(doc: &Value, issuer: &Issuer) -> Result<(), String> {
    if !doc.is_object() {
        return Err(String::from("the credential is not a JSON object"));
    }
    let named = match doc.get("issuer") {
        Some(Value::String(id)) => Some(id.as_str()),
        Some(Value::Object(o)) => o.get("id").and_then(Value::as_str),
        _ => None,
    };
    let did = issuer.did();
    match named {
        Some(id) if id == did => Ok(()),
        Some(id) => Err(format!("the credential's issuer is {id}, but the key is {did}: set the issuer id to the key's DID")),
        None => Err(format!("the credential has no issuer id: set it to the key's DID, {did}")),
    }
}

/// Verifies what was just signed, and says on stderr if it would not verify now.
fn warn_unless_verified(name: &str, signed: &str, now: Timestamp) {
    let report = verify(Input::Text(signed.trim()), &VerifyOptions::new(now));
    if report.outcome == Outcome::Verified {
        return;
    }
    let why = report
        .checks
        .iter()
        .find(|c| c.status == Status::Failed)
        .or_else(|| report.checks.iter().find(|c| c.status == Status::Unknown))
        .map(|c| format!(": {} ({})", c.message, c.code))
        .unwrap_or_default();
    eprintln!("verified-badge: warning: {name}: signed, but it would verify as {}{why}", report.outcome.as_str());
}
