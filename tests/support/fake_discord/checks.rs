//! What the fake checks in every body the bot sends. Each problem becomes one line in
//! [`super::FakeDiscord::violations`]; nothing here panics, whatever the body looks like.
//!
//! Lengths are counted in Unicode scalar values, as serenity's own pre-checks do.

use std::collections::HashSet;

use serde_json::Value;

/// Collects problems, each prefixed with the request it came from.
pub(super) struct Findings<'a> {
    pub(super) context: &'a str,
    pub(super) list: &'a mut Vec<String>,
}

impl Findings<'_> {
    pub(super) fn add(&mut self, problem: impl AsRef<str>) {
        self.list
            .push(format!("{}: {}", self.context, problem.as_ref()));
    }
}

fn chars(value: Option<&Value>) -> usize {
    value
        .and_then(Value::as_str)
        .map_or(0, |text| text.chars().count())
}

fn trimmed_chars(value: Option<&Value>) -> usize {
    value
        .and_then(Value::as_str)
        .map_or(0, |text| text.trim().chars().count())
}

fn array(value: Option<&Value>) -> &[Value] {
    value.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn at_most(found: &mut Findings<'_>, what: &str, value: Option<&Value>, max: usize) {
    let count = chars(value);
    if count > max {
        found.add(format!("{what} is {count} characters, the limit is {max}"));
    }
}

fn between(found: &mut Findings<'_>, what: &str, value: Option<&Value>, min: usize, max: usize) {
    match value {
        Some(Value::String(text)) => {
            let count = text.chars().count();
            if count < min || count > max {
                found.add(format!(
                    "{what} is {count} characters, it must be {min}..={max}"
                ));
            }
        }
        Some(other) => found.add(format!("{what} must be a string, got {other}")),
        None if min > 0 => found.add(format!("{what} is missing")),
        None => {}
    }
}

/// What kind of body a message check looks at.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum MessageKind {
    /// Creates a message: it must not be empty.
    Create,
    /// Creates a message that may be empty (a deferred "thinking" response).
    Deferred,
    /// Edits a message.
    Edit,
}

/// A body that creates or edits a message (channel messages, interaction responses of types 4, 5
/// and 7, followups, webhook edits).
pub(super) fn message(found: &mut Findings<'_>, body: &Value, kind: MessageKind, files: usize) {
    if !body.is_object() {
        found.add(format!(
            "the message body must be a JSON object, got {body}"
        ));
        return;
    }
    allowed_mentions(found, body.get("allowed_mentions"));
    at_most(found, "content", body.get("content"), 2000);
    embeds(found, body.get("embeds"));
    if let Some(components) = body.get("components") {
        message_components(found, components);
    }
    if kind == MessageKind::Create {
        let has_content = chars(body.get("content")) > 0;
        let has_embeds = !array(body.get("embeds")).is_empty();
        let has_components = !array(body.get("components")).is_empty();
        let has_other = body.get("sticker_ids").is_some() || body.get("poll").is_some();
        if !(has_content || has_embeds || has_components || has_other || files > 0) {
            found.add("empty message: no content, embeds, components or files (Discord 50006)");
        }
    }
}

fn allowed_mentions(found: &mut Findings<'_>, value: Option<&Value>) {
    let Some(mentions) = value.filter(|value| !value.is_null()) else {
        found.add("no allowed_mentions: a mention in the text would ping (send {\"parse\": []})");
        return;
    };
    match mentions.get("parse") {
        Some(Value::Array(parse)) if parse.is_empty() => {}
        Some(Value::Array(parse)) => {
            found.add(format!(
                "allowed_mentions.parse is {parse:?}, it must be empty"
            ));
        }
        Some(other) => found.add(format!(
            "allowed_mentions.parse must be an array, got {other}"
        )),
        None => found.add("allowed_mentions has no parse list (send \"parse\": [])"),
    }
    for list in ["users", "roles"] {
        if !array(mentions.get(list)).is_empty() {
            found.add(format!(
                "allowed_mentions.{list} lists ids: those would be pinged"
            ));
        }
    }
}

