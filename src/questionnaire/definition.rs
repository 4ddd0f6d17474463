//! The clinic check as data: loading and validating `questionnaire.toml` into a [`Questionnaire`].

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::knowledge::{Link, Source};
use crate::reply::limits;

/// Most questions a questionnaire may have (the token packs answers in half-bytes, the summary
/// lists each question in one select menu beside the carried fields).
pub const MAX_QUESTIONS: usize = 20;
/// Most answer options per question (two rows of five buttons).
pub const MAX_OPTIONS: usize = 10;
/// Longest `short` title: it must fit a modal title after "Details: ".
pub const SHORT_MAX: usize = 36;
const ID_MAX: usize = 32;
const PROMPT_MAX: usize = 500;
const GUIDE_MAX: usize = 600;
const READING_MAX: usize = 400;
const TITLE_MAX: usize = 100;
const STEP_MAX: usize = 200;

/// How an answer reads: documented, a red flag of some kind, or still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flag {
    /// An answer in operational terms that the patient can check.
    Documented,
    /// General claims instead of a specific answer: a red flag.
    Vague,
    /// A refusal or no answer: a red flag.
    Refused,
    /// A clear answer that is itself a warning sign (for example a consumer therapy outside a
    /// trial): a red flag.
    Concern,
    /// A claim that the treatment carries no risk ("no side effects", "completely safe"): false
    /// reassurance about safety, a red flag of its own rather than a vague answer.
    FalseSafety,
    /// Not asked yet, or skipped.
    Open,
}

impl Flag {
    const NAMES: &'static [(&'static str, Flag)] = &[
        ("documented", Flag::Documented),
        ("vague", Flag::Vague),
        ("refused", Flag::Refused),
        ("concern", Flag::Concern),
        ("false-safety", Flag::FalseSafety),
        ("open", Flag::Open),
    ];

    pub fn is_red(self) -> bool {
        matches!(
            self,
            Flag::Vague | Flag::Refused | Flag::Concern | Flag::FalseSafety
        )
    }

    /// How the flag is shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Flag::Documented => "✅ Documented",
            Flag::Vague => "🚩 Red flag: vague or general claims",
            Flag::Refused => "🚩 Red flag: refused or no answer",
            Flag::Concern => "🚩 Red flag: a warning sign",
            Flag::FalseSafety => "🚩 Red flag: a claim of no risk (false reassurance about safety)",
            Flag::Open => "⬜ Open: no answer yet",
        }
    }
}

/// A follow-up value an answer option asks for in a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// An FDA IND number (carried in the token).
    Ind,
    /// A ClinicalTrials.gov number (carried in the token).
    Nct,
    /// The manufacturer's name (free text, carried in the message).
    Manufacturer,
}

impl InputKind {
    const NAMES: &'static [(&'static str, InputKind)] = &[
        ("ind", InputKind::Ind),
        ("nct", InputKind::Nct),
        ("manufacturer", InputKind::Manufacturer),
    ];

    /// The id used in the TOML file and as the form input's custom id.
    pub fn id(self) -> &'static str {
        match self {
            InputKind::Ind => "ind",
            InputKind::Nct => "nct",
            InputKind::Manufacturer => "manufacturer",
        }
    }
}

impl fmt::Display for InputKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One answer a patient can record for a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerOption {
    pub id: String,
    /// The button label (at most 80 characters).
    pub label: String,
    pub flag: Flag,
    /// Follow-up values the form requires before the answer is recorded.
    pub inputs: Vec<InputKind>,
    /// Follow-up values the form offers but does not require.
    pub optional_inputs: Vec<InputKind>,
    /// What this answer means, shown with it in the report.
    pub reading: Option<String>,
    /// The answer says the product is a consumer therapy outside a clinical trial.
    pub outside_trial: bool,
}

