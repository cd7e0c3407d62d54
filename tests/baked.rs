//! Baked badges: extraction from the 1EdTech and Mozilla samples, bake → extract → verify
//! round trips on images made here, and malformed PNG/SVG input (each with its code, never a
//! panic).

mod common;

use common::{check, issuer, ob3, options, signed, vectors};
use verified_badge::baked::{self, png, BakedError, ImageKind, Spec, MAX_BAKED_TEXT_BYTES, MAX_IMAGE_BYTES};
use verified_badge::issue::JwtForm;
use verified_badge::report::Code;
use verified_badge::{verify, Input, Outcome, Report, Status};

// ---------------------------------------------------------------------------------------------
// Images made by hand

/// CRC-32 written independently of the library's (bitwise), to cross-check it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A chunk with its length and CRC, built by hand.
fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc_input = kind.to_vec();
    crc_input.extend_from_slice(data);
    out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    out
}

/// A valid 1×1 greyscale PNG with a `tEXt` chunk and an `IDAT` split in two, plus `extra`
/// chunks inserted before the first `IDAT`.
fn tiny_png(extra: &[Vec<u8>]) -> Vec<u8> {
    let idat = miniz_oxide::deflate::compress_to_vec_zlib(&[0, 0x80], 6);
    let (a, b) = idat.split_at(idat.len() / 2);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
    png.extend(chunk(b"tEXt", b"Software\0verified-badge tests"));
    for c in extra {
        png.extend_from_slice(c);
    }
    png.extend(chunk(b"IDAT", a));
    png.extend(chunk(b"IDAT", b));
    png.extend(chunk(b"IEND", &[]));
    png
}

/// An uncompressed `iTXt` chunk.
fn itxt(keyword: &str, text: &str) -> Vec<u8> {
    let mut data = keyword.as_bytes().to_vec();
    data.extend_from_slice(&[0, 0, 0, 0, 0]);
    data.extend_from_slice(text.as_bytes());
    chunk(b"iTXt", &data)
}

const SVG: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">
  <title>Test &amp; badge</title>
  <circle cx="5" cy="5" r="4" fill="#e44d26"/>
</svg>
"##;

