//! Named checks over the clinic check's raw parts, like `knowledge/validate.rs`: every problem is
//! collected with its place, none stops the others.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::definition::{
    AnswerOption, InputKind, Parts, Question, Questionnaire, Reference, ReportText, Review, Step,
    MAX_OPTIONS, MAX_QUESTIONS, SHORT_MAX,
};
use super::schema::{QuestionEntry, Raw, RawOption, RawReport, RawStep, Tables};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::knowledge::{as_date, MAX_REVIEW_DAYS};
use crate::reply::limits;

const ID_MAX: usize = 32;
const PROMPT_MAX: usize = 500;
const GUIDE_MAX: usize = 600;
const READING_MAX: usize = 400;
const TITLE_MAX: usize = 100;
const STEP_MAX: usize = 200;

struct Ctx<'a> {
    file: SourceFile<'a>,
    out: &'a mut Vec<Diagnostic>,
    /// Every source id the file names, where it names it.
    sources: Vec<Reference>,
    /// Every link id the file names, where it names it.
    links: Vec<Reference>,
}

impl Ctx<'_> {
    fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let d = self.file.error(span, message);
        self.out.push(d);
    }

    fn location(&self, span: &Range<usize>) -> String {
        let d = self.file.error(span, "");
        format!("{}:{}:{}", d.path.display(), d.line, d.col)
    }

    fn reference(&self, id: &str, span: &Range<usize>) -> Reference {
        let d = self.file.error(span, "");
        Reference {
            id: id.to_owned(),
            path: d.path,
            line: d.line,
            col: d.col,
        }
    }

    /// A non-blank text of at most `max` characters.
    fn text(&mut self, what: &str, value: &Spanned<String>, max: usize) -> Option<String> {
        let (text, span) = (value.get_ref(), value.span());
        if text.trim().is_empty() {
            self.error(&span, format!("`{what}` must not be empty"));
            return None;
        }
        let length = text.chars().count();
        if length > max {
            self.error(
                &span,
                format!("`{what}` is {length} characters, over the limit of {max}"),
            );
            return None;
        }
        Some(text.clone())
    }

    /// An id: lower-case words joined by "-".
    fn id(&mut self, value: &Spanned<String>) -> Option<String> {
        let id = self.text("id", value, ID_MAX)?;
        if !is_kebab(&id) {
            self.error(
                &value.span(),
                format!(
                    "`id` must be lower-case words joined by \"-\", e.g. `not-asked`; found `{id}`"
                ),
            );
            return None;
        }
        Some(id)
    }

    /// The source ids of a part, recorded for the knowledge loader to check.
    fn source_ids(
        &mut self,
        what: &str,
        span: &Range<usize>,
        ids: &[Spanned<String>],
        required: bool,
    ) -> Vec<String> {
        if required && ids.is_empty() {
            self.error(span, format!("{what} needs at least one source"));
        }
        let mut out = Vec::new();
        for written in ids {
            let (id, span) = (written.get_ref(), written.span());
            if !is_source_id(id) {
                self.error(
                    &span,
                    format!("source ids are upper-case words joined by \"-\", e.g. `FDA-EXO-NOTICE-2019`; found `{id}`"),
                );
                continue;
            }
            if out.contains(id) {
                self.error(&span, format!("source `{id}` is listed twice"));
                continue;
            }
            let reference = self.reference(id, &span);
            self.sources.push(reference);
            out.push(id.clone());
        }
        out
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

/// Runs every check; the questionnaire comes back only when no error is in `out`, where the
/// problems found while reading `raw` already are.
pub fn check(file: SourceFile<'_>, raw: &Raw, out: &mut Vec<Diagnostic>) -> Option<Questionnaire> {
    let mut ctx = Ctx {
        file,
        out,
        sources: Vec::new(),
        links: Vec::new(),
    };
    let title = raw
        .title
        .as_ref()
        .and_then(|t| ctx.text("title", t, TITLE_MAX));
    let intro = raw
        .intro
        .as_ref()
        .and_then(|t| ctx.text("intro", t, GUIDE_MAX));
    let review = check_review(&mut ctx, raw);
    let (questions, question_spans) = match &raw.questions {
        Some(tables) => check_questions(&mut ctx, tables),
        None => (Vec::new(), Vec::new()),
    };
    let report = raw.report.as_ref().map(|r| check_report(&mut ctx, r));
    let steps = raw
        .steps
        .as_ref()
        .map(|s| check_steps(&mut ctx, s))
        .unwrap_or_default();
    let Ctx { sources, links, .. } = ctx;
    if out.iter().any(Diagnostic::is_error) {
        return None;
    }
    let (Some(title), Some(intro), Some(review), Some(report)) = (title, intro, review, report)
    else {
        return None;
    };
    let q = Questionnaire::new(Parts {
        title,
        intro,
        review,
        questions,
        report,
        steps,
        sources,
        links,
    });
    let report_span = raw.report.as_ref().map_or(0..0, Spanned::span);
    check_worst_case(file, &q, &question_spans, &report_span, out);
    (!out.iter().any(Diagnostic::is_error)).then_some(q)
}

/// `reviewed` (a bare calendar date) and `review_every_days` (1 to 730), as for topics; whether
/// the date is to come or the review due depends on the day, so the loader checks that
/// ([`Review::problems`]).
fn check_review(ctx: &mut Ctx<'_>, raw: &Raw) -> Option<Review> {
    let (Some(reviewed), Some(days)) = (&raw.reviewed, &raw.review_every_days) else {
        return None;
    };
    let every = *days.get_ref();
    if !(1..=MAX_REVIEW_DAYS).contains(&every) {
        ctx.error(
            &days.span(),
            format!("`review_every_days` must be from 1 to {MAX_REVIEW_DAYS}, not {every}"),
        );
        return None;
    }
    let span = reviewed.span();
    let date = match as_date(reviewed.get_ref()) {
        Some(Some(date)) => date,
        Some(None) => {
            ctx.error(&span, "`reviewed` is not a real date");
            return None;
        }
        None => {
            ctx.error(
                &span,
                "`reviewed` must be a calendar date such as 2024-12-30, without a time",
            );
            return None;
        }
    };
    Some(Review {
        reviewed: date,
        every_days: u32::try_from(every).unwrap_or(1),
        at: ctx.reference("reviewed", &span),
    })
}

/// Every question, and the spans of their ids. A question's options are checked even when the
/// question itself cannot be read, and the inputs they ask for count as asked for the `skip_if`
/// of later questions, so that one problem does not cascade.
fn check_questions(
    ctx: &mut Ctx<'_>,
    tables: &Tables<QuestionEntry>,
) -> (Vec<Question>, Vec<Range<usize>>) {
    if !(1..=MAX_QUESTIONS).contains(&tables.count) {
        ctx.error(
            &tables.span,
            format!(
                "a questionnaire needs 1 to {MAX_QUESTIONS} questions, found {}",
                tables.count
            ),
        );
    }
    let mut questions = Vec::new();
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut first_at: HashMap<String, Range<usize>> = HashMap::new();
    let mut asked_before: Vec<InputKind> = Vec::new();
    for entry in &tables.entries {
        let skip_if = entry
            .question
            .as_ref()
            .and_then(|q| check_skip_if(ctx, q.skip_if.as_ref(), &asked_before));
        let options = entry
            .options
            .as_ref()
            .map(|o| check_options(ctx, o, &mut asked_before))
            .unwrap_or_default();
        let Some(raw) = &entry.question else {
            continue;
        };
        let id = ctx.id(&raw.id);
        let short = ctx.text("short", &raw.short, SHORT_MAX);
        let prompt = ctx.text("prompt", &raw.prompt, PROMPT_MAX);
        let why = ctx.text("why", &raw.why, GUIDE_MAX);
        let documented = ctx.text("documented", &raw.documented, GUIDE_MAX);
        let red_flag = ctx.text("red_flag", &raw.red_flag, GUIDE_MAX);
        let sources = ctx.source_ids("a [[question]]", &entry.span, &raw.sources, true);
        let Some(id) = id else { continue };
        let id_span = raw.id.span();
        if let Some(first) = first_at.get(&id) {
            let first = ctx.location(first);
            ctx.error(
                &id_span,
                format!("duplicate question id `{id}`, first defined at {first}"),
            );
            continue;
        }
        first_at.insert(id.clone(), id_span.clone());
        let (Some(short), Some(prompt), Some(why), Some(documented), Some(red_flag)) =
            (short, prompt, why, documented, red_flag)
        else {
            continue;
        };
        questions.push(Question {
            id,
            short,
            prompt,
            why,
            documented,
            red_flag,
            sources,
            skip_if,
            options,
        });
        spans.push(id_span);
    }
    (questions, spans)
}

/// A question may be skipped only on a number the token carries and an earlier question asks.
fn check_skip_if(
    ctx: &mut Ctx<'_>,
    skip_if: Option<&Spanned<String>>,
    asked_before: &[InputKind],
) -> Option<InputKind> {
    let skip_if = skip_if?;
    let span = skip_if.span();
    let kind = input_kind(ctx, "skip_if", skip_if)?;
    if kind == InputKind::Manufacturer {
        ctx.error(
            &span,
            "`skip_if` can only name a value the check's token carries: ind or nct",
        );
    } else if !asked_before.contains(&kind) {
        ctx.error(
            &span,
            format!("`skip_if = \"{kind}\"` but no earlier question asks for `{kind}`"),
        );
    }
    Some(kind)
}

/// A question's options; the inputs they ask for are added to `asked_before`.
fn check_options(
    ctx: &mut Ctx<'_>,
    tables: &Tables<RawOption>,
    asked_before: &mut Vec<InputKind>,
) -> Vec<AnswerOption> {
    if !(2..=MAX_OPTIONS).contains(&tables.count) {
        ctx.error(
            &tables.span,
            format!(
                "a question needs 2 to {MAX_OPTIONS} options, found {}",
                tables.count
            ),
        );
    }
    let mut options: Vec<AnswerOption> = Vec::new();
    for raw in &tables.entries {
        let id = ctx.id(&raw.id);
        let label = ctx.text("label", &raw.label, limits::BUTTON_LABEL);
        let mut seen = Vec::new();
        let inputs = check_inputs(ctx, "inputs", &raw.inputs, &mut seen);
        let optional_inputs = check_inputs(ctx, "optional_inputs", &raw.optional_inputs, &mut seen);
        let reading = raw
            .reading
            .as_ref()
            .map(|r| ctx.text("reading", r, READING_MAX));
        for kind in &seen {
            if !asked_before.contains(kind) {
                asked_before.push(*kind);
            }
        }
        let Some(id) = id else { continue };
        if options.iter().any(|o| o.id == id) {
            ctx.error(
                &raw.id.span(),
                format!("duplicate option id `{id}` in this question"),
            );
            continue;
        }
        let (Some(label), Some(reading)) = (label, reading.map_or(Some(None), |r| r.map(Some)))
        else {
            continue;
        };
        options.push(AnswerOption {
            id,
            label,
            flag: raw.flag,
            inputs,
            optional_inputs,
            reading,
            outside_trial: raw.outside_trial,
        });
    }
    options
}

/// An option asks for each follow-up value once, whether required or optional.
fn check_inputs(
    ctx: &mut Ctx<'_>,
    what: &str,
    written: &[Spanned<String>],
    seen: &mut Vec<InputKind>,
) -> Vec<InputKind> {
    let mut out = Vec::new();
    for name in written {
        let Some(k) = input_kind(ctx, what, name) else {
            continue;
        };
        if seen.contains(&k) {
            ctx.error(&name.span(), format!("`{k}` is asked twice by this option"));
        } else {
            seen.push(k);
            out.push(k);
        }
    }
    out
}

fn check_report(ctx: &mut Ctx<'_>, raw: &Spanned<RawReport>) -> ReportText {
    let (span, r) = (raw.span(), raw.get_ref());
    let mut text =
        |what: &str, value: &Spanned<String>| ctx.text(what, value, GUIDE_MAX).unwrap_or_default();
    let clear = text("clear", &r.clear);
    let red_flags = text("red_flags", &r.red_flags);
    let open = text("open", &r.open);
    let outside_trial = text("outside_trial", &r.outside_trial);
    let no_ruling = text("no_ruling", &r.no_ruling);
    ReportText {
        title: ctx.text("title", &r.title, TITLE_MAX).unwrap_or_default(),
        clear,
        red_flags,
        open,
        outside_trial,
        no_ruling,
        sources: ctx.source_ids("[report]", &span, &r.sources, true),
    }
}

/// The steps fit one row of link buttons; each names a link, recorded for the knowledge loader.
fn check_steps(ctx: &mut Ctx<'_>, tables: &Tables<Spanned<RawStep>>) -> Vec<Step> {
    if tables.count > limits::BUTTONS_PER_ROW {
        ctx.error(
            &tables.span,
            format!(
                "at most {} steps fit the report's row of link buttons, found {}",
                limits::BUTTONS_PER_ROW,
                tables.count
            ),
        );
    }
    let mut steps = Vec::new();
    for raw in &tables.entries {
        let (span, s) = (raw.span(), raw.get_ref());
        let link = ctx.text("link", &s.link, ID_MAX);
        if let Some(id) = &link {
            if !is_kebab(id) {
                ctx.error(
                    &s.link.span(),
                    format!("link ids are lower-case words joined by \"-\"; found `{id}`"),
                );
            }
        }
        let button = ctx.text("button", &s.button, limits::BUTTON_LABEL);
        let text = ctx.text("text", &s.text, STEP_MAX);
        let sources = ctx.source_ids("a [[step]]", &span, &s.sources, false);
        let when = match &s.when {
            Some(name) => input_kind(ctx, "when", name).map(Some),
            None => Some(None),
        };
        if let (Some(link), Some(button), Some(text), Some(when)) = (link, button, text, when) {
            let reference = ctx.reference(&link, &s.link.span());
            ctx.links.push(reference);
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

/// The follow-up value `name` names under the key `what`.
fn input_kind(ctx: &mut Ctx<'_>, what: &str, name: &Spanned<String>) -> Option<InputKind> {
    let found = InputKind::from_id(name.get_ref());
    if found.is_none() {
        let ids: Vec<&str> = InputKind::ALL.iter().map(|k| k.id()).collect();
        ctx.error(
            &name.span(),
            format!(
                "`{what}` must name one of: {}; found `{}`",
                ids.join(", "),
                name.get_ref()
            ),
        );
    }
    found
}

/// Every message the questionnaire can produce fits Discord's limits (see
/// [`worst_case_problems`](super::view::worst_case_problems)); run once the rest is valid.
fn check_worst_case(
    file: SourceFile<'_>,
    q: &Questionnaire,
    question_spans: &[Range<usize>],
    report_span: &Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let places = super::view::Places {
        questions: question_spans,
        report: report_span,
    };
    out.extend(super::view::worst_case_problems(q, &file, &places));
}
