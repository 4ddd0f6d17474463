//! JSON payloads the fake sends: interactions (the public builders), users, messages, channels
//! and the gateway's READY. Every shape here is checked against serenity 0.12.5's model types by
//! the tests in `tests/it/fake_discord.rs`, because a dispatch serenity cannot deserialize is dropped
//! without an error.

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{json, Value};

/// The application id of the fake bot. It is also the bot user's id, the READY `application.id`
/// and the `application_id` of every interaction the builders produce.
pub const APPLICATION_ID: u64 = 1_180_000_000_000_000_001;

/// The bot user's name in READY and on every message the bot sends.
pub const BOT_USERNAME: &str = "exobot-fake";

/// `app_permissions` of guild interactions: VIEW_CHANNEL, SEND_MESSAGES, EMBED_LINKS,
/// READ_MESSAGE_HISTORY, CREATE_PRIVATE_THREADS, SEND_MESSAGES_IN_THREADS and PIN_MESSAGES (bit
/// 51, which serenity 0.12.5 drops when it parses the field).
pub const GUILD_APP_PERMISSIONS: u64 = 2_252_143_411_153_920;

/// `app_permissions` of DM interactions: VIEW_CHANNEL, SEND_MESSAGES, EMBED_LINKS, ATTACH_FILES,
/// READ_MESSAGE_HISTORY, MENTION_EVERYONE, USE_EXTERNAL_EMOJIS and ADD_REACTIONS.
pub const DM_APP_PERMISSIONS: u64 = (1 << 6) | (0b1_1111 << 14) | (0b11 << 10);

/// Permission bits a test commonly puts into [`Place::Guild`]'s `permissions`.
pub mod permissions {
    /// VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY: an ordinary member.
    pub const MEMBER: u64 = (1 << 10) | (1 << 11) | (1 << 16);
    /// MEMBER plus MANAGE_MESSAGES (1 << 13), the bit serenity keeps for moderators.
    pub const MODERATOR: u64 = MEMBER | (1 << 13);
    /// PIN_MESSAGES (1 << 51), which serenity 0.12.5 cannot see.
    pub const PIN_MESSAGES: u64 = 1 << 51;
}

/// Channel types the fake knows (Discord's numbers).
pub mod channel_type {
    pub const GUILD_TEXT: u8 = 0;
    pub const DM: u8 = 1;
    pub const GUILD_CATEGORY: u8 = 4;
    pub const GUILD_ANNOUNCEMENT: u8 = 5;
    pub const ANNOUNCEMENT_THREAD: u8 = 10;
    pub const PUBLIC_THREAD: u8 = 11;
    pub const PRIVATE_THREAD: u8 = 12;
    pub const GUILD_FORUM: u8 = 15;
    pub const GUILD_MEDIA: u8 = 16;

    /// Whether the type is one of the three thread types.
    #[expect(dead_code, reason = "part of the fake's surface that no test uses now")]
    pub fn is_thread(kind: u8) -> bool {
        matches!(kind, ANNOUNCEMENT_THREAD | PUBLIC_THREAD | PRIVATE_THREAD)
    }
}

/// Where an interaction happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A guild channel; `permissions` are the member's permissions in the channel (the
    /// interaction's `member.permissions`).
    Guild {
        guild_id: u64,
        channel_id: u64,
        user_id: u64,
        permissions: u64,
    },
    /// The bot's DM with a user.
    Dm { channel_id: u64, user_id: u64 },
}

impl Place {
    pub fn channel_id(&self) -> u64 {
        match *self {
            Place::Guild { channel_id, .. } | Place::Dm { channel_id, .. } => channel_id,
        }
    }

    #[expect(dead_code, reason = "part of the fake's surface that no test uses now")]
    pub fn user_id(&self) -> u64 {
        match *self {
            Place::Guild { user_id, .. } | Place::Dm { user_id, .. } => user_id,
        }
    }

    pub fn guild_id(&self) -> Option<u64> {
        match *self {
            Place::Guild { guild_id, .. } => Some(guild_id),
            Place::Dm { .. } => None,
        }
    }
}

/// The first id handed out; ids then grow by one, so they are unique within a test binary.
const FIRST_SNOWFLAKE: u64 = 1_300_000_000_000_000_000;
static NEXT_SNOWFLAKE: AtomicU64 = AtomicU64::new(FIRST_SNOWFLAKE);

