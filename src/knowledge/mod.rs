//! The vetted knowledge base: load, validate, search and render topics.

mod embed;
mod load;
pub mod messages;
pub mod render;
mod schema;
pub mod search;
pub mod triage;
mod validate;
pub(crate) use validate::{as_date, MAX_REVIEW_DAYS};

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use time::{Date, Duration};

use crate::diagnostic::Diagnostic;
use crate::questionnaire::{Questionnaire, StepLink};
use crate::reply::Embed;
pub use load::{read_text, toml_error, QUESTIONNAIRE_FILE};
pub use search::{Match, Outcome, Search};
pub use validate::mention_in;

/// A publication facts rest on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: Option<String>,
    pub no_url_reason: Option<String>,
    pub url_confirmed: bool,
    pub date: Option<Date>,
    pub undated_reason: Option<String>,
    /// With `undated_reason`, the part of the date the source gives: `(year, Some(month))` or
    /// `(year, None)`, shown to readers as "December 2019" or "2019".
    pub published: Option<(i32, Option<time::Month>)>,
    /// What the source supports, or how it was confirmed: for maintainers.
    pub note: Option<String>,
}

/// A reference address the bot points people to (look up a trial, report an adverse event).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub id: String,
    pub label: String,
    /// May contain `{nct}`, replaced by a trial number.
    pub url: String,
    pub confirmed: bool,
}

/// One vetted answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub id: String,
    pub title: String,
    /// Drafts are validated but never served.
    pub published: bool,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    /// Whole questions as patients type them ("my face swelled after the facial, is that
    /// normal"): searched as one more field, and learned from by the search's classifiers.
    pub examples: Vec<String>,
    /// More questions as patients type them, from the `[[phrasings]]` entries that name this
    /// topic, learned from by the search's classifiers only:
    /// unlike `examples`, their words are neither searched nor made words the search knows, so
    /// everyday words in them cannot make an off-topic question look understood.
    pub phrasings: Vec<String>,
    pub short: String,
    pub body: String,
    pub key_points: Vec<String>,
    pub related: Vec<String>,
    pub sources: Vec<String>,
    pub reviewed: Date,
    pub review_every_days: u32,
}

impl Topic {
    pub fn next_review(&self) -> Date {
        self.reviewed
            .checked_add(Duration::days(i64::from(self.review_every_days)))
            .unwrap_or(Date::MAX)
    }
}

/// What a member who describes a symptom or a reaction is told first, before any fact (the
/// `[safety]` table; see knowledge/README.md). The emergency and care lines are safety lines,
/// not facts, and live in the code; this is the part that rests on sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Safety {
    /// Where to report a harm, worded as its sources say.
    pub report: String,
    /// The [`Link`] shown with `report` (FDA MedWatch).
    pub link: String,
    /// Ids of the sources `report` rests on.
    pub sources: Vec<String>,
    /// Ids of the published topics a reaction report is answered with after the safety lines
    /// (the one the question fits best; the first when it fits none). Empty: the search picks
    /// among every topic.
    pub topics: Vec<String>,
    /// Topic id -> words a message must name for that topic (one of `topics` after the first)
    /// to be chosen: a reaction report that names none of them is answered with another.
    pub topic_words: HashMap<String, Vec<String>>,
    /// Words that name a treatment ("drip", "facial", "injection"): a reaction report naming
    /// one is answered from `topics` even with words the knowledge base does not know ("my dad
    /// hasnt been himself since the drip"); one naming none, only when it is about the subject.
    pub treatment_words: Vec<String>,
    /// Words that ask how to report a harm ("report", "MedWatch"): a reaction report naming one
    /// is answered with the first of `topics`, whatever else it fits ("my face is lumpy since
    /// the facial, where do I report the spa").
    pub report_words: Vec<String>,
}

