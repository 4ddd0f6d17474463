//! Turns a topic into the embed every adapter shows.

use time::Date;

use super::{Content, Source, Topic, DISCLAIMER};
use crate::reply::{limits, Embed, Field};

/// The colour of fact embeds (a calm blue).
const FACT_COLOUR: u32 = 0x2b6cb0;

/// The embed of a topic: title, short answer and body, key points, sources with links, related
/// topics by title, and a footer with the review dates and the disclaimer. `(see topic-id)` in
/// the text reads as the topic's title.
pub fn topic_embed(kb: &Content, topic: &Topic) -> Embed {
    let mut fields = Vec::new();
    if !topic.key_points.is_empty() {
        let points: Vec<String> = topic
            .key_points
            .iter()
            .map(|p| format!("• {}", resolve_see(kb, p)))
            .collect();
        push_chunked(&mut fields, "Key points", &points);
    }
    let sources: Vec<String> = topic
        .sources
        .iter()
        .filter_map(|id| kb.source(id))
        .map(source_line)
        .collect();
    push_chunked(&mut fields, "Sources", &sources);
    let related: Vec<String> = topic
        .related
        .iter()
        .filter_map(|id| kb.published_topic(id))
        .map(|t| format!("• {}", t.title))
        .collect();
    if !related.is_empty() {
        push_chunked(&mut fields, "Related", &related);
    }
    Embed {
        title: topic.title.clone(),
        description: format!(
            "**{}**\n\n{}",
            resolve_see(kb, topic.short.trim()),
            resolve_see(kb, topic.body.trim())
        ),
        fields,
        footer: Some(footer(topic.reviewed, topic.next_review())),
        colour: Some(FACT_COLOUR),
    }
}

/// How a source is cited to patients: title as a link, publisher, and date (the month or year
/// when that is all the source gives). The reviewers' notes (`undated_reason`, `no_url_reason`,
/// `url_confirmed`) stay in the data for `exobot check` and are not shown.
pub fn source_line(source: &Source) -> String {
    let title = match &source.url {
        Some(url) => format!("[{}]({url})", source.title),
        None => source.title.clone(),
    };
    let mut line = format!("{title}, {}", source.publisher);
    if let Some(date) = shown_date(source) {
        line.push_str(&format!(", {date}"));
    }
    line
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The source's date as shown: the full date, or, when the reviewers' `undated_reason` says the
/// source gives the month only ("…October 2024…; the month only") or the year only ("…the
/// year only (… 2024)", "…only year…2023…"), that month or year. Nothing otherwise: a reason
/// that merely mentions a year ("seen in 2026") is not a publication date.
pub fn shown_date(source: &Source) -> Option<String> {
    if let Some(date) = source.date {
        return Some(date.to_string());
    }
    let reason = source.undated_reason.as_deref()?;
    let lower = reason.to_lowercase();
    let words: Vec<&str> = reason
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let year = |w: &str| w.len() == 4 && w.parse::<u16>().is_ok_and(|y| (1900..2100).contains(&y));
    if lower.contains("month only") {
        return words.windows(2).find_map(|pair| {
            (MONTHS.contains(&pair[0]) && year(pair[1])).then(|| format!("{} {}", pair[0], pair[1]))
        });
    }
    if lower.contains("year only") || lower.contains("only year") {
        return words.iter().find(|w| year(w)).map(|w| (*w).to_owned());
    }
    None
}

/// The topic ids that `(see topic-id)` references in `text` name, in order.
pub fn see_references(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("(see ") {
        let after = &rest[at + 5..];
        if let Some(end) = after.find(')') {
            let id = &after[..end];
            if !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                found.push(id);
            }
        }
        rest = after;
    }
    found
}

/// `text` with every `(see topic-id)` naming a published topic written as
/// `(see “Topic title”)`; other parentheses are left alone (`exobot check` reports unknown ids).
pub fn resolve_see(kb: &Content, text: &str) -> String {
    let mut out = text.to_owned();
    for id in see_references(text) {
        if let Some(topic) = kb.published_topic(id) {
            out = out.replace(&format!("(see {id})"), &format!("(see “{}”)", topic.title));
        }
    }
    out
}

fn footer(reviewed: Date, next: Date) -> String {
    format!("Reviewed {reviewed} · next review {next}\n{DISCLAIMER}")
}

/// Adds `lines` as one field, or several named "(continued)" where one would pass 1,024 characters.
fn push_chunked(fields: &mut Vec<Field>, name: &str, lines: &[String]) {
    let mut value = String::new();
    let mut first = true;
    for line in lines {
        let needed = value.chars().count() + line.chars().count() + 1;
        if !value.is_empty() && needed > limits::FIELD_VALUE {
            fields.push(field(name, first, std::mem::take(&mut value)));
            first = false;
        }
        if !value.is_empty() {
            value.push('\n');
        }
        value.push_str(line);
    }
    if !value.is_empty() {
        fields.push(field(name, first, value));
    }
}

fn field(name: &str, first: bool, value: String) -> Field {
    let name = if first {
        name.to_owned()
    } else {
        format!("{name} (continued)")
    };
    Field {
        name,
        value,
        inline: false,
    }
}
