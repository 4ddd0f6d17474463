//! The integration tests that run exobot in this process: the library's parts, and the bot
//! started in-process against the loopback fake Discord. One test binary, so the crate and its
//! dependencies are linked once for all of them; the tests that must spawn the `exobot` process
//! are in `tests/process/`.
//!
//! The tests run in parallel threads of this one process: nothing here may change what the
//! whole process shares (environment variables, the current directory, a global logger), and
//! every scratch folder, database and listening port is a test's own (`support::Scratch`,
//! `e2e::pg::Database`, 127.0.0.1:0).

#![allow(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

#[path = "../e2e"]
mod e2e {
    pub mod bot;
    pub mod pg;
    pub mod shards;
}
#[path = "../support/mod.rs"]
mod support;

mod app;
mod clinic_check;
mod discord;
mod fake_discord;
mod faults;
mod faults_discord;
mod injection;
mod knowledge_check;
mod knowledge_kinds;
mod moderation;
mod patient_text;
mod placement;
mod questionnaire;
mod red_team;
mod search_quality;
