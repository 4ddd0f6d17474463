//! Serenity's event handler: each interaction becomes an Event for the core, and its Response
//! is sent back and its effect carried out (a post before the response, when it is quick), the
//! outcome told as the core words it. The only caller of the core in the Discord front end: it
//! decides nothing the core decides.
//! Logs say what kind of interaction came and how it ended, never what it held.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::value::RawValue;
use serenity::all::{
    async_trait, ChannelType, CommandInteraction, ComponentInteraction,
    ComponentInteractionDataKind, ConnectionStage, Context, GuildId, Http, Interaction,
    ModalInteraction, RawEventHandler, Ready,
};
use tracing::{info, warn};

use super::answers::Answers;
use super::placement::{self, Asked};
use super::posts::{self, Pinner};
use super::respond::{Responder, Sink};
use super::{convert, unreadable};
use crate::app::App;
use crate::event::{Actor, Effect, Event, Response};
use crate::health::Health;
use crate::outcome::Outcome;
use crate::reply::{Message, Reply};

pub(super) struct Handler {
    pub app: Arc<App>,
    pub owners: Vec<u64>,
    pub health: Arc<Health>,
    pub pinner: Pinner,
    /// Stable answers, serialized once per knowledge base.
    pub answers: Answers,
}

/// How long after an interaction arrived its post may take and still be told in the first
/// response; a slower post is told in an edit (and is lost if its instance dies before making
/// it). Discord drops an interaction not answered within 3 s
/// (<https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction>):
/// this leaves the answer most of a second, and a channel message usually takes a fraction of
/// one.
const POST_FIRST_WITHIN: Duration = Duration::from_millis(2000);

/// The interaction a response answered, to edit that response once an effect is carried out.
#[derive(Clone, Copy)]
enum Origin<'a> {
    Command(&'a CommandInteraction),
    Autocomplete(&'a CommandInteraction),
    Component(&'a ComponentInteraction),
    Modal(&'a ModalInteraction),
}

impl Origin<'_> {
    /// The interaction's kind, as logs and metrics name it.
    fn kind(&self) -> &'static str {
        match self {
            Origin::Command(_) => "command",
            Origin::Autocomplete(_) => "autocomplete",
            Origin::Component(_) => "component",
            Origin::Modal(_) => "modal",
        }
    }

    /// The interaction's id: the same on every delivery of the same interaction.
    fn id(&self) -> u64 {
        match self {
            Origin::Command(c) | Origin::Autocomplete(c) => c.id.get(),
            Origin::Component(c) => c.id.get(),
            Origin::Modal(m) => m.id.get(),
        }
    }

    fn guild_id(&self) -> u64 {
        let id = match self {
            Origin::Command(c) | Origin::Autocomplete(c) => c.guild_id,
            Origin::Component(c) => c.guild_id,
            Origin::Modal(m) => m.guild_id,
        };
        id.map_or(0, GuildId::get)
    }

    /// The interaction's channel, its `app_permissions` and whether it is a thread.
    fn here(&self) -> posts::Here {
        let (channel_id, app_permissions, channel) = match self {
            Origin::Command(c) | Origin::Autocomplete(c) => {
                (c.channel_id, c.app_permissions, c.channel.as_ref())
            }
            Origin::Component(c) => (c.channel_id, c.app_permissions, c.channel.as_ref()),
            Origin::Modal(m) => (m.channel_id, m.app_permissions, m.channel.as_ref()),
        };
        posts::Here {
            channel_id: channel_id.get(),
            app_permissions,
            in_thread: channel.is_some_and(|ch| {
                matches!(
                    ch.kind,
                    ChannelType::PublicThread
                        | ChannelType::PrivateThread
                        | ChannelType::NewsThread
                )
            }),
        }
    }

    /// Who asked, where, and on which of the bot's messages: what a clinic-check effect needs.
    fn asked(&self) -> Asked<'_> {
        match self {
            Origin::Command(c) | Origin::Autocomplete(c) => Asked {
                user_id: c.user.id,
                channel_id: c.channel_id,
                app_permissions: c.app_permissions,
                message: None,
            },
            Origin::Component(c) => Asked {
                user_id: c.user.id,
                channel_id: c.channel_id,
                app_permissions: c.app_permissions,
                message: Some(&c.message),
            },
            Origin::Modal(m) => Asked {
                user_id: m.user.id,
                channel_id: m.channel_id,
                app_permissions: m.app_permissions,
                message: m.message.as_deref(),
            },
        }
    }
}

impl Handler {
    fn actor(
        &self,
        user: &serenity::all::User,
        member: Option<&serenity::all::Member>,
        channel_id: u64,
        channel: Option<&serenity::all::PartialChannel>,
    ) -> Actor {
        convert::actor(user, member, channel_id, channel, &self.owners)
    }

