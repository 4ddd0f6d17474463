//! Prometheus metrics, served at /metrics beside the health endpoint: interactions by kind and
//! outcome, answer latency, errors by kind, gateway reconnects (in all and per shard), each
//! shard's connection state and heartbeat latency, the knowledge base's revision and failed
//! reloads. Labels are kinds, outcomes and gateway shard numbers only: never the ids of servers,
//! channels or members, tokens or member input.

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;
use std::sync::{Mutex, PoisonError};

use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use crate::app::App;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Interaction {
    kind: &'static str,
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Kind {
    kind: &'static str,
}

/// A gateway shard's number, as a label.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ShardLabel {
    shard: u32,
}

/// Answer latency buckets, in seconds: 0.25 ms to about 4 s.
fn latency_histogram() -> Histogram {
    Histogram::new(prometheus_client::metrics::histogram::exponential_buckets(
        0.00025, 2.0, 15,
    ))
}

#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    interactions: Family<Interaction, Counter>,
    latency: Family<Kind, Histogram, fn() -> Histogram>,
    errors: Family<Kind, Counter>,
    reconnects: Counter,
    /// Sessions made ready or resumed so far, by shard.
    connects: Mutex<HashMap<u32, u64>>,
    shard_reconnects: Family<ShardLabel, Counter>,
    shard_connected: Family<ShardLabel, Gauge>,
    shard_latency: Family<ShardLabel, Gauge<f64, AtomicU64>>,
    ratelimit_buckets: Gauge,
    ratelimit_buckets_pruned: Counter,
    refused: Family<Reason, Counter>,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Reason {
    reason: &'static str,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("exobot");
        let interactions = Family::<Interaction, Counter>::default();
        let latency =
            Family::<Kind, Histogram, fn() -> Histogram>::new_with_constructor(latency_histogram);
        let errors = Family::<Kind, Counter>::default();
        let reconnects = Counter::default();
        let shard_reconnects = Family::<ShardLabel, Counter>::default();
        let shard_connected = Family::<ShardLabel, Gauge>::default();
        let shard_latency = Family::<ShardLabel, Gauge<f64, AtomicU64>>::default();
        let ratelimit_buckets = Gauge::default();
        let ratelimit_buckets_pruned = Counter::default();
        let refused = Family::<Reason, Counter>::default();
        registry.register(
            "webhook_refused",
            "Requests to the interactions endpoint refused before reading: bad signature, \
             stale timestamp, too large, not an interaction",
            refused.clone(),
        );
        registry.register(
            "interactions",
            "Interactions answered, by kind and outcome",
            interactions.clone(),
        );
        registry.register(
            "answer_latency_seconds",
            "Time from an interaction's arrival to its answer being accepted by Discord",
            latency.clone(),
        );
        registry.register("errors", "Errors by kind", errors.clone());
        registry.register(
            "gateway_reconnects",
            "Gateway sessions resumed or identified again, all shards together",
            reconnects.clone(),
        );
        registry.register(
            "shard_reconnects",
            "Gateway sessions resumed or identified again, by shard",
            shard_reconnects.clone(),
        );
        registry.register(
            "shard_connected",
            "1 while the shard has a ready or resumed session, else 0",
            shard_connected.clone(),
        );
        registry.register(
            "shard_latency_seconds",
            "Time from the shard's last heartbeat to Discord's acknowledgement",
            shard_latency.clone(),
        );
        registry.register(
            "ratelimit_buckets",
            "Rate-limit buckets serenity keeps (pruned when idle)",
            ratelimit_buckets.clone(),
        );
        registry.register(
            "ratelimit_buckets_pruned",
            "Idle rate-limit buckets dropped",
            ratelimit_buckets_pruned.clone(),
        );
        Self {
            registry,
            interactions,
            latency,
            errors,
            reconnects,
            connects: Mutex::new(HashMap::new()),
            shard_reconnects,
            shard_connected,
            shard_latency,
            ratelimit_buckets,
            ratelimit_buckets_pruned,
            refused,
        }
    }

    /// A request to the interactions endpoint refused before it was read, by reason (see
    /// `discord::webhook::Refused`).
    pub fn refused(&self, reason: &'static str) {
        self.refused.get_or_create(&Reason { reason }).inc();
    }

    /// One interaction answered (`outcome` "answered") or not ("failed").
    pub fn interaction(&self, kind: &'static str, outcome: &'static str, seconds: f64) {
        self.interactions
            .get_or_create(&Interaction { kind, outcome })
            .inc();
        if outcome == "answered" {
            self.latency.get_or_create(&Kind { kind }).observe(seconds);
        }
    }

    pub fn error(&self, kind: &'static str) {
        self.errors.get_or_create(&Kind { kind }).inc();
    }

    /// A shard's gateway session became ready or resumed; every one after that shard's first is
    /// a reconnect (the return value).
    pub fn connected(&self, shard: u32) -> bool {
        let label = ShardLabel { shard };
        let reconnects = self.shard_reconnects.get_or_create(&label);
        self.shard_connected.get_or_create(&label).set(1);
        let mut connects = self.connects.lock().unwrap_or_else(PoisonError::into_inner);
        let count = connects.entry(shard).or_insert(0);
        *count += 1;
        let reconnect = *count > 1;
        if reconnect {
            reconnects.inc();
            self.reconnects.inc();
        }
        reconnect
    }

    /// A shard's state as last read: connected or not, and its heartbeat latency, if known.
    pub fn shard_state(&self, shard: u32, connected: bool, latency: Option<std::time::Duration>) {
        let label = ShardLabel { shard };
        // Shown as 0 from the start, not only after a first reconnect.
        drop(self.shard_reconnects.get_or_create(&label));
        self.shard_connected
            .get_or_create(&label)
            .set(i64::from(connected));
        if let Some(latency) = latency {
            self.shard_latency
                .get_or_create(&label)
                .set(latency.as_secs_f64());
        }
    }

    /// After a prune: how many buckets are left, and how many were dropped.
    pub fn pruned_buckets(&self, left: usize, dropped: usize) {
        self.ratelimit_buckets
            .set(i64::try_from(left).unwrap_or(i64::MAX));
        self.ratelimit_buckets_pruned
            .inc_by(u64::try_from(dropped).unwrap_or(u64::MAX));
    }

    /// The text exposition, with the knowledge base's state read from the app.
    pub fn render(&self, app: &App) -> String {
        let mut out = String::new();
        if encode(&mut out, &self.registry).is_err() {
            return String::new();
        }
        // Per-scrape facts of the app, written in the same format before the end marker.
        let body = out.trim_end().trim_end_matches("# EOF").to_owned();
        let revision = app.knowledge().revision.clone();
        let mut questions = String::from(
            "# HELP exobot_questions_total Free-text questions by what they got (refused and unsure ones are content gaps).\n\
             # TYPE exobot_questions_total counter\n",
        );
        for (outcome, n) in app.questions().snapshot() {
            questions.push_str(&format!(
                "exobot_questions_total{{outcome=\"{}\"}} {n}\n",
                outcome.label()
            ));
        }
        format!(
            "{body}{questions}# HELP exobot_knowledge_revision_info The knowledge base revision being served.\n\
             # TYPE exobot_knowledge_revision_info gauge\n\
             exobot_knowledge_revision_info{{revision=\"{revision}\"}} 1\n\
             # HELP exobot_knowledge_load_errors_total Reloads refused because the knowledge base had errors.\n\
             # TYPE exobot_knowledge_load_errors_total counter\n\
             exobot_knowledge_load_errors_total {}\n\
             # EOF\n",
            app.reload_failures()
        )
    }
}
