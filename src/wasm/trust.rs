//! The embedder's issuer trust list: a policy on top of the core's verdict.
//!
//! A valid signature says *who* issued a badge, not whether the page should believe that
//! issuer. A page may name the issuers it trusts (`trust` on the element, `options.trust` in
//! `verify()`); the report then gets one more check, `trust`, and its outcome is derived again
//! by the core's own rule ([`Report::outcome_of`]). Pure Rust, tested natively.

use crate::{Check, Report, Status};

/// What the embedder said about trusted issuers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Trust {
    /// The ids of the trusted issuers.
    Issuers(Vec<String>),
    /// The list could not be loaded, with the reason.
    Unavailable(String),
}

/// The issuer is on the list.
pub(crate) const LISTED: &str = "trust.listed";
/// The issuer is not on the list.
pub(crate) const NOT_LISTED: &str = "trust.not_listed";
/// The list could not be loaded.
pub(crate) const UNAVAILABLE: &str = "trust.unavailable";

/// Adds the `trust` check to `report` and derives its outcome again.
///
/// A credential that could not be read has no issuer to look up: nothing is added.
pub(crate) fn apply(report: &mut Report, trust: &Trust) {
    let Some(credential) = &report.credential else { return };
    let issuer = credential.issuer.as_ref().and_then(|i| i.id.as_deref()).unwrap_or_default();
    let (status, code, message) = match trust {
        Trust::Unavailable(reason) => {
            (Status::Unknown, UNAVAILABLE, format!("the list of trusted issuers could not be loaded ({reason})"))
        }
        Trust::Issuers(ids) if !issuer.is_empty() && ids.iter().any(|id| id == issuer) => {
            (Status::Passed, LISTED, String::from("the issuer is on this page's list of trusted issuers"))
        }
        Trust::Issuers(_) => {
            (Status::Failed, NOT_LISTED, String::from("the issuer is not on this page's list of trusted issuers"))
        }
    };
    report.checks.push(Check { id: "trust".into(), status, code: code.into(), message });
    report.outcome = Report::outcome_of(&report.checks);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::{CredentialSummary, Party};
    use crate::{Format, Outcome};

    fn verified(issuer: &str) -> Report {
        Report {
            outcome: Outcome::Verified,
            format: Format::JsonLd,
            checks: vec![Check { id: "proof".into(), status: Status::Passed, code: "proof.verified".into(), message: "ok".into() }],
            credential: Some(CredentialSummary {
                issuer: Some(Party { id: Some(issuer.into()), ..Default::default() }),
                ..Default::default()
            }),
            embedded: Vec::new(),
        }
    }

    #[test]
    fn listed_issuer_stays_verified() {
        let mut r = verified("did:key:z6Mk1");
        apply(&mut r, &Trust::Issuers(vec!["did:key:z6Mk1".into()]));
        assert_eq!(r.outcome, Outcome::Verified);
        assert_eq!(r.check("trust").map(|c| c.code.as_ref()), Some(LISTED));
    }

    #[test]
    fn unlisted_issuer_is_invalid() {
        let mut r = verified("did:key:z6Mk1");
        apply(&mut r, &Trust::Issuers(vec!["did:key:z6Mk2".into()]));
        assert_eq!(r.outcome, Outcome::Invalid);
        assert_eq!(r.check("trust").map(|c| c.code.as_ref()), Some(NOT_LISTED));
    }

    #[test]
    fn missing_list_is_indeterminate_and_no_issuer_is_never_listed() {
        let mut r = verified("did:key:z6Mk1");
        apply(&mut r, &Trust::Unavailable("HTTP 404".into()));
        assert_eq!(r.outcome, Outcome::Indeterminate);
        let mut r = verified("");
        apply(&mut r, &Trust::Issuers(vec![String::new()]));
        assert_eq!(r.outcome, Outcome::Invalid);
    }
}