/// Validated sources, links and topics, with look-ups by id.
#[derive(Debug)]
pub struct Content {
    pub sources: Vec<Source>,
    pub links: Vec<Link>,
    /// All topics, drafts included, in file order.
    pub topics: Vec<Topic>,
    /// Words known to the search that rank no topic (see `[search]` in knowledge/README.md).
    pub common_words: Vec<String>,
    /// Words that name the knowledge base's subject (see `[search]` in knowledge/README.md).
    pub anchor_words: Vec<String>,
    /// The anchor words that name the subject itself (see `[search]` in knowledge/README.md).
    pub subject_words: Vec<String>,
    /// Words that come with the subject and much else (see `[search]` in knowledge/README.md).
    pub context_words: Vec<String>,
    /// Conditions patients seek the treatment for, and symptoms no topic names (see `[search]`
    /// in knowledge/README.md).
    pub condition_words: Vec<String>,
    /// The reporting line for symptom reports; `None` when no file has a `[safety]` table.
    pub safety: Option<Safety>,
    topic_by_id: HashMap<String, usize>,
    source_by_id: HashMap<String, usize>,
}

impl Content {
    fn new(sources: Vec<Source>, links: Vec<Link>, topics: Vec<Topic>) -> Self {
        let topic_by_id = topics
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        let source_by_id = sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        Self {
            sources,
            links,
            topics,
            common_words: Vec::new(),
            anchor_words: Vec::new(),
            subject_words: Vec::new(),
            context_words: Vec::new(),
            condition_words: Vec::new(),
            safety: None,
            topic_by_id,
            source_by_id,
        }
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_by_id.get(id).map(|&i| &self.sources[i])
    }

    /// A topic members may see: drafts are never served.
    pub fn published_topic(&self, id: &str) -> Option<&Topic> {
        self.topic_by_id
            .get(id)
            .map(|&i| &self.topics[i])
            .filter(|t| t.published)
    }

    /// The index in `topics` of a topic members may see.
    pub fn published_index(&self, id: &str) -> Option<usize> {
        self.topic_by_id
            .get(id)
            .copied()
            .filter(|&i| self.topics[i].published)
    }

    fn topic_index(&self, id: &str) -> Option<usize> {
        self.topic_by_id.get(id).copied()
    }

    pub fn published(&self) -> impl Iterator<Item = &Topic> {
        self.topics.iter().filter(|t| t.published)
    }

    pub fn link(&self, id: &str) -> Option<&Link> {
        self.links.iter().find(|l| l.id == id)
    }
}

/// The loaded, validated and indexed knowledge base the bot serves from.
#[derive(Debug)]
pub struct KnowledgeBase {
    pub content: Content,
    pub search: Search,
    /// The clinic check, when the folder has a `questionnaire.toml`.
    pub questionnaire: Option<Questionnaire>,
    /// A short hash of every file read: it changes when any content changes.
    pub revision: String,
    pub dir: PathBuf,
    /// Every topic as rendered when validated, in the order of `content.topics`: an answer is a
    /// copy.
    embeds: Vec<Embed>,
}

/// What a free-text question gets, decided once for every front end.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The question describes a symptom or a reaction: [`render::safety_text`] comes first.
    pub safety: bool,
    /// The question speaks of ending one's life or self-harm: the crisis line leads the safety
    /// text.
    pub crisis: bool,
    pub answer: Answer,
}

/// The part of a [`Reading`] after the safety line.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// What the search found.
    Search(Outcome),
    /// Advice on the asker's own treatment, declined; the nearest topics are offered.
    Advice { nearest: Vec<Match> },
    /// Small talk or a question about the bot: no fact.
    Chat,
    /// Written in a language other than English, which exobot cannot read: the crisis line
    /// ([`Reading::crisis`]), then [`render::other_language_text`]. As for someone in crisis,
    /// no fact and no topic is offered.
    OtherLanguage,
}

/// How many topics a declined question offers.
const OFFERED: usize = 3;

