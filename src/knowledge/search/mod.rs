//! Finds the topic a question is about: BM25 over stemmed words, with typo correction, re-ranked
//! by a name match, by two classifiers learned from the topics' own wording ([`classify`]) and
//! by how close the question's meaning is to each topic's example questions in a static
//! embedding model compiled into the binary ([`embed`]).
//!
//! Candidates are the `bm25` crate's (stemming and stop words included); this module adds what
//! a patient's question needs on top: misspelled words are corrected against the knowledge
//! base's own vocabulary; the candidates are re-ranked by how closely the question says a
//! topic's name and by how likely the classifiers find each topic; and a question
//! whose words are mostly unknown to the knowledge base is refused rather than answered with
//! whatever fact scores highest.
//!
//! Whether a question is about the subject at all is read from the `[search]` word lists:
//! anchor words name it, context words come with it, condition words are understood without
//! ranking any topic. The analyzer's own word lists (stop words, chat words) are in [`words`].
//!
//! Over 500 lines: the analyzer, the vocabulary's typo correction and the ranking are one
//! pipeline, each step reading the one before; about 200 lines are tests.

mod classify;
mod words;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use bm25::{DefaultTokenizer, Language, SearchEngine, SearchEngineBuilder, Tokenizer};
use rust_stemmers::{Algorithm, Stemmer};

use super::Content;
use crate::knowledge::embed::{self, Examples};
use classify::{NaiveBayes, Perceptron};
use words::{CHAT_SPELLINGS, CHAT_WORDS, DOUBT_WORDS, EVERYDAY_WORDS, PEOPLE_WORDS, STOP_WORDS};

/// Share of a question's words the knowledge base must know before it answers...
const MIN_COVERAGE: f32 = 0.6;
/// ...or, for a long question that rambles, this many known words and this share.
const MIN_KNOWN_LONG: usize = 4;
const MIN_COVERAGE_LONG: f32 = 0.4;
/// How many words it does not know a question may have and still be about the subject when it
/// names only a context word ("clinic", "trial"), not an anchor word...
const MAX_UNKNOWN_IN_CONTEXT: usize = 1;
/// ...unless its best match scores at least this (see `rank`): "the clinic calls it
/// research-based but i pay full price out of pocket, is that a trial". Measured on every
/// evaluation set and 50 off-topic probes naming a context word: 2.2, 2.0, 1.8 and 1.6 answered
/// 1, 2, 3 and 2 more of 1,989 cases right, and 0, 0, 1 and 2 more probes.
const CONFIDENT_IN_CONTEXT: f32 = 2.0;
/// The least score of an answer (see `rank`: 1 for the best BM25 score, plus the topic's name
/// match and its classifiers' probability). A best match that only BM25 finds, which neither
/// names the topic nor gets 5% of the classifiers' probability, shares common words with it
/// and no more: "how long is knee replacement recovery? my mom's surgeon clinic said 6 weeks"
/// got the skin-reaction fact. Chosen on the evaluation sets, where no right answer scored
/// below 1.05 (1.1 lost 5 of 1,135), and on 50 off-topic probes naming an anchor word ("the
/// clinic near me does flu shots, when is flu season"): it took their facts from 25 to 22.
const MIN_SCORE: f32 = 1.05;
/// A question that names a `[search]` subject word ("exosome") is answered whatever share of
/// its words the search knows when the runner-up scores under this share of the best: "wait
/// what even is an exosome lol" asks what exosomes are, though "wait" and "even" are not the
/// knowledge base's words. Measured on the read evaluation sets, against 80 off-topic messages
/// written to name an anchor word in another sense ("regenerative braking on an e-bike"): for
/// every anchor word, 6 more of 2,434 answered right and 18 more off-topic messages answered
/// (45 to 63 of 80); for the subject words alone, the same 6 and 1 more message (a video game
/// named "Exosome Protocol"). A best score of 2 instead of a clear runner-up found 3.
const CLEAR_RATIO: f32 = 0.5;
/// When the runner-up scores at least this share of the best, the answer is unsure.
const UNSURE_RATIO: f32 = 0.85;
/// How many BM25 candidates are re-ranked by how closely the question says one of their names.
const CANDIDATES: usize = 20;
/// Weight of the name match against the BM25 score (scaled so the best candidate has 1).
const NAME_WEIGHT: f32 = 1.0;
/// Weight of a `[search]` common word in a name match, against 1 for any other word.
const COMMON_NAME_WEIGHT: f32 = 0.25;
/// Weight of the topic's probability under the classifiers (the mean of [`NaiveBayes`] and
/// [`Perceptron`]) in the ranking. For naive Bayes alone, measured on the read evaluation sets:
/// weight 0.5, 1.0, 1.5 and 2.0 gave 758, 761, 757 and 757 of 791; without it, 756. (A match of
/// the closest example question, as for names, added nothing beside the classifier: 761 either
/// way; it was taken out.)
const CLASSIFIER_WEIGHT: f32 = 1.0;
/// Weight of the embedding's share ([`Examples::shares`]) in the ranking: at most that much
/// between two candidates. Measured by cross-validation on the read evaluation sets (learn from
/// one half of their questions, score the other; 1,673 questions): without the embedding 1,609;
/// weight 1 and 1.5 at a temperature of 0.02 gave 1,622 and 1,622; 1.5 and 2 at 0.03, 1,621
/// and 1,624: a plateau. The same weight as the classifiers'.
const EMBEDDING_WEIGHT: f32 = 1.0;
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

