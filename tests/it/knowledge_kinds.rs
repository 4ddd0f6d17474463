//! Fault kinds of issue 12 in the knowledge loader, each fixed as a kind: limits checked on what
//! the bot builds (A), limits counting what a member typed (D), line endings and encodings (E),
//! and one broken file burying its real error (F).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use exobot::knowledge::{self, Loaded};

fn today() -> time::Date {
    time::macros::date!(2026 - 11 - 30)
}

fn shipped_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

/// A temporary copy of the shipped knowledge folder, removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn shipped(name: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "exobot-kinds-{}-{}-{name}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(shipped_dir()).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
            }
        }
        Self(dir)
    }

    fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }

    fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.path(file)).unwrap()
    }

    fn write(&self, file: &str, bytes: impl AsRef<[u8]>) {
        std::fs::write(self.path(file), bytes).unwrap();
    }

    /// Replaces the first `from` in `file` with `to`.
    fn edit(&self, file: &str, from: &str, to: &str) {
        let text = self.read(file);
        assert!(text.contains(from), "{file} has no `{from}`");
        self.write(file, text.replacen(from, to, 1));
    }

    fn toml_files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        names.sort();
        names
    }

    fn load(&self) -> Loaded {
        knowledge::load(&self.0, today())
    }

    /// The diagnostics as `exobot check` prints them, paths relative to the folder.
    fn lines(&self) -> Vec<String> {
        let prefix = format!("{}/", self.0.display());
        self.load()
            .diagnostics
            .iter()
            .map(|d| d.to_string().replace(&prefix, ""))
            .collect()
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn errors(lines: &[String]) -> Vec<&String> {
    lines.iter().filter(|l| l.contains(": error: ")).collect()
}

// ---- E: line endings and encodings ----------------------------------------------------------

#[test]
fn files_saved_with_crlf_and_a_bom_mean_exactly_what_they_mean_with_lf() {
    let plain = Folder::shipped("lf");
    let windows = Folder::shipped("crlf");
    for name in windows.toml_files() {
        let text = windows.read(&name).replace('\n', "\r\n");
        windows.write(
            &name,
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        );
    }
    let lf = plain.load().knowledge.unwrap();
    let loaded = windows.load();
    assert!(
        loaded.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        loaded.diagnostics
    );
    let crlf = loaded.knowledge.unwrap();
    assert_eq!(crlf.revision, lf.revision, "the revision is the content's");
    assert!(crlf.questionnaire.is_some());
    let (a, b) = (
        lf.questionnaire.as_ref().unwrap(),
        crlf.questionnaire.as_ref().unwrap(),
    );
    assert_eq!(a.version(), b.version());
    assert_eq!(a.questions(), b.questions());
    assert_eq!(a.report(), b.report());
    assert_eq!(a.steps(), b.steps());
    for topic in lf.content.published() {
        let (a, print_a) = exobot::moderation::fact_message(&lf, &topic.id).unwrap();
        let (b, print_b) = exobot::moderation::fact_message(&crlf, &topic.id).unwrap();
        assert_eq!(a, b, "topic {}", topic.id);
        assert_eq!(
            print_a, print_b,
            "a restart would mark {} Updated",
            topic.id
        );
        assert!(!format!("{b:?}").contains("\\r"), "topic {}", topic.id);
    }
}

#[test]
fn a_byte_order_mark_does_not_shift_columns_on_line_one() {
    let dir = Folder::shipped("bom");
    let text = dir.read("sources.toml");
    let broken = format!("oops = 1\n{text}");
    dir.write("sources.toml", &broken);
    let without = dir.lines();
    dir.write(
        "sources.toml",
        [b"\xEF\xBB\xBF".as_slice(), broken.as_bytes()].concat(),
    );
    let with = dir.lines();
    assert_eq!(with, without);
    assert!(
        errors(&with)[0].starts_with("sources.toml:1:1: error: unknown table `oops`"),
        "{with:?}"
    );
}

#[test]
fn a_utf16_file_is_one_clear_line_naming_it() {
    for (name, bom, big_endian) in [
        ("utf16-le", true, false),
        ("utf16-be", true, true),
        ("utf16-no-bom", false, false),
    ] {
        let dir = Folder::shipped(name);
        let text = dir.read("sources.toml");
        let mut bytes: Vec<u8> = match (bom, big_endian) {
            (false, _) => Vec::new(),
            (true, false) => vec![0xFF, 0xFE],
            (true, true) => vec![0xFE, 0xFF],
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        dir.write("sources.toml", bytes);
        let lines = dir.lines();
        assert_eq!(
            errors(&lines),
            ["sources.toml: error: the file is UTF-16; save it as UTF-8"],
            "{name}"
        );
    }
}

#[test]
fn a_utf16_questionnaire_is_one_clear_line_too() {
    let dir = Folder::shipped("utf16-questionnaire");
    let text = dir.read("questionnaire.toml");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    dir.write("questionnaire.toml", bytes);
    assert_eq!(
        errors(&dir.lines()),
        ["questionnaire.toml: error: the file is UTF-16; save it as UTF-8"]
    );
}

#[test]
fn a_windows_1252_file_is_named_as_such_where_its_first_such_byte_is() {
    let dir = Folder::shipped("cp1252");
    let text = dir.read("sources.toml");
    let at = text.find("title = \"").unwrap() + "title = \"".len();
    let mut bytes = text.as_bytes().to_vec();
    bytes.insert(at, 0x92); // a Windows-1252 right single quote
    dir.write("sources.toml", bytes);
    let (line, col) = exobot::diagnostic::line_col(&text, at);
    let lines = dir.lines();
    assert_eq!(
        errors(&lines),
        [&format!(
            "sources.toml:{line}:{col}: error: the file is not UTF-8 (byte 0x92 here; it looks saved as Windows-1252 or Latin-1); save it as UTF-8"
        )]
    );
}

#[test]
fn the_config_file_reads_the_same_with_crlf_and_a_bom() {
    let dir = Folder::shipped("config");
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("config/exobot.toml"))
            .unwrap();
    dir.write("lf.conf", &text);
    let crlf = text.replace('\n', "\r\n");
    dir.write(
        "crlf.conf",
        [b"\xEF\xBB\xBF".as_slice(), crlf.as_bytes()].concat(),
    );
    let env = std::collections::BTreeMap::new();
    let a = exobot::config::Config::load(Some(&dir.path("lf.conf")), &env).unwrap();
    let b = exobot::config::Config::load(Some(&dir.path("crlf.conf")), &env).unwrap();
    assert!(a == b, "the same settings");
}

// ---- F: one broken file buries its real error -------------------------------------------------

#[test]
fn a_typo_in_sources_toml_is_one_error_not_an_unknown_source_in_every_topic() {
    let dir = Folder::shipped("yes");
    dir.edit(
        "sources.toml",
        "url_confirmed = true",
        "url_confirmed = yes",
    );
    let lines = dir.lines();
    let errors = errors(&lines);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("sources.toml:15:17: error: "),
        "{errors:?}"
    );
    assert!(
        lines[0].contains(": error: "),
        "the real error comes first: {lines:?}"
    );
}

