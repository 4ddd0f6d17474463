//! Named checks over the raw entries; every problem is collected, none stops the others.
//!
//! Over 500 lines: one short named check per rule of the schema (sources, links, topics,
//! search, safety, rendering, references), all reading the same spans; one file is the list of
//! what `exobot check` enforces.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use time::{Date, Month};
use toml::value::Datetime;
use toml::Spanned;

use super::load::{Entry, Raw};
use super::schema::{RawLink, RawPhrasings, RawSafety, RawSource, RawTopic, Status};
use super::{messages, render, Content, Link, Safety, Source, Topic};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::reply::{Embed, Message, Reply};

/// Longest review interval accepted, in days (two years).
pub(crate) const MAX_REVIEW_DAYS: i64 = 730;
const MAX_KEY_POINTS: usize = 8;
/// Topic ids are autocomplete values, which Discord caps at 100 characters.
const MAX_ID_LEN: usize = 100;

struct Ctx<'a> {
    raw: &'a Raw,
    today: Date,
    out: &'a mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn file(&self, index: usize) -> SourceFile<'_> {
        self.raw.files[index].source()
    }

    fn error(&mut self, file: usize, span: &Range<usize>, message: impl Into<String>) {
        let d = self.raw.files[file].source().error(span, message);
        self.out.push(d);
    }

    fn warning(&mut self, file: usize, span: &Range<usize>, message: impl Into<String>) {
        let d = self.raw.files[file].source().warning(span, message);
        self.out.push(d);
    }

    fn location(&self, file: usize, span: &Range<usize>) -> String {
        let d = self.file(file).error(span, "");
        format!("{}:{}:{}", d.path.display(), d.line, d.col)
    }

    /// A required text must hold more than white space, and nothing that reads as a mention.
    fn text(&mut self, file: usize, what: &str, value: &Spanned<String>) {
        if value.get_ref().trim().is_empty() {
            self.error(file, &value.span(), format!("`{what}` is empty"));
        }
        if let Some(m) = mention_in(value.get_ref()) {
            self.error(
                file,
                &value.span(),
                format!("`{what}` contains `{m}`, which Discord reads as a mention"),
            );
        }
    }

    fn date(&mut self, file: usize, what: &str, value: &Spanned<Datetime>) -> Option<Date> {
        let span = value.span();
        let Some(date) = as_date(value.get_ref()) else {
            self.error(
                file,
                &span,
                format!("`{what}` must be a calendar date such as 2024-12-30, without a time"),
            );
            return None;
        };
        let Some(date) = date else {
            self.error(file, &span, format!("`{what}` is not a real date"));
            return None;
        };
        if date > self.today {
            self.error(
                file,
                &span,
                format!("`{what}` {date} is in the future (today is {})", self.today),
            );
        }
        Some(date)
    }

    fn url(&mut self, file: usize, what: &str, value: &Spanned<String>) {
        let text = value.get_ref();
        let span = value.span();
        match url::Url::parse(&text.replace("{nct}", "NCT00000000")) {
            Ok(u) if u.scheme() == "https" && u.host_str().is_some() => {}
            Ok(u) if u.scheme() == "http" && u.host_str().is_some() => self.warning(
                file,
                &span,
                format!(
                    "`{what}` uses plain http; keep it only where the source has no https address"
                ),
            ),
            Ok(u) => self.error(
                file,
                &span,
                format!("`{what}` must be an http(s) address, not `{}:`", u.scheme()),
            ),
            Err(e) => self.error(
                file,
                &span,
                format!("`{what}` is not a well-formed address: {e}"),
            ),
        }
    }
}

/// `Some(None)` for a date-shaped value that is no real day, `None` when it is not a bare date.
pub(crate) fn as_date(value: &Datetime) -> Option<Option<Date>> {
    if value.time.is_some() || value.offset.is_some() {
        return None;
    }
    let d = value.date?;
    let month = Month::try_from(d.month).ok();
    Some(month.and_then(|m| Date::from_calendar_date(i32::from(d.year), m, d.day).ok()))
}

/// The first mention-like sequence in `text`, if any.
pub fn mention_in(text: &str) -> Option<&'static str> {
    ["@everyone", "@here", "<@"]
        .into_iter()
        .find(|m| text.contains(m))
}