/// A fresh snowflake, unique within the test binary (interactions, messages, threads...).
pub fn snowflake() -> u64 {
    NEXT_SNOWFLAKE.fetch_add(1, Ordering::Relaxed)
}

/// The current time as Discord writes it (RFC 3339).
pub fn now() -> String {
    serenity::model::Timestamp::now().to_string()
}

/// A snowflake as Discord sends it: a JSON string.
pub fn id(value: u64) -> Value {
    Value::String(value.to_string())
}

/// Reads a snowflake sent either as a string or as a number.
pub fn parse_id(value: &Value) -> Option<u64> {
    match value {
        Value::String(text) => text.parse().ok(),
        Value::Number(number) => number.as_u64(),
        _ => None,
    }
}

/// A user object for a human user.
pub fn user_object(user_id: u64) -> Value {
    json!({
        "id": id(user_id),
        "username": format!("user{user_id}"),
        "discriminator": "0",
        "global_name": format!("User {user_id}"),
        "avatar": null,
        "public_flags": 0,
    })
}

/// The bot's own user object.
pub fn bot_user_object() -> Value {
    json!({
        "id": id(APPLICATION_ID),
        "username": BOT_USERNAME,
        "discriminator": "0000",
        "global_name": null,
        "avatar": null,
        "bot": true,
        "public_flags": 0,
    })
}

/// The `d` of the READY dispatch for a new session of `shard` (`[id, total]`).
pub fn ready_data(session_id: &str, resume_gateway_url: &str, shard: [u32; 2]) -> Value {
    let mut user = bot_user_object();
    user["verified"] = json!(true);
    user["mfa_enabled"] = json!(false);
    user["flags"] = json!(0);
    json!({
        "v": 10,
        "user": user,
        "guilds": [],
        "private_channels": [],
        "relationships": [],
        "presences": [],
        "session_type": "normal",
        "session_id": session_id,
        "resume_gateway_url": resume_gateway_url,
        "shard": shard,
        "application": { "id": id(APPLICATION_ID), "flags": 0 },
    })
}

fn token_for(interaction_id: u64) -> String {
    format!("fake-interaction-token-{interaction_id}")
}

/// A stable command id for a command name, so that repeated invocations look alike.
fn command_id(name: &str) -> u64 {
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    1_200_000_000_000_000_000 + hash % 1_000_000_000_000
}

/// Everything the interaction types share: ids, token, place and the fields serenity requires.
fn interaction(kind: u8, data: Value, place: Place) -> Value {
    let interaction_id = snowflake();
    let mut value = json!({
        "id": id(interaction_id),
        "application_id": id(APPLICATION_ID),
        "type": kind,
        "data": data,
        "token": token_for(interaction_id),
        "version": 1,
        "locale": "en-US",
        "entitlements": [],
        "attachment_size_limit": 10_485_760,
        "channel_id": id(place.channel_id()),
    });
    match place {
        Place::Guild {
            guild_id,
            channel_id,
            user_id,
            permissions,
        } => {
            value["guild_id"] = id(guild_id);
            value["guild_locale"] = json!("en-US");
            value["channel"] = json!({
                "id": id(channel_id),
                "type": channel_type::GUILD_TEXT,
                "guild_id": id(guild_id),
                "name": format!("channel-{channel_id}"),
            });
            value["member"] = json!({
                "user": user_object(user_id),
                "roles": [],
                "joined_at": "2024-01-01T00:00:00.000000+00:00",
                "premium_since": null,
                "nick": null,
                "avatar": null,
                "deaf": false,
                "mute": false,
                "flags": 0,
                "pending": false,
                "permissions": permissions.to_string(),
            });
            value["app_permissions"] = json!(GUILD_APP_PERMISSIONS.to_string());
            value["context"] = json!(0);
            value["authorizing_integration_owners"] = json!({ "0": guild_id.to_string() });
        }
        Place::Dm {
            channel_id,
            user_id,
        } => {
            value["channel"] = json!({ "id": id(channel_id), "type": channel_type::DM });
            value["user"] = user_object(user_id);
            value["app_permissions"] = json!(DM_APP_PERMISSIONS.to_string());
            value["context"] = json!(1);
            value["authorizing_integration_owners"] = json!({ "0": "0" });
        }
    }
    value
}

