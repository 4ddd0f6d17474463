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
use crate::knowledge::{self, search::Outcome, KnowledgeBase, Topic};
use crate::moderation;
use crate::questionnaire::{self, Carried, Input, TokenKey};
use crate::reply::{
    self, Button, ButtonStyle, Choice, Embed, Field, Message, Reply, Row, Select, SelectOption,
};
use crate::store::Store;
use crate::text::escape;

/// Custom-id prefixes of the components the core issues.
const SHOW: &str = "fact:";
const SHARE: &str = "share:";
const BROWSE: &str = "browse";

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
    /// A command this version does not know (an old registration, a typo in a script).
    Unknown { name: String },
}

/// Where an event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A server channel; `can_send` says whether the member may post there.
    Guild { channel_id: u64, can_send: bool },
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
        }
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
        let kb = self.knowledge();
        match event {
            Event::Command(Command::Fact { topic: None }) => browse(&kb).into(),
            Event::Command(Command::Fact { topic: Some(id) }) => match find_topic(&kb, &id) {
                Some(topic) => fact_reply(&kb, topic, actor).into(),
                None => unknown_topic(&kb, &id).into(),
            },
            Event::Command(Command::Ask { question }) => ask(&kb, &question, actor).into(),
            Event::Command(Command::About) => about(&kb).into(),
            Event::Command(Command::Check { clinic }) => {
                self.check(&kb, actor, Input::Start { clinic }, Carried::default())
            }
            Event::Command(Command::Reload) => self.reload_command(actor),
            Event::Command(Command::Post {
                topic,
                channel,
                pin,
            }) => moderation::post(&kb, actor, &topic, channel, pin),
            Event::Command(Command::Posts) => match &self.store {
                Some(store) => moderation::list(&kb, store, actor),
                None => polite("exobot keeps no record of posts here."),
            },
            Event::Command(Command::Refresh) => moderation::refresh(actor),
            Event::Command(Command::AnswerMessage { message_id }) => {
                moderation::answer_menu(&kb, actor, message_id)
            }
            Event::Command(Command::Unknown { name }) => unknown_command(&name),
            Event::Autocomplete { partial } => Reply::Autocomplete(complete(&kb, &partial)).into(),
            Event::Component {
                custom_id,
                values,
                message,
            } => {
                if questionnaire::is_ours(&custom_id) {
                    let input = Input::Press { custom_id, values };
                    self.check(&kb, actor, input, Carried::from_embeds(&message))
                } else {
                    self.component(&kb, actor, &custom_id, &values)
                }
            }
            Event::ModalSubmit {
                custom_id,
                fields,
                message,
            } => {
                if questionnaire::is_ours(&custom_id) {
                    let input = Input::Submit { custom_id, fields };
                    self.check(&kb, actor, input, Carried::from_embeds(&message))
                } else {
                    polite("That form is no longer valid. Run the command again.")
                }
            }
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
        let mut embed = kb.topic_embed(topic);
        embed.fields.push(Field {
            name: "Shared by".to_owned(),
            value: shared_by(&actor.display_name),
            inline: false,
        });
        Response {
            reply: Reply::Message(Message::ephemeral_text("Posted in this channel.")),
            effect: Some(Effect::Post(FactPost {
                channel_id,
                topic: topic.id.clone(),
                message: Message {
                    embeds: vec![embed],
                    ..Message::default()
                },
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

/// The "Shared by" value for a member's display name: escaped, at most 80 characters, and
/// never blank (Discord refuses a message with a blank field).
fn shared_by(display_name: &str) -> String {
    let name = escape(display_name);
    if name.trim().is_empty() {
        return "a member".to_owned();
    }
    reply::truncate(name.trim(), 80)
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
    let mut message = Message {
        ephemeral: true,
        embeds: vec![kb.topic_embed(topic)],
        ..Message::default()
    };
    if matches!(actor.place, Place::Guild { .. }) {
        message.rows.push(Row::Buttons(vec![Button::action(
            "Post in this channel",
            ButtonStyle::Secondary,
            format!("{SHARE}{}", topic.id),
        )]));
    }
    // Related topics open with a press, as "did you mean" does: members never type an id.
    let related: Vec<usize> = topic
        .related
        .iter()
        .filter_map(|id| {
            kb.content
                .topics
                .iter()
                .position(|t| t.published && &t.id == id)
        })
        .collect();
    if !related.is_empty() {
        message.rows.push(topic_buttons(kb, related.into_iter()));
    }
    Reply::Message(message)
}

fn topic_buttons(kb: &KnowledgeBase, topics: impl Iterator<Item = usize>) -> Row {
    Row::Buttons(
        topics
            .take(reply::limits::BUTTONS_PER_ROW)
            .map(|i| {
                let t = &kb.content.topics[i];
                Button::action(
                    reply::truncate(&t.title, reply::limits::BUTTON_LABEL),
                    ButtonStyle::Secondary,
                    format!("{SHOW}{}", t.id),
                )
            })
            .collect(),
    )
}

fn ask(kb: &KnowledgeBase, question: &str, actor: &Actor) -> Reply {
    match kb.search.ask(question) {
        Outcome::Answer(m) => fact_reply(kb, &kb.content.topics[m.topic], actor),
        Outcome::Unsure { best, others } => {
            let mut reply = fact_reply(kb, &kb.content.topics[best.topic], actor);
            if let Reply::Message(message) = &mut reply {
                message.content = Some(
                    "This looks like the closest vetted fact. Did you mean one of the others?"
                        .to_owned(),
                );
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
        Outcome::NoMatch { nearest } => {
            let mut message = Message::ephemeral_text(
                "No vetted fact matches that question. exobot only answers from its reviewed knowledge base, \
                 and it is not a doctor. Nearest topics, or /fact to browse them all:",
            );
            if nearest.is_empty() {
                message.content = Some(
                    "No vetted fact matches that question. exobot only answers from its reviewed knowledge base. \
                     Try /fact to browse the topics."
                        .to_owned(),
                );
            } else {
                message
                    .rows
                    .push(topic_buttons(kb, nearest.iter().map(|m| m.topic)));
            }
            Reply::Message(message)
        }
    }
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
        .map(|i| {
            let t = &kb.content.topics[i];
            SelectOption {
                label: reply::truncate(&t.title, reply::limits::SELECT_OPTION_TEXT),
                value: t.id.clone(),
                description: Some(reply::truncate(&t.short, reply::limits::SELECT_OPTION_TEXT)),
            }
        })
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
        .map(|i| {
            let t = &kb.content.topics[i];
            Choice {
                name: reply::truncate(&t.title, reply::limits::CHOICE_NAME),
                value: t.id.clone(),
            }
        })
        .collect()
}

fn about(kb: &KnowledgeBase) -> Reply {
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
                        `/about` this page"
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
                value: "Answers are shown only to you unless you choose to post them. exobot does not log or \
                        store what you type, and it never reads the server's conversations."
                    .to_owned(),
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
    fn the_shared_by_name_is_escaped_bounded_and_never_blank() {
        assert_eq!(shared_by("Ana @everyone"), "Ana @\u{200B}everyone");
        assert_eq!(shared_by("\u{0}"), "a member");
        assert_eq!(shared_by("\n\n\n"), "a member");
        assert_eq!(shared_by(&"x".repeat(4000)).chars().count(), 80);
    }

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
