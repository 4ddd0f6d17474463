//! The PostgreSQL backend: tokio-postgres connections in a deadpool-postgres pool, shared by
//! every instance of the bot.
//!
//! The store's API is synchronous (the core is), the driver async. The bridge is a thread of
//! the store's own, running a current-thread tokio runtime that owns the pool: each call sends
//! that thread a job and blocks until its answer comes back. It works the same under any
//! runtime the caller has, or none, and never needs `block_in_place`. Jobs run concurrently on
//! the store's thread, up to the pool's size. A lost connection fails the call it was serving;
//! the pool drops the closed connection and the next call opens a new one.
//!
//! Migrations are the SQLite files, translated (`migrate.rs`); the applied versions are rows of
//! `exobot_migrations`, and a transaction-level advisory lock makes instances starting at once
//! migrate one after the other.

use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc as std_mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio::sync::mpsc;
use tokio_postgres::{NoTls, Row};

use super::{
    from_sql, to_sql, Post, PostState, Result, StoreError, COLUMNS, GAP_DAYS, ON_CONFLICT_UPDATE,
    REFRESH_LEASE_SECS,
};

mod migrate;

use migrate::migrate;
#[cfg(test)]
pub(super) use migrate::translate;

/// Connections per instance: the bot's queries are small and short.
const POOL_SIZE: usize = 4;

/// How long opening a connection, or waiting for a free one, may take before the call fails.
const TIMEOUT: Duration = Duration::from_secs(5);

type Job = Box<dyn FnOnce(Pool) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send>;

/// A handle on the store's thread.
#[derive(Debug)]
pub(super) struct Postgres {
    /// Jobs for the store's thread; dropped (closing the channel) to stop it.
    jobs: Option<mpsc::UnboundedSender<Job>>,
    thread: Option<JoinHandle<()>>,
    /// user@host:port/database, without the password.
    name: String,
}

/// The server and database of `url`, for messages and logs: never the password, nor the query
/// string (which may hold one).
pub(super) fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => {
            let user = match u.username() {
                "" => String::new(),
                user => format!("{user}@"),
            };
            let host = u.host_str().unwrap_or("localhost");
            let port = u.port().map(|p| format!(":{p}")).unwrap_or_default();
            format!("{user}{host}{port}{}", u.path())
        }
        Err(_) => "the database_url server".to_owned(),
    }
}

/// A driver's error in one line, with its causes: tokio-postgres says only "db error" and keeps
/// PostgreSQL's message (which may add DETAIL and HINT lines) as its source.
fn one_line(e: &(dyn std::error::Error + 'static)) -> String {
    let mut said = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let more = c.to_string();
        if !said.contains(&more) {
            said.push_str(": ");
            said.push_str(&more);
        }
        cause = c.source();
    }
    said.replace('\n', " ")
}

/// A `map_err` for what the store was `doing`.
fn failed<E: std::error::Error + 'static>(doing: &'static str) -> impl Fn(E) -> StoreError {
    move |e| StoreError::Query {
        doing,
        detail: one_line(&e),
    }
}

fn row_to_post(row: &Row) -> std::result::Result<Post, tokio_postgres::Error> {
    let state: String = row.try_get("state")?;
    Ok(Post {
        message_id: from_sql(row.try_get("message_id")?),
        channel_id: from_sql(row.try_get("channel_id")?),
        guild_id: from_sql(row.try_get("guild_id")?),
        topic: row.try_get("topic")?,
        revision: row.try_get("revision")?,
        fingerprint: row.try_get("fingerprint")?,
        state: PostState::from_str(&state),
        pinned: row.try_get::<_, i64>("pinned")? != 0,
        posted_at: row.try_get("posted_at")?,
    })
}

fn rows_to_posts(rows: &[Row]) -> Result<Vec<Post>> {
    rows.iter()
        .map(row_to_post)
        .collect::<std::result::Result<_, _>>()
        .map_err(failed("read posts"))
}

