//! The fake's memory, shared by the REST server, the gateway and the test.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use serde_json::{json, Value};
use tokio::sync::{mpsc, oneshot, Notify};
use tokio::task::AbortHandle;

use super::payloads::{channel_type, id, now, user_object, APPLICATION_ID};

/// One REST request the bot sent, as the fake understood it.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path without `/api/v10`, e.g. `/channels/1/messages`.
    pub path: String,
    /// The raw query string (serenity writes `?&wait=true`), empty when there is none.
    #[allow(dead_code, reason = "read by tests/process/scale.rs only")]
    pub query: String,
    /// The JSON body, the `payload_json` of a multipart body, or `Value::Null`.
    pub body: Value,
    /// The uploaded files of a multipart body.
    pub files: Vec<RecordedFile>,
    /// The status the fake answered with.
    pub status: u16,
}

/// A file part of a multipart request.
#[derive(Clone, Debug)]
pub struct RecordedFile {
    /// The form field, e.g. `files[0]`.
    #[expect(dead_code, reason = "part of the fake's surface that no test uses now")]
    pub field: String,
    pub filename: String,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// A one-shot failure injected with `fail_next`.
pub(super) struct Fault {
    pub(super) method: String,
    pub(super) path_prefix: String,
    pub(super) status: u16,
    pub(super) body: Value,
}

/// A one-shot slow answer injected with `delay_next`: the request is served, then its response
/// held back.
pub(super) struct Delay {
    pub(super) method: String,
    pub(super) path_prefix: String,
    pub(super) by: std::time::Duration,
}

/// What the gateway knows about a thread.
pub(super) struct ThreadRec {
    pub(super) archived: bool,
    pub(super) locked: bool,
    pub(super) invitable: bool,
    pub(super) auto_archive_duration: u64,
    pub(super) created: String,
    pub(super) owner_id: u64,
    pub(super) members: Vec<u64>,
    pub(super) message_count: u64,
}

/// A channel the fake knows: from an interaction, a setter, or one the bot created.
pub(super) struct ChannelRec {
    pub(super) id: u64,
    pub(super) kind: u8,
    pub(super) guild_id: Option<u64>,
    pub(super) parent_id: Option<u64>,
    pub(super) name: String,
    pub(super) recipient: Option<u64>,
    pub(super) thread: Option<ThreadRec>,
}

impl ChannelRec {
    pub(super) fn new(id: u64, kind: u8) -> Self {
        ChannelRec {
            id,
            kind,
            guild_id: None,
            parent_id: None,
            name: format!("channel-{id}"),
            recipient: None,
            thread: None,
        }
    }

    /// The channel object Discord returns for this channel.
    pub(super) fn to_json(&self) -> Value {
        if self.kind == channel_type::DM {
            let recipient = self
                .recipient
                .map(user_object)
                .map_or_else(Vec::new, |u| vec![u]);
            return json!({
                "id": id(self.id),
                "type": self.kind,
                "last_message_id": null,
                "flags": 0,
                "recipients": recipient,
            });
        }
        let mut channel = json!({
            "id": id(self.id),
            "type": self.kind,
            "name": self.name,
            "position": 0,
            "permission_overwrites": [],
            "nsfw": false,
            "topic": null,
            "last_message_id": null,
            "rate_limit_per_user": 0,
            "flags": 0,
            "parent_id": self.parent_id.map(id),
        });
        if let Some(guild_id) = self.guild_id {
            channel["guild_id"] = id(guild_id);
        }
        if matches!(
            self.kind,
            channel_type::GUILD_FORUM | channel_type::GUILD_MEDIA
        ) {
            channel["available_tags"] = json!([]);
            channel["default_reaction_emoji"] = Value::Null;
        }
        if let Some(thread) = &self.thread {
            channel["owner_id"] = id(thread.owner_id);
            channel["member_count"] = json!(thread.members.len().min(50));
            channel["message_count"] = json!(thread.message_count);
            channel["total_message_sent"] = json!(thread.message_count);
            let mut metadata = json!({
                "archived": thread.archived,
                "auto_archive_duration": thread.auto_archive_duration,
                "archive_timestamp": thread.created,
                "locked": thread.locked,
                "create_timestamp": thread.created,
            });
            if self.kind == channel_type::PRIVATE_THREAD {
                metadata["invitable"] = json!(thread.invitable);
            }
            channel["thread_metadata"] = metadata;
        }
        channel
    }
}

/// A message the fake stores.
pub(super) struct MessageRec {
    pub(super) value: Value,
    /// Whether the message lives in its channel: false for ephemeral interaction responses.
    pub(super) in_channel: bool,
    pub(super) pinned_at: Option<String>,
}

/// An interaction the fake dispatched.
pub(super) struct InteractionRec {
    pub(super) token: String,
    pub(super) kind: u64,
    pub(super) label: String,
    pub(super) channel_id: u64,
    /// The message a component or modal was on.
    pub(super) source_message: Option<u64>,
    pub(super) dispatched: Instant,
    /// The first accepted callback body.
    pub(super) callback: Option<Value>,
    /// The message `@original` stands for.
    pub(super) original: Option<u64>,
    /// Delivered to the bot's endpoint rather than over the gateway.
    pub(super) delivered: bool,
}

/// A command sent over one gateway connection's task.
pub(super) enum ConnCmd {
    Frame(String),
    /// A close frame with this code; the connection keeps reading until the client closes.
    Close(u16),
    Drop(oneshot::Sender<()>),
}

/// A gateway session a client identified with, on one shard.
pub(super) struct Session {
    pub(super) id: String,
    pub(super) seq: u64,
    /// Every dispatch of the session, for replay on RESUME.
    pub(super) log: Vec<(u64, String)>,
}

/// The connection dispatches go to.
pub(super) struct Live {
    pub(super) conn: u64,
    pub(super) tx: mpsc::UnboundedSender<ConnCmd>,
}

/// Counters a test can read through `FakeDiscord::gateway_stats` (all shards together).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GatewayStats {
    pub connections: usize,
    pub identifies: usize,
    pub resumes: usize,
    pub heartbeats: usize,
    /// Connections the fake cut without a close frame (`drop_gateway`).
    pub drops: usize,
    /// Times the fake asked the client to reconnect and resume (op 7, or a resumable close code).
    pub kicks: usize,
    /// Heartbeats left without an ACK (`stop_acking_heartbeats`).
    pub unacked: usize,
}