fn embeds(found: &mut Findings<'_>, value: Option<&Value>) {
    let embeds = array(value);
    if embeds.len() > 10 {
        found.add(format!("{} embeds, the limit is 10", embeds.len()));
    }
    let mut total = 0;
    for (index, embed) in embeds.iter().enumerate() {
        let at = |field: &str| format!("embeds[{index}].{field}");
        at_most(found, &at("title"), embed.get("title"), 256);
        at_most(found, &at("description"), embed.get("description"), 4096);
        let footer = embed.get("footer").and_then(|footer| footer.get("text"));
        at_most(found, &at("footer.text"), footer, 2048);
        let author = embed.get("author").and_then(|author| author.get("name"));
        at_most(found, &at("author.name"), author, 256);
        total += trimmed_chars(embed.get("title"))
            + trimmed_chars(embed.get("description"))
            + trimmed_chars(footer)
            + trimmed_chars(author);
        let fields = array(embed.get("fields"));
        if fields.len() > 25 {
            found.add(format!(
                "{} has {} fields, the limit is 25",
                at("fields"),
                fields.len()
            ));
        }
        for (number, field) in fields.iter().enumerate() {
            let name = format!("embeds[{index}].fields[{number}].name");
            let value = format!("embeds[{index}].fields[{number}].value");
            between(found, &name, field.get("name"), 1, 256);
            between(found, &value, field.get("value"), 1, 1024);
            // Discord refuses a field that is blank once trimmed ("This field is required").
            for (what, text) in [(&name, field.get("name")), (&value, field.get("value"))] {
                if text.is_some() && trimmed_chars(text) == 0 {
                    found.add(format!("{what} is blank"));
                }
            }
            total += trimmed_chars(field.get("name")) + trimmed_chars(field.get("value"));
        }
    }
    if total > 6000 {
        found.add(format!(
            "the embeds hold {total} characters in all, the limit is 6000"
        ));
    }
}

const BUTTON: u64 = 2;
const STRING_SELECT: u64 = 3;
const TEXT_INPUT: u64 = 4;

fn is_select(kind: u64) -> bool {
    matches!(kind, 3 | 5..=8)
}

/// Legacy message components: action rows of buttons or one select.
pub(super) fn message_components(found: &mut Findings<'_>, value: &Value) {
    let Some(rows) = value.as_array() else {
        found.add(format!("components must be an array, got {value}"));
        return;
    };
    if rows.len() > 5 {
        found.add(format!("{} action rows, the limit is 5", rows.len()));
    }
    let mut custom_ids = HashSet::new();
    for (index, row) in rows.iter().enumerate() {
        if row.get("type").and_then(Value::as_u64) != Some(1) {
            found.add(format!("components[{index}] is not an action row (type 1)"));
            continue;
        }
        let children = array(row.get("components"));
        let kinds: Vec<u64> = children
            .iter()
            .map(|c| c.get("type").and_then(Value::as_u64).unwrap_or(0))
            .collect();
        if children.is_empty() {
            found.add(format!("components[{index}] is an empty action row"));
        }
        let selects = kinds.iter().filter(|kind| is_select(**kind)).count();
        if selects > 0 && children.len() > 1 {
            found.add(format!(
                "components[{index}] mixes a select with other components"
            ));
        }
        let buttons = kinds.iter().filter(|kind| **kind == BUTTON).count();
        if buttons > 5 {
            found.add(format!(
                "components[{index}] has {buttons} buttons, the limit is 5"
            ));
        }
        for (number, child) in children.iter().enumerate() {
            let at = format!("components[{index}].components[{number}]");
            match kinds[number] {
                BUTTON => button(found, &at, child, &mut custom_ids),
                kind if is_select(kind) => select(found, &at, child, kind, &mut custom_ids),
                TEXT_INPUT => found.add(format!("{at}: a text input only belongs in a modal")),
                other => found.add(format!("{at}: unknown component type {other}")),
            }
        }
    }
}

fn custom_id(
    found: &mut Findings<'_>,
    at: &str,
    value: Option<&Value>,
    seen: &mut HashSet<String>,
) {
    between(found, &format!("{at}.custom_id"), value, 1, 100);
    if let Some(text) = value.and_then(Value::as_str) {
        if !seen.insert(text.to_owned()) {
            found.add(format!(
                "{at}.custom_id {text:?} is used twice in one message"
            ));
        }
    }
}

