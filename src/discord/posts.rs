//! Carrying out the core's post effects on Discord: send, pin (on Discord's current route,
//! which serenity 0.12.5 lacks), unpin, remove, and edit posts to keep them current.

use std::sync::Arc;
use std::time::Duration;

use serenity::all::{
    ChannelId, CreateAllowedMentions, EditMessage, MessageId, MessageReference, Nonce, Permissions,
};
use serenity::http::Http;
use tracing::{info, warn};

use super::convert;
use super::handler::ErrorKind;
use super::refusal::{Action, Refusal};
use crate::app::App;
use crate::event::FactPost;
use crate::moderation::{self, Update};
use crate::outcome::{AsReply, Outcome};
use crate::store::{Post, PostState};

/// Discord's "Unknown Message": a post deleted meanwhile.
const UNKNOWN_MESSAGE: isize = 10008;

/// The longest a pin request waits for a rate limit before giving up.
const MAX_RETRY_WAIT: Duration = Duration::from_secs(5);

/// Sends pin requests itself: serenity's route table has only the deprecated pin route.
#[derive(Debug, Clone)]
pub(super) struct Pinner {
    pub client: reqwest::Client,
    /// `https://discord.com/api/v10`, or the proxy's equivalent.
    pub base: String,
    pub token: String,
}

impl Pinner {
    async fn send(
        &self,
        method: reqwest::Method,
        channel: u64,
        message: u64,
    ) -> Result<(), Refusal> {
        let url = format!("{}/channels/{channel}/messages/pins/{message}", self.base);
        for _attempt in 0..2 {
            let response = self
                .client
                .request(method.clone(), &url)
                .header("Authorization", format!("Bot {}", self.token))
                .header("X-Audit-Log-Reason", "exobot: moderator request")
                .send()
                .await
                .map_err(|e| {
                    warn!(kind = "pin", error = %e.without_url(), "no answer");
                    Refusal::Unreachable
                })?;
            let status = response.status();
            if status.is_success() {
                return Ok(());
            }
            let bytes = response.bytes().await.unwrap_or_default();
            let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
            if status.as_u16() == 429 {
                let wait = body["retry_after"].as_f64().unwrap_or(1.0);
                let wait = Duration::from_secs_f64(wait.max(0.0)).min(MAX_RETRY_WAIT);
                tokio::time::sleep(wait).await;
                continue;
            }
            let code = body["code"].as_i64().unwrap_or(0);
            warn!(
                kind = "pin",
                status = status.as_u16(),
                code,
                message = body["message"].as_str().unwrap_or(""),
                "Discord refused"
            );
            return Err(Refusal::from_code(
                status.as_u16(),
                isize::try_from(code).unwrap_or(0),
            ));
        }
        Err(Refusal::RateLimited)
    }

    /// Pins a message on Discord's current route; the refusal says why not.
    pub(super) async fn pin(&self, channel: u64, message: u64) -> Result<(), Refusal> {
        self.send(reqwest::Method::PUT, channel, message).await
    }

    /// Unpins a message; the refusal says why not.
    pub(super) async fn unpin(&self, channel: u64, message: u64) -> Result<(), Refusal> {
        self.send(reqwest::Method::DELETE, channel, message).await
    }
}

/// The channel an interaction came from, as it told: checked before posting there.
#[derive(Debug, Clone, Copy)]
pub(super) struct Here {
    /// The interaction's channel id.
    pub channel_id: u64,
    /// What the bot may do there (the interaction's `app_permissions`; without bit 51, Pin
    /// Messages, which serenity 0.12.5 drops).
    pub app_permissions: Option<Permissions>,
    /// Whether that channel is a thread.
    pub in_thread: bool,
}

/// Sends a fact's message, as a reply to `reply_to` when given. `nonce` (the interaction's id)
/// is enforced: sent again within a few minutes, Discord returns the message the first send
/// made instead of making another
/// (<https://discord.com/developers/docs/resources/message#create-message-jsonform-params>).
async fn send(
    http: &Http,
    fact: &FactPost,
    reply_to: Option<u64>,
    nonce: u64,
) -> serenity::Result<serenity::all::Message> {
    let mut builder = convert::channel_message(&fact.message)
        .nonce(Nonce::String(nonce.to_string()))
        .enforce_nonce(true);
    if let Some(reply_to) = reply_to {
        builder = builder
            .reference_message(MessageReference::from((
                ChannelId::new(fact.channel_id),
                MessageId::new(reply_to),
            )))
            .allowed_mentions(CreateAllowedMentions::new().replied_user(false));
    }
    ChannelId::new(fact.channel_id)
        .send_message(http, builder)
        .await
}

