//! The core's vocabulary, below its router: what a member did ([`Event`], by an [`Actor`] at a
//! [`Place`]), what the core answers ([`Response`], with at most one [`Effect`]), and the custom
//! id of every component the bot issues ([`ComponentId`]).
//!
//! Front ends build these values and the core's features take and return them; none of them
//! knows Discord or the terminal.

use std::fmt;

use crate::reply::{Embed, Message, Reply};

/// The commands members can run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Show a fact; without a topic, browse the topics.
    Fact { topic: Option<String> },
    /// A free-text question.
    Ask { question: String },
    /// What the bot is, its sources, privacy.
    About,
    /// Start the clinic check; the clinic's name is only a label on the report.
    Check { clinic: Option<String> },
    /// Reload the knowledge base (server managers and configured owners).
    Reload,
    /// Moderators: post a fact publicly (here or in `channel`), optionally pinned.
    Post {
        topic: String,
        channel: Option<u64>,
        pin: bool,
    },
    /// Moderators: list the bot's posts in this channel.
    Posts,
    /// Moderators: edit this channel's posts to the current knowledge base.
    Refresh,
    /// Moderators: answer a member's message (this channel's `message_id`) with a fact.
    AnswerMessage { message_id: u64 },
    /// Content gaps: without `keep`, moderators list the refused questions this server kept;
    /// with it, server managers opt in or out (out deletes what was kept).
    Gaps { keep: Option<bool> },
    /// A command this version does not know (an old registration, a typo in a script).
    Unknown { name: String },
}

/// Where an event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A server channel of kind `channel`; `can_send` says whether the member may post there.
    Guild {
        guild_id: u64,
        channel_id: u64,
        channel: Channel,
        can_send: bool,
    },
    /// The bot's direct messages.
    DirectMessage,
    /// The terminal console.
    Console,
}

/// What kind of server channel an event happened in, as far as the core cares: where the
/// clinic check can open its private thread, and whether it runs in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// A text channel (or a channel the platform did not describe).
    Text,
    /// A thread; `parent_id` is the channel it belongs to, when known.
    Thread {
        parent_id: Option<u64>,
        /// A private thread (only its members see it).
        private: bool,
    },
    /// Any other kind: a forum, a voice channel, an announcement channel.
    Other,
}

/// Who acted, and what they may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The member's Discord user id (the console's operator has its own).
    pub user_id: u64,
    /// Shown on shared posts ("shared by"), escaped.
    pub display_name: String,
    /// May reload the knowledge base (Manage Server, or a configured owner).
    pub can_reload: bool,
    /// A moderator: may post, pin and manage facts (Manage Messages).
    pub can_moderate: bool,
    /// Where they acted.
    pub place: Place,
}

/// What a member did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A slash command, or the message command "Answer with a fact".
    Command(Command),
    /// The fact command's topic option is being typed.
    Autocomplete { partial: String },
    /// A button or select menu on one of the bot's messages was used; `message` holds that
    /// message's embeds, where the clinic check keeps what a member typed. `interaction_id` is
    /// Discord's id of this use, the same if it is delivered again (0 where there is none, as
    /// in the console): a share claimed by it is still its own when it comes back.
    Component {
        custom_id: String,
        values: Vec<String>,
        message: Vec<Embed>,
        interaction_id: u64,
    },
    /// A form was submitted; `message` holds the embeds of the message it was opened from.
    ModalSubmit {
        custom_id: String,
        fields: Vec<(String, String)>,
        message: Vec<Embed>,
    },
}

/// An event whose answer depends only on the knowledge base serving and on what this key holds,
/// the same for every member: a front end may keep it, serialized, for as long as that knowledge
/// base serves. Each variant says what the answer depends on besides the knowledge base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stable<'a> {
    /// A published topic (its index in `content.topics`), asked for by its id; in a server the
    /// answer has the "Post in this channel" button, elsewhere not.
    Fact { topic: usize, shareable: bool },
    /// The menu of topics (`/fact` with no topic).
    Browse,
    /// The about page; its privacy field says whether this server keeps refused questions.
    About { keeps_gaps: Option<bool> },
    /// The suggestions for what was typed so far.
    Autocomplete { partial: &'a str },
}

/// Something the front end must do besides showing the reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Post a fact as the bot's own message, and record it so it can be kept current.
    Post(FactPost),
    /// Unpin a recorded post.
    Unpin { channel_id: u64, message_id: u64 },
    /// Delete a recorded post and forget it.
    Remove { channel_id: u64, message_id: u64 },
    /// Edit recorded posts to the current knowledge base: one channel's, or all.
    Refresh { channel_id: Option<u64> },
    /// Start the member's clinic check in a private thread of their own (see [`CheckThread`]).
    OpenCheckThread(CheckThread),
    /// Start the clinic check again in the member's direct messages: send them `start`.
    MoveCheckToDms { start: Message },
    /// The check in the private thread `thread_id` is finished (its report is shown): post
    /// `closing` there, then archive the thread (not lock it: the member can reopen it).
    CloseCheckThread { thread_id: u64, closing: Message },
    /// "Delete this check": see [`CheckDeletion`].
    DeleteCheck(CheckDeletion),
    /// Load the knowledge folder again ([`crate::app::App::reload`]) and tell the member how it
    /// went (`Outcome::Reloaded`); it takes long enough (seconds on a busy machine) that the
    /// member's answer is a deferral, and it runs off the threads that answer interactions.
    Reload,
}

