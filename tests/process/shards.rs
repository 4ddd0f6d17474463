//! Two `exobot run` processes sharing the shards of one bot against the fake Discord, one of
//! them killed and started again. Apart from `tests/it/discord.rs`'s sharding tests because it
//! spawns the process; both use `tests/e2e/shards.rs`.

use crate::e2e;
use crate::e2e::bot::{self, Way};
use crate::e2e::shards::{every_shard_answers, four_at_once};
use crate::support::FakeDiscord;

fn assert_clean(fake: &FakeDiscord) {
    let violations = fake.violations();
    assert!(
        violations.is_empty(),
        "requests breaking Discord's rules: {violations:#?}"
    );
}

/// `exobot run` in its own process, running `shards` against `fake`.
fn gateway_process(
    fake: &FakeDiscord,
    data: &std::path::Path,
    shards: &str,
) -> std::process::Child {
    e2e::process::exobot_run(fake, data)
        .env("EXOBOT_SHARDS", shards)
        .spawn()
        .expect("exobot run starts")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_split_four_shards_and_a_killed_one_comes_back_on_its_shards() {
    let fake = FakeDiscord::start().await;
    fake.set_recommended_shards(4);
    fake.set_session_start_limit(four_at_once());
    let data = bot::data_dir("shards-first-half");
    let mut config = bot::config(&fake, &bot::shipped_knowledge(), &data);
    config.shards = "0-1/4".parse().unwrap();
    let first = bot::start(&fake, config, Way::Proxy, None).await;
    let second_data = bot::data_dir("shards-second-half");
    let mut second = gateway_process(&fake, &second_data, "2-3/4");
    fake.wait_shards(&[0, 1, 2, 3]).await;
    every_shard_answers(&fake, 0..4, 4).await;

    // SIGKILL: no close frame, no goodbye; Discord sees the connections drop.
    second.kill().unwrap();
    second.wait().unwrap();
    fake.wait_shards(&[0, 1]).await;
    every_shard_answers(&fake, 0..2, 4).await;

    let mut second = gateway_process(&fake, &second_data, "2-3/4");
    fake.wait_shards(&[0, 1, 2, 3]).await;
    every_shard_answers(&fake, 0..4, 4).await;
    // Four starts, and two more for the restarted process.
    assert_eq!(fake.gateway_stats().identifies, 6);
    assert_clean(&fake);

    second.kill().unwrap();
    second.wait().unwrap();
    assert_eq!(first.stop().await, 0);
    fake.shutdown().await;
}
