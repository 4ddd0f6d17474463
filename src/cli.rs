//! The command-line jobs: run the bot, the console, and the one-shot check, ask, register,
//! invite and healthcheck.

use std::io::IsTerminal;
use std::path::Path;

use crate::config::Config;
use crate::discord::{self, Scope};
use crate::facts;
use crate::health;
use crate::startup::{
    load_or_report, prepare, runtime, signals, today, Mode, Signals, CANNOT_START,
};

use crate::console::render;
use crate::knowledge::{self, Answer, KnowledgeBase, Outcome};

/// Exit status when a question matches no vetted fact.
pub const NO_MATCH: u8 = 3;

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
            let check = kb
                .questionnaire
                .as_ref()
                .map_or("no clinic check".to_owned(), |q| {
                    format!("clinic check of {} questions", q.questions().len())
                });
            println!(
                "ok: {} topics ({published} published), {} sources, {} links, {check}, {warnings} warnings, revision {}",
                kb.content.topics.len(),
                kb.content.sources.len(),
                kb.content.links.len(),
                kb.revision
            );
            0
        }
        None => {
            println!(
                "failed: {}, {} in {}",
                crate::text::count(errors, "error"),
                crate::text::count(warnings, "warning"),
                dir.display()
            );
            1
        }
    }
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

/// The text `exobot ask` prints and its exit status: 0 with a fact (first line `topic: <id>`),
/// also after the safety line of a symptom report; 3 ([`NO_MATCH`]) when no vetted fact
/// answers, advice was declined, or the message was small talk.
pub fn ask_text(kb: &KnowledgeBase, question: &str) -> (String, u8) {
    let title = |i: usize| {
        let t = &kb.content.topics[i];
        format!("{} (topic: {})", t.title, t.id)
    };
    let list = |heading: &str, matches: &[knowledge::Match]| {
        let mut text = String::new();
        if !matches.is_empty() {
            text.push_str(heading);
            for m in matches {
                text.push_str(&format!("- {}\n", title(m.topic)));
            }
        }
        text
    };
    let reading = kb.read(question);
    let other_language = reading.answer == Answer::OtherLanguage;
    let (text, code) = match reading.answer {
        Answer::Search(Outcome::Answer(best)) => (answer_text(kb, best.topic), 0),
        Answer::Search(Outcome::Unsure { best, others }) => {
            let mut text = answer_text(kb, best.topic);
            text.push_str(&list("\nDid you mean instead:\n", &others));
            (text, 0)
        }
        Answer::Search(Outcome::NoMatch { nearest }) => {
            let mut text = String::from(
                "No vetted fact matches that question. exobot only answers from its reviewed knowledge base.\n",
            );
            text.push_str(&list("Nearest topics:\n", &nearest));
            (text, NO_MATCH)
        }
        Answer::Advice { nearest } => {
            let mut text = format!("{}\n", facts::ADVICE_DECLINED);
            text.push_str(&list("", &nearest));
            (text, NO_MATCH)
        }
        Answer::Chat => (format!("{}\n", facts::GREETING), NO_MATCH),
        Answer::OtherLanguage => (
            format!(
                "{}\n",
                render::plain(&knowledge::render::other_language_text(&kb.content))
            ),
            NO_MATCH,
        ),
    };
    if reading.safety {
        let safety = render::plain(&knowledge::render::safety_text(&kb.content, reading.crisis));
        // Someone in crisis is not told that no fact matches.
        if reading.crisis && code == NO_MATCH && !other_language {
            return (format!("{safety}\n"), code);
        }
        return (format!("{safety}\n\n{text}"), code);
    }
    (text, code)
}

fn answer_text(kb: &KnowledgeBase, topic: usize) -> String {
    let t = &kb.content.topics[topic];
    let embed = knowledge::render::topic_embed(&kb.content, t);
    format!("topic: {}\n{}", t.id, render::embed(&embed))
}

