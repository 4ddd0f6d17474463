//! The facts feature, the bot's main job: show a topic, browse the topics, answer a question
//! in a member's own words, complete a typed topic, the about page, and share a fact in the
//! channel (with a cooldown so a channel is not flooded with the same fact).
//!
//! Pure answers over the knowledge base; the router (`App::handle`) picks which one.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::event::{Actor, ComponentId, Effect, FactPost, Place, Response};
use crate::knowledge::messages;
use crate::knowledge::{self, Answer, KnowledgeBase, Outcome, Topic};
use crate::reply::{self, Choice, Embed, Field, Message, Reply, Row, Select, SelectOption};
use crate::text::escape;

/// How long the same fact cannot be shared again in the same channel.
pub const SHARE_COOLDOWN: Duration = Duration::from_secs(60);

/// `/fact`: without a topic, the menu of topics; with one, that topic (by id, or by what the
/// member typed), or the menu with a word that nothing is called that.
pub fn fact(kb: &KnowledgeBase, actor: &Actor, topic: Option<&str>) -> Response {
    match topic {
        None => browse(kb).into(),
        Some(typed) => match find_topic(kb, typed) {
            Some(topic) => fact_reply(kb, topic, actor).into(),
            None => unknown_topic(kb, typed).into(),
        },
    }
}

/// A pressed topic button, or a topic picked from the menu: the fact, if it is still published.
pub fn show(kb: &KnowledgeBase, actor: &Actor, topic_id: Option<&str>) -> Response {
    match topic_id.and_then(|id| kb.content.published_topic(id)) {
        Some(topic) => fact_reply(kb, topic, actor).into(),
        None => withdrawn(),
    }
}

/// This instance's share cooldowns, in memory: the same fact is posted at most once per channel
/// within the cooldown. Where there is a store, the store's claims hold across instances
/// instead (`App` picks), and this only stands in while the store fails.
#[derive(Debug)]
pub struct Shares {
    posted: Mutex<HashMap<(u64, String), Instant>>,
    cooldown: Duration,
}

impl Shares {
    /// No share yet; the same fact waits `cooldown` before it is posted again in a channel.
    pub fn new(cooldown: Duration) -> Self {
        Self {
            posted: Mutex::new(HashMap::new()),
            cooldown,
        }
    }

    /// How long the same fact waits before it is posted again in a channel.
    pub fn cooldown(&self) -> Duration {
        self.cooldown
    }

    /// Claims posting `topic` in `channel_id` now: true, and the cooldown starts, unless it was
    /// claimed there less than the cooldown ago.
    pub fn claim(&self, channel_id: u64, topic: &str) -> bool {
        let now = Instant::now();
        let mut shared = self.posted.lock().unwrap_or_else(PoisonError::into_inner);
        shared.retain(|_, at| now.duration_since(*at) < self.cooldown);
        let key = (channel_id, topic.to_owned());
        if shared.contains_key(&key) {
            return false;
        }
        shared.insert(key, now);
        true
    }
}

/// "Post in this channel": the fact as the bot's own message, with who shared it, unless this is
/// no server channel, the member may not send there, or it was just posted: `claim(channel_id,
/// topic id)` says whether it may be posted now (and starts its cooldown when it says yes).
pub fn share(
    kb: &KnowledgeBase,
    actor: &Actor,
    id: &str,
    claim: impl FnOnce(u64, &str) -> bool,
) -> Response {
    let Some(topic) = kb.content.published_topic(id) else {
        return withdrawn();
    };
    let Place::Guild {
        channel_id,
        can_send,
        ..
    } = actor.place
    else {
        return Response::notice(
            "Sharing posts a fact in a server channel; here the answer is already yours.",
        );
    };
    if !can_send {
        return Response::notice(
            "You cannot send messages in this channel, so exobot will not post there for you.",
        );
    }
    if !claim(channel_id, &topic.id) {
        return Response::notice(
            "This fact was just posted in this channel. Scroll up to find it.",
        );
    }
    Response {
        reply: Reply::Message(Message::ephemeral_text("Posting in this channel…")),
        effect: Some(Effect::Post(FactPost {
            channel_id,
            topic: topic.id.clone(),
            message: messages::shared(kb.topic_embed(topic), &actor.display_name),
            pin: false,
            reply_to: None,
            shared: true,
        })),
    }
}

