//! People's text in the clinic check: making it safe to show, validating follow-up numbers, and carrying free text in the bot's own message.
//!
//! Over 500 lines only with its unit tests (about 170 lines at the end), which pin the
//! reversible escape and the number formats and stay beside them.

use std::fmt;

use crate::reply::{Embed, Field};
use crate::text::is_direction_control;

/// Longest clinic name, in characters as the member typed it (the `/clinic-check clinic:` option
/// allows 100). Escaping for display may double it; the messages that show it are checked for
/// that at load time.
pub const CLINIC_MAX: usize = 100;
/// Longest manufacturer name, in characters as typed (the form's `max_length`).
pub const MANUFACTURER_MAX: usize = 100;
/// Longest note, in characters as typed (the form's `max_length`).
pub const NOTE_MAX: usize = 500;
/// Longest draft kept in an error message so a reopened form can be prefilled with it.
const DRAFT_MAX: usize = 1000;

/// Characters that Discord markdown (and CommonMark) gives a meaning; escaped with a backslash.
/// The same set as the app's own `escape`, so echoed text looks the same everywhere.
const MARKDOWN: &[char] = &[
    '\\', '*', '_', '~', '`', '|', '>', '#', '[', ']', '(', ')', '-', ':',
];
const ZERO_WIDTH_SPACE: char = '\u{200B}';

/// Makes a person's text safe to echo: markdown characters are backslash-escaped and every `@`
/// is followed by a zero-width space, so `@everyone`, `@here` and `<@id>` neither ping nor render
/// as mentions. [`unescape`] undoes it exactly, which is what the check's free text needs: it
/// travels in the bot's own message and is read back. (`crate::text::escape` is the lossy one,
/// for text that is only shown: it drops control characters and folds line breaks.)
pub fn escape_reversibly(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        if MARKDOWN.contains(&c) {
            out.push('\\');
            out.push(c);
        } else if c == '@' {
            out.push('@');
            out.push(ZERO_WIDTH_SPACE);
        } else {
            out.push(c);
        }
    }
    out
}

/// The length in characters of `escape_reversibly(text)`, without building it.
pub fn escaped_len(text: &str) -> usize {
    text.chars()
        .map(|c| {
            if MARKDOWN.contains(&c) || c == '@' {
                2
            } else {
                1
            }
        })
        .sum()
}

/// Reverses [`escape_reversibly`]: `unescape(&escape_reversibly(t)) == t` for every text.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '@' => {
                out.push('@');
                if chars.peek() == Some(&ZERO_WIDTH_SPACE) {
                    chars.next();
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// The longest start of `text` whose escaped form fits in `max` characters, escaped.
fn escape_reversibly_within(text: &str, max: usize) -> String {
    let mut used = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        let width = escaped_len(c.encode_utf8(&mut [0; 4]));
        if used + width > max {
            break;
        }
        used += width;
        end = i + c.len_utf8();
    }
    escape_reversibly(&text[..end])
}

/// Why a person's input was not taken; shown to them with a way to try again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProblem {
    /// What the input is, e.g. `IND number`.
    pub what: &'static str,
    /// The explanation, in plain words.
    pub message: String,
}

impl fmt::Display for InputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.what, self.message)
    }
}

/// A ClinicalTrials.gov number: `NCT` and exactly eight digits, kept as its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Nct(u32);

/// An FDA investigational new drug (IND) number: 4 to 7 digits, leading zeros kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ind {
    value: u32,
    digits: u8,
}

pub(crate) const NCT_WHAT: &str = "ClinicalTrials.gov number";
pub(crate) const IND_WHAT: &str = "IND number";
pub(crate) const IND_MIN_DIGITS: usize = 4;
pub(crate) const IND_MAX_DIGITS: usize = 7;

impl Nct {
    /// Reads `NCT01234567` in any case, with spaces around it trimmed.
    pub fn parse(input: &str) -> Result<Self, InputProblem> {
        let problem = |message: String| InputProblem {
            what: NCT_WHAT,
            message,
        };
        let text = input.trim();
        let Some(prefix) = text.get(..3) else {
            return Err(problem(
                "it starts with NCT followed by 8 digits, for example NCT01234567".into(),
            ));
        };
        if !prefix.eq_ignore_ascii_case("NCT") {
            return Err(problem(
                "it starts with the letters NCT, then 8 digits, for example NCT01234567".into(),
            ));
        }
        let digits = &text[3..];
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(problem(
                "after NCT come digits only, with no spaces or other characters".into(),
            ));
        }
        if digits.len() != 8 {
            return Err(problem(format!(
                "it has exactly 8 digits after NCT; this one has {}",
                digits.len()
            )));
        }
        let value = digits
            .parse::<u32>()
            .map_err(|_| problem("not a number".into()))?;
        Ok(Self(value))
    }

    /// From its number, when below 10^8.
    pub fn from_number(value: u32) -> Option<Self> {
        (value < 100_000_000).then_some(Self(value))
    }

    pub fn number(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Nct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NCT{:08}", self.0)
    }
}

