//! Report → what the badge shows: its state, words and a safe image URL.
//!
//! Pure Rust with no DOM, so the decisions are unit-tested natively; `render.rs` only draws
//! the [`View`]. Every string taken from the credential is hostile and is clipped here; the
//! renderer puts it in text nodes or attributes, never in markup.

use serde::Deserialize;

use super::i18n::Words;
use crate::credential::CredentialSummary;
use crate::{Check, Outcome, Report, Status};

/// What the badge says, each state shown with an icon, words and a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// The credential is still being fetched or verified.
    Loading,
    /// `verify="manual"`: waiting for the viewer to ask for verification.
    Idle,
    /// Every check passed.
    Verified,
    /// A check failed (other than those with a state of their own below).
    Invalid,
    /// The only failure is that the validity period has ended (`validity.expired`).
    Expired,
    /// The issuer revoked the credential (`status.revoked`), and nothing worse failed.
    Revoked,
    /// The issuer suspended the credential (`status.suspended`), and nothing worse failed.
    Suspended,
    /// Everything else passed, but the status list could not be checked.
    StatusUnknown,
    /// Everything passed, but the issuer is not on the page's trust list (`trust.not_listed`).
    Untrusted,
    /// Nothing failed but something other than the status could not be checked.
    Indeterminate,
}

impl State {
    /// The name used in the element's `state` attribute and the badge's `data-state`.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Loading => "loading",
            State::Idle => "idle",
            State::Verified => "verified",
            State::Invalid => "invalid",
            State::Expired => "expired",
            State::Revoked => "revoked",
            State::Suspended => "suspended",
            State::StatusUnknown => "status-unknown",
            State::Untrusted => "untrusted",
            State::Indeterminate => "indeterminate",
        }
    }

    /// The words on the status line; the state must never rest on colour alone.
    pub(crate) fn label(self, words: &Words) -> &'static str {
        match self {
            State::Loading => words.verifying,
            State::Idle => words.idle,
            State::Verified => words.verified,
            State::Invalid => words.invalid,
            State::Expired => words.expired,
            State::Revoked => words.revoked,
            State::Suspended => words.suspended,
            State::StatusUnknown => words.status_unknown,
            State::Untrusted => words.untrusted,
            State::Indeterminate => words.indeterminate,
        }
    }
}

/// The parts of a report the badge shows. Deserialized on its own (not as a whole [`Report`])
/// so that reports made by hand in JavaScript, or by an older or newer version, still render.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Shown {
    pub(crate) outcome: Outcome,
    #[serde(default)]
    pub(crate) checks: Vec<Check>,
    #[serde(default)]
    pub(crate) credential: Option<CredentialSummary>,
    #[serde(default)]
    pub(crate) embedded: Vec<ShownEmbedded>,
}

/// An embedded credential (an endorsement) as the details list it.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct ShownEmbedded {
    #[serde(default)]
    pub(crate) kind: String,
    #[serde(default)]
    pub(crate) path: String,
    pub(crate) outcome: Outcome,
    #[serde(default)]
    pub(crate) credential: Option<CredentialSummary>,
}

impl From<&Report> for Shown {
    fn from(report: &Report) -> Self {
        Shown {
            outcome: report.outcome,
            checks: report.checks.clone(),
            credential: report.credential.clone(),
            embedded: report
                .embedded
                .iter()
                .map(|e| ShownEmbedded {
                    kind: String::from(match e.kind {
                        crate::EmbeddedKind::Endorsement => "endorsement",
                        _ => "achievement",
                    }),
                    path: e.path.clone(),
                    outcome: e.report.outcome,
                    credential: e.report.credential.clone(),
                })
                .collect(),
        }
    }
}

/// The sentence under the status label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Detail<'a> {
    /// Nothing to add.
    None,
    /// A sentence: translated for known codes, else the check's message, capitalised and clipped.
    Sentence(String),
    /// "Expired on …" with the `validUntil` date as written (the renderer formats it).
    ExpiredOn(&'a str),
}

