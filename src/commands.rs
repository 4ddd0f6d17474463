//! Every command exobot offers, as one table of plain data: its name, its description, its
//! options, who may use it and where. The Discord front end registers the commands from it, and
//! the about page lists the members' commands from it. A new command is a row here plus its
//! handler in `App::handle`.

/// Command names, shared by the table, registration and dispatch.
pub const FACT: &str = "fact";
/// `/ask`.
pub const ASK: &str = "ask";
/// `/about`.
pub const ABOUT: &str = "about";
/// `/clinic-check`.
pub const CHECK: &str = "clinic-check";
/// `/reload`.
pub const RELOAD: &str = "reload";
/// `/post`.
pub const POST: &str = "post";
/// `/posts`.
pub const POSTS: &str = "posts";
/// `/refresh`.
pub const REFRESH: &str = "refresh";
/// `/gaps`.
pub const GAPS: &str = "gaps";
/// The message context-menu command (shown under Apps on a message).
pub const ANSWER_WITH_FACT: &str = "Answer with a fact";

/// Option names.
pub const TOPIC: &str = "topic";
/// `/ask`'s question.
pub const QUESTION: &str = "question";
/// `/clinic-check`'s clinic label.
pub const CLINIC: &str = "clinic";
/// `/post`'s target channel.
pub const CHANNEL: &str = "channel";
/// `/post`'s pin flag.
pub const PIN: &str = "pin";
/// `/gaps`' opt-in flag.
pub const KEEP: &str = "keep";

/// The longest free-text question accepted.
pub const MAX_QUESTION: u16 = 300;
/// The longest clinic label accepted (the check escapes and bounds it again).
pub const MAX_CLINIC: u16 = 100;

/// How a command is invoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Typed as `/name`.
    Slash,
    /// Picked from a message's Apps menu; it takes that message, and has no description.
    Message,
}

/// Who may use a command. The front end hides it from others by default; the core checks the
/// rights again in code, since server admins can change who sees what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Every member.
    Members,
    /// Server managers (Manage Server) and the bot's owners.
    Managers,
    /// Moderators (Manage Messages, and Pin Messages to pin).
    Moderators,
}

/// Where a command may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contexts {
    /// Server channels and the bot's direct messages.
    ServersAndDms,
    /// Server channels only.
    Servers,
}

/// What an option takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
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
pub struct CommandOption {
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
pub struct CommandSpec {
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
pub const COMMANDS: &[CommandSpec] = &[
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
pub fn about_list() -> String {
    COMMANDS
        .iter()
        .filter_map(|c| c.about.map(|what| format!("`/{}` {what}", c.name)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The command called `name`, if there is one.
pub fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.name == name)
}

#[cfg(test)]
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
    fn names_are_unique_and_every_member_command_is_on_the_about_page() {
        for (i, c) in COMMANDS.iter().enumerate() {
            assert!(COMMANDS[..i].iter().all(|o| o.name != c.name), "{}", c.name);
            assert_eq!(c.about.is_some(), c.who == Who::Members, "{}", c.name);
            assert_eq!(find(c.name), Some(c));
        }
    }
}