fn id_ok(id: &str, upper: bool) -> bool {
    let parts_ok = id.split('-').all(|part| {
        !part.is_empty()
            && part.chars().all(|c| {
                c.is_ascii_digit()
                    || if upper {
                        c.is_ascii_uppercase()
                    } else {
                        c.is_ascii_lowercase()
                    }
            })
    });
    !id.is_empty() && id.len() <= MAX_ID_LEN && parts_ok
}

/// A year ("2024") or a month ("2019-12"), as `published` takes it.
fn partial_date(text: &str) -> Option<(i32, Option<Month>)> {
    let (year, month) = match text.split_once('-') {
        Some((y, m)) => (y, Some(m)),
        None => (text, None),
    };
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = year.parse().ok().filter(|y| (1900..=9999).contains(y))?;
    let month = match month {
        None => None,
        Some(m) if m.len() == 2 => Some(Month::try_from(m.parse::<u8>().ok()?).ok()?),
        Some(_) => return None,
    };
    Some((year, month))
}

/// Runs every check; the content comes back only when no check found an error.
pub(super) fn check(
    raw: &Raw,
    today: Date,
    out: &mut Vec<Diagnostic>,
) -> Option<(Content, Vec<Embed>)> {
    let errors_before = out.iter().filter(|d| d.is_error()).count();
    let mut ctx = Ctx { raw, today, out };
    let sources = check_sources(&mut ctx, &raw.sources);
    let links = check_links(&mut ctx, &raw.links);
    let mut topics = check_topics(&mut ctx, &raw.topics, &sources);
    check_phrasings(&mut ctx, &raw.phrasings, &mut topics);
    let words = check_search(&mut ctx, &raw.search);
    let safety = check_safety(&mut ctx, &raw.safety, &sources, &links);
    if !raw.incomplete {
        check_unused_sources(&mut ctx, &raw.sources, &topics, safety.as_ref());
    }
    let mut checked = Content::new(sources.into_values().collect(), links, topics);
    [
        checked.common_words,
        checked.anchor_words,
        checked.subject_words,
        checked.context_words,
        checked.condition_words,
    ] = words;
    checked.safety = safety;
    let embeds = check_rendering(&mut ctx, &raw.topics, &checked);
    let errors_after = ctx.out.iter().filter(|d| d.is_error()).count();
    (errors_after == errors_before).then_some((checked, embeds))
}

/// Reports a second use of an id, naming where the first is.
fn unique(
    ctx: &mut Ctx<'_>,
    seen: &mut HashMap<String, (usize, Range<usize>)>,
    what: &str,
    file: usize,
    key: &Spanned<String>,
) -> bool {
    let k = key.get_ref().to_lowercase();
    if let Some((f, span)) = seen.get(&k) {
        let first = ctx.location(*f, span);
        ctx.error(
            file,
            &key.span(),
            format!(
                "duplicate {what} `{}`, first defined at {first}",
                key.get_ref()
            ),
        );
        return false;
    }
    seen.insert(k, (file, key.span()));
    true
}

fn check_sources(ctx: &mut Ctx<'_>, raw: &[Entry<RawSource>]) -> BTreeMap<String, Source> {
    let mut seen = HashMap::new();
    let mut out = BTreeMap::new();
    for Entry { file, value: s } in raw {
        let file = *file;
        let id = s.id.get_ref();
        if !id_ok(id, true) {
            ctx.error(
                file,
                &s.id.span(),
                format!("source id `{id}` must be upper-case words joined by `-`, e.g. FDA-EXO-NOTICE-2019"),
            );
        }
        let fresh = unique(ctx, &mut seen, "source id", file, &s.id);
        ctx.text(file, "title", &s.title);
        ctx.text(file, "publisher", &s.publisher);
        match (&s.url, &s.no_url_reason) {
            (Some(url), None) => ctx.url(file, "url", url),
            (None, Some(reason)) => ctx.text(file, "no_url_reason", reason),
            (Some(_), Some(reason)) => ctx.error(
                file,
                &reason.span(),
                "a source has either `url` or `no_url_reason`, not both",
            ),
            (None, None) => ctx.error(
                file,
                &s.id.span(),
                format!("source `{id}` has no `url`; give one, or say why in `no_url_reason`"),
            ),
        }
        let date = match (&s.date, &s.undated_reason) {
            (Some(date), None) => ctx.date(file, "date", date),
            (None, Some(reason)) => {
                ctx.text(file, "undated_reason", reason);
                None
            }
            (Some(_), Some(reason)) => {
                ctx.error(
                    file,
                    &reason.span(),
                    "a source has either `date` or `undated_reason`, not both",
                );
                None
            }
            (None, None) => {
                ctx.error(
                    file,
                    &s.id.span(),
                    format!(
                        "source `{id}` has no `date`; give one, or say why in `undated_reason`"
                    ),
                );
                None
            }
        };
        let published = s.published.as_ref().and_then(|p| {
            let parsed = partial_date(p.get_ref()).filter(|(year, _)| *year <= ctx.today.year());
            if parsed.is_none() {
                ctx.error(
                    file,
                    &p.span(),
                    format!(
                        "`published` must be a year (\"2024\") or a month (\"2019-12\"), not in the future, not `{}`",
                        p.get_ref()
                    ),
                );
            } else if s.undated_reason.is_none() {
                ctx.error(
                    file,
                    &p.span(),
                    "`published` goes with `undated_reason`: a full date belongs in `date`",
                );
            }
            parsed
        });
        if fresh {
            out.insert(
                id.clone(),
                Source {
                    id: id.clone(),
                    title: s.title.get_ref().trim().to_owned(),
                    publisher: s.publisher.get_ref().trim().to_owned(),
                    url: s.url.as_ref().map(|u| u.get_ref().clone()),
                    no_url_reason: s.no_url_reason.as_ref().map(|r| r.get_ref().clone()),
                    url_confirmed: s.url_confirmed,
                    date,
                    undated_reason: s.undated_reason.as_ref().map(|r| r.get_ref().clone()),
                    published,
                    note: s.note.clone(),
                },
            );
        }
    }
    out
}

