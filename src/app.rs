//! The core's one entry point: an [`Event`] from any front end in, a [`Response`] out.
//!
//! Data flow: a front end (Discord, console) turns what a member did into an `Event` with the
//! `Actor` who did it; `App::handle` reads the current knowledge base, searches and renders
//! (src/knowledge) or steps the clinic check (src/questionnaire), and returns a `Reply` to show,
//! plus, at most, one `Effect` the front end carries out (post a shared fact in the channel).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use crate::diagnostic::Diagnostic;
use crate::knowledge::messages::{self, BROWSE, SHARE, SHOW};
use crate::knowledge::{self, Answer, KnowledgeBase, Outcome, Topic};
use crate::moderation;
use crate::questionnaire::{self, Carried, Input, TokenKey};
use crate::reply::{self, Choice, Embed, Field, Message, Reply, Row, Select, SelectOption};
use crate::store::Store;
use crate::text::escape;

/// How long the same fact cannot be shared again in the same channel.
pub const SHARE_COOLDOWN: Duration = Duration::from_secs(60);

/// The commands members can run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Show a fact; without a topic, browse the topics.
    Fact { topic: Option<String> },
    /// A free-text question.
    Ask { question: String },
    /// What the bot is, its sources, privacy.
    About,
    /// Start the clinic check; the clinic's name is only a label on the report.
    Check { clinic: Option<String> },
    /// Reload the knowledge base (server managers and configured owners).
    Reload,
    /// Moderators: post a fact publicly (here or in `channel`), optionally pinned.
    Post {
        topic: String,
        channel: Option<u64>,
        pin: bool,
    },
    /// Moderators: list the bot's posts in this channel.
    Posts,
    /// Moderators: edit this channel's posts to the current knowledge base.
    Refresh,
    /// Moderators: answer a member's message (this channel's `message_id`) with a fact.
    AnswerMessage { message_id: u64 },
    /// Content gaps: without `keep`, moderators list the refused questions this server kept;
    /// with it, server managers opt in or out (out deletes what was kept).
    Gaps { keep: Option<bool> },
    /// A command this version does not know (an old registration, a typo in a script).
    Unknown { name: String },
}

/// Where an event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A server channel; `can_send` says whether the member may post there.
    Guild {
        guild_id: u64,
        channel_id: u64,
        can_send: bool,
    },
    /// The bot's direct messages.
    DirectMessage,
    /// The terminal console.
    Console,
}

/// Who acted, and what they may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: u64,
    /// Shown on shared posts ("shared by"), escaped.
    pub display_name: String,
    /// May reload the knowledge base (Manage Server, or a configured owner).
    pub can_reload: bool,
    /// A moderator: may post, pin and manage facts (Manage Messages).
    pub can_moderate: bool,
    pub place: Place,
}

/// What a member did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Command(Command),
    /// The fact command's topic option is being typed.
    Autocomplete {
        partial: String,
    },
    /// A button or select menu on one of the bot's messages was used; `message` holds that
    /// message's embeds, where the clinic check keeps what a member typed.
    Component {
        custom_id: String,
        values: Vec<String>,
        message: Vec<Embed>,
    },
    /// A form was submitted; `message` holds the embeds of the message it was opened from.
    ModalSubmit {
        custom_id: String,
        fields: Vec<(String, String)>,
        message: Vec<Embed>,
    },
}

/// Something the front end must do besides showing the reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Post a fact as the bot's own message, and record it so it can be kept current.
    Post(FactPost),
    /// Unpin a recorded post.
    Unpin { channel_id: u64, message_id: u64 },
    /// Delete a recorded post and forget it.
    Remove { channel_id: u64, message_id: u64 },
    /// Edit recorded posts to the current knowledge base: one channel's, or all.
    Refresh { channel_id: Option<u64> },
}

/// A fact to post publicly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactPost {
    pub channel_id: u64,
    pub topic: String,
    pub message: Message,
    pub pin: bool,
    /// Reply to this message of the channel (without pinging its author).
    pub reply_to: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub reply: Reply,
    pub effect: Option<Effect>,
}

impl From<Reply> for Response {
    fn from(reply: Reply) -> Self {
        Self {
            reply,
            effect: None,
        }
    }
}

