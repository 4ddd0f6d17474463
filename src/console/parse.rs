//! A typed line, read: a key that presses a button, a command by its Discord name (parsed by
//! the command table, [`crate::commands`]), or a question. `/help` is built here from the same
//! table.

use super::render::{Choice, MORE_KEY};
use super::{escape_marks, State};
use crate::app::App;
use crate::commands::{self, OptionValue};
use crate::event::{Command, Event};
use crate::reply::Embed;

/// What the console adds to a command's description, by the command's name.
fn console_note(name: &str) -> Option<&'static str> {
    match name {
        commands::FACT => Some(
            "without a topic, a list to pick from; /fact 3 picks item 3 of the last list shown",
        ),
        commands::CHECK => Some("the report is saved as a Markdown file (short: /check)"),
        commands::POST => Some("here, shows the fact it would post"),
        commands::POSTS | commands::REFRESH => Some("the console posts nothing"),
        commands::RELOAD => Some("lists the knowledge folder's warnings"),
        _ => None,
    }
}

/// `/help`, built from the command table: every command a member or moderator has on
/// Discord, by its Discord name, then what only the console has.
pub(super) fn help() -> String {
    let line = |usage: &str, what: &str| {
        let indent = " ".repeat(26);
        let (head, first) = if usage.len() < 24 {
            (String::new(), format!("  {usage:<24}"))
        } else {
            (format!("  {usage}\n"), indent.clone())
        };
        let options = textwrap::Options::new(78)
            .initial_indent(&first)
            .subsequent_indent(&indent);
        format!("{head}{}\n", textwrap::fill(what, options))
    };
    let describe = |spec: &commands::CommandSpec| {
        let what = match spec.kind {
            commands::Kind::Slash => spec.description.to_owned(),
            commands::Kind::Message => format!(
                "\"{}\" on a member's message (its Apps menu); here, explained",
                spec.name
            ),
        };
        match console_note(spec.name) {
            Some(note) => format!("{what}; {note}"),
            None => what,
        }
    };
    let usage = |spec: &commands::CommandSpec| match spec.kind {
        commands::Kind::Slash => commands::usage(spec),
        commands::Kind::Message => "/answer".to_owned(),
    };
    let mut text = String::from("Commands (their names on Discord):\n");
    for spec in commands::COMMANDS
        .iter()
        .filter(|c| c.who == commands::Who::Members)
    {
        text.push_str(&line(&usage(spec), &describe(spec)));
    }
    text.push_str("Moderator commands (here you are the moderator):\n");
    for spec in commands::COMMANDS
        .iter()
        .filter(|c| c.who != commands::Who::Members)
    {
        text.push_str(&line(&usage(spec), &describe(spec)));
    }
    text.push_str("In this console:\n");
    for (usage, what) in [
        (
            "/suggest <text>",
            "what the topic option's autocomplete offers for <text>",
        ),
        (
            "m or /more",
            "the rest of the last answer: full text, sources",
        ),
        ("/help", "this list"),
        ("/quit", "leave (end of input leaves too)"),
    ] {
        text.push_str(&line(usage, what));
    }
    for paragraph in [
        "A line without a slash asks a question. Type the key in [brackets] to press a button \
         or pick from a list; only the latest message's buttons work.",
        "Forms ask one line per field; an empty line leaves an optional field empty.",
    ] {
        text.push_str(&textwrap::fill(paragraph, 78));
        text.push('\n');
    }
    text
}

pub(super) enum Parsed {
    /// Send this to the core, after printing `before`.
    Event {
        event: Event,
        before: Option<String>,
    },
    /// Print this (Discord markdown) and send nothing.
    Say(String),
    Help,
    More,
    Reload,
    Quit,
}

fn say(text: impl Into<String>) -> Parsed {
    Parsed::Say(text.into())
}

fn event(event: Event) -> Parsed {
    Parsed::Event {
        event,
        before: None,
    }
}

fn press(choice: &Choice, shown: &[Embed]) -> Event {
    match choice {
        Choice::Button(id) => Event::Component {
            custom_id: id.clone(),
            values: Vec::new(),
            message: shown.to_vec(),
            interaction_id: 0,
        },
        Choice::Select { custom_id, value } => Event::Component {
            custom_id: custom_id.clone(),
            values: vec![value.clone()],
            message: shown.to_vec(),
            interaction_id: 0,
        },
    }
}

/// The topic a numbered choice opens, if it opens one.
fn topic_of(choice: &Choice, app: &App) -> Option<String> {
    let id = match choice {
        Choice::Select { value, .. } => value.as_str(),
        Choice::Button(id) => id.rsplit(':').next().unwrap_or(id),
    };
    let kb = app.knowledge();
    kb.content.published_topic(id).map(|t| t.id.clone())
}

