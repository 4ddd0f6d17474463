//! The clinic check's state machine: events in, `Reply` values out, with no I/O.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::knowledge::Link;
use crate::reply::{
    limits, truncate, Button, ButtonStyle, Embed, Field, Message, Modal, Reply, Row, Select,
    SelectOption, TextInput,
};

use super::definition::{AnswerOption, Flag, InputKind, Question, Questionnaire};
use super::report;
use super::text::{
    self, clean_line, clean_paragraph, Carried, Ind, InputProblem, Nct, MANUFACTURER_MAX, NOTE_MAX,
};
use super::token::{self, custom_id, split_custom_id, TokenError, TokenKey, NEW_CHECK};
use super::Input;

/// Where a check stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Asking the question at this index.
    Question(usize),
    /// Showing every answer, any of which can still be changed.
    Summary,
    /// Showing the report.
    Report,
}

/// What was recorded for one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Not reached yet.
    None,
    /// Passed over with "Skip".
    Skipped,
    /// The option at this index.
    Chosen(usize),
}

/// Everything a check needs between two presses; it travels in the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub(crate) owner: u64,
    pub(crate) version: u32,
    pub(crate) position: Position,
    pub(crate) answers: Vec<Answer>,
    /// Set once the summary has been shown: answering then returns to the summary.
    pub(crate) reviewing: bool,
    pub(crate) nct: Option<Nct>,
    pub(crate) ind: Option<Ind>,
}

impl State {
    /// A fresh check owned by `owner`, at its first question.
    pub fn new(q: &Questionnaire, owner: u64) -> Self {
        let mut state = Self {
            owner,
            version: q.version(),
            position: Position::Question(0),
            answers: vec![Answer::None; q.questions().len()],
            reviewing: false,
            nct: None,
            ind: None,
        };
        state.normalize(q);
        state
    }

    /// Reads a state back from a token (see [`token::decode`]).
    pub fn from_token(token: &str, q: &Questionnaire, key: &TokenKey) -> Result<Self, TokenError> {
        token::decode(token, q, key)
    }

    /// The signed token for this state.
    pub fn to_token(&self, key: &TokenKey) -> String {
        token::encode(self, key)
    }

    pub fn owner(&self) -> u64 {
        self.owner
    }

    pub fn position(&self) -> Position {
        self.position
    }

    pub fn answers(&self) -> &[Answer] {
        &self.answers
    }

    pub fn nct(&self) -> Option<Nct> {
        self.nct
    }

    pub fn ind(&self) -> Option<Ind> {
        self.ind
    }

    /// Whether a follow-up value is held in the state (the manufacturer travels in the message).
    fn has(&self, kind: InputKind) -> bool {
        match kind {
            InputKind::Ind => self.ind.is_some(),
            InputKind::Nct => self.nct.is_some(),
            InputKind::Manufacturer => false,
        }
    }

    /// Whether question `i` is asked, given the values so far (the branch).
    pub fn applies(&self, q: &Questionnaire, i: usize) -> bool {
        q.questions()
            .get(i)
            .is_some_and(|question| question.skip_if.is_none_or(|kind| !self.has(kind)))
    }

