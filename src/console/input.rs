//! Where the console reads lines: piped input as it comes, or a terminal with line editing
//! and history (arrow keys, Ctrl-A/E, Ctrl-R) through rustyline.

use std::io::{self, BufRead};

use rustyline::error::ReadlineError;
use rustyline::DefaultEditor;

/// A source of typed lines.
pub(crate) trait Input {
    /// The next line (without its newline), after showing `prompt` where a person types;
    /// `None` at the end of input.
    fn line(&mut self, prompt: &str) -> io::Result<Option<String>>;

    /// Whether a person types the lines at a terminal, which shows them (so the console does
    /// not print them again) and has a width.
    fn is_typed(&self) -> bool;

    /// The terminal's width in columns, where there is one.
    fn width(&mut self) -> Option<usize>;
}

/// Lines from a pipe or a file, shown nowhere: the console echoes each after `> `.
#[derive(Debug)]
pub(crate) struct Piped<R>(pub R);

impl<R: BufRead> Input for Piped<R> {
    fn line(&mut self, _prompt: &str) -> io::Result<Option<String>> {
        let mut line = String::new();
        if self.0.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let trimmed = line.trim_end_matches(['\n', '\r']).len();
        line.truncate(trimmed);
        Ok(Some(line))
    }

    fn is_typed(&self) -> bool {
        false
    }

    fn width(&mut self) -> Option<usize> {
        None
    }
}

/// A terminal: line editing and history for this session (nothing is written to disk, since
/// what a patient types is theirs).
pub(crate) struct Terminal {
    editor: DefaultEditor,
}

impl std::fmt::Debug for Terminal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Terminal")
    }
}

impl Terminal {
    /// A line editor on the process's terminal.
    pub(crate) fn new() -> io::Result<Self> {
        let editor = DefaultEditor::new().map_err(io::Error::other)?;
        Ok(Self { editor })
    }
}

impl Input for Terminal {
    fn line(&mut self, prompt: &str) -> io::Result<Option<String>> {
        match self.editor.readline(prompt) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    // A failure to remember a line costs only the history.
                    let _ = self.editor.add_history_entry(line.as_str());
                }
                Ok(Some(line))
            }
            // Ctrl-C drops the line being typed; Ctrl-D leaves.
            Err(ReadlineError::Interrupted) => Ok(Some(String::new())),
            Err(ReadlineError::Eof) => Ok(None),
            Err(e) => Err(io::Error::other(e)),
        }
    }

    fn is_typed(&self) -> bool {
        true
    }

    fn width(&mut self) -> Option<usize> {
        self.editor
            .dimensions()
            .map(|(columns, _)| usize::from(columns))
    }
}
