//! The W3C RDF Dataset Canonicalization (RDFC-1.0) test suite, read in place from
//! `../shared/vectors/rdf-canon` (see its README): every eval, map and negative test.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use verified_badge::canon::nquads;
use verified_badge::canon::rdfc::{self, CanonError, HashAlgorithm, Options};

const SUITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors/rdf-canon");

/// The poison graph must be refused quickly, not after exponential work.
const NEGATIVE_TIME_LIMIT: Duration = Duration::from_secs(1);

#[test]
fn rdf_canon_suite() {
    let suite = Path::new(SUITE);
    if !suite.is_dir() {
        println!("SKIPPED: ../shared/vectors/rdf-canon not found");
        eprintln!("SKIPPED: ../shared/vectors/rdf-canon not found");
        return;
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&read(suite, "manifest.jsonld")).expect("manifest.jsonld is JSON");
    let entries = manifest["entries"].as_array().expect("manifest has entries");

    let started = Instant::now();
    let mut failures = Vec::new();
    for entry in entries {
        let id = entry["id"].as_str().unwrap_or("?");
        if let Err(reason) = run(suite, entry) {
            failures.push(format!("{id}: {reason}"));
        }
    }
    let elapsed = started.elapsed();

    let passed = entries.len() - failures.len();
    println!("rdf-canon: {passed}/{} passed in {elapsed:.2?}", entries.len());
    assert!(failures.is_empty(), "failing rdf-canon tests:\n{}", failures.join("\n"));
}

/// Beyond the manifest: the canonical form must not depend on quad order or blank-node labels,
/// and every expected result must serialize back to itself.
#[test]
fn rdf_canon_inputs_shuffled_and_relabelled() {
    let suite = Path::new(SUITE);
    if !suite.is_dir() {
        println!("SKIPPED: ../shared/vectors/rdf-canon not found");
        return;
    }
    let mut checked = 0;
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    for n in 1..=100 {
        let (Ok(input), Ok(expected)) = (
            std::fs::read_to_string(suite.join(format!("rdfc10/test{n:03}-in.nq"))),
            std::fs::read_to_string(suite.join(format!("rdfc10/test{n:03}-rdfc10.nq"))),
        ) else {
            continue;
        };
        if n == 74 || n == 75 {
            continue; // the poison graph; SHA-384
        }
        let parsed = nquads::parse(&expected).expect("expected output parses");
        assert_eq!(nquads::to_nquads(&parsed), expected, "test{n:03} result reserialized");

        let mut lines: Vec<String> = input.lines().map(|l| l.replace("_:", "_:x")).collect();
        for i in (1..lines.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            lines.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let shuffled = nquads::parse(&lines.join("\n")).expect("shuffled input parses");
        assert_eq!(rdfc::canonicalize(&shuffled), Ok(expected), "test{n:03} shuffled");
        checked += 1;
    }
    println!("rdf-canon shuffled and relabelled: {checked} inputs agree");
}

#[cfg(feature = "rdfc-sha384")]
fn sha384() -> Result<HashAlgorithm, String> {
    Ok(HashAlgorithm::Sha384)
}

#[cfg(not(feature = "rdfc-sha384"))]
fn sha384() -> Result<HashAlgorithm, String> {
    Err("SHA-384 tests need the crate's feature `rdfc-sha384` (on by default)".into())
}

fn run(suite: &Path, entry: &serde_json::Value) -> Result<(), String> {
    let kind = entry["type"].as_str().unwrap_or_default();
    let action = entry["action"].as_str().ok_or("no action")?;
    let hash = match entry["hashAlgorithm"].as_str() {
        None | Some("SHA256") => HashAlgorithm::Sha256,
        Some("SHA384") => sha384()?,
        Some(other) => return Err(format!("unknown hash algorithm {other}")),
    };
    let options = Options::default().with_hash(hash);
    let input = nquads::parse(&read(suite, action)).map_err(|e| format!("input: {e}"))?;
    match kind {
        "rdfc:RDFC10EvalTest" => {
            let expected = read(suite, entry["result"].as_str().ok_or("no result")?);
            let actual = rdfc::canonicalize_with(&input, &options).map_err(|e| e.to_string())?;
            if actual != expected {
                return Err(format!("expected\n{expected}got\n{actual}"));
            }
        }
        "rdfc:RDFC10MapTest" => {
            let expected: BTreeMap<String, String> =
                serde_json::from_str(&read(suite, entry["result"].as_str().ok_or("no result")?))
                    .map_err(|e| format!("result: {e}"))?;
            let actual: BTreeMap<String, String> = rdfc::issued_identifiers(&input, &options)
                .map_err(|e| e.to_string())?
                .into_iter()
                .collect();
            if actual != expected {
                return Err(format!("expected {expected:?}, got {actual:?}"));
            }
        }
        "rdfc:RDFC10NegativeEvalTest" => {
            let started = Instant::now();
            let result = rdfc::canonicalize_with(&input, &options);
            let elapsed = started.elapsed();
            println!("{}: refused in {elapsed:.2?}", entry["id"].as_str().unwrap_or("?"));
            if result != Err(CanonError::TooComplex) {
                return Err(format!("expected canon.too_complex, got {result:?}"));
            }
            if elapsed > NEGATIVE_TIME_LIMIT {
                return Err(format!("refused only after {elapsed:.2?}"));
            }
        }
        other => return Err(format!("unknown test type {other}")),
    }
    Ok(())
}

fn read(suite: &Path, relative: &str) -> String {
    std::fs::read_to_string(suite.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}