/// A slash command (interaction type 2, command type CHAT_INPUT). `options` is the list Discord
/// sends, e.g. `json!([{"name": "topic", "type": 3, "value": "safety"}])`, or `Value::Null` for
/// none.
pub fn slash_command(name: &str, options: Value, place: Place) -> Value {
    let options = if options.is_null() {
        json!([])
    } else {
        options
    };
    let data = json!({
        "id": id(command_id(name)),
        "name": name,
        "type": 1,
        "options": options,
    });
    interaction(2, data, place)
}

/// An autocomplete request (interaction type 4) for a string option being typed.
pub fn autocomplete(command: &str, option: &str, partial: &str, place: Place) -> Value {
    let data = json!({
        "id": id(command_id(command)),
        "name": command,
        "type": 1,
        "options": [{ "name": option, "type": 3, "value": partial, "focused": true }],
    });
    interaction(4, data, place)
}

/// A button press (interaction type 3) on `message`, which must be a full message object (take it
/// from [`super::FakeDiscord::message`] or [`super::FakeDiscord::original_response`]).
pub fn button(custom_id: &str, message: Value, place: Place) -> Value {
    let mut value = interaction(
        3,
        json!({ "custom_id": custom_id, "component_type": 2 }),
        place,
    );
    value["message"] = message;
    value
}

/// A string-select choice (interaction type 3) on `message`.
pub fn select(custom_id: &str, values: &[&str], message: Value, place: Place) -> Value {
    let data = json!({ "custom_id": custom_id, "component_type": 3, "values": values });
    let mut value = interaction(3, data, place);
    value["message"] = message;
    value
}

/// A modal submit (interaction type 5): one text input per `(custom_id, value)` field, each in
/// its own action row. `message` is the message whose component opened the modal, if any.
pub fn modal_submit(
    custom_id: &str,
    fields: &[(&str, &str)],
    message: Option<Value>,
    place: Place,
) -> Value {
    let rows: Vec<Value> = fields
        .iter()
        .map(|(field, text)| {
            json!({
                "type": 1,
                "components": [{ "type": 4, "custom_id": field, "value": text }],
            })
        })
        .collect();
    let mut value = interaction(
        5,
        json!({ "custom_id": custom_id, "components": rows }),
        place,
    );
    if let Some(message) = message {
        value["message"] = message;
    }
    value
}

/// A message the bot sent, built from the JSON body it posted.
pub fn bot_message(message_id: u64, channel_id: u64, guild_id: Option<u64>, body: &Value) -> Value {
    let flags = body.get("flags").and_then(Value::as_u64).unwrap_or(0);
    let mut message = json!({
        "id": id(message_id),
        "channel_id": id(channel_id),
        "author": bot_user_object(),
        "content": body.get("content").and_then(Value::as_str).unwrap_or(""),
        "timestamp": now(),
        "edited_timestamp": null,
        "tts": body.get("tts").and_then(Value::as_bool).unwrap_or(false),
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "mention_channels": [],
        "attachments": [],
        "embeds": embeds_of(body),
        "components": body.get("components").cloned().unwrap_or_else(|| json!([])),
        "reactions": [],
        "pinned": false,
        "type": 0,
        "flags": flags,
    });
    if let Some(guild_id) = guild_id {
        message["guild_id"] = id(guild_id);
    }
    message
}

/// The embeds of a body as Discord echoes them (every posted embed is `rich`).
pub fn embeds_of(body: &Value) -> Value {
    let embeds = body
        .get("embeds")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    Value::Array(
        embeds
            .into_iter()
            .map(|mut embed| {
                if embed.is_object() && embed.get("type").is_none() {
                    embed["type"] = json!("rich");
                }
                embed
            })
            .collect(),
    )
}

/// An attachment object for an uploaded file.
pub fn attachment_object(filename: &str, size: usize, content_type: Option<&str>) -> Value {
    let attachment_id = snowflake();
    let url = format!("https://cdn.discordapp.com/attachments/fake/{attachment_id}/{filename}");
    json!({
        "id": id(attachment_id),
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url,
        "content_type": content_type,
    })
}
