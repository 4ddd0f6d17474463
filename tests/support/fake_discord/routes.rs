//! The routes of the fake's REST API: what each request the bot sends does to the fake's state,
//! and the Discord-shaped answer.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::checks::Findings;
use super::payloads::{
    attachment_object, bot_message, bot_user_object, channel_type, embeds_of, id, now, parse_id,
    snowflake, APPLICATION_ID,
};
use super::rest::{num, Call, Reply, EPHEMERAL, INTERACTION_DEADLINE, LOADING};
use super::state::{ChannelRec, MessageRec, RecordedFile, State};

const MAX_PINS: usize = 250;

impl State {
    pub(super) fn route(
        &mut self,
        found: &mut Findings<'_>,
        call: &Call<'_>,
        segments: &[&str],
        gateway_url: &str,
    ) -> Reply {
        let Call {
            method,
            body,
            files,
            ..
        } = *call;
        match (method, segments) {
            ("GET", ["gateway"]) => Reply::ok(json!({ "url": gateway_url })),
            ("GET", ["gateway", "bot"]) => {
                let limit = self.gateway.start_limit;
                Reply::ok(json!({
                    "url": gateway_url,
                    "shards": self.gateway.recommended_shards,
                    "session_start_limit": {
                        "total": limit.total,
                        "remaining": limit.remaining,
                        "reset_after": limit.reset_after_ms,
                        "max_concurrency": limit.max_concurrency,
                    },
                }))
            }
            ("GET", ["users", "@me"]) => Reply::ok(bot_user_object()),
            ("POST", ["users", "@me", "channels"]) => self.open_dm(body),
            ("POST", ["interactions", interaction, token, "callback"]) => {
                self.callback(found, interaction, token, call)
            }
            ("POST", ["webhooks", app, token]) => self.followup(found, app, token, body, files),
            (_, ["webhooks", app, token, "messages", which]) => {
                self.webhook_message(found, method, app, token, which, body, files)
            }
            (_, ["channels", channel, rest @ ..]) => {
                let Some(channel) = num(channel) else {
                    return Reply::not_found();
                };
                self.channel_route(found, method, channel, rest, body, files)
            }
            (_, ["applications", app, "commands"]) => self.commands(method, app, None, body),
            (_, ["applications", app, "guilds", guild, "commands"]) => {
                let Some(guild) = num(guild) else {
                    return Reply::not_found();
                };
                self.commands(method, app, Some(guild), body)
            }
            _ => Reply::not_found(),
        }
    }

    fn channel_route(
        &mut self,
        found: &mut Findings<'_>,
        method: &str,
        channel: u64,
        rest: &[&str],
        body: &Value,
        files: &[RecordedFile],
    ) -> Reply {
        if !self.channels.contains_key(&channel) {
            return Reply::unknown_channel();
        }
        if let Some(refused) = self.refusal(method, channel, rest, body, files) {
            return refused;
        }
        match (method, rest) {
            ("GET", []) => self.channel_json(channel),
            ("PATCH", []) => self.edit_channel(channel, body),
            ("DELETE", []) => {
                let reply = self.channel_json(channel);
                self.channels.remove(&channel);
                reply
            }
            ("POST", ["typing"]) => Reply::no_content(),
            ("POST", ["messages"]) => self.create_channel_message(channel, body, files),
            ("GET", ["messages"]) => Reply::ok(Value::Array(
                self.channel_messages(channel)
                    .into_iter()
                    .rev()
                    .take(50)
                    .collect(),
            )),
            ("GET", ["messages", "pins"]) => {
                let items: Vec<Value> = self
                    .pinned(channel)
                    .into_iter()
                    .map(|(pinned_at, message)| json!({ "pinned_at": pinned_at, "message": message }))
                    .collect();
                Reply::ok(json!({ "items": items, "has_more": false }))
            }
            ("GET", ["pins"]) => Reply::ok(Value::Array(
                self.pinned(channel)
                    .into_iter()
                    .map(|(_, message)| message)
                    .collect(),
            )),
            ("PUT" | "DELETE", ["messages", "pins", message] | ["pins", message]) => {
                self.pin(channel, message, method == "PUT")
            }
            ("POST", ["messages", message, "threads"]) => {
                self.thread_from_message(channel, message, body)
            }
            (_, ["messages", message]) => {
                let Some(message) = num(message).filter(|m| self.in_channel(channel, *m)) else {
                    return Reply::unknown_message();
                };
                match method {
                    "GET" => Reply::ok(self.messages[&message].value.clone()),
                    "PATCH" => match self.edit_message(message, body, files) {
                        Some(edited) => Reply::ok(edited),
                        None => Reply::unknown_message(),
                    },
                    "DELETE" => {
                        self.messages.remove(&message);
                        Reply::no_content()
                    }
                    _ => Reply::not_found(),
                }
            }
            ("POST", ["threads"]) => self.create_thread(found, channel, body, files),
            ("PUT" | "DELETE", ["thread-members", user]) => {
                let Some(user) = num(user) else {
                    return Reply::not_found();
                };
                self.thread_member(channel, user, method == "PUT")
            }
            _ => Reply::not_found(),
        }
    }

