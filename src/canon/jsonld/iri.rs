//! IRI helpers: absolute-IRI and keyword tests, RFC 3986 §5.2 reference resolution.

/// Whether `s` starts with a URI scheme and a colon (RFC 3986 §3.1), so is an absolute IRI
/// (or a compact IRI whose prefix is undefined, which JSON-LD treats the same way).
pub(crate) fn has_scheme(s: &str) -> bool {
    scheme_len(s).is_some()
}

/// The length of the scheme of `s` (where its colon is), when `s` has one.
// Bytes in one pass, here and in the tests below: a `char` pattern (`find(':')`,
// `starts_with('@')`) is UTF-8 encoded and a searcher set up on every call in this
// size-optimized build, which showed in profiles of expansion (called for every key and IRI).
pub(crate) fn scheme_len(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    if !bytes.first()?.is_ascii_alphabetic() {
        return None;
    }
    for (i, &b) in bytes.iter().enumerate().skip(1) {
        match b {
            b':' => return Some(i),
            b if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.') => {}
            _ => return None,
        }
    }
    None
}

/// Whether `s` is a blank node identifier (`_:` and a label).
pub(crate) fn is_blank(s: &str) -> bool {
    matches!(s.as_bytes(), [b'_', b':', ..])
}

/// Whether `s` is a JSON-LD keyword.
pub(crate) fn is_keyword(s: &str) -> bool {
    // Most strings asked about are terms and IRIs: one byte tells them apart.
    s.as_bytes().first() == Some(&b'@')
        && matches!(
            s,
            "@base"
                | "@container"
                | "@context"
                | "@default"
                | "@direction"
                | "@embed"
                | "@explicit"
                | "@graph"
                | "@id"
                | "@import"
                | "@included"
                | "@index"
                | "@json"
                | "@language"
                | "@list"
                | "@nest"
                | "@none"
                | "@omitDefault"
                | "@prefix"
                | "@preserve"
                | "@propagate"
                | "@protected"
                | "@requireAll"
                | "@reverse"
                | "@set"
                | "@type"
                | "@value"
                | "@version"
                | "@vocab"
            )
}

/// Whether `s` has the form of a keyword (`@` and one or more ASCII letters), which
/// JSON-LD 1.1 reserves: such terms and IRIs are ignored.
pub(crate) fn looks_like_keyword(s: &str) -> bool {
    match s.as_bytes() {
        [b'@', rest @ ..] => !rest.is_empty() && rest.iter().all(u8::is_ascii_alphabetic),
        _ => false,
    }
}

/// Whether the IRI ends with a URI gen-delim character, so can serve as a prefix.
pub(crate) fn ends_with_gen_delim(s: &str) -> bool {
    matches!(s.as_bytes().last(), Some(b':' | b'/' | b'?' | b'#' | b'[' | b']' | b'@'))
}

/// The parts of an IRI reference (RFC 3986 §3), borrowed from it.
#[derive(Debug, Clone, Copy, Default)]
struct Parts<'a> {
    scheme: Option<&'a str>,
    authority: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

impl<'a> Parts<'a> {
    fn parse(s: &'a str) -> Self {
        let (rest, fragment) = match s.split_once('#') {
            Some((a, f)) => (a, Some(f)),
            None => (s, None),
        };
        let (rest, query) = match rest.split_once('?') {
            Some((a, q)) => (a, Some(q)),
            None => (rest, None),
        };
        let (scheme, rest) = match scheme_len(rest) {
            Some(n) => (rest.get(..n), rest.get(n.saturating_add(1)..).unwrap_or("")),
            None => (None, rest),
        };
        let (authority, path) = match rest.strip_prefix("//") {
            Some(after) => {
                let end = after.find('/').unwrap_or(after.len());
                (after.get(..end), after.get(end..).unwrap_or(""))
            }
            None => (None, rest),
        };
        Self { scheme, authority, path, query, fragment }
    }
}

