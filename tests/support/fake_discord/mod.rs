//! A fake Discord on 127.0.0.1 (REST and gateway) that the real serenity 0.12.5 client runs
//! against in end-to-end tests. It never reaches the internet.
//!
//! Point serenity at it in one of two ways:
//! - proxy: `HttpBuilder::new(FakeDiscord::BOT_TOKEN).proxy(fake.proxy_url())
//!   .ratelimiter_disabled(true)`, then `ClientBuilder::new_with_http`;
//! - TLS: `FakeDiscord::start_tls()` returns a reqwest client for `HttpBuilder::client`, which
//!   keeps serenity's rate limiter on, as in production.
//!
//! The fake records every REST request ([`FakeDiscord::requests`]), checks every body the bot
//! sends against Discord's rules ([`FakeDiscord::violations`], which tests assert is empty), and
//! verifies every payload it sends against serenity's model types, because serenity silently drops
//! a dispatch it cannot deserialize.
//!
//! A test, in outline (`tests/it/fake_discord.rs` has complete ones):
//!
//! ```text
//! let fake = FakeDiscord::start().await;
//! let http = HttpBuilder::new(FakeDiscord::BOT_TOKEN)
//!     .proxy(fake.proxy_url())
//!     .ratelimiter_disabled(true)
//!     .build();
//! let mut client = ClientBuilder::new_with_http(http, GatewayIntents::empty())
//!     .event_handler(handler)
//!     .await?;
//! let shards = Arc::clone(&client.shard_manager);
//! let running = tokio::spawn(async move { client.start().await });
//! let place = Place::Guild { guild_id: 1, channel_id: 2, user_id: 3, permissions: MEMBER };
//! let answer = fake.interact(slash_command("fact", json!([...]), place)).await;
//! assert_eq!(answer["type"], 4);
//! assert!(fake.violations().is_empty(), "{:#?}", fake.violations());
//! shards.shutdown_all().await; // takes up to 0.5 s: serenity reads the gateway in 500 ms slices
//! running.await?;
//! fake.shutdown().await;
//! ```
//!
//! What the fake remembers: channels (learnt from interactions, [`FakeDiscord::set_channel_type`],
//! or created by the bot), messages (channel messages, interaction responses, followups), pins,
//! threads and their members, DM channels and registered commands.
//!
//! What the fake refuses as Discord does: a private thread outside a text channel, the 251st pin
//! (30003), and, once a test asks, calls the bot's permissions in a channel do not allow
//! ([`FakeDiscord::set_app_permissions`]: 50001, 50013, 160002), messages to a user whose DMs
//! are closed ([`FakeDiscord::close_dms`]: 50007), and slow answers on every route but the
//! interaction callback ([`FakeDiscord::delay_every_call`]). Unknown routes answer
//! `404 {"code": 0, "message": "404: Not Found"}` and are recorded like any other request.
//!
//! Sharding: `GET /gateway/bot` recommends [`FakeDiscord::set_recommended_shards`] shards (1 by
//! default) within a [`SessionStartLimit`] ([`FakeDiscord::set_session_start_limit`]). Each
//! shard a client identifies has its own session; a guild's interactions go to the shard Discord
//! would use, `(guild_id >> 22) % total`, DMs to shard 0, and a dispatch waits for its shard to
//! be connected. [`FakeDiscord::connected_shards`] and [`FakeDiscord::wait_shards`] show which
//! shards run; [`shard_of_guild`] and [`guild_on_shard`] pick guilds for a test.

mod checks;
mod gateway;
mod multipart;
mod payloads;
mod rest;
mod routes;
mod state;
mod tls;
mod webhook;

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use serenity::model::event::{Event, GatewayEvent};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

#[allow(
    unused_imports,
    reason = "re-exported for the test binaries; each uses a part"
)]
pub use gateway::HEARTBEAT_INTERVAL_MS;
#[allow(
    unused_imports,
    reason = "re-exported for the test binaries; each uses a part"
)]
pub use payloads::{
    autocomplete, bot_message, bot_user_object, button, channel_type, modal_submit, now, parse_id,
    permissions, ready_data, select, slash_command, snowflake, user_object, Place, APPLICATION_ID,
    BOT_USERNAME, DM_APP_PERMISSIONS, GUILD_APP_PERMISSIONS,
};
use state::{ChannelRec, ConnCmd, InteractionRec, MessageRec, Shared, State};
#[allow(
    unused_imports,
    reason = "re-exported for the test binaries; each uses a part"
)]
pub use state::{GatewayStats, Recorded, RecordedFile, SessionStartLimit};
#[allow(
    unused_imports,
    reason = "re-exported for the test binaries; each uses a part"
)]
pub use webhook::{sign, timestamp_now};

