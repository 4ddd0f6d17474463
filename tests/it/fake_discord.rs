//! Tests of the fake Discord itself: its payloads deserialize into serenity's model types, and a
//! minimal real serenity 0.12.5 client runs against it both ways (proxy, and TLS with serenity's
//! rate limiter on).

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use serenity::all::{
    ActionRowComponent, ApplicationId, AutoArchiveDuration, ChannelId, ChannelType, Command,
    CommandOptionType, ComponentInteractionDataKind, CreateActionRow, CreateAllowedMentions,
    CreateAttachment, CreateAutocompleteResponse, CreateButton, CreateCommand, CreateCommandOption,
    CreateEmbed, CreateInputText, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, CreateMessage, CreateModal, CreateSelectMenu,
    CreateSelectMenuKind, CreateSelectMenuOption, CreateThread, EditInteractionResponse,
    EditMessage, EditThread, GuildId, InputTextStyle, UserId,
};
use serenity::client::{ClientBuilder, Context, EventHandler};
use serenity::gateway::ShardManager;
use serenity::http::{Http, HttpBuilder};
use serenity::model::application::Interaction;
use serenity::model::channel::{Channel, GuildChannel, Message};
use serenity::model::event::{Event, GatewayEvent};
use serenity::model::gateway::GatewayIntents;
use tokio::task::JoinHandle;

use crate::support::{self, channel_type, FakeDiscord, Place};

const GUILD: u64 = 900_000_000_000_000_001;
const CHANNEL: u64 = 900_000_000_000_000_002;
const USER: u64 = 900_000_000_000_000_003;
const DM_CHANNEL: u64 = 900_000_000_000_000_004;

fn guild() -> Place {
    Place::Guild {
        guild_id: GUILD,
        channel_id: CHANNEL,
        user_id: USER,
        permissions: support::permissions::MODERATOR,
    }
}

fn dm() -> Place {
    Place::Dm {
        channel_id: DM_CHANNEL,
        user_id: USER,
    }
}

/// A message with a button, as the bot would have sent it.
fn message_with_button(place: Place) -> Value {
    let body = json!({
        "content": "Pick one",
        "components": [{
            "type": 1,
            "components": [{ "type": 2, "style": 1, "label": "Again", "custom_id": "again" }],
        }],
    });
    support::bot_message(
        support::snowflake(),
        place.channel_id(),
        place.guild_id(),
        &body,
    )
}

