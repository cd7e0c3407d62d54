//! Baked badges: credentials carried inside their own PNG or SVG image.
//!
//! - Open Badges 3.0 (§ 5.3 "Baked badges"): a PNG `iTXt` chunk with the keyword
//!   `openbadgecredential`, or an SVG `<openbadges:credential>` element in the namespace
//!   `https://purl.imsglobal.org/ob/v3p0` holding the JSON credential in CDATA or a compact
//!   JWS in its `verify` attribute.
//! - Open Badges 2.0: a PNG `iTXt` (or older `tEXt`) chunk with the keyword `openbadges`, or an
//!   SVG `<openbadges:assertion>` element in the namespace `http://openbadges.org`.
//!
//! [`extract`] reads the credential text out of an image, [`bake`] writes one in. Both are
//! pure functions over bytes (no I/O), bounded by the limits below, and strict: every PNG
//! chunk's length and CRC is checked, XML must be well formed, DTD internal subsets and
//! entity references other than XML's five predefined ones are refused (no external entity
//! is ever resolved, so an XXE payload has nothing to reach), and two credentials in one image
//! are an error rather than a guess about which one counts.
//!
//! Baking is in the core with no feature gate: it only rearranges bytes the caller already
//! has, needs no key, and the WASM bundle drops it unless the JS layer exports it.

mod crc;
pub mod ob2;
pub mod png;
pub mod svg;

// The status-list encoder (`issue`) writes GZIP trailers with the same CRC.
#[cfg(feature = "signing")]
pub(crate) use crc::crc32;

use crate::limits::MAX_INPUT_BYTES;
use crate::report::{Code, Status};

/// Largest image accepted for extraction or baking, in bytes. Badge images are small (the
/// 1EdTech samples are under 100 KB); this leaves room for high-resolution artwork.
pub const MAX_IMAGE_BYTES: usize = 16 * 1024 * 1024;

/// Most PNG chunks walked in one image.
pub const MAX_PNG_CHUNKS: usize = 65_536;

/// Largest embedded credential text, in bytes, after any inflation: the same bound as a
/// credential given directly ([`MAX_INPUT_BYTES`]). A compressed chunk that inflates beyond it
/// stops there (`baked.too_large`).
pub const MAX_BAKED_TEXT_BYTES: usize = MAX_INPUT_BYTES;

/// The Open Badges 3.0 SVG namespace.
pub const OB3_NAMESPACE: &str = "https://purl.imsglobal.org/ob/v3p0";

/// The Open Badges 2.0 SVG namespace.
pub const OB2_NAMESPACE: &str = "http://openbadges.org";

/// The Open Badges 3.0 PNG text keyword.
pub const OB3_KEYWORD: &str = "openbadgecredential";

/// The Open Badges 2.0 PNG text keyword.
pub const OB2_KEYWORD: &str = "openbadges";

/// An image format that can carry a badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    /// PNG: the credential is in a text chunk.
    Png,
    /// SVG: the credential is in an element.
    Svg,
}

impl ImageKind {
    /// `"png"` or `"svg"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Svg => "svg",
        }
    }
}

/// Which baking specification the embedded data follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spec {
    /// Open Badges 3.0: a verifiable credential (JSON with an embedded proof, or a VC-JWT).
    OpenBadges3,
    /// Open Badges 2.0: an assertion (JSON, a signed JWS, or the URL of a hosted assertion).
    OpenBadges2,
}

/// What an image carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baked {
    /// The image format it came from.
    pub image: ImageKind,
    /// The baking specification it follows.
    pub spec: Spec,
    /// The embedded text, surrounding whitespace removed: credential JSON or a compact JWS
    /// (OB 3.0); assertion JSON, a JWS or a URL (OB 2.0). Hostile input: verify before use.
    pub text: String,
}

