//! What moderators do: post and pin facts, answer a member's message with a fact, list and
//! manage the bot's posts, and keep posted facts current with the knowledge base.
//!
//! Pure decisions over the knowledge base and the store's records; the front end carries out
//! the resulting effects (send, pin, edit) and reports back what Discord said. The router
//! (`App::handle`) lets only moderators reach these functions.

use sha2::{Digest, Sha256};

use crate::event::{Actor, ComponentId, Effect, FactPost, ModerationId, Place, Response};
use crate::internal::Internal;
use crate::knowledge::{messages, KnowledgeBase};
use crate::reply::{self, Button, ButtonStyle, Embed, Message, Reply, Row, Select, SelectOption};
use crate::store::{Post, PostState, Store};

/// How many posts `/posts` lists (a select menu holds 25).
const LISTED: usize = reply::limits::SELECT_OPTIONS;

fn polite(text: &str) -> Response {
    Response::notice(text)
}

/// What a member who is not a moderator gets; the router checks before any function here.
pub fn refuse() -> Response {
    polite("Only moderators (members who can manage messages) can do this.")
}

fn channel_of(actor: &Actor) -> Option<u64> {
    match actor.place {
        Place::Guild { channel_id, .. } => Some(channel_id),
        _ => None,
    }
}

/// A short fingerprint of a topic as it is shown: it changes exactly when the post would.
pub fn fingerprint(embed: &Embed) -> String {
    let mut hash = Sha256::new();
    hash.update(embed.title.as_bytes());
    hash.update([0]);
    hash.update(embed.description.as_bytes());
    for f in &embed.fields {
        hash.update([0]);
        hash.update(f.name.as_bytes());
        hash.update([0]);
        hash.update(f.value.as_bytes());
    }
    hash.update([0]);
    hash.update(embed.footer.as_deref().unwrap_or_default().as_bytes());
    hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The message a posted fact shows for `topic`, with its fingerprint; `None` when the topic is
/// not published (any more).
pub fn fact_message(kb: &KnowledgeBase, topic: &str) -> Option<(Message, String)> {
    let topic = kb.content.published_topic(topic)?;
    let embed = kb.topic_embed(topic);
    let print = fingerprint(&embed);
    Some((
        Message {
            embeds: vec![embed],
            ..Message::default()
        },
        print,
    ))
}

/// `/post`: a fact posted publicly as the bot's own message, optionally pinned.
pub fn post(
    kb: &KnowledgeBase,
    actor: &Actor,
    topic: &str,
    channel: Option<u64>,
    pin: bool,
) -> Response {
    let Some(channel_id) = channel.or_else(|| channel_of(actor)) else {
        return polite("Posting works in a server channel.");
    };
    let Some(topic) = crate::facts::find_topic(kb, topic) else {
        return polite("No published topic matches that. Pick one from the suggestions.");
    };
    let Some((message, _)) = fact_message(kb, &topic.id) else {
        return polite("That topic is not published.");
    };
    Response {
        reply: Reply::Message(Message::ephemeral_text(format!(
            "Posting \"{}\"…",
            topic.title
        ))),
        effect: Some(Effect::Post(FactPost {
            channel_id,
            topic: topic.id.clone(),
            message,
            pin,
            reply_to: None,
            shared: false,
        })),
    }
}

/// The message context menu "Answer with a fact": pick the fact to reply with.
pub fn answer_menu(kb: &KnowledgeBase, message_id: u64) -> Response {
    let options = crate::facts::topic_options(kb);
    if options.is_empty() {
        return polite("The knowledge base has no published topic yet.");
    }
    Reply::Message(Message {
        ephemeral: true,
        content: Some(
            "Which fact should answer that message? exobot replies to it without pinging anyone."
                .to_owned(),
        ),
        rows: vec![Row::Select(Select {
            custom_id: ComponentId::Moderation(ModerationId::Answer(Some(message_id))).into(),
            placeholder: "Choose the fact".to_owned(),
            options,
        })],
        ..Message::default()
    })
    .into()
}

/// The fact picked in the answer menu: a reply to the member's message.
pub fn answer(
    kb: &KnowledgeBase,
    actor: &Actor,
    message_id: Option<u64>,
    values: &[String],
) -> Response {
    let (Some(message_id), Some(channel_id)) = (message_id, channel_of(actor)) else {
        return polite("That menu is no longer valid. Use the command on the message again.");
    };
    let Some((message, _)) = values.first().and_then(|t| fact_message(kb, t)) else {
        return polite("That fact is no longer in the knowledge base.");
    };
    Response {
        reply: Reply::Update(Message::ephemeral_text("Answering…")),
        effect: Some(Effect::Post(FactPost {
            channel_id,
            topic: values[0].clone(),
            message,
            pin: false,
            reply_to: Some(message_id),
            shared: false,
        })),
    }
}

/// `/posts`: the bot's posts in this channel, with a menu to manage one.
pub fn list(kb: &KnowledgeBase, store: &Store, actor: &Actor) -> Response {
    let Some(channel_id) = channel_of(actor) else {
        return polite("Listing posts works in a server channel.");
    };
    let posts = match store.in_channel(channel_id) {
        Ok(posts) => posts,
        Err(e) => return Internal::store("list a channel's posts")(e).answer(),
    };
    if posts.is_empty() {
        return polite("exobot has no posted facts in this channel.");
    }
    let title = |p: &Post| {
        kb.content
            .published_topic(&p.topic)
            .map_or_else(|| format!("{} (withdrawn)", p.topic), |t| t.title.clone())
    };
    let lines: Vec<String> = posts
        .iter()
        .take(LISTED)
        .map(|p| {
            let pin = if p.pinned { "📌 " } else { "" };
            format!(
                "{pin}{} · https://discord.com/channels/{}/{}/{}",
                title(p),
                p.guild_id,
                p.channel_id,
                p.message_id
            )
        })
        .collect();
    let more = posts.len().saturating_sub(LISTED);
    let mut description = reply::truncate(&lines.join("\n"), reply::limits::EMBED_DESCRIPTION - 40);
    if more > 0 {
        description.push_str(&format!("\n…and {more} older"));
    }
    let options = posts
        .iter()
        .take(LISTED)
        .map(|p| SelectOption {
            label: reply::truncate(&title(p), reply::limits::SELECT_OPTION_TEXT),
            value: p.message_id.to_string(),
            description: Some(if p.pinned {
                "pinned".to_owned()
            } else {
                "not pinned".to_owned()
            }),
        })
        .collect();
    Reply::Message(Message {
        ephemeral: true,
        embeds: vec![Embed {
            title: format!("exobot's posts in this channel ({})", posts.len()),
            description,
            ..Embed::default()
        }],
        rows: vec![
            Row::Select(Select {
                custom_id: ComponentId::Moderation(ModerationId::Manage).into(),
                placeholder: "Manage a post".to_owned(),
                options,
            }),
            Row::Buttons(vec![Button::action(
                "Refresh this channel's posts",
                ButtonStyle::Secondary,
                ComponentId::Moderation(ModerationId::Refresh),
            )]),
        ],
        ..Message::default()
    })
    .into()
}

/// The chosen post's actions.
pub fn manage(store: &Store, values: &[String]) -> Response {
    let id = values.first().and_then(|v| v.parse::<u64>().ok());
    let post = match id.map(|id| store.get(id)).transpose() {
        Ok(post) => post.flatten(),
        Err(e) => return Internal::store("read a post to manage")(e).answer(),
    };
    let Some(post) = post else {
        return polite("That post is no longer in exobot's records.");
    };
    let mut buttons = vec![Button::action(
        "Remove the post",
        ButtonStyle::Danger,
        ComponentId::Moderation(ModerationId::Remove(Some(post.message_id))),
    )];
    if post.pinned {
        buttons.insert(
            0,
            Button::action(
                "Unpin",
                ButtonStyle::Secondary,
                ComponentId::Moderation(ModerationId::Unpin(Some(post.message_id))),
            ),
        );
    }
    Reply::Message(Message {
        ephemeral: true,
        content: Some(format!("Post of `{}`: what should exobot do?", post.topic)),
        rows: vec![Row::Buttons(buttons)],
        ..Message::default()
    })
    .into()
}

/// Unpin or remove a recorded post.
pub fn act_on_post(store: &Store, id: Option<u64>, remove: bool) -> Response {
    let post = match id.map(|id| store.get(id)).transpose() {
        Ok(post) => post.flatten(),
        Err(e) => return Internal::store("read a post to unpin or remove")(e).answer(),
    };
    let Some(post) = post else {
        return polite("That post is no longer in exobot's records.");
    };
    let effect = if remove {
        Effect::Remove {
            channel_id: post.channel_id,
            message_id: post.message_id,
        }
    } else {
        Effect::Unpin {
            channel_id: post.channel_id,
            message_id: post.message_id,
        }
    };
    Response {
        reply: Reply::Update(Message::ephemeral_text(if remove {
            "Removing…"
        } else {
            "Unpinning…"
        })),
        effect: Some(effect),
    }
}

/// `/refresh` or the refresh button: bring this channel's posts up to date.
pub fn refresh(actor: &Actor) -> Response {
    let Some(channel_id) = channel_of(actor) else {
        return polite("Refreshing works in a server channel.");
    };
    Response {
        reply: Reply::Message(Message::ephemeral_text("Refreshing this channel's posts…")),
        effect: Some(Effect::Refresh {
            channel_id: Some(channel_id),
        }),
    }
}

/// What a recorded post should now show, if anything changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    /// The post already shows the current topic.
    Unchanged,
    /// Edit it to this message; record this fingerprint and state.
    Edit {
        message: Message,
        fingerprint: String,
        state: PostState,
    },
}

/// Compares a post with the knowledge base: an edit when the topic changed or was withdrawn.
pub fn update_for(kb: &KnowledgeBase, post: &Post, today: time::Date) -> Update {
    match fact_message(kb, &post.topic) {
        Some((_, print)) if print == post.fingerprint && post.state == PostState::Current => {
            Update::Unchanged
        }
        Some((message, print)) => Update::Edit {
            message: messages::updated(message, today),
            fingerprint: print,
            state: PostState::Current,
        },
        None if post.state == PostState::Withdrawn => Update::Unchanged,
        None => Update::Edit {
            message: messages::withdrawn(&post.topic),
            fingerprint: String::new(),
            state: PostState::Withdrawn,
        },
    }
}
