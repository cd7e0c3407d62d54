//! What a credential says about itself, pulled out for display and for the report.
//!
//! Every field is *claimed* data taken from hostile input: renderers must show it as text
//! and check URLs against an allow-list before using them.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::items;
use crate::limits::MAX_LISTED;

/// A party: the issuer, or an endorser.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// The party's id (a DID or URL).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Home page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Logo URL (may be a `data:` URL).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

/// The achievement an Open Badge is about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AchievementSummary {
    /// The achievement's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its name, e.g. "Rust Fundamentals".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Badge image URL (may be a `data:` URL).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Criteria: a narrative, a URL, or both.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criteria: Option<Criteria>,
    /// The kind of achievement (`achievementType`, e.g. `Certificate`, `Badge`).
    #[serde(rename = "achievementType", skip_serializing_if = "Option::is_none")]
    pub achievement_type: Option<String>,
    /// Skills and standards the achievement aligns to (`alignment`).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub alignments: Vec<Alignment>,
    /// Free-form tags (`tag`).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub tags: Vec<String>,
}

/// A skill or standard an achievement aligns to (OB 3.0 `Alignment`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Alignment {
    /// The skill's or standard's name (`targetName`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_name: Option<String>,
    /// Its URL (`targetUrl`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_url: Option<String>,
    /// The framework it belongs to (`targetFramework`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_framework: Option<String>,
    /// Its code in that framework (`targetCode`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_code: Option<String>,
}

/// How the achievement is earned.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criteria {
    /// A URL describing the criteria.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The criteria in words (Markdown in OB 3.0; render as plain text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub narrative: Option<String>,
}

/// Who the credential is about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectSummary {
    /// The subject's id (a DID or URL), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The subject's name, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The credential as it describes itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialSummary {
    /// The `type` values, e.g. `["VerifiableCredential", "OpenBadgeCredential"]`.
    pub types: Vec<String>,
    /// The credential's `id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The credential's own `name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The credential's own `description`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The issuer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<Party>,
    /// The achievement (Open Badges), from `credentialSubject.achievement`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achievement: Option<AchievementSummary>,
    /// The subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<SubjectSummary>,
    /// Start of validity: `validFrom` (VC 2.0) or `issuanceDate` (VC 1.1), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// End of validity: `validUntil` (VC 2.0) or `expirationDate` (VC 1.1), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
}

impl CredentialSummary {
    /// The summary of a credential's JSON object.
    pub fn from_json_map(doc: &serde_json::Map<String, Value>) -> Self {
        // Only looks things up; the object is not copied.
        Self::from_fields(|k| doc.get(k))
    }

    /// Pull the summary out of a credential's JSON. Missing or oddly shaped fields are left
    /// out, never an error: the checks report structure problems.
    pub fn from_json(doc: &Value) -> Self {
        Self::from_fields(|k| doc.get(k))
    }

    fn from_fields<'a>(doc: impl Fn(&str) -> Option<&'a Value>) -> Self {
        let subject = first(doc("credentialSubject"));
        CredentialSummary {
            types: strings(doc("type")),
            id: text(doc("id")),
            name: text(doc("name")),
            description: text(doc("description")),
            issuer: doc("issuer").map(party),
            achievement: subject.and_then(|s| s.get("achievement")).map(|a| AchievementSummary {
                id: text(a.get("id")),
                name: text(a.get("name")),
                description: text(a.get("description")),
                image: image(a.get("image")),
                criteria: a.get("criteria").map(|c| Criteria {
                    id: text(c.get("id")),
                    narrative: text(c.get("narrative")),
                }),
                achievement_type: text(a.get("achievementType")),
                alignments: items(a.get("alignment"))
                    .map(|al| Alignment {
                        target_name: text(al.get("targetName")),
                        target_url: text(al.get("targetUrl")),
                        target_framework: text(al.get("targetFramework")),
                        target_code: text(al.get("targetCode")),
                    })
                    .take(MAX_LISTED)
                    .collect(),
                tags: items(a.get("tag")).filter_map(|t| text(Some(t))).take(MAX_LISTED).collect(),
            }),
            subject: subject.map(|s| SubjectSummary { id: text(s.get("id")), name: text(s.get("name")) }),
            valid_from: text(doc("validFrom")).or_else(|| text(doc("issuanceDate"))),
            valid_until: text(doc("validUntil")).or_else(|| text(doc("expirationDate"))),
        }
    }
}



/// A party given as a bare id string or as a profile object.
fn party(v: &Value) -> Party {
    match v {
        Value::String(id) => Party { id: Some(id.clone()), ..Party::default() },
        _ => Party {
            id: text(v.get("id")),
            name: text(v.get("name")),
            url: text(v.get("url")),
            image: image(v.get("image")),
        },
    }
}

/// An image given as a URL string or as an `Image` object with an `id`.
fn image(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        other => text(other.get("id")),
    }
}

/// A plain string value, or the first string of a language map / value object array.
fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("@value").and_then(Value::as_str).map(str::to_owned),
        Value::Array(a) => a.iter().find_map(|x| text(Some(x))),
        _ => None,
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}

/// The first of a value that may be one object or an array of them.
fn first(v: Option<&Value>) -> Option<&Value> {
    match v? {
        Value::Array(a) => a.first(),
        other => Some(other),
    }
}
