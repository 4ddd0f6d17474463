//! Renders replies as text: embeds as blocks, buttons as `[1] Label`, selects as lists.
//!
//! [`draw`] is the console's view, for a terminal: wrapped to its width, styled, a long answer
//! shown short first. [`plain`], [`embed`] and [`reply_text`] are the unwrapped text of
//! `exobot ask`.

use super::style::{self, Style};
use crate::reply::{ButtonTarget, Embed, Field, Message, Row};

/// Discord markdown as plain text, unwrapped: links show their address, style marks and
/// backslash escapes go.
pub(crate) fn plain(markdown: &str) -> String {
    markdown
        .split('\n')
        .map(|line| style::inline(line, false))
        .collect::<Vec<_>>()
        .join("\n")
}

/// An embed as unwrapped plain text (`exobot ask`).
pub(crate) fn embed(e: &Embed) -> String {
    let mut out = String::new();
    if !e.title.is_empty() {
        out.push_str(&format!("== {} ==\n", plain(&e.title)));
    }
    if !e.description.is_empty() {
        out.push_str(&plain(&e.description));
        out.push('\n');
    }
    for (name, value) in merged(&e.fields) {
        out.push_str(&format!("\n{}:\n{}\n", plain(&name), plain(&value)));
    }
    if let Some(footer) = &e.footer {
        out.push_str(&format!("\n{}\n", plain(footer)));
    }
    out
}

/// The key of each actionable component of `m`, in the order of [`draw`]'s choices. A clinic
/// check's buttons and menu options keep one key per meaning across screens (an answer's number,
/// the question's own number in the review menu, `b` Back, `s` Skip, `n` Note, `r` Review, `f`,
/// `x`); everything else is numbered from `first_number`, skipping numbers already taken.
pub(crate) fn keys(m: &Message, first_number: usize) -> Vec<String> {
    let mut stable: Vec<Option<String>> = Vec::new();
    for row in &m.rows {
        match row {
            Row::Buttons(buttons) => {
                for b in buttons {
                    if let ButtonTarget::Action(id) = &b.target {
                        if !b.disabled {
                            stable.push(crate::questionnaire::shortcut(id, None));
                        }
                    }
                }
            }
            Row::Select(select) => {
                for o in &select.options {
                    stable.push(crate::questionnaire::shortcut(
                        &select.custom_id,
                        Some(&o.value),
                    ));
                }
            }
        }
    }
    let mut taken: Vec<String> = stable.iter().flatten().cloned().collect();
    let mut next = first_number;
    stable
        .into_iter()
        .map(|key| {
            key.unwrap_or_else(|| {
                while taken.contains(&next.to_string()) {
                    next += 1;
                }
                taken.push(next.to_string());
                next.to_string()
            })
        })
        .collect()
}

/// What typing a key does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Choice {
    /// Press the button with this custom id.
    Button(String),
    /// Pick `value` in the select menu `custom_id`.
    Select {
        /// The select menu's custom id.
        custom_id: String,
        /// The option picked.
        value: String,
    },
}

/// How much of a long answer to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum View {
    /// The short answer and key points, with a `[m] More` line for the rest.
    Short,
    /// Everything.
    Full,
}

/// A message drawn for the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Drawn {
    /// The text to print, ending in a newline.
    pub text: String,
    /// Each key shown in brackets and what typing it does (see [`keys`]).
    pub choices: Vec<(String, Choice)>,
    /// Whether part of the message was left out, to show with `m` or `/more`.
    pub more: bool,
}

/// The key that shows the rest of a long answer.
pub(crate) const MORE_KEY: &str = "m";

