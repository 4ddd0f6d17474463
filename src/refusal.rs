//! Why Discord (or serenity, before sending) refused a call, and the one true sentence a member
//! or moderator is told for it. Every sentence the bot says about a failed Discord call is
//! worded here, so a refusal is never explained by another refusal's words.
//!
//! The codes are Discord's JSON error codes, from
//! <https://docs.discord.com/developers/topics/opcodes-and-status-codes#json-json-error-codes>.
//! They are plain values here; reading them from serenity's errors and predicting them from an
//! interaction's permissions is the Discord front end's (`src/discord/refusal.rs`).

/// What the bot was doing when it was refused: the permissions a 50013 names depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Posting a message in a channel (a fact, a shared fact, a note).
    Post,
    /// Posting a message as a reply to another one.
    Reply,
    /// Pinning a message.
    Pin,
    /// Unpinning a message.
    Unpin,
    /// Deleting one of the bot's messages.
    DeleteMessage,
    /// Creating a private thread.
    CreateThread,
    /// Adding the member to a thread or posting in it.
    SetUpThread,
    /// Deleting a thread.
    DeleteThread,
    /// Opening a DM channel or sending a direct message.
    DirectMessage,
}

/// Why a call was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// 50001 Missing Access: the bot cannot see the channel.
    NoAccess,
    /// 50013 Missing Permissions; with the names of the missing ones when the interaction's
    /// `app_permissions` told them beforehand.
    MissingPermissions(Vec<&'static str>),
    /// 160002 "Cannot reply without permission to read message history".
    NoHistory,
    /// 50035 Invalid Form Body: Discord found the request malformed (a bug in the bot).
    Invalid,
    /// 30003 Maximum number of pins reached for the channel (250).
    PinsFull,
    /// 10003 Unknown Channel.
    UnknownChannel,
    /// 10008 Unknown Message.
    UnknownMessage,
    /// 50007 Cannot send messages to this user (their DMs are closed to the bot).
    DmsClosed,
    /// 40060 Interaction has already been acknowledged.
    AlreadyAnswered,
    /// 10062 Unknown interaction: answered too late, after Discord's 3 s.
    Expired,
    /// 50083 Operation cannot be performed on an archived thread.
    ThreadArchived,
    /// 160005 Thread is locked.
    ThreadLocked,
    /// 50008 Cannot send messages in a non-text channel, or 50024 Cannot execute action on
    /// this channel type.
    WrongChannelType,
    /// 50021 Cannot execute action on a system message.
    SystemMessage,
    /// 30033 Maximum number of thread participants, or 160006 maximum number of active threads.
    ThreadsFull,
    /// HTTP 429: Discord's rate limit, not waited out.
    RateLimited,
    /// HTTP 5xx: Discord had a problem of its own.
    DiscordError,
    /// No answer from Discord at all (network, timeout).
    Unreachable,
    /// Refused before sending: longer than Discord's limits (2000 characters of content, 6000
    /// across embeds, 10 embeds; <https://docs.discord.com/developers/resources/message#embed-object-embed-limits>).
    TooLong,
    /// Anything else: Discord's status and code, for the log's sake.
    Other {
        /// The HTTP status (0 when there was no HTTP answer).
        status: u16,
        /// Discord's JSON error code (0 when none).
        code: isize,
    },
}

impl Refusal {
    /// The refusal behind a Discord answer: its HTTP status and JSON error code (0 if none).
    pub fn from_code(status: u16, code: isize) -> Refusal {
        match code {
            50001 => Refusal::NoAccess,
            50013 => Refusal::MissingPermissions(Vec::new()),
            160_002 => Refusal::NoHistory,
            50035 => Refusal::Invalid,
            30003 => Refusal::PinsFull,
            10003 => Refusal::UnknownChannel,
            10008 => Refusal::UnknownMessage,
            50007 => Refusal::DmsClosed,
            40060 => Refusal::AlreadyAnswered,
            10062 => Refusal::Expired,
            50083 => Refusal::ThreadArchived,
            160_005 => Refusal::ThreadLocked,
            50008 | 50024 => Refusal::WrongChannelType,
            50021 => Refusal::SystemMessage,
            30033 | 160_006 => Refusal::ThreadsFull,
            _ if status == 429 => Refusal::RateLimited,
            _ if status >= 500 => Refusal::DiscordError,
            _ => Refusal::Other { status, code },
        }
    }

