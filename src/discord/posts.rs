//! Carrying out the core's post effects on Discord: send, pin (on Discord's current route,
//! which serenity 0.12.5 lacks), unpin, remove, and edit posts to keep them current.

use std::sync::Arc;
use std::time::Duration;

use serenity::all::{
    ChannelId, Context, CreateAllowedMentions, EditMessage, MessageId, MessageReference,
};
use serenity::http::Http;
use tracing::{info, warn};

use super::convert;
use crate::app::{App, FactPost};
use crate::moderation::{self, Update};
use crate::store::{Post, PostState};

/// Discord error codes this module explains.
const UNKNOWN_MESSAGE: isize = 10008;
const TOO_MANY_PINS: i64 = 30003;
const MISSING_PERMISSIONS: i64 = 50013;

/// The longest a pin request waits for a rate limit before giving up.
const MAX_RETRY_WAIT: Duration = Duration::from_secs(5);

/// Sends pin requests itself: serenity's route table has only the deprecated pin route.
#[derive(Debug, Clone)]
pub struct Pinner {
    pub client: reqwest::Client,
    /// `https://discord.com/api/v10`, or the proxy's equivalent.
    pub base: String,
    pub token: String,
}

/// Why a pin or unpin failed, said to the moderator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinError {
    TooManyPins,
    MissingPermission,
    Other(String),
}

impl std::fmt::Display for PinError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PinError::TooManyPins => f.write_str(
                "this channel already has 250 pinned messages, Discord's limit. Unpin one and try again",
            ),
            PinError::MissingPermission => f.write_str(
                "exobot lacks the Pin Messages permission in this channel. A server admin can grant it",
            ),
            PinError::Other(e) => write!(f, "Discord refused: {e}"),
        }
    }
}

impl Pinner {
    async fn send(
        &self,
        method: reqwest::Method,
        channel: u64,
        message: u64,
    ) -> Result<(), PinError> {
        let url = format!("{}/channels/{channel}/messages/pins/{message}", self.base);
        for _attempt in 0..2 {
            let response = self
                .client
                .request(method.clone(), &url)
                .header("Authorization", format!("Bot {}", self.token))
                .header("X-Audit-Log-Reason", "exobot: moderator request")
                .send()
                .await
                .map_err(|e| PinError::Other(format!("no answer ({})", e.without_url())))?;
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
            return Err(match body["code"].as_i64() {
                Some(TOO_MANY_PINS) => PinError::TooManyPins,
                Some(MISSING_PERMISSIONS) => PinError::MissingPermission,
                _ => PinError::Other(format!(
                    "{} {}",
                    status.as_u16(),
                    body["message"].as_str().unwrap_or("")
                )),
            });
        }
        Err(PinError::Other("rate limited".to_owned()))
    }

    pub async fn pin(&self, channel: u64, message: u64) -> Result<(), PinError> {
        self.send(reqwest::Method::PUT, channel, message).await
    }

    pub async fn unpin(&self, channel: u64, message: u64) -> Result<(), PinError> {
        self.send(reqwest::Method::DELETE, channel, message).await
    }
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Posts a fact, records it, pins it when asked. Returns what to tell the member.
pub async fn post(
    ctx: &Context,
    app: &App,
    pinner: &Pinner,
    guild_id: u64,
    fact: FactPost,
) -> String {
    let mut builder = convert::channel_message(&fact.message);
    if let Some(reply_to) = fact.reply_to {
        builder = builder
            .reference_message(MessageReference::from((
                ChannelId::new(fact.channel_id),
                MessageId::new(reply_to),
            )))
            .allowed_mentions(CreateAllowedMentions::new().replied_user(false));
    }
    let sent = match ChannelId::new(fact.channel_id)
        .send_message(&ctx.http, builder)
        .await
    {
        Ok(sent) => sent,
        Err(e) => {
            warn!(kind = "post", outcome = "failed", error = %super::handler::ErrorKind(&e), "channel message");
            return "exobot could not post in that channel (it may lack the Send Messages or Embed Links permission there).".to_owned();
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
        posted_at: now(),
    };
    let mut said = if fact.reply_to.is_some() {
        "Answered."
    } else {
        "Posted."
    }
    .to_owned();
    if fact.pin {
        match pinner.pin(fact.channel_id, sent.id.get()).await {
            Ok(()) => {
                record.pinned = true;
                said = "Posted and pinned.".to_owned();
            }
            Err(e) => said = format!("Posted, but not pinned: {e}."),
        }
    }
    remember(app, &record).await;
    said
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

pub async fn unpin(app: &App, pinner: &Pinner, channel_id: u64, message_id: u64) -> String {
    match pinner.unpin(channel_id, message_id).await {
        Ok(()) => {
            if let Some(store) = app.store() {
                let _ = store.set_pinned(message_id, false);
            }
            "Unpinned.".to_owned()
        }
        Err(e) => format!("Not unpinned: {e}."),
    }
}

pub async fn remove(http: &Http, app: &App, channel_id: u64, message_id: u64) -> String {
    let deleted = ChannelId::new(channel_id)
        .delete_message(http, MessageId::new(message_id))
        .await;
    match deleted {
        Ok(()) => {}
        Err(e) if is_unknown_message(&e) => {}
        Err(e) => {
            warn!(kind = "remove", error = %super::handler::ErrorKind(&e), "could not delete a post");
            return "exobot could not delete that post.".to_owned();
        }
    }
    if let Some(store) = app.store() {
        let _ = store.forget(message_id);
    }
    "Removed.".to_owned()
}

fn is_unknown_message(e: &serenity::Error) -> bool {
    matches!(e, serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(r)) if r.error.code == UNKNOWN_MESSAGE)
}

/// What a refresh did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Refreshed {
    pub edited: usize,
    pub withdrawn: usize,
    pub dropped: usize,
    pub failed: usize,
}

/// Edits the recorded posts (of one channel, or all) whose topic changed or was withdrawn.
/// Each edit is recorded as soon as it is made, so a refresh cut short by a restart resumes
/// where it stopped. Deleted posts are forgotten. Edits go one at a time, through the rate limiter.
pub async fn refresh(http: &Http, app: &App, channel: Option<u64>) -> Refreshed {
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
    let today = crate::cli::today();
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
                warn!(error = %super::handler::ErrorKind(&e), "could not edit a post");
                done.failed += 1;
            }
        }
    }
    info!(
        edited = done.edited,
        withdrawn = done.withdrawn,
        dropped = done.dropped,
        failed = done.failed,
        "posts refreshed"
    );
    done
}

/// Refreshes every post now, then after each successful reload, for the life of the process.
pub fn keep_current(http: Arc<Http>, app: Arc<App>) {
    tokio::spawn(async move {
        loop {
            refresh(&http, &app, None).await;
            app.reloaded().await;
        }
    });
}
