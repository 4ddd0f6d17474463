//! The triage's second signal: a learned reader of reports, for the messages no rule speaks of.
//!
//! The word lists cannot know every way a symptom is told ("keeps dozing off mid-sentence", "my
//! tea dribbles out"), and each new writer brings new words. Where the rules find no symptom they
//! know and clear nothing ([`Verdict::Unknown`]), this reader decides, but only for a message
//! that tells of a person and of a treatment had or a time since ("had the drip at lunch", "since
//! Tuesday"), asks no advice, and has no words of someone who is well ([`WELL`], [`RESOLVED`]).
//!
//! It is a logistic regression over the message's [`symptom_text`] (denials already dropped):
//! its embedding by the offline model in `knowledge::embed` (which reaches words no list has),
//! three flags, and its words hashed into [`BUCKETS`] (which learn "fine", "great", "results" as
//! a well person's). Its weights are in models/report-reader.txt, learned from the red-team
//! passes and evaluation sets whose probes were read, and from plain messages written to be hard
//! for it (tests/data/plain-hard-1 and -3), never from a frozen one; a test here learns them
//! again and checks the file.

use std::sync::LazyLock;

use super::*;
use crate::knowledge::embed::embed;

/// The weights the reader learned, one per feature, then the bias (see the module doc).
const WEIGHTS: &str = include_str!("../../../models/report-reader.txt");

/// How sure the reader must be, as a probability, to add the safety line. Chosen by five-fold
/// cross-validation on what it learns from (the `cross_validation` test), counting only the
/// messages it decides (the gate open, the rules' verdict unknown): 10 reports and 261 plain
/// ones. 0.9 took 3 of the reports and 5 of the plain; 0.8 took 3 and 9; 0.7 took 5 and 14.
const REPORT_AT: f32 = 0.9;

/// The flags after the embedding's values: a symptom word, a question mark, and
/// [`HYPOTHETICAL`] words.
const FLAGS: usize = 3;

/// How many buckets the words of [`symptom_text`] are hashed into (FNV-1a), after the flags:
/// each is 1 when a word falls in it.
const BUCKETS: usize = 512;

/// [`WEIGHTS`] read once: (weights, bias). Its count is checked by this module's tests, so the
/// `expect` cannot fire in a binary that passed them.
static LEARNED: LazyLock<(Vec<f32>, f32)> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    let mut values: Vec<f32> = WEIGHTS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .map(|v| v.parse().expect("models/report-reader.txt holds numbers"))
        .collect();
    let bias = values.pop().unwrap_or_default();
    (values, bias)
});

/// Whether the reader takes `question` (its [`symptom_text`] as `whole`) for a report. Called
/// only when the rules' verdict is [`Verdict::Unknown`] and no advice is asked.
pub(super) fn reads_as_report(question: &str, whole: &str) -> bool {
    let (weights, bias) = &*LEARNED;
    features(question, whole).is_some_and(|f| probability(weights, *bias, &f) >= REPORT_AT)
}

/// The reader's features for `question`: the embedding of its [`symptom_text`] (`whole`), each value times
/// the square root of their count (so that each is about 1 in size), then the [`FLAGS`] and the
/// [`BUCKETS`] as 0 or 1. `None` when the gate is closed (see the module doc) or the text has no
/// token.
fn features(question: &str, whole: &str) -> Option<Vec<f32>> {
    let words: Vec<&str> = whole.split_whitespace().collect();
    // Not "us" ("in the us").
    let person =
        words.iter().any(|w| PERSONS.contains(w) && *w != "us") || has_phrase(whole, OWN_SITE);
    // A treatment had for a condition is no reaction to it: "my mom got stem cells for her knee
    // pain" (not "… for her knee and since then she …").
    let had = treatment_had(&words)
        && !words.iter().enumerate().any(|(i, w)| {
            TREATMENT_WORDS.contains(w) && words[i + 1..].iter().take(3).any(|f| *f == "for")
        });
    let when = had || tells_a_course(&words) || has_phrase(whole, SINCE_THEN);
    if !(person && when)
        || has_phrase(whole, WELL)
        || has_phrase(whole, RESOLVED)
        || sentences(question).any(asks_what_it_does)
        || sentences(question).any(asks_what_they_are)
    {
        return None;
    }
    let mut features = embed(whole)?;
    let scale = (features.len() as f32).sqrt();
    features.iter_mut().for_each(|v| *v *= scale);
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let flags: [f32; FLAGS] = [
        flag(words.iter().any(|w| is_symptom(w))),
        flag(question.contains('?')),
        flag(has_phrase(whole, HYPOTHETICAL)),
    ];
    features.extend(flags);
    let mut buckets = [0.0_f32; BUCKETS];
    for w in &words {
        let hash = w.bytes().fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        buckets[hash as usize % BUCKETS] = 1.0;
    }
    features.extend(buckets);
    Some(features)
}