#[test]
fn a_mistyped_source_entry_is_one_error_and_other_unknown_sources_are_still_found() {
    let dir = Folder::shipped("quoted-yes");
    dir.edit(
        "sources.toml",
        "url_confirmed = true",
        "url_confirmed = \"yes\"",
    );
    let lines = dir.lines();
    assert_eq!(errors(&lines).len(), 1, "{lines:#?}");
    // A citation of a source that exists nowhere is still reported.
    dir.edit(
        "topics-basics.toml",
        "sources = [\"",
        "sources = [\"NO-SUCH-SOURCE\", \"",
    );
    let lines = dir.lines();
    let errors = errors(&lines);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].starts_with("sources.toml:15:17: error: "),
        "{errors:?}"
    );
    assert!(
        errors[1].starts_with("topics-basics.toml:")
            && errors[1].ends_with("unknown source `NO-SUCH-SOURCE`"),
        "{errors:?}"
    );
}

#[test]
fn an_unreadable_topics_file_is_one_error_not_unknown_related_topics_elsewhere() {
    for (name, damage) in [
        ("topics-latin1", b"\xE9".as_slice()),
        ("topics-syntax", b"[[topic]\n".as_slice()),
    ] {
        let dir = Folder::shipped(name);
        let mut bytes = dir.read("topics-regulation.toml").into_bytes();
        bytes.splice(0..0, damage.iter().copied());
        dir.write("topics-regulation.toml", bytes);
        let lines = dir.lines();
        let errors = errors(&lines);
        assert_eq!(errors.len(), 1, "{name}: {errors:#?}");
        assert!(
            errors[0].starts_with("topics-regulation.toml:1:"),
            "{name}: {errors:?}"
        );
        assert!(
            lines[0].contains(": error: "),
            "{name}: the real error comes first"
        );
    }
}

