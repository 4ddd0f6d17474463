//! The Discord front end: serenity in, the core's Events; the core's Replies, serenity out.

mod answers;
mod buckets;
mod commands;
mod convert;
mod handler;
mod placement;
mod posts;
mod refusal;
mod respond;
mod unreadable;
pub mod webhook;

use std::future::Future;
use std::sync::Arc;

use futures::StreamExt;
use serenity::all::{CreateAllowedMentions, GatewayIntents, HttpBuilder};
use serenity::gateway::{ShardManager, ShardManagerOptions};
use serenity::model::gateway::BotGateway;

use crate::app::App;
use crate::config::Shards;
use crate::health::Health;
pub use buckets::PRUNE_EVERY;
pub use commands::{json as command_json, register, Scope};

/// How to reach Discord.
#[derive(Debug, Clone)]
pub struct Options {
    /// The bot token (a secret: never logged).
    pub token: String,
    /// Send REST calls to this base URL instead of discord.com; a rate-limiting proxy is
    /// expected there, so serenity's own limiter is off (it would bypass the proxy).
    pub proxy_url: Option<String>,
    /// The HTTP client serenity uses (tests inject one that reaches a local fake over TLS).
    pub http_client: Option<reqwest::Client>,
    /// Users who may reload the knowledge base besides server managers.
    pub owners: Vec<u64>,
    /// How often serenity's idle rate-limit buckets are dropped.
    pub prune_every: std::time::Duration,
    /// Send stable answers from bodies kept serialized (see `answers`); off, every answer goes
    /// through the core and serenity's builders (the load benchmark compares the two).
    pub keep_answers: bool,
    /// Which gateway shards this process runs: all that Discord recommends, or a range of a
    /// fixed total (the `shards` setting).
    pub shards: Shards,
}

/// The one HTTP client the bot uses for Discord (serenity's calls and its own pin requests):
/// the injected one, or one like serenity's default.
fn client(options: &Options) -> reqwest::Client {
    options.http_client.clone().unwrap_or_else(|| {
        reqwest::Client::builder()
            .use_rustls_tls()
            .build()
            .unwrap_or_default()
    })
}

/// The HTTP layer the bot talks to Discord through: every message it sends is mention-safe
/// unless a builder says otherwise (none does).
pub fn http(options: &Options) -> serenity::http::Http {
    http_with(options, client(options))
}

fn http_with(options: &Options, client: reqwest::Client) -> serenity::http::Http {
    let mut builder = HttpBuilder::new(&options.token)
        .default_allowed_mentions(CreateAllowedMentions::new())
        .client(client);
    if let Some(proxy) = &options.proxy_url {
        builder = builder.proxy(proxy).ratelimiter_disabled(true);
    }
    builder.build()
}

/// How long to wait between attempts to reach Discord, as serenity waits between identifies.
pub const RETRY_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// Discord lets a bot IDENTIFY `max_concurrency` shards per this window, one from each bucket
/// (`shard_id % max_concurrency`); serenity's shard queue waits as long between two starts
/// (<https://discord.com/developers/docs/events/gateway#session-start-limit-object>).
pub const IDENTIFY_WINDOW: std::time::Duration = std::time::Duration::from_secs(5);

/// How long a shutdown waits for the gateway connection to close cleanly before giving up on it.
pub const CLOSE_GRACE: std::time::Duration = std::time::Duration::from_secs(3);

