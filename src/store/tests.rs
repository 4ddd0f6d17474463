//! The store's behaviour, written once and run on both backends: SQLite in memory, and
//! PostgreSQL in a fresh database of its own when `TEST_DATABASE_URL` names a server
//! (a role with CREATEDB); then the cross-instance guarantees, on two stores sharing one
//! PostgreSQL database. Without the variable the PostgreSQL runs are skipped, saying so once,
//! unless `REQUIRE_TEST_DATABASE=1`, when they fail.

#![allow(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use std::io::Write;
use std::sync::{Arc, Barrier, Once};
use std::time::Duration;

use super::*;

const URL_VAR: &str = "TEST_DATABASE_URL";
const REQUIRE_VAR: &str = "REQUIRE_TEST_DATABASE";

/// A database of its own for one test, dropped (connections and all) when the test ends.
struct TestDb {
    admin_url: String,
    name: String,
    url: String,
}

/// Runs one admin statement on `url`, from a runtime of its own.
fn admin(url: &str, sql: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .unwrap_or_else(|e| panic!("cannot reach {}: {e}", postgres::redact(url)));
        let connection = tokio::spawn(connection);
        client.batch_execute(sql).await.unwrap();
        drop(client);
        let _ = connection.await;
    });
}

impl TestDb {
    /// A fresh database, or `None` (said once) when no server is configured for the tests.
    fn new() -> Option<Self> {
        let admin_url = match std::env::var(URL_VAR) {
            Ok(url) if !url.trim().is_empty() => url,
            _ => {
                assert!(
                    std::env::var(REQUIRE_VAR).as_deref() != Ok("1"),
                    "{REQUIRE_VAR}=1 but {URL_VAR} is not set: the PostgreSQL store tests cannot run"
                );
                static SAID: Once = Once::new();
                SAID.call_once(|| {
                    // Straight to stderr: the test harness would hold back a println.
                    let _ = writeln!(
                        std::io::stderr(),
                        "store: PostgreSQL tests skipped; set {URL_VAR}=postgres://user:password@host/db \
                         (a role with CREATEDB; scripts/postgres.sh sets one up) to run them"
                    );
                });
                return None;
            }
        };
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes).unwrap();
        let name = format!("exobot_test_{}", hex::encode(bytes));
        admin(&admin_url, &format!("CREATE DATABASE {name}"));
        let mut url = url::Url::parse(&admin_url).unwrap();
        url.set_path(&name);
        Some(Self {
            admin_url,
            name,
            url: url.to_string(),
        })
    }

    fn store(&self) -> Store {
        Store::connect(&self.url).unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        admin(
            &self.admin_url,
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        );
    }
}

/// Runs `test` on a SQLite store in memory and, where configured, on a PostgreSQL one.
fn on_each_backend(test: impl Fn(&Store)) {
    test(&Store::in_memory().unwrap());
    if let Some(db) = TestDb::new() {
        test(&db.store());
    }
}

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
fn the_sqlite_migrations_are_valid() {
    assert!(sqlite::migrations().validate().is_ok());
}

#[test]
fn the_postgres_translation_widens_integers_and_drops_strict_only() {
    let sql = "-- INTEGER in a comment, STRICT too\nCREATE TABLE t (\n    id integer PRIMARY KEY,\n    note TEXT DEFAULT 'INTEGER'\n) STRICT;\n";
    assert_eq!(
        postgres::translate(sql),
        "-- INTEGER in a comment, STRICT too\nCREATE TABLE t (\n    id BIGINT PRIMARY KEY,\n    note TEXT DEFAULT 'INTEGER'\n);\n"
    );
    for (name, sql) in MIGRATIONS {
        let code: String = postgres::translate(sql)
            .lines()
            .map(|line| line.split("--").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            !code.contains("STRICT") && !code.contains("INTEGER"),
            "{name} still has SQLite types: {code}"
        );
    }
}

