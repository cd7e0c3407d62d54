//! Benchmark for `verified-badge verify` on a directory of 10,000 signed credentials.
//!
//! ```text
//! cargo build --profile release-native --bin verified-badge --example bench_cli
//! target/release-native/examples/bench_cli [COUNT] [DIR] [JOBS]
//! ```
//! Generates COUNT (default 10,000) Open Badges 3.0 credentials signed `eddsa-jcs-2022` by a
//! clearly marked TEST key into DIR (default `target/bench-cli/`), then times
//! `verified-badge verify --json --offline --now … -j JOBS DIR > /dev/null` (JOBS default 2)
//! three times with the `verified-badge` binary built next to this example (or the one in
//! `VERIFIED_BADGE_BIN`), and prints credentials per second.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::json;
use sha2::{Digest, Sha256};
use verified_badge::issue::Issuer;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(10_000);
    let dir = args.next().map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-cli"));
    let jobs: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(2);

    // A TEST key derived from a public phrase: never trust what it signs.
    let seed: [u8; 32] = Sha256::digest(b"verified-badge bench key: TEST ONLY, never trust").into();
    let issuer = Issuer::from_seed(&seed);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    let started = Instant::now();
    for i in 0..count {
        let credential = json!({
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "id": format!("urn:uuid:00000000-0000-4000-8000-{i:012}"),
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": { "id": issuer.did(), "type": ["Profile"], "name": "Benchmark Academy (TEST KEY)" },
            "validFrom": "2024-01-01T00:00:00Z",
            "name": format!("Benchmark badge {i}"),
            "credentialSubject": {
                "id": format!("did:example:learner-{i}"),
                "type": ["AchievementSubject"],
                "achievement": {
                    "id": "https://example.com/achievements/bench",
                    "type": ["Achievement"],
                    "name": "Benchmark",
                    "description": "A credential made to measure verification speed.",
                    "criteria": { "narrative": "Exist." }
                }
            }
        });
        let signed = issuer.sign_eddsa_jcs_2022(&credential, "2024-01-01T00:00:00Z")?;
        std::fs::write(dir.join(format!("{i:05}.json")), signed.to_string())?;
    }
    println!("generated {count} credentials in {} in {:.2} s", dir.display(), started.elapsed().as_secs_f64());

    let bin = match std::env::var_os("VERIFIED_BADGE_BIN") {
        Some(path) => PathBuf::from(path),
        None => std::env::current_exe()?.parent().and_then(|p| p.parent()).ok_or("no target dir")?.join("verified-badge"),
    };
    if !bin.exists() {
        println!("{} not found: build it with the same profile to time it", bin.display());
        return Ok(());
    }
    let mut times = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let status = Command::new(&bin)
            .args(["verify", "--json", "--offline", "--now", "2025-06-01T00:00:00Z", "-j", &jobs.to_string()])
            .arg(&dir)
            .stdout(Stdio::null())
            .status()?;
        let elapsed = started.elapsed().as_secs_f64();
        if status.code() != Some(0) {
            return Err(format!("verify exited with {status}: not every credential verified").into());
        }
        times.push(elapsed);
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(1).copied().unwrap_or_default();
    println!(
        "verify --json -j {jobs}: {count} credentials, median {median:.3} s (runs: {}) = {:.0} credentials/second",
        times.iter().map(|t| format!("{t:.3}")).collect::<Vec<_>>().join(", "),
        count as f64 / median
    );
    Ok(())
}
