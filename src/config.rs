//! Settings, layered: built-in defaults < `config/exobot.toml` < `EXOBOT_*` environment variables.
//!
//! Secrets (the Discord token, the check-token secret) come from the environment only. Unknown
//! keys in the file and unknown `EXOBOT_*` variables are errors, so a typo never goes unnoticed.
//!
//! Over 500 lines only with its unit tests (about 190 lines at the end).

use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, SourceFile};

/// The folder of this source tree, where a fresh clone keeps its config and knowledge.
const CHECKOUT: &str = env!("CARGO_MANIFEST_DIR");

/// Environment variables holding secrets; never read from a file.
pub const TOKEN_VAR: &str = "DISCORD_TOKEN";
pub const SECRET_VAR: &str = "EXOBOT_STATE_SECRET";
/// The application's Ed25519 public key (hex, from the developer portal's General Information
/// page), which `exobot serve` checks every request's signature against.
pub const PUBLIC_KEY_VAR: &str = "DISCORD_PUBLIC_KEY";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// The bot's settings, resolved.
#[derive(Clone, PartialEq, Eq)]
pub struct Config {
    /// The folder of vetted knowledge files.
    pub knowledge_dir: PathBuf,
    /// Where the bot keeps its store and its generated secret.
    pub data_dir: PathBuf,
    pub log_format: LogFormat,
    /// A tracing filter, e.g. `info` or `exobot=debug`.
    pub log_level: String,
    /// Serve /health on this address; `None` turns it off.
    pub health_addr: Option<SocketAddr>,
    /// Send Discord's REST calls through this rate-limiting proxy instead of discord.com.
    pub proxy_url: Option<String>,
    /// Users who may reload the knowledge base besides server managers.
    pub owners: Vec<u64>,
    /// Which gateway shards this process runs.
    pub shards: Shards,
    /// Where `exobot serve` listens for Discord's signed interaction requests.
    pub http_addr: SocketAddr,
    /// `postgres://…`: keep the store in PostgreSQL (shared by every instance); `None` keeps it
    /// in SQLite in `data_dir`.
    pub database_url: Option<String>,
    /// The application's public key (hex), from [`PUBLIC_KEY_VAR`]; `exobot serve` needs it.
    pub public_key: Option<String>,
    /// Secret: the Discord bot token, from the environment only.
    pub token: Option<String>,
    /// Secret: keys the clinic-check tokens; from the environment, else generated in `data_dir`.
    pub state_secret: Option<String>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("knowledge_dir", &self.knowledge_dir)
            .field("data_dir", &self.data_dir)
            .field("log_format", &self.log_format)
            .field("log_level", &self.log_level)
            .field("health_addr", &self.health_addr)
            .field("proxy_url", &self.proxy_url)
            .field("owners", &self.owners)
            .field("shards", &self.shards)
            .field("http_addr", &self.http_addr)
            .field("database_url", &self.database_url.as_ref().map(|_| "<set>"))
            .field("public_key", &self.public_key)
            .field("token", &self.token.as_ref().map(|_| "<set>"))
            .field("state_secret", &self.state_secret.as_ref().map(|_| "<set>"))
            .finish()
    }
}

/// Every setting, as the file writes it: `config/exobot.toml` sets them by these names and the
/// environment by `EXOBOT_<NAME>` (upper case). A new setting is one field here and one line in
/// [`Config::apply`]; the environment's names and the list of known ones derive from this.
/// All optional: what is missing keeps its default.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    knowledge_dir: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    log_format: Option<LogFormat>,
    log_level: Option<String>,
    health_addr: Option<String>,
    proxy_url: Option<String>,
    owners: Option<Owners>,
    shards: Option<String>,
    http_addr: Option<String>,
    database_url: Option<String>,
}

/// User ids: a list in the file, comma-separated text in the environment.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Owners {
    List(Vec<u64>),
    Text(String),
}

impl Owners {
    fn ids(self) -> Result<Vec<u64>, String> {
        match self {
            Owners::List(ids) => Ok(ids),
            Owners::Text(text) => text
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().map_err(|_| format!("`{s}` is not a user id")))
                .collect(),
        }
    }
}