/// What `GET /gateway/bot` reports as `session_start_limit`, and what IDENTIFY counts down
/// (<https://discord.com/developers/docs/events/gateway#session-start-limit-object>).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionStartLimit {
    /// Session starts allowed per period.
    pub total: u64,
    /// Session starts left in this period: each IDENTIFY takes one, and one with none left is a
    /// violation (Discord resets the token of a bot that goes over).
    pub remaining: u64,
    /// Milliseconds until the period resets (the fake never resets it by itself).
    pub reset_after_ms: u64,
    /// How many rate-limit buckets (`shard_id % max_concurrency`) may IDENTIFY at once.
    pub max_concurrency: u64,
}

impl Default for SessionStartLimit {
    fn default() -> Self {
        SessionStartLimit {
            total: 1000,
            remaining: 999,
            reset_after_ms: 86_400_000,
            max_concurrency: 1,
        }
    }
}

/// One shard's session and the connection serving it.
#[derive(Default)]
pub(super) struct ShardGateway {
    pub(super) session: Option<Session>,
    pub(super) live: Option<Live>,
}

pub(super) struct GatewayState {
    /// Sessions and live connections by shard id.
    pub(super) shards: BTreeMap<u32, ShardGateway>,
    /// The shard total of the last IDENTIFY (what routing a guild's events uses).
    pub(super) total: u32,
    /// The shard count `GET /gateway/bot` recommends.
    pub(super) recommended_shards: u32,
    pub(super) start_limit: SessionStartLimit,
    pub(super) stats: GatewayStats,
    pub(super) sessions_started: u64,
    pub(super) next_conn: u64,
    /// A connection whose heartbeats the fake no longer acknowledges (a zombie).
    pub(super) silent_conn: Option<u64>,
}

impl Default for GatewayState {
    fn default() -> Self {
        GatewayState {
            shards: BTreeMap::new(),
            total: 1,
            recommended_shards: 1,
            start_limit: SessionStartLimit::default(),
            stats: GatewayStats::default(),
            sessions_started: 0,
            next_conn: 0,
            silent_conn: None,
        }
    }
}

impl GatewayState {
    /// The shard Discord sends a guild's events on, `(guild_id >> 22) % total`; DMs (no guild) go
    /// to shard 0 (<https://discord.com/developers/docs/events/gateway#sharding>).
    pub(super) fn shard_for(&self, guild_id: Option<u64>) -> u32 {
        let total = u64::from(self.total.max(1));
        guild_id.map_or(0, |guild| {
            u32::try_from((guild >> 22) % total).expect("below a u32 total")
        })
    }

