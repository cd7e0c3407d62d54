//! Replays the fuzz seeds and every saved crash through the fuzz entry points on the stable
//! toolchain: committed regressions (`fuzz/regressions/<target>/`), the demo samples, and the
//! conformance vectors read in place. A panic here is a fuzz finding that came back.

mod common;

use std::path::{Path, PathBuf};

use verified_badge::fuzzing::TARGETS;

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else if path.extension().is_none_or(|e| e != "md") {
            out.push(path);
        }
    }
}

#[test]
fn regressions_and_seeds_replay_without_panics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds = Vec::new();
    files_under(&root.join("www/samples"), &mut seeds);
    for sub in ["vc-di-eddsa/TestVectors", "ob3-spec/extracted", "1edtech-validator/inspector-vc/src/test/resources/ob30", "dcc-fixtures/statusLists", "dcc-fixtures/dids", "rdf-canon/rdfc10", "ob2-baked"] {
        if let Some(dir) = common::vectors(sub) {
            files_under(&dir, &mut seeds);
        }
    }
    seeds.retain(|p| std::fs::metadata(p).is_ok_and(|m| m.len() <= 2 * 1024 * 1024));
    let mut runs = 0usize;
    for (name, target) in TARGETS {
        let mut files = seeds.clone();
        files_under(&root.join("fuzz/regressions").join(name), &mut files);
        for file in &files {
            let data = std::fs::read(file).unwrap();
            target(&data);
            // Truncations and single-byte flips reach error paths the whole files don't.
            for cut in [data.len() / 2, data.len().saturating_sub(1)] {
                target(&data[..cut]);
            }
            if let Some(mid) = data.len().checked_div(2).filter(|&m| m > 0) {
                let mut flipped = data.clone();
                flipped[mid] ^= 0x20;
                target(&flipped);
            }
            runs += 4;
        }
    }
    println!("fuzz replay: {runs} inputs through {} targets, no panic", TARGETS.len());
    assert!(runs > 0);
}
