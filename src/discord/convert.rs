//! Translation between serenity's types and the core's plain values, both ways.

use serenity::all::{
    ButtonStyle as SerenityButtonStyle, ChannelType, CommandDataOptionValue, CommandInteraction,
    CreateActionRow, CreateAllowedMentions, CreateAttachment, CreateAutocompleteResponse,
    CreateButton, CreateEmbed, CreateEmbedFooter, CreateInputText, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateMessage, CreateModal, CreateSelectMenu,
    CreateSelectMenuKind, CreateSelectMenuOption, InputTextStyle, Member, PartialChannel,
    Permissions, User,
};

use crate::commands::OptionValue;
use crate::event::{Actor, Channel, Command, Place};
use crate::reply::{ButtonStyle, ButtonTarget, Embed, Message, Modal, Reply, Row};

/// What kind of channel an interaction's partial channel is (a text channel when it has none).
pub(super) fn channel_kind(channel: Option<&PartialChannel>) -> Channel {
    let Some(channel) = channel else {
        return Channel::Text;
    };
    let thread = |private| Channel::Thread {
        parent_id: channel.parent_id.map(|id| id.get()),
        private,
    };
    match channel.kind {
        ChannelType::Text => Channel::Text,
        ChannelType::PublicThread | ChannelType::NewsThread => thread(false),
        ChannelType::PrivateThread => thread(true),
        _ => Channel::Other,
    }
}

/// Who acted and where, from an interaction's user, member (absent in DMs), channel id and
/// partial channel.
pub(super) fn actor(
    user: &User,
    member: Option<&Member>,
    channel_id: u64,
    channel: Option<&PartialChannel>,
    owners: &[u64],
) -> Actor {
    let user_id = user.id.get();
    let display_name = member
        .and_then(|m| m.nick.clone())
        .or_else(|| user.global_name.clone())
        .unwrap_or_else(|| user.name.clone());
    let permissions = member
        .and_then(|m| m.permissions)
        .unwrap_or_else(Permissions::empty);
    let place = match member {
        Some(m) => Place::Guild {
            guild_id: m.guild_id.get(),
            channel_id,
            channel: channel_kind(channel),
            can_send: permissions
                .intersects(Permissions::SEND_MESSAGES | Permissions::SEND_MESSAGES_IN_THREADS),
        },
        None => Place::DirectMessage,
    };
    Actor {
        can_moderate: member.is_some() && permissions.contains(Permissions::MANAGE_MESSAGES),
        user_id,
        display_name,
        can_reload: owners.contains(&user_id)
            || (member.is_some()
                && permissions.intersects(Permissions::MANAGE_GUILD | Permissions::ADMINISTRATOR)),
        place,
    }
}

/// The core's command for a slash or message command interaction (see
/// [`crate::commands::command`]).
pub(super) fn command(interaction: &CommandInteraction) -> Command {
    let options: Vec<(&str, OptionValue)> = interaction
        .data
        .options
        .iter()
        .filter_map(|o| {
            let value = match &o.value {
                CommandDataOptionValue::String(s) => OptionValue::Text(s.clone()),
                CommandDataOptionValue::Boolean(b) => OptionValue::Flag(*b),
                CommandDataOptionValue::Channel(c) => OptionValue::Channel(c.get()),
                _ => return None,
            };
            Some((o.name.as_str(), value))
        })
        .collect();
    let target = interaction.data.target_id.map(|t| t.get());
    crate::commands::command(&interaction.data.name, &options, target)
}

/// The (input custom id, text) pairs of a submitted form.
pub(super) fn modal_fields(modal: &serenity::all::ModalInteraction) -> Vec<(String, String)> {
    modal
        .data
        .components
        .iter()
        .flat_map(|row| &row.components)
        .filter_map(|c| match c {
            serenity::all::ActionRowComponent::InputText(input) => Some((
                input.custom_id.clone(),
                input.value.clone().unwrap_or_default(),
            )),
            _ => None,
        })
        .collect()
}

/// What the member has typed so far in the focused autocomplete option.
pub(super) fn autocomplete_partial(interaction: &CommandInteraction) -> String {
    interaction
        .data
        .autocomplete()
        .map(|o| o.value.to_owned())
        .unwrap_or_default()
}

/// The core's embed, read back from a message the bot sent (the clinic check keeps its notes there).
pub(super) fn embed_from(embed: &serenity::all::Embed) -> Embed {
    Embed {
        title: embed.title.clone().unwrap_or_default(),
        description: embed.description.clone().unwrap_or_default(),
        fields: embed
            .fields
            .iter()
            .map(|f| crate::reply::Field {
                name: f.name.clone(),
                value: f.value.clone(),
                inline: f.inline,
            })
            .collect(),
        footer: embed.footer.as_ref().map(|f| f.text.clone()),
        colour: embed.colour.map(|c| c.0),
    }
}

