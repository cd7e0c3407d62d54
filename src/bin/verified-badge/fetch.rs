//! The CLI's side of the sans-I/O loop (DESIGN.md): the core names the documents it needs
//! (status lists, did:web documents, key URLs), this fetches them over HTTPS, and the core
//! runs again. Failures become reasons in the report, never "fine". Fetched documents are
//! cached for the life of the process (a batch shares one status list) for five minutes, or
//! for a status list credential's own `ttl` (milliseconds) when it gives one.

use std::collections::HashMap;
use std::io::Read;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use verified_badge::limits::MAX_DOCUMENT_BYTES;
use verified_badge::{verify_with_needs, Input, Report, VerifyOptions};

/// How long a fetched document is reused.
const TTL: Duration = Duration::from_secs(300);
/// How long one request may take.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Rounds of "what else is needed" (a credential → its status list → that list's issuer key).
const MAX_ROUNDS: usize = 4;

/// What one fetch gave.
#[derive(Clone)]
enum Fetched {
    Body(String),
    Absent,
    Failed(String),
}

/// A shared HTTPS fetcher with a per-process cache.
pub struct Fetcher {
    agent: ureq::Agent,
    cache: Mutex<HashMap<String, (Instant, Duration, Fetched)>>,
}

impl Fetcher {
    /// A fetcher that only speaks HTTPS and gives up after [`TIMEOUT`].
    pub fn new() -> Fetcher {
        let agent = ureq::Agent::config_builder()
            .https_only(true)
            .timeout_global(Some(TIMEOUT))
            .max_redirects(3)
            .http_status_as_error(false)
            .user_agent(concat!("verified-badge/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Fetcher { agent, cache: Mutex::new(HashMap::new()) }
    }

    /// Verifies `input`, first fetching what it needs when the network is allowed; the
    /// pipeline runs once when nothing is needed.
    pub fn verify(&self, input: &[u8], options: &mut VerifyOptions) -> Report {
        for _ in 0..MAX_ROUNDS {
            let (report, needs) = verify_with_needs(Input::Bytes(input), options);
            let wanted = if options.network { needs.documents } else { Vec::new() };
            if wanted.is_empty() {
                return report;
            }
            for url in wanted {
                match self.get(&url) {
                    Fetched::Body(body) => {
                        options.documents.insert(url, body);
                    }
                    Fetched::Absent => {
                        options.absent.insert(url);
                    }
                    Fetched::Failed(reason) => {
                        options.failures.insert(url, reason);
                    }
                }
            }
        }
        verified_badge::verify(Input::Bytes(input), options)
    }

    fn get(&self, url: &str) -> Fetched {
        if let Ok(cache) = self.cache.lock() {
            if let Some((at, ttl, hit)) = cache.get(url) {
                if at.elapsed() < *ttl {
                    return hit.clone();
                }
            }
        }
        let got = self.fetch(url);
        let ttl = match &got {
            Fetched::Body(body) => ttl_of(body).unwrap_or(TTL),
            _ => TTL,
        };
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(url.to_owned(), (Instant::now(), ttl, got.clone()));
        }
        got
    }

    fn fetch(&self, url: &str) -> Fetched {
        if !url.starts_with("https://") {
            return Fetched::Failed(String::from("only https URLs are fetched"));
        }
        let response = match self.agent.get(url).header("Accept", "application/json, application/ld+json, application/did+json, */*;q=0.1").call() {
            Ok(r) => r,
            Err(e) => return Fetched::Failed(format!("network error: {e}")),
        };
        match response.status().as_u16() {
            200..=299 => {}
            404 | 410 => return Fetched::Absent,
            code => return Fetched::Failed(format!("HTTP {code}")),
        }
        let mut body = Vec::new();
        let limit = u64::try_from(MAX_DOCUMENT_BYTES).unwrap_or(u64::MAX).saturating_add(1);
        if let Err(e) = response.into_body().into_reader().take(limit).read_to_end(&mut body) {
            return Fetched::Failed(format!("reading the response: {e}"));
        }
        if body.len() > MAX_DOCUMENT_BYTES {
            return Fetched::Failed(format!("the document is larger than {MAX_DOCUMENT_BYTES} bytes"));
        }
        match String::from_utf8(body) {
            Ok(text) => Fetched::Body(text),
            Err(_) => Fetched::Failed(String::from("the document is not UTF-8 text")),
        }
    }
}

/// A Bitstring Status List credential's `ttl` (milliseconds; on the credential or its
/// subject), at most a day.
fn ttl_of(body: &str) -> Option<Duration> {
    let doc: serde_json::Value = serde_json::from_str(body).ok()?;
    let ms = doc.get("ttl").or_else(|| doc.get("credentialSubject")?.get("ttl"))?.as_u64()?;
    Some(Duration::from_millis(ms).min(Duration::from_secs(86_400)))
}