fn interaction(value: &Value) -> Interaction {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{e}: {value:#}"))
}

#[test]
fn every_payload_deserializes_into_serenity_types() {
    for place in [guild(), dm()] {
        let options = json!([{ "name": "topic", "type": 3, "value": "safety" }]);
        let Interaction::Command(command) =
            interaction(&support::slash_command("ask", options, place))
        else {
            panic!("a slash command is Interaction::Command");
        };
        assert_eq!(command.data.name, "ask");
        assert_eq!(command.user.id.get(), USER);
        assert_eq!(command.channel_id.get(), place.channel_id());
        assert_eq!(command.guild_id.map(|g| g.get()), place.guild_id());
        assert_eq!(command.application_id.get(), support::APPLICATION_ID);
        assert!(command.app_permissions.is_some());
        if place.guild_id().is_some() {
            let member = command.member.as_ref().unwrap();
            assert!(member.permissions.unwrap().manage_messages());
        }

        let Interaction::Autocomplete(typing) =
            interaction(&support::autocomplete("ask", "topic", "saf", place))
        else {
            panic!("an autocomplete is Interaction::Autocomplete");
        };
        assert_eq!(typing.data.autocomplete().unwrap().value, "saf");

        let pressed = interaction(&support::button("again", message_with_button(place), place));
        let Interaction::Component(pressed) = pressed else {
            panic!("a button is a Component")
        };
        assert_eq!(pressed.data.custom_id, "again");
        assert_eq!(pressed.message.components.len(), 1);

        let chosen = support::select("topic", &["a", "b"], message_with_button(place), place);
        let Interaction::Component(chosen) = interaction(&chosen) else {
            panic!("a Component")
        };
        assert!(matches!(
            chosen.data.kind,
            ComponentInteractionDataKind::StringSelect { ref values } if values == &["a", "b"]
        ));

        for message in [None, Some(message_with_button(place))] {
            let fields = [("name", "Ada"), ("age", "36")];
            let submitted = interaction(&support::modal_submit("form", &fields, message, place));
            let Interaction::Modal(submitted) = submitted else {
                panic!("a Modal")
            };
            assert_eq!(submitted.data.components.len(), 2);
        }
    }

    let ready =
        json!({ "op": 0, "s": 1, "t": "READY", "d": support::ready_data("s1", "ws://x", [0, 1]) });
    let event: GatewayEvent = serde_json::from_value(ready).unwrap();
    let GatewayEvent::Dispatch(1, Event::Ready(ready)) = event else {
        panic!("READY: {event:?}")
    };
    assert_eq!(ready.ready.application.id.get(), support::APPLICATION_ID);
    assert_eq!(ready.ready.user.id.get(), support::APPLICATION_ID);
    assert_eq!(ready.ready.session_id, "s1");

    let message: Message = serde_json::from_value(message_with_button(guild())).unwrap();
    assert_eq!(message.author.id.get(), support::APPLICATION_ID);
    assert!(message.author.bot);
}

#[tokio::test]
async fn channel_objects_deserialize_into_serenity_types() {
    let fake = FakeDiscord::start().await;
    for kind in [
        channel_type::GUILD_TEXT,
        channel_type::GUILD_ANNOUNCEMENT,
        channel_type::GUILD_FORUM,
        channel_type::PUBLIC_THREAD,
    ] {
        let id = support::snowflake();
        fake.set_channel_type(id, kind);
        let value = fake.channel(id).unwrap();
        let channel: GuildChannel = serde_json::from_value(value).unwrap();
        assert_eq!((channel.id.get(), u8::from(channel.kind)), (id, kind));
    }
    // A DM channel, as learnt from an interaction in a DM.
    let bot = Bot::start(proxy_http(&fake), Answerer { mentions: true }).await;
    fake.interact(support::slash_command("ask", Value::Null, dm()))
        .await;
    bot.stop().await;
    let value = fake.channel(DM_CHANNEL).unwrap();
    let Channel::Private(channel) = serde_json::from_value(value).unwrap() else {
        panic!("a DM is a private channel");
    };
    assert_eq!(channel.recipient.id.get(), USER);
    fake.shutdown().await;
}

/// A minimal bot: answers commands ephemerally; `/defer` by deferring, editing and following up;
/// `/buttons` with buttons and a select that update the message, one opening a modal; every
/// autocomplete with two choices.
#[derive(Clone, Copy)]
struct Answerer {
    /// Whether every message it sends carries `CreateAllowedMentions::new()`.
    mentions: bool,
}

impl Answerer {
    fn message(&self, content: String) -> CreateInteractionResponseMessage {
        let message = CreateInteractionResponseMessage::new()
            .content(content)
            .ephemeral(true);
        if self.mentions {
            message.allowed_mentions(CreateAllowedMentions::new())
        } else {
            message
        }
    }

    async fn command(&self, ctx: &Context, command: serenity::all::CommandInteraction) {
        let http = &ctx.http;
        let result = match command.data.name.as_str() {
            "silent" => Ok(()),
            "lazy" => {
                let defer = CreateInteractionResponse::Defer(self.message(String::new()));
                command.create_response(http, defer).await.unwrap();
                let followup = CreateInteractionResponseFollowup::new()
                    .content("late")
                    .allowed_mentions(CreateAllowedMentions::new());
                command.create_followup(http, followup).await.map(drop)
            }
            "defer" => {
                let defer = CreateInteractionResponse::Defer(self.message(String::new()));
                command.create_response(http, defer).await.unwrap();
                let edit = EditInteractionResponse::new()
                    .content("done")
                    .allowed_mentions(CreateAllowedMentions::new());
                command.edit_response(http, edit).await.unwrap();
                let followup = CreateInteractionResponseFollowup::new()
                    .content("one more thing")
                    .ephemeral(true)
                    .allowed_mentions(CreateAllowedMentions::new());
                command.create_followup(http, followup).await.map(drop)
            }
            "buttons" => {
                let buttons = vec![
                    CreateButton::new("again").label("Again"),
                    CreateButton::new("form").label("Fill in"),
                ];
                let options = vec![
                    CreateSelectMenuOption::new("Safety", "safety"),
                    CreateSelectMenuOption::new("Cost", "cost").description("What it costs"),
                ];
                let menu = CreateSelectMenu::new("topic", CreateSelectMenuKind::String { options });
                let rows = vec![
                    CreateActionRow::Buttons(buttons),
                    CreateActionRow::SelectMenu(menu),
                ];
                let message = self
                    .message("Pick".into())
                    .ephemeral(false)
                    .components(rows);
                command
                    .create_response(http, CreateInteractionResponse::Message(message))
                    .await
            }
            name => {
                let message = self.message(format!("pong /{name}"));
                command
                    .create_response(http, CreateInteractionResponse::Message(message))
                    .await
            }
        };
        if let Err(error) = result {
            eprintln!(
                "the test bot failed to answer /{}: {error}",
                command.data.name
            );
        }
    }
}

#[serenity::async_trait]
impl EventHandler for Answerer {
    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let result = match interaction {
            Interaction::Command(command) => {
                self.command(&ctx, command).await;
                Ok(())
            }
            Interaction::Component(component) if component.data.custom_id == "form" => {
                let name = CreateInputText::new(InputTextStyle::Short, "Your name", "name");
                let modal = CreateModal::new("form", "Tell us")
                    .components(vec![CreateActionRow::InputText(name)]);
                component
                    .create_response(&ctx.http, CreateInteractionResponse::Modal(modal))
                    .await
            }
            Interaction::Component(component) => {
                let mut content = format!("pressed {}", component.data.custom_id);
                if let ComponentInteractionDataKind::StringSelect { values } = &component.data.kind
                {
                    content = format!("chose {}", values.join(", "));
                }
                let mut update = CreateInteractionResponseMessage::new().content(content);
                if self.mentions {
                    update = update.allowed_mentions(CreateAllowedMentions::new());
                }
                let update = CreateInteractionResponse::UpdateMessage(update.components(vec![]));
                component.create_response(&ctx.http, update).await
            }
            Interaction::Modal(submitted) => {
                let rows = &submitted.data.components;
                let name =
                    rows.iter()
                        .flat_map(|row| &row.components)
                        .find_map(|input| match input {
                            ActionRowComponent::InputText(input) => input.value.clone(),
                            _ => None,
                        });
                let thanks = self.message(format!("thanks {}", name.unwrap_or_default()));
                let thanks = CreateInteractionResponse::Message(thanks);
                submitted.create_response(&ctx.http, thanks).await
            }
            Interaction::Autocomplete(typing) => {
                let choices = CreateAutocompleteResponse::new()
                    .add_string_choice("Safety", "safety")
                    .add_string_choice("Cost", "cost");
                let answer = CreateInteractionResponse::Autocomplete(choices);
                typing.create_response(&ctx.http, answer).await
            }
            _ => Ok(()),
        };
        if let Err(error) = result {
            eprintln!("the test bot failed to answer an interaction: {error}");
        }
    }
}

