//! `cargo xtask samples [--check]`: the demo's sample credentials in `www/samples/`, signed
//! `eddsa-jcs-2022` by a clearly marked TEST key, deterministically (same bytes every run).
//!
//! The key's seed is SHA-256 of a public phrase, so it is derived here, never committed —
//! and anyone can sign with it: the samples are examples, never to be trusted.

use std::fs;
use std::path::PathBuf;

use std::collections::BTreeMap;

use serde_json::{json, Value};
use verified_badge::issue::{encode_status_list, Issuer, JwtForm};
use verified_badge::{verify, Input, Outcome, Timestamp, VerifyOptions};

use crate::cmd::{self, Result};
use crate::fail;

/// The phrase whose SHA-256 is the TEST key's seed.
const SEED_PHRASE: &str = "verified-badge sample key: TEST ONLY, never trust";
/// Dates are fixed so the output never changes.
const CREATED: &str = "2024-01-01T00:00:00Z";
/// The `now` at which `--check` verifies the samples (after validFrom, after the expired one's validUntil).
const CHECK_NOW: &str = "2025-06-01T00:00:00Z";

const VC_V2: &str = "https://www.w3.org/ns/credentials/v2";
const OB_3_0_3: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
const UNKNOWN_CONTEXT: &str = "https://example.com/contexts/unknown.jsonld";

/// The phrase whose SHA-256 is the second TEST key's seed (an issuer the demo does not trust,
/// and the endorser).
const OTHER_SEED_PHRASE: &str = "verified-badge sample key 2: TEST ONLY, never trust";
/// Status lists the samples point at; served to the page as `documents` (never fetched).
const REVOCATION_LIST: &str = "https://example.edu/status/revocation";
const SUSPENSION_LIST: &str = "https://example.edu/status/suspension";
/// A status list that is never supplied: its status stays unknown.
const UNREACHABLE_LIST: &str = "https://example.edu/status/unreachable";
/// Entries of Bitstring Status List v1.0's minimum length (16 KiB of bits).
const LIST_BITS: usize = 131_072;

/// How a sample is stored.
enum Body {
    /// A JSON credential.
    Json(Value),
    /// Compact JWS text.
    Text(String),
    /// A baked image.
    Bytes(Vec<u8>),
}

/// One sample: what it is and what a verifier must say about it.
struct Sample {
    file: &'static str,
    title: &'static str,
    /// The outcome in the demo page (with its documents and, if `trust`, its trust list).
    expect: Outcome,
    /// The state the `<verified-badge>` element shows.
    state: &'static str,
    body: Body,
    /// URL → sample file served as a document.
    documents: &'static [(&'static str, &'static str)],
    /// Shown with the demo's trust list (trusted-issuers.json, which lists only the first key).
    trust: bool,
}

impl Sample {
    fn json(file: &'static str, title: &'static str, expect: Outcome, state: &'static str, credential: Value) -> Sample {
        Sample { file, title, expect, state, body: Body::Json(credential), documents: &[], trust: false }
    }
}

fn samples_dir() -> PathBuf {
    cmd::root().join("www/samples")
}

fn outcome_str(o: Outcome) -> Result<String> {
    Ok(o.as_str().to_string())
}

/// The test issuer.
pub fn issuer() -> Issuer {
    use sha2::Digest;
    let seed: [u8; 32] = sha2::Sha256::digest(SEED_PHRASE.as_bytes()).into();
    Issuer::from_seed(&seed)
}

/// The second test issuer.
fn other_issuer() -> Issuer {
    use sha2::Digest;
    let seed: [u8; 32] = sha2::Sha256::digest(OTHER_SEED_PHRASE.as_bytes()).into();
    Issuer::from_seed(&seed)
}