impl Postgres {
    pub(super) fn connect(url: &str) -> Result<Self> {
        let name = redact(url);
        let open = {
            let name = name.clone();
            move |why: String| StoreError::Open(format!("PostgreSQL {name}: {why}"))
        };
        let mut config: tokio_postgres::Config = url.parse().map_err(|e| open(one_line(&e)))?;
        config.connect_timeout(TIMEOUT).application_name("exobot");
        let manager = Manager::from_config(
            config,
            NoTls,
            // A pooled connection is checked with an empty query before it is handed out: one
            // the server dropped (a restart, a failover) is replaced, and no call fails on it.
            ManagerConfig {
                recycling_method: RecyclingMethod::Verified,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(TIMEOUT))
            .create_timeout(Some(TIMEOUT))
            .recycle_timeout(Some(TIMEOUT))
            .build()
            .map_err(|e| open(one_line(&e)))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| open(format!("cannot start the store's runtime: {e}")))?;
        let (jobs, mut queue) = mpsc::unbounded_channel::<Job>();
        let thread = std::thread::Builder::new()
            .name("exobot-store".to_owned())
            .spawn(move || {
                runtime.block_on(async move {
                    while let Some(job) = queue.recv().await {
                        tokio::spawn(job(pool.clone()));
                    }
                });
            })
            .map_err(|e| open(format!("cannot start the store's thread: {e}")))?;
        let store = Self {
            jobs: Some(jobs),
            thread: Some(thread),
            name,
        };
        store.call(migrate).map_err(|e| match e {
            StoreError::Open(why) => open(why),
            StoreError::Migration(why) => StoreError::Migration(format!("{}: {why}", store.name)),
            other => other,
        })?;
        Ok(store)
    }

    pub(super) fn describe(&self) -> String {
        self.name.clone()
    }

    /// Runs `work` with the pool on the store's thread; blocks until it is done.
    fn call<T, F, Fut>(&self, work: F) -> Result<T>
    where
        F: FnOnce(Pool) -> Fut + Send + 'static,
        Fut: Future<Output = Result<T>> + Send + 'static,
        T: Send + 'static,
    {
        let (answer, answered) = std_mpsc::sync_channel(1);
        let job: Job = Box::new(move |pool| {
            Box::pin(async move {
                // The caller waits for this answer; it cannot have gone.
                let _ = answer.send(work(pool).await);
            })
        });
        self.jobs
            .as_ref()
            .ok_or(StoreError::Stopped)?
            .send(job)
            .map_err(|_| StoreError::Stopped)?;
        answered.recv().map_err(|_| StoreError::Stopped)?
    }

    /// Runs one statement that changes rows (prepared once per connection); the number changed.
    fn execute(&self, doing: &'static str, sql: &'static str, params: Params) -> Result<u64> {
        self.call(move |pool| async move {
            let client = pool.get().await.map_err(failed(doing))?;
            let statement = client.prepare_cached(sql).await.map_err(failed(doing))?;
            let refs = params.refs();
            client
                .execute(&statement, &refs)
                .await
                .map_err(failed(doing))
        })
    }

    /// Runs one query (prepared once per connection); its rows.
    fn query(&self, doing: &'static str, sql: String, params: Params) -> Result<Vec<Row>> {
        self.call(move |pool| async move {
            let client = pool.get().await.map_err(failed(doing))?;
            let statement = client.prepare_cached(&sql).await.map_err(failed(doing))?;
            let refs = params.refs();
            client.query(&statement, &refs).await.map_err(failed(doing))
        })
    }

    pub(super) fn schema_version(&self) -> Result<usize> {
        let rows = self.query(
            "read the schema version",
            "SELECT COALESCE(MAX(version), 0) FROM exobot_migrations".to_owned(),
            Params::default(),
        )?;
        let version: i32 = match rows.first() {
            Some(row) => row.try_get(0).map_err(failed("read the schema version"))?,
            None => 0,
        };
        Ok(usize::try_from(version).unwrap_or(0))
    }

    pub(super) fn record(&self, post: &Post) -> Result<()> {
        let params = Params::default()
            .int(to_sql(post.message_id))
            .int(to_sql(post.channel_id))
            .int(to_sql(post.guild_id))
            .text(&post.topic)
            .text(&post.revision)
            .text(&post.fingerprint)
            .text(post.state.as_str())
            .int(i64::from(post.pinned))
            .int(post.posted_at);
        self.query(
            "record a post",
            format!(
                "INSERT INTO posts ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                 {ON_CONFLICT_UPDATE}"
            ),
            params,
        )?;
        Ok(())
    }

