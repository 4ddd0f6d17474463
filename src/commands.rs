//! Every command exobot offers, as one table of plain data: its name, its description, its
//! options, who may use it and where. The Discord front end registers the commands from it, the
//! console builds its parser and `/help` from it, and the about page lists the members'
//! commands from it. Both front ends turn what was typed into the core's [`Command`] with
//! [`command`]. A new command is a row here, its arm in [`command`], and its handler in
//! `App::handle`.

use crate::event::Command;

/// Command names, shared by the table, registration and dispatch.
pub(crate) const FACT: &str = "fact";
/// `/ask`.
pub(crate) const ASK: &str = "ask";
/// `/about`.
pub(crate) const ABOUT: &str = "about";
/// `/clinic-check`.
pub(crate) const CHECK: &str = "clinic-check";
/// `/reload`.
pub(crate) const RELOAD: &str = "reload";
/// `/post`.
pub(crate) const POST: &str = "post";
/// `/posts`.
pub(crate) const POSTS: &str = "posts";
/// `/refresh`.
pub(crate) const REFRESH: &str = "refresh";
/// `/gaps`.
pub(crate) const GAPS: &str = "gaps";
/// The message context-menu command (shown under Apps on a message).
pub(crate) const ANSWER_WITH_FACT: &str = "Answer with a fact";

/// Option names.
pub(crate) const TOPIC: &str = "topic";
/// `/ask`'s question.
pub(crate) const QUESTION: &str = "question";
/// `/clinic-check`'s clinic label.
pub(crate) const CLINIC: &str = "clinic";
/// `/post`'s target channel.
pub(crate) const CHANNEL: &str = "channel";
/// `/post`'s pin flag.
pub(crate) const PIN: &str = "pin";
/// `/gaps`' opt-in flag.
pub(crate) const KEEP: &str = "keep";

/// The longest free-text question accepted.
pub(crate) const MAX_QUESTION: u16 = 300;
/// The longest clinic label accepted (the check escapes and bounds it again).
pub(crate) const MAX_CLINIC: u16 = 100;

/// How a command is invoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Typed as `/name`.
    Slash,
    /// Picked from a message's Apps menu; it takes that message, and has no description.
    Message,
}

/// Who may use a command. The front end hides it from others by default; the core checks the
/// rights again in code, since server admins can change who sees what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    /// Every member.
    Members,
    /// Server managers (Manage Server) and the bot's owners.
    Managers,
    /// Moderators (Manage Messages, and Pin Messages to pin).
    Moderators,
}

/// Where a command may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Contexts {
    /// Server channels and the bot's direct messages.
    ServersAndDms,
    /// Server channels only.
    Servers,
}

/// What an option takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OptionKind {
    /// Text; `autocomplete` suggests topics as it is typed; at most `max_length` characters.
    Text {
        /// Suggest topics while the member types.
        autocomplete: bool,
        /// The longest text accepted.
        max_length: Option<u16>,
    },
    /// A channel a fact can be posted in (text, announcement, public thread).
    Channel,
    /// True or false.
    Flag,
}

/// One option of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CommandOption {
    /// Its name, as typed.
    pub name: &'static str,
    /// What it is for (at most 100 characters).
    pub description: &'static str,
    /// What it takes.
    pub kind: OptionKind,
    /// Whether the command needs it.
    pub required: bool,
}

/// One command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CommandSpec {
    /// Its name (lower case for slash commands; as shown for message commands).
    pub name: &'static str,
    /// What it does (at most 100 characters; empty for message commands).
    pub description: &'static str,
    /// How it is invoked.
    pub kind: Kind,
    /// Its options, in order.
    pub options: &'static [CommandOption],
    /// Who may use it.
    pub who: Who,
    /// Where it may run.
    pub contexts: Contexts,
    /// Its line on the about page, after its name; `None` keeps it off that page (moderators'
    /// and managers' commands: members cannot use them).
    pub about: Option<&'static str>,
}

const fn text(
    name: &'static str,
    description: &'static str,
    required: bool,
    autocomplete: bool,
    max_length: Option<u16>,
) -> CommandOption {
    CommandOption {
        name,
        description,
        kind: OptionKind::Text {
            autocomplete,
            max_length,
        },
        required,
    }
}

