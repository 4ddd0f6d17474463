//! Internal errors: something inside exobot failed, through no doing of the member's. Each is a
//! value of [`Internal`], logged once with its context where a feature gives up on it, and shown
//! to the member as the same one sentence, [`SOMETHING_WENT_WRONG`], unless the feature could
//! do without (then it is logged as worked around, and the member is not told). (What a member did wrong,
//! a bad button or form value, is not internal: features answer it in their own words.)

use std::fmt;

use crate::event::Response;
use crate::store::StoreError;

/// What a member reads when something inside exobot failed.
pub(crate) const SOMETHING_WENT_WRONG: &str =
    "Something went wrong inside exobot, so this could not be done. Please try again in a moment.";

/// Something inside exobot that failed.
#[derive(Debug)]
pub(crate) enum Internal {
    /// The store could not be read or written while the feature was doing `feature` (e.g.
    /// "list a channel's posts").
    Store {
        feature: &'static str,
        error: StoreError,
    },
}

impl Internal {
    /// A store error met while doing `feature`.
    pub(crate) fn store(feature: &'static str) -> impl FnOnce(StoreError) -> Internal {
        move |error| Internal::Store { feature, error }
    }

    /// Logs the error once, with its context, and returns what the member is told.
    pub(crate) fn answer(self) -> Response {
        tracing::error!(error = %self, "internal error");
        Response::notice(SOMETHING_WENT_WRONG)
    }

    /// Logs the error once, with its context and `instead`, what the feature did in its place
    /// (the member is not told: they got what they asked for).
    pub(crate) fn worked_around(self, instead: &'static str) {
        tracing::warn!(error = %self, instead, "internal error, worked around");
    }
}

impl fmt::Display for Internal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Internal::Store { feature, error } => write!(f, "{feature}: {error}"),
        }
    }
}

impl std::error::Error for Internal {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::Reply;

    #[test]
    fn an_internal_error_says_its_context_and_the_member_gets_the_one_sentence() {
        let failed = Internal::store("list a channel's posts")(StoreError::Stopped);
        assert!(failed.to_string().starts_with("list a channel's posts: "));
        match failed.answer().reply {
            Reply::Message(m) => {
                assert!(m.ephemeral);
                assert_eq!(m.content.as_deref(), Some(SOMETHING_WENT_WRONG));
            }
            other => panic!("{other:?}"),
        }
    }
}
