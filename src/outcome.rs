//! What carrying out an [`Effect`](crate::event::Effect) came to, as a value, and the one place
//! it is worded: a front end carries out an effect, returns an [`Outcome`], and shows the member
//! what [`Outcome::told`] says, without reading meaning back from any sentence.

use crate::app::ReloadOutcome;
use crate::diagnostic::Diagnostic;
use crate::event::NoThread;
use crate::refusal::{Action, Refusal};
use crate::reply::{self, Message};

/// What the moderator is told when a reply could not be one and the fact was posted without
/// the reference (Discord's 160002, or `app_permissions` without Read Message History).
const POSTED_WITHOUT_REPLY: &str = "Posted in the channel, but not as a reply: a reply needs \
the Read Message History permission in this channel, which exobot lacks. A server admin can grant it.";

/// How a posted fact relates to the message it was to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsReply {
    /// It answered no message.
    No,
    /// It is a reply to the message.
    Yes,
    /// It was to answer a message but went out without the reference (no Read Message History).
    Dropped,
}

/// What carrying out an effect came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `Post`: the fact is in the channel; `pinned` is the pin's result when one was asked for;
    /// `shared` is the post's own flag (a member's share, told "Posted in this channel.").
    Posted {
        as_reply: AsReply,
        pinned: Option<Result<(), Refusal>>,
        shared: bool,
    },
    /// `Unpin`: done, or why not.
    Unpinned(Result<(), Refusal>),
    /// `Remove`: the post is deleted (or was already) and forgotten.
    Removed,
    /// `Refresh`: how many recorded posts were edited, marked withdrawn, found deleted and
    /// forgotten, could not be edited, or were claimed by another instance (a shared store).
    Refreshed {
        edited: usize,
        withdrawn: usize,
        dropped: usize,
        failed: usize,
        elsewhere: usize,
    },
    /// `OpenCheckThread`: the check waits in the private thread `thread_id`.
    ThreadOpened { thread_id: u64 },
    /// `OpenCheckThread` without a thread: the check runs in place, from `start` (the effect's
    /// first question, handed back).
    InPlace { why: Unthreaded, start: Message },
    /// `MoveCheckToDms`: the check waits in the member's DMs.
    MovedToDms,
    /// `MoveCheckToDms`: the DM channel opened but the message was refused.
    DmNotSent(Refusal),
    /// `DeleteCheck`: the thread is exobot's, and is being deleted (told before deleting it).
    DeletingThread,
    /// `DeleteCheck`: the thread was not opened by exobot; nothing is deleted.
    NotOurThread,
    /// `DeleteCheck`: the thread could not be deleted; posted in the thread itself, since the
    /// member was already told it was being deleted.
    ThreadNotDeleted(Refusal),
    /// `DeleteCheck` in DMs: the check's message is deleted.
    MessageDeleted,
    /// Discord refused what `Action` needed.
    Refused(Refusal, Action),
    /// `Reload`: what the reload did, told with the revision and the first ten warnings or
    /// errors, as the checker prints them.
    Reloaded(ReloadOutcome),
}

/// Why a check runs in place instead of in its private thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unthreaded {
    /// The core found no channel for a thread (see [`NoThread`]).
    NoThread(NoThread),
    /// Discord refused to create the thread, or to set it up.
    Refused(Refusal, Action),
}

