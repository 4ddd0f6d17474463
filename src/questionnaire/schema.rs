//! The clinic-check file's parts as written, before validation, and the reading of a parsed file
//! into them, like `knowledge/schema.rs` and `knowledge/load.rs`.
//!
//! Each part is read on its own (every question, every option, the report, every step), so that a
//! mistyped key in one does not hide the problems of the others: [`validate`](super::validate)
//! then finds every problem at once.

use std::ops::Range;

use serde::de::IgnoredAny;
use serde::Deserialize;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

use super::definition::Flag;
use crate::diagnostic::{Diagnostic, SourceFile};

/// The keys of the file's top level.
pub const KEYS: [&str; 7] = [
    "title",
    "intro",
    "reviewed",
    "review_every_days",
    "question",
    "report",
    "step",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Spanned<String>,
    pub short: Spanned<String>,
    pub prompt: Spanned<String>,
    pub why: Spanned<String>,
    pub documented: Spanned<String>,
    pub red_flag: Spanned<String>,
    pub sources: Vec<Spanned<String>>,
    pub skip_if: Option<Spanned<String>>,
    /// Read one by one into [`QuestionEntry::options`]; named here so that it is a known key.
    #[serde(default)]
    pub option: IgnoredAny,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub id: Spanned<String>,
    pub label: Spanned<String>,
    pub flag: Flag,
    /// Follow-up values, by [`InputKind`](super::InputKind) id: read as text, so that an
    /// unknown one leaves the option readable and later `skip_if` checks do not cascade.
    #[serde(default)]
    pub inputs: Vec<Spanned<String>>,
    #[serde(default)]
    pub optional_inputs: Vec<Spanned<String>>,
    pub reading: Option<Spanned<String>>,
    #[serde(default)]
    pub outside_trial: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    pub title: Spanned<String>,
    pub clear: Spanned<String>,
    pub red_flags: Spanned<String>,
    pub open: Spanned<String>,
    pub outside_trial: Spanned<String>,
    pub no_ruling: Spanned<String>,
    pub sources: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub link: Spanned<String>,
    pub button: Spanned<String>,
    pub text: Spanned<String>,
    pub when: Option<Spanned<String>>,
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
}

/// One `[[question]]` table: the question when it could be read, and the options that could.
#[derive(Debug)]
pub struct QuestionEntry {
    pub span: Range<usize>,
    pub question: Option<RawQuestion>,
    /// The `[[question.option]]` tables (none when the key is missing); `None` when they are
    /// not an array of tables, which is reported.
    pub options: Option<Tables<RawOption>>,
}

/// One array of tables (`[[key]]`) as written: where it is, and its readable entries.
#[derive(Debug)]
pub struct Tables<T> {
    pub span: Range<usize>,
    /// How many tables the array holds, read or not.
    pub count: usize,
    pub entries: Vec<T>,
}

/// The whole file as written.
#[derive(Debug)]
pub struct Raw {
    pub title: Option<Spanned<String>>,
    pub intro: Option<Spanned<String>>,
    pub reviewed: Option<Spanned<toml::value::Datetime>>,
    pub review_every_days: Option<Spanned<i64>>,
    pub questions: Option<Tables<QuestionEntry>>,
    pub report: Option<Spanned<RawReport>>,
    pub steps: Option<Tables<Spanned<RawStep>>>,
}