/// A running serenity client.
struct Bot {
    manager: Arc<ShardManager>,
    task: JoinHandle<()>,
}

impl Bot {
    async fn start(http: Http, handler: Answerer) -> Bot {
        let mut client = ClientBuilder::new_with_http(http, GatewayIntents::empty())
            .event_handler(handler)
            .await
            .expect("the serenity client builds");
        let manager = Arc::clone(&client.shard_manager);
        let task = tokio::spawn(async move {
            if let Err(error) = client.start().await {
                eprintln!("the serenity client stopped with an error: {error}");
            }
        });
        Bot { manager, task }
    }

    async fn stop(self) {
        self.manager.shutdown_all().await;
        tokio::time::timeout(Duration::from_secs(5), self.task)
            .await
            .expect("the serenity client stops within 5 s")
            .expect("the serenity client task does not panic");
    }
}

fn proxy_http(fake: &FakeDiscord) -> Http {
    HttpBuilder::new(FakeDiscord::BOT_TOKEN)
        .proxy(fake.proxy_url())
        .ratelimiter_disabled(true)
        .build()
}

fn tls_http(client: reqwest::Client) -> Http {
    HttpBuilder::new(FakeDiscord::BOT_TOKEN)
        .client(client)
        .build()
}

/// The answer every plain command gets from [`Answerer`].
fn assert_ephemeral_pong(answer: &Value, name: &str) {
    assert_eq!(answer["type"], 4, "{answer:#}");
    assert_eq!(answer["data"]["content"], format!("pong /{name}"));
    assert_eq!(answer["data"]["flags"], 64);
    assert_eq!(answer["data"]["allowed_mentions"]["parse"], json!([]));
}