/// Every command, in the order shown to members: members' commands first.
pub(crate) const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: FACT,
        description: "A vetted, sourced fact about exosome therapy",
        kind: Kind::Slash,
        options: &[text(TOPIC, "The topic (type to search)", false, true, None)],
        who: Who::Members,
        contexts: Contexts::ServersAndDms,
        about: Some("a vetted fact (browse, or type a topic)"),
    },
    CommandSpec {
        name: ASK,
        description: "Ask a question about exosome therapy in your own words",
        kind: Kind::Slash,
        options: &[text(QUESTION, "Your question", true, false, Some(MAX_QUESTION))],
        who: Who::Members,
        contexts: Contexts::ServersAndDms,
        about: Some("a question in your own words"),
    },
    CommandSpec {
        name: CHECK,
        description: "Questions to ask a clinic offering exosome therapy, then a red-flag report",
        kind: Kind::Slash,
        options: &[text(
            CLINIC,
            "The clinic's name, only as a label on your report",
            false,
            false,
            Some(MAX_CLINIC),
        )],
        who: Who::Members,
        contexts: Contexts::ServersAndDms,
        about: Some("questions to ask a clinic, then a red-flag report"),
    },
    CommandSpec {
        name: ABOUT,
        description: "What exobot is, its sources, and your privacy",
        kind: Kind::Slash,
        options: &[],
        who: Who::Members,
        contexts: Contexts::ServersAndDms,
        about: Some("this page"),
    },
    CommandSpec {
        name: RELOAD,
        description: "Reload the knowledge base (server managers)",
        kind: Kind::Slash,
        options: &[],
        who: Who::Managers,
        contexts: Contexts::Servers,
        about: None,
    },
    CommandSpec {
        name: POST,
        description: "Post a vetted fact in this or another channel, optionally pinned (moderators)",
        kind: Kind::Slash,
        options: &[
            text(TOPIC, "The topic (type to search)", true, true, None),
            CommandOption {
                name: CHANNEL,
                description: "Where to post (default: here)",
                kind: OptionKind::Channel,
                required: false,
            },
            CommandOption {
                name: PIN,
                description: "Pin the post",
                kind: OptionKind::Flag,
                required: false,
            },
        ],
        who: Who::Moderators,
        contexts: Contexts::Servers,
        about: None,
    },
    CommandSpec {
        name: POSTS,
        description: "List exobot's posts in this channel, to unpin or remove one (moderators)",
        kind: Kind::Slash,
        options: &[],
        who: Who::Moderators,
        contexts: Contexts::Servers,
        about: None,
    },
    CommandSpec {
        name: REFRESH,
        description: "Bring exobot's posts in this channel up to date (moderators)",
        kind: Kind::Slash,
        options: &[],
        who: Who::Moderators,
        contexts: Contexts::Servers,
        about: None,
    },
    CommandSpec {
        name: GAPS,
        description: "List questions no vetted fact answered here (moderators); keep: opt in or out",
        kind: Kind::Slash,
        options: &[CommandOption {
            name: KEEP,
            description:
                "Server managers: keep refused questions' text, no user id, 30 days (off by default)",
            kind: OptionKind::Flag,
            required: false,
        }],
        who: Who::Moderators,
        contexts: Contexts::Servers,
        about: None,
    },
    CommandSpec {
        name: ANSWER_WITH_FACT,
        description: "",
        kind: Kind::Message,
        options: &[],
        who: Who::Moderators,
        contexts: Contexts::Servers,
        about: None,
    },
];