    async fn command(&self, out: &Responder, c: &CommandInteraction, started: Instant) {
        let actor = self.actor(
            &c.user,
            c.member.as_deref(),
            c.channel_id.get(),
            c.channel.as_ref(),
        );
        let event = Event::Command(convert::command(c));
        self.answer(out, Origin::Command(c), &actor, event, started)
            .await;
    }

    async fn autocomplete(&self, out: &Responder, c: &CommandInteraction, started: Instant) {
        let actor = self.actor(
            &c.user,
            c.member.as_deref(),
            c.channel_id.get(),
            c.channel.as_ref(),
        );
        let event = Event::Autocomplete {
            partial: convert::autocomplete_partial(c),
        };
        self.answer(out, Origin::Autocomplete(c), &actor, event, started)
            .await;
    }

    /// Answers a command or an autocomplete: a stable answer from its kept body when there is
    /// one, otherwise through the core and serenity's builders (keeping the body of a stable
    /// answer once it went through).
    async fn answer(
        &self,
        out: &Responder,
        origin: Origin<'_>,
        actor: &Actor,
        event: Event,
        started: Instant,
    ) {
        let (Origin::Command(_) | Origin::Autocomplete(_)) = origin else {
            return;
        };
        let kb = self.app.knowledge();
        let key = self.app.stable(&kb, actor, &event).map(|key| {
            let body = self.answers.get(&kb, &key);
            (key, body)
        });
        if let Some((_, Some(body))) = &key {
            let body: &RawValue = body;
            let result = out.create_raw(body).await;
            // A stable answer has no effect to carry out.
            self.finish(out, origin, started, result, None).await;
            return;
        }
        let response = self.app.handle_in(&kb, actor, event.clone());
        if let Some((key, None)) = &key {
            let answer = convert::response(&response.reply);
            let result = out.create(&answer, &response.reply).await;
            let files = matches!(&response.reply, Reply::Message(m) if !m.attachments.is_empty());
            if result.is_ok() && !files {
                self.answers.put(&kb, key, &answer);
            }
            // A stable answer has no effect to carry out.
            self.finish(out, origin, started, result, None).await;
            return;
        }
        self.respond(out, origin, started, response).await;
    }

    async fn component(&self, out: &Responder, c: &ComponentInteraction, started: Instant) {
        let actor = self.actor(
            &c.user,
            c.member.as_ref(),
            c.channel_id.get(),
            c.channel.as_ref(),
        );
        let values = match &c.data.kind {
            ComponentInteractionDataKind::StringSelect { values } => values.clone(),
            _ => Vec::new(),
        };
        let event = Event::Component {
            custom_id: c.data.custom_id.clone(),
            values,
            message: c.message.embeds.iter().map(convert::embed_from).collect(),
            interaction_id: c.id.get(),
        };
        let response = self.app.handle(&actor, event);
        self.respond(out, Origin::Component(c), started, response)
            .await;
    }

    async fn modal(&self, out: &Responder, m: &ModalInteraction, started: Instant) {
        let actor = self.actor(
            &m.user,
            m.member.as_ref(),
            m.channel_id.get(),
            m.channel.as_ref(),
        );
        let event = Event::ModalSubmit {
            custom_id: m.data.custom_id.clone(),
            fields: convert::modal_fields(m),
            message: m
                .message
                .as_ref()
                .map(|msg| msg.embeds.iter().map(convert::embed_from).collect())
                .unwrap_or_default(),
        };
        let response = self.app.handle(&actor, event);
        self.respond(out, Origin::Modal(m), started, response).await;
    }

    /// Sends the core's response, and carries out its effect. A post goes first, and its outcome,
    /// as the core words it, is the first response, when it is done within [`POST_FIRST_WITHIN`]
    /// of the interaction's arrival; a member is never told "Posted" of a post that an instance
    /// stopped before sending, and an interaction retried elsewhere after such a stop (nginx's
    /// `proxy_next_upstream`) finds the same post through its nonce instead of posting twice. A
    /// slower post, and every other effect, comes after the first response, which is then
    /// edited to tell its outcome.
    async fn respond(
        &self,
        out: &Responder,
        origin: Origin<'_>,
        started: Instant,
        response: Response,
    ) {
        let Response { reply, effect } = response;
        let Some(post @ Effect::Post(_)) = effect else {
            let result = out.create(&convert::response(&reply), &reply).await;
            self.finish(out, origin, started, result, effect).await;
            return;
        };
        let post = self.carry_out(out, origin, post);
        tokio::pin!(post);
        let budget = POST_FIRST_WITHIN.saturating_sub(started.elapsed());
        if let Ok(outcome) = tokio::time::timeout(budget, &mut post).await {
            let reply = match outcome.and_then(Outcome::told) {
                Some(told) => told_instead(reply, told),
                None => reply,
            };
            let result = out.create(&convert::response(&reply), &reply).await;
            self.finish(out, origin, started, result, None).await;
            return;
        }
        let result = out.create(&convert::response(&reply), &reply).await;
        let answered = result.is_ok();
        self.finish(out, origin, started, result, None).await;
        // Started, so carried through even if the first response failed.
        let outcome = post.await;
        if let (true, Some(told)) = (answered, outcome.and_then(Outcome::told)) {
            out.tell(&told).await;
        }
    }

