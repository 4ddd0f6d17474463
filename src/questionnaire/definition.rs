//! The clinic check as data: the [`Questionnaire`] that `questionnaire.toml` is read into (by
//! [`schema`](super::schema)) and checked into (by [`validate`](super::validate)).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::de::DeTable;

use time::Date;

use crate::diagnostic::{Diagnostic, Severity, SourceFile};

/// Most questions a questionnaire may have (the token packs answers in half-bytes, the summary
/// lists each question in one select menu beside the carried fields).
pub const MAX_QUESTIONS: usize = 20;
/// Most answer options per question (two rows of five buttons).
pub const MAX_OPTIONS: usize = 10;
/// Longest `short` title: it must fit a modal title after "Details: ".
pub const SHORT_MAX: usize = 36;

/// How an answer reads: documented, a red flag of some kind, or still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
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
    pub const ALL: [InputKind; 3] = [InputKind::Ind, InputKind::Nct, InputKind::Manufacturer];

    /// The kind whose [`id`](InputKind::id) is `id`.
    pub fn from_id(id: &str) -> Option<InputKind> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }

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

/// A link a next step points to, as the knowledge base defines it: handed to the questionnaire
/// when the knowledge base loads (see [`Questionnaire::link`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepLink {
    pub id: String,
    pub label: String,
    /// May contain `{nct}`, replaced by a trial number.
    pub url: String,
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
        self.diagnostic(Severity::Error, message)
    }

    fn diagnostic(&self, severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: self.path.clone(),
            line: self.line,
            col: self.col,
            severity,
            message: message.into(),
        }
    }
}

/// When the clinic check was last reviewed against its sources (`reviewed`, a date) and how
/// often it must be (`review_every_days`, 1 to 730), as for topics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// The day of the last review.
    pub reviewed: Date,
    /// Days from one review to the next (1 to 730).
    pub every_days: u32,
    /// Where `reviewed` is written (its id is "reviewed").
    pub at: Reference,
}

impl Review {
    /// The day the next review is due.
    pub fn next(&self) -> Date {
        self.reviewed
            .checked_add(time::Duration::days(i64::from(self.every_days)))
            .unwrap_or(Date::MAX)
    }

    /// What `exobot check` says of the review on `today`: an error for a date still to come, a
    /// warning once the next review is past due; nothing otherwise.
    pub fn problems(&self, today: Date) -> Option<Diagnostic> {
        if self.reviewed > today {
            return Some(self.at.error(format!(
                "`reviewed` {} is in the future (today is {today})",
                self.reviewed
            )));
        }
        (self.next() < today).then(|| {
            self.at.diagnostic(
                Severity::Warning,
                format!(
                    "the clinic check was due for review on {}; check it against its sources",
                    self.next()
                ),
            )
        })
    }
}

/// A questionnaire's validated parts, and the source and link ids its file names.
#[derive(Debug)]
pub(super) struct Parts {
    pub title: String,
    pub intro: String,
    pub review: Review,
    pub questions: Vec<Question>,
    pub report: ReportText,
    pub steps: Vec<Step>,
    pub sources: Vec<Reference>,
    pub links: Vec<Reference>,
}

/// A loaded, validated questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Questionnaire {
    title: String,
    intro: String,
    review: Review,
    questions: Vec<Question>,
    report: ReportText,
    steps: Vec<Step>,
    version: u32,
    sources: Vec<Reference>,
    links: Vec<Reference>,
    /// How each source is cited to patients, by id (see [`Questionnaire::cite`]).
    citations: BTreeMap<String, String>,
    /// The links the steps point to (see [`Questionnaire::link`]).
    step_links: Vec<StepLink>,
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
        let mut errors = Vec::new();
        let raw = super::schema::read(file, root, &mut errors);
        let q = super::validate::check(file, &raw, &mut errors);
        errors.sort_by_key(|d| (d.line, d.col));
        match q {
            Some(q) if errors.is_empty() => Ok(q),
            _ => Err(errors),
        }
    }

    /// A questionnaire of validated parts, with the references its file makes.
    pub(super) fn new(parts: Parts) -> Self {
        Questionnaire {
            version: structure_version(&parts.questions),
            title: parts.title,
            intro: parts.intro,
            review: parts.review,
            questions: parts.questions,
            report: parts.report,
            steps: parts.steps,
            sources: parts.sources,
            links: parts.links,
            citations: BTreeMap::new(),
            step_links: Vec::new(),
        }
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn intro(&self) -> &str {
        &self.intro
    }

    /// When the check was last reviewed, and how often it must be.
    pub fn review(&self) -> &Review {
        &self.review
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
    /// by source id, so that questions and the report cite them instead of showing their ids.
    /// The knowledge loader renders them when it loads the questionnaire.
    pub fn cite(&mut self, citations: BTreeMap<String, String>) {
        self.citations = citations;
    }

    /// Learns the links the steps point to, once the knowledge loader has checked them with
    /// [`Questionnaire::check_links`]. Until then the report shows no next steps.
    pub fn link(&mut self, links: Vec<StepLink>) {
        self.step_links = links;
    }

    /// The link a step points to, when known.
    pub fn step_link(&self, step: &Step) -> Option<&StepLink> {
        self.step_links.iter().find(|l| l.id == step.link)
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
    pub fn check_links(&self, links: &[StepLink]) -> Vec<Diagnostic> {
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
