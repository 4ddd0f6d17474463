//! `exobot check` on broken knowledge folders: each failure kind reported exactly, located by
//! file, line and column, and the shipped knowledge base clean.

use std::path::{Path, PathBuf};

use exobot::knowledge;

use crate::support::Scratch;

fn today() -> time::Date {
    time::macros::date!(2026 - 11 - 30)
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken")
}

/// The diagnostics of a folder as printed, paths shown relative to the folder.
fn diagnostics(dir: &Path) -> (bool, Vec<String>) {
    let loaded = knowledge::load(dir, today());
    let prefix = format!("{}/", dir.display());
    let lines = loaded
        .diagnostics
        .iter()
        .map(|d| {
            d.to_string()
                .replace(&prefix, "")
                .replace(&dir.display().to_string(), "<dir>")
        })
        .collect();
    (loaded.knowledge.is_some(), lines)
}

/// (fixture folder, loads, the exact diagnostics)
const CASES: &[(&str, u8, &[&str])] = &[
    ("bad-source-id", 1, &[
        "knowledge.toml:2:6: error: source id `src one` must be upper-case words joined by `-`, e.g. FDA-EXO-NOTICE-2019",
    ]),
    ("bad-topic-id", 1, &[
        "knowledge.toml:10:6: error: topic id `Alpha Topic` must be lower-case words joined by `-`, at most 100 characters",
    ]),
    ("date-with-time", 1, &[
        "knowledge.toml:7:8: error: `date` must be a calendar date such as 2024-12-30, without a time",
    ]),
    ("duplicate-alias", 1, &[
        "knowledge.toml:25:12: error: duplicate alias `Alpha Question`, first defined at knowledge.toml:13:12",
    ]),
    ("duplicate-link-id", 1, &[
        "knowledge.toml:28:6: error: duplicate link id `medwatch`, first defined at knowledge.toml:22:6",
    ]),
    ("duplicate-source-id", 1, &[
        "knowledge.toml:10:6: error: duplicate source id `SRC-ONE`, first defined at knowledge.toml:2:6",
    ]),
    ("duplicate-topic-id", 1, &[
        "knowledge.toml:22:6: error: duplicate topic id `alpha`, first defined at knowledge.toml:10:6",
    ]),
    ("empty-folder", 1, &[
        "<dir>: error: the knowledge folder holds no .toml file",
    ]),
    ("empty-title", 1, &[
        "knowledge.toml:11:9: error: `title` is empty",
    ]),
    ("future-date", 1, &[
        "knowledge.toml:18:12: error: `reviewed` 2027-01-05 is in the future (today is 2026-11-30)",
    ]),
    ("impossible-date", 1, &[
        "knowledge.toml:7:8: error: invalid date, expected day between 01 and 28",
    ]),
    ("malformed-url", 1, &[
        "knowledge.toml:5:7: error: `url` is not a well-formed address: relative URL without a base",
    ]),
    ("mention-in-body", 1, &[
        "knowledge.toml:15:8: error: `body` contains `@everyone`, which Discord reads as a mention",
    ]),
    ("missing-key", 1, &[
        "knowledge.toml:9:1: error: missing field `short`",
    ]),
    ("no-aliases", 1, &[
        "knowledge.toml:10:6: error: topic `alpha` has no `aliases`",
    ]),
    ("no-key-points", 1, &[
        "knowledge.toml:16:14: error: `key_points` must hold 1 to 8 points, not 0",
    ]),
    ("no-sources", 1, &[
        "knowledge.toml:2:6: warning: source `SRC-ONE` is cited by no topic",
        "knowledge.toml:17:11: error: topic `alpha` cites no source; every fact rests on one",
    ]),
    ("non-web-url", 1, &[
        "knowledge.toml:5:7: error: `url` must be an http(s) address, not `ftp:`",
    ]),
    ("not-utf8", 1, &[
        "knowledge.toml:15:12: error: the file is not UTF-8 (byte 0xE9 here; it looks saved as Windows-1252 or Latin-1); save it as UTF-8",
    ]),
    ("overdue-review", 0, &[
        "knowledge.toml:18:12: warning: topic `alpha` was due for review on 2026-04-01; check it against its sources",
    ]),
    ("plain-http-url", 0, &[
        "knowledge.toml:5:7: warning: `url` uses plain http; keep it only where the source has no https address",
    ]),
    ("self-related", 1, &[
        "knowledge.toml:20:12: error: topic `alpha` lists itself as related",
    ]),
    ("single-table-not-array", 1, &[
        "knowledge.toml:9:1: error: `topic` must be an array of tables, written `[[topic]]`",
    ]),
    ("source-with-url-and-reason", 1, &[
        "knowledge.toml:8:17: error: a source has either `url` or `no_url_reason`, not both",
    ]),
    ("source-without-date", 1, &[
        "knowledge.toml:2:6: error: source `SRC-ONE` has no `date`; give one, or say why in `undated_reason`",
    ]),
    ("source-without-url", 1, &[
        "knowledge.toml:2:6: error: source `SRC-ONE` has no `url`; give one, or say why in `no_url_reason`",
    ]),
    ("syntax-error", 1, &[
        "knowledge.toml:11:16: error: invalid basic string, expected `\"`",
    ]),
    ("too-long-for-discord", 1, &[
        "knowledge.toml:10:6: error: topic `alpha` does not fit a Discord embed: embed 1 description is 4518 long, over Discord's limit of 4096",
    ]),
    ("too-many-key-points", 1, &[
        "knowledge.toml:16:14: error: `key_points` must hold 1 to 8 points, not 9",
    ]),
    ("duplicate-search-word", 1, &[
        "search.toml:4:28: error: duplicate context word `Clinic`, first defined at search.toml:4:18",
    ]),
    ("subject-word-not-anchor", 1, &[
        "search.toml:4:29: error: subject word `exosomes` is not an anchor word: add it to `anchor_words` too",
    ]),
    ("two-search-tables", 1, &[
        "search-b.toml:1:1: error: only one file may hold a `[search]` table",
    ]),
    ("two-safety-tables", 1, &[
        "safety-b.toml:2:1: error: only one file may hold a `[safety]` table",
    ]),
    ("unknown-key", 1, &[
        "knowledge.toml:20:1: error: unknown field `summary`, expected one of `id`, `title`, `status`, `aliases`, `keywords`, `examples`, `short`, `body`, `key_points`, `related`, `sources`, `reviewed`, `review_every_days`",
    ]),
    ("phrasings-of-a-broken-topic", 1, &[
        "knowledge.toml:2:6: warning: source `SRC-ONE` is cited by no topic",
        "knowledge.toml:18:12: error: `reviewed` must be a calendar date such as 2024-12-30, without a time",
    ]),
    ("unknown-phrasings-topic", 1, &[
        "knowledge.toml:26:9: error: unknown topic `gamma`",
        "knowledge.toml:27:35: error: a question in `questions` is blank",
        "knowledge.toml:30:9: error: the `[[phrasings]]` of `alpha` hold no question",
        "knowledge.toml:35:14: warning: question repeated for topic `alpha`, first at knowledge.toml:23:14",
    ]),
    ("unknown-related", 1, &[
        "knowledge.toml:20:12: error: unknown related topic `gamma`",
    ]),
    ("unknown-see-reference", 1, &[
        "knowledge.toml:15:19: error: `(see gamma)` names no topic; write an existing topic id",
        "knowledge.toml:16:26: warning: `(see delta)` names a draft topic, so readers of this published topic do not see the reference",
    ]),
    ("unknown-source", 1, &[
        "knowledge.toml:17:23: error: unknown source `SRC-TWO`",
    ]),
    ("unknown-status", 1, &[
        "knowledge.toml:12:10: error: unknown variant `publish`, expected `published` or `draft`",
    ]),
    ("unknown-table", 1, &[
        "knowledge.toml:9:3: error: unknown table `topics`, expected `[[source]]`, `[[link]]`, `[[topic]]`, `[[phrasings]]`, `[search]` or `[safety]`",
    ]),
    ("unused-source", 0, &[
        "knowledge.toml:10:6: warning: source `SRC-TWO` is cited by no topic",
    ]),
    ("wrong-type", 1, &[
        "knowledge.toml:19:21: error: invalid type: string \"90\", expected i64",
    ]),
    ("safety-empty-words", 1, &[
        "knowledge.toml:32:28: error: an empty word names nothing",
    ]),
    ("safety-topic-not-published", 1, &[
        "knowledge.toml:31:20: error: `beta` is not a published topic; a reaction report must be answered with one",
    ]),
    ("safety-topic-words", 1, &[
        "knowledge.toml:34:1: error: `alpha` is not one of `topics` after the first; only those may need words (the first answers every other report)",
        "knowledge.toml:35:1: error: `gamma` is not one of `topics` after the first; only those may need words (the first answers every other report)",
        "knowledge.toml:35:9: error: `gamma` needs at least one word",
    ]),
    ("zero-review-interval", 1, &[
        "knowledge.toml:19:21: error: `review_every_days` must be from 1 to 730, not 0",
    ]),
];

