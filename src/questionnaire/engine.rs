//! The clinic check's state machine: events in, `Reply` values out, with no I/O. The action
//! codes of custom ids are read and written here; the messages and forms are drawn in
//! [`view`](super::view).
//!
//! A little over 500 lines: `act` is one match over (action, position), kept whole so that every
//! transition reads in one place.

use crate::reply::{limits, Button, ButtonStyle, Embed, Message, Reply, Row};

use super::definition::{InputKind, Questionnaire};
use super::state::{Answer, Position, State};
use super::text::{
    self, clean_line, clean_paragraph, Carried, Ind, InputProblem, Nct, MANUFACTURER_MAX, NOTE_MAX,
};
use super::token::{custom_id, split_custom_id, TokenError, TokenKey, NEW_CHECK};
use super::view::{details_form, note_form, render};
use super::{Input, Shown, Turn};

/// A button's meaning, the part of a custom id before the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
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
    pub(crate) fn parse(code: &str) -> Option<Self> {
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

    /// The action's letters: the only place they are written.
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

    /// The custom id of a button, menu or form with this action on a check with `token`.
    pub(crate) fn custom_id(self, token: &str) -> String {
        custom_id(&self.code(), token)
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
}

/// Carries out one event. See the module documentation in `mod.rs` for the contract.
pub(crate) fn handle(cx: &Ctx<'_>, user_id: u64, input: Input, carried: Carried) -> Turn {
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

fn start(cx: &Ctx<'_>, user_id: u64, clinic: Option<&str>) -> Turn {
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
            .into()
        }
    };
    new_check(cx, user_id, clinic)
}

fn new_check(cx: &Ctx<'_>, user_id: u64, clinic: Option<String>) -> Turn {
    let state = State::new(cx.q, user_id);
    let carried = Carried {
        clinic,
        ..Carried::default()
    };
    Turn {
        reply: Reply::Message(render(cx, &state, &carried)),
        shown: Shown::Check,
    }
}

fn ephemeral(text: impl Into<String>) -> Reply {
    Reply::Message(Message::ephemeral_text(text))
}

fn event(
    cx: &Ctx<'_>,
    user_id: u64,
    id: &str,
    is_form: bool,
    values: &[String],
    fields: &[(String, String)],
    carried: Carried,
) -> Turn {
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
        )
        .into();
    }
    let Some((code, token)) = split_custom_id(id) else {
        return ephemeral("This button is not part of a clinic check.").into();
    };
    let state = match State::from_token(token, cx.q, cx.key) {
        Ok(state) => state,
        Err(error) => return token_refused(&error, &carried).into(),
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
        })
        .into();
    }
    let Some(action) = Action::parse(code).filter(|a| a.is_form() == is_form) else {
        return ephemeral("This button is not one the clinic check knows. Please use the latest message of your check.").into();
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
            reopen.custom_id(&token),
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
) -> Turn {
    let q = cx.q;
    let mut reopened_form = false;
    match (action, state.position) {
        (Action::Answer(k) | Action::Reopen(k), Position::Question(i)) => {
            let Some(option) = q.questions()[i].options.get(k) else {
                return out_of_step().into();
            };
            let reopened = matches!(action, Action::Reopen(_));
            if option.all_inputs().next().is_some() {
                return Reply::Modal(details_form(cx, &state, i, k, &carried, reopened)).into();
            }
            if reopened {
                return out_of_step().into();
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
                return out_of_step().into();
            };
            if option.all_inputs().next().is_none() {
                return out_of_step().into();
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
                return refused(cx, &state, &problems, drafts, &carried, Action::Reopen(k)).into();
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
            return Reply::Modal(note_form(cx, &state, &carried, reopened)).into()
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
                    )
                    .into();
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
                    .into()
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
        _ => return out_of_step().into(),
    }
    state.normalize(q);
    carried.drafts.clear();
    if !state.asks(q, InputKind::Manufacturer) {
        carried.manufacturer = None;
    }
    let message = render(cx, &state, &carried);
    let shown = if state.position == Position::Report {
        Shown::Report
    } else {
        Shown::Check
    };
    let reply = if reopened_form {
        // The form was reopened from an error message: the check goes on in a new message.
        Reply::Message(message)
    } else {
        Reply::Update(message)
    };
    Turn { reply, shown }
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
