//! The store: the fact messages the bot posted publicly, the share cooldowns and, where a server
//! opted in, the text of questions no fact answered (no user id, 30 days); nothing about
//! patients.
//!
//! Two backends behind one API. SQLite, the embedded default: one file in the data folder, in
//! WAL mode ([`Store::open`]). PostgreSQL, for several instances sharing one store
//! ([`Store::connect`]): every instance sees the same posts, a share cooldown claimed by one
//! holds for all, and after a reload each post is edited once, by whichever instance claims it
//! first ([`Store::claim_refresh`]). Both run the same migration files, `migrations/*.sql`, to
//! the same schema version.
//!
//! Every method is synchronous: the core (`App::handle`) is. The PostgreSQL backend bridges to
//! its async driver through a thread of its own (see `postgres.rs`).

mod postgres;
mod sqlite;
#[cfg(test)]
mod tests;

use std::fmt;
use std::path::Path;
use std::time::Duration;

/// The store's file in the data folder (SQLite).
pub const FILE: &str = "exobot.sqlite3";

/// How long a refused question's text is kept, in days.
pub const GAP_DAYS: i64 = 30;

/// How long a refresh claim that was never finished (its instance stopped mid-edit) holds before
/// another instance may take the post over, in seconds.
pub const REFRESH_LEASE_SECS: i64 = 120;

/// The schema migrations, oldest first: version `n` is the `n`th. Written in SQLite's dialect;
/// PostgreSQL runs them translated (see `postgres::translate`). Applied files are never edited:
/// a change is a new numbered file.
const MIGRATIONS: &[(&str, &str)] = &[
    ("001_posts", include_str!("migrations/001_posts.sql")),
    (
        "002_content_gaps",
        include_str!("migrations/002_content_gaps.sql"),
    ),
    (
        "003_share_cooldowns",
        include_str!("migrations/003_share_cooldowns.sql"),
    ),
    (
        "004_refresh_claims",
        include_str!("migrations/004_refresh_claims.sql"),
    ),
    (
        "005_share_claimants",
        include_str!("migrations/005_share_claimants.sql"),
    ),
];

/// Whether a posted fact still shows a topic that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostState {
    /// The message shows the topic as published.
    Current,
    /// The topic was removed or made a draft; the message says so.
    Withdrawn,
}

impl PostState {
    fn as_str(self) -> &'static str {
        match self {
            PostState::Current => "current",
            PostState::Withdrawn => "withdrawn",
        }
    }

    fn from_str(state: &str) -> Self {
        if state == "withdrawn" {
            PostState::Withdrawn
        } else {
            PostState::Current
        }
    }
}

/// One fact message the bot posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    /// The Discord message's id.
    pub message_id: u64,
    /// The channel it is in.
    pub channel_id: u64,
    /// The server of that channel.
    pub guild_id: u64,
    /// The topic it shows.
    pub topic: String,
    /// The knowledge-base revision it was last written from.
    pub revision: String,
    /// A fingerprint of the topic as rendered; it changes only when the topic does.
    pub fingerprint: String,
    /// Whether the topic is still published.
    pub state: PostState,
    /// Whether it is pinned in its channel.
    pub pinned: bool,
    /// Seconds since the Unix epoch.
    pub posted_at: i64,
}

/// Why the store could not do something, said in one line (never with a password).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The store could not be opened: the folder, the file, or the database server (named
    /// without its password), and why.
    Open(String),
    /// The schema could not be brought to this exobot's version.
    Migration(String),
    /// A read or write failed: `doing` names it ("record a post"), `detail` says why (a lost
    /// connection, a lock held too long, …). The next call tries again, reconnecting if need be.
    Query {
        /// What the store was doing.
        doing: &'static str,
        /// The driver's message.
        detail: String,
    },
    /// The PostgreSQL store's thread gave no answer: the work panicked there, or the thread has
    /// stopped (then every later call says this too).
    Stopped,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Open(why) => write!(f, "cannot open the store: {why}"),
            StoreError::Migration(why) => write!(f, "cannot migrate the store: {why}"),
            StoreError::Query { doing, detail } => write!(f, "store: cannot {doing}: {detail}"),
            StoreError::Stopped => f.write_str("store: its database thread gave no answer"),
        }
    }
}