/// A private thread for a clinic check, where the member who ran the command is added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckThread {
    /// The text channel the thread opens in, or why no thread can open from here; without a
    /// thread the check runs in place, from `first`.
    pub parent: Result<u64, NoThread>,
    /// The thread's name.
    pub name: String,
    /// Posted first in the thread: what it is, who can see it.
    pub intro: Message,
    /// The check's first question, with its "Continue in DMs" button.
    pub first: Message,
}

/// Why a clinic check cannot have a private thread where it was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoThread {
    /// Asked in a thread whose parent channel is not known.
    UnknownParent,
    /// Asked in a channel that holds no private threads (a forum, a voice channel).
    WrongKind,
}

/// What "Delete this check" deletes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckDeletion {
    /// The private thread `thread_id`, only if exobot opened it (its owner is the author of the
    /// message the button is on, exobot itself): a button copied into someone else's private
    /// thread deletes nothing.
    Thread { thread_id: u64 },
    /// In DMs, exobot's message the button is on, which holds the check.
    Message,
}

/// A fact to post publicly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactPost {
    /// The channel to post in.
    pub channel_id: u64,
    /// The topic's id, recorded with the post so it can be kept current.
    pub topic: String,
    /// The message to post, as rendered by the core.
    pub message: Message,
    /// Pin it once posted.
    pub pin: bool,
    /// Reply to this message of the channel (without pinging its author).
    pub reply_to: Option<u64>,
    /// A member's share (not a moderator's post): told "Posted in this channel.".
    pub shared: bool,
}

/// The core's answer to one event: what to show the member, and what else to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// What the member sees.
    pub reply: Reply,
    /// What the front end carries out besides, if anything.
    pub effect: Option<Effect>,
}

impl Response {
    /// A short text only the member sees, with no effect: a refusal, an explanation, a note.
    pub fn notice(text: impl Into<String>) -> Self {
        Reply::Message(Message::ephemeral_text(text)).into()
    }
}

impl From<Reply> for Response {
    fn from(reply: Reply) -> Self {
        Self {
            reply,
            effect: None,
        }
    }
}

/// The clinic check's custom ids start with this; the rest is the check's own (an action and
/// a signed state token) and is read by `src/questionnaire` only. Equal to
/// `questionnaire::PREFIX` (a test checks it; this module stays below the questionnaire).
const CLINIC_CHECK: &str = "ck:";
const FACT: &str = "fact:";
const SHARE: &str = "share:";
const BROWSE: &str = "browse";
const MOD_ANSWER: &str = "mod:answer:";
const MOD_MANAGE: &str = "mod:manage";
const MOD_UNPIN: &str = "mod:unpin:";
const MOD_REMOVE: &str = "mod:remove:";
const MOD_REFRESH: &str = "mod:refresh";
const PLACE_TO_DMS: &str = "place:dm";
const PLACE_DELETE: &str = "place:delete";

/// The custom id of a button, select menu or form the bot issued: one parse ([`ComponentId::parse`])
/// and one printer (`Display`) for all of them, so routing never compares string prefixes.
///
/// Parsing never fails: an id the bot never issued (or no longer does) is [`ComponentId::Unknown`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComponentId {
    /// A button that shows a topic (`fact:<topic id>`): "did you mean", related, nearest.
    Fact(String),
    /// The answer's "Post in this channel" button (`share:<topic id>`).
    Share(String),
    /// The select menu of topics (`browse`); the picked value is the topic id.
    Browse,
    /// A moderator's component (`mod:…`).
    Moderation(ModerationId),
    /// A clinic-check component or form (`ck:…`), kept whole: the check reads its own action
    /// and state token.
    ClinicCheck(String),
    /// Where the clinic check runs on Discord (`place:…`): buttons the Discord front end adds.
    Placement(Placement),
    /// Anything else: an id the bot never issued, or an old one.
    Unknown(String),
}

/// The moderators' components.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModerationId {
    /// The "Answer with a fact" menu for a member's message (`mod:answer:<message id>`);
    /// `None` when the id is not a message id.
    Answer(Option<u64>),
    /// The `/posts` menu that picks a post to manage (`mod:manage`).
    Manage,
    /// Unpin a recorded post (`mod:unpin:<message id>`).
    Unpin(Option<u64>),
    /// Remove a recorded post (`mod:remove:<message id>`).
    Remove(Option<u64>),
    /// Refresh this channel's posts (`mod:refresh`).
    Refresh,
}

/// The clinic check's placement buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// "Continue in DMs" (`place:dm`).
    ToDms,
    /// "Delete this check" (`place:delete`).
    Delete,
}