#[tokio::test]
async fn the_client_gets_ready_and_heartbeats_are_acknowledged() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(proxy_http(&fake), Answerer { mentions: true }).await;
    fake.wait_ready().await;
    assert_eq!(fake.requests()[0].path, "/gateway");
    let deadline = Instant::now() + Duration::from_millis(3 * support::HEARTBEAT_INTERVAL_MS);
    while fake.gateway_stats().heartbeats == 0 {
        assert!(
            Instant::now() < deadline,
            "no heartbeat: {:?}",
            fake.gateway_stats()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let stats = fake.gateway_stats();
    assert_eq!(
        (stats.connections, stats.identifies, stats.resumes),
        (1, 1, 0)
    );
    bot.stop().await;
    assert!(fake.violations().is_empty(), "{:#?}", fake.violations());
    fake.shutdown().await;
}

#[tokio::test]
async fn commands_are_answered_through_the_proxy() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(proxy_http(&fake), Answerer { mentions: true }).await;
    let answer = fake
        .interact(support::slash_command("ask", Value::Null, guild()))
        .await;
    assert_ephemeral_pong(&answer, "ask");
    let answer = fake
        .interact(support::slash_command("help", Value::Null, dm()))
        .await;
    assert_ephemeral_pong(&answer, "help");
    let callback = fake.wait_for_request("POST", "/interactions/").await;
    assert_eq!(callback.status, 204);
    bot.stop().await;
    assert!(fake.violations().is_empty(), "{:#?}", fake.violations());
    fake.shutdown().await;
}

#[tokio::test]
async fn commands_are_answered_over_tls_with_the_rate_limiter_on() {
    let (fake, client) = FakeDiscord::start_tls().await;
    let bot = Bot::start(tls_http(client), Answerer { mentions: true }).await;
    let answer = fake
        .interact(support::slash_command("ask", Value::Null, guild()))
        .await;
    assert_ephemeral_pong(&answer, "ask");
    bot.stop().await;
    assert!(fake.violations().is_empty(), "{:#?}", fake.violations());
    fake.shutdown().await;
}

#[tokio::test]
async fn a_one_shot_429_is_retried_by_serenitys_rate_limiter() {
    let (fake, client) = FakeDiscord::start_tls().await;
    let bot = Bot::start(tls_http(client), Answerer { mentions: true }).await;
    fake.wait_ready().await;
    let limited = json!({ "message": "You are being rate limited.", "retry_after": 0.2 });
    fake.fail_next("POST", "/interactions/", 429, limited);
    let started = Instant::now();
    let answer = fake
        .interact(support::slash_command("ask", Value::Null, guild()))
        .await;
    assert_ephemeral_pong(&answer, "ask");
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "retried too early"
    );
    let callbacks: Vec<u16> = fake
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/interactions/"))
        .map(|r| r.status)
        .collect();
    assert_eq!(callbacks, [429, 204]);
    bot.stop().await;
    assert!(fake.violations().is_empty(), "{:#?}", fake.violations());
    fake.shutdown().await;
}

#[tokio::test]
async fn a_dropped_gateway_is_resumed_and_interactions_still_answered() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(proxy_http(&fake), Answerer { mentions: true }).await;
    let answer = fake
        .interact(support::slash_command("before", Value::Null, guild()))
        .await;
    assert_ephemeral_pong(&answer, "before");
    fake.drop_gateway().await;
    // Sent while the client reconnects: replayed after its RESUME.
    let answer = fake
        .interact(support::slash_command("during", Value::Null, guild()))
        .await;
    assert_ephemeral_pong(&answer, "during");
    fake.wait_resumed().await;
    let answer = fake
        .interact(support::slash_command("after", Value::Null, guild()))
        .await;
    assert_ephemeral_pong(&answer, "after");
    let stats = fake.gateway_stats();
    assert_eq!(
        (stats.connections, stats.identifies, stats.resumes),
        (2, 1, 1),
        "{stats:?}"
    );
    bot.stop().await;
    assert!(fake.violations().is_empty(), "{:#?}", fake.violations());
    fake.shutdown().await;
}

