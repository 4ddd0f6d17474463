//! Injection, end to end on the fake Discord: mention and markdown strings sent through every
//! path where exobot shows text a member typed (the clinic label, the manufacturer and note
//! forms, refused IND and trial numbers, a display name on a shared fact, an unknown topic or
//! command name) and through the paths that must not show it at all (/ask, autocomplete,
//! answering a member's message). Nothing may ping, and nothing may change the layout of the
//! bot's messages or of the report file. Forged component and form interactions each get their
//! own polite, ephemeral refusal.
//!
//! What the code promises, and what is asserted: text shown on Discord is escaped (every
//! markdown character behind a backslash, every `@` followed by a zero-width space, line breaks
//! only in the note), so `unescape` gives back exactly the cleaned input; the report file escapes
//! `<`, `=` and `&` as well, so no HTML, setext heading or entity comes from a member; invisible
//! direction overrides are dropped. Across every request the bot sent, no mention Discord would
//! render, no `@everyone`/`@here`, no code fence, no heading or quote line, and no link to the
//! corpus' address survive.

use std::path::Path;

use exobot::questionnaire::text::{clean_line, clean_paragraph, CLINIC_MAX, NOTE_MAX};
use exobot::questionnaire::{unescape, Questionnaire, State, TokenKey};
use serde_json::{json, Value};

use crate::e2e::bot;
use crate::support::{self, components, id_of, parse_id, permissions, FakeDiscord, Place};

const GUILD: u64 = 960_000_000_000_000_001;
const CHANNEL: u64 = 960_000_000_000_000_002;
const MEMBER: u64 = 960_000_000_000_000_003;
const DM_CHANNEL: u64 = 960_000_000_000_000_004;
const STRANGER: u64 = 960_000_000_000_000_005;
const MODERATOR: u64 = 960_000_000_000_000_006;
/// Channels for shares, one per display name (a fact is shared once a minute per channel).
const SHARE_CHANNELS: u64 = 960_000_000_000_100_000;

/// The id every mention in the corpus names; nothing the bot sends may mention it.
const CORPUS_ID: &str = "123456789012345678";
/// The address every link in the corpus points to.
const EVIL: &str = "evil.example";
const ZWSP: char = '\u{200B}';

/// What members type to ping people or to bend the bot's messages out of shape.
const CORPUS: &[&str] = &[
    "@everyone",
    "@here",
    "@everyone @here @EVERYONE",
    "<@123456789012345678>",
    "<@!123456789012345678>",
    "<@&123456789012345678>",
    "<#123456789012345678>",
    "</fact:123>",
    "</fact:123456789012345678>",
    "<t:1700000000:R>",
    "<:blob:123456789012345678> <a:blob:123456789012345678>",
    "<id:customize>",
    "<<@123456789012345678>>",
    "@\u{200B}everyone",
    "@\u{200B}here",
    "@\u{2060}everyone @\u{FEFF}here",
    "\u{FF20}everyone \u{FF20}here",
    "\\@everyone",
    "**bold** __u__ ~~s~~ ||spoiler||",
    "*i* _i_ ***bi*** `code`",
    "```\ncode block never closed",
    "```rust\nfn main() {}",
    "`",
    "``",
    "# Heading",
    "## Heading\n### Heading",
    "-# small",
    "> quote",
    ">>> quote to the end",
    "- item\n* item\n+ item",
    "[click](https://evil.example)",
    "[click](<https://evil.example>)",
    "[https://good.example](https://evil.example \"title\")",
    "<https://evil.example>",
    "https://evil.example",
    "\n\n\n",
    "top\n\n\nbottom",
    "Glow\n===",
    "Glow\n---",
    "<pre",
    "<script>alert(1)</script>",
    "<?php echo 1; ?>",
    "<a href=https://evil.example>click</a>",
    "&#64;everyone &lt;pre&gt; &#x202E;",
    "\u{202E}kcehc cinilc",
    "Spa \u{202E}evil\u{202C} \u{2066}x\u{2069} \u{202A}y",
    "nul\u{0}bell\u{7}esc\u{1B}[31m del\u{7F}",
    "\u{0}",
    "\u{0} \u{1}",
    "tab\there\r\nCRLF\rCR",
    "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467} \u{1F3F3}\u{FE0F}\u{200D}\u{1F308} \u{1F44D}\u{1F3FD}",
    "Z\u{0337}\u{0322}a\u{0338}l\u{0335}g\u{0336}o e\u{0301}",
    "\\",
    "a\\",
    "\\*not bold\\*",
];

// ------------------------------------------------------------------------------ places

fn dm() -> Place {
    Place::Dm {
        channel_id: DM_CHANNEL,
        user_id: MEMBER,
    }
}

fn in_server(channel_id: u64, user_id: u64, permissions: u64) -> Place {
    Place::Guild {
        guild_id: GUILD,
        channel_id,
        user_id,
        permissions,
    }
}

fn as_member() -> Place {
    in_server(CHANNEL, MEMBER, permissions::MEMBER)
}

fn as_moderator() -> Place {
    in_server(CHANNEL, MODERATOR, permissions::MODERATOR)
}

// ------------------------------------------------------------------------- interactions

fn check_command(clinic: &str, at: Place) -> Value {
    support::slash_command(
        "clinic-check",
        json!([{ "name": "clinic", "type": 3, "value": clinic }]),
        at,
    )
}

fn string_command(name: &str, option: &str, value: &str, at: Place) -> Value {
    support::slash_command(
        name,
        json!([{ "name": option, "type": 3, "value": value }]),
        at,
    )
}

/// Presses the button labelled `label` on `message` and returns the callback.
async fn press(fake: &FakeDiscord, message: &Value, label: &str, at: Place) -> Value {
    let id = id_of(message, label);
    fake.interact(support::button(&id, message.clone(), at))
        .await
}

/// The stored message with this message's id (after the bot updated it).
fn current(fake: &FakeDiscord, message: &Value) -> Value {
    fake.message(parse_id(&message["id"]).unwrap()).unwrap()
}

/// The files the bot attached to its callback of `interaction`.
fn files_of(fake: &FakeDiscord, interaction: &Value) -> Vec<support::RecordedFile> {
    let prefix = format!("/interactions/{}/", parse_id(&interaction["id"]).unwrap());
    fake.requests()
        .into_iter()
        .filter(|r| r.path.starts_with(&prefix))
        .flat_map(|r| r.files)
        .collect()
}

/// Presses "Get the report" and returns the callback and the Markdown file.
async fn report_of(fake: &FakeDiscord, message: &Value, at: Place) -> (Value, String) {
    let id = id_of(message, "Get the report");
    let interaction = support::button(&id, message.clone(), at);
    let report = fake.interact(interaction.clone()).await;
    assert_eq!(report["type"], 7, "{report:#}");
    let files = files_of(fake, &interaction);
    assert_eq!(files.len(), 1, "the report carries its file");
    assert_eq!(files[0].filename, "clinic-check-report.md");
    (report, String::from_utf8(files[0].data.clone()).unwrap())
}

/// The value of the embed field named `name`, in the first embed that has one.
fn field<'a>(message: &'a Value, name: &str) -> Option<&'a str> {
    message["embeds"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|e| e["fields"].as_array().into_iter().flatten())
        .find(|f| f["name"] == name)
        .map(|f| f["value"].as_str().unwrap())
}

/// Sends an interaction and returns the text of its ephemeral answer: the message callback's,
/// or for an answer deferred (because Discord is called first), the edit that follows it.
async fn ephemeral_answer(fake: &FakeDiscord, interaction: Value) -> String {
    let callback = fake.interact(interaction.clone()).await;
    if callback["type"] != 5 {
        return ephemeral_text(&callback);
    }
    assert_eq!(callback["data"]["flags"], 64, "only the member sees it");
    let path = format!(
        "/webhooks/{}/{}/messages/@original",
        fake.application_id(),
        interaction["token"].as_str().unwrap()
    );
    let edit = fake.wait_for_request("PATCH", &path).await;
    edit.body["content"].as_str().unwrap().to_owned()
}