/// Free-text questions counted by what they got, for `/metrics`: content gaps show as
/// refused and unsure questions, with no text and no one identified.
#[derive(Debug, Default)]
pub struct QuestionCounts {
    counts: [std::sync::atomic::AtomicU64; QuestionOutcome::ALL.len()],
}

/// What a free-text question got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionOutcome {
    /// One fact clearly answered it.
    Answered,
    /// The closest fact, with "did you mean" others.
    Unsure,
    /// No vetted fact matched.
    Refused,
    /// Advice on the asker's own treatment, declined.
    AdviceDeclined,
    /// Small talk.
    Chat,
    /// Written in a language other than English: the safety lines, no fact.
    OtherLanguage,
}

impl QuestionOutcome {
    /// Every outcome, in the order of [`QuestionCounts`].
    pub const ALL: [QuestionOutcome; 6] = [
        Self::Answered,
        Self::Unsure,
        Self::Refused,
        Self::AdviceDeclined,
        Self::Chat,
        Self::OtherLanguage,
    ];

    /// The metrics label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Answered => "answered",
            Self::Unsure => "unsure",
            Self::Refused => "refused",
            Self::AdviceDeclined => "advice_declined",
            Self::Chat => "chat",
            Self::OtherLanguage => "other_language",
        }
    }
}

impl QuestionCounts {
    /// Counts one question.
    pub(crate) fn add(&self, outcome: QuestionOutcome) {
        let i = QuestionOutcome::ALL
            .iter()
            .position(|o| *o == outcome)
            .unwrap_or(0);
        self.counts[i].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// (outcome, count) for every outcome.
    pub fn snapshot(&self) -> Vec<(QuestionOutcome, u64)> {
        QuestionOutcome::ALL
            .iter()
            .zip(&self.counts)
            .map(|(o, c)| (*o, c.load(std::sync::atomic::Ordering::Relaxed)))
            .collect()
    }
}

/// A topic button or menu value whose topic is gone.
fn withdrawn() -> Response {
    Response::notice(
        "That fact is no longer in the knowledge base. Run /fact to see the current topics.",
    )
}

/// A topic by id, or by what a member typed instead of picking a suggestion.
pub fn find_topic<'a>(kb: &'a KnowledgeBase, typed: &str) -> Option<&'a Topic> {
    let typed = typed.trim();
    kb.content
        .published_topic(typed)
        .or_else(|| match kb.search.ask(typed) {
            Outcome::Answer(m) | Outcome::Unsure { best: m, .. } => kb.content.topics.get(m.topic),
            Outcome::NoMatch { .. } => None,
        })
}

/// The fact, ephemeral, with a button to post it in the channel where that is possible.
pub fn fact_reply(kb: &KnowledgeBase, topic: &Topic, actor: &Actor) -> Reply {
    let shareable = matches!(actor.place, Place::Guild { .. });
    // Related topics open with a press, as "did you mean" does: members never type an id.
    let related: Vec<&Topic> = topic
        .related
        .iter()
        .filter_map(|id| kb.content.published_topic(id))
        .collect();
    Reply::Message(messages::answer(
        kb.topic_embed(topic),
        &topic.id,
        shareable,
        &related,
    ))
}

/// A row of buttons that show these topics (at most a row's five).
fn topic_buttons(kb: &KnowledgeBase, topics: impl Iterator<Item = usize>) -> Row {
    Row::Buttons(
        topics
            .take(reply::limits::BUTTONS_PER_ROW)
            .map(|i| messages::show_button(&kb.content.topics[i]))
            .collect(),
    )
}

/// What a request for advice on one's own treatment gets: exobot is not a doctor.
pub const ADVICE_DECLINED: &str = "exobot can't advise on your own treatment: whether to have one, doses, \
     stopping or mixing medicines, pregnancy, or whether it is safe for you. Please ask your doctor or \
     pharmacist, who know your health. What exobot has are general, vetted facts:";
/// What a greeting or a question about the bot gets.
pub const GREETING: &str = "Hi! I'm exobot. I answer questions about exosome therapy with short, vetted \
     facts and their official sources; I'm not a doctor. Ask a question in your own words, or try \
     /fact to browse the topics, /clinic-check for the questions to ask a clinic, and /about for more.";
/// What thanks get.
pub const WELCOME: &str =
    "You're welcome. Ask another question any time, or try /fact to browse the topics.";