#[tokio::test]
async fn an_answer_without_allowed_mentions_is_a_violation() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(proxy_http(&fake), Answerer { mentions: false }).await;
    let answer = fake
        .interact(support::slash_command("ask", Value::Null, guild()))
        .await;
    assert!(
        answer["data"].get("allowed_mentions").is_none(),
        "{answer:#}"
    );
    bot.stop().await;
    let violations = fake.violations();
    assert_eq!(violations.len(), 1, "{violations:#?}");
    assert!(
        violations[0].starts_with("POST /interactions/"),
        "{violations:#?}"
    );
    assert!(
        violations[0].contains("no allowed_mentions"),
        "{violations:#?}"
    );
    fake.shutdown().await;
}

#[tokio::test]
async fn deferred_responses_followups_buttons_and_autocomplete_work() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(proxy_http(&fake), Answerer { mentions: true }).await;

    let command = support::slash_command("defer", Value::Null, guild());
    let answer = fake.interact(command.clone()).await;
    assert_eq!(answer["type"], 5);
    let followup = fake.wait_for_request("POST", "/webhooks/").await;
    assert_eq!(followup.status, 200);
    let original = fake.original_response(&command).unwrap();
    assert_eq!(original["content"], "done");
    assert_eq!(original["flags"], 64, "ephemeral, no longer loading");
    let edit = fake.wait_for_request("PATCH", "/webhooks/").await;
    assert!(edit.path.ends_with("/messages/@original"));

    let command = support::slash_command("buttons", Value::Null, guild());
    let answer = fake.interact(command.clone()).await;
    assert_eq!(
        answer["data"]["components"][0]["components"][0]["custom_id"],
        "again"
    );
    let message = fake.original_response(&command).unwrap();
    assert_eq!(
        fake.messages(CHANNEL).len(),
        1,
        "the public answer is in the channel"
    );
    let answer = fake
        .interact(support::button("form", message.clone(), guild()))
        .await;
    assert_eq!(answer["type"], 9);
    assert_eq!(
        answer["data"]["components"][0]["components"][0]["label"],
        "Your name"
    );
    let submitted =
        support::modal_submit("form", &[("name", "Ada")], Some(message.clone()), guild());
    let answer = fake.interact(submitted).await;
    assert_eq!(answer["data"]["content"], "thanks Ada");
    let chosen = support::select("topic", &["cost"], message.clone(), guild());
    let answer = fake.interact(chosen).await;
    assert_eq!(answer["type"], 7);
    let message_id = support::parse_id(&message["id"]).unwrap();
    let updated = fake.message(message_id).unwrap();
    assert_eq!(updated["content"], "chose cost");
    assert_eq!(updated["components"], json!([]));
    let answer = fake
        .interact(support::button("again", updated, guild()))
        .await;
    assert_eq!(answer["data"]["content"], "pressed again");

    let answer = fake
        .interact(support::autocomplete("ask", "topic", "sa", dm()))
        .await;
    assert_eq!(answer["type"], 8);
    assert_eq!(answer["data"]["choices"][0]["value"], "safety");

    bot.stop().await;
    assert!(fake.violations().is_empty(), "{:#?}", fake.violations());
    fake.shutdown().await;
}

