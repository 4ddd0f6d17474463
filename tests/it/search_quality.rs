//! The search answers patients' own phrasings: top-1 accuracy on an evaluation set written
//! apart from the topics' aliases, and every unrelated question refused.
//!
//! Two kinds of set. The sets whose misses were read (questions, holdout, blind, blind-2 to -10,
//! -15, -23, -26 and -27) guard against regressions and measure nothing new: the in-scope
//! questions of those up to blind-10 are training data for the search's classifiers
//! (knowledge/phrasings.toml), and all of them teach the triage's reader of reports which
//! questions are symptom reports (src/knowledge/triage/reader.rs). The sets never read
//! (blind-11 to -14, -16 to -22, -24, -25 and -28) are the measure; their questions are never
//! shown.

use std::path::Path;

use exobot::knowledge::{self, Answer, Outcome};
use serde::Deserialize;

use crate::support::Scratch;

#[derive(Deserialize)]
struct EvalSet {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    question: String,
    /// A topic id; "none" for what must get no fact (off-topic, small talk); "advice" for a
    /// request for personal medical advice, which must be declined.
    expect: String,
    /// The question describes a symptom or reaction: the safety line must come first. Absent
    /// means it must not (no false alarm on plain questions).
    #[serde(default)]
    safety: bool,
}

fn shipped() -> knowledge::KnowledgeBase {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let today = time::macros::date!(2026 - 11 - 30);
    knowledge::load(&dir, today).knowledge.unwrap()
}

/// What a question gets, as a label: the top topic's id, "advice" when advice is declined, or
/// "none" for no fact (refused, small talk, or another language).
fn answer(kb: &knowledge::KnowledgeBase, question: &str) -> (String, bool) {
    let reading = kb.read(question);
    let label = match reading.answer {
        Answer::Search(Outcome::Answer(m) | Outcome::Unsure { best: m, .. }) => {
            kb.content.topics[m.topic].id.clone()
        }
        Answer::Search(Outcome::NoMatch { .. }) | Answer::Chat | Answer::OtherLanguage => {
            "none".to_owned()
        }
        Answer::Advice { .. } => "advice".to_owned(),
    };
    (label, reading.safety)
}

/// What a set must reach; the figures a run measures are printed.
struct Floor {
    accuracy: f64,
    /// Off-topic and advice questions that may still get a fact.
    answered_instead_of_declined: usize,
    /// Symptom reports that may still miss the safety line.
    safety_missed: usize,
    /// Whether the set's misses may be shown. A set kept to measure with is never read, so its
    /// figure stays untuned: only its counts are shown, even when the floor fails.
    misses_read: bool,
}

/// The floor for the sets written before this work: every off-topic question refused.
const STRICT: Floor = Floor {
    accuracy: 0.96,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: true,
};

#[test]
fn patient_questions_find_their_topic_and_unrelated_ones_are_refused() {
    evaluate("eval-questions.toml", &STRICT);
}

/// A second set, written without sight of the aliases or the first set, and never tuned on.
#[test]
fn held_out_patient_questions_find_their_topic() {
    evaluate("eval-holdout.toml", &STRICT);
}

/// The blind set: written from the seed article and the topic titles only, by someone who never
/// saw the aliases, examples or the other sets; frozen before it was first measured.
#[test]
fn blind_patient_questions_find_their_topic_and_every_reaction_gets_the_safety_line() {
    evaluate("eval-blind.toml", &BLIND_FLOOR);
}

/// The second blind set, written like the first by someone else, and measured only once the work
/// on the search and the content was done.
#[test]
fn second_blind_set_finds_its_topic_and_every_reaction_gets_the_safety_line() {
    evaluate("eval-blind-2.toml", &BLIND_2_FLOOR);
}

/// The second blind set's floor. First measured at 117/142 (82.4%), 13/14 reports with the
/// safety line, 24/28 declined; its safety and decline misses were then read and their kinds
/// fixed (symptom words, clause locality, anchor words), which gave 123/142. Issue #11's miss
/// kinds (fixed as kinds, read from every set) then gave 135/142 (95.1%), and its second round
/// (read on blind-4's misses) 136/142 (95.8%); the sixth session's examples and classifier
/// gave 137/142 (96.5%).
/// At the tenth session's end: 140/142 (98.6%), which this holds.
/// Eleventh session, its questions among the phrasings: 141/142 (99.3%), which this holds.
/// Twelfth session, with a perceptron: 142/142 (100.0%), which this holds.
const BLIND_2_FLOOR: Floor = Floor {
    accuracy: 1.0,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: true,
};

/// The third blind set, written on the last day by someone who saw only the seed article and
/// the topic titles. First measured untuned; issue #11 has since read its misses, so the honest,
/// untuned figures are now another frozen set's.
#[test]
fn third_blind_set_finds_its_topic_and_every_reaction_gets_the_safety_line() {
    evaluate("eval-blind-3.toml", &BLIND_3_FLOOR);
}

/// The third blind set's floor: its first measurement, untuned, was 129/147 (87.8%), 15/15
/// reports with the safety line, 12/12 declined. Issue #11 then read its misses with the other
/// sets' and fixed their kinds: 140/147 (95.2%), and 141/147 (95.9%, 0 false alarms) after its
/// second round (no longer an untuned figure). The sixth session's examples and classifier:
/// 140/147 (95.2%). The tenth session's phrasings: 139/147 (94.6%), which this holds.
/// Eleventh session, its questions among the phrasings: 142/147 (96.6%), which this holds.
/// Twelfth session, with a perceptron: 143/147 (97.3%), which this holds.
const BLIND_3_FLOOR: Floor = Floor {
    accuracy: 0.972,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: true,
};

/// The fourth blind set (189 cases), written in the fifth session by someone who saw only the
/// seed article and the topic titles, and frozen before it was first measured. Its misses were
/// read in issue #11's second round (branch answers2), so its figure is no longer an untuned
/// one: an honest figure now needs a set nobody has read.
#[test]
fn fourth_blind_set_finds_its_topic_and_every_reaction_gets_the_safety_line() {
    evaluate("eval-blind-4.toml", &BLIND_4_FLOOR);
}

/// The fourth blind set's floor: its first measurement, on the tree before that session's
/// tuning: 158/189 (83.6%), 15/15 reports with the safety line (1 false alarm), 16/16 declined;
/// 162/189 after the first round of issue #11, tuned on the other sets. Its misses were then
/// read and their kinds fixed with general rules (hearsay and everyday words as stop words,
/// the teller of a story not a person in it, "how much is" as a price, a last clause of doubt
/// left out, countries abroad): 162/189 -> 173/189 (91.5%), 15/15 reports with the safety line
/// (0 false alarms), 16/16 declined. The sixth session's examples and classifier: 177/189
/// (93.7%).
/// At the tenth session's end: 179/189 (94.7%), which this holds.
/// Eleventh session, its questions among the phrasings: 184/189 (97.4%), which this holds.
const BLIND_4_FLOOR: Floor = Floor {
    accuracy: 0.973,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: true,
};

/// The fifth blind set (198 cases), written like the fourth by someone who saw only the seed
/// article and the topic titles, frozen before it was first measured. Read since the ninth
/// session, when the eleventh and twelfth sets took over the honest figure.
#[test]
fn fifth_blind_set_finds_its_topic_and_every_reaction_gets_the_safety_line() {
    evaluate("eval-blind-5.toml", &BLIND_5_FLOOR);
}

/// The fifth blind set's floor. First measured at 170/198 (85.9%), 15/16 reports with the
/// safety line, 20/22 declined; 183/198 (92.4%) with its topic misses still unread (the new
/// examples, the naive Bayes classifier). Its topic misses were read in the ninth session and
/// their kinds fixed with the other sets': 186/198 (93.9%), which this holds.
/// Eleventh session, its questions among the phrasings: 191/198 (96.5%), which this holds.
/// Twelfth session, with a perceptron: 192/198 (97.0%), which this holds.
const BLIND_5_FLOOR: Floor = Floor {
    accuracy: 0.969,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: true,
};

