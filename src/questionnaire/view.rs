//! The clinic check drawn: the message for each position (a question, the summary; the report is
//! in [`report`](super::report)), the two forms, and the load-time check that every message fits
//! Discord's limits at its longest.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::reply::{
    limits, truncate, Button, ButtonStyle, Embed, Field, Message, Modal, Reply, Row, Select,
    SelectOption, TextInput,
};

use super::definition::{InputKind, Questionnaire, StepLink};
use super::engine::{Action, Ctx};
use super::report;
use super::state::{answer_text, Answer, Position, State};
use super::text::{self, Carried, Ind, Nct, MANUFACTURER_MAX, NOTE_MAX};
use super::token::TokenKey;

/// The message for a state: its question, the summary or the report.
pub(crate) fn render(cx: &Ctx<'_>, state: &State, carried: &Carried) -> Message {
    let token = state.to_token(cx.key);
    match state.position {
        Position::Question(i) => question_message(cx.q, state, i, carried, &token),
        Position::Summary => summary_message(cx.q, state, carried, &token),
        Position::Report => report::message(cx.q, state, carried, &token),
    }
}

fn question_message(
    q: &Questionnaire,
    state: &State,
    i: usize,
    carried: &Carried,
    token: &str,
) -> Message {
    let question = &q.questions()[i];
    let n = q.questions().len();
    let mut description = String::new();
    if i == 0 {
        description.push_str(q.intro());
        description.push_str("\n\n");
    }
    description.push_str(&format!(
        "**{}**\n\n**Why it matters:** {}\n**A documented answer:** {}\n**A red flag:** {}",
        question.prompt, question.why, question.documented, question.red_flag
    ));
    let mut fields = Vec::new();
    if state.answers[i] != Answer::None {
        fields.push(Field {
            name: "Your answer".into(),
            value: answer_text(q, state, i),
            inline: false,
        });
    }
    fields.extend(carried.fields(false));
    let sources = sources_value(&q.citations(&question.sources));
    if !sources.is_empty() {
        fields.push(Field {
            name: "Sources".into(),
            value: sources,
            inline: false,
        });
    }
    let chosen = match state.answers[i] {
        Answer::Chosen(k) => Some(k),
        _ => None,
    };
    let mut rows: Vec<Row> = question
        .options
        .chunks(limits::BUTTONS_PER_ROW)
        .enumerate()
        .map(|(r, chunk)| {
            Row::Buttons(
                chunk
                    .iter()
                    .enumerate()
                    .map(|(c, option)| {
                        let k = r * limits::BUTTONS_PER_ROW + c;
                        let style = if chosen == Some(k) {
                            ButtonStyle::Success
                        } else {
                            ButtonStyle::Secondary
                        };
                        Button::action(&option.label, style, Action::Answer(k).custom_id(token))
                    })
                    .collect(),
            )
        })
        .collect();
    let mut back = Button::action(
        "Back",
        ButtonStyle::Secondary,
        Action::Back.custom_id(token),
    );
    back.disabled = state.previous_before(q, i).is_none();
    let note_label = if carried.note.is_some() {
        "Edit your note"
    } else {
        "Add a note"
    };
    rows.push(Row::Buttons(vec![
        back,
        Button::action(
            "Skip",
            ButtonStyle::Secondary,
            Action::Skip.custom_id(token),
        ),
        Button::action(
            note_label,
            ButtonStyle::Secondary,
            Action::Note { reopened: false }.custom_id(token),
        ),
        Button::action(
            "Review answers",
            ButtonStyle::Primary,
            Action::Review.custom_id(token),
        ),
    ]));
    Message {
        ephemeral: false,
        content: None,
        embeds: vec![Embed {
            title: format!(
                "{} · Question {} of {n} · {}",
                q.title(),
                i + 1,
                question.short
            ),
            description,
            fields,
            footer: None,
            colour: Some(0x3b82f6),
        }],
        rows,
        attachments: Vec::new(),
    }
}

/// Citations one a line, as many whole ones as fit in a field.
fn sources_value(citations: &[&str]) -> String {
    let mut value = String::new();
    for line in citations {
        let needed = value.chars().count() + line.chars().count() + usize::from(!value.is_empty());
        if needed > limits::FIELD_VALUE {
            break;
        }
        if !value.is_empty() {
            value.push('\n');
        }
        value.push_str(line);
    }
    value
}