/// Reads a parsed file into its parts. Every part that cannot be read is reported in `out` and
/// left out; a missing required part is reported at the top of the file.
pub fn read(file: SourceFile<'_>, root: Spanned<DeTable<'_>>, out: &mut Vec<Diagnostic>) -> Raw {
    let root_span = root.span();
    let mut raw = Raw {
        title: None,
        intro: None,
        reviewed: None,
        review_every_days: None,
        questions: None,
        report: None,
        steps: None,
    };
    let mut seen = Vec::new();
    for (key, value) in root.into_inner() {
        let name = key.get_ref().to_string();
        match name.as_str() {
            "title" => raw.title = entry(file, value, out),
            "intro" => raw.intro = entry(file, value, out),
            "reviewed" => raw.reviewed = entry(file, value, out),
            "review_every_days" => raw.review_every_days = entry(file, value, out),
            "question" => {
                raw.questions = tables(file, &name, value, out).map(|t| Tables {
                    span: t.span,
                    count: t.count,
                    entries: t
                        .entries
                        .into_iter()
                        .filter_map(|v| question(file, v, out))
                        .collect(),
                })
            }
            "report" => raw.report = table(file, value, out),
            "step" => {
                raw.steps = tables(file, &name, value, out).map(|t| Tables {
                    span: t.span,
                    count: t.count,
                    entries: t
                        .entries
                        .into_iter()
                        .filter_map(|v| table(file, v, out))
                        .collect(),
                })
            }
            _ => {
                out.push(file.error(
                    &key.span(),
                    format!(
                        "unknown field `{name}`, expected one of {}",
                        KEYS.map(|k| format!("`{k}`")).join(", ")
                    ),
                ));
                continue;
            }
        }
        seen.push(name);
    }
    // Every top-level key but `step` is required.
    for required in KEYS.iter().filter(|&&k| k != "step") {
        if !seen.iter().any(|k| k == required) {
            out.push(file.error(&root_span, format!("missing field `{required}`")));
        }
    }
    raw
}

/// One question, its options read one by one.
fn question(
    file: SourceFile<'_>,
    value: Spanned<DeValue<'_>>,
    out: &mut Vec<Diagnostic>,
) -> Option<QuestionEntry> {
    let span = value.span();
    let DeValue::Table(table) = value.get_ref() else {
        out.push(file.error(&span, "expected a table"));
        return None;
    };
    let written = table.iter().find(|(k, _)| k.get_ref() == "option");
    let options = match written {
        Some((_, v)) => tables(file, "option", v.clone(), out),
        // No options: the count check reports it at the question.
        None => Some(Tables {
            span: span.clone(),
            count: 0,
            entries: Vec::new(),
        }),
    };
    let options = options.map(|t| Tables {
        span: t.span,
        count: t.count,
        entries: t
            .entries
            .into_iter()
            .filter_map(|v| entry(file, v, out))
            .collect(),
    });
    Some(QuestionEntry {
        span,
        question: entry(file, value, out),
        options,
    })
}

/// The tables of an array of tables (`[[name]]`), unread.
fn tables<'i>(
    file: SourceFile<'_>,
    name: &str,
    value: Spanned<DeValue<'i>>,
    out: &mut Vec<Diagnostic>,
) -> Option<Tables<Spanned<DeValue<'i>>>> {
    let span = value.span();
    match value.into_inner() {
        DeValue::Array(items) => Some(Tables {
            span,
            count: items.len(),
            entries: items.into_iter().collect(),
        }),
        _ => {
            out.push(file.error(
                &span,
                format!("`{name}` must be an array of tables, written `[[{name}]]`"),
            ));
            None
        }
    }
}

/// A table read into `T`, with its span.
fn table<T: for<'de> Deserialize<'de>>(
    file: SourceFile<'_>,
    value: Spanned<DeValue<'_>>,
    out: &mut Vec<Diagnostic>,
) -> Option<Spanned<T>> {
    if !value.get_ref().is_table() {
        out.push(file.error(&value.span(), "expected a table"));
        return None;
    }
    let span = value.span();
    entry(file, value, out).map(|v| Spanned::new(span, v))
}

/// Any value read into `T`; a problem is reported where it is written.
fn entry<T: for<'de> Deserialize<'de>>(
    file: SourceFile<'_>,
    value: Spanned<DeValue<'_>>,
    out: &mut Vec<Diagnostic>,
) -> Option<T> {
    match T::deserialize(ValueDeserializer::from(value)) {
        Ok(v) => Some(v),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            out.push(file.error(&span, e.message().trim().replace('\n', " ")));
            None
        }
    }
}