/// The sixth blind set (200 cases), written like the fifth, frozen before its first
/// measurement; read since the ninth session.
#[test]
fn sixth_blind_set_finds_its_topic_and_every_reaction_gets_the_safety_line() {
    evaluate("eval-blind-6.toml", &BLIND_6_FLOOR);
}

/// The sixth blind set's floor. First measured at 177/200 (88.5%), 16/16 reports with the
/// safety line (4 false alarms), 28/28 declined; 185/200 (92.5%) with its wrong topics unread.
/// Read in the ninth session: 190/200 (95.0%), 0 false alarms.
/// At the tenth session's end: 192/200 (96.0%), which this holds.
/// Eleventh session, its questions among the phrasings: 197/200 (98.5%), which this holds.
/// Twelfth session, with a perceptron: 200/200 (100.0%), which this holds.
const BLIND_6_FLOOR: Floor = Floor {
    accuracy: 1.0,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: true,
};

/// The seventh blind set (200 cases), written like the sixth, frozen before its first
/// measurement; read since the ninth session.
#[test]
fn seventh_blind_set_finds_its_topic_and_every_reaction_gets_the_safety_line() {
    evaluate("eval-blind-7.toml", &BLIND_7_FLOOR);
}

/// The seventh blind set's floor. First measured at 175/200 (87.5%), 16/16 reports with the
/// safety line (3 false alarms), 29/30 declined; 179/200 (89.5%) with its wrong topics unread.
/// Read in the ninth session: 185/200 (92.5%), 0 false alarms.
/// At the tenth session's end: 187/200 (93.5%), which this holds.
/// Eleventh session, its questions among the phrasings: 193/200 (96.5%), which this holds.
const BLIND_7_FLOOR: Floor = Floor {
    accuracy: 0.965,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: true,
};

/// The eighth blind set (200 cases), written like the seventh, frozen before its first
/// measurement; read since the ninth session.
#[test]
fn eighth_blind_set_finds_its_topic_and_every_reaction_gets_the_safety_line() {
    evaluate("eval-blind-8.toml", &BLIND_8_FLOOR);
}

/// The eighth blind set's floor. First measured at 180/200 (90.0%), 17/18 reports with the
/// safety line, 34/38 declined; 186/200 (93.0%) with its wrong topics unread. Read in the ninth
/// session: 193/200 (96.5%), 18/18, 38/38, which this holds.
/// Eleventh session, its questions among the phrasings: 194/200 (97.0%), which this holds.
/// Twelfth session, with a perceptron: 195/200 (97.5%), which this holds.
const BLIND_8_FLOOR: Floor = Floor {
    accuracy: 0.975,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: true,
};

/// The ninth blind set (200 cases), written on 2026-12-01 by a helper who saw only the seed
/// article and the topic titles, frozen before its first measurement.
#[test]
fn ninth_blind_set_finds_its_topic_and_every_reaction_gets_the_safety_line() {
    evaluate("eval-blind-9.toml", &BLIND_9_FLOOR);
}

/// The ninth blind set's floor. First measured on the eighth session's last tree at 182/200
/// (91.0%), 18/18 reports with the safety line (2 false alarms), 37/40 declined; 183/200 after
/// the first changes of the ninth session, tuned on other sets. Its safety and decline misses
/// were then read, and (by a slip) its wrong topics too, so it is no longer an untuned set:
/// 187/200 (93.5%), 0 false alarms, 40/40 declined.
/// At the tenth session's end: 191/200 (95.5%), which this holds.
/// Eleventh session, its questions among the phrasings: 195/200 (97.5%); 194/200 (97.0%) once
/// the phrasings repeated for the same topic were taken out, which this holds.
/// Twelfth session, with a perceptron: 196/200 (98.0%), which this holds.
const BLIND_9_FLOOR: Floor = Floor {
    accuracy: 0.98,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: true,
};

/// The tenth blind set (200 cases), written like the ninth by another helper, with patient
/// forums in mind, frozen before its first measurement.
#[test]
fn tenth_blind_set_finds_its_topic_and_every_reaction_gets_the_safety_line() {
    evaluate("eval-blind-10.toml", &BLIND_10_FLOOR);
}

/// The tenth blind set's floor. First measured on the eighth session's last tree at 172/200
/// (86.0%), 17/18 reports with the safety line (6 false alarms), 37/42 declined; 174/200 after
/// the first changes of the ninth session. Read then like the ninth: 189/200 (94.5%), 18/18,
/// 1 false alarm ("my phone battery cell keeps dying": "dying" said with "my" may speak of a
/// crisis, and the crisis line errs towards coming first), 42/42, which this holds.
/// Eleventh session, its questions among the phrasings: 195/200 (97.5%); the dying phone no
/// longer raises the crisis line (0 false alarms), which this holds.
/// Twelfth session, with a perceptron: 197/200 (98.5%), which this holds.
const BLIND_10_FLOOR: Floor = Floor {
    accuracy: 0.985,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: true,
};

/// The blind set's floor: what it measured once the content it was written for was in, then
/// after issue #11's miss kinds were fixed: 154/158 (97.5%), then 155/158 (98.1%) after its
/// second round (read on blind-4's misses), every off-topic and advice question declined, every
/// symptom report with the safety line. The tenth session's phrasings: 154/158 (97.5%), which
/// this holds.
/// Eleventh session, its questions among the phrasings: 158/158 (100%), which this holds.
const BLIND_FLOOR: Floor = Floor {
    accuracy: 1.0,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: true,
};

/// Top-1 accuracy over every case: a topic case is right with that topic first; a "none" or
/// "advice" case is right when declined (no fact); in a set that labels symptom reports, a case
/// is right only with the safety line exactly where labelled. The set's floor bounds the
/// accuracy, the "none"/"advice" cases answered with a fact and the reports missing the line.
fn evaluate(file: &str, floor: &Floor) {
    let kb = shipped();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file);
    let set: EvalSet = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(set.case.len() >= 40);
    // A set written before the safety line existed labels no symptom report: its safety is not
    // scored (its topics are).
    let scores_safety = set.case.iter().any(|c| c.safety);
    // Questions a phrasing repeats word for word (writers converge on short questions): the
    // classifier was taught them, so the figure without them is printed too.
    let plain = |q: &str| -> String {
        q.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let taught: std::collections::HashSet<String> = kb
        .content
        .topics
        .iter()
        .flat_map(|t| &t.phrasings)
        .map(|p| plain(p))
        .collect();
    let mut repeated = 0;
    let mut repeated_wrong = 0;
    let mut wrong = Vec::new();
    let mut fact_for_no_fact = Vec::new();
    let mut safety_missed = Vec::new();
    let mut false_alarms = Vec::new();
    for case in &set.case {
        let (got, safety) = answer(&kb, &case.question);
        if case.safety && !safety {
            safety_missed.push(format!("{:?}", case.question));
        }
        if scores_safety && !case.safety && safety {
            false_alarms.push(format!("{:?}", case.question));
        }
        let declined = got == "none" || got == "advice";
        if (case.expect == "none" || case.expect == "advice") && !declined {
            fact_for_no_fact.push(format!("{:?} -> {got}", case.question));
        }
        let right = if case.expect == "none" || case.expect == "advice" {
            declined
        } else {
            got == case.expect
        };
        let is_wrong = !right || (scores_safety && case.safety != safety);
        if taught.contains(&plain(&case.question)) {
            repeated += 1;
            repeated_wrong += usize::from(is_wrong);
        }
        if is_wrong {
            wrong.push(format!(
                "{:?}: expected {}{}, got {got}{}",
                case.question,
                case.expect,
                if case.safety { " + safety" } else { "" },
                if safety { " + safety" } else { "" },
            ));
        }
    }
    let total = set.case.len();
    let right = total - wrong.len();
    let accuracy = right as f64 / total as f64;
    let reports = set.case.iter().filter(|c| c.safety).count();
    let declines = set
        .case
        .iter()
        .filter(|c| c.expect == "none" || c.expect == "advice")
        .count();
    let unrepeated = total - repeated;
    println!(
        "{file}: top-1 accuracy {right}/{total} = {:.1}% ({}/{unrepeated} without the {repeated} \
         a phrasing repeats); safety line {}/{reports} reports, {} false alarms; \
         declined {}/{declines} off-topic and advice",
        accuracy * 100.0,
        unrepeated - (wrong.len() - repeated_wrong),
        reports - safety_missed.len(),
        false_alarms.len(),
        declines - fact_for_no_fact.len(),
    );
    // An unread set's questions are never shown, so that its figure stays untuned.
    let shown = |list: &[String]| {
        if floor.misses_read {
            format!("{list:#?}")
        } else {
            format!("{} (an unread set: not shown)", list.len())
        }
    };
    if floor.misses_read {
        for w in &wrong {
            println!("  miss: {w}");
        }
    }
    assert!(
        fact_for_no_fact.len() <= floor.answered_instead_of_declined,
        "off-topic or advice questions answered with a fact: {}",
        shown(&fact_for_no_fact)
    );
    assert!(
        safety_missed.len() <= floor.safety_missed,
        "symptom reports without the safety line: {}",
        shown(&safety_missed)
    );
    assert!(
        accuracy >= floor.accuracy,
        "accuracy {accuracy:.3} below {}: {}",
        floor.accuracy,
        shown(&wrong)
    );
}

