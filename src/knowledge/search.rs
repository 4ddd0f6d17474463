//! Finds the topic a question is about: BM25 over stemmed words, with typo correction.
//!
//! Ranking is the `bm25` crate's (stemming and stop words included); this module adds what a
//! patient's question needs on top: misspelled words are corrected against the knowledge base's
//! own vocabulary, and a question whose words are mostly unknown to the knowledge base is refused
//! rather than answered with whatever fact scores highest.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use bm25::{DefaultTokenizer, Language, SearchEngine, SearchEngineBuilder, Tokenizer};
use rust_stemmers::{Algorithm, Stemmer};

use super::Content;

/// Share of a question's words the knowledge base must know before it answers...
const MIN_COVERAGE: f32 = 0.6;
/// ...or, for a long question that rambles, this many known words and this share.
const MIN_KNOWN_LONG: usize = 4;
const MIN_COVERAGE_LONG: f32 = 0.4;
/// When the runner-up scores at least this share of the best, the answer is unsure.
const UNSURE_RATIO: f32 = 0.85;
/// How many BM25 candidates are re-ranked by how closely the question says one of their names.
const CANDIDATES: usize = 20;
/// Weight of the name match against the BM25 score (scaled so the best candidate has 1).
const NAME_WEIGHT: f32 = 1.0;
/// How many suggestions a refusal or an unsure answer offers.
const SUGGESTIONS: usize = 3;
/// Discord's autocomplete limit.
const MAX_COMPLETIONS: usize = 25;
/// How often aliases and keywords are repeated in a topic's document, to weigh them above prose.
const ALIAS_WEIGHT: usize = 3;
const KEYWORD_WEIGHT: usize = 2;
const TITLE_WEIGHT: usize = 2;

/// A topic found for a question, by its index in [`Content::topics`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub topic: usize,
    pub score: f32,
}

/// What a question found.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// One topic clearly answers it.
    Answer(Match),
    /// The best topic probably answers it; the others came close.
    Unsure { best: Match, others: Vec<Match> },
    /// No vetted fact matches; these are the nearest.
    NoMatch { nearest: Vec<Match> },
}

/// Words that carry no meaning for finding a topic: English function words and the filler of
/// chat messages ("ok so basically"). Kept short on purpose: "side", "work", "new", "research"
/// and "effects" matter here, and general-purpose stop lists drop them.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "actually",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "anyone",
    "anything",
    "are",
    "as",
    "at",
    "basically",
    "be",
    "been",
    "being",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "don",
    "dont",
    "even",
    "for",
    "from",
    "get",
    "got",
    "guys",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "hey",
    "hi",
    "hello",
    "him",
    "his",
    "honestly",
    "how",
    "i",
    "idk",
    "if",
    "im",
    "in",
    "into",
    "is",
    "isn",
    "it",
    "its",
    "ive",
    "just",
    "kind",
    "know",
    "like",
    "lol",
    "me",
    "mean",
    "my",
    "of",
    "ok",
    "okay",
    "on",
    "or",
    "our",
    "please",
    "pls",
    "plz",
    "really",
    "s",
    "she",
    "so",
    "some",
    "someone",
    "something",
    "still",
    "stuff",
    "t",
    "tbh",
    "tell",
    "than",
    "that",
    "thats",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "this",
    "those",
    "to",
    "too",
    "u",
    "ur",
    "very",
    "was",
    "wat",
    "wats",
    "we",
    "were",
    "what",
    "whats",
    "when",
    "where",
    "which",
    "who",
    "why",
    "will",
    "with",
    "wonder",
    "wondering",
    "would",
    "yet",
    "you",
    "your",
];

/// Words shorter than this are never corrected: too many short words are one edit apart.
const MIN_CORRECTABLE: usize = 5;

/// Turns text into stemmed search terms. Documents and questions go through the same steps:
/// the bm25 crate's word splitting and Unicode folding, the stop words above, the splitting of
/// run-together words ("stemcells"), typo correction against the knowledge base's own words,
/// and Snowball stemming. A document's own words are always known, so correction leaves them be.
#[derive(Clone)]
struct Analyzer {
    words: Arc<DefaultTokenizer>,
    stemmer: Arc<Stemmer>,
    vocabulary: Arc<Vocabulary>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").finish_non_exhaustive()
    }
}

