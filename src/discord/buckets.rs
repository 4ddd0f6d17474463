//! Keeps serenity's rate limiter from growing without end: serenity 0.12.5 keeps one bucket per
//! interaction callback route (the interaction id is in the path) and never drops one.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serenity::http::{Ratelimit, RatelimitingBucket};
use tokio::sync::{Mutex, RwLock};

use crate::health::Health;

type Routes = Arc<RwLock<HashMap<RatelimitingBucket, Arc<Mutex<Ratelimit>>>>>;

/// How often idle buckets are dropped: often enough that a busy minute (tens of thousands of
/// interactions, one bucket each) never piles up; each prune holds the map's write lock for one
/// pass over the few seconds' worth of buckets.
pub const PRUNE_EVERY: Duration = Duration::from_secs(2);

/// Drops the buckets no request holds whose rate-limit window is over (or never began); a
/// later request on the same route simply learns its limits again. Returns how many are left
/// and how many were dropped.
pub(super) async fn prune(routes: &Routes) -> (usize, usize) {
    let now = SystemTime::now();
    let mut map = routes.write().await;
    let before = map.len();
    map.retain(|_, bucket| {
        if Arc::strong_count(bucket) > 1 {
            return true; // a request is using it
        }
        match bucket.try_lock() {
            Ok(limit) => limit.reset().is_some_and(|reset| reset > now),
            Err(_) => true,
        }
    });
    (map.len(), before - map.len())
}

/// Prunes every `every`, reporting the bucket count in the metrics.
pub(super) fn keep_pruned(routes: Routes, health: Arc<Health>, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.tick().await;
        loop {
            tick.tick().await;
            let (left, dropped) = prune(&routes).await;
            health.metrics.pruned_buckets(left, dropped);
        }
    });
}
