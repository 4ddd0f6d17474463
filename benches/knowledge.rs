//! Prints load, validation and search figures for the shipped knowledge base and for a
//! generated one of 5,000 topics. Figures, not pass/fail: run with `cargo bench --bench knowledge`.

#![allow(
    clippy::unwrap_used,
    reason = "a benchmark stops loudly on a broken setup"
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use exobot::knowledge::{self, KnowledgeBase};

const TODAY: time::Date = time::macros::date!(2026 - 11 - 30);

/// Questions patients ask, reused for the latency runs.
const QUESTIONS: &[&str] = &[
    "is exosome therapy fda approved",
    "is it legal to get exosome shots at a med spa",
    "what are exosomes",
    "side efects of exosome injections",
    "how do i report a bad reaction",
    "what should i ask the clinic before paying",
    "whats the weather tomorrow",
    "are exosomes better than stem cells",
];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn micros(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e6)
}

fn load(dir: &Path) -> (Duration, KnowledgeBase) {
    let start = Instant::now();
    let loaded = knowledge::load(dir, TODAY);
    let took = start.elapsed();
    (took, loaded.knowledge.unwrap())
}

fn report(name: &str, dir: &Path, load_runs: usize, questions: &[String]) {
    let mut loads: Vec<Duration> = (0..load_runs).map(|_| load(dir).0).collect();
    loads.sort();
    let (_, kb) = load(dir);
    let mut asks = Vec::new();
    for round in 0..2000 {
        for q in questions {
            let start = Instant::now();
            // What every free-text question goes through: the triage, then the search.
            let outcome = kb.read(q);
            let took = start.elapsed();
            std::hint::black_box(outcome);
            if round > 10 {
                asks.push(took);
            }
        }
    }
    asks.sort();
    let mut completes = Vec::new();
    for round in 0..2000 {
        for partial in ["", "f", "fda", "side eff", "nebr", "exosome th"] {
            let start = Instant::now();
            let list = kb.search.complete(partial);
            let took = start.elapsed();
            std::hint::black_box(list);
            if round > 10 {
                completes.push(took);
            }
        }
    }
    completes.sort();
    println!(
        "{name}: topics={} load+validate median_ms={:.2} max_ms={:.2} (runs={load_runs}) \
         ask p50_us={} p99_us={} max_us={} autocomplete p50_us={} p99_us={}",
        kb.content.topics.len(),
        percentile(&loads, 0.5).as_secs_f64() * 1e3,
        loads.last().unwrap().as_secs_f64() * 1e3,
        micros(percentile(&asks, 0.5)),
        micros(percentile(&asks, 0.99)),
        micros(*asks.last().unwrap()),
        micros(percentile(&completes, 0.5)),
        micros(percentile(&completes, 0.99)),
    );
}

/// A deterministic knowledge folder of `topics` topics made of pseudo-random words.
fn generate(topics: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("exobot-bench-kb-{topics}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let syllables = [
        "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zu", "pe", "dri", "sto",
    ];
    let word = |next: &mut dyn FnMut() -> usize| {
        (0..2 + next() % 3)
            .map(|_| syllables[next() % syllables.len()])
            .collect::<String>()
    };
    let mut text = String::from(
        "[[source]]\nid = \"GEN-SOURCE\"\ntitle = \"Generated\"\npublisher = \"Bench\"\n\
         url = \"https://example.org/bench\"\nurl_confirmed = true\ndate = 2020-01-01\n",
    );
    for i in 0..topics {
        let words: Vec<String> = (0..60).map(|_| word(&mut next)).collect();
        let sentence = |range: std::ops::Range<usize>| words[range].join(" ");
        write!(
            text,
            "\n[[topic]]\nid = \"topic-{i}\"\ntitle = \"{} {i}?\"\nstatus = \"published\"\n\
             aliases = [\"{} {i}\", \"{} {i}\"]\nkeywords = [\"{}\", \"{}\"]\nshort = \"{}.\"\n\
             body = \"{}.\"\nkey_points = [\"{}.\", \"{}.\"]\nsources = [\"GEN-SOURCE\"]\n\
             reviewed = 2026-11-01\nreview_every_days = 90\n",
            sentence(0..4),
            sentence(4..7),
            sentence(7..10),
            words[10],
            words[11],
            sentence(12..24),
            sentence(24..50),
            sentence(50..55),
            sentence(55..60),
        )
        .unwrap();
    }
    std::fs::write(dir.join("topics.toml"), text).unwrap();
    dir
}

fn main() {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let questions: Vec<String> = QUESTIONS.iter().map(|q| q.to_string()).collect();
    report("shipped", &shipped, 50, &questions);
    let generated = generate(5000);
    // Questions in the generated topics' own words: each topic's first alias, with a typo too.
    let (_, kb) = load(&generated);
    let mut questions: Vec<String> = (0..8)
        .map(|n| kb.content.topics[n * 611].aliases[0].clone())
        .collect();
    questions.extend(questions.clone().iter().map(|q| q.replacen('a', "", 1)));
    questions.push("whats the weather tomorrow".to_owned());
    report("generated", &generated, 5, &questions);
    std::fs::remove_dir_all(generated).unwrap();
}