/// Everything the badge draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct View<'a> {
    pub(crate) state: State,
    /// The achievement's name, or a fallback; empty while loading.
    pub(crate) title: String,
    /// The issuer's name, or a shortened id.
    pub(crate) issuer: Option<String>,
    /// The issuer's full id, for the tooltip.
    pub(crate) issuer_id: Option<&'a str>,
    /// The issue date as written (`validFrom` / `issuanceDate`).
    pub(crate) issued: Option<&'a str>,
    /// An image URL that passed [`safe_image_url`].
    pub(crate) image: Option<&'a str>,
    pub(crate) detail: Detail<'a>,
}

const MAX_TITLE: usize = 200;
const MAX_ISSUER: usize = 120;
const MAX_SENTENCE: usize = 300;
/// Large enough for an inline badge PNG, small enough not to stall the page.
const MAX_IMAGE_URL: usize = 1024 * 1024;

impl<'a> View<'a> {
    /// The view of a report; `None` is the loading state.
    pub(crate) fn of(report: Option<&'a Shown>, words: &Words) -> View<'a> {
        let Some(report) = report else {
            return View {
                state: State::Loading,
                title: String::new(),
                issuer: None,
                issuer_id: None,
                issued: None,
                image: None,
                detail: Detail::None,
            };
        };
        let credential = report.credential.as_ref();
        let achievement = credential.and_then(|c| c.achievement.as_ref());
        let issuer = credential.and_then(|c| c.issuer.as_ref());

        let title = achievement
            .and_then(|a| non_empty(a.name.as_deref()))
            .or_else(|| credential.and_then(|c| non_empty(c.name.as_deref())))
            .map(|name| clip(name, MAX_TITLE))
            .unwrap_or_else(|| String::from(if credential.is_some() { words.untitled } else { words.unreadable }));
        let issuer_id = issuer.and_then(|i| non_empty(i.id.as_deref()));
        let issuer_name = issuer
            .and_then(|i| non_empty(i.name.as_deref()))
            .map(|name| clip(name, MAX_ISSUER))
            .or_else(|| issuer_id.map(shorten_id));
        let image = achievement
            .and_then(|a| a.image.as_deref())
            .and_then(safe_image_url)
            .or_else(|| issuer.and_then(|i| i.image.as_deref()).and_then(safe_image_url));

        let (state, reason) = judge(report);
        let detail = match (state, reason) {
            (State::Expired, _) => match credential.and_then(|c| non_empty(c.valid_until.as_deref())) {
                Some(until) => Detail::ExpiredOn(until),
                None => Detail::None,
            },
            (_, Some(check)) => Detail::Sentence(
                words.reason(&check.code).map_or_else(|| sentence(&check.message), String::from),
            ),
            (State::Invalid, None) => Detail::Sentence(String::from(words.reason_generic)),
            (State::Indeterminate, None) => Detail::Sentence(String::from(words.reason_unchecked)),
            _ => Detail::None,
        };
        View {
            state,
            title,
            issuer: issuer_name,
            issuer_id,
            issued: credential.and_then(|c| non_empty(c.valid_from.as_deref())),
            image,
            detail,
        }
    }
}

/// The state, and the check that explains it.
///
/// Failures rank: anything that makes the credential itself untrustworthy (a bad signature, a
/// broken structure) first, then revoked, suspended, expired, and last the page's trust list.
/// Unknowns: only status checks unknown → "status unknown", otherwise "could not be fully
/// checked". A revoked badge is never shown as anything milder, a forged one never as revoked.
pub(crate) fn judge(report: &Shown) -> (State, Option<&Check>) {
    let with = |status: Status| report.checks.iter().filter(move |c| c.status == status);
    match report.outcome {
        Outcome::Verified => (State::Verified, None),
        Outcome::Invalid => {
            let special = ["status.revoked", "status.suspended", "validity.expired", "trust.not_listed"];
            if let Some(c) = with(Status::Failed).find(|c| !special.contains(&c.code.as_ref())) {
                return (State::Invalid, Some(c));
            }
            for (code, state) in [
                ("status.revoked", State::Revoked),
                ("status.suspended", State::Suspended),
                ("validity.expired", State::Expired),
                ("trust.not_listed", State::Untrusted),
            ] {
                if let Some(c) = with(Status::Failed).find(|c| c.code == code) {
                    return (state, Some(c));
                }
            }
            (State::Invalid, None)
        }
        Outcome::Indeterminate => {
            let mut unknown = with(Status::Unknown).peekable();
            let first = unknown.peek().copied();
            if first.is_some() && unknown.all(|c| c.code.starts_with("status.")) {
                (State::StatusUnknown, first)
            } else {
                (State::Indeterminate, first)
            }
        }
    }
}

/// `url` when the badge may show it as an `<img>`: `https:` URLs and `data:` URLs of raster
/// or SVG images (an SVG in `<img>` runs no script). Anything else gets the placeholder.
pub(crate) fn safe_image_url(url: &str) -> Option<&str> {
    const DATA_TYPES: [&str; 5] = ["png", "jpeg", "gif", "webp", "svg+xml"];
    if url.len() > MAX_IMAGE_URL || url.chars().any(char::is_control) {
        return None;
    }
    if starts_with_ignore_case(url, "https://") {
        let clean = !url.chars().any(char::is_whitespace);
        return (clean && url.len() > "https://".len()).then_some(url);
    }
    let rest = strip_prefix_ignore_case(url, "data:image/")?;
    let media_end = rest.find([';', ','])?;
    let media = rest.get(..media_end)?;
    let allowed = DATA_TYPES.iter().any(|t| media.eq_ignore_ascii_case(t));
    (allowed && rest.contains(',')).then_some(url)
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    strip_prefix_ignore_case(text, prefix).is_some()
}

fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| text.get(prefix.len()..)).flatten()
}