impl std::error::Error for StoreError {}

/// A store result.
pub type Result<T> = std::result::Result<T, StoreError>;

/// The record of posts, share cooldowns and content gaps, in SQLite or PostgreSQL. Shared by
/// reference between threads; each call blocks its thread until the database answers.
#[derive(Debug)]
pub struct Store {
    backend: Backend,
}

#[derive(Debug)]
enum Backend {
    Sqlite(sqlite::Sqlite),
    Postgres(postgres::Postgres),
}

/// Calls the same method on whichever backend this store has.
macro_rules! each {
    ($store:expr, $b:ident => $call:expr) => {
        match &$store.backend {
            Backend::Sqlite($b) => $call,
            Backend::Postgres($b) => $call,
        }
    };
}

// Both databases keep ids as signed 64-bit integers; Discord snowflakes fit below 2^63.
fn to_sql(id: u64) -> i64 {
    i64::try_from(id).unwrap_or(i64::MAX)
}

fn from_sql(id: i64) -> u64 {
    u64::try_from(id).unwrap_or(0)
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

const COLUMNS: &str =
    "message_id, channel_id, guild_id, topic, revision, fingerprint, state, pinned, posted_at";

/// Recording a message id again updates its row: one row per message, whoever records it.
const ON_CONFLICT_UPDATE: &str = "ON CONFLICT (message_id) DO UPDATE SET
    channel_id = excluded.channel_id, guild_id = excluded.guild_id, topic = excluded.topic,
    revision = excluded.revision, fingerprint = excluded.fingerprint, state = excluded.state,
    pinned = excluded.pinned, posted_at = excluded.posted_at";

impl Store {
    /// Opens (creating if need be) the SQLite store in `dir`, in WAL mode, migrated to the
    /// latest schema. Errors: the folder or file cannot be made or read, or the migration fails
    /// (for one, a file written by a newer exobot).
    pub fn open(dir: &Path) -> Result<Self> {
        Ok(Self {
            backend: Backend::Sqlite(sqlite::Sqlite::open(dir)?),
        })
    }

    /// A SQLite store in memory, for tests and the console.
    pub fn in_memory() -> Result<Self> {
        Ok(Self {
            backend: Backend::Sqlite(sqlite::Sqlite::in_memory()?),
        })
    }

    /// Connects to the PostgreSQL database at `url` (`postgres://user:password@host/db`), with a
    /// small pool of connections, and migrates it to the latest schema; instances starting at
    /// once take turns (an advisory lock), so one migrates and the others find it done. Errors
    /// name the server without its password: the URL does not parse, the server cannot be
    /// reached or refuses the login (within 5 s), or the migration fails. TLS is not supported:
    /// `sslmode=require` fails to connect.
    pub fn connect(url: &str) -> Result<Self> {
        Ok(Self {
            backend: Backend::Postgres(postgres::Postgres::connect(url)?),
        })
    }

    /// Where the store is, for the logs: the SQLite file, or the PostgreSQL user, host and
    /// database (never the password).
    pub fn describe(&self) -> String {
        match &self.backend {
            Backend::Sqlite(b) => format!("SQLite {}", b.describe()),
            Backend::Postgres(b) => format!("PostgreSQL {}", b.describe()),
        }
    }

    /// The schema version the store is at: the number of migrations applied, the same on both
    /// backends.
    pub fn schema_version(&self) -> Result<usize> {
        each!(self, b => b.schema_version())
    }

    /// Records a posted fact; recording the same message id again updates that one record.
    pub fn record(&self, post: &Post) -> Result<()> {
        each!(self, b => b.record(post))
    }

    /// The post recorded for `message_id`, if any.
    pub fn get(&self, message_id: u64) -> Result<Option<Post>> {
        each!(self, b => b.get(message_id))
    }

    /// The posts of one channel, newest first.
    pub fn in_channel(&self, channel_id: u64) -> Result<Vec<Post>> {
        each!(self, b => b.in_channel(channel_id))
    }

    /// Every post, oldest first (the order edits are made in).
    pub fn all(&self) -> Result<Vec<Post>> {
        each!(self, b => b.all())
    }

    /// The message now shows `fingerprint` of `revision`, in `state`; its refresh claim, if
    /// any, is done (it will not be taken over when its lease runs out).
    pub fn mark_refreshed(
        &self,
        message_id: u64,
        revision: &str,
        fingerprint: &str,
        state: PostState,
    ) -> Result<()> {
        each!(self, b => b.mark_refreshed(message_id, revision, fingerprint, state))
    }

    /// Claims the edit of `message_id` to `revision`, at `now` (Unix seconds): true for exactly
    /// one caller across every instance sharing the store, who then edits the message and calls
    /// [`Store::mark_refreshed`] (or [`Store::release_refresh`] if the edit failed). False when
    /// the post is already claimed for that revision (by anyone, finished or not, unless an
    /// unfinished claim is older than [`REFRESH_LEASE_SECS`]), or not recorded.
    pub fn claim_refresh(&self, message_id: u64, revision: &str, now: i64) -> Result<bool> {
        each!(self, b => b.claim_refresh(message_id, revision, now))
    }

    /// Gives back a claim on `message_id` for `revision` whose edit failed, so a later refresh
    /// may try again. Does nothing if the claim is no longer for `revision`.
    pub fn release_refresh(&self, message_id: u64, revision: &str) -> Result<()> {
        each!(self, b => b.release_refresh(message_id, revision))
    }

    /// Claims sharing `topic` in `channel_id` for the interaction `claimant` at `now_ms` (Unix
    /// milliseconds) for `cooldown`: true, and the cooldown starts, unless the same topic was
    /// claimed in that channel less than its cooldown ago, by this instance or another (false).
    /// A claim is still its claimant's: the same interaction delivered again (to another
    /// instance, after the first stopped) gets true again; a `claimant` of 0 is no one's.
    /// Expired claims are dropped.
    pub fn claim_share(
        &self,
        channel_id: u64,
        topic: &str,
        claimant: u64,
        now_ms: i64,
        cooldown: Duration,
    ) -> Result<bool> {
        let until_ms = now_ms.saturating_add(millis(cooldown));
        each!(self, b => b.claim_share(channel_id, topic, claimant, now_ms, until_ms))
    }

    /// Records whether the message is pinned.
    pub fn set_pinned(&self, message_id: u64, pinned: bool) -> Result<()> {
        each!(self, b => b.set_pinned(message_id, pinned))
    }

    /// Forgets a post (removed by a moderator, or deleted on Discord); false if it was not
    /// recorded.
    pub fn forget(&self, message_id: u64) -> Result<bool> {
        each!(self, b => b.forget(message_id))
    }

    /// Whether `guild_id` opted in to keeping the text of refused questions (off by default).
    pub fn keeps_gaps(&self, guild_id: u64) -> Result<bool> {
        each!(self, b => b.keeps_gaps(guild_id))
    }

    /// Opts `guild_id` in or out; opting out deletes what was kept, in the same transaction.
    pub fn set_keep_gaps(&self, guild_id: u64, keep: bool) -> Result<()> {
        each!(self, b => b.set_keep_gaps(guild_id, keep))
    }

    /// Keeps a refused question's text for `guild_id`, asked at `now` (Unix seconds), and drops
    /// every kept question older than [`GAP_DAYS`].
    pub fn record_gap(&self, guild_id: u64, question: &str, now: i64) -> Result<()> {
        each!(self, b => b.record_gap(guild_id, question, now))
    }

    /// The questions `guild_id` kept in the last [`GAP_DAYS`] before `now` (Unix seconds), newest
    /// first: (asked at, text).
    pub fn gaps(&self, guild_id: u64, now: i64) -> Result<Vec<(i64, String)>> {
        each!(self, b => b.gaps(guild_id, now))
    }

    /// "ok" when the store is sound: SQLite's own consistency check of the file; on PostgreSQL,
    /// that the server answers (it checks its own consistency).
    pub fn integrity(&self) -> Result<String> {
        each!(self, b => b.integrity())
    }
}
