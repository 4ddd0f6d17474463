//! An interaction's first response, wherever it goes: over REST to Discord's callback endpoint
//! (`POST /interactions/{id}/{token}/callback`, when the interaction came over the gateway), or
//! back as the body of Discord's own request (the HTTP interactions endpoint, see `webhook`).
//! Everything after the first response (edits, follow-ups, channel messages) goes over REST in
//! both modes, through [`Responder::http`].
//! <https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction>

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::Serialize;
use serenity::all::{
    CreateAllowedMentions, CreateAttachment, CreateInteractionResponse,
    CreateInteractionResponseMessage, EditInteractionResponse, Http, InteractionId,
};
use serenity::builder::Builder;
use tokio::sync::oneshot;
use tracing::warn;

use super::convert;
use super::handler::ErrorKind;
use crate::reply::{Message, Reply};

/// Where the first response goes.
#[derive(Debug)]
pub(super) enum Sink {
    /// Discord's callback endpoint, over REST.
    Rest,
    /// The body of the HTTP response to Discord's request: JSON bytes, sent once.
    Body(oneshot::Sender<Vec<u8>>),
}

/// Answers one interaction: its first response through the [`Sink`], the rest over REST.
#[derive(Debug)]
pub(super) struct Responder {
    /// The REST client for everything after the first response.
    pub http: Arc<Http>,
    id: InteractionId,
    token: String,
    /// `Some` until the first response went as an HTTP body.
    body: Option<Mutex<Option<oneshot::Sender<Vec<u8>>>>>,
    /// When the interaction arrived: Discord's 3 s window for the first response counts from
    /// about then.
    arrived: Instant,
}

/// How long after an interaction arrives a failed answer is still worth one more try: Discord
/// drops an interaction not answered within 3 s.
const RETRY_WINDOW: Duration = Duration::from_millis(2000);
const RETRY_DELAY: Duration = Duration::from_millis(150);
/// Discord's "Interaction has already been acknowledged": a retry whose first try got through.
const ALREADY_ACKNOWLEDGED: isize = 40060;
/// Discord's "Unknown Webhook": an interaction's webhook used before its first response arrived.
const UNKNOWN_WEBHOOK: isize = 10015;
/// The waits before each new try of an edit that came too early (0.75 s in all).
const EARLY_EDIT_WAITS: [Duration; 3] = [
    Duration::from_millis(50),
    Duration::from_millis(200),
    Duration::from_millis(500),
];

impl Responder {
    /// A responder for the interaction `id` with its `token` (valid 15 minutes), which arrived
    /// now.
    pub(super) fn new(http: Arc<Http>, id: InteractionId, token: &str, sink: Sink) -> Self {
        let body = match sink {
            Sink::Rest => None,
            Sink::Body(sender) => Some(Mutex::new(Some(sender))),
        };
        Self {
            http,
            id,
            token: token.to_owned(),
            body,
            arrived: Instant::now(),
        }
    }

    /// Sends `answer`, the conversion of `reply`. In an HTTP body a reply with files becomes a
    /// deferral and then an edit carrying the files: Discord refuses bodies with larger files
    /// there (discord-api-docs issues 5250 and 5925), and over REST they always work.
    pub(super) async fn create(
        &self,
        answer: &CreateInteractionResponse,
        reply: &Reply,
    ) -> serenity::Result<()> {
        if self.body.is_none() {
            return retried(self.arrived, || {
                answer.clone().execute(&*self.http, (self.id, &self.token))
            })
            .await;
        }
        let with_files = match reply {
            Reply::Message(m) | Reply::Update(m) if !m.attachments.is_empty() => Some(m),
            _ => None,
        };
        let Some(message) = with_files else {
            return self.send_body(answer);
        };
        let deferral = match reply {
            Reply::Update(_) => CreateInteractionResponse::Acknowledge,
            _ => CreateInteractionResponse::Defer(
                CreateInteractionResponseMessage::new()
                    .ephemeral(message.ephemeral)
                    .allowed_mentions(CreateAllowedMentions::new()),
            ),
        };
        self.send_body(&deferral)?;
        self.edit(edit_with_files(message)).await
    }

