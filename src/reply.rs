//! The transport-neutral answer model and Discord's limits on it.
//!
//! Every adapter (Discord, console) renders a [`Reply`]; the core builds them. The limits live here
//! so that a reply is checked where it is built, not when Discord refuses it.
//!
//! Over 500 lines only with its unit tests (about 60 lines at the end).

use std::fmt;

/// The line every answer ends with.
pub const DISCLAIMER: &str =
    "General information, not medical advice. exobot is not a doctor: talk to your own doctor about your health.";

/// Discord's limits on what a bot may send (see the project's platform notes).
pub mod limits {
    pub const CONTENT: usize = 2000;
    pub const EMBEDS_PER_MESSAGE: usize = 10;
    pub const EMBED_TITLE: usize = 256;
    pub const EMBED_DESCRIPTION: usize = 4096;
    pub const EMBED_FIELDS: usize = 25;
    pub const FIELD_NAME: usize = 256;
    pub const FIELD_VALUE: usize = 1024;
    pub const FOOTER: usize = 2048;
    pub const EMBED_TOTAL: usize = 6000;
    pub const ACTION_ROWS: usize = 5;
    pub const BUTTONS_PER_ROW: usize = 5;
    pub const CUSTOM_ID: usize = 100;
    pub const BUTTON_LABEL: usize = 80;
    pub const BUTTON_URL: usize = 512;
    pub const SELECT_OPTIONS: usize = 25;
    pub const SELECT_OPTION_TEXT: usize = 100;
    pub const SELECT_PLACEHOLDER: usize = 150;
    pub const MODAL_TITLE: usize = 45;
    pub const MODAL_INPUTS: usize = 5;
    pub const INPUT_LABEL: usize = 45;
    pub const INPUT_PLACEHOLDER: usize = 100;
    pub const INPUT_LENGTH: usize = 4000;
    pub const AUTOCOMPLETE_CHOICES: usize = 25;
    pub const CHOICE_NAME: usize = 100;
    pub const CHOICE_VALUE: usize = 100;
}

/// What the core answers to one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// A new message answering the event.
    Message(Message),
    /// Replace the message whose component was used.
    Update(Message),
    /// Open a form.
    Modal(Modal),
    /// Suggestions for a command option being typed.
    Autocomplete(Vec<Choice>),
    /// Acknowledge now, seen only by the member ("thinking…"): the response's effect takes a
    /// while (it calls the platform, or reloads the knowledge base) before anything can be
    /// shown, and what the member is then told is the effect's outcome (see `crate::outcome`),
    /// shown in place of this answer.
    Defer,
}

/// A message: text, embeds, components and files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Message {
    /// Only the member who acted sees it.
    pub ephemeral: bool,
    pub content: Option<String>,
    pub embeds: Vec<Embed>,
    pub rows: Vec<Row>,
    pub attachments: Vec<Attachment>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Embed {
    pub title: String,
    pub description: String,
    pub fields: Vec<Field>,
    pub footer: Option<String>,
    pub colour: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub value: String,
    pub inline: bool,
}

