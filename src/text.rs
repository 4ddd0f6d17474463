//! Makes text a member typed safe to echo: no mention pings or renders, no markdown layout.

/// Zero-width space: breaks `@everyone`, `<@123>` and `<@&456>` without changing what is read.
const ZWSP: char = '\u{200B}';

/// Characters Discord markdown gives a meaning to; a backslash shows them as they are.
const MARKDOWN: &[char] = &[
    '\\', '*', '_', '~', '`', '|', '>', '#', '[', ']', '(', ')', '-', ':',
];

/// Invisible characters that reorder the text after them (embeddings, overrides, isolates and
/// their ends): echoed, one could make the bot's own words around it read backwards.
pub(crate) fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with markdown characters backslash-escaped and every `@` followed by a zero-width
/// space, so that echoing it can neither ping anyone nor change the message's layout. Control
/// characters and direction controls are dropped.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '@' => {
                out.push('@');
                out.push(ZWSP);
            }
            c if MARKDOWN.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            // Line breaks would let a name or note start a heading or quote block.
            '\n' | '\r' => out.push(' '),
            c if c.is_control() || is_direction_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// `n` and `noun`, plural when `n` is not 1: "1 error", "2 errors", "0 warnings".
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_broken_and_markdown_is_escaped() {
        assert_eq!(escape("@everyone"), "@\u{200B}everyone");
        assert_eq!(escape("<@&123>"), "<@\u{200B}&123\\>");
        assert_eq!(
            escape("**bold** [x](http://y)"),
            "\\*\\*bold\\*\\* \\[x\\]\\(http\\://y\\)"
        );
        assert_eq!(escape("a\n# b"), "a \\# b");
    }

    #[test]
    fn direction_overrides_are_dropped_so_they_cannot_turn_the_bots_words_around() {
        assert_eq!(escape("\u{202E}evil\u{202C} \u{2066}x\u{2069}"), "evil x");
        // Marks that only set the direction of one spot, and Arabic or Hebrew text, stay.
        assert_eq!(escape("\u{200F}שלום مرحبا"), "\u{200F}שלום مرحبا");
    }

    #[test]
    fn plain_words_pass_unchanged() {
        assert_eq!(escape("Dr Ana Lopez"), "Dr Ana Lopez");
    }
}