#[test]
fn a_password_never_shows_in_names_or_errors() {
    let url = "postgres://exobot:hunter2-secret@127.0.0.1:1/exobot?password=hunter2-secret";
    assert_eq!(postgres::redact(url), "exobot@127.0.0.1:1/exobot");
    // Port 1 on loopback refuses at once: no server is needed to see the error.
    let e = Store::connect(url).unwrap_err();
    let said = e.to_string();
    assert!(matches!(e, StoreError::Open(_)), "{e:?}");
    assert!(
        said.contains("exobot@127.0.0.1:1/exobot") && !said.contains("hunter2"),
        "{said}"
    );
    assert!(!said.contains('\n'), "one line: {said}");
    assert!(said.contains("refused"), "says why: {said}");
}

#[test]
fn both_backends_are_at_the_same_schema_version() {
    on_each_backend(|store| assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len()));
}

#[test]
fn posts_are_recorded_listed_refreshed_pinned_and_forgotten() {
    on_each_backend(|store| {
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
        assert_eq!(store.get(10).unwrap(), None);
        let all: Vec<u64> = store.all().unwrap().iter().map(|p| p.message_id).collect();
        assert_eq!(all, [11, 12], "oldest first");
        assert_eq!(store.integrity().unwrap(), "ok");
    });
}

#[test]
fn recording_a_message_twice_keeps_one_row_with_the_latest_values() {
    on_each_backend(|store| {
        let id = u64::try_from(i64::MAX).unwrap() - 1; // a 64-bit snowflake
        store.record(&post(id, 5, "fda-status", 100)).unwrap();
        let mut again = post(id, 5, "fda-status", 100);
        again.pinned = true;
        again.revision = "r2".to_owned();
        store.record(&again).unwrap();
        assert_eq!(store.all().unwrap(), vec![again]);
    });
}

#[test]
fn gaps_are_kept_only_when_opted_in_for_30_days_and_deleted_on_opt_out() {
    on_each_backend(|store| {
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
        assert!(!store.keeps_gaps(1).unwrap());
        assert!(store.gaps(1, 31 * day).unwrap().is_empty());
        assert_eq!(store.gaps(2, 31 * day).unwrap().len(), 1);
    });
}

#[test]
fn a_share_claim_holds_for_its_cooldown_in_its_channel_only() {
    on_each_backend(|store| {
        let minute = Duration::from_secs(60);
        assert!(store
            .claim_share(7, "fda-status", 11, 1_000, minute)
            .unwrap());
        assert!(!store
            .claim_share(7, "fda-status", 12, 60_999, minute)
            .unwrap());
        assert!(store
            .claim_share(8, "fda-status", 13, 2_000, minute)
            .unwrap());
        assert!(store.claim_share(7, "other", 14, 2_000, minute).unwrap());
        assert!(
            store
                .claim_share(7, "fda-status", 15, 61_000, minute)
                .unwrap(),
            "the cooldown is over"
        );
        assert!(!store
            .claim_share(7, "fda-status", 16, 61_001, minute)
            .unwrap());
    });
}

#[test]
fn a_share_claim_stays_its_interactions_when_that_interaction_comes_again() {
    on_each_backend(|store| {
        let minute = Duration::from_secs(60);
        assert!(store
            .claim_share(7, "fda-status", 21, 1_000, minute)
            .unwrap());
        assert!(
            store
                .claim_share(7, "fda-status", 21, 1_500, minute)
                .unwrap(),
            "the same interaction, delivered again"
        );
        assert!(!store
            .claim_share(7, "fda-status", 22, 1_600, minute)
            .unwrap());
        // Claims with no interaction id are no one's.
        assert!(store
            .claim_share(9, "fda-status", 0, 1_000, minute)
            .unwrap());
        assert!(!store
            .claim_share(9, "fda-status", 0, 1_500, minute)
            .unwrap());
    });
}

