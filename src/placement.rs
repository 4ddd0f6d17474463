//! Where the clinic check runs, decided by the core: in a server, a private thread of the
//! member's own (or, where none can open, right where they are, seen only by them); in their
//! direct messages on request; and, once finished, the thread closed and the check deletable.
//!
//! These are decisions only, as [`Response`]s with their [`Effect`]s; a front end carries the
//! effects out and words their outcomes through `crate::outcome`. The console never gets here:
//! its check runs in place.

use crate::event::{
    Channel, CheckDeletion, CheckThread, ComponentId, Effect, NoThread, Place, Placement, Response,
};
use crate::reply::{Button, ButtonStyle, Message, Reply, Row};

const THREAD_NAME: &str = "Clinic check";

const INTRO: &str =
    "**Your clinic check.** This private thread is for you and exobot. Answer each \
question with the buttons: your answers live only in these messages, and exobot keeps no copy \
and logs nothing you type. This is general information, not medical advice.\n\n\
Please know that the moderators of this server can see private threads. Your direct messages \
with exobot are more private: use **Continue in DMs** below the first question to move there.";

const CLOSING: &str = "This clinic check is finished, and the thread is now archived. It stays \
here for you to read, and sending a message reopens it. Use **Delete this check** on the report \
if you want no trace of it left.";

fn add_row(message: &mut Message, button: Button) {
    if message.rows.len() < crate::reply::limits::ACTION_ROWS {
        message.rows.push(Row::Buttons(vec![button]));
    }
}

/// A new check started in the server channel `channel_id` of kind `channel`: its private
/// thread opens in that channel, or in the parent of the thread it was started in. `first` is
/// the check's first question.
pub(crate) fn start_in_server(channel_id: u64, channel: Channel, mut first: Message) -> Response {
    let parent = match channel {
        Channel::Text => Ok(channel_id),
        Channel::Thread {
            parent_id: Some(parent),
            ..
        } => Ok(parent),
        Channel::Thread {
            parent_id: None, ..
        } => Err(NoThread::UnknownParent),
        Channel::Other => Err(NoThread::WrongKind),
    };
    add_row(
        &mut first,
        Button::action(
            "Continue in DMs",
            ButtonStyle::Secondary,
            ComponentId::Placement(Placement::ToDms),
        ),
    );
    // Opening a thread takes Discord calls: acknowledged first. Where no thread can open, the
    // check in place comes the same way, as the outcome of the same effect.
    Response {
        reply: Reply::Defer,
        effect: Some(Effect::OpenCheckThread(CheckThread {
            parent,
            name: THREAD_NAME.to_owned(),
            intro: Message {
                content: Some(INTRO.to_owned()),
                ..Message::default()
            },
            first,
        })),
    }
}

/// The check's final report at `place`: in a private thread or in DMs it offers to delete the
/// check, and a private thread is closed once the report is shown.
pub(crate) fn finished(place: Place, mut report: Reply) -> Response {
    let thread_id = match place {
        Place::Guild {
            channel_id,
            channel: Channel::Thread { private: true, .. },
            ..
        } => Some(channel_id),
        Place::DirectMessage => None,
        Place::Guild { .. } | Place::Console => return report.into(),
    };
    if let Reply::Message(m) | Reply::Update(m) = &mut report {
        add_row(
            m,
            Button::action(
                "Delete this check",
                ButtonStyle::Danger,
                ComponentId::Placement(Placement::Delete),
            ),
        );
    }
    Response {
        reply: report,
        effect: thread_id.map(|thread_id| Effect::CloseCheckThread {
            thread_id,
            closing: Message {
                content: Some(CLOSING.to_owned()),
                ..Message::default()
            },
        }),
    }
}

/// "Continue in DMs": the check starts again, from `start` (its first question, with the same
/// clinic label), in the member's direct messages. Opening the DM channel and posting take two
/// Discord calls, so the press is acknowledged first (Discord drops an interaction not answered
/// within 3 s, and a member who sees it fail presses again and gets a second check).
pub(crate) fn to_dms(start: Message) -> Response {
    Response {
        reply: Reply::Defer,
        effect: Some(Effect::MoveCheckToDms { start }),
    }
}

/// "Delete this check" at `place`: the private thread, or in DMs the bot's message holding the
/// check; elsewhere the check is the member's own ephemeral message, which only they can
/// dismiss. Acknowledged first: reading the thread and deleting are Discord calls of their own.
pub(crate) fn delete(place: Place) -> Response {
    let what = match place {
        Place::Guild {
            channel_id,
            channel: Channel::Thread { private: true, .. },
            ..
        } => CheckDeletion::Thread {
            thread_id: channel_id,
        },
        Place::DirectMessage => CheckDeletion::Message,
        Place::Guild { .. } | Place::Console => {
            return Response::notice(
                "This check is only visible to you; dismiss the message to remove it.",
            )
        }
    };
    Response {
        reply: Reply::Defer,
        effect: Some(Effect::DeleteCheck(what)),
    }
}
