//! Answers that do not change between interactions (a fact, the topic menu, the about page, the
//! suggestions for a prefix), kept serialized for as long as the knowledge base they came from
//! serves: such an answer costs the copy of its bytes, not a builder and a serializer.
//!
//! Which events have such answers, and what else their answer depends on, is the core's word
//! ([`Stable`]). An answer is kept the first time the builder path sent it successfully, so what
//! is kept is what serenity checked and sent (the interaction's id and token go in the URL, not
//! the body). A reload starts afresh.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, Weak};

use serde_json::value::RawValue;
use serenity::all::CreateInteractionResponse;

use crate::event::Stable;
use crate::knowledge::KnowledgeBase;

/// An answer's body, serialized.
pub(super) type Body = Arc<Box<RawValue>>;

/// How many different prefixes' suggestions are kept per knowledge base; what members type is
/// unbounded, the memory is not.
pub(super) const PREFIXES: usize = 512;

#[derive(Debug)]
pub(super) struct Answers {
    /// Off: nothing is kept, every answer is built.
    on: bool,
    kept: Mutex<Kept>,
}

#[derive(Debug, Default)]
struct Kept {
    /// The knowledge base the bodies were made from.
    kb: Weak<KnowledgeBase>,
    facts: HashMap<(usize, bool), Body>,
    browse: Option<Body>,
    /// By `keeps_gaps`: `None`, `Some(false)`, `Some(true)`.
    about: [Option<Body>; 3],
    prefixes: HashMap<String, Body>,
}

fn about_slot(keeps_gaps: Option<bool>) -> usize {
    match keeps_gaps {
        None => 0,
        Some(false) => 1,
        Some(true) => 2,
    }
}

impl Kept {
    /// Drops what another knowledge base made.
    fn for_kb(&mut self, kb: &Arc<KnowledgeBase>) -> &mut Self {
        if !std::ptr::eq(self.kb.as_ptr(), Arc::as_ptr(kb)) {
            *self = Kept {
                kb: Arc::downgrade(kb),
                ..Kept::default()
            };
        }
        self
    }
}

impl Answers {
    pub(super) fn new(on: bool) -> Self {
        Self {
            on,
            kept: Mutex::default(),
        }
    }

    /// The kept body of `key`'s answer from `kb`, if there is one.
    pub(super) fn get(&self, kb: &Arc<KnowledgeBase>, key: &Stable<'_>) -> Option<Body> {
        if !self.on {
            return None;
        }
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        let kept = kept.for_kb(kb);
        match key {
            Stable::Fact { topic, shareable } => kept.facts.get(&(*topic, *shareable)).cloned(),
            Stable::Browse => kept.browse.clone(),
            Stable::About { keeps_gaps } => kept.about[about_slot(*keeps_gaps)].clone(),
            Stable::Autocomplete { partial } => kept.prefixes.get(*partial).cloned(),
        }
    }

    /// Keeps `answer`, which the builder path sent for `key` from `kb`, serialized as serenity
    /// serializes it; the caller keeps no answer with files (none of the stable ones has any).
    pub(super) fn put(
        &self,
        kb: &Arc<KnowledgeBase>,
        key: &Stable<'_>,
        answer: &CreateInteractionResponse,
    ) {
        if !self.on {
            return;
        }
        let Some(body) = serialize(answer) else {
            return;
        };
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        let kept = kept.for_kb(kb);
        match key {
            Stable::Fact { topic, shareable } => {
                kept.facts.insert((*topic, *shareable), body);
            }
            Stable::Browse => kept.browse = Some(body),
            Stable::About { keeps_gaps } => kept.about[about_slot(*keeps_gaps)] = Some(body),
            Stable::Autocomplete { partial } => {
                if kept.prefixes.len() < PREFIXES {
                    kept.prefixes.insert((*partial).to_owned(), body);
                }
            }
        }
    }
}