/// Contractions' endings: "they're" is "they", a stop word; "clinic's" is "clinic".
const CONTRACTIONS: &[&str] = &["'re", "'ll", "'ve", "'d", "'m", "'s"];

/// A word as the search reads it: a contraction's ending dropped, a chat spelling written out,
/// and a trial number ("NCT05xxxxxx", "NCT0") read as "nct", the registry it names.
fn plain_word(word: &str) -> String {
    let word = if word.contains('\'') {
        CONTRACTIONS
            .iter()
            .find_map(|c| word.strip_suffix(c))
            .unwrap_or(word)
    } else {
        word
    };
    if word.len() <= 5 {
        if let Some(&(_, written)) = CHAT_SPELLINGS.iter().find(|(chat, _)| *chat == word) {
            return written.to_owned();
        }
    }
    match word.strip_prefix("nct") {
        Some(rest)
            if !rest.is_empty()
                && rest.starts_with(|c: char| c.is_ascii_digit())
                && rest.chars().all(|c| c.is_ascii_digit() || c == 'x') =>
        {
            "nct".to_owned()
        }
        _ => word.to_owned(),
    }
}

/// The word a question that asks a price ("how much are exosome facials") is read with.
const PRICE: &str = " price ";

/// A question with its prices read: "how much" asked of a thing ("how much is", "how much
/// are", "how much r") asks a price and gets [`PRICE`] added; "how much research" or "how much
/// of that is real" do not. An amount in dollars ("$450", "$ 3,000", "$5k") is dropped: it is
/// usually what the asker was quoted, said on the way to the question ("a med spa charges $400,
/// what is in it"), and it counts neither way, as a plain number does.
fn read_prices(question: &str) -> String {
    let lower: Vec<char> = question.to_lowercase().chars().collect();
    let mut out = String::with_capacity(lower.len() + 8);
    let mut at = 0;
    while at < lower.len() {
        let c = lower[at];
        at += 1;
        if c == '$' {
            let digits = at + lower[at..].iter().take_while(|&&c| c == ' ').count();
            if lower.get(digits).is_some_and(char::is_ascii_digit) {
                at = digits
                    + lower[digits..]
                        .iter()
                        .take_while(|&&c| c.is_ascii_digit() || matches!(c, ',' | '.' | 'k'))
                        .count();
                out.push(' ');
                continue;
            }
        }
        out.push(c);
    }
    let words: Vec<&str> = out
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let asks_price = words.windows(3).any(|w| {
        w[0] == "how"
            && w[1] == "much"
            && matches!(
                w[2],
                "is" | "are" | "r" | "was" | "were" | "for" | "per" | "each"
            )
    });
    if asks_price {
        out.push_str(PRICE);
    }
    out
}

/// The question without the doubt of a last "or ..." clause made only of [`DOUBT_WORDS`] and
/// `ignored` (stop) words, when what comes before it says something: "are there human trials on
/// exosomes or is it all marketing" asks about trials, not about marketing. "is it a scam" or
/// "legit or scam" keep their doubt: it is all they ask.
fn without_doubt(question: &str, ignored: &HashSet<&'static str>) -> String {
    let lower = question.to_lowercase();
    let Some(at) = lower.rfind(" or ") else {
        return question.to_owned();
    };
    let end = lower[at + 4..]
        .find(['?', '.', '!', ',', ';', '\n'])
        .map_or(lower.len(), |e| at + 4 + e);
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .map(|w| w.replace('\'', ""))
            .collect()
    };
    let tail = words(&lower[at + 4..end]);
    let doubt = tail.iter().any(|w| DOUBT_WORDS.contains(&w.as_str()));
    let only_doubt = tail
        .iter()
        .all(|w| DOUBT_WORDS.contains(&w.as_str()) || ignored.contains(w.as_str()));
    let head_says = words(&lower[..at])
        .iter()
        .filter(|w| !ignored.contains(w.as_str()))
        .count()
        >= 2;
    if doubt && only_doubt && head_says {
        format!("{}{}", &question[..at], &question[end..])
    } else {
        question.to_owned()
    }
}

/// Whether a question's term is a number, which counts neither as a word the knowledge base
/// knows nor as one it does not: digits ("361", "2019"), or an amount in thousands or millions
/// ("pay 12k", "2m views").
fn is_number(term: &str) -> bool {
    let digits = term.trim_end_matches(['k', 'm']);
    !digits.is_empty()
        && term.len() - digits.len() <= 1
        && digits.chars().all(|c| c.is_ascii_digit())
}

/// Words shorter than this are never corrected: too many short words are one edit apart.
const MIN_CORRECTABLE: usize = 5;

/// Whether a number in a topic's prose (short answer, key points) means something to the
/// search: a year (1990–2039) does ("what happened in 2019"); any other does not, so a price
/// ("$800") never matches the digits of a phone number (1-800-FDA-1088). Numbers in a topic's
/// names ("section 351") always count.
fn meaningful_number(word: &str) -> bool {
    if !word.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    word.parse::<u32>()
        .is_ok_and(|year| (1990..=2039).contains(&year))
}

