//! The core's answers to members, front-end independent: facts, browsing, autocomplete,
//! sharing with its cooldown and permission check, stale buttons, unknown commands, reloads.

use std::path::Path;
use std::time::Duration;

use exobot::app::{App, ReloadOutcome};
use exobot::event::{Actor, Channel, Command, Effect, Event, Place};
use exobot::knowledge;
use exobot::outcome::Outcome;
use exobot::reply::{ButtonTarget, Message, Reply, Row};

use crate::support::Scratch;

fn today() -> time::Date {
    time::macros::date!(2026 - 11 - 30)
}

fn app_on(dir: &Path) -> App {
    let key = exobot::questionnaire::TokenKey::new(b"test secret");
    App::new(knowledge::load(dir, today()).knowledge.unwrap(), key)
}

fn shipped() -> App {
    app_on(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"))
}

fn member(place: Place) -> Actor {
    Actor {
        user_id: 42,
        display_name: "@everyone **Bold**".to_owned(),
        can_reload: false,
        can_moderate: false,
        place,
    }
}

fn in_channel() -> Actor {
    member(Place::Guild {
        guild_id: 1,
        channel_id: 7,
        channel: Channel::Text,
        can_send: true,
    })
}

fn message(reply: &Reply) -> &Message {
    match reply {
        Reply::Message(m) | Reply::Update(m) => m,
        other => panic!("expected a message, got {other:?}"),
    }
}

fn command(app: &App, actor: &Actor, command: Command) -> Reply {
    let reply = app.handle(actor, Event::Command(command)).reply;
    assert!(
        reply.limit_errors().is_empty(),
        "{:?}",
        reply.limit_errors()
    );
    reply
}

fn press(app: &App, actor: &Actor, custom_id: &str) -> exobot::event::Response {
    app.handle(
        actor,
        Event::Component {
            custom_id: custom_id.to_owned(),
            values: Vec::new(),
            message: Vec::new(),
            interaction_id: 0,
        },
    )
}

fn action_ids(m: &Message) -> Vec<String> {
    m.rows
        .iter()
        .flat_map(|r| match r {
            Row::Buttons(b) => b
                .iter()
                .filter_map(|b| match &b.target {
                    ButtonTarget::Action(id) => Some(id.clone()),
                    ButtonTarget::Link(_) => None,
                })
                .collect(),
            Row::Select(s) => vec![s.custom_id.clone()],
        })
        .collect()
}

#[test]
fn a_fact_is_ephemeral_with_its_sources_footer_and_a_share_button_in_servers() {
    let app = shipped();
    let reply = command(
        &app,
        &in_channel(),
        Command::Fact {
            topic: Some("fda-status".into()),
        },
    );
    let m = message(&reply);
    assert!(m.ephemeral);
    let embed = &m.embeds[0];
    assert_eq!(
        embed.title,
        "Is any exosome product FDA approved? Is exosome therapy legal?"
    );
    assert!(embed
        .fields
        .iter()
        .any(|f| f.name == "Sources" && f.value.contains("](https://www.fda.gov/")));
    let footer = embed.footer.as_deref().unwrap();
    assert!(
        footer.starts_with("Reviewed 2026-11-30 · next review 2027-02-28\n"),
        "{footer}"
    );
    assert!(footer.contains("not medical advice"));
    // Share first, then the related topics as buttons (no ids in the text).
    let kb = app.knowledge();
    let related_ids = &kb.content.published_topic("fda-status").unwrap().related;
    let mut expected = vec!["share:fda-status".to_owned()];
    expected.extend(related_ids.iter().take(5).map(|id| format!("fact:{id}")));
    assert!(expected.len() > 2, "fda-status has related topics");
    assert_eq!(action_ids(m), expected);
    let related = embed.fields.iter().find(|f| f.name == "Related").unwrap();
    assert!(!related.value.contains('`'), "{}", related.value);
    assert!(
        !related.value.contains("section-351-361"),
        "{}",
        related.value
    );
}

#[test]
fn in_direct_messages_a_fact_has_no_share_button() {
    let app = shipped();
    let reply = command(
        &app,
        &member(Place::DirectMessage),
        Command::Fact {
            topic: Some("fda-status".into()),
        },
    );
    let ids = action_ids(message(&reply));
    assert!(!ids.iter().any(|id| id.starts_with("share:")), "{ids:?}");
    assert!(ids.iter().all(|id| id.starts_with("fact:")), "{ids:?}");
}

#[test]
fn the_fact_command_without_a_topic_offers_every_topic_in_a_select() {
    let app = shipped();
    let reply = command(&app, &in_channel(), Command::Fact { topic: None });
    let m = message(&reply);
    let Row::Select(select) = &m.rows[0] else {
        panic!("expected a select")
    };
    let published = app.knowledge().content.published().count();
    assert_eq!(published, 25);
    assert_eq!(select.options.len(), published);
    let picked = app.handle(
        &in_channel(),
        Event::Component {
            custom_id: select.custom_id.clone(),
            values: vec!["nebraska-adverse-events".into()],
            message: Vec::new(),
            interaction_id: 0,
        },
    );
    assert_eq!(
        message(&picked.reply).embeds[0].title,
        "What happened in Nebraska in 2019?"
    );
}

#[test]
fn a_typed_topic_that_is_no_id_is_searched_and_an_unknown_one_gets_the_list() {
    let app = shipped();
    let reply = command(
        &app,
        &in_channel(),
        Command::Fact {
            topic: Some("how to report side effects".into()),
        },
    );
    assert_eq!(
        message(&reply).embeds[0].title,
        "How do I report a bad reaction or a clinic to FDA?"
    );
    let reply = command(
        &app,
        &in_channel(),
        Command::Fact {
            topic: Some("@everyone pizza".into()),
        },
    );
    let m = message(&reply);
    assert!(m
        .content
        .as_deref()
        .unwrap()
        .starts_with("No published topic is called `@\u{200B}everyone pizza`"));
    assert!(matches!(m.rows[0], Row::Select(_)));
}

#[test]
fn autocomplete_offers_at_most_25_ranked_choices_and_all_topics_for_empty_input() {
    let app = shipped();
    let complete = |partial: &str| match app
        .handle(
            &in_channel(),
            Event::Autocomplete {
                partial: partial.into(),
            },
        )
        .reply
    {
        Reply::Autocomplete(choices) => choices,
        other => panic!("{other:?}"),
    };
    assert_eq!(complete("").len(), 25, "Discord's 25 choices, all topics");
    assert_eq!(complete("nebr")[0].value, "nebraska-adverse-events");
    assert_eq!(complete("fda appro")[0].value, "fda-status");
    assert!(complete("zzzz qqqq").is_empty());
    for c in complete("e") {
        assert!(c.name.chars().count() <= 100 && c.value.len() <= 100);
    }
}

#[test]
fn an_unsure_question_shows_the_best_fact_and_did_you_mean_buttons() {
    let app = shipped();
    let reply = command(
        &app,
        &in_channel(),
        Command::Ask {
            question: "fda exosome trial".into(),
        },
    );
    let m = message(&reply);
    assert_eq!(m.embeds.len(), 1);
    assert!(m.content.as_deref().unwrap().contains("Did you mean"));
    assert!(action_ids(m).iter().any(|id| id.starts_with("fact:")));
}

#[test]
fn an_unrelated_question_is_refused_without_a_fact() {
    let app = shipped();
    let reply = command(
        &app,
        &in_channel(),
        Command::Ask {
            question: "who won the football game last night".into(),
        },
    );
    let m = message(&reply);
    assert!(m.embeds.is_empty());
    assert!(m
        .content
        .as_deref()
        .unwrap()
        .starts_with("No vetted fact matches that question."));
}

#[test]
fn sharing_posts_the_fact_with_an_escaped_name_once_per_cooldown() {
    let app = shipped().with_share_cooldown(Duration::from_millis(200));
    let first = press(&app, &in_channel(), "share:fda-status");
    let Some(Effect::Post(fact)) = first.effect else {
        panic!("no post: {first:?}")
    };
    assert_eq!(
        (
            fact.channel_id,
            fact.topic.as_str(),
            fact.pin,
            fact.reply_to
        ),
        (7, "fda-status", false, None)
    );
    let post = fact.message;
    assert!(!post.ephemeral);
    let shared_by = post.embeds[0]
        .fields
        .iter()
        .find(|f| f.name == "Shared by")
        .unwrap();
    assert_eq!(shared_by.value, "@\u{200B}everyone \\*\\*Bold\\*\\*");
    let again = press(&app, &in_channel(), "share:fda-status");
    assert!(again.effect.is_none());
    assert!(message(&again.reply)
        .content
        .as_deref()
        .unwrap()
        .contains("just posted"));
    let elsewhere = press(
        &app,
        &member(Place::Guild {
            guild_id: 1,
            channel_id: 8,
            channel: Channel::Text,
            can_send: true,
        }),
        "share:fda-status",
    );
    assert!(elsewhere.effect.is_some(), "the cooldown is per channel");
    std::thread::sleep(Duration::from_millis(250));
    assert!(press(&app, &in_channel(), "share:fda-status")
        .effect
        .is_some());
}

#[test]
fn a_share_cooldown_in_the_store_holds_for_every_instance_sharing_it() {
    let data = std::env::temp_dir().join(format!("exobot-app-shares-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let instance = || {
        let store = std::sync::Arc::new(exobot::store::Store::open(&data).unwrap());
        shipped()
            .with_store(store)
            .with_share_cooldown(Duration::from_millis(200))
    };
    let (a, b) = (instance(), instance());
    assert!(press(&a, &in_channel(), "share:fda-status")
        .effect
        .is_some());
    let again = press(&b, &in_channel(), "share:fda-status");
    assert!(again.effect.is_none(), "the other instance just posted it");
    assert!(message(&again.reply)
        .content
        .as_deref()
        .unwrap()
        .contains("just posted"));
    std::thread::sleep(Duration::from_millis(250));
    assert!(press(&b, &in_channel(), "share:fda-status")
        .effect
        .is_some());
    std::fs::remove_dir_all(&data).unwrap();
}

#[test]
fn a_member_who_cannot_send_in_the_channel_cannot_share_there() {
    let app = shipped();
    let muted = member(Place::Guild {
        guild_id: 1,
        channel_id: 7,
        channel: Channel::Text,
        can_send: false,
    });
    let response = press(&app, &muted, "share:fda-status");
    assert!(response.effect.is_none());
    assert!(message(&response.reply)
        .content
        .as_deref()
        .unwrap()
        .starts_with("You cannot send messages"));
}

#[test]
fn stale_buttons_and_unknown_commands_get_a_polite_ephemeral_reply() {
    let app = shipped();
    for id in ["share:no-such-topic", "fact:no-such-topic", "made-up", ""] {
        let m = message(&press(&app, &in_channel(), id).reply).clone();
        assert!(m.ephemeral, "{id}");
        assert!(m.content.is_some_and(|c| c.contains("no longer")), "{id}");
    }
    let reply = command(
        &app,
        &in_channel(),
        Command::Unknown {
            name: "<@&1> boom".into(),
        },
    );
    let m = message(&reply);
    assert!(m.ephemeral);
    assert_eq!(m.content.as_deref().unwrap(), "exobot does not know the command `<@\u{200B}&1\\> boom`. Try /about to see what it can do.");
}

/// A copy of the shipped knowledge base that a test may break.
fn scratch_copy(name: &str) -> Scratch {
    let dir = Scratch::created(&format!("app-{name}"));
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")).unwrap()
    {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn a_reload_with_errors_keeps_the_old_content_serving() {
    let dir = scratch_copy("reload");
    let app = app_on(&dir);
    let before = app.knowledge().revision.clone();
    std::fs::write(dir.join("topics-broken.toml"), "[[topic]]\nid = \"x\"\n").unwrap();
    let ReloadOutcome::Kept { revision, errors } = app.reload(today()) else {
        panic!("reloaded broken content")
    };
    assert_eq!(revision, before);
    assert!(
        errors[0]
            .to_string()
            .contains("topics-broken.toml:1:1: error: missing field"),
        "{}",
        errors[0]
    );
    let reply = command(
        &app,
        &in_channel(),
        Command::Fact {
            topic: Some("fda-status".into()),
        },
    );
    assert_eq!(message(&reply).embeds.len(), 1, "still serving");
    std::fs::remove_file(dir.join("topics-broken.toml")).unwrap();
    let text = std::fs::read_to_string(dir.join("topics-regulation.toml")).unwrap();
    std::fs::write(
        dir.join("topics-regulation.toml"),
        text.replace("What happened in Nebraska in 2019?", "Nebraska, 2019"),
    )
    .unwrap();
    let ReloadOutcome::Reloaded { revision, .. } = app.reload(today()) else {
        panic!("good content refused")
    };
    assert_ne!(revision, before);
    let reply = command(
        &app,
        &in_channel(),
        Command::Fact {
            topic: Some("nebraska-adverse-events".into()),
        },
    );
    assert_eq!(message(&reply).embeds[0].title, "Nebraska, 2019");
}

#[test]
fn only_managers_and_owners_may_reload() {
    let app = shipped();
    let reply = command(&app, &in_channel(), Command::Reload);
    assert!(message(&reply)
        .content
        .as_deref()
        .unwrap()
        .starts_with("Only server managers"));
    let mut manager = in_channel();
    manager.can_reload = true;
    let response = app.handle(&manager, Event::Command(Command::Reload));
    assert_eq!(
        (response.reply, response.effect),
        (Reply::Defer, Some(Effect::Reload)),
        "a reload is deferred, and carried out off the answering threads"
    );
    let told = Outcome::Reloaded(app.reload(today())).told().unwrap();
    let text = told.content.unwrap();
    assert!(text.starts_with("Reloaded: revision "), "{text}");
    // The shipped content's warnings are named, each with its file and line.
    assert!(text.contains(" warnings:\n```\n"), "{text}");
    assert!(
        text.contains("sources.toml:") && text.contains(": warning: 'url' uses plain http"),
        "{text}"
    );
}

fn text_of(reply: &Reply) -> String {
    let m = message(reply);
    let mut text = m.content.clone().unwrap_or_default();
    for e in &m.embeds {
        text.push_str(&e.description);
        for f in &e.fields {
            text.push_str(&f.value);
        }
    }
    text
}

#[test]
fn a_server_that_opts_in_keeps_refused_questions_without_ids_and_never_symptom_reports() {
    let store = std::sync::Arc::new(exobot::store::Store::in_memory().unwrap());
    let app = shipped().with_store(store).with_clock(|| 1_800_000_000);
    let manager = Actor {
        can_reload: true,
        can_moderate: true,
        ..in_channel()
    };
    let ask = |q: &str| {
        command(
            &app,
            &in_channel(),
            Command::Ask {
                question: q.to_owned(),
            },
        )
    };
    assert!(text_of(&command(&app, &in_channel(), Command::About)).contains("this server has not"));
    ask("what's the weather in Berlin tomorrow?");
    let refused = command(&app, &in_channel(), Command::Gaps { keep: Some(true) });
    assert!(text_of(&refused).contains("Only members who can manage the server"));
    command(&app, &manager, Command::Gaps { keep: Some(true) });
    assert!(text_of(&command(&app, &in_channel(), Command::About)).contains("has opted in"));
    ask("what's the weather in Berlin tomorrow?");
    let report = ask("my toe is swollen since yesterday's football match");
    assert!(
        text_of(&report).contains("emergency"),
        "{}",
        text_of(&report)
    );
    ask("is any exosome product FDA approved?");
    let list = text_of(&command(&app, &manager, Command::Gaps { keep: None }));
    assert!(list.contains("weather in Berlin"), "{list}");
    assert!(
        !list.contains("swollen"),
        "a symptom report is never kept: {list}"
    );
    assert!(
        !list.contains("FDA approved"),
        "an answered question is not a gap"
    );
    assert!(
        list.contains("2027-01-15"),
        "dated by the app's clock: {list}"
    );
    assert!(
        text_of(&command(&app, &in_channel(), Command::Gaps { keep: None }))
            .contains("Only moderators")
    );
    command(&app, &manager, Command::Gaps { keep: Some(false) });
    let after = text_of(&command(&app, &manager, Command::Gaps { keep: None }));
    assert!(after.contains("does not keep"), "{after}");
    let counts = app.questions().snapshot();
    let refused = counts
        .iter()
        .find(|(o, _)| o.label() == "refused")
        .map(|(_, n)| *n);
    assert_eq!(
        refused,
        Some(3),
        "the weather twice, the toe once: {counts:?}"
    );
}

#[test]
fn a_clinic_check_note_that_describes_a_reaction_gets_the_safety_line_first() {
    let app = shipped();
    let actor = in_channel();
    // In a server the check's first question goes to its private thread.
    let start = app.handle(&actor, Event::Command(Command::Check { clinic: None }));
    let Some(Effect::OpenCheckThread(thread)) = start.effect else {
        panic!("a private thread: {start:?}")
    };
    let check = thread.first;
    let note_button = check
        .rows
        .iter()
        .find_map(|r| match r {
            Row::Buttons(b) => b.iter().find(|b| b.label == "Add a note").cloned(),
            Row::Select(_) => None,
        })
        .unwrap();
    let ButtonTarget::Action(custom_id) = note_button.target else {
        panic!("an action button")
    };
    let form = app
        .handle(
            &actor,
            Event::Component {
                custom_id,
                values: Vec::new(),
                message: check.embeds.clone(),
                interaction_id: 0,
            },
        )
        .reply;
    let Reply::Modal(form) = form else {
        panic!("a form: {form:?}")
    };
    let submit = |note: &str| {
        app.handle(
            &actor,
            Event::ModalSubmit {
                custom_id: form.custom_id.clone(),
                fields: vec![(form.inputs[0].custom_id.clone(), note.to_owned())],
                message: check.embeds.clone(),
            },
        )
        .reply
    };
    let reaction = submit("my cheek has been swollen and hot since their last injection");
    let content = message(&reaction).content.clone().unwrap_or_default();
    assert!(
        content.starts_with("**If it is an emergency, call your local emergency number now"),
        "{content}"
    );
    assert!(content.contains("MedWatch"), "{content}");
    let plain = submit("ask about the lot number");
    assert!(
        !message(&plain)
            .content
            .clone()
            .unwrap_or_default()
            .contains("emergency"),
        "no false alarm on a plain note"
    );
}

/// What `/ask question` shows when it must lead with the crisis line and offer no fact or
/// topic: the message's text, after checking both.
fn crisis_reply(app: &App, question: &str) -> String {
    let reply = command(
        app,
        &in_channel(),
        Command::Ask {
            question: question.to_owned(),
        },
    );
    let m = message(&reply);
    let content = m.content.clone().unwrap_or_default();
    assert!(
        content.starts_with(&exobot::knowledge::render::CRISIS_LINE.to_owned()),
        "{question}: {content}"
    );
    assert!(
        m.rows.is_empty() && m.embeds.is_empty(),
        "{question}: {m:?}"
    );
    content
}

#[test]
fn someone_speaking_of_ending_their_life_gets_the_crisis_line_and_no_unrelated_facts() {
    let app = shipped();
    // Also when the message names the subject or a topic's words: no fact is offered then.
    for question in [
        "i want to kill myself",
        "i want to die",
        "exosomes ruined my face and i dont want to live anymore",
        "thinking of suicide after my failed exosome treatment in mexico",
    ] {
        let content = crisis_reply(&app, question);
        assert!(!content.contains("MedWatch"), "{question}: {content}");
    }
}

#[test]
fn a_message_in_another_language_gets_the_crisis_and_safety_lines_and_no_fact() {
    let app = shipped();
    // exobot cannot read them, so it cannot tell a crisis or a fever from a plain question.
    for question in [
        "Em trai tôi nói muốn chết",
        "Seit der Exosomen-Infusion vor zwei Tagen bekomme ich schlecht Luft",
        "¿Qué son los exosomas?",
    ] {
        let content = crisis_reply(&app, question);
        assert!(content.contains("MedWatch"), "{question}: {content}");
        assert!(content.contains("English only"), "{question}: {content}");
    }
}

#[test]
fn a_mention_in_a_question_changes_nothing_and_general_medicine_gets_no_fact() {
    let kb = knowledge::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"),
        today(),
    )
    .knowledge
    .unwrap();
    let topic = |q: &str| match kb.read(q).answer {
        knowledge::Answer::Search(
            knowledge::Outcome::Answer(m) | knowledge::Outcome::Unsure { best: m, .. },
        ) => Some(kb.content.topics[m.topic].id.clone()),
        _ => None,
    };
    assert_eq!(
        topic("what are exosomes").as_deref(),
        Some("what-are-exosomes")
    );
    assert_eq!(
        topic("@everyone what are exosomes <@123> @here"),
        topic("what are exosomes")
    );
    assert_eq!(topic("what are the symptoms of diabetes"), None);
    assert_eq!(
        topic("how do bone marrow transplants for leukemia work"),
        None
    );
    assert!(topic("what are the symptoms of an infection after exosome injections").is_some());
}

#[test]
fn the_apps_day_and_time_come_from_its_clock() {
    let app = shipped().with_clock(|| 1_800_000_000);
    assert_eq!(app.now(), 1_800_000_000);
    assert_eq!(app.today().to_string(), "2027-01-15");
}
