//! Helpers shared by the integration tests (`tests/it/`, `tests/process/`) and the benches that
//! drive the fake Discord.

pub mod fake_discord;
pub mod reading;
pub mod scratch;

pub use fake_discord::*;
pub use reading::{components, id_of};
pub use scratch::Scratch;
