//! The SQLite backend: one connection behind a mutex, one file in the data folder in WAL mode,
//! migrated by rusqlite_migration (the schema version is SQLite's `user_version`).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension};
use rusqlite_migration::{Migrations, M};

use super::{
    from_sql, to_sql, Post, PostState, Result, StoreError, COLUMNS, FILE, GAP_DAYS, MIGRATIONS,
    ON_CONFLICT_UPDATE, REFRESH_LEASE_SECS,
};

/// How long a write waits for a lock held by another process before it fails.
const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

pub(super) fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|(_, sql)| M::up(sql)).collect())
}

/// A `map_err` for what the store was `doing`.
fn failed(doing: &'static str) -> impl Fn(rusqlite::Error) -> StoreError {
    move |e| StoreError::Query {
        doing,
        detail: e.to_string(),
    }
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
        state: PostState::from_str(&state),
        pinned: row.get::<_, i64>("pinned")? != 0,
        posted_at: row.get("posted_at")?,
    })
}

#[derive(Debug)]
pub(super) struct Sqlite {
    conn: Mutex<Connection>,
    /// The file, or `None` in memory.
    path: Option<PathBuf>,
}

impl Sqlite {
    pub(super) fn open(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Open(format!("cannot create {}: {e}", dir.display())))?;
        let path = dir.join(FILE);
        let conn = Connection::open(&path)
            .map_err(|e| StoreError::Open(format!("{}: {e}", path.display())))?;
        Self::prepare(conn, Some(path))
    }

    pub(super) fn in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory()
            .map_err(|e| StoreError::Open(format!("in memory: {e}")))?;
        Self::prepare(conn, None)
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Self> {
        let where_ = path
            .as_ref()
            .map_or("in memory".to_owned(), |p| p.display().to_string());
        let setup = |conn: &Connection| -> rusqlite::Result<()> {
            conn.busy_timeout(BUSY_TIMEOUT)?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            // The records are small: a page cache of 256 KiB instead of SQLite's 2 MiB default.
            conn.pragma_update(None, "cache_size", -256)
        };
        setup(&conn).map_err(|e| StoreError::Open(format!("{where_}: {e}")))?;
        migrations()
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration(format!("{where_}: {e}")))?;
        Ok(Self {
            conn: Mutex::new(conn),
            path,
        })
    }

    pub(super) fn describe(&self) -> String {
        self.path
            .as_ref()
            .map_or("in memory".to_owned(), |p| p.display().to_string())
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn schema_version(&self) -> Result<usize> {
        let version: i64 = self
            .conn()
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(failed("read the schema version"))?;
        Ok(usize::try_from(version).unwrap_or(0))
    }

    pub(super) fn record(&self, post: &Post) -> Result<()> {
        self.conn()
            .execute(
                &format!(
                    "INSERT INTO posts ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                     {ON_CONFLICT_UPDATE}"
                ),
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
            )
            .map_err(failed("record a post"))?;
        Ok(())
    }

    pub(super) fn get(&self, message_id: u64) -> Result<Option<Post>> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM posts WHERE message_id = ?1"),
                params![to_sql(message_id)],
                row_to_post,
            )
            .optional()
            .map_err(failed("read a post"))
    }

    pub(super) fn in_channel(&self, channel_id: u64) -> Result<Vec<Post>> {
        self.posts(
            &format!("SELECT {COLUMNS} FROM posts WHERE channel_id = ?1 ORDER BY posted_at DESC, message_id DESC"),
            params![to_sql(channel_id)],
        )
    }

    pub(super) fn all(&self) -> Result<Vec<Post>> {
        self.posts(
            &format!("SELECT {COLUMNS} FROM posts ORDER BY posted_at, message_id"),
            params![],
        )
    }

    fn posts(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Post>> {
        let conn = self.conn();
        let read = || -> rusqlite::Result<Vec<Post>> {
            let mut statement = conn.prepare(sql)?;
            let rows = statement.query_map(params, row_to_post)?;
            rows.collect()
        };
        read().map_err(failed("list posts"))
    }

    pub(super) fn mark_refreshed(
        &self,
        message_id: u64,
        revision: &str,
        fingerprint: &str,
        state: PostState,
    ) -> Result<()> {
        self.conn()
            .execute(
                "UPDATE posts SET revision = ?2, fingerprint = ?3, state = ?4, refresh_claimed_at = NULL
                 WHERE message_id = ?1",
                params![to_sql(message_id), revision, fingerprint, state.as_str()],
            )
            .map_err(failed("record a refreshed post"))?;
        Ok(())
    }

    pub(super) fn claim_refresh(&self, message_id: u64, revision: &str, now: i64) -> Result<bool> {
        let n = self
            .conn()
            .execute(
                "UPDATE posts SET refresh_revision = ?2, refresh_claimed_at = ?3
                 WHERE message_id = ?1 AND (refresh_revision IS NULL OR refresh_revision <> ?2
                     OR (refresh_claimed_at IS NOT NULL AND refresh_claimed_at <= ?4))",
                params![
                    to_sql(message_id),
                    revision,
                    now,
                    now.saturating_sub(REFRESH_LEASE_SECS)
                ],
            )
            .map_err(failed("claim a post's refresh"))?;
        Ok(n == 1)
    }

    pub(super) fn release_refresh(&self, message_id: u64, revision: &str) -> Result<()> {
        self.conn()
            .execute(
                "UPDATE posts SET refresh_revision = NULL, refresh_claimed_at = NULL
                 WHERE message_id = ?1 AND refresh_revision = ?2",
                params![to_sql(message_id), revision],
            )
            .map_err(failed("release a post's refresh"))?;
        Ok(())
    }

    pub(super) fn claim_share(
        &self,
        channel_id: u64,
        topic: &str,
        claimant: u64,
        now_ms: i64,
        until_ms: i64,
    ) -> Result<bool> {
        let conn = self.conn();
        conn.execute(
            "DELETE FROM share_cooldowns WHERE until_ms <= ?1",
            params![now_ms],
        )
        .map_err(failed("prune share cooldowns"))?;
        let claimed: Option<i64> = conn
            .query_row(
                "INSERT INTO share_cooldowns (channel_id, topic, until_ms, claimant)
                 VALUES (?1, ?2, ?3, ?5)
                 ON CONFLICT (channel_id, topic) DO UPDATE
                 SET until_ms = excluded.until_ms, claimant = excluded.claimant
                 WHERE share_cooldowns.until_ms <= ?4
                    OR (share_cooldowns.claimant = ?5 AND ?5 <> 0)
                 RETURNING 1",
                params![
                    to_sql(channel_id),
                    topic,
                    until_ms,
                    now_ms,
                    to_sql(claimant)
                ],
                |row| row.get(0),
            )
            .optional()
            .map_err(failed("claim a share"))?;
        Ok(claimed.is_some())
    }

    pub(super) fn set_pinned(&self, message_id: u64, pinned: bool) -> Result<()> {
        self.conn()
            .execute(
                "UPDATE posts SET pinned = ?2 WHERE message_id = ?1",
                params![to_sql(message_id), i64::from(pinned)],
            )
            .map_err(failed("record a pin"))?;
        Ok(())
    }

    pub(super) fn forget(&self, message_id: u64) -> Result<bool> {
        let n = self
            .conn()
            .execute(
                "DELETE FROM posts WHERE message_id = ?1",
                params![to_sql(message_id)],
            )
            .map_err(failed("forget a post"))?;
        Ok(n > 0)
    }

    pub(super) fn keeps_gaps(&self, guild_id: u64) -> Result<bool> {
        let keep: Option<i64> = self
            .conn()
            .query_row(
                "SELECT keep FROM gap_settings WHERE guild_id = ?1",
                params![to_sql(guild_id)],
                |row| row.get(0),
            )
            .optional()
            .map_err(failed("read a server's gap setting"))?;
        Ok(keep.is_some_and(|k| k != 0))
    }

    pub(super) fn set_keep_gaps(&self, guild_id: u64, keep: bool) -> Result<()> {
        let mut conn = self.conn();
        let mut write = || -> rusqlite::Result<()> {
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
            tx.commit()
        };
        write().map_err(failed("set a server's gap setting"))
    }

    pub(super) fn record_gap(&self, guild_id: u64, question: &str, now: i64) -> Result<()> {
        let conn = self.conn();
        conn.execute(
            "DELETE FROM gaps WHERE asked_at < ?1",
            params![now - GAP_DAYS * 86_400],
        )
        .map_err(failed("drop old content gaps"))?;
        conn.execute(
            "INSERT INTO gaps (guild_id, question, asked_at) VALUES (?1, ?2, ?3)",
            params![to_sql(guild_id), question, now],
        )
        .map_err(failed("keep a content gap"))?;
        Ok(())
    }

    pub(super) fn gaps(&self, guild_id: u64, now: i64) -> Result<Vec<(i64, String)>> {
        let conn = self.conn();
        let read = || -> rusqlite::Result<Vec<(i64, String)>> {
            let mut stmt = conn.prepare(
                "SELECT asked_at, question FROM gaps WHERE guild_id = ?1 AND asked_at >= ?2
                 ORDER BY asked_at DESC",
            )?;
            let rows = stmt
                .query_map(params![to_sql(guild_id), now - GAP_DAYS * 86_400], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })?;
            rows.collect()
        };
        read().map_err(failed("list content gaps"))
    }

    pub(super) fn integrity(&self) -> Result<String> {
        self.conn()
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .map_err(failed("check the file"))
    }
}