/// Turns text into stemmed search terms. Documents and questions go through the same steps:
/// the bm25 crate's word splitting and Unicode folding, the stop words above, the splitting of
/// run-together words ("stemcells"), typo correction against the knowledge base's own words,
/// and Snowball stemming. A document's own words are always known, so correction leaves them be.
#[derive(Clone)]
struct Analyzer {
    words: Arc<DefaultTokenizer>,
    /// The stop, chat and people words: looked up for every word of every document.
    ignored: Arc<HashSet<&'static str>>,
    stemmer: Arc<Stemmer>,
    vocabulary: Arc<Vocabulary>,
    /// Stems of the `[search]` condition words (conditions, symptoms): understood, never
    /// corrected, in no topic.
    conditions: Arc<HashSet<String>>,
    /// Stems of [`EVERYDAY_WORDS`]: never unknown to `Search::on_subject`.
    everyday: Arc<HashSet<String>>,
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
        let stemmer = Stemmer::create(Algorithm::English);
        let everyday = EVERYDAY_WORDS
            .iter()
            .map(|w| stemmer.stem(w).into_owned())
            .collect();
        Self {
            words: Arc::new(words),
            ignored: Arc::new(
                STOP_WORDS
                    .iter()
                    .chain(CHAT_WORDS)
                    .chain(PEOPLE_WORDS)
                    .copied()
                    .collect(),
            ),
            stemmer: Arc::new(stemmer),
            vocabulary: Arc::new(Vocabulary::default()),
            conditions: Arc::default(),
            everyday: Arc::new(everyday),
        }
    }

    /// The words of `text`, lower-cased and folded, without stop words; not yet stemmed.
    /// With `correct`, words the knowledge base does not know are split or corrected.
    fn words(&self, text: &str, correct: bool) -> Vec<String> {
        let mut out = Vec::new();
        // "clinicaltrials.gov" and "and/or" are two words to a patient.
        let text = if correct {
            read_prices(text)
        } else {
            text.to_owned()
        };
        let text = text.replace(['.', '/', '_'], " ");
        for word in self.words.tokenize(&text) {
            let mut word = plain_word(word.trim_matches('\''));
            if correct {
                word = self.unstretched(word);
            }
            if word.is_empty() || self.ignored.contains(word.as_str()) {
                continue;
            }
            if !correct || self.understands(&self.stem(&word)) {
                out.push(word);
            } else if let Some((a, b)) = self.vocabulary.split(&word) {
                out.extend([a, b]);
            } else {
                out.push(self.vocabulary.correct(&word).unwrap_or(word));
            }
        }
        out
    }

    /// `word`'s Snowball stem; a word of the knowledge base's is looked up, not stemmed again.
    fn stem(&self, word: &str) -> String {
        match self.vocabulary.words.get(word) {
            Some(known) => known.stem.clone(),
            None => self.stemmer.stem(word).into_owned(),
        }
    }

    /// A word stretched for emphasis ("wayyy", "pleaseee", "goood") as it is usually written:
    /// each run of three or more of a letter cut to one, else to two, whichever is a stop word
    /// or a word the search understands; to two when neither is (English never has three).
    fn unstretched(&self, word: String) -> String {
        // Most words are not stretched: say so without allocating.
        let mut chars = word.chars();
        let (mut before, mut last) = (chars.next(), chars.next());
        let stretched = chars.any(|c| {
            let three = before == last && last == Some(c);
            (before, last) = (last, Some(c));
            three
        });
        if !stretched {
            return word;
        }
        let cut = |keep: usize| {
            let mut out = String::with_capacity(word.len());
            let chars: Vec<char> = word.chars().collect();
            let mut i = 0;
            while i < chars.len() {
                let run = chars[i..].iter().take_while(|&&c| c == chars[i]).count();
                let kept = if run >= 3 { keep } else { run };
                out.extend(std::iter::repeat_n(chars[i], kept));
                i += run;
            }
            out
        };
        let two = cut(2);
        if two == word {
            return word;
        }
        let one = cut(1);
        [one, two.clone()]
            .into_iter()
            .find(|w| self.ignored.contains(w.as_str()) || self.understands(&self.stem(w)))
            .unwrap_or(two)
    }

    /// Whether a stemmed term means something here: a word of the knowledge base's, or a
    /// condition or symptom of the `[search]` condition words.
    fn understands(&self, stem: &str) -> bool {
        self.vocabulary.knows_stem(stem) || self.conditions.contains(stem)
    }

    /// The stemmed search terms of a question, corrected against the vocabulary.
    fn terms(&self, question: &str) -> Vec<String> {
        self.words(&without_doubt(question, &self.ignored), true)
            .iter()
            .map(|w| self.stem(w))
            .collect()
    }
}

/// The tokenizer the bm25 engine sees: documents and queries arrive as analysed terms joined
/// by spaces, so each text is analysed once, however often a field is repeated for weight.
#[derive(Debug, Clone, Copy)]
struct Terms;

impl Tokenizer for Terms {
    fn tokenize(&self, input_text: &str) -> Vec<String> {
        input_text.split_whitespace().map(str::to_owned).collect()
    }
}