/// Why the bot stopped serving without being asked to.
#[derive(Debug)]
pub enum Failure {
    /// Discord refused the token (HTTP 401 or gateway close 4004): retrying cannot help.
    Unauthorized,
    /// Any other error from serenity.
    Serenity(serenity::Error),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Unauthorized => f.write_str(
                "Discord refused the bot token (401 Unauthorized): check DISCORD_TOKEN \
                 (Discord developer portal > your app > Bot > Reset Token)",
            ),
            Failure::Serenity(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Failure {}

impl From<serenity::Error> for Failure {
    fn from(e: serenity::Error) -> Self {
        use serenity::gateway::GatewayError;
        use serenity::http::HttpError;
        match &e {
            serenity::Error::Http(HttpError::UnsuccessfulRequest(r))
                if r.status_code == reqwest::StatusCode::UNAUTHORIZED =>
            {
                Failure::Unauthorized
            }
            serenity::Error::Gateway(GatewayError::InvalidAuthentication) => Failure::Unauthorized,
            _ => Failure::Serenity(e),
        }
    }
}

/// Completes once `stop` is set (or its sender is gone, which can only follow a stop).
async fn stopped(stop: &mut tokio::sync::watch::Receiver<bool>) {
    let _ = stop.wait_for(|stop| *stop).await;
}

/// Asks Discord for the bot's gateway (`GET /gateway/bot`, an authenticated call: its URL, the
/// recommended shard count and the session start limit) until it answers, every
/// [`RETRY_EVERY`]; `None` when `stop` came first. A refused token fails at once.
async fn reach_discord(
    http: &serenity::http::Http,
    stop: &mut tokio::sync::watch::Receiver<bool>,
) -> Result<Option<BotGateway>, Failure> {
    loop {
        tokio::select! {
            answer = http.get_bot_gateway() => match answer.map_err(Failure::from) {
                Ok(gateway) => return Ok(Some(gateway)),
                Err(Failure::Unauthorized) => return Err(Failure::Unauthorized),
                Err(e) => tracing::warn!(error = %e, retry_in = ?RETRY_EVERY, "cannot reach Discord"),
            },
            () = stopped(stop) => return Ok(None),
        }
        if !pause(RETRY_EVERY, stop).await {
            return Ok(None);
        }
    }
}

/// The one interaction handler, for the gateway or the interactions endpoint.
fn handler_for(
    app: &Arc<App>,
    options: &Options,
    health: &Arc<Health>,
    client: &reqwest::Client,
) -> Arc<handler::Handler> {
    let pinner = posts::Pinner {
        client: client.clone(),
        base: format!(
            "{}/api/v10",
            options
                .proxy_url
                .as_deref()
                .unwrap_or("https://discord.com")
                .trim_end_matches('/')
        ),
        token: options.token.trim().trim_start_matches("Bot ").to_owned(),
    };
    Arc::new(handler::Handler {
        app: app.clone(),
        owners: options.owners.clone(),
        health: health.clone(),
        pinner,
        answers: answers::Answers::new(options.keep_answers),
    })
}

/// Serves Discord's HTTP interactions on `listener` (bound to the endpoint's address) until
/// `shutdown` completes: the gateway is not used. The token is still needed, for everything
/// after an interaction's first response (REST). See [`webhook`].
pub async fn serve_http(
    app: Arc<App>,
    options: Options,
    health: Arc<Health>,
    listener: tokio::net::TcpListener,
    public_key: ed25519_dalek::VerifyingKey,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let client = client(&options);
    let http = Arc::new(http_with(&options, client.clone()));
    let handler = handler_for(&app, &options, &health, &client);
    posts::keep_current(http.clone(), app);
    if let Some(limiter) = &http.ratelimiter {
        buckets::keep_pruned(limiter.routes(), health.clone(), options.prune_every);
    }
    if let Ok(bound) = listener.local_addr() {
        webhook::listening(bound);
    }
    health.set_listening(true);
    let result = webhook::serve(listener, handler, http, public_key, shutdown).await;
    health.set_listening(false);
    result
}

/// Sleeps `how_long`; `false` when `stop` came first.
async fn pause(
    how_long: std::time::Duration,
    stop: &mut tokio::sync::watch::Receiver<bool>,
) -> bool {
    tokio::select! {
        () = tokio::time::sleep(how_long) => true,
        () = stopped(stop) => false,
    }
}

/// The shards this process runs: ids `first..=last` of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Plan {
    first: u32,
    last: u32,
    total: u32,
}

impl Plan {
    /// All the shards Discord recommends, or the configured range.
    fn new(shards: Shards, gateway: &BotGateway) -> Plan {
        match shards {
            Shards::Recommended => {
                let total = gateway.shards.max(1);
                Plan {
                    first: 0,
                    last: total - 1,
                    total,
                }
            }
            Shards::Range { first, last, total } => Plan { first, last, total },
        }
    }

