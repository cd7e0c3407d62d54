//! The pipeline, top to bottom, in the order of the specs' verification steps:
//! read the input → known contexts → credential structure → each proof (key, issuer
//! binding, signature) → validity period → status. Every step adds checks; none throws.

use std::cell::RefCell;

use serde_json::{Map, Value};

use crate::credential::jwt::{self, JwtKind};
use crate::credential::{context, display, items, open_badges, recipient, validity, Credential, CredentialSummary};
use crate::input::{InputError, Jws, Parsed};
use crate::proof::jose::{self, Alg, Checked, SignatureRequest};
use crate::key::{self, ResolvedKey};
use crate::limits::{MAX_DOCUMENT_BYTES, MAX_NESTING, MAX_PROOFS};
use crate::proof::{data_integrity, eddsa_jcs, linked_data, IssuerMismatch, ProofError, Suite};
use crate::report::{Checks, Embedded, EmbeddedKind, Note};
use crate::baked::{self, BakedError};
use crate::documents::Fetched;
use crate::status;
use crate::{input, Format, Input, Report, VerifyOptions};

/// Verifies one credential. Never panics and never fails: everything found is in the report.
///
/// The core does no I/O: the clock and any documents come from `options`. When
/// `options.network` is set, a host first asks [`needs`] what to fetch.
pub fn verify(input: Input<'_>, options: &VerifyOptions) -> Report {
    Run::new(options).verify(input, 0)
}

/// What a host must supply before [`verify`] can give a complete answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Needs {
    /// URLs of documents (status lists, DID documents, JWKs) that are neither in
    /// `options.documents` nor in `options.failures`. Asked for only when `options.network`
    /// is set.
    pub documents: Vec<String>,
    /// Signatures the host must check with its own crypto (WebCrypto), answered through
    /// `options.signatures`. Empty when the `native-crypto` feature is on.
    pub signatures: Vec<SignatureRequest>,
}

/// What verifying `input` would still need from the host. A host that may use the network
/// fetches the documents, adds them to `documents` (or to `failures` with the reason), checks
/// the signatures, and asks again until nothing new is needed; then it calls [`verify`].
pub fn needs(input: Input<'_>, options: &VerifyOptions) -> Needs {
    let run = Run::new(options);
    let _ = run.verify(input, 0);
    Needs { documents: run.missing.into_inner(), signatures: run.signatures.into_inner() }
}

/// [`verify`] and [`needs`] in one run: the report as things stand, and what the host could
/// still supply to complete it. A host loop calls this, and verifies again only when it could
/// supply something — so the common offline case runs the pipeline once.
pub fn verify_with_needs(input: Input<'_>, options: &VerifyOptions) -> (Report, Needs) {
    let run = Run::new(options);
    let report = run.verify(input, 0);
    (report, Needs { documents: run.missing.into_inner(), signatures: run.signatures.into_inner() })
}

/// The documents part of [`needs`].
pub fn documents_needed(input: Input<'_>, options: &VerifyOptions) -> Vec<String> {
    needs(input, options).documents
}

/// One verification: the caller's options and what was found missing on the way.
struct Run<'a> {
    options: &'a VerifyOptions,
    missing: RefCell<Vec<String>>,
    signatures: RefCell<Vec<SignatureRequest>>,
}

impl<'a> Run<'a> {
    fn new(options: &'a VerifyOptions) -> Self {
        Run { options, missing: RefCell::new(Vec::new()), signatures: RefCell::new(Vec::new()) }
    }