/// The shard Discord sends a guild's events on when the bot runs `total` shards:
/// `(guild_id >> 22) % total` (<https://discord.com/developers/docs/events/gateway#sharding>).
pub fn shard_of_guild(guild_id: u64, total: u32) -> u32 {
    u32::try_from((guild_id >> 22) % u64::from(total.max(1))).expect("below a u32 total")
}

/// A guild id (a snowflake from 2023 on) whose events go to `shard` of `total`; `n` picks one
/// of many such guilds.
pub fn guild_on_shard(shard: u32, total: u32, n: u64) -> u64 {
    // A snowflake's top bits are its timestamp (ms since 2015): 2023 and later.
    let base = 1_100_000_000_000_000_000_u64 >> 22;
    let timestamp = (base / u64::from(total) + n) * u64::from(total) + u64::from(shard);
    let guild = (timestamp << 22) | 1;
    debug_assert_eq!(shard_of_guild(guild, total), shard);
    guild
}

/// How long `interact`, `wait_for_request` and friends wait before failing the test.
pub const WAIT: Duration = Duration::from_secs(5);
/// How long `wait_ready` waits for a client to identify.
pub const READY_WAIT: Duration = Duration::from_secs(10);

/// The fake Discord. Dropping it (or [`FakeDiscord::shutdown`]) stops its servers.
pub struct FakeDiscord {
    shared: Arc<Shared>,
    rest: SocketAddr,
    gateway: SocketAddr,
    /// The TLS listener and the DER certificate a client must trust.
    tls: Option<(SocketAddr, Vec<u8>)>,
}

impl fmt::Debug for FakeDiscord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeDiscord")
            .field("rest", &self.rest)
            .field("gateway", &self.gateway)
            .field("tls", &self.tls.as_ref().map(|(address, _)| address))
            .finish_non_exhaustive()
    }
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        self.shared.abort_all();
    }
}

async fn bind() -> (TcpListener, SocketAddr) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0 for the fake");
    let address = listener
        .local_addr()
        .expect("a bound listener has an address");
    (listener, address)
}

/// A reqwest client like the one `start_tls` returns, built from [`FakeDiscord::tls_endpoint`].
#[allow(
    dead_code,
    reason = "for benches/load.rs; the in-process tests do not use it"
)]
pub fn tls_client(address: SocketAddr, certificate: &[u8]) -> reqwest::Client {
    let certificate = tokio_rustls::rustls::pki_types::CertificateDer::from(certificate.to_vec());
    tls::client(&certificate, address)
}

impl FakeDiscord {
    /// The bot token the fake accepts (three dot-separated parts, like a real one).
    pub const BOT_TOKEN: &'static str =
        "MTE4MDAwMDAwMDAwMDAwMDAwMQ.fakeDC.fake-discord-loopback-token-not-a-secret";

    /// REST and gateway over plain http/ws on 127.0.0.1. The bot uses [`Self::proxy_url`] with
    /// serenity's rate limiter disabled.
    pub async fn start() -> FakeDiscord {
        Self::launch(false).await.0
    }

    /// The same fake, with REST also served over TLS with a self-signed certificate for
    /// discord.com. The reqwest client resolves discord.com to the fake and trusts only that
    /// certificate: give it to `HttpBuilder::client` (rate limiter on, no proxy).
    pub async fn start_tls() -> (FakeDiscord, reqwest::Client) {
        let (fake, client) = Self::launch(true).await;
        (fake, client.expect("launch(true) builds a TLS client"))
    }

    async fn launch(with_tls: bool) -> (FakeDiscord, Option<reqwest::Client>) {
        let (rest_listener, rest) = bind().await;
        let (gateway_listener, gateway) = bind().await;
        let shared = Arc::new(Shared::new(format!("ws://{gateway}")));
        let task = tokio::spawn(rest::serve_plain(rest_listener, Arc::clone(&shared)));
        shared.track(task.abort_handle());
        let task = tokio::spawn(gateway::serve(gateway_listener, Arc::clone(&shared)));
        shared.track(task.abort_handle());
        let mut tls = None;
        let mut client = None;
        if with_tls {
            let (tls_listener, address) = bind().await;
            let server = tls::server();
            client = Some(tls::client(&server.certificate, address));
            let serve = rest::serve_tls(tls_listener, server.acceptor, Arc::clone(&shared));
            let task = tokio::spawn(serve);
            shared.track(task.abort_handle());
            tls = Some((address, server.certificate.to_vec()));
        }
        (
            FakeDiscord {
                shared,
                rest,
                gateway,
                tls,
            },
            client,
        )
    }