    /// Sends a response already serialized (a kept stable answer).
    pub(super) async fn create_raw(
        &self,
        body: &serde_json::value::RawValue,
    ) -> serenity::Result<()> {
        if self.body.is_some() {
            return self.send_body(body);
        }
        retried(self.arrived, || {
            self.http
                .create_interaction_response(self.id, &self.token, &body, Vec::new())
        })
        .await
    }

    /// Tells the member what an effect came to, as the core worded it, by editing the first
    /// response (a deferral, or the answer the effect came with) to `told`. A failure is logged:
    /// there is no other way left to tell them.
    pub(super) async fn tell(&self, told: &Message) {
        let mut edit = EditInteractionResponse::new()
            .embeds(told.embeds.iter().map(convert::embed).collect())
            .components(convert::rows(&told.rows))
            .allowed_mentions(CreateAllowedMentions::new());
        if let Some(content) = &told.content {
            edit = edit.content(content);
        }
        if let Err(e) = self.edit(edit).await {
            warn!(error = %ErrorKind(&e), "could not report an outcome to the member");
        }
    }

    /// Edits the first response (after a deferral, or to report an effect's outcome). After
    /// an HTTP-body response the edit can reach Discord before the body did; Discord then
    /// answers Unknown Webhook, and the edit is tried again a little later.
    async fn edit(&self, edit: EditInteractionResponse) -> serenity::Result<()> {
        let mut waits = EARLY_EDIT_WAITS.iter();
        loop {
            let result = edit
                .clone()
                .execute(&*self.http, &self.token)
                .await
                .map(drop);
            match (&result, waits.next()) {
                (Err(e), Some(wait))
                    if self.body.is_some()
                        && status_of(e).is_some_and(|(_, code)| code == UNKNOWN_WEBHOOK) =>
                {
                    tokio::time::sleep(*wait).await;
                }
                _ => return result,
            }
        }
    }

    #[expect(
        clippy::result_large_err,
        reason = "the same error type as every other way of answering, on a cold path"
    )]
    fn send_body<T: Serialize + ?Sized>(&self, response: &T) -> serenity::Result<()> {
        let bytes = serde_json::to_vec(response)?;
        let sender = self
            .body
            .as_ref()
            .and_then(|slot| slot.lock().ok()?.take())
            .ok_or(serenity::Error::Other(
                "the interaction was already answered",
            ))?;
        sender.send(bytes).map_err(|_| {
            serenity::Error::Other("Discord's request was gone before the answer was ready")
        })
    }
}

/// The edit that carries a reply's files after a deferral.
fn edit_with_files(m: &Message) -> EditInteractionResponse {
    let mut edit = EditInteractionResponse::new()
        .embeds(m.embeds.iter().map(convert::embed).collect())
        .components(convert::rows(&m.rows))
        .allowed_mentions(CreateAllowedMentions::new());
    if let Some(content) = &m.content {
        edit = edit.content(content);
    }
    for a in &m.attachments {
        edit = edit.new_attachment(CreateAttachment::bytes(a.bytes.clone(), &a.filename));
    }
    edit
}

fn status_of(e: &serenity::Error) -> Option<(u16, isize)> {
    match e {
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(r)) => {
            Some((r.status_code.as_u16(), r.error.code))
        }
        _ => None,
    }
}

/// Sends over REST; a server error (5xx) is retried once while Discord's window, counted from
/// when the interaction `arrived`, allows, and "already acknowledged" counts as answered, so a
/// member never gets two answers.
async fn retried<F, Fut, T>(arrived: Instant, mut send: F) -> serenity::Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = serenity::Result<T>>,
{
    let mut result = send().await.map(drop);
    if let Err(e) = &result {
        if status_of(e).is_some_and(|(status, _)| status >= 500) && arrived.elapsed() < RETRY_WINDOW
        {
            warn!(error = %ErrorKind(e), "answer failed; retrying once");
            tokio::time::sleep(RETRY_DELAY).await;
            result = send().await.map(drop);
        }
    }
    match result {
        Err(e) if status_of(&e).is_some_and(|(_, code)| code == ALREADY_ACKNOWLEDGED) => Ok(()),
        other => other,
    }
}