fn summary_message(q: &Questionnaire, state: &State, carried: &Carried, token: &str) -> Message {
    let mut fields: Vec<Field> = q
        .questions()
        .iter()
        .enumerate()
        .map(|(i, question)| Field {
            name: format!("{}. {}", i + 1, question.short),
            value: answer_text(q, state, i),
            inline: false,
        })
        .collect();
    fields.extend(carried.fields(false));
    let options: Vec<SelectOption> = (0..q.questions().len())
        .filter(|&i| state.applies(q, i))
        .map(|i| {
            let question = &q.questions()[i];
            let current = match state.answers[i] {
                Answer::Chosen(k) => question.options[k].label.clone(),
                Answer::Skipped => "Skipped".into(),
                Answer::None => "Not answered yet".into(),
            };
            SelectOption {
                label: format!("{}. {}", i + 1, question.short),
                value: i.to_string(),
                description: Some(truncate(&current, limits::SELECT_OPTION_TEXT)),
            }
        })
        .collect();
    let note_label = if carried.note.is_some() {
        "Edit your note"
    } else {
        "Add a note"
    };
    Message {
        ephemeral: false,
        content: None,
        embeds: vec![Embed {
            title: format!("{} · Your answers", q.title()),
            description: "Check your answers before the report. Pick a question in the menu below to change its answer, or get the report. Questions you have not answered yet are shown as open.".into(),
            fields,
            footer: None,
            colour: Some(0x3b82f6),
        }],
        rows: vec![
            Row::Select(Select {
                custom_id: Action::Change.custom_id(token),
                placeholder: "Change an answer…".into(),
                options,
            }),
            Row::Buttons(vec![
                Button::action("Back", ButtonStyle::Secondary, Action::Back.custom_id(token)),
                Button::action(note_label, ButtonStyle::Secondary, Action::Note { reopened: false }.custom_id(token)),
                Button::action("Start over", ButtonStyle::Danger, Action::Restart.custom_id(token)),
                Button::action("Get the report", ButtonStyle::Success, Action::Finish.custom_id(token)),
            ]),
        ],
        attachments: Vec::new(),
    }
}

fn input_label(kind: InputKind, required: bool) -> &'static str {
    match (kind, required) {
        (InputKind::Ind, _) => "IND number (4 to 7 digits)",
        (InputKind::Nct, true) => "ClinicalTrials.gov number (NCT + 8 digits)",
        (InputKind::Nct, false) => "ClinicalTrials.gov number, if you have it",
        (InputKind::Manufacturer, true) => "Manufacturer or processing facility",
        (InputKind::Manufacturer, false) => "Manufacturer, if they named one",
    }
}

fn input_placeholder(kind: InputKind) -> &'static str {
    match kind {
        InputKind::Ind => "for example 123456",
        InputKind::Nct => "for example NCT01234567",
        InputKind::Manufacturer => "the name as the clinic gave it",
    }
}

/// The form an answer option opens for its follow-up values.
pub(crate) fn details_form(
    cx: &Ctx<'_>,
    state: &State,
    i: usize,
    k: usize,
    carried: &Carried,
    reopened: bool,
) -> Modal {
    let question = &cx.q.questions()[i];
    let option = &question.options[k];
    let token = state.to_token(cx.key);
    let inputs = option
        .all_inputs()
        .map(|kind| {
            let required = option.inputs.contains(&kind);
            let current = match kind {
                InputKind::Ind => state.ind.map(|v| v.to_string()),
                InputKind::Nct => state.nct.map(|v| v.to_string()),
                InputKind::Manufacturer => carried.manufacturer.clone(),
            };
            let value = if reopened {
                carried.draft(kind.id()).map(str::to_owned).or(current)
            } else {
                current
            };
            let max_length = match kind {
                InputKind::Ind | InputKind::Nct => 20,
                InputKind::Manufacturer => MANUFACTURER_MAX as u16,
            };
            TextInput {
                custom_id: kind.id().into(),
                label: input_label(kind, required).into(),
                paragraph: false,
                required,
                min_length: None,
                max_length: Some(max_length),
                value: value.map(|v| truncate(&v, usize::from(max_length))),
                placeholder: Some(input_placeholder(kind).into()),
            }
        })
        .collect();
    Modal {
        custom_id: Action::Details {
            option: k,
            reopened,
        }
        .custom_id(&token),
        title: truncate(&format!("Details: {}", question.short), limits::MODAL_TITLE),
        inputs,
    }
}

