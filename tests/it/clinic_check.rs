//! The clinic check on Discord, end to end on the fake: in a private thread, in DMs and in place,
//! with its fallbacks, owner check, forms, signed state that survives a restart, and the close.

use serde_json::{json, Value};

use crate::e2e::bot::{self, OWNER};
use crate::support::{
    self, channel_type, components, id_of, parse_id, permissions, FakeDiscord, Place,
};

const GUILD: u64 = 920_000_000_000_000_001;
const CHANNEL: u64 = 920_000_000_000_000_002;
const MEMBER: u64 = 920_000_000_000_000_003;
const DM_CHANNEL: u64 = 920_000_000_000_000_004;
const STRANGER: u64 = 920_000_000_000_000_005;
const FORUM: u64 = 920_000_000_000_000_006;

fn place(channel_id: u64, user_id: u64) -> Place {
    Place::Guild {
        guild_id: GUILD,
        channel_id,
        user_id,
        permissions: permissions::MEMBER,
    }
}

fn dm() -> Place {
    Place::Dm {
        channel_id: DM_CHANNEL,
        user_id: MEMBER,
    }
}

fn check_command(clinic: &str, at: Place) -> Value {
    support::slash_command(
        "clinic-check",
        json!([{ "name": "clinic", "type": 3, "value": clinic }]),
        at,
    )
}

/// Presses the button labelled `label` on the stored message `message_id` and returns the callback.
async fn press(fake: &FakeDiscord, message_id: u64, label: &str, at: Place) -> Value {
    let message = fake.message(message_id).unwrap();
    let id = id_of(&message, label);
    fake.interact(support::button(&id, message, at)).await
}

/// Presses a button whose answer is deferred (it calls Discord first) and returns the text the
/// answer is then edited to.
async fn press_and_read(fake: &FakeDiscord, message_id: u64, label: &str, at: Place) -> String {
    let message = fake.message(message_id).unwrap();
    let pressed = support::button(&id_of(&message, label), message, at);
    let deferred = fake.interact(pressed.clone()).await;
    assert_eq!(
        (
            deferred["type"].as_u64(),
            deferred["data"]["flags"].as_u64()
        ),
        (Some(5), Some(64)),
        "acknowledged first, ephemerally: {deferred:#}"
    );
    let path = format!(
        "/webhooks/{}/{}/messages/@original",
        fake.application_id(),
        pressed["token"].as_str().unwrap()
    );
    let edit = fake.wait_for_request("PATCH", &path).await;
    edit.body["content"].as_str().unwrap_or_default().to_owned()
}

/// The six answers of a check, none of which opens a form.
const ANSWERS: [&str; 6] = [
    "A treatment sold outside any clinical trial",
    "General claims about the science",
    "Only general words",
    "They showed written results",
    "A specific account",
    "A direct answer",
];

/// Answers every question on the check message `message_id` and asks for the report.
async fn answer_all(fake: &FakeDiscord, message_id: u64, at: Place) -> Value {
    for answer in ANSWERS {
        let cb = press(fake, message_id, answer, at).await;
        assert_eq!(cb["type"], 7, "{answer}: {cb:#}");
    }
    press(fake, message_id, "Get the report", at).await
}

/// The private thread the bot made for the latest check (once it has answered the command).
async fn thread_of(fake: &FakeDiscord) -> u64 {
    fake.wait_for_request("PUT", "/channels/").await;
    let add = fake
        .requests()
        .into_iter()
        .rfind(|r| r.method == "PUT" && r.path.contains("/thread-members/"))
        .unwrap();
    add.path.split('/').nth(2).unwrap().parse().unwrap()
}