    /// The bot's permissions in a channel, if a test set them (a thread has its parent's).
    pub(super) fn permissions_in(&self, channel: u64) -> Option<u64> {
        let record = self.channels.get(&channel)?;
        let parent = record.parent_id.filter(|_| record.thread.is_some());
        self.app_permissions
            .get(&channel)
            .or_else(|| parent.and_then(|parent| self.app_permissions.get(&parent)))
            .copied()
    }

    /// What Discord refuses before touching anything: a message to a user whose DMs are closed
    /// (50007), and in a channel whose permissions a test set, a call the bot lacks the
    /// permission for: no View Channel (403 50001), no Send Messages (Send Messages in Threads in
    /// a thread), Embed Links for embeds, Attach Files for files, Pin Messages, Create Private
    /// Threads, Manage Threads to delete a thread (403 50013), and a reply without Read Message
    /// History (403 160002). See <https://docs.discord.com/developers/topics/permissions>.
    fn refusal(
        &self,
        method: &str,
        channel: u64,
        rest: &[&str],
        body: &Value,
        files: &[RecordedFile],
    ) -> Option<Reply> {
        const VIEW_CHANNEL: u64 = 1 << 10;
        const SEND_MESSAGES: u64 = 1 << 11;
        const EMBED_LINKS: u64 = 1 << 14;
        const ATTACH_FILES: u64 = 1 << 15;
        const READ_MESSAGE_HISTORY: u64 = 1 << 16;
        const MANAGE_THREADS: u64 = 1 << 34;
        const CREATE_PRIVATE_THREADS: u64 = 1 << 36;
        const SEND_MESSAGES_IN_THREADS: u64 = 1 << 38;
        const PIN_MESSAGES: u64 = 1 << 51;
        let record = self.channels.get(&channel)?;
        if let (("POST", ["messages"]), Some(user)) = ((method, rest), record.recipient) {
            if self.closed_dms.contains(&user) {
                return Some(Reply::error(
                    403,
                    50007,
                    "Cannot send messages to this user",
                ));
            }
        }
        let granted = self.permissions_in(channel)?;
        let missing = || Some(Reply::error(403, 50013, "Missing Permissions"));
        if granted & VIEW_CHANNEL == 0 {
            return Some(Reply::error(403, 50001, "Missing Access"));
        }
        let in_thread = record.thread.is_some();
        match (method, rest) {
            ("POST", ["messages"]) => {
                let send = if in_thread {
                    SEND_MESSAGES_IN_THREADS
                } else {
                    SEND_MESSAGES
                };
                let embeds = body
                    .get("embeds")
                    .and_then(Value::as_array)
                    .is_some_and(|e| !e.is_empty());
                if granted & send == 0
                    || (embeds && granted & EMBED_LINKS == 0)
                    || (!files.is_empty() && granted & ATTACH_FILES == 0)
                {
                    return missing();
                }
                let reply = body.get("message_reference").is_some_and(|r| !r.is_null());
                if reply && granted & READ_MESSAGE_HISTORY == 0 {
                    return Some(Reply::error(
                        403,
                        160_002,
                        "Cannot reply without permission to read message history",
                    ));
                }
            }
            ("PUT" | "DELETE", ["messages", "pins", _] | ["pins", _])
                if granted & PIN_MESSAGES == 0 =>
            {
                return missing();
            }
            ("POST", ["threads"])
                if body.get("type").and_then(Value::as_u64).unwrap_or(12) == 12
                    && granted & CREATE_PRIVATE_THREADS == 0 =>
            {
                return missing();
            }
            ("DELETE", []) if in_thread && granted & MANAGE_THREADS == 0 => return missing(),
            _ => {}
        }
        None
    }

