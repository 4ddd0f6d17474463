//! `exobot serve`: Discord's HTTP interactions endpoint, instead of the gateway. Discord POSTs
//! each interaction to the application's Interactions Endpoint URL; the bot checks the request's
//! Ed25519 signature, answers PING with PONG, and returns the interaction's first response as
//! the HTTP body. Edits, follow-ups and channel messages go over REST, as with the gateway.
//! <https://discord.com/developers/docs/interactions/overview#preparing-for-interactions>
//!
//! Nothing is kept between requests that another instance would need (the clinic check carries
//! its state in its components; posts and cooldowns live in the store), so any number of
//! instances can serve behind a load balancer.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use ed25519_dalek::{Signature, VerifyingKey};
use serenity::all::{ApplicationId, Http, Interaction};
use tokio::sync::oneshot;
use tracing::{info, warn};

use super::handler::Handler;
use super::respond::Sink;
use super::unreadable;
use crate::health::Health;

/// The path Discord posts to: set the Interactions Endpoint URL to `https://<host>/interactions`.
pub const PATH: &str = "/interactions";

/// The largest request body accepted, in bytes. Discord's largest interaction carries a message
/// of at most 6,000 embed characters, 4,000 of content and 40 components (the Discord docs'
/// message limits), far below this; anything bigger is not from Discord.
pub const MAX_BODY: usize = 1 << 20;

/// How far `X-Signature-Timestamp` (Unix seconds) may be from this machine's clock. Discord
/// drops an interaction not answered within 3 s, so an older request is a replay, or a clock
/// more than this far off (keep NTP on).
pub const MAX_SKEW: Duration = Duration::from_secs(60);

/// How long a request waits for its first response: Discord's 3 s window for the initial
/// response, less the trip back (<https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction>).
pub const ANSWER_WITHIN: Duration = Duration::from_millis(2900);

/// Where `exobot serve` listens, and the key it checks Discord's signatures with.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// The address to listen on (`http_addr`, e.g. 127.0.0.1:8080).
    pub addr: SocketAddr,
    /// The application's Ed25519 public key.
    pub public_key: VerifyingKey,
}

/// Reads the application's public key: 64 hex digits, as the developer portal shows it. The
/// error says what is wrong, never the key.
pub fn public_key(hex_key: &str) -> Result<VerifyingKey, String> {
    let bytes: [u8; 32] = hex::decode(hex_key.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or("DISCORD_PUBLIC_KEY must be the application's public key: 64 hex digits")?;
    VerifyingKey::from_bytes(&bytes)
        .map_err(|_| "DISCORD_PUBLIC_KEY is not a valid Ed25519 public key".to_owned())
}

/// Why a request was refused before it was read; counted in
/// `exobot_webhook_refused_total{reason}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The signature headers are missing or malformed, or the signature does not verify: 401.
    BadSignature,
    /// The timestamp is further than [`MAX_SKEW`] from now: 401.
    Stale,
    /// The body is over [`MAX_BODY`]: 413.
    TooLarge,
    /// Signed, but not an interaction: 400.
    NotAnInteraction,
}

impl Refused {
    /// The metric label.
    pub fn reason(self) -> &'static str {
        match self {
            Refused::BadSignature => "bad_signature",
            Refused::Stale => "stale_timestamp",
            Refused::TooLarge => "too_large",
            Refused::NotAnInteraction => "not_an_interaction",
        }
    }

    fn status(self) -> StatusCode {
        match self {
            Refused::BadSignature | Refused::Stale => StatusCode::UNAUTHORIZED,
            Refused::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Refused::NotAnInteraction => StatusCode::BAD_REQUEST,
        }
    }
}

/// Checks a request as Discord signs it: `X-Signature-Ed25519` is the hex signature of
/// `X-Signature-Timestamp` followed by the body, by the application's key; the timestamp must
/// be within [`MAX_SKEW`] of `now` (Unix seconds).
pub fn verify(
    key: &VerifyingKey,
    headers: &HeaderMap,
    body: &[u8],
    now: u64,
) -> Result<(), Refused> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let (Some(signature), Some(timestamp)) = (
        header("x-signature-ed25519"),
        header("x-signature-timestamp"),
    ) else {
        return Err(Refused::BadSignature);
    };
    let signature: [u8; 64] = hex::decode(signature)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(Refused::BadSignature)?;
    let mut signed = Vec::with_capacity(timestamp.len() + body.len());
    signed.extend_from_slice(timestamp.as_bytes());
    signed.extend_from_slice(body);
    key.verify_strict(&signed, &Signature::from_bytes(&signature))
        .map_err(|_| Refused::BadSignature)?;
    // Checked after the signature, so an unsigned request cannot probe the clock.
    let sent: u64 = timestamp.parse().map_err(|_| Refused::BadSignature)?;
    if sent.abs_diff(now) > MAX_SKEW.as_secs() {
        return Err(Refused::Stale);
    }
    Ok(())
}

struct Shared {
    handler: Arc<Handler>,
    http: Arc<Http>,
    key: VerifyingKey,
    health: Arc<Health>,
}

/// Serves the endpoint on `listener` until `shutdown` completes; requests in flight finish.
pub(super) async fn serve(
    listener: tokio::net::TcpListener,
    handler: Arc<Handler>,
    http: Arc<Http>,
    key: VerifyingKey,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let health = handler.health.clone();
    let shared = Arc::new(Shared {
        handler,
        http,
        key,
        health,
    });
    let router = Router::new()
        .route(PATH, post(interactions))
        .with_state(shared);
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}

