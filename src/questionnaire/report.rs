//! The clinic check's report: each answer with its flag, an overall reading, next steps, as an embed and as a Markdown file.

use crate::reply::DISCLAIMER;
use crate::reply::{limits, truncate, Attachment, Button, ButtonStyle, Embed, Field, Message, Row};

use super::definition::{InputKind, Questionnaire, Step, StepLink};
use super::engine::Action;
use super::state::{answer_text, not_needed, values_of, Answer, State};
use super::text::{escape_reversibly, Carried};

/// The file name of the report the patient can keep.
pub const REPORT_FILE: &str = "clinic-check-report.md";

/// How the answers add up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Questions the patient asked the clinic: answered with anything but "not asked yet", and
    /// neither skipped nor left unanswered (nor left out by the branch taken).
    pub asked: usize,
    pub documented: usize,
    /// Indexes of questions whose answer is a red flag.
    pub red: Vec<usize>,
    /// Indexes of asked questions not answered, skipped, or answered "not asked yet".
    pub open: Vec<usize>,
    /// An answer says the product is a consumer therapy outside a trial.
    pub outside_trial: bool,
}

pub fn tally(q: &Questionnaire, state: &State) -> Tally {
    let mut tally = Tally::default();
    for i in 0..q.questions().len() {
        if !state.applies(q, i) {
            continue;
        }
        match state.chosen(q, i) {
            Some(option) if option.flag != super::definition::Flag::Open => {
                tally.asked += 1;
                if option.flag.is_red() {
                    tally.red.push(i);
                } else {
                    tally.documented += 1;
                }
                tally.outside_trial |= option.outside_trial;
            }
            _ => tally.open.push(i),
        }
    }
    tally
}