    fn channel_json(&mut self, channel: u64) -> Reply {
        let Some(record) = self.channels.get(&channel) else {
            return Reply::unknown_channel();
        };
        let value = record.to_json();
        self.verify::<serenity::model::channel::Channel>(&value, "channel");
        Reply::ok(value)
    }

    /// Records a violation when serenity 0.12.5 could not read what the fake answers: either a
    /// shape the fake gets wrong, or one serenity cannot read from Discord either (a media
    /// channel, type 16).
    fn verify<T: DeserializeOwned>(&mut self, value: &Value, what: &str) {
        if let Err(error) = serde_json::from_value::<T>(value.clone()) {
            self.violations.push(format!(
                "serenity 0.12.5 cannot deserialize the {what} the fake answered: {error}"
            ));
        }
    }

    fn in_channel(&self, channel: u64, message: u64) -> bool {
        self.messages.get(&message).is_some_and(|record| {
            record.in_channel && parse_id(&record.value["channel_id"]) == Some(channel)
        })
    }

    fn channel_messages(&self, channel: u64) -> Vec<Value> {
        self.messages
            .iter()
            .filter(|(id, _)| self.in_channel(channel, **id))
            .map(|(_, record)| record.value.clone())
            .collect()
    }

    /// Pinned messages, most recently pinned first.
    fn pinned(&self, channel: u64) -> Vec<(String, Value)> {
        let mut pinned: Vec<(String, Value)> = self
            .messages
            .iter()
            .filter(|(id, _)| self.in_channel(channel, **id))
            .filter_map(|(_, record)| Some((record.pinned_at.clone()?, record.value.clone())))
            .collect();
        pinned.sort_by(|a, b| b.0.cmp(&a.0));
        pinned
    }

    /// Stores a new message from the bot and returns it.
    fn new_message(
        &mut self,
        message_id: u64,
        channel: u64,
        body: &Value,
        files: &[RecordedFile],
        in_channel: bool,
    ) -> Value {
        let guild = self
            .channels
            .get(&channel)
            .and_then(|record| record.guild_id);
        let mut message = bot_message(message_id, channel, guild, body);
        message["attachments"] = Value::Array(files.iter().map(file_attachment).collect());
        let reference = body
            .get("message_reference")
            .and_then(|r| r.get("message_id"));
        if let Some(referenced) = reference.and_then(parse_id) {
            if let Some(record) = self.messages.get(&referenced) {
                message["type"] = json!(19);
                message["message_reference"] = json!({
                    "type": 0,
                    "message_id": id(referenced),
                    "channel_id": record.value["channel_id"].clone(),
                });
                message["referenced_message"] = record.value.clone();
            }
        }
        self.verify::<serenity::model::channel::Message>(&message, "message");
        let record = MessageRec {
            value: message.clone(),
            in_channel,
            pinned_at: None,
        };
        self.messages.insert(message_id, record);
        message
    }