    /// For a bot in another process (a benchmark's): the TLS listener's address and the DER
    /// certificate to trust; give both to [`tls_client`] there. `None` unless `start_tls`.
    #[allow(
        dead_code,
        reason = "for benches/load.rs; the in-process tests do not use it"
    )]
    pub fn tls_endpoint(&self) -> Option<(SocketAddr, Vec<u8>)> {
        self.tls.clone()
    }

    /// `http://127.0.0.1:PORT`, for `HttpBuilder::proxy`.
    pub fn proxy_url(&self) -> String {
        format!("http://{}", self.rest)
    }

    /// `ws://127.0.0.1:PORT`, what `GET /gateway` returns.
    #[expect(dead_code, reason = "part of the fake's surface that no test uses now")]
    pub fn gateway_url(&self) -> String {
        self.shared.gateway_url.clone()
    }

    /// The bot's application id, also its user id and READY's `application.id`.
    pub fn application_id(&self) -> u64 {
        APPLICATION_ID
    }

    /// Waits until a client has identified a shard (any) and got READY.
    pub async fn wait_ready(&self) {
        self.wait_until(READY_WAIT, "a client to IDENTIFY and get READY", |state| {
            let gateway = &state.gateway;
            gateway
                .shards
                .keys()
                .any(|shard| gateway.ready(*shard))
                .then_some(())
        })
        .await;
    }

    /// Waits until the shard that gets events of `guild_id` (`None`: a DM) is connected, and
    /// returns it.
    async fn wait_shard_for(&self, guild_id: Option<u64>) -> u32 {
        self.wait_ready().await;
        let what = format!("the shard of guild {guild_id:?} to be connected");
        self.wait_until(READY_WAIT, &what, |state| {
            let shard = state.gateway.shard_for(guild_id);
            state.gateway.ready(shard).then_some(shard)
        })
        .await
    }

    /// Makes `GET /gateway/bot` recommend `shards` shards (1 until set).
    pub fn set_recommended_shards(&self, shards: u32) {
        self.shared.lock().gateway.recommended_shards = shards;
    }

    /// Sets the session start limit `GET /gateway/bot` reports and IDENTIFY counts down.
    pub fn set_session_start_limit(&self, limit: SessionStartLimit) {
        self.shared.lock().gateway.start_limit = limit;
    }

    /// The session start limit now, after the IDENTIFYs so far.
    pub fn session_start_limit(&self) -> SessionStartLimit {
        self.shared.lock().gateway.start_limit
    }

    /// The shards a connection serves right now (identified or resumed), in order.
    #[expect(dead_code, reason = "part of the fake's surface that no test uses now")]
    pub fn connected_shards(&self) -> Vec<u32> {
        self.shared.lock().gateway.live_shards()
    }

    /// The shard total of the last IDENTIFY (1 before any).
    pub fn shard_total(&self) -> u32 {
        self.shared.lock().gateway.total
    }

    /// Waits until exactly `shards` are connected (with a session each), as after every process
    /// that runs them identified, or after one that ran others went away.
    pub async fn wait_shards(&self, shards: &[u32]) {
        let what = format!("exactly shards {shards:?} to be connected");
        self.wait_until(READY_WAIT, &what, |state| {
            let gateway = &state.gateway;
            let live = gateway.live_shards();
            (live == shards && live.iter().all(|shard| gateway.ready(*shard))).then_some(())
        })
        .await;
    }

    /// Dispatches INTERACTION_CREATE and waits for the bot's callback
    /// (`POST /interactions/{id}/{token}/callback`) that the fake accepted; returns its body.
    /// Panics after 5 s, or at once if serenity could not deserialize the interaction.
    pub async fn interact(&self, interaction: Value) -> Value {
        let interaction_id = self.send_interaction(interaction).await;
        self.wait_for_callback(interaction_id).await
    }

    /// Like [`Self::interact`], but gives up quietly after `timeout` (load tests count the lost).
    #[allow(
        dead_code,
        reason = "for tests/process/scale.rs and benches/load.rs only"
    )]
    pub async fn interact_within(&self, interaction: Value, timeout: Duration) -> Option<Value> {
        let (waiter, answered) = oneshot::channel();
        self.dispatch_interaction(interaction, Some(waiter)).await;
        tokio::time::timeout(timeout, answered).await.ok()?.ok()
    }

    /// Dispatches INTERACTION_CREATE without waiting for the answer; returns the interaction id.
    ///
    /// The fake first checks that serenity deserializes the payload (a payload it cannot read
    /// would be dropped silently), learns the channel, and patches the payload's partial `channel`
    /// with what it knows about that channel (type, parent, name).
    pub async fn send_interaction(&self, interaction: Value) -> u64 {
        self.dispatch_interaction(interaction, None).await
    }

    /// From now on, interactions are delivered as Discord delivers them to an Interactions
    /// Endpoint URL: POSTed to `url`, signed with `key` (see `webhook`), instead of dispatched
    /// over the gateway. The bot's answer is served as its callback, so `interact` and every
    /// check work the same.
    pub fn deliver_to(&self, url: String, key: ed25519_dalek::SigningKey) {
        self.shared.lock().endpoint = Some(Arc::new(webhook::Endpoint {
            url,
            key,
            client: reqwest::Client::new(),
        }));
    }

    async fn dispatch_interaction(
        &self,
        mut interaction: Value,
        waiter: Option<oneshot::Sender<Value>>,
    ) -> u64 {
        let endpoint = self.shared.lock().endpoint.clone();
        if endpoint.is_none() {
            self.wait_shard_for(interaction.get("guild_id").and_then(parse_id))
                .await;
        }
        let interaction_id = interaction
            .get("id")
            .and_then(parse_id)
            .expect("an interaction id");
        let mut state = self.shared.lock();
        state.learn_interaction(&mut interaction);
        if !state.lean {
            if let Err(error) = serde_json::from_value::<serenity::model::application::Interaction>(
                interaction.clone(),
            ) {
                drop(state);
                panic!(
                    "fake-discord: serenity 0.12.5 cannot deserialize this interaction ({error}); \
                     it would drop it silently:\n{interaction:#}"
                );
            }
        }
        state.register_interaction(interaction_id, &interaction);
        if let Some(waiter) = waiter {
            state.callback_waiters.insert(interaction_id, waiter);
        }
        if let Some(endpoint) = endpoint {
            drop(state);
            let delivery = webhook::deliver(Arc::clone(&self.shared), endpoint, interaction);
            let task = tokio::spawn(delivery);
            self.shared.track(task.abort_handle());
            return interaction_id;
        }
        let sent = state.dispatch("INTERACTION_CREATE", &interaction);
        drop(state);
        self.shared.changed.notify_waiters();
        sent.expect("the shard has a gateway session after wait_shard_for");
        interaction_id
    }

    /// Load mode when `false`: the fake stops keeping requests, messages and answered
    /// interactions, trims the gateway session's replay log, and no longer checks that serenity
    /// can read each interaction (check the kinds a load test sends before turning this off).
    /// Bodies are still checked and violations still recorded.
    #[allow(
        dead_code,
        reason = "for benches/load.rs; the in-process tests do not use it"
    )]
    pub fn keep_history(&self, keep: bool) {
        self.shared.lock().lean = !keep;
    }

    /// Waits for the first accepted callback of an interaction and returns its body.
    pub async fn wait_for_callback(&self, interaction_id: u64) -> Value {
        let label = self
            .shared
            .lock()
            .interactions
            .get(&interaction_id)
            .map_or_else(|| interaction_id.to_string(), |record| record.label.clone());
        let what = format!("the bot's callback to interaction {label}");
        self.wait_until(WAIT, &what, |state| {
            state
                .interactions
                .get(&interaction_id)
                .and_then(|record| record.callback.clone())
        })
        .await
    }

    /// Dispatches any gateway event after checking that serenity deserializes it.
    #[expect(dead_code, reason = "part of the fake's surface that no test uses now")]
    pub async fn dispatch(&self, event: &str, data: Value) {
        self.wait_shard_for(data.get("guild_id").and_then(parse_id))
            .await;
        let frame = gateway::dispatch_frame(1, event, &data);
        match serde_json::from_str::<GatewayEvent>(&frame) {
            Ok(GatewayEvent::Dispatch(_, Event::Unknown(_))) => {
                panic!("fake-discord: serenity 0.12.5 does not know the event {event}")
            }
            Ok(_) => {}
            Err(error) => panic!(
                "fake-discord: serenity 0.12.5 cannot deserialize this {event} ({error}); it \
                 would drop it silently:\n{data:#}"
            ),
        }
        let sent = self.shared.lock().dispatch(event, &data);
        self.shared.changed.notify_waiters();
        sent.expect("the shard has a gateway session after wait_shard_for");
    }

    /// Every REST request so far, in the order the fake answered them.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.lock().requests.clone()
    }

    /// The first request (already made or still to come) with this method whose path (without
    /// `/api/v10`) starts with `path_prefix`. Panics after 5 s.
    pub async fn wait_for_request(&self, method: &str, path_prefix: &str) -> Recorded {
        let path_prefix = without_api_prefix(path_prefix);
        let what = format!("a request {method} {path_prefix}...");
        self.wait_until(WAIT, &what, |state| {
            state
                .requests
                .iter()
                .find(|r| r.method.eq_ignore_ascii_case(method) && r.path.starts_with(path_prefix))
                .cloned()
        })
        .await
    }

    /// Every problem found in what the bot sent; a test asserts this is empty.
    pub fn violations(&self) -> Vec<String> {
        self.shared.lock().violations.clone()
    }

    /// Makes the next request with `method` whose path starts with `path_prefix` fail once with
    /// `status` and `body`. Missing `code`/`message` are filled in (serenity decodes every error
    /// body as `{code, message}`). A 429 also gets `retry_after` (default 0.05 s), `global`, and
    /// the `retry-after` and `x-ratelimit-*` headers serenity's rate limiter reads.
    pub fn fail_next(&self, method: &str, path_prefix: &str, status: u16, body: Value) {
        self.shared.lock().faults.push(state::Fault {
            method: method.to_owned(),
            path_prefix: without_api_prefix(path_prefix).to_owned(),
            status,
            body,
        });
    }

    /// Closes shard 0's live gateway connection abruptly (no close frame); the client must RESUME.
    /// Dispatches sent meanwhile are replayed after the RESUME.
    pub async fn drop_gateway(&self) {
        let (done, closed) = oneshot::channel();
        {
            let mut state = self.shared.lock();
            let dropped = state.detach_live(ConnCmd::Drop(done));
            assert!(
                dropped,
                "fake-discord: drop_gateway needs a live gateway connection"
            );
            state.gateway.stats.drops += 1;
        }
        let _ = tokio::time::timeout(WAIT, closed).await;
    }

    /// Sends op 7 RECONNECT on shard 0: the client must reconnect and RESUME ([`Self::wait_resumed`]).
    /// Dispatches sent meanwhile are replayed after the RESUME.
    pub fn request_reconnect(&self) {
        let op7 = serde_json::json!({ "op": 7, "d": null }).to_string();
        let mut state = self.shared.lock();
        let sent = state.detach_live(ConnCmd::Frame(op7));
        assert!(sent, "fake-discord: op 7 needs a live gateway connection");
        state.gateway.stats.kicks += 1;
    }

    /// Closes shard 0's live connection with a close frame; with a resumable code such as 4000
    /// (unknown error) the client must RESUME ([`Self::wait_resumed`]).
    pub fn close_gateway(&self, code: u16) {
        let mut state = self.shared.lock();
        let sent = state.detach_live(ConnCmd::Close(code));
        assert!(
            sent,
            "fake-discord: close_gateway needs a live gateway connection"
        );
        state.gateway.stats.kicks += 1;
    }

    /// Sends op 9 INVALID SESSION (not resumable) on shard 0 and forgets its session: the client must
    /// IDENTIFY again, and what was dispatched before is not replayed.
    pub fn invalidate_session(&self) {
        let sent = self.shared.lock().invalidate_session();
        assert!(sent, "fake-discord: op 9 needs a live gateway connection");
    }

    /// Turns shard 0's live connection into a zombie: no more heartbeat ACKs, no more dispatches.
    pub fn stop_acking_heartbeats(&self) {
        let silenced = self.shared.lock().silence_live();
        assert!(
            silenced,
            "fake-discord: a zombie needs a live gateway connection"
        );
    }

    /// Dispatches an event in the session without checking that serenity can read it, for a
    /// test of malformed payloads. An INTERACTION_CREATE with an id is registered as Discord
    /// would (its channel learnt, its callback expected): a bot may still answer it from the raw
    /// payload ([`Self::wait_for_callback`] with the id).
    pub async fn dispatch_unchecked(&self, event: &str, mut data: Value) {
        self.wait_shard_for(data.get("guild_id").and_then(parse_id))
            .await;
        let mut state = self.shared.lock();
        let interaction_id = data.get("id").and_then(parse_id);
        if let (true, Some(interaction_id)) = (event == "INTERACTION_CREATE", interaction_id) {
            if data.is_object() {
                state.learn_interaction(&mut data);
            }
            state.register_interaction(interaction_id, &data);
        }
        drop(state);
        let sent = self.shared.lock().dispatch(event, &data);
        sent.expect("the shard has a gateway session after wait_shard_for");
    }

    /// Sends one text frame, as it is, to shard 0's live connection (outside the session's log).
    pub async fn send_gateway_text(&self, text: &str) {
        self.wait_ready().await;
        let sent = self.shared.lock().send_raw(text.to_owned());
        assert!(
            sent,
            "fake-discord: no live gateway connection for a raw frame"
        );
    }

    /// Waits up to `timeout` until the gateway counters satisfy `check` and shard 0 is live.
    pub async fn wait_gateway(
        &self,
        timeout: Duration,
        what: &str,
        check: impl Fn(&GatewayStats) -> bool,
    ) {
        self.wait_until(timeout, what, |state| {
            let live = state.gateway.live_shards().contains(&0);
            (check(&state.gateway.stats) && live).then_some(())
        })
        .await;
    }

    /// Holds back the answer to the next request with `method` whose path (without `/api/v10`)
    /// starts with `path_prefix` by `by`: the request is served and recorded at once, but its
    /// response leaves late, as from a slow Discord.
    pub fn delay_next(&self, method: &str, path_prefix: &str, by: Duration) {
        self.shared.lock().delays.push(state::Delay {
            method: method.to_owned(),
            path_prefix: without_api_prefix(path_prefix).to_owned(),
            by,
        });
    }

    /// Holds back the answer to every REST request but interaction callbacks by `by` (or no
    /// longer, with `None`), as when Discord makes each call wait out a rate limit: a bot that
    /// calls Discord before answering an interaction then misses the 3 s deadline.
    pub fn delay_every_call(&self, by: Option<Duration>) {
        self.shared.lock().slow_calls = by;
    }

    /// How many answers [`Self::delay_next`] is holding back at this moment.
    pub fn held_answers(&self) -> usize {
        self.shared.lock().held_answers
    }

    /// Waits until the client has resumed after every [`Self::drop_gateway`],
    /// [`Self::request_reconnect`] and [`Self::close_gateway`].
    pub async fn wait_resumed(&self) {
        self.wait_until(WAIT, "the client to RESUME after a reconnect", |state| {
            let stats = state.gateway.stats;
            let live = state.gateway.live_shards().contains(&0);
            (stats.resumes >= stats.drops + stats.kicks && live).then_some(())
        })
        .await;
    }

    /// Gateway counters: connections, IDENTIFYs, RESUMEs, heartbeats, drops.
    pub fn gateway_stats(&self) -> GatewayStats {
        self.shared.lock().gateway.stats
    }

    /// Declares a guild channel and its type (e.g. [`channel_type::GUILD_FORUM`]), or changes the
    /// type of a known one. Interactions in it then carry that type. DM channels come from
    /// interactions in [`Place::Dm`] or from the bot opening them.
    pub fn set_channel_type(&self, channel_id: u64, kind: u8) {
        assert_ne!(
            kind,
            channel_type::DM,
            "fake-discord: a DM channel needs its user; interact in Place::Dm instead"
        );
        let mut state = self.shared.lock();
        state
            .channels
            .entry(channel_id)
            .or_insert_with(|| ChannelRec::new(channel_id, kind))
            .kind = kind;
    }

    /// Sets the bot's permissions in a guild channel (and its threads): interactions there carry
    /// them as `app_permissions`, and the fake refuses as Discord does a call they do not allow
    /// (403 50001 without View Channel, 50013 for a missing permission, 160002 for a reply
    /// without Read Message History). Channels never set are not checked.
    pub fn set_app_permissions(&self, channel_id: u64, permissions: u64) {
        let mut state = self.shared.lock();
        state.learn_channel(channel_id, None, channel_type::GUILD_TEXT);
        state.app_permissions.insert(channel_id, permissions);
    }

    /// Closes a user's DMs to the bot: messages to their DM channel fail with 403 50007.
    pub fn close_dms(&self, user_id: u64) {
        self.shared.lock().closed_dms.insert(user_id);
    }

    /// The channel object the fake would return for `GET /channels/{id}`.
    pub fn channel(&self, channel_id: u64) -> Option<Value> {
        self.shared
            .lock()
            .channels
            .get(&channel_id)
            .map(ChannelRec::to_json)
    }

    /// The members the bot added to a thread (the bot itself first).
    pub fn thread_members(&self, thread_id: u64) -> Vec<u64> {
        let state = self.shared.lock();
        let thread = state
            .channels
            .get(&thread_id)
            .and_then(|channel| channel.thread.as_ref());
        thread
            .map(|thread| thread.members.clone())
            .unwrap_or_default()
    }

    /// Stores a message a user wrote in a channel (one the bot may reply to) and returns it.
    pub fn user_message(&self, channel_id: u64, user_id: u64, content: &str) -> Value {
        let mut state = self.shared.lock();
        state.learn_channel(channel_id, None, channel_type::GUILD_TEXT);
        let guild_id = state
            .channels
            .get(&channel_id)
            .and_then(|channel| channel.guild_id);
        let message_id = snowflake();
        let body = serde_json::json!({ "content": content });
        let mut message = payloads::bot_message(message_id, channel_id, guild_id, &body);
        message["author"] = user_object(user_id);
        let record = MessageRec {
            value: message.clone(),
            in_channel: true,
            pinned_at: None,
        };
        state.messages.insert(message_id, record);
        message
    }

    /// Any message the fake stores (channel messages and ephemeral responses alike).
    pub fn message(&self, message_id: u64) -> Option<Value> {
        self.shared
            .lock()
            .messages
            .get(&message_id)
            .map(|record| record.value.clone())
    }

    /// The messages of a channel, oldest first (ephemeral responses are not in a channel).
    pub fn messages(&self, channel_id: u64) -> Vec<Value> {
        let state = self.shared.lock();
        state
            .messages
            .values()
            .filter(|record| {
                record.in_channel && parse_id(&record.value["channel_id"]) == Some(channel_id)
            })
            .map(|record| record.value.clone())
            .collect()
    }

    /// The message `@original` stands for after the bot answered `interaction` (the payload the
    /// builders made), e.g. to press a button on it.
    pub fn original_response(&self, interaction: &Value) -> Option<Value> {
        let interaction_id = interaction.get("id").and_then(parse_id)?;
        let state = self.shared.lock();
        let original = state.interactions.get(&interaction_id)?.original?;
        state
            .messages
            .get(&original)
            .map(|record| record.value.clone())
    }

    /// What the bot last told the member of `interaction`: the body of its latest edit of the
    /// original response or followup, or else its callback's `data` (a message, type 4, or an
    /// update, type 7; a deferral tells nothing); `None` before any.
    pub fn last_told(&self, interaction: &Value) -> Option<Value> {
        let token = interaction["token"].as_str()?;
        let id = interaction["id"].as_str()?;
        let webhook = format!("/webhooks/{}/{token}", self.application_id());
        let callback = format!("/interactions/{id}/{token}/callback");
        let requests = self.requests();
        let later = requests.iter().rev().find(|r| {
            r.path.starts_with(&webhook)
                && (r.method == "PATCH" || r.method == "POST")
                && (200..300).contains(&r.status)
        });
        match later {
            Some(edit) => Some(edit.body.clone()),
            None => requests
                .iter()
                .find(|r| r.method == "POST" && r.path == callback)
                .filter(|r| matches!(r.body["type"].as_u64(), Some(4 | 7)))
                .map(|r| r.body["data"].clone()),
        }
    }

    /// Waits (up to 15 s) for what the bot tells the member of `interaction` once it is done:
    /// [`Self::last_told`], once it is there and is no progress text, one line ending in "…"
    /// ("Posting in this channel…", "Removing…"; a long text cut short is no progress).
    pub async fn told(&self, interaction: &Value) -> Value {
        let deadline = std::time::Instant::now() + Duration::from_secs(15);
        let progress = |text: &str| text.ends_with('…') && !text.contains('\n');
        loop {
            if let Some(told) = self.last_told(interaction) {
                if !progress(told["content"].as_str().unwrap_or_default()) {
                    return told;
                }
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the bot never told the outcome of {interaction:#}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The commands the bot registered globally (`None`) or in a guild.
    pub fn commands(&self, guild_id: Option<u64>) -> Vec<Value> {
        let state = self.shared.lock();
        match guild_id {
            Some(guild) => state
                .guild_commands
                .get(&guild)
                .cloned()
                .unwrap_or_default(),
            None => state.global_commands.clone(),
        }
    }

    /// Stops the servers and closes every connection.
    pub async fn shutdown(self) {
        self.shared.abort_all();
        tokio::task::yield_now().await;
    }

    async fn wait_until<T>(
        &self,
        timeout: Duration,
        what: &str,
        mut check: impl FnMut(&State) -> Option<T>,
    ) -> T {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.shared.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(found) = check(&self.shared.lock()) {
                return found;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                if let Some(found) = check(&self.shared.lock()) {
                    return found;
                }
                let report = self.report();
                panic!("fake-discord: no {what} within {timeout:?}.\n{report}");
            }
        }
    }

    /// What the fake saw, for a timeout message.
    fn report(&self) -> String {
        let state = self.shared.lock();
        let mut report = format!("gateway: {:?}\nrequests:\n", state.gateway.stats);
        for request in &state.requests {
            report.push_str(&format!(
                "  {} {} -> {}\n",
                request.method, request.path, request.status
            ));
        }
        report.push_str("violations:\n");
        for violation in &state.violations {
            report.push_str(&format!("  {violation}\n"));
        }
        report
    }
}

/// Paths are recorded without `/api/v10`; accept a prefix written either way.
fn without_api_prefix(path: &str) -> &str {
    path.strip_prefix("/api/v10").unwrap_or(path)
}

impl State {
    /// Registers the channel (and DM) of an interaction and fills in the partial channel.
    fn learn_interaction(&mut self, interaction: &mut Value) {
        let Some(channel_id) = interaction.get("channel_id").and_then(parse_id) else {
            return;
        };
        let guild_id = interaction.get("guild_id").and_then(parse_id);
        match guild_id {
            Some(guild) => self.learn_channel(channel_id, Some(guild), channel_type::GUILD_TEXT),
            None => {
                let user = interaction
                    .get("user")
                    .and_then(|user| user.get("id"))
                    .and_then(parse_id);
                self.learn_channel(channel_id, None, channel_type::DM);
                if let (Some(user), Some(channel)) = (user, self.channels.get_mut(&channel_id)) {
                    channel.recipient.get_or_insert(user);
                    self.dm_channels.entry(user).or_insert(channel_id);
                }
            }
        }
        if guild_id.is_some() {
            if let Some(permissions) = self.permissions_in(channel_id) {
                interaction["app_permissions"] = permissions.to_string().into();
            }
        }
        if let (Some(record), Some(partial)) = (
            self.channels.get(&channel_id),
            interaction.get_mut("channel"),
        ) {
            partial["type"] = record.kind.into();
            if record.kind != channel_type::DM {
                partial["name"] = record.name.clone().into();
            }
            if let Some(parent) = record.parent_id {
                partial["parent_id"] = payloads::id(parent);
            }
            if record.thread.is_some() {
                if let Some(metadata) = record.to_json().get("thread_metadata") {
                    partial["thread_metadata"] = metadata.clone();
                }
            }
        }
        if let Some(message) = interaction.get("message").filter(|m| m.is_object()) {
            if let Some(message_id) = message.get("id").and_then(parse_id) {
                let ephemeral = message["flags"].as_u64().unwrap_or(0) & (1 << 6) != 0;
                self.messages
                    .entry(message_id)
                    .or_insert_with(|| MessageRec {
                        value: message.clone(),
                        in_channel: !ephemeral,
                        pinned_at: None,
                    });
            }
        }
    }

    fn register_interaction(&mut self, interaction_id: u64, interaction: &Value) {
        let kind = interaction.get("type").and_then(Value::as_u64).unwrap_or(0);
        let data = &interaction["data"];
        let label = match kind {
            2 => format!("/{}", data["name"].as_str().unwrap_or("?")),
            4 => format!("autocomplete of /{}", data["name"].as_str().unwrap_or("?")),
            3 => format!("component {:?}", data["custom_id"].as_str().unwrap_or("?")),
            5 => format!("modal {:?}", data["custom_id"].as_str().unwrap_or("?")),
            other => format!("interaction of type {other}"),
        };
        let record = InteractionRec {
            token: interaction["token"].as_str().unwrap_or_default().to_owned(),
            kind,
            label: format!("{label} ({interaction_id})"),
            channel_id: interaction
                .get("channel_id")
                .and_then(parse_id)
                .unwrap_or(0),
            source_message: interaction
                .get("message")
                .and_then(|m| m.get("id"))
                .and_then(parse_id),
            dispatched: std::time::Instant::now(),
            callback: None,
            original: None,
            delivered: self.endpoint.is_some(),
        };
        self.interactions.insert(interaction_id, record);
    }
}