/// A question that names an anchor word in passing, and shares only common words with its best
/// topic, gets no fact: neither the topic's name nor the classifier backs that match.
/// (Wordings written for this test, in no set.)
#[test]
fn an_anchor_word_in_passing_is_no_answer_without_a_confident_match() {
    let kb = shipped();
    let question = "how long does hip replacement recovery take? the surgeon's clinic said 8 weeks";
    assert_eq!(answer(&kb, question), ("none".to_owned(), false));
}

/// A question that names a subject word ("exosome") is answered when its best topic is clear,
/// however many of its words the knowledge base does not know; an anchor word in another sense
/// ("regenerative" braking) is not enough. (Wordings written for this test, in no set.)
#[test]
fn a_subject_word_among_chatter_is_answered_when_its_topic_is_clear() {
    let question = "exosomes?? somebody pls explain, my group chat is obsessed";
    assert_eq!(
        answer(&shipped(), question),
        ("what-are-exosomes".to_owned(), false)
    );
    let without = shipped_with(
        "search.toml",
        "\nsubject_words = [",
        "\nsubject_words = [] # [",
    );
    assert_eq!(answer(&without, question), ("none".to_owned(), false));
    assert_eq!(
        answer(
            &shipped(),
            "is regenerative braking on an e-bike worth it, my commute is hilly"
        ),
        ("none".to_owned(), false)
    );
}

/// Off-topic messages that name an anchor word in another sense ("EV" on a betting site,
/// "regenerative" braking, an .IND file): tests/data/offtopic-anchored.toml, 80 written by a
/// helper told only the subject and the anchor words, and read. Too many still get a fact: 45
/// when first measured, 46 with the subject words, 39 once the short names that are also a car,
/// a degree or a band (EV, MSC, IND, NCT), "platelet" and "conditioned" became context words,
/// 30 once "FDA" did too; 9 once bands, games, puzzles, cars, cruises, jobs, gadgets and
/// blood donation joined the places exobot has nothing on (its 21 fixed probes were read, so
/// this figure is tuned; the unread sets below show what carries over); 8 in the twentieth
/// session. This holds the count from growing.
#[test]
fn off_topic_messages_naming_an_anchor_word_in_another_sense() {
    off_topic_probes("offtopic-anchored.toml", 8, true);
}

/// Two more such sets of 80, each written blind by a fresh helper after the first was read,
/// frozen, and never read (counts only). First measured on beadc0a: 43 and 44 given a fact;
/// 26 and 31 with EV, MSC, IND, NCT, "platelet" and "conditioned" as context words; 17 and 21
/// with "FDA" as one too; 16 and 19 with the places exobot has nothing on read from the first
/// set (nineteenth session); 15 and 17 at the twentieth session's end (its elsewhere and
/// other-field words, from the blind sets it read).
#[test]
fn off_topic_messages_naming_an_anchor_word_never_read() {
    off_topic_probes("offtopic-anchored-2.toml", 15, false);
    off_topic_probes("offtopic-anchored-3.toml", 17, false);
}

/// Asserts that at most `most` of the 80 probes of tests/data/`file` are given a fact, and
/// shows which only when the set is `read`.
fn off_topic_probes(file: &str, most: usize, read: bool) {
    #[derive(Deserialize)]
    struct Probes {
        probe: Vec<Probe>,
    }
    #[derive(Deserialize)]
    struct Probe {
        text: String,
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file);
    let probes: Probes = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let kb = shipped();
    let answered: Vec<&str> = probes
        .probe
        .iter()
        .map(|p| p.text.as_str())
        .filter(|text| !matches!(answer(&kb, text).0.as_str(), "none" | "advice"))
        .collect();
    println!(
        "{file}: {} of {} given a fact",
        answered.len(),
        probes.probe.len()
    );
    assert_eq!(probes.probe.len(), 80);
    let shown = if read {
        format!("{answered:#?}")
    } else {
        "an unread set: not shown".to_owned()
    };
    assert!(
        answered.len() <= most,
        "{} over {most}: {shown}",
        answered.len()
    );
}

/// A question that names only a context word ("clinic", "trial", "cell"), no anchor word, is
/// about the subject when at most one of its words is unknown. (Wordings written for this test,
/// in no set.)
#[test]
fn a_context_word_alone_needs_the_rest_of_the_question_understood() {
    let kb = shipped();
    for question in [
        "does the vet clinic do nail trims for cats",
        "the dental clinic says i need a crown, how much do crowns cost",
    ] {
        assert_eq!(
            answer(&kb, question),
            ("none".to_owned(), false),
            "{question}"
        );
    }
    let (topic, _) = answer(
        &kb,
        "the clinic wants a deposit before the consult, red flag?",
    );
    assert_ne!(topic, "none");
}

/// A condition patients seek the treatment for is understood in a question about the subject,
/// and makes no question about the subject by itself. (Wordings written for this test, in no
/// set.)
#[test]
fn a_condition_is_understood_only_beside_the_subject() {
    let kb = shipped();
    assert_eq!(
        answer(&kb, "exosome trials for tbi or concussion?"),
        ("clinical-research".to_owned(), false)
    );
    assert_eq!(
        answer(&kb, "what causes heart failure"),
        ("none".to_owned(), false)
    );
}

/// Cord blood, what FDA has approved among stem cell products, names the subject, though
/// "transplant" otherwise marks general medicine; a plant's stems do not. (Wordings written
/// for this test, in no set.)
#[test]
fn cord_blood_names_the_subject_and_a_plants_stems_do_not() {
    let kb = shipped();
    assert_eq!(
        answer(&kb, "are cord blood transplants approved"),
        ("approved-stem-cell-products".to_owned(), false)
    );
    assert_eq!(
        answer(&kb, "the stems on my basil are going brown"),
        ("none".to_owned(), false)
    );
}

