//! The integration tests that must spawn the `exobot` process (`CARGO_BIN_EXE_exobot`): its
//! command line, its console, signals and shutdown, several processes at once, and the scale
//! proof. Kept apart from the in-process tests of `tests/it/`, in one binary of their own.

#![allow(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

#[path = "../e2e"]
#[expect(
    dead_code,
    reason = "these tests start the bot as a process, not with all of e2e::bot"
)]
mod e2e {
    pub mod bot;
    pub mod process;
    pub mod shards;
}
#[path = "../support/mod.rs"]
#[expect(
    dead_code,
    unused_imports,
    reason = "these tests drive the process through a part of the fake Discord's helpers"
)]
mod support;

mod ask;
mod check;
mod console;
mod scale;
mod shards;
mod shutdown;
mod signals;