fn button(found: &mut Findings<'_>, at: &str, button: &Value, seen: &mut HashSet<String>) {
    let style = button.get("style").and_then(Value::as_u64).unwrap_or(0);
    match style {
        1..=4 => custom_id(found, at, button.get("custom_id"), seen),
        5 => {
            between(found, &format!("{at}.url"), button.get("url"), 1, 512);
            if button.get("custom_id").is_some() {
                found.add(format!("{at}: a link button cannot have a custom_id"));
            }
        }
        6 => {}
        other => found.add(format!("{at}: unknown button style {other}")),
    }
    at_most(found, &format!("{at}.label"), button.get("label"), 80);
    if style != 6 && chars(button.get("label")) == 0 && button.get("emoji").is_none() {
        found.add(format!("{at}: a button needs a label or an emoji"));
    }
}

fn select(found: &mut Findings<'_>, at: &str, menu: &Value, kind: u64, seen: &mut HashSet<String>) {
    custom_id(found, at, menu.get("custom_id"), seen);
    at_most(
        found,
        &format!("{at}.placeholder"),
        menu.get("placeholder"),
        150,
    );
    let options = array(menu.get("options"));
    if kind == STRING_SELECT && (options.is_empty() || options.len() > 25) {
        found.add(format!(
            "{at} has {} options, it must be 1..=25",
            options.len()
        ));
    }
    for (number, option) in options.iter().enumerate() {
        let field = |name: &str| format!("{at}.options[{number}].{name}");
        between(found, &field("label"), option.get("label"), 1, 100);
        between(found, &field("value"), option.get("value"), 1, 100);
        at_most(found, &field("description"), option.get("description"), 100);
    }
    let min = menu.get("min_values").and_then(Value::as_u64);
    let max = menu.get("max_values").and_then(Value::as_u64);
    if min.is_some_and(|min| min > 25) {
        found.add(format!("{at}.min_values must be 0..=25"));
    }
    if max.is_some_and(|max| max == 0 || max > 25) {
        found.add(format!("{at}.max_values must be 1..=25"));
    }
    if kind == STRING_SELECT && max.is_some_and(|max| max as usize > options.len()) {
        found.add(format!(
            "{at}.max_values is more than the number of options"
        ));
    }
    if let (Some(min), Some(max)) = (min, max) {
        if min > max {
            found.add(format!("{at}.min_values is more than max_values"));
        }
    }
}

/// The data of an autocomplete result (callback type 8).
pub(super) fn autocomplete(found: &mut Findings<'_>, data: Option<&Value>) {
    let Some(choices) = data.and_then(|data| data.get("choices")) else {
        found.add("an autocomplete result needs data.choices (may be empty)");
        return;
    };
    let choices = array(Some(choices));
    if choices.len() > 25 {
        found.add(format!(
            "{} autocomplete choices, the limit is 25",
            choices.len()
        ));
    }
    for (index, choice) in choices.iter().enumerate() {
        between(
            found,
            &format!("choices[{index}].name"),
            choice.get("name"),
            1,
            100,
        );
        match choice.get("value") {
            Some(Value::String(_)) => {
                between(
                    found,
                    &format!("choices[{index}].value"),
                    choice.get("value"),
                    1,
                    100,
                );
            }
            Some(Value::Number(_)) => {}
            _ => found.add(format!(
                "choices[{index}].value must be a string or a number"
            )),
        }
    }
}

