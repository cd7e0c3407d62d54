//! What the caller decides: the clock, the network policy and documents served offline.

use std::collections::BTreeMap;

use crate::credential::recipient::Recipient;
use crate::time::Timestamp;

/// Default allowance for clocks that disagree, in seconds (five minutes).
pub const DEFAULT_CLOCK_SKEW: i64 = 300;

/// Options for [`crate::verify`]. The core has no clock and does no I/O: the caller hands in
/// the time and any documents (contexts, DID documents, status lists) it already holds.
#[derive(Debug, Clone)]
pub struct VerifyOptions {
    /// The moment validity periods are checked against.
    pub now: Timestamp,
    /// Whether the caller allows network requests (status lists, did:web). The core never
    /// fetches itself; a check that would need the network reports `unknown` without it.
    pub network: bool,
    /// Documents served instead of the network, by URL: JSON-LD contexts, DID documents,
    /// status list credentials. Contexts here are used exactly like bundled ones.
    pub documents: BTreeMap<String, String>,
    /// Documents the host tried to fetch and could not, with the reason (e.g. a CORS
    /// refusal). Checks that needed them say why they are `unknown`.
    pub failures: BTreeMap<String, String>,
    /// Documents the host fetched and found not to exist (HTTP 404 or 410). A DID document
    /// that does not exist makes its key check fail (`key.not_found`) rather than `unknown`.
    pub absent: std::collections::BTreeSet<String>,
    /// Seconds a validity boundary may be off before a credential counts as not yet valid or
    /// expired ([`DEFAULT_CLOCK_SKEW`] unless set).
    pub clock_skew: i64,
    /// Answers of the host's crypto (WebCrypto) to signature requests, by request id: see
    /// [`crate::needs`]. Natively (feature `native-crypto`) no answers are needed.
    pub signatures: BTreeMap<String, bool>,
    /// When set, a `recipient` check compares this identity with the credential subject's
    /// identifiers ("is this badge yours?").
    pub recipient: Option<Recipient>,
}

impl VerifyOptions {
    /// Options at `now`, with the network off and no extra documents.
    pub fn new(now: Timestamp) -> Self {
        VerifyOptions {
            now,
            network: false,
            documents: BTreeMap::new(),
            failures: BTreeMap::new(),
            absent: std::collections::BTreeSet::new(),
            clock_skew: DEFAULT_CLOCK_SKEW,
            signatures: BTreeMap::new(),
            recipient: None,
        }
    }

    /// Adds a document served for `url`.
    pub fn with_document(mut self, url: impl Into<String>, body: impl Into<String>) -> Self {
        self.documents.insert(url.into(), body.into());
        self
    }
}
