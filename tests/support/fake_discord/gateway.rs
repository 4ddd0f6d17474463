//! The gateway half of the fake: plain JSON text frames over `ws://127.0.0.1`.
//!
//! Script: HELLO on connect; op 1 -> op 11 (none on a silenced, zombie connection); IDENTIFY ->
//! READY (a new session of the shard it names); RESUME -> the missed dispatches, then RESUMED. A
//! test may also send op 7, op 9, a close frame, or a raw frame. Dispatches go only to the
//! connection that got READY or RESUMED for their shard, and every dispatch is kept for replay,
//! so an event sent while the client is reconnecting arrives after its RESUME.
//!
//! Shards: IDENTIFY's `shard: [id, total]` (absent: `[0, 1]`) picks the session; each shard has
//! its own. A guild's events go to shard `(guild_id >> 22) % total`, DMs and events without a
//! guild to shard 0. The fake's test controls (drop, op 7, op 9, zombie, raw frame) act on
//! shard 0. Each IDENTIFY takes one of `session_start_limit.remaining`; one with none left, one
//! for a shard another connection serves, or one whose total differs from the running shards'
//! is a violation.

use std::sync::Arc;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;

use super::payloads::{parse_id, ready_data};
use super::state::{ConnCmd, Live, Session, ShardGateway, Shared, State};
use super::FakeDiscord;

/// The heartbeat interval sent in HELLO: short enough that a test of a few seconds sees
/// heartbeats, long enough that a loaded machine does not miss an ACK and reconnect.
pub const HEARTBEAT_INTERVAL_MS: u64 = 1000;

pub(super) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                // Small frames and responses go out at once, as they would to Discord.
                let _ = stream.set_nodelay(true);
                let task = tokio::spawn(connection(stream, Arc::clone(&shared)));
                shared.track(task.abort_handle());
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
}

/// How many dispatches a session keeps for replay in load mode.
const LEAN_REPLAY_LOG: usize = 4096;

/// A whole dispatch frame.
pub(super) fn dispatch_frame(seq: u64, event: &str, data: &Value) -> String {
    // Written out directly: a json! object would first copy the whole payload.
    let mut frame = format!("{{\"op\":0,\"s\":{seq},\"t\":{},\"d\":", json!(event));
    frame.push_str(&data.to_string());
    frame.push('}');
    frame
}

