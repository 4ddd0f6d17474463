//! Helpers for the sharding tests of both test binaries: interactions on a chosen shard, and a
//! session start limit that lets four shards identify at once.

use serde_json::{json, Value};

use crate::support::{self, permissions, FakeDiscord, Place};

/// Where the sharding tests' members ask (plus the shard number, one channel per shard).
const CHANNEL: u64 = 910_000_000_000_000_002;
const MEMBER: u64 = 910_000_000_000_000_003;

/// A `/fact` in a server whose events Discord sends on `shard` of `total`.
pub fn fact_on_shard(shard: u32, total: u32, n: u64) -> Value {
    let place = Place::Guild {
        guild_id: support::guild_on_shard(shard, total, n),
        channel_id: CHANNEL + u64::from(shard),
        user_id: MEMBER,
        permissions: permissions::MEMBER,
    };
    support::slash_command(
        "fact",
        json!([{ "name": "topic", "type": 3, "value": "fda-status" }]),
        place,
    )
}

/// Every shard's interactions reach the bot that runs it and are answered.
pub async fn every_shard_answers(fake: &FakeDiscord, shards: std::ops::Range<u32>, total: u32) {
    for shard in shards {
        for n in 0..2 {
            let answer = fake.interact(fact_on_shard(shard, total, n)).await;
            assert_eq!(answer["type"], 4, "shard {shard} answered");
        }
    }
}

/// Discord lets every bucket of four identify at once.
pub fn four_at_once() -> support::SessionStartLimit {
    support::SessionStartLimit {
        max_concurrency: 4,
        ..support::SessionStartLimit::default()
    }
}