    /// Logs how the interaction ended, then carries out the response's effect, if any, and
    /// tells the member its outcome, as the core words it, by editing the response.
    async fn finish(
        &self,
        out: &Responder,
        origin: Origin<'_>,
        started: Instant,
        result: serenity::Result<()>,
        effect: Option<Effect>,
    ) {
        let kind = origin.kind();
        let seconds = started.elapsed().as_secs_f64();
        match result {
            Ok(()) => {
                info!(kind, outcome = "answered", "interaction");
                self.health.metrics.interaction(kind, "answered", seconds);
            }
            Err(e) => {
                warn!(kind, outcome = "failed", error = %ErrorKind(&e), "interaction");
                self.health.metrics.interaction(kind, "failed", seconds);
                self.health.metrics.error("answer");
                return;
            }
        }
        let Some(effect) = effect else {
            return;
        };
        let outcome = self.carry_out(out, origin, effect).await;
        if let Some(told) = outcome.and_then(Outcome::told) {
            out.tell(&told).await;
        }
    }

    /// Carries out one effect; its outcome, when there is something (more) to tell.
    async fn carry_out(
        &self,
        out: &Responder,
        origin: Origin<'_>,
        effect: Effect,
    ) -> Option<Outcome> {
        let http = &out.http;
        let app = &self.app;
        Some(match effect {
            Effect::Post(fact) => {
                let (guild_id, here) = (origin.guild_id(), origin.here());
                let nonce = origin.id();
                posts::post(http, app, &self.pinner, guild_id, here, fact, nonce).await
            }
            Effect::Unpin {
                channel_id,
                message_id,
            } => posts::unpin(app, &self.pinner, channel_id, message_id).await,
            Effect::Remove {
                channel_id,
                message_id,
            } => posts::remove(http, app, channel_id, message_id).await,
            Effect::Refresh { channel_id } => {
                let done = posts::refresh(http, app, channel_id).await;
                Outcome::Refreshed {
                    edited: done.edited,
                    withdrawn: done.withdrawn,
                    dropped: done.dropped,
                    failed: done.failed,
                    elsewhere: done.elsewhere,
                }
            }
            Effect::OpenCheckThread(thread) => {
                placement::open_thread(http, &origin.asked(), thread).await
            }
            Effect::MoveCheckToDms { start } => {
                placement::move_to_dms(http, &origin.asked(), &start).await
            }
            Effect::CloseCheckThread { thread_id, closing } => {
                placement::close_thread(http, thread_id, &closing).await;
                return None;
            }
            Effect::DeleteCheck(what) => {
                return placement::delete(out, &origin.asked(), what).await;
            }
            Effect::Reload => {
                // Seconds of work on a busy machine: kept off the threads that answer.
                let app = Arc::clone(&self.app);
                let reloaded = tokio::task::spawn_blocking(move || app.reload(app.today())).await;
                match reloaded {
                    Ok(reloaded) => Outcome::Reloaded(reloaded),
                    Err(e) => {
                        warn!(error = %e, "the reload's task failed");
                        return None;
                    }
                }
            }
        })
    }
}

/// The first response, worded as an effect's outcome instead: the same kind of response
/// (a new message, seen by the same people, or an update of the message used).
fn told_instead(reply: Reply, mut told: Message) -> Reply {
    match reply {
        Reply::Update(_) => Reply::Update(told),
        Reply::Message(m) => {
            told.ephemeral = m.ephemeral;
            Reply::Message(told)
        }
        Reply::Defer => Reply::Message(told),
        other @ (Reply::Modal(_) | Reply::Autocomplete(_)) => other,
    }
}

/// A serenity error, described without the request it came from (URLs hold interaction tokens).
pub(super) struct ErrorKind<'a>(pub &'a serenity::Error);