pub(super) fn parse(line: &str, state: &State, app: &App) -> Parsed {
    let earlier = state.earlier.iter().any(|k| k == line);
    let live = state
        .choices
        .iter()
        .find(|(k, _)| k == line)
        .map(|(_, c)| c);
    // A lone letter is always a key (a disabled Back, a key of a message not shown yet), never a
    // question; `m` is the more key.
    let letter = line.chars().count() == 1
        && line.chars().all(|c| c.is_ascii_lowercase())
        && !line.eq_ignore_ascii_case(MORE_KEY);
    if line.parse::<usize>().is_ok() || letter {
        let check = state.check.iter().find(|(k, _)| k == line).map(|(_, c)| c);
        return match (live, check) {
            (Some(choice), _) => event(press(choice, &state.shown)),
            (None, Some(choice)) => event(press(choice, &state.check_shown)),
            (None, None) if earlier => say(format!(
                "[{line}] is not a button of the latest message; only its buttons work.{}",
                type_one_of(&state.choices)
            )),
            (None, None) if state.choices.is_empty() => say("There is nothing to press right now."),
            (None, None) => say(format!(
                "There is no [{line}].{}",
                type_one_of(&state.choices)
            )),
        };
    }
    if line.eq_ignore_ascii_case(MORE_KEY) {
        return Parsed::More;
    }
    let Some(command) = line.strip_prefix('/') else {
        return event(Event::Command(Command::Ask {
            question: line.to_owned(),
        }));
    };
    let (name, rest) = command
        .split_once(char::is_whitespace)
        .unwrap_or((command, ""));
    let rest = rest.trim();
    let lower = name.to_lowercase();
    match lower.as_str() {
        "quit" | "exit" => return Parsed::Quit,
        "help" => return Parsed::Help,
        "more" => return Parsed::More,
        "suggest" => {
            return event(Event::Autocomplete {
                partial: rest.to_owned(),
            })
        }
        _ => {}
    }
    let canonical = match lower.as_str() {
        "check" => commands::CHECK,
        "answer" | "answer-with-a-fact" => commands::ANSWER_WITH_FACT,
        other => other,
    };
    let Some(spec) = commands::COMMANDS
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(canonical))
    else {
        return say(format!(
            "exobot does not know the command /{}. Type /help for the commands.",
            escape_marks(&name.chars().take(40).collect::<String>())
        ));
    };
    // What the console does its own way: it has no channel to post in and no members'
    // messages, and it reloads its own knowledge folder.
    match spec.name {
        commands::FACT => {
            if let Ok(n) = rest.parse::<usize>() {
                return pick_topic(n, state, app);
            }
        }
        commands::RELOAD => return Parsed::Reload,
        commands::POST => {
            let topic = options(spec, rest).and_then(|found| {
                found.into_iter().find_map(|(name, value)| match value {
                    OptionValue::Text(topic) if name == commands::TOPIC => Some(topic),
                    _ => None,
                })
            });
            return post(topic, app);
        }
        commands::POSTS => {
            return say(
                "On Discord, /posts lists exobot's posts in the channel, to unpin or remove one. \
             The console posts nothing, so there is nothing to list here.",
            )
        }
        commands::REFRESH => {
            return say(
                "On Discord, /refresh brings exobot's posts in the channel up to date with the \
             knowledge base. The console posts nothing; /reload loads the knowledge folder \
             again here.",
            )
        }
        commands::ANSWER_WITH_FACT => {
            return say(
                "On Discord, a moderator opens a member's message's Apps menu and picks \
                 \"Answer with a fact\": exobot replies to that message with a fact, pinging no \
                 one. The console has no members' messages; /fact shows the same facts here.",
            )
        }
        _ => {}
    }
    match options(spec, rest) {
        Some(options) => event(Event::Command(commands::command(spec.name, &options, None))),
        None => say(format!("Usage: {}", commands::usage(spec))),
    }
}

