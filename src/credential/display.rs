//! The names a badge shows (issuer, achievement, credential) checked for text that can make a
//! reader see something other than what is there: a word mixing Latin with Cyrillic, Greek or
//! Armenian letters (`Ρaypal` with a Greek Rho), bidirectional override and isolate controls
//! (which reorder what is displayed), and invisible characters.
//!
//! Deliberately small and table-driven (UTS #39 in spirit, not in full): a few script ranges
//! and code point lists, no Unicode tables. A signature proves who wrote a name, not that it
//! reads as it looks, so a flagged name fails the `display` check (`display.confusable_text`).

use std::fmt;

use super::summary::CredentialSummary;
use crate::report::{Code, Status};

/// The scripts whose letters are confusable with one another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
}

/// Inclusive code point ranges of each script's letters (Basic Latin letters are ASCII).
const SCRIPTS: &[(u32, u32, Script)] = &[
    (0x0041, 0x005A, Script::Latin),
    (0x0061, 0x007A, Script::Latin),
    (0x00C0, 0x024F, Script::Latin),
    (0x1E00, 0x1EFF, Script::Latin),
    (0xFF21, 0xFF3A, Script::Latin),
    (0xFF41, 0xFF5A, Script::Latin),
    (0x0370, 0x03FF, Script::Greek),
    (0x1F00, 0x1FFF, Script::Greek),
    (0x0400, 0x052F, Script::Cyrillic),
    (0x1C80, 0x1C8F, Script::Cyrillic),
    (0x2DE0, 0x2DFF, Script::Cyrillic),
    (0xA640, 0xA69F, Script::Cyrillic),
    (0x0530, 0x058F, Script::Armenian),
];

/// Bidirectional formatting controls: embeddings, overrides, isolates and marks.
const BIDI: &[(u32, u32)] = &[(0x061C, 0x061C), (0x200E, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069)];

/// Characters that show nothing (ZWNJ and ZWJ are handled apart: scripts such as Persian and
/// the Indic ones need them).
const INVISIBLE: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180E, 0x180E),
    (0x200B, 0x200B),
    (0x2060, 0x2064),
    (0x3164, 0x3164),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xE0000, 0xE007F),
];

/// Zero-width non-joiner and joiner: invisible, and never needed next to the scripts above.
const JOINERS: &[(u32, u32)] = &[(0x200C, 0x200D)];

fn within(c: char, table: &[(u32, u32)]) -> bool {
    let c = u32::from(c);
    table.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

fn script(c: char) -> Option<Script> {
    let c = u32::from(c);
    SCRIPTS.iter().find(|&&(lo, hi, _)| (lo..=hi).contains(&c)).map(|&(_, _, s)| s)
}

/// What is wrong with a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Confusable {
    /// One word mixes letters of two of Latin, Greek, Cyrillic and Armenian.
    MixedScript,
    /// A bidirectional override, embedding, isolate or mark.
    Bidi,
    /// An invisible character.
    Invisible,
}

/// The first problem in `text`, if any.
pub fn inspect(text: &str) -> Option<Confusable> {
    // Every table above but Basic Latin's letters lies outside ASCII: ASCII text is one script
    // with no controls, and most names are ASCII.
    if text.is_ascii() {
        return None;
    }
    if text.chars().any(|c| within(c, BIDI)) {
        return Some(Confusable::Bidi);
    }
    if text.chars().any(|c| within(c, INVISIBLE)) {
        return Some(Confusable::Invisible);
    }
    // Words: runs of letters, marks and joiners (punctuation and spaces separate them).
    for word in text.split(|c: char| !(c.is_alphanumeric() || within(c, JOINERS) || is_mark(c))) {
        let mut first: Option<Script> = None;
        for s in word.chars().filter_map(script) {
            match first {
                None => first = Some(s),
                Some(f) if f != s => return Some(Confusable::MixedScript),
                Some(_) => {}
            }
        }
        if first.is_some() && word.chars().any(|c| within(c, JOINERS)) {
            return Some(Confusable::Invisible);
        }
    }
    None
}

/// Combining diacritical marks (they belong to the word they sit in).
fn is_mark(c: char) -> bool {
    within(c, &[(0x0300, 0x036F)])
}

/// A shown name that fails the check: which one, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfusableText {
    /// `issuer.name`, `achievement.name` or `name`.
    pub field: &'static str,
    /// What was found.
    pub problem: Confusable,
}

impl Code for ConfusableText {
    fn code(&self) -> &'static str {
        "display.confusable_text"
    }

    fn status(&self) -> Status {
        Status::Failed
    }

    fn message(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for ConfusableText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.problem {
            Confusable::MixedScript => "mixes look-alike letters of different scripts in one word",
            Confusable::Bidi => "contains bidirectional control characters that reorder what is shown",
            Confusable::Invisible => "contains invisible characters",
        };
        write!(f, "the {} {why}", self.field)
    }
}

/// The first shown name of `summary` that fails the check, if any.
pub fn check(summary: &CredentialSummary) -> Option<ConfusableText> {
    let names = [
        ("issuer.name", summary.issuer.as_ref().and_then(|i| i.name.as_deref())),
        ("achievement.name", summary.achievement.as_ref().and_then(|a| a.name.as_deref())),
        ("name", summary.name.as_deref()),
    ];
    names.into_iter().find_map(|(field, text)| inspect(text?).map(|problem| ConfusableText { field, problem }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_in_any_one_script_pass() {
        for ok in ["Test Academy", "Université de Genève", "Московский университет", "Ελληνικό Πανεπιστήμιο",
                   "Երևանի համալսարան", "東京大学", "دانشگاه\u{200C}ها", "MIT-Harvard (2024)", "Café", "Cafe\u{301}"] {
            assert_eq!(inspect(ok), None, "{ok}");
        }
    }

    #[test]
    fn confusables_are_flagged() {
        let cases = [
            ("\u{0420}aypal", Confusable::MixedScript),   // Cyrillic Er + Latin
            ("Micr\u{043E}soft", Confusable::MixedScript), // Cyrillic o
            ("\u{03A1}aypal", Confusable::MixedScript),   // Greek Rho
            ("Go\u{0585}gle", Confusable::MixedScript),   // Armenian oh
            ("Test \u{202E}ymedacA", Confusable::Bidi),
            ("Test\u{2067} Academy", Confusable::Bidi),
            ("Te\u{200B}st", Confusable::Invisible),
            ("Test\u{FEFF}", Confusable::Invisible),
            ("Te\u{200D}st", Confusable::Invisible),
            ("Test\u{E0041}", Confusable::Invisible),
        ];
        for (text, want) in cases {
            assert_eq!(inspect(text), Some(want), "{text:?}");
        }
    }
}