fn non_empty(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.trim().is_empty())
}

/// At most `max` characters, with an ellipsis when cut.
fn clip(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((end, _)) => {
            let mut clipped = text.get(..end).unwrap_or_default().to_owned();
            clipped.push('…');
            clipped
        }
    }
}

/// A long id (a did:key is ~56 characters) as its start and end: `did:key:z6MkhaX…2doK`.
fn shorten_id(id: &str) -> String {
    const HEAD: usize = 16;
    const TAIL: usize = 6;
    let count = id.chars().count();
    if count <= HEAD + TAIL + 1 {
        return id.to_owned();
    }
    let head: String = id.chars().take(HEAD).collect();
    let tail: String = id.chars().skip(count.saturating_sub(TAIL)).collect();
    format!("{head}…{tail}")
}

/// A check message as a sentence: capital first letter, final full stop.
fn sentence(message: &str) -> String {
    let message = clip(message, MAX_SENTENCE);
    let mut chars = message.chars();
    let mut out: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.is_empty() && !out.ends_with(['.', '!', '?', '…']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm::i18n::EN;
    use crate::credential::AchievementSummary;
    use crate::credential::Party;

    fn check(id: &str, status: Status, code: &str, message: &str) -> Check {
        Check { id: id.to_owned().into(), status, code: code.to_owned().into(), message: message.into() }
    }

    fn report(outcome: Outcome, checks: Vec<Check>) -> Shown {
        Shown {
            outcome,
            checks,
            credential: Some(CredentialSummary {
                achievement: Some(AchievementSummary { name: Some("Rust Fundamentals".into()), ..Default::default() }),
                issuer: Some(Party {
                    id: Some("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK".into()),
                    ..Default::default()
                }),
                valid_from: Some("2025-03-01T00:00:00Z".into()),
                valid_until: Some("2026-03-01T00:00:00Z".into()),
                ..Default::default()
            }),
            embedded: Vec::new(),
        }
    }

    #[test]
    fn loading_has_no_content() {
        let view = View::of(None, &EN);
        assert_eq!(view.state, State::Loading);
        assert!(view.title.is_empty());
    }

    #[test]
    fn verified_shows_name_shortened_issuer_and_date() {
        let r = report(Outcome::Verified, vec![check("proof", Status::Passed, "proof.verified", "ok")]);
        let view = View::of(Some(&r), &EN);
        assert_eq!(view.state, State::Verified);
        assert_eq!(view.title, "Rust Fundamentals");
        assert_eq!(view.issuer.as_deref(), Some("did:key:z6MkhaXg…ta2doK"));
        assert_eq!(view.issued, Some("2025-03-01T00:00:00Z"));
        assert_eq!(view.detail, Detail::None);
    }

    #[test]
    fn invalid_explains_the_first_real_failure() {
        let r = report(
            Outcome::Invalid,
            vec![
                check("validity", Status::Failed, "validity.expired", "the credential has expired"),
                check("proof", Status::Failed, "proof.signature_invalid", "the signature does not match"),
            ],
        );
        let view = View::of(Some(&r), &EN);
        assert_eq!(view.state, State::Invalid);
        assert_eq!(view.detail, Detail::Sentence(EN.reason_signature.into()));
    }

    #[test]
    fn expiry_alone_is_expired() {
        let r = report(
            Outcome::Invalid,
            vec![check("validity", Status::Failed, "validity.expired", "the credential has expired")],
        );
        let view = View::of(Some(&r), &EN);
        assert_eq!(view.state, State::Expired);
        assert_eq!(view.detail, Detail::ExpiredOn("2026-03-01T00:00:00Z"));
    }

    #[test]
    fn revoked_suspended_and_untrusted_rank_below_forgery() {
        let failed = |code: &str| check("x", Status::Failed, code, "m");
        let state = |checks: Vec<Check>| judge(&report(Outcome::Invalid, checks)).0;
        assert_eq!(state(vec![failed("status.revoked")]), State::Revoked);
        assert_eq!(state(vec![failed("validity.expired"), failed("status.suspended")]), State::Suspended);
        assert_eq!(state(vec![failed("trust.not_listed")]), State::Untrusted);
        assert_eq!(state(vec![failed("status.revoked"), failed("proof.signature_invalid")]), State::Invalid);
        assert_eq!(state(vec![failed("trust.not_listed"), failed("validity.expired")]), State::Expired);
    }

    #[test]
    fn unknown_status_alone_is_status_unknown() {
        let unknown = |id: &str, code: &str| check(id, Status::Unknown, code, "the list could not be fetched (blocked by CORS or a network error)");
        let r = report(Outcome::Indeterminate, vec![unknown("status", "status.unreachable")]);
        let view = View::of(Some(&r), &EN);
        assert_eq!(view.state, State::StatusUnknown);
        assert_eq!(view.detail, Detail::Sentence(EN.reason_status_unreachable.into()));
        let r = report(Outcome::Indeterminate, vec![unknown("status", "status.unreachable"), unknown("key", "key.unresolved")]);
        assert_eq!(judge(&r).0, State::Indeterminate);
    }

    #[test]
    fn indeterminate_gives_the_reason() {
        let r = report(
            Outcome::Indeterminate,
            vec![check("context", Status::Unknown, "context.unknown", "a context is not known")],
        );
        let view = View::of(Some(&r), &EN);
        assert_eq!(view.state, State::Indeterminate);
        assert_eq!(view.detail, Detail::Sentence("A context is not known.".into()));
    }

    #[test]
    fn unreadable_input_has_a_fallback_title() {
        let r = Shown {
            outcome: Outcome::Invalid,
            checks: vec![check("input", Status::Failed, "input.not_json", "the input is not JSON")],
            credential: None,
            embedded: Vec::new(),
        };
        let view = View::of(Some(&r), &EN);
        assert_eq!(view.title, "Unreadable credential");
        assert_eq!(view.state, State::Invalid);
    }

    #[test]
    fn only_https_and_image_data_urls_pass() {
        for ok in [
            "https://example.org/badge.png",
            "HTTPS://EXAMPLE.ORG/B.PNG",
            "data:image/png;base64,iVBORw0KGgo=",
            "data:image/svg+xml,%3Csvg%3E%3C/svg%3E",
            "DATA:IMAGE/WEBP;base64,UklGRg==",
            "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg'/>",
        ] {
            assert_eq!(safe_image_url(ok), Some(ok), "{ok}");
        }
        for bad in [
            "http://example.org/badge.png",
            "javascript:alert(1)",
            "https://",
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml-evil,x",
            "data:image/png",
            "https://exa mple.org/x.png",
            "https://example.org/\nx.png",
            "//example.org/x.png",
            "/relative.png",
            "",
        ] {
            assert_eq!(safe_image_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn clipping_respects_char_boundaries() {
        assert_eq!(clip("ééé", 2), "éé…");
        assert_eq!(clip("  short  ", 10), "short");
        assert_eq!(sentence(""), "");
        assert_eq!(sentence("état inconnu"), "État inconnu.");
    }
}
