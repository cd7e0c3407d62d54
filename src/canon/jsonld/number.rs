//! Numbers as JavaScript writes them, because signatures are made by jsonld.js: the RDF
//! forms of JSON numbers (`toFixed(0)`, `toExponential(15)`), `Number.prototype.toString`,
//! and `parseFloat`.

use std::fmt::Write;

use super::decimal::{integer_digits, to_exponential_15};

/// jsonld.js's test for a "double": `String(x)` has a `.`, or `|x| ≥ 1e21`.
pub(crate) fn is_js_double(x: f64) -> bool {
    x.abs() >= 1e21 || ryu_js::Buffer::new().format(x).contains('.')
}

/// The lexical form jsonld.js gives a number it treats as an integer: `x.toFixed(0)`.
pub(crate) fn js_to_fixed0(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    // Only integers and tiny values written with an exponent (`1e-7`) arrive here; the
    // latter round to zero. `-0` keeps no sign (`x < 0` is false), `-1e-7` gives "-0".
    // From 10²¹ on, `toFixed` gives `ToString(x)`; below, the integer's exact digits.
    if x.abs() >= 1e21 {
        return js_to_string(x);
    }
    let digits = integer_digits(x.abs());
    if x < 0.0 {
        format!("-{digits}")
    } else {
        digits
    }
}

/// The canonical `xsd:double` form jsonld.js writes:
/// `x.toExponential(15).replace(/(\d)0*e\+?/, '$1E')` (`3.5` → `3.5E0`, `1e21` → `1.0E21`).
pub(crate) fn canonical_double(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    let (digits, exponent) = to_exponential_15(x.abs());
    let mut out = String::with_capacity(24);
    if x < 0.0 {
        out.push('-');
    }
    let (first, rest) = digits.split_at(1);
    out.push_str(first);
    out.push('.');
    let trimmed = rest.trim_end_matches('0');
    out.push_str(if trimmed.is_empty() { "0" } else { trimmed });
    let _ = write!(out, "E{exponent}");
    out
}

/// ECMAScript `Number.prototype.toString()`: shortest round-trip digits in JS layout
/// (`ryu-js`, already in the package for JCS).
pub(crate) fn js_to_string(x: f64) -> String {
    ryu_js::Buffer::new().format(x).to_owned()
}

/// ECMAScript `parseFloat`: the longest decimal prefix after leading white space, else NaN.
pub(crate) fn js_parse_float(s: &str) -> f64 {
    let s = s.trim_start();
    let bytes = s.as_bytes();
    let mut i = 0;
    if matches!(bytes.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    if s.get(i..).is_some_and(|r| r.starts_with("Infinity")) {
        return if s.starts_with('-') { f64::NEG_INFINITY } else { f64::INFINITY };
    }
    let digits = |from: usize| bytes.get(from..).map_or(0, |r| r.iter().take_while(|b| b.is_ascii_digit()).count());
    let int = digits(i);
    let mut end = i.saturating_add(int);
    let mut frac = 0;
    if bytes.get(end) == Some(&b'.') {
        frac = digits(end.saturating_add(1));
        if int > 0 || frac > 0 {
            end = end.saturating_add(1).saturating_add(frac);
        }
    }
    if int == 0 && frac == 0 {
        return f64::NAN;
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let mut j = end.saturating_add(1);
        if matches!(bytes.get(j), Some(b'+' | b'-')) {
            j = j.saturating_add(1);
        }
        let exp = digits(j);
        if exp > 0 {
            end = j.saturating_add(exp);
        }
    }
    s.get(..end).and_then(|p| p.parse().ok()).unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_as_jsonld_js_writes_them() {
        assert_eq!(canonical_double(3.5), "3.5E0");
        assert_eq!(canonical_double(1e21), "1.0E21");
        assert_eq!(canonical_double(0.1), "1.0E-1");
        assert_eq!(canonical_double(123.45), "1.2345E2");
        assert_eq!(canonical_double(-2.5), "-2.5E0");
        assert_eq!(canonical_double(1.2345678901234568e23), "1.234567890123457E23");
        // An exact tie at the 17th digit rounds up, as JavaScript does.
        assert_eq!(canonical_double(1.0000152587890625), "1.000015258789063E0");
    }

    #[test]
    fn integers_and_to_string() {
        assert_eq!(js_to_fixed0(-0.0), "0");
        assert_eq!(js_to_fixed0(1e20), "100000000000000000000");
        assert_eq!(js_to_fixed0(-1e-7), "-0");
        assert!(!is_js_double(3.0) && is_js_double(3.5) && is_js_double(1e21) && !is_js_double(1e-7));
        assert_eq!(js_to_string(1e21), "1e+21");
        assert_eq!(js_to_string(1.5e-7), "1.5e-7");
        assert_eq!(js_to_string(0.000001), "0.000001");
        assert_eq!(js_to_string(123.0), "123");
        assert_eq!(js_parse_float(" 5.3abc"), 5.3);
        assert!(js_parse_float("abc").is_nan());
    }
}
