//! The search answers patients' own phrasings: top-1 accuracy on an evaluation set written
//! apart from the topics' aliases, and every unrelated question refused.

#![allow(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use std::path::Path;

use exobot::knowledge::{self, search::Outcome};
use serde::Deserialize;

#[derive(Deserialize)]
struct EvalSet {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    question: String,
    expect: String,
}

fn shipped() -> knowledge::KnowledgeBase {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let today = time::macros::date!(2026 - 11 - 26);
    knowledge::load(&dir, today).knowledge.unwrap()
}

/// What `ask` answers: a topic id, or "none" when it refuses.
fn answer(kb: &knowledge::KnowledgeBase, question: &str) -> String {
    match kb.search.ask(question) {
        Outcome::Answer(m) | Outcome::Unsure { best: m, .. } => {
            kb.content.topics[m.topic].id.clone()
        }
        Outcome::NoMatch { .. } => "none".to_owned(),
    }
}

#[test]
fn patient_questions_find_their_topic_and_unrelated_ones_are_refused() {
    evaluate("eval-questions.toml", 0.95);
}

/// A second set, written without sight of the aliases or the first set, and never tuned on.
#[test]
fn held_out_patient_questions_find_their_topic() {
    evaluate("eval-holdout.toml", 0.95);
}

fn evaluate(file: &str, min_accuracy: f64) {
    let kb = shipped();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file);
    let set: EvalSet = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(set.case.len() >= 40);
    let mut wrong = Vec::new();
    let mut unrelated_answered = Vec::new();
    for case in &set.case {
        let got = answer(&kb, &case.question);
        if got != case.expect {
            if case.expect == "none" {
                unrelated_answered.push(format!("{:?} -> {got}", case.question));
            }
            wrong.push(format!(
                "{:?}: expected {}, got {got}",
                case.question, case.expect
            ));
        }
    }
    let total = set.case.len();
    let right = total - wrong.len();
    let accuracy = right as f64 / total as f64;
    println!(
        "{file}: search top-1 accuracy {right}/{total} = {:.1}%",
        accuracy * 100.0
    );
    for w in &wrong {
        println!("  miss: {w}");
    }
    assert!(
        unrelated_answered.is_empty(),
        "unrelated questions answered: {unrelated_answered:#?}"
    );
    assert!(
        accuracy >= min_accuracy,
        "accuracy {accuracy:.3} below {min_accuracy}: {wrong:#?}"
    );
}