/// A small hand-drawn badge (no script), as a `data:` URL.
fn badge_image(fill: &str, label: &str) -> String {
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128"><title>{label}</title><path d="M64 6 114 35v58L64 122 14 93V35Z" fill="{fill}" stroke="#1f2937" stroke-width="4"/><circle cx="64" cy="60" r="30" fill="#fff" opacity=".92"/><path d="m50 60 10 10 20-22" fill="none" stroke="{fill}" stroke-width="8" stroke-linecap="round" stroke-linejoin="round"/><text x="64" y="108" font-family="sans-serif" font-size="13" font-weight="700" text-anchor="middle" fill="#fff">{label}</text></svg>"##
    );
    format!("data:image/svg+xml;base64,{}", base64(svg.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

struct Badge<'a> {
    uuid: &'a str,
    slug: &'a str,
    name: &'a str,
    description: &'a str,
    narrative: &'a str,
    fill: &'a str,
    label: &'a str,
}

/// An unsigned Open Badges 3.0 credential from the test issuer.
fn credential(issuer: &Issuer, b: &Badge<'_>, extra_context: Option<&str>) -> Value {
    let mut context = vec![json!(VC_V2), json!(OB_3_0_3)];
    if let Some(c) = extra_context {
        context.push(json!(c));
    }
    json!({
        "@context": context,
        "id": format!("urn:uuid:{}", b.uuid),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": b.name,
        "issuer": {
            "id": issuer.did(),
            "type": ["Profile"],
            "name": "Example Academy (TEST KEY)",
            "url": "https://example.edu"
        },
        "validFrom": CREATED,
        "credentialSubject": {
            "id": "did:example:learner-0001",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": format!("https://example.edu/achievements/{}", b.slug),
                "type": ["Achievement"],
                "name": b.name,
                "description": b.description,
                "criteria": { "narrative": b.narrative },
                "image": { "id": badge_image(b.fill, b.label), "type": "Image" }
            }
        }
    })
}

fn sign(issuer: &Issuer, credential: &Value) -> Result<Value> {
    issuer.sign_eddsa_jcs_2022(credential, CREATED).map_err(|e| fail!("signing a sample failed: {e}"))
}

