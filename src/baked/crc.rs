//! CRC-32 (ISO 3309 / ITU-T V.42, the one PNG and GZIP use), table driven.

/// The byte-wise lookup table, built at compile time.
const TABLE: [u32; 256] = table();

// Compile-time only: `n < 256` and `k < 8` bound the loops, so nothing overflows and the
// index is always in bounds.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const fn table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
}

/// Feeds `data` into a running CRC register (start with `!0`, finish with `!`).
fn update(mut crc: u32, data: &[u8]) -> u32 {
    for &byte in data {
        // The index is masked to 0..=255: always inside the 256-entry table.
        let index = usize::from((crc as u8) ^ byte);
        crc = TABLE.get(index).copied().unwrap_or(0) ^ (crc >> 8);
    }
    crc
}

/// The CRC-32 of `parts` taken as one byte string.
pub fn crc32(parts: &[&[u8]]) -> u32 {
    !parts.iter().fold(!0u32, |crc, part| update(crc, part))
}

#[cfg(test)]
mod tests {
    use super::crc32;

    #[test]
    fn matches_the_standard_check_values() {
        assert_eq!(crc32(&[b"123456789"]), 0xCBF4_3926);
        assert_eq!(crc32(&[b"1234", b"56789"]), 0xCBF4_3926);
        assert_eq!(crc32(&[b""]), 0);
        // The IEND chunk's CRC, as every PNG ends with it.
        assert_eq!(crc32(&[b"IEND"]), 0xAE42_6082);
    }
}