/// The settings' names as [`FileConfig`]'s `Deserialize` declares them, read by asking serde
/// for them (a deserializer that records the field list it is handed and reads nothing).
fn setting_names() -> &'static [&'static str] {
    struct Names(&'static [&'static str]);
    #[derive(Debug)]
    struct Stop;
    impl fmt::Display for Stop {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("field names read")
        }
    }
    impl std::error::Error for Stop {}
    impl serde::de::Error for Stop {
        fn custom<T: fmt::Display>(_: T) -> Self {
            Stop
        }
    }
    impl<'de> serde::Deserializer<'de> for &mut Names {
        type Error = Stop;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            self.0 = fields;
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let mut names = Names(&[]);
    let _ = FileConfig::deserialize(&mut names);
    names.0
}

/// Every `EXOBOT_*` variable the bot reads, for the error that names an unknown one.
fn known_variables() -> String {
    let mut names = vec!["EXOBOT_CONFIG".to_owned()];
    names.extend(
        setting_names()
            .iter()
            .map(|n| format!("EXOBOT_{}", n.to_uppercase())),
    );
    names.push(SECRET_VAR.to_owned());
    names.join(", ")
}

/// A configuration that cannot be used, said in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl From<Diagnostic> for ConfigError {
    fn from(d: Diagnostic) -> Self {
        Self(d.to_string())
    }
}

/// The config file used when none is named: the checkout's, when it exists.
pub fn default_file() -> Option<PathBuf> {
    let path = Path::new(CHECKOUT).join("config").join("exobot.toml");
    path.is_file().then_some(path)
}

impl Config {
    /// Built-in defaults: the checkout's knowledge and data folders, text logs at info, health on.
    pub fn defaults() -> Self {
        Self {
            knowledge_dir: Path::new(CHECKOUT).join("knowledge"),
            data_dir: Path::new(CHECKOUT).join("data"),
            log_format: LogFormat::Text,
            log_level: "info".to_owned(),
            health_addr: Some(SocketAddr::from(([127, 0, 0, 1], 8787))),
            proxy_url: None,
            owners: Vec::new(),
            shards: Shards::Recommended,
            http_addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: None,
            public_key: None,
            token: None,
            state_secret: None,
        }
    }

    /// Defaults, then `file` (if any), then the `EXOBOT_*` variables of `env`.
    pub fn load(file: Option<&Path>, env: &BTreeMap<String, String>) -> Result<Self, ConfigError> {
        let mut config = Self::defaults();
        if let Some(path) = file {
            config.apply_file(path)?;
        }
        config.apply_env(env)?;
        Ok(config)
    }

    /// Loads from the process environment and the named or default file.
    pub fn from_process(file: Option<&Path>) -> Result<Self, ConfigError> {
        let env: BTreeMap<String, String> = std::env::vars().collect();
        let named = file
            .map(Path::to_owned)
            .or_else(|| env.get("EXOBOT_CONFIG").map(PathBuf::from));
        let file = named.or_else(default_file);
        Self::load(file.as_deref(), &env)
    }

    fn apply_file(&mut self, path: &Path) -> Result<(), ConfigError> {
        let text = crate::knowledge::read_text(path)?;
        let source = SourceFile { path, text: &text };
        let parsed: FileConfig =
            toml::from_str(&text).map_err(|e| crate::knowledge::toml_error(source, &e))?;
        // Relative paths in the file are relative to the file's folder, not the working directory.
        let base = path.parent().unwrap_or(Path::new("."));
        self.apply(parsed, Some(base))
            .map_err(|m| ConfigError(format!("{}: {m}", path.display())))
    }

