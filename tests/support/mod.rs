//! Helpers shared by the integration tests (`mod support;`).

#![allow(dead_code, reason = "shared by several test binaries")]

pub mod fake_discord;

pub use fake_discord::*;
