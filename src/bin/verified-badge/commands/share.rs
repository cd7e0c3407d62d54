//! `verified-badge share`: a link that verifies the credential in the visitor's browser (for
//! profiles that run no scripts), Markdown and HTML snippets, and a QR code for print.
//!
//! The credential travels in the URL *fragment* (`#c=<base64url(deflate-raw(text))>`), which
//! browsers never send to a server; `verify.html` inflates and verifies it in the page.

use std::process::ExitCode;

use lexopt::prelude::*;
use qrcode::{Color, EcLevel, QrCode};
use verified_badge::baked::{self, png};
use verified_badge::{verify, Input, VerifyOptions};

use crate::args;
use crate::error::Fatal;

/// Where the verify page is unless `--base` says otherwise: the local demo (`cargo xtask demo`).
pub const DEFAULT_BASE: &str = "http://127.0.0.1:8080/verify.html";

/// Links longer than this are refused (unless `--force`): some browsers, chat apps and QR
/// readers cut longer URLs.
pub const MAX_LINK_CHARS: usize = 8_000;

/// `share --help`.
pub const USAGE: &str = "\
verified-badge share — a link that verifies a credential in the visitor's browser

USAGE:
    verified-badge share [OPTIONS] CREDENTIAL

    CREDENTIAL   JSON(-LD), a compact JWS (VC-JWT), or a baked PNG/SVG badge; - for stdin

Prints three lines: the link, a Markdown snippet and an HTML snippet. The credential is
compressed into the link's fragment (#c=…), which browsers never send to a server: the page
verifies it in the visitor's browser. Nothing is uploaded anywhere.

OPTIONS:
    --base URL        the verify page (default: http://127.0.0.1:8080/verify.html, the local demo)
    --src URL         link to the credential at URL (#src=…) instead of carrying it in the link
    --image URL       the badge image for the snippets (e.g. the baked PNG, hosted)
    --qr FILE         also write a QR code of the link: FILE.png or FILE.svg
    --force           print a link even when it is longer than 8,000 characters
    -h, --help        print this help

EXIT STATUS:
    0 printed, 1 the link is too long (use --src, or --force) or does not fit in a QR code,
    2 usage or I/O error";

struct Args {
    base: String,
    src: Option<String>,
    image: Option<String>,
    qr: Option<String>,
    force: bool,
    credential: String,
}

/// Prints the link and snippets, and writes the QR code.
pub fn run(parser: &mut lexopt::Parser) -> Result<ExitCode, Fatal> {
    let Some(a) = parse(parser)? else { return Ok(ExitCode::SUCCESS) };
    let name = if a.credential == "-" { "<stdin>" } else { a.credential.as_str() };
    let bytes = args::read_input(&a.credential)?;
    let text = credential_text(name, &bytes)?;
    let link = match &a.src {
        Some(src) => format!("{}#src={}", a.base, percent_encode(src)),
        None => format!("{}#c={}", a.base, encode_fragment(&text)),
    };
    if link.len() > MAX_LINK_CHARS && !a.force {
        eprintln!(
            "verified-badge: the link would be {} characters, more than {MAX_LINK_CHARS}: too long for many browsers, \
             chat apps and QR readers. Host the credential and share `--src URL` (a {}#src=URL link) instead, \
             or use --force.",
            link.len(),
            a.base
        );
        return Ok(ExitCode::from(1));
    }
    let title = title(&text);
    let mut out = format!("{link}\n{}\n{}\n", markdown(&link, &title, a.image.as_deref()), html(&link, &title, a.image.as_deref()));
    if let Some(path) = &a.qr {
        let code = QrCode::with_error_correction_level(link.as_bytes(), EcLevel::L)
            .map_err(|e| Fatal::data(path, format!("the link does not fit in a QR code ({e}); use --src")))?;
        let file = if path.to_ascii_lowercase().ends_with(".svg") { qr_svg(&code).into_bytes() } else { qr_png(&code)? };
        args::write_output(path, &file)?;
        out.push_str(&format!("QR code written to {path}\n"));
    }
    args::write_output("-", out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn parse(parser: &mut lexopt::Parser) -> Result<Option<Args>, Fatal> {
    let (mut base, mut src, mut image, mut qr, mut force, mut credential) = (None, None, None, None, false, None);
    while let Some(arg) = args::next(parser, USAGE)? {
        match arg {
            Long("base") => base = Some(args::value(parser, "--base", USAGE)?),
            Long("src") => src = Some(args::value(parser, "--src", USAGE)?),
            Long("image") => image = Some(args::value(parser, "--image", USAGE)?),
            Long("qr") => qr = Some(args::value(parser, "--qr", USAGE)?),
            Long("force") => force = true,
            Short('h') | Long("help") => {
                args::help(USAGE);
                return Ok(None);
            }
            Value(v) if credential.is_none() => credential = Some(args::text(v, "CREDENTIAL", USAGE)?),
            other => return Err(args::unexpected(other, USAGE)),
        }
    }
    let credential = credential.ok_or_else(|| Fatal::usage("share needs a CREDENTIAL", USAGE))?;
    let base = base.unwrap_or_else(|| DEFAULT_BASE.to_owned());
    // The fragment is ours: a base that already has one would hide the credential.
    let base = base.split('#').next().unwrap_or_default().to_owned();
    for (flag, url) in [("--base", Some(&base)), ("--src", src.as_ref()), ("--image", image.as_ref())] {
        if let Some(url) = url {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(Fatal::usage(format!("{flag} {url}: expected an http(s) URL"), USAGE));
            }
        }
    }
    Ok(Some(Args { base, src, image, qr, force, credential }))
}

/// The credential text: as given, or the text baked into a PNG/SVG badge.
fn credential_text(name: &str, bytes: &[u8]) -> Result<String, Fatal> {
    if baked::sniff(bytes).is_some() {
        return baked::extract(bytes).map(|b| b.text.trim().to_owned()).map_err(|e| Fatal::data(name, e.to_string()));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| Fatal::data(name, "not UTF-8 text or a PNG/SVG badge"))?;
    let text = text.trim();
    if text.is_empty() {
        return Err(Fatal::data(name, "empty"));
    }
    Ok(text.to_owned())
}

/// `base64url(deflate-raw(text))`, what `verify.html` reads from `#c=`.
pub fn encode_fragment(text: &str) -> String {
    verified_badge::input::base64url::encode(&miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 10))
}

/// A URL for a fragment parameter: everything but unreserved characters is %-escaped.
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The achievement's (or credential's) name, for the snippets' text. Read, not trusted: the
/// page verifies.
fn title(text: &str) -> String {
    let mut options = VerifyOptions::new(verified_badge::Timestamp(0));
    options.network = false;
    let report = verify(Input::Text(text), &options);
    report
        .credential
        .and_then(|c| c.achievement.and_then(|a| a.name).or(c.name))
        .map(|n| crate::output::printable(&n))
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| String::from("Open Badge"))
}