/// The knowledge base's words: how widely each is used, sorted for prefixes and typo look-ups,
/// and their stems.
#[derive(Debug, Default)]
struct Vocabulary {
    /// Word as written (lower-cased) -> how widely it is used and its stem.
    words: HashMap<String, Known>,
    /// The same words, sorted, for completing a prefix.
    sorted: Vec<String>,
    /// Every word's first letter and length in letters, with its index in `sorted`, in that
    /// order: the words a typo can be one edit from are one run of it (4 + 4 + 4 bytes a word,
    /// where an index of each word's deletions took a string per deletion).
    shapes: Vec<(char, u32, u32)>,
    /// Stems of those words.
    stems: HashSet<String>,
}

/// A word of the knowledge base's. Its stem is kept because stemming is the costliest step of
/// reading a text, and the knowledge base's texts and the questions asked of it use the same
/// words over and over.
#[derive(Debug)]
struct Known {
    /// How many topics use it.
    topics: usize,
    stem: String,
}

/// A word's first letter and length in letters.
fn shape(word: &str) -> (char, u32) {
    let letters = u32::try_from(word.chars().count()).unwrap_or(u32::MAX);
    (word.chars().next().unwrap_or_default(), letters)
}

/// Whether `a` and `b` are exactly one edit apart: one letter inserted, removed or replaced, or
/// two neighbouring letters swapped (Damerau-Levenshtein distance 1).
pub(super) fn one_edit_apart(a: &str, b: &str) -> bool {
    if !(a.is_ascii() && b.is_ascii()) {
        return strsim::osa_distance(a, b) == 1;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let differ = short
        .iter()
        .zip(long)
        .position(|(x, y)| x != y)
        .unwrap_or(short.len());
    match long.len() - short.len() {
        0 if differ == a.len() => false,
        0 => {
            a[differ + 1..] == b[differ + 1..]
                || (differ + 1 < a.len()
                    && a[differ] == b[differ + 1]
                    && a[differ + 1] == b[differ]
                    && a[differ + 2..] == b[differ + 2..])
        }
        1 => short[differ..] == long[differ + 1..],
        _ => false,
    }
}

impl Vocabulary {
    /// The words of `documents` (each a topic's words, as written), stemmed by `stemmer`.
    fn new<'a>(
        documents: impl IntoIterator<Item = HashSet<&'a String>>,
        stemmer: &Stemmer,
    ) -> Self {
        let mut words: HashMap<String, Known> = HashMap::new();
        for unique in documents {
            for w in unique {
                match words.get_mut(w) {
                    Some(known) => known.topics += 1,
                    None => {
                        let stem = stemmer.stem(w).into_owned();
                        words.insert(w.clone(), Known { topics: 1, stem });
                    }
                }
            }
        }
        let stems = words.values().map(|known| known.stem.clone()).collect();
        let mut sorted: Vec<String> = words.keys().cloned().collect();
        sorted.sort_unstable();
        let mut shapes: Vec<(char, u32, u32)> = sorted
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let (first, letters) = shape(w);
                (first, letters, u32::try_from(i).unwrap_or(u32::MAX))
            })
            .collect();
        shapes.sort_unstable();
        Self {
            words,
            sorted,
            shapes,
            stems,
        }
    }

    /// Up to `n` known words that start with `prefix` and are longer, in alphabetical order.
    fn completions<'a>(
        &'a self,
        prefix: &'a str,
        n: usize,
    ) -> impl Iterator<Item = &'a String> + 'a {
        let start = self.sorted.partition_point(|w| w.as_str() < prefix);
        self.sorted[start..]
            .iter()
            .take_while(move |w| w.starts_with(prefix))
            .filter(move |w| w.len() > prefix.len())
            .take(n)
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
        let (first, letters) = shape(word);
        // The known words with the same first letter and a length one edit can reach.
        let start = self
            .shapes
            .partition_point(|&(f, l, _)| (f, l) < (first, letters.saturating_sub(1)));
        self.shapes[start..]
            .iter()
            .take_while(|&&(f, l, _)| f == first && l <= letters + 1)
            .filter_map(|&(_, _, i)| self.sorted.get(i as usize))
            .filter(|known| one_edit_apart(word, known))
            .max_by(|a, b| {
                let topics = |w: &String| self.words.get(w).map_or(0, |known| known.topics);
                topics(a).cmp(&topics(b)).then_with(|| b.cmp(a))
            })
            .cloned()
    }
}

/// A term's weight in a name match: a common word counts for little.
fn name_weight(common: &HashSet<String>, term: &str) -> f32 {
    if common.contains(term) {
        COMMON_NAME_WEIGHT
    } else {
        1.0
    }
}

/// A topic's title or alias as the name match reads it: its terms, each with its weight (see
/// [`COMMON_NAME_WEIGHT`]), and their sum.
#[derive(Debug)]
struct Name {
    terms: Vec<(String, f32)>,
    weight: f32,
}

/// Words or phrases a question may name, as stemmed terms ("stem cells" is `["stem", "cell"]`).
#[derive(Debug, Default)]
struct Anchors(Vec<Vec<String>>);

