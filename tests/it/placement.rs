//! Where the core runs a clinic check, decided without Discord: a private thread in a server
//! (opened in the channel, or in the parent of the thread it was asked in), in place where no
//! thread can open, in DMs on request; the report closing its thread and offering deletion; and
//! the one wording of what carrying out those effects came to.

use std::path::Path;

use exobot::app::App;
use exobot::event::{
    Actor, Channel, CheckDeletion, CheckThread, Command, Effect, Event, NoThread, Place, Response,
};
use exobot::knowledge;
use exobot::outcome::{AsReply, Outcome, Unthreaded};
use exobot::refusal::{Action, Refusal};
use exobot::reply::{ButtonTarget, Embed, Message, Reply, Row};

/// The six answers of a check, none of which opens a form.
const ANSWERS: [&str; 6] = [
    "A treatment sold outside any clinical trial",
    "General claims about the science",
    "Only general words",
    "They showed written results",
    "A specific account",
    "A direct answer",
];

fn shipped() -> App {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let today = time::macros::date!(2026 - 11 - 30);
    let key = exobot::questionnaire::TokenKey::new(b"test secret");
    App::new(knowledge::load(&dir, today).knowledge.unwrap(), key)
}

fn at(place: Place) -> Actor {
    Actor {
        user_id: 42,
        display_name: "member".to_owned(),
        can_reload: false,
        can_moderate: false,
        place,
    }
}

fn in_server(channel_id: u64, channel: Channel) -> Place {
    Place::Guild {
        guild_id: 1,
        channel_id,
        channel,
        can_send: true,
    }
}

fn private_thread(thread_id: u64) -> Place {
    in_server(
        thread_id,
        Channel::Thread {
            parent_id: Some(7),
            private: true,
        },
    )
}

fn start(app: &App, actor: &Actor, clinic: &str) -> Response {
    let clinic = Some(clinic.to_owned());
    app.handle(actor, Event::Command(Command::Check { clinic }))
}

fn message(reply: &Reply) -> &Message {
    match reply {
        Reply::Message(m) | Reply::Update(m) => m,
        other => panic!("expected a message, got {other:?}"),
    }
}

fn labels(m: &Message) -> Vec<&str> {
    m.rows
        .iter()
        .flat_map(|r| match r {
            Row::Buttons(b) => b.iter().map(|b| b.label.as_str()).collect(),
            Row::Select(_) => Vec::new(),
        })
        .collect()
}

/// The custom id of the button whose label starts with `label`.
fn id_of(m: &Message, label: &str) -> String {
    m.rows
        .iter()
        .find_map(|r| match r {
            Row::Buttons(b) => b.iter().find(|b| b.label.starts_with(label)),
            Row::Select(_) => None,
        })
        .map(|b| match &b.target {
            ButtonTarget::Action(id) => id.clone(),
            ButtonTarget::Link(_) => panic!("{label} is a link"),
        })
        .unwrap_or_else(|| panic!("no {label:?} in {:?}", labels(m)))
}

fn press(app: &App, actor: &Actor, custom_id: &str, embeds: &[Embed]) -> Response {
    app.handle(
        actor,
        Event::Component {
            custom_id: custom_id.to_owned(),
            values: Vec::new(),
            message: embeds.to_vec(),
            interaction_id: 0,
        },
    )
}

/// The thread a server check asks for.
fn thread_of(response: Response) -> CheckThread {
    assert_eq!(response.reply, Reply::Defer, "acknowledged first");
    match response.effect {
        Some(Effect::OpenCheckThread(thread)) => thread,
        other => panic!("expected a thread, got {other:?}"),
    }
}

/// Answers a check begun in DMs, then asks for its report `at` a place.
fn report_at(app: &App, place: Place) -> Response {
    let dm = at(Place::DirectMessage);
    let mut check = message(&start(app, &dm, "Glow Spa").reply).clone();
    for answer in ANSWERS {
        let next = press(app, &dm, &id_of(&check, answer), &check.embeds);
        check = message(&next.reply).clone();
    }
    press(
        app,
        &at(place),
        &id_of(&check, "Get the report"),
        &check.embeds,
    )
}