    pub(super) fn get(&self, message_id: u64) -> Result<Option<Post>> {
        let rows = self.query(
            "read a post",
            format!("SELECT {COLUMNS} FROM posts WHERE message_id = $1"),
            Params::default().int(to_sql(message_id)),
        )?;
        Ok(rows_to_posts(&rows)?.into_iter().next())
    }

    pub(super) fn in_channel(&self, channel_id: u64) -> Result<Vec<Post>> {
        let rows = self.query(
            "list posts",
            format!("SELECT {COLUMNS} FROM posts WHERE channel_id = $1 ORDER BY posted_at DESC, message_id DESC"),
            Params::default().int(to_sql(channel_id)),
        )?;
        rows_to_posts(&rows)
    }

    pub(super) fn all(&self) -> Result<Vec<Post>> {
        let rows = self.query(
            "list posts",
            format!("SELECT {COLUMNS} FROM posts ORDER BY posted_at, message_id"),
            Params::default(),
        )?;
        rows_to_posts(&rows)
    }

    pub(super) fn mark_refreshed(
        &self,
        message_id: u64,
        revision: &str,
        fingerprint: &str,
        state: PostState,
    ) -> Result<()> {
        self.execute(
            "record a refreshed post",
            "UPDATE posts SET revision = $2, fingerprint = $3, state = $4, refresh_claimed_at = NULL
             WHERE message_id = $1",
            Params::default()
                .int(to_sql(message_id))
                .text(revision)
                .text(fingerprint)
                .text(state.as_str()),
        )?;
        Ok(())
    }

    pub(super) fn claim_refresh(&self, message_id: u64, revision: &str, now: i64) -> Result<bool> {
        // One UPDATE: PostgreSQL re-checks the WHERE on the row it locked, so of two instances
        // claiming at once, the second sees the first's claim and changes nothing.
        let n = self.execute(
            "claim a post's refresh",
            "UPDATE posts SET refresh_revision = $2, refresh_claimed_at = $3
             WHERE message_id = $1 AND (refresh_revision IS NULL OR refresh_revision <> $2
                 OR (refresh_claimed_at IS NOT NULL AND refresh_claimed_at <= $4))",
            Params::default()
                .int(to_sql(message_id))
                .text(revision)
                .int(now)
                .int(now.saturating_sub(REFRESH_LEASE_SECS)),
        )?;
        Ok(n == 1)
    }

    pub(super) fn release_refresh(&self, message_id: u64, revision: &str) -> Result<()> {
        self.execute(
            "release a post's refresh",
            "UPDATE posts SET refresh_revision = NULL, refresh_claimed_at = NULL
             WHERE message_id = $1 AND refresh_revision = $2",
            Params::default().int(to_sql(message_id)).text(revision),
        )?;
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
        let doing = "claim a share";
        let (channel, topic, claimant) = (to_sql(channel_id), topic.to_owned(), to_sql(claimant));
        self.call(move |pool| async move {
            let client = pool.get().await.map_err(failed(doing))?;
            client
                .execute(
                    "DELETE FROM share_cooldowns WHERE until_ms <= $1",
                    &[&now_ms],
                )
                .await
                .map_err(failed(doing))?;
            // The row is inserted, or updated only if its cooldown is over or it is the same
            // claimant's: of two interactions claiming at once, one gets a row back.
            let claimed = client
                .query_opt(
                    "INSERT INTO share_cooldowns (channel_id, topic, until_ms, claimant)
                     VALUES ($1, $2, $3, $5)
                     ON CONFLICT (channel_id, topic) DO UPDATE
                     SET until_ms = excluded.until_ms, claimant = excluded.claimant
                     WHERE share_cooldowns.until_ms <= $4
                        OR (share_cooldowns.claimant = $5 AND $5 <> 0)
                     RETURNING 1",
                    &[&channel, &topic, &until_ms, &now_ms, &claimant],
                )
                .await
                .map_err(failed(doing))?;
            Ok(claimed.is_some())
        })
    }