impl KnowledgeBase {
    /// Reads `question` (what a member typed; its mentions are left out) before any search,
    /// then searches it if it is a question for the knowledge base. Someone in crisis gets no
    /// fact, only the lines that come first. Never fails: the worst case is a refusal.
    pub fn read(&self, question: &str) -> Reading {
        let question = &triage::without_mentions(question);
        let triage = triage::triage(question);
        if triage.other_language {
            return Reading {
                safety: true,
                crisis: true,
                answer: Answer::OtherLanguage,
            };
        }
        let answer = match triage.kind {
            // Someone in crisis is offered no facts: the crisis and safety lines are the answer.
            _ if triage.crisis && !triage.crisis_possible => Answer::Search(Outcome::NoMatch {
                nearest: Vec::new(),
            }),
            triage::Kind::Chat => Answer::Chat,
            triage::Kind::Advice => Answer::Advice {
                nearest: self.nearest(question),
            },
            triage::Kind::Question if triage.safety => {
                Answer::Search(self.after_reaction(question))
            }
            triage::Kind::Question
                if triage.elsewhere
                    || (triage.other_field && !self.search.names_anchor(question)) =>
            {
                Answer::Search(match self.search.ask(question) {
                    Outcome::Answer(m) => Outcome::NoMatch { nearest: vec![m] },
                    Outcome::Unsure { best, others } => Outcome::NoMatch {
                        nearest: std::iter::once(best).chain(others).collect(),
                    },
                    no_match => no_match,
                })
            }
            triage::Kind::Question => Answer::Search(self.search.ask(question)),
        };
        Reading {
            safety: triage.safety,
            crisis: triage.crisis,
            answer,
        }
    }

    /// The topics offered to a question that gets no fact: the search's best ones, at most
    /// [`OFFERED`].
    fn nearest(&self, question: &str) -> Vec<Match> {
        let nearest = match self.search.ask(question) {
            Outcome::Answer(m) => vec![m],
            Outcome::Unsure { best, others } => std::iter::once(best).chain(others).collect(),
            Outcome::NoMatch { nearest } => nearest,
        };
        nearest.into_iter().take(OFFERED).collect()
    }

    /// The fact for someone describing a reaction: among the `[safety]` table's topics (those
    /// with `topic_words` only when the message names one), the one the question fits clearly
    /// best, else the first of them (the first alone when it names a `report_words` word); the
    /// whole search when the table names none, or when the message is not about the subject and
    /// names none of its `treatment_words` ("my toe is swollen since the football match").
    /// Someone who is unwell is never told "no vetted fact matches".
    fn after_reaction(&self, question: &str) -> Outcome {
        let to_report = self
            .content
            .safety
            .as_ref()
            .is_some_and(|s| self.search.names_any(question, &s.report_words));
        let allowed: Vec<usize> = self
            .content
            .safety
            .iter()
            .flat_map(|s| s.topics.iter().take(if to_report { 1 } else { usize::MAX }))
            .filter_map(|id| self.content.published_topic(id))
            .filter(|t| {
                self.content.safety.as_ref().is_none_or(|s| {
                    s.topic_words
                        .get(&t.id)
                        .is_none_or(|words| self.search.names_any(question, words))
                })
            })
            .filter_map(|t| self.content.topic_index(&t.id))
            .collect();
        let treated = self
            .content
            .safety
            .as_ref()
            .is_some_and(|s| self.search.names_any(question, &s.treatment_words));
        match self.search.among(question, &allowed, treated) {
            None => self.search.ask(question),
            Some(fact) => Outcome::Answer(fact),
        }
    }

    /// `topic` as the bot shows it (see [`render::topic_embed`]), rendered when loaded.
    pub fn topic_embed(&self, topic: &Topic) -> Embed {
        match self.content.topic_index(&topic.id) {
            Some(i) => self.embeds[i].clone(),
            None => render::topic_embed(&self.content, topic),
        }
    }
}

