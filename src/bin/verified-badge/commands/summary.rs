//! `verified-badge summary`: verifies like `verify`, then prints what the collection adds up
//! to — outcome counts, skills, tags and issuers — for HR systems that want the numbers.

use std::io::Write;
use std::process::ExitCode;

use verified_badge::collection::{summarize, CollectionSummary, Tally};
use verified_badge::Report;

use super::verify;
use crate::error::Fatal;
use crate::fetch::Fetcher;
use crate::output::{printable, Progress};
use crate::pool;
use crate::sources::{self, Source};

/// `summary --help`.
pub const USAGE: &str = "\
verified-badge summary — verify a collection and sum it up: outcomes, skills, tags, issuers

USAGE:
    verified-badge summary [OPTIONS] FILE|DIR|-...

    Sources are read as `verify` reads them (JSON, JWT, baked PNG/SVG, directories, stdin).

OPTIONS:
    --json            one JSON object: {total, verified, invalid, indeterminate, skills, tags, issuers};
                      each skill, tag and issuer is {name, group?, url?, count, verified}
    --now T           check validity at T (RFC 3339) instead of now
    --offline         forbid every network request
    --doc URL=FILE    serve FILE's content for URL (a JSON-LD context, status list, ...)
    --recipient KIND:VALUE
                      also check every badge was issued to this identity
    -j, --jobs N      verify on N threads (default: one per core)
    -h, --help        print this help

Skills come from achievements' `alignment` (targetName, targetFramework, targetUrl) and count
toward `verified` only when their credential is verified; `count` is every credential that
claims them.

EXIT STATUS:
    0 the summary was printed (whatever the outcomes), 2 usage or I/O error (including a
    source that could not be read)";

/// Verifies every source and prints the summary.
pub fn run(parser: &mut lexopt::Parser) -> Result<ExitCode, Fatal> {
    let Some(args) = verify::parse(parser, USAGE)? else { return Ok(ExitCode::SUCCESS) };
    let sources = sources::collect(&args.inputs);
    if sources.is_empty() {
        return Err(Fatal::Other(format!(
            "no credentials found (directories are searched for {})",
            sources::EXTENSIONS.map(|e| format!("*.{e}")).join(", ")
        )));
    }
    let mut progress = Progress::new(sources.len());
    let mut reports: Vec<Report> = Vec::with_capacity(sources.len());
    let mut unreadable = 0usize;
    let fetcher = Fetcher::new();
    pool::ordered(
        &sources,
        args.jobs,
        |source| verify::check(source, &args.options, &fetcher),
        |i, result| {
            match result {
                Ok(report) => reports.push(report),
                Err(e) => {
                    progress.before_output();
                    unreadable = unreadable.saturating_add(1);
                    let label = sources.get(i).map(Source::label).unwrap_or_default();
                    eprintln!("verified-badge: {}: {e}", printable(&label));
                }
            }
            progress.update(i.saturating_add(1));
            true
        },
    );
    progress.clear();
    let summary = summarize(&reports);
    let text = if args.json {
        serde_json::to_string(&summary).map_err(|e| Fatal::Other(e.to_string()))?
    } else {
        human(&summary)
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").and_then(|()| out.flush()).map_err(|e| Fatal::io("<stdout>", e))?;
    Ok(ExitCode::from(if unreadable > 0 { 2 } else { 0 }))
}

/// The summary as plain-text tables.
fn human(s: &CollectionSummary) -> String {
    let noun = if s.total == 1 { "credential" } else { "credentials" };
    let mut out = format!(
        "{} {noun}: {} verified, {} invalid, {} indeterminate\n",
        s.total, s.verified, s.invalid, s.indeterminate
    );
    for (title, group, tallies) in [("SKILL", "FRAMEWORK", &s.skills), ("TAG", "", &s.tags), ("ISSUER", "ID", &s.issuers)] {
        out.push('\n');
        if tallies.is_empty() {
            out.push_str(&format!("{title}S: none\n"));
            continue;
        }
        out.push_str(&format!("{title:<40} {:>8} {:>8}  {group}\n", "VERIFIED", "CLAIMED"));
        for t in tallies.iter() {
            out.push_str(&row(t));
        }
    }
    out.trim_end().to_owned()
}

fn row(t: &Tally) -> String {
    let name: String = printable(&t.name).chars().take(40).collect();
    let group = t.group.as_deref().map(printable).unwrap_or_default();
    format!("{name:<40} {:>8} {:>8}  {group}\n", t.verified, t.count).trim_end().to_owned() + "\n"
}