impl Analyzer {
    fn new() -> Self {
        let words = DefaultTokenizer::builder()
            .language_mode(Language::English)
            .normalization(true)
            .stopwords(false)
            .stemming(false)
            .build();
        Self {
            words: Arc::new(words),
            stemmer: Arc::new(Stemmer::create(Algorithm::English)),
            vocabulary: Arc::new(Vocabulary::default()),
        }
    }

    /// The words of `text`, lower-cased and folded, without stop words; not yet stemmed.
    fn words(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        // "clinicaltrials.gov" and "and/or" are two words to a patient.
        let text = text.replace(['.', '/', '_'], " ");
        for word in self.words.tokenize(&text) {
            let word = word.trim_matches('\'').to_owned();
            if word.is_empty() || STOP_WORDS.contains(&word.as_str()) {
                continue;
            }
            if self.vocabulary.knows_stem(&self.stem(&word)) {
                out.push(word);
            } else if let Some((a, b)) = self.vocabulary.split(&word) {
                out.extend([a, b]);
            } else {
                out.push(self.vocabulary.correct(&word).unwrap_or(word));
            }
        }
        out
    }

    fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }
}

impl Tokenizer for Analyzer {
    fn tokenize(&self, input_text: &str) -> Vec<String> {
        self.words(input_text)
            .iter()
            .map(|w| self.stem(w))
            .collect()
    }
}

/// The knowledge base's words, with an index of one-letter deletions for typo look-ups.
#[derive(Debug, Default)]
struct Vocabulary {
    /// Word as written (lower-cased) -> number of topics using it.
    words: HashMap<String, usize>,
    /// Stems of those words.
    stems: HashSet<String>,
    /// A word with one letter removed -> the words it came from.
    deletions: HashMap<String, Vec<String>>,
}

fn deletions(word: &str) -> impl Iterator<Item = String> + '_ {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len()).map(move |i| {
        chars
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, c)| *c)
            .collect()
    })
}

impl Vocabulary {
    fn new(documents: &[Vec<String>], analyzer: &Analyzer) -> Self {
        let mut words: HashMap<String, usize> = HashMap::new();
        for doc in documents {
            let unique: HashSet<&String> = doc.iter().collect();
            for w in unique {
                *words.entry(w.clone()).or_default() += 1;
            }
        }
        let stems = words.keys().map(|w| analyzer.stem(w)).collect();
        let mut deletion_index: HashMap<String, Vec<String>> = HashMap::new();
        for w in words
            .keys()
            .filter(|w| w.chars().count() >= MIN_CORRECTABLE)
        {
            for d in deletions(w) {
                deletion_index.entry(d).or_default().push(w.clone());
            }
        }
        Self {
            words,
            stems,
            deletions: deletion_index,
        }
    }

    fn knows_stem(&self, stem: &str) -> bool {
        self.stems.contains(stem)
    }

    /// A run-together pair of known words ("stemcells" -> "stem", "cells").
    fn split(&self, word: &str) -> Option<(String, String)> {
        if self.words.contains_key(word) || word.len() < 6 || !word.is_ascii() {
            return None;
        }
        (3..=word.len() - 3)
            .map(|i| word.split_at(i))
            .find(|(a, b)| self.words.contains_key(*a) && self.words.contains_key(*b))
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
    }

    /// The known word an unknown `word` most likely misspells: one insertion, deletion,
    /// substitution or transposition away, starting with the same letter (people rarely get the
    /// first letter wrong, and "night" must not become "might"); the most widely used wins.
    fn correct(&self, word: &str) -> Option<String> {
        if self.words.contains_key(word) || word.chars().count() < MIN_CORRECTABLE {
            return None;
        }
        let first = word.chars().next();
        let mut candidates: Vec<&String> = Vec::new();
        if let Some(ws) = self.deletions.get(word) {
            candidates.extend(ws);
        }
        for d in deletions(word) {
            if let Some((known, _)) = self.words.get_key_value(&d) {
                candidates.push(known);
            }
            if let Some(ws) = self.deletions.get(&d) {
                candidates.extend(ws);
            }
        }
        candidates
            .into_iter()
            .filter(|c| c.chars().next() == first && strsim::damerau_levenshtein(word, c) == 1)
            .max_by(|a, b| self.words[*a].cmp(&self.words[*b]).then_with(|| b.cmp(a)))
            .cloned()
    }
}