fn markdown(link: &str, title: &str, image: Option<&str>) -> String {
    let text: String = title
        .chars()
        .flat_map(|c| {
            let escape = matches!(c, '\\' | '[' | ']' | '(' | ')' | '*' | '_' | '`' | '<' | '>' | '!' | '#');
            escape.then_some('\\').into_iter().chain(std::iter::once(c))
        })
        .collect();
    match image {
        Some(image) => format!("[![Verify: {text}]({})]({})", md_url(image), md_url(link)),
        None => format!("[Verify: {text}]({})", md_url(link)),
    }
}

/// A URL inside Markdown `( )`: spaces and parentheses escaped.
fn md_url(url: &str) -> String {
    url.replace(' ', "%20").replace('(', "%28").replace(')', "%29")
}

fn html(link: &str, title: &str, image: Option<&str>) -> String {
    let (link, title) = (escape_html(link), escape_html(title));
    match image {
        Some(image) => format!(
            "<a href=\"{link}\" rel=\"noopener\"><img src=\"{}\" alt=\"Verify: {title}\" width=\"120\"></a>",
            escape_html(image)
        ),
        None => format!("<a href=\"{link}\" rel=\"noopener\">Verify: {title}</a>"),
    }
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// Quiet zone, in modules, around the code (the QR spec asks for 4).
const QUIET: usize = 4;
/// Pixels a module in the PNG.
const SCALE: usize = 8;

/// The QR code as a scalable SVG: one path of dark squares on white.
fn qr_svg(code: &QrCode) -> String {
    let width = code.width();
    let size = width.saturating_add(2 * QUIET);
    let mut path = String::new();
    let colors = code.to_colors();
    for (y, row) in colors.chunks(width.max(1)).enumerate() {
        for (x, color) in row.iter().enumerate() {
            if *color == Color::Dark {
                path.push_str(&format!("M{} {}h1v1h-1z", x.saturating_add(QUIET), y.saturating_add(QUIET)));
            }
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"{px}\" height=\"{px}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>\n",
        px = size.saturating_mul(SCALE)
    )
}

/// The QR code as an 8-bit greyscale PNG, written by hand (zlib from miniz_oxide, chunk CRCs
/// from the baked-badge code) rather than through an image crate.
fn qr_png(code: &QrCode) -> Result<Vec<u8>, Fatal> {
    let width = code.width();
    let colors = code.to_colors();
    let px = width.saturating_add(2 * QUIET).saturating_mul(SCALE);
    let side = u32::try_from(px).map_err(|_| Fatal::Other(String::from("QR code too large")))?;
    let mut raw = Vec::with_capacity(px.saturating_add(1).saturating_mul(px));
    for y in 0..px {
        raw.push(0); // filter: none
        for x in 0..px {
            let (mx, my) = ((x / SCALE).checked_sub(QUIET), (y / SCALE).checked_sub(QUIET));
            let dark = match (mx, my) {
                (Some(mx), Some(my)) if mx < width && my < width => {
                    colors.get(my.saturating_mul(width).saturating_add(mx)) == Some(&Color::Dark)
                }
                _ => false,
            };
            raw.push(if dark { 0 } else { 255 });
        }
    }
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit greyscale, deflate, no filter, no interlace
    let mut out = png::SIGNATURE.to_vec();
    for (kind, data) in [(*b"IHDR", ihdr), (*b"IDAT", miniz_oxide::deflate::compress_to_vec_zlib(&raw, 9)), (*b"IEND", Vec::new())] {
        out.extend(png::chunk(kind, &data).map_err(|e| Fatal::Other(e.to_string()))?);
    }
    Ok(out)
}