#[test]
fn a_refresh_is_claimed_once_per_revision_given_back_on_failure_and_taken_over_when_stale() {
    on_each_backend(|store| {
        store.record(&post(1, 5, "fda-status", 100)).unwrap();
        assert!(
            !store.claim_refresh(99, "r2", 1_000).unwrap(),
            "not recorded"
        );
        assert!(store.claim_refresh(1, "r2", 1_000).unwrap());
        assert!(!store.claim_refresh(1, "r2", 1_001).unwrap(), "claimed");
        store.release_refresh(1, "r2").unwrap();
        assert!(store.claim_refresh(1, "r2", 1_002).unwrap(), "given back");
        let stale = 1_002 + REFRESH_LEASE_SECS;
        assert!(
            store.claim_refresh(1, "r2", stale).unwrap(),
            "its instance stopped mid-edit"
        );
        store
            .mark_refreshed(1, "r2", "f2", PostState::Current)
            .unwrap();
        assert!(
            !store.claim_refresh(1, "r2", stale * 2).unwrap(),
            "done: never again for r2"
        );
        store.release_refresh(1, "r1").unwrap();
        assert!(
            !store.claim_refresh(1, "r2", stale * 2).unwrap(),
            "another revision's release changes nothing"
        );
        assert!(store.claim_refresh(1, "r3", stale * 2).unwrap());
    });
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
    assert!(again.describe().starts_with("SQLite "));
    drop(again);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn two_instances_see_the_same_posts_and_cooldowns() {
    let Some(db) = TestDb::new() else { return };
    let (a, b) = (db.store(), db.store());
    a.record(&post(1, 5, "fda-status", 100)).unwrap();
    assert_eq!(b.get(1).unwrap().unwrap().topic, "fda-status");
    b.set_pinned(1, true).unwrap();
    assert!(a.get(1).unwrap().unwrap().pinned);
    let minute = Duration::from_secs(60);
    assert!(a.claim_share(5, "fda-status", 31, 1_000, minute).unwrap());
    assert!(
        !b.claim_share(5, "fda-status", 32, 2_000, minute).unwrap(),
        "the cooldown holds for the other instance"
    );
    assert!(
        b.claim_share(5, "fda-status", 31, 2_000, minute).unwrap(),
        "and the claimant's interaction, delivered to the other instance, finds it its own"
    );
    a.set_keep_gaps(3, true).unwrap();
    assert!(b.keeps_gaps(3).unwrap());
    assert!(b.describe().starts_with("PostgreSQL exobot"));
}

#[test]
fn of_two_instances_refreshing_at_once_exactly_one_edits_each_post() {
    let Some(db) = TestDb::new() else { return };
    let stores = [Arc::new(db.store()), Arc::new(db.store())];
    let posts: Vec<u64> = (1..=40).collect();
    for &id in &posts {
        stores[0].record(&post(id, 5, "fda-status", 100)).unwrap();
    }
    let start = Arc::new(Barrier::new(2));
    let claimers: Vec<_> = stores
        .iter()
        .map(|store| {
            let (store, start, posts) = (store.clone(), start.clone(), posts.clone());
            std::thread::spawn(move || {
                start.wait();
                posts
                    .iter()
                    .filter(|&&id| store.claim_refresh(id, "r2", 1_000).unwrap())
                    .copied()
                    .collect::<Vec<u64>>()
            })
        })
        .collect();
    let mut won: Vec<u64> = claimers
        .into_iter()
        .flat_map(|c| c.join().unwrap())
        .collect();
    won.sort_unstable();
    assert_eq!(won, posts, "each post claimed once, by one of the two");
}

#[test]
fn instances_starting_at_once_both_open_the_store() {
    let Some(db) = TestDb::new() else { return };
    let start = Arc::new(Barrier::new(3));
    let openers: Vec<_> = (0..3)
        .map(|_| {
            let (url, start) = (db.url.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                Store::connect(&url).map(|s| s.schema_version())
            })
        })
        .collect();
    for opener in openers {
        assert_eq!(opener.join().unwrap(), Ok(Ok(MIGRATIONS.len())));
    }
}