fn ob3_svg(inner: &str) -> String {
    format!(r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">{inner}<rect width="1" height="1"/></svg>"#)
}

fn input_code(report: &Report) -> (Status, &str) {
    check(report, "input")
}

fn verify_bytes(bytes: &[u8]) -> Report {
    verify(Input::Bytes(bytes), &options())
}

// ---------------------------------------------------------------------------------------------
// Round trips

#[test]
fn png_bake_extract_verify_round_trip_touches_nothing_else() {
    let original = tiny_png(&[]);
    assert_eq!(baked::extract(&original), Err(BakedError::NoCredential));
    let credential = signed().to_string();
    let baked_png = baked::bake(&original, &credential).unwrap();

    // Exactly one iTXt chunk, right before the first IDAT; every other byte as it was.
    let new_chunk = itxt("openbadgecredential", &credential);
    let idat_at = original.windows(4).position(|w| w == b"IDAT").unwrap() - 4;
    let mut expected = original[..idat_at].to_vec();
    expected.extend_from_slice(&new_chunk);
    expected.extend_from_slice(&original[idat_at..]);
    assert_eq!(baked_png, expected);

    let found = baked::extract(&baked_png).unwrap();
    assert_eq!((found.image, found.spec, found.text.as_str()), (ImageKind::Png, Spec::OpenBadges3, credential.as_str()));
    let report = verify_bytes(&baked_png);
    assert_eq!(report.outcome, Outcome::Verified, "{}", report.to_json());
    assert_eq!(report.credential.unwrap().name.as_deref(), Some("Rust Fundamentals"));

    // Baking again replaces the credential: still one chunk, the new text.
    let mut other = signed();
    other["name"] = "Tampered".into();
    let rebaked = baked::bake(&baked_png, &other.to_string()).unwrap();
    assert_eq!(rebaked.windows(19).filter(|w| w == b"openbadgecredential").count(), 1);
    assert_eq!(baked::extract(&rebaked).unwrap().text, other.to_string());
    assert_eq!(verify_bytes(&rebaked).outcome, Outcome::Invalid);
}

#[test]
fn svg_bake_extract_verify_round_trip() {
    let credential = serde_json::to_string_pretty(&signed()).unwrap();
    let baked_svg = baked::bake(SVG.as_bytes(), &credential).unwrap();
    let text = String::from_utf8(baked_svg.clone()).unwrap();
    // The namespace on the root, the element right after the root start tag, the rest as it was.
    let root = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">"#;
    let expected = SVG.replacen(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">"#,
        &format!("{root}<openbadges:credential><![CDATA[{credential}]]></openbadges:credential>"),
        1,
    );
    assert_eq!(text, expected);

    let found = baked::extract(&baked_svg).unwrap();
    assert_eq!((found.image, found.spec), (ImageKind::Svg, Spec::OpenBadges3));
    assert_eq!(found.text, credential);
    assert_eq!(verify_bytes(&baked_svg).outcome, Outcome::Verified);

    // Rebaking replaces the element and does not declare the namespace twice.
    let rebaked = String::from_utf8(baked::bake(&baked_svg, &signed().to_string()).unwrap()).unwrap();
    assert_eq!(rebaked.matches("<openbadges:credential").count(), 1);
    assert_eq!(rebaked.matches("xmlns:openbadges").count(), 1);
    assert_eq!(verify_bytes(rebaked.as_bytes()).outcome, Outcome::Verified);
}

#[test]
fn jwt_credentials_bake_into_png_and_svg() {
    let i = issuer();
    for form in [JwtForm::VcJose, JwtForm::VcJwt] {
        let jwt = i.sign_jwt(&ob3(&i.did()), form).unwrap();
        for image in [tiny_png(&[]), SVG.as_bytes().to_vec()] {
            let baked_image = baked::bake(&image, &jwt).unwrap();
            assert_eq!(baked::extract(&baked_image).unwrap().text, jwt);
            let report = verify_bytes(&baked_image);
            assert_eq!(report.outcome, Outcome::Verified, "{form:?}: {}", report.to_json());
        }
    }
    // In an SVG a JWS goes in the `verify` attribute.
    let jwt = i.sign_jwt(&ob3(&i.did()), JwtForm::VcJose).unwrap();
    let svg = String::from_utf8(baked::bake(SVG.as_bytes(), &jwt).unwrap()).unwrap();
    assert!(svg.contains(&format!(r#"<openbadges:credential verify="{jwt}"/>"#)));
}

#[test]
fn baking_refuses_what_is_not_a_credential_or_an_image() {
    assert_eq!(baked::bake(b"GIF89a", &signed().to_string()), Err(BakedError::NotImage));
    assert_eq!(baked::bake(&tiny_png(&[]), "hello"), Err(BakedError::BadCredential));
    assert_eq!(baked::bake(&tiny_png(&[]), "[1,2]"), Err(BakedError::BadCredential));
    assert_eq!(baked::bake(SVG.as_bytes(), r#"{"a":1,"a":2}"#), Err(BakedError::BadCredential));
    let mut broken = tiny_png(&[]);
    let last = broken.len() - 1;
    broken[last] ^= 1;
    assert_eq!(baked::bake(&broken, &signed().to_string()), Err(BakedError::BadCrc));
    assert_eq!(baked::bake(b"<svg><g></svg>", &signed().to_string()), Err(BakedError::BadSvg));
}

#[test]
fn compressed_and_legacy_text_chunks_are_read() {
    let credential = signed().to_string();
    let mut data = b"openbadgecredential\0\x01\0\0\0".to_vec();
    data.extend(miniz_oxide::deflate::compress_to_vec_zlib(credential.as_bytes(), 9));
    let png = tiny_png(&[chunk(b"iTXt", &data)]);
    assert_eq!(baked::extract(&png).unwrap().text, credential);
    assert_eq!(verify_bytes(&png).outcome, Outcome::Verified);

    // OB 2.0 in a tEXt chunk (Latin-1): extracted, shown, not verified.
    let png = tiny_png(&[chunk(b"tEXt", b"openbadges\0https://example.org/assertions/1")]);
    let found = baked::extract(&png).unwrap();
    assert_eq!((found.spec, found.text.as_str()), (Spec::OpenBadges2, "https://example.org/assertions/1"));
    let report = verify_bytes(&png);
    assert_eq!(input_code(&report), (Status::Unknown, "baked.ob2_unverified"));
    assert_eq!(report.outcome, Outcome::Indeterminate);

    // OB 3.0 wins over OB 2.0 when an image carries both.
    let png = tiny_png(&[itxt("openbadges", "https://example.org/a"), itxt("openbadgecredential", &credential)]);
    assert_eq!(baked::extract(&png).unwrap().spec, Spec::OpenBadges3);
}

// ---------------------------------------------------------------------------------------------
// Vectors

const OB30: &str = "1edtech-validator/inspector-vc/src/test/resources/ob30";

/// Their proofs are eddsa-rdfc-2022 by a key at an `https://example.com/issuers/…` URL: until
/// the RDFC engine is wired in the proof is `proof.unsupported_suite`, and offline the key is
/// `key.unresolved`. Either way `indeterminate` — never `verified`, never `invalid`.
fn assert_rdfc_sample(report: &Report) {
    assert_eq!(input_code(report), (Status::Passed, "input.parsed"));
    assert_eq!(check(report, "context"), (Status::Passed, "context.known"));
    assert_eq!(check(report, "credential"), (Status::Passed, "credential.well_formed"));
    assert_eq!(report.outcome, Outcome::Indeterminate, "{}", report.to_json());
    let unknown: Vec<&str> = report.checks.iter().filter(|c| c.status == Status::Unknown).map(|c| c.code.as_ref()).collect();
    assert!(!unknown.is_empty() && unknown.iter().all(|c| ["proof.unsupported_suite", "key.unresolved"].contains(c)), "{}", report.to_json());
    if let Some(proof) = report.check("proof") {
        assert!(proof.status == Status::Passed || proof.code == "proof.unsupported_suite", "{}", report.to_json());
    }
    let summary = report.credential.as_ref().unwrap();
    assert_eq!(summary.id.as_deref(), Some("http://example.com/credentials/3527"));
    assert_eq!(summary.achievement.as_ref().and_then(|a| a.name.as_deref()), Some("Teamwork"));
}

#[test]
fn onedtech_json_samples_are_extracted_and_verified_honestly() {
    let Some(dir) = vectors(OB30) else { return };
    for (file, image) in [("simple-json.png", ImageKind::Png), ("simple-json.svg", ImageKind::Svg)] {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let found = baked::extract(&bytes).unwrap();
        assert_eq!((found.image, found.spec), (image, Spec::OpenBadges3), "{file}");
        let json: serde_json::Value = serde_json::from_str(&found.text).unwrap();
        assert_eq!(json["proof"][0]["cryptosuite"], "eddsa-rdfc-2022", "{file}");
        assert_rdfc_sample(&verify_bytes(&bytes));
    }
}

#[test]
fn onedtech_jwt_samples_reach_the_jwt_pipeline() {
    let Some(dir) = vectors(OB30) else { return };
    for file in ["simple-jwt.png", "simple-jwt.svg", "simple-jwt_v1.png", "simple-jwt_v1.svg"] {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let found = baked::extract(&bytes).unwrap();
        assert_eq!(found.spec, Spec::OpenBadges3, "{file}");
        assert!(found.text.starts_with("eyJ") && found.text.split('.').count() == 3, "{file}: {}", found.text);
        let report = verify_bytes(&bytes);
        // The token is read as a JWS (RS256 with a header `jwk`); how far it verifies is the
        // JOSE pipeline's business, but it is never rejected as unreadable.
        assert_eq!(input_code(&report), (Status::Passed, "input.parsed"), "{file}: {}", report.to_json());
        assert_ne!(report.outcome, Outcome::Invalid, "{file}: {}", report.to_json());
        assert!(report.credential.is_some(), "{file}");
    }
}

#[test]
fn rebaking_a_onedtech_png_moves_the_credential_before_idat() {
    let Some(dir) = vectors(OB30) else { return };
    let original = std::fs::read(dir.join("simple-json.png")).unwrap();
    let credential = signed().to_string();
    let rebaked = baked::bake(&original, &credential).unwrap();
    let kinds = |bytes: &[u8]| png::parse(bytes).unwrap().chunks.iter().map(|c| (c.kind, c.raw.to_vec())).collect::<Vec<_>>();
    let before = kinds(&original);
    let after = kinds(&rebaked);
    // The old credential chunk (after the IDATs in this sample) is gone, the new one is right
    // before the first IDAT, and every other chunk is byte for byte the same, in order.
    let is_credential = |(kind, raw): &([u8; 4], Vec<u8>)| kind == b"iTXt" && raw[8..].starts_with(b"openbadgecredential\0");
    let others = |list: &[([u8; 4], Vec<u8>)]| list.iter().filter(|c| !is_credential(c)).cloned().collect::<Vec<_>>();
    assert_eq!(others(&before), others(&after));
    let first_idat = after.iter().position(|(k, _)| k == b"IDAT").unwrap();
    assert!(is_credential(&after[first_idat - 1]));
    assert_eq!(after.iter().filter(|c| is_credential(c)).count(), 1);
    assert_eq!(verify_bytes(&rebaked).outcome, Outcome::Verified);
}

#[test]
fn rebaking_a_onedtech_svg_replaces_its_credential() {
    let Some(dir) = vectors(OB30) else { return };
    let original = std::fs::read(dir.join("simple-json.svg")).unwrap();
    let rebaked = String::from_utf8(baked::bake(&original, &signed().to_string()).unwrap()).unwrap();
    assert_eq!(rebaked.matches("<openbadges:credential").count(), 1);
    // The prolog (XML declaration, DOCTYPE, CRLF line ends) and everything after the old
    // element are untouched.
    let original = String::from_utf8(original).unwrap();
    let prolog = &original[..original.find("<svg").unwrap()];
    assert!(prolog.contains("<!DOCTYPE svg PUBLIC") && rebaked.starts_with(prolog));
    let tail = &original[original.find("</openbadges:credential>").unwrap() + "</openbadges:credential>".len()..];
    assert!(rebaked.ends_with(tail));
    assert_eq!(verify_bytes(rebaked.as_bytes()).outcome, Outcome::Verified);
}

#[test]
fn ob2_baked_samples_are_shown_but_not_verified() {
    let Some(dir) = vectors("ob2-baked") else { return };
    let png = std::fs::read(dir.join("1edtech-validator/inspector-vc/src/test/resources/ob20/simple-badge.png")).unwrap();
    let found = baked::extract(&png).unwrap();
    assert_eq!((found.image, found.spec), (ImageKind::Png, Spec::OpenBadges2));
    let assertion = baked::ob2::assertion(&found.text).unwrap();
    assert_eq!(assertion["type"], "Assertion");
    let summary = baked::ob2::summary(&assertion);
    assert_eq!(summary.id.as_deref(), Some("https://example.org/beths-robotics-badge.json"));
    assert_eq!(summary.achievement.and_then(|a| a.id).as_deref(), Some("https://example.org/robotics-badge.json"));
    let report = verify_bytes(&png);
    assert_eq!(input_code(&report), (Status::Unknown, "baked.ob2_unverified"));
    assert_eq!(report.outcome, Outcome::Indeterminate);

    let bakery = dir.join("mozilla-openbadges-bakery/test");
    let read = |f: &str| std::fs::read(bakery.join(f)).unwrap();
    let found = baked::extract(&read("baked.svg")).unwrap();
    assert_eq!((found.spec, found.text.as_str()), (Spec::OpenBadges2, r#"{"verify":{"url":"http://example.org"}}"#));
    assert_eq!(baked::extract(&read("no-json.svg")).unwrap().text, "http://example.org");
    assert_eq!(input_code(&verify_bytes(&read("baked.svg"))), (Status::Unknown, "baked.ob2_unverified"));
    assert_eq!(input_code(&verify_bytes(&read("bad-json.svg"))), (Status::Failed, "input.not_json"));
    assert_eq!(baked::extract(&read("unbaked.svg")), Err(BakedError::NoCredential));
    assert_eq!(baked::extract(&read("unbaked.png")), Err(BakedError::NoCredential));
    assert_eq!(input_code(&verify_bytes(&read("unbaked.png"))), (Status::Failed, "baked.no_credential"));
}

// ---------------------------------------------------------------------------------------------
// Malformed PNG

/// The report for malformed bytes: invalid, one input check with `code`.
fn assert_rejected(bytes: &[u8], code: &str) {
    let report = verify_bytes(bytes);
    assert_eq!(input_code(&report), (Status::Failed, code), "{}", report.to_json());
    assert_eq!(report.outcome, Outcome::Invalid);
    assert_eq!(report.checks.len(), 1);
    assert!(report.credential.is_none());
}

#[test]
fn malformed_pngs_get_their_codes() {
    let credential = signed().to_string();
    let good = tiny_png(&[itxt("openbadgecredential", &credential)]);
    let at = |kind: &[u8; 4]| good.windows(4).position(|w| w == kind).unwrap() - 4;

    // A flipped bit in any chunk's data or CRC.
    for kind in [b"IHDR", b"tEXt", b"iTXt", b"IDAT"] {
        let mut bad = good.clone();
        bad[at(kind) + 9] ^= 0x01;
        assert_rejected(&bad, "baked.bad_crc");
    }
    // Truncated anywhere after the signature.
    for cut in [9, 20, 33, good.len() / 2, good.len() - 1] {
        assert_rejected(&good[..cut], "baked.truncated");
    }
    // Huge lengths: beyond what PNG allows, and beyond the bytes that are there.
    let mut huge = good.clone();
    huge[at(b"IDAT")..at(b"IDAT") + 4].copy_from_slice(&0xFFFF_FFF0u32.to_be_bytes());
    assert_rejected(&huge, "baked.too_large");
    let mut long = good.clone();
    long[at(b"IDAT")..at(b"IDAT") + 4].copy_from_slice(&0x00FF_FFFFu32.to_be_bytes());
    assert_rejected(&long, "baked.truncated");
    // IHDR not first; a chunk type that is not letters; no IDAT.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"tEXt", b"a\0b"));
    png.extend_from_slice(&good[8..]);
    assert_rejected(&png, "baked.bad_chunk");
    let mut bad_type = good.clone();
    bad_type[at(b"tEXt") + 4] = b'1';
    assert_rejected(&bad_type, "baked.bad_chunk");
    let mut no_idat = b"\x89PNG\r\n\x1a\n".to_vec();
    no_idat.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
    no_idat.extend(chunk(b"IEND", &[]));
    assert_rejected(&no_idat, "baked.bad_chunk");
    // No credential; two credentials; an empty one.
    assert_rejected(&tiny_png(&[]), "baked.no_credential");
    assert_rejected(&tiny_png(&[itxt("openbadgecredential", &credential), itxt("openbadgecredential", "{}")]), "baked.ambiguous");
    assert_rejected(&tiny_png(&[itxt("openbadgecredential", "  ")]), "baked.empty");
    // Malformed text chunks: no keyword separator, a bad compression flag, text not UTF-8,
    // compressed data that does not inflate.
    assert_rejected(&tiny_png(&[chunk(b"iTXt", b"openbadgecredential")]), "baked.bad_text");
    assert_rejected(&tiny_png(&[chunk(b"iTXt", b"openbadgecredential\0\x07\0\0\0{}")]), "baked.bad_text");
    assert_rejected(&tiny_png(&[chunk(b"iTXt", b"openbadgecredential\0\0\0\0\0{\"a\":\"\xff\"}")]), "baked.bad_text");
    assert_rejected(&tiny_png(&[chunk(b"iTXt", b"openbadgecredential\0\x01\0\0\0not zlib")]), "baked.bad_compression");
    // The credential inside still goes through the JSON rules.
    assert_rejected(&tiny_png(&[itxt("openbadgecredential", r#"{"a":1,"a":2}"#)]), "input.duplicate_key");
}

#[test]
fn png_limits_are_enforced() {
    // An inflation bomb: a few KB that would inflate past the credential limit.
    let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&vec![b' '; MAX_BAKED_TEXT_BYTES + 1], 9);
    assert!(bomb.len() < 16 * 1024);
    let mut data = b"openbadgecredential\0\x01\0\0\0".to_vec();
    data.extend(bomb);
    assert_rejected(&tiny_png(&[chunk(b"iTXt", &data)]), "baked.too_large");
    // Uncompressed text over the limit.
    let big = format!("{{\"a\":\"{}\"}}", "x".repeat(MAX_BAKED_TEXT_BYTES));
    assert_rejected(&tiny_png(&[itxt("openbadgecredential", &big)]), "baked.too_large");
    assert_eq!(baked::bake(&tiny_png(&[]), &big), Err(BakedError::TextTooLarge));
    // An image over the size limit is refused before any chunk is read.
    let mut huge = tiny_png(&[]);
    huge.resize(MAX_IMAGE_BYTES + 1, 0);
    assert_rejected(&huge, "baked.too_large");
    // Too many chunks.
    let mut many = tiny_png(&[]);
    let idat_at = many.windows(4).position(|w| w == b"IDAT").unwrap() - 4;
    let filler = chunk(b"teXt", b"");
    let spam: Vec<u8> = filler.iter().copied().cycle().take(filler.len() * baked::MAX_PNG_CHUNKS).collect();
    many.splice(idat_at..idat_at, spam);
    assert_rejected(&many, "baked.too_large");
    assert_eq!(baked::extract(&many), Err(BakedError::TooManyChunks));
}

#[test]
fn no_prefix_or_bit_flip_of_a_baked_png_panics() {
    let good = baked::bake(&tiny_png(&[]), &signed().to_string()).unwrap();
    for cut in 0..good.len() {
        let report = verify_bytes(&good[..cut]);
        assert_ne!(report.outcome, Outcome::Verified, "prefix {cut}");
    }
    for i in 0..good.len() {
        let mut bad = good.clone();
        bad[i] ^= 0x20;
        let report = verify_bytes(&bad);
        // A flip in the PNG signature makes it "not an image"; anywhere else the CRC or the
        // signature check catches it. Never verified either way.
        assert_ne!(report.outcome, Outcome::Verified, "flip at {i}: {}", report.to_json());
    }
}

// ---------------------------------------------------------------------------------------------
// Malformed SVG

#[test]
fn xxe_and_dtd_entities_are_refused() {
    let credential = signed().to_string();
    // An internal subset declaring an external entity: refused before anything is read.
    let xxe = format!(
        r#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>{}"#,
        ob3_svg("<openbadges:credential>&xxe;</openbadges:credential>")
    );
    assert_rejected(xxe.as_bytes(), "baked.dtd_forbidden");
    // An external DTD is never fetched; an entity it would define is refused.
    let external = format!(r#"<!DOCTYPE svg SYSTEM "file:///etc/passwd">{}"#, ob3_svg("<openbadges:credential>&xxe;</openbadges:credential>"));
    assert_rejected(external.as_bytes(), "baked.entity_forbidden");
    let in_attribute = format!(r#"<!DOCTYPE svg SYSTEM "file:///etc/passwd">{}"#, ob3_svg(r#"<openbadges:credential verify="&xxe;"/>"#));
    assert_rejected(in_attribute.as_bytes(), "baked.entity_forbidden");
    // Billion laughs never gets going either.
    let laughs = format!(r#"<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>{}"#, ob3_svg("<openbadges:credential>&b;</openbadges:credential>"));
    assert_rejected(laughs.as_bytes(), "baked.dtd_forbidden");
    // A public DOCTYPE without a subset (as the 1EdTech samples have) is fine.
    let public = format!(
        r#"<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">{}"#,
        ob3_svg(&format!("<openbadges:credential><![CDATA[{credential}]]></openbadges:credential>"))
    );
    assert_eq!(verify_bytes(public.as_bytes()).outcome, Outcome::Verified);
    // Escaped JSON as plain text (predefined entities) is read too.
    let escaped = ob3_svg(&format!("<openbadges:credential>{}</openbadges:credential>", credential.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")));
    assert_eq!(verify_bytes(escaped.as_bytes()).outcome, Outcome::Verified);
}

#[test]
fn malformed_svgs_get_their_codes() {
    let credential = signed().to_string();
    let element = format!("<openbadges:credential><![CDATA[{credential}]]></openbadges:credential>");
    assert_eq!(verify_bytes(ob3_svg(&element).as_bytes()).outcome, Outcome::Verified);
    // Not well-formed: unclosed, mismatched, two roots, text junk in tags, not UTF-8.
    for bad in [
        format!(r#"<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">{element}"#),
        format!(r#"<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">{element}</g>"#),
        format!("{}<svg/>", ob3_svg(&element)),
        format!(r#"<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" a="1" a="2">{element}</svg>"#),
        String::from("<svg><"),
        format!("{}trailing text", ob3_svg(&element)),
        format!("<!-- x --><![CDATA[x]]>{}", ob3_svg(&element)),
        format!("{}<!DOCTYPE svg>", ob3_svg(&element)),
    ] {
        assert_rejected(bad.as_bytes(), "baked.bad_svg");
    }
    assert_rejected(b"<svg>\xff\xfe</svg>", "baked.bad_svg");
    // The root must be <svg>.
    assert_rejected(format!(r#"<html xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">{element}</html>"#).as_bytes(), "baked.bad_svg");
    // Markup inside the credential element.
    assert_rejected(ob3_svg("<openbadges:credential><g/>{}</openbadges:credential>").as_bytes(), "baked.bad_svg");
    // No credential; two; content and a verify attribute at once; empty.
    assert_rejected(SVG.as_bytes(), "baked.no_credential");
    assert_rejected(ob3_svg(&format!("{element}{element}")).as_bytes(), "baked.ambiguous");
    assert_rejected(ob3_svg(r#"<openbadges:credential verify="a.b.c">{}</openbadges:credential>"#).as_bytes(), "baked.ambiguous");
    assert_rejected(ob3_svg("<openbadges:credential>  </openbadges:credential>").as_bytes(), "baked.empty");
    // A credential that is not JSON.
    assert_rejected(ob3_svg("<openbadges:credential>hello</openbadges:credential>").as_bytes(), "input.not_json");
}

#[test]
fn no_prefix_of_a_baked_svg_panics() {
    let good = baked::bake(SVG.as_bytes(), &signed().to_string()).unwrap();
    let end = String::from_utf8(good.clone()).unwrap().rfind("</svg>").unwrap() + "</svg>".len();
    for cut in 0..end {
        let report = verify_bytes(&good[..cut]);
        assert_ne!(report.outcome, Outcome::Verified, "prefix {cut}");
    }
}

#[test]
fn baked_codes_are_stable() {
    let codes: Vec<&str> = [
        BakedError::ImageTooLarge,
        BakedError::Truncated,
        BakedError::BadCrc,
        BakedError::BadChunk,
        BakedError::BadText,
        BakedError::BadCompression,
        BakedError::BadSvg,
        BakedError::DtdForbidden,
        BakedError::EntityForbidden,
        BakedError::NoCredential,
        BakedError::Empty,
        BakedError::Ambiguous,
        BakedError::Ob2Unverified,
    ]
    .iter()
    .map(|e| e.code())
    .collect();
    assert_eq!(
        codes,
        [
            "baked.too_large",
            "baked.truncated",
            "baked.bad_crc",
            "baked.bad_chunk",
            "baked.bad_text",
            "baked.bad_compression",
            "baked.bad_svg",
            "baked.dtd_forbidden",
            "baked.entity_forbidden",
            "baked.no_credential",
            "baked.empty",
            "baked.ambiguous",
            "baked.ob2_unverified"
        ]
    );
}

#[test]
fn random_mutations_never_panic() {
    // xorshift64*: deterministic, no dependency.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move |bound: usize| {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % bound.max(1)
    };
    let credential = signed().to_string();
    let images = [baked::bake(&tiny_png(&[]), &credential).unwrap(), baked::bake(SVG.as_bytes(), &credential).unwrap()];
    let mut outcomes = [0usize; 3];
    for image in &images {
        for _ in 0..2_000 {
            let mut bytes = image.clone();
            for _ in 0..=next(4) {
                let at = next(bytes.len());
                match next(3) {
                    0 => bytes[at] = next(256) as u8,
                    1 => {
                        bytes.remove(at);
                    }
                    _ => bytes.insert(at, b"<>&;\"'[]!-?x\0\xff"[next(14)]),
                }
            }
            let report = verify_bytes(&bytes);
            let _ = report.to_json();
            if report.outcome == Outcome::Verified {
                // Only a change outside the credential (the picture, whitespace) may still verify.
                assert_eq!(baked::extract(&bytes).unwrap().text, credential);
            }
            let _ = baked::bake(&bytes, &credential);
            outcomes[report.outcome as usize] += 1;
        }
    }
    eprintln!("random mutations: verified/invalid/indeterminate = {outcomes:?}");
}

#[test]
fn svg_markup_given_as_text_is_read_like_bytes() {
    let svg = String::from_utf8(baked::bake(SVG.as_bytes(), &signed().to_string()).unwrap()).unwrap();
    assert_eq!(verify(Input::Text(&svg), &options()).outcome, Outcome::Verified);
    assert_eq!(input_code(&verify(Input::Text(SVG), &options())), (Status::Failed, "baked.no_credential"));
}