/// What one frame from the client asks the connection to do.
enum Step {
    Send(Vec<String>),
    Close(u16, &'static str),
}

async fn connection(stream: TcpStream, shared: Arc<Shared>) {
    let Ok(socket) = tokio_tungstenite::accept_async(stream).await else {
        shared
            .lock()
            .violations
            .push("gateway: a connection failed the websocket handshake".into());
        return;
    };
    let (mut sink, mut stream) = socket.split();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let conn = {
        let mut state = shared.lock();
        state.gateway.stats.connections += 1;
        state.gateway.next_conn += 1;
        state.gateway.next_conn
    };
    let hello = json!({ "op": 10, "d": { "heartbeat_interval": HEARTBEAT_INTERVAL_MS } });
    if sink.send(Message::Text(hello.to_string())).await.is_err() {
        return;
    }
    let mut closing = false;
    loop {
        tokio::select! {
            frame = stream.next() => match frame {
                Some(Ok(Message::Text(text))) if !closing => {
                    let step = shared.lock().client_frame(conn, &tx, &text, &shared.gateway_url);
                    shared.changed.notify_waiters();
                    let sent = match step {
                        Step::Send(frames) => send_all(&mut sink, frames).await,
                        Step::Close(code, reason) => {
                            let frame = CloseFrame { code: CloseCode::from(code), reason: reason.into() };
                            closing = true;
                            sink.send(Message::Close(Some(frame))).await.is_ok()
                        },
                    };
                    if !sent {
                        break;
                    }
                },
                Some(Ok(Message::Close(frame))) => {
                    // Keep reading: tungstenite answers the close frame, then the stream ends.
                    closing = true;
                    let code = frame.map(|frame| u16::from(frame.code));
                    shared.lock().client_closed(conn, code);
                    shared.changed.notify_waiters();
                },
                Some(Ok(Message::Binary(_))) => {
                    shared.lock().violations.push("gateway: the client sent a binary frame".into());
                },
                Some(Ok(_)) => {},
                Some(Err(_)) | None => break,
            },
            command = rx.recv() => match command {
                Some(ConnCmd::Frame(text)) => {
                    if sink.send(Message::Text(text)).await.is_err() {
                        break;
                    }
                },
                Some(ConnCmd::Close(code)) => {
                    let frame = CloseFrame { code: CloseCode::from(code), reason: "fake-discord closed the connection".into() };
                    closing = true;
                    if sink.send(Message::Close(Some(frame))).await.is_err() {
                        break;
                    }
                },
                Some(ConnCmd::Drop(done)) => {
                    // Dropping both halves closes the TCP connection without a close frame.
                    drop(sink);
                    drop(stream);
                    shared.lock().connection_gone(conn);
                    shared.changed.notify_waiters();
                    let _ = done.send(());
                    return;
                },
                None => break,
            },
        }
    }
    shared.lock().connection_gone(conn);
    shared.changed.notify_waiters();
}

async fn send_all<S>(sink: &mut S, frames: Vec<String>) -> bool
where
    S: futures::Sink<Message> + Unpin,
{
    for frame in frames {
        if sink.send(Message::Text(frame)).await.is_err() {
            return false;
        }
    }
    true
}

impl State {
    fn client_frame(
        &mut self,
        conn: u64,
        tx: &mpsc::UnboundedSender<ConnCmd>,
        text: &str,
        gateway_url: &str,
    ) -> Step {
        let Ok(payload) = serde_json::from_str::<Value>(text) else {
            self.violations.push(format!(
                "gateway: the client sent a frame that is not JSON: {text}"
            ));
            return Step::Close(4002, "Error while decoding payload.");
        };
        let op = payload.get("op").and_then(Value::as_u64);
        let data = payload.get("d").cloned().unwrap_or(Value::Null);
        let identified = self.gateway.shard_of_conn(conn).is_some();
        match op {
            Some(1) if self.gateway.silent_conn == Some(conn) => {
                self.gateway.stats.unacked += 1;
                Step::Send(Vec::new())
            }
            Some(1) => {
                self.gateway.stats.heartbeats += 1;
                Step::Send(vec![json!({ "op": 11 }).to_string()])
            }
            Some(2) if identified => {
                self.violations
                    .push("gateway: IDENTIFY sent twice on one connection".into());
                Step::Close(4005, "Already authenticated.")
            }
            Some(2) => {
                if !token_ok(&data) {
                    self.violations
                        .push("gateway: IDENTIFY with a token that is not BOT_TOKEN".into());
                    return Step::Close(4004, "Authentication failed.");
                }
                let Some((shard, total)) = shard_of(&data) else {
                    self.violations
                        .push(format!("gateway: IDENTIFY with an invalid shard: {data}"));
                    return Step::Close(4010, "Invalid shard.");
                };
                self.identify_checks(shard, total);
                let limit = &mut self.gateway.start_limit;
                if limit.remaining == 0 {
                    self.violations.push(format!(
                        "gateway: IDENTIFY of shard {shard} with no session start left"
                    ));
                    return Step::Send(vec![json!({ "op": 9, "d": false }).to_string()]);
                }
                limit.remaining -= 1;
                self.gateway.total = total;
                self.gateway.stats.identifies += 1;
                self.gateway.sessions_started += 1;
                let session_id = format!("fake-session-{}", self.gateway.sessions_started);
                let ready = ready_data(&session_id, gateway_url, [shard, total]);
                let ready = dispatch_frame(1, "READY", &ready);
                let entry = self.gateway.shards.entry(shard).or_default();
                entry.session = Some(Session {
                    id: session_id,
                    seq: 1,
                    log: Vec::new(),
                });
                entry.live = Some(Live {
                    conn,
                    tx: tx.clone(),
                });
                Step::Send(vec![ready])
            }
            Some(6) => {
                let session_id = data.get("session_id").and_then(Value::as_str);
                let seq = data.get("seq").and_then(Value::as_u64).unwrap_or(0);
                let shard = self.gateway.shards.values_mut().find(|shard| {
                    shard
                        .session
                        .as_ref()
                        .is_some_and(|s| Some(s.id.as_str()) == session_id)
                });
                let Some(shard) = shard.filter(|_| token_ok(&data)) else {
                    // Discord's answer to a RESUME it cannot honour: not resumable.
                    return Step::Send(vec![json!({ "op": 9, "d": false }).to_string()]);
                };
                let session = shard.session.as_mut().expect("found by its session");
                let mut frames: Vec<String> = session
                    .log
                    .iter()
                    .filter(|(logged, _)| *logged > seq)
                    .map(|(_, frame)| frame.clone())
                    .collect();
                session.seq += 1;
                frames.push(dispatch_frame(session.seq, "RESUMED", &json!({})));
                shard.live = Some(Live {
                    conn,
                    tx: tx.clone(),
                });
                self.gateway.stats.resumes += 1;
                Step::Send(frames)
            }
            Some(3 | 4 | 8 | 31) => Step::Send(Vec::new()),
            _ => {
                self.violations
                    .push(format!("gateway: unknown opcode in {text}"));
                Step::Close(4001, "Unknown opcode.")
            }
        }
    }