/// An event whose answer depends only on the knowledge base serving and on what this key holds,
/// the same for every member: a front end may keep it, serialized, for as long as that knowledge
/// base serves. Each variant says what the answer depends on besides the knowledge base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stable<'a> {
    /// A published topic (its index in `content.topics`), asked for by its id; in a server the
    /// answer has the "Post in this channel" button, elsewhere not.
    Fact { topic: usize, shareable: bool },
    /// The menu of topics (`/fact` with no topic).
    Browse,
    /// The about page; its privacy field says whether this server keeps refused questions.
    About { keeps_gaps: Option<bool> },
    /// The suggestions for what was typed so far.
    Autocomplete { partial: &'a str },
}

/// What a reload did.
#[derive(Debug)]
pub enum ReloadOutcome {
    /// The new content is serving; its revision and warnings.
    Reloaded {
        revision: String,
        warnings: Vec<Diagnostic>,
    },
    /// The new content has errors; the old content keeps serving.
    Kept {
        revision: String,
        errors: Vec<Diagnostic>,
    },
}

/// The bot's state: the knowledge base being served and the share cooldowns.
#[derive(Debug)]
pub struct App {
    knowledge: RwLock<Arc<KnowledgeBase>>,
    knowledge_dir: PathBuf,
    /// Signs the clinic-check state carried in buttons.
    key: TokenKey,
    shared: Mutex<HashMap<(u64, String), Instant>>,
    share_cooldown: Duration,
    /// The record of posted facts; `None` where nothing is posted (the console).
    store: Option<Arc<Store>>,
    /// Signalled after each successful reload, so posted facts can be brought up to date.
    reloads: tokio::sync::Notify,
    /// Reloads refused because the new content had errors.
    reload_failures: std::sync::atomic::AtomicU64,
    /// Free-text questions by what they got.
    questions: QuestionCounts,
    /// Unix seconds now: the system clock, or a test's.
    clock: fn() -> i64,
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
}

impl QuestionOutcome {
    /// Every outcome, in the order of [`QuestionCounts`].
    pub const ALL: [QuestionOutcome; 5] = [
        Self::Answered,
        Self::Unsure,
        Self::Refused,
        Self::AdviceDeclined,
        Self::Chat,
    ];

    /// The metrics label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Answered => "answered",
            Self::Unsure => "unsure",
            Self::Refused => "refused",
            Self::AdviceDeclined => "advice_declined",
            Self::Chat => "chat",
        }
    }
}