/// Posts a fact, records it, pins it when asked. Returns what was done, or why not. Where the
/// interaction's `app_permissions` already say the post would be refused, nothing is sent; a
/// reply that cannot be one (no Read Message History) is posted without the reference. `nonce`
/// is the interaction's id: the same interaction, delivered again (to another instance, after
/// this one stopped mid-way), gets the same message back from Discord instead of a second one.
pub(super) async fn post(
    http: &Http,
    app: &App,
    pinner: &Pinner,
    guild_id: u64,
    here: Here,
    fact: FactPost,
    nonce: u64,
) -> Outcome {
    let action = if fact.reply_to.is_some() {
        Action::Reply
    } else {
        Action::Post
    };
    let mut reply_to = fact.reply_to;
    let mut not_a_reply = false;
    if here.channel_id == fact.channel_id {
        match Refusal::predicted(here.app_permissions, action, here.in_thread) {
            None => {}
            Some(Refusal::NoHistory) => {
                reply_to = None;
                not_a_reply = true;
            }
            Some(refusal) => {
                info!(kind = "post", outcome = "refused", refusal = ?refusal, "by app_permissions");
                return Outcome::Refused(refusal, action);
            }
        }
    }
    let sent = match send(http, &fact, reply_to, nonce).await {
        Err(e) if reply_to.is_some() && Refusal::of(&e) == Refusal::NoHistory => {
            warn!(kind = "post", error = %ErrorKind(&e), "reply refused; posting without the reference");
            not_a_reply = true;
            send(http, &fact, None, nonce).await
        }
        other => other,
    };
    let sent = match sent {
        Ok(sent) => sent,
        Err(e) => {
            warn!(kind = "post", outcome = "failed", error = %ErrorKind(&e), "channel message");
            return Outcome::Refused(Refusal::of(&e), action);
        }
    };
    info!(kind = "post", outcome = "posted", "channel message");
    let kb = app.knowledge();
    let fingerprint = moderation::fact_message(&kb, &fact.topic)
        .map(|(_, f)| f)
        .unwrap_or_default();
    let mut record = Post {
        message_id: sent.id.get(),
        channel_id: fact.channel_id,
        guild_id,
        topic: fact.topic.clone(),
        revision: kb.revision.clone(),
        fingerprint,
        state: PostState::Current,
        pinned: false,
        posted_at: app.now(),
    };
    let as_reply = if not_a_reply {
        AsReply::Dropped
    } else if fact.reply_to.is_some() {
        AsReply::Yes
    } else {
        AsReply::No
    };
    let pinned = if fact.pin {
        let pinned = pinner.pin(fact.channel_id, sent.id.get()).await;
        record.pinned = pinned.is_ok();
        Some(pinned)
    } else {
        None
    };
    remember(app, &record).await;
    Outcome::Posted {
        as_reply,
        pinned,
        shared: fact.shared,
    }
}

/// Records a post; a failing store is logged and retried once, and never stops the post.
async fn remember(app: &App, post: &Post) {
    let Some(store) = app.store() else {
        return;
    };
    if let Err(first) = store.record(post) {
        warn!(error = %first, "could not record a post; retrying");
        tokio::time::sleep(Duration::from_millis(200)).await;
        if let Err(e) = store.record(post) {
            warn!(error = %e, "could not record a post; it will not be kept current");
        }
    }
}

/// Unpins a recorded post, and records it unpinned.
pub(super) async fn unpin(app: &App, pinner: &Pinner, channel_id: u64, message_id: u64) -> Outcome {
    let unpinned = pinner.unpin(channel_id, message_id).await;
    if unpinned.is_ok() {
        if let Some(store) = app.store() {
            let _ = store.set_pinned(message_id, false);
        }
    }
    Outcome::Unpinned(unpinned)
}