/// Every sample, built in memory.
fn build_samples() -> Result<Vec<Sample>> {
    let issuer = issuer();

    let valid = sign(&issuer, &credential(&issuer, &Badge {
        uuid: "0b5e3a55-6b1f-4c1e-9d2a-000000000001",
        slug: "rust-fundamentals",
        name: "Rust Fundamentals",
        description: "Writes safe, idiomatic Rust: ownership, borrowing, traits and error handling.",
        narrative: "Completed the twelve Rust Fundamentals exercises and a reviewed final project.",
        fill: "#b7410e",
        label: "RUST",
    }, None))?;

    let mut tampered = sign(&issuer, &credential(&issuer, &Badge {
        uuid: "0b5e3a55-6b1f-4c1e-9d2a-000000000002",
        slug: "webassembly-foundations",
        name: "WebAssembly Foundations",
        description: "Builds and ships a Rust library compiled to WebAssembly for the browser.",
        narrative: "Published a WebAssembly package and passed the browser test suite.",
        fill: "#654ff0",
        label: "WASM",
    }, None))?;
    // Changed after signing: the proof no longer matches.
    tampered["credentialSubject"]["achievement"]["name"] = json!("WebAssembly Grandmaster");

    let mut expiring = credential(&issuer, &Badge {
        uuid: "0b5e3a55-6b1f-4c1e-9d2a-000000000003",
        slug: "verifiable-credentials-101",
        name: "Verifiable Credentials 101",
        description: "Explains the W3C Verifiable Credentials data model, proofs and DIDs.",
        narrative: "Passed the Verifiable Credentials 101 quiz (valid for one year).",
        fill: "#0f766e",
        label: "VC 101",
    }, None);
    expiring["validUntil"] = json!("2025-01-01T00:00:00Z");
    let expired = sign(&issuer, &expiring)?;

    let unknown = sign(&issuer, &credential(&issuer, &Badge {
        uuid: "0b5e3a55-6b1f-4c1e-9d2a-000000000004",
        slug: "linked-data-explorer",
        name: "Linked Data Explorer",
        description: "Reads JSON-LD documents and knows why every context matters.",
        narrative: "Mapped the terms of three JSON-LD contexts to their IRIs.",
        fill: "#1d4ed8",
        label: "JSON-LD",
    }, Some(UNKNOWN_CONTEXT)))?;

    let other = other_issuer();
    let with_status = |uuid, slug, name, description, fill, label, list: &str, purpose: &str, index: usize| -> Result<Value> {
        let mut c = credential(&issuer, &Badge { uuid, slug, name, description, narrative: "Completed the course.", fill, label }, None);
        c["credentialStatus"] = json!({
            "id": format!("{list}#{index}"),
            "type": "BitstringStatusListEntry",
            "statusPurpose": purpose,
            "statusListIndex": index.to_string(),
            "statusListCredential": list
        });
        sign(&issuer, &c)
    };
    let revoked = with_status("0b5e3a55-6b1f-4c1e-9d2a-000000000005", "secure-coding", "Secure Coding", "Writes code that resists common attacks.", "#b42318", "SEC", REVOCATION_LIST, "revocation", 7)?;
    let suspended = with_status("0b5e3a55-6b1f-4c1e-9d2a-000000000006", "team-lead", "Team Lead", "Leads a small engineering team.", "#b54708", "LEAD", SUSPENSION_LIST, "suspension", 12)?;
    let unreachable = with_status("0b5e3a55-6b1f-4c1e-9d2a-000000000007", "cloud-basics", "Cloud Basics", "Deploys and monitors a small web service.", "#0e7090", "CLOUD", UNREACHABLE_LIST, "revocation", 3)?;

    let untrusted = sign(&other, &{
        let mut c = credential(&other, &Badge {
            uuid: "0b5e3a55-6b1f-4c1e-9d2a-000000000008",
            slug: "data-literacy",
            name: "Data Literacy",
            description: "Reads charts and tables critically.",
            narrative: "Passed the data literacy assessment.",
            fill: "#6941c6",
            label: "DATA",
        }, None);
        c["issuer"]["name"] = json!("Unlisted Institute (TEST KEY)");
        c["issuer"]["url"] = json!("https://unlisted.example");
        c
    })?;

    let endorsement = sign(&other, &json!({
        "@context": [VC_V2, OB_3_0_3],
        "id": "urn:uuid:0b5e3a55-6b1f-4c1e-9d2a-0000000000e1",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "issuer": { "id": other.did(), "type": ["Profile"], "name": "Open Source Guild (TEST KEY)" },
        "validFrom": CREATED,
        "name": "Endorsement of Accessible Web Apps",
        "credentialSubject": {
            "id": "https://example.edu/achievements/accessible-web-apps",
            "type": ["EndorsementSubject"],
            "endorsementComment": "A rigorous, hands-on programme; we hire its graduates."
        }
    }))?;
    let endorsed = sign(&issuer, &{
        let mut c = credential(&issuer, &Badge {
            uuid: "0b5e3a55-6b1f-4c1e-9d2a-000000000009",
            slug: "accessible-web-apps",
            name: "Accessible Web Apps",
            description: "Builds web applications that everyone can use, with a keyboard, a screen reader or a magnifier.",
            narrative: "1. Audited three sites against WCAG 2.2.\n2. Fixed every issue found.\n3. Presented the results.",
            fill: "#027a48",
            label: "A11Y",
        }, None);
        let achievement = &mut c["credentialSubject"]["achievement"];
        achievement["alignment"] = json!([
            { "type": ["Alignment"], "targetName": "Web accessibility", "targetUrl": "https://www.w3.org/WAI/standards-guidelines/wcag/", "targetFramework": "WCAG 2.2", "targetCode": "AA" },
            { "type": ["Alignment"], "targetName": "Develop user interfaces", "targetUrl": "https://esco.ec.europa.eu/en/classification/skill_main", "targetFramework": "ESCO" }
        ]);
        achievement["endorsement"] = json!([endorsement]);
        c["evidence"] = json!([{
            "id": "https://example.edu/portfolio/alice/a11y-audit",
            "type": ["Evidence"],
            "name": "Accessibility audit report",
            "description": "The audit of three public sites, with the fixes made."
        }]);
        // "Is this yours?": alice@example.com, hashed with a salt (sha256 of address + salt).
        use sha2::Digest;
        let hash: String = sha2::Sha256::digest(b"alice@example.comsample-salt").iter().map(|b| format!("{b:02x}")).collect();
        c["credentialSubject"]["identifier"] = json!([{
            "type": "IdentityObject",
            "identityType": "emailAddress",
            "hashed": true,
            "salt": "sample-salt",
            "identityHash": format!("sha256${hash}")
        }]);
        c
    })?;

    let jwt_credential = credential(&issuer, &Badge {
        uuid: "0b5e3a55-6b1f-4c1e-9d2a-00000000000a",
        slug: "api-design",
        name: "API Design",
        description: "Designs clear, versioned HTTP APIs.",
        narrative: "Designed and documented a public API.",
        fill: "#175cd3",
        label: "API",
    }, None);
    let jwt = issuer.sign_jwt(&jwt_credential, JwtForm::VcJose).map_err(|e| fail!("signing the JWT sample failed: {e}"))?;

    let baked_credential = sign(&issuer, &credential(&issuer, &Badge {
        uuid: "0b5e3a55-6b1f-4c1e-9d2a-00000000000b",
        slug: "open-badges-baker",
        name: "Open Badges Baker",
        description: "Bakes a credential into its own badge image.",
        narrative: "Baked and verified a PNG badge.",
        fill: "#c4320a",
        label: "PNG",
    }, None))?;
    let baked = verified_badge::baked::bake(&badge_png(), &serde_json::to_string(&baked_credential)?)
        .map_err(|e| fail!("baking the PNG sample failed: {e:?}"))?;

    let revoked_docs: &[(&str, &str)] = &[(REVOCATION_LIST, "status-list-revocation.json")];
    let suspended_docs: &[(&str, &str)] = &[(SUSPENSION_LIST, "status-list-suspension.json")];
    Ok(vec![
        Sample::json("valid.json", "Valid: Rust Fundamentals", Outcome::Verified, "verified", valid),
        Sample::json("tampered.json", "Tampered: achievement renamed after signing", Outcome::Invalid, "invalid", tampered),
        Sample::json("expired.json", "Expired: validUntil 2025-01-01", Outcome::Invalid, "expired", expired),
        Sample::json("unknown-context.json", "Unknown JSON-LD context", Outcome::Indeterminate, "indeterminate", unknown),
        Sample { documents: revoked_docs, ..Sample::json("revoked.json", "Revoked: its bit is set in the issuer's status list", Outcome::Invalid, "revoked", revoked) },
        Sample { documents: suspended_docs, ..Sample::json("suspended.json", "Suspended: its bit is set in the suspension list", Outcome::Invalid, "suspended", suspended) },
        Sample::json("status-unknown.json", "Status list unreachable", Outcome::Indeterminate, "status-unknown", unreachable),
        Sample { trust: true, ..Sample::json("untrusted.json", "Valid, but from an issuer this page does not trust", Outcome::Invalid, "untrusted", untrusted) },
        Sample::json("endorsed.json", "Endorsed, with skills, evidence and a recipient (alice@example.com)", Outcome::Verified, "verified", endorsed),
        Sample { body: Body::Text(jwt), ..Sample::json("valid.jwt", "A vc+jwt (EdDSA) credential", Outcome::Verified, "verified", Value::Null) },
        Sample { body: Body::Bytes(baked), ..Sample::json("baked.png", "A baked PNG badge", Outcome::Verified, "verified", Value::Null) },
    ])
}

