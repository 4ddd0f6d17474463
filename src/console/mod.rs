//! The terminal front end: the same core as on Discord, as text.
//!
//! Commands are typed with their Discord names (`/fact`, `/ask`, `/clinic-check`, ...; short
//! aliases such as `/check` work too); a line without a slash is a question. Buttons and select
//! options have keys: type one to press it (see [`render::keys`]); only the latest message's
//! keys answer. Forms ask one line per field. A long answer shows its short answer and key
//! points first, and `m` (or `/more`) shows the rest. Files the core attaches (the clinic-check
//! report) are saved, never over an earlier one. Input may be piped: the output is the same for
//! the same input.

pub(crate) mod input;
mod parse;
pub(crate) mod render;
pub(crate) mod style;

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::app::{App, ReloadOutcome};
use crate::event::{Actor, Command, Event, Place, Response};
use crate::reply::{Attachment, Embed, Message, Reply};
pub(crate) use input::{Input, Piped, Terminal};
use parse::{help, parse, Parsed};
use render::{Choice, View};
use style::Style;

/// The console's member: one local user, the operator, who is a moderator here.
const CONSOLE_USER: u64 = 1;

/// How the console runs.
#[derive(Debug, Clone)]
pub(crate) struct Options {
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
pub(crate) fn run(
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
pub(crate) fn save(dir: &Path, filename: &str, bytes: &[u8]) -> io::Result<PathBuf> {
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
#[expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]
mod tests {
    use super::*;

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
