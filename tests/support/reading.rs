//! Reading what the bot sent: the buttons and selects of a message or callback body.

use serde_json::Value;

/// (label, custom id) of every button and select of a message or callback body.
pub fn components(message: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for row in message["components"].as_array().into_iter().flatten() {
        for c in row["components"].as_array().into_iter().flatten() {
            let id = c["custom_id"].as_str().unwrap_or("").to_owned();
            out.push((c["label"].as_str().unwrap_or("").to_owned(), id));
        }
    }
    out
}

/// The custom id of the first component whose label starts with `label`; panics naming what
/// there is when none does.
pub fn id_of(message: &Value, label: &str) -> String {
    components(message)
        .into_iter()
        .find(|(l, _)| l.starts_with(label))
        .unwrap_or_else(|| panic!("no component {label:?} in {:#?}", components(message)))
        .1
}
