//! Carrying out the clinic check's placement effects on Discord: opening the member's private
//! thread, moving the check to their DMs, closing the thread once the report is shown, and
//! deleting the check. Where the check runs is the core's decision (src/placement.rs); each
//! function here returns the [`Outcome`] the core words. Nothing a member answers is logged or
//! stored here.

use serenity::all::{
    AutoArchiveDuration, ChannelId, ChannelType, CreateMessage, CreateThread, EditThread, Http,
    Permissions, UserId,
};
use serenity::http::{LightMethod, Request, Route};
use tracing::{info, warn};

use super::convert;
use super::handler::ErrorKind;
use super::refusal::{Action, Refusal};
use super::respond::Responder;
use crate::event::{CheckDeletion, CheckThread};
use crate::outcome::{Outcome, Unthreaded};
use crate::reply::Message;

/// What a placement effect needs to know of the interaction it answers.
pub(super) struct Asked<'a> {
    /// The member who acted.
    pub user_id: UserId,
    /// The interaction's channel.
    pub channel_id: ChannelId,
    /// What the bot may do in that channel, as the interaction told.
    pub app_permissions: Option<Permissions>,
    /// The bot's message whose button was pressed (components, and forms opened from one).
    pub message: Option<&'a serenity::all::Message>,
}

/// `OpenCheckThread`: the member's private thread with the introduction and the first question;
/// without one, the check in place, saying why.
pub(super) async fn open_thread(http: &Http, asked: &Asked<'_>, thread: CheckThread) -> Outcome {
    let CheckThread {
        parent,
        name,
        intro,
        first,
    } = thread;
    let opened = match parent {
        Ok(parent) => create(http, asked, ChannelId::new(parent), &name, &intro, &first).await,
        Err(none) => Err(Unthreaded::NoThread(none)),
    };
    match opened {
        Ok(thread) => {
            info!(kind = "check", outcome = "thread", "clinic check started");
            Outcome::ThreadOpened {
                thread_id: thread.get(),
            }
        }
        Err(why) => {
            info!(kind = "check", outcome = "in place", "clinic check started");
            Outcome::InPlace { why, start: first }
        }
    }
}

/// Creates the private thread in `parent`, adds the member, and posts `intro` then `first`;
/// a thread that cannot be set up is deleted again.
async fn create(
    http: &Http,
    asked: &Asked<'_>,
    parent: ChannelId,
    name: &str,
    intro: &Message,
    first: &Message,
) -> Result<ChannelId, Unthreaded> {
    // The interaction's app_permissions are for its own channel: they say enough only when
    // the thread opens there, not in the parent of the thread the command came from.
    if parent == asked.channel_id {
        if let Some(refusal) =
            Refusal::predicted(asked.app_permissions, Action::CreateThread, false)
        {
            return Err(Unthreaded::Refused(refusal, Action::CreateThread));
        }
    }
    let thread = parent
        .create_thread(
            http,
            CreateThread::new(name)
                .kind(ChannelType::PrivateThread)
                .invitable(false)
                .auto_archive_duration(AutoArchiveDuration::OneDay),
        )
        .await
        .map_err(|e| {
            warn!(kind = "check", error = %ErrorKind(&e), "could not create a private thread");
            Unthreaded::Refused(Refusal::of(&e), Action::CreateThread)
        })?;
    let posted = async {
        thread.id.add_thread_member(http, asked.user_id).await?;
        thread
            .id
            .send_message(http, convert::channel_message(intro))
            .await?;
        thread
            .id
            .send_message(http, convert::channel_message(first))
            .await?;
        Ok::<(), serenity::Error>(())
    }
    .await;
    if let Err(e) = posted {
        warn!(kind = "check", error = %ErrorKind(&e), "could not set up the private thread");
        let _ = thread.id.delete(http).await;
        return Err(Unthreaded::Refused(Refusal::of(&e), Action::SetUpThread));
    }
    Ok(thread.id)
}