#[test]
fn a_topic_with_a_missing_key_hides_no_related_topic_and_invents_none() {
    let dir = Folder::shipped("no-short");
    let text = dir.read("topics-basics.toml");
    let short = text.find("\nshort = ").unwrap() + 1;
    let end = short + text[short..].find('\n').unwrap() + 1;
    dir.write(
        "topics-basics.toml",
        format!("{}{}", &text[..short], &text[end..]),
    );
    let lines = dir.lines();
    let errors = errors(&lines);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].ends_with("missing field `short`"), "{errors:?}");
}

#[test]
fn a_broken_source_or_link_the_clinic_check_names_is_reported_once_in_its_own_file() {
    let dir = Folder::shipped("q-source");
    dir.edit(
        "sources.toml",
        "id = \"FDA-REGEN-PATIENT-2021\"\n",
        "id = \"FDA-REGEN-PATIENT-2021\"\nbogus = 1\n",
    );
    let lines = dir.lines();
    assert_eq!(errors(&lines).len(), 1, "{lines:#?}");
    assert!(errors(&lines)[0].starts_with("sources.toml:21:1: error: unknown field `bogus`"));

    let dir = Folder::shipped("q-link");
    dir.edit(
        "links.toml",
        "id = \"medwatch\"\n",
        "id = \"medwatch\"\nbogus = 1\n",
    );
    let lines = dir.lines();
    assert_eq!(errors(&lines).len(), 1, "{lines:#?}");
    assert!(errors(&lines)[0].starts_with("links.toml:14:1: error: unknown field `bogus`"));
}

#[test]
fn a_file_that_cannot_be_parsed_is_listed_before_errors_in_files_named_earlier() {
    let dir = Folder::shipped("order");
    let links = dir.read("links.toml");
    let start = links.find("label = ").unwrap();
    let end = start + links[start..].find('\n').unwrap();
    dir.write(
        "links.toml",
        format!("{}label = \" \"{}", &links[..start], &links[end..]),
    );
    dir.edit(
        "sources.toml",
        "url_confirmed = true",
        "url_confirmed = yes",
    );
    let lines = dir.lines();
    let errors = errors(&lines);
    assert!(errors.len() >= 2, "{errors:#?}");
    assert!(errors[0].starts_with("sources.toml:"), "{errors:#?}");
    assert!(
        errors[1].starts_with("links.toml:7:9: error: `label` is empty"),
        "{errors:#?}"
    );
}

// ---- A: limits checked on what the bot builds, not on the stored data ------------------------

/// A published topic in its own file, `topics-zz.toml`, with this id, body and key points.
fn synthetic_topic(dir: &Folder, id: &str, body: usize, point: usize) {
    let point = "p".repeat(point);
    dir.write(
        "topics-zz.toml",
        format!(
            "[[topic]]\nid = \"{id}\"\ntitle = \"A synthetic topic\"\nstatus = \"published\"\n\
             aliases = [\"zz synthetic alias\"]\nshort = \"Short.\"\nbody = \"{}\"\n\
             key_points = [\"{point}\", \"{point}\"]\nsources = [\"FDA-EXO-NOTICE-2019\"]\n\
             reviewed = 2026-11-01\nreview_every_days = 90\n",
            "b".repeat(body)
        ),
    );
}

/// A kebab-case id of exactly `len` characters.
fn id_of_len(len: usize) -> String {
    let mut id = String::from("t");
    while id.len() < len {
        let dash = id.len() % 10 == 0 && id.len() + 1 < len;
        id.push(if dash { '-' } else { 'x' });
    }
    id
}

#[test]
fn a_topic_id_too_long_for_its_buttons_custom_id_is_an_error_at_the_id() {
    for (len, expected) in [
        (
            100,
            vec![
                "row 1 button 1 custom_id is 106 long",
                "row 2 button 1 custom_id is 105 long",
            ],
        ),
        (95, vec!["row 1 button 1 custom_id is 101 long"]),
        (94, vec![]),
    ] {
        let dir = Folder::shipped(&format!("id-{len}"));
        let id = id_of_len(len);
        assert_eq!(id.len(), len);
        synthetic_topic(&dir, &id, 100, 100);
        let lines = dir.lines();
        let errors = errors(&lines);
        assert_eq!(errors.len(), expected.len(), "{len}: {errors:#?}");
        for (line, part) in errors.iter().zip(&expected) {
            assert!(
                line.starts_with(&format!(
                    "topics-zz.toml:2:6: error: topic `{id}` does not fit Discord's limits in its answer at the longest: {part}"
                )),
                "{len}: {line}"
            );
        }
    }
}

