//! A static embedding model that runs offline, read by two learned signals: the search's third
//! (how close a question's meaning is to the questions each topic is asked in, its examples and
//! phrasings: [`Examples`]) and the triage's reader of reports (`triage::reader`).
//!
//! The model is WordLlama's `l2_supercat` (the `wordllama` 0.4.0 package on PyPI, MIT): one
//! vector per token of the Llama 2 tokenizer, trained so that the mean of a text's token vectors
//! embeds the text. exobot keeps its first [`DIMS`] dimensions (the model was trained so that a
//! prefix is an embedding too), one signed byte per value with a scale per token:
//! models/wordllama/ holds the files, how they were made and their licences.
//!
//! A question is compared with every example of a candidate topic; the topic's closeness is the
//! mean cosine of its [`NEAREST`] closest examples. Words the keyword search cannot match
//! ("where do exosomes come from" against "what are exosomes made of") are near in the model.

use std::sync::LazyLock;

use tokenizers::Tokenizer;

/// The model's tokenizer, as the package ships it (without indentation).
const TOKENIZER: &str = include_str!("../../models/wordllama/tokenizer.json");

/// The token vectors: `b"EXOEMB01"`, u32 tokens, u32 dims (little endian), an f32 scale per
/// token, then `dims` signed bytes per token; a value is its byte times its token's scale.
const EMBEDDINGS: &[u8] = include_bytes!("../../models/wordllama/embeddings.bin");

/// Dimensions kept of the model's 256. Measured by cross-validation on the read evaluation sets
/// (the model alone, nearest examples of each topic): 256 as floats 1,557 of 1,673, 128 as bytes
/// 1,553, 64 as bytes 1,538.
const DIMS: usize = 128;

/// How many of a topic's closest examples its closeness is the mean of. Measured as above: 1, 3
/// and 5 gave 1,538, 1,554 and 1,543.
const NEAREST: usize = 3;

/// How sharply [`Examples::shares`] favours the closest topic: closeness is divided by it
/// before the softmax. Measured with the ranking's weight (see `EMBEDDING_WEIGHT` there).
const TEMPERATURE: f32 = 0.02;

/// The tokenizer and the token vectors, read once from the binary.
struct Model {
    tokenizer: Tokenizer,
    /// Per token: its scale.
    scales: Vec<f32>,
    /// Per token: [`DIMS`] signed bytes.
    values: Vec<i8>,
}

/// The model compiled into the binary. Its files are checked by this module's tests, so the
/// `expect`s cannot fire in a binary that passed them.
static MODEL: LazyLock<Model> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    let tokenizer = Tokenizer::from_bytes(TOKENIZER).expect("models/wordllama/tokenizer.json");
    let (header, rest) = EMBEDDINGS.split_at(16);
    assert_eq!(&header[..8], b"EXOEMB01", "models/wordllama/embeddings.bin");
    let number = |at: usize| {
        let bytes: [u8; 4] = [header[at], header[at + 1], header[at + 2], header[at + 3]];
        u32::from_le_bytes(bytes) as usize
    };
    let (tokens, dims) = (number(8), number(12));
    assert_eq!(dims, DIMS, "models/wordllama/embeddings.bin");
    assert_eq!(
        rest.len(),
        tokens * (4 + dims),
        "models/wordllama/embeddings.bin"
    );
    let (scales, values) = rest.split_at(tokens * 4);
    Model {
        tokenizer,
        scales: scales
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect(),
        values: values.iter().map(|&b| b as i8).collect(),
    }
});

/// A text's embedding: the mean of its tokens' vectors scaled to length 1, [`DIMS`] values.
/// `None` when the text has no token. Read in lower case, its words joined by single spaces.
pub(crate) fn embed(text: &str) -> Option<Vec<f32>> {
    let model = &*MODEL;
    let words: Vec<&str> = text.split_whitespace().collect();
    let encoding = model
        .tokenizer
        .encode_fast(words.join(" ").to_lowercase(), false)
        .ok()?;
    let mut sum = vec![0.0_f32; DIMS];
    let mut count = 0_usize;
    for &id in encoding.get_ids() {
        let id = id as usize;
        let Some(&scale) = model.scales.get(id) else {
            continue;
        };
        let row = &model.values[id * DIMS..(id + 1) * DIMS];
        for (s, &v) in sum.iter_mut().zip(row) {
            *s += f32::from(v) * scale;
        }
        count += 1;
    }
    let norm = sum.iter().map(|v| v * v).sum::<f32>().sqrt();
    if count == 0 || norm == 0.0 {
        return None;
    }
    sum.iter_mut().for_each(|v| *v /= norm);
    Some(sum)
}