impl QuestionCounts {
    fn add(&self, outcome: QuestionOutcome) {
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

fn system_clock() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

impl App {
    pub fn new(knowledge: KnowledgeBase, key: TokenKey) -> Self {
        Self {
            knowledge_dir: knowledge.dir.clone(),
            knowledge: RwLock::new(Arc::new(knowledge)),
            key,
            shared: Mutex::new(HashMap::new()),
            share_cooldown: SHARE_COOLDOWN,
            store: None,
            reloads: tokio::sync::Notify::new(),
            reload_failures: std::sync::atomic::AtomicU64::new(0),
            questions: QuestionCounts::default(),
            clock: system_clock,
        }
    }

    /// Replaces the clock (Unix seconds) the app dates kept questions with.
    pub fn with_clock(mut self, clock: fn() -> i64) -> Self {
        self.clock = clock;
        self
    }

    /// Free-text questions so far, by what they got.
    pub fn questions(&self) -> &QuestionCounts {
        &self.questions
    }

    pub fn with_store(mut self, store: Arc<Store>) -> Self {
        self.store = Some(store);
        self
    }

    /// How many reloads were refused for errors since start.
    pub fn reload_failures(&self) -> u64 {
        self.reload_failures
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Completes after the next successful reload (or at once if one happened unobserved).
    pub async fn reloaded(&self) {
        self.reloads.notified().await;
    }

    /// The record of posted facts, where there is one.
    pub fn store(&self) -> Option<&Arc<Store>> {
        self.store.as_ref()
    }

    pub fn with_share_cooldown(mut self, cooldown: Duration) -> Self {
        self.share_cooldown = cooldown;
        self
    }

    /// The knowledge base now serving.
    pub fn knowledge(&self) -> Arc<KnowledgeBase> {
        self.knowledge
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Loads the knowledge folder again; the new content replaces the old only when it has no
    /// errors, all at once, so members never see half of a reload.
    pub fn reload(&self, today: time::Date) -> ReloadOutcome {
        let loaded = knowledge::load(&self.knowledge_dir, today);
        match loaded.knowledge {
            Some(kb) => {
                let revision = kb.revision.clone();
                *self
                    .knowledge
                    .write()
                    .unwrap_or_else(PoisonError::into_inner) = Arc::new(kb);
                self.reloads.notify_one();
                ReloadOutcome::Reloaded {
                    revision,
                    warnings: loaded.diagnostics,
                }
            }
            None => {
                self.reload_failures
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                ReloadOutcome::Kept {
                    revision: self.knowledge().revision.clone(),
                    errors: loaded
                        .diagnostics
                        .into_iter()
                        .filter(Diagnostic::is_error)
                        .collect(),
                }
            }
        }
    }

    /// Answers one event. Never panics on what a member sends: unknown commands, stale buttons
    /// and bad values get a polite reply.
    pub fn handle(&self, actor: &Actor, event: Event) -> Response {
        self.handle_in(&self.knowledge(), actor, event)
    }

    /// Which stable answer `event` gets from `kb`, if its answer is one (see [`Stable`]).
    pub fn stable<'e>(
        &self,
        kb: &KnowledgeBase,
        actor: &Actor,
        event: &'e Event,
    ) -> Option<Stable<'e>> {
        let shareable = matches!(actor.place, Place::Guild { .. });
        match event {
            Event::Command(Command::Fact { topic: None }) => Some(Stable::Browse),
            Event::Command(Command::Fact { topic: Some(id) }) => kb
                .content
                .published_index(id.trim())
                .map(|topic| Stable::Fact { topic, shareable }),
            Event::Command(Command::About) => Some(Stable::About {
                keeps_gaps: self.keeps_gaps(actor),
            }),
            Event::Autocomplete { partial } => Some(Stable::Autocomplete { partial }),
            _ => None,
        }
    }

    /// [`App::handle`] with the knowledge base `kb` (the one a [`Stable`] key was taken from).
    pub fn handle_in(&self, kb: &KnowledgeBase, actor: &Actor, event: Event) -> Response {
        match event {
            Event::Command(Command::Fact { topic: None }) => browse(kb).into(),
            Event::Command(Command::Fact { topic: Some(id) }) => match find_topic(kb, &id) {
                Some(topic) => fact_reply(kb, topic, actor).into(),
                None => unknown_topic(kb, &id).into(),
            },
            Event::Command(Command::Ask { question }) => self.ask(kb, &question, actor).into(),
            Event::Command(Command::About) => about(kb, self.keeps_gaps(actor)).into(),
            Event::Command(Command::Check { clinic }) => {
                self.check(kb, actor, Input::Start { clinic }, Carried::default())
            }
            Event::Command(Command::Reload) => self.reload_command(actor),
            Event::Command(Command::Post {
                topic,
                channel,
                pin,
            }) => moderation::post(kb, actor, &topic, channel, pin),
            Event::Command(Command::Posts) => match &self.store {
                Some(store) => moderation::list(kb, store, actor),
                None => polite("exobot keeps no record of posts here."),
            },
            Event::Command(Command::Refresh) => moderation::refresh(actor),
            Event::Command(Command::AnswerMessage { message_id }) => {
                moderation::answer_menu(kb, actor, message_id)
            }
            Event::Command(Command::Gaps { keep }) => self.gaps(actor, keep),
            Event::Command(Command::Unknown { name }) => unknown_command(&name),
            Event::Autocomplete { partial } => Reply::Autocomplete(complete(kb, &partial)).into(),
            Event::Component {
                custom_id,
                values,
                message,
            } => {
                if questionnaire::is_ours(&custom_id) {
                    let input = Input::Press { custom_id, values };
                    self.check(kb, actor, input, Carried::from_embeds(&message))
                } else {
                    self.component(kb, actor, &custom_id, &values)
                }
            }
            Event::ModalSubmit {
                custom_id,
                fields,
                message,
            } => {
                if questionnaire::is_ours(&custom_id) {
                    let input = Input::Submit { custom_id, fields };
                    self.check(kb, actor, input, Carried::from_embeds(&message))
                } else {
                    polite("That form is no longer valid. Run the command again.")
                }
            }
        }
    }

    /// A free-text question: answered, counted, and, where the server opted in, kept when no
    /// fact matched. A symptom report is never kept: it is about someone's health.
    fn ask(&self, kb: &KnowledgeBase, question: &str, actor: &Actor) -> Reply {
        let (reply, outcome, safety) = ask(kb, question, actor);
        self.questions.add(outcome);
        if outcome == QuestionOutcome::Refused && !safety {
            if let (Place::Guild { guild_id, .. }, Some(store)) = (actor.place, &self.store) {
                let kept = store.keeps_gaps(guild_id).and_then(|keep| {
                    if keep {
                        store.record_gap(guild_id, question.trim(), (self.clock)())
                    } else {
                        Ok(())
                    }
                });
                if let Err(e) = kept {
                    tracing::warn!(error = %e, "could not keep a refused question");
                }
            }
        }
        reply
    }

    /// Whether the server the actor is in keeps refused questions.
    fn keeps_gaps(&self, actor: &Actor) -> Option<bool> {
        let Place::Guild { guild_id, .. } = actor.place else {
            return None;
        };
        self.store.as_ref()?.keeps_gaps(guild_id).ok()
    }

    fn gaps(&self, actor: &Actor, keep: Option<bool>) -> Response {
        let (Place::Guild { guild_id, .. }, Some(store)) = (actor.place, &self.store) else {
            return polite("Content gaps are kept per server: run this in a server channel.");
        };
        match keep {
            Some(_) if !actor.can_reload => {
                polite("Only members who can manage the server can turn content gaps on or off.")
            }
            Some(keep) => match store.set_keep_gaps(guild_id, keep) {
                Ok(()) if keep => polite(&format!(
                    "exobot now keeps the text of questions no vetted fact answered in this server, \
                     with no user id, for {} days, so moderators can list them with /gaps. \
                     Symptom reports are never kept. /about tells members.",
                    crate::store::GAP_DAYS
                )),
                Ok(()) => polite(
                    "exobot no longer keeps refused questions in this server; the ones kept were deleted.",
                ),
                Err(e) => {
                    tracing::warn!(error = %e, "could not change the content-gap setting");
                    polite("exobot could not save that setting. Try again in a moment.")
                }
            },
            None if !actor.can_moderate => {
                polite("Only moderators (Manage Messages) can list content gaps.")
            }
            None => match store.gaps(guild_id, (self.clock)()) {
                Ok(gaps) => gap_list(&gaps, store.keeps_gaps(guild_id).unwrap_or(false)),
                Err(e) => {
                    tracing::warn!(error = %e, "could not list content gaps");
                    polite("exobot could not read the kept questions. Try again in a moment.")
                }
            },
        }
    }

    fn check(&self, kb: &KnowledgeBase, actor: &Actor, input: Input, carried: Carried) -> Response {
        let Some(q) = &kb.questionnaire else {
            return polite("The clinic check is not set up in this bot's knowledge base.");
        };
        questionnaire::handle(
            q,
            &self.key,
            &kb.content.links,
            actor.user_id,
            input,
            carried,
        )
        .into()
    }

    fn component(
        &self,
        kb: &KnowledgeBase,
        actor: &Actor,
        custom_id: &str,
        values: &[String],
    ) -> Response {
        if let Some(id) = custom_id.strip_prefix(SHOW) {
            return match kb.content.published_topic(id) {
                Some(topic) => fact_reply(kb, topic, actor).into(),
                None => withdrawn(),
            };
        }
        if custom_id == BROWSE {
            let topic = values.first().and_then(|id| kb.content.published_topic(id));
            return match topic {
                Some(topic) => fact_reply(kb, topic, actor).into(),
                None => withdrawn(),
            };
        }
        if let Some(id) = custom_id.strip_prefix(SHARE) {
            return self.share(kb, actor, id);
        }
        if let Some(message_id) = custom_id.strip_prefix(moderation::ANSWER) {
            return moderation::answer(kb, actor, message_id, values);
        }
        if custom_id == moderation::REFRESH {
            return moderation::refresh(actor);
        }
        if let Some(store) = &self.store {
            if custom_id == moderation::MANAGE {
                return moderation::manage(store, actor, values);
            }
            if let Some(id) = custom_id.strip_prefix(moderation::UNPIN) {
                return moderation::act_on_post(store, actor, id, false);
            }
            if let Some(id) = custom_id.strip_prefix(moderation::REMOVE) {
                return moderation::act_on_post(store, actor, id, true);
            }
        }
        polite("That button is no longer valid. Run the command again for a fresh answer.")
    }

    fn share(&self, kb: &KnowledgeBase, actor: &Actor, id: &str) -> Response {
        let Some(topic) = kb.content.published_topic(id) else {
            return withdrawn();
        };
        let Place::Guild {
            channel_id,
            can_send,
            ..
        } = actor.place
        else {
            return polite(
                "Sharing posts a fact in a server channel; here the answer is already yours.",
            );
        };
        if !can_send {
            return polite(
                "You cannot send messages in this channel, so exobot will not post there for you.",
            );
        }
        let now = Instant::now();
        {
            let mut shared = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
            shared.retain(|_, at| now.duration_since(*at) < self.share_cooldown);
            let key = (channel_id, topic.id.clone());
            if shared.contains_key(&key) {
                return polite("This fact was just posted in this channel. Scroll up to find it.");
            }
            shared.insert(key, now);
        }
        Response {
            reply: Reply::Message(Message::ephemeral_text("Posted in this channel.")),
            effect: Some(Effect::Post(FactPost {
                channel_id,
                topic: topic.id.clone(),
                message: messages::shared(kb.topic_embed(topic), &actor.display_name),
                pin: false,
                reply_to: None,
            })),
        }
    }

    fn reload_command(&self, actor: &Actor) -> Response {
        if !actor.can_reload {
            return polite(
                "Only server managers and the bot's owners can reload the knowledge base.",
            );
        }
        let text = match self.reload(crate::cli::today()) {
            ReloadOutcome::Reloaded { revision, warnings } => format!(
                "Reloaded: revision {revision}, {} warnings.",
                warnings.len()
            ),
            ReloadOutcome::Kept { revision, errors } => {
                let mut text = format!(
                    "The knowledge base has {} errors; the previous content (revision {revision}) keeps serving.\n",
                    errors.len()
                );
                text.push_str("```\n");
                for e in errors.iter().take(10) {
                    // A code block shows the checker's lines as they are; no backtick ends it.
                    text.push_str(&e.to_string().replace('`', "'"));
                    text.push('\n');
                }
                text.push_str("```");
                reply::truncate(&text, reply::limits::CONTENT)
            }
        };
        Reply::Message(Message::ephemeral_text(text)).into()
    }
}

fn polite(text: &str) -> Response {
    Reply::Message(Message::ephemeral_text(text)).into()
}

/// A command this version does not know, named (escaped and cut short) in the answer.
fn unknown_command(name: &str) -> Response {
    polite(&format!(
        "exobot does not know the command `{}`. Try /about to see what it can do.",
        reply::truncate(&escape(name), 100)
    ))
}

fn withdrawn() -> Response {
    polite("That fact is no longer in the knowledge base. Run /fact to see the current topics.")
}

/// A topic by id, or by what a member typed instead of picking a suggestion.
pub(crate) fn find_topic<'a>(kb: &'a KnowledgeBase, typed: &str) -> Option<&'a Topic> {
    let typed = typed.trim();
    kb.content
        .published_topic(typed)
        .or_else(|| match kb.search.ask(typed) {
            Outcome::Answer(m) | Outcome::Unsure { best: m, .. } => kb.content.topics.get(m.topic),
            Outcome::NoMatch { .. } => None,
        })
}

