//! Load benchmark: the real `exobot run` process and a minimal serenity bot
//! (`benches/baseline/minimal_bot.rs`: an in-memory facts table, one embed per answer) side by
//! side, each answering interactions dispatched through its own fresh loopback fake Discord,
//! timed from dispatch to the callback arriving at the fake. A mix of fact commands,
//! autocomplete and clinic-check button presses; closed loop (a fixed number in flight), then
//! open loop at fixed rates. The two bots run interleaved, `LOAD_RUNS` (3) pairs, alternating
//! which goes first. Each run prints one line; then the medians of each bot, and last:
//! `ratio exobot/minimal (median of N pairs): capacity=X cpu_per_1000=X p99_at_1000=X
//! p99_at_4000=X idle_rss=X peak_rss=X lost=N/M`.
//! Run with `cargo bench --bench load`. `LOAD_INTERACTIONS` (100,000) and `LOAD_IN_FLIGHT` (32)
//! size the closed loop, `OPEN_LOOPS="1000x5,4000x5"` the open loops, `LOAD_BASELINE=off` runs
//! exobot alone, `LOAD_WAY=tls` runs the bots over TLS with serenity's rate limiter on, and
//! `LOAD_BOT_WRAPPER="valgrind --tool=callgrind"` starts each bot under that command (for
//! instruction counts; its times mean nothing then). `LOAD_EXOBOT=in-bench` runs exobot inside
//! this benchmark's binary instead of `exobot run`, where `LOAD_KEPT_ANSWERS=off` turns its kept
//! answers off (to see what they buy).

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

/// Open-loop runs (rate per second, seconds): from OPEN_LOOPS="1000x5,4000x5", or those two.
fn open_loops() -> Vec<(u64, u64)> {
    std::env::var("OPEN_LOOPS")
        .unwrap_or_else(|_| "1000x5,4000x5".to_owned())
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

/// Resident memory split as `(file-backed, anonymous)` in MB: the code of the binary and its
/// libraries read in from disk, and what the bot allocated.
fn rss_split_mb(pid: u32) -> (f64, f64) {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap();
    let field = |key: &str| -> f64 {
        rollup
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let anonymous = field("Anonymous:");
    ((field("Rss:") - anonymous) / 1024.0, anonymous / 1024.0)
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

/// The two bots measured side by side.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Bot {
    Exobot,
    Minimal,
}

impl Bot {
    fn name(self) -> &'static str {
        match self {
            Bot::Exobot => "exobot",
            Bot::Minimal => "minimal",
        }
    }
}

/// `command` run under LOAD_BOT_WRAPPER (e.g. `valgrind --tool=callgrind`), when that is set.
fn wrapped(command: Command) -> Command {
    let Ok(wrapper) = std::env::var("LOAD_BOT_WRAPPER") else {
        return command;
    };
    let mut words = wrapper.split_whitespace();
    let mut out = Command::new(words.next().unwrap());
    out.args(words)
        .arg(command.get_program())
        .args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => out.env(key, value),
            None => out.env_remove(key),
        };
    }
    out
}

/// The bot under load, in a process of its own so that its memory and CPU are its own.
fn spawn(bot: Bot, fake: &FakeDiscord, data: &std::path::Path) -> Child {
    let command = match (bot, fake.tls_endpoint()) {
        (Bot::Exobot, None) if !in_bench() => process::exobot_run(fake, data),
        // The TLS way, or LOAD_EXOBOT=in-bench: this benchmark again, as the bot (see
        // `in_process_bot`).
        (Bot::Exobot, tls) => {
            let mut command = Command::new(std::env::current_exe().unwrap());
            command.env(IN_PROCESS_BOT, "1").env("LOAD_BOT_DATA", data);
            match tls {
                Some((address, certificate)) => command
                    .env(TLS_BOT, format!("{address}"))
                    .env("LOAD_BOT_CERTIFICATE", hex(&certificate)),
                None => command.env("LOAD_BOT_PROXY", fake.proxy_url()),
            };
            command
        }
        (Bot::Minimal, tls) => {
            let mut command = Command::new(env!("CARGO_BIN_EXE_minimal-bot"));
            command.env("MINIMAL_BOT_TOKEN", FakeDiscord::BOT_TOKEN);
            match tls {
                None => command.env("MINIMAL_BOT_PROXY", fake.proxy_url()),
                Some((address, certificate)) => command
                    .env("MINIMAL_BOT_TLS", format!("{address}"))
                    .env("MINIMAL_BOT_CERTIFICATE", hex(&certificate)),
            };
            command
        }
    };
    wrapped(command).spawn().unwrap()
}

/// Set in the child that runs exobot in this benchmark's process.
const IN_PROCESS_BOT: &str = "LOAD_IN_PROCESS_BOT";
/// Set in that child when it reaches the fake over TLS: the fake's TLS address.
const TLS_BOT: &str = "LOAD_TLS_BOT";

