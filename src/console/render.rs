//! Renders replies as plain text: embeds as blocks, buttons as `[1] Label`, selects as lists.

use crate::reply::{ButtonTarget, Embed, Message, Reply, Row};

/// Discord markdown as terminal text: links show their address, bold and code marks go.
pub fn plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|close| {
            let url_part = &after[close + 2..];
            url_part
                .find(')')
                .map(|end| (&after[..close], &url_part[..end], close + 2 + end + 1))
        });
        match link {
            Some((text, url, used))
                if !text.contains('\n') && !url.contains(char::is_whitespace) =>
            {
                out.push_str(&rest[..open]);
                out.push_str(text);
                out.push_str(" <");
                out.push_str(url);
                out.push('>');
                rest = &after[used..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "").replace('`', "")
}

pub fn embed(e: &Embed) -> String {
    let mut out = String::new();
    if !e.title.is_empty() {
        out.push_str(&format!("== {} ==\n", plain(&e.title)));
    }
    if !e.description.is_empty() {
        out.push_str(&plain(&e.description));
        out.push('\n');
    }
    for f in &e.fields {
        out.push_str(&format!("\n{}:\n{}\n", plain(&f.name), plain(&f.value)));
    }
    if let Some(footer) = &e.footer {
        out.push_str(&format!("\n{}\n", plain(footer)));
    }
    out
}

/// A message as text; actionable components are numbered from `first_number`, and their
/// custom ids (or select values) are returned in that order.
pub fn message(m: &Message, first_number: usize) -> (String, Vec<Choice>) {
    let mut out = String::new();
    if let Some(content) = &m.content {
        out.push_str(&plain(content));
        out.push('\n');
    }
    for e in &m.embeds {
        out.push_str(&embed(e));
    }
    for a in &m.attachments {
        out.push_str(&format!(
            "(attached file: {}, {} bytes)\n",
            a.filename,
            a.bytes.len()
        ));
    }
    let keys = keys(m, first_number);
    let mut choices = Vec::new();
    for row in &m.rows {
        match row {
            Row::Buttons(buttons) => {
                let mut line = Vec::new();
                for b in buttons {
                    match &b.target {
                        ButtonTarget::Action(id) if !b.disabled => {
                            choices.push(Choice::Button(id.clone()));
                            line.push(format!("[{}] {}", keys[choices.len() - 1], b.label));
                        }
                        ButtonTarget::Action(_) => line.push(format!("[-] {}", b.label)),
                        ButtonTarget::Link(url) => line.push(format!("{} <{url}>", b.label)),
                    }
                }
                out.push_str(&line.join("  "));
                out.push('\n');
            }
            Row::Select(select) => {
                out.push_str(&format!("{}:\n", select.placeholder));
                for o in &select.options {
                    choices.push(Choice::Select {
                        custom_id: select.custom_id.clone(),
                        value: o.value.clone(),
                    });
                    out.push_str(&format!("  [{}] {}\n", keys[choices.len() - 1], o.label));
                }
            }
        }
    }
    (out, choices)
}

/// The key of each actionable component of `m`, in the order of [`message`]'s choices. A clinic
/// check's buttons and menu options keep one key per meaning across screens (an answer's number,
/// the question's own number in the review menu, `b` Back, `s` Skip, `n` Note, `r` Review, `f`,
/// `x`); everything else is numbered from `first_number`, skipping numbers already taken.
pub fn keys(m: &Message, first_number: usize) -> Vec<String> {
    let mut stable: Vec<Option<String>> = Vec::new();
    for row in &m.rows {
        match row {
            Row::Buttons(buttons) => {
                for b in buttons {
                    if let ButtonTarget::Action(id) = &b.target {
                        if !b.disabled {
                            stable.push(crate::questionnaire::shortcut(id, None));
                        }
                    }
                }
            }
            Row::Select(select) => {
                for o in &select.options {
                    stable.push(crate::questionnaire::shortcut(
                        &select.custom_id,
                        Some(&o.value),
                    ));
                }
            }
        }
    }
    let mut taken: Vec<String> = stable.iter().flatten().cloned().collect();
    let mut next = first_number;
    stable
        .into_iter()
        .map(|key| {
            key.unwrap_or_else(|| {
                while taken.contains(&next.to_string()) {
                    next += 1;
                }
                taken.push(next.to_string());
                next.to_string()
            })
        })
        .collect()
}

/// What typing a key does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Button(String),
    Select { custom_id: String, value: String },
}

/// A reply as text, for replies that carry no components to press (`exobot ask`).
pub fn reply_text(reply: &Reply) -> String {
    match reply {
        Reply::Message(m) | Reply::Update(m) => message(m, 1).0,
        Reply::Modal(m) => format!("(form: {})\n", m.title),
        Reply::Autocomplete(choices) => choices.iter().map(|c| format!("{}\n", c.name)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_links_show_their_address_and_bold_marks_go() {
        assert_eq!(
            plain("**See** [FDA notice](https://fda.gov/x), then [odd"),
            "See FDA notice <https://fda.gov/x>, then [odd"
        );
    }
}