/// The fact, ephemeral, with a button to post it in the channel where that is possible.
fn fact_reply(kb: &KnowledgeBase, topic: &Topic, actor: &Actor) -> Reply {
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
/// What a question no vetted fact matches gets.
pub const NO_MATCH: &str =
    "No vetted fact matches that question. exobot only answers from its reviewed \
     knowledge base, and it is not a doctor.";
/// Shown above the nearest topics' buttons.
const NEAREST: &str = "Nearest topics, or /fact to browse them all:";

/// Answers a free-text question: the safety line first for a symptom report, then a declined
/// request for advice, a greeting, or what the search found; and what that was.
fn ask(kb: &KnowledgeBase, question: &str, actor: &Actor) -> (Reply, QuestionOutcome, bool) {
    let reading = kb.read(question);
    let outcome = match &reading.answer {
        Answer::Chat => QuestionOutcome::Chat,
        Answer::Advice { .. } => QuestionOutcome::AdviceDeclined,
        Answer::Search(Outcome::Answer(_)) => QuestionOutcome::Answered,
        Answer::Search(Outcome::Unsure { .. }) => QuestionOutcome::Unsure,
        Answer::Search(Outcome::NoMatch { .. }) => QuestionOutcome::Refused,
    };
    let mut reply = match reading.answer {
        Answer::Chat => Reply::Message(Message::ephemeral_text(GREETING)),
        Answer::Advice { nearest } => offer(kb, ADVICE_DECLINED, &nearest),
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
        if let Reply::Message(message) = &mut reply {
            let safety = knowledge::render::safety_text(&kb.content);
            message.content = Some(match message.content.take() {
                Some(rest) => format!("{safety}\n\n{rest}"),
                None => safety,
            });
        }
    }
    (reply, outcome, reading.safety)
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

/// The kept questions as one ephemeral message: newest first, each escaped and cut, as many as
/// fit Discord's 2,000 characters, with a count of the rest.
fn gap_list(gaps: &[(i64, String)], keeping: bool) -> Response {
    if gaps.is_empty() {
        return polite(if keeping {
            "No refused questions were kept in the last 30 days."
        } else {
            "This server does not keep refused questions. A server manager can turn it on with /gaps keep:True."
        });
    }
    let mut text = format!(
        "Questions no vetted fact answered here, newest first ({} in the last {} days; text only, no one identified):\n",
        gaps.len(),
        crate::store::GAP_DAYS
    );
    let budget = reply::limits::CONTENT - 60;
    for (shown, (at, question)) in gaps.iter().enumerate() {
        let day = time::OffsetDateTime::from_unix_timestamp(*at)
            .map(|t| t.date().to_string())
            .unwrap_or_default();
        let line = format!("• {day}: {}\n", reply::truncate(&escape(question), 200));
        if text.chars().count() + line.chars().count() > budget {
            text.push_str(&format!("…and {} more.", gaps.len() - shown));
            break;
        }
        text.push_str(&line);
    }
    polite(&text)
}

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
pub(crate) fn topic_options(kb: &KnowledgeBase) -> Vec<SelectOption> {
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
            custom_id: BROWSE.to_owned(),
            placeholder: "Choose a vetted fact".to_owned(),
            options,
        })],
        ..Message::default()
    })
}