    fn verify(&self, input: Input<'_>, depth: usize) -> Report {
        let mut checks = Checks::default();
        // Kept for an OB 2.0 image, whose assertion is shown though it cannot be verified here.
        let image = match &input {
            Input::Bytes(b) => Some(*b),
            Input::Text(t) if t.trim_start().starts_with('<') => Some(t.as_bytes()),
            _ => None,
        };
        let parsed = match input::read(input) {
            Ok(parsed) => parsed,
            Err(e) => {
                let id = if matches!(e, InputError::Jws(_)) { "jwt" } else { "input" };
                checks.push(id, &e);
                let summary = match e {
                    InputError::Baked(BakedError::Ob2Unverified) => image
                        .and_then(|bytes| baked::extract(bytes).ok())
                        .and_then(|b| baked::ob2::assertion(&b.text))
                        .map(|a| baked::ob2::summary(&a)),
                    _ => None,
                };
                return checks.finish(Format::Unknown, summary, Vec::new());
            }
        };
        let (doc, jws, format) = match parsed {
            Parsed::Json(Value::Object(doc)) => {
                checks.push("input", &Note::passed("input.parsed", "the input is a JSON document"));
                (doc, None, Format::JsonLd)
            }
            Parsed::Json(_) => {
                checks.push("input", &InputError::NotObject);
                return checks.finish(Format::Unknown, None, Vec::new());
            }
            Parsed::Jws(mut jws) => {
                checks.push("input", &Note::passed("input.parsed", "the input is a compact JWS"));
                match jwt::credential(&mut jws) {
                    Ok((kind, doc)) => {
                        checks.push("jwt", &Note::passed("jwt.claims_consistent", "the token's claims agree with the credential"));
                        let format = match kind {
                            JwtKind::VcJwt => Format::VcJwt,
                            JwtKind::VcJose => Format::VcJose,
                        };
                        (doc, Some(jws), format)
                    }
                    Err(e) => {
                        checks.push("jwt", &e);
                        return checks.finish(Format::Unknown, None, Vec::new());
                    }
                }
            }
        };
        let summary = CredentialSummary::from_json_map(&doc);
        self.verify_document(&doc, depth, jws.as_ref(), &mut checks);
        // Names shown in the badge that could read as something else fail (only reported then).
        if let Some(confusable) = display::check(&summary) {
            checks.push("display", &confusable);
        }
        let embedded = if depth < MAX_NESTING { self.verify_embedded(&doc, depth) } else { Vec::new() };
        checks.finish(format, Some(summary), embedded)
    }

