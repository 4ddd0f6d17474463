//! The `exobot` command line: a thin layer over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use exobot::cli;
use exobot::config::Config;
use exobot::startup::Mode;

#[derive(Debug, Parser)]
#[command(
    name = "exobot",
    version,
    about = "Vetted, sourced facts about exosome therapy, on Discord and in the terminal"
)]
struct Cli {
    /// Settings file (default: config/exobot.toml of this checkout, or EXOBOT_CONFIG).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the bot on Discord (the default). Needs DISCORD_TOKEN.
    Run {
        /// The knowledge folder to serve (default: the configured one).
        #[arg(long, value_name = "DIR")]
        knowledge: Option<PathBuf>,
    },
    /// Serve Discord's HTTP interactions (an Interactions Endpoint URL) instead of the gateway,
    /// on http_addr. Needs DISCORD_TOKEN and DISCORD_PUBLIC_KEY. Run several behind a load
    /// balancer with a PostgreSQL database_url.
    Serve {
        #[arg(long, value_name = "DIR")]
        knowledge: Option<PathBuf>,
    },
    /// The terminal console: try everything a member can do on Discord, with no token.
    Console {
        #[arg(long, value_name = "DIR")]
        knowledge: Option<PathBuf>,
        /// Where to save the clinic-check report (default: the current folder). An earlier
        /// report is never overwritten: the next is saved as clinic-check-report-2.md, ...
        #[arg(long, value_name = "DIR")]
        report_dir: Option<PathBuf>,
    },
    /// Answer one question from the knowledge base (exit 3 when no vetted fact matches).
    Ask {
        /// The question, in your own words.
        #[arg(required = true, num_args = 1..)]
        question: Vec<String>,
        #[arg(long, value_name = "DIR")]
        knowledge: Option<PathBuf>,
    },
    /// Validate a knowledge folder: every problem as path:line:col, exit 1 on errors.
    Check {
        /// The folder to check (default: the configured knowledge folder).
        #[arg(long, value_name = "DIR")]
        knowledge: Option<PathBuf>,
    },
    /// Register the slash commands with Discord (one bulk overwrite).
    Register {
        /// Register in this server only (instant; for testing) instead of globally.
        #[arg(long, value_name = "ID")]
        guild: Option<u64>,
        /// Print the JSON that would be sent and touch no network.
        #[arg(long)]
        print: bool,
    },
    /// Print the address that adds the bot to a server, with the permissions it needs.
    Invite {
        /// The application id (developer portal > General Information).
        #[arg(long, value_name = "ID")]
        application_id: Option<u64>,
    },
    /// Exit 0 when the running bot's health endpoint reports it healthy (for containers).
    Healthcheck,
}

fn main() -> ExitCode {
    let args = Cli::parse();
    let config = match Config::from_process(args.config.as_deref()) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("exobot: {e}");
            return ExitCode::from(exobot::startup::CANNOT_START);
        }
    };
    let code = match args.command {
        None => cli::run(config, true, Mode::Gateway),
        Some(Command::Run { knowledge }) => {
            let mut config = config;
            if let Some(dir) = knowledge {
                config.knowledge_dir = dir;
            }
            cli::run(config, false, Mode::Gateway)
        }
        Some(Command::Serve { knowledge }) => {
            let mut config = config;
            if let Some(dir) = knowledge {
                config.knowledge_dir = dir;
            }
            cli::run(config, false, Mode::Http)
        }
        Some(Command::Console {
            knowledge,
            report_dir,
        }) => cli::console(
            &knowledge.unwrap_or(config.knowledge_dir),
            false,
            report_dir.as_deref(),
        ),
        Some(Command::Ask {
            question,
            knowledge,
        }) => cli::ask(
            &knowledge.unwrap_or(config.knowledge_dir),
            &question.join(" "),
        ),
        Some(Command::Check { knowledge }) => {
            cli::check(&knowledge.unwrap_or(config.knowledge_dir))
        }
        Some(Command::Register { guild, print }) => cli::register(&config, guild, print),
        Some(Command::Invite { application_id }) => cli::invite(application_id),
        Some(Command::Healthcheck) => cli::healthcheck(&config),
    };
    ExitCode::from(code)
}