/// What a question no vetted fact matches gets.
pub const NO_MATCH: &str =
    "No vetted fact matches that question. exobot only answers from its reviewed \
     knowledge base, and it is not a doctor.";
/// Shown above the nearest topics' buttons.
const NEAREST: &str = "Nearest topics, or /fact to browse them all:";

/// Answers a free-text question: the safety line first for a symptom report, then a declined
/// request for advice, a greeting, or what the search found; and what that was.
pub fn ask(kb: &KnowledgeBase, question: &str, actor: &Actor) -> (Reply, QuestionOutcome, bool) {
    let reading = kb.read(question);
    let outcome = match &reading.answer {
        Answer::Chat => QuestionOutcome::Chat,
        Answer::Advice { .. } => QuestionOutcome::AdviceDeclined,
        Answer::OtherLanguage => QuestionOutcome::OtherLanguage,
        Answer::Search(Outcome::Answer(_)) => QuestionOutcome::Answered,
        Answer::Search(Outcome::Unsure { .. }) => QuestionOutcome::Unsure,
        Answer::Search(Outcome::NoMatch { .. }) => QuestionOutcome::Refused,
    };
    let mut reply = match reading.answer {
        Answer::Chat if knowledge::triage::is_thanks(question) => {
            Reply::Message(Message::ephemeral_text(WELCOME))
        }
        Answer::Chat => Reply::Message(Message::ephemeral_text(GREETING)),
        Answer::Advice { nearest } => offer(kb, ADVICE_DECLINED, &nearest),
        Answer::OtherLanguage => Reply::Message(Message::ephemeral_text(
            knowledge::render::other_language_text(&kb.content),
        )),
        Answer::Search(Outcome::Answer(m)) => fact_reply(kb, &kb.content.topics[m.topic], actor),
        Answer::Search(Outcome::Unsure { best, others }) => {
            let mut reply = fact_reply(kb, &kb.content.topics[best.topic], actor);
            if let Reply::Message(message) = &mut reply {
                message.content = Some(messages::UNSURE.to_owned());
                // A topic already offered as related is not offered twice (ids are unique).
                let related = &kb.content.topics[best.topic].related;
                let others: Vec<usize> = others
                    .iter()
                    .map(|m| m.topic)
                    .filter(|&i| !related.contains(&kb.content.topics[i].id))
                    .collect();
                if !others.is_empty() {
                    message.rows.push(topic_buttons(kb, others.into_iter()));
                }
            }
            reply
        }
        // Someone in crisis is offered no unrelated facts.
        Answer::Search(Outcome::NoMatch { .. }) if reading.crisis => {
            Reply::Message(Message::ephemeral_text(String::new()))
        }
        Answer::Search(Outcome::NoMatch { nearest }) if reading.safety => {
            offer(kb, "Facts that may help:", &nearest)
        }
        Answer::Search(Outcome::NoMatch { nearest }) if nearest.is_empty() => {
            offer(kb, NO_MATCH, &nearest)
        }
        Answer::Search(Outcome::NoMatch { nearest }) => {
            offer(kb, &format!("{NO_MATCH} {NEAREST}"), &nearest)
        }
    };
    if reading.safety {
        with_safety_line(kb, &mut reply, reading.crisis);
    }
    (reply, outcome, reading.safety)
}

/// Puts the safety line (crisis when `crisis`, emergency, care, MedWatch) first in a message's
/// text.
pub fn with_safety_line(kb: &KnowledgeBase, reply: &mut Reply, crisis: bool) {
    if let Reply::Message(message) | Reply::Update(message) = reply {
        let safety = knowledge::render::safety_text(&kb.content, crisis);
        message.content = Some(match message.content.take() {
            Some(rest) if !rest.is_empty() => format!("{safety}\n\n{rest}"),
            _ => safety,
        });
    }
}

/// `text`, ephemeral, with the `nearest` topics as buttons (or a pointer to /fact without any).
fn offer(kb: &KnowledgeBase, text: &str, nearest: &[knowledge::Match]) -> Reply {
    let mut message = Message::ephemeral_text(text);
    if nearest.is_empty() {
        message.content = Some(format!("{text} Try /fact to browse the topics."));
    } else {
        message
            .rows
            .push(topic_buttons(kb, nearest.iter().map(|m| m.topic)));
    }
    Reply::Message(message)
}

