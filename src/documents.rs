//! Documents the caller supplies: the only way outside data (status lists, DID documents,
//! JWKs) reaches the core, which never fetches anything itself.

/// What a lookup of a URL among the caller's documents found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fetched<'a> {
    /// The document's text.
    Body(&'a str),
    /// The host tried to fetch it and failed, for this reason.
    Failed(&'a str),
    /// Not available: the network is off, or the host has not fetched it yet.
    Missing,
    /// The host fetched it and the server answered that it does not exist (HTTP 404 or 410):
    /// a definite answer, unlike a failed fetch.
    Absent,
}

/// A document lookup: URL → what is known of it.
pub type Lookup<'a> = dyn Fn(&str) -> Fetched<'a> + 'a;