/// Why an image could not be read or baked. Codes are stable: `baked.*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BakedError {
    /// Neither a PNG nor an SVG.
    NotImage,
    /// The image is larger than [`MAX_IMAGE_BYTES`].
    ImageTooLarge,
    /// A PNG chunk declares a length beyond what PNG allows or this reader accepts.
    ChunkTooLarge,
    /// More than [`MAX_PNG_CHUNKS`] chunks.
    TooManyChunks,
    /// The embedded text is (or inflates to) more than [`MAX_BAKED_TEXT_BYTES`].
    TextTooLarge,
    /// The PNG ends inside a chunk, or before its `IEND` chunk.
    Truncated,
    /// A PNG chunk's CRC-32 does not match its type and data.
    BadCrc,
    /// A PNG chunk is malformed: a bad type name, `IHDR` not first, no `IDAT`.
    BadChunk,
    /// A PNG text chunk is malformed (keyword, flags, separators) or its text is not valid
    /// UTF-8 where UTF-8 is required.
    BadText,
    /// A compressed PNG text chunk does not inflate.
    BadCompression,
    /// The SVG is not well-formed XML, is not UTF-8, its root is not `<svg>`, or the
    /// credential element holds other elements.
    BadSvg,
    /// The SVG has a DTD internal subset (`<!DOCTYPE svg [ … ]>`): entity declarations are
    /// refused outright (billion laughs, XXE, or a credential only some readers would see).
    DtdForbidden,
    /// The SVG refers to an entity other than XML's five predefined ones (`&amp;` …) or a
    /// character reference. Such an entity could only come from a DTD, which is never read.
    EntityForbidden,
    /// The image carries no credential.
    NoCredential,
    /// The credential chunk or element is there but empty.
    Empty,
    /// The image carries two credentials of the same kind (or an SVG credential element has
    /// both content and a `verify` attribute): readers could disagree on which one counts.
    Ambiguous,
    /// The text to bake is neither a JSON object nor a compact JWS.
    BadCredential,
    /// An Open Badges 2.0 assertion: it was extracted and can be shown, but OB 2.0
    /// verification (hosted or signed) is not done by this verifier.
    Ob2Unverified,
}

impl Code for BakedError {
    fn code(&self) -> &'static str {
        match self {
            BakedError::NotImage => "baked.not_image",
            BakedError::ImageTooLarge | BakedError::ChunkTooLarge | BakedError::TooManyChunks | BakedError::TextTooLarge => {
                "baked.too_large"
            }
            BakedError::Truncated => "baked.truncated",
            BakedError::BadCrc => "baked.bad_crc",
            BakedError::BadChunk => "baked.bad_chunk",
            BakedError::BadText => "baked.bad_text",
            BakedError::BadCompression => "baked.bad_compression",
            BakedError::BadSvg => "baked.bad_svg",
            BakedError::DtdForbidden => "baked.dtd_forbidden",
            BakedError::EntityForbidden => "baked.entity_forbidden",
            BakedError::NoCredential => "baked.no_credential",
            BakedError::Empty => "baked.empty",
            BakedError::Ambiguous => "baked.ambiguous",
            BakedError::BadCredential => "baked.bad_credential",
            BakedError::Ob2Unverified => "baked.ob2_unverified",
        }
    }

    fn status(&self) -> Status {
        match self {
            // Nothing is wrong with an OB 2.0 badge: this verifier just cannot tell.
            BakedError::Ob2Unverified => Status::Unknown,
            _ => Status::Failed,
        }
    }

    fn message(&self) -> String {
        match self {
            BakedError::NotImage => String::from("the image is neither a PNG nor an SVG"),
            BakedError::ImageTooLarge => format!("the image is larger than {MAX_IMAGE_BYTES} bytes"),
            BakedError::ChunkTooLarge => String::from("a PNG chunk declares a length beyond the limit"),
            BakedError::TooManyChunks => format!("the PNG has more than {MAX_PNG_CHUNKS} chunks"),
            BakedError::TextTooLarge => format!("the embedded credential is larger than {MAX_BAKED_TEXT_BYTES} bytes"),
            BakedError::Truncated => String::from("the PNG is truncated"),
            BakedError::BadCrc => String::from("a PNG chunk's CRC does not match its content"),
            BakedError::BadChunk => String::from("the PNG has a malformed chunk"),
            BakedError::BadText => String::from("a PNG text chunk is malformed"),
            BakedError::BadCompression => String::from("a compressed PNG text chunk does not inflate"),
            BakedError::BadSvg => String::from("the SVG is not well-formed"),
            BakedError::DtdForbidden => String::from("the SVG declares a DTD internal subset; entity declarations are refused"),
            BakedError::EntityForbidden => String::from("the SVG refers to an entity that is not predefined; DTD entities are never expanded"),
            BakedError::NoCredential => String::from("the image carries no credential"),
            BakedError::Empty => String::from("the image's credential is empty"),
            BakedError::Ambiguous => String::from("the image carries more than one credential"),
            BakedError::BadCredential => String::from("the credential to bake is neither a JSON object nor a compact JWS"),
            BakedError::Ob2Unverified => String::from(
                "an Open Badges 2.0 assertion: it needs hosted or signed OB 2.0 verification, which this verifier does not do",
            ),
        }
    }
}

