//! Numbers as JavaScript writes them, because signatures are made by jsonld.js: the RDF
//! forms of JSON numbers (`toFixed(0)`, `toExponential(15)`), `Number.prototype.toString`
//! for JCS, and `parseFloat`.

use std::fmt::Write;

use serde_json::Value;

/// jsonld.js's test for a "double": `String(x)` has a `.`, or `|x| ≥ 1e21`.
pub(crate) fn is_js_double(x: f64) -> bool {
    x.abs() >= 1e21 || js_to_string(x).contains('.')
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
    let digits = if x.fract() == 0.0 { format!("{:.0}", x.abs()) } else { "0".to_owned() };
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

/// The 16 significant digits and the exponent of `x ≥ 0`, rounded as ECMAScript's
/// `toExponential(15)` rounds: to nearest, ties away from zero (Rust rounds ties to even).
// Why no overflow: `exponent` is an f64's decimal exponent (|e| ≤ 324) and `i`/`digits` index a
// 16-byte vector, whatever the input.
#[allow(clippy::arithmetic_side_effects)]
fn to_exponential_15(x: f64) -> (String, i32) {
    // 40 fraction digits: enough to see whether the 17th significant digit is an exact tie.
    let long = format!("{x:.40e}");
    let (mantissa, exponent) = long.split_once('e').unwrap_or((&long, "0"));
    let mut exponent: i32 = exponent.parse().unwrap_or(0);
    let all: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let (head, tail) = all.split_at(all.len().min(16));
    // A 17th digit of 5 rounds up whether or not it is an exact tie.
    let round_up = tail.first().is_some_and(|&d| d >= b'5');
    let mut digits: Vec<u8> = head.to_vec();
    if round_up {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                digits.truncate(16);
                exponent += 1;
                break;
            }
            i -= 1;
            match digits.get_mut(i) {
                Some(d) if *d == b'9' => *d = b'0',
                Some(d) => {
                    *d += 1;
                    break;
                }
                None => break,
            }
        }
    }
    (String::from_utf8(digits).unwrap_or_default(), exponent)
}

/// ECMAScript `Number.prototype.toString()` (shortest round-trip digits, JS layout).
// Why no overflow: `k` is at most 17 significant digits and `n` an f64's decimal exponent
// (|n| ≤ 325), whatever the input.
#[allow(clippy::arithmetic_side_effects)]
pub(crate) fn js_to_string(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    if x == 0.0 {
        return "0".into();
    }
    let short = format!("{:e}", x.abs());
    let (mantissa, exponent) = short.split_once('e').unwrap_or((&short, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let k = digits.len() as i64;
    let n = exponent.parse::<i64>().unwrap_or(0) + 1;
    let mut out = String::with_capacity(k as usize + 8);
    if x < 0.0 {
        out.push('-');
    }
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        let (a, b) = digits.split_at(n as usize);
        out.push_str(a);
        out.push('.');
        out.push_str(b);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-n) as usize));
        out.push_str(&digits);
    } else {
        let (a, b) = digits.split_at(1);
        out.push_str(a);
        if !b.is_empty() {
            out.push('.');
            out.push_str(b);
        }
        let e = n - 1;
        let _ = write!(out, "e{}{}", if e >= 0 { "+" } else { "-" }, e.abs());
    }
    out
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

/// RFC 8785 JCS, as the `canonicalize` package jsonld.js uses writes it.
pub(crate) fn jcs(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&js_to_string(n.as_f64().unwrap_or(f64::NAN))),
        Value::String(s) => json_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                jcs(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            crate::canon::sort::sort_by(&mut entries, |a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_string(k, out);
                out.push(':');
                jcs(v, out);
            }
            out.push('}');
        }
    }
}

/// A JSON string as `JSON.stringify` writes it.
fn json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
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