fn complete(kb: &KnowledgeBase, partial: &str) -> Vec<Choice> {
    kb.search
        .complete(partial)
        .into_iter()
        .map(|i| messages::choice(&kb.content.topics[i]))
        .collect()
}

/// The about page; `keeps_gaps` is whether this server keeps refused questions (`None` outside
/// a server, or where there is no store).
fn about(kb: &KnowledgeBase, keeps_gaps: Option<bool>) -> Reply {
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
    let mut publishers: Vec<&str> = kb
        .content
        .sources
        .iter()
        .map(|s| s.publisher.as_str())
        .collect();
    publishers.sort_unstable();
    publishers.dedup();
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
                value: "`/fact` a vetted fact (browse, or type a topic)\n`/ask` a question in your own words\n\
                        `/clinic-check` questions to ask a clinic, then a red-flag report\n`/about` this page"
                    .to_owned(),
                inline: false,
            },
            Field {
                name: "Sources".to_owned(),
                value: reply::truncate(&publishers.join("\n"), reply::limits::FIELD_VALUE),
                inline: false,
            },
            Field {
                name: "Privacy".to_owned(),
                value: privacy,
                inline: false,
            },
        ],
        footer: Some(format!("Knowledge base revision {} · {}", kb.revision, knowledge::DISCLAIMER)),
        colour: None,
    };
    Reply::Message(Message {
        ephemeral: true,
        embeds: vec![embed],
        ..Message::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_command_name_is_cut_to_fit_the_answer() {
        let Reply::Message(m) = unknown_command(&"`@everyone` ".repeat(400)).reply else {
            unreachable!("a message");
        };
        let text = m.content.unwrap_or_default();
        assert!(text.chars().count() < 200, "{text}");
        assert!(!text.contains("@everyone"));
    }
}
