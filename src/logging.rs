//! Log set-up: human-readable or JSON lines, with the libraries that print secrets held quiet.

use tracing_subscriber::EnvFilter;

use crate::config::{Config, LogFormat};

/// Targets that print tokens at TRACE (the gateway's IDENTIFY, request URLs holding interaction
/// tokens): held at WARN whatever `log_level` says. Not INFO: serenity's instrumented functions
/// open INFO spans whose fields are formatted with Debug on every event, which cost about 40% of
/// the bot's CPU under load, and their fields can hold interaction tokens.
const QUIET: &[&str] = &[
    "serenity",
    "tungstenite",
    "tokio_tungstenite",
    "reqwest",
    "hyper",
    "hyper_util",
    "h2",
    "rustls",
];

/// Targets held at ERROR. Parts of serenity, because their warnings quote what Discord sent: a
/// gateway frame that does not parse is printed whole (it can hold an interaction token and what
/// a member typed), the parse error quotes the offending value, and an unexpected success status
/// prints the request path (an interaction token); the bot logs gateway stages itself instead.
/// And the search's tokenizer, which traces every character of the question it reads.
const SILENT: &[&str] = &[
    "serenity::gateway::ws",
    "serenity::gateway::shard",
    "serenity::http",
    "tokenizers",
];

/// The filter for a configured level. Directives naming the quiet libraries are dropped and
/// those libraries capped at WARN (some parts at ERROR), so no setting can make them print
/// secrets.
pub(crate) fn filter(level: &str) -> Result<EnvFilter, String> {
    EnvFilter::try_new(directives(level).join(","))
        .map_err(|e| format!("log_level `{level}` is not a valid filter: {e}"))
}

fn directives(level: &str) -> Vec<String> {
    let quiet = |directive: &str| {
        let target = directive.split(['=', '[']).next().unwrap_or("").trim();
        QUIET
            .iter()
            .any(|q| target == *q || target.starts_with(&format!("{q}::")))
    };
    let mut directives: Vec<String> = level
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty() && !quiet(d))
        .map(str::to_owned)
        .collect();
    directives.extend(QUIET.iter().map(|q| format!("{q}=warn")));
    directives.extend(SILENT.iter().map(|q| format!("{q}=error")));
    directives
}

/// Installs the global subscriber, writing to stderr.
pub(crate) fn init(config: &Config) -> Result<(), String> {
    let filter = filter(&config.log_level)?;
    // Colours only for a person at a terminal, never in files or a container's log.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(std::io::stderr);
    let result = match config.log_format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
    result.map_err(|e| format!("cannot start logging: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libraries_that_print_tokens_stay_at_warn_whatever_is_asked() {
        let asked = "trace,serenity=trace,tungstenite::protocol[frame]=trace";
        let got = directives(asked);
        assert_eq!(got[0], "trace");
        let capped: Vec<String> = QUIET
            .iter()
            .map(|q| format!("{q}=warn"))
            .chain(SILENT.iter().map(|q| format!("{q}=error")))
            .collect();
        assert_eq!(got[1..], capped[..]);
        assert!(filter(asked).is_ok());
    }

    #[test]
    fn a_bad_level_is_an_error_naming_it() {
        let err = filter("exobot=loud").err().unwrap_or_default();
        assert!(
            err.starts_with("log_level `exobot=loud` is not a valid filter"),
            "{err}"
        );
    }
}
