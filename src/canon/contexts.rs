//! The JSON-LD contexts bundled into the crate, so verification never fetches one.
//!
//! The files in `contexts/` are vendored from their npm packages by
//! `cargo xtask vendor-contexts`; `contexts/manifest.json` records, for each, the package@version,
//! the path inside it, its SHA-256 and its licence (`cargo xtask vendor-contexts --check`
//! re-verifies them). Contexts published in no package registry (CLR 2.0) are not bundled:
//! callers supply them through `VerifyOptions::documents`. `contexts/frozen.txt` is their
//! pre-processed form (`canon::jsonld`'s `frozen`), generated from them by `cargo xtask contexts`.

/// One bundled context document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BundledContext {
    /// The URL the context is known by in `@context`.
    pub url: &'static str,
    /// The context document as JSON text: the vendored file minified at build time
    /// (`build.rs`), JSON-equal to it.
    pub json: &'static str,
}

macro_rules! bundled {
    ($($url:literal => $file:literal,)*) => {
        &[$(BundledContext { url: $url, json: include_str!(concat!(env!("OUT_DIR"), "/contexts/", $file)) },)*]
    };
}

/// Every bundled context, in the order of `contexts/manifest.json`.
pub static BUNDLED: &[BundledContext] = bundled! {
    "https://www.w3.org/2018/credentials/v1" => "credentials-v1.jsonld",
    "https://www.w3.org/ns/credentials/v2" => "credentials-v2.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context.json" => "ob-v3p0-context.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json" => "ob-v3p0-context-3.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json" => "ob-v3p0-context-3.0.2.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json" => "ob-v3p0-context-3.0.3.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json" => "ob-v3p0-extensions.json",
    "https://w3id.org/security/data-integrity/v1" => "data-integrity-v1.jsonld",
    "https://w3id.org/security/data-integrity/v2" => "data-integrity-v2.jsonld",
    "https://w3id.org/security/suites/ed25519-2020/v1" => "ed25519-signature-2020-v1.jsonld",
    "https://w3id.org/security/multikey/v1" => "multikey-v1.jsonld",
    "https://www.w3.org/ns/did/v1" => "did-v1.jsonld",
    "https://w3id.org/vc/status-list/2021/v1" => "vc-status-list-2021-v1.jsonld",
    "https://www.w3.org/ns/credentials/status/v1" => "vc-bitstring-status-list-v1.jsonld",
    "https://w3id.org/dcc/v1" => "dcc-v1.json",
};

/// The bundled contexts' pre-processed forms as embedded: the sections of `contexts/frozen.txt`
/// back to back, without its comment line and `@@ URL` headers (`build.rs`; the index of where
/// each lies is `canon::jsonld::frozen`'s). Public for the bench's size attribution.
#[doc(hidden)]
pub static FROZEN: &str = include_str!(concat!(env!("OUT_DIR"), "/contexts/frozen.txt"));

/// The bundled context document for `url` (exact match), if there is one.
pub fn bundled(url: &str) -> Option<&'static str> {
    BUNDLED.iter().find(|c| c.url == url).map(|c| c.json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_context_is_json_with_a_top_level_context() {
        for c in BUNDLED {
            let v: serde_json::Value = serde_json::from_str(c.json).expect(c.url);
            assert!(v.get("@context").is_some_and(|x| x.is_object()), "{}: no @context object", c.url);
        }
        assert!(bundled("https://www.w3.org/ns/credentials/v2").is_some());
        assert!(bundled("https://example.com/unknown").is_none());
    }

    #[test]
    fn manifest_lists_exactly_the_bundled_urls() {
        let manifest: serde_json::Value =
            serde_json::from_str(include_str!("contexts/manifest.json")).expect("manifest.json");
        let listed: Vec<(&str, &str)> = manifest["contexts"]
            .as_array()
            .expect("contexts array")
            .iter()
            .map(|e| (e["url"].as_str().expect("url"), e["file"].as_str().expect("file")))
            .collect();
        let urls: Vec<&str> = BUNDLED.iter().map(|c| c.url).collect();
        assert_eq!(listed.iter().map(|(u, _)| *u).collect::<Vec<_>>(), urls);
        // Each URL embeds the file the manifest names: minified, JSON-equal to the vendored bytes.
        for ((_, file), c) in listed.iter().zip(BUNDLED) {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/canon/contexts").join(file);
            let vendored = std::fs::read_to_string(path).expect(file);
            let parse = |s: &str| serde_json::from_str::<serde_json::Value>(s).expect(file);
            assert_eq!(parse(&vendored), parse(c.json), "{file}");
            assert!(c.json.len() <= vendored.len() && !c.json.contains('\n'), "{file} is not minified");
        }
    }
}