fn check_links(ctx: &mut Ctx<'_>, raw: &[Entry<RawLink>]) -> Vec<Link> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for Entry { file, value: l } in raw {
        let file = *file;
        if !id_ok(l.id.get_ref(), false) {
            ctx.error(
                file,
                &l.id.span(),
                format!(
                    "link id `{}` must be lower-case words joined by `-`",
                    l.id.get_ref()
                ),
            );
        }
        let fresh = unique(ctx, &mut seen, "link id", file, &l.id);
        ctx.text(file, "label", &l.label);
        ctx.url(file, "url", &l.url);
        if fresh {
            out.push(Link {
                id: l.id.get_ref().clone(),
                label: l.label.get_ref().clone(),
                url: l.url.get_ref().clone(),
                confirmed: l.confirmed,
            });
        }
    }
    out
}

fn check_topics(
    ctx: &mut Ctx<'_>,
    raw: &[Entry<RawTopic>],
    sources: &BTreeMap<String, Source>,
) -> Vec<Topic> {
    let mut ids = HashMap::new();
    let mut aliases = HashMap::new();
    let mut out = Vec::new();
    let known_ids: BTreeSet<&str> = raw.iter().map(|e| e.value.id.get_ref().as_str()).collect();
    for Entry { file, value: t } in raw {
        let file = *file;
        let id = t.id.get_ref();
        if !id_ok(id, false) {
            ctx.error(
                file,
                &t.id.span(),
                format!("topic id `{id}` must be lower-case words joined by `-`, at most {MAX_ID_LEN} characters"),
            );
        }
        let fresh = unique(ctx, &mut ids, "topic id", file, &t.id);
        ctx.text(file, "title", &t.title);
        ctx.text(file, "short", &t.short);
        ctx.text(file, "body", &t.body);
        if t.aliases.is_empty() {
            ctx.error(file, &t.id.span(), format!("topic `{id}` has no `aliases`"));
        }
        for alias in &t.aliases {
            ctx.text(file, "aliases", alias);
            unique(ctx, &mut aliases, "alias", file, alias);
        }
        for keyword in &t.keywords {
            ctx.text(file, "keywords", keyword);
        }
        for example in &t.examples {
            ctx.text(file, "examples", example);
        }
        let points = t.key_points.get_ref();
        if points.is_empty() || points.len() > MAX_KEY_POINTS {
            ctx.error(
                file,
                &t.key_points.span(),
                format!(
                    "`key_points` must hold 1 to {MAX_KEY_POINTS} points, not {}",
                    points.len()
                ),
            );
        }
        for point in points {
            ctx.text(file, "key_points", point);
        }
        if t.sources.get_ref().is_empty() {
            ctx.error(
                file,
                &t.sources.span(),
                format!("topic `{id}` cites no source; every fact rests on one"),
            );
        }
        for source in t.sources.get_ref() {
            // A source that could not be read is reported where it is, not at every citation.
            let unread = ctx.raw.unread_sources.covers(source.get_ref());
            if !sources.contains_key(source.get_ref()) && !unread {
                ctx.error(
                    file,
                    &source.span(),
                    format!("unknown source `{}`", source.get_ref()),
                );
            }
        }
        for related in &t.related {
            if related.get_ref() == id {
                ctx.error(
                    file,
                    &related.span(),
                    format!("topic `{id}` lists itself as related"),
                );
            } else if !known_ids.contains(related.get_ref().as_str())
                && !ctx.raw.unread_topics.covers(related.get_ref())
            {
                ctx.error(
                    file,
                    &related.span(),
                    format!("unknown related topic `{}`", related.get_ref()),
                );
            }
        }
        let days = *t.review_every_days.get_ref();
        if !(1..=MAX_REVIEW_DAYS).contains(&days) {
            ctx.error(
                file,
                &t.review_every_days.span(),
                format!("`review_every_days` must be from 1 to {MAX_REVIEW_DAYS}, not {days}"),
            );
        }
        let reviewed = ctx.date(file, "reviewed", &t.reviewed);
        let (Some(reviewed), true) = (reviewed, fresh) else {
            continue;
        };
        let topic = Topic {
            id: id.clone(),
            title: t.title.get_ref().trim().to_owned(),
            published: t.status == Status::Published,
            aliases: t.aliases.iter().map(|a| a.get_ref().clone()).collect(),
            keywords: t.keywords.iter().map(|k| k.get_ref().clone()).collect(),
            examples: t.examples.iter().map(|e| e.get_ref().clone()).collect(),
            phrasings: Vec::new(),
            short: t.short.get_ref().clone(),
            body: t.body.get_ref().clone(),
            key_points: points.iter().map(|p| p.get_ref().clone()).collect(),
            related: t.related.iter().map(|r| r.get_ref().clone()).collect(),
            sources: t
                .sources
                .get_ref()
                .iter()
                .map(|s| s.get_ref().clone())
                .collect(),
            reviewed,
            review_every_days: u32::try_from(days.clamp(1, MAX_REVIEW_DAYS)).unwrap_or(1),
        };
        let interval_ok = (1..=MAX_REVIEW_DAYS).contains(&days);
        if interval_ok && topic.published && topic.next_review() < ctx.today {
            ctx.warning(
                file,
                &t.reviewed.span(),
                format!(
                    "topic `{id}` was due for review on {}; check it against its sources",
                    topic.next_review()
                ),
            );
        }
        out.push(topic);
    }
    out
}

