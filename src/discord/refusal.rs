//! Reading a [`Refusal`] from Discord: from serenity's errors, and predicted from an
//! interaction's `app_permissions` before calling. The refusals and their sentences are the
//! core's (`src/refusal.rs`).

use serenity::all::Permissions;
use serenity::http::HttpError;

pub(super) use crate::refusal::{Action, Refusal};

impl Refusal {
    /// The refusal behind a serenity error.
    pub fn of(error: &serenity::Error) -> Refusal {
        use serenity::model::ModelError;
        match error {
            serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => {
                Refusal::from_code(r.status_code.as_u16(), r.error.code)
            }
            serenity::Error::Http(_) => Refusal::Unreachable,
            serenity::Error::Model(
                ModelError::MessageTooLong(_)
                | ModelError::EmbedTooLarge(_)
                | ModelError::EmbedAmount,
            )
            | serenity::Error::ExceededLimit(..) => Refusal::TooLong,
            _ => Refusal::Other { status: 0, code: 0 },
        }
    }

    /// The refusal the interaction's `app_permissions` predict for `action`, before calling
    /// Discord; `None` when they allow it or say nothing (PIN_MESSAGES, bit 51, is dropped by
    /// serenity 0.12.5, so pins are never predicted). `in_thread` says whether the channel is a
    /// thread (Send Messages in Threads replaces Send Messages there).
    pub fn predicted(app: Option<Permissions>, action: Action, in_thread: bool) -> Option<Refusal> {
        let app = app?;
        if !app.contains(Permissions::VIEW_CHANNEL) {
            return Some(Refusal::NoAccess);
        }
        let send = if in_thread {
            (
                Permissions::SEND_MESSAGES_IN_THREADS,
                "Send Messages in Threads",
            )
        } else {
            (Permissions::SEND_MESSAGES, "Send Messages")
        };
        let needed: &[(Permissions, &'static str)] = match action {
            Action::Post => &[send, (Permissions::EMBED_LINKS, "Embed Links")],
            Action::Reply => &[
                send,
                (Permissions::EMBED_LINKS, "Embed Links"),
                (Permissions::READ_MESSAGE_HISTORY, "Read Message History"),
            ],
            Action::CreateThread => &[
                (
                    Permissions::CREATE_PRIVATE_THREADS,
                    "Create Private Threads",
                ),
                (
                    Permissions::SEND_MESSAGES_IN_THREADS,
                    "Send Messages in Threads",
                ),
            ],
            _ => &[],
        };
        let missing: Vec<&'static str> = needed
            .iter()
            .filter(|(bit, _)| !app.contains(*bit))
            .map(|(_, name)| *name)
            .collect();
        if missing == ["Read Message History"] {
            return Some(Refusal::NoHistory);
        }
        (!missing.is_empty()).then_some(Refusal::MissingPermissions(missing))
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]
mod tests {
    use super::*;

    /// Every Discord code the bot can meet, and each local refusal, has a sentence of its own.
    #[test]
    fn each_code_and_each_local_refusal_has_its_own_sentence() {
        let codes = [
            (403, 50001),
            (403, 50013),
            (403, 160_002),
            (400, 50035),
            (400, 30003),
            (404, 10003),
            (404, 10008),
            (403, 50007),
            (400, 40060),
            (404, 10062),
            (400, 50083),
            (403, 160_005),
            (400, 50024),
            (400, 50021),
            (400, 160_006),
            (429, 0),
            (502, 0),
            (400, 12345),
        ];
        let mut sentences: Vec<String> = codes
            .iter()
            .map(|(status, code)| Refusal::from_code(*status, *code).sentence(Action::Post))
            .collect();
        let too_long = serenity::Error::Model(serenity::model::ModelError::MessageTooLong(3));
        sentences.push(Refusal::of(&too_long).sentence(Action::Post));
        let mut unique = sentences.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), sentences.len(), "{sentences:#?}");
        assert!(sentences
            .last()
            .unwrap()
            .contains("longer than Discord allows"));
        assert!(!sentences[2].contains("Send Messages"), "{}", sentences[2]);
        assert!(sentences[2].contains("Read Message History"));
    }

    #[test]
    fn the_interactions_app_permissions_name_what_is_missing_before_any_call() {
        let all = Permissions::VIEW_CHANNEL
            | Permissions::SEND_MESSAGES
            | Permissions::EMBED_LINKS
            | Permissions::READ_MESSAGE_HISTORY;
        assert_eq!(Refusal::predicted(Some(all), Action::Reply, false), None);
        assert_eq!(Refusal::predicted(None, Action::Post, false), None);
        assert_eq!(
            Refusal::predicted(
                Some(all - Permissions::READ_MESSAGE_HISTORY),
                Action::Reply,
                false
            ),
            Some(Refusal::NoHistory)
        );
        assert_eq!(
            Refusal::predicted(Some(all - Permissions::EMBED_LINKS), Action::Post, false),
            Some(Refusal::MissingPermissions(vec!["Embed Links"]))
        );
        assert_eq!(
            Refusal::predicted(Some(all), Action::Post, true),
            Some(Refusal::MissingPermissions(vec![
                "Send Messages in Threads"
            ]))
        );
        assert_eq!(
            Refusal::predicted(Some(Permissions::empty()), Action::Post, false),
            Some(Refusal::NoAccess)
        );
        let text = Refusal::MissingPermissions(vec!["Send Messages", "Embed Links"])
            .sentence(Action::Post);
        assert!(
            text.contains("Send Messages and Embed Links permissions"),
            "{text}"
        );
    }
}
