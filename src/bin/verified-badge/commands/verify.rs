//! `verified-badge verify`: many credentials, verified in parallel, reported in order.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use lexopt::prelude::*;
use verified_badge::{verify, Input, Recipient, Report, Timestamp, VerifyOptions};

use crate::fetch::Fetcher;
use crate::args;
use crate::error::Fatal;
use crate::output::{self, Progress, Style, Tally};
use crate::pool;
use crate::sources::{self, Source};

/// `verify --help`.
pub const USAGE: &str = "\
verified-badge verify — verify credentials offline

USAGE:
    verified-badge verify [OPTIONS] FILE|DIR|-...

    FILE   a credential: JSON(-LD), a compact JWS (VC-JWT), or a baked PNG/SVG badge
    DIR    every *.json, *.jwt, *.png and *.svg below it, recursively, in name order
    -      stdin: one JSON document, JWS or image, or NDJSON (one credential a line)

OPTIONS:
    --json            one JSON report per line (NDJSON) with its \"source\", instead of text
    --now T           check validity at T (RFC 3339, e.g. 2025-01-01T00:00:00Z) instead of now
    --offline         forbid every network request
    --doc URL=FILE    serve FILE's content for URL (a JSON-LD context, status list, ...)
    --recipient KIND:VALUE
                      check the badge was issued to this identity, e.g.
                      email:alice@example.com, url:https://..., phone:+1..., name:...
                      (hashed identifiers are compared locally; nothing is sent)
    -j, --jobs N      verify on N threads (default: one per core)
    -h, --help        print this help

OUTPUT:
    One line per credential, in input order, then a summary line; colour only on a terminal
    (and not with NO_COLOR). A progress line on stderr for long batches on a terminal.

EXIT STATUS:
    0 all verified, 1 any invalid, 3 any indeterminate and none invalid, 2 usage or I/O error";

/// What `verify` and `summary` are asked to do.
pub(super) struct Args {
    pub(super) json: bool,
    pub(super) jobs: usize,
    pub(super) options: VerifyOptions,
    pub(super) inputs: Vec<OsString>,
}

/// Parses the flags, verifies every source, prints the reports.
pub fn run(parser: &mut lexopt::Parser) -> Result<ExitCode, Fatal> {
    let Some(args) = parse(parser, USAGE)? else { return Ok(ExitCode::SUCCESS) };
    let sources = sources::collect(&args.inputs);
    if sources.is_empty() {
        // Verifying nothing must not look like "all verified".
        return Err(Fatal::Other(format!(
            "no credentials found (directories are searched for {})",
            sources::EXTENSIONS.map(|e| format!("*.{e}")).join(", ")
        )));
    }
    let style = Style::detect();
    let mut progress = Progress::new(sources.len());
    let mut tally = Tally::default();
    let stdout = std::io::stdout();
    // A terminal sees each line at once; a pipe gets them in blocks.
    let mut out: Box<dyn Write> = if stdout.is_terminal() {
        Box::new(stdout.lock())
    } else {
        Box::new(std::io::BufWriter::with_capacity(1 << 16, stdout.lock()))
    };
    let mut write_error = None;
    let options = &args.options;
    let fetcher = Fetcher::new();
    pool::ordered(
        &sources,
        args.jobs,
        |source| check(source, options, &fetcher),
        |i, result| {
            progress.before_output();
            let label = sources.get(i).map(Source::label).unwrap_or_default();
            match result {
                Ok(report) => {
                    tally.add(report.outcome);
                    let line = if args.json { output::json(&label, &report) } else { output::human(&label, &report, style) };
                    if let Err(e) = writeln!(out, "{line}") {
                        write_error = Some(e);
                        return false;
                    }
                }
                Err(e) => {
                    tally.unreadable = tally.unreadable.saturating_add(1);
                    let _ = out.flush();
                    eprintln!("verified-badge: {}: {e}", output::printable(&label));
                }
            }
            progress.update(i.saturating_add(1));
            true
        },
    );
    progress.clear();
    if let Some(e) = write_error {
        return Err(Fatal::io("<stdout>", e));
    }
    if !args.json {
        writeln!(out, "{}", tally.summary()).map_err(|e| Fatal::io("<stdout>", e))?;
    }
    out.flush().map_err(|e| Fatal::io("<stdout>", e))?;
    Ok(ExitCode::from(tally.exit_code()))
}

/// Verifies one source, first fetching what it needs when the network is allowed.
pub(super) fn check(source: &Source, options: &VerifyOptions, fetcher: &Fetcher) -> std::io::Result<Report> {
    let bytes = source.bytes()?;
    if !options.network {
        return Ok(verify(Input::Bytes(&bytes), options));
    }
    let mut options = options.clone();
    Ok(fetcher.verify(&bytes, &mut options))
}

/// Parses `verify`'s flags (shared by `summary`, which has the same ones), with `usage` for errors.
pub(super) fn parse(parser: &mut lexopt::Parser, usage: &'static str) -> Result<Option<Args>, Fatal> {
    let (mut json, mut now, mut offline, mut docs, mut inputs) = (false, None, false, Vec::new(), Vec::new());
    let (mut recipient, mut jobs) = (None, pool::default_jobs());
    while let Some(arg) = args::next(parser, usage)? {
        match arg {
            Long("json") => json = true,
            Long("offline") => offline = true,
            Long("now") => {
                let text = args::value(parser, "--now", usage)?;
                now = Some(Timestamp::parse(&text).map_err(|e| Fatal::usage(format!("--now {text}: {e}"), usage))?);
            }
            Long("doc") => {
                let text = args::value(parser, "--doc", usage)?;
                let (url, file) = text.split_once('=').ok_or_else(|| Fatal::usage(format!("--doc {text}: expected URL=FILE"), usage))?;
                let body = std::fs::read_to_string(file).map_err(|e| Fatal::io(format!("--doc {file}"), e))?;
                docs.push((url.to_owned(), body));
            }
            Long("recipient") => {
                let text = args::value(parser, "--recipient", usage)?;
                recipient = Some(Recipient::parse(&text).ok_or_else(|| Fatal::usage(format!("--recipient {text}: expected KIND:VALUE"), usage))?);
            }
            Short('j') | Long("jobs") => {
                let text = args::value(parser, "--jobs", usage)?;
                jobs = text.parse().ok().filter(|&n| n > 0).ok_or_else(|| Fatal::usage(format!("--jobs {text}: expected a positive number"), usage))?;
            }
            Short('h') | Long("help") => {
                args::help(usage);
                return Ok(None);
            }
            Value(input) => inputs.push(input),
            other => return Err(args::unexpected(other, usage)),
        }
    }
    if inputs.is_empty() {
        return Err(Fatal::usage("needs at least one FILE, DIR or -", usage));
    }
    let mut options = VerifyOptions::new(match now {
        Some(t) => t,
        None => args::now()?,
    });
    options.network = !offline;
    options.documents.extend(docs);
    options.recipient = recipient;
    Ok(Some(Args { json, jobs, options, inputs }))
}
