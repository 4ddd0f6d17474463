//! The embedded SQLite store: the fact messages the bot posted publicly and, where a server
//! opted in, the text of questions no fact answered (no user id, 30 days); nothing about
//! patients. One file in the data folder, in WAL mode, migrated from `migrations/` on open.

use std::path::Path;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension};
use rusqlite_migration::{Migrations, M};

/// The store's file in the data folder.
pub const FILE: &str = "exobot.sqlite3";

/// How long a refused question's text is kept, in days.
pub const GAP_DAYS: i64 = 30;

/// How long a write waits for a lock held by another process before it fails.
const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/001_posts.sql")),
        M::up(include_str!("migrations/002_content_gaps.sql")),
    ])
}

/// Whether a posted fact still shows a topic that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostState {
    Current,
    Withdrawn,
}

impl PostState {
    fn as_str(self) -> &'static str {
        match self {
            PostState::Current => "current",
            PostState::Withdrawn => "withdrawn",
        }
    }
}

/// One fact message the bot posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub message_id: u64,
    pub channel_id: u64,
    pub guild_id: u64,
    pub topic: String,
    pub revision: String,
    pub fingerprint: String,
    pub state: PostState,
    pub pinned: bool,
    /// Seconds since the Unix epoch.
    pub posted_at: i64,
}

/// A store error, said in one line.
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        Self(format!("store: {e}"))
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

#[derive(Debug)]
pub struct Store {
    conn: Mutex<Connection>,
}

// SQLite keeps ids as signed 64-bit integers; Discord snowflakes fit below 2^63.
fn to_sql(id: u64) -> i64 {
    i64::try_from(id).unwrap_or(i64::MAX)
}

fn from_sql(id: i64) -> u64 {
    u64::try_from(id).unwrap_or(0)
}

fn row_to_post(row: &rusqlite::Row<'_>) -> rusqlite::Result<Post> {
    let state: String = row.get("state")?;
    Ok(Post {
        message_id: from_sql(row.get("message_id")?),
        channel_id: from_sql(row.get("channel_id")?),
        guild_id: from_sql(row.get("guild_id")?),
        topic: row.get("topic")?,
        revision: row.get("revision")?,
        fingerprint: row.get("fingerprint")?,
        state: if state == "withdrawn" {
            PostState::Withdrawn
        } else {
            PostState::Current
        },
        pinned: row.get::<_, i64>("pinned")? != 0,
        posted_at: row.get("posted_at")?,
    })
}

const COLUMNS: &str =
    "message_id, channel_id, guild_id, topic, revision, fingerprint, state, pinned, posted_at";

