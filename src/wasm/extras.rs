//! What the badge's details show beyond the report's summary: skills and alignments, evidence,
//! and endorsement comments. Read from the credential document, pure Rust, tested natively.
//!
//! All of it is claimed, hostile text: it is clipped here and drawn as text nodes; URLs are
//! kept only when they are `https:` (checked again by the renderer).
//! (These would sit well in the core's `CredentialSummary`; until then the widget reads them.)

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::credential::items;
use crate::input::Parsed;
use crate::Input;

/// Most items of one list shown (a credential may carry thousands).
const MAX_ITEMS: usize = 50;
/// Longest text kept, in characters.
const MAX_TEXT: usize = 2000;

/// A skill or framework the achievement aligns to (OB 3.0 `Alignment`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Alignment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) target_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) target_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) target_framework: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) target_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) target_description: Option<String>,
}

/// One piece of evidence (OB 3.0 `Evidence`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Evidence {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) narrative: Option<String>,
}

/// An endorsement's comment, by the `path` its report has in `embedded`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Comment {
    pub(crate) path: String,
    pub(crate) comment: String,
}

/// Everything extra the details show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Extras {
    #[serde(default)]
    pub(crate) alignments: Vec<Alignment>,
    #[serde(default)]
    pub(crate) evidence: Vec<Evidence>,
    #[serde(default)]
    pub(crate) endorsements: Vec<Comment>,
    /// The issuer's own description.
    #[serde(default, rename = "issuerDescription", skip_serializing_if = "Option::is_none")]
    pub(crate) issuer_description: Option<String>,
}

impl Extras {
    /// The extras of any input `verify()` reads; empty when it cannot be read.
    pub(crate) fn of_input(input: Input<'_>) -> Extras {
        match crate::input::read(input) {
            Ok(Parsed::Json(Value::Object(doc))) => Extras::of(&doc),
            Ok(Parsed::Jws(mut jws)) => crate::credential::jwt::credential(&mut jws).map(|(_, doc)| Extras::of(&doc)).unwrap_or_default(),
            _ => Extras::default(),
        }
    }

    /// The extras of a credential document.
    pub(crate) fn of(doc: &Map<String, Value>) -> Extras {
        let subject = first(doc.get("credentialSubject"));
        let achievement = subject.and_then(|s| s.get("achievement")).and_then(Value::as_object);
        let issuer = doc.get("issuer").and_then(Value::as_object);
        let alignments = items(achievement.and_then(|a| a.get("alignment")))
            .filter_map(Value::as_object)
            .map(|a| Alignment {
                target_name: text(a.get("targetName")),
                target_url: text(a.get("targetUrl")),
                target_framework: text(a.get("targetFramework")),
                target_code: text(a.get("targetCode")),
                target_description: text(a.get("targetDescription")),
            })
            .filter(|a| a.target_name.is_some() || a.target_url.is_some())
            .take(MAX_ITEMS)
            .collect();
        let evidence = items(doc.get("evidence"))
            .filter_map(Value::as_object)
            .map(|e| Evidence {
                id: text(e.get("id")),
                name: text(e.get("name")),
                description: text(e.get("description")),
                narrative: text(e.get("narrative")),
            })
            .take(MAX_ITEMS)
            .collect();
        let mut endorsements = Vec::new();
        for (node, prefix) in [(Some(doc), ""), (issuer, "issuer."), (achievement, "credentialSubject.achievement.")] {
            let Some(node) = node else { continue };
            for (i, item) in items(node.get("endorsement")).enumerate().take(MAX_ITEMS) {
                let comment = first(item.get("credentialSubject")).and_then(|s| text(s.get("endorsementComment")));
                if let Some(comment) = comment {
                    endorsements.push(Comment { path: format!("{prefix}endorsement[{i}]"), comment });
                }
            }
        }
        Extras {
            alignments,
            evidence,
            endorsements,
            issuer_description: issuer.and_then(|i| text(i.get("description"))),
        }
    }
}


fn first(v: Option<&Value>) -> Option<&Value> {
    match v? {
        Value::Array(a) => a.first(),
        other => Some(other),
    }
}

/// A non-empty string, clipped to [`MAX_TEXT`] characters.
fn text(v: Option<&Value>) -> Option<String> {
    let s = v?.as_str()?.trim();
    if s.is_empty() {
        return None;
    }
    Some(s.chars().take(MAX_TEXT).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_alignments_evidence_and_endorsement_comments() {
        let doc = json!({
            "issuer": { "id": "did:x", "description": "A school" },
            "evidence": [{ "id": "https://e.example/1", "name": "Project", "narrative": "Built it" }, 5],
            "credentialSubject": { "achievement": {
                "alignment": [{ "targetName": "Rust", "targetUrl": "https://skills.example/rust", "targetFramework": "ESCO" }, {}],
                "endorsement": [{ "credentialSubject": { "endorsementComment": "Solid" } }]
            }}
        });
        let extras = Extras::of(doc.as_object().unwrap());
        assert_eq!(extras.alignments.len(), 1);
        assert_eq!(extras.alignments[0].target_framework.as_deref(), Some("ESCO"));
        assert_eq!(extras.evidence.len(), 1);
        assert_eq!(extras.evidence[0].narrative.as_deref(), Some("Built it"));
        assert_eq!(extras.endorsements, vec![Comment { path: "credentialSubject.achievement.endorsement[0]".into(), comment: "Solid".into() }]);
        assert_eq!(extras.issuer_description.as_deref(), Some("A school"));
    }

    #[test]
    fn unreadable_input_has_no_extras() {
        assert_eq!(Extras::of_input(Input::Text("not json")), Extras::default());
        let long = "x".repeat(MAX_TEXT + 10);
        let doc = json!({ "issuer": { "description": long } });
        assert_eq!(Extras::of(doc.as_object().unwrap()).issuer_description.map(|d| d.len()), Some(MAX_TEXT));
    }
}