    /// The option chosen for question `i`, when it is asked and answered.
    pub fn chosen<'q>(&self, q: &'q Questionnaire, i: usize) -> Option<&'q AnswerOption> {
        match self.answers.get(i) {
            Some(Answer::Chosen(k)) if self.applies(q, i) => q.questions().get(i)?.options.get(*k),
            _ => None,
        }
    }

    /// Whether a current answer's form asks for this follow-up value.
    pub fn asks(&self, q: &Questionnaire, kind: InputKind) -> bool {
        (0..self.answers.len()).any(|i| self.chosen(q, i).is_some_and(|o| o.asks(kind)))
    }

    /// Brings the state to its one canonical form: no answers to questions the branch skips, no
    /// values that no current answer asks for, and never positioned on a skipped question.
    fn normalize(&mut self, q: &Questionnaire) {
        loop {
            let mut changed = false;
            for i in 0..self.answers.len() {
                if !self.applies(q, i) && self.answers[i] != Answer::None {
                    self.answers[i] = Answer::None;
                    changed = true;
                }
            }
            if self.nct.is_some() && !self.asks(q, InputKind::Nct) {
                self.nct = None;
                changed = true;
            }
            if self.ind.is_some() && !self.asks(q, InputKind::Ind) {
                self.ind = None;
                changed = true;
            }
            if !changed {
                break;
            }
        }
        if let Position::Question(i) = self.position {
            if !self.applies(q, i) {
                self.position = self.next_after(q, i);
            }
        }
    }

    /// The first asked question after `i`, or the summary.
    fn next_after(&self, q: &Questionnaire, i: usize) -> Position {
        (i + 1..self.answers.len())
            .find(|&j| self.applies(q, j))
            .map_or(Position::Summary, Position::Question)
    }

    /// The last asked question before `i` (all of them for `i == n`).
    fn previous_before(&self, q: &Questionnaire, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| self.applies(q, j))
    }

    /// Moves on from question `i` after it was answered or skipped.
    fn advance(&mut self, q: &Questionnaire, i: usize) {
        // The answer just given may change which questions are asked.
        self.normalize(q);
        self.position = if self.reviewing {
            Position::Summary
        } else {
            self.next_after(q, i)
        };
        if self.position == Position::Summary {
            self.reviewing = true;
        }
    }
}

/// A button's meaning, the part of a custom id before the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// `a<k>`: answer with option `k` (opens its form when it asks for values).
    Answer(usize),
    /// `A<k>`: reopen option `k`'s form after refused input.
    Reopen(usize),
    Back,
    Skip,
    /// `n`: open the note form; `N`: reopen it after refused input.
    Note {
        reopened: bool,
    },
    Review,
    /// `c`: the summary's select menu; the value is a question index.
    Change,
    Finish,
    Restart,
    /// `m<k>` / `M<k>`: the submitted form of option `k`.
    Details {
        option: usize,
        reopened: bool,
    },
    /// `t` / `T`: the submitted note form.
    NoteForm {
        reopened: bool,
    },
}

impl Action {
    fn parse(code: &str) -> Option<Self> {
        let mut chars = code.chars();
        let head = chars.next()?;
        let rest = chars.as_str();
        let index = || -> Option<usize> {
            let k: usize = rest.parse().ok()?;
            (k.to_string() == rest).then_some(k)
        };
        let plain = |action: Action| rest.is_empty().then_some(action);
        match head {
            'a' => index().map(Action::Answer),
            'A' => index().map(Action::Reopen),
            'm' => index().map(|option| Action::Details {
                option,
                reopened: false,
            }),
            'M' => index().map(|option| Action::Details {
                option,
                reopened: true,
            }),
            'b' => plain(Action::Back),
            's' => plain(Action::Skip),
            'n' => plain(Action::Note { reopened: false }),
            'N' => plain(Action::Note { reopened: true }),
            'r' => plain(Action::Review),
            'c' => plain(Action::Change),
            'f' => plain(Action::Finish),
            'x' => plain(Action::Restart),
            't' => plain(Action::NoteForm { reopened: false }),
            'T' => plain(Action::NoteForm { reopened: true }),
            _ => None,
        }
    }

    fn code(self) -> String {
        match self {
            Action::Answer(k) => format!("a{k}"),
            Action::Reopen(k) => format!("A{k}"),
            Action::Details { option, reopened } => {
                format!("{}{option}", if reopened { 'M' } else { 'm' })
            }
            Action::Back => "b".into(),
            Action::Skip => "s".into(),
            Action::Note { reopened } => if reopened { "N" } else { "n" }.into(),
            Action::Review => "r".into(),
            Action::Change => "c".into(),
            Action::Finish => "f".into(),
            Action::Restart => "x".into(),
            Action::NoteForm { reopened } => if reopened { "T" } else { "t" }.into(),
        }
    }

    /// Whether it comes from a form rather than a button or menu.
    fn is_form(self) -> bool {
        matches!(self, Action::Details { .. } | Action::NoteForm { .. })
    }
}