    /// Applies an edit body to a stored message and returns the message.
    fn edit_message(
        &mut self,
        message: u64,
        body: &Value,
        files: &[RecordedFile],
    ) -> Option<Value> {
        let record = self.messages.get_mut(&message)?;
        let value = &mut record.value;
        if let Some(content) = body.get("content") {
            value["content"] = if content.is_null() {
                json!("")
            } else {
                content.clone()
            };
        }
        if body.get("embeds").is_some() {
            value["embeds"] = embeds_of(body);
        }
        if let Some(components) = body.get("components") {
            value["components"] = if components.is_null() {
                json!([])
            } else {
                components.clone()
            };
        }
        let old_flags = value["flags"].as_u64().unwrap_or(0);
        let new_flags = body
            .get("flags")
            .and_then(Value::as_u64)
            .unwrap_or(old_flags);
        value["flags"] = json!((new_flags & !(EPHEMERAL | LOADING)) | (old_flags & EPHEMERAL));
        if let Some(keep) = body.get("attachments").and_then(Value::as_array) {
            let kept: Vec<u64> = keep
                .iter()
                .filter_map(|a| a.get("id").and_then(parse_id))
                .collect();
            let attachments = value["attachments"].as_array().cloned().unwrap_or_default();
            value["attachments"] = attachments
                .into_iter()
                .filter(|a| parse_id(&a["id"]).is_some_and(|id| kept.contains(&id)))
                .collect();
        }
        if let Some(attachments) = value["attachments"].as_array_mut() {
            attachments.extend(files.iter().map(file_attachment));
        }
        value["edited_timestamp"] = json!(now());
        let edited = value.clone();
        self.verify::<serenity::model::channel::Message>(&edited, "message");
        Some(edited)
    }

    fn create_channel_message(
        &mut self,
        channel: u64,
        body: &Value,
        files: &[RecordedFile],
    ) -> Reply {
        let Some(record) = self.channels.get_mut(&channel) else {
            return Reply::unknown_channel();
        };
        if matches!(
            record.kind,
            channel_type::GUILD_FORUM | channel_type::GUILD_MEDIA | channel_type::GUILD_CATEGORY
        ) {
            return Reply::error(400, 50008, "Cannot send messages in a non-text channel");
        }
        if let Some(thread) = &mut record.thread {
            if thread.locked {
                return Reply::error(400, 160_005, "Thread is locked");
            }
            thread.archived = false;
            thread.message_count += 1;
        }
        let reference = body
            .get("message_reference")
            .and_then(|r| r.get("message_id"));
        if let Some(referenced) = reference {
            if parse_id(referenced).is_none_or(|id| !self.messages.contains_key(&id)) {
                return Reply::invalid_form();
            }
        }
        // A nonce is an integer or a string of at most 25 characters; enforced, the message an
        // earlier send with it made comes back instead of a new one.
        let nonce = match body.get("nonce") {
            Some(Value::String(nonce)) if nonce.chars().count() <= 25 => Some(nonce.clone()),
            Some(Value::Number(nonce)) => Some(nonce.to_string()),
            None | Some(Value::Null) => None,
            Some(_) => return Reply::invalid_form(),
        };
        let enforced = nonce.filter(|_| body.get("enforce_nonce") == Some(&Value::Bool(true)));
        if let Some(earlier) = enforced.as_ref().and_then(|n| self.nonces.get(n)) {
            if let Some(record) = self.messages.get(earlier) {
                return Reply::ok(record.value.clone());
            }
        }
        let message_id = snowflake();
        if let Some(nonce) = enforced {
            self.nonces.insert(nonce, message_id);
        }
        Reply::ok(self.new_message(message_id, channel, body, files, true))
    }

    fn pin(&mut self, channel: u64, message: &str, pin: bool) -> Reply {
        let Some(message) = num(message).filter(|m| self.in_channel(channel, *m)) else {
            return Reply::unknown_message();
        };
        if pin && self.pinned(channel).len() >= MAX_PINS {
            return Reply::error(
                400,
                30003,
                "Maximum number of pins reached for the channel (250)",
            );
        }
        if let Some(record) = self.messages.get_mut(&message) {
            record.value["pinned"] = json!(pin);
            record.pinned_at = pin.then(now);
        }
        Reply::no_content()
    }

