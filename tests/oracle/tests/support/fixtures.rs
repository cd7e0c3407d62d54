//! The fixture credentials, read in place from `../shared/vectors` (each folder skipped loudly
//! when absent), and the contexts they need that the crate does not bundle.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// `../shared/vectors/<sub>` when present; `None` after a loud message.
pub fn vectors(sub: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vectors").join(sub);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("\n*** SKIPPED: {} not found — fixtures there are not compared with the oracle ***\n", dir.display());
        None
    }
}

/// The folders compared, as (label, path under vectors).
pub const FOLDERS: &[(&str, &str)] = &[
    ("vc-di-eddsa", "vc-di-eddsa/TestVectors"),
    ("ob3-spec", "ob3-spec"),
    ("ob3-generated", "ob3-generated"),
    ("dcc-fixtures", "dcc-fixtures"),
    ("1edtech-validator", "1edtech-validator"),
];

/// Contexts the fixtures use that are not bundled, supplied as a verifier's caller would.
pub fn documents() -> BTreeMap<String, String> {
    let mut docs = BTreeMap::new();
    let mut add = |url: &str, sub: &str, file: &str| {
        if let Some(dir) = vectors(sub) {
            if let Ok(text) = std::fs::read_to_string(dir.join(file)) {
                docs.insert(url.to_owned(), text);
            }
        }
    };
    add("https://www.w3.org/ns/credentials/examples/v2", "vc-di-eddsa/supporting-contexts", "credentials-examples-v2.jsonld");
    add("https://w3id.org/citizenship/v4rc1", "vc-di-eddsa/supporting-contexts", "citizenship-v4rc1.jsonld");
    let validator = "1edtech-validator/inspector-vc/src/main/resources/contexts";
    add("https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json", validator, "clr-v2p0-2.0.1.json");
    add("https://purl.imsglobal.org/spec/clr/v2p0/context.json", validator, "clr-v2p0.json");
    add("https://www.w3.org/2018/credentials/examples/v1", validator, "2018-credentials-examples-v1.jsonld");
    // Open Badges 2.0 is not a Data Integrity format, but its documents exercise the engine too.
    add("https://w3id.org/openbadges/v2", validator, "obv2x.jsonld");
    add("https://w3id.org/openbadges/extensions/exampleExtension/context.json", validator, "obv2x-example-extension.json");
    docs
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            // Context folders hold contexts, not credentials.
            if !p.ends_with("contexts") && !p.ends_with("supporting-contexts") {
                walk(&p, out);
            }
        } else if p.extension().is_some_and(|e| e == "json" || e == "jsonld") {
            out.push(p);
        }
    }
}

/// One document to compare: a name, and the JSON-LD object (a credential without its proof,
/// or one proof's configuration under the credential's `@context`).
pub struct Fixture {
    /// `<folder>/<relative path>[#proof N]`.
    pub name: String,
    /// The document.
    pub doc: Map<String, Value>,
}

/// Every JSON file with a top-level `@context` in the folders that exist: the credential
/// without `proof`, and the proof configuration of each of its linked-data proofs.
pub fn all() -> Vec<Fixture> {
    let mut out = Vec::new();
    for (label, sub) in FOLDERS {
        let Some(dir) = vectors(sub) else { continue };
        let mut files = Vec::new();
        walk(&dir, &mut files);
        for file in files {
            let Ok(text) = std::fs::read_to_string(&file) else { continue };
            let Ok(Value::Object(credential)) = serde_json::from_str::<Value>(&text) else { continue };
            if !credential.contains_key("@context") {
                continue;
            }
            let rel = file.strip_prefix(&dir).unwrap_or(&file).display().to_string();
            let name = format!("{label}/{rel}");
            let doc: Map<String, Value> = credential.iter().filter(|(k, _)| *k != "proof").map(|(k, v)| (k.clone(), v.clone())).collect();
            let proofs = match credential.get("proof") {
                Some(Value::Array(p)) => p.clone(),
                Some(p) => vec![p.clone()],
                None => Vec::new(),
            };
            for (i, proof) in proofs.iter().enumerate() {
                let Some(proof) = proof.as_object() else { continue };
                let linked = matches!(proof.get("cryptosuite").and_then(Value::as_str), Some("eddsa-rdfc-2022" | "eddsa-2022"))
                    || proof.get("type").and_then(Value::as_str) == Some("Ed25519Signature2020");
                if linked {
                    let config = verified_badge::proof::linked_data::proof_config(&credential, proof);
                    out.push(Fixture { name: format!("{name}#proof{i}"), doc: config });
                }
            }
            out.push(Fixture { name, doc });
        }
    }
    out
}