impl ComponentId {
    /// What a custom id names. Never fails: see [`ComponentId::Unknown`].
    pub fn parse(custom_id: &str) -> Self {
        let message_id = |rest: &str| rest.parse::<u64>().ok();
        if custom_id.starts_with(CLINIC_CHECK) {
            return Self::ClinicCheck(custom_id.to_owned());
        }
        if let Some(topic) = custom_id.strip_prefix(FACT) {
            return Self::Fact(topic.to_owned());
        }
        if let Some(topic) = custom_id.strip_prefix(SHARE) {
            return Self::Share(topic.to_owned());
        }
        if let Some(rest) = custom_id.strip_prefix(MOD_ANSWER) {
            return Self::Moderation(ModerationId::Answer(message_id(rest)));
        }
        if let Some(rest) = custom_id.strip_prefix(MOD_UNPIN) {
            return Self::Moderation(ModerationId::Unpin(message_id(rest)));
        }
        if let Some(rest) = custom_id.strip_prefix(MOD_REMOVE) {
            return Self::Moderation(ModerationId::Remove(message_id(rest)));
        }
        match custom_id {
            BROWSE => Self::Browse,
            MOD_MANAGE => Self::Moderation(ModerationId::Manage),
            MOD_REFRESH => Self::Moderation(ModerationId::Refresh),
            PLACE_TO_DMS => Self::Placement(Placement::ToDms),
            PLACE_DELETE => Self::Placement(Placement::Delete),
            other => Self::Unknown(other.to_owned()),
        }
    }
}

impl fmt::Display for ComponentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = |f: &mut fmt::Formatter<'_>, prefix: &str, id: Option<u64>| match id {
            Some(id) => write!(f, "{prefix}{id}"),
            None => f.write_str(prefix),
        };
        match self {
            Self::Fact(topic) => write!(f, "{FACT}{topic}"),
            Self::Share(topic) => write!(f, "{SHARE}{topic}"),
            Self::Browse => f.write_str(BROWSE),
            Self::Moderation(ModerationId::Answer(m)) => id(f, MOD_ANSWER, *m),
            Self::Moderation(ModerationId::Manage) => f.write_str(MOD_MANAGE),
            Self::Moderation(ModerationId::Unpin(m)) => id(f, MOD_UNPIN, *m),
            Self::Moderation(ModerationId::Remove(m)) => id(f, MOD_REMOVE, *m),
            Self::Moderation(ModerationId::Refresh) => f.write_str(MOD_REFRESH),
            Self::ClinicCheck(raw) | Self::Unknown(raw) => f.write_str(raw),
            Self::Placement(Placement::ToDms) => f.write_str(PLACE_TO_DMS),
            Self::Placement(Placement::Delete) => f.write_str(PLACE_DELETE),
        }
    }
}

impl From<ComponentId> for String {
    fn from(id: ComponentId) -> Self {
        id.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every id the bot issues, as it issues them.
    fn issued() -> Vec<ComponentId> {
        vec![
            ComponentId::Fact("fda-status".to_owned()),
            ComponentId::Share("fda-status".to_owned()),
            ComponentId::Browse,
            ComponentId::Moderation(ModerationId::Answer(Some(1_234_567_890_123_456_789))),
            ComponentId::Moderation(ModerationId::Manage),
            ComponentId::Moderation(ModerationId::Unpin(Some(42))),
            ComponentId::Moderation(ModerationId::Remove(Some(u64::MAX))),
            ComponentId::Moderation(ModerationId::Refresh),
            ComponentId::ClinicCheck(crate::questionnaire::NEW_CHECK.to_owned()),
            ComponentId::ClinicCheck("ck:b:AAECAwQFBgcICQ".to_owned()),
            ComponentId::Placement(Placement::ToDms),
            ComponentId::Placement(Placement::Delete),
        ]
    }

    #[test]
    fn every_id_the_bot_issues_round_trips_through_print_and_parse() {
        for id in issued() {
            let printed = id.to_string();
            assert!(
                printed.chars().count() <= crate::reply::limits::CUSTOM_ID,
                "{printed}"
            );
            assert_eq!(ComponentId::parse(&printed), id, "{printed}");
            assert_eq!(ComponentId::parse(&printed).to_string(), printed);
        }
    }

    #[test]
    fn the_clinic_check_prefix_is_the_questionnaires() {
        assert_eq!(CLINIC_CHECK, crate::questionnaire::PREFIX);
    }

    #[test]
    fn ids_the_bot_never_issued_are_unknown_or_carry_no_message_id() {
        for raw in ["", "fact", "browse:x", "mod:", "zz:random", "place:"] {
            assert_eq!(
                ComponentId::parse(raw),
                ComponentId::Unknown(raw.to_owned())
            );
        }
        assert_eq!(
            ComponentId::parse("mod:unpin:abc"),
            ComponentId::Moderation(ModerationId::Unpin(None))
        );
        assert_eq!(
            ComponentId::parse("fact:"),
            ComponentId::Fact(String::new())
        );
    }
}
