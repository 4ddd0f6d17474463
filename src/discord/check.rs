//! Where the clinic check runs on Discord: a private thread for the member, their DMs, or
//! right where they are (visible only to them), and closing, moving and deleting it.
//!
//! The check itself (questions, state, report) is the core's; this module only places its
//! messages. Nothing a member answers is logged or stored here.

use serenity::all::{
    AutoArchiveDuration, ChannelId, ChannelType, CommandInteraction, ComponentInteraction,
    CreateMessage, CreateThread, EditInteractionResponse, EditThread, Http,
};
use serenity::http::{LightMethod, Request, Route};
use tracing::{info, warn};

use super::convert;
use super::handler::ErrorKind;
use super::refusal::{Action, Refusal};
use super::respond::Responder;
use crate::app::App;
use crate::event::{Actor, Command, ComponentId, Event, Place, Placement};
use crate::questionnaire::{Carried, REPORT_FILE};
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

fn dm_button() -> Button {
    Button::action(
        "Continue in DMs",
        ButtonStyle::Secondary,
        ComponentId::Placement(Placement::ToDms),
    )
}

fn add_row(message: &mut Message, button: Button) {
    if message.rows.len() < crate::reply::limits::ACTION_ROWS {
        message.rows.push(Row::Buttons(vec![button]));
    }
}

fn is_thread(kind: ChannelType) -> bool {
    matches!(
        kind,
        ChannelType::PublicThread | ChannelType::PrivateThread | ChannelType::NewsThread
    )
}

/// Whether a reply is the check's final report (it carries the report file).
pub fn is_report(reply: &Reply) -> bool {
    match reply {
        Reply::Message(m) | Reply::Update(m) => {
            m.attachments.iter().any(|a| a.filename == REPORT_FILE)
        }
        _ => false,
    }
}

/// In a private thread or a DM, a report also offers to delete the check.
pub fn with_delete_button(mut reply: Reply) -> Reply {
    if let Reply::Message(m) | Reply::Update(m) = &mut reply {
        add_row(
            m,
            Button::action(
                "Delete this check",
                ButtonStyle::Danger,
                ComponentId::Placement(Placement::Delete),
            ),
        );
    }
    reply
}

/// The clinic-check command in a server: a private thread, or an explained fallback.
pub async fn start_in_server(
    out: &Responder,
    app: &App,
    actor: &Actor,
    c: &CommandInteraction,
    clinic: Option<String>,
) {
    if let Err(e) = out.defer_ephemeral().await {
        warn!(kind = "check", outcome = "failed", error = %e, "could not defer");
        return;
    }
    let start = app
        .handle(actor, Event::Command(Command::Check { clinic }))
        .reply;
    let Reply::Message(start) = start else {
        return;
    };
    if start.ephemeral {
        // The core refused (no clinic check configured): show its explanation.
        edit_original(out, &start).await;
        return;
    }
    match open_thread(out, c, &start).await {
        Ok(thread) => {
            info!(kind = "check", outcome = "thread", "clinic check started");
            let note = Message::ephemeral_text(format!(
                "Your clinic check is waiting for you in a private thread: <#{thread}>"
            ));
            edit_original(out, &note).await;
        }
        Err(why) => {
            info!(kind = "check", outcome = "in place", "clinic check started");
            let mut here = start;
            here.ephemeral = true;
            here.content = Some(format!(
                "{why} So the check runs here, where only you can see it. Or continue in your \
                 direct messages with exobot."
            ));
            add_row(&mut here, dm_button());
            edit_original(out, &here).await;
        }
    }
}

async fn edit_original(out: &Responder, m: &Message) {
    let mut edit = EditInteractionResponse::new()
        .embeds(m.embeds.iter().map(convert::embed).collect())
        .components(convert::rows(&m.rows))
        .allowed_mentions(serenity::all::CreateAllowedMentions::new());
    if let Some(content) = &m.content {
        edit = edit.content(content);
    }
    if let Err(e) = out.edit(edit).await {
        warn!(kind = "check", outcome = "failed", error = %e, "could not edit the original response");
    }
}