/// `exobot console`: the terminal front end over stdin and stdout. Attached files (the
/// clinic-check report) are saved in `report_dir` (default: the current folder).
pub fn console(dir: &Path, banner: bool, report_dir: Option<&Path>) -> u8 {
    let Some(kb) = load_or_report(dir) else {
        return 2;
    };
    // Typed at a terminal: line editing, the terminal's width and styles. Otherwise plain text
    // at 80 columns, the same for the same input.
    let typed = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if banner && typed {
        println!(
            "exobot console: no DISCORD_TOKEN is set, so this is the local console.\n\
             Type a question, or /help for the commands. To connect to Discord, set\n\
             DISCORD_TOKEN and run `exobot run`; see the README.\n"
        );
    }
    let key = match crate::secret::ephemeral() {
        Ok(key) => key,
        Err(e) => {
            eprintln!("exobot: {e}");
            return CANNOT_START;
        }
    };
    let app = crate::app::App::new(kb, key);
    let mut options = crate::console::Options::default();
    if let Some(report_dir) = report_dir {
        options.report_dir = report_dir.to_owned();
    }
    let terminal = if typed {
        crate::console::Terminal::new().ok()
    } else {
        None
    };
    let result = match terminal {
        Some(mut terminal) => {
            // NO_COLOR (no-color.org) turns the styles off.
            options.style.ansi = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            crate::console::run(&app, &mut terminal, std::io::stdout(), &options)
        }
        None => {
            let mut piped = crate::console::Piped(std::io::stdin().lock());
            crate::console::run(&app, &mut piped, std::io::stdout().lock(), &options)
        }
    };
    match result {
        Ok(()) => 0,
        // The reader left (`| head`): nothing more to say.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("exobot: console: {e}");
            1
        }
    }
}

/// The permissions the bot asks for when invited, and why (the README lists them).
pub const INVITE_PERMISSIONS: &[(u32, &str)] = &[
    (10, "VIEW_CHANNEL: see the channels it answers in"),
    (
        11,
        "SEND_MESSAGES: post facts members share and moderators post",
    ),
    (14, "EMBED_LINKS: answers are embeds with source links"),
    (
        15,
        "ATTACH_FILES: the clinic-check report as a Markdown file",
    ),
    (
        16,
        "READ_MESSAGE_HISTORY: find and edit its own posted facts",
    ),
    (
        34,
        "MANAGE_THREADS: delete a clinic check's private thread when its member asks",
    ),
    (
        36,
        "CREATE_PRIVATE_THREADS: run the clinic check in a private thread",
    ),
    (
        38,
        "SEND_MESSAGES_IN_THREADS: ask the check's questions in that thread",
    ),
    (51, "PIN_MESSAGES: pin facts for moderators"),
];

/// The invite permission integer: the bits above and nothing else (never ADMINISTRATOR).
pub fn invite_permissions() -> u64 {
    INVITE_PERMISSIONS.iter().map(|(bit, _)| 1u64 << bit).sum()
}

/// The OAuth2 address that adds the bot to a server.
pub fn invite_url(application_id: u64) -> String {
    format!(
        "https://discord.com/oauth2/authorize?client_id={application_id}&scope=bot%20applications.commands&permissions={}",
        invite_permissions()
    )
}