/// Whether `sentence` asks what a treatment would do: "could an exosome IV help?", "would stem
/// cells fix it?". A condition told beside it is the reason for asking ("my brain feels foggy
/// since covid"), not a reaction.
fn asks_what_it_does(sentence: &str) -> bool {
    let text = normalize(sentence);
    let words: Vec<&str> = text.split_whitespace().collect();
    sentence.trim_end().ends_with('?')
        && words.iter().enumerate().any(|(i, w)| {
            BENEFITS.contains(w)
                && words[i.saturating_sub(3)..i]
                    .iter()
                    .any(|t| TREATMENT_WORDS.contains(t) || *t == "cells" || *t == "it")
        })
}

/// Whether `sentence` asks what exosomes are ([`WHAT_THEY_ARE`]): "What even are these things
/// and what do they normally do in the body?" asks for the definition, whoever saw the word on
/// a spa menu today. Only a question: "we don't know what they are, and since the drip she's
/// confused" tells of someone.
fn asks_what_they_are(sentence: &str) -> bool {
    sentence.trim_end().ends_with('?') && has_phrase(&normalize(sentence), WHAT_THEY_ARE)
}

/// The logistic model's probability that `features` are a report's.
fn probability(weights: &[f32], bias: f32, features: &[f32]) -> f32 {
    let z: f32 = weights
        .iter()
        .zip(features)
        .map(|(w, x)| w * x)
        .sum::<f32>()
        + bias;
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

    use std::path::Path;

    use super::*;

    /// What the weights are learned from: the red-team passes and the evaluation sets whose
    /// probes were read (tests/it/red_team.rs and search_quality.rs say which). A frozen one
    /// must never be added.
    const READ: &[&str] = &[
        "redteam-18.toml",
        "redteam-19.toml",
        "redteam-20.toml",
        "redteam-24.toml",
        "redteam-26.toml",
        "redteam-28.toml",
        "redteam-30.toml",
        "redteam-32.toml",
        "plain-hard-1.toml",
        "plain-hard-3.toml",
        "eval-questions.toml",
        "eval-holdout.toml",
        "eval-blind.toml",
        "eval-blind-2.toml",
        "eval-blind-3.toml",
        "eval-blind-4.toml",
        "eval-blind-5.toml",
        "eval-blind-6.toml",
        "eval-blind-7.toml",
        "eval-blind-8.toml",
        "eval-blind-9.toml",
        "eval-blind-10.toml",
        "eval-blind-15.toml",
        "eval-blind-23.toml",
        "eval-blind-26.toml",
        "eval-blind-27.toml",
    ];

    /// Full passes of gradient descent, and the L2 penalty per weight.
    const EPOCHS: usize = 300;
    const L2: f32 = 0.001;
    const RATE: f32 = 0.5;

    /// The read messages the reader decides (the rules' verdict unknown, no advice, the gate
    /// open), each with its features and whether it is a report. A red-team probe is a report
    /// when its kind is "report"; an evaluation case when it has `safety = true`.
    fn examples() -> Vec<(Vec<f32>, bool, bool)> {
        let mut out = Vec::new();
        for file in READ {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data")
                .join(file);
            let set: toml::Value = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            let labelled: Vec<(String, bool)> = match set.get("probe") {
                Some(probes) => probes
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| {
                        (
                            p["text"].as_str().unwrap().to_owned(),
                            p["kind"].as_str() == Some("report"),
                        )
                    })
                    .collect(),
                None => set["case"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| {
                        let safety = c.get("safety").and_then(toml::Value::as_bool);
                        (
                            c["question"].as_str().unwrap().to_owned(),
                            safety == Some(true),
                        )
                    })
                    .collect(),
            };
            for (text, report) in labelled {
                let normalized = normalize(&text);
                let whole = symptom_text(&text);
                let verdict = reaction_verdict(&text, &whole);
                if verdict != Verdict::Cleared && !asks_advice(&text, &normalized, false) {
                    out.extend(
                        features(&text, &whole).map(|f| (f, report, verdict == Verdict::Report)),
                    );
                }
            }
        }
        out
    }

    /// Logistic regression by full-batch gradient descent, reports weighted so that both
    /// classes count alike: (weights, bias). Deterministic: the same examples give the same
    /// weights. Each example: (features, a report, the rules' verdict is a report).
    fn learn(examples: &[(Vec<f32>, bool, bool)]) -> (Vec<f32>, f32) {
        let n = examples[0].0.len();
        let count = examples.len() as f32;
        let reports = examples.iter().filter(|e| e.1).count() as f32;
        let report_weight = (count - reports) / reports;
        // Most word buckets are 0: each example as its values that are not, to learn faster.
        let sparse: Vec<(Vec<(usize, f32)>, bool)> = examples
            .iter()
            .map(|(x, report, _)| {
                let values = x.iter().copied().enumerate().filter(|(_, v)| *v != 0.0);
                (values.collect(), *report)
            })
            .collect();
        let (mut weights, mut bias) = (vec![0.0_f32; n], 0.0_f32);
        for _ in 0..EPOCHS {
            let mut gradient = vec![0.0_f32; n];
            let mut bias_gradient = 0.0_f32;
            for (x, report) in &sparse {
                let z: f32 = x.iter().map(|&(i, v)| weights[i] * v).sum::<f32>() + bias;
                let p = 1.0 / (1.0 + (-z).exp());
                let error = if *report {
                    (p - 1.0) * report_weight
                } else {
                    p
                };
                for &(i, v) in x {
                    gradient[i] += error * v;
                }
                bias_gradient += error;
            }
            for (w, g) in weights.iter_mut().zip(&gradient) {
                *w -= RATE * (g / count + L2 * *w);
            }
            bias -= RATE * bias_gradient / count;
        }
        (weights, bias)
    }

    #[test]
    fn the_stored_weights_are_what_the_read_passes_teach() {
        let (weights, bias) = learn(&examples());
        let (stored, stored_bias) = &*LEARNED;
        assert_eq!(stored.len(), weights.len(), "models/report-reader.txt");
        assert_eq!(weights.len(), 128 + FLAGS + BUCKETS);
        let off = weights
            .iter()
            .zip(stored)
            .chain([(&bias, stored_bias)])
            .map(|(a, b)| (a - b).abs())
            .fold(0.0_f32, f32::max);
        assert!(
            off < 1e-4,
            "models/report-reader.txt is off by {off}: learn it again (write_the_weights)"
        );
    }

    /// Five-fold cross-validation on the read examples the rules do not decide: how many
    /// reports and plain messages [`REPORT_AT`] and its neighbours take for reports.
    /// `cargo test --lib cross_validation -- --ignored --nocapture`.
    #[test]
    #[ignore = "prints figures"]
    fn cross_validation() {
        let all = examples();
        let folds = 5;
        let mut scored = Vec::new();
        for k in 0..folds {
            let training: Vec<_> = all
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds != k)
                .map(|(_, e)| e.clone())
                .collect();
            let (weights, bias) = learn(&training);
            for (i, (x, report, rules)) in all.iter().enumerate() {
                if i % folds == k && !rules {
                    scored.push((probability(&weights, bias, x), *report));
                }
            }
        }
        for at in [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95] {
            let reports = scored.iter().filter(|(p, r)| *r && *p >= at).count();
            let alarms = scored.iter().filter(|(p, r)| !*r && *p >= at).count();
            let (all_reports, all_plain) = (
                scored.iter().filter(|s| s.1).count(),
                scored.iter().filter(|s| !s.1).count(),
            );
            println!("at {at}: reports {reports}/{all_reports}, plain taken for reports {alarms}/{all_plain}");
        }
    }

    /// Writes models/report-reader.txt: `cargo test --lib write_the_weights -- --ignored`.
    #[test]
    #[ignore = "writes models/report-reader.txt"]
    fn write_the_weights() {
        let (weights, bias) = learn(&examples());
        let mut text = String::from(
            "# The triage's reader of reports (src/knowledge/triage/reader.rs): one weight per\n\
             # feature, then the bias. Learned by that module's tests from the read passes and sets.\n",
        );
        for w in weights.iter().chain([&bias]) {
            text.push_str(&format!("{w}\n"));
        }
        std::fs::write(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("models/report-reader.txt"),
            text,
        )
        .unwrap();
    }

    fn reads(question: &str) -> bool {
        triage(question).safety
    }

    /// Reports of red-team pass 32 (read, and among what the reader learns from) that no rule
    /// catches.
    #[test]
    fn it_reads_symptoms_no_list_names() {
        for q in [
            "Everything sounds like it's underwater since the stem cell treatment, and the room keeps tilting whenever I turn my head.",
            "woke up and half my face wont move, the side they did the shots on. cant whistle, my tea dribbles out",
        ] {
            assert!(!describes_reaction(q), "the rules alone: {q}");
            assert!(reads(q), "{q}");
        }
    }

    #[test]
    fn it_leaves_alone_what_the_rules_clear_and_messages_of_someone_well() {
        for q in [
            // No treatment or time: the gate is closed.
            "what are exosomes made of",
            // Someone well.
            "had my exosome knee injection last week, feel great, no problems at all. how long until results?",
            // A story heard, cleared by the rules.
            "i heard ppl in nebraska got infections from exosome shots back in 2019??",
            // Advice asked.
            "had the drip yesterday, should I skip my blood pressure pills before the next one?",
        ] {
            assert!(!reads(q), "{q}");
        }
    }
}
