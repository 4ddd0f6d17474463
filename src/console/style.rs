//! Discord markdown as terminal text: styles as ANSI codes (or nothing), escapes undone, links
//! with their address, and lines wrapped at word boundaries to the terminal's width.
//!
//! Discord's markdown is a small dialect in which every newline is a line break, so a small
//! converter fits it better than a CommonMark parser, which would join lines into paragraphs.

/// How the console draws text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Style {
    /// Columns to wrap at.
    pub width: usize,
    /// Bold, italics and underline as ANSI escape codes; plain text when false.
    pub ansi: bool,
}

impl Style {
    /// Plain text at 80 columns: what piped output uses, the same on every machine.
    pub(crate) const PIPED: Style = Style {
        width: 80,
        ansi: false,
    };

    /// `text` in bold (when styles are on).
    pub(crate) fn bold(&self, text: &str) -> String {
        if self.ansi {
            format!("\x1b[1m{text}\x1b[22m")
        } else {
            text.to_owned()
        }
    }

    /// `text` dimmed (when styles are on), for hints that matter less than the answer.
    pub(crate) fn dim(&self, text: &str) -> String {
        if self.ansi {
            format!("\x1b[2m{text}\x1b[22m")
        } else {
            text.to_owned()
        }
    }
}

/// One inline mark and the ANSI codes that start and end it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Bold,
    Italic,
    Underline,
    Strike,
}

impl Mark {
    fn codes(self) -> (&'static str, &'static str) {
        match self {
            Mark::Bold => ("\x1b[1m", "\x1b[22m"),
            Mark::Italic => ("\x1b[3m", "\x1b[23m"),
            Mark::Underline => ("\x1b[4m", "\x1b[24m"),
            Mark::Strike => ("\x1b[9m", "\x1b[29m"),
        }
    }
}

/// The delimiters, longest first so `**` is not read as two `*`.
const DELIMITERS: [(&str, Mark); 5] = [
    ("**", Mark::Bold),
    ("__", Mark::Underline),
    ("~~", Mark::Strike),
    ("*", Mark::Italic),
    ("_", Mark::Italic),
];

/// One line of Discord markdown as terminal text (no wrapping).
pub(crate) fn inline(line: &str, ansi: bool) -> String {
    let mut out = String::with_capacity(line.len());
    let mut open: Vec<(&str, Mark)> = Vec::new();
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        // A backslash before punctuation shows that character as it is.
        if c == '\\' {
            if let Some(next) = rest[1..].chars().next() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    i += 1 + next.len_utf8();
                    continue;
                }
            }
        }
        // Inline code: shown as it is, without the backticks.
        if c == '`' {
            let ticks = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..ticks];
            if let Some(end) = rest[ticks..].find(fence) {
                out.push_str(rest[ticks..ticks + end].trim());
                i += ticks + end + ticks;
                continue;
            }
        }
        // A link: its text, then its address.
        if c == '[' {
            if let Some((text, url, used)) = link(rest) {
                out.push_str(&inline(text, ansi));
                out.push_str(" <");
                out.push_str(url);
                out.push('>');
                i += used;
                continue;
            }
        }
        if let Some(&(delim, mark)) = DELIMITERS.iter().find(|(d, _)| rest.starts_with(d)) {
            let after = &rest[delim.len()..];
            let before = line[..i].chars().next_back();
            if let Some(pos) = open.iter().rposition(|(d, _)| *d == delim) {
                // A closing mark follows text, not a space.
                if before.is_some_and(|b| !b.is_whitespace()) {
                    open.truncate(pos);
                    if ansi {
                        out.push_str(mark.codes().1);
                        // Marks still open stay on.
                        for (_, m) in &open {
                            out.push_str(m.codes().0);
                        }
                    }
                    i += delim.len();
                    continue;
                }
            } else if opens(delim, before, after) {
                open.push((delim, mark));
                if ansi {
                    out.push_str(mark.codes().0);
                }
                i += delim.len();
                continue;
            }
        }
        out.push(c);
        i += c.len_utf8();
    }
    if ansi && !open.is_empty() {
        out.push_str("\x1b[0m");
    }
    out
}

/// Whether `delim` starts a styled run here: text follows it, a closing mark comes later on
/// the line, and (for `_`, which appears inside words) it does not stand inside a word.
fn opens(delim: &str, before: Option<char>, after: &str) -> bool {
    if after.starts_with(char::is_whitespace) || after.is_empty() {
        return false;
    }
    if delim.starts_with('_') && before.is_some_and(char::is_alphanumeric) {
        return false;
    }
    let Some(close) = after.find(delim) else {
        return false;
    };
    close > 0 && !after[..close].ends_with(char::is_whitespace)
}