#[tokio::test]
async fn messages_pins_threads_dms_and_commands_work_through_serenity_http() {
    let fake = FakeDiscord::start().await;
    let http = proxy_http(&fake);
    let channel = ChannelId::new(CHANNEL);
    fake.set_channel_type(CHANNEL, channel_type::GUILD_TEXT);

    let row = CreateActionRow::Buttons(vec![CreateButton::new("ok").label("OK")]);
    let sent = channel
        .send_message(
            &http,
            CreateMessage::new()
                .content("A fact")
                .embed(
                    CreateEmbed::new()
                        .title("Title")
                        .field("Source", "A paper", false),
                )
                .components(vec![row])
                .add_file(CreateAttachment::bytes(b"hello".to_vec(), "fact.txt"))
                .allowed_mentions(CreateAllowedMentions::new()),
        )
        .await
        .unwrap();
    assert_eq!(sent.content, "A fact");
    assert_eq!(sent.embeds[0].fields[0].value, "A paper");
    assert_eq!(sent.attachments[0].filename, "fact.txt");
    let upload = fake.wait_for_request("POST", "/channels/").await;
    assert_eq!(upload.files[0].filename, "fact.txt");
    assert_eq!(upload.files[0].data, b"hello");
    assert_eq!(upload.body["content"], "A fact");

    let question = fake.user_message(CHANNEL, USER, "Is it approved?");
    let question: Message = serde_json::from_value(question).unwrap();
    let reply = CreateMessage::new()
        .content("No.")
        .reference_message(&question)
        .allowed_mentions(CreateAllowedMentions::new());
    let reply = channel.send_message(&http, reply).await.unwrap();
    let replied_to = reply.referenced_message.unwrap();
    assert_eq!(
        (replied_to.id, replied_to.author.id.get()),
        (question.id, USER)
    );

    let edit = EditMessage::new()
        .content("A better fact")
        .allowed_mentions(CreateAllowedMentions::new());
    let edited = channel.edit_message(&http, sent.id, edit).await.unwrap();
    assert_eq!(edited.content, "A better fact");
    assert!(edited.edited_timestamp.is_some());

    sent.pin(&http).await.unwrap();
    let pins = channel.pins(&http).await.unwrap();
    assert_eq!(pins.len(), 1);
    assert!(pins[0].pinned);
    fake.fail_next(
        "PUT",
        "/channels/",
        403,
        json!({ "code": 50013, "message": "Missing Permissions" }),
    );
    let error = sent.pin(&http).await.unwrap_err();
    assert!(error.to_string().contains("Missing Permissions"), "{error}");

    let thread = channel
        .create_thread(
            &http,
            CreateThread::new("Questionnaire")
                .kind(ChannelType::PrivateThread)
                .invitable(false)
                .auto_archive_duration(AutoArchiveDuration::OneDay),
        )
        .await
        .unwrap();
    assert_eq!(thread.kind, ChannelType::PrivateThread);
    assert_eq!(thread.parent_id, Some(channel));
    thread
        .id
        .add_thread_member(&http, UserId::new(USER))
        .await
        .unwrap();
    assert_eq!(
        fake.thread_members(thread.id.get()),
        [support::APPLICATION_ID, USER]
    );
    let archived = thread
        .id
        .edit_thread(&http, EditThread::new().archived(true))
        .await
        .unwrap();
    assert!(archived.thread_metadata.unwrap().archived);
    let error = thread
        .id
        .add_thread_member(&http, UserId::new(USER))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("archived"), "{error}");

    let dm = UserId::new(USER).create_dm_channel(&http).await.unwrap();
    assert_eq!(dm.recipient.id.get(), USER);
    let again = UserId::new(USER).create_dm_channel(&http).await.unwrap();
    assert_eq!(dm.id, again.id, "one DM channel per user");

    let Channel::Guild(fetched) = channel.to_channel(&http).await.unwrap() else {
        panic!("a guild channel");
    };
    assert_eq!(fetched.kind, ChannelType::Text);

    let forum = support::snowflake();
    fake.set_channel_type(forum, channel_type::GUILD_FORUM);
    let private = CreateThread::new("No").kind(ChannelType::PrivateThread);
    assert!(ChannelId::new(forum)
        .create_thread(&http, private)
        .await
        .is_err());

    http.set_application_id(ApplicationId::new(support::APPLICATION_ID));
    let ask = CreateCommand::new("ask")
        .description("Ask about exosomes")
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "topic", "What about")
                .required(true),
        );
    let global = Command::set_global_commands(&http, vec![ask.clone()])
        .await
        .unwrap();
    assert_eq!(global[0].name, "ask");
    assert_eq!(global[0].options[0].name, "topic");
    let again = Command::set_global_commands(&http, vec![ask.clone()])
        .await
        .unwrap();
    assert_eq!(
        global[0].id, again[0].id,
        "a same-named command keeps its id"
    );
    let in_guild = GuildId::new(GUILD)
        .set_commands(&http, vec![ask])
        .await
        .unwrap();
    assert_eq!(in_guild[0].guild_id, Some(GuildId::new(GUILD)));
    assert_eq!(fake.commands(Some(GUILD)).len(), 1);

    let unknown = http.get_current_application_info().await.unwrap_err();
    assert!(unknown.to_string().contains("404"), "{unknown}");
    assert_eq!(fake.requests().last().unwrap().status, 404);

    assert_eq!(fake.violations().len(), 1, "{:#?}", fake.violations());
    assert!(
        fake.violations()[0].contains("forum"),
        "{:#?}",
        fake.violations()
    );
    fake.shutdown().await;
}