/// Resolves the reference `r` against the absolute `base` (RFC 3986 §5.2.2).
pub(crate) fn resolve(base: &str, r: &str) -> String {
    let rp = Parts::parse(r);
    if rp.scheme.is_some() {
        return compose(rp.scheme, rp.authority, &remove_dot_segments(rp.path), rp.query, rp.fragment);
    }
    let bp = Parts::parse(base);
    if rp.authority.is_some() {
        return compose(bp.scheme, rp.authority, &remove_dot_segments(rp.path), rp.query, rp.fragment);
    }
    if rp.path.is_empty() {
        let query = if rp.query.is_some() { rp.query } else { bp.query };
        return compose(bp.scheme, bp.authority, bp.path, query, rp.fragment);
    }
    let path = if rp.path.starts_with('/') {
        remove_dot_segments(rp.path)
    } else {
        let merged = if bp.authority.is_some() && bp.path.is_empty() {
            format!("/{}", rp.path)
        } else {
            match bp.path.rfind('/') {
                Some(i) => format!("{}{}", bp.path.get(..=i).unwrap_or(""), rp.path),
                None => rp.path.to_owned(),
            }
        };
        remove_dot_segments(&merged)
    };
    compose(bp.scheme, bp.authority, &path, rp.query, rp.fragment)
}

fn compose(
    scheme: Option<&str>,
    authority: Option<&str>,
    path: &str,
    query: Option<&str>,
    fragment: Option<&str>,
) -> String {
    let mut out = String::with_capacity(
        [scheme.map_or(0, str::len), authority.map_or(0, str::len), path.len(), 8, query.map_or(0, str::len), fragment.map_or(0, str::len)]
            .into_iter()
            .fold(0, usize::saturating_add),
    );
    if let Some(s) = scheme {
        out.push_str(s);
        out.push(':');
    }
    if let Some(a) = authority {
        out.push_str("//");
        out.push_str(a);
    }
    out.push_str(path);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// RFC 3986 §5.2.4.
fn remove_dot_segments(path: &str) -> String {
    if !path.contains('.') {
        return path.to_owned();
    }
    let mut input = path;
    let mut out: Vec<&str> = Vec::new();
    // Each output entry is a segment including its leading '/', except possibly the first.
    while !input.is_empty() {
        if let Some(rest) = input.strip_prefix("../") {
            input = rest;
        } else if let Some(rest) = input.strip_prefix("./") {
            input = rest;
        } else if input.starts_with("/./") {
            input = input.get(2..).unwrap_or("");
        } else if input == "/." {
            input = "/";
        } else if input.starts_with("/../") {
            input = input.get(3..).unwrap_or("");
            out.pop();
        } else if input == "/.." {
            input = "/";
            out.pop();
        } else if input == "." || input == ".." {
            input = "";
        } else {
            let start = usize::from(input.starts_with('/'));
            let end = input.get(start..).and_then(|s| s.find('/')).map_or(input.len(), |i| i.saturating_add(start));
            out.push(input.get(..end).unwrap_or(""));
            input = input.get(end..).unwrap_or("");
        }
    }
    out.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3986_examples() {
        let base = "http://a/b/c/d;p?q";
        for (r, want) in [
            ("g:h", "g:h"),
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            (";x", "http://a/b/c/;x"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("/../g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            ("..g", "http://a/b/c/..g"),
            ("./../g", "http://a/b/g"),
            ("g/./h", "http://a/b/c/g/h"),
            ("g/../h", "http://a/b/c/h"),
            ("g;x=1/../y", "http://a/b/c/y"),
        ] {
            assert_eq!(resolve(base, r), want, "{r}");
        }
    }

    #[test]
    fn keywords_and_schemes() {
        assert!(has_scheme("http://x") && has_scheme("ex:a") && !has_scheme("_:b"));
        assert!(!has_scheme("a/b:c") && !has_scheme(":x") && !has_scheme("1a:b"));
        assert!(looks_like_keyword("@foo") && !looks_like_keyword("@") && !looks_like_keyword("@foo.bar"));
        assert!(is_keyword("@type") && !is_keyword("@foo"));
    }
}