/// The menu of topics, saying that nothing is called what the member typed.
fn unknown_topic(kb: &KnowledgeBase, typed: &str) -> Reply {
    let mut reply = browse(kb);
    if let Reply::Message(m) = &mut reply {
        m.content = Some(format!(
            "No published topic is called `{}`. Pick one here:",
            reply::truncate(&escape(typed), 100)
        ));
    }
    reply
}

/// The published topics as select options, by title (Discord shows 25 at most).
pub fn topic_options(kb: &KnowledgeBase) -> Vec<SelectOption> {
    kb.search
        .complete("")
        .into_iter()
        .map(|i| messages::option(&kb.content.topics[i]))
        .collect()
}

/// A select menu of the topics.
fn browse(kb: &KnowledgeBase) -> Reply {
    let options = topic_options(kb);
    if options.is_empty() {
        return Reply::Message(Message::ephemeral_text(
            "The knowledge base has no published topic yet.",
        ));
    }
    Reply::Message(Message {
        ephemeral: true,
        content: Some("Pick a topic:".to_owned()),
        rows: vec![Row::Select(Select {
            custom_id: ComponentId::Browse.into(),
            placeholder: "Choose a vetted fact".to_owned(),
            options,
        })],
        ..Message::default()
    })
}

/// Autocomplete for the topic option: the topics that match what is typed so far.
pub fn complete(kb: &KnowledgeBase, partial: &str) -> Vec<Choice> {
    kb.search
        .complete(partial)
        .into_iter()
        .map(|i| messages::choice(&kb.content.topics[i]))
        .collect()
}

/// How many publishers the about page names.
const ABOUT_PUBLISHERS: usize = 6;

/// The about page; `keeps_gaps` is whether this server keeps refused questions (`None` outside
/// a server, or where there is no store).
pub fn about(kb: &KnowledgeBase, keeps_gaps: Option<bool>) -> Reply {
    let mut privacy =
        "Answers are shown only to you unless you choose to post them. exobot does not log what \
                       you type, and it never reads the server's conversations."
            .to_owned();
    privacy.push_str(match keeps_gaps {
        Some(true) => " This server has opted in to keep the text of questions no vetted fact answered \
                       (never symptom reports), with no user id, for 30 days, so its moderators can see \
                       what is missing.",
        Some(false) => " Servers can opt in to keep the text of questions no vetted fact answered, with no \
                        user id, for 30 days; this server has not (it is off by default).",
        None => "",
    });
    // Publishers by how many sources they gave, named as their citation starts ("U.S. Food and
    // Drug Administration (CBER)" and "(MedWatch)" are one); each answer lists its own sources.
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for source in &kb.content.sources {
        let publisher = source.publisher.as_str();
        let end = [publisher.find(" ("), publisher.find(',')]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(publisher.len());
        let name = publisher[..end].trim();
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => counts.push((name, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let named: Vec<String> = counts
        .iter()
        .take(ABOUT_PUBLISHERS)
        .map(|(name, n)| format!("{name} ({n})"))
        .collect();
    let mut sources = format!(
        "{} sources from {} publishers; every answer lists its own. Most cited:\n{}",
        kb.content.sources.len(),
        counts.len(),
        named.join("\n")
    );
    if counts.len() > ABOUT_PUBLISHERS {
        sources.push_str(&format!("\n…and {} more.", counts.len() - ABOUT_PUBLISHERS));
    }
    let embed = Embed {
        title: "About exobot".to_owned(),
        description: "exobot answers questions about exosome therapy with short, vetted statements, each \
            resting on official sources (FDA notices and letters, peer-reviewed reviews, ISSCR and ISEV patient \
            pages) and dated with when it was last reviewed. It can also walk you through the questions to ask a \
            clinic that offers exosome therapy.\n\n**exobot is not a doctor.** It gives general information, never \
            medical advice: talk to your own doctor about your health."
            .to_owned(),
        fields: vec![
            Field {
                name: "Commands".to_owned(),
                value: crate::commands::about_list(),
                inline: false,
            },
            Field {
                name: "Sources".to_owned(),
                value: reply::truncate(&sources, reply::limits::FIELD_VALUE),
                inline: false,
            },
            Field {
                name: "Privacy".to_owned(),
                value: privacy,
                inline: false,
            },
        ],
        footer: Some(format!("Knowledge base revision {} · {}", kb.revision, crate::reply::DISCLAIMER)),
        colour: None,
    };
    Reply::Message(Message {
        ephemeral: true,
        embeds: vec![embed],
        ..Message::default()
    })
}