    /// Sets what `file` names; relative paths are resolved against `base` (the file's folder)
    /// when given. The error is `key: what is wrong`.
    fn apply(&mut self, file: FileConfig, base: Option<&Path>) -> Result<(), String> {
        let path = |p: PathBuf| base.map_or_else(|| p.clone(), |b| normalize(&b.join(&p)));
        let bad = |key: &'static str| move |m: String| format!("{key}: {m}");
        let FileConfig {
            knowledge_dir,
            data_dir,
            log_format,
            log_level,
            health_addr,
            proxy_url,
            owners,
            shards,
            http_addr,
            database_url,
        } = file;
        if let Some(v) = knowledge_dir {
            self.knowledge_dir = path(v);
        }
        if let Some(v) = data_dir {
            self.data_dir = path(v);
        }
        if let Some(v) = log_format {
            self.log_format = v;
        }
        if let Some(v) = log_level {
            self.log_level = v;
        }
        if let Some(v) = health_addr {
            self.health_addr = parse_health(&v).map_err(bad("health_addr"))?;
        }
        if let Some(v) = proxy_url {
            self.proxy_url = non_empty(v);
        }
        if let Some(v) = owners {
            self.owners = v.ids().map_err(bad("owners"))?;
        }
        if let Some(v) = shards {
            self.shards = v.parse().map_err(bad("shards"))?;
        }
        if let Some(v) = http_addr {
            self.http_addr = parse_addr(&v).map_err(bad("http_addr"))?;
        }
        if let Some(v) = database_url {
            self.database_url = parse_database_url(&v).map_err(bad("database_url"))?;
        }
        Ok(())
    }

    /// The secrets, then each `EXOBOT_<NAME>` as the file's `name` would set it.
    fn apply_env(&mut self, env: &BTreeMap<String, String>) -> Result<(), ConfigError> {
        for (key, value) in env {
            match key.as_str() {
                TOKEN_VAR => self.token = non_empty(value.clone()),
                PUBLIC_KEY_VAR => self.public_key = non_empty(value.clone()),
                SECRET_VAR => self.state_secret = non_empty(value.clone()),
                "EXOBOT_CONFIG" => {}
                _ => {
                    if let Some(name) = key.strip_prefix("EXOBOT_") {
                        self.apply_variable(key, &name.to_lowercase(), value)?;
                    }
                }
            }
        }
        Ok(())
    }

    fn apply_variable(&mut self, key: &str, name: &str, value: &str) -> Result<(), ConfigError> {
        if !setting_names().contains(&name) {
            return Err(ConfigError(format!(
                "unknown environment variable {key}; known: {}",
                known_variables()
            )));
        }
        let mut table = toml::Table::new();
        table.insert(name.to_owned(), toml::Value::String(value.to_owned()));
        let bad = |m: String| ConfigError(format!("environment variable {key}: {m}"));
        let one: FileConfig = table
            .try_into()
            .map_err(|e: toml::de::Error| bad(e.message().to_owned()))?;
        self.apply(one, None)
            .map_err(|m| bad(m.split_once(": ").map_or(m.clone(), |(_, m)| m.to_owned())))
    }
}

/// `a/config/../knowledge` as `a/knowledge`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn non_empty(value: String) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// `off` turns the endpoint off; anything else must be an address such as 127.0.0.1:8787.
fn parse_health(value: &str) -> Result<Option<SocketAddr>, String> {
    match value.trim() {
        "off" | "" => Ok(None),
        v => v
            .parse()
            .map(Some)
            .map_err(|_| format!("expected an address such as 127.0.0.1:8787 or `off`, not `{v}`")),
    }
}

/// An address such as 127.0.0.1:8080.
fn parse_addr(value: &str) -> Result<SocketAddr, String> {
    let v = value.trim();
    v.parse()
        .map_err(|_| format!("expected an address such as 127.0.0.1:8080, not `{v}`"))
}

/// Empty keeps SQLite; otherwise a `postgres://` or `postgresql://` URL.
fn parse_database_url(value: &str) -> Result<Option<String>, String> {
    match non_empty(value.to_owned()) {
        None => Ok(None),
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Ok(Some(url))
        }
        Some(_) => Err("expected a postgres:// URL, or empty for SQLite in data_dir".to_owned()),
    }
}

