//! Load benchmark: the real `exobot run` process answering interactions dispatched through the
//! loopback fake Discord, timed from dispatch to the callback arriving at the fake. A mix of
//! fact commands, autocomplete and clinic-check button presses; closed loop (a fixed number in
//! flight), then open loop at fixed rates. Prints figures and one closing line:
//! `load: interactions=N answered=N lost=N rate_per_s=X p50_ms=X p99_ms=X max_ms=X rss_mb=X`
//! Run with `cargo bench --bench load` (set LOAD_INTERACTIONS to change the closed-loop count).

#![allow(
    clippy::unwrap_used,
    reason = "a benchmark stops loudly on a broken setup"
)]

#[path = "../tests/e2e/process.rs"]
mod process;
#[path = "../tests/support/mod.rs"]
mod support;

use std::process::{Child, Command};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{permissions, FakeDiscord, Place};

/// How many interactions the closed loop keeps in flight: LOAD_IN_FLIGHT, or 32.
fn in_flight() -> usize {
    std::env::var("LOAD_IN_FLIGHT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32)
}

/// Open-loop runs (rate per second, seconds): from OPEN_LOOPS="4000x5,16000x3", or those two.
fn open_loops() -> Vec<(u64, u64)> {
    std::env::var("OPEN_LOOPS")
        .unwrap_or_else(|_| "4000x5,16000x3".to_owned())
        .split(',')
        .filter_map(|r| r.split_once('x'))
        .filter_map(|(rate, s)| Some((rate.trim().parse().ok()?, s.trim().parse().ok()?)))
        .collect()
}

fn place(n: usize) -> Place {
    Place::Guild {
        guild_id: 1,
        channel_id: 2,
        user_id: 10 + (n % 50) as u64,
        permissions: permissions::MEMBER,
    }
}

fn dm() -> Place {
    Place::Dm {
        channel_id: 3,
        user_id: 4,
    }
}

/// The n-th interaction of the mix: 7 in 10 fact commands, 2 autocomplete, 1 clinic-check press.
fn interaction(n: usize, check_message: &Value, check_button: &str) -> Value {
    const TOPICS: [&str; 3] = ["fda-status", "safety-risks", "what-are-exosomes"];
    const TYPED: [&str; 3] = ["side eff", "fda", "nebr"];
    match n % 10 {
        0..=6 => {
            let topic = TOPICS[n % 3];
            support::slash_command(
                "fact",
                json!([{ "name": "topic", "type": 3, "value": topic }]),
                place(n),
            )
        }
        7 | 8 => support::autocomplete("fact", "topic", TYPED[n % 3], place(n)),
        _ => support::button(check_button, check_message.clone(), dm()),
    }
}

fn proc_field(pid: u32, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// User plus system CPU time of a process, in milliseconds.
fn cpu_ms(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap()
        .split_whitespace()
        .collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    ticks as f64 * 1000.0 / 100.0
}

/// The bot under load, in a process of its own so that its memory and CPU are its own.
fn spawn(fake: &FakeDiscord, data: &std::path::Path) -> Child {
    match fake.tls_endpoint() {
        None => process::exobot_run(fake, data).spawn().unwrap(),
        // The TLS way: this benchmark again, as the bot (see `tls_bot`).
        Some((address, certificate)) => Command::new(std::env::current_exe().unwrap())
            .env(TLS_BOT, format!("{address}"))
            .env("LOAD_BOT_CERTIFICATE", hex(&certificate))
            .env("LOAD_BOT_DATA", data)
            .spawn()
            .unwrap(),
    }
}

/// Set in the child that runs the bot the TLS way: the fake's TLS address.
const TLS_BOT: &str = "LOAD_TLS_BOT";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// The bot as `exobot run` starts it, but reaching Discord over TLS at the fake, with serenity's
/// own rate limiter on (which keeps a bucket per interaction route): the way the bot runs in
/// production, short of the real address. Stops on SIGTERM.
async fn tls_bot(address: &str) {
    let address = address.parse().unwrap();
    let certificate = unhex(&std::env::var("LOAD_BOT_CERTIFICATE").unwrap());
    let mut config = exobot::config::Config::defaults();
    config.token = Some(FakeDiscord::BOT_TOKEN.to_owned());
    config.knowledge_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    config.data_dir = std::env::var("LOAD_BOT_DATA").unwrap().into();
    config.state_secret = Some("load benchmark secret".to_owned());
    config.health_addr = None;
    let mut bot = exobot::startup::prepare(&config).unwrap();
    bot.options.proxy_url = None;
    bot.options.http_client = Some(support::tls_client(address, &certificate));
    let mut term =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).unwrap();
    bot.serve(async move {
        term.recv().await;
    })
    .await;
}

struct Run {
    latencies: Vec<Duration>,
    lost: usize,
    elapsed: Duration,
}

/// How long an answer may take before it counts as lost (Discord's deadline).
const LOST_AFTER: Duration = Duration::from_secs(3);

/// Sends one interaction and times its answer; `None` when none came in time.
async fn one(fake: Arc<FakeDiscord>, payload: Value) -> Option<Duration> {
    let started = Instant::now();
    fake.interact_within(payload, LOST_AFTER)
        .await
        .map(|_| started.elapsed())
}

/// Interactions `first..end` with [`in_flight`] of them in flight at any time.
async fn closed_loop(
    fake: &Arc<FakeDiscord>,
    (first, end): (usize, usize),
    msg: &Value,
    button: &str,
) -> Run {
    let total = end;
    let next = Arc::new(AtomicUsize::new(first));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..in_flight() {
        let (fake, next, msg, button) =
            (fake.clone(), next.clone(), msg.clone(), button.to_owned());
        workers.push(tokio::spawn(async move {
            let mut times = Vec::new();
            let mut lost = 0;
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= total {
                    break;
                }
                match one(fake.clone(), interaction(n, &msg, &button)).await {
                    Some(t) => times.push(t),
                    None => lost += 1,
                }
            }
            (times, lost)
        }));
    }
    let mut run = Run {
        latencies: Vec::new(),
        lost: 0,
        elapsed: Duration::ZERO,
    };
    for w in workers {
        let (times, lost) = w.await.unwrap();
        run.latencies.extend(times);
        run.lost += lost;
    }
    run.elapsed = started.elapsed();
    run
}

