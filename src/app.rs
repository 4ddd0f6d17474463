//! The core's one entry point: an [`Event`] from any front end in, a [`Response`] out.
//!
//! Data flow: a front end (Discord, console) turns what a member did into an `Event` with the
//! `Actor` who did it (src/event.rs); `App::handle`, the core's only router, parses a component's
//! custom id once, checks moderators' rights once, and hands the event to its feature: facts
//! (src/facts.rs), moderation (src/moderation.rs), content gaps (src/gaps.rs) or the clinic check
//! (src/questionnaire), and decides where a clinic check runs (src/placement.rs). It returns a
//! `Reply` to show, plus, at most, one `Effect` the front end carries out (post a shared fact in
//! the channel, open the check's private thread…), whose outcome is worded by src/outcome.rs.
//! App holds the state those features share:
//! the knowledge base being served, the store, the share cooldowns and the clock.
//!
//! A little over 500 lines: the router (one match per kind of event and command) and the state
//! it hands the features; each feature's own logic lives in its module.

use std::path::PathBuf;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use crate::diagnostic::Diagnostic;
use crate::event::{
    Actor, Command, ComponentId, Effect, Event, ModerationId, Place, Placement, Response, Stable,
};
use crate::facts::{self, QuestionCounts, QuestionOutcome, Shares, SHARE_COOLDOWN};
use crate::gaps;
use crate::internal::Internal;
use crate::knowledge::{self, KnowledgeBase};
use crate::moderation;
use crate::placement;
use crate::questionnaire::{self, Carried, Input, Shown, TokenKey, Turn};
use crate::reply::{self, Reply};
use crate::store::Store;
use crate::text::escape;

/// What a reload did.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Facts shared recently, per channel, in this instance (the store's claims, where there is
    /// a store); also holds the cooldown.
    shares: Shares,
    /// The record of posted facts; `None` where nothing is posted (the console).
    store: Option<Arc<Store>>,
    /// Signalled after each successful reload, so posted facts can be brought up to date.
    reloads: tokio::sync::Notify,
    /// Reloads refused because the new content had errors.
    reload_failures: std::sync::atomic::AtomicU64,
    /// Free-text questions by what they got.
    questions: QuestionCounts,
    /// Unix seconds now: the system clock, or a test's. The core's only clock: kept questions
    /// are dated with it, and reloads check review dates against its day.
    clock: fn() -> i64,
}

fn system_clock() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Unix milliseconds by the system clock: share cooldowns are shorter than the app clock's
/// seconds in tests, and compared across instances, so they use the wall clock.
fn unix_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

impl App {
    /// Serves `knowledge`, signing clinic-check state with `key`; no store, the system clock.
    pub fn new(knowledge: KnowledgeBase, key: TokenKey) -> Self {
        Self {
            knowledge_dir: knowledge.dir.clone(),
            knowledge: RwLock::new(Arc::new(knowledge)),
            key,
            shares: Shares::new(SHARE_COOLDOWN),
            store: None,
            reloads: tokio::sync::Notify::new(),
            reload_failures: std::sync::atomic::AtomicU64::new(0),
            questions: QuestionCounts::default(),
            clock: system_clock,
        }
    }

    /// Replaces the clock (Unix seconds) the app dates kept questions, reloads and refreshed
    /// posts with.
    pub fn with_clock(mut self, clock: fn() -> i64) -> Self {
        self.clock = clock;
        self
    }

    /// Unix seconds now, by the app's clock.
    pub fn now(&self) -> i64 {
        (self.clock)()
    }

    /// Today's date (UTC), by the app's clock.
    pub fn today(&self) -> time::Date {
        time::OffsetDateTime::from_unix_timestamp(self.now())
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
            .date()
    }

    /// Free-text questions so far, by what they got.
    pub fn questions(&self) -> &QuestionCounts {
        &self.questions
    }

    /// Records posted facts and content gaps in `store`.
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

