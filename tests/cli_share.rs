//! The `summary` and `share` commands: a collection's numbers, and share links (with their QR
//! codes) that decode back to the credential.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use verified_badge::input::base64url;
use common::{issuer, ob3};
use serde_json::{json, Value};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_verified-badge")).args(args).output().unwrap()
}

/// A fresh, empty directory under the test tmp dir.
fn fresh_dir(name: &str) -> PathBuf {
    common::fresh_dir("cli-share", name)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

const NOW: [&str; 2] = ["--now", "2025-06-01T00:00:00Z"];

/// 12 credentials: every third tampered, skills and tags from a small pool.
fn collection(dir: &std::path::Path) {
    let i = issuer();
    let skills = ["Rust", "WebAssembly", "Accessibility"];
    for n in 0..12 {
        let mut doc = ob3(&i.did());
        doc["id"] = json!(format!("urn:uuid:2d8bd0e0-6f60-4a2b-9a43-{n:012}"));
        let mine: Vec<Value> = skills
            .iter()
            .take(1 + n % 3)
            .map(|s| json!({"type": ["Alignment"], "targetName": s, "targetFramework": "ESCO", "targetUrl": format!("https://skills.example/{s}")}))
            .collect();
        doc["credentialSubject"]["achievement"]["alignment"] = json!(mine);
        doc["credentialSubject"]["achievement"]["tag"] = json!(if n % 2 == 0 { vec!["systems"] } else { vec!["web"] });
        let mut signed = i.sign_eddsa_jcs_2022(&doc, "2024-01-01T00:00:00Z").unwrap();
        if n % 3 == 2 {
            signed["name"] = json!("Forged");
        }
        std::fs::write(dir.join(format!("badge-{n:02}.json")), serde_json::to_string_pretty(&signed).unwrap()).unwrap();
    }
    std::fs::write(dir.join("junk.json"), "not a credential").unwrap();
}

#[test]
fn summary_counts_a_directory() {
    let dir = fresh_dir("summary");
    collection(&dir);
    let d = dir.to_str().unwrap();
    let out = run(&["summary", "--json", "--offline", NOW[0], NOW[1], d]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let s: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!((s["total"].as_u64(), s["verified"].as_u64(), s["invalid"].as_u64(), s["indeterminate"].as_u64()), (Some(13), Some(8), Some(5), Some(0)));
    // n % 3 == 0 → Rust; == 1 → Rust, WebAssembly; == 2 (tampered) → all three.
    let skill = |name: &str| s["skills"].as_array().unwrap().iter().find(|t| t["name"] == name).cloned().unwrap();
    assert_eq!((skill("Rust")["count"].as_u64(), skill("Rust")["verified"].as_u64()), (Some(12), Some(8)));
    assert_eq!((skill("WebAssembly")["count"].as_u64(), skill("WebAssembly")["verified"].as_u64()), (Some(8), Some(4)));
    assert_eq!((skill("Accessibility")["count"].as_u64(), skill("Accessibility")["verified"].as_u64()), (Some(4), Some(0)));
    assert_eq!(skill("Rust")["group"], "ESCO");
    assert_eq!(s["skills"][0]["name"], "Rust");
    let tag = |name: &str| s["tags"].as_array().unwrap().iter().find(|t| t["name"] == name).cloned().unwrap();
    assert_eq!((tag("systems")["count"].as_u64(), tag("systems")["verified"].as_u64()), (Some(6), Some(4)));
    assert_eq!(s["issuers"][0]["name"], "Test Academy");

    let human = run(&["summary", "--offline", NOW[0], NOW[1], d]);
    assert_eq!(human.status.code(), Some(0));
    let text = stdout(&human);
    assert!(text.starts_with("13 credentials: 8 verified, 5 invalid, 0 indeterminate"), "{text}");
    assert!(text.lines().any(|l| l.starts_with("Rust") && l.split_whitespace().collect::<Vec<_>>() == ["Rust", "8", "12", "ESCO"]), "{text}");

    let missing = run(&["summary", "--offline", dir.join("nope.json").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(run(&["summary", "--help"]).status.code(), Some(0));
    assert_eq!(run(&["share", "--help"]).status.code(), Some(0));
    assert_eq!(run(&["help", "share"]).status.code(), Some(0));
}

/// The credential text carried by a `#c=` link.
fn decode_link(link: &str) -> String {
    let (_, fragment) = link.split_once("#c=").unwrap();
    let deflated = base64url::decode(fragment).unwrap();
    String::from_utf8(miniz_oxide::inflate::decompress_to_vec(&deflated).unwrap()).unwrap()
}

/// A tiny PNG reader for what `share --qr` writes: 8-bit greyscale, filter 0 on every row.
fn read_grey_png(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let (mut pos, mut size, mut idat) = (8, (0, 0), Vec::new());
    while pos + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[pos..pos + 4].try_into().unwrap()) as usize;
        let kind = &bytes[pos + 4..pos + 8];
        let data = &bytes[pos + 8..pos + 8 + len];
        match kind {
            b"IHDR" => {
                size = (u32::from_be_bytes(data[0..4].try_into().unwrap()) as usize, u32::from_be_bytes(data[4..8].try_into().unwrap()) as usize);
                assert_eq!(&data[8..10], &[8, 0], "8-bit greyscale");
            }
            b"IDAT" => idat.extend_from_slice(data),
            _ => {}
        }
        pos += 12 + len;
    }
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib(&idat).unwrap();
    let (w, h) = size;
    let mut pixels = Vec::with_capacity(w * h);
    for row in raw.chunks(w + 1) {
        assert_eq!(row[0], 0, "filter none");
        pixels.extend_from_slice(&row[1..]);
    }
    assert_eq!(pixels.len(), w * h);
    (w, h, pixels)
}

fn decode_qr(w: usize, h: usize, pixels: &[u8]) -> String {
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1);
    grids[0].decode().unwrap().1
}

#[test]
fn share_link_snippets_and_qr_decode_back_to_the_credential() {
    let dir = fresh_dir("share");
    let i = issuer();
    let signed = i.sign_eddsa_jcs_2022(&ob3(&i.did()), "2024-01-01T00:00:00Z").unwrap();
    let text = serde_json::to_string_pretty(&signed).unwrap();
    let file = dir.join("badge.json");
    std::fs::write(&file, format!("{text}\n")).unwrap();
    let png = dir.join("qr.png");
    let svg = dir.join("qr.svg");
    let base = "https://badges.example/verify.html";
    let out = run(&["share", "--base", base, "--image", "https://badges.example/rust.png", "--qr", png.to_str().unwrap(), file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let printed = stdout(&out);
    let lines: Vec<&str> = printed.lines().collect();
    let link = lines[0];
    assert!(link.starts_with(&format!("{base}#c=")), "{link}");
    assert_eq!(decode_link(link), text);
    assert_eq!(lines[1], format!("[![Verify: Rust Fundamentals](https://badges.example/rust.png)]({link})"));
    assert_eq!(lines[2], format!("<a href=\"{link}\" rel=\"noopener\"><img src=\"https://badges.example/rust.png\" alt=\"Verify: Rust Fundamentals\" width=\"120\"></a>"));

    let (w, h, pixels) = read_grey_png(&std::fs::read(&png).unwrap());
    assert_eq!(decode_qr(w, h, &pixels), link);

    // The SVG draws the same modules.
    let out = run(&["share", "--base", base, "--qr", svg.to_str().unwrap(), file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let svg_text = std::fs::read_to_string(&svg).unwrap();
    assert!(svg_text.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(!svg_text.contains("<script"));

    // A baked badge shares the credential inside it.
    let baked = dir.join("baked.svg");
    let image = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"></svg>";
    std::fs::write(&baked, verified_badge::baked::bake(image.as_bytes(), &text).unwrap()).unwrap();
    let out = run(&["share", "--base", base, baked.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(decode_link(stdout(&out).lines().next().unwrap()), text);

    // `--src` links to a hosted credential instead.
    let out = run(&["share", "--base", base, "--src", "https://badges.example/a b.json", file.to_str().unwrap()]);
    assert_eq!(stdout(&out).lines().next().unwrap(), format!("{base}#src=https%3A%2F%2Fbadges.example%2Fa%20b.json"));
}

#[test]
fn too_long_links_are_refused_unless_forced() {
    let dir = fresh_dir("long");
    let i = issuer();
    let mut doc = ob3(&i.did());
    // Incompressible text: a long run of pseudo-random hex.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let noise: String = (0..12_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            char::from_digit((x % 16) as u32, 16).unwrap()
        })
        .collect();
    doc["credentialSubject"]["achievement"]["description"] = json!(noise);
    let signed = i.sign_eddsa_jcs_2022(&doc, "2024-01-01T00:00:00Z").unwrap();
    let file = dir.join("big.json");
    std::fs::write(&file, serde_json::to_string(&signed).unwrap()).unwrap();
    let out = run(&["share", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--src"));
    assert!(out.stdout.is_empty());
    let forced = run(&["share", "--force", file.to_str().unwrap()]);
    assert_eq!(forced.status.code(), Some(0));
    assert_eq!(decode_link(stdout(&forced).lines().next().unwrap()), serde_json::to_string(&signed).unwrap());
    // Such a link does not fit in a QR code: said, not silently cut.
    let qr = run(&["share", "--force", "--qr", dir.join("qr.png").to_str().unwrap(), file.to_str().unwrap()]);
    assert_eq!(qr.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&qr.stderr).contains("QR"));
}