impl AnswerOption {
    /// Every follow-up this option's form shows, required first.
    pub fn all_inputs(&self) -> impl Iterator<Item = InputKind> + '_ {
        self.inputs
            .iter()
            .chain(self.optional_inputs.iter())
            .copied()
    }

    pub fn asks(&self, kind: InputKind) -> bool {
        self.all_inputs().any(|k| k == kind)
    }
}

/// One question to ask a clinic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    /// A short title for lists, the report and form titles.
    pub short: String,
    pub prompt: String,
    pub why: String,
    /// What a documented answer looks like.
    pub documented: String,
    /// What a red flag sounds like.
    pub red_flag: String,
    /// Ids of the sources the question's wording rests on.
    pub sources: Vec<String>,
    /// The question is not asked once this follow-up value has been given.
    pub skip_if: Option<InputKind>,
    pub options: Vec<AnswerOption>,
}

/// The report's fixed wording (each piece rests on the listed sources).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportText {
    pub title: String,
    /// When no answer is a red flag and none is open.
    pub clear: String,
    /// When at least one answer is a red flag.
    pub red_flags: String,
    /// When at least one question is still open.
    pub open: String,
    /// When an answer says the product is a consumer therapy outside a trial.
    pub outside_trial: String,
    /// That the report does not rule on a named clinic's or product's legal status.
    pub no_ruling: String,
    pub sources: Vec<String>,
}

/// A next step in the report, pointing to one of the knowledge base's links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The id of a `[[link]]` in the knowledge base.
    pub link: String,
    /// The link button's label (the link's own label is used in the Markdown report).
    pub button: String,
    pub text: String,
    /// Only shown when this follow-up value was given (the link may use it, as `{nct}`).
    pub when: Option<InputKind>,
    pub sources: Vec<String>,
}

/// Where the questionnaire file names an id of something defined elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub id: String,
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
}

impl Reference {
    /// A diagnostic located where the id is written.
    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: self.path.clone(),
            line: self.line,
            col: self.col,
            severity: crate::diagnostic::Severity::Error,
            message: message.into(),
        }
    }
}

/// A loaded, validated questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Questionnaire {
    title: String,
    intro: String,
    questions: Vec<Question>,
    report: ReportText,
    steps: Vec<Step>,
    version: u32,
    sources: Vec<Reference>,
    links: Vec<Reference>,
    /// How each source is cited to patients, by id (see [`Questionnaire::cite`]).
    citations: BTreeMap<String, String>,
}

