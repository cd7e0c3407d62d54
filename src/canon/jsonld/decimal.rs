//! ECMAScript's `x.toExponential(15)` digits, by integer arithmetic.
//!
//! jsonld.js writes every `xsd:double` with `toExponential(15)`: the 16 significant digits
//! nearest to the double's exact value, ties away from zero. Rust's `format!("{x:.15e}")`
//! rounds ties to even, and its exact formatting (Dragon4) is a large function that this
//! package would carry only for this; a few lines of big-integer arithmetic do the same job.

use std::cmp::Ordering;

/// `10¹⁵` and `10¹⁶`: 16 significant digits are the integers in `[10¹⁵, 10¹⁶)`.
const LOW: u64 = 1_000_000_000_000_000;
const HIGH: u64 = 10_000_000_000_000_000;

/// The 16 significant digits and the decimal exponent of a finite `x ≥ 0`, as
/// `toExponential(15)` gives them: `x ≈ d.ddddddddddddddd × 10^exponent`. Zero is
/// sixteen zeros and exponent 0; negative or non-finite input gives the same (callers
/// handle sign, NaN and infinities first).
pub(crate) fn to_exponential_15(x: f64) -> (String, i32) {
    if !(x.is_finite() && x > 0.0) {
        return ("0".repeat(16), 0);
    }
    let (digits, exponent) = short_binary_fraction(x).unwrap_or_else(|| exact(x));
    (digits.to_string(), exponent)
}

/// The exact decimal digits of an integer-valued `x` with `0 ≤ x < 10²¹` (what `toFixed(0)`
/// writes there): through u64 below 2⁶⁴, else as the big integer `m·2^k` (`k ≤ 17` here).
/// Anything else gives `"0"`.
// Why no overflow: below 10²¹ the exponent `k` is at most 17, and the loop divides.
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub(crate) fn integer_digits(x: f64) -> String {
    if !((0.0..1e21).contains(&x) && x.fract() == 0.0) {
        return "0".to_owned();
    }
    if x < 18_446_744_073_709_551_616.0 {
        return (x as u64).to_string();
    }
    // Here `x ≥ 2⁶⁴`: normal, with `x = m·2^k` for `k` from 12 to 17.
    let (mantissa, k) = parts(x);
    let mut n = Big::from(mantissa);
    n.shl(k.unsigned_abs());
    // Nine digits at a time, least significant first.
    let mut chunks = Vec::new();
    while n.0.iter().any(|&limb| limb != 0) {
        chunks.push(n.div_small(1_000_000_000));
    }
    let mut out = String::new();
    for (i, chunk) in chunks.iter().rev().enumerate() {
        let digits = chunk.to_string();
        if i > 0 {
            out.extend(std::iter::repeat_n('0', 9 - digits.len()));
        }
        out.push_str(&digits);
    }
    out
}

/// The values credentials hold (`3.5`, `2.25`, `4`), without big integers: `0 < x < 2²⁰`
/// with `512·x` an integer is exactly `n / 10⁹` for `n = 512·x · 1 953 125` (`5⁹`; below
/// `2⁵⁰`, so at most 16 digits), whose 16 significant digits need no rounding.
// Why no overflow: `scaled < 2²⁹`, `n < 2⁵⁰`, and the loop multiplies `n < 10¹⁵` by ten.
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn short_binary_fraction(x: f64) -> Option<(u64, i32)> {
    let scaled = x * 512.0;
    if !(x > 0.0 && x < 1_048_576.0 && scaled.fract() == 0.0) {
        return None;
    }
    let mut n = (scaled as u64) * 1_953_125;
    // `n / 10⁹` has `decimal_digits(n) − 9` integer digits.
    let exponent = decimal_digits(n) as i32 - 10;
    while n < LOW {
        n *= 10;
    }
    Some((n, exponent))
}

/// How many decimal digits `n > 0` has.
fn decimal_digits(n: u64) -> u32 {
    n.checked_ilog10().map_or(0, |d| d.saturating_add(1))
}