    /// The checks on a parsed JSON credential.
    fn verify_document(&self, doc: &Map<String, Value>, depth: usize, jws: Option<&Jws>, checks: &mut Checks) {
        let unsecured = linked_data::Unsecured::new(doc, &self.options.documents);
        match context::check(doc, &self.options.documents) {
            // Contexts from the caller are not vetted like the bundled ones: whatever the proof
            // suite, the credential must hold up as JSON-LD under them (safe mode), so a
            // supplied context cannot quietly redefine what a JCS-signed credential means.
            Ok(known) if known.supplied => match unsecured.check_processing() {
                Ok(()) => checks.push("context", &Note::passed("context.known", "every context is known, and the credential is sound JSON-LD under them")),
                Err(e) => checks.push("context", &context::ContextError::Processing(e)),
            },
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

        // A JWT's proof is its JWS; any embedded proofs are checked too, numbered after it.
        let first = usize::from(jws.is_some());
        if let Some(jws) = jws {
            self.verify_jws(&credential, jws, checks);
        }
        match credential.proofs.len() {
            0 if jws.is_none() => checks.push("proof", &ProofError::Missing),
            n if n > MAX_PROOFS => checks.push("proof", &ProofError::TooMany),
            _ => {
                for (i, proof) in credential.proofs.iter().enumerate() {
                    self.verify_proof(&credential, &unsecured, proof, &suffix(i.saturating_add(first)), checks);
                }
            }
        }

        checks.push("validity", &validity::check(&credential, self.options.now, self.options.clock_skew));

        if depth < MAX_NESTING {
            self.check_status(&credential, checks);
        } else if doc.contains_key("credentialStatus") {
            checks.push("status", &NOT_FOLLOWED);
        }

        if open_badges::is_badge(doc) {
            checks.push("conformance", &open_badges::check(&credential));
        }
        if doc.contains_key("credentialSchema") {
            checks.push("schema", &SCHEMA_SKIPPED);
        }
        if doc.contains_key("refreshService") {
            checks.push("refresh", &REFRESH_NOT_FOLLOWED);
        }
        if let Some(who) = &self.options.recipient {
            checks.push("recipient", &recipient::check(doc, who));
        }
    }

    /// Endorsements and CLR-wrapped credentials, each verified on its own one level down.
    fn verify_embedded(&self, doc: &Map<String, Value>, depth: usize) -> Vec<Embedded> {
        let mut out = Vec::new();
        let subject = doc.get("credentialSubject").and_then(Value::as_object);
        let achievement = subject.and_then(|s| s.get("achievement")).and_then(Value::as_object);
        let issuer = doc.get("issuer").and_then(Value::as_object);
        for (node, prefix) in [(Some(doc), ""), (issuer, "issuer."), (achievement, "credentialSubject.achievement.")] {
            let Some(node) = node else { continue };
            for key in ["endorsement", "endorsementJwt"] {
                for (i, item) in items(node.get(key)).enumerate() {
                    let path = format!("{prefix}{key}[{i}]");
                    out.push(self.embedded(EmbeddedKind::Endorsement, path, item, depth));
                }
            }
        }
        if crate::credential::has_type(doc, "ClrCredential") {
            for (i, item) in items(subject.and_then(|s| s.get("verifiableCredential"))).enumerate() {
                let path = format!("credentialSubject.verifiableCredential[{i}]");
                out.push(self.embedded(EmbeddedKind::Achievement, path, item, depth));
            }
        }
        out
    }

    fn embedded(&self, kind: EmbeddedKind, path: String, item: &Value, depth: usize) -> Embedded {
        let report = match item {
            // `endorsementJwt` and JWT-secured CLR items are compact JWS strings.
            Value::String(token) => self.verify(Input::Text(token), depth.saturating_add(1)),
            _ => self.verify(Input::Json(item.clone()), depth.saturating_add(1)),
        };
        Embedded { kind, path, report }
    }

    /// One proof: its options, its key, the key's binding to the issuer, then the signature.
    fn verify_proof(&self, credential: &Credential<'_>, unsecured: &linked_data::Unsecured<'_>, proof: &Map<String, Value>, suffix: &str, checks: &mut Checks) {
        let id = |name: &str| format!("{name}{suffix}");
        let parsed = match data_integrity::parse(proof) {
            Ok(p) => p,
            Err(e) => {
                checks.push(id("proof"), &e);
                return;
            }
        };
        if parsed.expires.is_some_and(|t| t < self.options.now) {
            checks.push(id("proof"), &ProofError::Expired);
            return;
        }
        let lookup = |url: &str| self.fetch(url);
        let key: ResolvedKey = match key::resolve(parsed.verification_method, &lookup) {
            Ok(k) => {
                checks.push(id("key"), &Note::passed("key.resolved", "the verification method resolves to a public key"));
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
            Suite::EddsaRdfc2022 | Suite::Ed25519Signature2020 => linked_data::verify(unsecured, &parsed, &key),
        };
        match result {
            Ok(()) => checks.push(id("proof"), &Note::passed("proof.verified", "the signature is valid")),
            Err(e) => checks.push(id("proof"), &e),
        }
    }

    /// A JWT's signature: the key from `kid` (a DID URL or HTTPS URL), the header `jwk`, or
    /// the issuer's DID; the key's binding to the issuer; the signature with the header's alg.
    fn verify_jws(&self, credential: &Credential<'_>, jws: &Jws, checks: &mut Checks) {
        let lookup = |url: &str| self.fetch(url);
        let alg = match jws.header.get("alg").and_then(Value::as_str).and_then(Alg::parse) {
            Some(a) => a,
            None => return checks.push("proof", &ProofError::Malformed("alg")),
        };
        let kid = jws.header.get("kid").and_then(Value::as_str).map(|k| {
            // A relative kid (`#key-1`) is relative to the issuer.
            if k.starts_with('#') { format!("{}{k}", credential.issuer) } else { k.to_owned() }
        });
        let header_jwk = jws.header.get("jwk").and_then(Value::as_object);
        let resolved = match (&kid, header_jwk) {
            (Some(kid), _) if kid.starts_with("did:") || kid.starts_with("https://") => key::resolve(kid, &lookup).map(|k| (k, false)),
            // A kid we cannot resolve with a jwk beside it: the jwk is all there is.
            (_, Some(jwk)) => key::jwk::parse(jwk).map(|public_key| {
                (ResolvedKey { controller: String::new(), id: kid.clone().unwrap_or_default(), public_key }, true)
            }),
            (Some(_), None) => Err(key::KeyError::UnsupportedMethod),
            (None, None) if credential.issuer.starts_with("did:") => key::resolve(credential.issuer, &lookup).map(|k| (k, false)),
            (None, None) => Err(key::KeyError::Missing),
        };
        let (key, self_asserted) = match resolved {
            Ok(k) => k,
            Err(e) => return checks.push("key", &e),
        };
        checks.push("key", &Note::passed("key.resolved", "the token's key was found"));
        if self_asserted {
            // The token carries its own key: it proves only that someone holding that key
            // signed. It binds to the issuer only if the issuer's own DID is that key.
            let issuer_key = key::resolve(credential.issuer, &lookup).ok();
            if issuer_key.is_some_and(|k| k.public_key == key.public_key) {
                checks.push("issuer", &Note::passed("issuer.bound", "the signing key is the issuer's DID key"));
            } else {
                checks.push("issuer", &SELF_ASSERTED);
            }
        } else if key.controller == credential.issuer {
            checks.push("issuer", &Note::passed("issuer.bound", "the signing key belongs to the issuer"));
        } else {
            checks.push("issuer", &IssuerMismatch);
        }
        let answers = |id: &str| self.options.signatures.get(id).copied();
        match jose::verify(alg, &key.public_key, jws.signing_input.as_bytes(), &jws.signature, &answers) {
            Checked::Done(Ok(())) => checks.push("proof", &Note::passed("proof.verified", "the signature is valid")),
            Checked::Done(Err(e)) => checks.push("proof", &e),
            Checked::AskHost(request) => {
                let mut asked = self.signatures.borrow_mut();
                if !asked.iter().any(|r| r.id == request.id) {
                    asked.push(request);
                }
                checks.push("proof", &ProofError::NeedsHostCrypto);
            }
        }
    }

    /// Each `credentialStatus` entry against its status list credential, itself verified.
    fn check_status(&self, credential: &Credential<'_>, checks: &mut Checks) {
        let entries = match status::entries(credential.doc) {
            Ok(e) if e.is_empty() => return checks.push("status", &status::NONE),
            Ok(e) => e,
            Err(e) => return checks.push("status", &e),
        };
        let fetch = |url: &str| self.fetch(url);
        // A status list is verified as a leaf: its own status and embedded credentials are
        // not followed (lists of lists would let one badge fan out into many fetches).
        let verify = |body: &str| self.verify(Input::Text(body), MAX_NESTING);
        for (i, entry) in entries.iter().enumerate() {
            let id = format!("status{}", suffix(i));
            let credential_id = credential.doc.get("id").and_then(Value::as_str);
            match status::check_entry(entry, credential_id, credential.issuer, &fetch, &verify) {
                Ok(passed) => checks.push(id, &passed),
                Err(e) => checks.push(id, &e),
            }
        }
    }

    /// A document the host supplied, or a note that it is missing.
    fn fetch(&self, url: &str) -> Fetched<'a> {
        if let Some(body) = self.options.documents.get(url) {
            if body.len() > MAX_DOCUMENT_BYTES {
                return Fetched::Failed("the document is too large");
            }
            return Fetched::Body(body);
        }
        if let Some(reason) = self.options.failures.get(url) {
            return Fetched::Failed(reason);
        }
        if self.options.absent.contains(url) {
            return Fetched::Absent;
        }
        // Only URLs can be fetched (a did:web document is asked for by its https URL).
        if self.options.network && url.starts_with("https://") {
            let mut missing = self.missing.borrow_mut();
            if !missing.iter().any(|m| m == url) {
                missing.push(url.to_owned());
            }
        }
        Fetched::Missing
    }
}


const NOT_FOLLOWED: Note = Note {
    status: crate::Status::Skipped,
    code: "status.not_followed",
    message: "status entries of credentials this deep are not followed",
};

const SCHEMA_SKIPPED: Note = Note::skipped(
    "schema.not_checked",
    "the credential names a JSON Schema; schema validation is not available in this version",
);

const REFRESH_NOT_FOLLOWED: Note = Note::skipped(
    "refresh.not_followed",
    "the credential names a refresh service; it is never contacted automatically",
);

const SELF_ASSERTED: Note = Note {
    status: crate::Status::Unknown,
    code: "issuer.self_asserted_key",
    message: "the token carries its own key, and nothing binds that key to the issuer",
};

/// `""` for the first of several, `"[i]"` for the others.
fn suffix(i: usize) -> String {
    if i == 0 {
        String::new()
    } else {
        format!("[{i}]")
    }
}
