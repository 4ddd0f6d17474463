//! The terminal front end: the same core as on Discord, as text.
//!
//! Commands are typed as in Discord (`/fact`, `/ask`, `/about`, ...); a line without a slash is a
//! question. Buttons and select options have keys: type one to press it (see [`render::keys`]). Forms ask
//! one line per field. Input may be piped: the output is the same for the same input.

pub mod render;

use std::io::{self, BufRead, Write};

use crate::app::{Actor, App, Command, Event, Place, Response};
use crate::reply::{Message, Reply};
use render::Choice;

/// The console's member: one local user who may do everything.
const CONSOLE_USER: u64 = 1;

const HELP: &str = "\
Commands (as on Discord):
  /fact [topic]      a vetted fact; without a topic, a list to pick from
  /ask <question>    a question in your own words (a line without a slash asks too)
  /suggest <text>    what the topic option's autocomplete offers for <text>
  /check [clinic]    the clinic check: questions to ask a clinic, then a report
  /about             what exobot is, its sources, privacy
  /reload            load the knowledge folder again
  /help              this list
  /quit              leave (end of input leaves too)
Type the key in [brackets] to press a button or pick from a list; only the latest
message's buttons work.
Forms ask one line per field; an empty line leaves an optional field empty.
";

/// Runs the console until `/quit` or end of input.
pub fn run(
    app: &App,
    input: impl BufRead,
    mut out: impl Write,
    interactive: bool,
) -> io::Result<()> {
    let actor = Actor {
        user_id: CONSOLE_USER,
        display_name: "you".to_owned(),
        can_reload: true,
        can_moderate: true,
        place: Place::Console,
    };
    // The latest message's keys and what they press; only these are live.
    let mut choices: Vec<(String, Choice)> = Vec::new();
    // Keys of earlier messages, for a polite word when one is typed.
    let mut earlier: Vec<String> = Vec::new();
    // The embeds of the message the numbered choices belong to.
    let mut shown: Vec<crate::reply::Embed> = Vec::new();
    let mut lines = input.lines();
    loop {
        if interactive {
            write!(out, "> ")?;
            out.flush()?;
        }
        let Some(line) = lines.next() else {
            break;
        };
        let line = line?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !interactive {
            writeln!(out, "> {line}")?;
        }
        let event = match parse(line, &choices, &earlier, &shown) {
            Parsed::Quit => break,
            Parsed::Help => {
                write!(out, "{HELP}")?;
                continue;
            }
            Parsed::Error(e) => {
                writeln!(out, "{e}")?;
                continue;
            }
            Parsed::Event(event) => event,
        };
        let mut response = app.handle(&actor, event);
        show(&response, &mut out, &mut choices, &mut earlier, &mut shown)?;
        // A form: one line per field, then submit it as Discord would.
        while let Reply::Modal(form) = &response.reply {
            let mut fields = Vec::new();
            for input in &form.inputs {
                let optional = if input.required { "" } else { " (optional)" };
                write!(out, "  {}{optional}: ", input.label)?;
                out.flush()?;
                let Some(line) = lines.next() else {
                    writeln!(out)?;
                    return Ok(());
                };
                let line = line?;
                if !interactive {
                    writeln!(out, "{line}")?;
                }
                fields.push((input.custom_id.clone(), line.trim().to_owned()));
            }
            let submit = Event::ModalSubmit {
                custom_id: form.custom_id.clone(),
                fields,
                message: shown.clone(),
            };
            response = app.handle(&actor, submit);
            show(&response, &mut out, &mut choices, &mut earlier, &mut shown)?;
        }
    }
    Ok(())
}

enum Parsed {
    Event(Event),
    Help,
    Quit,
    Error(String),
}

fn parse(
    line: &str,
    choices: &[(String, Choice)],
    earlier: &[String],
    shown: &[crate::reply::Embed],
) -> Parsed {
    let known = choices.iter().any(|(k, _)| k == line) || earlier.iter().any(|k| k == line);
    let letter = line.chars().count() == 1 && line.chars().all(|c| c.is_ascii_lowercase());
    let is_key = line.parse::<usize>().is_ok() || (letter && known);
    if is_key {
        return match choices.iter().find(|(k, _)| k == line).map(|(_, c)| c) {
            Some(Choice::Button(id)) => Parsed::Event(Event::Component {
                custom_id: id.clone(),
                values: Vec::new(),
                message: shown.to_vec(),
            }),
            Some(Choice::Select { custom_id, value }) => Parsed::Event(Event::Component {
                custom_id: custom_id.clone(),
                values: vec![value.clone()],
                message: shown.to_vec(),
            }),
            None if earlier.iter().any(|k| k == line) => Parsed::Error(format!(
                "[{line}] is a button from an earlier message; only the latest message's buttons work.{}",
                type_one_of(choices)
            )),
            None if choices.is_empty() => {
                Parsed::Error("There is nothing to press right now.".to_owned())
            }
            None => Parsed::Error(format!("There is no [{line}].{}", type_one_of(choices))),
        };
    }
    let Some(command) = line.strip_prefix('/') else {
        return Parsed::Event(Event::Command(Command::Ask {
            question: line.to_owned(),
        }));
    };
    let (name, rest) = command
        .split_once(char::is_whitespace)
        .unwrap_or((command, ""));
    let rest = rest.trim();
    let arg = (!rest.is_empty()).then(|| rest.to_owned());
    let command = match name {
        "quit" | "exit" => return Parsed::Quit,
        "help" => return Parsed::Help,
        "suggest" => {
            return Parsed::Event(Event::Autocomplete {
                partial: rest.to_owned(),
            })
        }
        "fact" => Command::Fact { topic: arg },
        "ask" => match arg {
            Some(question) => Command::Ask { question },
            None => return Parsed::Error("Usage: /ask <your question>".to_owned()),
        },
        "about" => Command::About,
        "check" => Command::Check { clinic: arg },
        "reload" => Command::Reload,
        other => Command::Unknown {
            name: other.to_owned(),
        },
    };
    Parsed::Event(Event::Command(command))
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
    choices: &mut Vec<(String, Choice)>,
    earlier: &mut Vec<String>,
    shown: &mut Vec<crate::reply::Embed>,
) -> io::Result<()> {
    match &response.reply {
        Reply::Message(m) | Reply::Update(m) => show_message(m, out, choices, earlier, shown),
        Reply::Autocomplete(list) => {
            if list.is_empty() {
                writeln!(out, "(no suggestions)")?;
            }
            for c in list {
                writeln!(out, "  {}  ({})", c.name, c.value)?;
            }
            Ok(())
        }
        Reply::Modal(m) => writeln!(out, "(form: {})", m.title),
    }
}

/// Shows a message; its buttons replace the earlier ones, which stop answering (as long-gone
/// messages should), their keys kept only to say so.
fn show_message(
    m: &Message,
    out: &mut impl Write,
    choices: &mut Vec<(String, Choice)>,
    earlier: &mut Vec<String>,
    shown: &mut Vec<crate::reply::Embed>,
) -> io::Result<()> {
    let (text, new_choices) = render::message(m, 1);
    write!(out, "{text}")?;
    for (key, _) in choices.drain(..) {
        if !earlier.contains(&key) {
            earlier.push(key);
        }
    }
    *choices = render::keys(m, 1).into_iter().zip(new_choices).collect();
    *shown = m.embeds.clone();
    Ok(())
}