/// A command's options from the rest of its line: a command whose only option is text takes
/// the whole rest; otherwise `name:value` words set named options (`pin:true`,
/// `channel:123`) and the other words are the first text option. `None` when a required option
/// is missing or a value does not fit its option.
fn options(spec: &commands::CommandSpec, rest: &str) -> Option<Vec<(&'static str, OptionValue)>> {
    let first_text = spec
        .options
        .iter()
        .find(|o| matches!(o.kind, commands::OptionKind::Text { .. }));
    let mut found = Vec::new();
    let only_text = spec.options.len() == 1 && first_text.is_some();
    if only_text {
        if let (Some(text), false) = (first_text, rest.is_empty()) {
            found.push((text.name, OptionValue::Text(rest.to_owned())));
        }
    } else {
        let mut words = Vec::new();
        for word in rest.split_whitespace() {
            let named = word.split_once(':').and_then(|(name, value)| {
                let option = spec
                    .options
                    .iter()
                    .find(|o| o.name.eq_ignore_ascii_case(name))?;
                Some((option, value))
            });
            let Some((option, value)) = named else {
                words.push(word);
                continue;
            };
            let value = match option.kind {
                commands::OptionKind::Flag => match value.to_lowercase().as_str() {
                    "true" | "yes" | "on" => OptionValue::Flag(true),
                    "false" | "no" | "off" => OptionValue::Flag(false),
                    _ => return None,
                },
                commands::OptionKind::Channel => OptionValue::Channel(
                    value
                        .trim_start_matches("<#")
                        .trim_end_matches('>')
                        .parse()
                        .ok()?,
                ),
                commands::OptionKind::Text { .. } => OptionValue::Text(value.to_owned()),
            };
            found.push((option.name, value));
        }
        if !words.is_empty() {
            found.push((first_text?.name, OptionValue::Text(words.join(" "))));
        }
    }
    let missing = spec
        .options
        .iter()
        .any(|o| o.required && !found.iter().any(|(name, _)| *name == o.name));
    (!missing).then_some(found)
}

/// `/fact N`: item N of the last list shown, when it is a topic.
fn pick_topic(n: usize, state: &State, app: &App) -> Parsed {
    if state.choices.is_empty() {
        return say("No numbered list is shown yet; /fact alone shows the topics to pick from.");
    }
    let key = n.to_string();
    let Some((_, choice)) = state.choices.iter().find(|(k, _)| *k == key) else {
        return say(format!(
            "The last list shown has {}; /fact alone shows the topics.",
            crate::text::count(state.choices.len(), "item")
        ));
    };
    match topic_of(choice, app) {
        Some(id) => event(Event::Command(Command::Fact { topic: Some(id) })),
        None => say(format!(
            "Item {n} of the last list shown is not a topic; /fact alone shows the topics."
        )),
    }
}

/// `/post <topic>`: the console has no channel, so it says what Discord would do and shows the
/// fact as it would be posted (or, for a topic that matches nothing, the list to pick from).
fn post(topic: Option<String>, app: &App) -> Parsed {
    let Some(topic) = topic else {
        let usage = commands::find(commands::POST)
            .map(commands::usage)
            .unwrap_or_default();
        return say(format!("Usage: {usage}"));
    };
    let kb = app.knowledge();
    let Some(found) = crate::facts::find_topic(&kb, &topic) else {
        return event(Event::Command(Command::Fact { topic: Some(topic) }));
    };
    Parsed::Event {
        event: Event::Command(Command::Fact {
            topic: Some(found.id.clone()),
        }),
        before: Some(
            "On Discord, /post puts this fact in a channel as exobot's own message (pinned if \
             asked) and keeps it up to date. The console has no channel, so here is the fact it \
             would post:"
                .to_owned(),
        ),
    }
}

/// " Type one of: 1, 2, b." for the live keys, or nothing when there are none.
fn type_one_of(choices: &[(String, Choice)]) -> String {
    if choices.is_empty() {
        return String::new();
    }
    let keys: Vec<&str> = choices.iter().map(|(k, _)| k.as_str()).collect();
    format!(" Type one of: {}.", keys.join(", "))
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]
mod tests {
    use super::*;

    #[test]
    fn help_lists_every_command_of_the_table_and_options_are_read_by_the_table() {
        let help = help();
        for spec in commands::COMMANDS {
            let shown = match spec.kind {
                commands::Kind::Slash => commands::usage(spec),
                commands::Kind::Message => "/answer".to_owned(),
            };
            assert!(help.contains(&format!("  {shown}")), "{shown} in\n{help}");
        }
        assert!(help.lines().all(|l| l.chars().count() <= 78), "{help}");
        let gaps = commands::find(commands::GAPS).unwrap();
        assert_eq!(
            options(gaps, "keep:on"),
            Some(vec![(commands::KEEP, OptionValue::Flag(true))])
        );
        assert_eq!(options(gaps, "keep:maybe"), None);
        let post = commands::find(commands::POST).unwrap();
        assert_eq!(
            options(post, "nebraska events pin:true channel:<#42>"),
            Some(vec![
                (commands::PIN, OptionValue::Flag(true)),
                (commands::CHANNEL, OptionValue::Channel(42)),
                (commands::TOPIC, OptionValue::Text("nebraska events".into())),
            ])
        );
        assert_eq!(options(post, "pin:true"), None, "the topic is required");
        let ask = commands::find(commands::ASK).unwrap();
        assert_eq!(
            options(ask, "is it legal: really?"),
            Some(vec![(
                commands::QUESTION,
                OptionValue::Text("is it legal: really?".into())
            )])
        );
    }
}
