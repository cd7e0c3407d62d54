//! Summaries of many badges: outcome counts, skills, tags and issuers.

mod common;

use common::{issuer, ob3, options};
use serde_json::json;
use verified_badge::collection::summarize;
use verified_badge::{verify, Input};

#[test]
fn skills_tags_and_issuers_are_counted_verified_and_claimed() {
    let i = issuer();
    let badge = |skills: &[&str], tags: &[&str], tamper: bool| {
        let mut doc = ob3(&i.did());
        doc["credentialSubject"]["achievement"]["alignment"] = json!(skills
            .iter()
            .map(|s| json!({"type": ["Alignment"], "targetName": s, "targetUrl": format!("https://skills.example/{s}"), "targetFramework": "ESCO"}))
            .collect::<Vec<_>>());
        doc["credentialSubject"]["achievement"]["tag"] = json!(tags);
        let mut signed = i.sign_eddsa_jcs_2022(&doc, "2024-01-01T00:00:00Z").unwrap();
        if tamper {
            signed["name"] = json!("Forged");
        }
        verify(Input::Json(signed), &options())
    };
    let reports = vec![
        badge(&["Rust", "WebAssembly"], &["systems"], false),
        badge(&["rust "], &["Systems", "web"], false),
        badge(&["Rust", "Cryptography"], &[], true),
        verify(Input::Text("not a badge"), &options()),
    ];
    let s = summarize(&reports);
    assert_eq!((s.total, s.verified, s.invalid, s.indeterminate), (4, 2, 2, 0));
    let rust = &s.skills[0];
    assert_eq!((rust.name.as_str(), rust.count, rust.verified), ("Rust", 3, 2));
    assert_eq!(rust.group.as_deref(), Some("ESCO"));
    let wasm = s.skills.iter().find(|t| t.name == "WebAssembly").unwrap();
    assert_eq!((wasm.count, wasm.verified), (1, 1));
    // A claim only a forged badge makes counts as claimed, never as verified, and sorts last.
    let crypto = s.skills.last().unwrap();
    assert_eq!((crypto.name.as_str(), crypto.count, crypto.verified), ("Cryptography", 1, 0));
    assert_eq!(s.tags[0].name, "systems");
    assert_eq!((s.tags[0].count, s.tags[0].verified), (2, 2));
    assert_eq!(s.issuers.len(), 1);
    assert_eq!((s.issuers[0].name.as_str(), s.issuers[0].count, s.issuers[0].verified), ("Test Academy", 3, 2));
    let v: serde_json::Value = serde_json::to_value(&s).unwrap();
    assert_eq!(v["skills"][0]["verified"], 2);
    assert_eq!(v["indeterminate"], 0);
}

#[test]
fn an_empty_collection_sums_to_nothing() {
    let s = summarize(&[]);
    assert_eq!(s.total, 0);
    assert!(s.skills.is_empty() && s.tags.is_empty() && s.issuers.is_empty());
}
