//! The console driven as a script would: a piped session in, deterministic text out, exit 0.

#![allow(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use std::io::Write;
use std::process::{Command, Stdio};

fn console(input: &str) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_exobot"))
        .arg("console")
        .env_remove("EXOBOT_KNOWLEDGE_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// The text the console printed after `> {line}`, up to the next prompt.
fn after<'a>(text: &'a str, line: &str, nth: usize) -> &'a str {
    let marker = format!("> {line}\n");
    let start = text.match_indices(&marker).nth(nth).unwrap().0 + marker.len();
    let rest = &text[start..];
    &rest[..rest.find("\n> ").map_or(rest.len(), |i| i + 1)]
}

#[test]
fn a_piped_clinic_check_with_a_note_a_back_step_and_a_bad_nct_number_ends_in_a_report() {
    let session = [
        "/check Glow Spa",
        "2",           // a ClinicalTrials.gov listing, but no IND number
        "NCT123",      // the form: an invalid trial number
        "1",           // "Try again" reopens the form
        "nct04388982", // valid, typed in lower case
        "3",           // question 2: "it is registered with FDA"
        "n",           // add a note
        "They said the lab is \"cutting edge\" @everyone",
        "b", // back to question 2
        "2", // change it: general claims about the science
        "3", // question 3: only general words
        "1", // question 4: written lot results
        "1", // question 5: a specific account
        "1", // question 6: a direct answer
        "f", // get the report
        "/quit",
    ]
    .join("\n");
    let (code, text) = console(&format!("{session}\n"));
    assert_eq!(code, 0);

    let invalid = after(&text, "1", 0);
    assert!(
        invalid.contains("ClinicalTrials.gov number, if you have it (optional): nct04388982"),
        "{invalid}"
    );
    let bad = after(&text, "/check Glow Spa", 0);
    assert!(bad.contains("Question 1 of 6"), "{bad}");
    assert!(text.contains(
        "- ClinicalTrials.gov number: it has exactly 8 digits after NCT; this one has 3."
    ));
    let back = after(&text, "b", 0);
    assert!(
        back.starts_with("== Clinic check · Question 2 of 6"),
        "{back}"
    );

    let report = after(&text, "f", 0);
    assert!(
        report.starts_with("== Clinic check report · Glow Spa =="),
        "{report}"
    );
    assert!(
        report.contains("Red flags: 3 of the 6 questions asked"),
        "{report}"
    );
    assert!(report.contains("1. Trial or consumer therapy:\nA ClinicalTrials.gov listing, but no IND number\n🚩 Red flag: vague or general claims"));
    assert!(report.contains(
        "2. Basis for an unapproved product:\nGeneral claims about the science or safety\n🚩"
    ));
    assert!(report.contains(
        "4. Sterility and lot data:\nThey showed written results for the lot\n✅ Documented"
    ));
    assert!(
        report.contains("They said the lab is \"cutting edge\" @\u{200B}everyone"),
        "the note, mention-safe"
    );
    assert!(report.contains("<https://clinicaltrials.gov/study/NCT04388982>"));
    assert!(report.contains("<https://www.fda.gov/medwatch>"));
    assert!(
        report.contains("It does not say whether any named clinic or product is legal or illegal")
    );
    assert!(report.contains("(attached file: clinic-check-report.md, "));
    assert!(report.contains("General information, not medical advice."));
}

#[test]
fn facts_questions_and_lists_work_in_the_console_and_unknown_input_is_explained() {
    let (code, text) = console("is exosome therapy legal\n/fact\n14\n/suggest nebr\n7\n/nope\n");
    assert_eq!(code, 0);
    assert!(after(&text, "is exosome therapy legal", 0)
        .starts_with("== Is any exosome product FDA approved?"));
    assert!(after(&text, "/fact", 0).contains("  [14] What happened in Nebraska in 2019?\n"));
    assert!(after(&text, "14", 0).starts_with("== What happened in Nebraska in 2019? =="));
    let suggested = after(&text, "/suggest nebr", 0);
    assert!(
        suggested.starts_with("  What happened in Nebraska in 2019?  (nebraska-adverse-events)\n"),
        "{suggested}"
    );
    assert!(after(&text, "/nope", 0).starts_with("exobot does not know the command nope."));
}

#[test]
fn clinic_check_keys_stay_the_same_across_screens_and_old_buttons_do_not_answer() {
    let session = [
        "/check Glow Spa",
        "1",      // a trial with an IND number: question 2 is then not needed
        "123456", // the IND number
        "",       // no NCT number
        "r",      // review
        "3",      // question 3, by its own number
        "b",      // back: question 1, as question 2 is not asked
        "/about",
        "1", // a button of the check, now scrolled away
        "/quit",
    ]
    .join("\n");
    let (code, text) = console(&format!("{session}\n"));
    assert_eq!(code, 0);
    let first = after(&text, "/check Glow Spa", 0);
    assert!(
        first.contains("[-] Back  [s] Skip  [n] Add a note  [r] Review answers\n"),
        "{first}"
    );
    // The form's lines follow `> 1`, then question 3.
    let third = after(&text, "1", 0);
    assert!(
        third.contains("\n== Clinic check · Question 3 of 6"),
        "{third}"
    );
    assert!(
        third.contains("[b] Back  [s] Skip  [n] Add a note  [r] Review answers\n"),
        "Back is b on every screen: {third}"
    );
    let review = after(&text, "r", 0);
    assert!(
        review.contains("  [1] 1. Trial or consumer therapy\n"),
        "{review}"
    );
    assert!(
        review.contains("  [3] 3. Source tissue and manufacturer\n"),
        "each question keeps its own number: {review}"
    );
    assert!(!review.contains("[2]"), "{review}");
    assert!(
        review.contains("[b] Back  [n] Add a note  [x] Start over  [f] Get the report\n"),
        "{review}"
    );
    assert!(after(&text, "3", 0).starts_with("== Clinic check · Question 3 of 6"));
    assert!(after(&text, "b", 0).starts_with("== Clinic check · Question 1 of 6"));
    assert_eq!(
        after(&text, "1", 1),
        "[1] is a button from an earlier message; only the latest message's buttons work.\n"
    );
}
