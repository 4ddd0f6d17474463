//! Interactions serenity 0.12.5 cannot read. When an INTERACTION_CREATE does not deserialize (a
//! required field missing, as in payloads of older shapes without `attachment_size_limit`, or a
//! field of a new shape), serenity turns it into an unknown event, logs it at DEBUG and calls no
//! handler: the member sees "the application did not respond" and the operator sees nothing.
//!
//! serenity still gives every raw event to a `RawEventHandler` (the bot's, `handler::Events`),
//! which hands such a dispatch to [`answer`]. A payload that lacks only fields with a known default is completed and answered as
//! usual; any other is answered with a polite ephemeral "could not read this". Each is counted
//! (`exobot_errors_total{kind="unreadable_interaction"}`) and logged with the shape problem
//! only: never the token or anything a member typed.

use std::sync::Arc;
use std::time::Instant;

use serde_json::Value;
use serenity::all::{
    CreateAllowedMentions, CreateAutocompleteResponse, CreateInteractionResponse,
    CreateInteractionResponseMessage, Http, Interaction, InteractionId,
};
use tracing::{info, warn};

use super::handler::{ErrorKind, Handler};
use super::respond::{Responder, Sink};
use crate::reply::Reply;

/// What a member reads when the bot could not read their request.
pub(super) const COULD_NOT_READ: &str =
    "Sorry, exobot could not read this request: Discord sent it in \
a form exobot does not understand yet, so nothing was done. The people who run exobot can see \
that this happened; please try again later.";

/// Fields serenity 0.12.5 requires that older payloads lack, with the value Discord documents
/// as their default (<https://docs.discord.com/developers/interactions/receiving-and-responding#interaction-object>):
/// `attachment_size_limit` in bytes (10 MiB, the limit without boosts), an empty
/// `entitlements` list, the `en-US` locale and interaction version 1.
fn defaults() -> [(&'static str, Value); 4] {
    [
        ("attachment_size_limit", Value::from(10_485_760_u64)),
        ("entitlements", Value::Array(Vec::new())),
        ("locale", Value::from("en-US")),
        ("version", Value::from(1_u64)),
    ]
}

/// Answers an interaction serenity dropped (`raw`, the dispatch's data), through the same
/// handler as every other; the first response goes through `sink`.
pub(super) async fn answer(handler: &Handler, http: Arc<Http>, sink: Sink, raw: Value) {
    let started = Instant::now();
    let metrics = &handler.health.metrics;
    metrics.error("unreadable_interaction");
    let problem = shape_problem(&raw);
    let kind = raw.get("type").and_then(Value::as_u64);
    let command = raw
        .get("data")
        .and_then(|d| d.get("name"))
        .and_then(Value::as_str)
        .map(|name| name.chars().take(32).collect::<String>());
    if let Some(interaction) = completed(&raw) {
        warn!(
            kind = ?kind,
            command = command.as_deref().unwrap_or("-"),
            problem = %problem,
            outcome = "completed",
            "an interaction serenity could not read; answered with defaults for missing fields"
        );
        handler.interaction(http, sink, interaction).await;
        return;
    }
    warn!(
        kind = ?kind,
        command = command.as_deref().unwrap_or("-"),
        problem = %problem,
        outcome = "refused",
        "an interaction serenity could not read; said so to the member"
    );
    let (Some(id), Some(token)) = (
        raw.get("id")
            .and_then(Value::as_str)
            .and_then(|id| id.parse::<u64>().ok())
            .filter(|id| *id != 0),
        raw.get("token").and_then(Value::as_str),
    ) else {
        return;
    };
    let response = match kind {
        // Autocomplete: no choices is the only answer that fits.
        Some(4) => CreateInteractionResponse::Autocomplete(CreateAutocompleteResponse::new()),
        // Command, component, modal submit.
        Some(2 | 3 | 5) => CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new()
                .ephemeral(true)
                .content(COULD_NOT_READ)
                .allowed_mentions(CreateAllowedMentions::new()),
        ),
        // A ping, or a type this bot cannot know how to answer.
        _ => return,
    };
    let out = Responder::new(http, InteractionId::new(id), token, sink);
    // No files in either answer: the reply is only for the responder's file check.
    let result = out
        .create(&response, &Reply::Autocomplete(Vec::new()))
        .await;
    let seconds = started.elapsed().as_secs_f64();
    match result {
        Ok(()) => {
            info!(kind = "unreadable", outcome = "answered", "interaction");
            metrics.interaction("unreadable", "answered", seconds);
        }
        Err(e) => {
            warn!(kind = "unreadable", outcome = "failed", error = %ErrorKind(&e), "interaction");
            metrics.interaction("unreadable", "failed", seconds);
        }
    }
}

/// The interaction, once the fields older payloads lack are filled in; `None` when it still
/// cannot be read (or was not an object).
fn completed(raw: &Value) -> Option<Interaction> {
    let mut value = raw.clone();
    let object = value.as_object_mut()?;
    let mut added = false;
    for (field, default) in defaults() {
        if !object.contains_key(field) {
            object.insert(field.to_owned(), default);
            added = true;
        }
    }
    if !added {
        return None;
    }
    serde_json::from_value(value).ok()
}

/// Why serenity could not read the payload, without any value from it: serde names a missing
/// field or the expected type, but quotes string values (which can be what a member typed), so
/// everything from the first quote on is withheld. Also the payload's top-level field names.
pub(super) fn shape_problem(raw: &Value) -> String {
    let error = match serde_json::from_value::<Interaction>(raw.clone()) {
        Ok(_) => return "none (serenity reads it)".to_owned(),
        Err(e) => e.to_string(),
    };
    let error = match error.find('"') {
        Some(quote) => format!("{}(value withheld)", &error[..quote]),
        None => error,
    };
    let fields = raw.as_object().map_or_else(
        || format!("not an object but {}", type_name(raw)),
        |object| {
            let names: Vec<&str> = object
                .keys()
                .map(String::as_str)
                .filter(|k| k.len() <= 40 && k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
                .collect();
            format!("fields: {}", names.join(","))
        },
    );
    format!("{error}; {fields}")
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shape_problem_names_fields_but_never_a_value_or_the_token() {
        let raw = serde_json::json!({
            "id": "1", "application_id": "2", "type": 2, "token": "secret-token-value",
            "data": "what a member typed", "channel_id": "3", "version": 1, "locale": "en-US",
            "entitlements": [], "attachment_size_limit": 1,
        });
        let problem = shape_problem(&raw);
        assert!(!problem.contains("secret-token-value"), "{problem}");
        assert!(!problem.contains("what a member typed"), "{problem}");
        assert!(problem.contains("token"), "field names are kept: {problem}");
        assert!(shape_problem(&Value::Null).ends_with("not an object but null"));
    }
}
