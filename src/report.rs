//! The one report every verification returns, and its stable check codes.
//!
//! The report is data: an invalid or unverifiable credential is described here, never raised
//! as an error. Its JSON form is a public interface (the CLI's `--json`, the JS `verify()`
//! result, the widget's events), so the field names and codes below do not change lightly.
//!
//! ```json
//! { "outcome": "invalid", "format": "json-ld",
//!   "checks": [ { "id": "proof", "status": "failed", "code": "proof.signature_invalid",
//!                 "message": "the Ed25519 signature does not match the credential" } ],
//!   "credential": { "types": ["VerifiableCredential"], "issuer": { "id": "did:key:z6Mk…" } } }
//! ```

use std::borrow::Cow;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use crate::credential::CredentialSummary;

/// The verdict over all checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Every check that applies passed.
    Verified,
    /// At least one check failed: do not trust this credential.
    Invalid,
    /// Nothing failed, but something could not be checked (unsupported suite, unknown
    /// context, unreachable status list or key). Never shown as "verified".
    Indeterminate,
}

impl Outcome {
    /// The lowercase name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Verified => "verified",
            Outcome::Invalid => "invalid",
            Outcome::Indeterminate => "indeterminate",
        }
    }
}

/// The result of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The check ran and the credential passed it.
    Passed,
    /// The check ran and the credential failed it.
    Failed,
    /// The check could not be carried out (offline, unsupported, unknown input).
    Unknown,
    /// The check does not apply to this credential (e.g. no `credentialStatus`).
    Skipped,
}

/// One check: what was checked, its result, a stable code and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Check {
    /// What was checked: `input`, `context`, `credential`, `proof`, `key`, `issuer`,
    /// `validity`, `status`, … A credential with several proofs has `proof`, `proof[1]`, ….
    pub id: Cow<'static, str>,
    /// The result.
    pub status: Status,
    /// A stable, dotted code, e.g. `proof.signature_invalid`. Tools match on this.
    pub code: Cow<'static, str>,
    /// A short English sentence for people; free to change between versions.
    pub message: String,
}

impl Serialize for Check {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut check = serializer.serialize_struct("Check", 4)?;
        check.serialize_field("id", &Name(&self.id))?;
        check.serialize_field("status", &self.status)?;
        check.serialize_field("code", &Name(&self.code))?;
        check.serialize_field("message", &self.message)?;
        check.end()
    }
}

/// A name from a closed set (check ids, codes). A static one is serialized as a unit variant:
/// the same JSON string, but serializers that cache variant names (serde-wasm-bindgen) make
/// its JS string once, not in every report (with one-lookup duplicate-key detection, ≈ 2 % of
/// a warm JWT verify in WASM, measured).
struct Name<'a>(&'a Cow<'static, str>);

impl Serialize for Name<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Cow::Borrowed(name) => serializer.serialize_unit_variant("Name", 0, name),
            Cow::Owned(name) => serializer.serialize_str(name),
        }
    }
}

/// The input format the credential came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A JSON(-LD) credential with embedded proofs.
    JsonLd,
    /// A VC-JWT 1.1 token: the credential in a `vc` claim.
    VcJwt,
    /// A VC-JOSE-COSE token (`vc+jwt`): the payload is the credential.
    #[serde(rename = "vc+jwt")]
    VcJose,
    /// The input could not be recognised as any supported format.
    Unknown,
}

/// Everything a verification found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The verdict, derived from `checks` (see [`Report::outcome_of`]).
    pub outcome: Outcome,
    /// The input format.
    pub format: Format,
    /// Every check, in the order they ran.
    pub checks: Vec<Check>,
    /// What the credential says about itself, for display. `None` when the input could not be
    /// read as a credential at all. Shown data is *claimed* data: trust it only when `outcome`
    /// is `verified`.
    pub credential: Option<CredentialSummary>,
    /// Credentials embedded in this one and verified on their own: endorsements, and the
    /// achievement credentials a CLR wraps. Their outcomes do not change this report's.
    pub embedded: Vec<Embedded>,
}

