//! The slash commands exobot registers, built from the core's command table
//! ([`crate::commands::COMMANDS`]).

use serenity::all::{
    ChannelType, Command, CommandOptionType, CommandType, CreateCommand, CreateCommandOption,
    GuildId, InstallationContext, InteractionContext, Permissions,
};

use crate::commands::{CommandSpec, Contexts, Kind, OptionKind, Who, COMMANDS};

/// Discord's PIN_MESSAGES permission (bit 51), which serenity 0.12.5 does not name.
pub(super) const PIN_MESSAGES: u64 = 1 << 51;

/// Who sees the moderator commands by default: members who can manage and pin messages.
/// Server admins can change this, so the bot checks Manage Messages itself as well.
fn moderators() -> Permissions {
    Permissions::MANAGE_MESSAGES | Permissions::from_bits_retain(PIN_MESSAGES)
}

/// Where the commands are registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every server the bot is in, and its DMs (commands take up to an hour to appear).
    Global,
    /// One server, for testing (instant; Discord ignores contexts on server commands).
    Guild,
}

/// Every command of the core's table, in its order, as Discord registers it.
pub(super) fn all(scope: Scope) -> Vec<CreateCommand> {
    COMMANDS.iter().map(|spec| command(spec, scope)).collect()
}

/// One row of the table as a Discord command.
fn command(spec: &CommandSpec, scope: Scope) -> CreateCommand {
    let mut command = CreateCommand::new(spec.name);
    match spec.kind {
        Kind::Slash => command = command.description(spec.description),
        Kind::Message => command = command.kind(CommandType::Message),
    }
    match spec.who {
        Who::Members => {}
        Who::Managers => command = command.default_member_permissions(Permissions::MANAGE_GUILD),
        Who::Moderators => command = command.default_member_permissions(moderators()),
    }
    for option in spec.options {
        let kind = match option.kind {
            OptionKind::Text { .. } => CommandOptionType::String,
            OptionKind::Channel => CommandOptionType::Channel,
            OptionKind::Flag => CommandOptionType::Boolean,
        };
        let mut built = CreateCommandOption::new(kind, option.name, option.description)
            .required(option.required);
        match option.kind {
            OptionKind::Text {
                autocomplete,
                max_length,
            } => {
                if autocomplete {
                    built = built.set_autocomplete(true);
                }
                if let Some(max) = max_length {
                    built = built.max_length(max);
                }
            }
            OptionKind::Channel => {
                built = built.channel_types(vec![
                    ChannelType::Text,
                    ChannelType::News,
                    ChannelType::PublicThread,
                ]);
            }
            OptionKind::Flag => {}
        }
        command = command.add_option(built);
    }
    let contexts: &[InteractionContext] = match spec.contexts {
        Contexts::ServersAndDms => &[InteractionContext::Guild, InteractionContext::BotDm],
        Contexts::Servers => &[InteractionContext::Guild],
    };
    with_contexts(command, scope, contexts)
}

/// The command set as the JSON `exobot register` sends (pretty-printed, for `--print`).
pub fn json(scope: Scope) -> serde_json::Result<String> {
    serde_json::to_string_pretty(&all(scope))
}

/// Overwrites the registered commands in one bulk call: in server `guild`, or globally without
/// one. The number registered, or what went wrong, as a sentence.
pub async fn register(options: &super::Options, guild: Option<u64>) -> Result<usize, String> {
    let scope = if guild.is_some() {
        Scope::Guild
    } else {
        Scope::Global
    };
    let commands = all(scope);
    let http = super::http(options);
    let result = async {
        let info = http.get_current_application_info().await?;
        http.set_application_id(info.id);
        match guild {
            Some(g) => GuildId::new(g).set_commands(&http, commands).await,
            None => Command::set_global_commands(&http, commands).await,
        }
    }
    .await;
    result
        .map(|registered| registered.len())
        .map_err(|e| e.to_string())
}

/// Global commands say deliberately where they may run; server commands cannot.
fn with_contexts(
    command: CreateCommand,
    scope: Scope,
    contexts: &[InteractionContext],
) -> CreateCommand {
    match scope {
        Scope::Global => command
            .integration_types(vec![InstallationContext::Guild])
            .contexts(contexts.to_vec()),
        Scope::Guild => command,
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]
mod tests {
    use super::*;
    use crate::commands::{ANSWER_WITH_FACT, FACT, POST, RELOAD};

    #[test]
    fn global_commands_run_in_servers_and_the_bots_dms_but_reload_only_in_servers() {
        let json = serde_json::to_value(all(Scope::Global)).unwrap();
        let by_name = |name: &str| {
            json.as_array()
                .unwrap()
                .iter()
                .find(|c| c["name"] == name)
                .unwrap()
                .clone()
        };
        assert_eq!(by_name(FACT)["contexts"], serde_json::json!([0, 1]));
        assert_eq!(by_name(FACT)["integration_types"], serde_json::json!([0]));
        assert_eq!(by_name(RELOAD)["contexts"], serde_json::json!([0]));
        assert_eq!(by_name(RELOAD)["default_member_permissions"], "32");
        // Manage Messages (8192) and Pin Messages (bit 51), which serenity cannot name.
        let moderators = (1u64 << 13 | 1 << 51).to_string();
        assert_eq!(
            by_name(POST)["default_member_permissions"],
            moderators.as_str()
        );
        assert_eq!(by_name(ANSWER_WITH_FACT)["type"], 3);
        assert_eq!(by_name(POST)["contexts"], serde_json::json!([0]));
    }

    #[test]
    fn names_and_descriptions_fit_discords_rules() {
        for c in serde_json::to_value(all(Scope::Global))
            .unwrap()
            .as_array()
            .unwrap()
        {
            let name = c["name"].as_str().unwrap();
            assert!((1..=32).contains(&name.chars().count()), "{name}");
            if c["type"] == 3 {
                // Message commands show their name as written and have no description.
                assert!(c.get("description").is_none(), "{name}");
                continue;
            }
            assert_eq!(name, name.to_lowercase());
            let description = c["description"].as_str().unwrap();
            assert!(
                (1..=100).contains(&description.chars().count()),
                "{description}"
            );
        }
    }
}