/// A short key that stays the same for the same meaning on every screen of a check, for a front
/// end where members type rather than press: an answer is its option's number, a question in the
/// summary's menu is the question's own number, and Back, Skip, Note, Review, Finish and Start
/// over are `b`, `s`, `n`, `r`, `f`, `x`. `None` for custom ids that are not the check's.
pub(crate) fn shortcut(custom_id: &str, value: Option<&str>) -> Option<String> {
    let (code, _) = split_custom_id(custom_id)?;
    Some(match Action::parse(code)? {
        Action::Answer(k) => (k + 1).to_string(),
        Action::Change => (value?.parse::<usize>().ok()? + 1).to_string(),
        Action::Back => "b".into(),
        Action::Skip => "s".into(),
        Action::Note { .. } => "n".into(),
        Action::Review => "r".into(),
        Action::Finish => "f".into(),
        Action::Restart => "x".into(),
        Action::Reopen(_) | Action::Details { .. } | Action::NoteForm { .. } => return None,
    })
}

/// What the engine needs for one event.
pub(crate) struct Ctx<'a> {
    pub q: &'a Questionnaire,
    pub key: &'a TokenKey,
    pub links: &'a [Link],
}

/// Carries out one event. See the module documentation in `mod.rs` for the contract.
pub(crate) fn handle(cx: &Ctx<'_>, user_id: u64, input: Input, carried: Carried) -> Reply {
    match input {
        Input::Start { clinic } => start(cx, user_id, clinic.as_deref()),
        Input::Press { custom_id, values } => {
            event(cx, user_id, &custom_id, false, &values, &[], carried)
        }
        Input::Submit { custom_id, fields } => {
            event(cx, user_id, &custom_id, true, &[], &fields, carried)
        }
    }
}

fn start(cx: &Ctx<'_>, user_id: u64, clinic: Option<&str>) -> Reply {
    let clinic = match clean_line("clinic name", clinic.unwrap_or(""), text::CLINIC_MAX) {
        Ok(clinic) => clinic,
        Err(problem) => {
            return Reply::Message(Message {
                ephemeral: true,
                content: Some(format!(
                    "The clinic name is too long: {}. Please start the check again with a shorter name, or without one.",
                    problem.message
                )),
                rows: vec![Row::Buttons(vec![Button::action(
                    "Start without a clinic name",
                    ButtonStyle::Primary,
                    NEW_CHECK,
                )])],
                ..Message::default()
            })
        }
    };
    new_check(cx, user_id, clinic)
}

fn new_check(cx: &Ctx<'_>, user_id: u64, clinic: Option<String>) -> Reply {
    let state = State::new(cx.q, user_id);
    let carried = Carried {
        clinic,
        ..Carried::default()
    };
    Reply::Message(render(cx, &state, &carried))
}

fn ephemeral(text: impl Into<String>) -> Reply {
    Reply::Message(Message::ephemeral_text(text))
}

#[allow(clippy::too_many_arguments)] // the event's parts, kept apart so Press and Submit share one path
fn event(
    cx: &Ctx<'_>,
    user_id: u64,
    id: &str,
    is_form: bool,
    values: &[String],
    fields: &[(String, String)],
    carried: Carried,
) -> Reply {
    if id == NEW_CHECK && !is_form {
        return new_check(cx, user_id, carried.clinic);
    }
    if id.chars().count() > limits::CUSTOM_ID {
        return token_refused(
            &TokenError::Oversized {
                length: id.chars().count(),
                max: limits::CUSTOM_ID,
            },
            &carried,
        );
    }
    let Some((code, token)) = split_custom_id(id) else {
        return ephemeral("This button is not part of a clinic check.");
    };
    let state = match State::from_token(token, cx.q, cx.key) {
        Ok(state) => state,
        Err(error) => return token_refused(&error, &carried),
    };
    if state.owner != user_id {
        return Reply::Message(Message {
            ephemeral: true,
            content: Some(
                "This clinic check belongs to someone else, so only they can answer it. You can start your own."
                    .into(),
            ),
            rows: vec![Row::Buttons(vec![Button::action(
                "Start my own check",
                ButtonStyle::Primary,
                NEW_CHECK,
            )])],
            ..Message::default()
        });
    }
    let Some(action) = Action::parse(code).filter(|a| a.is_form() == is_form) else {
        return ephemeral("This button is not one the clinic check knows. Please use the latest message of your check.");
    };
    act(cx, state, action, values, fields, carried)
}

