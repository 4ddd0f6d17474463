//! Turns a topic into the embed every adapter shows.

use time::Date;

use super::{Content, Source, Topic};
use crate::reply::DISCLAIMER;
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

/// The source's date as shown: the full date, or the year or month its `published` gives
/// ("December 2019", "2024"); nothing otherwise. The reviewers' `undated_reason` is never shown.
pub fn shown_date(source: &Source) -> Option<String> {
    if let Some(date) = source.date {
        return Some(date.to_string());
    }
    let (year, month) = source.published?;
    Some(match month {
        Some(month) => format!("{month} {year}"),
        None => year.to_string(),
    })
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
/// `(see “Topic title”)`, and one naming a topic readers cannot open (a draft, a withdrawn
/// topic) left out, with the space before it; other parentheses are left alone (`exobot check`
/// reports unknown ids).
pub fn resolve_see(kb: &Content, text: &str) -> String {
    let mut out = text.to_owned();
    for id in see_references(text) {
        let reference = format!("(see {id})");
        match kb.published_topic(id) {
            Some(topic) => out = out.replace(&reference, &format!("(see “{}”)", topic.title)),
            None if kb.topic_index(id).is_some() => {
                out = out
                    .replace(&format!(" {reference}"), "")
                    .replace(&reference, "");
            }
            None => {}
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

/// The emergency line: a safety line, not a cited fact (sources.md section 4). 911 is the US
/// number; the line names the local one first because members are everywhere.
pub const EMERGENCY_LINE: &str =
    "**If it is an emergency, call your local emergency number now (911 in the US).**";
/// The care line: whatever the symptom, a health care provider judges it, never exobot.
pub const CARE_LINE: &str =
    "Otherwise, contact a doctor or another health care provider about what is happening. exobot cannot judge symptoms.";

/// The crisis line, for someone who speaks of ending their life or hurting themselves: a safety
/// line, not a cited fact. It names no hotline number, as none is in the vetted sources.
pub const CRISIS_LINE: &str = "**If you are thinking of ending your life or hurting yourself, please call your local \
     emergency number now (911 in the US), or a crisis line in your country, or reach out to someone you trust. \
     You do not have to go through this alone.**";

/// What a member who describes a symptom or reaction reads first: the emergency line, the care
/// line, and, where the knowledge base has a `[safety]` table, how to report the harm with its
/// link. When they speak of ending their life (`crisis`), the crisis line alone, with no talk of
/// reporting. Markdown, at most about 700 characters for the shipped wording.
pub fn safety_text(kb: &Content, crisis: bool) -> String {
    if crisis {
        return CRISIS_LINE.to_owned();
    }
    format!("{EMERGENCY_LINE}\n{}", care_and_report(kb))
}

/// The care line, then the `[safety]` table's reporting line and link when there is one.
fn care_and_report(kb: &Content) -> String {
    let mut text = CARE_LINE.to_owned();
    if let Some(safety) = &kb.safety {
        text.push('\n');
        text.push_str(&safety.report);
        if let Some(link) = kb.link(&safety.link) {
            text.push_str(&format!("\n{}: <{}>", link.label, link.url));
        }
    }
    text
}

/// Says that exobot reads English only (see [`crate::knowledge::Answer::OtherLanguage`]).
pub const OTHER_LANGUAGE: &str = "exobot reads English only, so it could not read your message. For advice \
     on your own treatment, ask your doctor or pharmacist. Ask in English for exobot's vetted facts.";

/// What a message in another language gets after the crisis line, which names the emergency
/// number: the care and reporting lines (as for a reaction, since exobot cannot tell whether it
/// tells of one), then [`OTHER_LANGUAGE`]. Markdown.
pub fn other_language_text(kb: &Content) -> String {
    format!("{}\n{OTHER_LANGUAGE}", care_and_report(kb))
}