impl Ind {
    /// Reads 4 to 7 digits, with an optional `IND` in front (any case, then spaces or `#`).
    pub fn parse(input: &str) -> Result<Self, InputProblem> {
        let problem = |message: String| InputProblem {
            what: IND_WHAT,
            message,
        };
        let mut text = input.trim();
        if text.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("IND")) {
            text = text[3..].trim_start_matches([' ', '#', ':']);
        }
        if text.is_empty() {
            return Err(problem(
                "it is the number FDA gave the study, 4 to 7 digits, for example 123456".into(),
            ));
        }
        if !text.chars().all(|c| c.is_ascii_digit()) {
            return Err(problem(
                "it is made of digits only, for example 123456".into(),
            ));
        }
        if !(IND_MIN_DIGITS..=IND_MAX_DIGITS).contains(&text.len()) {
            return Err(problem(format!(
                "it has {IND_MIN_DIGITS} to {IND_MAX_DIGITS} digits; this one has {}",
                text.len()
            )));
        }
        let value = text
            .parse::<u32>()
            .map_err(|_| problem("not a number".into()))?;
        if value == 0 {
            return Err(problem("an IND number is not all zeros".into()));
        }
        Ok(Self {
            value,
            digits: text.len() as u8,
        })
    }

    /// From its number and digit count, when they fit the rules [`Ind::parse`] applies.
    pub fn from_parts(value: u32, digits: u8) -> Option<Self> {
        let d = usize::from(digits);
        let fits = (IND_MIN_DIGITS..=IND_MAX_DIGITS).contains(&d)
            && value != 0
            && u64::from(value) < 10u64.pow(u32::from(digits));
        fits.then_some(Self { value, digits })
    }

    pub fn number(self) -> u32 {
        self.value
    }

    pub fn digits(self) -> u8 {
        self.digits
    }
}

impl fmt::Display for Ind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:0width$}",
            self.value,
            width = usize::from(self.digits)
        )
    }
}

/// Cleans a one-line free text (line breaks and control characters made spaces, direction
/// controls removed, then trimmed) and checks its length in characters as typed: the limit a
/// member is told is the one Discord's form counts, never the escaped text. `Ok(None)` when
/// nothing is left.
pub fn clean_line(
    what: &'static str,
    raw: &str,
    max: usize,
) -> Result<Option<String>, InputProblem> {
    let text: String = raw
        .chars()
        .filter(|c| !is_direction_control(*c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    check_length(what, text.trim().to_owned(), max)
}

/// The paragraph `raw` without control characters other than line breaks and without
/// direction controls, trimmed.
fn paragraph(raw: &str) -> String {
    let text: String = raw
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| (*c == '\n' || !c.is_control()) && !is_direction_control(*c))
        .collect();
    text.trim().to_owned()
}

/// Cleans a paragraph (control characters other than line breaks and direction controls
/// removed, then trimmed) and checks its length in characters as typed. `Ok(None)` when nothing
/// is left.
pub fn clean_paragraph(
    what: &'static str,
    raw: &str,
    max: usize,
) -> Result<Option<String>, InputProblem> {
    check_length(what, paragraph(raw), max)
}

fn check_length(
    what: &'static str,
    text: String,
    max: usize,
) -> Result<Option<String>, InputProblem> {
    if text.is_empty() {
        return Ok(None);
    }
    // What the member typed counts; escaping is for display only.
    let len = text.chars().count();
    if len > max {
        return Err(InputProblem {
            what,
            message: format!("it is {len} characters, over the limit of {max}"),
        });
    }
    Ok(Some(text))
}

/// Free text that travels in the bot's own message rather than in the button's token: the clinic
/// label, the manufacturer's name, the patient's note, and drafts of rejected form input.
///
/// The engine renders it as embed fields with fixed names; [`Carried::from_embeds`] reads it back
/// from the embeds of the message a button was pressed on. Values are kept raw here and escaped
/// when shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carried {
    pub clinic: Option<String>,
    pub manufacturer: Option<String>,
    pub note: Option<String>,
    /// What was typed into a form that was refused, by input id (`ind`, `nct`, `manufacturer`,
    /// `note`), so the reopened form starts from it.
    pub drafts: Vec<(String, String)>,
}

pub(crate) const CLINIC_FIELD: &str = "Clinic";
pub(crate) const MANUFACTURER_FIELD: &str = "Manufacturer";
pub(crate) const NOTE_FIELD: &str = "Your note";
const DRAFT_PREFIX: &str = "You typed: ";

