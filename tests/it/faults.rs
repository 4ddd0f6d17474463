//! The fault matrix, end to end on the fake Discord: a slow REST answer, op 7 RECONNECT, a close
//! with code 4000, op 9 INVALID SESSION, a zombie connection that stops acknowledging heartbeats,
//! and malformed dispatches between good ones. In each the bot keeps serving, answers within
//! Discord's 3 s window (the fake flags a late answer) and never answers twice (the fake flags a
//! second callback). Also a global 429 the TLS way, with serenity's rate limiter on. A per-route
//! 429, 5xx answers and a dropped connection are in `discord.rs`; a locked store and SIGKILL in
//! `moderation.rs` and `../process/signals.rs`.

use std::time::Duration;

use serde_json::{json, Value};

use crate::e2e::bot::{self, Way};
use crate::support::{self, permissions, FakeDiscord, Place};

const GUILD: u64 = 940_000_000_000_000_001;
const CHANNEL: u64 = 940_000_000_000_000_002;
const MEMBER: u64 = 940_000_000_000_000_003;
const MODERATOR: u64 = 940_000_000_000_000_004;

/// serenity waits 5 s between two IDENTIFYs, and a zombie takes two heartbeat intervals to notice.
const REIDENTIFY_WAIT: Duration = Duration::from_secs(15);

fn member() -> Place {
    Place::Guild {
        guild_id: GUILD,
        channel_id: CHANNEL,
        user_id: MEMBER,
        permissions: permissions::MEMBER,
    }
}

fn moderator() -> Place {
    Place::Guild {
        guild_id: GUILD,
        channel_id: CHANNEL,
        user_id: MODERATOR,
        permissions: permissions::MODERATOR | permissions::PIN_MESSAGES,
    }
}

fn fact(topic: &str) -> Value {
    support::slash_command(
        "fact",
        json!([{ "name": "topic", "type": 3, "value": topic }]),
        member(),
    )
}

fn assert_fact(answer: &Value, title_start: &str) {
    assert_eq!(answer["type"], 4, "{answer:#}");
    let title = answer["data"]["embeds"][0]["title"].as_str().unwrap();
    assert!(title.starts_with(title_start), "{title}");
}

fn assert_clean(fake: &FakeDiscord) {
    let violations = fake.violations();
    assert!(
        violations.is_empty(),
        "requests breaking Discord's rules: {violations:#?}"
    );
}

fn sample(metrics: &str, line_start: &str) -> f64 {
    metrics
        .lines()
        .find(|l| l.starts_with(line_start))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {line_start} in:\n{metrics}"))
}

/// How many callbacks the bot sent for one interaction.
fn callbacks(fake: &FakeDiscord, interaction: &Value) -> usize {
    let id = interaction["id"].as_str().unwrap();
    let prefix = format!("/interactions/{id}/");
    fake.requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.starts_with(&prefix))
        .count()
}