    fn edit_channel(&mut self, channel: u64, body: &Value) -> Reply {
        let Some(record) = self.channels.get_mut(&channel) else {
            return Reply::unknown_channel();
        };
        if let Some(name) = body.get("name").and_then(Value::as_str) {
            record.name = name.to_owned();
        }
        if let Some(thread) = &mut record.thread {
            if let Some(archived) = body.get("archived").and_then(Value::as_bool) {
                thread.archived = archived;
            }
            if let Some(locked) = body.get("locked").and_then(Value::as_bool) {
                thread.locked = locked;
            }
            if let Some(invitable) = body.get("invitable").and_then(Value::as_bool) {
                thread.invitable = invitable;
            }
            if let Some(duration) = body.get("auto_archive_duration").and_then(Value::as_u64) {
                thread.auto_archive_duration = duration;
            }
        }
        self.channel_json(channel)
    }

    fn create_thread(
        &mut self,
        found: &mut Findings<'_>,
        parent: u64,
        body: &Value,
        files: &[RecordedFile],
    ) -> Reply {
        let Some(record) = self.channels.get(&parent) else {
            return Reply::unknown_channel();
        };
        let (parent_kind, guild) = (record.kind, record.guild_id);
        let requested = body.get("type").and_then(Value::as_u64);
        let kind = match parent_kind {
            channel_type::GUILD_TEXT => match requested {
                None | Some(12) => channel_type::PRIVATE_THREAD,
                Some(11) => channel_type::PUBLIC_THREAD,
                Some(_) => return Reply::invalid_form(),
            },
            channel_type::GUILD_ANNOUNCEMENT => match requested {
                None | Some(10) => channel_type::ANNOUNCEMENT_THREAD,
                Some(other) => {
                    if other == 12 {
                        found.add("no private thread can be made in an announcement channel");
                    }
                    return Reply::wrong_channel_type();
                }
            },
            channel_type::GUILD_FORUM | channel_type::GUILD_MEDIA => {
                // Only public posts: no private thread in a forum or media channel.
                if requested == Some(12) {
                    found.add("no private thread can be made in a forum or media channel");
                    return Reply::wrong_channel_type();
                }
                if body.get("message").is_none_or(Value::is_null) {
                    found.add("a forum or media post needs a `message`");
                    return Reply::invalid_form();
                }
                channel_type::PUBLIC_THREAD
            }
            _ => return Reply::wrong_channel_type(),
        };
        let thread = snowflake();
        self.add_thread(thread, parent, guild, kind, body);
        let mut value = self.channels[&thread].to_json();
        if let Some(message) = body.get("message") {
            let starter = self.new_message(thread, thread, message, files, true);
            if let Some(thread) = self
                .channels
                .get_mut(&thread)
                .and_then(|c| c.thread.as_mut())
            {
                thread.message_count = 1;
            }
            value = self.channels[&thread].to_json();
            value["message"] = starter;
        }
        self.verify::<serenity::model::channel::GuildChannel>(&value, "thread");
        Reply::json(201, value)
    }

    fn add_thread(&mut self, thread: u64, parent: u64, guild: Option<u64>, kind: u8, body: &Value) {
        let duration = body
            .get("auto_archive_duration")
            .and_then(Value::as_u64)
            .unwrap_or(4320);
        let invitable = body
            .get("invitable")
            .and_then(Value::as_bool)
            .unwrap_or(true);
        let mut record = ChannelRec::new(thread, kind);
        record.guild_id = guild;
        record.parent_id = Some(parent);
        record.name = body
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        record.thread = Some(State::new_thread(duration, invitable));
        self.channels.insert(thread, record);
    }

