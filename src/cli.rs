//! The command-line jobs that print and exit: check, ask.

use std::path::Path;

use crate::console::render;
use crate::knowledge::{self, search::Outcome, KnowledgeBase};

/// Exit status when a question matches no vetted fact.
pub const NO_MATCH: u8 = 3;

pub fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// `exobot check`: every diagnostic, a summary line, 1 when there are errors.
pub fn check(dir: &Path) -> u8 {
    let loaded = knowledge::load(dir, today());
    for d in &loaded.diagnostics {
        println!("{d}");
    }
    let errors = loaded.errors().count();
    let warnings = loaded.diagnostics.len() - errors;
    match &loaded.knowledge {
        Some(kb) => {
            let published = kb.content.published().count();
            println!(
                "ok: {} topics ({published} published), {} sources, {} links, {warnings} warnings, revision {}",
                kb.content.topics.len(),
                kb.content.sources.len(),
                kb.content.links.len(),
                kb.revision
            );
            0
        }
        None => {
            println!(
                "failed: {errors} errors, {warnings} warnings in {}",
                dir.display()
            );
            1
        }
    }
}

/// Loads the knowledge base for a one-shot job, printing errors to stderr when it cannot.
pub fn load_or_report(dir: &Path) -> Option<KnowledgeBase> {
    let loaded = knowledge::load(dir, today());
    if loaded.knowledge.is_none() {
        for d in loaded.errors() {
            eprintln!("{d}");
        }
        eprintln!("exobot: the knowledge base has errors; run `exobot check` for the full list");
    }
    loaded.knowledge
}

/// `exobot ask`: the best topic as text, first line `topic: <id>`; exit 3 when nothing matches.
pub fn ask(dir: &Path, question: &str) -> u8 {
    let Some(kb) = load_or_report(dir) else {
        return 2;
    };
    let (text, code) = ask_text(&kb, question);
    print!("{text}");
    code
}

/// The text `exobot ask` prints and its exit status.
pub fn ask_text(kb: &KnowledgeBase, question: &str) -> (String, u8) {
    let title = |i: usize| {
        let t = &kb.content.topics[i];
        format!("{} (topic: {})", t.title, t.id)
    };
    match kb.search.ask(question) {
        Outcome::Answer(best) => (answer_text(kb, best.topic), 0),
        Outcome::Unsure { best, others } => {
            let mut text = answer_text(kb, best.topic);
            text.push_str("\nDid you mean instead:\n");
            for m in others {
                text.push_str(&format!("- {}\n", title(m.topic)));
            }
            (text, 0)
        }
        Outcome::NoMatch { nearest } => {
            let mut text = String::from(
                "No vetted fact matches that question. exobot only answers from its reviewed knowledge base.\n",
            );
            if !nearest.is_empty() {
                text.push_str("Nearest topics:\n");
                for m in nearest {
                    text.push_str(&format!("- {}\n", title(m.topic)));
                }
            }
            (text, NO_MATCH)
        }
    }
}

fn answer_text(kb: &KnowledgeBase, topic: usize) -> String {
    let t = &kb.content.topics[topic];
    let embed = knowledge::render::topic_embed(&kb.content, t);
    format!("topic: {}\n{}", t.id, render::embed(&embed))
}

/// `exobot console`: the terminal front end over stdin and stdout.
pub fn console(dir: &Path, banner: bool) -> u8 {
    use std::io::IsTerminal;
    let Some(kb) = load_or_report(dir) else {
        return 2;
    };
    let interactive = std::io::stdin().is_terminal();
    if banner && interactive {
        println!(
            "exobot console: no DISCORD_TOKEN is set, so this is the local console (type /help).\n\
             To connect to Discord, set DISCORD_TOKEN and run `exobot run`; see the README.\n"
        );
    }
    let app = crate::app::App::new(kb);
    let stdin = std::io::stdin().lock();
    match crate::console::run(&app, stdin, std::io::stdout().lock(), interactive) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("exobot: console: {e}");
            1
        }
    }
}