/// The search index over the published topics.
pub struct Search {
    engine: SearchEngine<u32, u32, Analyzer>,
    analyzer: Analyzer,
    /// Published topics: index into `Content::topics`, lower-cased names to complete on.
    names: Vec<(usize, Vec<String>)>,
    /// Topic index -> the stemmed terms of its title and of each alias.
    name_terms: HashMap<usize, Vec<HashSet<String>>>,
    /// Published topic indices sorted by title, for an empty autocomplete.
    by_title: Vec<usize>,
}

impl std::fmt::Debug for Search {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Search")
            .field("topics", &self.names.len())
            .field("words", &self.analyzer.vocabulary.words.len())
            .finish()
    }
}

fn document(topic: &super::Topic, common_words: &str) -> String {
    let mut doc = String::from(common_words);
    doc.push('\n');
    for _ in 0..TITLE_WEIGHT {
        doc.push_str(&topic.title);
        doc.push('\n');
    }
    for _ in 0..ALIAS_WEIGHT {
        for a in &topic.aliases {
            doc.push_str(a);
            doc.push('\n');
        }
    }
    for _ in 0..KEYWORD_WEIGHT {
        for k in &topic.keywords {
            doc.push_str(k);
            doc.push('\n');
        }
    }
    doc.push_str(&topic.id.replace('-', " "));
    doc.push('\n');
    doc.push_str(&topic.short);
    doc.push('\n');
    for p in &topic.key_points {
        doc.push_str(p);
        doc.push('\n');
    }
    doc
}

impl Search {
    pub fn new(content: &Content) -> Self {
        let mut analyzer = Analyzer::new();
        let published: Vec<usize> = (0..content.topics.len())
            .filter(|&i| content.topics[i].published)
            .collect();
        let common = content.common_words.join(" ");
        let docs: Vec<String> = published
            .iter()
            .map(|&i| document(&content.topics[i], &common))
            .collect();
        let words: Vec<Vec<String>> = docs.iter().map(|d| analyzer.words(d)).collect();
        analyzer.vocabulary = Arc::new(Vocabulary::new(&words, &analyzer));
        let documents: Vec<bm25::Document<u32>> = published
            .iter()
            .zip(docs)
            .map(|(&i, d)| bm25::Document::new(u32::try_from(i).unwrap_or(u32::MAX), d))
            .collect();
        let engine =
            SearchEngineBuilder::with_tokenizer_and_documents(analyzer.clone(), documents).build();
        let names = published
            .iter()
            .map(|&i| {
                let t = &content.topics[i];
                let mut names = vec![t.title.to_lowercase(), t.id.clone()];
                names.extend(t.aliases.iter().map(|a| a.to_lowercase()));
                (i, names)
            })
            .collect();
        let name_terms = published
            .iter()
            .map(|&i| {
                let t = &content.topics[i];
                let sets = std::iter::once(&t.title)
                    .chain(&t.aliases)
                    .map(|name| analyzer.tokenize(name).into_iter().collect::<HashSet<_>>())
                    .filter(|set| !set.is_empty())
                    .collect();
                (i, sets)
            })
            .collect();
        let mut by_title = published;
        by_title.sort_by_key(|&i| {
            let title = content.topics[i].title.to_lowercase();
            title.trim_start_matches(|c: char| !c.is_alphanumeric()).to_owned()
        });
        Self {
            engine,
            analyzer,
            names,
            name_terms,
            by_title,
        }
    }

    fn ranked(&self, query: &str, limit: usize) -> Vec<Match> {
        self.engine
            .search(query, limit)
            .into_iter()
            .map(|r| Match {
                topic: r.document.id as usize,
                score: r.score,
            })
            .collect()
    }

