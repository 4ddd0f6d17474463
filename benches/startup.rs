//! Prints how fast the real `exobot run` process reaches READY against the loopback fake
//! Discord, its resident memory when idle, and interaction round trips through the fake.
//! Figures, not pass/fail: run with `cargo bench --bench startup`.

#![allow(
    clippy::unwrap_used,
    reason = "a benchmark stops loudly on a broken setup"
)]

#[path = "../tests/e2e/process.rs"]
mod process;
#[path = "../tests/support/mod.rs"]
#[expect(
    dead_code,
    unused_imports,
    reason = "the benchmark drives the fake Discord with a part of the tests' helpers"
)]
mod support;

use std::process::{Child, Command};
use std::time::{Duration, Instant};

use serde_json::json;
use support::{permissions, FakeDiscord, Place};

const RUNS: usize = 10;

fn rss_kib(child: &Child) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// Resident memory split as `(file-backed, anonymous)` in KiB: the code of the binary and its
/// shared libraries read in from disk, and what the bot allocated.
fn rss_split_kib(child: &Child) -> (u64, u64) {
    let rollup = std::fs::read_to_string(format!("/proc/{}/smaps_rollup", child.id())).unwrap();
    let field = |key: &str| -> u64 {
        rollup
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    let anonymous = field("Anonymous:");
    (field("Rss:").saturating_sub(anonymous), anonymous)
}

fn spawn(fake: &FakeDiscord, data: &std::path::Path) -> Child {
    process::exobot_run(fake, data).spawn().unwrap()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let data = std::env::temp_dir().join(format!("exobot-bench-startup-{}", std::process::id()));
    let mut ready = Vec::new();
    let mut idle = Vec::new();
    for run in 0..RUNS {
        let fake = FakeDiscord::start().await;
        let started = Instant::now();
        let mut child = spawn(&fake, &data);
        fake.wait_ready().await;
        ready.push(started.elapsed());
        if run == RUNS - 1 {
            tokio::time::sleep(Duration::from_secs(2)).await;
            idle.push(rss_kib(&child));
            let (file, anonymous) = rss_split_kib(&child);
            println!(
                "idle rss: file_backed_mb={:.1} (code of the binary and its libraries) anonymous_mb={:.1}",
                file as f64 / 1024.0,
                anonymous as f64 / 1024.0
            );
            // Round trips through the fake: dispatch to callback, for the three member commands.
            let place = Place::Guild {
                guild_id: 1,
                channel_id: 2,
                user_id: 3,
                permissions: permissions::MEMBER,
            };
            for (name, payload) in [
                (
                    "fact",
                    support::slash_command(
                        "fact",
                        json!([{ "name": "topic", "type": 3, "value": "fda-status" }]),
                        place,
                    ),
                ),
                (
                    "autocomplete",
                    support::autocomplete("fact", "topic", "side eff", place),
                ),
                (
                    "ask",
                    support::slash_command(
                        "ask",
                        json!([{ "name": "question", "type": 3, "value": "is it legal" }]),
                        place,
                    ),
                ),
            ] {
                let mut times = Vec::new();
                for _ in 0..200 {
                    let mut p = payload.clone();
                    let id = support::snowflake();
                    p["id"] = json!(id.to_string());
                    p["token"] = json!(format!("bench-token-{id}"));
                    let t = Instant::now();
                    fake.interact(p).await;
                    times.push(t.elapsed());
                }
                times.sort();
                println!(
                    "round trip {name}: n=200 p50_ms={:.3} p99_ms={:.3}",
                    percentile(&times, 0.5).as_secs_f64() * 1e3,
                    percentile(&times, 0.99).as_secs_f64() * 1e3
                );
            }
            idle.push(rss_kib(&child));
        }
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(child.id().to_string())
            .status();
        let _ = child.wait();
        fake.shutdown().await;
    }
    ready.sort();
    println!(
        "startup: runs={RUNS} start_to_ready_ms p50={:.1} max={:.1} idle_rss_mb={:.1} rss_after_600_interactions_mb={:.1}",
        percentile(&ready, 0.5).as_secs_f64() * 1e3,
        ready.last().unwrap().as_secs_f64() * 1e3,
        idle[0] as f64 / 1024.0,
        idle[1] as f64 / 1024.0,
    );
    let _ = std::fs::remove_dir_all(data);
}