pub(super) fn embed(e: &Embed) -> CreateEmbed {
    let mut out = CreateEmbed::new();
    if !e.title.is_empty() {
        out = out.title(&e.title);
    }
    if !e.description.is_empty() {
        out = out.description(&e.description);
    }
    out = out.fields(
        e.fields
            .iter()
            .map(|f| (f.name.clone(), f.value.clone(), f.inline)),
    );
    if let Some(footer) = &e.footer {
        out = out.footer(CreateEmbedFooter::new(footer));
    }
    if let Some(colour) = e.colour {
        out = out.colour(colour);
    }
    out
}

fn button_style(style: ButtonStyle) -> SerenityButtonStyle {
    match style {
        ButtonStyle::Primary => SerenityButtonStyle::Primary,
        ButtonStyle::Secondary => SerenityButtonStyle::Secondary,
        ButtonStyle::Success => SerenityButtonStyle::Success,
        ButtonStyle::Danger => SerenityButtonStyle::Danger,
    }
}

pub(super) fn rows(rows: &[Row]) -> Vec<CreateActionRow> {
    rows.iter()
        .map(|row| match row {
            Row::Buttons(buttons) => CreateActionRow::Buttons(
                buttons
                    .iter()
                    .map(|b| {
                        let button = match &b.target {
                            ButtonTarget::Action(id) => {
                                CreateButton::new(id).style(button_style(b.style))
                            }
                            ButtonTarget::Link(url) => CreateButton::new_link(url),
                        };
                        button.label(&b.label).disabled(b.disabled)
                    })
                    .collect(),
            ),
            Row::Select(select) => CreateActionRow::SelectMenu(
                CreateSelectMenu::new(
                    &select.custom_id,
                    CreateSelectMenuKind::String {
                        options: select
                            .options
                            .iter()
                            .map(|o| {
                                let option = CreateSelectMenuOption::new(&o.label, &o.value);
                                match &o.description {
                                    Some(d) => option.description(d),
                                    None => option,
                                }
                            })
                            .collect(),
                    },
                )
                .placeholder(&select.placeholder),
            ),
        })
        .collect()
}

fn interaction_message(m: &Message) -> CreateInteractionResponseMessage {
    let mut out = CreateInteractionResponseMessage::new()
        .ephemeral(m.ephemeral)
        .allowed_mentions(CreateAllowedMentions::new())
        .embeds(m.embeds.iter().map(embed).collect())
        .components(rows(&m.rows));
    if let Some(content) = &m.content {
        out = out.content(content);
    }
    for a in &m.attachments {
        out = out.add_file(CreateAttachment::bytes(a.bytes.clone(), &a.filename));
    }
    out
}

fn modal(m: &Modal) -> CreateModal {
    let inputs = m
        .inputs
        .iter()
        .map(|i| {
            let style = if i.paragraph {
                InputTextStyle::Paragraph
            } else {
                InputTextStyle::Short
            };
            let mut input =
                CreateInputText::new(style, &i.label, &i.custom_id).required(i.required);
            if let Some(min) = i.min_length {
                input = input.min_length(min);
            }
            if let Some(max) = i.max_length {
                input = input.max_length(max);
            }
            if let Some(value) = &i.value {
                input = input.value(value);
            }
            if let Some(placeholder) = &i.placeholder {
                input = input.placeholder(placeholder);
            }
            CreateActionRow::InputText(input)
        })
        .collect();
    CreateModal::new(&m.custom_id, &m.title).components(inputs)
}

/// The interaction response for a reply.
pub(super) fn response(reply: &Reply) -> CreateInteractionResponse {
    match reply {
        Reply::Message(m) => CreateInteractionResponse::Message(interaction_message(m)),
        Reply::Update(m) => CreateInteractionResponse::UpdateMessage(interaction_message(m)),
        Reply::Modal(m) => CreateInteractionResponse::Modal(modal(m)),
        Reply::Autocomplete(choices) => CreateInteractionResponse::Autocomplete(
            choices
                .iter()
                .fold(CreateAutocompleteResponse::new(), |r, c| {
                    r.add_string_choice(&c.name, &c.value)
                }),
        ),
        Reply::Defer => CreateInteractionResponse::Defer(
            CreateInteractionResponseMessage::new()
                .ephemeral(true)
                .allowed_mentions(CreateAllowedMentions::new()),
        ),
    }
}

/// A channel message the bot sends itself (shared facts), mention-safe.
pub(super) fn channel_message(m: &Message) -> CreateMessage {
    let mut out = CreateMessage::new()
        .allowed_mentions(CreateAllowedMentions::new())
        .embeds(m.embeds.iter().map(embed).collect())
        .components(rows(&m.rows));
    if let Some(content) = &m.content {
        out = out.content(content);
    }
    for a in &m.attachments {
        out = out.add_file(CreateAttachment::bytes(a.bytes.clone(), &a.filename));
    }
    out
}
