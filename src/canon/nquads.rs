//! N-Quads: the canonical serializer RDFC-1.0 hashes, and a strict parser for tests and fuzzing.
//!
//! The serializer writes the canonical form of [RDFC-1.0 §4.3] (after [N-Triples 1.2 §4]):
//! one space between terms, ` .\n` after each statement, IRIs as they are, and in literals
//! `\"` `\\` `\n` `\r` `\t` `\b` `\f` as ECHAR, the other controls (U+0000–U+001F, U+007F)
//! as `\u00XX` with upper-case hex, everything else as UTF-8.
//!
//! The parser reads [N-Quads 1.1] (statements, comments, `\u`/`\U`/ECHAR escapes) in one pass
//! over the text, without recursion: time and memory are linear in the input. It accepts
//! only absolute IRIs and reports the first error with its line number.
//!
//! [RDFC-1.0 §4.3]: https://www.w3.org/TR/rdf-canon/#canonical-quads
//! [N-Triples 1.2 §4]: https://www.w3.org/TR/rdf12-n-triples/#canonical-ntriples
//! [N-Quads 1.1]: https://www.w3.org/TR/n-quads/

use std::borrow::Cow;
use std::fmt;

use super::jsonld::iri::has_scheme;
use super::rdf::{GraphName, Literal, LiteralKind, Object, Quad, Subject, XSD_STRING};

/// The N-Quads text of `quads`, in the given order, each statement ending in `\n`.
pub fn to_nquads(quads: &[Quad<'_>]) -> String {
    let mut out = String::new();
    for quad in quads {
        write_quad(&mut out, quad);
    }
    out
}

/// Appends one quad in canonical N-Quads form, ending in ` .\n`.
pub fn write_quad(out: &mut String, quad: &Quad<'_>) {
    write_quad_with(out, quad, |out, _, label| {
        out.push_str("_:");
        out.push_str(label);
    });
}

/// Where a blank node stands in a quad (RDFC-1.0 hashes related blank nodes by position).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// The subject.
    Subject,
    /// The object.
    Object,
    /// The graph name.
    Graph,
}

/// Appends one quad in canonical form, letting `blank` write each blank node (the whole term,
/// `_:` included) from its slot and input label: RDFC-1.0 relabels without copying quads.
pub(crate) fn write_quad_with<F>(out: &mut String, quad: &Quad<'_>, mut blank: F)
where
    F: FnMut(&mut String, Slot, &str),
{
    match &quad.subject {
        Subject::Iri(iri) => write_iri(out, iri),
        Subject::Blank(label) => blank(out, Slot::Subject, label),
    }
    out.push(' ');
    write_iri(out, &quad.predicate);
    out.push(' ');
    match &quad.object {
        Object::Iri(iri) => write_iri(out, iri),
        Object::Blank(label) => blank(out, Slot::Object, label),
        Object::Literal(literal) => write_literal(out, literal),
    }
    match &quad.graph {
        GraphName::Default => {}
        GraphName::Iri(iri) => {
            out.push(' ');
            write_iri(out, iri);
        }
        GraphName::Blank(label) => {
            out.push(' ');
            blank(out, Slot::Graph, label);
        }
    }
    out.push_str(" .\n");
}

fn write_iri(out: &mut String, iri: &str) {
    out.push('<');
    out.push_str(iri);
    out.push('>');
}

fn write_literal(out: &mut String, literal: &Literal<'_>) {
    out.push('"');
    write_escaped(out, &literal.value);
    out.push('"');
    match &literal.kind {
        LiteralKind::String => {}
        // `xsd:string` is never written, however the literal was built.
        LiteralKind::Typed(datatype) if datatype != XSD_STRING => {
            out.push_str("^^");
            write_iri(out, datatype);
        }
        LiteralKind::Typed(_) => {}
        LiteralKind::Language(tag) => {
            out.push('@');
            out.push_str(tag);
        }
    }
}

/// Escapes a literal's lexical form as canonical N-Quads requires.
fn write_escaped(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut start = 0;
    for (i, byte) in value.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            0x00..=0x1F | 0x7F => "",
            _ => continue,
        };
        // `i` is at an ASCII byte, so both slices fall on character boundaries.
        out.push_str(value.get(start..i).unwrap_or_default());
        start = i.saturating_add(1);
        if escape.is_empty() {
            out.push_str("\\u00");
            for nibble in [byte >> 4, byte & 0x0F] {
                out.push(char::from(HEX.get(usize::from(nibble)).copied().unwrap_or(b'0')));
            }
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(value.get(start..).unwrap_or_default());
}

/// Why N-Quads text could not be read. Each variant carries the 1-based line number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NQuadsError {
    /// The line ended before the statement did (a term or the final `.` is missing).
    UnexpectedEnd {
        /// The line number.
        line: usize,
    },
    /// A character the grammar does not allow where it stands.
    UnexpectedChar {
        /// The line number.
        line: usize,
    },
    /// A literal where only an IRI or blank node may stand, or a blank node as predicate.
    MisplacedTerm {
        /// The line number.
        line: usize,
    },
    /// An IRI that is not absolute, or that holds a character IRIs may not hold.
    InvalidIri {
        /// The line number.
        line: usize,
    },
    /// A blank node label the grammar does not allow.
    InvalidBlankNode {
        /// The line number.
        line: usize,
    },
    /// An escape other than `\t \b \n \r \f \" \' \\`, `\uXXXX`, `\UXXXXXXXX`, or one naming
    /// no Unicode scalar value.
    InvalidEscape {
        /// The line number.
        line: usize,
    },
    /// A language tag the grammar does not allow (RDF 1.2 base directions included).
    InvalidLanguageTag {
        /// The line number.
        line: usize,
    },
}