impl std::fmt::Display for ErrorKind<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(r)) => write!(
                f,
                "Discord answered {} (code {}): {}",
                r.status_code.as_u16(),
                r.error.code,
                r.error.message
            ),
            serenity::Error::Http(_) => f.write_str("HTTP request failed"),
            serenity::Error::Json(_) => f.write_str("unexpected JSON from Discord"),
            serenity::Error::Model(e) => write!(f, "refused before sending: {e}"),
            serenity::Error::Gateway(e) => write!(f, "gateway: {e}"),
            _ => f.write_str("other error"),
        }
    }
}

/// The events the bot acts on, as serenity's raw event handler gets them. Every event goes
/// through this one `RawEventHandler` and the bot registers no `EventHandler`: with one,
/// serenity also converts each event, clones it and spawns a task per handler (about a fifth
/// of the CPU an interaction cost, in a callgrind profile), all to reach the same methods.
pub(super) struct Events {
    pub handler: Arc<Handler>,
}

#[async_trait]
impl RawEventHandler for Events {
    async fn raw_event(&self, ctx: Context, event: serenity::all::Event) {
        use serenity::all::Event;
        match event {
            Event::InteractionCreate(e) => {
                self.handler
                    .interaction(ctx.http.clone(), Sink::Rest, e.interaction)
                    .await
            }
            Event::Ready(e) => self.handler.ready(ctx.shard_id.0, &e.ready),
            Event::Resumed(_) => self.handler.resume(ctx.shard_id.0),
            Event::Unknown(unknown) if unknown.kind == "INTERACTION_CREATE" => {
                unreadable::answer(&self.handler, ctx.http.clone(), Sink::Rest, unknown.value)
                    .await;
            }
            _ => {}
        }
    }
}

impl Handler {
    /// Answers one interaction: its first response through `sink` (REST for the gateway, the
    /// HTTP body for the interactions endpoint), everything after it over REST with `http`.
    pub(super) async fn interaction(&self, http: Arc<Http>, sink: Sink, interaction: Interaction) {
        let started = Instant::now();
        let (id, token) = match &interaction {
            Interaction::Command(c) | Interaction::Autocomplete(c) => (c.id, &c.token),
            Interaction::Component(c) => (c.id, &c.token),
            Interaction::Modal(m) => (m.id, &m.token),
            _ => {
                info!(kind = "other", outcome = "ignored", "interaction");
                return;
            }
        };
        let out = Responder::new(http, id, token, sink);
        match &interaction {
            Interaction::Command(c) => self.command(&out, c, started).await,
            Interaction::Autocomplete(c) => self.autocomplete(&out, c, started).await,
            Interaction::Component(c) => self.component(&out, c, started).await,
            Interaction::Modal(m) => self.modal(&out, m, started).await,
            _ => {}
        }
    }

    fn ready(&self, shard: u32, ready: &Ready) {
        self.health.shard_connected(shard);
        info!(shard, user = %ready.user.name, guilds = ready.guilds.len(), "connected to Discord");
    }

    fn resume(&self, shard: u32) {
        self.health.shard_connected(shard);
        info!(shard, "gateway session resumed");
    }
}

/// How often the shards' connection stages and latencies are read for `/health` (serenity tells
/// only an `EventHandler` of stage changes, and the bot registers none: see [`Events`]).
const STAGE_EVERY: Duration = Duration::from_millis(250);

/// Keeps `/health` and `/metrics` to each shard's connection stage and heartbeat latency, as
/// serenity's shard managers (`managers`, any number of shards each) report them, logging each
/// stage change with its shard id, until the returned task is aborted.
pub(super) fn watch_stage(
    managers: Vec<Arc<serenity::gateway::ShardManager>>,
    health: Arc<Health>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut last = std::collections::HashMap::new();
        loop {
            // A shard with no runner is queued to start (or to start again after a failure).
            let mut queued: std::collections::BTreeSet<u32> =
                health.shard_states().into_keys().collect();
            for manager in &managers {
                let runners: Vec<_> = manager
                    .runners
                    .lock()
                    .await
                    .iter()
                    .map(|(id, runner)| (id.0, runner.stage, runner.latency))
                    .collect();
                for (shard, stage, latency) in runners {
                    queued.remove(&shard);
                    let connected = matches!(stage, ConnectionStage::Connected);
                    health.set_stage(shard, &stage.to_string(), connected, latency);
                    let before = last.insert(shard, stage);
                    if before != Some(stage) {
                        // serenity's own gateway warnings are held back (they quote payloads);
                        // this says enough.
                        info!(shard, from = ?before, to = ?stage, "gateway connection stage");
                    }
                }
            }
            for shard in queued {
                health.set_stage(shard, "waiting", false, None);
                if last.remove(&shard).is_some() {
                    info!(shard, "gateway shard waits for serenity to start it again");
                }
            }
            tokio::time::sleep(STAGE_EVERY).await;
        }
    })
}