/// Which of the bot's gateway shards this process runs. Discord requires sharding from 2,500
/// servers and closes an unsharded connection with 4011
/// (<https://discord.com/developers/docs/events/gateway#sharding>).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shards {
    /// All shards, as many as `GET /gateway/bot` recommends (the default).
    Recommended,
    /// Shards `first..=last` of `total`, written `"first-last/total"` (or `"id/total"`): several
    /// processes split one total this way.
    Range { first: u32, last: u32, total: u32 },
}

impl std::str::FromStr for Shards {
    type Err = String;

    /// `""` or `"auto"`, `"0-7/16"`, `"3/16"`; errors say what was expected.
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if s.is_empty() || s == "auto" {
            return Ok(Shards::Recommended);
        }
        let expected = || format!("expected `auto` or a range such as `0-7/16`, not `{s}`");
        let (range, total) = s.split_once('/').ok_or_else(expected)?;
        let (first, last) = range.split_once('-').unwrap_or((range, range));
        let number = |t: &str| t.trim().parse::<u32>().map_err(|_| expected());
        let (first, last, total) = (number(first)?, number(last)?, number(total)?);
        if total == 0 || first > last || last >= total {
            return Err(format!(
                "`{s}`: shard ids must satisfy first <= last < total, and total >= 1"
            ));
        }
        Ok(Shards::Range { first, last, total })
    }
}

