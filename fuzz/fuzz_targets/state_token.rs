#![no_main]
//! The clinic check's signed state token, against the shipped questionnaire and a fixed key.
//!
//! Each input is used three ways:
//! - as a token and as a custom id (`ck:<action>:<token>`): a token that decodes must encode
//!   back to the same text and decode again to an equal state, and must be refused under
//!   another key; a custom id of the check goes through `handle`, whose reply must fit Discord;
//! - as a walk through the check: each byte presses one of the current message's components
//!   (forms are filled from a few fixed answers), every token the engine issues must decode,
//!   and round trip as above;
//! - as an edit of one issued token (a character replaced, the token cut or lengthened): the
//!   edited token must be refused.

use exobot::questionnaire::{handle, is_ours, split_custom_id, Carried, Input, State, PREFIX};
use exobot::reply::{Message, Reply};
use libfuzzer_sys::fuzz_target;

#[allow(dead_code, reason = "shared by the fuzz targets, each uses a part")]
mod shared;
use shared::{components, shipped, Shipped};

const OWNER: u64 = 412_345_678_901_234_567;
const STEPS: usize = 24;
const BASE64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Decodes a token; one that decodes must have exactly one form and one state.
fn check_token(s: &Shipped, token: &str) -> Option<State> {
    match State::from_token(token, &s.q, &s.key) {
        Ok(state) => {
            let again = state.to_token(&s.key);
            assert_eq!(again, token, "a decoded state encodes to its token");
            assert_eq!(State::from_token(&again, &s.q, &s.key), Ok(state.clone()));
            assert_eq!(state.answers().len(), s.q.questions().len());
            assert!(
                State::from_token(token, &s.q, &s.other_key).is_err(),
                "a token is refused under another key"
            );
            Some(state)
        }
        Err(error) => {
            let _ = error.to_string();
            None
        }
    }
}

/// Every reply fits Discord's limits; every custom id is the check's and fits 100 characters.
fn assert_fits(reply: &Reply) {
    assert_eq!(reply.limit_errors(), Vec::new(), "{reply:#?}");
    let ids: Vec<String> = match reply {
        Reply::Message(m) | Reply::Update(m) => components(m).into_iter().map(|c| c.0).collect(),
        Reply::Modal(modal) => vec![modal.custom_id.clone()],
        Reply::Autocomplete(_) | Reply::Defer => Vec::new(),
    };
    for id in ids {
        assert!(id.starts_with(PREFIX), "{id}");
        assert!(id.chars().count() <= 100, "{id}");
    }
}

/// Every token in a reply the engine gave must decode.
fn check_issued(s: &Shipped, reply: &Reply) -> Vec<String> {
    let ids: Vec<String> = match reply {
        Reply::Message(m) | Reply::Update(m) => components(m).into_iter().map(|c| c.0).collect(),
        Reply::Modal(modal) => vec![modal.custom_id.clone()],
        Reply::Autocomplete(_) | Reply::Defer => Vec::new(),
    };
    let mut tokens = Vec::new();
    for id in ids {
        if let Some((_, token)) = split_custom_id(&id) {
            let state = check_token(s, token);
            assert!(
                state.is_some(),
                "the engine issued a token it refuses: {id}"
            );
            assert_eq!(state.map(|st| st.owner()), Some(OWNER));
            tokens.push(token.to_owned());
        }
    }
    tokens
}

/// A few fixed answers for a form's inputs, picked by one byte.
fn form_value(input: &str, pick: u8) -> String {
    let choices: &[&str] = match input {
        "ind" => &["123456", "IND 0012", "", "12"],
        "nct" => &["NCT01234567", "nct99999999", "", "NCT1"],
        "manufacturer" => &["Acme Bio", "", "@everyone"],
        _ => &["a note", "", "*bold* <@1>"],
    };
    choices[usize::from(pick) % choices.len()].to_owned()
}

fn message_of(reply: &Reply) -> Option<&Message> {
    match reply {
        Reply::Message(m) | Reply::Update(m) => Some(m),
        _ => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let s = shipped();
    let text = String::from_utf8_lossy(data);

    // The input as a token, and as a custom id.
    let decoded = check_token(s, &text);
    if let Some((_, token)) = split_custom_id(&text) {
        let state = check_token(s, token);
        if is_ours(&text) {
            let user = state.or(decoded).map_or(OWNER, |st| st.owner());
            for input in [
                Input::Press {
                    custom_id: text.to_string(),
                    values: vec![text.to_string()],
                },
                Input::Submit {
                    custom_id: text.to_string(),
                    fields: vec![("note".into(), text.to_string())],
                },
            ] {
                let reply = handle(&s.q, &s.key, &s.links, user, input, Carried::default());
                assert_fits(&reply);
            }
        }
    }

    // The input as a walk through the check.
    let start = Input::Start { clinic: None };
    let reply = handle(&s.q, &s.key, &s.links, OWNER, start, Carried::default());
    assert_fits(&reply);
    let mut tokens = check_issued(s, &reply);
    let Some(mut current) = message_of(&reply).cloned() else {
        panic!("a check starts with a message: {reply:#?}");
    };
    let mut bytes = data.iter().copied();
    for _ in 0..STEPS {
        let Some(b) = bytes.next() else { break };
        let options = components(&current);
        if options.is_empty() {
            break;
        }
        let (custom_id, values) = &options[usize::from(b) % options.len()];
        let values = if values.is_empty() {
            Vec::new()
        } else {
            vec![values[usize::from(b >> 4) % values.len()].clone()]
        };
        let carried = Carried::from_embeds(&current.embeds);
        let press = Input::Press {
            custom_id: custom_id.clone(),
            values,
        };
        let mut reply = handle(&s.q, &s.key, &s.links, OWNER, press, carried.clone());
        assert_fits(&reply);
        tokens.extend(check_issued(s, &reply));
        if let Reply::Modal(modal) = &reply {
            let pick = bytes.next().unwrap_or(0);
            let fields = modal
                .inputs
                .iter()
                .map(|i| (i.custom_id.clone(), form_value(&i.custom_id, pick)))
                .collect();
            let submit = Input::Submit {
                custom_id: modal.custom_id.clone(),
                fields,
            };
            reply = handle(&s.q, &s.key, &s.links, OWNER, submit, carried);
            assert_fits(&reply);
            tokens.extend(check_issued(s, &reply));
        }
        if let Some(m) = message_of(&reply) {
            current = m.clone();
        }
    }

    // The rest of the input edits one issued token: it must then be refused.
    let (Some(which), Some(at), Some(how)) = (bytes.next(), bytes.next(), bytes.next()) else {
        return;
    };
    let token = &tokens[usize::from(which) % tokens.len()];
    let at = usize::from(at) % token.len();
    let edited = match how % 4 {
        0 => token[..at].to_owned(),
        1 => format!("{token}{}", char::from(BASE64URL[usize::from(how >> 2)])),
        _ => {
            let mut t = token.clone().into_bytes();
            t[at] = BASE64URL[usize::from(how >> 2)];
            String::from_utf8(t).expect("base64url is ASCII")
        }
    };
    if &edited != token {
        assert!(
            State::from_token(&edited, &s.q, &s.key).is_err(),
            "an edited token was taken: {token} -> {edited}"
        );
    }
});