    /// Replaces how long the same fact waits before it is shared again in a channel.
    pub fn with_share_cooldown(mut self, cooldown: Duration) -> Self {
        self.shares = Shares::new(cooldown);
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
    /// and bad values get a polite reply. The only router of the core: a component's custom id
    /// is parsed here, once, and moderators' rights are checked here, once.
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
            Event::Command(command) => self.command(kb, actor, command),
            Event::Autocomplete { partial } => {
                Reply::Autocomplete(facts::complete(kb, &partial)).into()
            }
            Event::Component {
                custom_id,
                values,
                message,
                interaction_id,
            } => match ComponentId::parse(&custom_id) {
                ComponentId::ClinicCheck(custom_id) => {
                    let input = Input::Press { custom_id, values };
                    match self.check(kb, actor, input, Carried::from_embeds(&message)) {
                        Some(Turn {
                            reply,
                            shown: Shown::Report,
                        }) => placement::finished(actor.place, reply),
                        turn => reply_of(turn),
                    }
                }
                ComponentId::Placement(Placement::ToDms) => {
                    self.check_in_dms(kb, actor, Carried::from_embeds(&message))
                }
                ComponentId::Placement(Placement::Delete) => placement::delete(actor.place),
                id => self.component(kb, actor, id, &values, interaction_id),
            },
            Event::ModalSubmit {
                custom_id,
                fields,
                message,
            } => {
                if let ComponentId::ClinicCheck(custom_id) = ComponentId::parse(&custom_id) {
                    // Typed text that describes a reaction gets the safety line, as a question
                    // would, above the check's next step.
                    let read: Vec<knowledge::triage::Triage> = fields
                        .iter()
                        .map(|(_, text)| knowledge::triage::triage(text))
                        .collect();
                    let reaction = read.iter().any(|t| t.safety);
                    let crisis = read.iter().any(|t| t.crisis);
                    let input = Input::Submit { custom_id, fields };
                    let mut response =
                        reply_of(self.check(kb, actor, input, Carried::from_embeds(&message)));
                    if reaction {
                        facts::with_safety_line(kb, &mut response.reply, crisis);
                    }
                    response
                } else {
                    Response::notice("That form is no longer valid. Run the command again.")
                }
            }
        }
    }

    fn command(&self, kb: &KnowledgeBase, actor: &Actor, command: Command) -> Response {
        match command {
            Command::Fact { topic } => facts::fact(kb, actor, topic.as_deref()),
            Command::Ask { question } => self.ask(kb, &question, actor).into(),
            Command::About => facts::about(kb, self.keeps_gaps(actor)).into(),
            Command::Check { clinic } => {
                let start = self.check(kb, actor, Input::Start { clinic }, Carried::default());
                match (start, actor.place) {
                    (
                        Some(Turn {
                            reply: Reply::Message(first),
                            shown: Shown::Check,
                        }),
                        Place::Guild {
                            channel_id,
                            channel,
                            ..
                        },
                    ) => placement::start_in_server(channel_id, channel, first),
                    (start, _) => reply_of(start),
                }
            }
            Command::Reload => self.reload_command(actor),
            Command::Post {
                topic,
                channel,
                pin,
            } => moderator(actor, || moderation::post(kb, actor, &topic, channel, pin)),
            Command::Posts => match &self.store {
                Some(store) => moderator(actor, || moderation::list(kb, store, actor)),
                None => Response::notice("exobot keeps no record of posts here."),
            },
            Command::Refresh => moderator(actor, || moderation::refresh(actor)),
            Command::AnswerMessage { message_id } => {
                moderator(actor, || moderation::answer_menu(kb, message_id))
            }
            Command::Gaps { keep } => self.gaps(actor, keep),
            Command::Unknown { name } => unknown_command(&name),
        }
    }

    fn component(
        &self,
        kb: &KnowledgeBase,
        actor: &Actor,
        id: ComponentId,
        values: &[String],
        interaction_id: u64,
    ) -> Response {
        match id {
            ComponentId::Fact(id) => facts::show(kb, actor, Some(&id)),
            ComponentId::Browse => facts::show(kb, actor, values.first().map(String::as_str)),
            ComponentId::Share(id) => facts::share(kb, actor, &id, |channel, topic| {
                self.claim_share(channel, topic, interaction_id)
            }),
            ComponentId::Moderation(id) => match (id, &self.store) {
                (ModerationId::Answer(message_id), _) => {
                    moderator(actor, || moderation::answer(kb, actor, message_id, values))
                }
                (ModerationId::Refresh, _) => moderator(actor, || moderation::refresh(actor)),
                (ModerationId::Manage, Some(store)) => {
                    moderator(actor, || moderation::manage(store, values))
                }
                (ModerationId::Unpin(id), Some(store)) => {
                    moderator(actor, || moderation::act_on_post(store, id, false))
                }
                (ModerationId::Remove(id), Some(store)) => {
                    moderator(actor, || moderation::act_on_post(store, id, true))
                }
                // Posts are managed only where they are recorded.
                (ModerationId::Manage | ModerationId::Unpin(_) | ModerationId::Remove(_), None) => {
                    not_valid_button()
                }
            },
            ComponentId::ClinicCheck(_) | ComponentId::Placement(_) | ComponentId::Unknown(_) => {
                not_valid_button()
            }
        }
    }

    /// Claims sharing `topic` in `channel_id` for the interaction `interaction_id`: in the
    /// store, so the cooldown holds across every instance sharing it (and an interaction
    /// delivered again, to another instance, finds its claim still its own); in this instance's
    /// memory where there is no store, or while the store fails (logged).
    fn claim_share(&self, channel_id: u64, topic: &str, interaction_id: u64) -> bool {
        let Some(store) = &self.store else {
            return self.shares.claim(channel_id, topic);
        };
        let now = unix_millis();
        match store.claim_share(
            channel_id,
            topic,
            interaction_id,
            now,
            self.shares.cooldown(),
        ) {
            Ok(claimed) => claimed,
            Err(e) => {
                Internal::store("claim a share")(e)
                    .worked_around("this instance's cooldown applies");
                self.shares.claim(channel_id, topic)
            }
        }
    }

    /// A free-text question: answered, counted, and, where the server opted in, kept when no
    /// fact matched. A symptom report is never kept: it is about someone's health.
    fn ask(&self, kb: &KnowledgeBase, question: &str, actor: &Actor) -> Reply {
        let (reply, outcome, safety) = facts::ask(kb, question, actor);
        self.questions.add(outcome);
        if outcome == QuestionOutcome::Refused && !safety {
            if let (Place::Guild { guild_id, .. }, Some(store)) = (actor.place, &self.store) {
                let kept = store.keeps_gaps(guild_id).and_then(|keep| {
                    if keep {
                        store.record_gap(guild_id, question.trim(), self.now())
                    } else {
                        Ok(())
                    }
                });
                if let Err(e) = kept {
                    Internal::store("keep a refused question")(e).worked_around("not kept");
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
            return Response::notice(
                "Content gaps are kept per server: run this in a server channel.",
            );
        };
        gaps::command(store, actor, guild_id, keep, self.now())
    }

    /// One event of the actor's clinic check; `None` when the knowledge base has none.
    fn check(
        &self,
        kb: &KnowledgeBase,
        actor: &Actor,
        input: Input,
        carried: Carried,
    ) -> Option<Turn> {
        let q = kb.questionnaire.as_ref()?;
        Some(questionnaire::turn(
            q,
            &self.key,
            actor.user_id,
            input,
            carried,
        ))
    }

    /// "Continue in DMs": the check starts again in the member's DMs, with the clinic label the
    /// pressed message carried; a refusal is said where they pressed.
    fn check_in_dms(&self, kb: &KnowledgeBase, actor: &Actor, carried: Carried) -> Response {
        let input = Input::Start {
            clinic: carried.clinic,
        };
        match self.check(kb, actor, input, Carried::default()) {
            Some(Turn {
                reply: Reply::Message(start),
                shown: Shown::Check,
            }) => placement::to_dms(start),
            Some(Turn {
                reply: Reply::Message(refused),
                ..
            }) => Response::notice(refused.content.unwrap_or_default()),
            Some(_) => Response::notice("The clinic check could not be started."),
            None => no_check(),
        }
    }

    fn reload_command(&self, actor: &Actor) -> Response {
        if !actor.can_reload {
            return Response::notice(
                "Only server managers and the bot's owners can reload the knowledge base.",
            );
        }
        Response {
            reply: Reply::Defer,
            effect: Some(Effect::Reload),
        }
    }
}

/// What a clinic-check event answers where it happened (or that there is no check).
fn reply_of(turn: Option<Turn>) -> Response {
    turn.map_or_else(no_check, |turn| turn.reply.into())
}

fn no_check() -> Response {
    Response::notice("The clinic check is not set up in this bot's knowledge base.")
}

/// What a moderator asked for, once the actor is known to be one (Manage Messages, checked in
/// code because server admins can change who sees the commands).
fn moderator(actor: &Actor, act: impl FnOnce() -> Response) -> Response {
    if actor.can_moderate {
        act()
    } else {
        moderation::refuse()
    }
}

/// A command this version does not know, named (escaped and cut short) in the answer.
fn unknown_command(name: &str) -> Response {
    Response::notice(format!(
        "exobot does not know the command `{}`. Try /about to see what it can do.",
        reply::truncate(&escape(name), 100)
    ))
}

fn not_valid_button() -> Response {
    Response::notice("That button is no longer valid. Run the command again for a fresh answer.")
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