#[test]
fn in_a_text_channel_the_check_opens_its_private_thread_there_after_a_deferral() {
    let app = shipped();
    let thread = thread_of(start(&app, &at(in_server(7, Channel::Text)), "Glow Spa"));
    assert_eq!(thread.parent, Ok(7));
    assert_eq!(thread.name, "Clinic check");
    let intro = thread.intro.content.as_deref().unwrap();
    assert!(
        intro.contains("moderators of this server can see private threads"),
        "{intro}"
    );
    assert!(!thread.first.ephemeral);
    assert!(thread.first.embeds[0].title.contains("Question 1 of 6"));
    assert_eq!(labels(&thread.first).last(), Some(&"Continue in DMs"));
}

#[test]
fn in_a_thread_the_check_opens_in_its_parent_and_without_one_it_runs_in_place() {
    let app = shipped();
    let public = Channel::Thread {
        parent_id: Some(7),
        private: false,
    };
    let thread = thread_of(start(&app, &at(in_server(70, public)), "A"));
    assert_eq!(thread.parent, Ok(7), "the parent, not the thread");
    let orphan = Channel::Thread {
        parent_id: None,
        private: false,
    };
    let thread = thread_of(start(&app, &at(in_server(70, orphan)), "A"));
    assert_eq!(thread.parent, Err(NoThread::UnknownParent));
    let thread = thread_of(start(&app, &at(in_server(8, Channel::Other)), "A"));
    assert_eq!(thread.parent, Err(NoThread::WrongKind));
    let told = Outcome::InPlace {
        why: Unthreaded::NoThread(NoThread::WrongKind),
        start: thread.first,
    }
    .told()
    .unwrap();
    assert!(told.ephemeral);
    assert!(told
        .content
        .as_deref()
        .unwrap()
        .starts_with("Private threads cannot be made in this kind of channel"));
    assert!(told.embeds[0].title.contains("Question 1 of 6"));
    assert!(labels(&told).contains(&"Continue in DMs"));
}

#[test]
fn in_dms_the_check_starts_right_there_with_no_effect() {
    let app = shipped();
    let response = start(&app, &at(Place::DirectMessage), "Glow Spa");
    assert_eq!(response.effect, None);
    let m = message(&response.reply);
    assert!(!m.ephemeral);
    assert!(!labels(m).contains(&"Continue in DMs"));
}

#[test]
fn a_too_long_clinic_name_is_refused_where_it_was_asked_even_in_a_server() {
    let app = shipped();
    let response = start(&app, &at(in_server(7, Channel::Text)), &"c".repeat(500));
    assert_eq!(response.effect, None);
    let m = message(&response.reply);
    assert!(m.ephemeral);
    assert!(m.content.as_deref().unwrap().contains("too long"));
}

#[test]
fn the_report_offers_deletion_in_a_private_thread_and_in_dms_and_closes_only_the_thread() {
    let app = shipped();
    let in_thread = report_at(&app, private_thread(70));
    assert!(labels(message(&in_thread.reply)).contains(&"Delete this check"));
    let Some(Effect::CloseCheckThread { thread_id, closing }) = in_thread.effect else {
        panic!("the thread closes: {:?}", in_thread.effect)
    };
    assert_eq!(thread_id, 70);
    assert!(closing.content.unwrap().contains("archived"));

    let in_dms = report_at(&app, Place::DirectMessage);
    assert!(labels(message(&in_dms.reply)).contains(&"Delete this check"));
    assert_eq!(in_dms.effect, None);

    // In place (a forum's fallback) the report is the member's ephemeral message: no deletion.
    let in_place = report_at(&app, in_server(8, Channel::Other));
    assert!(!labels(message(&in_place.reply)).contains(&"Delete this check"));
    assert_eq!(in_place.effect, None);
    let attachments = &message(&in_place.reply).attachments;
    assert_eq!(attachments[0].filename, "clinic-check-report.md");
}

