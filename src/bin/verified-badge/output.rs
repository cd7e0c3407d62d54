//! What `verify` prints: one line a credential (text for people, or NDJSON), a summary, and
//! a progress line on stderr for long batches on a terminal.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use verified_badge::{Outcome, Report, Status};

/// Whether to colour the verdicts: only when stdout is a terminal and `NO_COLOR` is unset.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    colour: bool,
}

impl Style {
    /// Colour for a terminal, plain otherwise.
    pub fn detect() -> Style {
        let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        Style { colour }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// One line for people: the verdict, the source, what it is, and the first problem.
pub fn human(label: &str, report: &Report, style: Style) -> String {
    let mark = match report.outcome {
        Outcome::Verified => style.paint("32", "✓ verified     "),
        Outcome::Invalid => style.paint("31", "✗ invalid      "),
        Outcome::Indeterminate => style.paint("33", "? indeterminate"),
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
    format!("{mark} {}{}{}", printable(label), what.unwrap_or_default(), problem.unwrap_or_default())
}

/// One NDJSON line: the report's JSON with the source it came from as `"source"`.
pub fn json(label: &str, report: &Report) -> String {
    let body = report.to_json();
    let source = serde_json::Value::String(label.to_owned());
    match body.strip_prefix('{') {
        Some(rest) if rest.starts_with('}') => format!("{{\"source\":{source}}}"),
        Some(rest) => format!("{{\"source\":{source},{rest}"),
        None => body,
    }
}

/// Hostile text (credential names, file names) must not drive the terminal: control
/// characters are dropped and the length is capped.
pub fn printable(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).take(200).collect()
}

/// Counts of outcomes, and what they make the exit status.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub verified: usize,
    pub invalid: usize,
    pub indeterminate: usize,
    /// Sources that could not be read.
    pub unreadable: usize,
}

impl Tally {
    /// Counts one report.
    pub fn add(&mut self, outcome: Outcome) {
        let n = match outcome {
            Outcome::Verified => &mut self.verified,
            Outcome::Invalid => &mut self.invalid,
            Outcome::Indeterminate => &mut self.indeterminate,
        };
        *n = n.saturating_add(1);
    }

    /// 2 if anything could not be read, else 1 for any invalid, else 3 for any
    /// indeterminate, else 0.
    pub fn exit_code(&self) -> u8 {
        if self.unreadable > 0 {
            2
        } else if self.invalid > 0 {
            1
        } else if self.indeterminate > 0 {
            3
        } else {
            0
        }
    }

    /// `3 credentials: 1 verified, 1 invalid, 1 indeterminate`.
    pub fn summary(&self) -> String {
        let total = self.verified.saturating_add(self.invalid).saturating_add(self.indeterminate);
        let noun = if total == 1 { "credential" } else { "credentials" };
        let mut line = format!("{total} {noun}: {} verified, {} invalid, {} indeterminate", self.verified, self.invalid, self.indeterminate);
        if self.unreadable > 0 {
            line.push_str(&format!(", {} unreadable", self.unreadable));
        }
        line
    }
}

/// A one-line progress indicator on stderr, for batches of at least [`Progress::MIN_BATCH`]
/// when stderr is a terminal. Redrawn at most ten times a second.
pub struct Progress {
    total: usize,
    enabled: bool,
    /// Whether stdout goes to the same terminal, so the line must be cleared before output.
    shares_terminal: bool,
    last: Option<Instant>,
    shown: bool,
}

impl Progress {
    /// Smallest batch that gets a progress line.
    pub const MIN_BATCH: usize = 50;

    /// A progress indicator for `total` items.
    pub fn new(total: usize) -> Progress {
        let enabled = total >= Self::MIN_BATCH && std::io::stderr().is_terminal();
        Progress { total, enabled, shares_terminal: std::io::stdout().is_terminal(), last: None, shown: false }
    }

    /// Clears the line before something is printed to the same terminal.
    pub fn before_output(&mut self) {
        if self.shown && self.shares_terminal {
            self.clear();
        }
    }

    /// Shows `done` of the total, if it is time to redraw.
    pub fn update(&mut self, done: usize) {
        if !self.enabled || self.last.is_some_and(|t| t.elapsed() < Duration::from_millis(100)) {
            return;
        }
        self.last = Some(Instant::now());
        let percent = done.saturating_mul(100).checked_div(self.total).unwrap_or(100);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[Kverifying {done}/{} ({percent}%)", self.total);
        let _ = err.flush();
        self.shown = true;
    }

    /// Removes the line.
    pub fn clear(&mut self) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
            self.shown = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_carry_the_source_first() {
        let report = verified_badge::verify(verified_badge::Input::Text("x"), &verified_badge::VerifyOptions::new(verified_badge::Timestamp(0)));
        let line = json("a \"b\".json", &report);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap_or_default();
        assert_eq!(v["source"], "a \"b\".json");
        assert_eq!(v["outcome"], "invalid");
        assert!(line.starts_with("{\"source\":"));
    }

    #[test]
    fn exit_codes_follow_the_worst_outcome() {
        let mut t = Tally::default();
        t.add(Outcome::Verified);
        assert_eq!(t.exit_code(), 0);
        t.add(Outcome::Indeterminate);
        assert_eq!(t.exit_code(), 3);
        t.add(Outcome::Invalid);
        assert_eq!(t.exit_code(), 1);
        t.unreadable = 1;
        assert_eq!(t.exit_code(), 2);
        assert_eq!(t.summary(), "3 credentials: 1 verified, 1 invalid, 1 indeterminate, 1 unreadable");
    }
}