/// Creates the member's private thread and posts the introduction and the first question.
/// The error is the sentence that explains to the member why it could not be done.
async fn open_thread(
    out: &Responder,
    c: &CommandInteraction,
    start: &Message,
) -> Result<ChannelId, String> {
    let channel = c.channel.as_ref();
    let kind = channel.map_or(ChannelType::Text, |ch| ch.kind);
    let parent = if is_thread(kind) {
        channel
            .and_then(|ch| ch.parent_id)
            .ok_or("exobot could not find the channel this thread belongs to.".to_owned())?
    } else if kind == ChannelType::Text {
        c.channel_id
    } else {
        return Err(
            "Private threads cannot be made in this kind of channel (only in text channels)."
                .to_owned(),
        );
    };
    // The interaction's app_permissions are for its own channel: they say enough only when
    // the thread opens there, not in the parent of the thread the command came from.
    if parent == c.channel_id {
        if let Some(refusal) = Refusal::predicted(c.app_permissions, Action::CreateThread, false) {
            return Err(format!("{}.", refusal.sentence(Action::CreateThread)));
        }
    }
    let thread = parent
        .create_thread(
            &out.http,
            CreateThread::new(THREAD_NAME)
                .kind(ChannelType::PrivateThread)
                .invitable(false)
                .auto_archive_duration(AutoArchiveDuration::OneDay),
        )
        .await
        .map_err(|e| {
            warn!(kind = "check", error = %ErrorKind(&e), "could not create a private thread");
            format!("{}.", Refusal::of(&e).sentence(Action::CreateThread))
        })?;
    let posted = async {
        thread.id.add_thread_member(&out.http, c.user.id).await?;
        let intro = Message {
            content: Some(INTRO.to_owned()),
            ..Message::default()
        };
        thread
            .id
            .send_message(&out.http, convert::channel_message(&intro))
            .await?;
        let mut first = start.clone();
        add_row(&mut first, dm_button());
        thread
            .id
            .send_message(&out.http, convert::channel_message(&first))
            .await?;
        Ok::<(), serenity::Error>(())
    }
    .await;
    if let Err(e) = posted {
        warn!(kind = "check", error = %ErrorKind(&e), "could not set up the private thread");
        let _ = thread.id.delete(&out.http).await;
        return Err(format!(
            "{}.",
            Refusal::of(&e).sentence(Action::SetUpThread)
        ));
    }
    Ok(thread.id)
}

/// "Continue in DMs": starts the check (with the same clinic label) in the member's DMs.
/// Opening the DM channel and posting take two Discord calls, so the press is acknowledged
/// first (Discord drops an interaction not answered within 3 s, and a member who sees it fail
/// presses again and gets a second check), and the outcome follows as an edit.
pub async fn move_to_dms(out: &Responder, app: &App, actor: &Actor, c: &ComponentInteraction) {
    if !defer(out).await {
        return;
    }
    let carried = Carried::from_embeds(
        &c.message
            .embeds
            .iter()
            .map(convert::embed_from)
            .collect::<Vec<_>>(),
    );
    let in_dms = Actor {
        place: Place::DirectMessage,
        ..actor.clone()
    };
    let start = app
        .handle(
            &in_dms,
            Event::Command(Command::Check {
                clinic: carried.clinic,
            }),
        )
        .reply;
    let answer = match start {
        Reply::Message(m) if !m.ephemeral => match send_dm(out, c, &m).await {
            Ok(()) => {
                "Your clinic check is waiting in your direct messages with exobot. It starts from \
                       the first question there."
                    .to_owned()
            }
            Err(text) => text,
        },
        Reply::Message(m) => m.content.unwrap_or_default(),
        _ => "The clinic check could not be started.".to_owned(),
    };
    tell(out, &answer).await;
}

async fn send_dm(out: &Responder, c: &ComponentInteraction, m: &Message) -> Result<(), String> {
    let dm = c.user.id.create_dm_channel(&out.http).await.map_err(|e| {
        warn!(kind = "check", error = %ErrorKind(&e), "could not open a DM channel");
        format!("{}.", Refusal::of(&e).sentence(Action::DirectMessage))
    })?;
    match dm
        .id
        .send_message(&out.http, convert::channel_message(m))
        .await
    {
        Ok(_) => {
            info!(kind = "check", outcome = "dm", "clinic check moved to DMs");
            Ok(())
        }
        Err(e) => {
            warn!(kind = "check", error = %ErrorKind(&e), "could not send the DM");
            let refusal = Refusal::of(&e);
            Err(match refusal {
                Refusal::DmsClosed => format!(
                    "{}, or keep going here. The check cannot continue in your direct messages \
                     until then.",
                    refusal.sentence(Action::DirectMessage)
                ),
                _ => format!("{}.", refusal.sentence(Action::DirectMessage)),
            })
        }
    }
}