pub(crate) fn note_form(cx: &Ctx<'_>, state: &State, carried: &Carried, reopened: bool) -> Modal {
    let token = state.to_token(cx.key);
    let value = if reopened {
        carried.draft("note").or(carried.note.as_deref())
    } else {
        carried.note.as_deref()
    };
    Modal {
        custom_id: Action::NoteForm { reopened }.custom_id(&token),
        title: "Your note on this check".into(),
        inputs: vec![TextInput {
            custom_id: "note".into(),
            label: format!("Your note (up to {NOTE_MAX} characters)"),
            paragraph: true,
            required: false,
            min_length: None,
            max_length: Some(NOTE_MAX as u16),
            value: value.map(|v| truncate(v, NOTE_MAX)),
            placeholder: Some(
                "Anything you want to keep with this check. Leave empty to remove it.".into(),
            ),
        }],
    }
}

/// Where the parts of a questionnaire file are written, to locate what does not fit.
pub(crate) struct Places<'a> {
    /// The span of each question's `id`, in question order.
    pub questions: &'a [std::ops::Range<usize>],
    /// The span of the `[report]` table.
    pub report: &'a std::ops::Range<usize>,
}

/// Checks that every message the questionnaire can produce fits Discord's limits, rendering the
/// worst case: the longest options, every value given, carried text at its limits (typed limits,
/// escaped for display), sources cited at the longest field they can fill, and one more row of
/// buttons, which the Discord front end adds to a check's first question ("Continue in DMs") and
/// report ("Delete this check"). Each problem is located at the question's `id`, or at
/// `[report]` for the summary and the report.
pub(crate) fn worst_case_problems(
    q: &Questionnaire,
    file: &SourceFile<'_>,
    places: &Places<'_>,
) -> Vec<Diagnostic> {
    // Sources are cited once the knowledge base is known: assume the longest field they can fill.
    let mut cited = q.clone();
    cited.cite_all_as(&"s".repeat(limits::FIELD_VALUE));
    let key = TokenKey::new(b"worst case");
    // Links are known once the knowledge base is: assume the longest each can be.
    let links: Vec<StepLink> = cited
        .steps()
        .iter()
        .map(|s| StepLink {
            id: s.link.clone(),
            label: "L".repeat(limits::BUTTON_LABEL),
            url: format!("https://example.org/{}", "x".repeat(400)),
        })
        .collect();
    cited.link(links);
    let q = &cited;
    let cx = Ctx { q, key: &key };
    // The limits count what a member typed; `*` is shown as `\*`, the longest escape.
    let carried = Carried {
        clinic: Some("*".repeat(text::CLINIC_MAX)),
        manufacturer: Some("*".repeat(MANUFACTURER_MAX)),
        note: Some("*".repeat(NOTE_MAX)),
        drafts: Vec::new(),
    };
    let longest: Vec<Answer> = q
        .questions()
        .iter()
        .map(|question| {
            let k = (0..question.options.len())
                .max_by_key(|&k| {
                    let o = &question.options[k];
                    o.label.len()
                        + o.reading.as_ref().map_or(0, String::len)
                        + 60 * o.all_inputs().count()
                })
                .unwrap_or(0);
            Answer::Chosen(k)
        })
        .collect();
    let mut problems: HashMap<String, Diagnostic> = HashMap::new();
    for with_ind in [false, true] {
        let mut state = State::new(q, u64::MAX);
        state.answers = longest.clone();
        state.reviewing = true;
        state.nct = Nct::from_number(12_345_678);
        state.ind = if with_ind {
            Ind::from_parts(1_234_567, 7)
        } else {
            None
        };
        let mut positions: Vec<(String, Position, std::ops::Range<usize>)> =
            (0..q.questions().len())
                .map(|i| {
                    (
                        format!("question `{}`", q.questions()[i].id),
                        Position::Question(i),
                        places.questions.get(i).unwrap_or(places.report).clone(),
                    )
                })
                .collect();
        positions.push((
            "the summary".into(),
            Position::Summary,
            places.report.clone(),
        ));
        positions.push(("the report".into(), Position::Report, places.report.clone()));
        for (what, position, span) in positions {
            state.position = position;
            let mut message = render(&cx, &state, &carried);
            // The row the Discord front end adds (its own buttons' labels and ids are shorter).
            message.rows.push(Row::Buttons(vec![Button::action(
                "Continue in DMs",
                ButtonStyle::Secondary,
                "place:dm",
            )]));
            let reply = Reply::Message(message);
            if let Some(first) = reply.limit_errors().first() {
                problems.entry(what.clone()).or_insert_with(|| {
                    file.error(
                        &span,
                        format!(
                            "{what} would not fit in a Discord message at its longest: {first}"
                        ),
                    )
                });
            }
        }
    }
    let mut problems: Vec<Diagnostic> = problems.into_values().collect();
    problems.sort_by(|a, b| (a.line, a.col, &a.message).cmp(&(b.line, b.col, &b.message)));
    problems
}