impl NQuadsError {
    /// The stable code of this error, e.g. `nquads.invalid_iri`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnexpectedEnd { .. } => "nquads.unexpected_end",
            Self::UnexpectedChar { .. } => "nquads.unexpected_char",
            Self::MisplacedTerm { .. } => "nquads.misplaced_term",
            Self::InvalidIri { .. } => "nquads.invalid_iri",
            Self::InvalidBlankNode { .. } => "nquads.invalid_blank_node",
            Self::InvalidEscape { .. } => "nquads.invalid_escape",
            Self::InvalidLanguageTag { .. } => "nquads.invalid_language_tag",
        }
    }

    /// The 1-based line number where the error is.
    pub fn line(&self) -> usize {
        match *self {
            Self::UnexpectedEnd { line }
            | Self::UnexpectedChar { line }
            | Self::MisplacedTerm { line }
            | Self::InvalidIri { line }
            | Self::InvalidBlankNode { line }
            | Self::InvalidEscape { line }
            | Self::InvalidLanguageTag { line } => line,
        }
    }
}

impl fmt::Display for NQuadsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} on line {}", self.code(), self.line())
    }
}

impl std::error::Error for NQuadsError {}

/// Reads N-Quads text into quads, in document order (duplicates kept).
pub fn parse(input: &str) -> Result<Vec<Quad<'static>>, NQuadsError> {
    let mut quads = Vec::new();
    // Literals and IRIs cannot hold a raw CR or LF, so every statement sits on one line.
    for (index, text) in input.split('\n').enumerate() {
        for part in text.split('\r') {
            let mut cursor = Cursor { rest: part, line: index.saturating_add(1) };
            if let Some(quad) = cursor.statement()? {
                quads.push(quad);
            }
        }
    }
    Ok(quads)
}

/// A position inside one line.
struct Cursor<'a> {
    rest: &'a str,
    line: usize,
}