/// Acknowledges a press with a deferred ephemeral answer (Discord shows "thinking"), before any
/// other Discord call; false when even that failed (then nothing more can be said).
async fn defer(out: &Responder) -> bool {
    match out.defer_ephemeral().await {
        Ok(()) => true,
        Err(e) => {
            warn!(kind = "check", outcome = "failed", error = %ErrorKind(&e), "could not defer");
            false
        }
    }
}

/// Says how a deferred press ended, by editing its answer.
async fn tell(out: &Responder, text: &str) {
    let edit = EditInteractionResponse::new()
        .content(text)
        .allowed_mentions(serenity::all::CreateAllowedMentions::new());
    if let Err(e) = out.edit(edit).await {
        warn!(kind = "check", outcome = "failed", error = %ErrorKind(&e), "could not answer");
    }
}

/// "Delete this check": the private thread, or in DMs the bot's message holding the check.
/// Acknowledged first: reading the thread and deleting are Discord calls of their own.
pub async fn delete(out: &Responder, actor: &Actor, c: &ComponentInteraction) {
    if !defer(out).await {
        return;
    }
    let in_thread = c
        .channel
        .as_ref()
        .is_some_and(|ch| ch.kind == ChannelType::PrivateThread);
    if in_thread {
        // Only a thread exobot opened (the button's message is exobot's own, so its author is
        // the bot): a button copied into someone else's private thread deletes nothing.
        let owner = match thread_owner(out, c.channel_id).await {
            Ok(owner) => owner,
            Err(e) => {
                // Not "not yours": say why the thread could not be checked.
                warn!(kind = "check", error = %ErrorKind(&e), "could not read the thread");
                let text = format!("{}.", Refusal::of(&e).sentence(Action::DeleteThread));
                tell(out, &text).await;
                return;
            }
        };
        if owner != Some(c.message.author.id.get()) {
            tell(
                out,
                "exobot deletes only the private threads it opened for a clinic check.",
            )
            .await;
            return;
        }
        tell(out, "Deleting this check's thread.").await;
        if let Err(e) = c.channel_id.delete(&out.http).await {
            warn!(kind = "check", error = %ErrorKind(&e), "could not delete the thread");
            let text = format!(
                "{}. You can leave the thread instead.",
                Refusal::of(&e).sentence(Action::DeleteThread)
            );
            let _ = c
                .channel_id
                .send_message(
                    &out.http,
                    CreateMessage::new()
                        .content(text)
                        .allowed_mentions(serenity::all::CreateAllowedMentions::new()),
                )
                .await;
        }
        return;
    }
    if matches!(actor.place, Place::DirectMessage) {
        let text = match c.message.delete(&out.http).await {
            Ok(()) => "The check's message is deleted.".to_owned(),
            Err(e) => {
                warn!(kind = "check", error = %ErrorKind(&e), "could not delete the check's message");
                format!("{}.", Refusal::of(&e).sentence(Action::DeleteMessage))
            }
        };
        tell(out, &text).await;
        return;
    }
    tell(
        out,
        "This check is only visible to you; dismiss the message to remove it.",
    )
    .await;
}

/// Who owns a thread, read from Discord. Only `owner_id` is read: deserializing serenity's whole
/// `Channel` for one field added about 0.5 MB to the binary, whose code pages are most of the
/// bot's resident memory.
async fn thread_owner(out: &Responder, thread: ChannelId) -> serenity::Result<Option<u64>> {
    #[derive(serde::Deserialize)]
    struct Thread {
        owner_id: Option<String>,
    }
    let route = Route::Channel { channel_id: thread };
    let response = out
        .http
        .request(Request::new(route, LightMethod::Get))
        .await?;
    let body = response
        .bytes()
        .await
        .map_err(|e| serenity::Error::Http(e.into()))?;
    let thread: Thread = serde_json::from_slice(&body)?;
    Ok(thread.owner_id.and_then(|id| id.parse().ok()))
}

/// After a report in a private thread: a closing note, then the thread is archived (not locked).
pub async fn close_thread(http: &Http, channel: ChannelId) {
    let note = Message {
        content: Some(CLOSING.to_owned()),
        ..Message::default()
    };
    if let Err(e) = channel
        .send_message(http, convert::channel_message(&note))
        .await
    {
        warn!(kind = "check", error = %e, "could not post the closing note");
    }
    if let Err(e) = channel
        .edit_thread(http, EditThread::new().archived(true))
        .await
    {
        warn!(kind = "check", error = %e, "could not archive the thread");
    }
}