/// LOAD_EXOBOT=in-bench: exobot runs in this benchmark's process (where `LOAD_KEPT_ANSWERS=off`
/// can turn its kept answers off) rather than as `exobot run`.
fn in_bench() -> bool {
    std::env::var("LOAD_EXOBOT").is_ok_and(|v| v == "in-bench")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// The bot as `exobot run` starts it, in this benchmark's process: over TLS at the fake (the
/// address in TLS_BOT, with serenity's own rate limiter on, which keeps a bucket per
/// interaction route: the way the bot runs in production, short of the real address), or
/// through the proxy setting (`LOAD_BOT_PROXY`). `LOAD_KEPT_ANSWERS=off` turns the kept
/// answers off. Stops on SIGTERM.
async fn in_process_bot() {
    let mut config = exobot::config::Config::defaults();
    config.token = Some(FakeDiscord::BOT_TOKEN.to_owned());
    config.knowledge_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    config.data_dir = std::env::var("LOAD_BOT_DATA").unwrap().into();
    config.state_secret = Some("test secret".to_owned());
    config.health_addr = None;
    let mut bot = exobot::startup::prepare(&config).unwrap();
    if let Ok(address) = std::env::var(TLS_BOT) {
        let certificate = unhex(&std::env::var("LOAD_BOT_CERTIFICATE").unwrap());
        bot.options.proxy_url = None;
        bot.options.http_client = Some(support::tls_client(address.parse().unwrap(), &certificate));
    } else {
        bot.options.proxy_url = Some(std::env::var("LOAD_BOT_PROXY").unwrap());
    }
    bot.options.keep_answers = std::env::var("LOAD_KEPT_ANSWERS").map_or(true, |v| v != "off");
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

/// The `p` quantile of sorted latencies, in ms (NaN when none came).
fn pct(sorted: &[Duration], p: f64) -> f64 {
    sorted
        .get(((sorted.len() as f64 - 1.0) * p).round() as usize)
        .map_or(f64::NAN, |d| ms(*d))
}

/// What one run of one bot measured.
#[derive(Clone, Debug)]
struct Figures {
    capacity: f64,
    cpu_per_1000: f64,
    /// p99 in ms of each open loop, in the order of [`open_loops`].
    p99: Vec<f64>,
    idle_rss_mb: f64,
    peak_rss_mb: f64,
    lost: usize,
    sent: usize,
}

/// The clinic-check message and its first answer button, which the mix keeps pressing: made by
/// exobot in the first run, reused by later runs of both bots (the state is signed with the
/// benchmark's fixed secret).
struct Check {
    message: Value,
    button: String,
}

/// Starts `bot` against a fresh fake, measures it, stops it.
async fn measure(bot: Bot, tls: bool, total: usize, check: &mut Option<Check>) -> Figures {
    let data = std::env::temp_dir().join(format!("exobot-bench-load-{}", std::process::id()));
    let fake = Arc::new(if tls {
        FakeDiscord::start_tls().await.0
    } else {
        FakeDiscord::start().await
    });
    let mut child = spawn(bot, &fake, &data);
    fake.wait_ready().await;
    let pid = child.id();
    // Idle: connected, nothing asked yet.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let idle_rss_mb = proc_field(pid, "VmRSS:") as f64 / 1024.0;
    let (file_mb, anonymous_mb) = rss_split_mb(pid);

    if bot == Bot::Exobot {
        // A clinic check in DMs whose first answer button the mix keeps pressing.
        let start = support::slash_command("clinic-check", Value::Null, dm());
        fake.interact(start.clone()).await;
        let message = fake.original_response(&start).unwrap();
        let button = message["components"][0]["components"][0]["custom_id"]
            .as_str()
            .unwrap()
            .to_owned();
        *check = Some(Check { message, button });
    }
    let Check { message, button } = check.as_ref().unwrap();

    // Each kind of the mix once through the fake's full checks (serenity reads it, the answer
    // is kept and checked), then load mode: bodies are still checked, nothing is kept.
    for n in 0..10 {
        let answer = fake.interact(interaction(n, message, button)).await;
        assert!(answer.get("type").is_some(), "{answer}");
    }
    fake.keep_history(false);

    let cpu_before = cpu_ms(pid);
    let mut closed = closed_loop(&fake, (0, total), message, button).await;
    let cpu = cpu_ms(pid) - cpu_before;
    closed.latencies.sort();
    let capacity = closed.latencies.len() as f64 / closed.elapsed.as_secs_f64();
    let mut lost = closed.lost;
    let mut sent = total;
    let mut p99 = Vec::new();
    let mut loops = Vec::new();
    for (rate, seconds) in open_loops() {
        let mut run = open_loop(&fake, rate, seconds, message, button).await;
        run.latencies.sort();
        lost += run.lost;
        sent += (rate * seconds) as usize;
        p99.push(pct(&run.latencies, 0.99));
        loops.push(format!(
            "p99_ms_at_{rate}={:.3} (p50 {:.3}, achieved {:.0}/s)",
            p99.last().unwrap(),
            pct(&run.latencies, 0.5),
            run.latencies.len() as f64 / run.elapsed.as_secs_f64(),
        ));
    }
    let peak_rss_mb = proc_field(pid, "VmHWM:") as f64 / 1024.0;
    let violations = fake.violations();
    if let Some(first) = violations.first() {
        println!(
            "{} violations: {} (first: {})",
            bot.name(),
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
    drop(fake);
    let figures = Figures {
        capacity,
        cpu_per_1000: cpu / (total as f64 / 1000.0),
        p99,
        idle_rss_mb,
        peak_rss_mb,
        lost,
        sent,
    };
    println!(
        "{:>7}: capacity_per_s={:.0} (p50 {:.3} ms, p99 {:.3} ms) bot_cpu_ms_per_1000={:.1} {} idle_rss_mb={:.1} (file {file_mb:.1}, anonymous {anonymous_mb:.1}) peak_rss_mb={:.1} lost={}/{}",
        bot.name(),
        figures.capacity,
        pct(&closed.latencies, 0.5),
        pct(&closed.latencies, 0.99),
        figures.cpu_per_1000,
        loops.join(" "),
        figures.idle_rss_mb,
        figures.peak_rss_mb,
        figures.lost,
        figures.sent,
    );
    figures
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// One line of medians over runs, or of ratios over pairs, by what `pick` takes from a run.
fn summary(runs: &[Figures], ratio_to: Option<&[Figures]>) -> String {
    let of = |pick: &dyn Fn(&Figures) -> f64| -> f64 {
        match ratio_to {
            None => median(runs.iter().map(pick).collect()),
            Some(base) => median(
                runs.iter()
                    .zip(base)
                    .map(|(a, b)| pick(a) / pick(b))
                    .collect(),
            ),
        }
    };
    let (speed, cpu, idle, peak) = match ratio_to {
        None => (
            "capacity_per_s",
            "cpu_ms_per_1000",
            "idle_rss_mb",
            "peak_rss_mb",
        ),
        Some(_) => ("capacity", "cpu_per_1000", "idle_rss", "peak_rss"),
    };
    let mut line = format!(
        "{speed}={:.2} {cpu}={:.2}",
        of(&|f| f.capacity),
        of(&|f| f.cpu_per_1000)
    );
    for (i, (rate, _)) in open_loops().iter().enumerate() {
        let name = if ratio_to.is_some() {
            "p99_at_"
        } else {
            "p99_ms_at_"
        };
        line.push_str(&format!(" {name}{rate}={:.3}", of(&|f| f.p99[i])));
    }
    line.push_str(&format!(
        " {idle}={:.2} {peak}={:.2} lost={}/{}",
        of(&|f| f.idle_rss_mb),
        of(&|f| f.peak_rss_mb),
        runs.iter().map(|f| f.lost).sum::<usize>(),
        runs.iter().map(|f| f.sent).sum::<usize>(),
    ));
    line
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    if std::env::var_os(IN_PROCESS_BOT).is_some() {
        return in_process_bot().await;
    }
    let tls = std::env::var("LOAD_WAY").is_ok_and(|way| way == "tls");
    let total: usize = std::env::var("LOAD_INTERACTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let pairs: usize = std::env::var("LOAD_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let baseline = std::env::var("LOAD_BASELINE").map_or(true, |v| v != "off");
    println!(
        "the bots reach the fake {}; closed loop of {total} with {} in flight, then open loops {:?} (rate/s, s); {pairs} runs each, interleaved",
        if tls {
            "over TLS, serenity's rate limiter on"
        } else {
            "through the proxy setting, serenity's rate limiter off"
        },
        in_flight(),
        open_loops(),
    );
    let mut check = None;
    let (mut exobot, mut minimal) = (Vec::new(), Vec::new());
    for pair in 0..pairs {
        // Alternating which bot goes first evens out drift on a shared machine; exobot goes
        // first in the first pair, to make the clinic-check message the mix presses.
        let order = if !baseline {
            vec![Bot::Exobot]
        } else if pair % 2 == 0 {
            vec![Bot::Exobot, Bot::Minimal]
        } else {
            vec![Bot::Minimal, Bot::Exobot]
        };
        for bot in order {
            let figures = measure(bot, tls, total, &mut check).await;
            match bot {
                Bot::Exobot => exobot.push(figures),
                Bot::Minimal => minimal.push(figures),
            }
        }
    }
    println!("exobot  (median of {pairs}): {}", summary(&exobot, None));
    if baseline {
        println!("minimal (median of {pairs}): {}", summary(&minimal, None));
        println!(
            "ratio exobot/minimal (median of {pairs} pairs): {}",
            summary(&exobot, Some(&minimal))
        );
    }
}