/// Posts a raw JSON body to the fake, bypassing serenity's own pre-checks; returns the status
/// and the JSON answer (`Value::Null` when there is none).
async fn post(fake: &FakeDiscord, path: &str, body: &Value) -> (u16, Value) {
    let response = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(format!("{}/api/v10{path}", fake.proxy_url()))
        .header("authorization", format!("Bot {}", FakeDiscord::BOT_TOKEN))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn violated(fake: &FakeDiscord, needle: &str) -> bool {
    fake.violations()
        .iter()
        .any(|violation| violation.contains(needle))
}

#[tokio::test]
async fn bodies_that_break_discords_limits_are_violations() {
    let fake = FakeDiscord::start().await;
    fake.set_channel_type(CHANNEL, channel_type::GUILD_TEXT);
    let long = |n: usize| "x".repeat(n);
    let button = |id: &str| json!({ "type": 2, "style": 1, "label": long(81), "custom_id": id });
    let options: Vec<Value> = (0..26)
        .map(|i| json!({ "label": i.to_string(), "value": i.to_string() }))
        .collect();
    let body = json!({
        "content": long(2001),
        "allowed_mentions": { "parse": ["everyone"], "users": ["1"] },
        "embeds": [{
            "title": long(257),
            "description": long(4000),
            "fields": [{ "name": "", "value": long(1025) }, { "name": " \u{200B}x", "value": " \n " }],
            "footer": { "text": long(2049) },
        }],
        "components": [
            { "type": 1, "components": [button("a"), button("b"), button("c"), button("d"), button("e"), button("f")] },
            { "type": 1, "components": [{ "type": 3, "custom_id": "a", "options": options }] },
            { "type": 1, "components": [button("")] },
            { "type": 1, "components": [button("g")] },
            { "type": 1, "components": [button("h")] },
            { "type": 1, "components": [button("i")] },
        ],
    });
    assert_eq!(
        post(&fake, &format!("/channels/{CHANNEL}/messages"), &body)
            .await
            .0,
        200
    );
    for needle in [
        "content is 2001 characters",
        "allowed_mentions.parse is",
        "allowed_mentions.users lists ids",
        "embeds[0].title is 257",
        "embeds[0].fields[0].name is 0 characters",
        "embeds[0].fields[0].value is 1025",
        "embeds[0].fields[1].value is blank",
        "footer.text is 2049",
        "in all, the limit is 6000",
        "6 action rows",
        "has 6 buttons",
        "label is 81",
        "has 26 options",
        "custom_id is 0 characters",
        "custom_id \"a\" is used twice",
    ] {
        assert!(
            violated(&fake, needle),
            "no violation {needle:?} in {:#?}",
            fake.violations()
        );
    }

    let choices: Vec<Value> = (0..26)
        .map(|i| json!({ "name": i.to_string(), "value": long(101) }))
        .collect();
    let autocomplete = json!({ "type": 8, "data": { "choices": choices } });
    assert_eq!(
        post(&fake, "/interactions/1/nope/callback", &autocomplete)
            .await
            .0,
        404
    );
    assert!(violated(&fake, "26 autocomplete choices"));
    assert!(violated(&fake, "choices[0].value is 101"));
    assert!(violated(&fake, "never dispatched"));

    let modal = json!({ "type": 9, "data": {
        "custom_id": "form",
        "title": long(46),
        "components": [{ "type": 1, "components": [
            { "type": 4, "custom_id": "name", "label": long(46), "style": 1 },
        ] }],
    } });
    post(&fake, "/interactions/1/nope/callback", &modal).await;
    assert!(violated(&fake, "modal title is 46"));
    assert!(violated(&fake, "modal row 0 label is 46"));

    let empty = json!({ "allowed_mentions": { "parse": [] } });
    post(&fake, &format!("/channels/{CHANNEL}/messages"), &empty).await;
    assert!(violated(&fake, "empty message"));
    fake.shutdown().await;
}

#[tokio::test]
async fn a_followup_right_after_a_defer_edits_the_loading_message_and_is_flagged() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(proxy_http(&fake), Answerer { mentions: true }).await;
    let command = support::slash_command("lazy", Value::Null, guild());
    assert_eq!(fake.interact(command.clone()).await["type"], 5);
    let followup = fake.wait_for_request("POST", "/webhooks/").await;
    assert_eq!(followup.status, 200);
    let original = fake.original_response(&command).unwrap();
    assert_eq!(original["content"], "late");
    assert_eq!(original["flags"], 64, "still ephemeral, no longer loading");
    assert!(fake.messages(CHANNEL).is_empty(), "no second message");
    let violations = fake.violations();
    assert_eq!(violations.len(), 1, "{violations:#?}");
    assert!(
        violations[0].contains("backwards compatibility"),
        "{violations:#?}"
    );

    // A callback with ?with_response=true gets the interaction callback response object.
    let command = support::slash_command("silent", Value::Null, guild());
    let interaction_id = fake.send_interaction(command.clone()).await;
    let token = command["token"].as_str().unwrap();
    let path = format!("/interactions/{interaction_id}/{token}/callback?with_response=true");
    let answer = json!({ "type": 4, "data": {
        "content": "hi", "allowed_mentions": { "parse": [] },
    } });
    let (status, response) = post(&fake, &path, &answer).await;
    assert_eq!(status, 200);
    assert_eq!(response["interaction"]["id"], interaction_id.to_string());
    assert_eq!(response["interaction"]["response_message_ephemeral"], false);
    assert_eq!(response["resource"]["message"]["content"], "hi");
    assert_eq!(fake.wait_for_callback(interaction_id).await, answer);

    bot.stop().await;
    assert_eq!(fake.violations().len(), 1, "{:#?}", fake.violations());
    fake.shutdown().await;
}

