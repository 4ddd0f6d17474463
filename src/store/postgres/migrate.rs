//! PostgreSQL's schema: the SQLite migration files, [`translate`]d, applied in one transaction
//! under an advisory lock, with the applied versions as rows of `exobot_migrations`.

use deadpool_postgres::Pool;

use super::{one_line, Result, StoreError};
use crate::store::MIGRATIONS;

/// The advisory lock key migrations hold ("exobot" in ASCII); advisory locks are per database.
const MIGRATION_LOCK: i64 = 0x6578_6f62_6f74;

/// SQLite's dialect, as the migration files are written, to PostgreSQL's: every `INTEGER` word
/// becomes `BIGINT` (SQLite's INTEGER is 64-bit, PostgreSQL's 32-bit, and Discord ids need 64),
/// and `STRICT` after a table's closing parenthesis is dropped (PostgreSQL always checks types).
/// Comments and string literals are copied as they are. Nothing else is translated: a new
/// migration sticks to SQL both understand (no `WITHOUT ROWID`, `AUTOINCREMENT`, `PRAGMA`).
pub(in crate::store) fn translate(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("--") {
            let end = rest.find('\n').unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else if c == '\'' {
            // Up to the closing quote ('' inside a literal reads as two literals back to back).
            let end = rest[1..].find('\'').map_or(rest.len(), |i| i + 2);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else if c.is_ascii_alphanumeric() || c == '_' {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let word = &rest[..end];
            if word.eq_ignore_ascii_case("INTEGER") {
                out.push_str("BIGINT");
            } else if word.eq_ignore_ascii_case("STRICT") && out.trim_end().ends_with(')') {
                let kept = out.trim_end().len();
                out.truncate(kept);
            } else {
                out.push_str(word);
            }
            rest = &rest[end..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Brings the database to the latest schema, holding the migration lock for the transaction.
pub(super) async fn migrate(pool: Pool) -> Result<()> {
    let migration = |e: tokio_postgres::Error| StoreError::Migration(one_line(&e));
    let mut client = pool
        .get()
        .await
        .map_err(|e| StoreError::Open(one_line(&e)))?;
    let tx = client.transaction().await.map_err(migration)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await
        .map_err(migration)?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS exobot_migrations (
             version    INTEGER PRIMARY KEY,
             name       TEXT NOT NULL,
             applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )",
    )
    .await
    .map_err(migration)?;
    let applied: i32 = tx
        .query_one(
            "SELECT COALESCE(MAX(version), 0) FROM exobot_migrations",
            &[],
        )
        .await
        .and_then(|row| row.try_get(0))
        .map_err(migration)?;
    let applied = usize::try_from(applied).unwrap_or(0);
    if applied > MIGRATIONS.len() {
        return Err(StoreError::Migration(format!(
            "the database is at schema version {applied}, newer than this exobot's {}",
            MIGRATIONS.len()
        )));
    }
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(applied) {
        let version = i32::try_from(index + 1).unwrap_or(i32::MAX);
        tx.batch_execute(&translate(sql))
            .await
            .map_err(|e| StoreError::Migration(format!("{name}: {}", one_line(&e))))?;
        tx.execute(
            "INSERT INTO exobot_migrations (version, name) VALUES ($1, $2)",
            &[&version, name],
        )
        .await
        .map_err(migration)?;
    }
    tx.commit().await.map_err(migration)
}