/// Gives each topic the `[[phrasings]]` written for it. Errors: an unknown topic, an empty list,
/// a blank question, one that reads as a mention. A question repeated for the same topic is a
/// warning: it would count twice in the classifiers.
fn check_phrasings(ctx: &mut Ctx<'_>, raw: &[Entry<RawPhrasings>], topics: &mut [Topic]) {
    let known: BTreeSet<&str> = ctx
        .raw
        .topics
        .iter()
        .map(|e| e.value.id.get_ref().as_str())
        .collect();
    let mut seen: HashMap<(String, String), (usize, Range<usize>)> = HashMap::new();
    for Entry { file, value: p } in raw {
        let file = *file;
        let id = p.topic.get_ref();
        if !known.contains(id.as_str()) && !ctx.raw.unread_topics.covers(id) {
            ctx.error(file, &p.topic.span(), format!("unknown topic `{id}`"));
        }
        if p.questions.is_empty() {
            ctx.error(
                file,
                &p.topic.span(),
                format!("the `[[phrasings]]` of `{id}` hold no question"),
            );
        }
        for question in &p.questions {
            if question.get_ref().trim().is_empty() {
                ctx.error(file, &question.span(), "a question in `questions` is blank");
                continue;
            }
            ctx.text(file, "questions", question);
            let key = (id.clone(), question.get_ref().trim().to_lowercase());
            if let Some((first, span)) = seen.get(&key) {
                let at = ctx.location(*first, span);
                ctx.warning(
                    file,
                    &question.span(),
                    format!("question repeated for topic `{id}`, first at {at}"),
                );
            } else {
                seen.insert(key, (file, question.span()));
            }
        }
        // A topic with an error of its own was not built: its phrasings are left out with it.
        if let Some(topic) = topics.iter_mut().find(|t| &t.id == id) {
            topic
                .phrasings
                .extend(p.questions.iter().map(|q| q.get_ref().clone()));
        }
    }
}

