//! Helpers of the differential test: the oracle, our side, the fixtures, the generator, and a
//! tally of outcomes.

pub mod fixtures;
pub mod generate;
pub mod oracle;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Map, Value};
use verified_badge::canon::jsonld::{self, Error, Options, RemoteContext};
use verified_badge::canon::rdf::{LiteralKind, Object as RdfObject};
use verified_badge::canon::rdfc;
use verified_badge::proof::{linked_data, ProofError};

/// Literal rewrites applied to both sides' quads before canonicalization, to tell whether a
/// difference is only a known divergence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Normalize {
    /// Lower-case language tags.
    pub tags: bool,
    /// Rewrite every lexical form in exponent notation (`d.dddE±n`) as the double it denotes,
    /// written as jsonld.js writes doubles.
    pub doubles: bool,
}

impl Normalize {
    /// No rewrite.
    pub const NONE: Normalize = Normalize { tags: false, doubles: false };

    /// A language tag, normalized.
    pub fn tag(self, tag: String) -> String {
        if self.tags {
            tag.to_ascii_lowercase()
        } else {
            tag
        }
    }

    /// A typed literal's lexical form, normalized.
    pub fn value(self, value: String) -> String {
        let exponent_form = value.split_once('E').is_some_and(|(m, e)| {
            m.trim_start_matches('-').split_once('.').is_some_and(|(a, b)| a.len() == 1 && !b.is_empty())
                && e.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit())
        });
        match value.parse::<f64>() {
            Ok(x) if self.doubles && exponent_form => {
                let s = format!("{x:.15e}");
                let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
                let m = m.trim_end_matches('0');
                format!("{m}{}E{e}", if m.ends_with('.') { "0" } else { "" })
            }
            _ => value,
        }
    }
}

/// Our canonical N-Quads, in safe mode or not, with literals normalized.
pub fn ours(doc: &Value, documents: &BTreeMap<String, String>, safe: bool, normalize: Normalize) -> Result<String, String> {
    // Bundled contexts as verification reads them (pre-processed), supplied ones as JSON.
    let loader = |url: &str| -> Option<Arc<RemoteContext>> {
        if let Some(bundled) = RemoteContext::bundled_context(url) {
            return Some(Arc::new(bundled));
        }
        let json = documents.get(url)?;
        Some(Arc::new(RemoteContext::transient(url, serde_json::from_str(json).ok()?)))
    };
    let options = Options { safe, ..Options::new(&loader) };
    let mut quads = jsonld::to_rdf(doc, &options).map_err(|e| e.to_string())?;
    for q in &mut quads {
        if let RdfObject::Literal(lit) = &mut q.object {
            match &mut lit.kind {
                LiteralKind::Language(tag) => *tag = normalize.tag(std::mem::take(tag).into_owned()).into(),
                LiteralKind::Typed(_) => lit.value = normalize.value(std::mem::take(&mut lit.value).into_owned()).into(),
                LiteralKind::String => {}
            }
        }
    }
    rdfc::canonicalize(&quads).map_err(|e| format!("{e:?}"))
}

/// How one document compared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Byte-for-byte equal canonical N-Quads.
    Equal,
    /// Safe mode refused it (as Data Integrity requires), for this reason; in lax mode the
    /// output equals the oracle's.
    SafeModeRefusedLaxEqual(String),
    /// Both refused it (e.g. a context neither bundled nor supplied); our reason.
    BothRefused(String),
    /// A listed, explained divergence where we follow jsonld.js (see `KNOWN_DIVERGENCES`).
    KnownDivergence(&'static str),
    /// Anything else: a failure.
    Mismatch(String),
}

/// Where we deliberately follow jsonld.js (the reference every signature to check was made
/// with) and the oracle does not. Each is detected, never assumed: the difference must vanish
/// when exactly these rewrites are applied (the smallest set that explains it is reported).
pub const KNOWN_DIVERGENCES: &[(&str, &str)] = &[
    (
        "language-tag case",
        "jsonld.js lower-cases language tags (`en-US` → `en-us`) when writing RDF; json-ld 0.21 keeps them as written. \
         Signatures in the wild were made with jsonld.js, so we lower-case too (ob3-generated/edge-cases/lang.json). \
         Detected by lower-casing the tags of both sides' quads before canonicalization.",
    ),
    (
        "double formatting",
        "jsonld.js writes a double with `toExponential(15)`: 16 significant digits (`1.234567890123457E17`, `4.940656458412465E-324`); \
         json-ld 0.21 writes the shortest form that round-trips (`1.2345678901234568E17`, `5.0E-324`). We follow jsonld.js \
         (ob3-generated/edge-cases/number-big.json). Detected by rewriting both sides' exponent-form literals as the double \
         they denote, written one way.",
    ),
    (
        "JavaScript integers",
        "jsonld.js parses JSON numbers as JavaScript numbers, and a number whose `String()` has no `.` (and is below 1e21) \
         is an integer: `5.0` → xsd:integer `5` where json-ld 0.21 writes xsd:double `5.0E0`; `5e-324` → `0`; \
         `123456789012345678` → `123456789012345680`. We follow jsonld.js (ob3-generated/edge-cases/number-3.0.json). \
         Detected by giving the oracle each number as JavaScript sees it.",
    ),
];

