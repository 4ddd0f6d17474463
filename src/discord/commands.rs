//! The slash commands exobot registers: one visible list, built from plain data.

use serenity::all::{
    ChannelType, CommandOptionType, CommandType, CreateCommand, CreateCommandOption,
    InstallationContext, InteractionContext, Permissions,
};

/// Command names, shared by registration and dispatch.
pub const FACT: &str = "fact";
pub const ASK: &str = "ask";
pub const ABOUT: &str = "about";
pub const CHECK: &str = "clinic-check";
pub const RELOAD: &str = "reload";
pub const POST: &str = "post";
pub const POSTS: &str = "posts";
pub const REFRESH: &str = "refresh";
pub const GAPS: &str = "gaps";
/// The message context-menu command (shown under Apps on a message).
pub const ANSWER_WITH_FACT: &str = "Answer with a fact";

/// Option names.
pub const TOPIC: &str = "topic";
pub const QUESTION: &str = "question";
pub const CLINIC: &str = "clinic";
pub const CHANNEL: &str = "channel";
pub const PIN: &str = "pin";
pub const KEEP: &str = "keep";

/// Discord's PIN_MESSAGES permission (bit 51), which serenity 0.12.5 does not name.
pub const PIN_MESSAGES: u64 = 1 << 51;

/// Who sees the moderator commands by default: members who can manage and pin messages.
/// Server admins can change this, so the bot checks Manage Messages itself as well.
fn moderators() -> Permissions {
    Permissions::MANAGE_MESSAGES | Permissions::from_bits_retain(PIN_MESSAGES)
}

/// The longest free-text question accepted.
pub const MAX_QUESTION: u16 = 300;
/// The longest clinic label accepted (the check escapes and bounds it again).
pub const MAX_CLINIC: u16 = 100;

/// Where the commands are registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every server the bot is in, and its DMs (commands take up to an hour to appear).
    Global,
    /// One server, for testing (instant; Discord ignores contexts on server commands).
    Guild,
}

/// Every command, in the order shown to members.
pub fn all(scope: Scope) -> Vec<CreateCommand> {
    let member_commands = [
        CreateCommand::new(FACT)
            .description("A vetted, sourced fact about exosome therapy")
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::String,
                    TOPIC,
                    "The topic (type to search)",
                )
                .required(false)
                .set_autocomplete(true),
            ),
        CreateCommand::new(ASK)
            .description("Ask a question about exosome therapy in your own words")
            .add_option(
                CreateCommandOption::new(CommandOptionType::String, QUESTION, "Your question")
                    .required(true)
                    .max_length(MAX_QUESTION),
            ),
        CreateCommand::new(CHECK)
            .description(
                "Questions to ask a clinic offering exosome therapy, then a red-flag report",
            )
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::String,
                    CLINIC,
                    "The clinic's name, only as a label on your report",
                )
                .required(false)
                .max_length(MAX_CLINIC),
            ),
        CreateCommand::new(ABOUT).description("What exobot is, its sources, and your privacy"),
    ];
    let manager_commands = [
        CreateCommand::new(RELOAD)
            .description("Reload the knowledge base (server managers)")
            .default_member_permissions(Permissions::MANAGE_GUILD),
        CreateCommand::new(POST)
            .description(
                "Post a vetted fact in this or another channel, optionally pinned (moderators)",
            )
            .default_member_permissions(moderators())
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::String,
                    TOPIC,
                    "The topic (type to search)",
                )
                .required(true)
                .set_autocomplete(true),
            )
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::Channel,
                    CHANNEL,
                    "Where to post (default: here)",
                )
                .required(false)
                .channel_types(vec![
                    ChannelType::Text,
                    ChannelType::News,
                    ChannelType::PublicThread,
                ]),
            )
            .add_option(
                CreateCommandOption::new(CommandOptionType::Boolean, PIN, "Pin the post")
                    .required(false),
            ),
        CreateCommand::new(POSTS)
            .description("List exobot's posts in this channel, to unpin or remove one (moderators)")
            .default_member_permissions(moderators()),
        CreateCommand::new(REFRESH)
            .description("Bring exobot's posts in this channel up to date (moderators)")
            .default_member_permissions(moderators()),
        CreateCommand::new(GAPS)
            .description(
                "List questions no vetted fact answered here (moderators); keep: opt in or out",
            )
            .default_member_permissions(moderators())
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::Boolean,
                    KEEP,
                    "Server managers: keep refused questions' text, no user id, 30 days (off by default)",
                )
                .required(false),
            ),
        CreateCommand::new(ANSWER_WITH_FACT)
            .kind(CommandType::Message)
            .default_member_permissions(moderators()),
    ];
    let in_dms = [InteractionContext::Guild, InteractionContext::BotDm];
    member_commands
        .into_iter()
        .map(|c| with_contexts(c, scope, &in_dms))
        .chain(
            manager_commands
                .into_iter()
                .map(|c| with_contexts(c, scope, &[InteractionContext::Guild])),
        )
        .collect()
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
#[allow(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]
mod tests {
    use super::*;

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
