//! The clinic check: six questions to ask a clinic that offers exosome therapy, ending in a report of red flags.
//!
//! A pure engine: events in, [`Reply`] values out. No I/O, no Discord types, no logging. The
//! Discord adapter and the console drive it the same way:
//!
//! ```text
//! handle(&questionnaire, &key, &[()], user_id, Input::Start { clinic }, Carried::default())
//!     -> Reply::Message(first question)
//! handle(.., Input::Press { custom_id, values }, Carried::from_embeds(&pressed_message.embeds))
//!     -> Reply::Update(next question / summary / report) | Reply::Modal(form) | ephemeral error
//! handle(.., Input::Submit { custom_id, fields }, Carried::from_embeds(&message_of_the_form.embeds))
//!     -> Reply::Update(..), or Reply::Message(..) for a form reopened from an error message,
//!        or an ephemeral error whose "Try again" button reopens the form
//! ```
//!
//! - Every custom id the engine issues starts with [`PREFIX`] (`ck:`): route those here. It is
//!   `ck:<action>:<token>`, at most 62 characters, or [`NEW_CHECK`] for "start a new check".
//! - The token ([`token`]) carries the whole state: owner, structure version, answers, position,
//!   the IND and NCT numbers, signed with the [`TokenKey`]. Forged, cut, oversized and garbled
//!   tokens are refused with their own explanation; a token of an older questionnaire structure
//!   gets "this check was updated, please start again". Someone other than the owner pressing a
//!   button gets an ephemeral "this check belongs to someone else".
//! - Free text (clinic label, manufacturer, note) never goes in the token. It travels in the bot's
//!   own message as embed fields; pass the pressed message's embeds back through
//!   [`Carried::from_embeds`]. The console keeps the last message and does the same.
//! - The questionnaire is data: `knowledge/questionnaire.toml`, loaded by [`Questionnaire::parse`].

pub mod definition;
pub mod engine;
pub mod report;
pub mod schema;
pub mod state;
pub mod text;
pub mod token;
pub mod validate;
pub mod view;

pub use definition::{
    AnswerOption, Flag, InputKind, Question, Questionnaire, Reference, ReportText, Review, Step,
    StepLink,
};
pub use report::REPORT_FILE;
pub use state::{Answer, Position, State};
pub use text::{escape_reversibly, unescape, Carried, Ind, Nct};
pub use token::{split_custom_id, TokenError, TokenKey, NEW_CHECK, PREFIX};

use crate::reply::Reply;

/// One event of a clinic check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// The check command, with an optional clinic name (a label on the report, nothing more).
    Start { clinic: Option<String> },
    /// A button or select menu with one of the check's custom ids; `values` are the selected
    /// values (empty for buttons).
    Press {
        custom_id: String,
        values: Vec<String>,
    },
    /// A submitted form: its custom id and the (input custom id, text) pairs.
    Submit {
        custom_id: String,
        fields: Vec<(String, String)>,
    },
}

/// What one event of a check came to: the reply, and what it shows, so that a front end places
/// the check (and the core routes it) without reading the reply's shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// What the member sees.
    pub reply: Reply,
    /// What that reply is.
    pub shown: Shown,
}

/// What a check's reply shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The check itself: a question or the summary (a new check shows its first question).
    Check,
    /// The check's final report, with its file.
    Report,
    /// Anything else: a form, a refusal, an explanation.
    Other,
}

impl From<Reply> for Turn {
    /// A reply that is not the check's own message (a form, a refusal).
    fn from(reply: Reply) -> Self {
        Self {
            reply,
            shown: Shown::Other,
        }
    }
}

/// A stable key for a check's button or menu option (`value` for a menu), for a front end where
/// members type a key: the same meaning has the same key on every screen (see the console).
pub fn shortcut(custom_id: &str, value: Option<&str>) -> Option<String> {
    engine::shortcut(custom_id, value)
}

/// Whether a custom id belongs to the clinic check.
pub fn is_ours(custom_id: &str) -> bool {
    custom_id.starts_with(PREFIX)
}

/// Carries out one event of `user_id`'s clinic check and answers it: [`turn`]'s reply.
///
/// The report's next steps point to the links the knowledge loader handed the questionnaire
/// ([`Questionnaire::link`]). `_links` is no longer read: it stays, of any type, only so that
/// callers outside this wing (tests/it/patient_text.rs) keep compiling until they drop
/// the argument. `carried` is the free text read back from the message the event
/// came from (`Carried::default()` for `Start`).
pub fn handle<L>(
    q: &Questionnaire,
    key: &TokenKey,
    _links: &[L],
    user_id: u64,
    input: Input,
    carried: Carried,
) -> Reply {
    turn(q, key, user_id, input, carried).reply
}

/// Carries out one event of `user_id`'s clinic check: its reply and what that reply shows.
pub fn turn(
    q: &Questionnaire,
    key: &TokenKey,
    user_id: u64,
    input: Input,
    carried: Carried,
) -> Turn {
    let cx = engine::Ctx { q, key };
    engine::handle(&cx, user_id, input, carried)
}