/// Deletes a recorded post (one deleted meanwhile counts as deleted) and forgets it.
pub(super) async fn remove(http: &Http, app: &App, channel_id: u64, message_id: u64) -> Outcome {
    let deleted = ChannelId::new(channel_id)
        .delete_message(http, MessageId::new(message_id))
        .await;
    match deleted {
        Ok(()) => {}
        Err(e) if is_unknown_message(&e) => {}
        Err(e) => {
            warn!(kind = "remove", error = %ErrorKind(&e), "could not delete a post");
            return Outcome::Refused(Refusal::of(&e), Action::DeleteMessage);
        }
    }
    if let Some(store) = app.store() {
        let _ = store.forget(message_id);
    }
    Outcome::Removed
}

fn is_unknown_message(e: &serenity::Error) -> bool {
    matches!(e, serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(r)) if r.error.code == UNKNOWN_MESSAGE)
}

/// What a refresh did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Refreshed {
    /// Posts edited to their topic's new text.
    pub edited: usize,
    /// Posts edited to say their topic was withdrawn.
    pub withdrawn: usize,
    /// Posts deleted on Discord meanwhile, now forgotten.
    pub dropped: usize,
    /// Posts whose edit (or claim) failed; a later refresh tries again.
    pub failed: usize,
    /// Posts another instance had claimed for this revision: it edits them.
    pub elsewhere: usize,
}

/// Edits the recorded posts (of one channel, or all) whose topic changed or was withdrawn.
/// Each post is claimed in the store before its edit, so of several instances sharing the store,
/// one edits it once per revision; each edit is recorded as soon as it is made, so a refresh cut
/// short by a restart resumes where it stopped. A failed edit gives its claim back. Deleted
/// posts are forgotten. Edits go one at a time, through the rate limiter.
pub(super) async fn refresh(http: &Http, app: &App, channel: Option<u64>) -> Refreshed {
    let mut done = Refreshed::default();
    let Some(store) = app.store() else {
        return done;
    };
    let posts = match channel {
        Some(c) => store.in_channel(c),
        None => store.all(),
    };
    let posts = match posts {
        Ok(posts) => posts,
        Err(e) => {
            warn!(error = %e, "cannot read the store to refresh posts");
            return done;
        }
    };
    let today = app.today();
    for post in posts {
        let kb = app.knowledge();
        let Update::Edit {
            message,
            fingerprint,
            state,
        } = moderation::update_for(&kb, &post, today)
        else {
            continue;
        };
        match store.claim_refresh(post.message_id, &kb.revision, app.now()) {
            Ok(true) => {}
            Ok(false) => {
                done.elsewhere += 1;
                continue;
            }
            Err(e) => {
                warn!(error = %e, "cannot claim a post's refresh; it is left as it is");
                done.failed += 1;
                continue;
            }
        }
        let edit = EditMessage::new()
            .embeds(message.embeds.iter().map(convert::embed).collect())
            .allowed_mentions(CreateAllowedMentions::new());
        let result = ChannelId::new(post.channel_id)
            .edit_message(http, MessageId::new(post.message_id), edit)
            .await;
        match result {
            Ok(_) => {
                if let Err(e) =
                    store.mark_refreshed(post.message_id, &kb.revision, &fingerprint, state)
                {
                    warn!(error = %e, "edited a post but could not record it");
                }
                match state {
                    PostState::Current => done.edited += 1,
                    PostState::Withdrawn => done.withdrawn += 1,
                }
            }
            Err(e) if is_unknown_message(&e) => {
                let _ = store.forget(post.message_id);
                done.dropped += 1;
            }
            Err(e) => {
                warn!(error = %ErrorKind(&e), "could not edit a post");
                if let Err(e) = store.release_refresh(post.message_id, &kb.revision) {
                    warn!(error = %e, "could not give back a post's refresh claim");
                }
                done.failed += 1;
            }
        }
    }
    info!(
        edited = done.edited,
        withdrawn = done.withdrawn,
        dropped = done.dropped,
        failed = done.failed,
        elsewhere = done.elsewhere,
        "posts refreshed"
    );
    done
}

/// Refreshes every post now, then after each successful reload, for the life of the process.
pub(super) fn keep_current(http: Arc<Http>, app: Arc<App>) {
    tokio::spawn(async move {
        loop {
            refresh(&http, &app, None).await;
            app.reloaded().await;
        }
    });
}
