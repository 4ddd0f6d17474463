//! The search's two learned signals: how likely each topic is to be asked in a question's terms,
//! learned at load from the topics' wording (titles, aliases, keywords, examples) and from the
//! phrasings. Both run offline on what the knowledge folder holds; nothing is shipped or
//! downloaded.
//!
//! - [`NaiveBayes`] pools each topic's wording into one bag of terms and weighs a term by how
//!   much more one topic uses it than the others.
//! - [`Perceptron`] learns from each question as patients type it (a topic's examples and
//!   phrasings) as its own example, and weighs a term by how much it told the right topic from
//!   the one it was confused with, in the examples it got wrong: a word that many topics use
//!   counts for little even where one topic uses it often.
//!
//! The ranking reads their mean. Measured by cross-validation on the read evaluation sets (learn
//! from one half of their questions, score the other): naive Bayes alone 833/868 and 766/805,
//! the perceptron alone 836 and 767, their mean 836 and 772, their sum 836 and 773. The mean
//! keeps the scale the search's thresholds were chosen on. The perceptron learns from questions
//! only: titles, aliases and keywords as examples too gave 839 + 772 (titles and aliases
//! alone, 837 + 774), and on 5,000 generated topics they cost 235 ms of load (120 ms), for
//! words shared by hundreds of topics that no weight can tell apart.

use std::collections::{HashMap, HashSet};

/// Laplace (add-one) smoothing of [`NaiveBayes`]'s term counts.
const SMOOTHING: f32 = 1.0;

/// Passes of [`Perceptron`] over its examples. Measured as above: 3, 5, 10 and 20 passes gave
/// 833 + 766, 836 + 771, 836 + 772 and 836 + 771.
const EPOCHS: usize = 10;

/// How far the right topic's score must lead the best wrong one's before an example stops
/// teaching [`Perceptron`]. Measured as above: 0.5, 1, 2 and 4 gave 836 + 772, 836 + 772,
/// 839 + 772 and 837 + 773: within noise, so the usual 1.
const MARGIN: f32 = 1.0;

/// A multinomial naive Bayes classifier over the topics: P(topic | terms), each topic's wording
/// pooled into one bag of terms. BM25 weighs a word by how few topics use it; this weighs it by
/// how much more one topic uses it than the others, which is what a paraphrase leans on.
#[derive(Debug)]
pub(super) struct NaiveBayes {
    /// Term -> for each topic that uses it: (position in `topics`, log P(term | topic) minus
    /// log P(unseen term | topic)).
    postings: HashMap<String, Vec<(u32, f32)>>,
    /// Per position: the topic's index in `Content::topics` and log P(unseen term | topic).
    topics: Vec<(usize, f32)>,
    /// One more than the largest topic index: the length of a posterior.
    len: usize,
}

impl NaiveBayes {
    /// Learns from `(topic index, the stemmed terms of all its wording)`, with
    /// add-[`SMOOTHING`] smoothing over the terms all topics use.
    pub(super) fn new(topics: &[(usize, Vec<String>)]) -> Self {
        let known: HashSet<&String> = topics.iter().flat_map(|(_, terms)| terms).collect();
        let smoothed = SMOOTHING * known.len() as f32;
        let mut postings: HashMap<String, Vec<(u32, f32)>> = HashMap::new();
        let mut positions = Vec::with_capacity(topics.len());
        for (position, (topic, terms)) in topics.iter().enumerate() {
            let mut counts: HashMap<&String, f32> = HashMap::new();
            for term in terms {
                *counts.entry(term).or_default() += 1.0;
            }
            let total = terms.len() as f32 + smoothed;
            let unseen = (SMOOTHING / total).ln();
            for (term, count) in counts {
                let seen = ((count + SMOOTHING) / total).ln();
                postings
                    .entry(term.clone())
                    .or_default()
                    .push((position_of(position), seen - unseen));
            }
            positions.push((*topic, unseen));
        }
        Self {
            postings,
            len: posterior_len(topics.iter().map(|(topic, _)| *topic)),
            topics: positions,
        }
    }

    /// P(topic | terms), indexed by topic index (0 for unpublished topics); all zero when no
    /// term is one the topics use. Terms no topic uses count neither way.
    pub(super) fn posterior(&self, terms: &[String]) -> Vec<f32> {
        let known: Vec<&Vec<(u32, f32)>> =
            terms.iter().filter_map(|t| self.postings.get(t)).collect();
        if known.is_empty() {
            return vec![0.0; self.len];
        }
        let n = known.len() as f32;
        let mut logs: Vec<f32> = self.topics.iter().map(|(_, unseen)| n * unseen).collect();
        for posting in known {
            for &(position, lift) in posting {
                if let Some(log) = logs.get_mut(position as usize) {
                    *log += lift;
                }
            }
        }
        softmax(&logs, self.topics.iter().map(|(topic, _)| *topic), self.len)
    }
}