impl Store {
    /// Opens (creating if need be) the store in `dir`, in WAL mode, migrated to the latest schema.
    pub fn open(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError(format!("cannot create {}: {e}", dir.display())))?;
        let mut conn = Connection::open(dir.join(FILE))?;
        Self::prepare(&mut conn)?;
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    /// A store in memory, for tests and the console.
    pub fn in_memory() -> Result<Self> {
        let mut conn = Connection::open_in_memory()?;
        Self::prepare(&mut conn)?;
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    fn prepare(conn: &mut Connection) -> Result<()> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // The records are small: a page cache of 256 KiB instead of SQLite's 2 MiB default.
        conn.pragma_update(None, "cache_size", -256)?;
        migrations()
            .to_latest(conn)
            .map_err(|e| StoreError(format!("store migration failed: {e}")))
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records a posted fact (or replaces the record of the same message).
    pub fn record(&self, post: &Post) -> Result<()> {
        self.conn().execute(
            &format!("INSERT OR REPLACE INTO posts ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
            params![
                to_sql(post.message_id),
                to_sql(post.channel_id),
                to_sql(post.guild_id),
                post.topic,
                post.revision,
                post.fingerprint,
                post.state.as_str(),
                i64::from(post.pinned),
                post.posted_at,
            ],
        )?;
        Ok(())
    }

    pub fn get(&self, message_id: u64) -> Result<Option<Post>> {
        let conn = self.conn();
        let post = conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM posts WHERE message_id = ?1"),
                params![to_sql(message_id)],
                row_to_post,
            )
            .optional()?;
        Ok(post)
    }

    /// The posts of one channel, newest first.
    pub fn in_channel(&self, channel_id: u64) -> Result<Vec<Post>> {
        self.query(
            &format!("SELECT {COLUMNS} FROM posts WHERE channel_id = ?1 ORDER BY posted_at DESC, message_id DESC"),
            params![to_sql(channel_id)],
        )
    }

    /// Every post, oldest first (the order edits are made in).
    pub fn all(&self) -> Result<Vec<Post>> {
        self.query(
            &format!("SELECT {COLUMNS} FROM posts ORDER BY posted_at, message_id"),
            params![],
        )
    }

    fn query(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Post>> {
        let conn = self.conn();
        let mut statement = conn.prepare(sql)?;
        let rows = statement.query_map(params, row_to_post)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The message now shows `fingerprint` of `revision`, in `state`.
    pub fn mark_refreshed(
        &self,
        message_id: u64,
        revision: &str,
        fingerprint: &str,
        state: PostState,
    ) -> Result<()> {
        self.conn().execute(
            "UPDATE posts SET revision = ?2, fingerprint = ?3, state = ?4 WHERE message_id = ?1",
            params![to_sql(message_id), revision, fingerprint, state.as_str()],
        )?;
        Ok(())
    }

    pub fn set_pinned(&self, message_id: u64, pinned: bool) -> Result<()> {
        self.conn().execute(
            "UPDATE posts SET pinned = ?2 WHERE message_id = ?1",
            params![to_sql(message_id), i64::from(pinned)],
        )?;
        Ok(())
    }

    /// Forgets a post (removed by a moderator, or deleted on Discord).
    pub fn forget(&self, message_id: u64) -> Result<bool> {
        let n = self.conn().execute(
            "DELETE FROM posts WHERE message_id = ?1",
            params![to_sql(message_id)],
        )?;
        Ok(n > 0)
    }

    /// Whether `guild_id` opted in to keeping the text of refused questions (off by default).
    pub fn keeps_gaps(&self, guild_id: u64) -> Result<bool> {
        let keep: Option<i64> = self
            .conn()
            .query_row(
                "SELECT keep FROM gap_settings WHERE guild_id = ?1",
                params![to_sql(guild_id)],
                |row| row.get(0),
            )
            .optional()?;
        Ok(keep.is_some_and(|k| k != 0))
    }

    /// Opts `guild_id` in or out; opting out deletes what was kept.
    pub fn set_keep_gaps(&self, guild_id: u64, keep: bool) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO gap_settings (guild_id, keep) VALUES (?1, ?2)
             ON CONFLICT (guild_id) DO UPDATE SET keep = excluded.keep",
            params![to_sql(guild_id), i64::from(keep)],
        )?;
        if !keep {
            tx.execute(
                "DELETE FROM gaps WHERE guild_id = ?1",
                params![to_sql(guild_id)],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Keeps a refused question's text for `guild_id`, asked at `now` (Unix seconds), and drops
    /// every kept question older than [`GAP_DAYS`].
    pub fn record_gap(&self, guild_id: u64, question: &str, now: i64) -> Result<()> {
        let conn = self.conn();
        conn.execute(
            "DELETE FROM gaps WHERE asked_at < ?1",
            params![now - GAP_DAYS * 86_400],
        )?;
        conn.execute(
            "INSERT INTO gaps (guild_id, question, asked_at) VALUES (?1, ?2, ?3)",
            params![to_sql(guild_id), question, now],
        )?;
        Ok(())
    }

    /// The questions `guild_id` kept in the last [`GAP_DAYS`] before `now` (Unix seconds), newest
    /// first: (asked at, text).
    pub fn gaps(&self, guild_id: u64, now: i64) -> Result<Vec<(i64, String)>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT asked_at, question FROM gaps WHERE guild_id = ?1 AND asked_at >= ?2
             ORDER BY asked_at DESC",
        )?;
        let rows = stmt.query_map(params![to_sql(guild_id), now - GAP_DAYS * 86_400], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// SQLite's own consistency check: "ok" when the file is sound.
    pub fn integrity(&self) -> Result<String> {
        Ok(self
            .conn()
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]
mod gap_tests {
    use super::*;

    #[test]
    fn gaps_are_kept_only_when_opted_in_for_30_days_and_deleted_on_opt_out() {
        let store = Store::in_memory().unwrap();
        assert!(!store.keeps_gaps(1).unwrap(), "off by default");
        store.set_keep_gaps(1, true).unwrap();
        assert!(store.keeps_gaps(1).unwrap());
        let day = 86_400;
        store.record_gap(1, "old question", 0).unwrap();
        store.record_gap(2, "another server", 10 * day).unwrap();
        store.record_gap(1, "new question", 31 * day).unwrap();
        assert_eq!(
            store.gaps(1, 31 * day).unwrap(),
            vec![(31 * day, "new question".to_owned())],
            "the 31-day-old question was dropped, another server's is not listed"
        );
        store.set_keep_gaps(1, false).unwrap();
        assert!(store.gaps(1, 31 * day).unwrap().is_empty());
        assert_eq!(store.gaps(2, 31 * day).unwrap().len(), 1);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]
mod tests {
    use super::*;

    fn post(message_id: u64, channel_id: u64, topic: &str, at: i64) -> Post {
        Post {
            message_id,
            channel_id,
            guild_id: 1,
            topic: topic.to_owned(),
            revision: "r1".to_owned(),
            fingerprint: "f1".to_owned(),
            state: PostState::Current,
            pinned: false,
            posted_at: at,
        }
    }

    #[test]
    fn the_migrations_are_valid() {
        assert!(migrations().validate().is_ok());
    }

    #[test]
    fn posts_are_recorded_listed_refreshed_pinned_and_forgotten() {
        let store = Store::in_memory().unwrap();
        store.record(&post(10, 5, "fda-status", 100)).unwrap();
        store
            .record(&post(11, 5, "nebraska-adverse-events", 200))
            .unwrap();
        store.record(&post(12, 6, "fda-status", 300)).unwrap();
        let listed: Vec<u64> = store
            .in_channel(5)
            .unwrap()
            .iter()
            .map(|p| p.message_id)
            .collect();
        assert_eq!(listed, [11, 10]);
        store
            .mark_refreshed(10, "r2", "f2", PostState::Withdrawn)
            .unwrap();
        store.set_pinned(10, true).unwrap();
        let p = store.get(10).unwrap().unwrap();
        assert_eq!(
            (
                p.revision.as_str(),
                p.fingerprint.as_str(),
                p.state,
                p.pinned
            ),
            ("r2", "f2", PostState::Withdrawn, true)
        );
        assert!(store.forget(10).unwrap());
        assert!(!store.forget(10).unwrap());
        assert_eq!(store.all().unwrap().len(), 2);
    }

    #[test]
    fn a_store_file_reopens_with_its_records() {
        let dir = std::env::temp_dir().join(format!("exobot-store-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Store::open(&dir)
            .unwrap()
            .record(&post(1, 2, "t", 3))
            .unwrap();
        let again = Store::open(&dir).unwrap();
        assert_eq!(again.get(1).unwrap().unwrap().topic, "t");
        assert_eq!(again.integrity().unwrap(), "ok");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
