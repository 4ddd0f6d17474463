//! Starting the real bot (the `exobot run` code path) against the fake Discord, both ways.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use exobot::app::App;
use exobot::config::Config;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::support::{FakeDiscord, Scratch};

/// The owner every bot started here is configured with (`owners`): one user for all the tests
/// of a binary, on ids no test module uses for anything else.
pub const OWNER: u64 = 890_000_000_000_000_001;

/// How the bot reaches the fake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    /// Through the proxy setting, serenity's rate limiter off.
    Proxy,
    /// Over TLS to "discord.com" (resolved to the fake), serenity's rate limiter on.
    Tls,
}

pub struct Running {
    pub app: Arc<App>,
    pub health: Option<std::net::SocketAddr>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<u8>>,
    /// The data folder this bot owns, if it made one: removed when the bot is dropped.
    scratch: Option<Scratch>,
}

impl Running {
    /// Stops the bot as SIGTERM would and returns its exit status.
    pub async fn stop(mut self) -> u8 {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let task = self.task.take().expect("running");
        tokio::time::timeout(std::time::Duration::from_secs(10), task)
            .await
            .expect("the bot stops within 10 s")
            .expect("the bot task does not panic")
    }
}

pub fn shipped_knowledge() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

/// A fresh data folder for one bot, not yet created; removed when dropped.
pub fn data_dir(name: &str) -> Scratch {
    Scratch::new(&format!("e2e-{name}"))
}

/// The bot's /metrics text.
pub async fn scrape(addr: std::net::SocketAddr) -> String {
    reqwest::get(format!("http://{addr}/metrics"))
        .await
        .expect("metrics answer")
        .text()
        .await
        .expect("metrics text")
}

/// A scratch copy of the shipped knowledge base, for a test that changes it.
pub fn copy_of_shipped_knowledge(name: &str) -> Scratch {
    let kb = Scratch::created(&format!("e2e-{name}"));
    for entry in std::fs::read_dir(shipped_knowledge()).expect("shipped knowledge") {
        let path = entry.expect("a knowledge file").path();
        let name = path.file_name().expect("a file name");
        std::fs::copy(&path, kb.join(name)).expect("copied");
    }
    kb
}

/// The configuration `exobot run` would read, pointed at the fake.
pub fn config(fake: &FakeDiscord, knowledge: &Path, data: &Path) -> Config {
    let mut config = Config::defaults();
    config.token = Some(FakeDiscord::BOT_TOKEN.to_owned());
    config.knowledge_dir = knowledge.to_owned();
    config.data_dir = data.to_owned();
    config.state_secret = Some("end-to-end test secret".to_owned());
    config.health_addr = Some(([127, 0, 0, 1], 0).into());
    config.proxy_url = Some(fake.proxy_url());
    config.owners = vec![OWNER];
    config
}

/// Starts the bot from `config` and waits for READY (on any shard).
pub async fn start(
    fake: &FakeDiscord,
    config: Config,
    way: Way,
    tls: Option<reqwest::Client>,
) -> Running {
    let running = launch(config, way, tls).await;
    fake.wait_ready().await;
    running
}

/// Starts the bot from `config` without waiting for it to connect.
pub async fn launch(config: Config, way: Way, tls: Option<reqwest::Client>) -> Running {
    let mut bot = exobot::startup::prepare(&config).expect("the bot prepares");
    // Prune serenity's idle rate-limit buckets often, so a test can see it happen.
    bot.options.prune_every = std::time::Duration::from_millis(200);
    if way == Way::Tls {
        bot.options.proxy_url = None;
        bot.options.http_client = Some(tls.expect("a TLS client for the TLS way"));
    }
    let health = bot.start_health().await.expect("health endpoint");
    let app = bot.app.clone();
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(bot.serve(async move {
        let _ = stopped.await;
    }));
    Running {
        app,
        health,
        stop: Some(stop),
        task: Some(task),
        scratch: None,
    }
}

/// The key the fake signs delivered interactions with (tests only).
pub fn signing_key() -> ed25519_dalek::SigningKey {
    ed25519_dalek::SigningKey::from_bytes(&[42; 32])
}

/// Starts `exobot serve` from `config` on 127.0.0.1:0, and points the fake's deliveries at it
/// (signed with [`signing_key`]); returns the bot and the endpoint's URL.
pub async fn start_http(fake: &FakeDiscord, mut config: Config) -> (Running, String) {
    config.http_addr = ([127, 0, 0, 1], 0).into();
    config.public_key = Some(hex::encode(signing_key().verifying_key().as_bytes()));
    let bot = exobot::startup::prepare(&config).expect("the bot prepares");
    let health = bot.start_health().await.expect("health endpoint");
    let (listener, key) = bot.bind_http().await.expect("the endpoint binds");
    let url = format!(
        "http://{}{}",
        listener.local_addr().expect("bound"),
        exobot::discord::webhook::PATH
    );
    fake.deliver_to(url.clone(), signing_key());
    let app = bot.app.clone();
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(bot.serve_http(listener, key, async move {
        let _ = stopped.await;
    }));
    let running = Running {
        app,
        health,
        stop: Some(stop),
        task: Some(task),
        scratch: None,
    };
    (running, url)
}

/// `exobot serve` on the shipped knowledge base, REST through the proxy, keeping its store in
/// `data`.
pub async fn start_shipped_http_in(fake: &FakeDiscord, data: &Path) -> Running {
    start_http(fake, config(fake, &shipped_knowledge(), data))
        .await
        .0
}

/// `exobot serve` on the shipped knowledge base, REST through the proxy.
pub async fn start_shipped_http(fake: &FakeDiscord, name: &str) -> (Running, String) {
    let data = data_dir(name);
    let (mut running, url) = start_http(fake, config(fake, &shipped_knowledge(), &data)).await;
    running.scratch = Some(data);
    (running, url)
}

/// The bot on the shipped knowledge base, through the proxy.
pub async fn start_shipped(fake: &FakeDiscord, name: &str) -> Running {
    let data = data_dir(name);
    let mut running = start_shipped_in(fake, &data).await;
    running.scratch = Some(data);
    running
}

/// The bot on the shipped knowledge base, through the proxy, keeping its store in `data`.
pub async fn start_shipped_in(fake: &FakeDiscord, data: &Path) -> Running {
    start(
        fake,
        config(fake, &shipped_knowledge(), data),
        Way::Proxy,
        None,
    )
    .await
}
