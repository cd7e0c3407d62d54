//! The pipeline, top to bottom, in the order of the specs' verification steps:
//! read the input → known contexts → credential structure → each proof (key, issuer
//! binding, signature) → validity period → status. Every step adds checks; none throws.

use serde_json::{Map, Value};

use crate::credential::{context, validity, Credential, CredentialSummary};
use crate::key::{self, ResolvedKey};
use crate::limits::MAX_PROOFS;
use crate::proof::{data_integrity, eddsa_jcs, IssuerMismatch, ProofError, Suite};
use crate::report::{Checks, Note};
use crate::{input, Format, Input, Report, VerifyOptions};

/// Verifies one credential. Never panics and never fails: everything found is in the report.
///
/// The core does no I/O: the clock and any documents come from `options`.
pub fn verify(input: Input<'_>, options: &VerifyOptions) -> Report {
    let mut checks = Checks::default();
    let doc = match input::read(input) {
        Ok(doc) => doc,
        Err(e) => {
            checks.push("input", &e);
            return checks.finish(Format::Unknown, None);
        }
    };
    checks.push("input", &Note::passed("input.parsed", "the input is a JSON document"));
    let summary = CredentialSummary::from_json(&doc);
    let Value::Object(doc) = &doc else {
        // `input::read` only returns objects; stay total anyway.
        return checks.finish(Format::Unknown, Some(summary));
    };
    verify_document(doc, options, &mut checks);
    checks.finish(Format::JsonLd, Some(summary))
}

/// The checks on a parsed JSON credential.
fn verify_document(doc: &Map<String, Value>, options: &VerifyOptions, checks: &mut Checks) {
    match context::check(doc, &options.documents) {
        Ok(_) => checks.push("context", &Note::passed("context.known", "every context is known")),
        Err(e) => checks.push("context", &e),
    }
    let credential = match Credential::parse(doc) {
        Ok(c) => c,
        Err(e) => {
            checks.push("credential", &e);
            return;
        }
    };
    checks.push("credential", &Note::passed("credential.well_formed", "the credential has the required structure"));

    match credential.proofs.len() {
        0 => checks.push("proof", &ProofError::Missing),
        n if n > MAX_PROOFS => checks.push("proof", &ProofError::TooMany),
        _ => {
            for (i, proof) in credential.proofs.iter().enumerate() {
                let suffix = if i == 0 { String::new() } else { format!("[{i}]") };
                verify_proof(&credential, proof, options, &suffix, checks);
            }
        }
    }

    checks.push("validity", &validity::check(&credential, options.now));

    if doc.contains_key("credentialStatus") {
        checks.push(
            "status",
            &Note { status: crate::Status::Unknown, code: "status.unsupported", message: "this version does not check status lists, so revocation is unknown" },
        );
    } else {
        checks.push("status", &Note::skipped("status.none", "the credential has no status entry"));
    }
}

/// One proof: its options, its key, the key's binding to the issuer, then the signature.
fn verify_proof(credential: &Credential<'_>, proof: &Map<String, Value>, options: &VerifyOptions, suffix: &str, checks: &mut Checks) {
    let id = |name: &str| format!("{name}{suffix}");
    let parsed = match data_integrity::parse(proof) {
        Ok(p) => p,
        Err(e) => {
            checks.push(id("proof"), &e);
            return;
        }
    };
    if parsed.expires.is_some_and(|t| t < options.now) {
        checks.push(id("proof"), &ProofError::Expired);
        return;
    }
    let key: ResolvedKey = match key::resolve(parsed.verification_method) {
        Ok(k) => {
            checks.push(id("key"), &Note::passed("key.resolved", "the verification method resolves to an Ed25519 key"));
            k
        }
        Err(e) => {
            checks.push(id("key"), &e);
            return;
        }
    };
    if key.controller == credential.issuer {
        checks.push(id("issuer"), &Note::passed("issuer.bound", "the signing key belongs to the issuer"));
    } else {
        checks.push(id("issuer"), &IssuerMismatch);
    }
    let result = match parsed.suite {
        Suite::EddsaJcs2022 => eddsa_jcs::verify(credential.doc, &parsed, &key),
        other => Err(ProofError::UnsupportedSuite(String::from(other.name()))),
    };
    match result {
        Ok(()) => checks.push(id("proof"), &Note::passed("proof.verified", "the signature is valid")),
        Err(e) => checks.push(id("proof"), &e),
    }
}