/// The form inputs a draft may belong to: (input id, what it is called).
pub(crate) const DRAFT_INPUTS: &[(&str, &str)] = &[
    ("ind", IND_WHAT),
    ("nct", NCT_WHAT),
    ("manufacturer", "manufacturer"),
    ("note", "note"),
];

impl Carried {
    /// Reads the carried text back from a message's embeds (the fields named `Clinic`,
    /// `Manufacturer`, `Your note` and `You typed: …`). Anything else is ignored; values are
    /// unescaped and held to the same limits as when they were first taken.
    pub fn from_embeds(embeds: &[Embed]) -> Self {
        let mut carried = Self::default();
        for field in embeds.iter().flat_map(|e| e.fields.iter()) {
            let value = || unescape(field.value.trim());
            match field.name.as_str() {
                CLINIC_FIELD if carried.clinic.is_none() => {
                    carried.clinic = clean_line("clinic", &value(), CLINIC_MAX).ok().flatten();
                }
                MANUFACTURER_FIELD if carried.manufacturer.is_none() => {
                    carried.manufacturer = clean_line("manufacturer", &value(), MANUFACTURER_MAX)
                        .ok()
                        .flatten();
                }
                NOTE_FIELD if carried.note.is_none() => {
                    carried.note = clean_paragraph("note", &value(), NOTE_MAX).ok().flatten();
                }
                name => {
                    let draft = name.strip_prefix(DRAFT_PREFIX).and_then(|what| {
                        DRAFT_INPUTS
                            .iter()
                            .find(|(_, w)| *w == what)
                            .map(|(id, _)| *id)
                    });
                    if let Some(id) = draft {
                        if !carried.drafts.iter().any(|(d, _)| d == id) {
                            carried.drafts.push((id.to_owned(), value()));
                        }
                    }
                }
            }
        }
        carried
    }

    /// The draft typed for an input id, if any.
    pub fn draft(&self, id: &str) -> Option<&str> {
        self.drafts
            .iter()
            .find(|(d, _)| d == id)
            .map(|(_, v)| v.as_str())
    }

    /// The embed fields that carry this text; drafts only when `with_drafts`.
    pub(crate) fn fields(&self, with_drafts: bool) -> Vec<Field> {
        let mut fields = Vec::new();
        let mut push = |name: String, value: &str| {
            fields.push(Field {
                name,
                value: escape_reversibly(value),
                inline: false,
            })
        };
        if let Some(clinic) = &self.clinic {
            push(CLINIC_FIELD.to_owned(), clinic);
        }
        if let Some(manufacturer) = &self.manufacturer {
            push(MANUFACTURER_FIELD.to_owned(), manufacturer);
        }
        if let Some(note) = &self.note {
            push(NOTE_FIELD.to_owned(), note);
        }
        if with_drafts {
            for (id, raw) in &self.drafts {
                let Some((_, what)) = DRAFT_INPUTS.iter().find(|(d, _)| d == id) else {
                    continue;
                };
                // Shown as typed, less what cannot be shown (control characters would make
                // a blank field, which Discord refuses, and direction controls reorder text).
                let shown = paragraph(raw);
                if shown.is_empty() {
                    continue;
                }
                fields.push(Field {
                    name: format!("{DRAFT_PREFIX}{what}"),
                    value: escape_reversibly_within(&shown, DRAFT_MAX),
                    inline: false,
                });
            }
        }
        fields
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "a failing unwrap is a failing test")]
mod tests {
    use super::*;

    #[test]
    fn escaping_neutralises_mentions_and_markdown() {
        let escaped = escape_reversibly("@everyone **bold** <@123> `x` # h");
        assert_eq!(
            escaped,
            "@\u{200B}everyone \\*\\*bold\\*\\* <@\u{200B}123\\> \\`x\\` \\# h"
        );
        assert!(!escaped.contains("@everyone"));
        assert_eq!(escaped_len("@*a"), escape_reversibly("@*a").chars().count());
    }

    #[test]
    fn unescaping_gives_back_the_original_text() {
        for text in [
            "a\\*b",
            "@\u{200B}x",
            "\\@",
            "plain",
            "[link](x) ||s|| ~~d~~ _i_ > q",
        ] {
            assert_eq!(unescape(&escape_reversibly(text)), text);
        }
    }

    #[test]
    fn nct_numbers_are_read_in_any_case_with_spaces_trimmed() {
        assert_eq!(
            Nct::parse("  nct01234567 ").unwrap().to_string(),
            "NCT01234567"
        );
        assert_eq!(Nct::parse("NCT00000001").unwrap().number(), 1);
    }