    fn thread_from_message(&mut self, channel: u64, message: &str, body: &Value) -> Reply {
        let Some(message) = num(message).filter(|m| self.in_channel(channel, *m)) else {
            return Reply::unknown_message();
        };
        if self.channels.contains_key(&message) {
            return Reply::error(
                400,
                160_004,
                "A thread has already been created for this message",
            );
        }
        let Some(record) = self.channels.get(&channel) else {
            return Reply::unknown_channel();
        };
        let kind = match record.kind {
            channel_type::GUILD_TEXT => channel_type::PUBLIC_THREAD,
            channel_type::GUILD_ANNOUNCEMENT => channel_type::ANNOUNCEMENT_THREAD,
            _ => return Reply::wrong_channel_type(),
        };
        let guild = record.guild_id;
        self.add_thread(message, channel, guild, kind, body);
        let value = self.channels[&message].to_json();
        self.verify::<serenity::model::channel::GuildChannel>(&value, "thread");
        Reply::json(201, value)
    }

    fn thread_member(&mut self, channel: u64, user: u64, add: bool) -> Reply {
        let Some(record) = self.channels.get_mut(&channel) else {
            return Reply::unknown_channel();
        };
        let Some(thread) = &mut record.thread else {
            return Reply::wrong_channel_type();
        };
        if thread.archived {
            return Reply::error(400, 50083, "Thread is archived");
        }
        if add {
            if !thread.members.contains(&user) {
                thread.members.push(user);
            }
        } else {
            thread.members.retain(|member| *member != user);
        }
        Reply::no_content()
    }

    fn open_dm(&mut self, body: &Value) -> Reply {
        let Some(user) = body.get("recipient_id").and_then(parse_id) else {
            return Reply::invalid_form();
        };
        let channel = *self.dm_channels.entry(user).or_insert_with(snowflake);
        let record = self.channels.entry(channel).or_insert_with(|| {
            let mut record = ChannelRec::new(channel, channel_type::DM);
            record.recipient = Some(user);
            record
        });
        let value = record.to_json();
        self.verify::<serenity::model::channel::PrivateChannel>(&value, "DM channel");
        Reply::ok(value)
    }

    fn callback(
        &mut self,
        found: &mut Findings<'_>,
        interaction: &str,
        token: &str,
        call: &Call<'_>,
    ) -> Reply {
        let Call { body, files, .. } = *call;
        let Some(record) = num(interaction)
            .and_then(|id| self.interactions.get(&id).map(|record| (id, record)))
            .filter(|(_, record)| record.token == token)
        else {
            found.add("a callback for an interaction the fake never dispatched");
            return Reply::error(404, 10062, "Unknown interaction");
        };
        let (interaction, record) = record;
        let label = record.label.clone();
        if record.callback.is_some() {
            found.add(format!(
                "{label}: a second callback; the interaction was already answered"
            ));
            return Reply::error(400, 40060, "Interaction has already been acknowledged.");
        }
        let elapsed = record.dispatched.elapsed();
        if elapsed > INTERACTION_DEADLINE {
            found.add(format!(
                "{label}: answered after {elapsed:?}, past Discord's 3 s deadline"
            ));
            return Reply::error(404, 10062, "Unknown interaction");
        }
        let callback_type = body.get("type").and_then(Value::as_u64).unwrap_or(0);
        let allowed: &[u64] = match (record.kind, record.source_message) {
            (2, _) => &[4, 5, 9],
            (3, _) => &[4, 5, 6, 7, 9],
            (4, _) => &[8],
            // Updating a message needs the message whose component opened the modal.
            (5, Some(_)) => &[4, 5, 6, 7],
            (5, None) => &[4, 5],
            _ => &[],
        };
        if !allowed.contains(&callback_type) {
            found.add(format!(
                "{label}: callback type {callback_type} is not allowed for interaction type {} \
                 (allowed: {allowed:?})",
                record.kind
            ));
            return Reply::invalid_form();
        }
        if self.lean {
            // Answered: the waiter gets the body, and nothing more is kept of the interaction.
            self.interactions.remove(&interaction);
            if let Some(waiter) = self.callback_waiters.remove(&interaction) {
                let _ = waiter.send(body.clone());
            }
            return Reply::no_content();
        }
        let (kind, channel, source) = (record.kind, record.channel_id, record.source_message);
        let data = body
            .get("data")
            .filter(|data| data.is_object())
            .cloned()
            .unwrap_or(json!({}));
        let mut original = None;
        match callback_type {
            4 | 5 => {
                let flags = data.get("flags").and_then(Value::as_u64).unwrap_or(0);
                let message_body = if callback_type == 5 {
                    json!({ "flags": (flags & EPHEMERAL) | LOADING })
                } else {
                    data.clone()
                };
                let message_id = snowflake();
                let mut message = self.new_message(
                    message_id,
                    channel,
                    &message_body,
                    files,
                    flags & EPHEMERAL == 0,
                );
                message["webhook_id"] = id(APPLICATION_ID);
                message["application_id"] = id(APPLICATION_ID);
                if kind == 2 {
                    message["type"] = json!(20);
                }
                if let Some(stored) = self.messages.get_mut(&message_id) {
                    stored.value = message;
                }
                original = Some(message_id);
            }
            6 | 7 => {
                original = source;
                if let (7, Some(source)) = (callback_type, source) {
                    self.edit_message(source, &data, files);
                }
            }
            _ => {}
        }
        if let Some(record) = self.interactions.get_mut(&interaction) {
            record.callback = Some(body.clone());
            record.original = original;
        }
        if let Some(waiter) = self.callback_waiters.remove(&interaction) {
            let _ = waiter.send(body.clone());
        }
        if !call
            .query
            .split('&')
            .any(|pair| pair == "with_response=true")
        {
            return Reply::no_content();
        }
        let message = original
            .and_then(|id| self.messages.get(&id))
            .map(|m| m.value.clone());
        let flags = message
            .as_ref()
            .and_then(|m| m["flags"].as_u64())
            .unwrap_or(0);
        let mut resource = json!({ "type": callback_type });
        if let (4 | 7, Some(message)) = (callback_type, &message) {
            resource["message"] = message.clone();
        }
        Reply::ok(json!({
            "interaction": {
                "id": id(interaction),
                "type": kind,
                "response_message_id": message.as_ref().map(|m| m["id"].clone()),
                "response_message_loading": flags & LOADING != 0,
                "response_message_ephemeral": flags & EPHEMERAL != 0,
            },
            "resource": resource,
        }))
    }