impl Anchors {
    fn new(words: &[String], analyzer: &Analyzer) -> Self {
        Self(
            words
                .iter()
                .map(|w| {
                    let words = analyzer.words(w, false);
                    words.iter().map(|w| analyzer.stem(w)).collect::<Vec<_>>()
                })
                .filter(|terms| !terms.is_empty())
                .collect(),
        )
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `terms` hold one of the words or phrases, its terms side by side.
    fn named_in(&self, terms: &[String]) -> bool {
        self.0
            .iter()
            .any(|phrase| terms.windows(phrase.len()).any(|w| w == phrase.as_slice()))
    }
}

/// The search index over the published topics.
pub struct Search {
    engine: SearchEngine<u32, u32, Terms>,
    analyzer: Analyzer,
    /// Published topics: index into `Content::topics`, lower-cased names to complete on.
    names: Vec<(usize, Vec<String>)>,
    /// Topic index -> the stemmed terms of its title and of each alias.
    name_terms: HashMap<usize, Vec<Name>>,
    /// The second signal: two classifiers learned from the topics' wording and phrasings.
    naive_bayes: NaiveBayes,
    perceptron: Perceptron,
    /// The embeddings of each topic's examples and phrasings ([`embed`]).
    examples: Examples,
    /// Published topic indices sorted by title, for an empty autocomplete.
    by_title: Vec<usize>,
    /// Stems of the `[search]` common words: they count for little in a name match.
    common: HashSet<String>,
    /// The `[search]` anchor words: they name the subject.
    anchors: Anchors,
    /// The `[search]` subject words: they name the subject itself.
    subject: Anchors,
    /// The `[search]` context words: they come with the subject, and with much else.
    context: Anchors,
}

impl std::fmt::Debug for Search {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Search")
            .field("topics", &self.names.len())
            .field("words", &self.analyzer.vocabulary.words.len())
            .finish()
    }
}

/// A topic's words as the engine indexes them: each text's words (as written, not yet stemmed)
/// with its field's weight.
fn document_words(
    analyzer: &Analyzer,
    topic: &super::Topic,
    common_words: &[String],
) -> Vec<(Vec<String>, usize)> {
    let id = topic.id.replace('-', " ");
    // (texts, weight, prose)
    let fields: [(&[String], usize, bool); 8] = [
        (common_words, 1, false),
        (std::slice::from_ref(&topic.title), TITLE_WEIGHT, false),
        (&topic.aliases, ALIAS_WEIGHT, false),
        (&topic.keywords, KEYWORD_WEIGHT, false),
        (&topic.examples, 1, false),
        (std::slice::from_ref(&id), 1, false),
        (std::slice::from_ref(&topic.short), 1, true),
        (&topic.key_points, 1, true),
    ];
    let mut texts_words = Vec::new();
    for (texts, weight, prose) in fields {
        for text in texts {
            let mut words = analyzer.words(text, false);
            if prose {
                words.retain(|w| meaningful_number(w));
            }
            texts_words.push((words, weight));
        }
    }
    texts_words
}

/// A topic as the engine indexes it: its texts' terms, each text repeated by its weight.
fn document(analyzer: &Analyzer, texts_words: &[(Vec<String>, usize)]) -> String {
    let mut doc = String::new();
    for (words, weight) in texts_words {
        let terms: Vec<String> = words.iter().map(|w| analyzer.stem(w)).collect();
        let terms = terms.join(" ");
        for _ in 0..*weight {
            doc.push_str(&terms);
            doc.push(' ');
        }
    }
    doc
}