    #[test]
    fn nct_numbers_with_the_wrong_shape_are_explained() {
        let seven = Nct::parse("NCT1234567").unwrap_err();
        assert_eq!(
            seven.message,
            "it has exactly 8 digits after NCT; this one has 7"
        );
        assert!(Nct::parse("01234567")
            .unwrap_err()
            .message
            .contains("letters NCT"));
        assert!(Nct::parse("NCT 01234567")
            .unwrap_err()
            .message
            .contains("digits only"));
        assert!(Nct::parse("NCT012345678").is_err());
        assert!(Nct::parse("").is_err());
        assert!(
            Nct::parse("NCT٠١٢٣٤٥٦٧").is_err(),
            "only ASCII digits count"
        );
    }

    #[test]
    fn ind_numbers_keep_their_leading_zeros() {
        let ind = Ind::parse("IND# 012345").unwrap();
        assert_eq!(ind.to_string(), "012345");
        assert_eq!(Ind::from_parts(ind.number(), ind.digits()), Some(ind));
    }

    #[test]
    fn ind_numbers_outside_four_to_seven_digits_are_refused() {
        assert!(Ind::parse("123")
            .unwrap_err()
            .message
            .contains("this one has 3"));
        assert!(Ind::parse("12345678").is_err());
        assert!(Ind::parse("12a45")
            .unwrap_err()
            .message
            .contains("digits only"));
        assert!(Ind::parse("0000").is_err());
        assert_eq!(Ind::from_parts(123_456, 5), None);
    }

    #[test]
    fn a_note_is_measured_as_typed_not_as_escaped() {
        let fits = "*".repeat(NOTE_MAX);
        assert_eq!(
            clean_paragraph("note", &fits, NOTE_MAX).unwrap(),
            Some(fits.clone())
        );
        let over = "*".repeat(NOTE_MAX + 1);
        let problem = clean_paragraph("note", &over, NOTE_MAX).unwrap_err();
        assert_eq!(
            problem.message,
            "it is 501 characters, over the limit of 500"
        );
        assert_eq!(clean_paragraph("note", "  \n ", NOTE_MAX).unwrap(), None);
    }

    #[test]
    fn a_name_of_the_limit_with_punctuation_is_taken_as_typed() {
        // 100 characters, five of them escaped for display: Discord's option allowed it.
        let name = format!("Dr. Ana's Glow-Spa (Main St.) #1: {}", "a".repeat(66));
        assert_eq!(name.chars().count(), 100);
        assert!(escape_reversibly(&name).chars().count() > 100);
        assert_eq!(
            clean_line("clinic name", &name, CLINIC_MAX).unwrap(),
            Some(name.clone())
        );
        let problem = clean_line("clinic name", &format!("{name}x"), CLINIC_MAX).unwrap_err();
        assert_eq!(
            problem.message,
            "it is 101 characters, over the limit of 100"
        );
        assert_eq!(
            clean_line("manufacturer", &name, MANUFACTURER_MAX).unwrap(),
            Some(name)
        );
    }

    #[test]
    fn control_characters_never_leave_a_blank_or_padded_value() {
        assert_eq!(clean_line("clinic", "\u{0}", 100).unwrap(), None);
        assert_eq!(clean_line("clinic", "\u{0} \u{1}", 100).unwrap(), None);
        assert_eq!(
            clean_line("clinic", "\u{1B}Glow\nSpa\u{7}", 100).unwrap(),
            Some("Glow Spa".into())
        );
        assert_eq!(clean_paragraph("note", "\u{0} \u{1}", 500).unwrap(), None);
        assert_eq!(
            clean_paragraph("note", "\u{0}a\r\nb\t\u{0}", 500).unwrap(),
            Some("a\nb".into())
        );
    }

    #[test]
    fn direction_controls_are_removed_from_free_text_and_drafts() {
        assert_eq!(
            clean_line("clinic", "\u{202E}kcehc\u{202C} spa", 100).unwrap(),
            Some("kcehc spa".into())
        );
        assert_eq!(
            clean_paragraph("note", "a\u{2066}b\u{2069}\nc", 500).unwrap(),
            Some("ab\nc".into())
        );
        let carried = Carried {
            drafts: vec![
                ("ind".into(), "\u{202E}12\u{0}x".into()),
                ("nct".into(), "\u{0}\u{202E}".into()),
            ],
            ..Carried::default()
        };
        let fields = carried.fields(true);
        assert_eq!(fields.len(), 1, "a draft with nothing to show is left out");
        assert_eq!(fields[0].value, "12x");
    }

    #[test]
    fn carried_text_survives_a_trip_through_embed_fields() {
        let carried = Carried {
            clinic: Some("Glow @here *Spa*".into()),
            manufacturer: Some("Acme \\ Bio".into()),
            note: Some("line one\n# not a heading".into()),
            drafts: vec![("ind".into(), "12x".into())],
        };
        let embed = Embed {
            title: "t".into(),
            fields: carried.fields(true),
            ..Embed::default()
        };
        assert_eq!(Carried::from_embeds(&[embed]), carried);
    }
}