impl fmt::Display for Shards {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shards::Recommended => f.write_str("auto"),
            Shards::Range { first, last, total } => write!(f, "{first}-{last}/{total}"),
        }
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn write(dir: &Path, text: &str) -> PathBuf {
        std::fs::create_dir_all(dir).unwrap();
        let path = dir.join("exobot.toml");
        std::fs::write(&path, text).unwrap();
        path
    }

    /// A scratch folder, removed when dropped (also when the test fails).
    struct Temp(PathBuf);

    impl Drop for Temp {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    impl std::ops::Deref for Temp {
        type Target = Path;
        fn deref(&self) -> &Path {
            &self.0
        }
    }

    fn temp(name: &str) -> Temp {
        Temp(std::env::temp_dir().join(format!("exobot-config-{name}-{}", std::process::id())))
    }

    #[test]
    fn the_environment_wins_over_the_file_and_the_file_over_defaults() {
        let dir = temp("layers");
        let path = write(&dir, "log_level = \"debug\"\nknowledge_dir = \"kb\"\n");
        let config = Config::load(Some(&path), &env(&[("EXOBOT_LOG_LEVEL", "warn")])).unwrap();
        assert_eq!(config.log_level, "warn");
        assert_eq!(config.knowledge_dir, dir.join("kb"));
        assert_eq!(config.log_format, LogFormat::Text);
    }

    #[test]
    fn relative_paths_in_the_file_are_resolved_against_its_folder_without_dot_dots() {
        let dir = temp("relative");
        let path = write(&dir.join("config"), "knowledge_dir = \"../kb\"\n");
        let config = Config::load(Some(&path), &env(&[])).unwrap();
        assert_eq!(config.knowledge_dir, dir.join("kb"));
    }

    #[test]
    fn an_unknown_key_in_the_file_is_named_with_its_line() {
        let dir = temp("unknown");
        let path = write(&dir, "log_level = \"info\"\nlog_levle = \"debug\"\n");
        let err = Config::load(Some(&path), &env(&[])).unwrap_err();
        assert!(
            err.0.starts_with(&format!(
                "{}:2:1: error: unknown field `log_levle`",
                path.display()
            )),
            "{err}"
        );
    }

    #[test]
    fn an_unknown_exobot_variable_is_an_error() {
        let err = Config::load(None, &env(&[("EXOBOT_KNOWLEDGE", "x")])).unwrap_err();
        assert!(
            err.0
                .starts_with("unknown environment variable EXOBOT_KNOWLEDGE;"),
            "{err}"
        );
    }

    #[test]
    fn secrets_come_from_the_environment_and_are_not_printed() {
        let config = Config::load(
            None,
            &env(&[("DISCORD_TOKEN", "abc.def"), ("EXOBOT_STATE_SECRET", "s3")]),
        )
        .unwrap();
        assert_eq!(config.token.as_deref(), Some("abc.def"));
        let shown = format!("{config:?}");
        assert!(
            !shown.contains("abc.def") && !shown.contains("s3\""),
            "{shown}"
        );
    }

    #[test]
    fn the_shipped_config_file_says_the_defaults() {
        let shipped = default_file().expect("config/exobot.toml is in the checkout");
        let config = Config::load(Some(&shipped), &env(&[])).unwrap();
        assert_eq!(config, Config::defaults());
    }

    #[test]
    fn every_setting_is_in_the_shipped_file_and_has_its_environment_variable() {
        let shipped = std::fs::read_to_string(default_file().unwrap()).unwrap();
        let table: toml::Table = toml::from_str(&shipped).unwrap();
        let mut in_file: Vec<&str> = table.keys().map(String::as_str).collect();
        let mut names = setting_names().to_vec();
        in_file.sort_unstable();
        names.sort_unstable();
        assert_eq!(in_file, names, "config/exobot.toml documents every setting");
        assert_eq!(names.len(), 10);
        let config = Config::load(
            None,
            &env(&[
                ("EXOBOT_OWNERS", "1, 2"),
                ("EXOBOT_LOG_FORMAT", "json"),
                ("EXOBOT_HTTP_ADDR", "0.0.0.0:9000"),
            ]),
        )
        .unwrap();
        assert_eq!(config.owners, [1, 2]);
        assert_eq!(config.log_format, LogFormat::Json);
        assert_eq!(config.http_addr.port(), 9000);
        let err = Config::load(None, &env(&[("EXOBOT_LOG_FORMAT", "xml")])).unwrap_err();
        assert!(
            err.0
                .starts_with("environment variable EXOBOT_LOG_FORMAT: unknown variant `xml`"),
            "{err}"
        );
        let err = Config::load(None, &env(&[("EXOBOT_OWNERS", "1,x")])).unwrap_err();
        assert_eq!(
            err.0,
            "environment variable EXOBOT_OWNERS: `x` is not a user id"
        );
        let err = Config::load(None, &env(&[("EXOBOT_KNOWLEDGE", "x")])).unwrap_err();
        assert!(
            err.0.contains("EXOBOT_DATABASE_URL, EXOBOT_STATE_SECRET"),
            "{err}"
        );
    }

    #[test]
    fn shard_ranges_parse_and_bad_ones_are_named() {
        assert_eq!("auto".parse::<Shards>(), Ok(Shards::Recommended));
        assert_eq!(
            "0-7/16".parse::<Shards>(),
            Ok(Shards::Range {
                first: 0,
                last: 7,
                total: 16
            })
        );
        assert_eq!(
            "3/4".parse::<Shards>(),
            Ok(Shards::Range {
                first: 3,
                last: 3,
                total: 4
            })
        );
        for bad in ["4/4", "2-1/4", "0-1/0", "x/4", "0-7"] {
            assert!(bad.parse::<Shards>().is_err(), "{bad} parsed");
        }
        let err = Config::load(None, &env(&[("EXOBOT_SHARDS", "0-9/4")])).unwrap_err();
        assert!(
            err.0.starts_with("environment variable EXOBOT_SHARDS:"),
            "{err}"
        );
    }

    #[test]
    fn the_database_must_be_postgres_when_named() {
        let config = Config::load(
            None,
            &env(&[("EXOBOT_DATABASE_URL", "postgres://exobot@localhost/exobot")]),
        )
        .unwrap();
        assert_eq!(
            config.database_url.as_deref(),
            Some("postgres://exobot@localhost/exobot")
        );
        assert!(!format!("{config:?}").contains("localhost"));
        assert!(Config::load(None, &env(&[("EXOBOT_DATABASE_URL", "mysql://x")])).is_err());
    }

    #[test]
    fn the_health_endpoint_can_be_turned_off() {
        let config = Config::load(None, &env(&[("EXOBOT_HEALTH_ADDR", "off")])).unwrap();
        assert_eq!(config.health_addr, None);
    }
}
