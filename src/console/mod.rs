//! The terminal front end: the same core as on Discord, as text.
//!
//! Commands are typed with their Discord names (`/fact`, `/ask`, `/clinic-check`, ...; short
//! aliases such as `/check` work too); a line without a slash is a question. Buttons and select
//! options have keys: type one to press it (see [`render::keys`]); only the latest message's
//! keys answer. Forms ask one line per field. A long answer shows its short answer and key
//! points first, and `m` (or `/more`) shows the rest. Files the core attaches (the clinic-check
//! report) are saved, never over an earlier one. Input may be piped: the output is the same for
//! the same input.

pub mod input;
pub mod render;
pub mod style;

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::app::{App, ReloadOutcome};
use crate::commands::{self, OptionValue};
use crate::event::{Actor, Command, Event, Place, Response};
use crate::reply::{Attachment, Embed, Message, Reply};
pub use input::{Input, Piped, Terminal};
use render::{Choice, View, MORE_KEY};
use style::Style;

/// The console's member: one local user, the operator, who is a moderator here.
const CONSOLE_USER: u64 = 1;

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
fn help() -> String {
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

/// How the console runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// How to draw text; when lines are typed at a terminal, its width is asked each time.
    pub style: Style,
    /// Where attached files (the clinic-check report) are saved.
    pub report_dir: PathBuf,
}

impl Default for Options {
    /// Piped output, files saved in the current folder.
    fn default() -> Self {
        Self {
            style: Style::PIPED,
            report_dir: PathBuf::from("."),
        }
    }
}

/// What the console remembers between lines.
#[derive(Debug, Default)]
struct State {
    /// The latest message's keys and what they press; only these are live.
    choices: Vec<(String, Choice)>,
    /// Keys of earlier messages, for a polite word when one is typed.
    earlier: Vec<String>,
    /// The embeds of the message the numbered choices belong to.
    shown: Vec<Embed>,
    /// The last message that was shown short, for `m` / `/more`.
    more: Option<Message>,
    /// The clinic check's letter keys (Back, Skip, Note, Review, ...) and its message's embeds,
    /// kept live when a side question's answer takes over the numbers, so the check goes on.
    check: Vec<(String, Choice)>,
    check_shown: Vec<Embed>,
}

/// Runs the console until `/quit` or end of input.
pub fn run(
    app: &App,
    input: &mut dyn Input,
    mut out: impl Write,
    options: &Options,
) -> io::Result<()> {
    let actor = Actor {
        user_id: CONSOLE_USER,
        display_name: "you".to_owned(),
        can_reload: true,
        can_moderate: true,
        place: Place::Console,
    };
    let typed = input.is_typed();
    let mut state = State::default();
    loop {
        out.flush()?;
        let Some(line) = input.line("> ")? else {
            break;
        };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !typed {
            writeln!(out, "> {line}")?;
        }
        let style = current_style(input, options);
        let event = match parse(line, &state, app) {
            Parsed::Quit => break,
            Parsed::Say(text) => {
                write!(out, "{}", style::block(&text, &style))?;
                continue;
            }
            Parsed::Help => {
                write!(out, "{}", help())?;
                continue;
            }
            Parsed::More => {
                match state.more.clone() {
                    Some(m) => show_message(&m, View::Full, &mut out, &mut state, &style, options)?,
                    None => writeln!(out, "There is nothing more to show.")?,
                }
                continue;
            }
            Parsed::Reload => {
                write!(out, "{}", style::block(&reload(app), &style))?;
                continue;
            }
            Parsed::Event { event, before } => {
                if let Some(text) = before {
                    write!(out, "{}", style::block(&text, &style))?;
                }
                event
            }
        };
        let about = event == Event::Command(Command::About);
        let mut response = app.handle(&actor, event);
        show(&response, &mut out, &mut state, &style, options)?;
        if about {
            writeln!(out, "In this console, /help lists the commands.")?;
        }
        // A form: one line per field, then submit it as Discord would.
        while let Reply::Modal(form) = &response.reply {
            let mut fields = Vec::new();
            for field in &form.inputs {
                let optional = if field.required { "" } else { " (optional)" };
                let prompt = format!("  {}{optional}: ", field.label);
                if !typed {
                    write!(out, "{prompt}")?;
                }
                out.flush()?;
                let Some(line) = input.line(&prompt)? else {
                    writeln!(out)?;
                    return Ok(());
                };
                if !typed {
                    writeln!(out, "{line}")?;
                }
                fields.push((field.custom_id.clone(), line.trim().to_owned()));
            }
            let submit = Event::ModalSubmit {
                custom_id: form.custom_id.clone(),
                fields,
                message: state.shown.clone(),
            };
            response = app.handle(&actor, submit);
            let style = current_style(input, options);
            show(&response, &mut out, &mut state, &style, options)?;
        }
    }
    out.flush()
}

/// The style to draw with now: a terminal's current width where lines are typed at one.
fn current_style(input: &mut dyn Input, options: &Options) -> Style {
    let mut style = options.style;
    if input.is_typed() {
        if let Some(width) = input.width() {
            style.width = width.clamp(20, 200);
        }
    }
    style
}