#[test]
fn every_broken_fixture_gives_its_exact_located_message() {
    let mut seen = 0;
    for (name, code, expected) in CASES {
        let (loads, lines) = diagnostics(&fixtures().join(name));
        assert_eq!(lines, *expected, "fixture {name}");
        assert_eq!(loads, *code == 0, "fixture {name}: loads");
        seen += 1;
    }
    let on_disk = std::fs::read_dir(fixtures()).unwrap().count();
    assert_eq!(seen, on_disk, "every fixture folder has a case");
    assert!(seen >= 30);
}

#[test]
fn a_missing_folder_is_one_clear_error() {
    let dir = fixtures().join("no-such-folder");
    let (loads, lines) = diagnostics(&dir);
    assert!(!loads);
    assert_eq!(lines, ["<dir>: error: the knowledge folder does not exist"]);
}

#[test]
fn a_file_given_as_the_folder_is_one_clear_error() {
    let file = fixtures().join("syntax-error/knowledge.toml");
    let (loads, lines) = diagnostics(&file);
    assert!(!loads);
    assert_eq!(
        lines,
        ["<dir>: error: the knowledge path is a file, not a folder"]
    );
}

#[test]
fn the_shipped_knowledge_base_has_no_errors_and_only_the_known_http_warnings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let loaded = knowledge::load(&dir, today());
    let errors: Vec<String> = loaded.errors().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    for d in &loaded.diagnostics {
        assert!(d.message.contains("plain http"), "unexpected warning: {d}");
    }
    let kb = loaded.knowledge.unwrap();
    assert!(kb.content.published().count() >= 15);
}