/// The about page's list of commands: each member command's name and what it does.
pub(crate) fn about_list() -> String {
    COMMANDS
        .iter()
        .filter_map(|c| c.about.map(|what| format!("`/{}` {what}", c.name)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// An option's value, as a front end read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OptionValue {
    /// Text (a topic, a question, a clinic label).
    Text(String),
    /// A channel's id.
    Channel(u64),
    /// True or false.
    Flag(bool),
}

/// The core's command for the command `name` with its `options` (by option name) and, for a
/// message command, the message it was picked on. An unknown name, or a message command
/// without its message, is [`Command::Unknown`]; a missing option takes its default (empty
/// text, no channel, false).
pub(crate) fn command(name: &str, options: &[(&str, OptionValue)], target: Option<u64>) -> Command {
    let text = |option: &str| {
        options.iter().find_map(|(n, v)| match v {
            OptionValue::Text(t) if *n == option => Some(t.clone()),
            _ => None,
        })
    };
    let non_empty = |option: &str| text(option).filter(|t| !t.trim().is_empty());
    let flag = |option: &str| {
        options.iter().find_map(|(n, v)| match v {
            OptionValue::Flag(f) if *n == option => Some(*f),
            _ => None,
        })
    };
    match name {
        FACT => Command::Fact {
            topic: non_empty(TOPIC),
        },
        ASK => Command::Ask {
            question: text(QUESTION).unwrap_or_default(),
        },
        ABOUT => Command::About,
        CHECK => Command::Check {
            clinic: non_empty(CLINIC),
        },
        RELOAD => Command::Reload,
        POST => Command::Post {
            topic: text(TOPIC).unwrap_or_default(),
            channel: options.iter().find_map(|(n, v)| match v {
                OptionValue::Channel(c) if *n == CHANNEL => Some(*c),
                _ => None,
            }),
            pin: flag(PIN).unwrap_or(false),
        },
        POSTS => Command::Posts,
        REFRESH => Command::Refresh,
        GAPS => Command::Gaps { keep: flag(KEEP) },
        ANSWER_WITH_FACT if target.is_some() => Command::AnswerMessage {
            message_id: target.unwrap_or_default(),
        },
        other => Command::Unknown {
            name: other.to_owned(),
        },
    }
}

/// How a slash command is typed: `/post <topic> [channel:#channel] [pin:True]` (required
/// options in angle brackets, optional ones in square brackets, named ones as `name:value`).
pub(crate) fn usage(spec: &CommandSpec) -> String {
    let mut line = format!("/{}", spec.name);
    for (i, option) in spec.options.iter().enumerate() {
        let shown = match option.kind {
            OptionKind::Text { .. } if i == 0 => option.name.to_owned(),
            OptionKind::Text { .. } => format!("{}:text", option.name),
            OptionKind::Channel => format!("{}:#channel", option.name),
            OptionKind::Flag => format!("{}:True", option.name),
        };
        if option.required {
            line.push_str(&format!(" <{shown}>"));
        } else {
            line.push_str(&format!(" [{shown}]"));
        }
    }
    line
}

/// The command called `name`, if there is one.
pub(crate) fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.name == name)
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]
mod tests {
    use super::*;

    #[test]
    fn the_about_page_lists_the_members_commands_in_order() {
        assert_eq!(
            about_list(),
            "`/fact` a vetted fact (browse, or type a topic)\n`/ask` a question in your own words\n\
             `/clinic-check` questions to ask a clinic, then a red-flag report\n`/about` this page"
        );
    }

    #[test]
    fn every_command_of_the_table_reaches_the_core_and_usage_says_its_options() {
        for spec in COMMANDS {
            let command = command(spec.name, &[], Some(1));
            assert!(
                !matches!(command, Command::Unknown { .. }),
                "{} has no arm in commands::command",
                spec.name
            );
        }
        assert_eq!(
            command(
                POST,
                &[
                    (TOPIC, OptionValue::Text("nebraska".into())),
                    (PIN, OptionValue::Flag(true)),
                    (CHANNEL, OptionValue::Channel(7)),
                ],
                None
            ),
            Command::Post {
                topic: "nebraska".into(),
                channel: Some(7),
                pin: true
            }
        );
        assert_eq!(
            command(FACT, &[(TOPIC, OptionValue::Text("  ".into()))], None),
            Command::Fact { topic: None }
        );
        assert!(matches!(
            command(ANSWER_WITH_FACT, &[], None),
            Command::Unknown { .. }
        ));
        let post = find(POST).unwrap();
        assert_eq!(usage(post), "/post <topic> [channel:#channel] [pin:True]");
        assert_eq!(usage(find(ASK).unwrap()), "/ask <question>");
    }

    #[test]
    fn names_are_unique_and_every_member_command_is_on_the_about_page() {
        for (i, c) in COMMANDS.iter().enumerate() {
            assert!(COMMANDS[..i].iter().all(|o| o.name != c.name), "{}", c.name);
            assert_eq!(c.about.is_some(), c.who == Who::Members, "{}", c.name);
            assert_eq!(find(c.name), Some(c));
        }
    }
}