impl std::fmt::Display for BakedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message(), self.code())
    }
}

impl std::error::Error for BakedError {}

/// The image format of `bytes`, judged by its first bytes only: the PNG signature, or text
/// whose first non-blank character is `<` (JSON never starts with one).
pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(&png::SIGNATURE) {
        return Some(ImageKind::Png);
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match text.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => Some(ImageKind::Svg),
        _ => None,
    }
}

/// The credential baked into a PNG or SVG image.
///
/// An image with both an Open Badges 3.0 credential and an OB 2.0 assertion gives the 3.0
/// credential.
pub fn extract(bytes: &[u8]) -> Result<Baked, BakedError> {
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(BakedError::ImageTooLarge);
    }
    let image = sniff(bytes).ok_or(BakedError::NotImage)?;
    let (spec, text) = match image {
        ImageKind::Png => png::extract(bytes)?,
        ImageKind::Svg => svg::extract(bytes)?,
    };
    let text = text.trim();
    if text.is_empty() {
        return Err(BakedError::Empty);
    }
    if text.len() > MAX_BAKED_TEXT_BYTES {
        return Err(BakedError::TextTooLarge);
    }
    Ok(Baked { image, spec, text: text.to_owned() })
}

/// Writes `credential` (Open Badges 3.0 JSON, or a compact JWS) into a PNG or SVG image and
/// returns the new image. Any Open Badges 3.0 credential already there is replaced; every
/// other byte is left as it was.
///
/// - PNG: one uncompressed `iTXt` chunk, keyword `openbadgecredential`, right before the first
///   `IDAT` chunk.
/// - SVG: `<openbadges:credential>` right after the `<svg …>` start tag, with the namespace
///   declared on the root; JSON goes into CDATA, a JWS into the `verify` attribute.
pub fn bake(image: &[u8], credential: &str) -> Result<Vec<u8>, BakedError> {
    if image.len() > MAX_IMAGE_BYTES {
        return Err(BakedError::ImageTooLarge);
    }
    let credential = credential.trim();
    if credential.len() > MAX_BAKED_TEXT_BYTES {
        return Err(BakedError::TextTooLarge);
    }
    let payload = Payload::of(credential).ok_or(BakedError::BadCredential)?;
    match sniff(image).ok_or(BakedError::NotImage)? {
        ImageKind::Png => png::bake(image, credential),
        ImageKind::Svg => svg::bake(image, credential, payload),
    }
}

/// The two shapes an Open Badges 3.0 credential takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Payload {
    /// A JSON object (a credential with an embedded proof).
    Json,
    /// A compact JWS (VC-JWT).
    Jws,
}

impl Payload {
    fn of(text: &str) -> Option<Payload> {
        if crate::input::jws::looks_like_jws(text) {
            Some(Payload::Jws)
        } else if crate::input::parse_json(text).is_ok_and(|v| v.is_object()) {
            Some(Payload::Json)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_the_first_bytes() {
        assert_eq!(sniff(&png::SIGNATURE), Some(ImageKind::Png));
        assert_eq!(sniff(b"\xEF\xBB\xBF  \n<svg/>"), Some(ImageKind::Svg));
        assert_eq!(sniff(b"<?xml version=\"1.0\"?>"), Some(ImageKind::Svg));
        assert_eq!(sniff(b"{\"a\":1}"), None);
        assert_eq!(sniff(b"\x89PNG"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn every_error_has_a_baked_code_and_only_ob2_is_unknown() {
        for e in [BakedError::NotImage, BakedError::BadCrc, BakedError::Truncated, BakedError::NoCredential, BakedError::TextTooLarge] {
            assert!(e.code().starts_with("baked."));
            assert_eq!(e.status(), Status::Failed);
        }
        assert_eq!(BakedError::Ob2Unverified.status(), Status::Unknown);
    }
}
