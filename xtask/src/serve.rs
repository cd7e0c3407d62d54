//! `cargo xtask demo [--port N]` and the static file server it (and the e2e tier) uses:
//! `www/` at `/`, `pkg/` at `/pkg/`, on 127.0.0.1. A small HTTP/1.1 server over
//! `TcpListener`, one thread per connection, GET and HEAD only, `Connection: close`.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread;
use std::time::Duration;

use crate::cmd::{self, Result};
use crate::fail;

/// The folders served: URL prefix → directory. The longest matching prefix wins.
#[derive(Clone)]
pub struct Site {
    mounts: Vec<(String, PathBuf)>,
}

impl Site {
    /// The demo: `www/` at `/`, `pkg/` at `/pkg/`, the site's QR module at `/qr/`.
    pub fn demo() -> Site {
        let root = cmd::root();
        Site {
            mounts: vec![
                ("/pkg/".into(), root.join("pkg")),
                ("/qr/".into(), crate::build::site_qr_dir()),
                ("/".into(), root.join("www")),
            ],
        }
    }

    /// Maps a request target to a file, or why not.
    fn resolve(&self, target: &str) -> std::result::Result<Resolved, u16> {
        let path = target.split(['?', '#']).next().unwrap_or("/");
        let path = percent_decode(path).ok_or(400u16)?;
        if !path.starts_with('/') || path.contains('\0') || path.contains('\\') {
            return Err(400);
        }
        if self.mounts.iter().any(|(p, _)| *p == format!("{path}/")) {
            return Ok(Resolved::Redirect(format!("{path}/")));
        }
        let (prefix, dir) = self
            .mounts
            .iter()
            .filter(|(p, _)| path.starts_with(p.as_str()))
            .max_by_key(|(p, _)| p.len())
            .ok_or(404u16)?;
        let rest = path.strip_prefix(prefix.as_str()).unwrap_or("");
        let rel = Path::new(rest);
        // Only plain names: no `..`, no root or prefix components (no traversal).
        if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
            return Err(403);
        }
        let mut file = dir.join(rel);
        if file.is_dir() {
            if !path.ends_with('/') {
                return Ok(Resolved::Redirect(format!("{path}/")));
            }
            file = file.join("index.html");
        }
        // Symlinks must not lead out of the served folder either.
        let real = file.canonicalize().map_err(|_| 404u16)?;
        let base = dir.canonicalize().map_err(|_| 404u16)?;
        if !real.starts_with(&base) {
            return Err(403);
        }
        if !real.is_file() {
            return Err(404);
        }
        Ok(Resolved::File(real))
    }
}

enum Resolved {
    File(PathBuf),
    Redirect(String),
}

/// The `Content-Type` for a file name.
pub fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json" | "jsonld") => "application/json",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("ico") => "image/x-icon",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("ts") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn respond(stream: &mut TcpStream, code: u16, headers: &[(&str, String)], body: &[u8], head: bool) -> std::io::Result<()> {
    let reason = match code {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    };
    let mut msg = format!("HTTP/1.1 {code} {reason}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    msg.push_str("Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n");
    for (k, v) in headers {
        msg.push_str(&format!("{k}: {v}\r\n"));
    }
    msg.push_str("\r\n");
    stream.write_all(msg.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn handle(site: &Site, mut stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers (bounded), we need none of them.
    let mut total = request_line.len();
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line)?;
        total += n;
        if n == 0 || line == "\r\n" || line == "\n" || total > 64 * 1024 {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let text = [("Content-Type", "text/plain; charset=utf-8".to_string())];
    let head = method == "HEAD";
    if method != "GET" && !head {
        return respond(&mut stream, 405, &[("Allow", "GET, HEAD".into())], b"method not allowed\n", false);
    }
    let status = match site.resolve(target) {
        Ok(Resolved::Redirect(to)) => respond(&mut stream, 301, &[("Location", to)], b"", head),
        Ok(Resolved::File(path)) => match fs::read(&path) {
            Ok(body) => respond(&mut stream, 200, &[("Content-Type", mime(&path).into())], &body, head),
            Err(_) => respond(&mut stream, 404, &text, b"not found\n", head),
        },
        Err(code) => {
            let body = format!("{code}\n");
            respond(&mut stream, code, &text, body.as_bytes(), head)
        }
    };
    eprintln!("  {method} {target}");
    status
}

/// Serves `site` on `listener` until the process ends.
pub fn serve(listener: TcpListener, site: Site) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let site = site.clone();
        thread::spawn(move || {
            let _ = handle(&site, stream);
        });
    }
}

/// Starts the demo server in a background thread on `127.0.0.1:port` (0: a free port).
pub fn spawn(port: u16) -> Result<SocketAddr> {
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| fail!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let addr = listener.local_addr()?;
    thread::spawn(move || serve(listener, Site::demo()));
    Ok(addr)
}