fn token_refused(error: &TokenError, carried: &Carried) -> Reply {
    let mut message = Message {
        ephemeral: true,
        content: Some(format!("{error} You can start a new check.")),
        rows: vec![Row::Buttons(vec![Button::action(
            "Start a new check",
            ButtonStyle::Primary,
            NEW_CHECK,
        )])],
        ..Message::default()
    };
    // The clinic label goes along so the new check keeps it.
    let kept = Carried {
        clinic: carried.clinic.clone(),
        ..Carried::default()
    };
    let fields = kept.fields(false);
    if !fields.is_empty() {
        message.embeds.push(Embed {
            title: "Your check".into(),
            fields,
            ..Embed::default()
        });
    }
    Reply::Message(message)
}

fn out_of_step() -> Reply {
    ephemeral("This button belongs to another step of the check. Please use the latest message of your check.")
}

/// A refused form: what was wrong, what was typed, and a button that reopens the form.
fn refused(
    cx: &Ctx<'_>,
    state: &State,
    problems: &[InputProblem],
    drafts: Vec<(String, String)>,
    carried: &Carried,
    reopen: Action,
) -> Reply {
    let mut description =
        String::from("Nothing was saved yet. Please correct this and try again:\n");
    for p in problems {
        description.push_str(&format!("- **{}**: {}.\n", p.what, p.message));
    }
    let shown = Carried {
        drafts,
        ..carried.clone()
    };
    let token = state.to_token(cx.key);
    Reply::Message(Message {
        ephemeral: true,
        embeds: vec![Embed {
            title: "Please check what you typed".into(),
            description,
            fields: shown.fields(true),
            ..Embed::default()
        }],
        rows: vec![Row::Buttons(vec![Button::action(
            "Try again",
            ButtonStyle::Primary,
            custom_id(&reopen.code(), &token),
        )])],
        ..Message::default()
    })
}

