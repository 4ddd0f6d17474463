//! The bot on Discord, end to end: the real serenity client against the loopback fake Discord.
//! Every request the bot sends is checked by the fake (allowed_mentions parse nothing, Discord's
//! limits); each test ends by asserting it found no violation.

use serde_json::{json, Value};

use crate::e2e::bot::{self, Way, OWNER};
use crate::e2e::shards::{every_shard_answers, four_at_once};
use crate::support::{self, permissions, FakeDiscord, Place};

const GUILD: u64 = 910_000_000_000_000_001;
const CHANNEL: u64 = 910_000_000_000_000_002;
const MEMBER: u64 = 910_000_000_000_000_003;
const DM_CHANNEL: u64 = 910_000_000_000_000_004;
const MANAGER: u64 = 910_000_000_000_000_005;

fn in_server() -> Place {
    Place::Guild {
        guild_id: GUILD,
        channel_id: CHANNEL,
        user_id: MEMBER,
        permissions: permissions::MEMBER,
    }
}

fn in_dm() -> Place {
    Place::Dm {
        channel_id: DM_CHANNEL,
        user_id: MEMBER,
    }
}

fn fact(topic: &str, place: Place) -> Value {
    support::slash_command(
        "fact",
        json!([{ "name": "topic", "type": 3, "value": topic }]),
        place,
    )
}

fn assert_clean(fake: &FakeDiscord) {
    let violations = fake.violations();
    assert!(
        violations.is_empty(),
        "requests breaking Discord's rules: {violations:#?}"
    );
}

const EPHEMERAL: u64 = 1 << 6;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fact_command_answers_ephemerally_with_the_knowledge_base_embed() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "fact").await;
    let callback = fake.interact(fact("fda-status", in_server())).await;
    assert_eq!(callback["type"], 4);
    let data = &callback["data"];
    assert_eq!(data["flags"].as_u64().unwrap() & EPHEMERAL, EPHEMERAL);
    assert_eq!(data["allowed_mentions"]["parse"], json!([]));
    let embed = &data["embeds"][0];
    assert_eq!(
        embed["title"],
        "Is any exosome product FDA approved? Is exosome therapy legal?"
    );
    assert!(embed["description"]
        .as_str()
        .unwrap()
        .contains("FDA has not approved any exosome product"));
    let sources = embed["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "Sources")
        .unwrap();
    assert!(sources["value"]
        .as_str()
        .unwrap()
        .contains("(https://www.fda.gov/vaccines-blood-biologics/"));
    assert!(embed["footer"]["text"]
        .as_str()
        .unwrap()
        .contains("not medical advice"));
    assert_eq!(
        data["components"][0]["components"][0]["custom_id"],
        "share:fda-status"
    );
    assert_clean(&fake);
    assert_eq!(bot.stop().await, 0);
    fake.shutdown().await;
}