/// The fake refuses as Discord does from the bot's permissions in a channel, a user's closed
/// DMs, and holds back every answer but interaction callbacks when asked.
#[tokio::test]
async fn permissions_closed_dms_and_slow_answers_are_refused_and_held_as_on_discord() {
    const VIEW: u64 = 1 << 10;
    const SEND: u64 = 1 << 11;
    const EMBED_LINKS: u64 = 1 << 14;
    const HISTORY: u64 = 1 << 16;
    let fake = FakeDiscord::start().await;
    let channel = support::snowflake();
    let path = format!("/channels/{channel}/messages");
    let embed = json!({ "embeds": [{ "title": "A fact" }] });
    let code = |answer: &(u16, Value)| (answer.0, answer.1["code"].as_u64().unwrap_or(0));

    fake.set_app_permissions(channel, 0);
    assert_eq!(code(&post(&fake, &path, &embed).await), (403, 50001));
    fake.set_app_permissions(channel, VIEW | SEND);
    assert_eq!(code(&post(&fake, &path, &embed).await), (403, 50013));
    fake.set_app_permissions(channel, VIEW | SEND | EMBED_LINKS);
    let (status, first) = post(&fake, &path, &embed).await;
    assert_eq!(status, 200);
    let reply = json!({ "content": "Yes", "message_reference": { "message_id": first["id"] } });
    assert_eq!(code(&post(&fake, &path, &reply).await), (403, 160_002));
    fake.set_app_permissions(channel, VIEW | SEND | EMBED_LINKS | HISTORY);
    assert_eq!(post(&fake, &path, &reply).await.0, 200);
    let pin = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .put(format!(
            "{}/api/v10/channels/{channel}/messages/pins/{}",
            fake.proxy_url(),
            first["id"].as_str().unwrap()
        ))
        .header("authorization", format!("Bot {}", FakeDiscord::BOT_TOKEN))
        .send()
        .await
        .unwrap();
    assert_eq!(pin.status().as_u16(), 403, "no Pin Messages");

    let (_, dm) = post(
        &fake,
        "/users/@me/channels",
        &json!({ "recipient_id": USER.to_string() }),
    )
    .await;
    let dm_path = format!("/channels/{}/messages", dm["id"].as_str().unwrap());
    assert_eq!(
        post(&fake, &dm_path, &json!({ "content": "Hi" })).await.0,
        200
    );
    fake.close_dms(USER);
    assert_eq!(
        code(&post(&fake, &dm_path, &json!({ "content": "Hi" })).await),
        (403, 50007)
    );

    fake.delay_every_call(Some(Duration::from_millis(300)));
    let started = Instant::now();
    post(&fake, &dm_path, &json!({ "content": "Hi" })).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    fake.delay_every_call(None);
    let started = Instant::now();
    post(&fake, &dm_path, &json!({ "content": "Hi" })).await;
    assert!(started.elapsed() < Duration::from_millis(300));
    fake.shutdown().await;
}