fn assert_clean(fake: &FakeDiscord) {
    let violations = fake.violations();
    assert!(violations.is_empty(), "{violations:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_check_runs_in_a_private_thread_then_archives_and_can_be_deleted() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "thread").await;
    let deferred = fake
        .interact(check_command("Glow @everyone Spa", place(CHANNEL, MEMBER)))
        .await;
    assert_eq!(
        (
            deferred["type"].as_u64(),
            deferred["data"]["flags"].as_u64()
        ),
        (Some(5), Some(64))
    );
    let created = fake
        .wait_for_request("POST", &format!("/channels/{CHANNEL}/threads"))
        .await;
    assert_eq!(created.body["type"], 12);
    assert_eq!(created.body["invitable"], false);
    let thread = thread_of(&fake).await;
    assert_eq!(
        fake.thread_members(thread),
        [fake.application_id(), MEMBER],
        "the bot and its member"
    );
    let edit = fake.wait_for_request("PATCH", "/webhooks/").await;
    assert!(edit.body["content"]
        .as_str()
        .unwrap()
        .contains(&format!("<#{thread}>")));

    let messages = fake.messages(thread);
    assert_eq!(messages.len(), 2);
    let intro = messages[0]["content"].as_str().unwrap();
    assert!(
        intro.contains("moderators of this server can see private threads"),
        "{intro}"
    );
    assert!(intro.contains("not medical advice"));
    let question = parse_id(&messages[1]["id"]).unwrap();
    assert!(components(&messages[1])
        .iter()
        .any(|(l, _)| l == "Continue in DMs"));
    let clinic = messages[1]["embeds"][0]["fields"].to_string();
    assert!(clinic.contains("Glow @\u{200B}everyone Spa"), "{clinic}");

    let at = place(thread, MEMBER);
    let report = answer_all(&fake, question, at).await;
    assert_eq!(report["type"], 7);
    assert!(report["data"]["embeds"][0]["title"]
        .as_str()
        .unwrap()
        .starts_with("Clinic check report"));
    assert!(components(&report["data"])
        .iter()
        .any(|(l, _)| l == "Delete this check"));
    let with_file = fake
        .requests()
        .into_iter()
        .find(|r| r.path.starts_with("/interactions/") && !r.files.is_empty())
        .unwrap();
    assert_eq!(with_file.files[0].filename, "clinic-check-report.md");
    let archived = fake
        .wait_for_request("PATCH", &format!("/channels/{thread}"))
        .await;
    assert_eq!(archived.body["archived"], true);
    assert!(archived.body.get("locked").is_none_or(|l| l == false));
    let closing = fake.messages(thread).last().unwrap()["content"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(closing.contains("archived"), "{closing}");

    let deleted = press(&fake, question, "Delete this check", at).await;
    assert_eq!(deleted["data"]["flags"], 64);
    fake.wait_for_request("DELETE", &format!("/channels/{thread}"))
        .await;
    assert_clean(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_check_runs_in_dms_and_someone_elses_click_is_refused() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "dm").await;
    let started = fake.interact(check_command("Glow Spa", dm())).await;
    assert_eq!(started["type"], 4);
    assert_eq!(
        started["data"]["flags"].as_u64().unwrap_or(0) & 64,
        0,
        "a DM check is a normal message"
    );
    let asked = check_command("Glow Spa", dm());
    fake.interact(asked.clone()).await;
    let message = fake.original_response(&asked).unwrap();
    let id = parse_id(&message["id"]).unwrap();
    let stranger = Place::Dm {
        channel_id: DM_CHANNEL,
        user_id: STRANGER,
    };
    let refused = press(&fake, id, ANSWERS[0], stranger).await;
    assert_eq!(refused["data"]["flags"], 64);
    assert!(
        refused["data"]["content"]
            .as_str()
            .unwrap()
            .contains("belongs to someone else"),
        "{refused:#}"
    );
    let report = answer_all(&fake, id, dm()).await;
    assert!(
        report["data"]["embeds"][0]["description"]
            .as_str()
            .unwrap()
            .contains("Red flags: 3 of the 6"),
        "{report:#}"
    );
    assert!(components(&report["data"])
        .iter()
        .any(|(l, _)| l == "Delete this check"));
    press(&fake, id, "Delete this check", dm()).await;
    fake.wait_for_request("DELETE", &format!("/channels/{DM_CHANNEL}/messages/{id}"))
        .await;
    assert_clean(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_forum_the_check_runs_in_place_with_a_way_to_dms_and_closed_dms_are_said_plainly() {
    let fake = FakeDiscord::start().await;
    fake.set_channel_type(FORUM, channel_type::GUILD_FORUM);
    let bot = bot::start_shipped(&fake, "forum").await;
    let asked = check_command("Glow Spa", place(FORUM, MEMBER));
    fake.interact(asked.clone()).await;
    let edit = fake.wait_for_request("PATCH", "/webhooks/").await;
    let text = edit.body["content"].as_str().unwrap();
    assert!(
        text.starts_with("Private threads cannot be made in this kind of channel"),
        "{text}"
    );
    assert!(edit.body["embeds"][0]["title"]
        .as_str()
        .unwrap()
        .contains("Question 1 of 6"));
    assert!(components(&edit.body)
        .iter()
        .any(|(l, _)| l == "Continue in DMs"));
    assert!(
        !fake.requests().iter().any(|r| r.path.ends_with("/threads")),
        "no thread was tried"
    );

    let original = fake.original_response(&asked).unwrap();
    let original_id = parse_id(&original["id"]).unwrap();
    fake.fail_next(
        "POST",
        "/channels/",
        403,
        json!({ "code": 50007, "message": "Cannot send messages to this user" }),
    );
    let closed = press_and_read(&fake, original_id, "Continue in DMs", place(FORUM, MEMBER)).await;
    assert!(
        closed.starts_with("Your direct messages are closed to exobot"),
        "{closed}"
    );
    let moved = press_and_read(&fake, original_id, "Continue in DMs", place(FORUM, MEMBER)).await;
    assert!(
        moved.starts_with("Your clinic check is waiting in your direct messages"),
        "{moved}"
    );
    assert_clean(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn started_inside_a_thread_the_check_opens_its_thread_in_the_parent_channel() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "in-thread").await;
    fake.interact(check_command("A", place(CHANNEL, MEMBER)))
        .await;
    let first = thread_of(&fake).await;
    fake.wait_for_request("PATCH", "/webhooks/").await;
    let before = fake.requests().len();
    fake.interact(check_command("B", place(first, MEMBER)))
        .await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let creates: Vec<_> = fake.requests()[before..]
            .iter()
            .filter(|r| r.path.ends_with("/threads"))
            .cloned()
            .collect();
        if let Some(create) = creates.first() {
            assert_eq!(create.path, format!("/channels/{CHANNEL}/threads"));
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no thread created");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_clean(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_check_survives_a_restart_of_the_bot_in_the_middle() {
    let fake = FakeDiscord::start().await;
    let data = bot::data_dir("restart");
    let config = bot::config(&fake, &bot::shipped_knowledge(), &data);
    let first = bot::start(&fake, config.clone(), bot::Way::Proxy, None).await;
    let asked = check_command("Glow Spa", dm());
    fake.interact(asked.clone()).await;
    let id = parse_id(&fake.original_response(&asked).unwrap()["id"]).unwrap();
    for answer in &ANSWERS[..3] {
        press(&fake, id, answer, dm()).await;
    }
    assert_eq!(first.stop().await, 0);
    let second = bot::start(&fake, config, bot::Way::Proxy, None).await;
    for answer in &ANSWERS[3..] {
        let cb = press(&fake, id, answer, dm()).await;
        assert_eq!(cb["type"], 7, "{cb:#}");
    }
    let report = press(&fake, id, "Get the report", dm()).await;
    let description = report["data"]["embeds"][0]["description"].as_str().unwrap();
    assert!(
        description.contains("Red flags: 3 of the 6"),
        "{description}"
    );
    let again = press(&fake, id, "Start over", dm()).await;
    let title = again["data"]["embeds"][0]["title"].as_str().unwrap();
    assert!(
        title.contains("Question 1 of 6"),
        "start over opens a new check: {title}"
    );
    assert_clean(&fake);
    second.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_form_input_is_explained_with_a_button_that_reopens_the_form() {
    form_and_refusal(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_http_a_form_opens_and_invalid_input_is_explained() {
    form_and_refusal(true).await;
}

async fn form_and_refusal(over_http: bool) {
    let fake = FakeDiscord::start().await;
    let bot = if over_http {
        bot::start_shipped_http(&fake, "http-modal").await.0
    } else {
        bot::start_shipped(&fake, "modal").await
    };
    let asked = check_command("Glow Spa", dm());
    fake.interact(asked.clone()).await;
    let message = fake.original_response(&asked).unwrap();
    let id = parse_id(&message["id"]).unwrap();
    let form = press(&fake, id, "A ClinicalTrials.gov listing", dm()).await;
    assert_eq!(form["type"], 9);
    let form_id = form["data"]["custom_id"].as_str().unwrap().to_owned();
    let input = form["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let submit = support::modal_submit(
        &form_id,
        &[(&input, "NCT123")],
        Some(fake.message(id).unwrap()),
        dm(),
    );
    let error = fake.interact(submit).await;
    assert_eq!(error["type"], 4);
    assert_eq!(error["data"]["flags"], 64);
    let text = error["data"].to_string();
    assert!(text.contains("8 digits after NCT"), "{text}");
    let again = id_of(&error["data"], "Try again");
    let error_message =
        support::bot_message(support::snowflake(), DM_CHANNEL, None, &error["data"]);
    let reopened = fake
        .interact(support::button(&again, error_message, dm()))
        .await;
    assert_eq!(reopened["type"], 9, "{reopened:#}");
    assert_clean(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_and_an_outdated_token_each_get_their_own_refusal() {
    let fake = FakeDiscord::start().await;
    let kb = bot::copy_of_shipped_knowledge("outdated-kb");
    let data = bot::data_dir("outdated");
    let config = bot::config(&fake, &kb, &data);
    let bot = bot::start(&fake, config, bot::Way::Proxy, None).await;
    let asked = check_command("Glow Spa", dm());
    fake.interact(asked.clone()).await;
    let message = fake.original_response(&asked).unwrap();
    let real = id_of(&message, ANSWERS[0]);
    let mut forged = real.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    let refused = fake
        .interact(support::button(&forged, message.clone(), dm()))
        .await;
    let text = refused["data"]["content"].as_str().unwrap();
    assert_eq!(refused["data"]["flags"], 64);
    assert!(
        text.to_lowercase().contains("not issued")
            || text.to_lowercase().contains("forged")
            || text.contains("altered"),
        "{text}"
    );
    // A structural change of the questionnaire (an option id renamed) makes open checks outdated.
    let path = kb.join("questionnaire.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let first_option = text
        .lines()
        .find(|l| l.trim_start().starts_with("id = ") && l.contains("\""))
        .unwrap()
        .to_owned();
    assert!(text.contains(&first_option));
    std::fs::write(
        &path,
        text.replacen(
            &first_option,
            &first_option.replacen("\"", "\"renamed-", 1),
            1,
        ),
    )
    .unwrap();
    let manager = Place::Guild {
        guild_id: GUILD,
        channel_id: CHANNEL,
        user_id: OWNER,
        permissions: permissions::MEMBER,
    };
    let reload = support::slash_command("reload", Value::Null, manager);
    fake.interact(reload.clone()).await;
    let reload = fake.told(&reload).await;
    assert!(
        reload["content"].as_str().unwrap().starts_with("Reloaded"),
        "{reload:#}"
    );
    let outdated = fake.interact(support::button(&real, message, dm())).await;
    let text = outdated["data"]["content"].as_str().unwrap();
    assert!(text.contains("updated"), "{text}");
    assert_clean(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_http_interactions_the_whole_check_runs_and_the_report_file_follows_its_deferral() {
    let fake = FakeDiscord::start().await;
    let (bot, _) = bot::start_shipped_http(&fake, "http-thread").await;
    let deferred = fake
        .interact(check_command("Glow Spa", place(CHANNEL, MEMBER)))
        .await;
    assert_eq!(
        (
            deferred["type"].as_u64(),
            deferred["data"]["flags"].as_u64()
        ),
        (Some(5), Some(64))
    );
    let thread = thread_of(&fake).await;
    let edit = fake.wait_for_request("PATCH", "/webhooks/").await;
    assert!(edit.body["content"]
        .as_str()
        .unwrap()
        .contains(&format!("<#{thread}>")));
    let question = parse_id(&fake.messages(thread)[1]["id"]).unwrap();
    let at = place(thread, MEMBER);
    for answer in ANSWERS {
        let cb = press(&fake, question, answer, at).await;
        assert_eq!(cb["type"], 7, "{answer}: {cb:#}");
    }
    // A response with a file goes as a deferred update in the HTTP body, then an edit of the
    // check's message that carries the file.
    let message = fake.message(question).unwrap();
    let pressed = support::button(&id_of(&message, "Get the report"), message, at);
    let report = fake.interact(pressed.clone()).await;
    assert_eq!(report["type"], 6, "{report:#}");
    let path = format!(
        "/webhooks/{}/{}/messages/@original",
        fake.application_id(),
        pressed["token"].as_str().unwrap()
    );
    // The edit can reach the fake before the deferral in the HTTP body did: the fake refuses
    // it as Discord does (Unknown Webhook), and the bot tries again; wait for the one accepted.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let edit = loop {
        let accepted = fake
            .requests()
            .into_iter()
            .find(|r| r.method == "PATCH" && r.path == path && r.status == 200);
        if let Some(edit) = accepted {
            break edit;
        }
        assert!(std::time::Instant::now() < deadline, "no accepted edit");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    };
    assert_eq!(edit.files.len(), 1);
    assert_eq!(edit.files[0].filename, "clinic-check-report.md");
    let shown = fake.message(question).unwrap();
    assert!(shown["embeds"][0]["title"]
        .as_str()
        .unwrap()
        .starts_with("Clinic check report"));
    assert!(components(&shown)
        .iter()
        .any(|(l, _)| l == "Delete this check"));
    let archived = fake
        .wait_for_request("PATCH", &format!("/channels/{thread}"))
        .await;
    assert_eq!(archived.body["archived"], true);
    assert_clean(&fake);
    bot.stop().await;
    fake.shutdown().await;
}
