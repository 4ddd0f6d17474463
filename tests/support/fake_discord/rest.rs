//! The REST half of the fake: an HTTP/1.1 server (plain, and TLS for `start_tls`) that records
//! every request, checks its body, injects faults, and hands the rest to `routes`.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

use super::checks::{self, Findings, MessageKind};
use super::multipart;
use super::state::{Fault, Recorded, RecordedFile, Shared, State};
use super::FakeDiscord;

/// Discord answers an interaction only within this time after dispatching it.
pub(super) const INTERACTION_DEADLINE: Duration = Duration::from_secs(3);
pub(super) const EPHEMERAL: u64 = 1 << 6;
pub(super) const LOADING: u64 = 1 << 7;

pub(super) async fn serve_plain(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                // Small frames and responses go out at once, as they would to Discord.
                let _ = stream.set_nodelay(true);
                let task = tokio::spawn(serve_connection(stream, Arc::clone(&shared)));
                shared.track(task.abort_handle());
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
}

pub(super) async fn serve_tls(listener: TcpListener, acceptor: TlsAcceptor, shared: Arc<Shared>) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                // Small frames and responses go out at once, as they would to Discord.
                let _ = stream.set_nodelay(true);
                let acceptor = acceptor.clone();
                let connection_shared = Arc::clone(&shared);
                let task = tokio::spawn(async move {
                    if let Ok(stream) = acceptor.accept(stream).await {
                        serve_connection(stream, connection_shared).await;
                    }
                });
                shared.track(task.abort_handle());
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
}

async fn serve_connection<S>(stream: S, shared: Arc<Shared>)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = service_fn(move |request| {
        let shared = Arc::clone(&shared);
        async move { Ok::<_, Infallible>(handle(&shared, request).await) }
    });
    // A connection the client drops half-way is not the fake's business.
    let _closed = hyper::server::conn::http1::Builder::new()
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

fn header(request: &Request<Incoming>, name: &str) -> Option<String> {
    request
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

async fn handle(shared: &Shared, request: Request<Incoming>) -> Response<Full<Bytes>> {
    let incoming = Wire {
        method: request.method().as_str().to_owned(),
        path: request.uri().path().to_owned(),
        query: request.uri().query().unwrap_or_default().to_owned(),
        content_type: header(&request, "content-type"),
        authorization: header(&request, "authorization"),
        bytes: Bytes::new(),
    };
    let bytes = match request.into_body().collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => Bytes::new(),
    };
    let (reply, delay) = {
        let mut state = shared.lock();
        let delay = state
            .take_delay(&incoming.method, &incoming.path)
            .or_else(|| state.slow_calls.filter(|_| !is_callback(&incoming.path)));
        if delay.is_some() {
            // Counted with the request, so a test that saw the request sees it held.
            state.held_answers += 1;
        }
        (
            state.serve(Wire { bytes, ..incoming }, &shared.gateway_url),
            delay,
        )
    };
    shared.changed.notify_waiters();
    if let Some(delay) = delay {
        // Served already (a test sees the request at once); only the answer is late.
        tokio::time::sleep(delay).await;
        shared.lock().held_answers -= 1;
    }
    reply.into_response()
}

/// The bot's HTTP answer to an interaction delivered to its endpoint, served as the callback it
/// stands for: checked, recorded, and waking whoever waits for that interaction's answer.
pub(super) fn serve_answer(
    shared: &Shared,
    interaction_id: &str,
    token: &str,
    content_type: Option<String>,
    bytes: Bytes,
) {
    let incoming = Wire {
        method: "POST".to_owned(),
        path: format!("/api/v10/interactions/{interaction_id}/{token}/callback"),
        query: String::new(),
        content_type,
        authorization: None,
        bytes,
    };
    shared.lock().serve(incoming, &shared.gateway_url);
    shared.changed.notify_waiters();
}

/// Whether a path is an interaction callback (`/interactions/{id}/{token}/callback`), which
/// Discord answers outside the rate limits every other route shares.
fn is_callback(path: &str) -> bool {
    let path = path.strip_prefix("/api/v10").unwrap_or(path);
    path.starts_with("/interactions/") && path.ends_with("/callback")
}

/// The parts of a request the routes read.
pub(super) struct Call<'a> {
    pub(super) method: &'a str,
    pub(super) query: &'a str,
    pub(super) body: &'a Value,
    pub(super) files: &'a [RecordedFile],
}

/// A request as read off the wire.
struct Wire {
    method: String,
    path: String,
    query: String,
    content_type: Option<String>,
    authorization: Option<String>,
    bytes: Bytes,
}

/// The fake's answer.
pub(super) struct Reply {
    status: u16,
    body: Option<Value>,
    headers: Vec<(&'static str, String)>,
}

impl Reply {
    pub(super) fn json(status: u16, body: Value) -> Reply {
        Reply {
            status,
            body: Some(body),
            headers: Vec::new(),
        }
    }