/// A message for the terminal: long answers short first, text wrapped to `style.width` and
/// styled, buttons keyed (see [`keys`]) and placed with the words that offer them. Attachments are
/// left to the caller, which saves them.
pub(crate) fn draw(m: &Message, style: &Style, view: View) -> Drawn {
    let mut out = String::new();
    let mut omitted = Vec::new();
    for e in &m.embeds {
        out.push_str(&draw_embed(e, style, view, &mut omitted));
    }
    let more = !omitted.is_empty();
    if more {
        let mut hint = format!("[{MORE_KEY}] More: ");
        hint.push_str(&omitted.join(", "));
        out.push_str(&style::wrap(&style.dim(&hint), 4, style.width));
    }
    // The safety line, when there is one, comes before anything else; words that offer buttons
    // ("Did you mean...") go right above them, after the answer.
    let (safety, content) = match m.content.as_deref() {
        Some(c)
            if c.starts_with(crate::knowledge::render::EMERGENCY_LINE)
                || c.starts_with(crate::knowledge::render::CRISIS_LINE) =>
        {
            match c.split_once("\n\n") {
                Some((safety, rest)) => (Some(safety), Some(rest)),
                None => (Some(c), None),
            }
        }
        other => (None, other),
    };
    if let Some(content) = content {
        let text = style::block(content, style);
        if m.embeds.is_empty() || m.rows.is_empty() {
            out.insert_str(0, &text);
        } else {
            out.push_str(&text);
        }
    }
    if let Some(safety) = safety {
        out.insert_str(0, &format!("{}\n", style::block(safety, style)));
    }
    let keys = keys(m, 1);
    let mut choices: Vec<(String, Choice)> = Vec::new();
    for row in &m.rows {
        match row {
            Row::Buttons(buttons) => {
                let mut items = Vec::new();
                for b in buttons {
                    let label = style::inline(&b.label, false);
                    match &b.target {
                        ButtonTarget::Action(id) if !b.disabled => {
                            let key = keys[choices.len()].clone();
                            items.push(format!("[{key}] {label}"));
                            choices.push((key, Choice::Button(id.clone())));
                        }
                        // A disabled button (Back on the first question) has no key here.
                        ButtonTarget::Action(_) => {}
                        ButtonTarget::Link(url) => items.push(format!("{label} <{url}>")),
                    }
                }
                let line = items.join("  ");
                if style::width(&line) <= style.width {
                    out.push_str(&line);
                    out.push('\n');
                } else {
                    for item in &items {
                        out.push_str(&style::wrap(item, 4, style.width));
                    }
                }
            }
            Row::Select(select) => {
                out.push_str(&style::wrap(
                    &format!("{}:", style::inline(&select.placeholder, false)),
                    0,
                    style.width,
                ));
                for o in &select.options {
                    let key = keys[choices.len()].clone();
                    let item = format!("  [{key}] {}", style::inline(&o.label, false));
                    let hang = 2 + format!("[{key}] ").len();
                    out.push_str(&style::wrap(&item, hang, style.width));
                    choices.push((
                        key,
                        Choice::Select {
                            custom_id: select.custom_id.clone(),
                            value: o.value.clone(),
                        },
                    ));
                }
            }
        }
    }
    Drawn {
        text: out,
        choices,
        more,
    }
}

/// Fields with the same name split only to fit Discord's limits ("Sources (continued)"), as one.
fn merged(fields: &[Field]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for f in fields {
        if let Some(base) = f.name.strip_suffix(" (continued)") {
            if let Some(last) = out.last_mut().filter(|(name, _)| name == base) {
                last.1.push('\n');
                last.1.push_str(&f.value);
                continue;
            }
        }
        out.push((f.name.clone(), f.value.clone()));
    }
    out
}

/// Whether a field belongs to the short view of an answer.
fn is_key_points(name: &str) -> bool {
    name.to_lowercase().starts_with("key points")
}

