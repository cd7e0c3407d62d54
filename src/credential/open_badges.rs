//! Open Badges 3.0 rules on top of the VC data model (1EdTech OB 3.0 §"Verification"):
//! the required fields of an AchievementCredential (OpenBadgeCredential) and its parts.

use serde_json::{Map, Value};

use super::{has_type, Credential, VcVersion};
use crate::report::{Code, Status};

/// The types that make a credential an Open Badge.
const BADGE_TYPES: [&str; 2] = ["OpenBadgeCredential", "AchievementCredential"];

/// A required part of an Open Badge that is missing or malformed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Conformance {
    /// Everything OB 3.0 requires is there.
    Conformant,
    /// A required property (its path, e.g. `credentialSubject.achievement.criteria`) is
    /// missing or of the wrong shape.
    Missing(&'static str),
    /// A node lacks its required `type` (e.g. the issuer is not a `Profile`).
    WrongType(&'static str),
}

impl Code for Conformance {
    fn code(&self) -> &'static str {
        match self {
            Conformance::Conformant => "ob3.conformant",
            Conformance::Missing(_) => "ob3.missing_property",
            Conformance::WrongType(_) => "ob3.wrong_type",
        }
    }

    fn status(&self) -> Status {
        match self {
            Conformance::Conformant => Status::Passed,
            _ => Status::Failed,
        }
    }

    fn message(&self) -> String {
        match self {
            Conformance::Conformant => String::from("the credential has every property Open Badges 3.0 requires"),
            Conformance::Missing(path) => format!("Open Badges 3.0 requires {path}"),
            Conformance::WrongType(path) => format!("Open Badges 3.0 requires {path} to have its proper type"),
        }
    }
}

/// Whether the credential claims to be an Open Badge.
pub fn is_badge(doc: &Map<String, Value>) -> bool {
    BADGE_TYPES.iter().any(|t| has_type(doc, t))
}

/// Checks an Open Badge's required structure. Returns the first problem found.
pub fn check(credential: &Credential<'_>) -> Conformance {
    match check_inner(credential) {
        Ok(()) => Conformance::Conformant,
        Err(e) => e,
    }
}

fn check_inner(c: &Credential<'_>) -> Result<(), Conformance> {
    let doc = c.doc;
    string(doc, "id").ok_or(Conformance::Missing("id"))?;
    // VC 2.0 badges must say when they become valid; VC 1.1 ones have issuanceDate (checked
    // by the VC rules already).
    if c.version == VcVersion::V2 && !doc.contains_key("validFrom") {
        return Err(Conformance::Missing("validFrom"));
    }
    if let Some(Value::Object(issuer)) = doc.get("issuer") {
        if !has_type(issuer, "Profile") {
            return Err(Conformance::WrongType("issuer (Profile)"));
        }
    }
    let subject = match doc.get("credentialSubject") {
        Some(Value::Object(s)) => s,
        _ => return Err(Conformance::Missing("credentialSubject (one AchievementSubject)")),
    };
    if !has_type(subject, "AchievementSubject") {
        return Err(Conformance::WrongType("credentialSubject (AchievementSubject)"));
    }
    // The spec's prose asks for `id` or `identifier` on the subject, but 1EdTech's own JSON
    // Schema and validator do not enforce it, and issuers in the field omit it. A badge without
    // either is a bearer badge: the recipient check then says `recipient.no_identifier`.
    let achievement = subject.get("achievement").and_then(Value::as_object).ok_or(Conformance::Missing("credentialSubject.achievement"))?;
    string(achievement, "id").ok_or(Conformance::Missing("credentialSubject.achievement.id"))?;
    if !has_type(achievement, "Achievement") {
        return Err(Conformance::WrongType("credentialSubject.achievement (Achievement)"));
    }
    string(achievement, "name").ok_or(Conformance::Missing("credentialSubject.achievement.name"))?;
    string(achievement, "description").ok_or(Conformance::Missing("credentialSubject.achievement.description"))?;
    let criteria = achievement.get("criteria").and_then(Value::as_object).ok_or(Conformance::Missing("credentialSubject.achievement.criteria"))?;
    if string(criteria, "id").is_none() && string(criteria, "narrative").is_none() {
        return Err(Conformance::Missing("credentialSubject.achievement.criteria.id or .narrative"));
    }
    Ok(())
}

/// A non-empty string property (a language map or value object counts as text too).
fn string<'a>(node: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    node.get(key).filter(|v| match v {
        Value::String(s) => !s.is_empty(),
        Value::Object(_) | Value::Array(_) => true,
        _ => false,
    })
}
