//! The `verified-badge` command line: the same core as the widget, for servers, CI and
//! bulk checks.
//!
//! ```text
//! verified-badge verify [--json] [--now T] [--offline] [--doc URL=FILE]… [--recipient KIND:VALUE] FILE…
//! ```
//! Exit status: 0 all verified, 1 any invalid, 3 any indeterminate and none invalid,
//! 2 usage or I/O error.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use verified_badge::{verify, Input, Outcome, Recipient, Report, Status, Timestamp, VerifyOptions};

const USAGE: &str = "\
verified-badge — verify Open Badges 3.0 and W3C Verifiable Credentials offline

USAGE:
    verified-badge verify [OPTIONS] FILE...

OPTIONS:
    --json            one JSON report per line (NDJSON) instead of text
    --now T           check validity at T (RFC 3339, e.g. 2025-01-01T00:00:00Z) instead of now
    --offline         forbid every network request
    --doc URL=FILE    serve FILE's content for URL (a JSON-LD context, status list, ...)
    --recipient KIND:VALUE
                      check the badge was issued to this identity, e.g.
                      email:alice@example.com, url:https://..., phone:+1..., name:...
                      (hashed identifiers are compared locally; nothing is sent)
    -h, --help        print this help
    -V, --version     print the version

EXIT STATUS:
    0 all verified, 1 any invalid, 3 any indeterminate and none invalid, 2 usage or I/O error";

/// A usage or I/O problem: printed to stderr, exit status 2.
struct Fatal(String);

struct Args {
    json: bool,
    options: VerifyOptions,
    files: Vec<PathBuf>,
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(Fatal(message)) => {
            eprintln!("verified-badge: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode, Fatal> {
    let Some(args) = parse_args()? else { return Ok(ExitCode::SUCCESS) };
    let mut stdout = std::io::stdout().lock();
    let (mut invalid, mut indeterminate) = (0usize, 0usize);
    for file in &args.files {
        let bytes = std::fs::read(file).map_err(|e| Fatal(format!("{}: {e}", file.display())))?;
        let report = verify(Input::Bytes(&bytes), &args.options);
        match report.outcome {
            Outcome::Invalid => invalid += 1,
            Outcome::Indeterminate => indeterminate += 1,
            Outcome::Verified => {}
        }
        let line = if args.json { report.to_json() } else { human(file, &report) };
        writeln!(stdout, "{line}").map_err(|e| Fatal(format!("writing output: {e}")))?;
    }
    Ok(if invalid > 0 {
        ExitCode::from(1)
    } else if indeterminate > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}

fn parse_args() -> Result<Option<Args>, Fatal> {
    use lexopt::prelude::*;
    let usage = |m: String| Fatal(format!("{m}\n\n{USAGE}"));
    let mut parser = lexopt::Parser::from_env();
    match parser.next().map_err(|e| usage(e.to_string()))? {
        Some(Value(cmd)) if cmd == "verify" => {}
        Some(Short('h') | Long("help")) => {
            println!("{USAGE}");
            return Ok(None);
        }
        Some(Short('V') | Long("version")) => {
            println!("verified-badge {}", env!("CARGO_PKG_VERSION"));
            return Ok(None);
        }
        Some(other) => return Err(usage(format!("unknown command {}", other.unexpected()))),
        None => return Err(usage(String::from("missing command"))),
    }
    let (mut json, mut now, mut offline, mut docs, mut files) = (false, None, false, Vec::new(), Vec::new());
    let mut recipient = None;
    while let Some(arg) = parser.next().map_err(|e| usage(e.to_string()))? {
        match arg {
            Long("json") => json = true,
            Long("offline") => offline = true,
            Long("now") => {
                let text = parser.value().map_err(|e| usage(e.to_string()))?.string().map_err(|_| usage("--now is not UTF-8".into()))?;
                now = Some(Timestamp::parse(&text).map_err(|e| usage(format!("--now {text}: {e}")))?);
            }
            Long("doc") => {
                let text = parser.value().map_err(|e| usage(e.to_string()))?.string().map_err(|_| usage("--doc is not UTF-8".into()))?;
                let (url, file) = text.split_once('=').ok_or_else(|| usage(format!("--doc {text}: expected URL=FILE")))?;
                let body = std::fs::read_to_string(file).map_err(|e| Fatal(format!("--doc {file}: {e}")))?;
                docs.push((url.to_owned(), body));
            }
            Long("recipient") => {
                let text = parser.value().map_err(|e| usage(e.to_string()))?.string().map_err(|_| usage("--recipient is not UTF-8".into()))?;
                recipient = Some(Recipient::parse(&text).ok_or_else(|| usage(format!("--recipient {text}: expected KIND:VALUE")))?);
            }
            Short('h') | Long("help") => {
                println!("{USAGE}");
                return Ok(None);
            }
            Value(file) => files.push(PathBuf::from(file)),
            other => return Err(usage(other.unexpected().to_string())),
        }
    }
    if files.is_empty() {
        return Err(usage(String::from("verify needs at least one FILE")));
    }
    let now = match now {
        Some(t) => t,
        None => {
            let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_err(|_| Fatal("the system clock is before 1970".into()))?;
            Timestamp(i64::try_from(secs.as_secs()).unwrap_or(i64::MAX))
        }
    };
    let mut options = VerifyOptions::new(now);
    options.network = !offline;
    options.documents.extend(docs);
    options.recipient = recipient;
    Ok(Some(Args { json, options, files }))
}

/// One line for people: the verdict, the file, what it is, and the first problem.
fn human(file: &std::path::Path, report: &Report) -> String {
    let mark = match report.outcome {
        Outcome::Verified => "✓ verified     ",
        Outcome::Invalid => "✗ invalid      ",
        Outcome::Indeterminate => "? indeterminate",
    };
    let what = report.credential.as_ref().and_then(|c| {
        let name = c.achievement.as_ref().and_then(|a| a.name.clone()).or_else(|| c.name.clone())?;
        let issuer = c.issuer.as_ref().and_then(|i| i.name.clone().or_else(|| i.id.clone()));
        Some(match issuer {
            Some(issuer) => format!(" — {} (issuer: {})", printable(&name), printable(&issuer)),
            None => format!(" — {}", printable(&name)),
        })
    });
    let problem = report
        .checks
        .iter()
        .find(|c| c.status == Status::Failed)
        .or_else(|| report.checks.iter().find(|c| c.status == Status::Unknown))
        .map(|c| format!(": {} ({})", printable(&c.message), c.code));
    format!("{mark} {}{}{}", file.display(), what.unwrap_or_default(), problem.unwrap_or_default())
}

/// Credential text is hostile: drop control characters so it cannot drive the terminal.
fn printable(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).take(120).collect()
}
