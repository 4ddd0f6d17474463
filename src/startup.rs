//! Start-up wiring: the bot built from its configuration ([`prepare`], [`Bot`]), the async
//! runtime, signals (stop, stop now, reload) and loading the knowledge base at start.
//!
//! The command-line jobs in `src/cli.rs` use these; nothing here parses arguments.

use std::path::Path;
use std::sync::Arc;

use crate::app::{App, ReloadOutcome};
use crate::config::Config;
use crate::discord;
use crate::health::{self, Health};
use crate::knowledge::{self, KnowledgeBase};

pub fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// Loads the knowledge base for a one-shot job, printing errors to stderr when it cannot.
pub fn load_or_report(dir: &Path) -> Option<KnowledgeBase> {
    let loaded = knowledge::load(dir, today());
    if loaded.knowledge.is_none() {
        for d in loaded.errors() {
            eprintln!("{d}");
        }
        eprintln!(
            "exobot: the knowledge base has errors; run `exobot check --knowledge {}` for the full list",
            dir.display()
        );
    }
    loaded.knowledge
}

/// Exit status when the bot cannot start: a service manager or container must see it fail.
pub const CANNOT_START: u8 = 2;

/// A multi-threaded tokio runtime, or `None` after saying on stderr why there is none.
pub fn runtime() -> Option<tokio::runtime::Runtime> {
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => Some(rt),
        Err(e) => {
            eprintln!("exobot: cannot start the async runtime: {e}");
            None
        }
    }
}

/// The bot, ready to connect: what `exobot run` builds from its configuration.
#[derive(Debug)]
pub struct Bot {
    pub app: Arc<App>,
    pub options: discord::Options,
    pub health: Arc<Health>,
    pub health_addr: Option<std::net::SocketAddr>,
    /// Where `exobot serve` listens for Discord's interaction requests.
    pub http_addr: std::net::SocketAddr,
    /// The application's public key (hex), which `exobot serve` needs.
    pub public_key: Option<String>,
}

/// How the bot receives interactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A gateway connection (`exobot run`).
    Gateway,
    /// Discord's signed HTTP requests to the interactions endpoint (`exobot serve`).
    Http,
}

/// Loads the knowledge base, the signing secret and the store for `config`.
pub fn prepare(config: &Config) -> Result<Bot, String> {
    let token = config.token.clone().ok_or("DISCORD_TOKEN is not set")?;
    let kb = load_or_report(&config.knowledge_dir).ok_or("the knowledge base has errors")?;
    let key = crate::secret::key(config)?;
    let store = Arc::new(open_store(config)?);
    Ok(Bot {
        app: Arc::new(App::new(kb, key).with_store(store)),
        options: discord::Options {
            token,
            proxy_url: config.proxy_url.clone(),
            http_client: None,
            owners: config.owners.clone(),
            prune_every: discord::PRUNE_EVERY,
            keep_answers: true,
            shards: config.shards,
        },
        health: Arc::new(Health::default()),
        health_addr: config.health_addr,
        http_addr: config.http_addr,
        public_key: config.public_key.clone(),
    })
}

/// The store `config` names: PostgreSQL at `database_url` when set (shared by every instance),
/// else SQLite in `data_dir`. The error is one line, naming the server without its password.
pub fn open_store(config: &Config) -> Result<crate::store::Store, String> {
    let store = match &config.database_url {
        Some(url) => crate::store::Store::connect(url),
        None => crate::store::Store::open(&config.data_dir),
    }
    .map_err(|e| e.to_string())?;
    tracing::info!(store = %store.describe(), "store open");
    Ok(store)
}

impl Bot {
    /// Serves the health endpoint when configured; returns the address it listens on.
    pub async fn start_health(&self) -> Result<Option<std::net::SocketAddr>, String> {
        let Some(addr) = self.health_addr else {
            return Ok(None);
        };
        let bound = health::serve(addr, self.health.clone(), self.app.clone())
            .await
            .map_err(|e| format!("{addr}: {e}"))?;
        tracing::info!(%bound, "health endpoint listening");
        Ok(Some(bound))
    }