impl Cursor<'_> {
    fn statement(&mut self) -> Result<Option<Quad<'static>>, NQuadsError> {
        self.skip_space();
        if self.rest.is_empty() || self.rest.starts_with('#') {
            return Ok(None);
        }
        let subject = match self.peek() {
            Some('<') => Subject::Iri(self.iri()?),
            Some('_') => Subject::Blank(self.blank()?),
            Some('"') => return Err(self.error(ErrorKind::Misplaced)),
            _ => return Err(self.error(ErrorKind::Char)),
        };
        self.skip_space();
        let predicate = match self.peek() {
            Some('<') => self.iri()?,
            Some('_' | '"') => return Err(self.error(ErrorKind::Misplaced)),
            None => return Err(self.error(ErrorKind::End)),
            _ => return Err(self.error(ErrorKind::Char)),
        };
        self.skip_space();
        let object = match self.peek() {
            Some('<') => Object::Iri(self.iri()?),
            Some('_') => Object::Blank(self.blank()?),
            Some('"') => Object::Literal(self.literal()?),
            None => return Err(self.error(ErrorKind::End)),
            _ => return Err(self.error(ErrorKind::Char)),
        };
        self.skip_space();
        let graph = match self.peek() {
            Some('<') => GraphName::Iri(self.iri()?),
            Some('_') => GraphName::Blank(self.blank()?),
            Some('"') => return Err(self.error(ErrorKind::Misplaced)),
            _ => GraphName::Default,
        };
        self.skip_space();
        match self.bump() {
            Some('.') => {}
            None => return Err(self.error(ErrorKind::End)),
            Some(_) => return Err(self.error(ErrorKind::Char)),
        }
        self.skip_space();
        if !(self.rest.is_empty() || self.rest.starts_with('#')) {
            return Err(self.error(ErrorKind::Char));
        }
        Ok(Some(Quad { subject, predicate, object, graph }))
    }

    /// `IRIREF`, starting at `<`.
    fn iri(&mut self) -> Result<Cow<'static, str>, NQuadsError> {
        self.bump();
        let mut iri = String::new();
        loop {
            let c = match self.bump() {
                None => return Err(self.error(ErrorKind::End)),
                Some('>') => break,
                Some('\\') => match self.bump() {
                    Some('u') => self.hex(4)?,
                    Some('U') => self.hex(8)?,
                    _ => return Err(self.error(ErrorKind::Escape)),
                },
                Some(c) => c,
            };
            if matches!(c, '\0'..=' ' | '<' | '>' | '"' | '{' | '}' | '|' | '^' | '`' | '\\') {
                return Err(self.error(ErrorKind::Iri));
            }
            iri.push(c);
        }
        if !has_scheme(&iri) {
            return Err(self.error(ErrorKind::Iri));
        }
        Ok(iri.into())
    }

    /// `BLANK_NODE_LABEL`, starting at `_`; returns the label without `_:`.
    fn blank(&mut self) -> Result<Cow<'static, str>, NQuadsError> {
        self.rest = self.rest.strip_prefix("_:").ok_or(self.error(ErrorKind::Blank))?;
        let mut chars = self.rest.char_indices();
        match chars.next() {
            Some((_, c)) if is_pn_chars_u(c) || c.is_ascii_digit() => {}
            _ => return Err(self.error(ErrorKind::Blank)),
        }
        let end =
            chars.find(|&(_, c)| !(is_pn_chars(c) || c == '.')).map_or(self.rest.len(), |(i, _)| i);
        // A label cannot end in `.`: trailing dots end the statement instead.
        let label = self.rest.get(..end).unwrap_or_default().trim_end_matches('.');
        self.rest = self.rest.get(label.len()..).unwrap_or_default();
        Ok(Cow::Owned(label.to_owned()))
    }

    /// A literal, starting at `"`, with its datatype or language tag.
    fn literal(&mut self) -> Result<Literal<'static>, NQuadsError> {
        self.bump();
        let mut value = String::new();
        loop {
            match self.bump() {
                None => return Err(self.error(ErrorKind::End)),
                Some('"') => break,
                Some('\\') => {
                    let c = match self.bump() {
                        Some('t') => '\t',
                        Some('b') => '\u{8}',
                        Some('n') => '\n',
                        Some('r') => '\r',
                        Some('f') => '\u{c}',
                        Some('"') => '"',
                        Some('\'') => '\'',
                        Some('\\') => '\\',
                        Some('u') => self.hex(4)?,
                        Some('U') => self.hex(8)?,
                        _ => return Err(self.error(ErrorKind::Escape)),
                    };
                    value.push(c);
                }
                Some(c) => value.push(c),
            }
        }
        if let Some(rest) = self.rest.strip_prefix("^^") {
            self.rest = rest;
            if self.peek() != Some('<') {
                return Err(self.error(ErrorKind::Char));
            }
            let datatype = self.iri()?;
            return Ok(Literal::typed(value, datatype));
        }
        if let Some(rest) = self.rest.strip_prefix('@') {
            let end =
                rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(rest.len());
            let tag = rest.get(..end).unwrap_or_default();
            let mut subtags = tag.split('-');
            let primary_ok = subtags
                .next()
                .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphabetic()));
            if !primary_ok || subtags.any(str::is_empty) {
                return Err(self.error(ErrorKind::Language));
            }
            self.rest = rest.get(end..).unwrap_or_default();
            return Ok(Literal::language(value, tag.to_owned()));
        }
        Ok(Literal::string(value))
    }

    /// The `digits` hex digits of a `\u` or `\U` escape, as a character.
    fn hex(&mut self, digits: usize) -> Result<char, NQuadsError> {
        let hex = self.rest.get(..digits).ok_or(self.error(ErrorKind::Escape))?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(self.error(ErrorKind::Escape));
        }
        let code = u32::from_str_radix(hex, 16).map_err(|_| self.error(ErrorKind::Escape))?;
        let c = char::from_u32(code).ok_or(self.error(ErrorKind::Escape))?;
        self.rest = self.rest.get(digits..).unwrap_or_default();
        Ok(c)
    }

    fn peek(&self) -> Option<char> {
        self.rest.chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let mut chars = self.rest.chars();
        let c = chars.next()?;
        self.rest = chars.as_str();
        Some(c)
    }

    fn skip_space(&mut self) {
        self.rest = self.rest.trim_start_matches([' ', '\t']);
    }

    fn error(&self, kind: ErrorKind) -> NQuadsError {
        let line = self.line;
        match kind {
            ErrorKind::End => NQuadsError::UnexpectedEnd { line },
            ErrorKind::Char => NQuadsError::UnexpectedChar { line },
            ErrorKind::Misplaced => NQuadsError::MisplacedTerm { line },
            ErrorKind::Iri => NQuadsError::InvalidIri { line },
            ErrorKind::Blank => NQuadsError::InvalidBlankNode { line },
            ErrorKind::Escape => NQuadsError::InvalidEscape { line },
            ErrorKind::Language => NQuadsError::InvalidLanguageTag { line },
        }
    }
}