/// Asserts an ephemeral message callback and returns its text.
fn ephemeral_text(callback: &Value) -> String {
    assert_eq!(callback["type"], 4, "a message answers it: {callback:#}");
    assert_eq!(
        callback["data"]["flags"].as_u64().unwrap_or(0) & 64,
        64,
        "only the member sees it: {callback:#}"
    );
    callback["data"]["content"].as_str().unwrap().to_owned()
}

/// The shipped questionnaire and the key the test bot signs with (see `e2e::bot::config`).
fn questionnaire_and_key() -> (Questionnaire, TokenKey) {
    let kb = exobot::knowledge::load(&bot::shipped_knowledge(), exobot::startup::today())
        .knowledge
        .unwrap();
    (
        kb.questionnaire.unwrap(),
        TokenKey::new(b"end-to-end test secret"),
    )
}

// ------------------------------------------------------------ what escaped text looks like

/// Characters Discord markdown gives a meaning: echoed, each must sit behind a backslash.
const DISCORD_SPECIAL: &[char] = &[
    '\\', '*', '_', '~', '`', '|', '>', '#', '[', ']', '(', ')', '-', ':',
];
/// In the Markdown file, also HTML (`<`), setext headings (`=`) and entities (`&`).
const FILE_SPECIAL: &[char] = &[
    '\\', '*', '_', '~', '`', '|', '>', '#', '[', ']', '(', ')', '-', ':', '<', '=', '&',
];

fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The first character of `text` that is neither escaped nor harmless: a special character
/// without a backslash, an `@` without a zero-width space after it, a control character (line
/// breaks only where `lines`), or an invisible direction override.
fn live_character(text: &str, special: &[char], lines: bool) -> Option<(usize, char)> {
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' if chars.next().is_some() => {}
            '@' if chars.peek().map(|&(_, next)| next) == Some(ZWSP) => {}
            '\n' if lines => {}
            c if special.contains(&c) || c == '@' => return Some((at, c)),
            c if c.is_control() || is_direction_override(c) => return Some((at, c)),
            _ => {}
        }
    }
    None
}

/// Asserts that `shown` is `plain` made safe: nothing live in it, and unescaping gives `plain`.
fn assert_escaped(shown: &str, plain: &str, special: &[char], lines: bool, what: &str) {
    if let Some((at, c)) = live_character(shown, special, lines) {
        panic!("{what}: {c:?} at byte {at} is live in {shown:?} (typed {plain:?})");
    }
    assert_eq!(unescape(shown), plain, "{what}: shown as {shown:?}");
}

/// What the cleaned one-line text of a member is (see `clean_line`), or `None`.
fn cleaned_line(raw: &str, max: usize) -> Option<String> {
    clean_line("text", raw, max).unwrap()
}

/// A paragraph as a draft shows it before escaping: control characters other than line breaks
/// and direction overrides go, and it is trimmed.
fn plain_paragraph(raw: &str) -> String {
    let text: String = raw
        .replace("\r\n", "\n")
        .chars()
        .filter(|&c| (c == '\n' || !c.is_control()) && !is_direction_override(c))
        .collect();
    text.trim().to_owned()
}

/// Asserts that `shown` is the start of `plain` made safe for Discord (a long draft is cut).
fn assert_escaped_start(shown: &str, plain: &str, lines: bool, typed: &str) {
    if let Some((at, c)) = live_character(shown, DISCORD_SPECIAL, lines) {
        panic!("{typed:?}: {c:?} at byte {at} is live in {shown:?}");
    }
    assert!(plain.starts_with(&unescape(shown)), "{typed:?}: {shown:?}");
}

/// A display name as the share shows it before escaping: line breaks become spaces, control
/// characters and direction overrides go.
fn plain_name(name: &str) -> String {
    name.chars()
        .filter_map(|c| match c {
            '\n' | '\r' => Some(' '),
            c if c.is_control() || is_direction_override(c) => None,
            c => Some(c),
        })
        .collect()
}

// -------------------------------------------------------- what no request may ever hold

/// A mention Discord would render from the inside of `<…>`.
fn is_mention(inner: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let named_id = |s: &str| {
        s.rsplit_once(':')
            .is_some_and(|(name, id)| !name.is_empty() && digits(id))
    };
    if let Some(rest) = inner.strip_prefix('@') {
        let id = rest
            .strip_prefix('!')
            .or_else(|| rest.strip_prefix('&'))
            .unwrap_or(rest);
        return digits(id);
    }
    if let Some(id) = inner.strip_prefix('#') {
        return digits(id);
    }
    if let Some(command) = inner.strip_prefix('/') {
        return named_id(command);
    }
    if let Some(time) = inner.strip_prefix("t:") {
        return digits(time.split(':').next().unwrap_or(""));
    }
    if let Some(emoji) = inner.strip_prefix(':').or_else(|| inner.strip_prefix("a:")) {
        return named_id(emoji);
    }
    if let Some(place) = inner.strip_prefix("id:") {
        return !place.is_empty() && place.chars().all(|c| c.is_ascii_alphanumeric());
    }
    false
}

/// Every mention in `text` that Discord would render or that would ping.
fn live_mentions(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = text.to_lowercase();
    for everyone in ["@everyone", "@here"] {
        if lower.contains(everyone) {
            found.push(everyone.to_owned());
        }
    }
    for (at, _) in text.match_indices('<') {
        let rest = &text[at + 1..];
        if let Some(end) = rest.find('>') {
            if is_mention(&rest[..end]) {
                found.push(format!("<{}>", &rest[..end]));
            }
        }
    }
    found
}