/// The 2019 adverse events in Nebraska name the subject ("nebraska adverse", "2019 nebraska"); the
/// state alone does not. (Wordings written for this test, in no set.)
#[test]
fn the_nebraska_events_name_the_subject_and_the_state_alone_does_not() {
    let kb = shipped();
    assert_eq!(
        answer(
            &kb,
            "people keep citing the 2019 nebraska cases as a warning, what went on"
        ),
        ("nebraska-adverse-events".to_owned(), false)
    );
    assert_eq!(
        answer(&kb, "best steakhouse in omaha nebraska?"),
        ("none".to_owned(), false)
    );
}

/// After the safety lines, someone describing a reaction gets one of the `[safety]` table's
/// facts: the one the message fits (a skin reaction), else the first (how to report it); never
/// "no vetted fact", whatever words they used. (Wordings written for this test, in no set.)
#[test]
fn a_reaction_is_answered_with_how_to_report_it_or_the_skin_reaction_fact() {
    let kb = shipped();
    for (question, topic) in [
        (
            "i passed out after my exosome infusion",
            "report-adverse-event",
        ),
        (
            "severe headache since the exosome iv yesterday",
            "report-adverse-event",
        ),
        (
            "my lips are swollen and itchy since the exosome facial",
            "skin-reactions",
        ),
    ] {
        assert_eq!(
            answer(&kb, question),
            (topic.to_owned(), true),
            "{question}"
        );
    }
}

/// A reaction report that names how the treatment was given (`[safety] treatment_words`: a
/// drip, a facial) gets one of the `[safety]` facts even when its other words are ones the
/// knowledge base does not know; without "drip" in the key it gets the safety lines and no
/// fact. A report that names no treatment and is not about the subject still gets no fact.
/// (Wordings written for this test, in no set.)
#[test]
fn a_reaction_that_names_the_treatment_gets_a_safety_fact_among_unknown_words() {
    let question = "grandpa hasnt been right since the drip on tuesday, mumbling and drowsy";
    let expected = ("report-adverse-event".to_owned(), true);
    assert_eq!(answer(&shipped(), question), expected);
    let without = shipped_with("safety.toml", "\"drip\", \"iv\",", "\"iv\",");
    assert_ne!(answer(&without, question), expected);
    assert_eq!(
        answer(
            &shipped(),
            "my toe is swollen since yesterday's football match"
        ),
        ("none".to_owned(), true)
    );
}

/// A reaction report that asks how to report it (`[safety] report_words`: "report", "MedWatch")
/// gets how to report it, even when it is about the skin; without the key it gets the skin
/// fact. Section 361's criteria name the subject. (Wordings written for this test, in no set.)
#[test]
fn a_reaction_report_that_asks_how_to_report_it_gets_how_to_report_it() {
    let question =
        "my cheeks are lumpy and sore since the exosome facial, where do i report the spa";
    assert_eq!(
        answer(&shipped(), question),
        ("report-adverse-event".to_owned(), true)
    );
    let without = shipped_with(
        "safety.toml",
        "\"report\", \"medwatch\", \"complaint\", \"complain\",",
        "",
    );
    assert_eq!(
        answer(&without, question),
        ("skin-reactions".to_owned(), true)
    );
    assert_eq!(
        answer(
            &shipped(),
            "how do i tell the fda about the rash on my cheeks since the exosome facial"
        ),
        ("report-adverse-event".to_owned(), true)
    );
    assert_eq!(
        answer(
            &shipped(),
            "what counts as minimal manipulation under section 361, asking as a pharmacy student"
        ),
        ("section-351-361".to_owned(), false)
    );
}

/// Everyday words (`EVERYDAY_WORDS`: "member", "nah", "hasn't") do not put a question off the
/// subject; a word that names another subject still does. (Wordings written for this test, in
/// no set.)
#[test]
fn everyday_words_leave_a_question_on_the_subject() {
    let kb = shipped();
    assert_eq!(
        answer(&kb, "can a family member report a side effect for me"),
        ("report-adverse-event".to_owned(), false)
    );
    assert_eq!(
        answer(
            &kb,
            "can a family member report a side effect of a flu vaccine"
        ),
        ("none".to_owned(), false)
    );
    assert_eq!(
        answer(&kb, "hasn't it only been tried in mice?"),
        ("preclinical-research".to_owned(), false)
    );
}

/// The skin-reaction fact answers a reaction report only when it is about the skin or the face,
/// or the place it was given and what the topic's text names there (`[safety.topic_words]`:
/// "site", "spot", "area", oozing, pus, streaks: since 7abf489, pus where it was injected gets the skin fact,
/// whose text says to contact a doctor for oozing where you were treated); a joint red, hot and
/// swollen, or a pain in the chest, is answered with how to report it. (Wordings written for
/// this test, in no set.)
#[test]
fn a_reaction_is_answered_with_the_skin_fact_only_at_the_skin_or_where_it_was_given() {
    let kb = shipped();
    for (question, topic) in [
        (
            "my hip is red and swollen and hot since the exosome injection there",
            "report-adverse-event",
        ),
        (
            "there is pus coming out of my elbow where they injected exosomes",
            "skin-reactions",
        ),
        (
            "my chest hurts since the exosome drip this morning",
            "report-adverse-event",
        ),
        (
            "hard bumps on my chin where they microneedled the exosomes",
            "skin-reactions",
        ),
        (
            "my skin is peeling in patches since the exosome serum",
            "skin-reactions",
        ),
        (
            "the injection spot on my shoulder is red and itchy since the exosome shot",
            "skin-reactions",
        ),
        (
            "my dad had stem cell shots in his wrist on monday and the area is swollen and warm now",
            "skin-reactions",
        ),
    ] {
        assert_eq!(
            answer(&kb, question),
            (topic.to_owned(), true),
            "{question}"
        );
    }
}

/// The eleventh blind set: written on 2026-12-01 by a helper who saw only the seed article and
/// the topic titles, frozen before it was first measured. Its topic misses are never shown, so
/// its figure is one nobody has tuned to.
#[test]
fn eleventh_blind_set_topic_misses_never_read() {
    evaluate("eval-blind-11.toml", &BLIND_11_FLOOR);
}

/// The eleventh blind set's floor. First measured on the eighth session's last tree (6fce45b)
/// at 179/200 (89.5%), 17/18 reports with the safety line (2 false alarms), 39/42 declined;
/// 183/200 at a checkpoint midway through the ninth session, 184/200 (92.0%), 17/18 (2 false
/// alarms), 42/42 at its end. Then its one missed report and two false alarms (not its topic
/// misses) were read and their kinds fixed: 187/200 (93.5%), 18/18, 0 false alarms, 42/42.
/// At the tenth session's end: 188/200 (94.0%), which this holds.
/// At the eleventh session's end, counts only: 191/200 (95.5%; 185/194 without the 6
/// questions a phrasing repeats), which this holds.
/// Twelfth session, with a perceptron, counts only: 187/200 (93.5%), 4 fewer: the
/// floor goes down to it. The change gained 9 of 1,673 by cross-validation on the read
/// sets and 6 of 1,400 on the unread sets together, and lost these 4.
/// Thirteenth session, with the embedding beside the search, counts only: 192/200 (96.0%), which
/// this holds.
/// At the nineteenth session's end, counts only: 193/200, which this holds.
const BLIND_11_FLOOR: Floor = Floor {
    accuracy: 0.965,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: false,
};

/// The twelfth blind set: written like the eleventh by another helper, frozen before it was
/// first measured, and never read.
#[test]
fn twelfth_blind_set_never_read() {
    evaluate("eval-blind-12.toml", &BLIND_12_FLOOR);
}