    /// The shard this connection serves, if it identified or resumed.
    pub(super) fn shard_of_conn(&self, conn: u64) -> Option<u32> {
        self.shards
            .iter()
            .find(|(_, shard)| shard.live.as_ref().is_some_and(|live| live.conn == conn))
            .map(|(id, _)| *id)
    }

    /// True when the shard has a session and a connection serving it.
    pub(super) fn ready(&self, shard: u32) -> bool {
        self.shards
            .get(&shard)
            .is_some_and(|s| s.session.is_some() && s.live.is_some())
    }

    /// The shards with a connection serving them, in order.
    pub(super) fn live_shards(&self) -> Vec<u32> {
        let live = self.shards.iter().filter(|(_, s)| s.live.is_some());
        live.map(|(id, _)| *id).collect()
    }
}

#[derive(Default)]
pub(super) struct State {
    pub(super) requests: Vec<Recorded>,
    pub(super) violations: Vec<String>,
    pub(super) faults: Vec<Fault>,
    pub(super) delays: Vec<Delay>,
    /// How long every answer but an interaction callback is held back (`delay_every_call`).
    pub(super) slow_calls: Option<std::time::Duration>,
    /// Answers `delay_next` is holding back right now.
    pub(super) held_answers: usize,
    pub(super) interactions: HashMap<u64, InteractionRec>,
    pub(super) messages: BTreeMap<u64, MessageRec>,
    /// The channel messages created with `enforce_nonce`, by nonce: sent again with the same
    /// nonce, Discord returns the message instead of making another.
    pub(super) nonces: HashMap<String, u64>,
    pub(super) channels: HashMap<u64, ChannelRec>,
    pub(super) dm_channels: HashMap<u64, u64>,
    pub(super) global_commands: Vec<Value>,
    pub(super) guild_commands: HashMap<u64, Vec<Value>>,
    pub(super) gateway: GatewayState,
    /// Those waiting for one interaction's callback (`interact_within`), told directly.
    pub(super) callback_waiters: HashMap<u64, oneshot::Sender<Value>>,
    /// The bot's permissions in a guild channel (`set_app_permissions`), which interactions
    /// there carry as `app_permissions` and REST calls there are checked against; a thread
    /// takes its parent's. Channels not listed are not checked.
    pub(super) app_permissions: HashMap<u64, u64>,
    /// Users whose DMs are closed to the bot (`close_dms`): sending to them fails with 50007.
    pub(super) closed_dms: std::collections::HashSet<u64>,
    /// Load mode (`keep_history(false)`): nothing is kept that a load test does not read.
    pub(super) lean: bool,
    /// Set by [`super::FakeDiscord::deliver_to`]: interactions go to the bot's endpoint.
    pub(super) endpoint: Option<Arc<super::webhook::Endpoint>>,
}

impl State {
    /// The channel, registering it as a guild text channel in `guild_id` if it is new.
    pub(super) fn learn_channel(&mut self, channel_id: u64, guild_id: Option<u64>, kind: u8) {
        let channel = self
            .channels
            .entry(channel_id)
            .or_insert_with(|| ChannelRec::new(channel_id, kind));
        if channel.guild_id.is_none() {
            channel.guild_id = guild_id;
        }
    }

    /// A fresh thread record owned by the bot.
    pub(super) fn new_thread(auto_archive_duration: u64, invitable: bool) -> ThreadRec {
        ThreadRec {
            archived: false,
            locked: false,
            invitable,
            auto_archive_duration,
            created: now(),
            owner_id: APPLICATION_ID,
            members: vec![APPLICATION_ID],
            message_count: 0,
        }
    }
}

/// What the servers and the test share.
pub(super) struct Shared {
    state: Mutex<State>,
    /// Woken on every change a test may wait for.
    pub(super) changed: Notify,
    pub(super) gateway_url: String,
    tasks: Mutex<Vec<AbortHandle>>,
}

impl Shared {
    pub(super) fn new(gateway_url: String) -> Self {
        Shared {
            state: Mutex::new(State::default()),
            changed: Notify::new(),
            gateway_url,
            tasks: Mutex::new(Vec::new()),
        }
    }

    /// The state; a panic elsewhere never locks the fake up.
    pub(super) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Keeps a task so that shutdown can end it.
    pub(super) fn track(&self, task: AbortHandle) {
        let mut tasks = self.tasks.lock().unwrap_or_else(PoisonError::into_inner);
        tasks.retain(|task| !task.is_finished());
        tasks.push(task);
    }

    pub(super) fn abort_all(&self) {
        let tasks = std::mem::take(&mut *self.tasks.lock().unwrap_or_else(PoisonError::into_inner));
        for task in tasks {
            task.abort();
        }
    }
}
