//! Every message exobot builds from a topic, with what it adds at run time: the answer's share
//! button, the "did you mean" buttons, the "Shared by" field of a shared post, the "Updated" field
//! of a refreshed post, the withdrawn notice, and the topic's select option and autocomplete
//! choice.
//!
//! The bot builds these messages with these functions, and [`worst_case_problems`] builds them at
//! their longest when the knowledge base is loaded: what is checked against Discord's limits is
//! what is sent, so a topic that passes `exobot check` cannot be refused when shared or refreshed.

use time::Date;

use super::Topic;
use crate::event::ComponentId;
use crate::reply::{
    self, limits, Button, ButtonStyle, Choice, Embed, Field, LimitError, Message, Reply, Row,
    SelectOption,
};
use crate::text::escape;

/// The content of an answer the search is unsure of, above the "did you mean" buttons.
pub const UNSURE: &str = "This looks like the closest vetted fact. Did you mean one of the others?";

/// Longest "Shared by" value, in characters (escaped); a longer display name is cut.
const SHARED_BY_MAX: usize = 80;

/// The fact as an answer to one member (ephemeral), with a button to post it in the channel when
/// `shareable` (in a server channel), and a row of buttons showing its `related` topics (at most
/// Discord's 5 a row).
pub fn answer(embed: Embed, topic_id: &str, shareable: bool, related: &[&Topic]) -> Message {
    let mut message = Message {
        ephemeral: true,
        embeds: vec![embed],
        ..Message::default()
    };
    if shareable {
        message.rows.push(Row::Buttons(vec![Button::action(
            "Post in this channel",
            ButtonStyle::Secondary,
            ComponentId::Share(topic_id.to_owned()),
        )]));
    }
    if !related.is_empty() {
        message.rows.push(Row::Buttons(
            related
                .iter()
                .take(limits::BUTTONS_PER_ROW)
                .map(|t| show_button(t))
                .collect(),
        ));
    }
    message
}

/// A button that shows `topic` (the "did you mean" and "nearest topics" rows): its title, cut to
/// Discord's 80 characters, and the custom id `fact:<id>`.
pub fn show_button(topic: &Topic) -> Button {
    Button::action(
        reply::truncate(&topic.title, limits::BUTTON_LABEL),
        ButtonStyle::Secondary,
        ComponentId::Fact(topic.id.clone()),
    )
}

/// The fact as a member shared it in a channel: the bot's own message, with a "Shared by" field
/// naming them (see [`shared_by`]).
pub fn shared(embed: Embed, display_name: &str) -> Message {
    let mut embed = embed;
    embed.fields.push(Field {
        name: "Shared by".to_owned(),
        value: shared_by(display_name),
        inline: false,
    });
    Message {
        embeds: vec![embed],
        ..Message::default()
    }
}

/// The "Shared by" value for a member's display name: escaped, at most 80 characters, and never
/// blank (Discord refuses a message with a blank field).
pub fn shared_by(display_name: &str) -> String {
    let name = escape(display_name);
    if name.trim().is_empty() {
        return "a member".to_owned();
    }
    reply::truncate(name.trim(), SHARED_BY_MAX)
}

/// A recorded post edited to its changed topic: `message` (the current fact) with an "Updated"
/// field dated `today`.
pub fn updated(message: Message, today: Date) -> Message {
    let mut message = message;
    if let Some(embed) = message.embeds.first_mut() {
        embed.fields.push(Field {
            name: "Updated".to_owned(),
            value: format!("{today}: the knowledge base changed, and this post with it."),
            inline: false,
        });
    }
    message
}

/// The notice a withdrawn topic's posts are edited to; it names the topic by id.
pub fn withdrawn(topic_id: &str) -> Message {
    Message {
        embeds: vec![Embed {
            title: "This fact was withdrawn".to_owned(),
            description: format!(
                "exobot's knowledge base no longer contains the topic `{topic_id}`, so this post was taken \
                 down. Run /fact for the current, reviewed facts."
            ),
            footer: Some(crate::reply::DISCLAIMER.to_owned()),
            ..Embed::default()
        }],
        ..Message::default()
    }
}

/// `topic` in a select menu of topics: its title and short answer, cut to Discord's 100
/// characters, and its id as the value.
pub fn option(topic: &Topic) -> SelectOption {
    SelectOption {
        label: reply::truncate(&topic.title, limits::SELECT_OPTION_TEXT),
        value: topic.id.clone(),
        description: Some(reply::truncate(&topic.short, limits::SELECT_OPTION_TEXT)),
    }
}

/// `topic` as an autocomplete suggestion: its title, cut to Discord's 100 characters, and its id.
pub fn choice(topic: &Topic) -> Choice {
    Choice {
        name: reply::truncate(&topic.title, limits::CHOICE_NAME),
        value: topic.id.clone(),
    }
}

/// Every Discord limit that a message built from `topic` (rendered as `embed`) breaks at its
/// longest, each with the message it concerns, e.g. `("shared post", …)`.
///
/// The worst cases: the answer with its share button, the search's content and a full row of
/// "did you mean" buttons; the shared post with a display name that escapes to the longest
/// "Shared by"; the refreshed post dated with the widest date; the withdrawn notice; the topic as
/// a select option and as an autocomplete choice. The limits are Discord's (see
/// [`crate::reply::limits`]).
pub fn worst_case_problems(topic: &Topic, embed: &Embed) -> Vec<(&'static str, LimitError)> {
    let mut answer = answer(embed.clone(), &topic.id, true, &[]);
    answer.content = Some(UNSURE.to_owned());
    answer.rows.push(Row::Buttons(vec![show_button(topic)]));
    let longest_name = "@".repeat(4 * SHARED_BY_MAX);
    let post = Message {
        embeds: vec![embed.clone()],
        ..Message::default()
    };
    let built = [
        ("answer", Reply::Message(answer)),
        (
            "shared post",
            Reply::Message(shared(embed.clone(), &longest_name)),
        ),
        ("updated post", Reply::Update(updated(post, Date::MAX))),
        ("withdrawn notice", Reply::Update(withdrawn(&topic.id))),
        (
            "topic menu",
            Reply::Message(Message {
                content: Some("Pick a topic:".to_owned()),
                rows: vec![Row::Select(crate::reply::Select {
                    custom_id: ComponentId::Browse.into(),
                    placeholder: "Choose a vetted fact".to_owned(),
                    options: vec![option(topic)],
                })],
                ..Message::default()
            }),
        ),
        ("autocomplete", Reply::Autocomplete(vec![choice(topic)])),
    ];
    let mut problems: Vec<(&'static str, LimitError)> = Vec::new();
    for (what, reply) in built {
        for e in reply.limit_errors() {
            if !problems.iter().any(|(w, p)| *w == what && *p == e) {
                problems.push((what, e));
            }
        }
    }
    problems
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
}