/// The twelfth blind set's floor. First measured on 6fce45b at 179/200 (89.5%), 18/18 reports
/// with the safety line (0 false alarms), 39/42 declined; 182/200 at the ninth session's
/// checkpoint, 181/200 (90.5%), 18/18, 42/42 at its end. Nothing of it was
/// read.
/// At the tenth session's end: 186/200 (93.0%), which this holds.
/// At the eleventh session's end, counts only: 190/200 (95.0%; 181/191 without the 9
/// questions a phrasing repeats), which this holds.
/// Twelfth session, with a perceptron, counts only: 193/200 (96.5%), which this holds.
/// Thirteenth session, with the embedding beside the search, counts only: 194/200 (97.0%), which
/// this holds.
/// At the nineteenth session's end, counts only: 198/200, which this holds.
const BLIND_12_FLOOR: Floor = Floor {
    accuracy: 0.99,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: false,
};

/// The thirteenth blind set: written at the end of the ninth session by a helper who saw only
/// the seed article and the topic titles, frozen before it was first measured, and never read.
#[test]
fn thirteenth_blind_set_never_read() {
    evaluate("eval-blind-13.toml", &BLIND_13_FLOOR);
}

/// The thirteenth blind set's floor. Measured twice, counts only: on the eighth session's last
/// tree (6fce45b) 187/200 (93.5%), 18/18 reports with the safety line (1 false alarm), 37/42
/// declined; on the ninth session's last tree 191/200 (95.5%), 18/18 (1 false alarm), 41/42,
/// then 190/200 (95.0%) with the tenth session's phrasings, which this holds. The one
/// question still answered is unread.
/// At the eleventh session's end, counts only: 192/200 (96.0%; 175/182 without the 18
/// questions a phrasing repeats), 0 false alarms, 41/42 declined, which this holds.
/// Twelfth session, with a perceptron, counts only: 193/200 (96.5%), which this holds.
/// Thirteenth session, with the embedding beside the search, counts only: 194/200 (97.0%), which
/// this holds.
/// At the nineteenth session's end, counts only: 195/200, which this holds.
const BLIND_13_FLOOR: Floor = Floor {
    accuracy: 0.975,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: false,
};

/// The fourteenth blind set (tests/data/eval-blind-14.toml): 200 cases written from the seed
/// article and the topic titles only, frozen before it was first measured, and never read.
#[test]
fn fourteenth_blind_set_never_read() {
    evaluate("eval-blind-14.toml", &BLIND_14_FLOOR);
}

/// The fourteenth blind set's floor. First measured, counts only, on the ninth session's last
/// tree (87c583f): 178/200 (89.0%), 17/18 reports with the safety line (1 false alarm), 39/42
/// declined. With the tenth session's phrasings, 177/200 (88.5%).
/// At the tenth session's end: 179/200 (89.5%), 41/42 declined, which this holds.
/// At the eleventh session's end, counts only: 183/200 (91.5%; 170/186 without the 14
/// questions a phrasing repeats), 17/18 reports (1 false alarm), 41/42 declined, which this
/// holds.
/// Twelfth session, with a perceptron, counts only: 184/200 (92.0%), which this holds.
/// Thirteenth session, with the embedding beside the search, counts only: 185/200 (92.5%), which
/// this holds.
/// At the nineteenth session's end, counts only: 186/200, which this holds.
/// At the twentieth session's end, counts only: 187/200, 17/18 reports with the safety line,
/// 42/42 declined, which this holds.
const BLIND_14_FLOOR: Floor = Floor {
    accuracy: 0.935,
    answered_instead_of_declined: 0,
    safety_missed: 1,
    misses_read: false,
};

/// The fifteenth blind set (tests/data/eval-blind-15.toml): 200 cases written from the seed
/// article and the topic titles only, frozen before it was first measured.
#[test]
fn fifteenth_blind_set() {
    evaluate("eval-blind-15.toml", &BLIND_15_FLOOR);
}

/// The fifteenth blind set's floor. First measured, counts only, on the tenth session's last
/// tree (53581b2): 186/200 (93.0%), 18/18 reports with the safety line (no false alarm), 39/42
/// declined. Its misses are read from the eleventh session on; blind-16 and -17 stay unread.
/// Read in the eleventh session (its advice misses fixed as kinds): 193/200 (96.5%), 18/18,
/// 42/42 declined, which this holds.
/// Twelfth session, with a perceptron: 195/200 (97.5%), which this holds.
const BLIND_15_FLOOR: Floor = Floor {
    accuracy: 0.975,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: true,
};

/// The sixteenth blind set (tests/data/eval-blind-16.toml): 200 cases written from the seed
/// article and the topic titles only, frozen before it was first measured, and never read.
#[test]
fn sixteenth_blind_set_never_read() {
    evaluate("eval-blind-16.toml", &BLIND_16_FLOOR);
}

/// The sixteenth blind set's floor. First measured, counts only, on the tenth session's last
/// tree (53581b2): 186/200 (93.0%), 17/18 reports with the safety line (1 false alarm), 41/42
/// declined.
/// At the eleventh session's end, counts only: 190/200 (95.0%; 169/179 without the 21
/// questions a phrasing repeats), 17/18 reports (1 false alarm), 41/42 declined; 189/200
/// (94.5%) once the 144 phrasings repeated for the same topic were taken out, which this holds.
/// Twelfth session, with a perceptron, counts only: 192/200 (96.0%), which this holds.
/// Thirteenth session, with the embedding beside the search, counts only: 193/200 (96.5%), which
/// this holds.
/// At the nineteenth session's end, counts only: 196/200, which this holds.
/// At the twentieth session's end, counts only: 197/200, 18/18 reports with the safety line,
/// 42/42 declined, which this holds.
const BLIND_16_FLOOR: Floor = Floor {
    accuracy: 0.985,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: false,
};

/// The seventeenth blind set (tests/data/eval-blind-17.toml): 200 cases written from the seed
/// article and the topic titles only, frozen before it was first measured, and never read.
#[test]
fn seventeenth_blind_set_never_read() {
    evaluate("eval-blind-17.toml", &BLIND_17_FLOOR);
}

/// The seventeenth blind set's floor. Written in the eleventh session after its changes to the
/// search and first measured, counts only, on its tree (4fd53cf): 185/200 (92.5%; 161/176
/// without the 24 questions a phrasing repeats), 18/18 reports with the safety line (2 false
/// alarms), 40/42 declined.
/// Thirteenth session, with the embedding beside the search, counts only: 186/200 (93.0%), which
/// this holds.
/// At the nineteenth session's end, counts only: 187/200, which this holds.
/// At the twentieth session's end, counts only: 189/200, 18/18 reports with the safety line,
/// 41/42 declined, which this holds.
const BLIND_17_FLOOR: Floor = Floor {
    accuracy: 0.945,
    answered_instead_of_declined: 1,
    safety_missed: 0,
    misses_read: false,
};

/// The eighteenth blind set (tests/data/eval-blind-18.toml): 200 cases written from the seed
/// article and the topic titles only, in the twelfth session before any change, frozen before it
/// was first measured, and never read.
#[test]
fn eighteenth_blind_set_never_read() {
    evaluate("eval-blind-18.toml", &BLIND_18_FLOOR);
}

/// The eighteenth blind set's floor. First measured, counts only, on aca8f60 (the eleventh
/// session's end): 189/200 (94.5%; 175/186 without the 14 questions a phrasing repeats), 18/18
/// reports with the safety line (0 false alarms), 31/32 declined.
/// Twelfth session, with a perceptron, counts only: 191/200 (95.5%), which this holds.
/// Thirteenth session, with the embedding beside the search, counts only: 192/200 (96.0%), which
/// this holds.
/// At the nineteenth session's end, counts only: 194/200, which this holds.
const BLIND_18_FLOOR: Floor = Floor {
    accuracy: 0.97,
    answered_instead_of_declined: 1,
    safety_missed: 0,
    misses_read: false,
};