/// A signed BitstringStatusListCredential with the bits at `set` on.
fn status_list(issuer: &Issuer, url: &str, purpose: &str, set: &[usize]) -> Result<Value> {
    let mut bits = vec![0u8; LIST_BITS / 8];
    for &i in set {
        if let Some(byte) = bits.get_mut(i / 8) {
            *byte |= 0x80 >> (i % 8);
        }
    }
    sign(issuer, &json!({
        "@context": [VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.did(),
        "validFrom": CREATED,
        "credentialSubject": {
            "id": format!("{url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode_status_list(&bits)
        }
    }))
}

/// The status lists, written next to the samples.
fn status_lists() -> Result<Vec<(&'static str, Value)>> {
    let issuer = issuer();
    Ok(vec![
        ("status-list-revocation.json", status_list(&issuer, REVOCATION_LIST, "revocation", &[7])?),
        ("status-list-suspension.json", status_list(&issuer, SUSPENSION_LIST, "suspension", &[12])?),
    ])
}

/// A 96×96 PNG medal drawn pixel by pixel (stored, uncompressed deflate: no encoder needed).
fn badge_png() -> Vec<u8> {
    const SIZE: usize = 96;
    let mut raw = Vec::with_capacity(SIZE * (SIZE * 4 + 1));
    for y in 0..SIZE {
        raw.push(0); // filter: none
        for x in 0..SIZE {
            let (dx, dy) = (x as f32 - 47.5, y as f32 - 47.5);
            let r = (dx * dx + dy * dy).sqrt();
            let px: [u8; 4] = if r < 30.0 {
                [255, 255, 255, 255]
            } else if r < 44.0 {
                [196, 50, 10, 255]
            } else if r < 46.0 {
                [31, 41, 55, 255]
            } else {
                [0, 0, 0, 0]
            };
            raw.extend_from_slice(&px);
        }
    }
    let mut zlib = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in chunks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == chunks.len()));
        let len = block.len() as u16;
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&(SIZE as u32).to_be_bytes());
    ihdr.extend_from_slice(&(SIZE as u32).to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8-bit RGBA
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    for (kind, data) in [(b"IHDR", ihdr.as_slice()), (b"IDAT", zlib.as_slice()), (b"IEND", &[][..])] {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = png.len();
        png.extend_from_slice(kind);
        png.extend_from_slice(data);
        let crc = crc32(&png[start..]);
        png.extend_from_slice(&crc.to_be_bytes());
    }
    png
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// File name → contents, index.json, the status lists and the trust list included.
fn render(samples: &[Sample]) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    let mut index = Vec::new();
    for s in samples {
        let bytes = match &s.body {
            Body::Json(v) => (serde_json::to_string_pretty(v)? + "\n").into_bytes(),
            Body::Text(t) => format!("{t}\n").into_bytes(),
            Body::Bytes(b) => b.clone(),
        };
        files.push((s.file.to_string(), bytes));
        let mut entry = json!({ "file": s.file, "title": s.title, "expect": outcome_str(s.expect)?, "state": s.state });
        if !s.documents.is_empty() {
            let docs: BTreeMap<&str, &str> = s.documents.iter().copied().collect();
            entry["documents"] = json!(docs);
        }
        if s.trust {
            entry["trust"] = json!("trusted-issuers.json");
        }
        index.push(entry);
    }
    for (name, list) in status_lists()? {
        files.push((name.to_string(), (serde_json::to_string_pretty(&list)? + "\n").into_bytes()));
    }
    let trusted = json!({ "issuers": [issuer().did()] });
    files.push(("trusted-issuers.json".to_string(), (serde_json::to_string_pretty(&trusted)? + "\n").into_bytes()));
    files.push(("index.json".to_string(), (serde_json::to_string_pretty(&Value::Array(index))? + "\n").into_bytes()));
    files.extend(collection_files()?);
    Ok(files)
}

