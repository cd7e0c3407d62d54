//! Open Badges 2.0 assertions found in baked images: read for display, never verified here.
//!
//! OB 2.0 verification is hosted (fetch the assertion from its `id` and compare) or signed
//! (a JWS whose key is fetched from the issuer profile); both need the network and a model
//! this verifier does not implement. So an OB 2.0 badge is shown with its claims and the
//! outcome `indeterminate` (`baked.ob2_unverified`), never `verified`.
use serde_json::Value;

use crate::credential::{AchievementSummary, Criteria, CredentialSummary, Party};
use crate::input::parse_json;

/// The assertion an OB 2.0 payload holds: the JSON itself, or the payload of a signed
/// assertion (a compact JWS, decoded but **not** verified). `None` for a hosted-assertion
/// URL or anything unreadable.
pub fn assertion(text: &str) -> Option<Value> {
    let text = text.trim();
    let json = if text.starts_with('{') {
        parse_json(text).ok()?
    } else if crate::input::jws::looks_like_jws(text) {
        let payload = text.split('.').nth(1)?;
        let bytes = crate::input::base64url::decode(payload)?;
        parse_json(std::str::from_utf8(&bytes).ok()?).ok()?
    } else {
        return None;
    };
    json.is_object().then_some(json)
}

/// What an OB 2.0 assertion claims, in the report's summary shape: the BadgeClass becomes the
/// achievement, its issuer the issuer, `issuedOn`/`expires` the validity period. Linked
/// documents (a `badge` given as a URL) are not fetched; only their id is shown.
pub fn summary(assertion: &Value) -> CredentialSummary {
    let badge = assertion.get("badge");
    let achievement = badge.map(|b| match b {
        Value::String(id) => AchievementSummary { id: Some(id.clone()), ..AchievementSummary::default() },
        b => AchievementSummary {
            id: text(b.get("id")),
            name: text(b.get("name")),
            description: text(b.get("description")),
            image: image(b.get("image")),
            criteria: b.get("criteria").map(|c| match c {
                Value::String(id) => Criteria { id: Some(id.clone()), narrative: None },
                c => Criteria { id: text(c.get("id")), narrative: text(c.get("narrative")) },
            }),
            ..AchievementSummary::default()
        },
    });
    let issuer = badge.and_then(|b| b.get("issuer")).map(|i| match i {
        Value::String(id) => Party { id: Some(id.clone()), ..Party::default() },
        i => Party { id: text(i.get("id")), name: text(i.get("name")), url: text(i.get("url")), image: image(i.get("image")) },
    });
    let types = match assertion.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    };
    CredentialSummary {
        types,
        id: text(assertion.get("id")),
        issuer,
        achievement,
        valid_from: text(assertion.get("issuedOn")),
        valid_until: text(assertion.get("expires")),
        ..CredentialSummary::default()
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(str::to_owned)
}

/// An image given as a URL or as an `Image` object with an `id`.
fn image(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        other => text(other.get("id")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn summarises_an_embedded_badge_class() {
        let a = json!({
            "@context": "https://w3id.org/openbadges/v2", "type": "Assertion", "id": "https://example.org/a",
            "issuedOn": "2016-12-31T23:59:59Z",
            "badge": { "id": "https://example.org/b", "name": "Robotics", "criteria": "https://example.org/c",
                       "issuer": { "id": "https://example.org/i", "name": "Example Org" } }
        });
        let s = summary(&a);
        assert_eq!(s.types, ["Assertion"]);
        assert_eq!(s.achievement.as_ref().and_then(|a| a.name.as_deref()), Some("Robotics"));
        assert_eq!(s.issuer.as_ref().and_then(|i| i.name.as_deref()), Some("Example Org"));
        assert_eq!(s.valid_from.as_deref(), Some("2016-12-31T23:59:59Z"));
    }

    #[test]
    fn reads_json_and_jws_payloads_but_not_urls() {
        assert!(assertion(r#"{"type":"Assertion"}"#).is_some());
        let jws = format!("e30.{}.c2ln", crate::input::base64url::encode(br#"{"type":"Assertion"}"#));
        assert_eq!(assertion(&jws), Some(json!({"type": "Assertion"})));
        assert_eq!(assertion("https://example.org/assertion"), None);
        assert_eq!(assertion("{verify:1}"), None);
    }
}