    /// Checks the public key and binds `http_addr` for `exobot serve`; the error is one line
    /// for stderr.
    pub async fn bind_http(
        &self,
    ) -> Result<(tokio::net::TcpListener, ed25519_dalek::VerifyingKey), String> {
        let key = self
            .public_key
            .as_deref()
            .ok_or_else(|| {
                format!(
                    "{} is not set: exobot serve checks every request's signature with the \
                     application's public key (developer portal > your app > General Information)",
                    crate::config::PUBLIC_KEY_VAR
                )
            })
            .and_then(discord::webhook::public_key)?;
        let listener = tokio::net::TcpListener::bind(self.http_addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", self.http_addr))?;
        Ok((listener, key))
    }

    /// Serves Discord's HTTP interactions on `listener` (from [`Bot::bind_http`]) until
    /// `shutdown` completes; the exit status.
    pub async fn serve_http(
        self,
        listener: tokio::net::TcpListener,
        key: ed25519_dalek::VerifyingKey,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> u8 {
        match discord::serve_http(self.app, self.options, self.health, listener, key, shutdown)
            .await
        {
            Ok(()) => {
                tracing::info!("shut down cleanly");
                0
            }
            Err(e) => {
                tracing::error!(error = %e, "the interactions endpoint failed");
                1
            }
        }
    }

    /// Connects to Discord and serves until `shutdown` completes; the exit status.
    pub async fn serve(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> u8 {
        match discord::run(self.app, self.options, self.health, shutdown).await {
            Ok(()) => {
                tracing::info!("shut down cleanly");
                0
            }
            Err(e @ discord::Failure::Unauthorized) => {
                tracing::error!(error = %e, "cannot log in to Discord");
                eprintln!("exobot: {e}");
                CANNOT_START
            }
            Err(e) => {
                tracing::error!(error = %e, "the Discord connection failed");
                1
            }
        }
    }
}

/// The signals the bot listens for, registered before it starts anything else, so that a
/// SIGTERM that comes while it first connects is counted rather than ending the process.
#[derive(Debug)]
pub struct Signals {
    term: tokio::signal::unix::Signal,
    int: tokio::signal::unix::Signal,
    hup: tokio::signal::unix::Signal,
}

impl Signals {
    /// Registers SIGTERM, SIGINT and SIGHUP; `None` when the process cannot listen for them.
    /// Must be called inside the runtime.
    pub fn listen() -> Option<Self> {
        use tokio::signal::unix::{signal, SignalKind};
        Some(Self {
            term: signal(SignalKind::terminate()).ok()?,
            int: signal(SignalKind::interrupt()).ok()?,
            hup: signal(SignalKind::hangup()).ok()?,
        })
    }
}

/// Counts SIGTERM and SIGINT into `count` (the first stops the bot, a second stops it at once);
/// reloads the knowledge base on SIGHUP meanwhile. `listening` is [`Signals::listen`]'s.
pub async fn signals(
    app: Arc<App>,
    count: tokio::sync::watch::Sender<u32>,
    listening: Option<Signals>,
) {
    let Some(Signals {
        mut term,
        mut int,
        mut hup,
    }) = listening
    else {
        tracing::error!("cannot listen for signals; stop the bot with SIGKILL");
        // Keeps `count` alive: a dropped sender would read as a stop.
        return std::future::pending().await;
    };
    loop {
        tokio::select! {
            _ = term.recv() => {}
            _ = int.recv() => {}
            _ = hup.recv() => {
                log_reload(&app.reload(app.today()));
                continue;
            }
        }
        count.send_modify(|n| *n += 1);
        if *count.borrow() == 1 {
            tracing::info!("shutting down");
        }
    }
}

/// Logs what a reload did (file positions and the checker's messages; no member input).
pub fn log_reload(outcome: &ReloadOutcome) {
    match outcome {
        ReloadOutcome::Reloaded { revision, warnings } => {
            tracing::info!(%revision, warnings = warnings.len(), "knowledge base reloaded");
        }
        ReloadOutcome::Kept { revision, errors } => {
            for e in errors {
                tracing::error!(diagnostic = %e, "knowledge base error");
            }
            tracing::error!(%revision, errors = errors.len(), "reload refused; the previous knowledge base keeps serving");
        }
    }
}