fn names(q: &Questionnaire, indexes: &[usize]) -> String {
    indexes
        .iter()
        .map(|&i| q.questions()[i].short.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The overall reading in plain words, as paragraphs.
pub fn reading(q: &Questionnaire, state: &State) -> Vec<String> {
    let t = tally(q, state);
    let text = q.report();
    let mut paragraphs = Vec::new();
    if t.outside_trial {
        paragraphs.push(text.outside_trial.clone());
    }
    let red = t.red.len();
    let open = t.open.len();
    if red == 0 && open == 0 {
        paragraphs.push(format!(
            "Red flags: none of the {} questions asked. {}",
            t.asked, text.clear
        ));
    }
    if red > 0 {
        paragraphs.push(format!(
            "Red flags: {red} of the {} questions asked ({}). {}",
            t.asked,
            names(q, &t.red),
            text.red_flags
        ));
    }
    if open > 0 {
        let (count, verb) = if open == 1 {
            ("1 question".to_owned(), "is")
        } else {
            (format!("{open} questions"), "are")
        };
        paragraphs.push(format!(
            "Open: {count} {verb} still without an answer from the clinic ({}). {}",
            names(q, &t.open),
            text.open
        ));
    }
    paragraphs.push(text.no_ruling.clone());
    paragraphs
}

/// The next steps that apply, each with its link's label and address.
pub fn next_steps<'a>(
    q: &'a Questionnaire,
    state: &State,
    carried: &Carried,
) -> Vec<(&'a Step, &'a StepLink, String)> {
    q.steps()
        .iter()
        .filter_map(|step| {
            let given = match step.when {
                None => true,
                Some(InputKind::Nct) => state.nct.is_some(),
                Some(InputKind::Ind) => state.ind.is_some(),
                Some(InputKind::Manufacturer) => carried.manufacturer.is_some(),
            };
            let link = q.step_link(step)?;
            let url = if link.url.contains("{nct}") {
                link.url.replace("{nct}", &state.nct?.to_string())
            } else {
                link.url.clone()
            };
            let usable = url.starts_with("https://") || url.starts_with("http://");
            (given && usable && url.chars().count() <= limits::BUTTON_URL)
                .then_some((step, link, url))
        })
        .collect()
}

fn title(q: &Questionnaire, carried: &Carried) -> String {
    match &carried.clinic {
        // The clinic is limited as typed; escaped, it may be twice as long, and the full label
        // is in the report's Clinic field.
        Some(clinic) => truncate(
            &format!("{} · {}", q.report().title, escape_reversibly(clinic)),
            limits::EMBED_TITLE,
        ),
        None => q.report().title.clone(),
    }
}

/// The report's fields: each answer (with what it means, when `with_readings`), the carried
/// text, and the next steps.
fn fields(
    q: &Questionnaire,
    state: &State,
    carried: &Carried,
    steps: &[(&Step, &StepLink, String)],
    with_readings: bool,
) -> Vec<Field> {
    let mut fields: Vec<Field> = q
        .questions()
        .iter()
        .enumerate()
        .map(|(i, question)| {
            let mut value = answer_text(q, state, i);
            let reading = state.chosen(q, i).and_then(|o| o.reading.as_ref());
            if let Some(reading) = reading.filter(|_| with_readings) {
                value.push('\n');
                value.push_str(reading);
            }
            Field {
                name: format!("{}. {}", i + 1, question.short),
                value,
                inline: false,
            }
        })
        .collect();
    fields.extend(carried.fields(false));
    if !steps.is_empty() {
        let value = steps
            .iter()
            .map(|(step, _, _)| format!("- {}", step.text))
            .collect::<Vec<_>>()
            .join("\n");
        fields.push(Field {
            name: "Next steps".into(),
            value,
            inline: false,
        });
    }
    fields
}

/// The report as a message: an embed, link buttons, and the Markdown file attached.
pub(crate) fn message(q: &Questionnaire, state: &State, carried: &Carried, token: &str) -> Message {
    let steps = next_steps(q, state, carried);
    let mut embed = Embed {
        title: title(q, carried),
        description: reading(q, state).join("\n\n"),
        fields: fields(q, state, carried, &steps, true),
        footer: Some(DISCLAIMER.to_owned()),
        colour: Some(if tally(q, state).red.is_empty() {
            0x22c55e
        } else {
            0xef4444
        }),
    };
    if embed.total_len() > limits::EMBED_TOTAL {
        // Only a custom questionnaire with very long wording gets here (the loader checks the
        // usual worst case): the readings stay in the attached file.
        embed.fields = fields(q, state, carried, &steps, false);
        embed
            .description
            .push_str("\n\nWhat each answer means is in the attached report.");
    }
    let mut rows = Vec::new();
    if !steps.is_empty() {
        rows.push(Row::Buttons(
            steps
                .iter()
                .take(limits::BUTTONS_PER_ROW)
                .map(|(step, _, url)| Button::link(step.button.clone(), url.clone()))
                .collect(),
        ));
    }
    rows.push(Row::Buttons(vec![
        Button::action(
            "Change answers",
            ButtonStyle::Secondary,
            Action::Review.custom_id(token),
        ),
        Button::action(
            "Start over",
            ButtonStyle::Danger,
            Action::Restart.custom_id(token),
        ),
    ]));
    Message {
        ephemeral: false,
        content: None,
        embeds: vec![embed],
        rows,
        attachments: vec![Attachment {
            filename: REPORT_FILE.to_owned(),
            bytes: markdown(q, state, carried).into_bytes(),
        }],
    }
}

/// Person's text for the Markdown file: escaped as on Discord, line breaks kept. CommonMark
/// also gives `<` (HTML: `<pre` would swallow the rest of the file, `<a href>` would link),
/// `=` (a line of them makes the line above a heading) and `&` (character references) a
/// meaning that Discord does not, so they are escaped too.
fn escape_for_markdown_file(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in escape_reversibly(text).chars() {
        match c {
            '<' | '=' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("  \n"),
            c => out.push(c),
        }
    }
    out
}

/// The report as a Markdown document the patient can keep.
pub fn markdown(q: &Questionnaire, state: &State, carried: &Carried) -> String {
    let mut md = String::new();
    let push = |md: &mut String, line: &str| {
        md.push_str(line);
        md.push('\n');
    };
    push(&mut md, &format!("# {}", q.report().title));
    push(&mut md, "");
    if let Some(clinic) = &carried.clinic {
        push(
            &mut md,
            &format!(
                "Clinic: {} (a label you gave this check)",
                escape_for_markdown_file(clinic)
            ),
        );
        push(&mut md, "");
    }
    push(&mut md, "## Overall reading");
    push(&mut md, "");
    for paragraph in reading(q, state) {
        push(&mut md, &paragraph);
        push(&mut md, "");
    }
    push(&mut md, "## Your answers");
    push(&mut md, "");
    for (i, question) in q.questions().iter().enumerate() {
        push(&mut md, &format!("### {}. {}", i + 1, question.short));
        push(&mut md, "");
        push(&mut md, &format!("- Question: {}", question.prompt));
        if !state.applies(q, i) {
            push(&mut md, &format!("- Answer: {}", not_needed(question)));
        } else {
            match (state.answers[i], state.chosen(q, i)) {
                (_, Some(option)) => {
                    push(&mut md, &format!("- Answer: {}", option.label));
                    push(&mut md, &format!("- Flag: {}", option.flag.label()));
                    if let Some(reading) = &option.reading {
                        push(&mut md, &format!("- What it means: {reading}"));
                    }
                    for value in values_of(state, option) {
                        push(&mut md, &format!("- {value}"));
                    }
                }
                (Answer::Skipped, None) => {
                    push(&mut md, "- Answer: skipped");
                    push(
                        &mut md,
                        &format!("- Flag: {}", super::definition::Flag::Open.label()),
                    );
                }
                _ => {
                    push(&mut md, "- Answer: not answered yet");
                    push(
                        &mut md,
                        &format!("- Flag: {}", super::definition::Flag::Open.label()),
                    );
                }
            }
            if question
                .options
                .iter()
                .any(|o| o.asks(InputKind::Manufacturer))
            {
                if let Some(m) = &carried.manufacturer {
                    push(
                        &mut md,
                        &format!("- Manufacturer: {}", escape_for_markdown_file(m)),
                    );
                }
            }
        }
        push(&mut md, &format!("- Why it matters: {}", question.why));
        push(
            &mut md,
            &format!("- A documented answer: {}", question.documented),
        );
        push(&mut md, &format!("- A red flag: {}", question.red_flag));
        let cited = q.citations(&question.sources);
        if !cited.is_empty() {
            push(&mut md, &format!("- Sources: {}", cited.join("; ")));
        }
        push(&mut md, "");
    }
    if let Some(note) = &carried.note {
        push(&mut md, "## Your note");
        push(&mut md, "");
        push(&mut md, &escape_for_markdown_file(note));
        push(&mut md, "");
    }
    let steps = next_steps(q, state, carried);
    if !steps.is_empty() {
        push(&mut md, "## Next steps");
        push(&mut md, "");
        for (step, link, url) in steps {
            push(&mut md, &format!("- {} {}: <{url}>", step.text, link.label));
        }
        push(&mut md, "");
    }
    let cited = q.citations(&q.report().sources);
    if !cited.is_empty() {
        push(&mut md, "Sources of the report's wording:");
        push(&mut md, "");
        for line in cited {
            push(&mut md, &format!("- {line}"));
        }
        push(&mut md, "");
    }
    push(&mut md, "---");
    push(&mut md, "");
    push(&mut md, DISCLAIMER);
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_the_file_can_open_no_html_heading_or_reference() {
        assert_eq!(escape_for_markdown_file("<pre"), "\\<pre");
        assert_eq!(
            escape_for_markdown_file("<a href=x>"),
            "\\<a href\\=x\\>",
            "no raw HTML link"
        );
        assert_eq!(
            escape_for_markdown_file("Glow\n==="),
            "Glow  \n\\=\\=\\=",
            "no setext heading"
        );
        assert_eq!(
            escape_for_markdown_file("&#64;everyone"),
            "\\&\\#64;everyone",
            "no @ from a reference"
        );
        assert_eq!(
            escape_for_markdown_file("a\\<b"),
            "a\\\\\\<b",
            "an escaped backslash, then <"
        );
        assert_eq!(
            crate::questionnaire::unescape(&escape_for_markdown_file("x <= y & z")).as_str(),
            "x <= y & z"
        );
    }
}