/// `exobot run`: the bot on Discord. With no token it says what to do (exit 2), except when
/// started bare from a terminal, where it opens the console.
/// `exobot run` (the gateway) or `exobot serve` (the HTTP interactions endpoint), until a
/// signal; `bare` (no subcommand) opens the console instead when no token is set.
pub fn run(config: Config, bare: bool, mode: Mode) -> u8 {
    if config.token.is_none() {
        if bare && std::io::stdin().is_terminal() {
            return console(&config.knowledge_dir, true, None);
        }
        eprintln!(
            "exobot: DISCORD_TOKEN is not set, so the bot cannot connect to Discord.\n\
             Set it to your bot's token (Discord developer portal > your app > Bot > Reset Token),\n\
             or try the bot locally with `exobot console`."
        );
        return CANNOT_START;
    }
    if let Err(e) = crate::logging::init(&config) {
        eprintln!("exobot: {e}");
        return CANNOT_START;
    }
    let bot = match prepare(&config) {
        Ok(bot) => bot,
        Err(e) => {
            eprintln!("exobot: {e}");
            return CANNOT_START;
        }
    };
    let Some(rt) = runtime() else {
        return CANNOT_START;
    };
    let code = rt.block_on(async move {
        // Before anything connects: a SIGTERM while the first request hangs stops the bot
        // cleanly instead of killing it.
        let listening = Signals::listen();
        if let Err(e) = bot.start_health().await {
            tracing::error!(error = %e, "cannot serve the health endpoint");
            return CANNOT_START;
        }
        let (count_tx, count) = tokio::sync::watch::channel(0u32);
        tokio::spawn(signals(bot.app.clone(), count_tx, listening));
        let mut first = count.clone();
        let mut second = count;
        let shutdown = async move {
            let _ = first.wait_for(|n| *n >= 1).await;
        };
        tokio::select! {
            code = async move {
                match mode {
                    Mode::Gateway => bot.serve(shutdown).await,
                    Mode::Http => match bot.bind_http().await {
                        Ok((listener, key)) => bot.serve_http(listener, key, shutdown).await,
                        Err(e) => {
                            tracing::error!(error = %e, "cannot serve interactions");
                            eprintln!("exobot: {e}");
                            CANNOT_START
                        }
                    },
                }
            } => code,
            // Only a real second signal: a sender gone (its task ended) disables this branch.
            Ok(_) = second.wait_for(|n| *n >= 2) => {
                tracing::warn!("second signal: stopping now, without waiting for Discord");
                0
            }
        }
    });
    // Whatever serenity still runs in the background (a connection it retries) ends here, and a
    // lookup stuck on a dead network does not hold the exit.
    rt.shutdown_timeout(std::time::Duration::from_secs(1));
    code
}

/// `exobot register`: one bulk overwrite of the command set, or its JSON with `print`.
pub fn register(config: &Config, guild: Option<u64>, print: bool) -> u8 {
    if print {
        let scope = if guild.is_some() {
            Scope::Guild
        } else {
            Scope::Global
        };
        return match discord::command_json(scope) {
            Ok(json) => {
                println!("{json}");
                0
            }
            Err(e) => {
                eprintln!("exobot: {e}");
                1
            }
        };
    }
    let Some(token) = config.token.clone() else {
        eprintln!(
            "exobot: register needs DISCORD_TOKEN (or use --print to see what it would send)"
        );
        return CANNOT_START;
    };
    let Some(rt) = runtime() else {
        return CANNOT_START;
    };
    let options = discord::Options {
        token,
        proxy_url: config.proxy_url.clone(),
        http_client: None,
        owners: Vec::new(),
        prune_every: discord::PRUNE_EVERY,
        keep_answers: true,
        shards: config.shards,
    };
    match rt.block_on(discord::register(&options, guild)) {
        Ok(registered) => {
            let place = guild.map_or("globally".to_owned(), |g| format!("in server {g}"));
            println!("registered {registered} commands {place}");
            0
        }
        Err(e) => {
            eprintln!("exobot: registering failed: {e}");
            1
        }
    }
}

/// `exobot invite`: the address that adds the bot with the permissions it needs.
pub fn invite(application_id: Option<u64>) -> u8 {
    let Some(id) = application_id else {
        eprintln!("exobot: give the application id: `exobot invite --application-id ID` (developer portal > General Information)");
        return CANNOT_START;
    };
    println!("{}", invite_url(id));
    println!("\nPermissions ({}):", invite_permissions());
    for (_, why) in INVITE_PERMISSIONS {
        println!("  {why}");
    }
    0
}

/// `exobot healthcheck`: 0 when the running bot's health endpoint says it is healthy.
pub fn healthcheck(config: &Config) -> u8 {
    let Some(addr) = config.health_addr else {
        eprintln!("exobot: the health endpoint is off (health_addr = \"off\")");
        return 1;
    };
    let Some(rt) = runtime() else {
        return 1;
    };
    match rt.block_on(health::probe(addr)) {
        Ok(body) => {
            print!("{body}");
            0
        }
        Err(e) => {
            eprintln!("exobot: {e}");
            1
        }
    }
}
