//! Reads a knowledge folder into raw entries, locating every syntax and schema error.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

use super::schema::{
    RawLink, RawPhrasings, RawSafety, RawSearch, RawSource, RawTopic, SAFETY_TABLE, SEARCH_TABLE,
    TABLES,
};
use crate::diagnostic::{Diagnostic, SourceFile};

/// The file a questionnaire is read from; the knowledge loader leaves it to its own loader.
pub const QUESTIONNAIRE_FILE: &str = "questionnaire.toml";

/// One knowledge file, read.
#[derive(Debug)]
pub(super) struct File {
    pub path: PathBuf,
    pub text: String,
}

impl File {
    pub(super) fn source(&self) -> SourceFile<'_> {
        SourceFile {
            path: &self.path,
            text: &self.text,
        }
    }
}

/// An entry with the index of the file it came from.
#[derive(Debug)]
pub(super) struct Entry<T> {
    pub file: usize,
    pub value: T,
}

/// Everything read from a folder, in file-name order.
#[derive(Debug, Default)]
pub(super) struct Raw {
    pub files: Vec<File>,
    pub sources: Vec<Entry<RawSource>>,
    pub links: Vec<Entry<RawLink>>,
    pub topics: Vec<Entry<RawTopic>>,
    pub phrasings: Vec<Entry<RawPhrasings>>,
    pub search: Vec<Entry<RawSearch>>,
    pub safety: Vec<Entry<RawSafety>>,
    /// Some file or entry could not be read: checks that need every entry are skipped.
    pub incomplete: bool,
    /// `[[source]]` entries that could not be read: references to them are not reported.
    pub unread_sources: Unread,
    /// `[[link]]` entries that could not be read.
    pub unread_links: Unread,
    /// `[[topic]]` entries that could not be read.
    pub unread_topics: Unread,
}

/// The entries of one kind that could not be read, so that a reference to one of them is not
/// reported as unknown: the file that failed says what is wrong, once.
#[derive(Debug, Default)]
pub(super) struct Unread {
    /// Some entries of this kind may be missing and their ids are not known (a file could not be
    /// read or parsed, or an entry had no readable `id`): no reference can be checked.
    pub all: bool,
    /// Ids of entries found but not understood (a mistyped or missing key).
    pub ids: BTreeSet<String>,
}

impl Unread {
    /// Whether `id` may name an entry that could not be read.
    pub(super) fn covers(&self, id: &str) -> bool {
        self.all || self.ids.contains(id)
    }
}

impl Raw {
    /// A file could not be read or parsed: it may have held entries of every kind.
    fn lose_every_kind(&mut self) {
        for unread in [
            &mut self.unread_sources,
            &mut self.unread_links,
            &mut self.unread_topics,
        ] {
            unread.all = true;
        }
    }

    /// The unread entries of the array of tables `name`, when it names one.
    fn unread(&mut self, name: &str) -> Option<&mut Unread> {
        match name {
            "source" => Some(&mut self.unread_sources),
            "link" => Some(&mut self.unread_links),
            "topic" => Some(&mut self.unread_topics),
            _ => None,
        }
    }
}

/// Reads every `*.toml` file of `dir` but the questionnaire. Files that cannot be read or parsed
/// give diagnostics; the entries of the others are kept, so that all errors are found at once.
pub(super) fn read_dir(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Raw {
    let mut raw = Raw::default();
    let paths = match toml_files(dir) {
        Ok(paths) => paths,
        Err(message) => {
            diagnostics.push(Diagnostic::whole(dir, message));
            return raw;
        }
    };
    if paths.is_empty() {
        diagnostics.push(Diagnostic::whole(
            dir,
            "the knowledge folder holds no .toml file",
        ));
    }
    for path in paths {
        match read_text(&path) {
            Ok(text) => raw.files.push(File { path, text }),
            Err(d) => {
                diagnostics.push(d);
                raw.lose_every_kind();
            }
        }
    }
    let files = std::mem::take(&mut raw.files);
    // The single tables already met, read or not: a second one is an error whatever it holds,
    // and is not read.
    let mut singles: Vec<String> = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let (parsed, errors) = DeTable::parse_recoverable(&file.text);
        if !errors.is_empty() {
            for e in errors {
                diagnostics.push(toml_error(file.source(), &e));
            }
            raw.lose_every_kind();
            continue;
        }
        let entries = split_tables(file.source(), parsed.into_inner(), &mut raw, diagnostics);
        for (name, value) in entries {
            let source = file.source();
            if name == SEARCH_TABLE || name == SAFETY_TABLE {
                if singles.contains(&name) {
                    diagnostics.push(source.error(
                        &value.span(),
                        format!("only one file may hold a `[{name}]` table"),
                    ));
                    continue;
                }
                singles.push(name.clone());
            }
            let id = entry_id(&value);
            let read = match name.as_str() {
                "source" => push(&mut raw.sources, index, source, value, diagnostics),
                "link" => push(&mut raw.links, index, source, value, diagnostics),
                "phrasings" => push(&mut raw.phrasings, index, source, value, diagnostics),
                SEARCH_TABLE => push(&mut raw.search, index, source, value, diagnostics),
                SAFETY_TABLE => push(&mut raw.safety, index, source, value, diagnostics),
                _ => push(&mut raw.topics, index, source, value, diagnostics),
            };
            if !read {
                if let Some(unread) = raw.unread(&name) {
                    match id {
                        Some(id) => {
                            unread.ids.insert(id);
                        }
                        None => unread.all = true,
                    }
                }
            }
        }
    }
    raw.files = files;
    raw.incomplete = diagnostics.iter().any(Diagnostic::is_error);
    raw
}

