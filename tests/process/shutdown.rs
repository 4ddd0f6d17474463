//! `exobot run` stops on SIGTERM or Ctrl-C in every state of its connection, within a few
//! seconds and with exit status 0: while Discord cannot be reached at all, while its first
//! request hangs, while it reconnects after Discord went away, and while it waits to identify
//! again. A token Discord refuses ends the process with a clear message instead of retrying
//! forever.

use std::path::Path;
use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

use crate::e2e;
use crate::support::FakeDiscord;

/// "A few seconds": serenity's own shard shutdown may wait 5 s, the bot must not.
const STOP_WITHIN: Duration = Duration::from_secs(5);

fn signal(pid: u32, name: &str) {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(status.success());
}

fn wait_exit(child: &mut Child, within: Duration, what: &str) -> ExitStatus {
    let deadline = Instant::now() + within;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the bot did not stop within {within:?} {what}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

async fn wait_for_log(path: &Path, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let log = std::fs::read_to_string(path).unwrap_or_default();
        if log.contains(needle) {
            return log;
        }
        assert!(
            Instant::now() < deadline,
            "no {needle:?} in the log:\n{log}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// `exobot run` at log level info, its stderr in `<data>.log`.
fn spawn(command: &mut Command, data: &Path) -> (Child, std::path::PathBuf) {
    std::fs::create_dir_all(data).unwrap();
    let log = data.join("stderr.log");
    let child = command
        .env("EXOBOT_LOG_LEVEL", "info")
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    (child, log)
}

/// An address on 127.0.0.1 where nothing listens: every connection is refused.
async fn refusing_address() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{address}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_stops_the_bot_while_discord_cannot_be_reached() {
    let fake = FakeDiscord::start().await;
    let data = e2e::bot::data_dir("shutdown-unreachable");
    let mut command = e2e::process::exobot_run(&fake, &data.path);
    command.env("EXOBOT_PROXY_URL", refusing_address().await);
    let (mut child, log) = spawn(&mut command, &data.path);
    // It keeps trying, every 5 s, and says so.
    wait_for_log(&log, "cannot reach Discord").await;
    signal(child.id(), "INT");
    let started = Instant::now();
    let status = wait_exit(&mut child, STOP_WITHIN, "on Ctrl-C while unreachable");
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(status.code(), Some(0), "{text}");
    assert!(text.contains("shutting down"), "{text}");
    assert!(text.contains("retry_in=5s"), "{text}");
    println!("stopped {:?} after SIGINT", started.elapsed());
    assert!(fake.requests().is_empty(), "nothing reached the fake");
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_the_bot_while_its_first_request_to_discord_hangs() {
    let fake = FakeDiscord::start().await;
    // Accepts connections and never answers: the bot is stuck connecting.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (accepted_tx, mut accepted) = tokio::sync::mpsc::channel(4);
    let silent = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
            let _ = accepted_tx.send(()).await;
        }
    });
    let data = e2e::bot::data_dir("shutdown-connecting");
    let mut command = e2e::process::exobot_run(&fake, &data.path);
    command.env("EXOBOT_PROXY_URL", format!("http://{address}"));
    let (mut child, log) = spawn(&mut command, &data.path);
    tokio::time::timeout(Duration::from_secs(10), accepted.recv())
        .await
        .expect("the bot connects")
        .unwrap();
    signal(child.id(), "TERM");
    let status = wait_exit(&mut child, STOP_WITHIN, "on SIGTERM while connecting");
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(status.code(), Some(0), "{text}");
    assert!(text.contains("shutting down"), "{text}");
    silent.abort();
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_the_bot_while_it_reconnects_after_discord_went_away() {
    let fake = FakeDiscord::start().await;
    let data = e2e::bot::data_dir("shutdown-reconnecting");
    let mut command = e2e::process::exobot_run(&fake, &data.path);
    let (mut child, log) = spawn(&mut command, &data.path);
    fake.wait_ready().await;
    // Discord goes away: every connection closed, nothing listening any more.
    fake.shutdown().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    signal(child.id(), "TERM");
    let status = wait_exit(&mut child, STOP_WITHIN, "on SIGTERM while reconnecting");
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(status.code(), Some(0), "{text}");
    assert!(text.contains("shutting down"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_the_bot_while_it_waits_to_identify_again() {
    let fake = FakeDiscord::start().await;
    let data = e2e::bot::data_dir("shutdown-identifying");
    let mut command = e2e::process::exobot_run(&fake, &data.path);
    let (mut child, log) = spawn(&mut command, &data.path);
    fake.wait_ready().await;
    // Not resumable: serenity waits 5 s before it identifies again.
    fake.invalidate_session();
    tokio::time::sleep(Duration::from_millis(300)).await;
    signal(child.id(), "TERM");
    let status = wait_exit(&mut child, STOP_WITHIN, "on SIGTERM while identifying");
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(status.code(), Some(0), "{text}");
    assert!(text.contains("shutting down"), "{text}");
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_discord_refuses_ends_the_bot_with_a_clear_message() {
    let fake = FakeDiscord::start().await;
    let data = e2e::bot::data_dir("shutdown-wrong-token");
    let mut command = e2e::process::exobot_run(&fake, &data.path);
    command.env("DISCORD_TOKEN", "not.the-right.token");
    let (mut child, log) = spawn(&mut command, &data.path);
    let status = wait_exit(&mut child, Duration::from_secs(10), "with a refused token");
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(status.code(), Some(2), "{text}");
    assert!(
        text.contains(
            "exobot: Discord refused the bot token (401 Unauthorized): check DISCORD_TOKEN"
        ),
        "{text}"
    );
    assert!(!text.contains("not.the-right.token"), "{text}");
    // One try, no retries, and no gateway connection.
    let calls: Vec<_> = fake
        .requests()
        .into_iter()
        .map(|r| format!("{} {} {}", r.method, r.path, r.status))
        .collect();
    assert_eq!(calls, ["GET /gateway/bot 401"]);
    assert_eq!(fake.gateway_stats().identifies, 0);
    fake.shutdown().await;
}