/// Any finite `x > 0`: `x = m·2^k` exactly, scaled by a power of ten so that its integer
/// part has 16 digits, divided, and rounded half away from zero.
// Why no overflow: `k` and `e` are an f64's binary and decimal exponents (|k| ≤ 1074,
// |e| ≤ 324), the estimate is off by at most one, so the quotient is below 10¹⁷ < 2⁵⁷.
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
fn exact(x: f64) -> (u64, i32) {
    let (mantissa, k) = parts(x);
    // 2^b ≤ x < 2^(b+1); floor(b·log₁₀2) is the decimal exponent or one less.
    let b = k + (63 - mantissa.leading_zeros() as i32);
    let mut e = (b * 78_913) >> 18;
    loop {
        let (quotient, round_up) = scaled_quotient(mantissa, k, 15 - e);
        if quotient >= HIGH {
            e += 1;
            continue;
        }
        if quotient < LOW {
            e -= 1;
            continue;
        }
        let digits = quotient + u64::from(round_up);
        return if digits == HIGH { (LOW, e + 1) } else { (digits, e) };
    }
}

/// The integer mantissa `m` and binary exponent `k` of a finite `x ≥ 0`: `x = m·2^k` exactly.
// Why no overflow: the biased exponent is 11 bits.
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
fn parts(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    }
}

/// `floor(m·2^k·10^p)` (when below 2⁵⁸) and whether the rest is at least one half.
// Why no overflow: the shifts and powers are bounded by the f64 exponents (see `exact`).
#[allow(clippy::arithmetic_side_effects, clippy::cast_sign_loss)]
fn scaled_quotient(m: u64, k: i32, p: i32) -> (u64, bool) {
    let mut num = Big::from(m);
    let mut den = Big::from(1);
    if k >= 0 {
        num.shl(k as u32);
    } else {
        den.shl(k.unsigned_abs());
    }
    if p >= 0 {
        num.mul_pow10(p as u32);
    } else {
        den.mul_pow10(p.unsigned_abs());
    }
    // Binary long division; a quotient of 2⁵⁸ or more is reported as such (the caller
    // only needs to know it is too big).
    let mut quotient = 0u64;
    for j in (0..58u32).rev() {
        let mut shifted = den.clone();
        shifted.shl(j);
        if num.cmp(&shifted) != Ordering::Less {
            num.sub(&shifted);
            quotient |= 1u64 << j;
        }
    }
    if num.cmp(&den) != Ordering::Less {
        return (u64::MAX, false);
    }
    num.shl(1);
    (quotient, num.cmp(&den) != Ordering::Less)
}

/// A non-negative big integer, 32-bit limbs, least significant first.
#[derive(Clone)]
struct Big(Vec<u32>);

// Why no overflow: limb arithmetic runs in u64 on u32 values, so products and sums fit.
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
impl Big {
    fn from(n: u64) -> Self {
        Self(vec![n as u32, (n >> 32) as u32])
    }

    fn mul_small(&mut self, factor: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(factor) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut p: u32) {
        while p >= 9 {
            self.mul_small(1_000_000_000);
            p -= 9;
        }
        self.mul_small(10u32.pow(p));
    }

    fn shl(&mut self, bits: u32) {
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let v = (u64::from(*limb) << bits) | u64::from(carry);
                *limb = v as u32;
                carry = (v >> 32) as u32;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if limbs > 0 {
            self.0.splice(0..0, std::iter::repeat_n(0, limbs));
        }
    }

    /// Divides by `divisor > 0` in place; the remainder.
    fn div_small(&mut self, divisor: u32) -> u32 {
        let mut rest = 0u64;
        for limb in self.0.iter_mut().rev() {
            let v = (rest << 32) | u64::from(*limb);
            *limb = (v / u64::from(divisor)) as u32;
            rest = v % u64::from(divisor);
        }
        rest as u32
    }

