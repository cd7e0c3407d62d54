//! GZIP (RFC 1952) member parsing around `miniz_oxide`'s raw DEFLATE, with an output cap.
//!
//! The header is parsed here because `miniz_oxide` only does raw/zlib streams, and
//! `flate2` would bring a reader API we don't need.

use miniz_oxide::inflate::{decompress_to_vec_with_limit, DecompressError, TINFLStatus};

use super::StatusError;

const FTEXT_MASK: u8 = 0b1110_0000;
const FHCRC: u8 = 0b0000_0010;
const FEXTRA: u8 = 0b0000_0100;
const FNAME: u8 = 0b0000_1000;
const FCOMMENT: u8 = 0b0001_0000;

/// Inflates one GZIP member, refusing to produce more than `limit` bytes.
pub fn decompress(data: &[u8], limit: usize) -> Result<Vec<u8>, StatusError> {
    let body = skip_header(data).ok_or(StatusError::BadEncoding)?;
    decompress_to_vec_with_limit(body, limit).map_err(|DecompressError { status, .. }| match status {
        TINFLStatus::HasMoreOutput => StatusError::ListTooLarge,
        _ => StatusError::BadEncoding,
    })
}

/// The DEFLATE stream after the GZIP header (the trailer is ignored by the inflater).
fn skip_header(data: &[u8]) -> Option<&[u8]> {
    let (header, mut rest) = data.split_first_chunk::<10>()?;
    let [0x1f, 0x8b, 8, flags, ..] = *header else { return None };
    if flags & FTEXT_MASK != 0 {
        return None;
    }
    if flags & FEXTRA != 0 {
        let (len, after) = rest.split_first_chunk::<2>()?;
        rest = after.get(usize::from(u16::from_le_bytes(*len))..)?;
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            let end = rest.iter().position(|&b| b == 0)?;
            rest = rest.get(end.checked_add(1)?..)?;
        }
    }
    if flags & FHCRC != 0 {
        rest = rest.get(2..)?;
    }
    Some(rest)
}