    /// What an IDENTIFY of `shard` of `total` breaks, recorded as violations: a shard another
    /// connection serves, or a total unlike the running shards'.
    fn identify_checks(&mut self, shard: u32, total: u32) {
        let live = self.gateway.live_shards();
        if live.contains(&shard) {
            self.violations.push(format!(
                "gateway: IDENTIFY of shard {shard} while another connection serves it"
            ));
        }
        if !live.is_empty() && total != self.gateway.total {
            self.violations.push(format!(
                "gateway: IDENTIFY of shard {shard} of {total} while shards {live:?} run with a \
                 total of {}",
                self.gateway.total
            ));
        }
    }

    /// The client sent a close frame: 1000 and 1001 end the session, as on Discord.
    fn client_closed(&mut self, conn: u64, code: Option<u16>) {
        let Some(shard) = self.gateway.shard_of_conn(conn) else {
            return;
        };
        let shard = self.gateway.shards.entry(shard).or_default();
        shard.live = None;
        if matches!(code, Some(1000 | 1001)) {
            shard.session = None;
        }
    }

    fn connection_gone(&mut self, conn: u64) {
        if let Some(shard) = self.gateway.shard_of_conn(conn) {
            self.gateway.shards.entry(shard).or_default().live = None;
        }
    }

    /// Shard 0's session and connection (the test controls act on it).
    fn shard_zero(&mut self) -> &mut ShardGateway {
        self.gateway.shards.entry(0).or_default()
    }

    /// Sends a command to shard 0's live connection and detaches it, so that dispatches wait in
    /// the session's log for a RESUME; false when no connection is live.
    pub(super) fn detach_live(&mut self, command: ConnCmd) -> bool {
        let Some(live) = self.shard_zero().live.take() else {
            return false;
        };
        // If the task is already gone, the connection is closed anyway.
        let _ = live.tx.send(command);
        true
    }

    /// Op 9 on shard 0: the session is gone; the client must IDENTIFY again. Dispatches of the
    /// old session are not replayed, as on Discord.
    pub(super) fn invalidate_session(&mut self) -> bool {
        let op9 = json!({ "op": 9, "d": false }).to_string();
        let sent = self.detach_live(ConnCmd::Frame(op9));
        self.shard_zero().session = None;
        sent
    }

    /// Shard 0's live connection stops getting heartbeat ACKs and dispatches: a zombie the
    /// client must notice on its own.
    pub(super) fn silence_live(&mut self) -> bool {
        let Some(live) = self.shard_zero().live.take() else {
            return false;
        };
        self.gateway.silent_conn = Some(live.conn);
        true
    }

    /// Sends a frame as it is to shard 0's live connection, outside the session's log.
    pub(super) fn send_raw(&mut self, text: String) -> bool {
        self.shard_zero()
            .live
            .as_ref()
            .is_some_and(|live| live.tx.send(ConnCmd::Frame(text)).is_ok())
    }

    /// Logs a dispatch in the session of the shard Discord would send it on (by its `guild_id`)
    /// and sends it to that shard's live connection, if any.
    pub(super) fn dispatch(&mut self, event: &str, data: &Value) -> Result<(), String> {
        let shard = self
            .gateway
            .shard_for(data.get("guild_id").and_then(parse_id));
        let lean = self.lean;
        let gateway = self.gateway.shards.entry(shard).or_default();
        let Some(session) = gateway.session.as_mut() else {
            return Err(format!(
                "no gateway session on shard {shard}: no client has identified it"
            ));
        };
        session.seq += 1;
        let frame = dispatch_frame(session.seq, event, data);
        session.log.push((session.seq, frame.clone()));
        if lean && session.log.len() > LEAN_REPLAY_LOG {
            // A load test keeps only the recent past for a RESUME.
            session.log.drain(..LEAN_REPLAY_LOG / 2);
        }
        if let Some(live) = &gateway.live {
            // A send error means the connection is going away; RESUME replays the frame.
            let _ = live.tx.send(ConnCmd::Frame(frame));
        }
        Ok(())
    }
}

/// IDENTIFY's `shard: [id, total]`, `[0, 1]` when absent; `None` when it is not a valid pair.
fn shard_of(data: &Value) -> Option<(u32, u32)> {
    let Some(pair) = data.get("shard") else {
        return Some((0, 1));
    };
    let number = |i: usize| pair.get(i)?.as_u64().and_then(|n| u32::try_from(n).ok());
    let (shard, total) = (number(0)?, number(1)?);
    (shard < total).then_some((shard, total))
}

fn token_ok(data: &Value) -> bool {
    let token = data
        .get("token")
        .and_then(Value::as_str)
        .unwrap_or_default();
    token.strip_prefix("Bot ").unwrap_or(token) == FakeDiscord::BOT_TOKEN
}
