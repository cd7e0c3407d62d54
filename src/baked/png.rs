//! PNG: a hand-written chunk walker (PNG 3rd ed. § 5), strict and bounded.
//!
//! Every chunk's length is checked against the bytes that remain and against the limits, its
//! type against the PNG naming rules, and its CRC-32 against its type and data, before any
//! chunk is used. Only text chunks (`iTXt`, `tEXt`, `zTXt`) are decoded; pixels are never
//! touched.

use miniz_oxide::inflate::{decompress_to_vec_zlib_with_limit, DecompressError, TINFLStatus};

use super::crc::crc32;
use super::{BakedError, Spec, MAX_BAKED_TEXT_BYTES, MAX_IMAGE_BYTES, MAX_PNG_CHUNKS, OB2_KEYWORD, OB3_KEYWORD};

/// The eight bytes every PNG starts with.
pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// Largest chunk length PNG allows (2³¹ − 1); this reader also caps it at the image limit.
const MAX_CHUNK_LENGTH: usize = 0x7FFF_FFFF;

/// Longest keyword a PNG text chunk may have.
const MAX_KEYWORD: usize = 79;

/// One chunk, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk<'a> {
    /// The four-letter type, e.g. `*b"IHDR"`.
    pub kind: [u8; 4],
    /// The chunk data (without length, type and CRC).
    pub data: &'a [u8],
    /// The whole chunk as it appears in the file: length, type, data and CRC.
    pub raw: &'a [u8],
}

/// A walked PNG: its chunks up to and including `IEND`, and whatever follows `IEND` (ignored
/// by every PNG reader, kept byte for byte when baking).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Png<'a> {
    /// The chunks in file order, `IHDR` first and `IEND` last.
    pub chunks: Vec<Chunk<'a>>,
    /// Bytes after `IEND`.
    pub trailer: &'a [u8],
}

/// Walks and checks every chunk of a PNG.
pub fn parse(bytes: &[u8]) -> Result<Png<'_>, BakedError> {
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(BakedError::ImageTooLarge);
    }
    let mut rest = bytes.strip_prefix(&SIGNATURE[..]).ok_or(BakedError::BadChunk)?;
    let mut chunks = Vec::new();
    loop {
        if chunks.len() >= MAX_PNG_CHUNKS {
            return Err(BakedError::TooManyChunks);
        }
        let (chunk, after) = next_chunk(rest)?;
        if chunks.is_empty() && &chunk.kind != b"IHDR" {
            return Err(BakedError::BadChunk);
        }
        rest = after;
        let end = &chunk.kind == b"IEND";
        chunks.push(chunk);
        if end {
            break;
        }
    }
    if !chunks.iter().any(|c| &c.kind == b"IDAT") {
        return Err(BakedError::BadChunk);
    }
    Ok(Png { chunks, trailer: rest })
}

/// The next chunk of `rest`, and what follows it.
fn next_chunk(rest: &[u8]) -> Result<(Chunk<'_>, &[u8]), BakedError> {
    let (length, after_length) = rest.split_first_chunk::<4>().ok_or(BakedError::Truncated)?;
    let length = usize::try_from(u32::from_be_bytes(*length)).map_err(|_| BakedError::ChunkTooLarge)?;
    if length > MAX_CHUNK_LENGTH || length > MAX_IMAGE_BYTES {
        return Err(BakedError::ChunkTooLarge);
    }
    let (kind, after_kind) = after_length.split_first_chunk::<4>().ok_or(BakedError::Truncated)?;
    if !kind.iter().all(u8::is_ascii_alphabetic) {
        return Err(BakedError::BadChunk);
    }
    if after_kind.len() < length {
        return Err(BakedError::Truncated);
    }
    let (data, after_data) = after_kind.split_at(length);
    let (crc, after) = after_data.split_first_chunk::<4>().ok_or(BakedError::Truncated)?;
    if u32::from_be_bytes(*crc) != crc32(&[kind, data]) {
        return Err(BakedError::BadCrc);
    }
    let raw_len = rest.len().saturating_sub(after.len());
    let raw = rest.get(..raw_len).ok_or(BakedError::Truncated)?;
    Ok((Chunk { kind: *kind, data, raw }, after))
}