/// The revocation list the collection's credentials point at.
const COLLECTION_LIST: &str = "https://example.edu/status/collection";
/// How many credentials `collection/collection.json` holds (plus the CLR stacks).
const COLLECTION_SIZE: usize = 200;

/// Skills the collection's badges align to: (name, framework, URL).
const SKILLS: [(&str, &str, &str); 8] = [
    ("Rust", "ESCO", "https://esco.ec.europa.eu/en/skill/rust"),
    ("WebAssembly", "ESCO", "https://esco.ec.europa.eu/en/skill/webassembly"),
    ("Web accessibility", "WCAG 2.2", "https://www.w3.org/WAI/standards-guidelines/wcag/"),
    ("Cryptography", "ESCO", "https://esco.ec.europa.eu/en/skill/cryptography"),
    ("Team leadership", "ESCO", "https://esco.ec.europa.eu/en/skill/team-leadership"),
    ("Data analysis", "ESCO", "https://esco.ec.europa.eu/en/skill/data-analysis"),
    ("API design", "ESCO", "https://esco.ec.europa.eu/en/skill/api-design"),
    ("Technical writing", "ESCO", "https://esco.ec.europa.eu/en/skill/technical-writing"),
];
const FILLS: [&str; 8] = ["#b7410e", "#654ff0", "#027a48", "#1d4ed8", "#b54708", "#6941c6", "#175cd3", "#0e7090"];