impl Search {
    pub fn new(content: &Content) -> Self {
        let mut analyzer = Analyzer::new();
        let published: Vec<usize> = (0..content.topics.len())
            .filter(|&i| content.topics[i].published)
            .collect();
        let words: Vec<Vec<(Vec<String>, usize)>> = published
            .iter()
            .map(|&i| document_words(&analyzer, &content.topics[i], &content.common_words))
            .collect();
        analyzer.vocabulary = Arc::new(Vocabulary::new(
            words
                .iter()
                .map(|texts| texts.iter().flat_map(|(words, _)| words).collect()),
            &analyzer.stemmer,
        ));
        let docs: Vec<String> = words.iter().map(|w| document(&analyzer, w)).collect();
        drop(words);
        analyzer.conditions = Arc::new(
            content
                .condition_words
                .iter()
                .flat_map(|w| analyzer.words(w, false))
                .map(|w| analyzer.stem(&w))
                .collect(),
        );
        let documents: Vec<bm25::Document<u32>> = published
            .iter()
            .zip(docs)
            .map(|(&i, d)| bm25::Document::new(u32::try_from(i).unwrap_or(u32::MAX), d))
            .collect();
        let engine = SearchEngineBuilder::with_tokenizer_and_documents(Terms, documents).build();
        let names = published
            .iter()
            .map(|&i| {
                let t = &content.topics[i];
                let mut names = vec![t.title.to_lowercase(), t.id.clone()];
                names.extend(t.aliases.iter().map(|a| a.to_lowercase()));
                (i, names)
            })
            .collect();
        let common: HashSet<String> = content
            .common_words
            .iter()
            .flat_map(|w| analyzer.words(w, false))
            .map(|w| analyzer.stem(&w))
            .collect();
        // A topic's title and aliases are analysed once, for the name match and the classifiers.
        let mut name_terms = HashMap::with_capacity(published.len());
        let mut wordings = Vec::with_capacity(published.len());
        // Each example question and phrasing apart, for the perceptron: (position in
        // `published`, its terms).
        let mut examples = Vec::new();
        for &i in &published {
            let t = &content.topics[i];
            let name_texts: Vec<Vec<String>> = std::iter::once(&t.title)
                .chain(&t.aliases)
                .map(|name| analyzer.terms(name))
                .collect();
            let names: Vec<Name> = name_texts
                .iter()
                .map(|name| {
                    let unique: HashSet<&String> = name.iter().collect();
                    let terms: Vec<(String, f32)> = unique
                        .into_iter()
                        .map(|term| (term.clone(), name_weight(&common, term)))
                        .collect();
                    let weight = terms.iter().map(|(_, w)| w).sum();
                    Name { terms, weight }
                })
                .filter(|name| !name.terms.is_empty())
                .collect();
            name_terms.insert(i, names);
            let position = wordings.len();
            let mut wording: Vec<String> = name_texts.into_iter().flatten().collect();
            for keyword in &t.keywords {
                wording.extend(analyzer.terms(keyword));
            }
            for question in t.examples.iter().chain(&t.phrasings) {
                let terms = analyzer.terms(question);
                wording.extend(terms.iter().cloned());
                examples.push((position, terms));
            }
            wordings.push((i, wording));
        }
        let embedded_examples = Examples::new(published.iter().map(|&i| {
            let t = &content.topics[i];
            (
                i,
                t.examples
                    .iter()
                    .chain(&t.phrasings)
                    .map(String::as_str)
                    .collect(),
            )
        }));
        let naive_bayes = NaiveBayes::new(&wordings);
        let perceptron = Perceptron::new(wordings.into_iter().map(|(i, _)| i).collect(), examples);
        let mut by_title = published;
        by_title.sort_by_cached_key(|&i| {
            let title = content.topics[i].title.to_lowercase();
            title
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .to_owned()
        });
        Self {
            engine,
            anchors: Anchors::new(&content.anchor_words, &analyzer),
            subject: Anchors::new(&content.subject_words, &analyzer),
            context: Anchors::new(&content.context_words, &analyzer),
            analyzer,
            names,
            name_terms,
            naive_bayes,
            perceptron,
            examples: embedded_examples,
            common,
            by_title,
        }
    }

    /// BM25 over the engine, for terms already analysed.
    fn bm25(&self, terms: &[String], limit: usize) -> Vec<Match> {
        self.engine
            .search(&terms.join(" "), limit)
            .into_iter()
            .map(|r| Match {
                topic: r.document.id as usize,
                score: r.score,
            })
            .collect()
    }

    /// Whether the search understands enough of the question's terms to answer it: its own
    /// words and the condition words. Numbers it does not know ("5000 dollars", "12k") count
    /// neither way (see [`is_number`]).
    fn understands(&self, terms: &[String]) -> bool {
        let analyzer = &self.analyzer;
        let counted: Vec<&String> = terms
            .iter()
            .filter(|t| analyzer.understands(t) || !is_number(t))
            .collect();
        if counted.is_empty() {
            return false;
        }
        let known = counted.iter().filter(|t| analyzer.understands(t)).count();
        let coverage = known as f32 / counted.len() as f32;
        coverage >= MIN_COVERAGE || (known >= MIN_KNOWN_LONG && coverage >= MIN_COVERAGE_LONG)
    }

    /// Whether the question names a subject word and its best topic (`ranked[0]`) is clear: the
    /// runner-up under [`CLEAR_RATIO`] of its score.
    fn clearly_about_the_subject(&self, terms: &[String], ranked: &[Match]) -> bool {
        let clear = match ranked {
            [best, second, ..] => second.score < best.score * CLEAR_RATIO,
            _ => true,
        };
        clear && self.subject.named_in(terms)
    }

    /// Whether a question is about the knowledge base's subject: one with a word the knowledge
    /// base does not know ("does creatine cause hair loss"), a condition word included ("what
    /// causes heart attacks") and an [`EVERYDAY_WORDS`] word not, must name an anchor word
    /// ("exosome", "stem cells"), or a context word ("clinic") with at most
    /// [`MAX_UNKNOWN_IN_CONTEXT`] unknown words or a best match (`best`, its score) of
    /// [`CONFIDENT_IN_CONTEXT`]; one made only of the knowledge base's words always is. Without
    /// anchor words, every question is.
    fn on_subject(&self, terms: &[String], best: f32) -> bool {
        let vocabulary = &self.analyzer.vocabulary;
        let unknown = terms
            .iter()
            .filter(|t| {
                !vocabulary.knows_stem(t) && !self.analyzer.everyday.contains(*t) && !is_number(t)
            })
            .count();
        self.anchors.is_empty()
            || unknown == 0
            || self.anchors.named_in(terms)
            || ((unknown <= MAX_UNKNOWN_IN_CONTEXT || best >= CONFIDENT_IN_CONTEXT)
                && self.context.named_in(terms))
    }

