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

use serenity::all::{ClientBuilder, CreateAllowedMentions, GatewayIntents, HttpBuilder};

use crate::app::App;
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

/// Asks Discord for the bot's gateway (an authenticated call) until it answers, every
/// [`RETRY_EVERY`]; `false` when `stop` came first. A refused token fails at once.
async fn reach_discord(
    http: &serenity::http::Http,
    stop: &mut tokio::sync::watch::Receiver<bool>,
) -> Result<bool, Failure> {
    loop {
        tokio::select! {
            answer = http.get_bot_gateway() => match answer.map_err(Failure::from) {
                Ok(_) => return Ok(true),
                Err(Failure::Unauthorized) => return Err(Failure::Unauthorized),
                Err(e) => tracing::warn!(error = %e, retry_in = ?RETRY_EVERY, "cannot reach Discord"),
            },
            () = stopped(stop) => return Ok(false),
        }
        tokio::select! {
            () = tokio::time::sleep(RETRY_EVERY) => {}
            () = stopped(stop) => return Ok(false),
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
    health.set_connected(true);
    let result = webhook::serve(listener, handler, http, public_key, shutdown).await;
    health.set_connected(false);
    result
}

/// Connects to the gateway and serves interactions until `shutdown` completes. Shutdown works
/// in every state: while Discord cannot be reached, while connecting, identifying or
/// reconnecting, and while running; it waits at most [`CLOSE_GRACE`] for a clean close.
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
    // Before serenity starts: it falls back to the real gateway when it cannot get the URL, and
    // retries a failed connection forever with no way to stop it.
    if !reach_discord(&http_with(&options, client.clone()), &mut stop).await? {
        return Ok(());
    }
    let handler = handler_for(&app, &options, &health, &client);
    // Interactions arrive without any intent: the bot never asks for privileged data.
    let builder =
        ClientBuilder::new_with_http(http_with(&options, client), GatewayIntents::empty())
            // Every event, and the interactions serenity cannot deserialize, through one raw
            // handler (see `handler::Events` for why no `EventHandler`).
            .raw_event_handler(handler::Events { handler });
    let mut client = tokio::select! {
        client = builder => client?,
        () = stopped(&mut stop) => return Ok(()),
    };
    posts::keep_current(client.http.clone(), app);
    if let Some(limiter) = &client.http.ratelimiter {
        buckets::keep_pruned(limiter.routes(), health.clone(), options.prune_every);
    }
    let shards = client.shard_manager.clone();
    let stage = handler::watch_stage(shards.clone(), health.clone());
    let result = tokio::select! {
        result = client.start() => result.map_err(Failure::from),
        () = stopped(&mut stop) => {
            // serenity's shutdown does nothing while no shard runs (its queue keeps retrying):
            // the runtime ending stops that; a connected shard gets a clean close, if it is quick.
            if tokio::time::timeout(CLOSE_GRACE, shards.shutdown_all()).await.is_err() {
                tracing::warn!("the gateway connection did not close in time");
            }
            Ok(())
        }
    };
    stage.abort();
    health.set_connected(false);
    result
}