fn act(
    cx: &Ctx<'_>,
    mut state: State,
    action: Action,
    values: &[String],
    fields: &[(String, String)],
    mut carried: Carried,
) -> Reply {
    let q = cx.q;
    let mut reopened_form = false;
    match (action, state.position) {
        (Action::Answer(k) | Action::Reopen(k), Position::Question(i)) => {
            let Some(option) = q.questions()[i].options.get(k) else {
                return out_of_step();
            };
            let reopened = matches!(action, Action::Reopen(_));
            if option.all_inputs().next().is_some() {
                return Reply::Modal(details_form(cx, &state, i, k, &carried, reopened));
            }
            if reopened {
                return out_of_step();
            }
            state.answers[i] = Answer::Chosen(k);
            state.advance(q, i);
        }
        (
            Action::Details {
                option: k,
                reopened,
            },
            Position::Question(i),
        ) => {
            let Some(option) = q.questions()[i].options.get(k) else {
                return out_of_step();
            };
            if option.all_inputs().next().is_none() {
                return out_of_step();
            }
            let typed = |id: &str| {
                fields
                    .iter()
                    .find(|(name, _)| name == id)
                    .map_or("", |(_, v)| v.as_str())
            };
            let mut problems = Vec::new();
            let (mut ind, mut nct, mut manufacturer) = (None, None, None);
            for kind in option.all_inputs() {
                let raw = typed(kind.id());
                let required = option.inputs.contains(&kind);
                let missing = |what: &'static str| InputProblem {
                    what,
                    message: "this answer needs it; please fill it in".into(),
                };
                match kind {
                    InputKind::Ind if raw.trim().is_empty() => {
                        if required {
                            problems.push(missing(text::IND_WHAT));
                        }
                    }
                    InputKind::Ind => match Ind::parse(raw) {
                        Ok(v) => ind = Some(v),
                        Err(p) => problems.push(p),
                    },
                    InputKind::Nct if raw.trim().is_empty() => {
                        if required {
                            problems.push(missing(text::NCT_WHAT));
                        }
                    }
                    InputKind::Nct => match Nct::parse(raw) {
                        Ok(v) => nct = Some(v),
                        Err(p) => problems.push(p),
                    },
                    InputKind::Manufacturer => {
                        match clean_line("manufacturer", raw, MANUFACTURER_MAX) {
                            Ok(None) if required => problems.push(missing("manufacturer")),
                            Ok(v) => manufacturer = v,
                            Err(p) => problems.push(p),
                        }
                    }
                }
            }
            if !problems.is_empty() {
                let drafts = option
                    .all_inputs()
                    .map(|kind| (kind.id().to_owned(), typed(kind.id()).to_owned()))
                    .collect();
                return refused(cx, &state, &problems, drafts, &carried, Action::Reopen(k));
            }
            for kind in option.all_inputs() {
                match kind {
                    InputKind::Ind => state.ind = ind,
                    InputKind::Nct => state.nct = nct,
                    InputKind::Manufacturer => carried.manufacturer = manufacturer.clone(),
                }
            }
            state.answers[i] = Answer::Chosen(k);
            state.advance(q, i);
            reopened_form = reopened;
        }
        (Action::Back, Position::Question(i)) => {
            if let Some(j) = state.previous_before(q, i) {
                state.position = Position::Question(j);
            }
        }
        (Action::Back, Position::Summary) => {
            if let Some(j) = state.previous_before(q, state.answers.len()) {
                state.position = Position::Question(j);
            }
        }
        (Action::Back, Position::Report) | (Action::Review, _) => {
            state.position = Position::Summary;
            state.reviewing = true;
        }
        (Action::Skip, Position::Question(i)) => {
            if state.answers[i] == Answer::None {
                state.answers[i] = Answer::Skipped;
            }
            state.advance(q, i);
        }
        (Action::Note { reopened }, _) => {
            return Reply::Modal(note_form(cx, &state, &carried, reopened))
        }
        (Action::NoteForm { reopened }, _) => {
            let raw = fields
                .iter()
                .find(|(name, _)| name == "note")
                .map_or("", |(_, v)| v.as_str());
            match clean_paragraph("note", raw, NOTE_MAX) {
                Ok(note) => carried.note = note,
                Err(problem) => {
                    let drafts = vec![("note".to_owned(), raw.to_owned())];
                    return refused(
                        cx,
                        &state,
                        &[problem],
                        drafts,
                        &carried,
                        Action::Note { reopened: true },
                    );
                }
            }
            reopened_form = reopened;
        }
        (Action::Change, Position::Summary | Position::Report) => {
            let index = values.first().and_then(|v| v.parse::<usize>().ok());
            match index {
                Some(i) if state.applies(q, i) => {
                    state.position = Position::Question(i);
                    state.reviewing = true;
                }
                _ => {
                    return ephemeral(
                        "That question is not part of this check. Please pick one from the list.",
                    )
                }
            }
        }
        (Action::Finish, _) => state.position = Position::Report,
        (Action::Restart, _) => {
            state = State::new(q, state.owner);
            carried = Carried {
                clinic: carried.clinic,
                ..Carried::default()
            };
        }
        _ => return out_of_step(),
    }
    state.normalize(q);
    carried.drafts.clear();
    if !state.asks(q, InputKind::Manufacturer) {
        carried.manufacturer = None;
    }
    let message = render(cx, &state, &carried);
    if reopened_form {
        // The form was reopened from an error message: the check goes on in a new message.
        Reply::Message(message)
    } else {
        Reply::Update(message)
    }
}

/// The message for a state: its question, the summary or the report.
pub(crate) fn render(cx: &Ctx<'_>, state: &State, carried: &Carried) -> Message {
    let token = state.to_token(cx.key);
    match state.position {
        Position::Question(i) => question_message(cx.q, state, i, carried, &token),
        Position::Summary => summary_message(cx.q, state, carried, &token),
        Position::Report => report::message(cx.q, cx.links, state, carried, &token),
    }
}

/// How the recorded answer to question `i` reads, in one or two lines.
pub(crate) fn answer_text(q: &Questionnaire, state: &State, i: usize) -> String {
    let question = &q.questions()[i];
    if !state.applies(q, i) {
        return not_needed(question);
    }
    match state.answers[i] {
        Answer::Chosen(k) => {
            let option = &question.options[k];
            let mut text = format!("{}\n{}", option.label, option.flag.label());
            for value in values_of(state, option) {
                text.push('\n');
                text.push_str(&value);
            }
            text
        }
        Answer::Skipped => format!("Skipped\n{}", Flag::Open.label()),
        Answer::None => format!("Not answered yet\n{}", Flag::Open.label()),
    }
}

