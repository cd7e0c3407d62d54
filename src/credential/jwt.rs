//! Credentials secured as JWTs: VC-JWT 1.1 (the credential in a `vc` claim, registered claims
//! standing in for some of its properties) and VC-JOSE-COSE `vc+jwt` (the payload is the
//! credential). Here the claims are mapped and cross-checked; the signature is `proof::jose`.

use serde_json::{Map, Value};

use super::{context, VC_V1};
use crate::input::Jws;
use crate::report::{Code, Status};
use crate::time::Timestamp;

/// Which JWT encoding the credential uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwtKind {
    /// VC Data Model 1.1 §6.3: `{ "vc": { … }, "iss", "nbf", "exp", "jti", "sub" }`.
    VcJwt,
    /// VC-JOSE-COSE: the payload is the credential itself (`typ` `vc+jwt`; OB 3.0 also `JWT`).
    VcJose,
}

/// What is wrong with a JWT's claims.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JwtError {
    /// The payload holds no credential (neither a `vc` object nor a JSON-LD document).
    NoCredential,
    /// `typ` names a media type that is not a credential.
    BadType,
    /// A registered claim disagrees with the credential property it stands for (named here).
    ClaimMismatch(&'static str),
    /// A date claim is not a number of seconds.
    BadDateClaim(&'static str),
}

impl Code for JwtError {
    fn code(&self) -> &'static str {
        match self {
            JwtError::NoCredential => "jwt.no_credential",
            JwtError::BadType => "jwt.bad_typ",
            JwtError::ClaimMismatch(_) => "jwt.claim_mismatch",
            JwtError::BadDateClaim(_) => "jwt.bad_claim",
        }
    }

    fn status(&self) -> Status {
        Status::Failed
    }

    fn message(&self) -> String {
        match self {
            JwtError::NoCredential => String::from("the token's payload holds no verifiable credential"),
            JwtError::BadType => String::from("the token's typ is not a credential media type"),
            JwtError::ClaimMismatch(what) => format!("the token's {what} disagrees with the credential"),
            JwtError::BadDateClaim(what) => format!("the token's {what} claim is not a NumericDate"),
        }
    }
}

/// The credential a JWS carries, with its registered claims mapped and cross-checked.
///
/// Takes the payload out of `jws` (it is left empty): the credential is built from it in place
/// rather than copied, and the rest of the pipeline needs only the header, the signing input
/// and the signature.
pub fn credential(jws: &mut Jws) -> Result<(JwtKind, Map<String, Value>), JwtError> {
    if let Some(typ) = jws.header.get("typ").and_then(Value::as_str) {
        if !matches!(typ.to_ascii_lowercase().as_str(), "jwt" | "vc+jwt" | "vc+ld+json+jwt" | "application/vc+jwt") {
            return Err(JwtError::BadType);
        }
    }
    let mut payload = std::mem::take(&mut jws.payload);
    // The registered claims, copied out (a few small values) before the payload becomes the
    // credential (vc+jwt) or gives up its `vc` claim (VC-JWT 1.1).
    let claim = |name: &str| payload.get(name).cloned();
    let claims = Registered {
        iss: claim("iss"),
        jti: claim("jti"),
        sub: claim("sub"),
        nbf: claim("nbf"),
        iat: claim("iat"),
        exp: claim("exp"),
    };
    let (kind, mut doc) = match payload.remove("vc") {
        Some(Value::Object(vc)) => (JwtKind::VcJwt, vc),
        Some(_) => return Err(JwtError::NoCredential),
        None if payload.contains_key("@context") => (JwtKind::VcJose, payload),
        None => return Err(JwtError::NoCredential),
    };
    let v1 = context::first(&doc) == Some(VC_V1);
    let (from_key, until_key) = if v1 { ("issuanceDate", "expirationDate") } else { ("validFrom", "validUntil") };
    // Each claim: its credential property; for VC-JWT 1.1 a missing property is filled from
    // the claim, and for both a present one must agree.
    let fill = kind == JwtKind::VcJwt;
    if let Some(iss) = &claims.iss {
        let iss = iss.as_str().ok_or(JwtError::ClaimMismatch("iss"))?;
        match doc.get_mut("issuer") {
            Some(Value::String(s)) if s == iss => {}
            Some(Value::Object(o)) if o.get("id").and_then(Value::as_str) == Some(iss) => {}
            Some(Value::Object(o)) if fill && !o.contains_key("id") => {
                o.insert("id".into(), iss.into());
            }
            None if fill => {
                doc.insert("issuer".into(), iss.into());
            }
            _ => return Err(JwtError::ClaimMismatch("iss")),
        }
    }
    if let Some(jti) = claims.jti {
        match doc.get("id") {
            Some(id) if *id == jti => {}
            None if fill => {
                doc.insert("id".into(), jti);
            }
            _ => return Err(JwtError::ClaimMismatch("jti")),
        }
    }
    if let Some(sub) = claims.sub {
        let subject = match doc.get_mut("credentialSubject") {
            Some(Value::Object(s)) => s,
            _ => return Err(JwtError::ClaimMismatch("sub")),
        };
        match subject.get("id") {
            Some(id) if *id == sub => {}
            None if fill => {
                subject.insert("id".into(), sub);
            }
            _ => return Err(JwtError::ClaimMismatch("sub")),
        }
    }
    let nbf = claims.nbf.as_ref().map(|v| date(v, "nbf")).transpose()?;
    let iat = claims.iat.as_ref().map(|v| date(v, "iat")).transpose()?;
    let exp = claims.exp.as_ref().map(|v| date(v, "exp")).transpose()?;
    date_claim(&mut doc, from_key, nbf.or(if fill { iat } else { None }), "nbf")?;
    date_claim(&mut doc, until_key, exp, "exp")?;
    Ok((kind, doc))
}

/// The JWT registered claims that stand for credential properties.
struct Registered {
    iss: Option<Value>,
    jti: Option<Value>,
    sub: Option<Value>,
    nbf: Option<Value>,
    iat: Option<Value>,
    exp: Option<Value>,
}

fn date(v: &Value, name: &'static str) -> Result<Timestamp, JwtError> {
    v.as_i64().or_else(|| v.as_f64().filter(|f| f.is_finite()).map(|f| f as i64)).map(Timestamp).ok_or(JwtError::BadDateClaim(name))
}

/// A date claim against the credential property it stands for: equal to the second, or
/// filled in when the property is absent.
fn date_claim(doc: &mut Map<String, Value>, key: &str, claim: Option<Timestamp>, name: &'static str) -> Result<(), JwtError> {
    let Some(claim) = claim else { return Ok(()) };
    match doc.get(key).and_then(Value::as_str) {
        Some(text) => match Timestamp::parse(text) {
            Ok(t) if t == claim => Ok(()),
            _ => Err(JwtError::ClaimMismatch(name)),
        },
        // VC-JWT 1.1 moves the property into the claim; for vc+jwt the claim adds a bound
        // the credential does not state. Either way the validity check must see it.
        None => {
            doc.insert(key.to_owned(), claim.to_rfc3339().into());
            Ok(())
        }
    }
}
