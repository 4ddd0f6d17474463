//! A PostgreSQL database for one end-to-end test, when `TEST_DATABASE_URL` names a
//! server (a role with CREATEDB).

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A PostgreSQL database of its own for one test, from `TEST_DATABASE_URL` (unset: the
/// test says it was skipped, or fails under `REQUIRE_TEST_DATABASE=1`); dropped at the end.
#[derive(Debug)]
pub struct Database {
    admin_url: String,
    name: String,
    pub url: String,
}

/// Runs one admin statement on `url`, on a thread and runtime of its own (also from `Drop`).
fn pg_admin(url: &str, sql: String) {
    let url = url.to_owned();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
                .await
                .unwrap();
            let connection = tokio::spawn(connection);
            client.batch_execute(&sql).await.unwrap();
            drop(client);
            let _ = connection.await;
        });
    })
    .join()
    .unwrap();
}

impl Database {
    pub fn new() -> Option<Self> {
        let Some(admin_url) = std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.trim().is_empty())
        else {
            assert!(
                std::env::var("REQUIRE_TEST_DATABASE").as_deref() != Ok("1"),
                "REQUIRE_TEST_DATABASE=1 but TEST_DATABASE_URL is not set"
            );
            // Straight to stderr: the test harness would hold back an eprintln.
            let _ = writeln!(
                std::io::stderr(),
                "end-to-end PostgreSQL test skipped; set TEST_DATABASE_URL=postgres://… \
                 (a role with CREATEDB; scripts/postgres.sh sets one up) to run it"
            );
            return None;
        };
        // Unique in this process too: tests of one binary run side by side.
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "exobot_e2e_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        pg_admin(
            &admin_url,
            format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        );
        pg_admin(&admin_url, format!("CREATE DATABASE {name}"));
        let mut url = url::Url::parse(&admin_url).unwrap();
        url.set_path(&name);
        Some(Self {
            admin_url,
            name,
            url: url.to_string(),
        })
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        pg_admin(
            &self.admin_url,
            format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        );
    }
}
