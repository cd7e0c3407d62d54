//! The one error type of the JSON-LD engine, with a stable code for each variant.

use std::fmt;

/// Why JSON-LD processing failed.
///
/// Variants that mirror a JSON-LD 1.1 API error code carry it in [`Error::jsonld_code`], so
/// the W3C conformance suite can check the exact code; [`Error::code`] is the stable code
/// the verifier's report uses.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The document uses a remote context the loader does not have. Nothing is ever fetched.
    UnknownContext(String),
    /// Safe mode (Data Integrity): processing would silently drop or change data — an
    /// undefined term, a relative `@type` or `@id`, a free-floating value. The text says what.
    DataLoss(&'static str),
    /// The input is not valid JSON-LD 1.1: the JSON-LD API error code (for example
    /// `"invalid term definition"`) and what was wrong.
    Syntax(&'static str),
    /// The input nests arrays and objects deeper than the limit.
    TooDeep,
    /// Contexts nest too deeply: remote contexts including others, or scoped contexts within
    /// scoped contexts, beyond the limit (JSON-LD's `context overflow`).
    ContextOverflow,
    /// The document would produce more nodes, values or quads than the limit.
    TooLarge,
}

impl Error {
    /// The stable code for this error, as the verifier reports it.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownContext(_) => "context.unknown",
            Self::DataLoss(_) => "jsonld.data_loss",
            Self::Syntax(_) => "jsonld.invalid",
            Self::TooDeep => "jsonld.too_deep",
            Self::ContextOverflow => "jsonld.context_overflow",
            Self::TooLarge => "jsonld.too_large",
        }
    }

    /// The JSON-LD 1.1 API error code this error corresponds to, where there is one
    /// (`loading remote context failed` for an unknown context).
    pub fn jsonld_code(&self) -> Option<&'static str> {
        match self {
            Self::UnknownContext(_) => Some("loading remote context failed"),
            Self::Syntax(code) => Some(code),
            Self::ContextOverflow => Some("context overflow"),
            Self::DataLoss(_) | Self::TooDeep | Self::TooLarge => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownContext(url) => write!(f, "unknown JSON-LD context: {url}"),
            Self::DataLoss(what) => write!(f, "JSON-LD safe mode: {what}"),
            Self::Syntax(code) => write!(f, "invalid JSON-LD: {code}"),
            Self::TooDeep => f.write_str("JSON-LD document nests too deeply"),
            Self::ContextOverflow => f.write_str("JSON-LD contexts nest too deeply"),
            Self::TooLarge => f.write_str("JSON-LD document is too large"),
        }
    }
}

impl std::error::Error for Error {}

/// Shorthand for results of this module.
pub type Result<T> = std::result::Result<T, Error>;
