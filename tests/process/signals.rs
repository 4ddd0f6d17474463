//! The `exobot run` process and Unix signals, against the fake Discord: SIGHUP reloads the
//! knowledge base (a broken one is refused and the old one keeps serving), SIGTERM stops the bot
//! cleanly with exit status 0, and nothing secret reaches the logs.

use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::e2e;
use crate::support::{self, permissions, FakeDiscord, Place};

fn signal(pid: u32, name: &str) {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(status.success());
}

async fn wait_for_log(path: &std::path::Path, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(5);
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_reloads_refusing_a_broken_knowledge_base_and_sigterm_stops_cleanly() {
    let fake = FakeDiscord::start().await;
    let kb = e2e::bot::copy_of_shipped_knowledge("signals-kb");
    let data = e2e::bot::data_dir("signals");
    std::fs::create_dir_all(&data).unwrap();
    let log = data.join("stderr.log");
    let mut child = e2e::process::exobot_run(&fake, &data)
        .env("EXOBOT_KNOWLEDGE_DIR", &kb)
        .env("EXOBOT_LOG_LEVEL", "trace")
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    fake.wait_ready().await;
    let place = Place::Guild {
        guild_id: 1,
        channel_id: 2,
        user_id: 3,
        permissions: permissions::MEMBER,
    };
    let question = "is it legal? my card is 4111 and @everyone";
    fake.interact(support::slash_command(
        "ask",
        json!([{ "name": "question", "type": 3, "value": question }]),
        place,
    ))
    .await;

    // A clinic check in DMs: a typed clinic label, then a button whose custom_id holds state.
    let dm = Place::Dm {
        channel_id: 5,
        user_id: 3,
    };
    let clinic = "Typed Clinic Label 31337";
    let check = support::slash_command(
        "clinic-check",
        json!([{ "name": "clinic", "type": 3, "value": clinic }]),
        dm,
    );
    fake.interact(check.clone()).await;
    let message = fake.original_response(&check).unwrap();
    let button = message["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Its answer fails twice with a server error: logged as an error, retried once.
    let pressed = support::button(&button, message.clone(), dm);
    let callback = format!("/interactions/{}/", pressed["id"].as_str().unwrap());
    fake.fail_next("POST", &callback, 500, json!({}));
    fake.fail_next("POST", &callback, 500, json!({}));
    fake.send_interaction(pressed).await;
    // A form with typed text that is not a valid trial number.
    let listing = support::id_of(&message, "A ClinicalTrials.gov listing");
    let form = fake
        .interact(support::button(&listing, message.clone(), dm))
        .await;
    let form_id = form["data"]["custom_id"].as_str().unwrap();
    let input = form["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap();
    let typed_nct = "NCT-typed-271828";
    let refused = fake
        .interact(support::modal_submit(
            form_id,
            &[(input, typed_nct)],
            Some(message.clone()),
            dm,
        ))
        .await;
    assert_eq!(refused["type"], 4);
    // A fact shared in the channel: a share: custom_id.
    let fact = fake
        .interact(support::slash_command(
            "fact",
            json!([{ "name": "topic", "type": 3, "value": "safety-risks" }]),
            place,
        ))
        .await;
    let share = fact["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let shown = support::bot_message(support::snowflake(), 2, Some(1), &fact["data"]);
    fake.interact(support::button(&share, shown, place)).await;
    fake.wait_for_request("POST", "/channels/2/messages").await;
    // A malformed interaction that serenity cannot read, holding a token and typed text.
    let mut malformed = support::slash_command(
        "ask",
        json!([{ "name": "question", "type": 3, "value": question }]),
        place,
    );
    malformed["type"] = json!("not a number");
    fake.dispatch_unchecked("INTERACTION_CREATE", malformed)
        .await;
    // Frames serenity cannot parse at all, holding a token and typed text.
    fake.send_gateway_text(&format!(
        r#"{{"op": 0, "s": "{question}", "t": "INTERACTION_CREATE", "d": {{"token": "fake-interaction-token-1"#
    ))
    .await;
    fake.send_gateway_text(&format!(r#"{{"op": "{clinic}", "d": null}}"#))
        .await;
    let after = fake
        .interact(support::slash_command(
            "fact",
            json!([{ "name": "topic", "type": 3, "value": "fda-status" }]),
            place,
        ))
        .await;
    assert_eq!(after["type"], 4);
    wait_for_log(&log, "kind=\"component\" outcome=\"failed\"").await;

    std::fs::write(kb.join("topics-zz.toml"), "[[topic]]\nid = \"broken\"\n").unwrap();
    signal(child.id(), "HUP");
    wait_for_log(
        &log,
        "reload refused; the previous knowledge base keeps serving",
    )
    .await;
    let still = fake
        .interact(support::slash_command(
            "fact",
            json!([{ "name": "topic", "type": 3, "value": "fda-status" }]),
            place,
        ))
        .await;
    assert!(still["data"]["embeds"][0]["title"]
        .as_str()
        .unwrap()
        .starts_with("Is any exosome product FDA approved?"));
    std::fs::remove_file(kb.join("topics-zz.toml")).unwrap();
    signal(child.id(), "HUP");
    wait_for_log(&log, "knowledge base reloaded").await;

    signal(child.id(), "TERM");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the bot did not stop on SIGTERM");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(status.code(), Some(0));
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("shut down cleanly"), "{text}");
    // Even at the most verbose level the bot allows: no token, no interaction token, nothing typed.
    assert!(
        text.contains("outcome=\"answered\""),
        "the log is written at all: {text}"
    );
    let hex = |s: &str| s.bytes().map(|b| format!("{b:02x}")).collect::<String>();
    let secrets = [
        FakeDiscord::BOT_TOKEN,
        "fake-interaction-token",
        question,
        "4111",
        "ck:",
        clinic,
        "31337",
        typed_nct,
        "271828",
        &share,
        "share:",
        &listing,
    ];
    // Each line's timestamp is left out: its microseconds may spell a secret's digits
    // ("15:13:52.411160Z" holds "4111").
    let logged: String = text
        .lines()
        .map(|line| match line.split_once(' ') {
            Some((stamp, rest)) if stamp.ends_with('Z') => rest,
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n");
    for secret in secrets {
        assert!(
            !logged.contains(secret),
            "the log holds {secret:?}:\n{text}"
        );
        assert!(
            !logged.contains(&hex(secret)),
            "the log holds {secret:?} in hex:\n{text}"
        );
    }
    assert!(fake.violations().is_empty(), "{:#?}", fake.violations());
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_store_opens_cleanly_and_consistently_after_sigkill_in_the_middle_of_writes() {
    let fake = FakeDiscord::start().await;
    let data = e2e::bot::data_dir("sigkill");
    std::fs::create_dir_all(&data).unwrap();
    let moderator = Place::Guild {
        guild_id: 5,
        channel_id: 6,
        user_id: 7,
        permissions: permissions::MODERATOR,
    };
    for round in 0..5usize {
        let mut child = e2e::process::exobot_run(&fake, &data).spawn().unwrap();
        // This process's own session, not the killed one's.
        let deadline = Instant::now() + Duration::from_secs(10);
        while fake.gateway_stats().identifies <= round {
            assert!(
                Instant::now() < deadline,
                "round {round}: the bot did not identify"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        fake.wait_ready().await;
        // Posts in flight, each one a write to the store, then SIGKILL without warning.
        for _ in 0..20 {
            let post = support::slash_command(
                "post",
                json!([{ "name": "topic", "type": 3, "value": "fda-status" }]),
                moderator,
            );
            fake.send_interaction(post).await;
        }
        tokio::time::sleep(Duration::from_millis(5 * (round as u64 + 1))).await;
        signal(child.id(), "KILL");
        child.wait().unwrap();
    }
    let store = exobot::store::Store::open(&data).unwrap();
    assert_eq!(store.integrity().unwrap(), "ok");
    let records = store.all().unwrap();
    let posted: Vec<u64> = fake
        .messages(6)
        .iter()
        .filter_map(|m| support::parse_id(&m["id"]))
        .collect();
    for record in &records {
        assert!(
            posted.contains(&record.message_id),
            "a record of a message that was never posted: {record:?}"
        );
    }
    println!(
        "{} records of {} posts survived 5 kills",
        records.len(),
        posted.len()
    );
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_serves_the_knowledge_folder_given_with_dash_dash_knowledge() {
    let fake = FakeDiscord::start().await;
    let data = e2e::bot::data_dir("run-knowledge");
    std::fs::create_dir_all(&data).unwrap();
    // A broken folder is read, and refused: so the flag is accepted and used.
    let broken = e2e::bot::copy_of_shipped_knowledge("run-knowledge-broken");
    std::fs::write(
        broken.join("topics-zz.toml"),
        "[[topic]]\nid = \"broken\"\n",
    )
    .unwrap();
    let out = e2e::process::exobot_run(&fake, &data)
        .arg("--knowledge")
        .arg(&broken.path)
        .env_remove("EXOBOT_KNOWLEDGE_DIR")
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("topics-zz.toml"), "{text}");
    // A good one is served.
    let good = e2e::bot::copy_of_shipped_knowledge("run-knowledge-good");
    let mut child = e2e::process::exobot_run(&fake, &data)
        .arg("--knowledge")
        .arg(&good.path)
        .env("EXOBOT_KNOWLEDGE_DIR", "/nonexistent/exobot-knowledge")
        .spawn()
        .unwrap();
    fake.wait_ready().await;
    signal(child.id(), "TERM");
    assert_eq!(child.wait().unwrap().code(), Some(0));
    fake.shutdown().await;
}
