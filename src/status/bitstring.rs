//! Decoding status bitstrings: base64url (multibase `u` for Bitstring Status List, bare for
//! StatusList2021) of a GZIP stream, inflated under a hard cap so a "zip bomb" is an error.

use super::StatusError;
use crate::limits::{MAX_STATUS_LIST_BYTES, MIN_STATUS_LIST_BITS};

/// A decoded status list: bits, most significant bit of the first byte first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitstring(Vec<u8>);

/// How the list's text is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding64 {
    /// Multibase base64url: a `u` prefix (Bitstring Status List v1.0).
    Multibase,
    /// Bare base64url (StatusList2021).
    Bare,
}

impl Bitstring {
    /// Decodes `encodedList`.
    pub fn decode(encoded: &str, encoding: Encoding64) -> Result<Bitstring, StatusError> {
        let body = match encoding {
            Encoding64::Multibase => encoded.strip_prefix('u').ok_or(StatusError::BadEncoding)?,
            Encoding64::Bare => encoded,
        };
        // Some issuers pad; base64url in these specs is unpadded.
        let body = body.trim_end_matches('=');
        if body.len() > MAX_STATUS_LIST_BYTES {
            return Err(StatusError::ListTooLarge);
        }
        let compressed = crate::input::base64url::decode(body).ok_or(StatusError::BadEncoding)?;
        let bits = super::gzip::decompress(&compressed, MAX_STATUS_LIST_BYTES)?;
        Ok(Bitstring(bits))
    }

    /// Builds a bitstring from raw bytes (for issuing and tests).
    pub fn from_bytes(bytes: Vec<u8>) -> Bitstring {
        Bitstring(bytes)
    }

    /// The status value of entry `index` with entries of `size` bits (1 to 8).
    pub fn get(&self, index: u64, size: u8) -> Result<u8, StatusError> {
        if !(1..=8).contains(&size) {
            return Err(StatusError::MalformedEntry("statusSize"));
        }
        let start = index.checked_mul(u64::from(size)).ok_or(StatusError::IndexOutOfRange)?;
        let mut value = 0u8;
        for bit in start..start.saturating_add(u64::from(size)) {
            let byte = usize::try_from(bit / 8).map_err(|_| StatusError::IndexOutOfRange)?;
            let b = self.0.get(byte).ok_or(StatusError::IndexOutOfRange)?;
            // `bit % 8` is below 8, so the shift is 0..=7 and never wraps.
            let set = (b >> 7u8.wrapping_sub((bit % 8) as u8)) & 1;
            value = (value << 1) | set;
        }
        Ok(value)
    }

    /// Whether the list has the specs' minimum length ([`MIN_STATUS_LIST_BITS`]).
    pub fn has_minimum_length(&self) -> bool {
        self.len_bits() >= MIN_STATUS_LIST_BITS
    }

    /// Number of bits.
    pub fn len_bits(&self) -> usize {
        self.0.len().saturating_mul(8)
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_msb_first_entries_of_any_size() {
        let b = Bitstring::from_bytes(vec![0b1010_0000, 0b0000_0001]);
        assert_eq!(b.get(0, 1), Ok(1));
        assert_eq!(b.get(1, 1), Ok(0));
        assert_eq!(b.get(2, 1), Ok(1));
        assert_eq!(b.get(15, 1), Ok(1));
        assert_eq!(b.get(0, 2), Ok(0b10));
        assert_eq!(b.get(1, 2), Ok(0b10));
        assert_eq!(b.get(1, 8), Ok(1));
        assert_eq!(b.get(16, 1), Err(StatusError::IndexOutOfRange));
        assert_eq!(b.get(2, 8), Err(StatusError::IndexOutOfRange));
        assert_eq!(b.get(u64::MAX, 8), Err(StatusError::IndexOutOfRange));
        assert_eq!(b.get(0, 9), Err(StatusError::MalformedEntry("statusSize")));
    }
}