    pub(super) fn ok(body: Value) -> Reply {
        Reply::json(200, body)
    }

    pub(super) fn no_content() -> Reply {
        Reply {
            status: 204,
            body: None,
            headers: Vec::new(),
        }
    }

    pub(super) fn error(status: u16, code: u64, message: &str) -> Reply {
        Reply::json(status, json!({ "code": code, "message": message }))
    }

    pub(super) fn not_found() -> Reply {
        Reply::error(404, 0, "404: Not Found")
    }

    pub(super) fn unknown_channel() -> Reply {
        Reply::error(404, 10003, "Unknown Channel")
    }

    pub(super) fn unknown_message() -> Reply {
        Reply::error(404, 10008, "Unknown Message")
    }

    pub(super) fn invalid_form() -> Reply {
        Reply::error(400, 50035, "Invalid Form Body")
    }

    pub(super) fn wrong_channel_type() -> Reply {
        Reply::error(400, 50024, "Cannot execute action on this channel type")
    }

    fn into_response(self) -> Response<Full<Bytes>> {
        let mut builder = Response::builder().status(self.status);
        for (name, value) in self.headers {
            builder = builder.header(name, value);
        }
        let body = match self.body {
            Some(body) => {
                builder = builder.header("content-type", "application/json");
                Bytes::from(body.to_string())
            }
            None => Bytes::new(),
        };
        builder
            .body(Full::new(body))
            .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
    }
}

/// The body of a request: JSON, or the `payload_json` and files of a multipart upload.
fn decode_body(
    content_type: Option<&str>,
    bytes: &[u8],
) -> (Value, Vec<RecordedFile>, Option<String>) {
    if bytes.is_empty() {
        return (Value::Null, Vec::new(), None);
    }
    if let Some(boundary) = content_type.and_then(multipart::boundary) {
        let parts = match multipart::parse(&boundary, bytes) {
            Ok(parts) => parts,
            Err(problem) => return (Value::Null, Vec::new(), Some(problem)),
        };
        let mut body = Value::Null;
        let mut files = Vec::new();
        let mut problem = None;
        for part in parts {
            if part.name == "payload_json" {
                match serde_json::from_slice(&part.data) {
                    Ok(value) => body = value,
                    Err(error) => problem = Some(format!("payload_json is not JSON: {error}")),
                }
            } else {
                files.push(RecordedFile {
                    filename: part.filename.unwrap_or_default(),
                    field: part.name,
                    content_type: part.content_type,
                    data: part.data,
                });
            }
        }
        return (body, files, problem);
    }
    match serde_json::from_slice(bytes) {
        Ok(value) => (value, Vec::new(), None),
        Err(error) => (
            Value::Null,
            Vec::new(),
            Some(format!("the body is not JSON: {error}")),
        ),
    }
}

pub(super) fn num(segment: &str) -> Option<u64> {
    segment.parse().ok()
}

/// Routes that take a token in the path instead of the bot's Authorization header.
fn token_route(segments: &[&str]) -> bool {
    matches!(segments.first(), Some(&"interactions" | &"webhooks"))
}

/// The shape checks of a body, whatever state the fake is in.
fn check_body(
    found: &mut Findings<'_>,
    method: &str,
    segments: &[&str],
    body: &Value,
    files: usize,
) {
    let empty = json!({});
    match (method, segments) {
        ("POST", ["interactions", _, _, "callback"]) => {
            let data = body.get("data").filter(|data| !data.is_null());
            match body.get("type").and_then(Value::as_u64) {
                Some(4) => {
                    checks::message(found, data.unwrap_or(&empty), MessageKind::Create, files)
                }
                Some(5) => {
                    let data = data.unwrap_or(&empty);
                    checks::message(found, data, MessageKind::Deferred, files);
                    let flags = data.get("flags").and_then(Value::as_u64).unwrap_or(0);
                    if flags & !EPHEMERAL != 0 {
                        found.add(format!(
                            "a deferred response may only set EPHEMERAL, got flags {flags}"
                        ));
                    }
                }
                Some(7) => checks::message(found, data.unwrap_or(&empty), MessageKind::Edit, files),
                Some(8) => checks::autocomplete(found, data),
                Some(9) => checks::modal(found, data),
                Some(1 | 6) => {}
                other => found.add(format!("unknown interaction callback type {other:?}")),
            }
        }
        ("POST", ["webhooks", _, _]) | ("POST", ["channels", _, "messages"]) => {
            checks::message(found, body, MessageKind::Create, files);
        }
        ("PATCH", ["webhooks", _, _, "messages", _])
        | ("PATCH", ["channels", _, "messages", _]) => {
            checks::message(found, body, MessageKind::Edit, files);
        }
        ("POST", ["channels", _, "threads"])
        | ("POST", ["channels", _, "messages", _, "threads"]) => {
            thread_body(found, body);
            if let Some(message) = body.get("message") {
                checks::message(found, message, MessageKind::Create, files);
            }
        }
        ("PUT", ["applications", _, "commands"])
        | ("PUT", ["applications", _, "guilds", _, "commands"]) => checks::commands(found, body),
        _ => {}
    }
}

fn thread_body(found: &mut Findings<'_>, body: &Value) {
    let name = body.get("name").and_then(Value::as_str).unwrap_or_default();
    let length = name.chars().count();
    if !(1..=100).contains(&length) {
        found.add(format!(
            "thread name is {length} characters, it must be 1..=100"
        ));
    }
    if let Some(duration) = body.get("auto_archive_duration") {
        if !matches!(duration.as_u64(), Some(60 | 1440 | 4320 | 10080)) {
            found.add(format!(
                "auto_archive_duration {duration} is not 60, 1440, 4320 or 10080"
            ));
        }
    }
}

fn fault_reply(fault: Fault) -> Reply {
    let mut body = if fault.body.is_object() {
        fault.body
    } else {
        json!({})
    };
    let mut headers = Vec::new();
    if fault.status == 429 {
        let retry_after = body
            .get("retry_after")
            .and_then(Value::as_f64)
            .unwrap_or(0.05);
        let global = body.get("global").and_then(Value::as_bool).unwrap_or(false);
        body["retry_after"] = json!(retry_after);
        body["global"] = json!(global);
        if body.get("message").is_none() {
            body["message"] = json!("You are being rate limited.");
        }
        let reset = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs_f64()
            + retry_after;
        headers.push(("retry-after", retry_after.to_string()));
        headers.push(("x-ratelimit-limit", "1".to_owned()));
        headers.push(("x-ratelimit-remaining", "0".to_owned()));
        headers.push(("x-ratelimit-reset", format!("{reset:.3}")));
        headers.push(("x-ratelimit-reset-after", retry_after.to_string()));
        headers.push(("x-ratelimit-bucket", "fake-discord-bucket".to_owned()));
        let scope = if global { "global" } else { "user" };
        headers.push(("x-ratelimit-scope", scope.to_owned()));
        if global {
            headers.push(("x-ratelimit-global", "true".to_owned()));
        }
    }
    // serenity decodes every error body as {code, message}.
    if body.get("code").is_none() {
        body["code"] = json!(0);
    }
    if body.get("message").is_none() {
        body["message"] = json!(format!("fake-discord injected a {} response", fault.status));
    }
    Reply {
        status: fault.status,
        body: Some(body),
        headers,
    }
}

impl State {
    fn serve(&mut self, incoming: Wire, gateway_url: &str) -> Reply {
        let (body, files, body_problem) =
            decode_body(incoming.content_type.as_deref(), &incoming.bytes);
        let path = match incoming.path.strip_prefix("/api/v10") {
            Some(path) => path.to_owned(),
            None => incoming.path.clone(),
        };
        let context = format!("{} {}", incoming.method, path);
        let mut problems = Vec::new();
        let reply = {
            let mut found = Findings {
                context: &context,
                list: &mut problems,
            };
            if !incoming.path.starts_with("/api/v10/") {
                found.add("the request is not under /api/v10");
            }
            if let Some(problem) = body_problem {
                found.add(problem);
            }
            let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
            check_body(&mut found, &incoming.method, &segments, &body, files.len());
            let expected = format!("Bot {}", FakeDiscord::BOT_TOKEN);
            if !token_route(&segments) && incoming.authorization.as_deref() != Some(&expected) {
                found.add("the Authorization header is not `Bot <BOT_TOKEN>`");
                Reply::error(401, 0, "401: Unauthorized")
            } else if let Some(fault) = self.take_fault(&incoming.method, &path) {
                fault_reply(fault)
            } else {
                let call = Call {
                    method: &incoming.method,
                    query: &incoming.query,
                    body: &body,
                    files: &files,
                };
                self.route(&mut found, &call, &segments, gateway_url)
            }
        };
        self.violations.extend(problems);
        if self.lean {
            return reply;
        }
        self.requests.push(Recorded {
            method: incoming.method,
            path,
            query: incoming.query,
            body,
            files,
            status: reply.status,
        });
        reply
    }

    fn take_delay(&mut self, method: &str, path: &str) -> Option<Duration> {
        let path = path.strip_prefix("/api/v10").unwrap_or(path);
        let index = self.delays.iter().position(|delay| {
            delay.method.eq_ignore_ascii_case(method) && path.starts_with(&delay.path_prefix)
        })?;
        Some(self.delays.remove(index).by)
    }

    fn take_fault(&mut self, method: &str, path: &str) -> Option<Fault> {
        let index = self.faults.iter().position(|fault| {
            fault.method.eq_ignore_ascii_case(method) && path.starts_with(&fault.path_prefix)
        })?;
        Some(self.faults.remove(index))
    }
}
