//! Generated Open Badges 3.0 credentials (a small hand-rolled generator with a fixed seed, so
//! every run compares the same documents), and the input rewrite that isolates the JavaScript
//! number model.

use serde_json::{json, Map, Value};

/// xorshift64*: small, deterministic, good enough to pick shapes.
pub struct Rng(u64);

impl Rng {
    /// A generator from a non-zero seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability 1/n.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Language-map terms the generator defines in an embedded context (their keys are tags).
pub const LANGUAGE_MAPS: &[&str] = &["nameByLanguage", "noteByLanguage"];

const PIECES: &[&str] = &[
    "Rust", "badge", "Ünïcödé", "日本語の資格", "العربية", "emoji 🎓🦀", "tab\there", "line\nbreak", "quote \" and \\ backslash",
    "control \u{1} \u{8} \u{c} \u{1f} \u{7f}", "zero\u{0}byte", "CR\r", " spaces  ", "", "ǅ", "\u{200b}zero-width", "\u{fffd}",
    "surrogate pair 𝄞", "<b>html</b>", "https://example.org/not-an-iri-here", "_:b0", "@id", "1.0", "true",
];

fn text(rng: &mut Rng) -> String {
    let n = 1 + rng.below(3);
    (0..n).map(|_| rng.pick(PIECES)).collect::<Vec<_>>().join(" ")
}

const TAGS: &[&str] = &["en", "en-US", "fr-CA", "de", "zh-Hant-TW", "es-419", "EN-gb", "und", "sr-Latn"];

/// A JSON number of some kind (integers small and huge, fractions, exponents, negative zero).
fn number(rng: &mut Rng) -> Value {
    let text = match rng.below(16) {
        0 => "0".to_owned(),
        1 => "-0.0".to_owned(),
        2 => "3.0".to_owned(),
        3 => "3.5".to_owned(),
        4 => "0.1".to_owned(),
        5 => "1e21".to_owned(),
        6 => "1.5e-7".to_owned(),
        7 => "123456789012345678".to_owned(),
        8 => "9007199254740993".to_owned(),
        9 => "-42".to_owned(),
        10 => "0.30000000000000004".to_owned(),
        11 => "1.2345678901234567e300".to_owned(),
        12 => format!("{}", rng.below(1_000_000)),
        13 => format!("{}.{}", rng.below(1000), rng.below(1000)),
        14 => "5e-324".to_owned(),
        _ => rng.pick(&["1.5e308", "-2.5e-8", "-7.25"]).to_owned(),
    };
    serde_json::from_str(&text).unwrap_or(json!(0))
}

fn iri(rng: &mut Rng, what: &str) -> String {
    format!("https://example.org/{what}/{}", rng.below(1000))
}

/// A value for an extension property (defined by VC v2's `@vocab`): anything JSON-LD allows.
fn extension_value(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(if depth > 2 { 6 } else { 11 }) {
        0 => Value::String(text(rng)),
        1 => number(rng),
        2 => Value::Bool(rng.one_in(2)),
        3 => json!({"@value": text(rng), "@language": rng.pick(TAGS)}),
        4 => json!({"@value": text(rng), "@language": rng.pick(TAGS), "@direction": rng.pick(&["ltr", "rtl"])}),
        5 => json!({"@value": number(rng), "@type": rng.pick(&[
            "http://www.w3.org/2001/XMLSchema#float", "http://www.w3.org/2001/XMLSchema#double",
            "http://www.w3.org/2001/XMLSchema#integer", "http://www.w3.org/2001/XMLSchema#decimal"])}),
        6 => json!({"@list": (0..rng.below(4)).map(|_| extension_value(rng, depth + 1)).collect::<Vec<_>>()}),
        7 => Value::Array((0..1 + rng.below(3)).map(|_| extension_value(rng, depth + 1)).collect()),
        8 => json!({"@id": iri(rng, "things")}),
        9 => json!({"@value": {"nested": [1, 2.5, "x", null, true], "z": "last", "a": {"b": []}}, "@type": "@json"}),
        _ => {
            let mut node = Map::new();
            if rng.one_in(2) {
                node.insert("id".into(), Value::String(iri(rng, "nodes")));
            }
            if rng.one_in(2) {
                node.insert("type".into(), json!(["https://example.org/types/A", "https://example.org/types/B"]));
            }
            for i in 0..1 + rng.below(3) {
                node.insert(format!("ext{i}"), extension_value(rng, depth + 1));
            }
            Value::Object(node)
        }
    }
}

fn language_map(rng: &mut Rng) -> Value {
    let mut map = Map::new();
    for _ in 0..1 + rng.below(3) {
        let value = if rng.one_in(3) { json!([text(rng), text(rng)]) } else { Value::String(text(rng)) };
        map.insert(rng.pick(TAGS).to_owned(), value);
    }
    Value::Object(map)
}

/// One random OB 3.0 credential (VC v2 + OB 3.0.3, or VC v1 + OB 3.0), unsigned.
pub fn credential(rng: &mut Rng) -> Value {
    let v1 = rng.one_in(4);
    let mut context = if v1 {
        vec![json!("https://www.w3.org/2018/credentials/v1"), json!("https://purl.imsglobal.org/spec/ob/v3p0/context.json")]
    } else {
        vec![json!("https://www.w3.org/ns/credentials/v2"), json!("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")]
    };
    let with_maps = !v1 && rng.one_in(2);
    let extensions = if v1 { 0 } else { rng.below(4) };
    // VC v2 has no `@vocab`: extension terms need one (else safe mode rightly refuses them).
    let mut local = Map::new();
    if extensions > 0 && !rng.one_in(8) {
        local.insert("@vocab".into(), json!("https://example.org/vocab#"));
    }
    if with_maps {
        local.insert("nameByLanguage".into(), json!({"@id": "https://example.org/vocab#nameByLanguage", "@container": "@language"}));
        local.insert("noteByLanguage".into(), json!({"@id": "https://example.org/vocab#noteByLanguage", "@container": "@language"}));
    }
    if !local.is_empty() {
        context.push(Value::Object(local));
    }
    let mut achievement = json!({
        "id": iri(rng, "achievements"),
        "type": ["Achievement"],
        "name": text(rng),
        "description": text(rng),
        "criteria": {"narrative": text(rng)},
    });
    if rng.one_in(2) {
        achievement["achievementType"] = json!(rng.pick(&["Badge", "Certificate", "Course", "ext:Custom"]));
    }
    if rng.one_in(2) {
        achievement["creditsAvailable"] = number(rng);
    }
    if rng.one_in(2) {
        achievement["tag"] = json!((0..rng.below(4)).map(|_| text(rng)).collect::<Vec<_>>());
    }
    if rng.one_in(2) {
        achievement["resultDescription"] = json!([{
            "id": iri(rng, "results"),
            "type": ["ResultDescription"],
            "name": text(rng),
            "resultType": "GradePointAverage",
            "allowedValue": (0..rng.below(4)).map(|_| text(rng)).collect::<Vec<_>>(),
        }]);
    }
    if rng.one_in(3) {
        achievement["alignment"] = json!([{
            "type": ["Alignment"], "targetName": text(rng), "targetUrl": iri(rng, "frameworks"), "targetType": "CFItem"
        }]);
    }
    if rng.one_in(3) {
        achievement["image"] = json!({"id": iri(rng, "images"), "type": "Image", "caption": text(rng)});
    }
    let mut subject = json!({"type": ["AchievementSubject"], "achievement": achievement});
    if rng.one_in(4) {
        subject["id"] = json!(format!("did:example:{}", rng.below(10_000)));
    }
    if rng.one_in(2) {
        subject["creditsEarned"] = number(rng);
    }
    if rng.one_in(3) {
        subject["result"] = json!([{"type": ["Result"], "value": text(rng), "resultDescription": iri(rng, "results")}]);
    }
    if rng.one_in(3) {
        subject["identifier"] = json!([{
            "type": "IdentityObject", "hashed": rng.one_in(2), "identityHash": text(rng), "identityType": "emailAddress",
            "salt": text(rng)
        }]);
    }
    let mut issuer = json!({"id": iri(rng, "issuers"), "type": ["Profile"], "name": text(rng)});
    if rng.one_in(2) {
        issuer["url"] = json!(iri(rng, "www"));
        issuer["email"] = json!("issuer@example.org");
    }
    let mut types = vec![json!("VerifiableCredential"), json!(rng.pick(&["OpenBadgeCredential", "AchievementCredential"]))];
    if rng.one_in(4) {
        types.push(json!("https://example.org/types/ExtraCredential"));
    }
    let mut credential = json!({
        "@context": context,
        "id": format!("urn:uuid:{:08x}-0000-4000-8000-{:012x}", rng.below(1 << 30), rng.below(1 << 40)),
        "type": types,
        "issuer": issuer,
        "name": text(rng),
        "credentialSubject": subject,
    });
    let (from, until) = if v1 { ("issuanceDate", "expirationDate") } else { ("validFrom", "validUntil") };
    credential[from] = json!("2024-01-01T00:00:00Z");
    if rng.one_in(2) {
        credential[until] = json!(rng.pick(&["2030-01-01T00:00:00Z", "2030-01-01T00:00:00.123+02:00"]));
    }
    if !v1 {
        for i in 0..extensions {
            credential[format!("extension{i}")] = extension_value(rng, 0);
        }
        if rng.one_in(3) {
            credential["description"] = json!({"@value": text(rng), "@language": rng.pick(TAGS)});
        }
    }
    if with_maps {
        for term in LANGUAGE_MAPS {
            if rng.one_in(2) {
                credential[*term] = language_map(rng);
            }
        }
    }
    if rng.one_in(4) {
        credential["credentialStatus"] = json!({
            "id": format!("https://example.org/status/1#{}", rng.below(100_000)),
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": format!("{}", rng.below(100_000)),
            "statusListCredential": "https://example.org/status/1"
        });
    }
    credential
}

/// JSON text of `v`; with `js_numbers`, each number written as jsonld.js sees it (it parses
/// JSON numbers as doubles): what it treats as an integer (`String(x)` has no `.` and
/// `|x| < 1e21`) as `x.toFixed(0)`, any other as a double.
pub fn js_text(v: &Value, js_numbers: bool) -> String {
    let mut out = String::new();
    write(v, js_numbers, &mut out);
    out
}

/// The JSON text of what jsonld.js makes of the number `x`.
fn js_number(x: f64) -> String {
    // JavaScript's String(x) uses exponent notation below 1e-6; it has a `.` iff the shortest
    // digits are more than one. At and above 1e-6 it has a `.` iff x is not integral.
    let has_dot = if x != 0.0 && x.abs() < 1e-6 { format!("{x:e}").contains('.') } else { x.fract() != 0.0 };
    if has_dot || x.abs() >= 1e21 {
        format!("{x:e}")
    } else if x.fract() == 0.0 {
        format!("{:.0}", x.abs()) // toFixed(0) writes no sign for -0
    } else {
        "0".to_owned() // toFixed(0) of a tiny value
    }
}

fn write(v: &Value, js: bool, out: &mut String) {
    match v {
        Value::Number(n) if js => {
            let x = n.as_f64().unwrap_or(0.0);
            let negative = x < 0.0 && js_number(x) != "0";
            out.push_str(&format!("{}{}", if negative { "-" } else { "" }, js_number(x).trim_start_matches('-')));
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, js, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write(item, js, out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}