#[test]
fn lost_connections_are_replaced_and_fail_no_call() {
    let Some(db) = TestDb::new() else { return };
    let store = db.store();
    store.record(&post(1, 5, "fda-status", 100)).unwrap();
    admin(
        &db.admin_url,
        // pg_terminate_backend only signals: wait until the backends are gone, so that the
        // store's every pooled connection is dead before it is used again.
        &format!(
            "DO $$ BEGIN
               PERFORM pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE datname = '{0}' AND pid <> pg_backend_pid();
               LOOP
                 PERFORM pg_stat_clear_snapshot();
                 EXIT WHEN NOT EXISTS (SELECT 1 FROM pg_stat_activity
                   WHERE datname = '{0}' AND pid <> pg_backend_pid());
                 PERFORM pg_sleep(0.01);
               END LOOP;
             END $$",
            db.name
        ),
    );
    // Every pooled connection is dead: each is found so at checkout and replaced.
    assert_eq!(store.get(1).unwrap().unwrap().topic, "fda-status");
    assert_eq!(store.get(1).unwrap().unwrap().topic, "fda-status");
}

#[test]
fn a_database_from_a_newer_exobot_is_refused() {
    let Some(db) = TestDb::new() else { return };
    drop(db.store());
    admin(
        &db.url,
        "INSERT INTO exobot_migrations (version, name) VALUES (999, 'from the future')",
    );
    let e = Store::connect(&db.url).unwrap_err();
    assert!(
        matches!(&e, StoreError::Migration(why) if why.contains("999")),
        "{e:?}"
    );
}

#[test]
fn a_refused_login_is_said_without_the_password() {
    let Some(db) = TestDb::new() else { return };
    let mut url = url::Url::parse(&db.url).unwrap();
    url.set_password(Some("not-the-password-42")).unwrap();
    let e = Store::connect(url.as_str()).unwrap_err();
    let said = e.to_string();
    assert!(matches!(e, StoreError::Open(_)), "{e:?}");
    assert!(
        said.contains(&db.name) && !said.contains("not-the-password-42"),
        "{said}"
    );
}

#[test]
fn a_store_file_from_before_the_claims_upgrades_with_its_posts() {
    let dir = std::env::temp_dir().join(format!("exobot-store-v2-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    {
        let mut old = rusqlite::Connection::open(dir.join(FILE)).unwrap();
        let first_two = MIGRATIONS[..2]
            .iter()
            .map(|(_, sql)| rusqlite_migration::M::up(sql))
            .collect();
        rusqlite_migration::Migrations::new(first_two)
            .to_latest(&mut old)
            .unwrap();
        old.execute_batch(&format!(
            "INSERT INTO posts ({COLUMNS}) VALUES (1, 5, 1, 'fda-status', 'r1', 'f1', 'current', 1, 100)"
        ))
        .unwrap();
    }
    let store = Store::open(&dir).unwrap();
    assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len());
    assert!(store.get(1).unwrap().unwrap().pinned);
    assert!(store.claim_refresh(1, "r2", 1_000).unwrap());
    assert!(store
        .claim_share(5, "fda-status", 41, 1_000, Duration::from_secs(60))
        .unwrap());
    drop(store);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn start_up_opens_the_store_the_configuration_names() {
    let dir = std::env::temp_dir().join(format!("exobot-store-config-{}", std::process::id()));
    let mut config = crate::config::Config::defaults();
    config.data_dir = dir.clone();
    let sqlite = crate::startup::open_store(&config).unwrap();
    assert_eq!(
        sqlite.describe(),
        format!("SQLite {}", dir.join(FILE).display())
    );
    drop(sqlite);
    std::fs::remove_dir_all(&dir).unwrap();
    config.database_url = Some("postgres://exobot:hunter2-secret@127.0.0.1:1/exobot".to_owned());
    let refused = crate::startup::open_store(&config).unwrap_err();
    assert!(
        refused.starts_with("cannot open the store: PostgreSQL exobot@127.0.0.1:1/exobot: ")
            && !refused.contains("hunter2"),
        "{refused}"
    );
    if let Some(db) = TestDb::new() {
        config.database_url = Some(db.url.clone());
        let shared = crate::startup::open_store(&config).unwrap();
        assert_eq!(
            shared.describe(),
            format!("PostgreSQL {}", postgres::redact(&db.url))
        );
    }
}
