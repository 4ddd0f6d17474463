//! Moderators on Discord, end to end on the fake: posting and pinning facts, the pin limit and
//! a missing permission, refusing non-moderators, answering a member's message, listing and
//! removing posts, and keeping posts current across reloads, restarts and instances. (Over 500
//! lines: these stories share their helpers and the fake's set-up, so they stay together.)

use std::path::Path;
use std::time::{Duration, Instant};

use exobot::store::Store;
use serde_json::{json, Value};

use crate::e2e;
use crate::e2e::bot::{self, OWNER};
use crate::support::{self, parse_id, permissions, FakeDiscord, Place};

const GUILD: u64 = 930_000_000_000_000_001;
const CHANNEL: u64 = 930_000_000_000_000_002;
const MODERATOR: u64 = 930_000_000_000_000_003;
const MEMBER: u64 = 930_000_000_000_000_004;

fn as_moderator() -> Place {
    Place::Guild {
        guild_id: GUILD,
        channel_id: CHANNEL,
        user_id: MODERATOR,
        permissions: permissions::MODERATOR | permissions::PIN_MESSAGES,
    }
}

fn as_member() -> Place {
    Place::Guild {
        guild_id: GUILD,
        channel_id: CHANNEL,
        user_id: MEMBER,
        permissions: permissions::MEMBER,
    }
}

fn as_owner() -> Place {
    Place::Guild {
        guild_id: GUILD,
        channel_id: CHANNEL,
        user_id: OWNER,
        permissions: permissions::MEMBER,
    }
}

fn post_command(topic: &str, pin: bool, at: Place) -> Value {
    support::slash_command(
        "post",
        json!([{ "name": "topic", "type": 3, "value": topic }, { "name": "pin", "type": 5, "value": pin }]),
        at,
    )
}

/// The text of an interaction's outcome: its first response when the effect was done in time,
/// else the edit of that response.
async fn outcome(fake: &FakeDiscord, interaction: &Value) -> String {
    let told = fake.told(interaction).await;
    told["content"].as_str().unwrap_or_default().to_owned()
}

fn channel_posts(fake: &FakeDiscord) -> Vec<Value> {
    fake.messages(CHANNEL)
}