/// One row of components: up to five buttons, or one select menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Buttons(Vec<Button>),
    Select(Select),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonStyle {
    Primary,
    Secondary,
    Success,
    Danger,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ButtonTarget {
    /// Pressing it sends this custom id back to the bot.
    Action(String),
    /// A link button opening this address.
    Link(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub label: String,
    pub style: ButtonStyle,
    pub target: ButtonTarget,
    pub disabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Select {
    pub custom_id: String,
    pub placeholder: String,
    pub options: Vec<SelectOption>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectOption {
    pub label: String,
    pub value: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Modal {
    pub custom_id: String,
    pub title: String,
    pub inputs: Vec<TextInput>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextInput {
    pub custom_id: String,
    pub label: String,
    pub paragraph: bool,
    pub required: bool,
    pub min_length: Option<u16>,
    pub max_length: Option<u16>,
    pub value: Option<String>,
    pub placeholder: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// An autocomplete suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub name: String,
    pub value: String,
}

impl Button {
    pub fn action(
        label: impl Into<String>,
        style: ButtonStyle,
        custom_id: impl Into<String>,
    ) -> Self {
        Self {
            label: label.into(),
            style,
            target: ButtonTarget::Action(custom_id.into()),
            disabled: false,
        }
    }

    pub fn link(label: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            style: ButtonStyle::Secondary,
            target: ButtonTarget::Link(url.into()),
            disabled: false,
        }
    }
}

impl Message {
    pub fn ephemeral_text(text: impl Into<String>) -> Self {
        Self {
            ephemeral: true,
            content: Some(text.into()),
            ..Self::default()
        }
    }
}

/// A limit of Discord's that a reply breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitError {
    /// Where in the reply, e.g. `embed 1 field 3 value`.
    pub place: String,
    pub length: usize,
    pub limit: usize,
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is {} long, over Discord's limit of {}",
            self.place, self.length, self.limit
        )
    }
}

impl std::error::Error for LimitError {}

/// Length as Discord counts it for limits (characters, trimmed where Discord trims).
pub fn discord_len(text: &str) -> usize {
    text.chars().count()
}

struct Checker {
    errors: Vec<LimitError>,
}

impl Checker {
    fn at_most(&mut self, place: impl FnOnce() -> String, length: usize, limit: usize) {
        if length > limit {
            self.errors.push(LimitError {
                place: place(),
                length,
                limit,
            });
        }
    }

    fn text(&mut self, place: impl FnOnce() -> String, text: &str, limit: usize) {
        self.at_most(place, discord_len(text), limit);
    }

    fn non_empty(&mut self, place: impl FnOnce() -> String, text: &str, limit: usize) {
        let length = discord_len(text.trim());
        if length == 0 {
            self.errors.push(LimitError {
                place: format!("{} (empty)", place()),
                length: 0,
                limit,
            });
        } else {
            self.at_most(place, length, limit);
        }
    }
}

impl Embed {
    /// The characters this embed counts towards the 6,000 of a message.
    pub fn total_len(&self) -> usize {
        discord_len(self.title.trim())
            + discord_len(self.description.trim())
            + self
                .fields
                .iter()
                .map(|f| discord_len(f.name.trim()) + discord_len(f.value.trim()))
                .sum::<usize>()
            + self.footer.as_deref().map_or(0, |f| discord_len(f.trim()))
    }

    fn check(&self, n: usize, c: &mut Checker) {
        use limits::*;
        c.text(|| format!("embed {n} title"), &self.title, EMBED_TITLE);
        c.text(
            || format!("embed {n} description"),
            &self.description,
            EMBED_DESCRIPTION,
        );
        c.at_most(
            || format!("embed {n} field count"),
            self.fields.len(),
            EMBED_FIELDS,
        );
        for (i, field) in self.fields.iter().enumerate() {
            let i = i + 1;
            c.non_empty(
                || format!("embed {n} field {i} name"),
                &field.name,
                FIELD_NAME,
            );
            c.non_empty(
                || format!("embed {n} field {i} value"),
                &field.value,
                FIELD_VALUE,
            );
        }
        if let Some(footer) = &self.footer {
            c.text(|| format!("embed {n} footer"), footer, FOOTER);
        }
    }
}

impl Row {
    fn check(&self, n: usize, c: &mut Checker) {
        use limits::*;
        match self {
            Row::Buttons(buttons) => {
                c.at_most(
                    || format!("row {n} buttons"),
                    buttons.len(),
                    BUTTONS_PER_ROW,
                );
                if buttons.is_empty() {
                    c.non_empty(|| format!("row {n} buttons"), "", BUTTONS_PER_ROW);
                }
                for (i, b) in buttons.iter().enumerate() {
                    let i = i + 1;
                    c.non_empty(
                        || format!("row {n} button {i} label"),
                        &b.label,
                        BUTTON_LABEL,
                    );
                    match &b.target {
                        ButtonTarget::Action(id) => {
                            c.non_empty(|| format!("row {n} button {i} custom_id"), id, CUSTOM_ID)
                        }
                        ButtonTarget::Link(url) => {
                            c.non_empty(|| format!("row {n} button {i} url"), url, BUTTON_URL)
                        }
                    }
                }
            }
            Row::Select(s) => {
                c.non_empty(
                    || format!("row {n} select custom_id"),
                    &s.custom_id,
                    CUSTOM_ID,
                );
                c.text(
                    || format!("row {n} select placeholder"),
                    &s.placeholder,
                    SELECT_PLACEHOLDER,
                );
                c.at_most(
                    || format!("row {n} select options"),
                    s.options.len(),
                    SELECT_OPTIONS,
                );
                if s.options.is_empty() {
                    c.non_empty(|| format!("row {n} select options"), "", SELECT_OPTIONS);
                }
                for (i, o) in s.options.iter().enumerate() {
                    let i = i + 1;
                    let t = SELECT_OPTION_TEXT;
                    c.non_empty(|| format!("row {n} option {i} label"), &o.label, t);
                    c.non_empty(|| format!("row {n} option {i} value"), &o.value, t);
                    if let Some(d) = &o.description {
                        c.text(|| format!("row {n} option {i} description"), d, t);
                    }
                }
            }
        }
    }
}

impl Message {
    fn check(&self, c: &mut Checker) {
        use limits::*;
        if let Some(content) = &self.content {
            c.text(|| "content".to_owned(), content, CONTENT);
        }
        c.at_most(
            || "embed count".to_owned(),
            self.embeds.len(),
            EMBEDS_PER_MESSAGE,
        );
        for (i, e) in self.embeds.iter().enumerate() {
            e.check(i + 1, c);
        }
        let total: usize = self.embeds.iter().map(Embed::total_len).sum();
        c.at_most(|| "embeds in total".to_owned(), total, EMBED_TOTAL);
        c.at_most(|| "action rows".to_owned(), self.rows.len(), ACTION_ROWS);
        for (i, r) in self.rows.iter().enumerate() {
            r.check(i + 1, c);
        }
        let empty = self.content.as_deref().is_none_or(|t| t.trim().is_empty())
            && self.embeds.is_empty()
            && self.attachments.is_empty();
        if empty {
            c.non_empty(|| "message".to_owned(), "", CONTENT);
        }
    }
}

impl Modal {
    fn check(&self, c: &mut Checker) {
        use limits::*;
        c.non_empty(|| "modal custom_id".to_owned(), &self.custom_id, CUSTOM_ID);
        c.non_empty(|| "modal title".to_owned(), &self.title, MODAL_TITLE);
        c.at_most(
            || "modal inputs".to_owned(),
            self.inputs.len(),
            MODAL_INPUTS,
        );
        if self.inputs.is_empty() {
            c.non_empty(|| "modal inputs".to_owned(), "", MODAL_INPUTS);
        }
        for (i, input) in self.inputs.iter().enumerate() {
            let i = i + 1;
            c.non_empty(
                || format!("input {i} custom_id"),
                &input.custom_id,
                CUSTOM_ID,
            );
            c.non_empty(|| format!("input {i} label"), &input.label, INPUT_LABEL);
            if let Some(p) = &input.placeholder {
                c.text(|| format!("input {i} placeholder"), p, INPUT_PLACEHOLDER);
            }
            if let Some(v) = &input.value {
                c.text(|| format!("input {i} value"), v, INPUT_LENGTH);
            }
            let max = input.max_length.map_or(INPUT_LENGTH, usize::from);
            c.at_most(|| format!("input {i} max_length"), max, INPUT_LENGTH);
        }
    }
}

impl Reply {
    /// Every Discord limit this reply breaks; empty when Discord will take it.
    pub fn limit_errors(&self) -> Vec<LimitError> {
        let mut c = Checker { errors: Vec::new() };
        match self {
            Reply::Message(m) | Reply::Update(m) => m.check(&mut c),
            Reply::Modal(m) => m.check(&mut c),
            Reply::Defer => {}
            Reply::Autocomplete(choices) => {
                use limits::*;
                c.at_most(
                    || "autocomplete choices".to_owned(),
                    choices.len(),
                    AUTOCOMPLETE_CHOICES,
                );
                for (i, ch) in choices.iter().enumerate() {
                    let i = i + 1;
                    c.non_empty(|| format!("choice {i} name"), &ch.name, CHOICE_NAME);
                    c.non_empty(|| format!("choice {i} value"), &ch.value, CHOICE_VALUE);
                }
            }
        }
        c.errors
    }
}

/// Shortens `text` to at most `max` characters, ending with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if discord_len(text) <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_embed_over_the_description_limit_is_reported_with_its_place() {
        let reply = Reply::Message(Message {
            embeds: vec![Embed {
                title: "t".into(),
                description: "x".repeat(4097),
                ..Embed::default()
            }],
            ..Message::default()
        });
        let errors = reply.limit_errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].place, "embed 1 description");
        assert_eq!(errors[0].limit, 4096);
        assert_eq!(errors[0].length, 4097);
    }

    #[test]
    fn embeds_over_6000_characters_in_total_are_reported() {
        let embed = Embed {
            title: "t".into(),
            description: "x".repeat(3500),
            ..Embed::default()
        };
        let reply = Reply::Message(Message {
            embeds: vec![embed.clone(), embed],
            ..Message::default()
        });
        let errors = reply.limit_errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].place, "embeds in total");
        assert_eq!(errors[0].length, 7002);
    }

    #[test]
    fn a_message_with_nothing_in_it_is_refused() {
        let errors = Reply::Message(Message::default()).limit_errors();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].place, "message (empty)");
    }

    #[test]
    fn six_buttons_in_a_row_break_the_limit() {
        let b = Button::action("x", ButtonStyle::Primary, "id");
        let reply = Reply::Message(Message {
            content: Some("hi".into()),
            rows: vec![Row::Buttons(vec![b; 6])],
            ..Message::default()
        });
        assert_eq!(reply.limit_errors()[0].place, "row 1 buttons");
    }

    #[test]
    fn truncate_keeps_short_text_and_marks_cut_text() {
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcdef", 4), "abc…");
    }
}