/// An embed for the terminal. An answer (an embed with key points) in the short view shows
/// its first paragraph and key points; what it leaves out is added to `omitted`.
fn draw_embed(e: &Embed, style: &Style, view: View, omitted: &mut Vec<String>) -> String {
    let fields = merged(&e.fields);
    let short = view == View::Short && fields.iter().any(|(name, _)| is_key_points(name));
    let mut out = String::new();
    if !e.title.is_empty() {
        let title = format!("== {} ==", style::inline(&e.title, false));
        out.push_str(&style::wrap(&style.bold(&title), 3, style.width));
    }
    if !e.description.is_empty() {
        let description = e.description.trim();
        match description.split_once("\n\n") {
            Some((first, rest)) if short && !rest.trim().is_empty() => {
                out.push_str(&style::block(first, style));
                omitted.push("the full text".to_owned());
            }
            _ => out.push_str(&style::block(description, style)),
        }
    }
    for (name, value) in &fields {
        if short && !is_key_points(name) {
            let count = value.lines().filter(|l| !l.trim().is_empty()).count();
            omitted.push(format!(
                "{} ({count})",
                style::inline(name, false).to_lowercase()
            ));
            continue;
        }
        out.push('\n');
        out.push_str(&style::wrap(
            &style.bold(&format!("{}:", style::inline(name, false))),
            0,
            style.width,
        ));
        out.push_str(&style::field_block(value, style));
    }
    if let Some(footer) = &e.footer {
        out.push('\n');
        out.push_str(&style::block(footer, style));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::{Button, ButtonStyle};

    fn field(name: &str, value: &str) -> Field {
        Field {
            name: name.to_owned(),
            value: value.to_owned(),
            inline: false,
        }
    }

    fn answer() -> Message {
        Message {
            content: Some("Did you mean one of the others?".to_owned()),
            embeds: vec![Embed {
                title: "A topic".to_owned(),
                description: "**The short answer.**\n\nThe *full* text.".to_owned(),
                fields: vec![
                    field("Key points", "• One\n• Two"),
                    field("Sources", "[A](https://a.example)\nB"),
                    field("Sources (continued)", "C"),
                    field("Related", "Other (`other`)"),
                ],
                footer: Some("Reviewed 2026-01-01\nNot medical advice.".to_owned()),
                colour: None,
            }],
            rows: vec![Row::Buttons(vec![
                Button::action("First", ButtonStyle::Secondary, "fact:first"),
                Button::action("Second", ButtonStyle::Secondary, "fact:second"),
            ])],
            ..Message::default()
        }
    }

    #[test]
    fn an_answer_shows_short_first_with_its_suggestions_right_above_their_buttons() {
        let drawn = draw(&answer(), &Style::PIPED, View::Short);
        assert_eq!(
            drawn.text,
            "== A topic ==\nThe short answer.\n\nKey points:\n• One\n• Two\n\n\
             Reviewed 2026-01-01\nNot medical advice.\n\
             [m] More: the full text, sources (3), related (1)\n\
             Did you mean one of the others?\n[1] First  [2] Second\n"
        );
        assert!(drawn.more);
        assert_eq!(drawn.choices.len(), 2);
    }

    #[test]
    fn the_full_view_merges_split_fields_and_styles_only_for_a_terminal() {
        let full = draw(&answer(), &Style::PIPED, View::Full).text;
        assert!(full.contains("The full text."), "{full}");
        assert!(
            full.contains("\nSources:\nA <https://a.example>\nB\nC\n"),
            "{full}"
        );
        assert!(!full.contains("continued"), "{full}");
        let styled = draw(
            &answer(),
            &Style {
                width: 40,
                ansi: true,
            },
            View::Full,
        )
        .text;
        assert!(styled.contains("\x1b[3mfull\x1b[23m"), "{styled}");
        for line in styled.lines() {
            assert!(style::width(line) <= 40, "{line}");
        }
    }

    #[test]
    fn markdown_links_show_their_address_and_style_marks_go() {
        assert_eq!(
            plain("**See** [FDA notice](https://fda.gov/x), then [odd\n*solely* \\<b\\>"),
            "See FDA notice <https://fda.gov/x>, then [odd\nsolely <b>"
        );
    }
}
