//! Where a clinic check stands: the [`State`] its token carries, its one canonical form, and
//! how each recorded answer reads.

use super::definition::{AnswerOption, Flag, InputKind, Question, Questionnaire};
use super::text::{Ind, Nct};
use super::token::{self, TokenError, TokenKey};

/// Where a check stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Asking the question at this index.
    Question(usize),
    /// Showing every answer, any of which can still be changed.
    Summary,
    /// Showing the report.
    Report,
}

/// What was recorded for one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Not reached yet.
    None,
    /// Passed over with "Skip".
    Skipped,
    /// The option at this index.
    Chosen(usize),
}

/// Everything a check needs between two presses; it travels in the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub(crate) owner: u64,
    pub(crate) version: u32,
    pub(crate) position: Position,
    pub(crate) answers: Vec<Answer>,
    /// Set once the summary has been shown: answering then returns to the summary.
    pub(crate) reviewing: bool,
    pub(crate) nct: Option<Nct>,
    pub(crate) ind: Option<Ind>,
}

impl State {
    /// A fresh check owned by `owner`, at its first question.
    pub fn new(q: &Questionnaire, owner: u64) -> Self {
        let mut state = Self {
            owner,
            version: q.version(),
            position: Position::Question(0),
            answers: vec![Answer::None; q.questions().len()],
            reviewing: false,
            nct: None,
            ind: None,
        };
        state.normalize(q);
        state
    }

    /// Reads a state back from a token (see [`token::decode`]).
    pub fn from_token(token: &str, q: &Questionnaire, key: &TokenKey) -> Result<Self, TokenError> {
        token::decode(token, q, key)
    }

    /// The signed token for this state.
    pub fn to_token(&self, key: &TokenKey) -> String {
        token::encode(self, key)
    }

    pub fn owner(&self) -> u64 {
        self.owner
    }

    pub fn position(&self) -> Position {
        self.position
    }

    pub fn answers(&self) -> &[Answer] {
        &self.answers
    }

    pub fn nct(&self) -> Option<Nct> {
        self.nct
    }

    pub fn ind(&self) -> Option<Ind> {
        self.ind
    }

    /// Whether a follow-up value is held in the state (the manufacturer travels in the message).
    fn has(&self, kind: InputKind) -> bool {
        match kind {
            InputKind::Ind => self.ind.is_some(),
            InputKind::Nct => self.nct.is_some(),
            InputKind::Manufacturer => false,
        }
    }

    /// Whether question `i` is asked, given the values so far (the branch).
    pub fn applies(&self, q: &Questionnaire, i: usize) -> bool {
        q.questions()
            .get(i)
            .is_some_and(|question| question.skip_if.is_none_or(|kind| !self.has(kind)))
    }

    /// The option chosen for question `i`, when it is asked and answered.
    pub fn chosen<'q>(&self, q: &'q Questionnaire, i: usize) -> Option<&'q AnswerOption> {
        match self.answers.get(i) {
            Some(Answer::Chosen(k)) if self.applies(q, i) => q.questions().get(i)?.options.get(*k),
            _ => None,
        }
    }

    /// Whether a current answer's form asks for this follow-up value.
    pub fn asks(&self, q: &Questionnaire, kind: InputKind) -> bool {
        (0..self.answers.len()).any(|i| self.chosen(q, i).is_some_and(|o| o.asks(kind)))
    }

    /// Brings the state to its one canonical form: no answers to questions the branch skips, no
    /// values that no current answer asks for, and never positioned on a skipped question.
    pub(crate) fn normalize(&mut self, q: &Questionnaire) {
        loop {
            let mut changed = false;
            for i in 0..self.answers.len() {
                if !self.applies(q, i) && self.answers[i] != Answer::None {
                    self.answers[i] = Answer::None;
                    changed = true;
                }
            }
            if self.nct.is_some() && !self.asks(q, InputKind::Nct) {
                self.nct = None;
                changed = true;
            }
            if self.ind.is_some() && !self.asks(q, InputKind::Ind) {
                self.ind = None;
                changed = true;
            }
            if !changed {
                break;
            }
        }
        if let Position::Question(i) = self.position {
            if !self.applies(q, i) {
                self.position = self.next_after(q, i);
            }
        }
    }

    /// The first asked question after `i`, or the summary.
    pub(crate) fn next_after(&self, q: &Questionnaire, i: usize) -> Position {
        (i + 1..self.answers.len())
            .find(|&j| self.applies(q, j))
            .map_or(Position::Summary, Position::Question)
    }

    /// The last asked question before `i` (all of them for `i == n`).
    pub(crate) fn previous_before(&self, q: &Questionnaire, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| self.applies(q, j))
    }

    /// Moves on from question `i` after it was answered or skipped.
    pub(crate) fn advance(&mut self, q: &Questionnaire, i: usize) {
        // The answer just given may change which questions are asked.
        self.normalize(q);
        self.position = if self.reviewing {
            Position::Summary
        } else {
            self.next_after(q, i)
        };
        if self.position == Position::Summary {
            self.reviewing = true;
        }
    }
}

/// How the recorded answer to question `i` reads, in one or two lines.
pub(crate) fn answer_text(q: &Questionnaire, state: &State, i: usize) -> String {
    let question = &q.questions()[i];
    if !state.applies(q, i) {
        return not_needed(question);
    }
    match state.answers[i] {
        Answer::Chosen(k) => {
            let option = &question.options[k];
            let mut text = format!("{}\n{}", option.label, option.flag.label());
            for value in values_of(state, option) {
                text.push('\n');
                text.push_str(&value);
            }
            text
        }
        Answer::Skipped => format!("Skipped\n{}", Flag::Open.label()),
        Answer::None => format!("Not answered yet\n{}", Flag::Open.label()),
    }
}

/// Why a question the branch skips is not asked.
pub(crate) fn not_needed(question: &Question) -> String {
    let given = match question.skip_if {
        Some(InputKind::Ind) => "an FDA IND number was given",
        Some(InputKind::Nct) => "a ClinicalTrials.gov number was given",
        Some(InputKind::Manufacturer) => "the manufacturer was named",
        None => "an earlier answer covers it",
    };
    format!("Not needed: {given}")
}

/// The follow-up numbers an option took, as lines.
pub(crate) fn values_of(state: &State, option: &AnswerOption) -> Vec<String> {
    let mut lines = Vec::new();
    for kind in option.all_inputs() {
        match kind {
            InputKind::Ind => {
                if let Some(ind) = state.ind {
                    lines.push(format!("IND number: {ind}"));
                }
            }
            InputKind::Nct => {
                if let Some(nct) = state.nct {
                    lines.push(format!("ClinicalTrials.gov number: {nct}"));
                }
            }
            InputKind::Manufacturer => {}
        }
    }
    lines
}