/// The body serenity sends for `answer` when it has no files (`Http::create_interaction_response`
/// serializes the builder with `serde_json::to_vec`; with files it sends multipart instead).
pub(super) fn serialize(answer: &CreateInteractionResponse) -> Option<Body> {
    let text = serde_json::to_string(answer).ok()?;
    RawValue::from_string(text).ok().map(Arc::new)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::app::App;
    use crate::discord::convert;
    use crate::event::{Actor, Command, Event, Place};
    use crate::questionnaire::TokenKey;

    fn app() -> App {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
        let kb = crate::knowledge::load(&dir, crate::startup::today())
            .knowledge
            .expect("the shipped knowledge base loads");
        let store = crate::store::Store::in_memory().expect("an in-memory store opens");
        store.set_keep_gaps(1, true).expect("guild 1 keeps gaps");
        App::new(kb, TokenKey::new(b"answers test")).with_store(Arc::new(store))
    }

    fn member(user_id: u64, guild_id: u64, moderator: bool, name: &str) -> Actor {
        Actor {
            user_id,
            display_name: name.to_owned(),
            can_reload: moderator,
            can_moderate: moderator,
            place: Place::Guild {
                guild_id,
                channel_id: guild_id * 100 + user_id,
                channel: crate::event::Channel::Text,
                can_send: !moderator,
            },
        }
    }

    fn dm(user_id: u64) -> Actor {
        Actor {
            user_id,
            display_name: format!("user {user_id}"),
            can_reload: false,
            can_moderate: false,
            place: Place::DirectMessage,
        }
    }

    /// Every event with a stable answer: each published topic by id, the menu, the about page,
    /// and suggestions for a few prefixes.
    fn stable_events(app: &App) -> Vec<Event> {
        let kb = app.knowledge();
        let mut events: Vec<Event> = kb
            .content
            .published()
            .map(|t| {
                Event::Command(Command::Fact {
                    topic: Some(t.id.clone()),
                })
            })
            .collect();
        events.push(Event::Command(Command::Fact { topic: None }));
        events.push(Event::Command(Command::About));
        for partial in ["", "fda", "side eff", "nebr", "zzz", "@everyone"] {
            events.push(Event::Autocomplete {
                partial: partial.to_owned(),
            });
        }
        events
    }

    /// What `Http::create_interaction_response` puts in the request for a body it is given.
    fn sent(body: &impl serde::Serialize) -> Vec<u8> {
        serde_json::to_vec(body).expect("a body serializes")
    }

    #[test]
    fn a_kept_answer_sends_the_bytes_the_builder_path_sends_to_every_member() {
        let app = app();
        let kb = app.knowledge();
        let answers = Answers::new(true);
        // Kept from what some members asked...
        let first = [member(1, 1, false, "Ana"), member(2, 2, false, "Bo"), dm(3)];
        for event in stable_events(&app) {
            for actor in &first {
                let key = app.stable(&kb, actor, &event).expect("a stable event");
                let answer = convert::response(&app.handle_in(&kb, actor, event.clone()).reply);
                answers.put(&kb, &key, &answer);
            }
        }
        // ...and sent to others, in the same places and with other names and rights.
        let others = [
            member(11, 1, true, "Cy @everyone"),
            member(12, 2, true, "<@1>"),
            dm(13),
        ];
        let mut checked = 0;
        for event in stable_events(&app) {
            for actor in &others {
                let key = app.stable(&kb, actor, &event).expect("a stable event");
                let kept = answers.get(&kb, &key).expect("kept for this key");
                let built = convert::response(&app.handle_in(&kb, actor, event.clone()).reply);
                let kept: &RawValue = &kept;
                assert_eq!(
                    String::from_utf8_lossy(&sent(&kept)),
                    String::from_utf8_lossy(&sent(&built)),
                    "{event:?} for {actor:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 30, "{checked}");
    }

    #[test]
    fn a_fact_has_the_share_button_in_servers_only() {
        let app = app();
        let kb = app.knowledge();
        let topic = kb.content.published().next().expect("a published topic");
        let event = Event::Command(Command::Fact {
            topic: Some(topic.id.clone()),
        });
        let answers = Answers::new(true);
        let mut bodies = Vec::new();
        for actor in [member(1, 1, false, "Ana"), dm(2)] {
            let key = app.stable(&kb, &actor, &event).expect("a stable event");
            let answer = convert::response(&app.handle_in(&kb, &actor, event.clone()).reply);
            answers.put(&kb, &key, &answer);
            let kept = answers.get(&kb, &key).expect("kept");
            bodies.push(kept.get().to_owned());
        }
        let share = format!("\"share:{}\"", topic.id);
        assert!(bodies[0].contains(&share), "{}", bodies[0]);
        assert!(!bodies[1].contains(&share), "{}", bodies[1]);
    }

    #[test]
    fn a_reload_starts_afresh() {
        let app = app();
        let kb = app.knowledge();
        let event = Event::Command(Command::Fact { topic: None });
        let actor = dm(1);
        let key = app.stable(&kb, &actor, &event).expect("a stable event");
        let answer = convert::response(&app.handle_in(&kb, &actor, event.clone()).reply);
        let answers = Answers::new(true);
        answers.put(&kb, &key, &answer);
        assert!(answers.get(&kb, &key).is_some());
        let _ = app.reload(crate::startup::today());
        assert!(answers.get(&app.knowledge(), &key).is_none());
    }

    #[test]
    fn only_so_many_prefixes_are_kept() {
        let app = app();
        let kb = app.knowledge();
        let answers = Answers::new(true);
        let actor = dm(1);
        for n in 0..PREFIXES + 10 {
            let event = Event::Autocomplete {
                partial: format!("p{n}"),
            };
            let key = app.stable(&kb, &actor, &event).expect("a stable event");
            let answer = convert::response(&app.handle_in(&kb, &actor, event.clone()).reply);
            answers.put(&kb, &key, &answer);
        }
        let kept = answers.kept.lock().unwrap_or_else(PoisonError::into_inner);
        assert_eq!(kept.prefixes.len(), PREFIXES);
    }
}