enum Parsed {
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
        },
        Choice::Select { custom_id, value } => Event::Component {
            custom_id: custom_id.clone(),
            values: vec![value.clone()],
            message: shown.to_vec(),
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

fn parse(line: &str, state: &State, app: &App) -> Parsed {
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

/// `/reload`, with every warning or error named as `path:line:col: message`.
fn reload(app: &App) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    match app.reload(app.today()) {
        ReloadOutcome::Reloaded { revision, warnings } => {
            let mut text = format!(
                "Reloaded: revision {revision}, {}",
                plural(warnings.len(), "warning")
            );
            text.push_str(if warnings.is_empty() { ".\n" } else { ":\n" });
            for w in &warnings {
                text.push_str(&format!("- {}\n", escape_marks(&w.to_string())));
            }
            text
        }
        ReloadOutcome::Kept { revision, errors } => {
            let mut text = format!(
                "The knowledge base has {}; the previous content (revision {revision}) keeps \
                 serving:\n",
                plural(errors.len(), "error")
            );
            for e in &errors {
                text.push_str(&format!("- {}\n", escape_marks(&e.to_string())));
            }
            text
        }
    }
}

/// Backslash-escapes the markdown marks in `text` (a path, a diagnostic) so it shows as typed.
fn escape_marks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '~' | '[') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// " Type one of: 1, 2, b." for the live keys, or nothing when there are none.
fn type_one_of(choices: &[(String, Choice)]) -> String {
    if choices.is_empty() {
        return String::new();
    }
    let keys: Vec<&str> = choices.iter().map(|(k, _)| k.as_str()).collect();
    format!(" Type one of: {}.", keys.join(", "))
}

fn show(
    response: &Response,
    out: &mut impl Write,
    state: &mut State,
    style: &Style,
    options: &Options,
) -> io::Result<()> {
    match &response.reply {
        Reply::Message(m) | Reply::Update(m) => {
            show_message(m, View::Short, out, state, style, options)
        }
        Reply::Autocomplete(list) => {
            if list.is_empty() {
                writeln!(out, "(no suggestions)")?;
            }
            for c in list {
                let line = format!("  {}  ({})", c.name, c.value);
                write!(out, "{}", style::wrap(&line, 4, style.width))?;
            }
            Ok(())
        }
        Reply::Modal(m) => writeln!(out, "(form: {})", m.title),
        // Only for effects the console never gets (the clinic check runs in place here).
        Reply::Defer => Ok(()),
    }
}

/// Shows a message; its buttons replace the earlier ones, which stop answering (as long-gone
/// messages should), their keys kept only to say so.
fn show_message(
    m: &Message,
    view: View,
    out: &mut impl Write,
    state: &mut State,
    style: &Style,
    options: &Options,
) -> io::Result<()> {
    let drawn = render::draw(m, style, view);
    write!(out, "{}", drawn.text)?;
    for a in &m.attachments {
        write!(
            out,
            "{}",
            style::block(&saved(a, &options.report_dir), style)
        )?;
    }
    state.more = drawn.more.then(|| m.clone());
    // Only the latest message with buttons answers, as on Discord once a message scrolled
    // away; a message without any (a greeting, an error) leaves the live ones be, so a side
    // question in the middle of the clinic check loses nothing.
    if !drawn.choices.is_empty() {
        for (key, _) in state.choices.drain(..) {
            if !state.earlier.contains(&key) {
                state.earlier.push(key);
            }
        }
        // Only the clinic check gives letter keys: its message keeps them live until the next
        // step of the check; any other message says the check is still open.
        let letters: Vec<(String, Choice)> = drawn
            .choices
            .iter()
            .filter(|(k, _)| k.parse::<usize>().is_err())
            .cloned()
            .collect();
        if !letters.is_empty() {
            state.check = letters;
            state.check_shown = m.embeds.clone();
        } else if let Some((key, _)) = state.check.iter().find(|(k, _)| k == "r") {
            writeln!(
                out,
                "{}",
                style.dim(&format!(
                    "Your clinic check is still open: [{key}] reviews it."
                ))
            )?;
        }
        state.choices = drawn.choices;
        state.shown = m.embeds.clone();
    }
    Ok(())
}

/// Saves an attached file and says where, or why it could not.
fn saved(a: &Attachment, dir: &Path) -> String {
    let shown = escape_marks(&a.filename);
    match save(dir, &a.filename, &a.bytes) {
        Ok(path) => {
            let path = std::path::absolute(&path).unwrap_or(path);
            let mut text = format!(
                "Saved the file ({} bytes) as {}.",
                a.bytes.len(),
                escape_marks(&path.display().to_string())
            );
            if path.file_name() != Path::new(&a.filename).file_name() {
                text.push_str(&format!(" An earlier {shown} is kept as it was."));
            }
            text
        }
        Err(e) => format!(
            "Could not save {shown} in {}: {}",
            escape_marks(&dir.display().to_string()),
            escape_marks(&e.to_string())
        ),
    }
}

/// Writes `bytes` as `filename` in `dir`, or as `name-2.ext`, `name-3.ext`, ... when that name
/// is taken: an earlier file is never overwritten. Returns the path written.
pub fn save(dir: &Path, filename: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    // Only a plain file name from the core, never a path.
    let name = Path::new(filename)
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.starts_with('.'))
        .unwrap_or("exobot-file");
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, format!(".{ext}")),
        _ => (name, String::new()),
    };
    for n in 1..=1000 {
        let candidate = if n == 1 {
            name.to_owned()
        } else {
            format!("{stem}-{n}{ext}")
        };
        let path = dir.join(candidate);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(bytes)?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("1000 files named like {name} are there already"),
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]
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

    #[test]
    fn a_saved_file_never_replaces_an_earlier_one_and_stays_in_its_folder() {
        let dir = std::env::temp_dir().join(format!("exobot-console-save-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let first = save(&dir, "report.md", b"one").unwrap();
        let second = save(&dir, "report.md", b"two").unwrap();
        let outside = save(&dir, "../escape.md", b"three").unwrap();
        assert_eq!(first, dir.join("report.md"));
        assert_eq!(second, dir.join("report-2.md"));
        assert_eq!(outside, dir.join("escape.md"));
        assert_eq!(std::fs::read(&first).unwrap(), b"one");
        assert_eq!(std::fs::read(&second).unwrap(), b"two");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