/// The nineteenth blind set (tests/data/eval-blind-19.toml): 200 cases written from the seed
/// article and the topic titles only, in the twelfth session after its changes to the search,
/// frozen before it was first measured, and never read.
#[test]
fn nineteenth_blind_set_never_read() {
    evaluate("eval-blind-19.toml", &BLIND_19_FLOOR);
}

/// The nineteenth blind set's floor. First measured, counts only, on 8e45312 (the perceptron
/// beside naive Bayes): 188/200 (94.0%; 173/185 without the 15 questions a phrasing repeats),
/// 18/18 reports with the safety line (1 false alarm), 32/32 declined.
/// Thirteenth session, with the embedding beside the search, counts only: 190/200 (95.0%), which
/// this holds.
/// At the nineteenth session's end, counts only: 191/200, which this holds.
/// At the twentieth session's end, counts only: 193/200, 18/18 reports with the safety line,
/// 32/32 declined, which this holds.
const BLIND_19_FLOOR: Floor = Floor {
    accuracy: 0.965,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: false,
};

/// The twentieth blind set (tests/data/eval-blind-20.toml): 200 cases written from the seed
/// article and the topic titles only, at the twelfth session's end, frozen before it was first
/// measured, and never read.
#[test]
fn twentieth_blind_set_never_read() {
    evaluate("eval-blind-20.toml", &BLIND_20_FLOOR);
}

/// The twentieth blind set's floor. First measured, counts only, on 7742a04 (the twelfth
/// session's last tree): 181/200 (90.5%; 174/193 without the 7 questions a phrasing repeats),
/// 18/18 reports with the safety line (1 false alarm), 30/32 declined.
/// Thirteenth session, with the embedding beside the search, counts only: 185/200 (92.5%), which
/// this holds.
/// At the nineteenth session's end, counts only: 188/200, which this holds.
const BLIND_20_FLOOR: Floor = Floor {
    accuracy: 0.94,
    answered_instead_of_declined: 2,
    safety_missed: 0,
    misses_read: false,
};

/// The twenty-first blind set (tests/data/eval-blind-21.toml): 200 cases written from the seed
/// article and the topic titles only, at the thirteenth session's start (older people and
/// carers), frozen before it was first measured, and never read.
#[test]
fn twenty_first_blind_set_never_read() {
    evaluate("eval-blind-21.toml", &BLIND_21_FLOOR);
}

/// The twenty-first blind set's floor. First measured, counts only, on b7e0027 (the twelfth
/// session's last tree): 188/200 right topics or declines, 18/18 reports with the safety line
/// and 2 false alarms, which this test counts as misses too (186 at most), 32/32 declined. With
/// the embedding beside the search (the thirteenth session): 186/200 (93.0%). With the
/// fourteenth session's triage, one false alarm fewer: 187/200 (93.5%), which this holds.
/// At the twentieth session's end, counts only: 188/200, 18/18 reports with the safety line,
/// 32/32 declined, which this holds.
const BLIND_21_FLOOR: Floor = Floor {
    accuracy: 0.94,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: false,
};

/// The twenty-second blind set (tests/data/eval-blind-22.toml): 200 cases written from the
/// seed article and the topic titles only, at the thirteenth session's start (younger people
/// and sceptics), frozen before it was first measured, and never read.
#[test]
fn twenty_second_blind_set_never_read() {
    evaluate("eval-blind-22.toml", &BLIND_22_FLOOR);
}

/// The twenty-second blind set's floor. First measured, counts only, on b7e0027: 178/200 right
/// topics or declines, 18/18 reports with the safety line and 1 false alarm (177 at most as
/// this test counts), 30/32 declined. With the embedding beside the search: 180/200 (90.0%),
/// which this holds.
/// At the twentieth session's end, counts only: 182/200, 18/18 reports with the safety line,
/// 30/32 declined, which this holds.
const BLIND_22_FLOOR: Floor = Floor {
    accuracy: 0.91,
    answered_instead_of_declined: 2,
    safety_missed: 0,
    misses_read: false,
};

/// The twenty-third blind set (tests/data/eval-blind-23.toml): 200 cases written from the seed
/// article and the topic titles only, in the fifteenth session (Discord's chat spelling, stories
/// and brand names). First measured on f60101e: 195/200, 18/18 reports with the safety line, 0
/// false alarms. Read: its misses were looked at, and its cases are among what the triage's
/// reader learns from.
#[test]
fn twenty_third_blind_set() {
    evaluate("eval-blind-23.toml", &BLIND_23_FLOOR);
}

/// The twenty-third blind set's floor: 195/200 (97.5%), which this holds.
const BLIND_23_FLOOR: Floor = Floor {
    accuracy: 0.975,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: true,
};

/// The twenty-fourth blind set (tests/data/eval-blind-24.toml): 200 cases written from the seed
/// article and the topic titles only, in the fifteenth session (a month of a large server:
/// older members, parents, people who paste an ad's claim), frozen before it was first measured,
/// and never read.
#[test]
fn twenty_fourth_blind_set_never_read() {
    evaluate("eval-blind-24.toml", &BLIND_24_FLOOR);
}

/// The twenty-fourth blind set's floor. First measured, counts only, on f60101e: 189/200
/// (94.5%), 18/18 reports with the safety line, 1 false alarm. With the triage's reader: the
/// same, which this holds.
/// At the nineteenth session's end, counts only: 191/200, which this holds.
/// At the twentieth session's end, counts only: 193/200, 18/18 reports with the safety line,
/// 32/32 declined, which this holds.
const BLIND_24_FLOOR: Floor = Floor {
    accuracy: 0.965,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: false,
};

/// The twenty-fifth blind set (tests/data/eval-blind-25.toml): 200 cases written from the seed
/// article and the topic titles only, in the seventeenth session, frozen before it was first
/// measured, and never read.
#[test]
fn twenty_fifth_blind_set_never_read() {
    evaluate("eval-blind-25.toml", &BLIND_25_FLOOR);
}

/// The twenty-fifth blind set's floor. First measured, counts only, on f1f3d09 with the search's
/// stem cache (which changes no answer): 178/200 (89.0%), 17/18 reports with the safety line,
/// 0 false alarms, 30/32 off-topic and advice declined.
/// At the nineteenth session's end, counts only: 179/200, which this holds.
/// At the twentieth session's end, counts only: 181/200, 17/18 reports with the safety line,
/// 31/32 declined, which this holds.
const BLIND_25_FLOOR: Floor = Floor {
    accuracy: 0.905,
    answered_instead_of_declined: 1,
    safety_missed: 1,
    misses_read: false,
};

/// The twenty-sixth blind set (tests/data/eval-blind-26.toml): 200 cases written from the seed
/// article and the topic titles only, in the seventeenth session, frozen before it was first
/// measured; its misses were then read, to find what the search gets wrong.
#[test]
fn twenty_sixth_blind_set() {
    evaluate("eval-blind-26.toml", &BLIND_26_FLOOR);
}

/// The twenty-sixth blind set's floor. First measured, before its misses were read, on bcafd73:
/// 186/200 (93.0%), 18/18 reports with the safety line, 0 false alarms, 30/32 off-topic and
/// advice declined.
const BLIND_26_FLOOR: Floor = Floor {
    accuracy: 0.93,
    answered_instead_of_declined: 2,
    safety_missed: 0,
    misses_read: true,
};

/// The twenty-seventh blind set (tests/data/eval-blind-27.toml): 200 cases written from the seed
/// article and the topic titles only, in the seventeenth session, frozen before it was first
/// measured; its misses were then read.
#[test]
fn twenty_seventh_blind_set() {
    evaluate("eval-blind-27.toml", &BLIND_27_FLOOR);
}

/// The twenty-seventh blind set's floor. First measured, before its misses were read, on
/// 17bc309: 177/200 (88.5%), 18/18 reports with the safety line, 1 false alarm, 31/32 declined.
const BLIND_27_FLOOR: Floor = Floor {
    accuracy: 0.885,
    answered_instead_of_declined: 1,
    safety_missed: 0,
    misses_read: true,
};