#[test]
fn continue_in_dms_starts_the_check_again_there_with_the_same_clinic_label() {
    let app = shipped();
    let member = at(in_server(8, Channel::Other));
    let first = thread_of(start(&app, &member, "Glow Spa")).first;
    let moved = press(
        &app,
        &member,
        &id_of(&first, "Continue in DMs"),
        &first.embeds,
    );
    assert_eq!(moved.reply, Reply::Defer);
    let Some(Effect::MoveCheckToDms { start }) = moved.effect else {
        panic!("to DMs: {:?}", moved.effect)
    };
    assert!(!start.ephemeral);
    assert!(start.embeds[0].title.contains("Question 1 of 6"));
    let fields = format!("{:?}", start.embeds[0].fields);
    assert!(fields.contains("Glow Spa"), "{fields}");
    assert!(!labels(&start).contains(&"Continue in DMs"));
}

#[test]
fn delete_this_check_deletes_the_thread_or_the_dm_message_and_elsewhere_explains() {
    let app = shipped();
    let delete = |place| press(&app, &at(place), "place:delete", &[]);
    let in_thread = delete(private_thread(70));
    assert_eq!(in_thread.reply, Reply::Defer);
    assert_eq!(
        in_thread.effect,
        Some(Effect::DeleteCheck(CheckDeletion::Thread { thread_id: 70 }))
    );
    let in_dms = delete(Place::DirectMessage);
    assert_eq!(
        in_dms.effect,
        Some(Effect::DeleteCheck(CheckDeletion::Message))
    );
    for place in [
        in_server(7, Channel::Text),
        in_server(
            70,
            Channel::Thread {
                parent_id: Some(7),
                private: false,
            },
        ),
    ] {
        let elsewhere = delete(place);
        assert_eq!(elsewhere.effect, None);
        assert_eq!(
            message(&elsewhere.reply).content.as_deref(),
            Some("This check is only visible to you; dismiss the message to remove it.")
        );
    }
}

fn text(outcome: Outcome) -> Option<String> {
    outcome.told().map(|m| {
        assert!(m.ephemeral);
        m.content.unwrap()
    })
}

#[test]
fn every_outcome_is_worded_in_one_place() {
    assert_eq!(
        text(Outcome::ThreadOpened { thread_id: 5 }).unwrap(),
        "Your clinic check is waiting for you in a private thread: <#5>"
    );
    let posted = |as_reply, pinned, shared| {
        text(Outcome::Posted {
            as_reply,
            pinned,
            shared,
        })
    };
    assert_eq!(
        posted(AsReply::No, None, true).unwrap(),
        "Posted in this channel."
    );
    assert_eq!(posted(AsReply::No, None, false).unwrap(), "Posted.");
    assert_eq!(posted(AsReply::Yes, None, false).unwrap(), "Answered.");
    assert!(posted(AsReply::Dropped, None, false)
        .unwrap()
        .starts_with("Posted in the channel, but not as a reply"));
    assert_eq!(
        posted(AsReply::No, Some(Ok(())), false).unwrap(),
        "Posted and pinned."
    );
    assert!(posted(AsReply::No, Some(Err(Refusal::PinsFull)), false)
        .unwrap()
        .starts_with("Posted, but not pinned: this channel already has 250 pinned messages"));
    assert!(text(Outcome::DmNotSent(Refusal::DmsClosed))
        .unwrap()
        .ends_with(
            ", or keep going here. The check cannot continue in your direct messages until then."
        ));
    assert_eq!(
        text(Outcome::Refused(
            Refusal::UnknownChannel,
            Action::DeleteThread
        ))
        .unwrap(),
        "exobot cannot delete this thread: that channel no longer exists."
    );
    assert_eq!(
        text(Outcome::Refreshed {
            edited: 2,
            withdrawn: 1,
            dropped: 0,
            failed: 3,
            elsewhere: 0
        })
        .unwrap(),
        "Refreshed: 2 updated, 1 marked withdrawn, 0 deleted meanwhile and forgotten, 3 could \
         not be edited."
    );
    assert_eq!(
        text(Outcome::Refreshed {
            edited: 1,
            withdrawn: 0,
            dropped: 0,
            failed: 0,
            elsewhere: 4
        })
        .unwrap(),
        "Refreshed: 1 updated, 0 marked withdrawn, 0 deleted meanwhile and forgotten, 4 \
         refreshed by another instance."
    );
}