/// A decoded text chunk.
struct Text<'a> {
    keyword: &'a [u8],
    chunk: Chunk<'a>,
}

/// The keyword of a text chunk (`iTXt`, `tEXt`, `zTXt`), or `None` for other chunks.
fn keyword<'a>(chunk: &Chunk<'a>) -> Result<Option<Text<'a>>, BakedError> {
    if !matches!(&chunk.kind, b"iTXt" | b"tEXt" | b"zTXt") {
        return Ok(None);
    }
    let (keyword, _) = split_nul(chunk.data)?;
    if keyword.is_empty() || keyword.len() > MAX_KEYWORD {
        return Err(BakedError::BadText);
    }
    Ok(Some(Text { keyword, chunk: *chunk }))
}

/// Splits at the first NUL byte (dropping it); an error when there is none.
fn split_nul(data: &[u8]) -> Result<(&[u8], &[u8]), BakedError> {
    let at = data.iter().position(|&b| b == 0).ok_or(BakedError::BadText)?;
    let (head, tail) = data.split_at(at);
    Ok((head, tail.get(1..).unwrap_or_default()))
}

/// The text of a text chunk, decoded (and inflated, under [`MAX_BAKED_TEXT_BYTES`]).
fn text(chunk: &Chunk<'_>) -> Result<String, BakedError> {
    let (_, rest) = split_nul(chunk.data)?;
    match &chunk.kind {
        // Latin-1 text (PNG § 11.3.3.3): every byte is the code point of the same value.
        b"tEXt" => Ok(rest.iter().map(|&b| char::from(b)).collect()),
        b"zTXt" => {
            let (&method, compressed) = rest.split_first().ok_or(BakedError::BadText)?;
            if method != 0 {
                return Err(BakedError::BadText);
            }
            Ok(inflate(compressed)?.iter().map(|&b| char::from(b)).collect())
        }
        b"iTXt" => {
            let (&[flag, method], rest) = rest.split_first_chunk::<2>().ok_or(BakedError::BadText)?;
            let (_language, rest) = split_nul(rest)?;
            let (translated, text) = split_nul(rest)?;
            std::str::from_utf8(translated).map_err(|_| BakedError::BadText)?;
            let text = match (flag, method) {
                (0, 0) => text.to_vec(),
                (1, 0) => inflate(text)?,
                _ => return Err(BakedError::BadText),
            };
            String::from_utf8(text).map_err(|_| BakedError::BadText)
        }
        _ => Err(BakedError::BadText),
    }
}

/// Inflates a zlib stream, refusing to produce more than [`MAX_BAKED_TEXT_BYTES`].
fn inflate(data: &[u8]) -> Result<Vec<u8>, BakedError> {
    decompress_to_vec_zlib_with_limit(data, MAX_BAKED_TEXT_BYTES).map_err(|DecompressError { status, .. }| match status {
        TINFLStatus::HasMoreOutput => BakedError::TextTooLarge,
        _ => BakedError::BadCompression,
    })
}

/// The credential text in a PNG: the one `openbadgecredential` chunk, else the one
/// `openbadges` chunk.
pub fn extract(bytes: &[u8]) -> Result<(Spec, String), BakedError> {
    let png = parse(bytes)?;
    let mut ob3 = Vec::new();
    let mut ob2 = Vec::new();
    for chunk in &png.chunks {
        match keyword(chunk)? {
            Some(t) if t.keyword == OB3_KEYWORD.as_bytes() => ob3.push(t.chunk),
            Some(t) if t.keyword == OB2_KEYWORD.as_bytes() => ob2.push(t.chunk),
            _ => {}
        }
    }
    let (spec, found) = if ob3.is_empty() { (Spec::OpenBadges2, ob2) } else { (Spec::OpenBadges3, ob3) };
    match found.as_slice() {
        [] => Err(BakedError::NoCredential),
        [one] => Ok((spec, text(one)?)),
        _ => Err(BakedError::Ambiguous),
    }
}