/// What loading a folder gave: the knowledge base when there were no errors, and every
/// diagnostic (errors and warnings): first the files that could not be read or parsed, then the
/// rest, each group in file and line order. Checks that depend on an unread file's entries
/// (unknown sources, links and related topics) are left out rather than reported everywhere.
#[derive(Debug)]
pub struct Loaded {
    pub knowledge: Option<KnowledgeBase>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// Loads and validates every knowledge file of `dir`; `today` dates the future and overdue checks.
pub fn load(dir: &Path, today: Date) -> Loaded {
    // Problems reading and parsing files come first: the others may be their consequences.
    let mut unreadable = Vec::new();
    let raw = load::read_dir(dir, &mut unreadable);
    let mut diagnostics = Vec::new();
    let content = validate::check(&raw, today, &mut diagnostics);
    if let Some((content, _)) = &content {
        validate::check_see_references(&raw, content, &mut diagnostics);
    }
    let (questionnaire, questionnaire_text) = load_questionnaire(
        dir,
        today,
        &raw,
        content.as_ref().map(|(c, _)| c),
        &mut unreadable,
        &mut diagnostics,
    );
    let by_place =
        |a: &Diagnostic, b: &Diagnostic| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col));
    unreadable.sort_by(by_place);
    diagnostics.sort_by(by_place);
    unreadable.append(&mut diagnostics);
    let diagnostics = unreadable;
    let knowledge = match content {
        Some((content, embeds)) if diagnostics.iter().all(|d| !d.is_error()) => {
            let mut hash = Sha256::new();
            for f in &raw.files {
                hash.update(
                    f.path
                        .file_name()
                        .map(|n| n.as_encoded_bytes())
                        .unwrap_or_default(),
                );
                hash.update(f.text.as_bytes());
            }
            hash.update(questionnaire_text.unwrap_or_default().as_bytes());
            let digest = hash.finalize();
            let revision = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
            Some(KnowledgeBase {
                embeds,
                search: Search::new(&content),
                questionnaire,
                content,
                revision,
                dir: dir.to_owned(),
            })
        }
        _ => None,
    };
    Loaded {
        knowledge,
        diagnostics,
    }
}

/// Reads the folder's clinic check, if it has one, and checks that the sources and links it
/// names exist in the content (or may be among the entries `raw` could not read), and that its
/// review date is past and not overdue on `today`. A file that cannot be read is reported in
/// `unreadable`.
fn load_questionnaire(
    dir: &Path,
    today: Date,
    raw: &load::Raw,
    content: Option<&Content>,
    unreadable: &mut Vec<Diagnostic>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<Questionnaire>, Option<String>) {
    let path = dir.join(QUESTIONNAIRE_FILE);
    if !path.is_file() {
        return (None, None);
    }
    let text = match read_text(&path) {
        Ok(text) => text,
        Err(d) => {
            unreadable.push(d);
            return (None, None);
        }
    };
    let questionnaire = match Questionnaire::parse(&path, &text) {
        Ok(mut q) => {
            diagnostics.extend(q.review().problems(today));
            if let Some(content) = content {
                if !raw.unread_sources.all {
                    let known: Vec<&str> = content
                        .sources
                        .iter()
                        .map(|s| s.id.as_str())
                        .chain(raw.unread_sources.ids.iter().map(String::as_str))
                        .collect();
                    diagnostics.extend(q.check_sources(&known));
                }
                if !raw.unread_links.all {
                    let unread_at = |d: &Diagnostic| {
                        q.link_refs().iter().any(|r| {
                            (r.line, r.col) == (d.line, d.col)
                                && raw.unread_links.ids.contains(&r.id)
                        })
                    };
                    let problems = q.check_links(&step_links(&content.links));
                    diagnostics.extend(problems.into_iter().filter(|d| !unread_at(d)));
                }
                q.link(step_links(&content.links));
                q.cite(
                    content
                        .sources
                        .iter()
                        .map(|s| (s.id.clone(), render::source_line(s)))
                        .collect(),
                );
            }
            Some(q)
        }
        Err(errors) => {
            diagnostics.extend(errors);
            None
        }
    };
    (questionnaire, Some(text))
}

/// The knowledge base's links as the clinic check's steps point to them.
fn step_links(links: &[Link]) -> Vec<StepLink> {
    links.iter().map(StepLink::from).collect()
}

impl From<&Link> for StepLink {
    /// A knowledge-base link as a clinic-check step points to it: id, label and address.
    fn from(l: &Link) -> Self {
        StepLink {
            id: l.id.clone(),
            label: l.label.clone(),
            url: l.url.clone(),
        }
    }
}