/// [`NQuadsError`] without its line, so the cursor can fill that in.
#[derive(Clone, Copy)]
enum ErrorKind {
    End,
    Char,
    Misplaced,
    Iri,
    Blank,
    Escape,
    Language,
}

/// `PN_CHARS_U` of the N-Quads grammar (`PN_CHARS_BASE`, `_` and `:`).
fn is_pn_chars_u(c: char) -> bool {
    matches!(c,
        'A'..='Z' | 'a'..='z' | '_' | ':'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// `PN_CHARS` of the N-Quads grammar.
fn is_pn_chars(c: char) -> bool {
    is_pn_chars_u(c)
        || matches!(c, '-' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal_line(value: &str) -> String {
        let quad = Quad::new(
            Subject::Iri("urn:s".into()),
            "urn:p",
            Object::Literal(Literal::string(value)),
            GraphName::Default,
        );
        to_nquads(&[quad])
    }

    #[test]
    fn escapes_as_canonical_nquads() {
        assert_eq!(literal_line("a\"b\\c"), "<urn:s> <urn:p> \"a\\\"b\\\\c\" .\n");
        assert_eq!(literal_line("\n\r\t\u{8}\u{c}"), "<urn:s> <urn:p> \"\\n\\r\\t\\b\\f\" .\n");
        assert_eq!(
            literal_line("\u{0}\u{b}\u{1f}\u{7f}"),
            "<urn:s> <urn:p> \"\\u0000\\u000B\\u001F\\u007F\" .\n"
        );
        // Not escaped: the apostrophe, U+0080 and above, non-BMP characters.
        assert_eq!(literal_line("'\u{80}∞🌃"), "<urn:s> <urn:p> \"'\u{80}∞🌃\" .\n");
        assert_eq!(literal_line(""), "<urn:s> <urn:p> \"\" .\n");
    }

    #[test]
    fn writes_each_term_kind() {
        let quads = [
            Quad::new(
                Subject::Blank("b0".into()),
                "urn:p",
                Object::Literal(Literal::typed("1", "urn:int")),
                GraphName::Iri("urn:g".into()),
            ),
            Quad::new(
                Subject::Iri("urn:s".into()),
                "urn:p",
                Object::Literal(Literal::language("hi", "en-GB")),
                GraphName::Blank("g".into()),
            ),
            Quad::new(
                Subject::Iri("urn:s".into()),
                "urn:p",
                Object::Blank("o".into()),
                GraphName::Default,
            ),
        ];
        let text = to_nquads(&quads);
        assert_eq!(
            text,
            "_:b0 <urn:p> \"1\"^^<urn:int> <urn:g> .\n\
             <urn:s> <urn:p> \"hi\"@en-GB _:g .\n\
             <urn:s> <urn:p> _:o .\n"
        );
        assert_eq!(parse(&text), Ok(quads.to_vec()));
    }

    #[test]
    fn parses_escapes_comments_and_spacing() {
        let text = "# comment\n\
                    <urn:\\u0065x>\t<urn:p>  \"\\t\\u0041\\U0001F303\\'\"\
                    ^^<http://www.w3.org/2001/XMLSchema#string> . # c\r\n\
                    _:a.b <urn:p> _:c.\n\
                    \n";
        let quads = parse(text);
        assert_eq!(
            quads,
            Ok(vec![
                Quad::new(
                    Subject::Iri("urn:ex".into()),
                    "urn:p",
                    Object::Literal(Literal::string("\tA🌃'")),
                    GraphName::Default,
                ),
                Quad::new(
                    Subject::Blank("a.b".into()),
                    "urn:p",
                    Object::Blank("c".into()),
                    GraphName::Default,
                ),
            ])
        );
    }

    #[test]
    fn reports_typed_errors_with_lines() {
        let cases: &[(&str, &str)] = &[
            ("<urn:s> <urn:p> <urn:o>", "nquads.unexpected_end"),
            ("<urn:s> <urn:p> \"open", "nquads.unexpected_end"),
            ("<urn:s> <urn:p>", "nquads.unexpected_end"),
            ("<urn:s> <urn:p> <urn:o> . x", "nquads.unexpected_char"),
            ("<urn:s> <urn:p> <urn:o> <urn:g> <urn:h> .", "nquads.unexpected_char"),
            ("urn:s <urn:p> <urn:o> .", "nquads.unexpected_char"),
            ("\"s\" <urn:p> <urn:o> .", "nquads.misplaced_term"),
            ("<urn:s> _:p <urn:o> .", "nquads.misplaced_term"),
            ("<urn:s> <urn:p> <urn:o> \"g\" .", "nquads.misplaced_term"),
            ("<relative> <urn:p> <urn:o> .", "nquads.invalid_iri"),
            ("<urn:a b> <urn:p> <urn:o> .", "nquads.invalid_iri"),
            ("<urn:\\u0020> <urn:p> <urn:o> .", "nquads.invalid_iri"),
            ("_:-a <urn:p> <urn:o> .", "nquads.invalid_blank_node"),
            ("_: <urn:p> <urn:o> .", "nquads.invalid_blank_node"),
            ("<urn:s> <urn:p> \"\\x\" .", "nquads.invalid_escape"),
            ("<urn:s> <urn:p> \"\\uD800\" .", "nquads.invalid_escape"),
            ("<urn:s> <urn:p> \"\\u12\" .", "nquads.invalid_escape"),
            ("<urn:s> <urn:p> \"a\"@ .", "nquads.invalid_language_tag"),
            ("<urn:s> <urn:p> \"a\"@en--ltr .", "nquads.invalid_language_tag"),
            ("<urn:s> <urn:p> \"a\"@1a .", "nquads.invalid_language_tag"),
        ];
        for (line, code) in cases {
            let text = format!("<urn:s> <urn:p> <urn:o> .\n{line}\n");
            let error = parse(&text).err();
            assert_eq!(error.map(|e| (e.code(), e.line())), Some((*code, 2)), "{line}");
        }
    }
}