/// The embeddings of every topic's example questions, for [`Examples::closeness`].
#[derive(Debug, Default)]
pub(crate) struct Examples {
    /// Per topic index in `Content::topics`: the range of its examples in `vectors`, in
    /// [`DIMS`]-value steps.
    ranges: Vec<std::ops::Range<usize>>,
    /// The examples' embeddings one after another, [`DIMS`] values each.
    vectors: Vec<f32>,
}

impl Examples {
    /// Embeds `(topic index, its example questions)`; topics not given have no examples.
    pub(crate) fn new<'a>(topics: impl IntoIterator<Item = (usize, Vec<&'a str>)>) -> Self {
        let mut examples = Self::default();
        for (topic, questions) in topics {
            let start = examples.vectors.len() / DIMS;
            for question in questions {
                if let Some(vector) = embed(question) {
                    examples.vectors.extend(vector);
                }
            }
            if examples.ranges.len() <= topic {
                examples.ranges.resize(topic + 1, 0..0);
            }
            examples.ranges[topic] = start..examples.vectors.len() / DIMS;
        }
        examples
    }

    /// How close `question` (an [`embed`]ding) is to the topic's examples: the mean cosine of
    /// its [`NEAREST`] closest, between -1 and 1; `None` when it has none.
    fn closeness(&self, topic: usize, question: &[f32]) -> Option<f32> {
        let range = self.ranges.get(topic)?.clone();
        if range.is_empty() {
            return None;
        }
        let mut nearest = [f32::MIN; NEAREST];
        for n in range {
            let vector = &self.vectors[n * DIMS..(n + 1) * DIMS];
            let cosine: f32 = vector.iter().zip(question).map(|(a, b)| a * b).sum();
            if let Some(low) = nearest.iter_mut().min_by(|a, b| a.total_cmp(b)) {
                if cosine > *low {
                    *low = cosine;
                }
            }
        }
        let found: Vec<f32> = nearest.into_iter().filter(|&c| c > f32::MIN).collect();
        Some(found.iter().sum::<f32>() / found.len() as f32)
    }
}

impl Examples {
    /// Each of `topics`' share of `question` (an [`embed`]ding): a softmax of their
    /// [`Examples::closeness`] divided by [`TEMPERATURE`], summing to 1 over the topics that
    /// have examples; 0 for those that have none. Same order as `topics`.
    pub(crate) fn shares(&self, topics: &[usize], question: &[f32]) -> Vec<f32> {
        let closeness: Vec<Option<f32>> = topics
            .iter()
            .map(|&t| self.closeness(t, question))
            .collect();
        let best = closeness.iter().flatten().copied().fold(f32::MIN, f32::max);
        let weights: Vec<f32> = closeness
            .iter()
            .map(|c| c.map_or(0.0, |c| ((c - best) / TEMPERATURE).exp()))
            .collect();
        let sum: f32 = weights.iter().sum();
        if sum == 0.0 {
            return weights;
        }
        weights.into_iter().map(|w| w / sum).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_reads_and_puts_paraphrases_closer_than_other_questions() {
        let question = embed("where do exosomes come from").expect("has words");
        let near = embed("what cells release exosomes").expect("has words");
        let far = embed("how do i report a bad reaction to the fda").expect("has words");
        let dot = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
        assert!((dot(&question, &question) - 1.0).abs() < 1e-4);
        assert!(dot(&question, &near) > dot(&question, &far));
        assert_eq!(embed("  "), None);
    }

    #[test]
    fn closeness_is_the_mean_of_the_nearest_examples() {
        let examples = Examples::new([
            (0, vec!["is it fda approved", "is it legal in the us"]),
            (2, vec!["how much does it cost"]),
        ]);
        let question = embed("is it fda approved").expect("has words");
        let zero = examples.closeness(0, &question).expect("has words");
        let other = embed("is it legal in the us").expect("has words");
        let expected = (1.0 + question.iter().zip(&other).map(|(a, b)| a * b).sum::<f32>()) / 2.0;
        assert!((zero - expected).abs() < 1e-4);
        assert_eq!(examples.closeness(1, &question), None);
        assert_eq!(examples.closeness(7, &question), None);
        assert!(examples.closeness(2, &question).expect("has words") < zero);
        let shares = examples.shares(&[2, 1, 0], &question);
        assert_eq!(shares[1], 0.0);
        assert!((shares.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        assert!(shares[2] > shares[0]);
    }
}