impl Questionnaire {
    /// Parses and validates the text of a questionnaire file. `path` is only used to locate
    /// problems, every one of which is returned (syntax errors first stop the schema checks).
    pub fn parse(path: &Path, text: &str) -> Result<Self, Vec<Diagnostic>> {
        let file = SourceFile { path, text };
        let (root, syntax) = DeTable::parse_recoverable(text);
        if !syntax.is_empty() {
            return Err(syntax
                .iter()
                .map(|e| {
                    let span = e.span().unwrap_or(0..0);
                    file.error(&span, format!("invalid TOML: {}", e.message()))
                })
                .collect());
        }
        let mut cx = Cx {
            file,
            errors: Vec::new(),
            sources: Vec::new(),
            links: Vec::new(),
            question_spans: Vec::new(),
            report_span: 0..0,
        };
        let root_span = root.span();
        let q = cx.questionnaire(root.get_ref(), root_span);
        let mut errors = cx.errors;
        if let Some(q) = &q {
            if errors.is_empty() {
                let places = super::engine::Places {
                    questions: &cx.question_spans,
                    report: &cx.report_span,
                };
                errors.extend(super::engine::worst_case_problems(q, &file, &places));
            }
        }
        errors.sort_by_key(|d| (d.line, d.col));
        match q {
            Some(q) if errors.is_empty() => Ok(Questionnaire {
                sources: cx.sources,
                links: cx.links,
                ..q
            }),
            _ => Err(errors),
        }
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn intro(&self) -> &str {
        &self.intro
    }

    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    pub fn report(&self) -> &ReportText {
        &self.report
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The structure version: a hash of the question ids and option ids in order. A wording fix
    /// keeps it; adding, removing, renaming or reordering questions or options changes it.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// Every source id the file names, where it names it, for the knowledge loader to check.
    pub fn source_refs(&self) -> &[Reference] {
        &self.sources
    }

    /// Every link id the file names, where it names it.
    pub fn link_refs(&self) -> &[Reference] {
        &self.links
    }

    /// Learns how the knowledge base's sources read to patients (title, publisher, date, link),
    /// so that questions and the report cite them instead of showing their ids.
    pub fn cite(&mut self, sources: &[Source]) {
        self.citations = sources
            .iter()
            .map(|s| (s.id.clone(), crate::knowledge::render::source_line(s)))
            .collect();
    }

    /// The citations of `ids` that are known, in order (none before [`Questionnaire::cite`]).
    pub fn citations(&self, ids: &[String]) -> Vec<&str> {
        ids.iter()
            .filter_map(|id| self.citations.get(id).map(String::as_str))
            .collect()
    }

    /// Cites every source the file names with `text` (the size checks' worst case).
    pub(crate) fn cite_all_as(&mut self, text: &str) {
        let ids = self
            .questions
            .iter()
            .flat_map(|q| &q.sources)
            .chain(&self.report.sources)
            .chain(self.steps.iter().flat_map(|s| &s.sources));
        self.citations = ids.map(|id| (id.clone(), text.to_owned())).collect();
    }

    /// Problems with the source ids, given the ids the knowledge base defines.
    pub fn check_sources(&self, known: &[&str]) -> Vec<Diagnostic> {
        self.sources
            .iter()
            .filter(|r| !known.contains(&r.id.as_str()))
            .map(|r| r.error(format!("unknown source `{}`", r.id)))
            .collect()
    }

    /// Problems with the link ids, given the knowledge base's links.
    pub fn check_links(&self, links: &[Link]) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (r, step) in self.links.iter().zip(&self.steps) {
            match links.iter().find(|l| l.id == r.id) {
                None => problems.push(r.error(format!("unknown link `{}`", r.id))),
                Some(link) if link.url.contains("{nct}") && step.when != Some(InputKind::Nct) => {
                    problems.push(r.error(format!(
                        "link `{}` needs a trial number: give this step `when = \"nct\"`",
                        r.id
                    )))
                }
                Some(_) => {}
            }
        }
        problems
    }
}

/// The structure hash: question ids and option ids, in order.
fn structure_version(questions: &[Question]) -> u32 {
    let mut hash = Sha256::new();
    hash.update(b"exobot clinic check structure v1\n");
    for q in questions {
        hash.update(b"q:");
        hash.update(q.id.as_bytes());
        hash.update(b"\n");
        for o in &q.options {
            hash.update(b"o:");
            hash.update(o.id.as_bytes());
            hash.update(b"\n");
        }
    }
    let digest = hash.finalize();
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}

type Value<'i> = Spanned<DeValue<'i>>;

/// The validation context: the file, and every problem found so far.
struct Cx<'a> {
    file: SourceFile<'a>,
    errors: Vec<Diagnostic>,
    sources: Vec<Reference>,
    links: Vec<Reference>,
    /// Where each kept question's `id` is written, in question order.
    question_spans: Vec<Range<usize>>,
    /// Where the `[report]` table is written.
    report_span: Range<usize>,
}

/// The keys of one table, checked against those allowed.
struct Keys<'t, 'i> {
    what: &'static str,
    span: Range<usize>,
    entries: Vec<(&'t str, &'t Value<'i>)>,
}

fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn is_source_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
}

