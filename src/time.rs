//! Instants for validity checks, parsed from XSD `dateTime` / RFC 3339 text.
//!
//! Written by hand on purpose: VC dates are XSD `dateTimeStamp`-like strings and we only need
//! to compare instants; a date library would add more to the WASM than this whole file.

use std::fmt;

/// Seconds since the Unix epoch (UTC). Leap seconds are folded, as in Unix time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

/// Why a date string was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeError {
    /// The text is not of the form `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)`.
    Syntax,
    /// A field is out of range (month 13, hour 25, 31 February, …).
    Range,
    /// No time zone: VC dates must name one, else the instant depends on the reader.
    NoTimeZone,
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeError::Syntax => "not a date-time of the form YYYY-MM-DDThh:mm:ssZ",
            TimeError::Range => "a date-time field is out of range",
            TimeError::NoTimeZone => "the date-time has no time zone",
        })
    }
}

impl std::error::Error for TimeError {}

impl Timestamp {
    /// Parses `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`. Fractions are truncated to seconds.
    pub fn parse(s: &str) -> Result<Timestamp, TimeError> {
        let b = s.as_bytes();
        let num = |from: usize, len: usize| -> Result<i64, TimeError> {
            let part = b.get(from..from.saturating_add(len)).ok_or(TimeError::Syntax)?;
            part.iter().try_fold(0i64, |acc, &d| {
                let digit = d.checked_sub(b'0').filter(|_| d.is_ascii_digit()).ok_or(TimeError::Syntax)?;
                acc.checked_mul(10).and_then(|a| a.checked_add(i64::from(digit))).ok_or(TimeError::Syntax)
            })
        };
        let sep = |at: usize, want: &[u8]| -> Result<(), TimeError> {
            match b.get(at) {
                Some(c) if want.contains(c) => Ok(()),
                _ => Err(TimeError::Syntax),
            }
        };
        let year = num(0, 4)?;
        sep(4, b"-")?;
        let month = num(5, 2)?;
        sep(7, b"-")?;
        let day = num(8, 2)?;
        sep(10, b"Tt")?;
        let hour = num(11, 2)?;
        sep(13, b":")?;
        let minute = num(14, 2)?;
        sep(16, b":")?;
        let second = num(17, 2)?;
        // `i` only moves over bytes of `b`, so `i + k` below never nears `usize::MAX`; saturating
        // adds say so without a lint exception.
        let mut i: usize = 19;
        if b.get(19) == Some(&b'.') {
            let digits = b.get(20..).unwrap_or_default().iter().take_while(|d| d.is_ascii_digit()).count();
            if digits == 0 {
                return Err(TimeError::Syntax);
            }
            i = digits.saturating_add(20);
        }
        let offset = match b.get(i) {
            None => return Err(TimeError::NoTimeZone),
            Some(b'Z' | b'z') if i.saturating_add(1) == b.len() => 0,
            Some(&c @ (b'+' | b'-')) if i.saturating_add(6) == b.len() => {
                sep(i.saturating_add(3), b":")?;
                let (oh, om) = (num(i.saturating_add(1), 2)?, num(i.saturating_add(4), 2)?);
                if oh > 23 || om > 59 {
                    return Err(TimeError::Range);
                }
                let off = seconds_of_day(oh, om, 0);
                if c == b'-' {
                    off.saturating_neg()
                } else {
                    off
                }
            }
            Some(_) => return Err(TimeError::Syntax),
        };
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(TimeError::Range),
        };
        // 24:00:00 is XSD's end of day; 60 seconds allows a leap second.
        let end_of_day = hour == 24 && minute == 0 && second == 0;
        if day < 1 || day > days_in_month || (hour > 23 && !end_of_day) || minute > 59 || second > 60 {
            return Err(TimeError::Range);
        }
        // Every field is now in range (year 0..=9999, offsets within a day), so the sums below
        // are tiny next to i64; saturating keeps that true even if the bounds above change.
        let days = days_from_civil(year, month, day);
        let seconds = days.saturating_mul(86_400).saturating_add(seconds_of_day(hour, minute, second));
        Ok(Timestamp(seconds.saturating_sub(offset)))
    }

    /// The instant as `YYYY-MM-DDThh:mm:ssZ`.
    pub fn to_rfc3339(self) -> String {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
    }

    /// `self` moved by `seconds` (saturating).
    pub fn plus(self, seconds: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(seconds))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

/// `h:m:s` as seconds (saturating; callers pass two-digit fields).
fn seconds_of_day(hour: i64, minute: i64, second: i64) -> i64 {
    hour.saturating_mul(3600).saturating_add(minute.saturating_mul(60)).saturating_add(second)
}

// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian). Why no overflow: `parse`
// passes a 4-digit year, a month in 1..=12 and a day in 1..=31, so every intermediate is below
// 10^7.
#[allow(clippy::arithmetic_side_effects)]
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// Why no overflow: `z` is an i64 of seconds divided by 86 400, so |z| < 1.1 × 10^14 and every
// intermediate (at most 5 × |z| + constants) fits in i64 many times over.
#[allow(clippy::arithmetic_side_effects)]
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_utc_offsets_and_fractions() {
        assert_eq!(Timestamp::parse("1970-01-01T00:00:00Z"), Ok(Timestamp(0)));
        assert_eq!(Timestamp::parse("2023-01-01T00:00:00Z"), Ok(Timestamp(1_672_531_200)));
        assert_eq!(Timestamp::parse("2023-01-01T01:30:00+01:30"), Ok(Timestamp(1_672_531_200)));
        assert_eq!(Timestamp::parse("2022-12-31T23:00:00.999-01:00"), Ok(Timestamp(1_672_531_200)));
        assert_eq!(Timestamp::parse("2024-02-29T00:00:00Z").map(|t| t.to_rfc3339()).as_deref(), Ok("2024-02-29T00:00:00Z"));
    }

    #[test]
    fn rejects_bad_dates() {
        assert_eq!(Timestamp::parse("2023-02-29T00:00:00Z"), Err(TimeError::Range));
        assert_eq!(Timestamp::parse("2023-13-01T00:00:00Z"), Err(TimeError::Range));
        assert_eq!(Timestamp::parse("2023-01-01T00:00:00"), Err(TimeError::NoTimeZone));
        assert_eq!(Timestamp::parse("2023-01-01 00:00:00Z"), Err(TimeError::Syntax));
        assert_eq!(Timestamp::parse("2023-01-01T00:00:00Zjunk"), Err(TimeError::Syntax));
        assert_eq!(Timestamp::parse("２０２３-01-01T00:00:00Z"), Err(TimeError::Syntax));
        assert_eq!(Timestamp::parse(""), Err(TimeError::Syntax));
    }

    #[test]
    fn round_trips_through_text() {
        for t in [0, 1, 86_399, 951_782_400, 4_102_444_800, -86_400] {
            assert_eq!(Timestamp::parse(&Timestamp(t).to_rfc3339()), Ok(Timestamp(t)));
        }
    }
}
