//! Helpers shared by the integration tests (`mod support;`).

#![allow(dead_code, reason = "shared by several test binaries")]

pub mod fake_discord;
pub mod reading;
pub mod scratch;

pub use fake_discord::*;
#[allow(
    unused_imports,
    reason = "re-exported for the test binaries; each uses a part"
)]
pub use reading::{components, id_of};
#[allow(
    unused_imports,
    reason = "re-exported for the test binaries; each uses a part"
)]
pub use scratch::Scratch;