    /// Whether the knowledge base knows enough of the question's words (after stop words and
    /// correction) to answer it. Plain numbers ("5000 dollars") count neither way.
    fn understands(&self, question: &str) -> bool {
        let tokens: Vec<String> = self
            .analyzer
            .tokenize(question)
            .into_iter()
            .filter(|t| {
                self.analyzer.vocabulary.knows_stem(t) || !t.chars().all(|c| c.is_ascii_digit())
            })
            .collect();
        if tokens.is_empty() {
            return false;
        }
        let known = tokens
            .iter()
            .filter(|t| self.analyzer.vocabulary.knows_stem(t))
            .count();
        let coverage = known as f32 / tokens.len() as f32;
        coverage >= MIN_COVERAGE || (known >= MIN_KNOWN_LONG && coverage >= MIN_COVERAGE_LONG)
    }

    /// How closely the question says one of the topic's names: the best Jaccard overlap
    /// between the question's terms and a name's.
    fn name_match(&self, topic: usize, terms: &HashSet<String>) -> f32 {
        self.name_terms.get(&topic).map_or(0.0, |names| {
            names
                .iter()
                .map(|name| {
                    let shared = name.intersection(terms).count();
                    shared as f32 / (name.len() + terms.len() - shared) as f32
                })
                .fold(0.0, f32::max)
        })
    }

    /// BM25 candidates re-ranked by BM25 (scaled to the best) plus the name match.
    fn rank(&self, question: &str, limit: usize) -> Vec<Match> {
        let candidates = self.ranked(question, CANDIDATES.max(limit));
        let Some(top) = candidates.first().map(|m| m.score) else {
            return Vec::new();
        };
        let terms: HashSet<String> = self.analyzer.tokenize(question).into_iter().collect();
        let mut ranked: Vec<Match> = candidates
            .into_iter()
            .map(|m| Match {
                topic: m.topic,
                score: m.score / top + NAME_WEIGHT * self.name_match(m.topic, &terms),
            })
            .collect();
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.topic.cmp(&b.topic)));
        ranked.truncate(limit);
        ranked
    }

    /// The topic a free-text question is about, or why there is none.
    pub fn ask(&self, question: &str) -> Outcome {
        let ranked = self.rank(question, SUGGESTIONS + 1);
        let Some(&best) = ranked.first() else {
            return Outcome::NoMatch {
                nearest: Vec::new(),
            };
        };
        if !self.understands(question) {
            return Outcome::NoMatch {
                nearest: ranked.into_iter().take(SUGGESTIONS).collect(),
            };
        }
        let others: Vec<Match> = ranked[1..]
            .iter()
            .copied()
            .filter(|m| m.score >= best.score * UNSURE_RATIO)
            .collect();
        if others.is_empty() {
            Outcome::Answer(best)
        } else {
            Outcome::Unsure { best, others }
        }
    }

    /// Up to 25 topics for a partly typed option, best first; every topic for empty input.
    pub fn complete(&self, partial: &str) -> Vec<usize> {
        let partial = partial.trim().to_lowercase();
        if partial.is_empty() {
            return self
                .by_title
                .iter()
                .copied()
                .take(MAX_COMPLETIONS)
                .collect();
        }
        // Names that start with, then contain, the typed text come first, in topic order.
        let mut out: Vec<usize> = Vec::new();
        let mut seen = HashSet::new();
        for prefix_only in [true, false] {
            for (i, names) in &self.names {
                let hit = names.iter().any(|n| {
                    if prefix_only {
                        n.starts_with(&partial)
                    } else {
                        n.contains(&partial)
                    }
                });
                if hit && seen.insert(*i) {
                    out.push(*i);
                }
            }
        }
        // Then what the words find, with the word being typed completed from the vocabulary.
        let mut query = partial.clone();
        if let Some(last) = partial.split_whitespace().last() {
            if last.len() >= 2 {
                let completions = self
                    .analyzer
                    .vocabulary
                    .words
                    .keys()
                    .filter(|w| w.starts_with(last) && w.len() > last.len())
                    .take(4);
                for c in completions {
                    query.push(' ');
                    query.push_str(c);
                }
            }
        }
        for m in self.rank(&query, MAX_COMPLETIONS) {
            if seen.insert(m.topic) {
                out.push(m.topic);
            }
        }
        out.truncate(MAX_COMPLETIONS);
        out
    }
}
