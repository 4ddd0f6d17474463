//! `exobot ask` from the command line: a sourced answer for a patient's question, a refusal with
//! suggestions (exit 3) for anything else.

use std::process::{Command, Output};

fn ask(question: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_exobot"))
        .arg("ask")
        .arg(question)
        .env_remove("EXOBOT_KNOWLEDGE_DIR")
        .output()
        .unwrap()
}

#[test]
fn a_question_gets_the_topic_with_sources_review_date_and_disclaimer() {
    let out = ask("is exosome therapy fda approved?");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("topic: fda-status"));
    assert!(
        text.contains("== Is any exosome product FDA approved?"),
        "{text}"
    );
    assert!(text.contains(
        "as far as we could confirm through October 2026, FDA has not approved any exosome product"
    ));
    assert!(text.contains(
        "\nSources:\nPublic Safety Notification on Exosome Products <https://www.fda.gov/"
    ));
    assert!(text.contains("\nKey points:\n• "));
    assert!(text.contains("Reviewed 2026-"));
    assert!(text
        .trim_end()
        .ends_with("exobot is not a doctor: talk to your own doctor about your health."));
}

#[test]
fn the_nebraska_answer_attributes_infections_to_state_officials_not_fda() {
    let out = ask("what happened to the patients in nebraska");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("topic: nebraska-adverse-events\n"),
        "{text}"
    );
    assert!(
        text.contains("State health officials said fewer than five patients became seriously ill")
    );
    // Readers see who published it and when (the month is all there is), not the reviewers'
    // notes on why it has no address or date.
    assert!(
        text.contains("Nebraska Department of Health and Human Services (DHHS), December 2019"),
        "{text}"
    );
    for note in [
        "(no address: ",
        "(no date: ",
        "(address not confirmed)",
        "month only",
    ] {
        assert!(!text.contains(note), "{note:?} in {text}");
    }
}

#[test]
fn an_unrelated_question_is_refused_with_exit_3() {
    let out = ask("what's the weather in Berlin tomorrow?");
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("No vetted fact matches that question."),
        "{text}"
    );
    assert!(!text.lines().any(|l| l.starts_with("topic: ")), "{text}");
}
