//! The health endpoint on 127.0.0.1: are the gateway shards connected and the knowledge base
//! loaded.
//!
//! `/health` answers 200 only when every shard this process runs is connected (a process that
//! runs shards 0-7 of 16 is ready when its 8 are), 503 otherwise, with a JSON body:
//!
//! ```text
//! {"gateway":"connected","knowledge_revision":"…",
//!  "shards":[{"id":0,"total":4,"stage":"connected","connected":true,"latency_ms":41,"reconnects":0},…]}
//! ```
//!
//! `gateway` is `"connected"` or `"disconnected"` (the process as a whole, as before sharding).
//! Under `exobot serve` there are no shards: `/health` answers 200 while the interactions
//! endpoint listens, with `"endpoint":"listening"` and no `gateway` field.
//! Per shard: `stage` is serenity's connection stage (`connecting`, `handshaking`,
//! `identifying`, `connected`, `resuming`, `disconnected`), or `waiting` while the shard is
//! queued to start or to start again (or while Discord's session start limit is exhausted);
//! `latency_ms` is the time from the shard's last heartbeat to Discord's acknowledgement
//! (`null` before the first), `reconnects` how many times the shard became ready or resumed
//! after its first session.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;

use crate::app::App;
use crate::metrics::Metrics;

/// What the health and metrics endpoints report.
#[derive(Debug, Default)]
pub struct Health {
    /// The shards this process runs, by shard id; empty until the gateway is being started.
    shards: Mutex<BTreeMap<u32, Shard>>,
    /// `exobot serve`'s interactions endpoint is listening.
    listening: std::sync::atomic::AtomicBool,
    pub metrics: Metrics,
}

/// One gateway shard as `/health` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    /// How many shards the bot has in all (this process may run only some of them).
    pub total: u32,
    /// The connection stage: serenity's name for it, or `waiting` (see the module docs).
    pub stage: String,
    /// Whether the shard has a ready or resumed session.
    pub connected: bool,
    /// The time between the last heartbeat and its acknowledgement, if one was acknowledged.
    pub latency: Option<Duration>,
    /// Sessions made ready or resumed after the first one.
    pub reconnects: u64,
}

impl Health {
    fn shards(&self) -> std::sync::MutexGuard<'_, BTreeMap<u32, Shard>> {
        self.shards.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The shards this process is about to run, `ids` of `total`, all waiting to connect; forgets
    /// any others.
    pub fn expect_shards(&self, ids: impl IntoIterator<Item = u32>, total: u32) {
        let mut shards = self.shards();
        shards.clear();
        for id in ids {
            let shard = Shard {
                total,
                stage: "waiting".to_owned(),
                connected: false,
                latency: None,
                reconnects: 0,
            };
            self.metrics.shard_state(id, false, None);
            shards.insert(id, shard);
        }
    }

    /// A shard's connection stage and heartbeat latency as serenity last reported them
    /// (`connected` when the stage is).
    pub fn set_stage(&self, id: u32, stage: &str, connected: bool, latency: Option<Duration>) {
        if let Some(shard) = self.shards().get_mut(&id) {
            stage.clone_into(&mut shard.stage);
            shard.connected = connected;
            shard.latency = latency;
        }
        self.metrics.shard_state(id, connected, latency);
    }

    /// A shard got READY or RESUMED: it is connected, and every session after its first counts
    /// as a reconnect.
    pub fn shard_connected(&self, id: u32) {
        let reconnect = self.metrics.connected(id);
        if let Some(shard) = self.shards().get_mut(&id) {
            shard.connected = true;
            "connected".clone_into(&mut shard.stage);
            shard.reconnects += u64::from(reconnect);
        }
    }

    /// The gateway stopped: no shard is connected any more.
    pub fn all_disconnected(&self) {
        for (id, shard) in self.shards().iter_mut() {
            shard.connected = false;
            "disconnected".clone_into(&mut shard.stage);
            self.metrics.shard_state(*id, false, shard.latency);
        }
    }

    /// Whether `exobot serve`'s interactions endpoint listens (it runs no shards).
    pub fn set_listening(&self, listening: bool) {
        self.listening
            .store(listening, std::sync::atomic::Ordering::Relaxed);
    }

    fn listening(&self) -> bool {
        self.listening.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// True when the interactions endpoint listens, or when the process runs at least one
    /// shard and every one of them is connected.
    pub fn connected(&self) -> bool {
        if self.listening() {
            return true;
        }
        let shards = self.shards();
        !shards.is_empty() && shards.values().all(|shard| shard.connected)
    }

    /// The shards this process runs, by id.
    pub fn shard_states(&self) -> BTreeMap<u32, Shard> {
        self.shards().clone()
    }
}

type Shared = (Arc<Health>, Arc<App>);

async fn report(State((health, app)): State<Shared>) -> (StatusCode, String) {
    let connected = health.connected();
    let revision = app.knowledge().revision.clone();
    let status = if connected {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let shards: Vec<serde_json::Value> = health
        .shard_states()
        .into_iter()
        .map(|(id, shard)| {
            let latency_ms = shard
                .latency
                .map(|l| u64::try_from(l.as_millis()).unwrap_or(u64::MAX));
            serde_json::json!({
                "id": id,
                "total": shard.total,
                "stage": shard.stage,
                "connected": shard.connected,
                "latency_ms": latency_ms,
                "reconnects": shard.reconnects,
            })
        })
        .collect();
    let body = if health.listening() {
        serde_json::json!({
            "endpoint": "listening",
            "knowledge_revision": revision,
        })
    } else {
        serde_json::json!({
            "gateway": if connected { "connected" } else { "disconnected" },
            "knowledge_revision": revision,
            "shards": shards,
        })
    };
    (status, format!("{body}\n"))
}

async fn metrics(
    State((health, app)): State<Shared>,
) -> ([(axum::http::HeaderName, &'static str); 1], String) {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        health.metrics.render(&app),
    )
}

/// Serves `/health` and `/metrics` on `addr` until the process ends; returns the bound address.
pub async fn serve(
    addr: SocketAddr,
    health: Arc<Health>,
    app: Arc<App>,
) -> std::io::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let router = Router::new()
        .route("/health", get(report))
        .route("/metrics", get(metrics))
        .with_state((health, app));
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router).await {
            tracing::warn!(error = %e, "health endpoint stopped");
        }
    });
    Ok(bound)
}

/// `exobot healthcheck`: asks the running bot's endpoint; true when it answers 200.
pub async fn probe(addr: SocketAddr) -> Result<String, String> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(3))
        .no_proxy()
        .build()
        .map_err(|e| e.to_string())?;
    let response = client
        .get(format!("http://{addr}/health"))
        .send()
        .await
        .map_err(|e| format!("no answer from {addr}: {e}"))?;
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    if status.is_success() {
        Ok(body)
    } else {
        Err(format!("unhealthy ({status}): {}", body.trim()))
    }
}