    pub(super) fn set_pinned(&self, message_id: u64, pinned: bool) -> Result<()> {
        self.execute(
            "record a pin",
            "UPDATE posts SET pinned = $2 WHERE message_id = $1",
            Params::default()
                .int(to_sql(message_id))
                .int(i64::from(pinned)),
        )?;
        Ok(())
    }

    pub(super) fn forget(&self, message_id: u64) -> Result<bool> {
        let n = self.execute(
            "forget a post",
            "DELETE FROM posts WHERE message_id = $1",
            Params::default().int(to_sql(message_id)),
        )?;
        Ok(n > 0)
    }

    pub(super) fn keeps_gaps(&self, guild_id: u64) -> Result<bool> {
        let rows = self.query(
            "read a server's gap setting",
            "SELECT keep FROM gap_settings WHERE guild_id = $1".to_owned(),
            Params::default().int(to_sql(guild_id)),
        )?;
        match rows.first() {
            Some(row) => {
                let keep: i64 = row
                    .try_get(0)
                    .map_err(failed("read a server's gap setting"))?;
                Ok(keep != 0)
            }
            None => Ok(false),
        }
    }

    pub(super) fn set_keep_gaps(&self, guild_id: u64, keep: bool) -> Result<()> {
        let doing = "set a server's gap setting";
        let guild = to_sql(guild_id);
        let keep_sql = i64::from(keep);
        self.call(move |pool| async move {
            let mut client = pool.get().await.map_err(failed(doing))?;
            let tx = client.transaction().await.map_err(failed(doing))?;
            tx.execute(
                "INSERT INTO gap_settings (guild_id, keep) VALUES ($1, $2)
                 ON CONFLICT (guild_id) DO UPDATE SET keep = excluded.keep",
                &[&guild, &keep_sql],
            )
            .await
            .map_err(failed(doing))?;
            if !keep {
                tx.execute("DELETE FROM gaps WHERE guild_id = $1", &[&guild])
                    .await
                    .map_err(failed(doing))?;
            }
            tx.commit().await.map_err(failed(doing))
        })
    }

    pub(super) fn record_gap(&self, guild_id: u64, question: &str, now: i64) -> Result<()> {
        self.execute(
            "drop old content gaps",
            "DELETE FROM gaps WHERE asked_at < $1",
            Params::default().int(now - GAP_DAYS * 86_400),
        )?;
        self.execute(
            "keep a content gap",
            "INSERT INTO gaps (guild_id, question, asked_at) VALUES ($1, $2, $3)",
            Params::default()
                .int(to_sql(guild_id))
                .text(question)
                .int(now),
        )?;
        Ok(())
    }

    pub(super) fn gaps(&self, guild_id: u64, now: i64) -> Result<Vec<(i64, String)>> {
        let rows = self.query(
            "list content gaps",
            "SELECT asked_at, question FROM gaps WHERE guild_id = $1 AND asked_at >= $2
             ORDER BY asked_at DESC"
                .to_owned(),
            Params::default()
                .int(to_sql(guild_id))
                .int(now - GAP_DAYS * 86_400),
        )?;
        rows.iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
            .collect::<std::result::Result<_, tokio_postgres::Error>>()
            .map_err(failed("list content gaps"))
    }

    pub(super) fn integrity(&self) -> Result<String> {
        self.query("reach the server", "SELECT 1".to_owned(), Params::default())?;
        Ok("ok".to_owned())
    }
}

impl Drop for Postgres {
    /// Closes the job channel, so the store's thread ends, closing its connections; waits
    /// for it.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A statement's parameters, owned so they can travel to the store's thread.
#[derive(Debug, Default)]
struct Params(Vec<Param>);

#[derive(Debug)]
enum Param {
    Int(i64),
    Text(String),
}

impl Params {
    fn int(mut self, value: i64) -> Self {
        self.0.push(Param::Int(value));
        self
    }

    fn text(mut self, value: &str) -> Self {
        self.0.push(Param::Text(value.to_owned()));
        self
    }

    fn refs(&self) -> Vec<&(dyn tokio_postgres::types::ToSql + Sync)> {
        self.0
            .iter()
            .map(|p| match p {
                Param::Int(v) => v as &(dyn tokio_postgres::types::ToSql + Sync),
                Param::Text(v) => v as &(dyn tokio_postgres::types::ToSql + Sync),
            })
            .collect()
    }
}