mod properties {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngSeed};

    fn shipped(name: &str) -> String {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("knowledge")
                .join(name),
        )
        .unwrap()
    }

    /// Loads a copy of the shipped folder whose basics topics file is `topics`: it never panics, a
    /// knowledge base comes back exactly when no diagnostic is an error, and every diagnostic
    /// names a file of the folder with both line and column or neither.
    fn load_with_topics(topics: &str) -> Result<bool, TestCaseError> {
        // Removed when dropped, also when a property fails and returns early.
        let dir = Scratch::created("prop-kb");
        let shipped_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
        for entry in std::fs::read_dir(shipped_dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
            }
        }
        std::fs::write(dir.join("topics-basics.toml"), topics).unwrap();
        let loaded = knowledge::load(&dir, today());
        let errors = loaded.errors().count();
        prop_assert_eq!(loaded.knowledge.is_some(), errors == 0);
        for d in &loaded.diagnostics {
            prop_assert!(d.path.starts_with(&dir), "{}", d);
            prop_assert_eq!(d.line == 0, d.col == 0, "{}", d);
        }
        Ok(loaded.knowledge.is_some())
    }

    #[test]
    fn the_undamaged_copy_loads() {
        assert!(load_with_topics(&shipped("topics-basics.toml")).unwrap());
    }

    proptest! {
        #![proptest_config(Config {
            cases: 48,
            failure_persistence: None,
            rng_seed: RngSeed::Fixed(0x6b62_6c6f_6164),
            ..Config::default()
        })]

        #[test]
        fn a_damaged_topics_file_is_reported_never_a_panic(
            cut in any::<prop::sample::Index>(),
            len in 0usize..200,
            insert in "[\\[\\]=\"a-z0-9 .#\\n]{0,20}",
        ) {
            let text = shipped("topics-basics.toml");
            let mut at = cut.index(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + len).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let damaged = format!("{}{insert}{}", &text[..at], &text[end..]);
            load_with_topics(&damaged)?;
        }

        #[test]
        fn any_text_as_a_topics_file_is_reported_never_a_panic(text in any::<String>()) {
            load_with_topics(&text)?;
        }
    }
}
