//! The `exobot` command line: a thin layer over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use exobot::cli;

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
    /// Validate a knowledge folder: every problem as path:line:col, exit 1 on errors.
    Check {
        /// The folder to check (default: the configured knowledge folder).
        #[arg(long, value_name = "DIR")]
        knowledge: Option<PathBuf>,
    },
    /// Answer one question from the knowledge base in the terminal (exit 3 when nothing matches).
    /// The terminal console: try everything a member can do on Discord, with no token.
    Console {
        #[arg(long, value_name = "DIR")]
        knowledge: Option<PathBuf>,
    },
    Ask {
        /// The question, in your own words.
        #[arg(required = true, num_args = 1..)]
        question: Vec<String>,
        #[arg(long, value_name = "DIR")]
        knowledge: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match exobot::config::Config::from_process(cli.config.as_deref()) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("exobot: {e}");
            return ExitCode::from(2);
        }
    };
    let code = match cli.command {
        Some(Command::Check { knowledge }) => {
            cli::check(&knowledge.unwrap_or(config.knowledge_dir))
        }
        Some(Command::Ask {
            question,
            knowledge,
        }) => cli::ask(
            &knowledge.unwrap_or(config.knowledge_dir),
            &question.join(" "),
        ),
        Some(Command::Console { knowledge }) => {
            cli::console(&knowledge.unwrap_or(config.knowledge_dir), false)
        }
        None => cli::console(&config.knowledge_dir, true),
    };
    ExitCode::from(code)
}