/// The `[search]` table's common, anchor, subject, context and condition words, each unique
/// within its list; each subject word is an anchor word too.
fn check_search(ctx: &mut Ctx<'_>, raw: &[Entry<super::schema::RawSearch>]) -> [Vec<String>; 5] {
    let mut out: [Vec<String>; 5] = Default::default();
    let mut seen: [HashMap<_, _>; 5] = Default::default();
    // A second table is reported and left unread when the files are read.
    for Entry { file, value } in raw {
        let lists = [
            (&value.common_words, "common_words", "common word"),
            (&value.anchor_words, "anchor_words", "anchor word"),
            (&value.subject_words, "subject_words", "subject word"),
            (&value.context_words, "context_words", "context word"),
            (&value.condition_words, "condition_words", "condition word"),
        ];
        for (((words, key, what), checked), seen) in lists.into_iter().zip(&mut out).zip(&mut seen)
        {
            for w in words {
                ctx.text(*file, key, w);
                if unique(ctx, seen, what, *file, w) {
                    checked.push(w.get_ref().clone());
                }
            }
        }
        for w in &value.subject_words {
            if !value
                .anchor_words
                .iter()
                .any(|a| a.get_ref().to_lowercase() == w.get_ref().to_lowercase())
            {
                ctx.error(
                    *file,
                    &w.span(),
                    format!(
                        "subject word `{}` is not an anchor word: add it to `anchor_words` too",
                        w.get_ref()
                    ),
                );
            }
        }
    }
    out
}

/// The `[safety]` table: at most one, its link and sources known. Without one, symptom reports
/// still get the emergency and care lines, but no reporting route.
fn check_safety(
    ctx: &mut Ctx<'_>,
    raw: &[Entry<RawSafety>],
    sources: &BTreeMap<String, Source>,
    links: &[Link],
) -> Option<Safety> {
    // A second table is reported and left unread when the files are read.
    let Entry { file, value } = raw.first()?;
    let file = *file;
    ctx.text(file, "report", &value.report);
    let link = value.link.get_ref();
    if !links.iter().any(|l| &l.id == link) && !ctx.raw.unread_links.covers(link) {
        ctx.error(file, &value.link.span(), format!("unknown link `{link}`"));
    }
    if value.sources.get_ref().is_empty() {
        ctx.error(
            file,
            &value.sources.span(),
            "`[safety]` cites no source; its reporting line rests on one",
        );
    }
    for source in value.sources.get_ref() {
        let unread = ctx.raw.unread_sources.covers(source.get_ref());
        if !sources.contains_key(source.get_ref()) && !unread {
            ctx.error(
                file,
                &source.span(),
                format!("unknown source `{}`", source.get_ref()),
            );
        }
    }
    for topic in &value.topics {
        let id = topic.get_ref();
        let published = ctx
            .raw
            .topics
            .iter()
            .any(|t| t.value.id.get_ref() == id && t.value.status == Status::Published);
        if !published && !ctx.raw.unread_topics.covers(id) {
            ctx.error(
                file,
                &topic.span(),
                format!(
                    "`{id}` is not a published topic; a reaction report must be answered with one"
                ),
            );
        }
    }
    let mut topic_words = HashMap::new();
    for (id, words) in &value.topic_words {
        let listed = value
            .topics
            .iter()
            .position(|t| t.get_ref() == id.get_ref());
        if listed.is_none_or(|at| at == 0) {
            ctx.error(
                file,
                &id.span(),
                format!(
                    "`{}` is not one of `topics` after the first; only those may need words (the first answers every other report)",
                    id.get_ref()
                ),
            );
        }
        if words.get_ref().is_empty() {
            ctx.error(
                file,
                &words.span(),
                format!("`{}` needs at least one word", id.get_ref()),
            );
        }
        let words = safety_words(ctx, file, words.get_ref());
        topic_words.insert(id.get_ref().clone(), words);
    }
    let treatment_words = safety_words(ctx, file, &value.treatment_words);
    let report_words = safety_words(ctx, file, &value.report_words);
    Some(Safety {
        topics: value.topics.iter().map(|t| t.get_ref().clone()).collect(),
        topic_words,
        treatment_words,
        report_words,
        report: value.report.get_ref().trim().to_owned(),
        link: link.clone(),
        sources: value
            .sources
            .get_ref()
            .iter()
            .map(|s| s.get_ref().clone())
            .collect(),
    })
}

