//! The health endpoint on 127.0.0.1: is the gateway connected and the knowledge base loaded.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
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
    connected: AtomicBool,
    pub metrics: Metrics,
}

impl Health {
    pub fn set_connected(&self, connected: bool) {
        self.connected.store(connected, Ordering::Relaxed);
    }

    pub fn connected(&self) -> bool {
        self.connected.load(Ordering::Relaxed)
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
    let body = format!(
        "{{\"gateway\":\"{}\",\"knowledge_revision\":\"{revision}\"}}\n",
        if connected {
            "connected"
        } else {
            "disconnected"
        }
    );
    (status, body)
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