/// `image` with `credential` in one uncompressed `iTXt` chunk right before the first `IDAT`,
/// and every earlier `openbadgecredential` text chunk removed. Other bytes are copied as they
/// are.
pub fn bake(image: &[u8], credential: &str) -> Result<Vec<u8>, BakedError> {
    let png = parse(image)?;
    let new = itxt(OB3_KEYWORD, credential)?;
    let mut out = Vec::with_capacity(image.len().saturating_add(new.len()));
    out.extend_from_slice(&SIGNATURE);
    let mut placed = false;
    for chunk in &png.chunks {
        if keyword(chunk)?.is_some_and(|t| t.keyword == OB3_KEYWORD.as_bytes()) {
            continue;
        }
        if !placed && &chunk.kind == b"IDAT" {
            out.extend_from_slice(&new);
            placed = true;
        }
        out.extend_from_slice(chunk.raw);
    }
    out.extend_from_slice(png.trailer);
    Ok(out)
}

/// A complete uncompressed `iTXt` chunk (length, type, data, CRC) with no language tag and no
/// translated keyword.
fn itxt(keyword: &str, text: &str) -> Result<Vec<u8>, BakedError> {
    let mut data = Vec::with_capacity(keyword.len().saturating_add(text.len()).saturating_add(5));
    data.extend_from_slice(keyword.as_bytes());
    // NUL, compression flag 0, method 0, empty language tag + NUL, empty translation + NUL.
    data.extend_from_slice(&[0, 0, 0, 0, 0]);
    data.extend_from_slice(text.as_bytes());
    chunk(*b"iTXt", &data)
}

/// A complete chunk: big-endian length, type, data, CRC-32 of type and data.
pub fn chunk(kind: [u8; 4], data: &[u8]) -> Result<Vec<u8>, BakedError> {
    let length = u32::try_from(data.len()).map_err(|_| BakedError::TextTooLarge)?;
    let mut out = Vec::with_capacity(data.len().saturating_add(12));
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(&kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc32(&[&kind, data]).to_be_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest valid PNG: 1×1 greyscale, one zero pixel.
    fn tiny() -> Vec<u8> {
        let mut png = SIGNATURE.to_vec();
        png.extend(chunk(*b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]).unwrap());
        png.extend(chunk(*b"IDAT", &miniz_oxide::deflate::compress_to_vec_zlib(&[0, 0], 6)).unwrap());
        png.extend(chunk(*b"IEND", &[]).unwrap());
        png
    }

    #[test]
    fn walks_a_tiny_png() {
        let png = tiny();
        let parsed = parse(&png).unwrap();
        let kinds: Vec<_> = parsed.chunks.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [*b"IHDR", *b"IDAT", *b"IEND"]);
        assert!(parsed.trailer.is_empty());
        assert_eq!(extract(&png), Err(BakedError::NoCredential));
    }

    #[test]
    fn bakes_before_idat_and_extracts() {
        let baked = bake(&tiny(), "{\"a\":1}").unwrap();
        let kinds: Vec<_> = parse(&baked).unwrap().chunks.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [*b"IHDR", *b"iTXt", *b"IDAT", *b"IEND"]);
        assert_eq!(extract(&baked), Ok((Spec::OpenBadges3, String::from("{\"a\":1}"))));
        let again = bake(&baked, "{\"b\":2}").unwrap();
        assert_eq!(again.len(), baked.len());
        assert_eq!(extract(&again), Ok((Spec::OpenBadges3, String::from("{\"b\":2}"))));
    }

    #[test]
    fn reads_compressed_itxt_and_latin1_text() {
        let mut data = b"openbadgecredential\0\x01\0en\0\0".to_vec();
        data.extend(miniz_oxide::deflate::compress_to_vec_zlib(b"{\"z\":true}", 6));
        let text = Chunk { kind: *b"iTXt", data: &data, raw: &[] };
        assert_eq!(super::text(&text).unwrap(), "{\"z\":true}");
        let latin1 = Chunk { kind: *b"tEXt", data: b"openbadges\0caf\xe9", raw: &[] };
        assert_eq!(super::text(&latin1).unwrap(), "café");
    }

    #[test]
    fn refuses_inflation_bombs() {
        let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&vec![b' '; MAX_BAKED_TEXT_BYTES + 1], 9);
        assert_eq!(inflate(&bomb), Err(BakedError::TextTooLarge));
        assert_eq!(inflate(b"\x78\x9c garbage"), Err(BakedError::BadCompression));
    }
}