/// The data of a modal (callback type 9), legacy action rows of text inputs as serenity sends.
pub(super) fn modal(found: &mut Findings<'_>, data: Option<&Value>) {
    let Some(data) = data.filter(|data| data.is_object()) else {
        found.add("a modal needs data {custom_id, title, components}");
        return;
    };
    between(found, "modal custom_id", data.get("custom_id"), 1, 100);
    between(found, "modal title", data.get("title"), 1, 45);
    let rows = array(data.get("components"));
    if rows.is_empty() || rows.len() > 5 {
        found.add(format!("a modal has {} rows, it must be 1..=5", rows.len()));
    }
    let mut seen = HashSet::new();
    for (index, row) in rows.iter().enumerate() {
        let inputs = array(row.get("components"));
        if row.get("type").and_then(Value::as_u64) != Some(1) || inputs.len() != 1 {
            found.add(format!(
                "modal row {index} must be an action row with one text input"
            ));
        }
        for input in inputs {
            let at = format!("modal row {index}");
            if input.get("type").and_then(Value::as_u64) != Some(TEXT_INPUT) {
                found.add(format!(
                    "{at}: only text inputs (type 4) work in serenity's modals"
                ));
                continue;
            }
            custom_id(found, &at, input.get("custom_id"), &mut seen);
            between(found, &format!("{at} label"), input.get("label"), 1, 45);
            at_most(
                found,
                &format!("{at} placeholder"),
                input.get("placeholder"),
                100,
            );
            at_most(found, &format!("{at} value"), input.get("value"), 4000);
            if !matches!(input.get("style").and_then(Value::as_u64), Some(1 | 2)) {
                found.add(format!("{at}: style must be 1 (short) or 2 (paragraph)"));
            }
            let min = input.get("min_length").and_then(Value::as_u64);
            let max = input.get("max_length").and_then(Value::as_u64);
            if min.is_some_and(|min| min > 4000) || max.is_some_and(|max| max == 0 || max > 4000) {
                found.add(format!(
                    "{at}: min_length must be 0..=4000 and max_length 1..=4000"
                ));
            }
        }
    }
}

/// A bulk command overwrite (`PUT .../commands`).
pub(super) fn commands(found: &mut Findings<'_>, body: &Value) {
    let Some(commands) = body.as_array() else {
        found.add("a command overwrite must be a JSON array");
        return;
    };
    let chat_input = commands
        .iter()
        .filter(|command| command.get("type").and_then(Value::as_u64).unwrap_or(1) == 1)
        .count();
    if chat_input > 100 {
        found.add(format!("{chat_input} slash commands, the limit is 100"));
    }
    let mut names = HashSet::new();
    for command in commands {
        let kind = command.get("type").and_then(Value::as_u64).unwrap_or(1);
        let name = command
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let at = format!("command {name:?}");
        if !names.insert((kind, name.to_owned())) {
            found.add(format!("{at} is defined twice"));
        }
        if kind == 1 {
            command_name(found, &at, command.get("name"));
            between(
                found,
                &format!("{at} description"),
                command.get("description"),
                1,
                100,
            );
            options(found, &at, command.get("options"));
        } else {
            between(found, &format!("{at} name"), command.get("name"), 1, 32);
        }
    }
}

fn command_name(found: &mut Findings<'_>, at: &str, name: Option<&Value>) {
    between(found, &format!("{at} name"), name, 1, 32);
    if let Some(name) = name.and_then(Value::as_str) {
        let allowed = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '\'');
        if !name.chars().all(allowed) || name.to_lowercase() != name {
            found.add(format!(
                "{at}: a name must be lowercase letters, digits, - _ or '"
            ));
        }
    }
}

fn options(found: &mut Findings<'_>, at: &str, value: Option<&Value>) {
    let list = array(value);
    if list.len() > 25 {
        found.add(format!("{at} has {} options, the limit is 25", list.len()));
    }
    let mut optional_seen = false;
    for option in list {
        let name = option
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let here = format!("{at} option {name:?}");
        command_name(found, &here, option.get("name"));
        between(
            found,
            &format!("{here} description"),
            option.get("description"),
            1,
            100,
        );
        let kind = option.get("type").and_then(Value::as_u64).unwrap_or(0);
        if matches!(kind, 1 | 2) {
            options(found, &here, option.get("options"));
            continue;
        }
        let required = option
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        if required && optional_seen {
            found.add(format!(
                "{here} is required but comes after an optional option"
            ));
        }
        optional_seen |= !required;
        let choices = array(option.get("choices"));
        if choices.len() > 25 {
            found.add(format!(
                "{here} has {} choices, the limit is 25",
                choices.len()
            ));
        }
        if !choices.is_empty() && option.get("autocomplete").and_then(Value::as_bool) == Some(true)
        {
            found.add(format!("{here} cannot have both choices and autocomplete"));
        }
    }
}
