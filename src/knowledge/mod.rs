//! The vetted knowledge base: load, validate, search and render topics.

/// The line every answer ends with.
pub const DISCLAIMER: &str = "General information, not medical advice. exobot is not a doctor: talk to your own doctor about your health.";

/// A reference address the bot points people to (look up a trial, report an adverse event).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub id: String,
    pub label: String,
    /// May contain `{nct}`, replaced by a trial number.
    pub url: String,
    pub confirmed: bool,
}