/// A `[safety]` word list as plain words; an empty word is an error at its place.
fn safety_words(ctx: &mut Ctx<'_>, file: usize, words: &[Spanned<String>]) -> Vec<String> {
    for word in words {
        if word.get_ref().trim().is_empty() {
            ctx.error(file, &word.span(), "an empty word names nothing");
        }
    }
    words.iter().map(|w| w.get_ref().clone()).collect()
}

fn check_unused_sources(
    ctx: &mut Ctx<'_>,
    raw: &[Entry<RawSource>],
    topics: &[Topic],
    safety: Option<&Safety>,
) {
    let used: BTreeSet<&str> = topics
        .iter()
        .flat_map(|t| t.sources.iter().map(String::as_str))
        .chain(
            safety
                .iter()
                .flat_map(|s| s.sources.iter().map(String::as_str)),
        )
        .collect();
    for Entry { file, value } in raw {
        if !used.contains(value.id.get_ref().as_str()) {
            ctx.warning(
                *file,
                &value.id.span(),
                format!("source `{}` is cited by no topic", value.id.get_ref()),
            );
        }
    }
}

/// Every topic, rendered as the bot sends it, must fit Discord's limits, and so must every
/// message the bot builds from it at its longest (see [`messages::worst_case_problems`]: the
/// answer's buttons, a shared post's "Shared by", a refreshed post's "Updated", …). Returns the
/// renderings, in the order of `checked.topics`, for the bot to serve.
fn check_rendering(ctx: &mut Ctx<'_>, raw: &[Entry<RawTopic>], checked: &Content) -> Vec<Embed> {
    let mut embeds = Vec::with_capacity(checked.topics.len());
    for topic in &checked.topics {
        let embed = render::topic_embed(checked, topic);
        let reply = Reply::Message(Message {
            embeds: vec![embed.clone()],
            ..Message::default()
        });
        let errors: Vec<String> = match reply.limit_errors() {
            // The embed alone does not fit: what the bot adds to it would only repeat that.
            errors if !errors.is_empty() => errors
                .iter()
                .map(|e| format!("topic `{}` does not fit a Discord embed: {e}", topic.id))
                .collect(),
            // An empty title or id is reported where it is written; its empty button label or
            // option value would only repeat that.
            _ => messages::worst_case_problems(topic, &embed)
                .iter()
                .filter(|(_, e)| e.length > 0)
                .map(|(what, e)| {
                    format!(
                        "topic `{}` does not fit Discord's limits in its {what} at the longest: {e}",
                        topic.id
                    )
                })
                .collect(),
        };
        embeds.push(embed);
        if errors.is_empty() {
            continue;
        }
        let Some(entry) = raw.iter().find(|e| e.value.id.get_ref() == &topic.id) else {
            continue;
        };
        for e in errors {
            ctx.error(entry.file, &entry.value.id.span(), e);
        }
    }
    embeds
}

/// Every `(see topic-id)` in a topic's text must name a topic the reader can be shown: one that
/// exists and, from a published topic, one that is published too (the renderer writes its title).
pub(super) fn check_see_references(
    raw: &Raw,
    content: &Content,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for entry in &raw.topics {
        let Some(file) = raw.files.get(entry.file) else {
            continue;
        };
        let topic = &entry.value;
        let published = topic.status == Status::Published;
        let texts = [&topic.short, &topic.body]
            .into_iter()
            .chain(topic.key_points.get_ref().iter());
        for text in texts {
            for id in render::see_references(text.get_ref()) {
                let target = content.topic_by_id.get(id).map(|&i| &content.topics[i]);
                let (severity, problem) = match target {
                    // A topic that could not be read is reported in its own file, once.
                    None if raw.unread_topics.covers(id) => continue,
                    None => (
                        crate::diagnostic::Severity::Error,
                        format!("`(see {id})` names no topic; write an existing topic id"),
                    ),
                    // Withdrawing a topic must not stop a reload: the reference is left out.
                    Some(t) if published && !t.published => (
                        crate::diagnostic::Severity::Warning,
                        format!(
                            "`(see {id})` names a draft topic, so readers of this published topic do not see the reference"
                        ),
                    ),
                    Some(_) => continue,
                };
                let needle = format!("(see {id})");
                let start = text.span().start;
                let offset = file
                    .text
                    .get(start..)
                    .and_then(|rest| rest.find(&needle))
                    .map_or(start, |at| start + at);
                diagnostics.push(Diagnostic::at(
                    &file.path, &file.text, offset, severity, problem,
                ));
            }
        }
    }
}