/// An averaged multiclass perceptron over the topics: a weight per (term, topic), learned from
/// questions (a topic's examples and phrasings), each read as the set of its terms. Its scores,
/// through a softmax, give P(topic | terms).
#[derive(Debug)]
pub(super) struct Perceptron {
    /// Term -> for each topic it has a weight for: (position in `topics`, the weight averaged
    /// over every step of the learning, which keeps it from swinging to the last examples).
    weights: HashMap<String, Vec<(u32, f32)>>,
    /// Per position: the topic's index in `Content::topics`.
    topics: Vec<usize>,
    /// One more than the largest topic index: the length of a posterior.
    len: usize,
}

/// A weight while the perceptron learns: its topic's position, the weight, and the sum of its
/// changes each times the step it was made at (from which the average is taken at the end).
type Learning = (u32, f32, f32);

impl Perceptron {
    /// Learns from `examples`, each (position in `topics`, the example's stemmed terms), over
    /// at most [`EPOCHS`] passes in an order shuffled by a fixed seed: the same wording learns
    /// the same weights. It stops early after a pass that changed nothing. At each example that
    /// the right topic does not lead by [`MARGIN`], its terms move towards the right topic and
    /// away from the best-scoring wrong one.
    pub(super) fn new(topics: Vec<usize>, examples: Vec<(usize, Vec<String>)>) -> Self {
        let mut ids: HashMap<String, usize> = HashMap::new();
        let examples: Vec<(usize, Vec<usize>)> = examples
            .into_iter()
            .map(|(topic, terms)| {
                let mut features: Vec<usize> = terms
                    .into_iter()
                    .map(|term| {
                        let next = ids.len();
                        *ids.entry(term).or_insert(next)
                    })
                    .collect();
                features.sort_unstable();
                features.dedup();
                (topic, features)
            })
            // A wording of stop words only teaches nothing, and would keep every pass "wrong".
            .filter(|(_, features)| !features.is_empty())
            .collect();
        let mut weights: Vec<Vec<Learning>> = vec![Vec::new(); ids.len()];
        let mut scores = vec![0.0_f32; topics.len()];
        let mut scored = vec![false; topics.len()];
        let mut touched: Vec<usize> = Vec::new();
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut seed: u64 = 0x5eed;
        let mut step = 1.0_f32;
        for _ in 0..EPOCHS {
            let mut updated = false;
            // Fisher-Yates with a linear congruential generator (Knuth's MMIX constants).
            for i in (1..order.len()).rev() {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                order.swap(i, (seed >> 33) as usize % (i + 1));
            }
            for &e in &order {
                let (truth, ref features) = examples[e];
                for &feature in features {
                    for &(topic, weight, _) in &weights[feature] {
                        let topic = topic as usize;
                        if !scored[topic] {
                            scored[topic] = true;
                            touched.push(topic);
                        }
                        scores[topic] += weight;
                    }
                }
                let rival = best_wrong(&scores, &scored, &touched, truth);
                if let Some(rival) = rival {
                    if scores[truth] - scores[rival] < MARGIN {
                        updated = true;
                        for &feature in features {
                            nudge(&mut weights[feature], truth, 1.0, step);
                            nudge(&mut weights[feature], rival, -1.0, step);
                        }
                    }
                }
                for &topic in &touched {
                    scores[topic] = 0.0;
                    scored[topic] = false;
                }
                touched.clear();
                step += 1.0;
            }
            // Every example leads by the margin: another pass would change nothing.
            if !updated {
                break;
            }
        }
        let mut averaged = HashMap::with_capacity(ids.len());
        for (term, id) in ids {
            let list = std::mem::take(&mut weights[id])
                .into_iter()
                .map(|(topic, weight, sum)| (topic, weight - sum / step))
                .collect();
            averaged.insert(term, list);
        }
        Self {
            weights: averaged,
            len: posterior_len(topics.iter().copied()),
            topics,
        }
    }

