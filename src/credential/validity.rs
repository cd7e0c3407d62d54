//! The validity period against the caller's clock.

use super::Credential;
use crate::report::{Code, Status};
use crate::time::Timestamp;

/// The credential's validity period compared with `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Validity {
    /// `now` is inside the period (or the credential sets none).
    Current,
    /// `validFrom` / `issuanceDate` is after `now`.
    NotYetValid,
    /// `validUntil` / `expirationDate` is before `now`.
    Expired,
}

impl Code for Validity {
    fn code(&self) -> &'static str {
        match self {
            Validity::Current => "validity.current",
            Validity::NotYetValid => "validity.not_yet_valid",
            Validity::Expired => "validity.expired",
        }
    }

    fn status(&self) -> Status {
        match self {
            Validity::Current => Status::Passed,
            Validity::NotYetValid | Validity::Expired => Status::Failed,
        }
    }

    fn message(&self) -> String {
        String::from(match self {
            Validity::Current => "the credential is within its validity period",
            Validity::NotYetValid => "the credential is not valid yet",
            Validity::Expired => "the credential has expired",
        })
    }
}

/// Compares the credential's validity period with `now`, allowing clocks to differ by
/// `skew` seconds either way.
pub fn check(credential: &Credential<'_>, now: Timestamp, skew: i64) -> Validity {
    if credential.valid_from.is_some_and(|from| now.plus(skew) < from) {
        Validity::NotYetValid
    } else if credential.valid_until.is_some_and(|until| now.plus(skew.saturating_neg()) > until) {
        Validity::Expired
    } else {
        Validity::Current
    }
}