/// The twenty-eighth blind set (tests/data/eval-blind-28.toml): 200 cases written from the seed
/// article and the topic titles only, in the seventeenth session, frozen before it was first
/// measured, and never read.
#[test]
fn twenty_eighth_blind_set_never_read() {
    evaluate("eval-blind-28.toml", &BLIND_28_FLOOR);
}

/// The twenty-eighth blind set's floor. First measured, counts only, on 17bc309: 182/200
/// (91.0%), 18/18 reports with the safety line, 2 false alarms, 31/32 declined.
/// At the nineteenth session's end, counts only: 184/200, which this holds.
/// At the twentieth session's end, counts only: 185/200, 18/18 reports with the safety line,
/// 32/32 declined, which this holds.
const BLIND_28_FLOOR: Floor = Floor {
    accuracy: 0.925,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: false,
};

/// The twenty-ninth blind set (tests/data/eval-blind-29.toml): 200 cases written from the seed
/// article and the topic titles only, in the eighteenth session, frozen before it was first
/// measured, and never read.
#[test]
fn twenty_ninth_blind_set_never_read() {
    evaluate("eval-blind-29.toml", &BLIND_29_FLOOR);
}

/// The twenty-ninth blind set's floor. First measured, counts only, on beadc0a: 183/200
/// (91.5%), 18/18 reports with the safety line, 1 false alarm, 30/32 declined.
/// At the nineteenth session's end, counts only: 184/200, which this holds.
/// At the twentieth session's end, counts only: 186/200, 18/18 reports with the safety line,
/// 31/32 declined, which this holds.
const BLIND_29_FLOOR: Floor = Floor {
    accuracy: 0.93,
    answered_instead_of_declined: 1,
    safety_missed: 0,
    misses_read: false,
};

/// The shipped knowledge with `from` replaced by `to` in `file`, loaded from a temporary copy
/// of the folder.
fn shipped_with(file: &str, from: &str, to: &str) -> knowledge::KnowledgeBase {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let dir = Scratch::created("phrasings");
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let mut text = std::fs::read_to_string(&path).unwrap();
            if path.ends_with(file) {
                assert!(text.contains(from), "no `{from}`");
                text = text.replacen(from, to, 1);
            }
            std::fs::write(dir.join(path.file_name().unwrap()), text).unwrap();
        }
    }
    knowledge::load(&dir, time::macros::date!(2026 - 11 - 30))
        .knowledge
        .unwrap()
}

/// `[[phrasings]]` teach the classifier only: their words do not become words the search
/// knows, so a question made of them is refused, where the same words as an example are
/// answered.
#[test]
fn phrasings_teach_the_classifier_without_making_their_words_known() {
    let nonce = "zorblaxic quintrelles vemplorium";
    let question = "zorblaxic quintrelles vemplorium?";
    let as_phrasing = shipped_with(
        "phrasings.toml",
        "topic = \"what-are-exosomes\"\nquestions = [\n",
        &format!("topic = \"what-are-exosomes\"\nquestions = [\n  \"{nonce}\",\n"),
    );
    let topic = as_phrasing
        .content
        .topics
        .iter()
        .find(|t| t.id == "what-are-exosomes")
        .unwrap();
    assert!(topic.phrasings.iter().any(|p| p == nonce), "loaded");
    assert!(matches!(
        as_phrasing.search.ask(question),
        Outcome::NoMatch { .. }
    ));
    let as_example = shipped_with(
        "topics-basics.toml",
        "examples = [\n",
        &format!("examples = [\n  \"{nonce}\",\n"),
    );
    let Outcome::Answer(m) = as_example.search.ask(question) else {
        panic!("an example's words are searched");
    };
    assert_eq!(as_example.content.topics[m.topic].id, "what-are-exosomes");
}

/// The thirtieth blind set (tests/data/eval-blind-30.toml): 200 cases written from the seed
/// article and the topic titles only, in the nineteenth session, frozen before it was first
/// measured; its misses were then read.
#[test]
fn thirtieth_blind_set() {
    evaluate("eval-blind-30.toml", &BLIND_30_FLOOR);
}

/// The thirtieth blind set's floor. First measured, before its misses were read, on 16ace93:
/// 186/200 (93.0%), 18/18 reports with the safety line, 4 false alarms, 31/32 declined.
const BLIND_30_FLOOR: Floor = Floor {
    accuracy: 0.93,
    answered_instead_of_declined: 1,
    safety_missed: 0,
    misses_read: true,
};

/// The thirty-first blind set (tests/data/eval-blind-31.toml): 200 cases written from the seed
/// article and the topic titles only, in the nineteenth session, frozen before it was first
/// measured; its misses were then read.
#[test]
fn thirty_first_blind_set() {
    evaluate("eval-blind-31.toml", &BLIND_31_FLOOR);
}

/// The thirty-first blind set's floor. First measured, before its misses were read, on 16ace93:
/// 192/200 (96.0%), 18/18 reports with the safety line, 1 false alarm, 30/32 declined.
const BLIND_31_FLOOR: Floor = Floor {
    accuracy: 0.96,
    answered_instead_of_declined: 2,
    safety_missed: 0,
    misses_read: true,
};

/// The thirty-second blind set (tests/data/eval-blind-32.toml): 200 cases written from the
/// seed article and the topic titles only, in the nineteenth session, frozen before it was
/// first measured; its misses were then read.
#[test]
fn thirty_second_blind_set() {
    evaluate("eval-blind-32.toml", &BLIND_32_FLOOR);
}

/// The thirty-second blind set's floor. First measured, before its misses were read, on
/// 6df5e2d: 169/200 (84.5%), 18/18 reports with the safety line, 4 false alarms, 27/32
/// declined. Its writer was asked for a month of a busy server: vague follow-ups, pasted
/// brochure and consent-form text, abbreviations, invented brands.
const BLIND_32_FLOOR: Floor = Floor {
    accuracy: 0.845,
    answered_instead_of_declined: 5,
    safety_missed: 0,
    misses_read: true,
};

/// The thirty-third blind set (tests/data/eval-blind-33.toml): 200 cases written from the seed
/// article and the topic titles only, in the nineteenth session, frozen before it was first
/// measured, and never read.
#[test]
fn thirty_third_blind_set_never_read() {
    evaluate("eval-blind-33.toml", &BLIND_33_FLOOR);
}

/// The thirty-third blind set's floor. First measured, counts only, on 7d94cd7 (the
/// nineteenth session's last change to what the bot answers): 194/200 (97.0%), 18/18 reports
/// with the safety line, 2 false alarms, 32/32 declined.
const BLIND_33_FLOOR: Floor = Floor {
    accuracy: 0.97,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: false,
};

/// The thirty-fourth blind set (tests/data/eval-blind-34.toml): 200 cases written from the
/// seed article and the topic titles only, in the twentieth session, frozen before it was first
/// measured; its misses were then read.
#[test]
fn thirty_fourth_blind_set() {
    evaluate("eval-blind-34.toml", &BLIND_34_FLOOR);
}

/// The thirty-fourth blind set's floor. First measured, before its misses were read, on
/// bad77f8: 195/200 (97.5%), 20/20 reports with the safety line, no false alarm, 32/32
/// declined. Its writer was asked for stories first, quoted ads and short fragments.
const BLIND_34_FLOOR: Floor = Floor {
    accuracy: 0.975,
    answered_instead_of_declined: 0,
    safety_missed: 0,
    misses_read: true,
};

/// The thirty-fifth blind set (tests/data/eval-blind-35.toml): 200 cases written from the
/// seed article and the topic titles only, in the twentieth session, frozen before it was first
/// measured; its misses were then read.
#[test]
fn thirty_fifth_blind_set() {
    evaluate("eval-blind-35.toml", &BLIND_35_FLOOR);
}