/// `MoveCheckToDms`: opens the member's DM channel and sends `start` there.
pub(super) async fn move_to_dms(http: &Http, asked: &Asked<'_>, start: &Message) -> Outcome {
    let dm = match asked.user_id.create_dm_channel(http).await {
        Ok(dm) => dm,
        Err(e) => {
            warn!(kind = "check", error = %ErrorKind(&e), "could not open a DM channel");
            return Outcome::Refused(Refusal::of(&e), Action::DirectMessage);
        }
    };
    match dm
        .id
        .send_message(http, convert::channel_message(start))
        .await
    {
        Ok(_) => {
            info!(kind = "check", outcome = "dm", "clinic check moved to DMs");
            Outcome::MovedToDms
        }
        Err(e) => {
            warn!(kind = "check", error = %ErrorKind(&e), "could not send the DM");
            Outcome::DmNotSent(Refusal::of(&e))
        }
    }
}

/// `CloseCheckThread`: the closing note, then the thread archived (not locked). Failures are
/// logged; the member already has the report.
pub(super) async fn close_thread(http: &Http, thread_id: u64, closing: &Message) {
    let thread = ChannelId::new(thread_id);
    if let Err(e) = thread
        .send_message(http, convert::channel_message(closing))
        .await
    {
        warn!(kind = "check", error = %e, "could not post the closing note");
    }
    if let Err(e) = thread
        .edit_thread(http, EditThread::new().archived(true))
        .await
    {
        warn!(kind = "check", error = %e, "could not archive the thread");
    }
}

/// `DeleteCheck`: the thread, once it is known to be exobot's (the member is told before it
/// goes, and in the thread if it cannot), or in DMs the message the button is on. `None` when
/// everything to tell was told.
pub(super) async fn delete(
    out: &Responder,
    asked: &Asked<'_>,
    what: CheckDeletion,
) -> Option<Outcome> {
    let http = &out.http;
    // Only a button asks for this; its message is exobot's own, holding the check.
    let Some(message) = asked.message else {
        return Some(Outcome::Refused(
            Refusal::UnknownMessage,
            Action::DeleteMessage,
        ));
    };
    let thread_id = match what {
        CheckDeletion::Message => {
            return Some(
                match message.channel_id.delete_message(http, message.id).await {
                    Ok(()) => Outcome::MessageDeleted,
                    Err(e) => {
                        warn!(kind = "check", error = %ErrorKind(&e), "could not delete the check's message");
                        Outcome::Refused(Refusal::of(&e), Action::DeleteMessage)
                    }
                },
            );
        }
        CheckDeletion::Thread { thread_id } => ChannelId::new(thread_id),
    };
    let owner = match thread_owner(http, thread_id).await {
        Ok(owner) => owner,
        Err(e) => {
            // Not "not yours": say why the thread could not be checked.
            warn!(kind = "check", error = %ErrorKind(&e), "could not read the thread");
            return Some(Outcome::Refused(Refusal::of(&e), Action::DeleteThread));
        }
    };
    if owner != Some(message.author.id.get()) {
        return Some(Outcome::NotOurThread);
    }
    if let Some(told) = Outcome::DeletingThread.told() {
        out.tell(&told).await;
    }
    if let Err(e) = thread_id.delete(http).await {
        warn!(kind = "check", error = %ErrorKind(&e), "could not delete the thread");
        if let Some(note) = Outcome::ThreadNotDeleted(Refusal::of(&e)).told() {
            let note = CreateMessage::new()
                .content(note.content.unwrap_or_default())
                .allowed_mentions(serenity::all::CreateAllowedMentions::new());
            let _ = thread_id.send_message(http, note).await;
        }
    }
    None
}

/// Who owns a thread, read from Discord. Only `owner_id` is read: deserializing serenity's whole
/// `Channel` for one field added about 0.5 MB to the binary, whose code pages are most of the
/// bot's resident memory.
async fn thread_owner(http: &Http, thread: ChannelId) -> serenity::Result<Option<u64>> {
    #[derive(serde::Deserialize)]
    struct Thread {
        owner_id: Option<String>,
    }
    let route = Route::Channel { channel_id: thread };
    let response = http.request(Request::new(route, LightMethod::Get)).await?;
    let body = response
        .bytes()
        .await
        .map_err(|e| serenity::Error::Http(e.into()))?;
    let thread: Thread = serde_json::from_slice(&body)?;
    Ok(thread.owner_id.and_then(|id| id.parse().ok()))
}