    /// The sentence the member or moderator reads, without a final full stop.
    pub fn sentence(&self, action: Action) -> String {
        let doing = match action {
            Action::Post => "post there",
            Action::Reply => "reply to that message",
            Action::Pin => "pin that message",
            Action::Unpin => "unpin that message",
            Action::DeleteMessage => "delete that message",
            Action::CreateThread => "create a private thread here",
            Action::SetUpThread => "set up the private thread",
            Action::DeleteThread => "delete this thread",
            Action::DirectMessage => "send you a direct message",
        };
        match self {
            Refusal::NoAccess => format!(
                "exobot cannot {doing}: it cannot see that channel (it lacks the View Channel \
                 permission there)"
            ),
            Refusal::MissingPermissions(missing) => {
                let needs = needs(action);
                let named: &[&str] = if missing.is_empty() && needs.len() == 1 {
                    needs
                } else {
                    missing
                };
                if named.is_empty() {
                    format!(
                        "exobot cannot {doing}: Discord says it lacks a permission there (it needs \
                         {}). A server admin can grant them",
                        join(needs)
                    )
                } else {
                    format!(
                        "exobot cannot {doing}: it lacks the {} permission{} there. A server \
                         admin can grant {}",
                        join(named),
                        if named.len() > 1 { "s" } else { "" },
                        if named.len() > 1 { "them" } else { "it" },
                    )
                }
            }
            Refusal::NoHistory => format!(
                "exobot cannot {doing}: a reply needs the Read Message History permission in \
                 this channel, which exobot lacks"
            ),
            Refusal::Invalid => format!(
                "Discord refused the request to {doing} as malformed. This is a fault in exobot, \
                 not in what you did; the log has the details"
            ),
            Refusal::PinsFull => "this channel already has 250 pinned messages, Discord's \
                                  limit. Unpin one and try again"
                .to_owned(),
            Refusal::UnknownChannel => {
                format!("exobot cannot {doing}: that channel no longer exists")
            }
            Refusal::UnknownMessage => {
                format!("exobot cannot {doing}: that message no longer exists")
            }
            Refusal::DmsClosed => "Your direct messages are closed to exobot. You can allow \
                                   direct messages from this server's members in your privacy \
                                   settings"
                .to_owned(),
            Refusal::AlreadyAnswered => {
                "This was already answered; the first answer stands".to_owned()
            }
            Refusal::Expired => {
                "Discord no longer accepts an answer to this (more than 3 s passed). Please try \
                 again"
                    .to_owned()
            }
            Refusal::ThreadArchived => {
                format!("exobot cannot {doing}: the thread is archived")
            }
            Refusal::ThreadLocked => format!(
                "exobot cannot {doing}: the thread is locked, and only a moderator can unlock it"
            ),
            Refusal::WrongChannelType => {
                format!("exobot cannot {doing}: Discord does not allow it in this kind of channel")
            }
            Refusal::SystemMessage => {
                format!("exobot cannot {doing}: it is a system message")
            }
            Refusal::ThreadsFull => format!(
                "exobot cannot {doing}: Discord's limit on threads (or thread members) is reached"
            ),
            Refusal::RateLimited => format!(
                "Discord is limiting how fast exobot may act, so it could not {doing}. Please try \
                 again in a minute"
            ),
            Refusal::DiscordError => format!(
                "Discord had a problem of its own, so exobot could not {doing}. Please try again \
                 shortly"
            ),
            Refusal::Unreachable => {
                format!("exobot could not reach Discord to {doing}. Please try again shortly")
            }
            Refusal::TooLong => format!(
                "exobot did not {doing}: the message is longer than Discord allows. This is a \
                 fault in the knowledge base or in exobot; the log has the details"
            ),
            Refusal::Other { status, code } => format!(
                "Discord refused to let exobot {doing} (HTTP {status}, code {code}); the log has \
                 the details"
            ),
        }
    }
}

/// The permissions an action needs, as Discord's client names them
/// (<https://docs.discord.com/developers/topics/permissions>).
fn needs(action: Action) -> &'static [&'static str] {
    match action {
        Action::Post => &[
            "Send Messages (in a thread: Send Messages in Threads)",
            "Embed Links",
        ],
        Action::Reply => &["Send Messages", "Embed Links", "Read Message History"],
        Action::Pin | Action::Unpin => &["Pin Messages"],
        Action::DeleteMessage => &["Manage Messages"],
        Action::CreateThread => &["Create Private Threads", "Send Messages in Threads"],
        Action::SetUpThread => &["Send Messages in Threads"],
        Action::DeleteThread => &["Manage Threads"],
        Action::DirectMessage => &["Send Messages"],
    }
}

/// "A", "A and B", "A, B and C".
fn join(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