/// Compares our canonical form of `doc` (the production path, safe mode) with the oracle's.
pub fn compare(oracle: &oracle::Oracle, doc: &Map<String, Value>, documents: &BTreeMap<String, String>) -> Verdict {
    let theirs = oracle.canonical_nquads(&Value::Object(doc.clone()).to_string());
    match (linked_data::canonical_nquads(doc, documents), theirs) {
        (Ok(a), Ok(b)) if a == b => Verdict::Equal,
        (Ok(_), Ok(_)) => explain(oracle, doc, documents, true),
        (Err(ProofError::LinkedData(Error::DataLoss(why))), Ok(b)) => {
            match ours(&Value::Object(doc.clone()), documents, false, Normalize::NONE) {
                Ok(a) if a == b => Verdict::SafeModeRefusedLaxEqual(why.to_string()),
                Ok(_) => match explain(oracle, doc, documents, false) {
                    Verdict::Mismatch(m) => Verdict::Mismatch(format!("(lax) {m}")),
                    known => known,
                },
                Err(e) => Verdict::Mismatch(format!("safe mode refused, lax failed: {e}; oracle succeeded")),
            }
        }
        (Err(ProofError::LinkedData(Error::UnknownContext(_))), Err(_)) => {
            Verdict::BothRefused("context neither bundled nor supplied".into())
        }
        (Err(e), Err(_)) => Verdict::BothRefused(format!("{e:?}")),
        (Err(e), Ok(_)) => Verdict::Mismatch(format!("we refused ({e:?}), the oracle did not")),
        (Ok(_), Err(e)) => Verdict::Mismatch(format!("the oracle refused ({e}), we did not")),
    }
}

/// The smallest set of known divergences that explains a difference, or a mismatch.
fn explain(oracle: &oracle::Oracle, doc: &Map<String, Value>, documents: &BTreeMap<String, String>, safe: bool) -> Verdict {
    let original = Value::Object(doc.clone());
    let plain = original.to_string();
    let js = generate::js_text(&original, true);
    // (tags, doubles, integers) in order of how much they assume.
    let subsets: [(bool, bool, bool, &'static str); 7] = [
        (true, false, false, "language-tag case"),
        (false, true, false, "double formatting"),
        (false, false, true, "JavaScript integers"),
        (true, true, false, "language-tag case + double formatting"),
        (true, false, true, "language-tag case + JavaScript integers"),
        (false, true, true, "double formatting + JavaScript integers"),
        (true, true, true, "language-tag case + double formatting + JavaScript integers"),
    ];
    for (tags, doubles, integers, name) in subsets {
        let normalize = Normalize { tags, doubles };
        let Ok(a) = ours(&original, documents, safe, normalize) else { continue };
        let text = if integers { &js } else { &plain };
        if oracle.canonical_nquads_normalized(text, normalize).as_deref() == Ok(a.as_str()) {
            return Verdict::KnownDivergence(name);
        }
    }
    let a = ours(&original, documents, safe, Normalize::NONE).unwrap_or_default();
    let theirs = oracle.canonical_nquads(&plain).unwrap_or_default();
    let only_ours: Vec<&str> = a.lines().filter(|l| !theirs.lines().any(|t| t == *l)).take(3).collect();
    let only_theirs: Vec<&str> = theirs.lines().filter(|l| !a.lines().any(|t| t == *l)).take(3).collect();
    Verdict::Mismatch(format!("ours only: {only_ours:#?}\noracle only: {only_theirs:#?}"))
}

/// Counts of verdicts, printed at the end.
#[derive(Debug, Default)]
pub struct Tally {
    counts: BTreeMap<String, usize>,
    /// (name, what differed) of every unexplained mismatch.
    pub mismatches: Vec<(String, String)>,
}

impl Tally {
    /// Records one comparison.
    pub fn add(&mut self, name: &str, verdict: Verdict) {
        let key = match &verdict {
            Verdict::Equal => "equal byte for byte".to_owned(),
            Verdict::SafeModeRefusedLaxEqual(why) => format!("safe mode refused ({why}); lax output equal"),
            Verdict::BothRefused(why) => format!("both refused ({why})"),
            Verdict::KnownDivergence(d) => format!("known divergence: {d}"),
            Verdict::Mismatch(m) => {
                self.mismatches.push((name.to_owned(), m.clone()));
                "MISMATCH".to_owned()
            }
        };
        *self.counts.entry(key).or_default() += 1;
    }

    /// Prints the counts under `title`; panics on any unexplained mismatch.
    pub fn finish(self, title: &str) {
        let total: usize = self.counts.values().sum();
        println!("differential ({title}): {total} documents compared with json-ld 0.21 + rdf-canon 0.15");
        for (k, n) in &self.counts {
            println!("  {n:5}  {k}");
        }
        for (name, m) in &self.mismatches {
            println!("MISMATCH {name}:\n{m}\n");
        }
        assert!(self.mismatches.is_empty(), "{} unexplained mismatches with the oracle", self.mismatches.len());
    }
}