async fn open_loop(
    fake: &Arc<FakeDiscord>,
    rate: u64,
    seconds: u64,
    msg: &Value,
    button: &str,
) -> Run {
    let total = (rate * seconds) as usize;
    let (msg, button): (Arc<Value>, Arc<str>) = (Arc::new(msg.clone()), Arc::from(button));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(total);
    let mut n = 0;
    while n < total {
        // All that is due by now goes out; a sleep per interaction would be held to the
        // timer's granularity (about 1 ms) and cap the rate.
        let due = ((started.elapsed().as_secs_f64() * rate as f64) as usize + 1).min(total);
        for n in n..due {
            let (fake, msg, button) = (fake.clone(), msg.clone(), button.clone());
            tasks.push(tokio::spawn(async move {
                one(fake, interaction(n, &msg, &button)).await
            }));
        }
        n = due;
        tokio::time::sleep(Duration::from_micros(200)).await;
    }
    let mut run = Run {
        latencies: Vec::new(),
        lost: 0,
        elapsed: Duration::ZERO,
    };
    for t in tasks {
        match t.await.unwrap() {
            Some(d) => run.latencies.push(d),
            None => run.lost += 1,
        }
    }
    run.elapsed = started.elapsed();
    run
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    if let Ok(address) = std::env::var(TLS_BOT) {
        return tls_bot(&address).await;
    }
    let tls = std::env::var("LOAD_WAY").is_ok_and(|way| way == "tls");
    let total: usize = std::env::var("LOAD_INTERACTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let data = std::env::temp_dir().join(format!("exobot-bench-load-{}", std::process::id()));
    let fake = Arc::new(if tls {
        FakeDiscord::start_tls().await.0
    } else {
        FakeDiscord::start().await
    });
    println!(
        "the bot reaches the fake {}",
        if tls {
            "over TLS, serenity's rate limiter on"
        } else {
            "through the proxy setting, serenity's rate limiter off"
        }
    );
    let mut child = spawn(&fake, &data);
    fake.wait_ready().await;
    let pid = child.id();

    // A clinic check in DMs whose first answer button the mix keeps pressing.
    let start = support::slash_command("clinic-check", Value::Null, dm());
    fake.interact(start.clone()).await;
    let check_message = fake.original_response(&start).unwrap();
    let button = check_message["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Each kind of the mix once through the fake's full checks (serenity reads it, the answer
    // is kept and checked), then load mode: bodies are still checked, nothing is kept.
    for n in 0..10 {
        let answer = fake.interact(interaction(n, &check_message, &button)).await;
        assert!(answer.get("type").is_some(), "{answer}");
    }
    fake.keep_history(false);

    let me = std::process::id();
    let (cpu_before, fake_cpu_before) = (cpu_ms(pid), cpu_ms(me));
    // In four parts, to show the bot's memory after each.
    let mut run = Run {
        latencies: Vec::with_capacity(total),
        lost: 0,
        elapsed: Duration::ZERO,
    };
    let part = total.div_ceil(4).max(1);
    for first in (0..total).step_by(part) {
        let end = (first + part).min(total);
        let done = closed_loop(&fake, (first, end), &check_message, &button).await;
        run.latencies.extend(done.latencies);
        run.lost += done.lost;
        run.elapsed += done.elapsed;
        println!(
            "after {end} interactions: bot rss_mb={:.1}",
            proc_field(pid, "VmRSS:") as f64 / 1024.0
        );
    }
    let cpu = cpu_ms(pid) - cpu_before;
    let fake_cpu = cpu_ms(me) - fake_cpu_before;
    let peak_kib = proc_field(pid, "VmHWM:");
    run.latencies.sort();
    let answered = run.latencies.len();
    println!(
        "closed loop, {} in flight: bot_cpu_ms_per_1000={:.1} fake_cpu_ms_per_1000={:.1} peak_rss_mb={:.1} rss_now_mb={:.1}",
        in_flight(),
        cpu / (total as f64 / 1000.0),
        fake_cpu / (total as f64 / 1000.0),
        peak_kib as f64 / 1024.0,
        proc_field(pid, "VmRSS:") as f64 / 1024.0,
    );
    for (rate, seconds) in open_loops() {
        let mut run = open_loop(&fake, rate, seconds, &check_message, &button).await;
        run.latencies.sort();
        println!(
            "open loop {rate}/s for {seconds} s: answered={} lost={} achieved_per_s={:.0} p50_ms={:.3} p99_ms={:.3} max_ms={:.3}",
            run.latencies.len(),
            run.lost,
            run.latencies.len() as f64 / run.elapsed.as_secs_f64(),
            ms(pct(&run.latencies, 0.5)),
            ms(pct(&run.latencies, 0.99)),
            ms(*run.latencies.last().unwrap()),
        );
    }

    println!(
        "bot peak_rss_mb over the whole run (open loops too)={:.1}",
        proc_field(pid, "VmHWM:") as f64 / 1024.0
    );
    let violations = fake.violations();
    if let Some(first) = violations.first() {
        println!(
            "violations: {} (first: {})",
            violations.len(),
            first.chars().take(300).collect::<String>()
        );
    }
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .status();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&data);
    println!(
        "load: interactions={total} answered={answered} lost={} rate_per_s={:.0} p50_ms={:.3} p99_ms={:.3} max_ms={:.3} rss_mb={:.1}",
        run.lost,
        answered as f64 / run.elapsed.as_secs_f64(),
        ms(pct(&run.latencies, 0.5)),
        ms(pct(&run.latencies, 0.99)),
        ms(*run.latencies.last().unwrap()),
        peak_kib as f64 / 1024.0,
    );
}