/// The thirty-fifth blind set's floor. First measured, before its misses were read, on
/// bad77f8: 187/200 (93.5%), 17/18 reports with the safety line, 2 false alarms, 29/32
/// declined. Its writer was asked for many kinds of askers in their own words ("the little
/// packets cells send") and questions that name a second topic as context.
const BLIND_35_FLOOR: Floor = Floor {
    accuracy: 0.935,
    answered_instead_of_declined: 3,
    safety_missed: 1,
    misses_read: true,
};

/// The thirty-sixth blind set (tests/data/eval-blind-36.toml): 200 cases written from the seed
/// article and the topic titles only, in the twentieth session, frozen before it was first
/// measured, and never read.
#[test]
fn thirty_sixth_blind_set_never_read() {
    evaluate("eval-blind-36.toml", &BLIND_36_FLOOR);
}

/// The thirty-sixth blind set's floor. First measured, counts only, on 68f3a78 (the twentieth
/// session's last change to what the bot answers): 196/200 (98.0%), 24/24 reports with the
/// safety line, 1 false alarm, 30/32 declined.
const BLIND_36_FLOOR: Floor = Floor {
    accuracy: 0.98,
    answered_instead_of_declined: 2,
    safety_missed: 0,
    misses_read: false,
};

/// The thirty-seventh blind set (tests/data/eval-blind-37.toml): 200 cases written from the
/// seed article and the topic titles only, in the twentieth session, frozen before it was first
/// measured; its misses were then read.
#[test]
fn thirty_seventh_blind_set() {
    evaluate("eval-blind-37.toml", &BLIND_37_FLOOR);
}

/// The thirty-seventh blind set's floor. First measured, before its misses were read, on
/// 3a4cedc: 193/200 (96.5%), 23/23 reports with the safety line, 3 false alarms, 30/32
/// declined. Its writer was asked for mangled and replaced key words: misspellings, slang,
/// shorthand, invented brands.
const BLIND_37_FLOOR: Floor = Floor {
    accuracy: 0.965,
    answered_instead_of_declined: 2,
    safety_missed: 0,
    misses_read: true,
};

/// The thirty-eighth blind set (tests/data/eval-blind-38.toml): 200 cases written from the
/// seed article and the topic titles only, in the twentieth session, frozen before it was first
/// measured; its misses were then read.
#[test]
fn thirty_eighth_blind_set() {
    evaluate("eval-blind-38.toml", &BLIND_38_FLOOR);
}

/// The thirty-eighth blind set's floor. First measured, before its misses were read, on
/// 3a4cedc: 186/200 (93.0%), 24/24 reports with the safety line, 2 false alarms, 26/32
/// declined. Its writer was asked for how people check and argue: statements to confirm,
/// leading and negative questions, quoted relatives.
const BLIND_38_FLOOR: Floor = Floor {
    accuracy: 0.93,
    answered_instead_of_declined: 6,
    safety_missed: 0,
    misses_read: true,
};

/// The thirty-ninth blind set (tests/data/eval-blind-39.toml): 200 cases written from the seed
/// article and the topic titles only, in the twentieth session, frozen before it was first
/// measured; its misses were then read.
#[test]
fn thirty_ninth_blind_set() {
    evaluate("eval-blind-39.toml", &BLIND_39_FLOOR);
}

/// The thirty-ninth blind set's floor. First measured, before its misses were read, on
/// 673cedf: 186/200 (93.0%), 23/23 reports with the safety line, 4 false alarms, 31/32
/// declined. Its writer was asked for people at every point of the journey (paid, treated,
/// booking) and people asking for someone else, with concrete details.
const BLIND_39_FLOOR: Floor = Floor {
    accuracy: 0.93,
    answered_instead_of_declined: 1,
    safety_missed: 0,
    misses_read: true,
};

/// The fortieth blind set (tests/data/eval-blind-40.toml): 200 cases written from the seed
/// article and the topic titles only, in the twentieth session, frozen before it was first
/// measured; its misses were then read.
#[test]
fn fortieth_blind_set() {
    evaluate("eval-blind-40.toml", &BLIND_40_FLOOR);
}

/// The fortieth blind set's floor. First measured, before its misses were read, on 673cedf:
/// 184/200 (92.0%), 19/21 reports with the safety line, 5 false alarms, 28/32 declined. Its
/// writer was asked for extremes of length: half of 1 to 6 words, half of 3 to 6 sentences.
const BLIND_40_FLOOR: Floor = Floor {
    accuracy: 0.92,
    answered_instead_of_declined: 4,
    safety_missed: 2,
    misses_read: true,
};

/// The forty-first blind set (tests/data/eval-blind-41.toml): 200 cases written from the seed
/// article and the topic titles only, in the twentieth session, frozen before it was first
/// measured; its misses were then read.
#[test]
fn forty_first_blind_set() {
    evaluate("eval-blind-41.toml", &BLIND_41_FLOOR);
}

/// The forty-first blind set's floor. First measured, before its misses were read, on a6dd2a1:
/// 194/200 (97.0%), 22/22 reports with the safety line, 2 false alarms, 29/32 declined. Its
/// writer was asked for the mix of a busy week: every kind of asker, register and length.
const BLIND_41_FLOOR: Floor = Floor {
    accuracy: 0.97,
    answered_instead_of_declined: 3,
    safety_missed: 0,
    misses_read: true,
};

/// The forty-second blind set (tests/data/eval-blind-42.toml): 200 cases written from the seed
/// article and the topic titles only, in the twentieth session, frozen before it was first
/// measured; its misses were then read.
#[test]
fn forty_second_blind_set() {
    evaluate("eval-blind-42.toml", &BLIND_42_FLOOR);
}

/// The forty-second blind set's floor. First measured, before its misses were read, on a6dd2a1:
/// 192/200 (96.0%), 22/24 reports with the safety line, 1 false alarm, 30/32 declined. Its
/// writer was asked for questions on close pairs of topics, where the asker's words decide.
const BLIND_42_FLOOR: Floor = Floor {
    accuracy: 0.96,
    answered_instead_of_declined: 2,
    safety_missed: 2,
    misses_read: true,
};

/// The forty-third blind set (tests/data/eval-blind-43.toml): 200 cases written from the seed
/// article and the topic titles only, in the twentieth session, frozen before it was first
/// measured; its misses were then read.
#[test]
fn forty_third_blind_set() {
    evaluate("eval-blind-43.toml", &BLIND_43_FLOOR);
}

/// The forty-third blind set's floor. First measured, before its misses were read, on 38396be:
/// 187/200 (93.5%), 22/22 reports with the safety line, 2 false alarms, 30/32 declined. Its
/// writer was asked for newcomers who describe things instead of naming them.
const BLIND_43_FLOOR: Floor = Floor {
    accuracy: 0.935,
    answered_instead_of_declined: 2,
    safety_missed: 0,
    misses_read: true,
};

/// The forty-fourth blind set (tests/data/eval-blind-44.toml): 200 cases written from the seed
/// article and the topic titles only, in the twentieth session, frozen before it was first
/// measured; its misses were then read.
#[test]
fn forty_fourth_blind_set() {
    evaluate("eval-blind-44.toml", &BLIND_44_FLOOR);
}

/// The forty-fourth blind set's floor. First measured, before its misses were read, on 38396be:
/// 186/200 (93.0%), 22/22 reports with the safety line, 4 false alarms, 29/32 declined. Its
/// writer was asked for messages typed on a phone in a hurry, and English as a second language.
const BLIND_44_FLOOR: Floor = Floor {
    accuracy: 0.93,
    answered_instead_of_declined: 3,
    safety_missed: 0,
    misses_read: true,
};
