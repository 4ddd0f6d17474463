//! The knowledge files' entries as written, before validation (see knowledge/README.md).

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

/// The arrays of tables a knowledge file may hold.
pub(super) const TABLES: [&str; 4] = ["source", "link", "topic", "phrasings"];
/// The single table of search settings.
pub(super) const SEARCH_TABLE: &str = "search";
/// The single table of what a symptom report is told.
pub(super) const SAFETY_TABLE: &str = "safety";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSafety {
    /// Where to report a harm, worded as its sources say.
    pub report: Spanned<String>,
    /// A `[[link]]` id shown with `report`.
    pub link: Spanned<String>,
    pub sources: Spanned<Vec<Spanned<String>>>,
    /// The facts a reaction report is answered with after the safety lines, the first when
    /// none fits better.
    #[serde(default)]
    pub topics: Vec<Spanned<String>>,
    /// For a topic of `topics` after the first: words the message must name for it to be
    /// chosen (a skin reaction's "face", "bump"); without them the first is.
    #[serde(default)]
    pub topic_words: BTreeMap<Spanned<String>, Spanned<Vec<Spanned<String>>>>,
    /// Words that name a treatment (a drip, a facial): a report naming one is answered from
    /// `topics` whatever other words it has.
    #[serde(default)]
    pub treatment_words: Vec<Spanned<String>>,
    /// Words that ask how to report a harm ("report", "MedWatch"): a report naming one is
    /// answered with the first of `topics`.
    #[serde(default)]
    pub report_words: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSearch {
    /// Words patients use in every kind of question (the treatment's forms and settings): known
    /// to the search, but ranking no topic above another.
    pub common_words: Vec<Spanned<String>>,
    /// Words that name what the knowledge base is about: a question with a word the knowledge
    /// base does not know is answered only when it names one of these.
    #[serde(default)]
    pub anchor_words: Vec<Spanned<String>>,
    /// The anchor words that name the subject itself ("exosome"): with one, a question whose
    /// best topic is clear is answered whatever else it says.
    #[serde(default)]
    pub subject_words: Vec<Spanned<String>>,
    /// Words that come with the subject and with much else ("clinic", "trial"): they make a
    /// question about the subject only when it has few words the knowledge base does not know.
    #[serde(default)]
    pub context_words: Vec<Spanned<String>>,
    /// Conditions patients seek the treatment for, and symptoms no topic names: understood, but
    /// on the subject only with an anchor word.
    #[serde(default)]
    pub condition_words: Vec<Spanned<String>>,
}

/// Questions as patients type them, each answered by `topic`: what the search's classifiers
/// learn from, and nothing else.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPhrasings {
    /// The id of the `[[topic]]` that answers them.
    pub topic: Spanned<String>,
    pub questions: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSource {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub publisher: Spanned<String>,
    pub url: Option<Spanned<String>>,
    pub no_url_reason: Option<Spanned<String>>,
    pub url_confirmed: bool,
    pub date: Option<Spanned<Datetime>>,
    pub undated_reason: Option<Spanned<String>>,
    /// With `undated_reason`: the year (`"2024"`) or month (`"2019-12"`) the source gives.
    pub published: Option<Spanned<String>>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLink {
    pub id: Spanned<String>,
    pub label: Spanned<String>,
    pub url: Spanned<String>,
    pub confirmed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Status {
    Published,
    Draft,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTopic {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub status: Status,
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub keywords: Vec<Spanned<String>>,
    #[serde(default)]
    pub examples: Vec<Spanned<String>>,
    pub short: Spanned<String>,
    pub body: Spanned<String>,
    pub key_points: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
    pub sources: Spanned<Vec<Spanned<String>>>,
    pub reviewed: Spanned<Datetime>,
    pub review_every_days: Spanned<i64>,
}
