//! What patients read carries no reviewers' notes and no internal ids: sources read as title,
//! publisher, date (the month or year when that is all there is) and link, in facts, in the
//! clinic check's questions and in its report; `(see topic-id)` reads as the topic's title.

use std::path::Path;

use exobot::knowledge::{self, render, KnowledgeBase, Source};
use exobot::questionnaire::{handle, Carried, Input, TokenKey};
use exobot::reply::{ButtonTarget, Message, Reply, Row};

const OWNER: u64 = 412_345_678_901_234_567;

fn shipped() -> KnowledgeBase {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    knowledge::load(&dir, time::macros::date!(2026 - 11 - 30))
        .knowledge
        .unwrap()
}

fn text_of(message: &Message) -> String {
    let mut text = message.content.clone().unwrap_or_default();
    for embed in &message.embeds {
        text.push_str(&format!("{}\n{}\n", embed.title, embed.description));
        for field in &embed.fields {
            text.push_str(&format!("{}: {}\n", field.name, field.value));
        }
        text.push_str(embed.footer.as_deref().unwrap_or_default());
    }
    text
}

/// Nothing in `text` that only reviewers should see.
fn assert_for_patients(kb: &KnowledgeBase, text: &str) {
    for note in [
        "(no date",
        "(no address",
        "(address not confirmed)",
        "(title as published not recorded)",
        "(seen in reprints only)",
    ] {
        assert!(!text.contains(note), "{note:?} reaches patients:\n{text}");
    }
    for (at, _) in text.match_indices("(see ") {
        assert!(
            text[at + 5..].starts_with('“'),
            "a reference by id reaches patients: {}",
            &text[at..]
        );
    }
    for source in &kb.content.sources {
        assert!(
            !text.contains(&source.id),
            "the source id {} reaches patients:\n{text}",
            source.id
        );
        for reason in [&source.undated_reason, &source.no_url_reason]
            .into_iter()
            .flatten()
        {
            assert!(!text.contains(reason.as_str()), "{reason:?}:\n{text}");
        }
    }
    for topic in &kb.content.topics {
        assert!(
            !text.contains(&format!("`{}`", topic.id)),
            "the topic id {} reaches patients:\n{text}",
            topic.id
        );
    }
}

#[test]
fn facts_cite_sources_readably_and_name_related_topics_by_title() {
    let kb = shipped();
    for topic in kb.content.published() {
        let embed = kb.topic_embed(topic);
        let message = Message {
            embeds: vec![embed],
            ..Message::default()
        };
        assert_for_patients(&kb, &text_of(&message));
    }
}

#[test]
fn a_see_reference_reads_as_the_topics_title() {
    let kb = shipped();
    let topic = kb
        .content
        .topics
        .iter()
        .find(|t| t.body.contains("(see report-adverse-event)"))
        .expect("a topic that refers to report-adverse-event");
    let embed = kb.topic_embed(topic);
    let title = &kb
        .content
        .published_topic("report-adverse-event")
        .unwrap()
        .title;
    assert!(
        embed.description.contains(&format!("(see “{title}”)")),
        "{}",
        embed.description
    );
}

fn source(
    date: Option<time::Date>,
    undated: Option<&str>,
    published: Option<(i32, Option<time::Month>)>,
) -> Source {
    Source {
        id: "S-1".into(),
        title: "A title".into(),
        publisher: "A publisher".into(),
        url: Some("https://example.org/a".into()),
        no_url_reason: None,
        url_confirmed: false,
        date,
        undated_reason: undated.map(str::to_owned),
        published,
        note: Some("for reviewers".into()),
    }
}

#[test]
fn a_source_shows_its_date_or_the_month_or_year_it_gives_never_the_reviewers_note() {
    let cases = [
        (
            source(Some(time::macros::date!(2021 - 06 - 03)), None, None),
            ", 2021-06-03",
        ),
        (
            source(
                None,
                Some("October 2024, day not given."),
                Some((2024, Some(time::Month::October))),
            ),
            ", October 2024",
        ),
        (
            source(None, Some("2023, volume 25 issue 9."), Some((2023, None))),
            ", 2023",
        ),
        // Without `published`, a year in the note is not shown as the source's date.
        (
            source(
                None,
                Some("The page shows no date (older site layout; seen in 2026)."),
                None,
            ),
            "",
        ),
    ];
    for (source, date) in cases {
        assert_eq!(
            render::source_line(&source),
            format!("[A title](https://example.org/a), A publisher{date}"),
            "{:?}",
            source.undated_reason
        );
    }
}

fn press(kb: &KnowledgeBase, key: &TokenKey, message: &Message, label: &str) -> Option<Reply> {
    let custom_id = message.rows.iter().find_map(|row| match row {
        Row::Buttons(buttons) => buttons.iter().find_map(|b| match &b.target {
            ButtonTarget::Action(id) if b.label == label && !b.disabled => Some(id.clone()),
            _ => None,
        }),
        Row::Select(_) => None,
    })?;
    Some(handle(
        kb.questionnaire.as_ref().unwrap(),
        key,
        &kb.content.links,
        OWNER,
        Input::Press {
            custom_id,
            values: Vec::new(),
        },
        Carried::from_embeds(&message.embeds),
    ))
}

#[test]
fn clinic_check_questions_and_report_cite_sources_by_title_not_id() {
    let kb = shipped();
    let q = kb.questionnaire.as_ref().unwrap();
    let key = TokenKey::new(b"a test secret");
    let Reply::Message(mut message) = handle(
        q,
        &key,
        &kb.content.links,
        OWNER,
        Input::Start {
            clinic: Some("Glow Spa".into()),
        },
        Carried::default(),
    ) else {
        panic!("the check starts with a message")
    };
    let mut questions = 0;
    while let Some(Reply::Update(next)) = press(&kb, &key, &message, "Skip") {
        let sources = message.embeds[0]
            .fields
            .iter()
            .find(|f| f.name == "Sources")
            .expect("each question cites its sources");
        assert!(sources.value.contains("](https://"), "{}", sources.value);
        assert_for_patients(&kb, &text_of(&message));
        questions += 1;
        message = next;
    }
    assert_eq!(questions, q.questions().len());
    let Some(Reply::Update(report)) = press(&kb, &key, &message, "Get the report") else {
        panic!("the summary offers the report")
    };
    assert_for_patients(&kb, &text_of(&report));
    let markdown = String::from_utf8(report.attachments[0].bytes.clone()).unwrap();
    assert_for_patients(&kb, &markdown);
    assert!(
        markdown.contains(
            "Important Patient and Consumer Information About Regenerative Medicine Therapies"
        ),
        "{markdown}"
    );
}