fn edit_topic_file(kb: &Path, from: &str, to: &str) {
    let path = kb.join("topics-regulation.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from));
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn patches(fake: &FakeDiscord) -> Vec<support::Recorded> {
    fake.requests()
        .into_iter()
        .filter(|r| {
            r.method == "PATCH"
                && r.path
                    .starts_with(&format!("/channels/{CHANNEL}/messages/"))
        })
        .collect()
}

fn assert_clean(fake: &FakeDiscord) {
    let violations = fake.violations();
    assert!(violations.is_empty(), "{violations:#?}");
}

/// The bot on the shipped knowledge base with its store in `data`: over the gateway, or as
/// `exobot serve` with the fake delivering signed interactions to it.
async fn start(fake: &FakeDiscord, data: &Path, over_http: bool) -> bot::Running {
    if over_http {
        bot::start_shipped_http_in(fake, data).await
    } else {
        bot::start_shipped_in(fake, data).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_posts_and_pins_a_fact_and_it_is_recorded() {
    posts_and_pins("post", false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_http_a_moderator_posts_and_pins_a_fact_and_it_is_recorded() {
    posts_and_pins("http-post", true).await;
}

async fn posts_and_pins(name: &str, over_http: bool) {
    let fake = FakeDiscord::start().await;
    let data = bot::data_dir(name);
    let running = start(&fake, &data, over_http).await;
    let command = post_command("nebraska-adverse-events", true, as_moderator());
    let callback = fake.interact(command.clone()).await;
    assert_eq!(callback["data"]["flags"], 64);
    assert_eq!(outcome(&fake, &command).await, "Posted and pinned.");
    let posted = channel_posts(&fake);
    assert_eq!(posted.len(), 1);
    assert_eq!(
        posted[0]["embeds"][0]["title"],
        "What happened in Nebraska in 2019?"
    );
    let message_id = parse_id(&posted[0]["id"]).unwrap();
    let pin = fake
        .wait_for_request(
            "PUT",
            &format!("/channels/{CHANNEL}/messages/pins/{message_id}"),
        )
        .await;
    assert_eq!(pin.status, 204);
    let record = Store::open(&data)
        .unwrap()
        .get(message_id)
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            record.topic.as_str(),
            record.pinned,
            record.channel_id,
            record.guild_id
        ),
        ("nebraska-adverse-events", true, CHANNEL, GUILD)
    );
    assert_clean(&fake);
    running.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pin_limit_and_a_missing_permission_are_explained_to_the_moderator() {
    let fake = FakeDiscord::start().await;
    let running = bot::start_shipped(&fake, "pin-errors").await;
    fake.fail_next(
        "PUT",
        &format!("/channels/{CHANNEL}/messages/pins/"),
        400,
        json!({ "code": 30003, "message": "Maximum number of pins reached for the channel (250)" }),
    );
    let first = post_command("fda-status", true, as_moderator());
    fake.interact(first.clone()).await;
    let said = outcome(&fake, &first).await;
    assert!(
        said.starts_with("Posted, but not pinned: this channel already has 250 pinned messages"),
        "{said}"
    );
    fake.fail_next(
        "PUT",
        &format!("/channels/{CHANNEL}/messages/pins/"),
        403,
        json!({ "code": 50013, "message": "Missing Permissions" }),
    );
    let second = post_command("warning-letters", true, as_moderator());
    fake.interact(second.clone()).await;
    let said = outcome(&fake, &second).await;
    assert!(said.contains("lacks the Pin Messages permission"), "{said}");
    assert_clean(&fake);
    running.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_who_is_not_a_moderator_is_politely_refused() {
    let fake = FakeDiscord::start().await;
    let running = bot::start_shipped(&fake, "refuse").await;
    let refused = fake
        .interact(post_command("fda-status", true, as_member()))
        .await;
    assert!(refused["data"]["content"]
        .as_str()
        .unwrap()
        .starts_with("Only moderators"));
    let listed = fake
        .interact(support::slash_command("posts", Value::Null, as_member()))
        .await;
    assert!(listed["data"]["content"]
        .as_str()
        .unwrap()
        .starts_with("Only moderators"));
    assert!(channel_posts(&fake).is_empty());
    assert_clean(&fake);
    running.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_answers_a_members_message_with_a_fact_that_pings_no_one() {
    let fake = FakeDiscord::start().await;
    let running = bot::start_shipped(&fake, "answer").await;
    let question = fake.user_message(
        CHANNEL,
        MEMBER,
        "is this exosome stuff even legal @everyone?",
    );
    let target = parse_id(&question["id"]).unwrap();
    let mut menu = support::slash_command("Answer with a fact", Value::Null, as_moderator());
    menu["data"]["type"] = json!(3);
    menu["data"]["target_id"] = json!(target.to_string());
    menu["data"]["resolved"] = json!({ "messages": { target.to_string(): question } });
    menu["data"].as_object_mut().unwrap().remove("options");
    let picker = fake.interact(menu.clone()).await;
    assert_eq!(picker["data"]["flags"], 64);
    let custom_id = picker["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let shown = fake.original_response(&menu).unwrap();
    let pick = support::select(&custom_id, &["fda-status"], shown, as_moderator());
    fake.interact(pick.clone()).await;
    let reply = fake
        .wait_for_request("POST", &format!("/channels/{CHANNEL}/messages"))
        .await;
    assert_eq!(
        reply.body["message_reference"]["message_id"],
        target.to_string()
    );
    assert_eq!(reply.body["allowed_mentions"]["parse"], json!([]));
    assert_eq!(reply.body["allowed_mentions"]["replied_user"], false);
    assert_eq!(
        reply.body["embeds"][0]["title"],
        "Is any exosome product FDA approved? Is exosome therapy legal?"
    );
    assert_eq!(outcome(&fake, &pick).await, "Answered.");
    assert_clean(&fake);
    running.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderators_list_the_bots_posts_and_remove_one() {
    list_and_remove("list", false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_http_moderators_list_the_bots_posts_and_remove_one() {
    list_and_remove("http-list", true).await;
}

async fn list_and_remove(name: &str, over_http: bool) {
    let fake = FakeDiscord::start().await;
    let data = bot::data_dir(name);
    let running = start(&fake, &data, over_http).await;
    for topic in ["fda-status", "safety-risks"] {
        let command = post_command(topic, false, as_moderator());
        fake.interact(command.clone()).await;
        assert_eq!(outcome(&fake, &command).await, "Posted.");
    }
    let list = support::slash_command("posts", Value::Null, as_moderator());
    let listed = fake.interact(list.clone()).await;
    let embed = &listed["data"]["embeds"][0];
    assert_eq!(embed["title"], "exobot's posts in this channel (2)");
    assert!(embed["description"]
        .as_str()
        .unwrap()
        .contains("Is exosome therapy safe?"));
    let first = parse_id(&channel_posts(&fake)[0]["id"]).unwrap();
    let shown = fake.original_response(&list).unwrap();
    let manage = fake
        .interact(support::select(
            "mod:manage",
            &[&first.to_string()],
            shown,
            as_moderator(),
        ))
        .await;
    let remove_id = manage["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(remove_id, format!("mod:remove:{first}"));
    let manage_message =
        support::bot_message(support::snowflake(), CHANNEL, Some(GUILD), &manage["data"]);
    let press = support::button(&remove_id, manage_message, as_moderator());
    fake.interact(press.clone()).await;
    assert_eq!(outcome(&fake, &press).await, "Removed.");
    fake.wait_for_request("DELETE", &format!("/channels/{CHANNEL}/messages/{first}"))
        .await;
    let store = Store::open(&data).unwrap();
    assert!(store.get(first).unwrap().is_none());
    assert_eq!(store.in_channel(CHANNEL).unwrap().len(), 1);
    assert_clean(&fake);
    running.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_edits_a_pinned_post_marks_a_withdrawn_one_and_forgets_a_deleted_one() {
    let fake = FakeDiscord::start().await;
    let kb = bot::copy_of_shipped_knowledge("refresh-kb");
    let data = bot::data_dir("refresh");
    let running = bot::start(&fake, bot::config(&fake, &kb, &data), bot::Way::Proxy, None).await;
    for (topic, pin) in [
        ("nebraska-adverse-events", true),
        ("warning-letters", false),
        ("fda-status", false),
    ] {
        let command = post_command(topic, pin, as_moderator());
        fake.interact(command.clone()).await;
        outcome(&fake, &command).await;
    }
    let ids: Vec<u64> = channel_posts(&fake)
        .iter()
        .map(|m| parse_id(&m["id"]).unwrap())
        .collect();
    let (pinned, withdrawn, deleted) = (ids[0], ids[1], ids[2]);
    edit_topic_file(
        &kb,
        "What happened in Nebraska in 2019?",
        "Nebraska, 2019: what happened",
    );
    // Withdraw a topic by making it a draft.
    let path = kb.join("topics-regulation.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    let topic = text.find("id = \"warning-letters\"").unwrap();
    let status = topic + text[topic..].find("status = \"published\"").unwrap();
    text.replace_range(
        status..status + "status = \"published\"".len(),
        "status = \"draft\"",
    );
    std::fs::write(&path, text).unwrap();
    edit_topic_file(
        &kb,
        "Is any exosome product FDA approved? Is exosome therapy legal?",
        "Is any exosome product FDA approved?",
    );
    fake.fail_next(
        "PATCH",
        &format!("/channels/{CHANNEL}/messages/{deleted}"),
        404,
        json!({ "code": 10008, "message": "Unknown Message" }),
    );
    let reload = support::slash_command("reload", Value::Null, as_owner());
    fake.interact(reload.clone()).await;
    let told = outcome(&fake, &reload).await;
    assert!(told.starts_with("Reloaded"), "{told}");
    let store = Store::open(&data).unwrap();
    wait_until("the refresh", || store.get(deleted).unwrap().is_none()).await;
    let edited = patches(&fake);
    let of = |id: u64| {
        edited
            .iter()
            .find(|r| r.path.ends_with(&id.to_string()))
            .unwrap()
            .body
            .clone()
    };
    let pinned_now = of(pinned);
    assert_eq!(
        pinned_now["embeds"][0]["title"],
        "Nebraska, 2019: what happened"
    );
    assert!(pinned_now["embeds"][0]["fields"]
        .to_string()
        .contains("\"name\":\"Updated\""));
    assert_eq!(pinned_now["allowed_mentions"]["parse"], json!([]));
    assert_eq!(
        of(withdrawn)["embeds"][0]["title"],
        "This fact was withdrawn"
    );
    assert_eq!(
        store.get(pinned).unwrap().unwrap().state,
        exobot::store::PostState::Current
    );
    assert_eq!(
        store.get(withdrawn).unwrap().unwrap().state,
        exobot::store::PostState::Withdrawn
    );
    assert_clean(&fake);
    running.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_restart_in_the_middle_of_a_refresh_only_the_posts_not_yet_edited_are_edited() {
    let fake = FakeDiscord::start().await;
    let kb = bot::copy_of_shipped_knowledge("resume-kb");
    let data = bot::data_dir("resume");
    let config = bot::config(&fake, &kb, &data);
    let first = bot::start(&fake, config.clone(), bot::Way::Proxy, None).await;
    for _ in 0..3 {
        let command = post_command("nebraska-adverse-events", false, as_moderator());
        fake.interact(command.clone()).await;
        outcome(&fake, &command).await;
    }
    first.stop().await;
    let ids: Vec<u64> = channel_posts(&fake)
        .iter()
        .map(|m| parse_id(&m["id"]).unwrap())
        .collect();
    edit_topic_file(
        &kb,
        "What happened in Nebraska in 2019?",
        "Nebraska, 2019: what happened",
    );
    // As if the first bot had edited the first post, and recorded it, before it stopped.
    let new_kb = exobot::knowledge::load(&kb, exobot::startup::today())
        .knowledge
        .unwrap();
    let (_, fingerprint) =
        exobot::moderation::fact_message(&new_kb, "nebraska-adverse-events").unwrap();
    Store::open(&data)
        .unwrap()
        .mark_refreshed(
            ids[0],
            &new_kb.revision,
            &fingerprint,
            exobot::store::PostState::Current,
        )
        .unwrap();
    let second = bot::start(&fake, config, bot::Way::Proxy, None).await;
    wait_until("two edits", || patches(&fake).len() >= 2).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let edited: Vec<String> = patches(&fake).iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        edited,
        [
            format!("/channels/{CHANNEL}/messages/{}", ids[1]),
            format!("/channels/{CHANNEL}/messages/{}", ids[2])
        ]
    );
    assert_clean(&fake);
    second.stop().await;
    fake.shutdown().await;
}

/// Two instances sharing one store (SQLite in `data`, or PostgreSQL at `database_url`) start
/// after a topic changed: each of its posts is edited once.
async fn two_instances_edit_each_changed_post_once(name: &str, database_url: Option<String>) {
    let fake = FakeDiscord::start().await;
    let kb = bot::copy_of_shipped_knowledge(&format!("{name}-kb"));
    let data = bot::data_dir(name);
    let mut config = bot::config(&fake, &kb, &data);
    config.database_url = database_url;
    let first = bot::start(&fake, config.clone(), bot::Way::Proxy, None).await;
    for _ in 0..3 {
        let command = post_command("nebraska-adverse-events", false, as_moderator());
        fake.interact(command.clone()).await;
        outcome(&fake, &command).await;
    }
    first.stop().await;
    let mut expected: Vec<String> = channel_posts(&fake)
        .iter()
        .map(|m| {
            format!(
                "/channels/{CHANNEL}/messages/{}",
                parse_id(&m["id"]).unwrap()
            )
        })
        .collect();
    expected.sort();
    assert_eq!(expected.len(), 3);
    edit_topic_file(
        &kb,
        "What happened in Nebraska in 2019?",
        "Nebraska, 2019: what happened",
    );
    // Every call is slow, so both instances list the posts before either has edited one: only
    // the store's claims keep them from editing each post twice.
    fake.delay_every_call(Some(Duration::from_millis(300)));
    let (a, b) = tokio::join!(
        bot::start(&fake, config.clone(), bot::Way::Proxy, None),
        bot::start(&fake, config, bot::Way::Proxy, None)
    );
    wait_until("three edits", || patches(&fake).len() >= 3).await;
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    let mut edited: Vec<String> = patches(&fake).iter().map(|r| r.path.clone()).collect();
    edited.sort();
    assert_eq!(edited, expected, "each post edited once");
    fake.delay_every_call(None);
    a.stop().await;
    b.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_sharing_a_sqlite_store_edit_each_changed_post_once() {
    two_instances_edit_each_changed_post_once("instances", None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_sharing_a_postgres_store_edit_each_changed_post_once() {
    let Some(db) = e2e::pg::Database::new() else {
        return;
    };
    two_instances_edit_each_changed_post_once("instances-pg", Some(db.url.clone())).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_store_locked_by_another_process_posts_still_go_out() {
    let fake = FakeDiscord::start().await;
    let data = bot::data_dir("locked");
    let running = bot::start_shipped_in(&fake, &data).await;
    // Another connection holds the write lock for longer than the bot waits (twice 2 s).
    let holder = rusqlite::Connection::open(data.join(exobot::store::FILE)).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    let command = post_command("fda-status", false, as_moderator());
    let callback = fake.interact(command.clone()).await;
    assert_eq!(
        callback["data"]["flags"], 64,
        "the moderator is answered at once"
    );
    fake.wait_for_request("POST", &format!("/channels/{CHANNEL}/messages"))
        .await;
    let said = outcome(&fake, &command).await;
    assert_eq!(
        said, "Posted.",
        "the post went out although it could not be recorded"
    );
    holder.execute_batch("ROLLBACK;").unwrap();
    let store = Store::open(&data).unwrap();
    assert_eq!(store.integrity().unwrap(), "ok");
    assert!(
        store.in_channel(CHANNEL).unwrap().is_empty(),
        "the record was not written"
    );
    assert_clean(&fake);
    running.stop().await;
    fake.shutdown().await;
}
