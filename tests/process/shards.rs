//! Two `exobot run` processes sharing the shards of one bot against the fake Discord, one of
//! them killed and started again. Split from `tests/it/discord.rs`, whose helpers for this are
//! repeated here, because it spawns the process.

use serde_json::{json, Value};

use crate::e2e;
use crate::e2e::bot::{self, Way};
use crate::support::{self, permissions, FakeDiscord, Place};

const CHANNEL: u64 = 910_000_000_000_000_002;
const MEMBER: u64 = 910_000_000_000_000_003;

fn fact(topic: &str, place: Place) -> Value {
    support::slash_command(
        "fact",
        json!([{ "name": "topic", "type": 3, "value": topic }]),
        place,
    )
}

fn assert_clean(fake: &FakeDiscord) {
    let violations = fake.violations();
    assert!(
        violations.is_empty(),
        "requests breaking Discord's rules: {violations:#?}"
    );
}

/// A `/fact` in a server whose events Discord sends on `shard` of `total`.
fn fact_on_shard(shard: u32, total: u32, n: u64) -> Value {
    let place = Place::Guild {
        guild_id: support::guild_on_shard(shard, total, n),
        channel_id: CHANNEL + u64::from(shard),
        user_id: MEMBER,
        permissions: permissions::MEMBER,
    };
    fact("fda-status", place)
}

/// Every shard's interactions reach the bot that runs it and are answered.
async fn every_shard_answers(fake: &FakeDiscord, shards: std::ops::Range<u32>, total: u32) {
    for shard in shards {
        for n in 0..2 {
            let answer = fake.interact(fact_on_shard(shard, total, n)).await;
            assert_eq!(answer["type"], 4, "shard {shard} answered");
        }
    }
}

/// Discord lets every bucket of four identify at once.
fn four_at_once() -> support::SessionStartLimit {
    support::SessionStartLimit {
        max_concurrency: 4,
        ..support::SessionStartLimit::default()
    }
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