/// The embed total of the synthetic topic with this body, as the bot renders it.
fn embed_total(dir: &Folder, body: usize) -> usize {
    synthetic_topic(dir, "zz-synthetic", body, 1000);
    let loaded = dir.load();
    let kb = loaded
        .knowledge
        .unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics));
    let topic = kb.content.published_topic("zz-synthetic").unwrap();
    kb.topic_embed(topic).total_len()
}

#[test]
fn a_topic_just_under_6000_characters_is_an_error_when_sharing_or_updating_would_pass_it() {
    let dir = Folder::shipped("near-6000");
    let base = embed_total(&dir, 3000);
    let body_for = |total: usize| 3000 + total - base;

    // 5990: the embed fits, but "Shared by" and "Updated" would not.
    synthetic_topic(&dir, "zz-synthetic", body_for(5990), 1000);
    let lines = dir.lines();
    let errors = errors(&lines);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].contains("in its shared post at the longest: embeds in total is 6079 long"),
        "{errors:?}"
    );
    assert!(
        errors[1].contains("in its updated post at the longest: embeds in total is 6059 long"),
        "{errors:?}"
    );

    // At 6000 - 89 the longest "Shared by" just fits, and so does "Updated".
    synthetic_topic(&dir, "zz-synthetic", body_for(5911), 1000);
    let loaded = dir.load();
    assert!(loaded.errors().next().is_none(), "{:?}", loaded.diagnostics);
    let kb = loaded.knowledge.unwrap();
    let topic = kb.content.published_topic("zz-synthetic").unwrap();
    let embed = kb.topic_embed(topic);
    assert_eq!(embed.total_len(), 5911);
    let shared = knowledge::messages::shared(embed.clone(), &"@*".repeat(2000));
    assert_eq!(shared.embeds[0].total_len(), 6000);
    let updated = exobot::moderation::fact_message(&kb, "zz-synthetic")
        .unwrap()
        .0;
    let updated = knowledge::messages::updated(updated, time::Date::MAX);
    for message in [shared, updated] {
        let errors = exobot::reply::Reply::Message(message).limit_errors();
        assert!(errors.is_empty(), "{errors:?}");
    }
}

#[test]
fn the_bot_shares_and_refreshes_through_the_checked_builders() {
    use exobot::app::App;
    use exobot::event::{Actor, Channel, Command, ComponentId, Effect, Event, Place};
    let dir = Folder::shipped("builders");
    let kb = dir.load().knowledge.unwrap();
    let topic = kb.content.published().next().unwrap().clone();
    let embed = kb.topic_embed(&topic);
    let app = App::new(kb, exobot::questionnaire::TokenKey::new(b"test key"));
    let actor = Actor {
        user_id: 1,
        display_name: "Ana *Lopez* @here".to_owned(),
        can_reload: false,
        can_moderate: false,
        place: Place::Guild {
            guild_id: 1,
            channel_id: 2,
            channel: Channel::Text,
            can_send: true,
        },
    };
    let asked = app.handle(
        &actor,
        Event::Command(Command::Fact {
            topic: Some(topic.id.clone()),
        }),
    );
    let kb = app.knowledge();
    let related: Vec<&knowledge::Topic> = topic
        .related
        .iter()
        .filter_map(|id| kb.content.published_topic(id))
        .collect();
    assert_eq!(
        asked.reply,
        exobot::reply::Reply::Message(knowledge::messages::answer(
            embed.clone(),
            &topic.id,
            true,
            &related
        ))
    );
    let shared = app.handle(
        &actor,
        Event::Component {
            custom_id: ComponentId::Share(topic.id.clone()).to_string(),
            values: Vec::new(),
            message: Vec::new(),
            interaction_id: 0,
        },
    );
    let Some(Effect::Post(post)) = shared.effect else {
        panic!("a post: {shared:?}")
    };
    assert_eq!(
        post.message,
        knowledge::messages::shared(embed, &actor.display_name)
    );
}