/// A fact, the topic menu and suggestions are sent from bodies kept after the first time: the
/// second member gets what the first got, through serenity and the fake, in a server and in DMs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_answer_is_what_the_builders_sent_the_first_time() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "kept answers").await;
    let other = |place: Place| match place {
        Place::Guild {
            guild_id,
            channel_id,
            ..
        } => Place::Guild {
            guild_id,
            channel_id,
            user_id: MANAGER,
            permissions: permissions::MODERATOR,
        },
        Place::Dm { channel_id, .. } => Place::Dm {
            channel_id,
            user_id: OWNER,
        },
    };
    let asks = |place: Place| {
        [
            fact("fda-status", place),
            support::slash_command("fact", Value::Null, place),
            support::autocomplete("fact", "topic", "side eff", place),
        ]
    };
    let mut facts = Vec::new();
    for place in [in_server(), in_dm()] {
        for (first, second) in asks(place).into_iter().zip(asks(other(place))) {
            let first = fake.interact(first).await;
            let second = fake.interact(second).await;
            assert_eq!(first, second);
        }
        facts.push(fake.interact(fact("fda-status", other(place))).await);
    }
    assert_eq!(
        facts[0]["data"]["components"][0]["components"][0]["custom_id"],
        "share:fda-status"
    );
    assert!(!facts[1].to_string().contains("share:fda-status"));
    assert_clean(&fake);
    assert_eq!(bot.stop().await, 0);
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_is_ranked_bounded_and_lists_every_topic_for_empty_input() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "autocomplete").await;
    let choices = |cb: &Value| cb["data"]["choices"].as_array().unwrap().clone();
    let empty = fake
        .interact(support::autocomplete("fact", "topic", "", in_server()))
        .await;
    assert_eq!(empty["type"], 8);
    assert_eq!(choices(&empty).len(), 25, "Discord's 25 choices");
    let nebraska = fake
        .interact(support::autocomplete("fact", "topic", "nebr", in_server()))
        .await;
    assert_eq!(choices(&nebraska)[0]["value"], "nebraska-adverse-events");
    let typo = fake
        .interact(support::autocomplete(
            "fact",
            "topic",
            "side efects",
            in_server(),
        ))
        .await;
    assert_eq!(choices(&typo)[0]["value"], "safety-risks");
    for c in choices(&empty) {
        assert!(c["name"].as_str().unwrap().chars().count() <= 100);
    }
    assert_clean(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sharing_posts_the_fact_as_the_bots_own_mention_safe_message() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "share").await;
    let asked = fact("nebraska-adverse-events", in_server());
    fake.interact(asked.clone()).await;
    let original = fake.original_response(&asked).unwrap();
    let press = support::button(
        "share:nebraska-adverse-events",
        original.clone(),
        in_server(),
    );
    fake.interact(press.clone()).await;
    assert_eq!(
        fake.told(&press).await["content"],
        "Posted in this channel."
    );
    let post = fake
        .wait_for_request("POST", &format!("/channels/{CHANNEL}/messages"))
        .await;
    assert_eq!(post.body["allowed_mentions"]["parse"], json!([]));
    assert_eq!(
        post.body["embeds"][0]["title"],
        "What happened in Nebraska in 2019?"
    );
    let shared_by = post.body["embeds"][0]["fields"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(shared_by["name"], "Shared by");
    // Pressing again at once is refused by the per-channel cooldown: nothing new is posted.
    let again = fake
        .interact(support::button(
            "share:nebraska-adverse-events",
            original,
            in_server(),
        ))
        .await;
    assert!(again["data"]["content"]
        .as_str()
        .unwrap()
        .contains("just posted"));
    let posts = fake
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path == format!("/channels/{CHANNEL}/messages"))
        .count();
    assert_eq!(posts, 1);
    assert_clean(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_question_command_answers_offers_did_you_mean_or_refuses() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "ask").await;
    let ask = |q: &str| {
        support::slash_command(
            "ask",
            json!([{ "name": "question", "type": 3, "value": q }]),
            in_server(),
        )
    };
    let matched = fake.interact(ask("is exosome therapy legal?")).await;
    assert_eq!(
        matched["data"]["embeds"][0]["title"],
        "Is any exosome product FDA approved? Is exosome therapy legal?"
    );
    let unsure = fake.interact(ask("fda exosome trial")).await;
    assert!(unsure["data"]["content"]
        .as_str()
        .unwrap()
        .contains("Did you mean"));
    let buttons = unsure["data"]["components"].to_string();
    assert!(buttons.contains("\"custom_id\":\"fact:"), "{buttons}");
    let refused = fake
        .interact(ask("who won the football game last night @everyone"))
        .await;
    assert!(refused["data"]["content"]
        .as_str()
        .unwrap()
        .starts_with("No vetted fact matches"));
    assert!(refused["data"]["embeds"]
        .as_array()
        .is_none_or(Vec::is_empty));
    assert_clean(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_command_and_a_stale_button_get_a_polite_ephemeral_reply() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "unknown").await;
    let unknown = fake
        .interact(support::slash_command("teleport", Value::Null, in_server()))
        .await;
    assert_eq!(
        unknown["data"]["flags"].as_u64().unwrap() & EPHEMERAL,
        EPHEMERAL
    );
    assert!(unknown["data"]["content"]
        .as_str()
        .unwrap()
        .starts_with("exobot does not know the command `teleport`"));
    let asked = fact("fda-status", in_server());
    fake.interact(asked.clone()).await;
    let original = fake.original_response(&asked).unwrap();
    let stale = fake
        .interact(support::button(
            "share:withdrawn-topic",
            original,
            in_server(),
        ))
        .await;
    assert!(stale["data"]["content"]
        .as_str()
        .unwrap()
        .contains("no longer"));
    assert_clean(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dm_interaction_is_answered_without_a_share_button() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "dm").await;
    let callback = fake.interact(fact("what-are-exosomes", in_dm())).await;
    assert_eq!(
        callback["data"]["embeds"][0]["title"],
        "What are exosomes (extracellular vesicles)?"
    );
    // Only the related topics' buttons: nothing to post in a DM.
    let ids: Vec<String> = callback["data"]["components"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|button| button["custom_id"].as_str().map(str::to_owned))
        .collect();
    assert!(ids.iter().all(|id| id.starts_with("fact:")), "{ids:?}");
    let about = fake
        .interact(support::slash_command("about", Value::Null, in_dm()))
        .await;
    assert!(about["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap()
        .contains("not a doctor"));
    assert_clean(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_with_a_broken_file_keeps_serving_the_old_content() {
    let fake = FakeDiscord::start().await;
    let kb = bot::copy_of_shipped_knowledge("reload-kb");
    let data = bot::data_dir("reload");
    let config = bot::config(&fake, &kb, &data);
    let bot = bot::start(&fake, config, Way::Proxy, None).await;
    std::fs::write(kb.join("topics-zz.toml"), "[[topic]]\nid = \"broken\"\n").unwrap();
    let manager = Place::Guild {
        guild_id: GUILD,
        channel_id: CHANNEL,
        user_id: MANAGER,
        permissions: permissions::MEMBER | (1 << 5),
    };
    let reload = support::slash_command("reload", Value::Null, manager);
    let deferred = fake.interact(reload.clone()).await;
    assert_eq!(deferred["type"], 5, "a reload is deferred: {deferred:#}");
    let reload = fake.told(&reload).await;
    let text = reload["content"].as_str().unwrap();
    assert!(
        text.starts_with("The knowledge base has 1 error; the previous content"),
        "{text}"
    );
    assert!(
        text.contains("topics-zz.toml:1:1: error: missing field 'title'\n```"),
        "{text}"
    );
    let still = fake.interact(fact("fda-status", in_server())).await;
    assert_eq!(
        still["data"]["embeds"][0]["title"],
        "Is any exosome product FDA approved? Is exosome therapy legal?"
    );
    let member = fake
        .interact(support::slash_command("reload", Value::Null, in_server()))
        .await;
    assert!(member["data"]["content"]
        .as_str()
        .unwrap()
        .starts_with("Only server managers"));
    assert_clean(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tls_way_with_serenitys_rate_limiter_answers_and_retries_a_429() {
    let (fake, client) = FakeDiscord::start_tls().await;
    let data = bot::data_dir("tls");
    let config = bot::config(&fake, &bot::shipped_knowledge(), &data);
    let bot = bot::start(&fake, config, Way::Tls, Some(client)).await;
    fake.fail_next(
        "POST",
        "/interactions/",
        429,
        json!({ "retry_after": 0.05, "global": false }),
    );
    let callback = fake.interact(fact("fda-status", in_server())).await;
    assert_eq!(
        callback["data"]["embeds"][0]["title"],
        "Is any exosome product FDA approved? Is exosome therapy legal?"
    );
    let statuses: Vec<u16> = fake
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/interactions/"))
        .map(|r| r.status)
        .collect();
    assert_eq!(
        statuses,
        [429, 204],
        "the limiter retried once after retry-after"
    );
    assert_clean(&fake);
    assert_eq!(bot.stop().await, 0);
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_health_endpoint_reports_a_connected_bot_and_shutdown_is_clean() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "health").await;
    let addr = bot.health.unwrap();
    // READY reaches the handler just after the fake sent it: allow it a moment.
    let mut body = Err(String::new());
    for _ in 0..50 {
        body = exobot::health::probe(addr).await;
        if body.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let body = body.unwrap();
    assert!(body.contains("\"gateway\":\"connected\""), "{body}");
    assert!(body.contains(&format!(
        "\"knowledge_revision\":\"{}\"",
        bot.app.knowledge().revision
    )));
    assert_eq!(bot.stop().await, 0, "a clean shutdown exits 0");
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_error_on_the_answer_is_retried_once_and_already_acknowledged_counts_as_answered()
{
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "retry").await;
    for status in [500, 502, 503] {
        fake.fail_next(
            "POST",
            "/interactions/",
            status,
            json!({ "code": 0, "message": "upstream trouble" }),
        );
        let callback = fake.interact(fact("fda-status", in_server())).await;
        assert_eq!(callback["type"], 4, "answered after a {status}");
    }
    let attempts = |fake: &FakeDiscord| {
        fake.requests()
            .iter()
            .filter(|r| r.path.starts_with("/interactions/"))
            .count()
    };
    assert_eq!(attempts(&fake), 6, "each answer took one retry");
    fake.fail_next(
        "POST",
        "/interactions/",
        400,
        json!({ "code": 40060, "message": "Interaction has already been acknowledged." }),
    );
    let id = fake.send_interaction(fact("fda-status", in_server())).await;
    fake.wait_for_request("POST", &format!("/interactions/{id}/"))
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(attempts(&fake), 7, "no second answer after 40060");
    assert_clean(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

/// The value of one sample line of the metrics text.
fn sample(metrics: &str, line_start: &str) -> f64 {
    metrics
        .lines()
        .find(|l| l.starts_with(line_start))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {line_start} in:\n{metrics}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_interactions_latency_reloads_and_the_revision() {
    let fake = FakeDiscord::start().await;
    let kb = bot::copy_of_shipped_knowledge("metrics-kb");
    let data = bot::data_dir("metrics");
    let bot = bot::start(&fake, bot::config(&fake, &kb, &data), Way::Proxy, None).await;
    for _ in 0..3 {
        fake.interact(fact("fda-status", in_server())).await;
    }
    fake.interact(support::autocomplete("fact", "topic", "nebr", in_server()))
        .await;
    // Free-text questions are counted by what they got, with no text: one answered, one refused.
    for q in [
        "is exosome therapy legal?",
        "what's the weather in Berlin tomorrow?",
    ] {
        fake.interact(support::slash_command(
            "ask",
            json!([{ "name": "question", "type": 3, "value": q }]),
            in_server(),
        ))
        .await;
    }
    std::fs::write(kb.join("topics-zz.toml"), "[[topic]]\nid = \"broken\"\n").unwrap();
    let reload = support::slash_command(
        "reload",
        Value::Null,
        Place::Guild {
            guild_id: GUILD,
            channel_id: CHANNEL,
            user_id: OWNER,
            permissions: permissions::MEMBER,
        },
    );
    fake.interact(reload.clone()).await;
    fake.told(&reload).await;
    // The bot counts an answer once Discord has taken it, a moment after the fake sees it.
    let answered = "exobot_interactions_total{kind=\"command\",outcome=\"answered\"}";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let text = loop {
        let text = bot::scrape(bot.health.unwrap()).await;
        if text.contains(&format!("{answered} 6")) || std::time::Instant::now() > deadline {
            break text;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    };
    assert_eq!(
        sample(&text, answered),
        6.0,
        "3 facts, 2 questions and the reload"
    );
    for (outcome, n) in [
        ("answered", 1.0),
        ("refused", 1.0),
        ("advice_declined", 0.0),
    ] {
        assert_eq!(
            sample(
                &text,
                &format!("exobot_questions_total{{outcome=\"{outcome}\"}}")
            ),
            n,
            "{outcome}"
        );
    }
    assert!(!text.contains("Berlin"), "no question text in the metrics");
    assert_eq!(
        sample(
            &text,
            "exobot_interactions_total{kind=\"autocomplete\",outcome=\"answered\"}"
        ),
        1.0
    );
    assert_eq!(
        sample(
            &text,
            "exobot_answer_latency_seconds_count{kind=\"command\"}"
        ),
        6.0
    );
    assert_eq!(sample(&text, "exobot_knowledge_load_errors_total"), 1.0);
    let revision = bot.app.knowledge().revision.clone();
    assert_eq!(
        sample(
            &text,
            &format!("exobot_knowledge_revision_info{{revision=\"{revision}\"}}")
        ),
        1.0
    );
    assert_eq!(sample(&text, "exobot_gateway_reconnects_total"), 0.0);
    assert!(text.trim_end().ends_with("# EOF"));
    assert!(!text.contains(FakeDiscord::BOT_TOKEN) && !text.contains("fake-interaction-token"));
    assert_clean(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_serenitys_limiter_on_idle_rate_limit_buckets_are_pruned_and_a_dropped_gateway_resumes(
) {
    let (fake, client) = FakeDiscord::start_tls().await;
    let data = bot::data_dir("buckets");
    let config = bot::config(&fake, &bot::shipped_knowledge(), &data);
    let bot = bot::start(&fake, config, Way::Tls, Some(client)).await;
    for _ in 0..40 {
        fake.interact(support::autocomplete("fact", "topic", "fda", in_server()))
            .await;
    }
    // serenity made one bucket per interaction; the pruner drops the idle ones.
    let addr = bot.health.unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let text = bot::scrape(addr).await;
        let buckets = text
            .lines()
            .find(|l| l.starts_with("exobot_ratelimit_buckets "))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|v| v.parse::<f64>().ok());
        let pruned = text
            .lines()
            .find(|l| l.starts_with("exobot_ratelimit_buckets_pruned_total "))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|v| v.parse::<f64>().ok());
        // At least one bucket per interaction existed, and the idle ones are gone.
        if pruned.is_some_and(|p| p >= 40.0) && buckets.is_some_and(|b| b < 5.0) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "buckets were not pruned:\n{text}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    fake.drop_gateway().await;
    fake.wait_resumed().await;
    let after = fake.interact(fact("fda-status", in_server())).await;
    assert_eq!(after["type"], 4, "answered after the resume");
    let text = bot::scrape(addr).await;
    assert_eq!(sample(&text, "exobot_gateway_reconnects_total"), 1.0);
    assert_clean(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

/// A signed POST to the endpoint, as Discord sends one; returns the status and body.
async fn post_signed(
    url: &str,
    body: &[u8],
    timestamp: &str,
    key: &ed25519_dalek::SigningKey,
) -> (u16, String) {
    let mut request = reqwest::Client::new().post(url);
    for (name, value) in support::sign(key, timestamp, body) {
        request = request.header(name, value);
    }
    let answer = request.body(body.to_vec()).send().await.unwrap();
    (answer.status().as_u16(), answer.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_http_interactions_every_kind_is_answered_in_the_response_body() {
    let fake = FakeDiscord::start().await;
    let (bot, _) = bot::start_shipped_http(&fake, "http-kinds").await;
    // A fact twice: built the first time, from its kept body the second; the same answer.
    let first = fake.interact(fact("fda-status", in_server())).await;
    let second = fake.interact(fact("fda-status", in_server())).await;
    assert_eq!(first["type"], 4);
    assert_eq!(first, second);
    assert_eq!(
        first["data"]["embeds"][0]["title"],
        "Is any exosome product FDA approved? Is exosome therapy legal?"
    );
    let choices = fake
        .interact(support::autocomplete("fact", "topic", "nebr", in_server()))
        .await;
    assert_eq!(choices["type"], 8);
    assert_eq!(
        choices["data"]["choices"][0]["value"],
        "nebraska-adverse-events"
    );
    let asked = fake
        .interact(support::slash_command(
            "ask",
            json!([{ "name": "question", "type": 3, "value": "is exosome therapy legal?" }]),
            in_dm(),
        ))
        .await;
    assert_eq!(asked["type"], 4);
    // A share: the answer in the body, the post over REST.
    let shown = fact("nebraska-adverse-events", in_server());
    fake.interact(shown.clone()).await;
    let original = fake.original_response(&shown).unwrap();
    let press = support::button("share:nebraska-adverse-events", original, in_server());
    fake.interact(press.clone()).await;
    assert_eq!(
        fake.told(&press).await["content"],
        "Posted in this channel."
    );
    let post = fake
        .wait_for_request("POST", &format!("/channels/{CHANNEL}/messages"))
        .await;
    assert_eq!(
        post.body["embeds"][0]["title"],
        "What happened in Nebraska in 2019?"
    );
    assert_clean(&fake);
    assert_eq!(bot.stop().await, 0);
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_http_a_ping_gets_a_pong_and_bad_stale_and_oversized_requests_are_refused_and_counted()
{
    let fake = FakeDiscord::start().await;
    let (bot, url) = bot::start_shipped_http(&fake, "http-refusals").await;
    let key = bot::signing_key();
    let ping = br#"{"id":"1","application_id":"2","type":1,"token":"t","version":1}"#;
    let now = support::timestamp_now();
    assert_eq!(
        post_signed(&url, ping, &now, &key).await,
        (200, r#"{"type":1}"#.to_owned())
    );
    // Signed by another key, or not signed at all.
    let stranger = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
    assert_eq!(post_signed(&url, ping, &now, &stranger).await.0, 401);
    let unsigned = reqwest::Client::new()
        .post(&url)
        .body(ping.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status().as_u16(), 401);
    // A request signed correctly ten minutes ago: a replay.
    let old = (now.parse::<u64>().unwrap() - 600).to_string();
    assert_eq!(post_signed(&url, ping, &old, &key).await.0, 401);
    // Over the size limit, however it is signed.
    let big = vec![b' '; exobot::discord::webhook::MAX_BODY + 1];
    assert_eq!(post_signed(&url, &big, &now, &key).await.0, 413);
    let health = exobot::health::probe(bot.health.unwrap()).await.unwrap();
    assert!(health.contains("\"endpoint\":\"listening\""), "{health}");
    let metrics = bot::scrape(bot.health.unwrap()).await;
    for (reason, count) in [
        ("bad_signature", 2.0),
        ("stale_timestamp", 1.0),
        ("too_large", 1.0),
    ] {
        assert_eq!(
            sample(
                &metrics,
                &format!("exobot_webhook_refused_total{{reason=\"{reason}\"}}")
            ),
            count,
            "{reason}"
        );
    }
    assert_clean(&fake);
    assert_eq!(bot.stop().await, 0);
    fake.shutdown().await;
}

/// `/health` once every shard the bot runs is connected and has a heartbeat acknowledged (the
/// fake acknowledges one every `HEARTBEAT_INTERVAL_MS`).
async fn health_with_latencies(addr: std::net::SocketAddr) -> Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let body = exobot::health::probe(addr).await;
        let json: Option<Value> = body
            .as_ref()
            .ok()
            .and_then(|b| serde_json::from_str(b).ok());
        if let Some(json) = json.filter(|json| {
            json["shards"]
                .as_array()
                .is_some_and(|shards| shards.iter().all(|s| s["latency_ms"].is_u64()))
        }) {
            return json;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "never healthy with latencies: {body:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn by_default_one_process_runs_the_recommended_shards_and_reports_each() {
    let fake = FakeDiscord::start().await;
    fake.set_recommended_shards(4);
    fake.set_session_start_limit(four_at_once());
    let bot = bot::start_shipped(&fake, "shards-auto").await;
    fake.wait_shards(&[0, 1, 2, 3]).await;
    assert_eq!(fake.shard_total(), 4);
    every_shard_answers(&fake, 0..4, 4).await;
    // One session start per shard.
    assert_eq!(fake.session_start_limit().remaining, 999 - 4);

    let addr = bot.health.unwrap();
    let health = health_with_latencies(addr).await;
    assert_eq!(health["gateway"], "connected", "{health}");
    let shards = health["shards"].as_array().unwrap();
    let ids: Vec<u64> = shards.iter().map(|s| s["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, [0, 1, 2, 3], "{health}");
    for shard in shards {
        assert_eq!(shard["total"], 4, "{shard}");
        assert_eq!(shard["stage"], "connected", "{shard}");
        assert_eq!(shard["connected"], true, "{shard}");
        assert_eq!(shard["reconnects"], 0, "{shard}");
    }
    let metrics = bot::scrape(addr).await;
    for shard in 0..4 {
        let label = format!("{{shard=\"{shard}\"}}");
        assert_eq!(
            sample(&metrics, &format!("exobot_shard_connected{label}")),
            1.0
        );
        assert_eq!(
            sample(&metrics, &format!("exobot_shard_reconnects_total{label}")),
            0.0
        );
        let latency = sample(&metrics, &format!("exobot_shard_latency_seconds{label}"));
        assert!(latency >= 0.0, "{metrics}");
    }
    assert!(!metrics.contains("shard=\"4\""), "{metrics}");

    // Shard 0 resumes after a dropped connection: one reconnect, on that shard only.
    fake.drop_gateway().await;
    fake.wait_resumed().await;
    every_shard_answers(&fake, 0..1, 4).await;
    // serenity hands RESUMED to the bot in a task of its own: it may count a moment later.
    let resumed = "exobot_shard_reconnects_total{shard=\"0\"} 1";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let mut metrics = bot::scrape(addr).await;
    while !metrics.contains(resumed) && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        metrics = bot::scrape(addr).await;
    }
    assert!(metrics.contains(resumed), "{metrics}");
    assert_eq!(
        sample(&metrics, "exobot_shard_reconnects_total{shard=\"1\"}"),
        0.0
    );
    assert_eq!(sample(&metrics, "exobot_gateway_reconnects_total"), 1.0);
    assert_clean(&fake);
    assert_eq!(bot.stop().await, 0);
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_no_session_starts_left_the_bot_waits_for_the_limit_to_reset() {
    let fake = FakeDiscord::start().await;
    fake.set_session_start_limit(support::SessionStartLimit {
        remaining: 0,
        reset_after_ms: 100,
        ..support::SessionStartLimit::default()
    });
    let data = bot::data_dir("shards-limit");
    let config = bot::config(&fake, &bot::shipped_knowledge(), &data);
    let bot = bot::launch(config, Way::Proxy, None).await;
    let addr = bot.health.unwrap();
    // It asks again after each reset_after, and never connects meanwhile.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while fake
        .requests()
        .iter()
        .filter(|r| r.path == "/gateway/bot")
        .count()
        < 3
    {
        assert!(std::time::Instant::now() < deadline, "asked once only");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(fake.gateway_stats().connections, 0, "no gateway connection");
    let health = exobot::health::probe(addr).await.unwrap_err();
    assert!(health.starts_with("unhealthy (503"), "{health}");
    assert!(
        health.contains("\"gateway\":\"disconnected\"") && health.contains("\"stage\":\"waiting\""),
        "{health}"
    );

    // The period resets: the bot connects.
    fake.set_session_start_limit(support::SessionStartLimit::default());
    fake.wait_ready().await;
    fake.interact(fact("fda-status", in_server())).await;
    assert_eq!(fake.gateway_stats().identifies, 1);
    assert_clean(&fake);
    assert_eq!(bot.stop().await, 0);
    fake.shutdown().await;
}