    /// How closely the question says one of the topic's names: the best weighted Jaccard
    /// overlap between the question's terms and a name's, common words weighing
    /// [`COMMON_NAME_WEIGHT`] (so "med spa exosome shots" does not claim every question that
    /// mentions a med spa, while "exosome facial" still names its topic).
    /// `question` is the summed weight of `terms`.
    fn name_match(&self, topic: usize, terms: &HashSet<&str>, question: f32) -> f32 {
        self.name_terms.get(&topic).map_or(0.0, |names| {
            names
                .iter()
                .map(|name| {
                    let shared: f32 = name
                        .terms
                        .iter()
                        .filter(|(t, _)| terms.contains(t.as_str()))
                        .map(|(_, w)| w)
                        .sum();
                    shared / (name.weight + question - shared)
                })
                .fold(0.0, f32::max)
        })
    }

    /// BM25 candidates re-ranked by BM25 (scaled to the best) plus the name match plus the
    /// classifiers' mean probability of the topic; then, when `question` (its [`embed`]ding) is
    /// given, each moved by [`EMBEDDING_WEIGHT`] times how much more of the embedding's share
    /// ([`Examples::shares`]) it has than the best of those scores. That best keeps its score:
    /// where the words and the meaning agree, the answer and its score are the words' own, and
    /// a topic the meaning prefers rises by at most [`EMBEDDING_WEIGHT`].
    fn rank(&self, terms: &[String], question: Option<&[f32]>, limit: usize) -> Vec<Match> {
        let candidates = self.bm25(terms, CANDIDATES.max(limit));
        let Some(top) = candidates.first().map(|m| m.score) else {
            return Vec::new();
        };
        let set: HashSet<&str> = terms.iter().map(String::as_str).collect();
        let question_weight: f32 = set.iter().map(|t| name_weight(&self.common, t)).sum();
        let bayes = self.naive_bayes.posterior(terms);
        let perceptron = self.perceptron.posterior(terms);
        let posterior = |topic: usize| {
            let p = |list: &[f32]| list.get(topic).copied().unwrap_or(0.0);
            (p(&bayes) + p(&perceptron)) / 2.0
        };
        let scores: Vec<f32> = candidates
            .iter()
            .map(|m| {
                m.score / top
                    + NAME_WEIGHT * self.name_match(m.topic, &set, question_weight)
                    + CLASSIFIER_WEIGHT * posterior(m.topic)
            })
            .collect();
        let topics: Vec<usize> = candidates.iter().map(|m| m.topic).collect();
        let shares = question.map_or_else(
            || vec![0.0; topics.len()],
            |q| self.examples.shares(&topics, q),
        );
        // The best by words keeps its score; the embedding moves the others against it.
        let by_words = (0..scores.len())
            .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
            .map_or(0.0, |n| shares[n]);
        let mut ranked: Vec<Match> = topics
            .into_iter()
            .zip(scores.into_iter().zip(shares))
            .map(|(topic, (score, share))| Match {
                topic,
                score: score + EMBEDDING_WEIGHT * (share - by_words),
            })
            .collect();
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.topic.cmp(&b.topic)));
        ranked.truncate(limit);
        ranked
    }

    /// The topic a free-text question is about, or why there is none.
    pub fn ask(&self, question: &str) -> Outcome {
        let terms = self.analyzer.terms(question);
        let embedded = embed::embed(question);
        let ranked = self.rank(&terms, embedded.as_deref(), SUGGESTIONS + 1);
        let Some(&best) = ranked.first() else {
            return Outcome::NoMatch {
                nearest: Vec::new(),
            };
        };
        if best.score < MIN_SCORE
            || !(self.understands(&terms) || self.clearly_about_the_subject(&terms, &ranked))
            || !self.on_subject(&terms, best.score)
        {
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

    /// The topic of `allowed` (indices) the question fits clearly best; `allowed[0]` when none
    /// fits clearly better than it (or none fits at all): the first is the default. `None`
    /// when `allowed` is empty, or when the question is not about the subject (see
    /// `on_subject`) and the caller does not know it to be (`on_subject`: false).
    pub fn among(&self, question: &str, allowed: &[usize], on_subject: bool) -> Option<Match> {
        let first = *allowed.first()?;
        let terms = self.analyzer.terms(question);
        if !on_subject && !self.on_subject(&terms, 0.0) {
            return None;
        }
        let ranked: Vec<Match> = self
            .rank(&terms, embed::embed(question).as_deref(), self.names.len())
            .into_iter()
            .filter(|m| allowed.contains(&m.topic))
            .collect();
        let first_score = ranked
            .iter()
            .find(|m| m.topic == first)
            .map_or(0.0, |m| m.score);
        Some(match ranked.first() {
            Some(best) if best.topic != first && first_score < best.score * UNSURE_RATIO => *best,
            _ => Match {
                topic: first,
                score: first_score,
            },
        })
    }

    /// Whether the question names one of the anchor words (see `on_subject`); true when there
    /// are none.
    pub fn names_anchor(&self, question: &str) -> bool {
        self.anchors.is_empty() || self.anchors.named_in(&self.analyzer.terms(question))
    }

    /// Whether the question names one of `words`: a word compared as a stemmed, typo-corrected
    /// term ("bumps" names "bump"), a phrase as written, its words side by side and in any case
    /// ("tell the fda", whose "tell" and "the" the search does not read).
    pub fn names_any(&self, question: &str, words: &[String]) -> bool {
        let terms: HashSet<String> = self.analyzer.terms(question).into_iter().collect();
        let lower = question.to_lowercase();
        let text: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        words.iter().any(|w| {
            let phrase: Vec<String> = w
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect();
            match phrase.as_slice() {
                [_, _, ..] => text.windows(phrase.len()).any(|t| t == phrase.as_slice()),
                _ => self
                    .analyzer
                    .words(w, false)
                    .iter()
                    .any(|w| terms.contains(&self.analyzer.stem(w))),
            }
        })
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
        // Then what the words find, the word being typed completed from the vocabulary.
        let mut terms = self.analyzer.terms(&partial);
        if let Some(last) = partial.split_whitespace().last().filter(|w| w.len() >= 2) {
            terms.extend(
                self.analyzer
                    .vocabulary
                    .completions(last, 4)
                    .map(|w| self.analyzer.stem(w)),
            );
        }
        for m in self.rank(&terms, None, MAX_COMPLETIONS) {
            if seen.insert(m.topic) {
                out.push(m.topic);
            }
        }
        out.truncate(MAX_COMPLETIONS);
        out
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{is_number, one_edit_apart, plain_word, read_prices, without_doubt, PRICE};

    #[test]
    fn digits_and_amounts_in_thousands_are_numbers_and_words_are_not() {
        for term in ["361", "2019", "12k", "2m", "0"] {
            assert!(is_number(term), "{term}");
        }
        for term in ["k", "m", "12kk", "k12", "nct", "3d", "12km", "mk"] {
            assert!(!is_number(term), "{term}");
        }
    }

    proptest! {
        /// The typo check agrees with the optimal-string-alignment distance being 1, on short
        /// words from a small alphabet (so that near misses are common) and on non-ASCII ones.
        #[test]
        fn one_edit_apart_is_distance_one(a in "[abcé]{0,6}", b in "[abcé]{0,6}") {
            prop_assert_eq!(one_edit_apart(&a, &b), strsim::osa_distance(&a, &b) == 1);
        }

        #[test]
        fn one_edit_apart_on_ascii(a in "[ab]{0,7}", b in "[ab]{0,7}") {
            prop_assert_eq!(one_edit_apart(&a, &b), strsim::osa_distance(&a, &b) == 1);
        }
    }

    #[test]
    fn contractions_chat_spellings_and_trial_numbers_read_as_plain_words() {
        for (typed, read) in [
            ("they're", "they"),
            ("clinic's", "clinic"),
            ("ig", "instagram"),
            ("insta", "instagram"),
            ("ppl", "people"),
            ("yrs", "years"),
            ("nct05555555", "nct"),
            ("nct05xxxxxx", "nct"),
            ("nct0", "nct"),
            ("nct", "nct"),
            ("ncts", "ncts"),
            ("exosomes", "exosomes"),
        ] {
            assert_eq!(plain_word(typed), read, "{typed}");
        }
    }

    #[test]
    fn an_anchor_phrase_is_named_only_with_its_words_side_by_side() {
        let analyzer = super::Analyzer::new();
        let anchors = super::Anchors::new(&["stem cells".to_owned(), "prp".to_owned()], &analyzer);
        let named = |q: &str| anchors.named_in(&analyzer.terms(q));
        assert!(named("what are stem cells"));
        assert!(named("is stem cell therapy legal"));
        assert!(named("is prp better"));
        assert!(!named("any recipe with stem ginger for my cells"));
        assert!(!named("my phone's battery cells"));
    }

    #[test]
    fn a_stretched_word_is_read_as_written_usually() {
        let analyzer = super::Analyzer::new();
        for (typed, read) in [
            // A stop word.
            ("wayyy", "way"),
            ("soooo", "so"),
            // Neither cut is known to an empty vocabulary: two letters.
            ("goood", "good"),
            ("yesss", "yess"),
            ("exosomes", "exosomes"),
            ("ééé", "éé"),
            ("", ""),
        ] {
            assert_eq!(analyzer.unstretched(typed.to_owned()), read, "{typed}");
        }
    }

    #[test]
    fn a_last_clause_of_doubt_is_dropped_when_the_rest_asks_something() {
        let analyzer = super::Analyzer::new();
        for (question, read) in [
            (
                "are there human trials on exosomes or is it all marketing?",
                "are there human trials on exosomes?",
            ),
            ("do exosomes work or just hype", "do exosomes work"),
            ("is it a scam", "is it a scam"),
            ("legit or scam", "legit or scam"),
            ("exosomes or prp for my knee", "exosomes or prp for my knee"),
            (
                "is it marketing or do they work",
                "is it marketing or do they work",
            ),
        ] {
            assert_eq!(
                without_doubt(question, &analyzer.ignored),
                read,
                "{question}"
            );
        }
    }

    #[test]
    fn how_much_is_read_as_a_price_and_amounts_in_dollars_are_dropped() {
        for (question, price) in [
            ("how much r exosome facials, one place said $1,200", true),
            ("How much is it", true),
            ("how much research is there", false),
            ("how much of that is real", false),
            ("costs 5000 dollars", false),
        ] {
            assert_eq!(read_prices(question).contains(PRICE), price, "{question}");
        }
        for (question, read) in [
            ("is $5000 normal", "is   normal"),
            ("said $ 1,200.50 a session", "said   a session"),
            ("they want $5k", "they want  "),
            ("the $ sign", "the $ sign"),
        ] {
            assert_eq!(read_prices(question), read, "{question}");
        }
    }
}
