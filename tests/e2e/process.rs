//! The `exobot run` process, configured to a fake Discord, for tests and benchmarks that need
//! the real process (signals, memory, CPU).

use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::FakeDiscord;

/// `exobot run` reaching `fake` through the proxy setting, with its data in `data`, the health
/// endpoint off and output discarded (callers may set more variables or redirect stderr).
pub fn exobot_run(fake: &FakeDiscord, data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_exobot"));
    command
        .arg("run")
        .env("DISCORD_TOKEN", FakeDiscord::BOT_TOKEN)
        .env("EXOBOT_PROXY_URL", fake.proxy_url())
        .env("EXOBOT_HEALTH_ADDR", "off")
        .env("EXOBOT_DATA_DIR", data)
        .env("EXOBOT_STATE_SECRET", "test secret")
        .env("EXOBOT_LOG_LEVEL", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}