/// The strings of a request body that Discord shows, with where they are. Text inputs' `value`
/// (a reopened form prefilled with what the member typed) is left out: a form field is not a
/// message, shows its text as typed, and cannot ping.
fn shown_strings(value: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(text) => out.push((at.to_owned(), text.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                shown_strings(item, &format!("{at}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            let text_input = map.get("type").and_then(Value::as_u64) == Some(4);
            for (key, item) in map {
                if text_input && key == "value" {
                    continue;
                }
                shown_strings(item, &format!("{at}.{key}"), out);
            }
        }
        _ => {}
    }
}

/// The problems of one shown string: live mentions (a channel the fake knows, such as the
/// bot's own thread, may be linked), code fences, heading, subtext and quote lines, and a link
/// to the corpus' address.
fn problems_of(fake: &FakeDiscord, text: &str) -> Vec<String> {
    let mut problems: Vec<String> = live_mentions(text)
        .into_iter()
        .filter(|m| {
            let channel = m
                .strip_prefix("<#")
                .and_then(|m| m.strip_suffix('>'))
                .and_then(|id| id.parse::<u64>().ok());
            m.contains(CORPUS_ID) || channel.is_none_or(|id| fake.channel(id).is_none())
        })
        .map(|m| format!("the mention {m:?}"))
        .collect();
    if text.contains("```") || text.contains("~~~") {
        problems.push("a code fence".to_owned());
    }
    for line in text.lines() {
        let line = line.trim_start();
        if line.starts_with('#') || line.starts_with('>') || line.starts_with("-#") {
            problems.push(format!("the line {line:?}"));
        }
    }
    for (at, _) in text.match_indices(&format!("//{EVIL}")) {
        if !text[..at].ends_with("\\:") {
            problems.push(format!("a live link to {EVIL}"));
        }
    }
    problems
}

/// The report file's own headings; any other heading would come from a member.
fn is_report_heading(line: &str, first: bool) -> bool {
    let sections = [
        "## Overall reading",
        "## Your answers",
        "## Your note",
        "## Next steps",
    ];
    (first && line.starts_with("# "))
        || sections.contains(&line)
        || line
            .strip_prefix("### ")
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// The layout problems of the report file: headings, HTML, setext underlines, fences, entities
/// that are not the report's own, and live mentions or links.
fn file_problems(md: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let lines: Vec<&str> = md.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('#') && !is_report_heading(line, i == 0) {
            problems.push(format!("line {}: a heading {line:?}", i + 1));
        }
        if line.trim_start().starts_with('<') {
            problems.push(format!("line {}: an HTML block {line:?}", i + 1));
        }
        let underline = |c: char| !trimmed.is_empty() && trimmed.chars().all(|x| x == c);
        let rule = *line == "---" && i > 0 && lines[i - 1].is_empty();
        if underline('=') || (underline('-') && !rule) {
            problems.push(format!("line {}: a setext underline {line:?}", i + 1));
        }
    }
    let bytes = md.as_bytes();
    for (at, c) in md.char_indices() {
        let escaped = at > 0 && bytes[at - 1] == b'\\';
        let autolink = md[at..].starts_with("<https://") || md[at..].starts_with("<http://");
        if c == '<' && !escaped && !autolink {
            problems.push(format!("raw HTML at byte {at}"));
        }
        if c == '&' && !escaped {
            let rest = &md[at + 1..];
            let name_len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
                .unwrap_or(rest.len());
            if name_len > 0 && rest[name_len..].starts_with(';') {
                problems.push(format!("an entity at byte {at}"));
            }
        }
    }
    if md.contains("```") || md.contains("~~~") {
        problems.push("a code fence".to_owned());
    }
    for m in live_mentions(md) {
        problems.push(format!("the mention {m:?}"));
    }
    for (at, _) in md.match_indices(&format!("//{EVIL}")) {
        if !md[..at].ends_with("\\:") {
            problems.push(format!("a live link to {EVIL}"));
        }
    }
    problems
}

/// Embed fields whose name or value is blank once trimmed, as Discord trims them (it then
/// refuses the whole message).
fn blank_fields(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => items.iter().for_each(|item| blank_fields(item, out)),
        Value::Object(map) => {
            for (key, item) in map {
                if key == "fields" {
                    for field in item.as_array().into_iter().flatten() {
                        for part in ["name", "value"] {
                            let text = field[part].as_str().unwrap_or("");
                            if text.trim().is_empty() {
                                out.push(format!("{part} {text:?} of the field {field}"));
                            }
                        }
                    }
                }
                blank_fields(item, out);
            }
        }
        _ => {}
    }
}

/// Everything the bot sent so far: no violation the fake found, no blank embed field, nothing
/// live in any shown string, and a report file with only its own layout.
fn assert_safe(fake: &FakeDiscord) {
    let violations = fake.violations();
    assert!(violations.is_empty(), "{violations:#?}");
    for request in fake.requests() {
        let mut blank = Vec::new();
        blank_fields(&request.body, &mut blank);
        assert!(
            blank.is_empty(),
            "{} {}: {blank:?}",
            request.method,
            request.path
        );
        let mut strings = Vec::new();
        shown_strings(&request.body, "", &mut strings);
        for (at, text) in strings {
            let problems = problems_of(fake, &text);
            assert!(
                problems.is_empty(),
                "{} {} at {at}: {problems:?} in {text:?}",
                request.method,
                request.path
            );
        }
        for file in &request.files {
            let md = String::from_utf8(file.data.clone()).unwrap();
            let problems = file_problems(&md);
            assert!(
                problems.is_empty(),
                "{}: {problems:#?}\n{md}",
                file.filename
            );
        }
    }
}

/// The clinic label as the report file shows it, if any.
fn file_clinic(md: &str) -> Option<&str> {
    md.lines().find_map(|l| {
        l.strip_prefix("Clinic: ")?
            .strip_suffix(" (a label you gave this check)")
    })
}

/// The note as the report file shows it: the lines after its heading, up to an empty one.
fn file_note(md: &str) -> Option<String> {
    let mut lines = md.lines().skip_while(|l| *l != "## Your note").skip(2);
    let first = lines.next()?;
    let mut note = first.to_owned();
    for line in lines.take_while(|l| !l.is_empty()) {
        note.push('\n');
        note.push_str(line);
    }
    Some(note.replace("  \n", "\n"))
}

// ------------------------------------------------------------------------------- tests

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clinic_label_is_shown_escaped_on_every_message_of_the_check_and_in_the_report_file() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "inject-label").await;
    for label in CORPUS {
        let expected = cleaned_line(label, CLINIC_MAX);
        let asked = check_command(label, dm());
        let started = fake.interact(asked.clone()).await;
        assert_eq!(started["type"], 4, "{label:?}: {started:#}");
        let first = fake.original_response(&asked).unwrap();
        let review = press(&fake, &first, "Review answers", dm()).await;
        assert_eq!(review["type"], 7, "{label:?}: {review:#}");
        let (report, md) = report_of(&fake, &current(&fake, &first), dm()).await;
        let title = report["data"]["embeds"][0]["title"].as_str().unwrap();
        assert!(title.chars().count() <= 256);
        match &expected {
            Some(plain) => {
                for (what, message) in [
                    ("question", &first),
                    ("summary", &review["data"]),
                    ("report", &report["data"]),
                ] {
                    let shown = field(message, "Clinic")
                        .unwrap_or_else(|| panic!("{label:?}: no clinic on the {what}"));
                    assert!(shown.chars().count() <= CLINIC_MAX);
                    assert_escaped(shown, plain, DISCORD_SPECIAL, false, what);
                }
                let (_, in_title) = title.split_once(" · ").unwrap();
                assert_escaped(in_title, plain, DISCORD_SPECIAL, false, "report title");
                let in_file = file_clinic(&md).unwrap();
                assert_escaped(in_file, plain, FILE_SPECIAL, false, "report file");
            }
            None => {
                assert_eq!(field(&first, "Clinic"), None, "{label:?}");
                assert_eq!(title, "Clinic check report", "{label:?}");
                assert_eq!(file_clinic(&md), None, "{label:?}");
            }
        }
    }
    assert_safe(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_server_the_label_stays_out_of_the_thread_name_and_the_intro_and_follows_to_dms() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "inject-thread").await;
    let label = "@everyone <@&123456789012345678> # **Glow** [x](https://evil.example)";
    let plain = cleaned_line(label, CLINIC_MAX).unwrap();
    let deferred = fake.interact(check_command(label, as_member())).await;
    assert_eq!(deferred["type"], 5);
    let created = fake
        .wait_for_request("POST", &format!("/channels/{CHANNEL}/threads"))
        .await;
    assert_eq!(created.body["name"], "Clinic check", "a fixed thread name");
    fake.wait_for_request("PATCH", "/webhooks/").await;
    let add = fake
        .requests()
        .into_iter()
        .find(|r| r.method == "PUT" && r.path.contains("/thread-members/"))
        .unwrap();
    let thread: u64 = add.path.split('/').nth(2).unwrap().parse().unwrap();
    let messages = fake.messages(thread);
    assert_eq!(messages.len(), 2);
    let intro = messages[0]["content"].as_str().unwrap();
    assert!(
        intro.starts_with("**Your clinic check.**") && !intro.contains("Glow"),
        "{intro}"
    );
    let shown = field(&messages[1], "Clinic").unwrap();
    assert_escaped(shown, &plain, DISCORD_SPECIAL, false, "thread question");

    // "Continue in DMs" starts over in DMs with the same label, escaped again, not twice.
    let at = in_server(thread, MEMBER, permissions::MEMBER);
    let dm_id = id_of(&messages[1], "Continue in DMs");
    let moved = ephemeral_answer(&fake, support::button(&dm_id, messages[1].clone(), at)).await;
    assert!(moved.starts_with("Your clinic check is waiting in your direct"));
    let in_dm = fake
        .requests()
        .into_iter()
        .rfind(|r| {
            r.method == "POST"
                && r.path.ends_with("/messages")
                && r.path != format!("/channels/{thread}/messages")
        })
        .unwrap();
    let shown = field(&in_dm.body, "Clinic").unwrap();
    assert_escaped(shown, &plain, DISCORD_SPECIAL, false, "DM question");

    // A message forged to carry a raw label: whatever comes back in, goes out escaped.
    let mut forged = messages[1].clone();
    forged["embeds"][0]["fields"] =
        json!([{ "name": "Clinic", "value": "@here <@123456789012345678> ```", "inline": false }]);
    let again = ephemeral_answer(&fake, support::button("place:dm", forged, at)).await;
    assert!(again.starts_with("Your clinic check is waiting"));
    let in_dm = fake
        .requests()
        .into_iter()
        .rfind(|r| r.method == "POST" && r.path.ends_with("/messages"))
        .unwrap();
    let shown = field(&in_dm.body, "Clinic").unwrap();
    assert_escaped(
        shown,
        "@here <@123456789012345678> ```",
        DISCORD_SPECIAL,
        false,
        "forged label",
    );
    assert_safe(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clinic_label_at_its_limit_is_taken_and_one_over_is_refused_with_a_way_on() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "inject-label-limit").await;
    // The limit counts what the member typed (Discord's option allows 100); escaping may
    // double what is shown.
    let plain_max = "c".repeat(CLINIC_MAX);
    let stars_max = "*".repeat(CLINIC_MAX);
    let mentions_max = "@".repeat(CLINIC_MAX);
    let emoji_max = "\u{1F44D}".repeat(CLINIC_MAX);
    for (label, shown_len) in [
        (&plain_max, CLINIC_MAX),
        (&stars_max, 2 * CLINIC_MAX),
        (&mentions_max, 2 * CLINIC_MAX),
        (&emoji_max, CLINIC_MAX),
    ] {
        let asked = check_command(label, dm());
        fake.interact(asked.clone()).await;
        let first = fake.original_response(&asked).unwrap();
        let shown = field(&first, "Clinic").unwrap();
        assert_eq!(shown.chars().count(), shown_len);
        assert_escaped(shown, label, DISCORD_SPECIAL, false, "label at the limit");
    }
    for (label, length) in [
        ("c".repeat(CLINIC_MAX + 1), CLINIC_MAX + 1),
        ("*".repeat(CLINIC_MAX + 1), CLINIC_MAX + 1),
        ("<@123456789012345678>".repeat(200), 4200),
    ] {
        let refused = fake.interact(check_command(&label, dm())).await;
        assert_eq!(
            ephemeral_text(&refused),
            format!(
                "The clinic name is too long: it is {length} characters, over the limit of \
                 {CLINIC_MAX}. Please start the check again with a shorter name, or without one."
            )
        );
        let without = id_of(&refused["data"], "Start without a clinic name");
        let message =
            support::bot_message(support::snowflake(), DM_CHANNEL, None, &refused["data"]);
        let started = fake
            .interact(support::button(&without, message, dm()))
            .await;
        assert_eq!(started["type"], 4);
        assert_eq!(field(&started["data"], "Clinic"), None);
    }
    assert_safe(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

/// The question the manufacturer is asked in, with its answers so far, as a stored message.
async fn at_the_source_question(fake: &FakeDiscord) -> Value {
    let asked = check_command("Glow Spa", dm());
    fake.interact(asked.clone()).await;
    let first = fake.original_response(&asked).unwrap();
    press(
        fake,
        &first,
        "A treatment sold outside any clinical trial",
        dm(),
    )
    .await;
    press(
        fake,
        &current(fake, &first),
        "General claims about the science",
        dm(),
    )
    .await;
    let source = current(fake, &first);
    assert!(source["embeds"][0]["title"]
        .as_str()
        .unwrap()
        .contains("Question 3 of 6"));
    source
}

/// Opens the form behind `label` on `message` and submits it with `fields`.
async fn submit_form(
    fake: &FakeDiscord,
    message: &Value,
    label: &str,
    fields: &[(&str, &str)],
) -> Value {
    let form = press(fake, message, label, dm()).await;
    assert_eq!(form["type"], 9, "{label}: {form:#}");
    let form_id = form["data"]["custom_id"].as_str().unwrap();
    let submit = support::modal_submit(form_id, fields, Some(message.clone()), dm());
    fake.interact(submit).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn manufacturer_and_note_text_is_shown_escaped_in_the_check_the_report_and_the_file() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "inject-forms").await;
    let source = at_the_source_question(&fake).await;
    for text in CORPUS {
        let manufacturer = cleaned_line(text, 100);
        let note = clean_paragraph("note", text, NOTE_MAX).unwrap();
        let named = submit_form(
            &fake,
            &source,
            "They named only one of the two",
            &[("manufacturer", text)],
        )
        .await;
        assert_eq!(named["type"], 7, "{text:?}: {named:#}");
        let next = current(&fake, &source);
        let noted = submit_form(&fake, &next, "Add a note", &[("note", text)]).await;
        assert_eq!(noted["type"], 7, "{text:?}: {noted:#}");
        let next = current(&fake, &source);
        let summary = press(&fake, &next, "Review answers", dm()).await;
        assert_eq!(summary["type"], 7);
        let (report, md) = report_of(&fake, &current(&fake, &source), dm()).await;
        for (what, message) in [
            ("question", &named["data"]),
            ("summary", &summary["data"]),
            ("report", &report["data"]),
        ] {
            match &manufacturer {
                Some(plain) => {
                    let shown = field(message, "Manufacturer").unwrap();
                    assert_escaped(shown, plain, DISCORD_SPECIAL, false, what);
                }
                None => assert_eq!(field(message, "Manufacturer"), None, "{text:?}"),
            }
        }
        for (what, message) in [("summary", &summary["data"]), ("report", &report["data"])] {
            match &note {
                Some(plain) => {
                    let shown = field(message, "Your note").unwrap();
                    assert!(shown.chars().count() <= NOTE_MAX);
                    assert_escaped(shown, plain, DISCORD_SPECIAL, true, what);
                }
                None => assert_eq!(field(message, "Your note"), None, "{text:?}"),
            }
        }
        let in_file = md.lines().find_map(|l| l.strip_prefix("- Manufacturer: "));
        assert_eq!(in_file.is_some(), manufacturer.is_some(), "{text:?}\n{md}");
        if let (Some(shown), Some(plain)) = (in_file, &manufacturer) {
            assert_escaped(
                shown,
                plain,
                FILE_SPECIAL,
                false,
                "manufacturer in the file",
            );
        }
        match (file_note(&md), &note) {
            (Some(shown), Some(plain)) => {
                assert_escaped(&shown, plain, FILE_SPECIAL, true, "note in the file");
            }
            (None, None) => {}
            (shown, _) => panic!("{text:?}: the file's note is {shown:?}\n{md}"),
        }
    }
    assert_safe(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn manufacturer_and_note_at_their_limits_are_taken_and_over_them_refused_with_a_short_echo() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "inject-forms-limit").await;
    let source = at_the_source_question(&fake).await;
    for (fits, shown_len) in [("m".repeat(100), 100), ("_".repeat(100), 200)] {
        let named = submit_form(
            &fake,
            &source,
            "They named only one of the two",
            &[("manufacturer", &fits)],
        )
        .await;
        assert_eq!(named["type"], 7);
        let shown = field(&named["data"], "Manufacturer").unwrap();
        assert_eq!(shown.chars().count(), shown_len);
    }
    for (over, length) in [
        ("m".repeat(101), 101),
        ("_".repeat(101), 101),
        ("@everyone ".repeat(400), 3999),
    ] {
        let refused = submit_form(
            &fake,
            &source,
            "They named only one of the two",
            &[("manufacturer", &over)],
        )
        .await;
        assert_eq!(
            ephemeral_text_or_embed(&refused),
            "Please check what you typed"
        );
        let description = refused["data"]["embeds"][0]["description"]
            .as_str()
            .unwrap();
        assert!(
            description.contains(&format!(
                "- **manufacturer**: it is {length} characters, over the limit of 100.\n"
            )),
            "{description}"
        );
        let draft = field(&refused["data"], "You typed: manufacturer").unwrap();
        assert!(draft.chars().count() <= 1000, "{}", draft.chars().count());
        assert_escaped_start(draft, over.trim(), false, &over);
    }
    let at_limit = "n".repeat(NOTE_MAX);
    let noted = submit_form(&fake, &source, "Add a note", &[("note", &at_limit)]).await;
    assert_eq!(noted["type"], 7);
    assert_eq!(field(&noted["data"], "Your note"), Some(at_limit.as_str()));
    let long = format!("{}\n{}", "# x\n".repeat(900), "y".repeat(400));
    let refused = submit_form(&fake, &source, "Add a note", &[("note", &long)]).await;
    assert_eq!(
        ephemeral_text_or_embed(&refused),
        "Please check what you typed"
    );
    let draft = field(&refused["data"], "You typed: note").unwrap();
    assert!(draft.chars().count() <= 1000);
    assert_escaped_start(draft, long.trim(), true, "a long note");
    // "Try again" reopens the form with what was typed, cut to what the form takes.
    let again = id_of(&refused["data"], "Try again");
    let error = support::bot_message(support::snowflake(), DM_CHANNEL, None, &refused["data"]);
    let form = fake.interact(support::button(&again, error, dm())).await;
    assert_eq!(form["type"], 9);
    let input = &form["data"]["components"][0]["components"][0];
    assert!(
        input["value"].as_str().unwrap().chars().count()
            <= input["max_length"].as_u64().unwrap() as usize
    );
    assert_safe(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

/// The title of the ephemeral embed a refused form gets.
fn ephemeral_text_or_embed(callback: &Value) -> String {
    assert_eq!(callback["type"], 4, "{callback:#}");
    assert_eq!(callback["data"]["flags"], 64, "{callback:#}");
    callback["data"]["embeds"][0]["title"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_ind_and_trial_numbers_are_echoed_only_escaped_and_prefill_a_bounded_form() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "inject-numbers").await;
    let asked = check_command("", dm());
    fake.interact(asked.clone()).await;
    let first = fake.original_response(&asked).unwrap();
    let trial = "A clinical trial, and they gave the FDA IND number";
    let long = "NCT".repeat(1400);
    let mut inputs: Vec<&str> = CORPUS.to_vec();
    inputs.extend([
        "NCT0123456",
        "NCT012345678",
        "IND 123",
        "12345678",
        long.as_str(),
    ]);
    for typed in inputs {
        let refused = submit_form(&fake, &first, trial, &[("ind", typed), ("nct", typed)]).await;
        assert_eq!(
            ephemeral_text_or_embed(&refused),
            "Please check what you typed"
        );
        let description = refused["data"]["embeds"][0]["description"]
            .as_str()
            .unwrap();
        let mut lines = description.lines();
        assert_eq!(
            lines.next(),
            Some("Nothing was saved yet. Please correct this and try again:")
        );
        for line in lines {
            // Only the bot's own explanations: fixed words and digit counts, never the input.
            assert!(
                line.starts_with("- **IND number**: ")
                    || line.starts_with("- **ClinicalTrials.gov number**: "),
                "{typed:?}: {line}"
            );
            assert!(
                line.is_ascii() && !line.contains('@') && !line.contains('<'),
                "{typed:?}: {line}"
            );
        }
        for name in [
            "You typed: IND number",
            "You typed: ClinicalTrials.gov number",
        ] {
            match field(&refused["data"], name) {
                Some(shown) => {
                    assert!(shown.chars().count() <= 1000);
                    assert_escaped_start(shown, &plain_paragraph(typed), true, typed);
                }
                None => assert!(plain_paragraph(typed).is_empty(), "{typed:?}: no draft"),
            }
        }
        // "Try again" reopens the form prefilled, within each input's maximum length.
        let again = id_of(&refused["data"], "Try again");
        let error = support::bot_message(support::snowflake(), DM_CHANNEL, None, &refused["data"]);
        let form = fake.interact(support::button(&again, error, dm())).await;
        assert_eq!(form["type"], 9, "{typed:?}: {form:#}");
        for row in form["data"]["components"].as_array().unwrap() {
            let input = &row["components"][0];
            let max = input["max_length"].as_u64().unwrap() as usize;
            let value = input["value"].as_str().unwrap_or("");
            assert!(value.chars().count() <= max, "{typed:?}: {input:#}");
        }
    }
    let taken = submit_form(
        &fake,
        &first,
        trial,
        &[("ind", " IND# 012345 "), ("nct", " nct01234567 ")],
    )
    .await;
    assert_eq!(taken["type"], 7, "{taken:#}");
    assert_safe(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

/// A share press by a member whose name is `name` (as `source`: nick, global or user name).
fn share_as(name: &str, source: &str, channel_id: u64) -> Value {
    let at = in_server(channel_id, MEMBER, permissions::MEMBER);
    let message = support::bot_message(
        support::snowflake(),
        channel_id,
        Some(GUILD),
        &json!({ "content": "a fact" }),
    );
    let mut press = support::button("share:fda-status", message, at);
    let member = &mut press["member"];
    match source {
        "nick" => member["nick"] = json!(name),
        "global" => member["user"]["global_name"] = json!(name),
        _ => {
            member["user"]["global_name"] = Value::Null;
            member["user"]["username"] = json!(name);
        }
    }
    press
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_display_name_is_shown_escaped_and_bounded_in_the_shared_by_field() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "inject-name").await;
    let long = "@everyone ".repeat(400);
    let families = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}".repeat(4);
    let mut names: Vec<(&str, &str)> = CORPUS.iter().map(|n| (*n, "nick")).collect();
    names.extend([
        ("<@&123456789012345678> **x**", "global"),
        ("# user\n> name", "user"),
        (long.as_str(), "nick"),
        (families.as_str(), "nick"),
    ]);
    for (i, (name, source)) in names.into_iter().enumerate() {
        let channel = SHARE_CHANNELS + i as u64;
        let press = share_as(name, source, channel);
        let callback = fake.interact(press.clone()).await;
        // "Posted in this channel." at once, or "Posting…" and then that, for a slow post.
        assert!(ephemeral_text(&callback).starts_with("Post"), "{name:?}");
        assert_eq!(
            fake.told(&press).await["content"],
            "Posted in this channel.",
            "{name:?}"
        );
        let post = fake
            .wait_for_request("POST", &format!("/channels/{channel}/messages"))
            .await;
        let shared_by = post.body["embeds"][0]["fields"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .clone();
        assert_eq!(shared_by["name"], "Shared by");
        let shown = shared_by["value"].as_str().unwrap();
        assert!(
            !shown.trim().is_empty(),
            "{name:?}: a blank field is refused by Discord"
        );
        let plain = plain_name(name);
        if plain.trim().is_empty() {
            assert_eq!(shown, "a member", "{name:?}");
        } else {
            assert_escaped_within(shown, plain.trim(), 80, name);
        }
    }
    assert_safe(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn questions_and_autocomplete_never_echo_what_was_typed() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "inject-ask").await;
    let kb = bot.app.knowledge();
    let titles: Vec<&str> = kb.content.topics.iter().map(|t| t.title.as_str()).collect();
    let ids: Vec<&str> = kb.content.topics.iter().map(|t| t.id.as_str()).collect();
    let long = format!(
        "is exosome therapy legal @everyone {}",
        "<@123456789012345678> ".repeat(180)
    );
    let mut inputs: Vec<&str> = CORPUS.to_vec();
    inputs.extend([long.as_str(), "is exosome therapy legal? @here **now**"]);
    let advice_alone = format!(
        "{} Try /fact to browse the topics.",
        exobot::facts::ADVICE_DECLINED
    );
    let fixed = [
        "This looks like the closest vetted fact. Did you mean one of the others?",
        "No vetted fact matches that question. exobot only answers from its reviewed knowledge base, \
         and it is not a doctor. Nearest topics, or /fact to browse them all:",
        "No vetted fact matches that question. exobot only answers from its reviewed knowledge base, \
         and it is not a doctor. Try /fact to browse the topics.",
        exobot::facts::GREETING,
        exobot::facts::WELCOME,
        exobot::facts::ADVICE_DECLINED,
        advice_alone.as_str(),
        "Facts that may help:",
    ];
    // A symptom report's safety line comes first; what follows is one of the fixed texts.
    let safety = format!(
        "{}\n\n",
        exobot::knowledge::render::safety_text(&kb.content, false)
    );
    for typed in inputs {
        for at in [as_member(), dm()] {
            let answer = fake
                .interact(string_command("ask", "question", typed, at))
                .await;
            assert_eq!(answer["type"], 4, "{typed:?}");
            let data = &answer["data"];
            if let Some(content) = data["content"].as_str() {
                let rest = content.strip_prefix(safety.as_str()).unwrap_or(content);
                assert!(
                    fixed.contains(&rest) || rest == safety.trim_end(),
                    "{typed:?}: {content}"
                );
            }
            for embed in data["embeds"].as_array().into_iter().flatten() {
                let title = embed["title"].as_str().unwrap();
                assert!(titles.contains(&title), "{typed:?}: {title}");
            }
            for (_, id) in components(data) {
                let topic = id
                    .strip_prefix("fact:")
                    .or_else(|| id.strip_prefix("share:"))
                    .unwrap_or_else(|| panic!("{typed:?}: {id}"));
                assert!(ids.contains(&topic), "{typed:?}: {id}");
            }
        }
        let suggested = fake
            .interact(support::autocomplete("fact", "topic", typed, as_member()))
            .await;
        assert_eq!(suggested["type"], 8, "{typed:?}");
        for choice in suggested["data"]["choices"].as_array().unwrap() {
            let value = choice["value"].as_str().unwrap();
            assert!(ids.contains(&value), "{typed:?}: {choice}");
            let name = choice["name"].as_str().unwrap();
            assert!(
                titles
                    .iter()
                    .any(|t| t.starts_with(name.trim_end_matches('…'))),
                "{typed:?}: {choice}"
            );
        }
    }
    assert_safe(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

/// The part of `content` between the bot's backticks after `before`.
fn in_backticks<'a>(content: &'a str, before: &str, after: &str) -> &'a str {
    content
        .strip_prefix(before)
        .and_then(|rest| rest.strip_suffix(after))
        .unwrap_or_else(|| panic!("{content:?} is not {before}…{after}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_topic_or_command_name_is_echoed_escaped_inside_its_code_span() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "inject-names").await;
    let kb = bot.app.knowledge();
    let titles: Vec<&str> = kb.content.topics.iter().map(|t| t.title.as_str()).collect();
    let long = "`@everyone` ".repeat(400);
    let mut inputs: Vec<&str> = CORPUS.to_vec();
    inputs.push(long.as_str());
    for typed in inputs {
        let unknown = fake
            .interact(support::slash_command(typed, Value::Null, as_member()))
            .await;
        let content = ephemeral_text(&unknown);
        let shown = in_backticks(
            &content,
            "exobot does not know the command `",
            "`. Try /about to see what it can do.",
        );
        assert_escaped_within(shown, &plain_name(typed), 100, typed);

        let answer = fake
            .interact(string_command("fact", "topic", typed, as_member()))
            .await;
        assert_eq!(answer["type"], 4, "{typed:?}");
        let data = &answer["data"];
        if data["embeds"].as_array().is_some_and(|e| !e.is_empty()) {
            // The search took it for a topic: the fact, and nothing of what was typed.
            let title = data["embeds"][0]["title"].as_str().unwrap();
            assert!(titles.contains(&title), "{typed:?} found {title}");
            assert!(data["content"].is_null(), "{typed:?}: {data:#}");
            continue;
        }
        let content = data["content"].as_str().unwrap();
        if typed.trim().is_empty() {
            assert_eq!(content, "Pick a topic:", "{typed:?}");
            continue;
        }
        let shown = in_backticks(
            content,
            "No published topic is called `",
            "`. Pick one here:",
        );
        assert_escaped_within(shown, &plain_name(typed), 100, typed);
    }
    assert_safe(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

/// Asserts that `shown` is `plain` made safe for Discord and cut to at most `max` characters
/// (ending in `…` when cut): on one line, nothing live in it, and no backtick of the member's
/// that could close the bot's code span early.
fn assert_escaped_within(shown: &str, plain: &str, max: usize, typed: &str) {
    assert!(shown.chars().count() <= max, "{typed:?}: {shown:?}");
    let whole = shown.strip_suffix('…').unwrap_or(shown);
    let live = live_character(whole, DISCORD_SPECIAL, false);
    // A cut may end between a backslash and what it escapes, or an `@` and its space.
    let at_the_cut = |(at, c): (usize, char)| {
        whole.len() != shown.len() && at + c.len_utf8() == whole.len() && matches!(c, '\\' | '@')
    };
    assert!(
        live.is_none_or(at_the_cut),
        "{typed:?}: {live:?} in {shown:?}"
    );
    let unescaped = unescape(whole);
    if whole.len() == shown.len() {
        assert_eq!(unescaped, plain, "{typed:?}: {shown:?}");
    } else {
        let start = unescaped.trim_end_matches(['\\', '@']);
        assert!(plain.starts_with(start), "{typed:?}: {shown:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answering_a_members_message_with_a_fact_echoes_none_of_it() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "inject-answer").await;
    let text = CORPUS.join("\n");
    let question = fake.user_message(CHANNEL, MEMBER, &text);
    let target = parse_id(&question["id"]).unwrap();
    let mut menu = support::slash_command("Answer with a fact", Value::Null, as_moderator());
    menu["data"]["type"] = json!(3);
    menu["data"]["target_id"] = json!(target.to_string());
    menu["data"]["resolved"] = json!({ "messages": { target.to_string(): question } });
    menu["data"].as_object_mut().unwrap().remove("options");
    let picker = fake.interact(menu.clone()).await;
    assert_eq!(
        ephemeral_text(&picker),
        "Which fact should answer that message? exobot replies to it without pinging anyone."
    );
    let custom_id = picker["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let shown = fake.original_response(&menu).unwrap();
    let pick = support::select(&custom_id, &["safety-risks"], shown, as_moderator());
    let answering = fake.interact(pick).await;
    assert_eq!(answering["type"], 7);
    let reply = fake
        .wait_for_request("POST", &format!("/channels/{CHANNEL}/messages"))
        .await;
    assert_eq!(reply.body["allowed_mentions"]["parse"], json!([]));
    assert_eq!(reply.body["allowed_mentions"]["replied_user"], false);
    let body = reply.body.to_string();
    for marker in [CORPUS_ID, EVIL, "@everyone", "kcehc", "spoiler"] {
        assert!(!body.contains(marker), "{marker} echoed: {body}");
    }
    assert_safe(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

// ------------------------------------------------------------------ forged interactions

const NOT_VALID_BUTTON: &str =
    "That button is no longer valid. Run the command again for a fresh answer.";
const WITHDRAWN: &str =
    "That fact is no longer in the knowledge base. Run /fact to see the current topics.";
const ONLY_MODERATORS: &str = "Only moderators (members who can manage messages) can do this.";
const NO_RECORD: &str = "That post is no longer in exobot's records.";
const NOT_A_CHECK: &str = "This button is not part of a clinic check.";
const CUT: &str =
    "This button's data is cut short, so the check cannot go on from it. You can start a new check.";
const FORGED: &str = "This button's data does not carry a valid signature: it was altered, or it \
                      comes from an older key of this bot. You can start a new check.";
const OUTDATED: &str = "This check was updated, please start again. You can start a new check.";
const SOMEONE_ELSE: &str = "This clinic check belongs to someone else, so only they can answer \
                            it. You can start your own.";
const UNKNOWN_ACTION: &str = "This button is not one the clinic check knows. Please use the \
                              latest message of your check.";
const OUT_OF_STEP: &str = "This button belongs to another step of the check. Please use the \
                           latest message of your check.";
const NOT_IN_CHECK: &str =
    "That question is not part of this check. Please pick one from the list.";
const FORM_INVALID: &str = "That form is no longer valid. Run the command again.";

fn damaged(why: &str) -> String {
    format!("This button's data is damaged ({why}). You can start a new check.")
}

fn oversized(length: usize, max: usize) -> String {
    format!(
        "This button's data is {length} characters long, more than the {max} a clinic check ever \
         uses, so it was altered. You can start a new check."
    )
}

/// A message of the bot's to press forged components on.
fn some_bot_message(channel_id: u64, guild_id: Option<u64>) -> Value {
    support::bot_message(
        support::snowflake(),
        channel_id,
        guild_id,
        &json!({ "content": "exobot" }),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn component_ids_the_bot_never_issued_get_a_polite_ephemeral_refusal() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "forged-ids").await;
    let message = some_bot_message(CHANNEL, Some(GUILD));
    let hundred = "x".repeat(100);
    let non_ascii = "\u{1F4A5}ünïcødé-\u{202E}".repeat(8);
    let cases: Vec<(String, Place, String)> = vec![
        (String::new(), as_member(), NOT_VALID_BUTTON.into()),
        ("zz:random".into(), as_member(), NOT_VALID_BUTTON.into()),
        (hundred, as_member(), NOT_VALID_BUTTON.into()),
        (non_ascii, as_member(), NOT_VALID_BUTTON.into()),
        ("fact".into(), as_member(), NOT_VALID_BUTTON.into()),
        ("browse:x".into(), as_member(), NOT_VALID_BUTTON.into()),
        ("mod:".into(), as_moderator(), NOT_VALID_BUTTON.into()),
        ("fact:@everyone".into(), as_member(), WITHDRAWN.into()),
        ("fact:".into(), as_member(), WITHDRAWN.into()),
        ("share:".into(), as_member(), WITHDRAWN.into()),
        (
            "share:<@123456789012345678>".into(),
            as_member(),
            WITHDRAWN.into(),
        ),
        ("share:../fda-status".into(), as_member(), WITHDRAWN.into()),
        ("share:FDA-STATUS ".into(), as_member(), WITHDRAWN.into()),
        ("mod:refresh".into(), as_member(), ONLY_MODERATORS.into()),
        ("mod:remove:1".into(), as_member(), ONLY_MODERATORS.into()),
        ("mod:unpin:abc".into(), as_moderator(), NO_RECORD.into()),
        ("mod:remove:".into(), as_moderator(), NO_RECORD.into()),
        (
            format!("mod:remove:{CORPUS_ID}"),
            as_moderator(),
            NO_RECORD.into(),
        ),
        (
            "place:delete".into(),
            as_member(),
            "This check is only visible to you; dismiss the message to remove it.".into(),
        ),
    ];
    for (custom_id, at, expected) in cases {
        let answer =
            ephemeral_answer(&fake, support::button(&custom_id, message.clone(), at)).await;
        assert_eq!(answer, expected, "{custom_id:?}");
    }
    // "Delete this check" in a private thread exobot did not open deletes nothing.
    let others_thread = CHANNEL + 50;
    fake.set_channel_type(others_thread, support::channel_type::PRIVATE_THREAD);
    let in_thread = ephemeral_answer(
        &fake,
        support::button(
            "place:delete",
            some_bot_message(others_thread, Some(GUILD)),
            in_server(others_thread, MODERATOR, permissions::MODERATOR),
        ),
    )
    .await;
    assert_eq!(
        in_thread,
        "exobot deletes only the private threads it opened for a clinic check."
    );
    assert!(
        !fake.requests().iter().any(|r| r.method == "DELETE"),
        "nothing was deleted"
    );
    // Sharing in DMs is refused too, even with a real topic.
    let in_dm = fake
        .interact(support::button(
            "share:fda-status",
            some_bot_message(DM_CHANNEL, None),
            dm(),
        ))
        .await;
    assert_eq!(
        ephemeral_text(&in_dm),
        "Sharing posts a fact in a server channel; here the answer is already yours."
    );
    assert!(
        !fake
            .requests()
            .iter()
            .any(|r| r.method == "POST" && r.path.ends_with("/messages")),
        "nothing was posted"
    );
    assert_safe(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn damaged_foreign_outdated_and_misused_check_tokens_each_get_their_own_refusal() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "forged-tokens").await;
    let (q, key) = questionnaire_and_key();
    let asked = check_command("Glow @here", dm());
    fake.interact(asked.clone()).await;
    let message = fake.original_response(&asked).unwrap();
    let real = id_of(&message, "A treatment sold outside any clinical trial");
    let (_, token) = real.rsplit_once(':').unwrap();
    let token = token.to_owned();
    assert_eq!(
        token,
        State::new(&q, MEMBER).to_token(&key),
        "the test signs as the bot"
    );

    let mut altered = token.clone().into_bytes();
    altered[6] = if altered[6] == b'A' { b'B' } else { b'A' };
    let altered = String::from_utf8(altered).unwrap();
    let other_key = State::new(&q, MEMBER).to_token(&TokenKey::new(b"an older secret"));
    let text =
        std::fs::read_to_string(bot::shipped_knowledge().join("questionnaire.toml")).unwrap();
    let renamed = text.replacen("id = \"consumer\"", "id = \"consumer-renamed\"", 1);
    assert_ne!(renamed, text);
    let older = Questionnaire::parse(Path::new("questionnaire.toml"), &renamed).unwrap();
    assert_ne!(older.version(), q.version());
    let outdated = State::new(&older, MEMBER).to_token(&key);
    let strangers = State::new(&q, STRANGER).to_token(&key);
    let max = exobot::questionnaire::token::MAX_TOKEN_CHARS;
    let long_token = "A".repeat(94);

    let cases: Vec<(String, String)> = vec![
        ("ck:".into(), NOT_A_CHECK.into()),
        ("ck:a2".into(), NOT_A_CHECK.into()),
        ("ck:a2:".into(), CUT.into()),
        (format!("ck:a2:{}", &token[..token.len() - 4]), CUT.into()),
        (format!("ck:a2:{}", &token[..token.len() - 1]), CUT.into()),
        (format!("ck:a2:{}", &token[..10]), CUT.into()),
        (
            format!("ck:a2:{token}AAAA"),
            damaged("it is longer than its header says"),
        ),
        (
            "ck:a2:!!!!".into(),
            damaged("it has characters a token never uses"),
        ),
        (
            format!("ck:a2:{}é", &token[..token.len() - 1]),
            damaged("it has characters a token never uses"),
        ),
        (
            "ck:a2:<@123456789012345678>".into(),
            damaged("it has characters a token never uses"),
        ),
        (
            format!("ck:a2:{}", "A".repeat(36)),
            damaged("its format is unknown"),
        ),
        (format!("ck:a2:{long_token}"), oversized(94, max)),
        (format!("ck:a2:{}", "A".repeat(200)), oversized(206, 100)),
        (format!("ck:a2:{altered}"), FORGED.into()),
        (format!("ck:a2:{other_key}"), FORGED.into()),
        (format!("ck:a2:{outdated}"), OUTDATED.into()),
        (format!("ck:a2:{strangers}"), SOMEONE_ELSE.into()),
        (format!("ck:z:{token}"), UNKNOWN_ACTION.into()),
        (format!("ck:a02:{token}"), UNKNOWN_ACTION.into()),
        (format!("ck:m0:{token}"), UNKNOWN_ACTION.into()),
        (format!("ck:t:{token}"), UNKNOWN_ACTION.into()),
        (format!("ck::{token}"), UNKNOWN_ACTION.into()),
        (format!("ck:a9:{token}"), OUT_OF_STEP.into()),
        (format!("ck:A2:{token}"), OUT_OF_STEP.into()),
    ];
    for (custom_id, expected) in cases {
        let callback = fake
            .interact(support::button(&custom_id, message.clone(), dm()))
            .await;
        assert_eq!(ephemeral_text(&callback), expected, "{custom_id:?}");
        let offered = components(&callback["data"]);
        let start_again = match expected.as_str() {
            SOMEONE_ELSE => Some(("Start my own check", "ck:new")),
            NOT_A_CHECK | UNKNOWN_ACTION | OUT_OF_STEP => None,
            _ => Some(("Start a new check", "ck:new")),
        };
        match start_again {
            Some((label, id)) => assert_eq!(offered, [(label.to_owned(), id.to_owned())]),
            None => assert!(offered.is_empty(), "{custom_id:?}: {offered:?}"),
        }
        if expected.ends_with("You can start a new check.") {
            // The refusal keeps the clinic label for the new check, escaped.
            let shown = field(&callback["data"], "Clinic").unwrap();
            assert_escaped(shown, "Glow @here", DISCORD_SPECIAL, false, "kept label");
        }
    }
    // A member of a server presses another member's check: refused, in the server too.
    let strangers_press = fake
        .interact(support::button(
            &real,
            message.clone(),
            in_server(CHANNEL, STRANGER, permissions::MEMBER),
        ))
        .await;
    assert_eq!(ephemeral_text(&strangers_press), SOMEONE_ELSE);
    // The summary's select on a question: a step the check is not at.
    let change = fake
        .interact(support::select(
            &format!("ck:c:{token}"),
            &["0"],
            message,
            dm(),
        ))
        .await;
    assert_eq!(ephemeral_text(&change), OUT_OF_STEP);
    assert_safe(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn selects_with_values_the_bot_never_offered_get_a_polite_ephemeral_refusal() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "forged-selects").await;
    // The topic browser.
    let browse = support::slash_command("fact", Value::Null, as_member());
    fake.interact(browse.clone()).await;
    let browser = fake.original_response(&browse).unwrap();
    for values in [
        vec!["<@123456789012345678>"],
        vec![],
        vec![""],
        vec!["fda-status\n"],
        vec!["@everyone", "fda-status"],
    ] {
        let callback = fake
            .interact(support::select(
                "browse",
                &values,
                browser.clone(),
                as_member(),
            ))
            .await;
        assert_eq!(ephemeral_text(&callback), WITHDRAWN, "{values:?}");
    }
    // The check's summary.
    let asked = check_command("Glow", dm());
    fake.interact(asked.clone()).await;
    let first = fake.original_response(&asked).unwrap();
    press(&fake, &first, "Review answers", dm()).await;
    let summary = current(&fake, &first);
    let change = id_of(&summary, "");
    assert!(change.starts_with("ck:c:"), "{change}");
    for values in [
        vec!["6"],
        vec!["99"],
        vec!["-1"],
        vec!["abc"],
        vec![],
        vec![" 0"],
    ] {
        let callback = fake
            .interact(support::select(&change, &values, summary.clone(), dm()))
            .await;
        assert_eq!(ephemeral_text(&callback), NOT_IN_CHECK, "{values:?}");
    }
    // The moderators' menus.
    let manage = some_bot_message(CHANNEL, Some(GUILD));
    for (values, at, expected) in [
        (vec!["abc"], as_moderator(), NO_RECORD),
        (vec![CORPUS_ID], as_moderator(), NO_RECORD),
        (vec![], as_moderator(), NO_RECORD),
        (vec!["1"], as_member(), ONLY_MODERATORS),
    ] {
        let callback = fake
            .interact(support::select("mod:manage", &values, manage.clone(), at))
            .await;
        assert_eq!(ephemeral_text(&callback), expected, "{values:?}");
    }
    let target = fake.user_message(CHANNEL, MEMBER, "is this legal?");
    let target = parse_id(&target["id"]).unwrap();
    for (custom_id, values, at, expected) in [
        (
            format!("mod:answer:{target}"),
            vec!["<@&123456789012345678>"],
            as_moderator(),
            "That fact is no longer in the knowledge base.",
        ),
        (
            format!("mod:answer:{target}"),
            vec![],
            as_moderator(),
            "That fact is no longer in the knowledge base.",
        ),
        (
            "mod:answer:abc".to_owned(),
            vec!["fda-status"],
            as_moderator(),
            "That menu is no longer valid. Use the command on the message again.",
        ),
        (
            "mod:answer:".to_owned(),
            vec!["fda-status"],
            as_moderator(),
            "That menu is no longer valid. Use the command on the message again.",
        ),
        (
            format!("mod:answer:{target}"),
            vec!["fda-status"],
            as_member(),
            ONLY_MODERATORS,
        ),
    ] {
        let callback = fake
            .interact(support::select(&custom_id, &values, manage.clone(), at))
            .await;
        assert_eq!(
            ephemeral_text(&callback),
            expected,
            "{custom_id} {values:?}"
        );
    }
    assert!(
        !fake
            .requests()
            .iter()
            .any(|r| r.method == "POST" && r.path == format!("/channels/{CHANNEL}/messages")),
        "nothing was posted"
    );
    assert_safe(&fake);
    bot.stop().await;
    fake.shutdown().await;
}

/// A form's (input custom id, text) pairs.
type Fields<'a> = Vec<(&'a str, &'a str)>;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_and_malformed_form_submissions_get_a_polite_ephemeral_answer() {
    let fake = FakeDiscord::start().await;
    let bot = bot::start_shipped(&fake, "forged-forms").await;
    let (q, key) = questionnaire_and_key();
    let asked = check_command("Glow", dm());
    fake.interact(asked.clone()).await;
    let message = fake.original_response(&asked).unwrap();
    let token = State::new(&q, MEMBER).to_token(&key);
    let strangers = State::new(&q, STRANGER).to_token(&key);
    let corpus = CORPUS.join(" ");
    let text = corpus.as_str();
    let cases: Vec<(String, Fields, Option<Value>, String)> = vec![
        (
            "zz:form".into(),
            vec![("note", text)],
            None,
            FORM_INVALID.into(),
        ),
        (String::new(), vec![], None, FORM_INVALID.into()),
        ("fact:fda-status".into(), vec![], None, FORM_INVALID.into()),
        (
            "share:fda-status".into(),
            vec![],
            Some(message.clone()),
            FORM_INVALID.into(),
        ),
        (
            "ck:t:!!!".into(),
            vec![("note", text)],
            None,
            damaged("it has characters a token never uses"),
        ),
        (format!("ck:t:{}", &token[..20]), vec![], None, CUT.into()),
        (
            format!("ck:a2:{token}"),
            vec![],
            Some(message.clone()),
            UNKNOWN_ACTION.into(),
        ),
        (
            format!("ck:n:{token}"),
            vec![("note", text)],
            None,
            UNKNOWN_ACTION.into(),
        ),
        (
            format!("ck:t:{strangers}"),
            vec![("note", text)],
            None,
            SOMEONE_ELSE.into(),
        ),
        (
            format!("ck:m2:{token}"),
            vec![("ind", "123456")],
            None,
            OUT_OF_STEP.into(),
        ),
        (
            format!("ck:m9:{token}"),
            vec![("ind", "123456")],
            None,
            OUT_OF_STEP.into(),
        ),
    ];
    for (custom_id, fields, from, expected) in cases {
        let callback = fake
            .interact(support::modal_submit(&custom_id, &fields, from, dm()))
            .await;
        assert_eq!(ephemeral_text(&callback), expected, "{custom_id:?}");
    }
    // The trial form with its required IND number missing, or under another input's name.
    let details = format!("ck:m0:{token}");
    for fields in [vec![], vec![("IND", "123456")], vec![("ind", "   ")]] {
        let refused = fake
            .interact(support::modal_submit(
                &details,
                &fields,
                Some(message.clone()),
                dm(),
            ))
            .await;
        assert_eq!(
            ephemeral_text_or_embed(&refused),
            "Please check what you typed"
        );
        let description = refused["data"]["embeds"][0]["description"]
            .as_str()
            .unwrap();
        assert!(
            description.contains("- **IND number**: this answer needs it; please fill it in."),
            "{description}"
        );
        assert_eq!(
            id_of(&refused["data"], "Try again").get(..6),
            Some("ck:A0:")
        );
    }
    // Extra inputs are ignored: the answer counts, and none of their text is shown.
    let extra = fake
        .interact(support::modal_submit(
            &details,
            &[
                ("ind", "123456"),
                ("evil", text),
                ("note", text),
                ("manufacturer", text),
            ],
            Some(message.clone()),
            dm(),
        ))
        .await;
    assert_eq!(extra["type"], 7, "{extra:#}");
    let shown = extra["data"].to_string();
    assert!(
        !shown.contains(EVIL) && !shown.contains(CORPUS_ID),
        "{shown}"
    );
    assert_eq!(field(&extra["data"], "Your note"), None);
    assert_eq!(field(&extra["data"], "Manufacturer"), None);
    // The note form without its input, or with only whitespace: no note, the check goes on.
    for fields in [vec![], vec![("note", " \n\t ")]] {
        let noted = fake
            .interact(support::modal_submit(
                &format!("ck:t:{token}"),
                &fields,
                Some(message.clone()),
                dm(),
            ))
            .await;
        assert_eq!(noted["type"], 7, "{noted:#}");
        assert_eq!(field(&noted["data"], "Your note"), None);
    }
    assert_safe(&fake);
    bot.stop().await;
    fake.shutdown().await;
}