/// Why a question the branch skips is not asked.
pub(crate) fn not_needed(question: &Question) -> String {
    let given = match question.skip_if {
        Some(InputKind::Ind) => "an FDA IND number was given",
        Some(InputKind::Nct) => "a ClinicalTrials.gov number was given",
        Some(InputKind::Manufacturer) => "the manufacturer was named",
        None => "an earlier answer covers it",
    };
    format!("Not needed: {given}")
}

/// The follow-up numbers an option took, as lines.
pub(crate) fn values_of(state: &State, option: &AnswerOption) -> Vec<String> {
    let mut lines = Vec::new();
    for kind in option.all_inputs() {
        match kind {
            InputKind::Ind => {
                if let Some(ind) = state.ind {
                    lines.push(format!("IND number: {ind}"));
                }
            }
            InputKind::Nct => {
                if let Some(nct) = state.nct {
                    lines.push(format!("ClinicalTrials.gov number: {nct}"));
                }
            }
            InputKind::Manufacturer => {}
        }
    }
    lines
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
                        Button::action(
                            &option.label,
                            style,
                            custom_id(&Action::Answer(k).code(), token),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    let mut back = Button::action("Back", ButtonStyle::Secondary, custom_id("b", token));
    back.disabled = state.previous_before(q, i).is_none();
    let note_label = if carried.note.is_some() {
        "Edit your note"
    } else {
        "Add a note"
    };
    rows.push(Row::Buttons(vec![
        back,
        Button::action("Skip", ButtonStyle::Secondary, custom_id("s", token)),
        Button::action(note_label, ButtonStyle::Secondary, custom_id("n", token)),
        Button::action(
            "Review answers",
            ButtonStyle::Primary,
            custom_id("r", token),
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
                custom_id: custom_id("c", token),
                placeholder: "Change an answer…".into(),
                options,
            }),
            Row::Buttons(vec![
                Button::action("Back", ButtonStyle::Secondary, custom_id("b", token)),
                Button::action(note_label, ButtonStyle::Secondary, custom_id("n", token)),
                Button::action("Start over", ButtonStyle::Danger, custom_id("x", token)),
                Button::action("Get the report", ButtonStyle::Success, custom_id("f", token)),
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
fn details_form(
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
        custom_id: custom_id(
            &Action::Details {
                option: k,
                reopened,
            }
            .code(),
            &token,
        ),
        title: truncate(&format!("Details: {}", question.short), limits::MODAL_TITLE),
        inputs,
    }
}

fn note_form(cx: &Ctx<'_>, state: &State, carried: &Carried, reopened: bool) -> Modal {
    let token = state.to_token(cx.key);
    let value = if reopened {
        carried.draft("note").or(carried.note.as_deref())
    } else {
        carried.note.as_deref()
    };
    Modal {
        custom_id: custom_id(&Action::NoteForm { reopened }.code(), &token),
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
    let q = &cited;
    let key = TokenKey::new(b"worst case");
    let links: Vec<Link> = q
        .steps()
        .iter()
        .map(|s| Link {
            id: s.link.clone(),
            label: "L".repeat(limits::BUTTON_LABEL),
            url: format!("https://example.org/{}", "x".repeat(400)),
            confirmed: true,
        })
        .collect();
    let cx = Ctx {
        q,
        key: &key,
        links: &links,
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_codes_read_back_as_the_same_action() {
        let actions = [
            Action::Answer(0),
            Action::Answer(9),
            Action::Reopen(3),
            Action::Back,
            Action::Skip,
            Action::Note { reopened: false },
            Action::Note { reopened: true },
            Action::Review,
            Action::Change,
            Action::Finish,
            Action::Restart,
            Action::Details {
                option: 2,
                reopened: false,
            },
            Action::Details {
                option: 2,
                reopened: true,
            },
            Action::NoteForm { reopened: false },
            Action::NoteForm { reopened: true },
        ];
        for action in actions {
            assert_eq!(Action::parse(&action.code()), Some(action));
        }
    }

    #[test]
    fn action_codes_with_leading_zeros_or_extra_letters_are_refused() {
        for code in ["a01", "a", "b2", "", "z", "a-1", "fx"] {
            assert_eq!(Action::parse(code), None, "{code}");
        }
    }
}
