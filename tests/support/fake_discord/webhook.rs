//! Delivering interactions as Discord does to an Interactions Endpoint URL: a POST signed with
//! the application's Ed25519 key (`X-Signature-Ed25519` over `X-Signature-Timestamp` and the
//! body). The bot's HTTP answer is served as the callback it stands for, so it is checked and
//! recorded like a `POST /interactions/{id}/{token}/callback`.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use ed25519_dalek::{Signer, SigningKey};
use serde_json::Value;

use super::rest;
use super::state::Shared;

/// Where interactions go instead of the gateway.
#[derive(Debug)]
pub(super) struct Endpoint {
    pub(super) url: String,
    pub(super) key: SigningKey,
    pub(super) client: reqwest::Client,
}

/// The signature headers for `body` sent at `timestamp` (Unix seconds, as text).
pub fn sign(key: &SigningKey, timestamp: &str, body: &[u8]) -> [(&'static str, String); 2] {
    let mut signed = timestamp.as_bytes().to_vec();
    signed.extend_from_slice(body);
    [
        (
            "X-Signature-Ed25519",
            hex::encode(key.sign(&signed).to_bytes()),
        ),
        ("X-Signature-Timestamp", timestamp.to_owned()),
    ]
}

/// Unix seconds now, as Discord writes them in `X-Signature-Timestamp`.
pub fn timestamp_now() -> String {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
        .to_string()
}

/// Posts `interaction` to the endpoint and serves the answer as its callback; anything but a
/// 200 with a body is a violation.
pub(super) async fn deliver(shared: Arc<Shared>, endpoint: Arc<Endpoint>, interaction: Value) {
    let id = interaction["id"].as_str().unwrap_or_default().to_owned();
    let token = interaction["token"].as_str().unwrap_or_default().to_owned();
    let body = serde_json::to_vec(&interaction).unwrap_or_default();
    let mut request = endpoint.client.post(&endpoint.url);
    for (name, value) in sign(&endpoint.key, &timestamp_now(), &body) {
        request = request.header(name, value);
    }
    let answer = request
        .header("Content-Type", "application/json")
        .body(body)
        .send()
        .await;
    let problem = match answer {
        Ok(answer) if answer.status() == 200 => {
            let content_type = answer
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            match answer.bytes().await {
                Ok(bytes) => {
                    rest::serve_answer(&shared, &id, &token, content_type, bytes);
                    return;
                }
                Err(e) => format!("the answer's body could not be read: {e}"),
            }
        }
        Ok(answer) => format!("the endpoint answered {}", answer.status()),
        Err(e) => format!("the endpoint could not be reached: {e}"),
    };
    shared
        .lock()
        .violations
        .push(format!("webhook delivery of interaction {id}: {problem}"));
    shared.changed.notify_waiters();
}