async fn interactions(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let refuse = |why: Refused| {
        shared.health.metrics.refused(why.reason());
        warn!(reason = why.reason(), "interaction request refused");
        (why.status(), why.reason()).into_response()
    };
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return refuse(Refused::TooLarge);
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    if let Err(why) = verify(&shared.key, &headers, &bytes, now) {
        return refuse(why);
    }
    let (sender, answer) = oneshot::channel();
    match read(&bytes) {
        Read::Ping => return json(Bytes::from_static(br#"{"type":1}"#)),
        Read::Interaction(interaction) => {
            shared.http.set_application_id(interaction.1);
            let (handler, http) = (shared.handler.clone(), shared.http.clone());
            tokio::spawn(async move {
                handler
                    .interaction(http, Sink::Body(sender), *interaction.0)
                    .await;
            });
        }
        Read::Unreadable(raw, application) => {
            if let Some(application) = application {
                shared.http.set_application_id(application);
            }
            let (handler, http) = (shared.handler.clone(), shared.http.clone());
            tokio::spawn(async move {
                unreadable::answer(&handler, http, Sink::Body(sender), raw).await;
            });
        }
        Read::Nothing => return refuse(Refused::NotAnInteraction),
    }
    match tokio::time::timeout(ANSWER_WITHIN, answer).await {
        Ok(Ok(body)) => json(Bytes::from(body)),
        // The handler ended without a first response: an interaction kind it ignores (logged
        // by the handler as ignored), or its task failed.
        Ok(Err(_)) => {
            warn!("an interaction ended without a first response");
            (StatusCode::BAD_REQUEST, "not answered").into_response()
        }
        Err(_) => {
            warn!(within = ?ANSWER_WITHIN, "no first response in time");
            shared.health.metrics.error("webhook_answer_late");
            (StatusCode::SERVICE_UNAVAILABLE, "no answer in time").into_response()
        }
    }
}

fn json(body: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// A signed body, read.
enum Read {
    Ping,
    /// The interaction and its application.
    Interaction((Box<Interaction>, ApplicationId)),
    /// JSON serenity cannot read as an interaction (see `unreadable`).
    Unreadable(serde_json::Value, Option<ApplicationId>),
    /// Not JSON at all.
    Nothing,
}

fn read(bytes: &[u8]) -> Read {
    match serde_json::from_slice::<Interaction>(bytes) {
        Ok(Interaction::Ping(_)) => Read::Ping,
        Ok(interaction) => {
            let application = match &interaction {
                Interaction::Command(c) | Interaction::Autocomplete(c) => c.application_id,
                Interaction::Component(c) => c.application_id,
                Interaction::Modal(m) => m.application_id,
                _ => return Read::Nothing,
            };
            Read::Interaction((Box::new(interaction), application))
        }
        Err(_) => match serde_json::from_slice::<serde_json::Value>(bytes) {
            Ok(raw) if raw.get("type").and_then(serde_json::Value::as_u64) == Some(1) => Read::Ping,
            Ok(raw) if raw.is_object() => {
                let application = raw
                    .get("application_id")
                    .and_then(serde_json::Value::as_str)
                    .and_then(|id| id.parse::<u64>().ok())
                    .filter(|id| *id != 0)
                    .map(ApplicationId::new);
                Read::Unreadable(raw, application)
            }
            _ => Read::Nothing,
        },
    }
}

/// Logs where the endpoint listens.
pub(super) fn listening(bound: SocketAddr) {
    info!(%bound, path = PATH, "interactions endpoint listening");
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};

    fn signed(key: &SigningKey, timestamp: &str, body: &[u8]) -> HeaderMap {
        let mut message = timestamp.as_bytes().to_vec();
        message.extend_from_slice(body);
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-signature-ed25519",
            hex::encode(key.sign(&message).to_bytes()).parse().unwrap(),
        );
        headers.insert("x-signature-timestamp", timestamp.parse().unwrap());
        headers
    }

    #[test]
    fn a_signature_verifies_only_for_its_key_body_and_time() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let public = key.verifying_key();
        let body = br#"{"type":1}"#;
        let headers = signed(&key, "1000", body);
        assert_eq!(verify(&public, &headers, body, 1000), Ok(()));
        assert_eq!(verify(&public, &headers, body, 1060), Ok(()));
        assert_eq!(verify(&public, &headers, body, 1061), Err(Refused::Stale));
        assert_eq!(verify(&public, &headers, body, 939), Err(Refused::Stale));
        assert_eq!(
            verify(&public, &headers, br#"{"type":2}"#, 1000),
            Err(Refused::BadSignature)
        );
        let other = SigningKey::from_bytes(&[8; 32]).verifying_key();
        assert_eq!(
            verify(&other, &headers, body, 1000),
            Err(Refused::BadSignature)
        );
        assert_eq!(
            verify(&public, &HeaderMap::new(), body, 1000),
            Err(Refused::BadSignature)
        );
        let mut not_hex = headers.clone();
        not_hex.insert("x-signature-ed25519", "zz".parse().unwrap());
        assert_eq!(
            verify(&public, &not_hex, body, 1000),
            Err(Refused::BadSignature)
        );
    }

    #[test]
    fn the_public_key_must_be_64_hex_digits() {
        let key = SigningKey::from_bytes(&[7; 32]).verifying_key();
        assert_eq!(public_key(&hex::encode(key.as_bytes())), Ok(key));
        assert!(public_key("abc").is_err());
        assert!(public_key(&"g".repeat(64)).is_err());
    }

    #[test]
    fn a_ping_is_read_as_a_ping_and_garbage_as_nothing() {
        assert!(matches!(read(br#"{"type":1,"id":"1"}"#), Read::Ping));
        assert!(matches!(read(b"not json"), Read::Nothing));
        assert!(matches!(read(b"[1,2]"), Read::Nothing));
        assert!(matches!(
            read(br#"{"type":2,"application_id":"5"}"#),
            Read::Unreadable(_, Some(_))
        ));
    }
}