    /// The interaction an interaction webhook (`/webhooks/{app}/{token}`) belongs to.
    fn webhook_interaction(
        &self,
        found: &mut Findings<'_>,
        app: &str,
        token: &str,
    ) -> Result<u64, Reply> {
        if num(app) != Some(APPLICATION_ID) {
            found.add(format!(
                "webhook route for application {app}, the bot is {APPLICATION_ID}"
            ));
            return Err(Reply::error(404, 10015, "Unknown Webhook"));
        }
        let interaction = self
            .interactions
            .iter()
            .find(|(_, record)| record.token == token);
        let Some((interaction, record)) = interaction else {
            found.add("a webhook call with a token of no interaction the fake dispatched");
            return Err(Reply::error(401, 50027, "Invalid Webhook Token"));
        };
        if record.callback.is_none() {
            // Delivered to the bot's endpoint, the answer travels back on the delivery's own
            // connection and can arrive after an edit sent on another: refused as Discord
            // does, but not the bot's mistake.
            if !record.delivered {
                found.add(format!(
                    "{}: webhook call before the interaction was answered",
                    record.label
                ));
            }
            return Err(Reply::error(404, 10015, "Unknown Webhook"));
        }
        Ok(*interaction)
    }

    fn followup(
        &mut self,
        found: &mut Findings<'_>,
        app: &str,
        token: &str,
        body: &Value,
        files: &[RecordedFile],
    ) -> Reply {
        let interaction = match self.webhook_interaction(found, app, token) {
            Ok(interaction) => interaction,
            Err(reply) => return reply,
        };
        let record = &self.interactions[&interaction];
        let channel = record.channel_id;
        // After a deferred response, Discord turns the first followup into the original message.
        let loading = record.original.filter(|original| {
            self.messages
                .get(original)
                .is_some_and(|m| m.value["flags"].as_u64().unwrap_or(0) & LOADING != 0)
        });
        if let Some(original) = loading {
            found.add(format!(
                "{}: a followup right after a deferred response edits the loading message; \
                 Discord keeps this only for backwards compatibility (PATCH @original instead)",
                record.label
            ));
            return match self.edit_message(original, body, files) {
                Some(message) => Reply::ok(message),
                None => Reply::unknown_message(),
            };
        }
        let flags = body.get("flags").and_then(Value::as_u64).unwrap_or(0);
        let message_id = snowflake();
        let mut message =
            self.new_message(message_id, channel, body, files, flags & EPHEMERAL == 0);
        message["webhook_id"] = id(APPLICATION_ID);
        message["application_id"] = id(APPLICATION_ID);
        if let Some(stored) = self.messages.get_mut(&message_id) {
            stored.value = message.clone();
        }
        Reply::ok(message)
    }