    /// P(topic | terms), indexed by topic index (0 for unpublished topics): a softmax of the
    /// topics' summed weights over the question's distinct terms. All zero when no term is one
    /// the wording uses.
    pub(super) fn posterior(&self, terms: &[String]) -> Vec<f32> {
        // Sorted, so that the sums are added in the same order every time.
        let mut unique: Vec<&String> = terms.iter().collect();
        unique.sort_unstable();
        unique.dedup();
        let mut scores = vec![0.0_f32; self.topics.len()];
        let mut known = false;
        for term in unique {
            if let Some(list) = self.weights.get(term) {
                known = true;
                for &(position, weight) in list {
                    scores[position as usize] += weight;
                }
            }
        }
        if !known {
            return vec![0.0; self.len];
        }
        softmax(&scores, self.topics.iter().copied(), self.len)
    }
}

/// The wrong topic (a position) scoring best: a scored one, or, when every scored wrong one is
/// below 0, the first unscored one (whose score is 0). `None` with a single topic.
fn best_wrong(scores: &[f32], scored: &[bool], touched: &[usize], truth: usize) -> Option<usize> {
    let best_scored = touched
        .iter()
        .copied()
        .filter(|&t| t != truth)
        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)));
    if best_scored.is_some_and(|t| scores[t] >= 0.0) {
        return best_scored;
    }
    (0..scores.len())
        .find(|&t| t != truth && !scored[t])
        .or(best_scored)
}

/// Adds `change` to the weight of `topic` in a term's list, made at `step`.
fn nudge(list: &mut Vec<Learning>, topic: usize, change: f32, step: f32) {
    let topic = position_of(topic);
    match list.binary_search_by_key(&topic, |(t, _, _)| *t) {
        Ok(at) => {
            list[at].1 += change;
            list[at].2 += step * change;
        }
        Err(at) => list.insert(at, (topic, change, step * change)),
    }
}

/// `values` (one per position) through a softmax, placed at each position's topic index in a
/// vector of `len`.
fn softmax(values: &[f32], topics: impl Iterator<Item = usize>, len: usize) -> Vec<f32> {
    let max = values.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let sum: f32 = values.iter().map(|v| (v - max).exp()).sum();
    let mut out = vec![0.0; len];
    for (topic, value) in topics.zip(values) {
        out[topic] = (value - max).exp() / sum;
    }
    out
}

fn position_of(position: usize) -> u32 {
    u32::try_from(position).unwrap_or(u32::MAX)
}

fn posterior_len(topics: impl Iterator<Item = usize>) -> usize {
    topics.map(|topic| topic + 1).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::{NaiveBayes, Perceptron};

    fn terms(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn naive_bayes_leans_to_the_topic_that_uses_a_word_most() {
        // Topic 1 is unpublished: it is not learned and its probability is 0.
        let classifier = NaiveBayes::new(&[
            (0, terms("cost price insur price exosom")),
            (2, terms("fda approv legal exosom")),
        ]);
        let posterior = classifier.posterior(&terms("price exosom"));
        assert_eq!(posterior.len(), 3);
        assert_eq!(posterior[1], 0.0);
        assert!(
            posterior[0] > 0.6 && posterior[0] > posterior[2],
            "{posterior:?}"
        );
        assert!((posterior.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        // A word both use evenly says nothing; one neither uses counts neither way.
        let even = classifier.posterior(&terms("exosom zebra"));
        assert!((even[0] - even[2]).abs() < 0.2, "{even:?}");
        assert!(classifier
            .posterior(&terms("zebra"))
            .iter()
            .all(|p| *p == 0.0));
    }

    #[test]
    fn the_perceptron_learns_the_words_that_tell_topics_apart() {
        // Topic 1 is unpublished. "trial" is in both topics' examples: the words beside it decide.
        let learn = || {
            Perceptron::new(
                vec![0, 2],
                vec![
                    (0, terms("regist trial approv")),
                    (0, terms("regist clinic mean approv")),
                    (1, terms("trial differ consum")),
                    (1, terms("trial or treatment")),
                ],
            )
        };
        let perceptron = learn();
        let posterior = perceptron.posterior(&terms("regist trial"));
        assert_eq!(posterior.len(), 3);
        assert_eq!(posterior[1], 0.0);
        assert!(posterior[0] > 0.5, "{posterior:?}");
        assert!((posterior.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        let other = perceptron.posterior(&terms("consum trial"));
        assert!(other[2] > 0.5, "{other:?}");
        // Learning is deterministic, and a word it never saw counts neither way.
        assert_eq!(learn().posterior(&terms("regist trial")), posterior);
        // The same question always sums its weights in the same order.
        let long = terms("regist trial approv clinic mean differ consum treatment or regist");
        let first = perceptron.posterior(&long);
        assert!((0..50).all(|_| perceptron.posterior(&long) == first));
        assert!(perceptron
            .posterior(&terms("zebra"))
            .iter()
            .all(|p| *p == 0.0));
    }
}