/// `[text](url)` at the start of `s`: its text, address and length.
fn link(s: &str) -> Option<(&str, &str, usize)> {
    let after = s.strip_prefix('[')?;
    let close = after.find("](")?;
    let text = &after[..close];
    let url_part = &after[close + 2..];
    let end = url_part.find(')')?;
    let url = &url_part[..end];
    if text.contains('\n') || url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    Some((text, url, 1 + close + 2 + end + 1))
}

/// A block of Discord markdown as terminal lines, each wrapped to `style.width`; list items
/// and quotes keep their indent on the lines they wrap onto. Ends with a newline unless empty.
pub(crate) fn block(markdown: &str, style: &Style) -> String {
    block_with(markdown, style, 0)
}

/// A field's value: like [`block`], but each line that wraps hangs by two columns, so where
/// one entry (a source) ends and the next begins stays visible.
pub(crate) fn field_block(markdown: &str, style: &Style) -> String {
    block_with(markdown, style, 2)
}

fn block_with(markdown: &str, style: &Style, hang: usize) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for raw in markdown.lines() {
        if raw.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            out.push_str(raw);
            out.push('\n');
            continue;
        }
        let (prefix, text) = line_prefix(raw);
        let text = match text.strip_prefix("-# ") {
            Some(subtext) => style.dim(&inline(subtext, style.ansi)),
            None => match heading(text) {
                Some(h) => style.bold(&inline(h, style.ansi)),
                None => inline(text, style.ansi),
            },
        };
        let indent = if prefix.is_empty() {
            hang
        } else {
            width(&prefix)
        };
        out.push_str(&wrap(&format!("{prefix}{text}"), indent, style.width));
    }
    out
}

/// The text of a `#` heading line.
fn heading(text: &str) -> Option<&str> {
    let hashes = text.len() - text.trim_start_matches('#').len();
    if (1..=3).contains(&hashes) {
        text[hashes..].strip_prefix(' ')
    } else {
        None
    }
}

/// A list or quote marker at the start of a line (shown as it is, its width the hanging
/// indent), and the rest.
fn line_prefix(line: &str) -> (String, &str) {
    let trimmed = line.trim_start();
    let lead = &line[..line.len() - trimmed.len()];
    for marker in ["• ", "- ", "* ", "> "] {
        if let Some(rest) = trimmed.strip_prefix(marker) {
            let shown = if marker == "* " { "• " } else { marker };
            return (format!("{lead}{shown}"), rest);
        }
    }
    let digits = trimmed.len()
        - trimmed
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if digits > 0 && digits < 4 {
        if let Some(rest) = trimmed[digits..].strip_prefix(". ") {
            return (format!("{lead}{}", &trimmed[..digits + 2]), rest);
        }
    }
    (String::new(), line)
}

/// One line wrapped at word boundaries; wrapped lines are indented by `indent` spaces. Words
/// longer than a line (addresses) are kept whole so they can still be copied.
pub(crate) fn wrap(line: &str, indent: usize, width: usize) -> String {
    if line.trim().is_empty() {
        return "\n".to_owned();
    }
    let pad = " ".repeat(indent.min(width / 2));
    let options = textwrap::Options::new(width.max(20))
        .subsequent_indent(&pad)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::new();
    for l in textwrap::wrap(line, options) {
        out.push_str(l.trim_end());
        out.push('\n');
    }
    out
}

/// How many columns `text` takes on a terminal (styles take none).
pub(crate) fn width(text: &str) -> usize {
    textwrap::core::display_width(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_styles_or_go_and_escapes_are_undone() {
        let md =
            r"**Two** *pathways*: see \<b\> and clinic\-check, [FDA](https://fda.gov/x) `code`";
        assert_eq!(
            inline(md, false),
            "Two pathways: see <b> and clinic-check, FDA <https://fda.gov/x> code"
        );
        assert_eq!(
            inline("**Two** *ways*", true),
            "\x1b[1mTwo\x1b[22m \x1b[3mways\x1b[23m"
        );
    }

    #[test]
    fn lone_marks_and_marks_inside_words_stay_as_typed() {
        assert_eq!(
            inline("5 * 3 = 15, a_b_c, *open", false),
            "5 * 3 = 15, a_b_c, *open"
        );
        assert_eq!(inline("[odd", false), "[odd");
    }

    #[test]
    fn lines_wrap_at_words_with_a_hanging_indent_for_list_items() {
        let style = Style {
            width: 30,
            ansi: false,
        };
        let text = block(
            "• The biology is real and preclinical research is active.\n1. minimally manipulated; for homologous use",
            &style,
        );
        assert_eq!(
            text,
            "• The biology is real and\n  preclinical research is\n  active.\n1. minimally manipulated; for\n   homologous use\n"
        );
        for line in text.lines() {
            assert!(width(line) <= 30, "{line}");
        }
    }

    #[test]
    fn a_long_address_is_kept_whole() {
        let url = format!("<https://example.org/{}>", "a".repeat(90));
        let text = wrap(&format!("See {url} now"), 0, 40);
        assert!(text.contains(&url), "{text}");
    }
}