    fn ids(self) -> std::ops::RangeInclusive<u32> {
        self.first..=self.last
    }

    /// The shards in the order they may IDENTIFY, in waves one [`IDENTIFY_WINDOW`] apart: a wave
    /// holds at most one shard of each rate-limit bucket (`id % max_concurrency`).
    fn waves(self, max_concurrency: u64) -> Vec<Vec<u32>> {
        let buckets = max_concurrency.max(1);
        let mut waves: Vec<Vec<u32>> = Vec::new();
        let mut started: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
        for id in self.ids() {
            let wave = started.entry(u64::from(id) % buckets).or_insert(0);
            if waves.len() <= *wave {
                waves.push(Vec::new());
            }
            waves[*wave].push(id);
            *wave += 1;
        }
        waves
    }
}

/// The shortest wait before asking Discord again about an exhausted session start limit.
const LIMIT_CHECK_FLOOR: std::time::Duration = std::time::Duration::from_millis(250);

/// Asks Discord for the gateway until its session start limit allows every shard of the plan to
/// IDENTIFY, waiting out `reset_after` (with a warning) while it does not: Discord resets the
/// bot's token when it goes over the limit, so a process never starts only some of its shards.
/// `None` when `stop` came first.
async fn wait_for_session_starts(
    http: &serenity::http::Http,
    shards: Shards,
    health: &Health,
    stop: &mut tokio::sync::watch::Receiver<bool>,
) -> Result<Option<(Plan, BotGateway)>, Failure> {
    loop {
        let Some(gateway) = reach_discord(http, stop).await? else {
            return Ok(None);
        };
        let plan = Plan::new(shards, &gateway);
        let limit = &gateway.session_start_limit;
        let needed = u64::from(plan.last - plan.first + 1);
        health.expect_shards(plan.ids(), plan.total);
        if limit.remaining >= needed {
            return Ok(Some((plan, gateway)));
        }
        // Never asks again sooner than this, whatever Discord says.
        let reset_after =
            std::time::Duration::from_millis(limit.reset_after).max(LIMIT_CHECK_FLOOR);
        tracing::warn!(
            needed,
            remaining = limit.remaining,
            reset_after = ?reset_after,
            "Discord's session start limit leaves too few gateway connections for this \
             process's shards; waiting for it to reset"
        );
        if !pause(reset_after, stop).await {
            return Ok(None);
        }
    }
}

/// Connects this process's gateway shards (see [`Options::shards`]) and serves interactions until
/// `shutdown` completes. Shutdown works in every state: while Discord cannot be reached, while
/// waiting for the session start limit, while connecting, identifying or reconnecting, and
/// while running; it waits at most [`CLOSE_GRACE`] for the shards to close cleanly.
///
/// Each shard gets its own serenity `ShardManager` (and so its own queue): serenity's queue
/// starts one shard per [`IDENTIFY_WINDOW`] whatever Discord's `max_concurrency`, so this
/// starts the shards in waves of one per rate-limit bucket instead; each shard's reconnects
/// are serenity's.
pub async fn run(
    app: Arc<App>,
    options: Options,
    health: Arc<Health>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), Failure> {
    let (stop_tx, mut stop) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    });
    let client = client(&options);
    let http = Arc::new(http_with(&options, client.clone()));
    // Before serenity starts: it falls back to the real gateway when it cannot get the URL, and
    // retries a failed connection forever with no way to stop it.
    let Some((plan, gateway)) =
        wait_for_session_starts(&http, options.shards, &health, &mut stop).await?
    else {
        return Ok(());
    };
    if plan.total < gateway.shards {
        tracing::warn!(
            total = plan.total,
            recommended = gateway.shards,
            "the `shards` setting splits fewer shards than Discord recommends"
        );
    }
    let handler = handler_for(&app, &options, &health, &client);
    posts::keep_current(http.clone(), app);
    if let Some(limiter) = &http.ratelimiter {
        buckets::keep_pruned(limiter.routes(), health.clone(), options.prune_every);
    }
    // What every shard shares, as serenity's `Client` would share it.
    let ws_url = Arc::new(tokio::sync::Mutex::new(gateway.url.clone()));
    let data = Arc::new(tokio::sync::RwLock::new(serenity::prelude::TypeMap::new()));
    // Every event, and the interactions serenity cannot deserialize, through one raw handler
    // (see `handler::Events` for why no `EventHandler`).
    let events: Arc<dyn serenity::client::RawEventHandler> = Arc::new(handler::Events { handler });
    let mut managers = std::collections::BTreeMap::new();
    let mut ended = Vec::new();
    for id in plan.ids() {
        let (manager, result) = ShardManager::new(ShardManagerOptions {
            data: data.clone(),
            event_handlers: Vec::new(),
            raw_event_handlers: vec![events.clone()],
            shard_index: id,
            shard_init: 1,
            shard_total: plan.total,
            ws_url: ws_url.clone(),
            http: http.clone(),
            // Interactions arrive without any intent: the bot never asks for privileged data.
            intents: GatewayIntents::empty(),
            presence: None,
        });
        managers.insert(id, manager);
        ended.push(result);
    }
    let mut ended = futures::stream::select_all(ended);
    let stage = handler::watch_stage(managers.values().cloned().collect(), health.clone());
    let waves = plan.waves(gateway.session_start_limit.max_concurrency);
    let start = async {
        for (n, wave) in waves.iter().enumerate() {
            if n > 0 {
                tokio::time::sleep(IDENTIFY_WINDOW).await;
            }
            for id in wave {
                tracing::info!(shard = id, total = plan.total, "starting gateway shard");
                if let Some(manager) = managers.get(id) {
                    // serenity's `initialize` only queues the start; it cannot fail.
                    let _ = manager.initialize();
                }
            }
        }
        std::future::pending::<()>().await;
    };
    let result = tokio::select! {
        () = start => Ok(()),
        end = ended.next() => match end {
            Some(Err(e)) => Err(Failure::from(serenity::Error::Gateway(e))),
            Some(Ok(())) | None => Ok(()),
        },
        () = stopped(&mut stop) => Ok(()),
    };
    // serenity's shutdown does nothing while a shard is not running (its queue keeps retrying):
    // the runtime ending stops that; a connected shard gets a clean close, if it is quick.
    let closing = futures::future::join_all(managers.values().map(|m| m.shutdown_all()));
    if tokio::time::timeout(CLOSE_GRACE, closing).await.is_err() {
        tracing::warn!("the gateway shards did not close in time");
    }
    stage.abort();
    health.all_disconnected();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_start_in_waves_of_one_per_bucket() {
        let plan = Plan {
            first: 0,
            last: 5,
            total: 6,
        };
        assert_eq!(plan.waves(1), [[0], [1], [2], [3], [4], [5]]);
        assert_eq!(plan.waves(4), vec![vec![0, 1, 2, 3], vec![4, 5]]);
        let range = Plan {
            first: 2,
            last: 5,
            total: 8,
        };
        // Buckets of 2: shards 2 and 4 share bucket 0, 3 and 5 bucket 1.
        assert_eq!(range.waves(2), [[2, 3], [4, 5]]);
        assert_eq!(range.waves(0), [[2], [3], [4], [5]], "0 is read as 1");
    }
}