/// The `*.toml` files of `dir` (not the questionnaire), sorted by name.
fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let meta = fs::metadata(dir).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => "the knowledge folder does not exist".to_owned(),
        _ => format!("cannot read the knowledge folder: {e}"),
    })?;
    if !meta.is_dir() {
        return Err("the knowledge path is a file, not a folder".to_owned());
    }
    let read = fs::read_dir(dir).map_err(|e| format!("cannot list the knowledge folder: {e}"))?;
    let mut paths = Vec::new();
    for entry in read {
        let entry = entry.map_err(|e| format!("cannot list the knowledge folder: {e}"))?;
        let path = entry.path();
        let is_toml = path.extension().is_some_and(|e| e == "toml");
        let is_questionnaire = path.file_name().is_some_and(|n| n == QUESTIONNAIRE_FILE);
        if is_toml && !is_questionnaire && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// A file's text, or a diagnostic saying why it cannot be had. The text is as [`decode`] makes
/// it: every data file the bot reads (knowledge files, `questionnaire.toml`, the config) comes
/// through here, so line endings and a byte-order mark never change what it means.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = fs::read(path).map_err(|e| Diagnostic::whole(path, format!("cannot read: {e}")))?;
    decode(path, &bytes)
}

/// The UTF-8 byte-order mark some Windows editors write at the start of a file.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A data file's bytes as the text the bot reads: a UTF-8 byte-order mark removed and every line
/// ending (`\r\n`, or a lone `\r`) made `\n`, so that a file saved on Windows reads, hashes and
/// renders exactly like the same file saved elsewhere, with the same lines and columns.
///
/// Errors (one diagnostic, naming `path`): a UTF-16 file (byte-order mark `FF FE` or `FE FF`, or
/// NUL bytes in a quarter or more of the bytes), and text that is not UTF-8 (usually Windows-1252
/// or Latin-1), located at the first byte that is not.
pub(super) fn decode(path: &Path, bytes: &[u8]) -> Result<String, Diagnostic> {
    let utf16_bom = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    if utf16_bom || (nuls > 0 && nuls * 4 >= bytes.len()) {
        return Err(Diagnostic::whole(
            path,
            "the file is UTF-16; save it as UTF-8",
        ));
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = e.valid_up_to();
        let text = String::from_utf8_lossy(&bytes[..valid]);
        Diagnostic::at(
            path,
            &text,
            valid,
            crate::diagnostic::Severity::Error,
            format!(
                "the file is not UTF-8 (byte 0x{:02X} here; it looks saved as Windows-1252 or Latin-1); save it as UTF-8",
                bytes[valid]
            ),
        )
    })?;
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    })
}

/// A TOML parse or schema error as a diagnostic.
pub fn toml_error(file: SourceFile<'_>, error: &toml::de::Error) -> Diagnostic {
    let span = error.span().unwrap_or(0..0);
    let message = error.message().trim().replace('\n', " ");
    file.error(&span, message)
}

/// Splits a file's top-level table into its `[[source]]`, `[[link]]` and `[[topic]]` entries.
/// Tables that cannot be read are recorded in `raw` as unread entries.
fn split_tables<'i>(
    file: SourceFile<'_>,
    table: DeTable<'i>,
    raw: &mut Raw,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, Spanned<DeValue<'i>>)> {
    let mut out = Vec::new();
    for (key, value) in table {
        let name = key.get_ref().to_string();
        if (name == SEARCH_TABLE || name == SAFETY_TABLE) && value.get_ref().is_table() {
            out.push((name, value));
            continue;
        }
        if !TABLES.contains(&name.as_str()) {
            diagnostics.push(file.error(
                &key.span(),
                format!("unknown table `{name}`, expected `[[source]]`, `[[link]]`, `[[topic]]`, `[[phrasings]]`, `[search]` or `[safety]`"),
            ));
            // A misspelt table name may hold entries of any kind.
            raw.lose_every_kind();
            continue;
        }
        let span = value.span();
        match value.into_inner() {
            DeValue::Array(items) => {
                for item in items {
                    out.push((name.clone(), item));
                }
            }
            _ => {
                diagnostics.push(file.error(
                    &span,
                    format!("`{name}` must be an array of tables, written `[[{name}]]`"),
                ));
                if let Some(unread) = raw.unread(&name) {
                    unread.all = true;
                }
            }
        }
    }
    out
}

/// The `id` of an entry, when it is written as a string, read before the entry is.
fn entry_id(value: &Spanned<DeValue<'_>>) -> Option<String> {
    let DeValue::Table(table) = value.get_ref() else {
        return None;
    };
    table
        .iter()
        .find(|(key, _)| key.get_ref() == "id")
        .and_then(|(_, v)| match v.get_ref() {
            DeValue::String(id) => Some(id.to_string()),
            _ => None,
        })
}

/// Reads one entry into `list`; `false` when it could not be read (the problem is reported).
fn push<T: for<'de> Deserialize<'de>>(
    list: &mut Vec<Entry<T>>,
    file_index: usize,
    file: SourceFile<'_>,
    value: Spanned<DeValue<'_>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    if !value.get_ref().is_table() {
        diagnostics.push(file.error(&value.span(), "expected a table"));
        return false;
    }
    match T::deserialize(ValueDeserializer::from(value)) {
        Ok(v) => {
            list.push(Entry {
                file: file_index,
                value: v,
            });
            true
        }
        Err(e) => {
            diagnostics.push(toml_error(file, &e));
            false
        }
    }
}
