#![no_main]
//! Arbitrary bytes through the knowledge loader, the path `exobot check` takes.
//!
//! The input is split on a line `%%%` into up to five files. With one part it is a knowledge
//! folder of one file; with more, the last part is `questionnaire.toml` and the others are the
//! knowledge files. The files are written, as they are (not necessarily UTF-8), to a folder of
//! this process and loaded with `knowledge::load`. Each part that is UTF-8 also goes through
//! `Questionnaire::parse` on its own.
//!
//! Nothing may panic; every problem must come back as a diagnostic. `FUZZ_SHOW=1` prints
//! the diagnostics of each input run.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use exobot::knowledge::{self, QUESTIONNAIRE_FILE};
use exobot::questionnaire::Questionnaire;
use libfuzzer_sys::fuzz_target;
use time::{Date, Month};

/// The line that separates the files of one input.
const MARKER: &[u8] = b"\n%%%\n";
/// Knowledge files per input, besides the questionnaire.
const MAX_FILES: usize = 4;

/// This process's folder, on tmpfs where there is one: it is rewritten for every input.
fn folder() -> &'static Path {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let base = if shm.is_dir() {
            shm.to_owned()
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("exobot-fuzz-knowledge-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("the fuzz folder can be made");
        dir
    })
}

/// A fixed "today", so that a finding reproduces on any day (the shipped files are reviewed on
/// or before it).
fn today() -> Date {
    Date::from_calendar_date(2026, Month::November, 26).expect("a real date")
}

fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(at) = rest.windows(MARKER.len()).position(|w| w == MARKER) {
        parts.push(&rest[..at]);
        rest = &rest[at + MARKER.len()..];
    }
    parts.push(rest);
    parts.truncate(MAX_FILES + 1);
    parts
}

fn file_name(i: usize) -> String {
    format!("k{i}.toml")
}

/// Writes the parts as the folder's files; returns whether there is a questionnaire.
fn write_folder(dir: &Path, parts: &[&[u8]]) -> bool {
    let (knowledge, questionnaire) = if parts.len() > 1 {
        (&parts[..parts.len() - 1], parts.last().copied())
    } else {
        (parts, None)
    };
    for i in 0..MAX_FILES {
        let path = dir.join(file_name(i));
        match knowledge.get(i) {
            Some(bytes) => fs::write(&path, bytes).expect("a knowledge file can be written"),
            None => {
                let _ = fs::remove_file(&path);
            }
        }
    }
    let path = dir.join(QUESTIONNAIRE_FILE);
    match questionnaire {
        Some(bytes) => fs::write(&path, bytes).expect("the questionnaire can be written"),
        None => {
            let _ = fs::remove_file(&path);
        }
    }
    questionnaire.is_some()
}

/// `FUZZ_SHOW=1` prints what each input loads to (to read a finding or a seed).
fn show() -> bool {
    static SHOW: OnceLock<bool> = OnceLock::new();
    *SHOW.get_or_init(|| std::env::var_os("FUZZ_SHOW").is_some())
}

fn check_diagnostic(dir: &Path, d: &exobot::diagnostic::Diagnostic) {
    assert!(
        d.path.starts_with(dir),
        "a diagnostic outside the folder: {d}"
    );
    assert!(
        !d.message.trim().is_empty(),
        "a diagnostic without a message: {d:?}"
    );
    assert_eq!(d.line == 0, d.col == 0, "half a position: {d:?}");
    let _ = d.to_string();
}

fuzz_target!(|data: &[u8]| {
    let dir = folder();
    let parts = split(data);
    let has_questionnaire = write_folder(dir, &parts);

    let loaded = knowledge::load(dir, today());
    if show() {
        for d in &loaded.diagnostics {
            eprintln!("{d}");
        }
        eprintln!(
            "{} files, loaded: {}",
            parts.len(),
            loaded.knowledge.is_some()
        );
    }
    for d in &loaded.diagnostics {
        check_diagnostic(dir, d);
    }
    let errors = loaded.errors().count();
    assert_eq!(
        loaded.knowledge.is_some(),
        errors == 0,
        "a knowledge base comes back exactly when there is no error"
    );
    let order: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| (&d.path, d.line, d.col))
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] <= w[1]),
        "diagnostics come in file and line order"
    );
    if let Some(kb) = &loaded.knowledge {
        assert_eq!(kb.questionnaire.is_some(), has_questionnaire);
        assert_eq!(kb.revision.len(), 12);
        // A loaded base serves: ask it with the first file's words, and complete a prefix.
        let words = String::from_utf8_lossy(parts[0]);
        let question: String = words.chars().take(200).collect();
        let _ = kb.search.ask(&question);
        let prefix: String = words.chars().take(20).collect();
        let _ = kb.search.complete(&prefix);
        for topic in kb.content.published() {
            let _ = knowledge::render::topic_embed(&kb.content, topic);
        }
    }

    for part in &parts {
        let Ok(text) = std::str::from_utf8(part) else {
            continue;
        };
        let path = Path::new("questionnaire.toml");
        match Questionnaire::parse(path, text) {
            Ok(q) => {
                let n = q.questions().len();
                assert!((1..=20).contains(&n), "{n} questions");
                for question in q.questions() {
                    assert!((2..=10).contains(&question.options.len()));
                }
                let again = Questionnaire::parse(path, text).expect("parses a second time");
                assert_eq!(again.version(), q.version());
            }
            Err(problems) => {
                assert!(!problems.is_empty(), "refused without a diagnostic");
                for d in &problems {
                    assert!(d.is_error());
                    assert!(!d.message.trim().is_empty());
                    let _ = d.to_string();
                }
            }
        }
    }
});