impl Outcome {
    /// What the member is told, if anything: every outcome of every effect is worded here.
    pub fn told(self) -> Option<Message> {
        let text = match self {
            Outcome::Posted {
                as_reply,
                pinned,
                shared,
            } => match (pinned, as_reply) {
                (Some(Ok(())), _) => "Posted and pinned.".to_owned(),
                (Some(Err(e)), _) => {
                    format!("Posted, but not pinned: {}.", e.sentence(Action::Pin))
                }
                (None, _) if shared => "Posted in this channel.".to_owned(),
                (None, AsReply::No) => "Posted.".to_owned(),
                (None, AsReply::Yes) => "Answered.".to_owned(),
                (None, AsReply::Dropped) => POSTED_WITHOUT_REPLY.to_owned(),
            },
            Outcome::Unpinned(Ok(())) => "Unpinned.".to_owned(),
            Outcome::Unpinned(Err(e)) => format!("Not unpinned: {}.", e.sentence(Action::Unpin)),
            Outcome::Removed => "Removed.".to_owned(),
            Outcome::Refreshed {
                edited,
                withdrawn,
                dropped,
                failed,
                elsewhere,
            } => format!(
                "Refreshed: {edited} updated, {withdrawn} marked withdrawn, {dropped} deleted \
                 meanwhile and forgotten{}{}.",
                if failed > 0 {
                    format!(", {failed} could not be edited")
                } else {
                    String::new()
                },
                if elsewhere > 0 {
                    format!(", {elsewhere} refreshed by another instance")
                } else {
                    String::new()
                }
            ),
            Outcome::ThreadOpened { thread_id } => {
                format!("Your clinic check is waiting for you in a private thread: <#{thread_id}>")
            }
            Outcome::InPlace { why, start } => return Some(in_place(&why, start)),
            Outcome::MovedToDms => "Your clinic check is waiting in your direct messages with \
                                    exobot. It starts from the first question there."
                .to_owned(),
            Outcome::DmNotSent(refusal @ Refusal::DmsClosed) => format!(
                "{}, or keep going here. The check cannot continue in your direct messages \
                 until then.",
                refusal.sentence(Action::DirectMessage)
            ),
            Outcome::DmNotSent(refusal) => {
                format!("{}.", refusal.sentence(Action::DirectMessage))
            }
            Outcome::DeletingThread => "Deleting this check's thread.".to_owned(),
            Outcome::NotOurThread => {
                "exobot deletes only the private threads it opened for a clinic check.".to_owned()
            }
            Outcome::ThreadNotDeleted(refusal) => format!(
                "{}. You can leave the thread instead.",
                refusal.sentence(Action::DeleteThread)
            ),
            Outcome::MessageDeleted => "The check's message is deleted.".to_owned(),
            Outcome::Refused(refusal, action) => format!("{}.", refusal.sentence(action)),
            Outcome::Reloaded(ReloadOutcome::Reloaded { revision, warnings })
                if warnings.is_empty() =>
            {
                format!("Reloaded: revision {revision}, no warnings.")
            }
            Outcome::Reloaded(ReloadOutcome::Reloaded { revision, warnings }) => listed(
                &format!(
                    "Reloaded: revision {revision}, {}:",
                    crate::text::count(warnings.len(), "warning")
                ),
                &warnings,
            ),
            Outcome::Reloaded(ReloadOutcome::Kept { revision, errors }) => listed(
                &format!(
                    "The knowledge base has {}; the previous content (revision {revision}) \
                     keeps serving.",
                    crate::text::count(errors.len(), "error")
                ),
                &errors,
            ),
        };
        Some(Message::ephemeral_text(text))
    }
}

/// The check's first question where the member is, seen only by them, saying why it is not
/// in a private thread.
fn in_place(why: &Unthreaded, mut start: Message) -> Message {
    let why = match why {
        Unthreaded::NoThread(NoThread::UnknownParent) => {
            "exobot could not find the channel this thread belongs to.".to_owned()
        }
        Unthreaded::NoThread(NoThread::WrongKind) => {
            "Private threads cannot be made in this kind of channel (only in text channels)."
                .to_owned()
        }
        Unthreaded::Refused(refusal, action) => format!("{}.", refusal.sentence(*action)),
    };
    start.ephemeral = true;
    start.content = Some(format!(
        "{why} So the check runs here, where only you can see it. Or continue in your direct \
         messages with exobot."
    ));
    start
}

/// `heading`, then the first ten diagnostics as the checker prints them, in a code block (no
/// backtick in them ends it), cut to Discord's 2,000 characters.
fn listed(heading: &str, diagnostics: &[Diagnostic]) -> String {
    let mut text = format!("{heading}\n```\n");
    for d in diagnostics.iter().take(10) {
        text.push_str(&d.to_string().replace('`', "'"));
        text.push('\n');
    }
    text.push_str("```");
    reply::truncate(&text, reply::limits::CONTENT)
}