fn parse_port(args: &[String], usage: &str) -> Result<u16> {
    let parse = |n: &str| n.parse().map_err(|_| fail!("--port wants a number from 0 to 65535, got `{n}`"));
    match args {
        [] => Ok(8080),
        [flag, n] if flag == "--port" => parse(n),
        [flag] if flag.starts_with("--port=") => parse(&flag["--port=".len()..]),
        _ => Err(fail!("usage: {usage}")),
    }
}

/// `cargo xtask demo [--port N]`: set up, build, check the samples, serve until killed.
pub fn demo(args: &[String]) -> Result {
    let port = parse_port(args, "cargo xtask demo [--port N]")?;
    crate::setup::setup(false)?;
    crate::build::build()?;
    let index = cmd::root().join("www/samples/index.json");
    if !index.exists() {
        return Err(fail!("{} is missing: run `cargo xtask samples`", index.display()));
    }
    serve_forever(port)
}

/// `cargo xtask serve [--port N]`: serve what is there now (no set-up, no build).
pub fn main(args: &[String]) -> Result {
    serve_forever(parse_port(args, "cargo xtask serve [--port N]")?)
}

fn serve_forever(port: u16) -> Result {
    if !cmd::root().join("www/index.html").exists() {
        eprintln!("  warning: www/index.html does not exist yet; `/` will answer 404");
    }
    if !crate::build::pkg_dir().join("verified_badge.js").exists() {
        eprintln!("  warning: pkg/ is not built; /pkg/ will answer 404 (run `cargo xtask build`)");
    }
    let listener =
        TcpListener::bind(("127.0.0.1", port)).map_err(|e| fail!("cannot listen on 127.0.0.1:{port}: {e} (try --port)"))?;
    let addr = listener.local_addr()?;
    println!("\nverified-badge demo: http://{addr}/   (Ctrl-C to stop)\n");
    let _ = std::io::Write::flush(&mut std::io::stdout());
    serve(listener, Site::demo());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (cmd::TempDir, Site) {
        let tmp = cmd::TempDir::new("serve-test").unwrap();
        let www = tmp.0.join("www");
        let pkg = tmp.0.join("pkg");
        fs::create_dir_all(www.join("samples")).unwrap();
        fs::create_dir_all(&pkg).unwrap();
        fs::write(www.join("index.html"), "<!doctype html>").unwrap();
        fs::write(www.join("samples/valid.json"), "{}").unwrap();
        fs::write(pkg.join("verified_badge_bg.wasm"), b"\0asm").unwrap();
        fs::write(tmp.0.join("secret.txt"), "no").unwrap();
        let site = Site { mounts: vec![("/pkg/".into(), pkg), ("/".into(), www)] };
        (tmp, site)
    }

    fn file(r: std::result::Result<Resolved, u16>) -> Option<String> {
        match r {
            Ok(Resolved::File(p)) => Some(p.file_name().unwrap().to_string_lossy().into_owned()),
            _ => None,
        }
    }

    #[test]
    fn resolves_files_dirs_and_mounts() {
        let (_tmp, s) = site();
        assert_eq!(file(s.resolve("/")).as_deref(), Some("index.html"));
        assert_eq!(file(s.resolve("/samples/valid.json?x=1")).as_deref(), Some("valid.json"));
        assert_eq!(file(s.resolve("/pkg/verified_badge_bg.wasm")).as_deref(), Some("verified_badge_bg.wasm"));
        assert!(matches!(s.resolve("/samples"), Ok(Resolved::Redirect(to)) if to == "/samples/"));
        assert!(matches!(s.resolve("/pkg"), Ok(Resolved::Redirect(to)) if to == "/pkg/"));
        assert!(matches!(s.resolve("/missing.js"), Err(404)));
    }

    #[test]
    fn rejects_traversal() {
        let (_tmp, s) = site();
        for bad in ["/../secret.txt", "/samples/../../secret.txt", "/%2e%2e/secret.txt", "/pkg/../../secret.txt", "/a\\..\\b"] {
            assert!(matches!(s.resolve(bad), Err(400 | 403)), "{bad}");
        }
    }

    #[test]
    fn mime_types() {
        assert_eq!(mime(Path::new("a.wasm")), "application/wasm");
        assert!(mime(Path::new("a.mjs")).starts_with("text/javascript"));
        assert!(mime(Path::new("a.js")).starts_with("text/javascript"));
        assert_eq!(mime(Path::new("a.json")), "application/json");
        assert_eq!(mime(Path::new("a.svg")), "image/svg+xml");
        assert_eq!(mime(Path::new("a.png")), "image/png");
    }
}
