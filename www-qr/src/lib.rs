//! The demo site's QR encoder (`/qr/` on the site, used by the Embed page for share links).
//!
//! A module of its own rather than an export of the verifier: a QR encoder in the package would
//! cost every page that shows a badge ≈ 15 KB gzip for a feature only the snippet maker uses.
//! It hands JavaScript the module matrix, not markup: the page draws the code with DOM calls.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use qrcode::{Color, EcLevel, QrCode};
use wasm_bindgen::prelude::wasm_bindgen;

/// The QR code of `text` (byte mode, error correction level L, the smallest version that
/// fits) as its modules, row by row: `1` dark, `0` light; the side is the square root of the
/// length. `undefined` when `text` is too long for any QR code (2,953 bytes at level L).
#[wasm_bindgen(js_name = qrModules)]
pub fn qr_modules(text: &str) -> Option<Vec<u8>> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok()?;
    Some(code.to_colors().into_iter().map(|c| u8::from(c == Color::Dark)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_form_a_square_with_finder_patterns() {
        let modules = qr_modules("https://example.com/verify.html#c=abc").unwrap();
        let side = (modules.len() as f64).sqrt() as usize;
        assert_eq!(side * side, modules.len());
        assert!(side >= 21 && (side - 21).is_multiple_of(4), "side {side}");
        // The top-left finder pattern: a dark 7-module border row, then dark-light-…-light-dark.
        assert_eq!(&modules[..8], &[1, 1, 1, 1, 1, 1, 1, 0]);
        assert_eq!(&modules[side..side + 7], &[1, 0, 0, 0, 0, 0, 1]);
    }

    #[test]
    fn too_long_is_none() {
        assert!(qr_modules(&"x".repeat(3000)).is_none());
        assert!(qr_modules(&"x".repeat(2900)).is_some());
    }
}