/// The collection page's credentials (`www/samples/collection/`): [`COLLECTION_SIZE`] badges
/// from two issuers — every tenth tampered after signing, every tenth (another residue)
/// revoked in [`COLLECTION_LIST`], every 25th pointing at a list never served (status
/// unknown) — and two CLR transcripts stacking four of them each (one of the four tampered).
/// `collection.json` = `{ credentials, documents }` (the status list is served inline, so the
/// page needs no network); `expected.json` = the native summary at `CHECK_NOW`, which the
/// Playwright test compares the page with.
fn collection_files() -> Result<Vec<(String, Vec<u8>)>> {
    let (first, second) = (issuer(), other_issuer());
    let mut revoked_bits = Vec::new();
    let mut credentials = Vec::new();
    let badge = |n: usize, revoked: bool| -> Result<Value> {
        let by = if n % 4 == 3 { &second } else { &first };
        let (skill, framework, _) = SKILLS[n % SKILLS.len()];
        let (label, name) = (format!("#{n}"), format!("{skill} — level {}", 1 + n % 3));
        let (uuid, slug) = (format!("c0113c71-0000-4000-8000-{n:012}"), format!("collection-{n}"));
        let description = "A badge of the generated collection (TEST KEY).";
        let fill = FILLS[n % FILLS.len()];
        let b = Badge { uuid: &uuid, slug: &slug, name: &name, description, narrative: "Generated for the collection demo.", fill, label: &label };
        let mut c = credential(by, &b, None);
        if n % 4 == 3 {
            c["issuer"]["name"] = json!("Unlisted Institute (TEST KEY)");
            c["issuer"]["url"] = json!("https://unlisted.example");
        }
        let mut alignment = vec![(skill, framework)];
        if n.is_multiple_of(3) {
            let (s2, f2, _) = SKILLS[(n / 3 + 1) % SKILLS.len()];
            if s2 != skill {
                alignment.push((s2, f2));
            }
        }
        let achievement = &mut c["credentialSubject"]["achievement"];
        achievement["alignment"] = json!(alignment
            .iter()
            .map(|(s, f)| {
                let url = SKILLS.iter().find(|k| k.0 == *s).map(|k| k.2).unwrap_or_default();
                json!({ "type": ["Alignment"], "targetName": s, "targetFramework": f, "targetUrl": url })
            })
            .collect::<Vec<_>>());
        achievement["tag"] = json!([if n.is_multiple_of(2) { "backend" } else { "frontend" }]);
        if n % 25 == 12 {
            c["credentialStatus"] = json!({
                "id": format!("{UNREACHABLE_LIST}#{n}"),
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": n.to_string(),
                "statusListCredential": UNREACHABLE_LIST
            });
        } else if revoked || (n.is_multiple_of(5) && n % 4 != 3) {
            // Only the first issuer's list: a list must be issued by the credential's issuer.
            c["credentialStatus"] = json!({
                "id": format!("{COLLECTION_LIST}#{n}"),
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": n.to_string(),
                "statusListCredential": COLLECTION_LIST
            });
        }
        sign(by, &c)
    };
    for n in 0..COLLECTION_SIZE {
        let revoked = n % 10 == 6;
        if revoked {
            revoked_bits.push(n);
        }
        let mut signed = badge(n, revoked)?;
        if n % 10 == 3 {
            signed["name"] = json!("Changed after signing");
        }
        credentials.push(signed);
    }
    for (k, start) in [(1usize, 1000usize), (2, 1010)] {
        let mut parts = Vec::new();
        for n in start..start + 4 {
            let mut part = badge(n, false)?;
            if n == start + 2 {
                part["name"] = json!("Changed after signing");
            }
            parts.push(part);
        }
        credentials.push(sign(&first, &json!({
            "@context": [VC_V2, OB_3_0_3],
            "id": format!("urn:uuid:c0113c71-0000-4000-8000-c1a000000{k:03}"),
            "type": ["VerifiableCredential", "ClrCredential"],
            "issuer": { "id": first.did(), "type": ["Profile"], "name": "Example Academy (TEST KEY)", "url": "https://example.edu" },
            "validFrom": CREATED,
            "name": format!("Full-stack transcript {k}"),
            "credentialSubject": { "id": "did:example:learner-0001", "type": ["ClrSubject"], "verifiableCredential": parts }
        }))?);
    }
    let list = status_list(&first, COLLECTION_LIST, "revocation", &revoked_bits)?;
    let now = Timestamp::parse(CHECK_NOW).map_err(|e| fail!("bad CHECK_NOW: {e:?}"))?;
    let mut options = VerifyOptions::new(now);
    options.network = false;
    options.documents.insert(COLLECTION_LIST.to_string(), list.to_string());
    let reports: Vec<_> = credentials.iter().map(|c| verify(Input::Json(c.clone()), &options)).collect();
    let summary = verified_badge::collection::summarize(&reports);
    let collection = json!({ "credentials": credentials, "documents": { COLLECTION_LIST: list } });
    Ok(vec![
        ("collection/collection.json".to_string(), (serde_json::to_string(&collection)? + "\n").into_bytes()),
        ("collection/expected.json".to_string(), (serde_json::to_string_pretty(&summary)? + "\n").into_bytes()),
    ])
}