/// The edit of an interaction's original response, once the bot has sent it.
async fn edit_of(fake: &FakeDiscord, interaction: &Value) -> Value {
    let token = interaction["token"].as_str().unwrap();
    let path = format!(
        "/webhooks/{}/{token}/messages/@original",
        fake.application_id()
    );
    fake.wait_for_request("PATCH", &path).await.body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rest_call_that_takes_two_seconds_holds_up_nothing_and_nothing_is_answered_twice() {
    let fake = FakeDiscord::start().await;
    let running = bot::start_shipped(&fake, "faults-slow").await;

    // A slow callback: the answer is in, but Discord takes 2 s to say so. The bot must neither
    // retry it (a second answer) nor stop answering others meanwhile.
    let slow = fact("fda-status");
    let slow_callback = format!("/interactions/{}/", slow["id"].as_str().unwrap());
    fake.delay_next("POST", &slow_callback, Duration::from_secs(2));
    fake.send_interaction(slow.clone()).await;
    fake.wait_for_request("POST", &slow_callback).await;
    let meanwhile = fake.interact(fact("safety-risks")).await;
    assert_fact(&meanwhile, "Is exosome therapy safe?");
    assert_eq!(
        fake.held_answers(),
        1,
        "the second was answered while the first's answer was still held back"
    );

    // A slow post: the moderator's answer goes out first, the outcome follows when Discord
    // has answered the post.
    fake.delay_next(
        "POST",
        &format!("/channels/{CHANNEL}/messages"),
        Duration::from_secs(2),
    );
    let post = support::slash_command(
        "post",
        json!([{ "name": "topic", "type": 3, "value": "fda-status" }]),
        moderator(),
    );
    let first = fake.interact(post.clone()).await;
    assert_eq!(first["type"], 4, "{first:#}");
    let also = fake.interact(fact("what-are-exosomes")).await;
    assert_fact(&also, "What are exosomes");
    let outcome = edit_of(&fake, &post).await;
    assert!(
        outcome["content"].as_str().unwrap().starts_with("Posted"),
        "{outcome:#}"
    );

    // The clinic check defers before its slow thread creation.
    fake.delay_next(
        "POST",
        &format!("/channels/{CHANNEL}/threads"),
        Duration::from_secs(2),
    );
    let check = support::slash_command(
        "clinic-check",
        json!([{ "name": "clinic", "type": 3, "value": "Clinic A" }]),
        member(),
    );
    let deferred = fake.interact(check.clone()).await;
    assert_eq!(deferred["type"], 5, "{deferred:#}");
    let linked = edit_of(&fake, &check).await;
    assert!(
        linked["content"].as_str().unwrap().contains("<#"),
        "the response links the thread: {linked:#}"
    );

    tokio::time::sleep(Duration::from_millis(300)).await;
    for interaction in [&slow, &post, &check] {
        assert_eq!(callbacks(&fake, interaction), 1, "one answer each");
    }
    assert_clean(&fake);
    running.stop().await;
    fake.shutdown().await;
}

/// Sends an interaction while the bot is away, has the fake make it reconnect with `kick`, and
/// checks the interaction is answered after the RESUME and that one reconnect is counted.
async fn resumes_after(name: &str, kick: impl FnOnce(&FakeDiscord)) {
    let fake = FakeDiscord::start().await;
    let running = bot::start_shipped(&fake, name).await;
    assert_fact(&fake.interact(fact("fda-status")).await, "Is any exosome");

    kick(&fake);
    // Dispatched while the bot reconnects: kept by the session and replayed after RESUME.
    let during = fact("safety-risks");
    let id = fake.send_interaction(during).await;
    fake.wait_resumed().await;
    assert_fact(
        &fake.wait_for_callback(id).await,
        "Is exosome therapy safe?",
    );
    assert_fact(
        &fake.interact(fact("what-are-exosomes")).await,
        "What are exosomes",
    );

    let stats = fake.gateway_stats();
    assert_eq!((stats.identifies, stats.resumes), (1, 1), "{stats:?}");
    let metrics = bot::scrape(running.health.unwrap()).await;
    assert_eq!(sample(&metrics, "exobot_gateway_reconnects_total"), 1.0);
    assert_clean(&fake);
    running.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn op_7_reconnect_resumes_and_loses_nothing() {
    resumes_after("faults-op7", FakeDiscord::request_reconnect).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn close_code_4000_resumes_and_loses_nothing() {
    resumes_after("faults-4000", |fake| fake.close_gateway(4000)).await;
}

/// Has the fake end the session with `kick`, waits for a new IDENTIFY, and checks the bot
/// answers again and counts one reconnect.
async fn identifies_again_after(name: &str, kick: impl FnOnce(&FakeDiscord)) {
    let fake = FakeDiscord::start().await;
    let running = bot::start_shipped(&fake, name).await;
    assert_fact(&fake.interact(fact("fda-status")).await, "Is any exosome");

    kick(&fake);
    fake.wait_gateway(REIDENTIFY_WAIT, "a second IDENTIFY", |stats| {
        stats.identifies >= 2
    })
    .await;
    assert_fact(
        &fake.interact(fact("safety-risks")).await,
        "Is exosome therapy safe?",
    );
    let metrics = bot::scrape(running.health.unwrap()).await;
    assert_eq!(sample(&metrics, "exobot_gateway_reconnects_total"), 1.0);
    assert_clean(&fake);
    running.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn op_9_invalid_session_identifies_again_and_keeps_answering() {
    identifies_again_after("faults-op9", FakeDiscord::invalidate_session).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_zombie_connection_without_heartbeat_acks_is_replaced() {
    identifies_again_after("faults-zombie", |fake| {
        fake.stop_acking_heartbeats();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_dispatches_between_good_ones_are_skipped_and_the_good_ones_answered() {
    let fake = FakeDiscord::start().await;
    let running = bot::start_shipped(&fake, "faults-malformed").await;

    let mut good = Vec::new();
    for round in 0..5 {
        good.push(fake.send_interaction(fact("fda-status")).await);
        // An interaction missing its type and data, one whose data is a string, and one null.
        let mut broken = fact("safety-risks");
        let object = broken.as_object_mut().unwrap();
        object.remove("type");
        object.remove("data");
        fake.dispatch_unchecked("INTERACTION_CREATE", broken).await;
        let mut wrong = fact("safety-risks");
        wrong["data"] = json!("not an object");
        fake.dispatch_unchecked("INTERACTION_CREATE", wrong).await;
        fake.dispatch_unchecked("INTERACTION_CREATE", Value::Null)
            .await;
        good.push(fake.send_interaction(fact("safety-risks")).await);
        // An event serenity does not know, a frame that is not JSON, and an unknown opcode.
        fake.dispatch_unchecked("EXOBOT_TEST_UNKNOWN_EVENT", json!({ "round": round }))
            .await;
        fake.send_gateway_text("{\"op\": 0, \"t\": \"INTERACTION_CREATE\", \"d\": {")
            .await;
        fake.send_gateway_text("{\"op\": 99, \"d\": null}").await;
    }
    for id in good {
        let answer = fake.wait_for_callback(id).await;
        assert_eq!(answer["type"], 4, "{answer:#}");
    }
    assert_fact(
        &fake.interact(fact("what-are-exosomes")).await,
        "What are exosomes",
    );
    let stats = fake.gateway_stats();
    assert_eq!(
        (stats.connections, stats.identifies),
        (1, 1),
        "one connection throughout: {stats:?}"
    );
    assert_clean(&fake);
    running.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_global_429_the_tls_way_is_waited_out_and_both_answers_arrive_once() {
    let (fake, client) = FakeDiscord::start_tls().await;
    let data = bot::data_dir("faults-global-429");
    let config = bot::config(&fake, &bot::shipped_knowledge(), &data);
    let running = bot::start(&fake, config, Way::Tls, Some(client)).await;
    fake.fail_next(
        "POST",
        "/interactions/",
        429,
        json!({ "retry_after": 0.2, "global": true }),
    );
    let first = fact("fda-status");
    let first_id = fake.send_interaction(first.clone()).await;
    fake.wait_for_request("POST", &format!("/interactions/{first_id}/"))
        .await;
    // Sent while the global limit holds: answered too, once.
    let second = fact("safety-risks");
    let second_answer = fake.interact(second.clone()).await;
    assert_fact(&second_answer, "Is exosome therapy safe?");
    assert_fact(
        &fake.wait_for_callback(first_id).await,
        "Is any exosome product",
    );
    let statuses: Vec<u16> = fake
        .requests()
        .iter()
        .filter(|r| r.path.starts_with(&format!("/interactions/{first_id}/")))
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [429, 204], "retried once after the global wait");
    assert_eq!(callbacks(&fake, &second), 1);
    assert_clean(&fake);
    running.stop().await;
    fake.shutdown().await;
}