impl<'a> Cx<'a> {
    fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        self.errors.push(self.file.error(span, message));
    }

    fn reference(&self, id: &str, span: &Range<usize>) -> Reference {
        let (line, col) = crate::diagnostic::line_col(self.file.text, span.start);
        Reference {
            id: id.to_owned(),
            path: self.file.path.to_owned(),
            line,
            col,
        }
    }

    /// Lists a table's keys, reporting those not in `allowed`.
    fn keys<'t, 'i>(
        &mut self,
        what: &'static str,
        table: &'t DeTable<'i>,
        span: Range<usize>,
        allowed: &[&str],
    ) -> Keys<'t, 'i> {
        let mut entries = Vec::new();
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            if allowed.contains(&name) {
                entries.push((name, value));
            } else {
                self.error(
                    &key.span(),
                    format!(
                        "unknown key `{name}` in {what}; expected one of: {}",
                        allowed.join(", ")
                    ),
                );
            }
        }
        Keys {
            what,
            span,
            entries,
        }
    }

    fn get<'t, 'i>(
        &mut self,
        keys: &Keys<'t, 'i>,
        key: &str,
        required: bool,
    ) -> Option<&'t Value<'i>> {
        let found = keys
            .entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v);
        if found.is_none() && required {
            self.error(&keys.span, format!("{} is missing `{key}`", keys.what));
        }
        found
    }

    /// A required or optional non-blank string of at most `max` characters.
    fn string(
        &mut self,
        keys: &Keys<'_, '_>,
        key: &str,
        required: bool,
        max: usize,
    ) -> Option<(String, Range<usize>)> {
        let value = self.get(keys, key, required)?;
        let span = value.span();
        let DeValue::String(text) = value.get_ref() else {
            self.error(
                &span,
                format!(
                    "`{key}` must be a string, found {}",
                    type_name(value.get_ref())
                ),
            );
            return None;
        };
        if text.trim().is_empty() {
            self.error(&span, format!("`{key}` must not be empty"));
            return None;
        }
        let length = text.chars().count();
        if length > max {
            self.error(
                &span,
                format!("`{key}` is {length} characters, over the limit of {max}"),
            );
            return None;
        }
        Some((text.to_string(), span))
    }

    fn boolean(&mut self, keys: &Keys<'_, '_>, key: &str) -> Option<bool> {
        let value = self.get(keys, key, false)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                self.error(
                    &value.span(),
                    format!("`{key}` must be true or false, found {}", type_name(other)),
                );
                None
            }
        }
    }

    /// An array of strings (each non-empty), with the span of each.
    fn strings(
        &mut self,
        keys: &Keys<'_, '_>,
        key: &str,
        required: bool,
    ) -> Option<Vec<(String, Range<usize>)>> {
        let value = self.get(keys, key, required)?;
        let DeValue::Array(items) = value.get_ref() else {
            self.error(
                &value.span(),
                format!(
                    "`{key}` must be an array of strings, found {}",
                    type_name(value.get_ref())
                ),
            );
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) if !s.trim().is_empty() => {
                    out.push((s.to_string(), item.span()))
                }
                DeValue::String(_) => {
                    self.error(
                        &item.span(),
                        format!("`{key}` must not hold an empty string"),
                    );
                    ok = false;
                }
                other => {
                    self.error(
                        &item.span(),
                        format!("`{key}` must hold only strings, found {}", type_name(other)),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    /// The tables of an array of tables (`[[key]]`).
    fn tables<'t, 'i>(
        &mut self,
        keys: &Keys<'t, 'i>,
        key: &str,
        required: bool,
    ) -> Vec<(&'t DeTable<'i>, Range<usize>)> {
        let Some(value) = self.get(keys, key, required) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.error(
                &value.span(),
                format!(
                    "`{key}` must be an array of tables ([[{key}]]), found {}",
                    type_name(value.get_ref())
                ),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((t, item.span())),
                other => self.error(
                    &item.span(),
                    format!("`{key}` must hold only tables, found {}", type_name(other)),
                ),
            }
        }
        out
    }

    fn table<'t, 'i>(
        &mut self,
        keys: &Keys<'t, 'i>,
        key: &str,
    ) -> Option<(&'t DeTable<'i>, Range<usize>)> {
        let value = self.get(keys, key, true)?;
        match value.get_ref() {
            DeValue::Table(t) => Some((t, value.span())),
            other => {
                self.error(
                    &value.span(),
                    format!(
                        "`{key}` must be a table ([{key}]), found {}",
                        type_name(other)
                    ),
                );
                None
            }
        }
    }

    fn id(&mut self, keys: &Keys<'_, '_>) -> Option<(String, Range<usize>)> {
        let (id, span) = self.string(keys, "id", true, ID_MAX)?;
        if !is_kebab(&id) {
            self.error(
                &span,
                format!(
                    "`id` must be lower-case words joined by \"-\", e.g. `not-asked`; found `{id}`"
                ),
            );
            return None;
        }
        Some((id, span))
    }

    fn source_ids(&mut self, keys: &Keys<'_, '_>, required: bool) -> Vec<String> {
        let Some(ids) = self.strings(keys, "sources", required) else {
            return Vec::new();
        };
        if required && ids.is_empty() {
            self.error(
                &keys.span,
                format!("{} needs at least one source", keys.what),
            );
        }
        let mut out = Vec::new();
        for (id, span) in ids {
            if !is_source_id(&id) {
                self.error(
                    &span,
                    format!("source ids are upper-case words joined by \"-\", e.g. `FDA-EXO-NOTICE-2019`; found `{id}`"),
                );
                continue;
            }
            if out.contains(&id) {
                self.error(&span, format!("source `{id}` is listed twice"));
                continue;
            }
            self.sources.push(self.reference(&id, &span));
            out.push(id);
        }
        out
    }

    fn input_kind(&mut self, name: &str, span: &Range<usize>, key: &str) -> Option<InputKind> {
        let found = InputKind::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, k)| *k);
        if found.is_none() {
            let names: Vec<&str> = InputKind::NAMES.iter().map(|(n, _)| *n).collect();
            self.error(
                span,
                format!(
                    "`{key}` must name one of: {}; found `{name}`",
                    names.join(", ")
                ),
            );
        }
        found
    }

    fn input_kinds(
        &mut self,
        keys: &Keys<'_, '_>,
        key: &str,
        seen: &mut Vec<InputKind>,
    ) -> Vec<InputKind> {
        let mut out = Vec::new();
        for (name, span) in self.strings(keys, key, false).unwrap_or_default() {
            if let Some(kind) = self.input_kind(&name, &span, key) {
                if seen.contains(&kind) {
                    self.error(&span, format!("`{name}` is asked twice by this option"));
                } else {
                    seen.push(kind);
                    out.push(kind);
                }
            }
        }
        out
    }

    fn questionnaire(&mut self, root: &DeTable<'_>, span: Range<usize>) -> Option<Questionnaire> {
        let keys = self.keys(
            "the questionnaire",
            root,
            span.clone(),
            &["title", "intro", "question", "report", "step"],
        );
        let title = self.string(&keys, "title", true, TITLE_MAX);
        let intro = self.string(&keys, "intro", true, GUIDE_MAX);
        let tables = self.tables(&keys, "question", true);
        if keys.entries.iter().any(|(k, _)| *k == "question")
            && !(1..=MAX_QUESTIONS).contains(&tables.len())
        {
            let at = self
                .get(&keys, "question", false)
                .map_or(span.clone(), |v| v.span());
            self.error(
                &at,
                format!(
                    "a questionnaire needs 1 to {MAX_QUESTIONS} questions, found {}",
                    tables.len()
                ),
            );
        }
        let mut questions = Vec::new();
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut asked_before: Vec<InputKind> = Vec::new();
        for (table, span) in tables {
            let Some((question, id_span)) = self.question(table, span, &mut asked_before) else {
                continue;
            };
            if let Some(line) = ids.get(&question.id) {
                let message = format!(
                    "duplicate question id `{}` (first defined on line {line})",
                    question.id
                );
                self.error(&id_span, message);
                continue;
            }
            let (line, _) = crate::diagnostic::line_col(self.file.text, id_span.start);
            ids.insert(question.id.clone(), line);
            questions.push(question);
            self.question_spans.push(id_span);
        }
        let report = self.report(&keys);
        let steps = self.steps(&keys);
        let version = structure_version(&questions);
        Some(Questionnaire {
            title: title?.0,
            intro: intro?.0,
            questions,
            report: report?,
            steps,
            version,
            sources: Vec::new(),
            links: Vec::new(),
            citations: BTreeMap::new(),
        })
    }

    /// One question; the inputs its options ask for are added to `asked_before`, even when the
    /// question itself has problems, so that later `skip_if` checks do not cascade.
    fn question(
        &mut self,
        table: &DeTable<'_>,
        span: Range<usize>,
        asked_before: &mut Vec<InputKind>,
    ) -> Option<(Question, Range<usize>)> {
        let keys = self.keys(
            "a [[question]]",
            table,
            span.clone(),
            &[
                "id",
                "short",
                "prompt",
                "why",
                "documented",
                "red_flag",
                "sources",
                "skip_if",
                "option",
            ],
        );
        let id = self.id(&keys);
        let short = self.string(&keys, "short", true, SHORT_MAX);
        let prompt = self.string(&keys, "prompt", true, PROMPT_MAX);
        let why = self.string(&keys, "why", true, GUIDE_MAX);
        let documented = self.string(&keys, "documented", true, GUIDE_MAX);
        let red_flag = self.string(&keys, "red_flag", true, GUIDE_MAX);
        let sources = self.source_ids(&keys, true);
        let skip_if = match self.string(&keys, "skip_if", false, ID_MAX) {
            Some((name, span)) => {
                let kind = self.input_kind(&name, &span, "skip_if");
                if kind == Some(InputKind::Manufacturer) {
                    self.error(
                        &span,
                        "`skip_if` can only name a value the check's token carries: ind or nct",
                    );
                } else if let Some(kind) = kind {
                    if !asked_before.contains(&kind) {
                        self.error(
                            &span,
                            format!(
                                "`skip_if = \"{kind}\"` but no earlier question asks for `{kind}`"
                            ),
                        );
                    }
                }
                kind
            }
            None => None,
        };
        let tables = self.tables(&keys, "option", true);
        if keys.entries.iter().any(|(k, _)| *k == "option")
            && !(2..=MAX_OPTIONS).contains(&tables.len())
        {
            let at = self
                .get(&keys, "option", false)
                .map_or(span.clone(), |v| v.span());
            self.error(
                &at,
                format!(
                    "a question needs 2 to {MAX_OPTIONS} options, found {}",
                    tables.len()
                ),
            );
        }
        let mut options: Vec<AnswerOption> = Vec::new();
        for (table, span) in tables {
            let Some((option, id_span)) = self.option(table, span) else {
                continue;
            };
            if options.iter().any(|o| o.id == option.id) {
                self.error(
                    &id_span,
                    format!("duplicate option id `{}` in this question", option.id),
                );
                continue;
            }
            for kind in option.all_inputs() {
                if !asked_before.contains(&kind) {
                    asked_before.push(kind);
                }
            }
            options.push(option);
        }
        let (id, id_span) = id?;
        Some((
            Question {
                id,
                short: short?.0,
                prompt: prompt?.0,
                why: why?.0,
                documented: documented?.0,
                red_flag: red_flag?.0,
                sources,
                skip_if,
                options,
            },
            id_span,
        ))
    }

    fn option(
        &mut self,
        table: &DeTable<'_>,
        span: Range<usize>,
    ) -> Option<(AnswerOption, Range<usize>)> {
        let keys = self.keys(
            "a [[question.option]]",
            table,
            span,
            &[
                "id",
                "label",
                "flag",
                "inputs",
                "optional_inputs",
                "reading",
                "outside_trial",
            ],
        );
        let id = self.id(&keys);
        let label = self.string(&keys, "label", true, limits::BUTTON_LABEL);
        let flag = match self.string(&keys, "flag", true, ID_MAX) {
            Some((name, span)) => {
                let found = Flag::NAMES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, f)| *f);
                if found.is_none() {
                    let names: Vec<&str> = Flag::NAMES.iter().map(|(n, _)| *n).collect();
                    self.error(
                        &span,
                        format!(
                            "`flag` must be one of: {}; found `{name}`",
                            names.join(", ")
                        ),
                    );
                }
                found
            }
            None => None,
        };
        let mut seen = Vec::new();
        let inputs = self.input_kinds(&keys, "inputs", &mut seen);
        let optional_inputs = self.input_kinds(&keys, "optional_inputs", &mut seen);
        let reading = self
            .string(&keys, "reading", false, READING_MAX)
            .map(|(r, _)| r);
        let outside_trial = self.boolean(&keys, "outside_trial").unwrap_or(false);
        let (id, id_span) = id?;
        Some((
            AnswerOption {
                id,
                label: label?.0,
                flag: flag?,
                inputs,
                optional_inputs,
                reading,
                outside_trial,
            },
            id_span,
        ))
    }

    fn report(&mut self, root: &Keys<'_, '_>) -> Option<ReportText> {
        let (table, span) = self.table(root, "report")?;
        self.report_span = span.clone();
        let keys = self.keys(
            "[report]",
            table,
            span,
            &[
                "title",
                "clear",
                "red_flags",
                "open",
                "outside_trial",
                "no_ruling",
                "sources",
            ],
        );
        let title = self.string(&keys, "title", true, TITLE_MAX);
        let clear = self.string(&keys, "clear", true, GUIDE_MAX);
        let red_flags = self.string(&keys, "red_flags", true, GUIDE_MAX);
        let open = self.string(&keys, "open", true, GUIDE_MAX);
        let outside_trial = self.string(&keys, "outside_trial", true, GUIDE_MAX);
        let no_ruling = self.string(&keys, "no_ruling", true, GUIDE_MAX);
        let sources = self.source_ids(&keys, true);
        Some(ReportText {
            title: title?.0,
            clear: clear?.0,
            red_flags: red_flags?.0,
            open: open?.0,
            outside_trial: outside_trial?.0,
            no_ruling: no_ruling?.0,
            sources,
        })
    }

    fn steps(&mut self, root: &Keys<'_, '_>) -> Vec<Step> {
        let tables = self.tables(root, "step", true);
        if tables.len() > limits::BUTTONS_PER_ROW {
            let at = self
                .get(root, "step", false)
                .map_or(root.span.clone(), |v| v.span());
            self.error(
                &at,
                format!(
                    "at most {} steps fit the report's row of link buttons, found {}",
                    limits::BUTTONS_PER_ROW,
                    tables.len()
                ),
            );
        }
        let mut steps = Vec::new();
        for (table, span) in tables {
            let keys = self.keys(
                "a [[step]]",
                table,
                span,
                &["link", "button", "text", "when", "sources"],
            );
            let link = self.string(&keys, "link", true, ID_MAX);
            if let Some((id, span)) = &link {
                if !is_kebab(id) {
                    self.error(
                        span,
                        format!("link ids are lower-case words joined by \"-\"; found `{id}`"),
                    );
                }
            }
            let button = self.string(&keys, "button", true, limits::BUTTON_LABEL);
            let text = self.string(&keys, "text", true, STEP_MAX);
            let when = match self.string(&keys, "when", false, ID_MAX) {
                Some((name, span)) => self.input_kind(&name, &span, "when").map(Some),
                None => Some(None),
            };
            let sources = self.source_ids(&keys, false);
            if let (Some((link, link_span)), Some((button, _)), Some((text, _)), Some(when)) =
                (link, button, text, when)
            {
                self.links.push(self.reference(&link, &link_span));
                steps.push(Step {
                    link,
                    button,
                    text,
                    when,
                    sources,
                });
            }
        }
        steps
    }
}
