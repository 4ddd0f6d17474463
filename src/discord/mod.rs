//! The Discord front end: serenity in, the core's Events; the core's Replies, serenity out.

mod buckets;
mod check;
mod commands;
mod convert;
mod handler;
pub mod health;
mod posts;
mod refusal;
mod unreadable;

use std::future::Future;
use std::sync::Arc;

use serenity::all::{ClientBuilder, CreateAllowedMentions, GatewayIntents, HttpBuilder};

use crate::app::App;
pub use buckets::PRUNE_EVERY;
pub use commands::{all as command_list, Scope};
use health::Health;

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

/// Connects to the gateway and serves interactions until `shutdown` completes.
pub async fn run(
    app: Arc<App>,
    options: Options,
    health: Arc<Health>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> serenity::Result<()> {
    let client = client(&options);
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
    let handler = Arc::new(handler::Handler {
        app: app.clone(),
        owners: options.owners.clone(),
        health: health.clone(),
        pinner,
    });
    // Interactions arrive without any intent: the bot never asks for privileged data.
    let mut client =
        ClientBuilder::new_with_http(http_with(&options, client), GatewayIntents::empty())
            .event_handler_arc(handler.clone())
            // Interactions serenity cannot deserialize reach only a raw handler.
            .raw_event_handler(unreadable::Unreadable { handler })
            .await?;
    posts::keep_current(client.http.clone(), app);
    if let Some(limiter) = &client.http.ratelimiter {
        buckets::keep_pruned(limiter.routes(), health.clone(), options.prune_every);
    }
    let shards = client.shard_manager.clone();
    tokio::spawn(async move {
        shutdown.await;
        shards.shutdown_all().await;
    });
    let result = client.start().await;
    health.set_connected(false);
    result
}