    /// `self − other`, for `self ≥ other`.
    fn sub(&mut self, other: &Self) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            borrow = i64::from(v < 0);
            *limb = v.rem_euclid(1 << 32) as u32;
        }
    }

    fn cmp(&self, other: &Self) -> Ordering {
        let len = self.0.len().max(other.0.len());
        for i in (0..len).rev() {
            let (a, b) = (self.0.get(i).copied().unwrap_or(0), other.0.get(i).copied().unwrap_or(0));
            if a != b {
                return a.cmp(&b);
            }
        }
        Ordering::Equal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic pseudo-random sequence (xorshift64).
    fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    /// The reference: Rust's exact formatting with 40 digits past the point, rounded by hand
    /// at the 16th digit, ties away from zero.
    fn formatted(x: f64) -> (String, i32) {
        let long = format!("{x:.40e}");
        let (mantissa, exponent) = long.split_once('e').unwrap();
        let mut exponent: i32 = exponent.parse().unwrap();
        let all: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
        let mut digits: u64 = std::str::from_utf8(&all[..16]).unwrap().parse().unwrap();
        if all[16] >= b'5' {
            digits += 1;
        }
        if digits == HIGH {
            digits = LOW;
            exponent += 1;
        }
        (digits.to_string(), exponent)
    }

    #[test]
    fn agrees_with_exact_formatting() {
        let edges = [
            5e-324, 2.2250738585072014e-308, f64::MAX, 1e21, 0.1, 123.45, 1.0000152587890625, 3.5, 9.5,
            0.30000000000000004, 1.2345678901234568e23, 1e23, 1e-7, 1.5e300, 4.35, 0.5,
        ];
        // A deterministic spread of bit patterns over every exponent (`VB_DECIMAL_SAMPLES`
        // asks for more than the default 20,000: millions ran clean in release on 2026-11-29).
        let samples = std::env::var("VB_DECIMAL_SAMPLES").ok().and_then(|n| n.parse().ok()).unwrap_or(20_000);
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let spread = (0..samples).map(|_| {
            f64::from_bits(xorshift(&mut state) >> 1)
        });
        for x in edges.into_iter().chain(spread).filter(|x| x.is_finite() && *x > 0.0) {
            assert_eq!(to_exponential_15(x), formatted(x), "{x:e}");
        }
    }

    #[test]
    fn exact_ties_round_away_from_zero() {
        // m / 2^j with m odd has j fractional digits, the last a 5: with 17 − j integer digits
        // it is an exact tie at the 17th significant digit.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut ties = 0;
        for j in 1..=16u32 {
            let low = 10f64.powi(16 - j as i32) * f64::from(1u32 << j);
            for _ in 0..500 {
                let m = (low + (xorshift(&mut state) % 1_000_000_007) as f64 * (low / 1e9).max(1.0)) as u64 | 1;
                if m >= 1 << 53 {
                    continue;
                }
                let x = m as f64 / f64::from(1u32 << j);
                let got = to_exponential_15(x);
                assert_eq!(got.0.len(), 16);
                assert_eq!(got, formatted(x), "{m}/2^{j}");
                ties += usize::from(format!("{x:.40e}").as_bytes().get(17) == Some(&b'5'));
            }
        }
        assert!(ties > 5_000, "only {ties} exact ties");
    }

    #[test]
    fn integers_below_1e21_are_written_exactly() {
        assert_eq!(integer_digits(0.0), "0");
        assert_eq!(integer_digits(4.0), "4");
        assert_eq!(integer_digits(18_446_744_073_709_551_616.0), "18446744073709551616");
        assert_eq!(integer_digits(1e20), "100000000000000000000");
        assert_eq!(integer_digits(123_456_789_012_345_680_000.0), "123456789012345683968");
        let mut state = 0x1234_5678_9abc_def1u64;
        for _ in 0..20_000 {
            let r = xorshift(&mut state);
            let x = ((r >> 11) as f64) * f64::from(1u32 << (r % 18) as u32);
            if x < 1e21 {
                assert_eq!(integer_digits(x), format!("{x:.0}"), "{x}");
            }
        }
        assert_eq!(integer_digits(0.5), "0");
        assert_eq!(integer_digits(1e21), "0");
    }

    #[test]
    fn short_binary_fractions_need_no_division() {
        assert_eq!(short_binary_fraction(3.5), Some((3_500_000_000_000_000, 0)));
        assert_eq!(short_binary_fraction(0.001953125), Some((1_953_125_000_000_000, -3)));
        assert_eq!(short_binary_fraction(0.1), None);
        assert_eq!(short_binary_fraction(1_048_576.0), None);
        for k in (1..536_870_912u64).step_by(65_537) {
            let x = k as f64 / 512.0;
            assert_eq!(short_binary_fraction(x), Some(exact(x)), "{x}");
        }
    }

    #[test]
    fn zero_and_ties() {
        assert_eq!(to_exponential_15(0.0), ("0000000000000000".into(), 0));
        // 1 + 2⁻¹⁶ = 1.0000152587890625 exactly: a tie at the 17th digit, rounded up (Rust's
        // `{:.15e}` would round to even, …062).
        assert_eq!(to_exponential_15(1.0000152587890625), ("1000015258789063".into(), 0));
    }
}
