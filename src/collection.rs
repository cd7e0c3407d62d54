//! Beyond one badge: what a set of verified credentials adds up to, for career and team
//! pages and HR systems — outcomes, skills (from `alignment`), tags and issuers, with counts.
//! Only verified credentials count toward `verified` tallies; every credential counts in
//! `total`, so a page can show both "claimed" and "verified".

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Outcome, Report};

/// A tally over a collection of reports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectionSummary {
    /// How many reports.
    pub total: usize,
    /// How many are `verified`.
    pub verified: usize,
    /// How many are `invalid`.
    pub invalid: usize,
    /// How many are `indeterminate`.
    pub indeterminate: usize,
    /// Skills from achievements' alignments, most verified first.
    pub skills: Vec<Tally>,
    /// Achievement tags, most verified first.
    pub tags: Vec<Tally>,
    /// Issuers, most verified first.
    pub issuers: Vec<Tally>,
}

/// One skill, tag or issuer and how often it occurs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    /// What is counted: the skill's `targetName`, the tag, or the issuer's name (or id).
    pub name: String,
    /// The framework a skill belongs to (`targetFramework`), or an issuer's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// A URL for it (`targetUrl`, or the issuer's `url`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Credentials that claim it.
    pub count: usize,
    /// Verified credentials that claim it.
    pub verified: usize,
}

/// Most entries kept per list: a collection of hostile credentials cannot grow it further.
const MAX_ENTRIES: usize = 1000;

/// Sums up a collection of reports.
pub fn summarize(reports: &[Report]) -> CollectionSummary {
    let mut out = CollectionSummary { total: reports.len(), ..CollectionSummary::default() };
    let (mut skills, mut tags, mut issuers) = (Counter::default(), Counter::default(), Counter::default());
    for report in reports {
        let verified = report.outcome == Outcome::Verified;
        match report.outcome {
            Outcome::Verified => out.verified = out.verified.saturating_add(1),
            Outcome::Invalid => out.invalid = out.invalid.saturating_add(1),
            Outcome::Indeterminate => out.indeterminate = out.indeterminate.saturating_add(1),
        }
        let Some(credential) = &report.credential else { continue };
        if let Some(a) = &credential.achievement {
            for al in &a.alignments {
                if let Some(name) = &al.target_name {
                    skills.add(name, al.target_framework.as_deref(), al.target_url.as_deref(), verified);
                }
            }
            for tag in &a.tags {
                tags.add(tag, None, None, verified);
            }
        }
        if let Some(issuer) = &credential.issuer {
            if let Some(name) = issuer.name.as_ref().or(issuer.id.as_ref()) {
                issuers.add(name, issuer.id.as_deref(), issuer.url.as_deref(), verified);
            }
        }
    }
    out.skills = skills.finish();
    out.tags = tags.finish();
    out.issuers = issuers.finish();
    out
}

/// Counts by a normalised key (trimmed, case-folded name and group), keeping the first
/// spelling seen for display.
#[derive(Default)]
struct Counter(BTreeMap<(String, String), Tally>);

impl Counter {
    fn add(&mut self, name: &str, group: Option<&str>, url: Option<&str>, verified: bool) {
        let key = (name.trim().to_lowercase(), group.unwrap_or("").trim().to_lowercase());
        if !self.0.contains_key(&key) && self.0.len() >= MAX_ENTRIES {
            return;
        }
        let t = self.0.entry(key).or_insert_with(|| Tally {
            name: name.trim().to_owned(),
            group: group.map(str::to_owned),
            url: url.map(str::to_owned),
            count: 0,
            verified: 0,
        });
        t.count = t.count.saturating_add(1);
        t.verified = t.verified.saturating_add(usize::from(verified));
    }

    fn finish(self) -> Vec<Tally> {
        let mut v: Vec<Tally> = self.0.into_values().collect();
        v.sort_by(|a, b| b.verified.cmp(&a.verified).then(b.count.cmp(&a.count)).then_with(|| a.name.cmp(&b.name)));
        v
    }
}