    #[allow(clippy::too_many_arguments, reason = "one route with its parts")]
    fn webhook_message(
        &mut self,
        found: &mut Findings<'_>,
        method: &str,
        app: &str,
        token: &str,
        which: &str,
        body: &Value,
        files: &[RecordedFile],
    ) -> Reply {
        let interaction = match self.webhook_interaction(found, app, token) {
            Ok(interaction) => interaction,
            Err(reply) => return reply,
        };
        let target = if which == "@original" {
            self.interactions[&interaction].original
        } else {
            num(which)
        };
        let Some(message) = target.filter(|message| self.messages.contains_key(message)) else {
            return Reply::unknown_message();
        };
        match method {
            "GET" => Reply::ok(self.messages[&message].value.clone()),
            "PATCH" => match self.edit_message(message, body, files) {
                Some(edited) => Reply::ok(edited),
                None => Reply::unknown_message(),
            },
            "DELETE" => {
                self.messages.remove(&message);
                Reply::no_content()
            }
            _ => Reply::not_found(),
        }
    }

    fn commands(&mut self, method: &str, app: &str, guild: Option<u64>, body: &Value) -> Reply {
        if num(app) != Some(APPLICATION_ID) {
            return Reply::error(403, 50001, "Missing Access");
        }
        let stored = match guild {
            Some(guild) => self.guild_commands.entry(guild).or_default(),
            None => &mut self.global_commands,
        };
        match method {
            "GET" => Reply::ok(Value::Array(stored.clone())),
            "PUT" => {
                let Some(commands) = body.as_array() else {
                    return Reply::invalid_form();
                };
                let echoed: Vec<Value> = commands
                    .iter()
                    .map(|command| echo_command(command, stored, guild))
                    .collect();
                stored.clone_from(&echoed);
                let value = Value::Array(echoed);
                self.verify::<Vec<serenity::model::application::Command>>(&value, "command list");
                Reply::ok(value)
            }
            _ => Reply::not_found(),
        }
    }
}

fn file_attachment(file: &RecordedFile) -> Value {
    attachment_object(
        &file.filename,
        file.data.len(),
        file.content_type.as_deref(),
    )
}

/// A registered command as Discord returns it, keeping the id of a same-named command.
fn echo_command(command: &Value, existing: &[Value], guild: Option<u64>) -> Value {
    let mut echoed = if command.is_object() {
        command.clone()
    } else {
        json!({})
    };
    let kind = command.get("type").and_then(Value::as_u64).unwrap_or(1);
    let name = command.get("name").cloned().unwrap_or(json!(""));
    let known = existing.iter().find(|old| {
        old["name"] == name && old.get("type").and_then(Value::as_u64).unwrap_or(1) == kind
    });
    echoed["id"] = known.map_or_else(|| id(snowflake()), |old| old["id"].clone());
    echoed["type"] = json!(kind);
    echoed["application_id"] = id(APPLICATION_ID);
    echoed["version"] = id(snowflake());
    if echoed.get("description").is_none_or(Value::is_null) {
        echoed["description"] = json!("");
    }
    if let Some(guild) = guild {
        echoed["guild_id"] = id(guild);
    }
    echoed
}