/// An embedded credential's own report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Embedded {
    /// What the embedded credential is to the outer one.
    pub kind: EmbeddedKind,
    /// Where it sits, e.g. `credentialSubject.achievement.endorsement[0]`.
    pub path: String,
    /// Its report.
    #[serde(flatten)]
    pub report: Report,
}

/// What an embedded credential is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EmbeddedKind {
    /// An `EndorsementCredential` (`endorsement` / `endorsementJwt`).
    Endorsement,
    /// A credential wrapped by a CLR (`credentialSubject.verifiableCredential`).
    Achievement,
}

impl Report {
    /// The verdict over a list of checks: any failure makes it `invalid`; otherwise any
    /// unknown makes it `indeterminate`; otherwise `verified`. An empty list is
    /// `indeterminate`: nothing checked is nothing verified.
    pub fn outcome_of(checks: &[Check]) -> Outcome {
        if checks.iter().any(|c| c.status == Status::Failed) {
            Outcome::Invalid
        } else if checks.is_empty() || checks.iter().any(|c| c.status == Status::Unknown) {
            Outcome::Indeterminate
        } else {
            Outcome::Verified
        }
    }

    /// The first check with this id, if any.
    pub fn check(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }

    /// The report as one line of JSON (the CLI's `--json` form).
    pub fn to_json(&self) -> String {
        // Serializing plain structs of strings cannot fail; fall back to a fixed object anyway
        // so this never panics.
        serde_json::to_string(self).unwrap_or_else(|_| String::from(UNSERIALIZABLE))
    }
}

/// What a report that could not be serialized is handed over as: `indeterminate`, with
/// nothing else. (Plain structs of strings always serialize; this keeps the callers total.)
pub(crate) const UNSERIALIZABLE: &str =
    r#"{"outcome":"indeterminate","format":"unknown","checks":[],"credential":null,"embedded":[]}"#;

/// A check code: a concern's error or success, with its stable dotted name.
///
/// Each concern (input, context, proof, key, …) has its own `#[non_exhaustive]` enum that
/// implements this; the pipeline turns them into [`Check`]s.
pub trait Code {
    /// The stable dotted code, e.g. `proof.signature_invalid`.
    fn code(&self) -> &'static str;
    /// The check result this code stands for.
    fn status(&self) -> Status;
    /// A short sentence for people.
    fn message(&self) -> String;
}

/// A check that passed, or that does not apply, with its code and sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Note {
    pub(crate) status: Status,
    pub(crate) code: &'static str,
    pub(crate) message: &'static str,
}

impl Note {
    /// A passed check.
    pub(crate) const fn passed(code: &'static str, message: &'static str) -> Self {
        Note { status: Status::Passed, code, message }
    }

    /// A check that does not apply.
    pub(crate) const fn skipped(code: &'static str, message: &'static str) -> Self {
        Note { status: Status::Skipped, code, message }
    }
}

impl Code for Note {
    fn code(&self) -> &'static str {
        self.code
    }
    fn status(&self) -> Status {
        self.status
    }
    fn message(&self) -> String {
        self.message.to_owned()
    }
}

/// Collects checks while the pipeline runs.
#[derive(Debug, Default)]
pub(crate) struct Checks(Vec<Check>);

impl Checks {
    pub(crate) fn push(&mut self, id: impl Into<Cow<'static, str>>, code: &dyn Code) {
        self.0.push(Check {
            id: id.into(),
            status: code.status(),
            code: Cow::Borrowed(code.code()),
            message: code.message(),
        });
    }

    pub(crate) fn finish(self, format: Format, credential: Option<CredentialSummary>, embedded: Vec<Embedded>) -> Report {
        Report { outcome: Report::outcome_of(&self.0), format, checks: self.0, credential, embedded }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unserializable_stand_in_is_an_indeterminate_report() {
        let report: Report = serde_json::from_str(UNSERIALIZABLE).expect("a report");
        assert_eq!(report.outcome, Outcome::Indeterminate);
        assert!(report.checks.is_empty() && report.credential.is_none() && report.embedded.is_empty());
        assert_eq!(report.to_json(), UNSERIALIZABLE, "the same text both ways");
    }
}
