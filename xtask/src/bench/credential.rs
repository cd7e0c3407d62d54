//! The benchmark's linked-data credential: a typical Open Badges 3.0 credential (~3.5 KB:
//! VC v2 + OB 3.0.3 contexts, issuer profile, achievement with criteria, alignment, result
//! descriptions, results, status entry), signed `eddsa-rdfc-2022` by the samples' TEST key.
//! Deterministic: the same bytes every run.

use serde_json::{json, Value};

use crate::cmd::Result;
use crate::fail;

/// When the credential is signed (and valid from).
pub const CREATED: &str = "2024-01-01T00:00:00Z";

/// The unsigned credential, issued by `did`.
pub fn unsigned(did: &str) -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": "urn:uuid:8c1b4f9e-3a2d-4e5f-9b6c-7d8e9f0a1b2c",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Data Engineering with Rust — Level 2",
        "description": "Awarded for completing the Level 2 data engineering track: streaming pipelines, columnar formats and reproducible builds.",
        "issuer": {
            "id": did,
            "type": ["Profile"],
            "name": "Example Institute of Technology (TEST KEY)",
            "url": "https://example.edu",
            "email": "registrar@example.edu",
            "description": "A fictional institute used in verified-badge's benchmarks.",
            "image": { "id": "https://example.edu/logo.png", "type": "Image", "caption": "Example Institute logo" }
        },
        "validFrom": CREATED,
        "validUntil": "2030-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:learner-4242",
            "type": ["AchievementSubject"],
            "activityStartDate": "2023-09-01T00:00:00Z",
            "activityEndDate": "2023-12-15T00:00:00Z",
            "creditsEarned": 3.5,
            "achievement": {
                "id": "https://example.edu/achievements/data-engineering-rust-2",
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": "Data Engineering with Rust — Level 2",
                "description": "Designs and operates streaming data pipelines in Rust with tested, reproducible builds.",
                "criteria": {
                    "id": "https://example.edu/achievements/data-engineering-rust-2/criteria",
                    "narrative": "Learners complete four graded projects (ingestion, transformation, storage, observability) and a proctored final assessment with a score of at least 70%."
                },
                "image": { "id": "https://example.edu/badges/data-engineering-rust-2.png", "type": "Image" },
                "creditsAvailable": 4,
                "fieldOfStudy": "Computer Science",
                "humanCode": "DER-2",
                "inLanguage": "en",
                "tag": ["rust", "data engineering", "streaming"],
                "alignment": [{
                    "type": ["Alignment"],
                    "targetName": "Data pipelines",
                    "targetDescription": "Build and maintain data pipelines.",
                    "targetUrl": "https://example.org/frameworks/data/pipelines",
                    "targetFramework": "Example Skills Framework",
                    "targetCode": "DP-4",
                    "targetType": "CFItem"
                }],
                "resultDescription": [{
                    "id": "https://example.edu/achievements/data-engineering-rust-2/results/grade",
                    "type": ["ResultDescription"],
                    "name": "Final grade",
                    "resultType": "LetterGrade",
                    "allowedValue": ["A", "B", "C", "D", "F"],
                    "requiredValue": "C"
                }, {
                    "id": "https://example.edu/achievements/data-engineering-rust-2/results/score",
                    "type": ["ResultDescription"],
                    "name": "Final assessment score",
                    "resultType": "Percent",
                    "valueMin": "0",
                    "valueMax": "100"
                }]
            },
            "result": [{
                "type": ["Result"],
                "resultDescription": "https://example.edu/achievements/data-engineering-rust-2/results/grade",
                "value": "A"
            }, {
                "type": ["Result"],
                "resultDescription": "https://example.edu/achievements/data-engineering-rust-2/results/score",
                "value": "92"
            }]
        },
        "evidence": [{
            "id": "https://example.edu/portfolios/learner-4242/final-project",
            "type": ["Evidence"],
            "name": "Final project",
            "description": "A streaming ingestion service with end-to-end tests.",
            "genre": "Project"
        }]
    })
}

/// The signed credential as JSON text.
pub fn signed_text() -> Result<String> {
    let issuer = crate::samples::issuer();
    let signed = issuer
        .sign_eddsa_rdfc_2022(&unsigned(&issuer.did()), CREATED)
        .map_err(|e| fail!("signing the bench credential failed: {e}"))?;
    Ok(signed.to_string())
}