/// Verifies each sample at [`CHECK_NOW`]; returns the mismatches.
fn verify_all(samples: &[Sample]) -> Result<Vec<String>> {
    let now = Timestamp::parse(CHECK_NOW).map_err(|e| fail!("bad CHECK_NOW: {e:?}"))?;
    let lists: BTreeMap<&str, Value> = status_lists()?.into_iter().collect();
    let mut wrong = Vec::new();
    for s in samples {
        let mut options = VerifyOptions::new(now);
        for (url, file) in s.documents {
            let list = lists.get(file).ok_or_else(|| fail!("{}: no status list {file}", s.file))?;
            options.documents.insert((*url).to_string(), list.to_string());
        }
        let report = match &s.body {
            Body::Json(v) => verify(Input::Json(v.clone()), &options),
            Body::Text(t) => verify(Input::Text(t), &options),
            Body::Bytes(b) => verify(Input::Bytes(b), &options),
        };
        // The trust list is the page's policy, applied by the widget: natively these verify.
        let expect = if s.trust { Outcome::Verified } else { s.expect };
        if report.outcome != expect {
            let codes: Vec<String> = report.checks.iter().map(|c| format!("{}={:?}", c.code, c.status)).collect();
            wrong.push(format!(
                "{}: expected {}, got {} ({})",
                s.file,
                outcome_str(expect)?,
                outcome_str(report.outcome)?,
                codes.join(", ")
            ));
        }
    }
    Ok(wrong)
}

/// `cargo xtask samples`: writes the files.
fn generate() -> Result {
    let samples = build_samples()?;
    let dir = samples_dir();
    fs::create_dir_all(&dir)?;
    for (name, text) in render(&samples)? {
        if let Some(parent) = dir.join(&name).parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(dir.join(&name), text)?;
        eprintln!("  wrote www/samples/{name}");
    }
    cmd::step(&format!("samples: signed by {} (TEST KEY)", issuer().did()));
    report_verification(&samples)
}

fn report_verification(samples: &[Sample]) -> Result {
    let wrong = verify_all(samples)?;
    for w in &wrong {
        eprintln!("  WRONG OUTCOME {w}");
    }
    if wrong.is_empty() {
        eprintln!("  all {} samples verify as expected at {CHECK_NOW}", samples.len());
        Ok(())
    } else {
        Err(fail!("{} sample(s) do not verify as expected", wrong.len()))
    }
}

/// `cargo xtask samples --check`: regenerates in memory and compares with the committed files,
/// then verifies each sample against its expected outcome.
pub fn check() -> Result {
    cmd::step("samples --check: regenerating www/samples/ in memory");
    let samples = build_samples()?;
    let dir = samples_dir();
    let mut differ = Vec::new();
    for (name, text) in render(&samples)? {
        match fs::read(dir.join(&name)) {
            Ok(on_disk) if on_disk == text => {}
            Ok(_) => differ.push(format!("www/samples/{name} differs")),
            Err(e) => differ.push(format!("www/samples/{name}: {e}")),
        }
    }
    for d in &differ {
        eprintln!("  STALE {d}");
    }
    let verified = report_verification(&samples);
    if !differ.is_empty() {
        return Err(fail!("{} sample file(s) out of date: run `cargo xtask samples`", differ.len()));
    }
    verified
}

/// `cargo xtask samples [--check]`.
pub fn main(args: &[String]) -> Result {
    match args {
        [] => generate(),
        [a] if a == "--check" => check(),
        _ => Err(fail!("usage: cargo xtask samples [--check]")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (input, want) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")] {
            assert_eq!(base64(input.as_bytes()), want);
        }
    }

    #[test]
    fn samples_are_deterministic() {
        let a = render(&build_samples().unwrap()).unwrap();
        let b = render(&build_samples().unwrap()).unwrap();
        assert_eq!(a, b);
    }
}
