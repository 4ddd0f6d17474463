//! The signed state token that rides in every custom id the clinic check issues.
//!
//! Layout (format 1), big-endian, then base64url without padding:
//!
//! | bytes | what |
//! |---|---|
//! | 1 | format, `1` |
//! | 4 | questionnaire structure version ([`Questionnaire::version`]) |
//! | 8 | owner's user id |
//! | 1 | number of questions `n` |
//! | 1 | position: `0..n` a question, `n` the summary, `n + 1` the report |
//! | 1 | flags: bit 0 reviewing, bit 1 NCT number present, bit 2 IND number present |
//! | ceil(n/2) | answers, a half-byte each (high half first): 0 none, 1 skipped, 2 + k option k |
//! | 4 | NCT number, when present |
//! | 4 | IND number, when present: digit count in the top 3 bits, the number in the low 24 |
//! | 8 | HMAC-SHA256 of everything before it under the bot's secret, first 8 bytes |
//!
//! Six questions with both numbers make 35 bytes, 47 characters.

use std::fmt;

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::definition::{Questionnaire, MAX_QUESTIONS};
use super::state::{Answer, Position, State};
use super::text::{Ind, Nct};

const FORMAT: u8 = 1;
const HEADER: usize = 16;
const MAC_LEN: usize = 8;
const REVIEWING: u8 = 1;
const HAS_NCT: u8 = 1 << 1;
const HAS_IND: u8 = 1 << 2;
/// The longest token the format can produce (twenty questions, both numbers).
pub const MAX_TOKEN_CHARS: usize =
    (HEADER + MAX_QUESTIONS.div_ceil(2) + 8 + MAC_LEN).div_ceil(3) * 4;

/// A lenient decoder, so that a token cut anywhere still decodes far enough to be called cut.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

/// The secret that signs state tokens. Generating and storing it is the application's business.
#[derive(Clone)]
pub struct TokenKey {
    mac: Hmac<Sha256>,
}

impl TokenKey {
    pub fn new(secret: &[u8]) -> Self {
        // HMAC takes keys of any length: longer ones are hashed, shorter ones padded.
        let mac = <Hmac<Sha256> as Mac>::new_from_slice(secret)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
        Self { mac }
    }

    fn tag(&self, body: &[u8]) -> [u8; MAC_LEN] {
        let mut mac = self.mac.clone();
        mac.update(body);
        let full = mac.finalize().into_bytes();
        let mut tag = [0; MAC_LEN];
        tag.copy_from_slice(&full[..MAC_LEN]);
        tag
    }

    fn verify(&self, body: &[u8], tag: &[u8]) -> bool {
        let mut mac = self.mac.clone();
        mac.update(body);
        mac.verify_truncated_left(tag).is_ok()
    }
}

impl fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenKey(redacted)")
    }
}

/// Why a token was refused. Each case has its own explanation for the person who pressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenError {
    /// Longer than any token the format produces.
    Oversized { length: usize, max: usize },
    /// Shorter than its own header says it is.
    Truncated,
    /// Not a token: wrong characters, unknown format, impossible values.
    Garbled(&'static str),
    /// The signature does not match: altered, or signed with another secret.
    Forged,
    /// Signed by this bot for another structure of the questionnaire.
    Outdated,
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenError::Oversized { length, max } => write!(
                f,
                "This button's data is {length} characters long, more than the {max} a clinic check ever uses, so it was altered."
            ),
            TokenError::Truncated => f.write_str("This button's data is cut short, so the check cannot go on from it."),
            TokenError::Garbled(why) => write!(f, "This button's data is damaged ({why})."),
            TokenError::Forged => f.write_str(
                "This button's data does not carry a valid signature: it was altered, or it comes from an older key of this bot.",
            ),
            TokenError::Outdated => f.write_str("This check was updated, please start again."),
        }
    }
}

impl std::error::Error for TokenError {}

/// The token for a state, signed with `key`.
pub fn encode(state: &State, key: &TokenKey) -> String {
    let n = state.answers.len();
    let mut bytes = Vec::with_capacity(HEADER + n.div_ceil(2) + 8 + MAC_LEN);
    bytes.push(FORMAT);
    bytes.extend_from_slice(&state.version.to_be_bytes());
    bytes.extend_from_slice(&state.owner.to_be_bytes());
    bytes.push(n as u8);
    bytes.push(match state.position {
        Position::Question(i) => i as u8,
        Position::Summary => n as u8,
        Position::Report => n as u8 + 1,
    });
    let mut flags = 0;
    if state.reviewing {
        flags |= REVIEWING;
    }
    if state.nct.is_some() {
        flags |= HAS_NCT;
    }
    if state.ind.is_some() {
        flags |= HAS_IND;
    }
    bytes.push(flags);
    for pair in state.answers.chunks(2) {
        let high = nibble(pair[0]);
        let low = pair.get(1).map_or(0, |a| nibble(*a));
        bytes.push(high << 4 | low);
    }
    if let Some(nct) = state.nct {
        bytes.extend_from_slice(&nct.number().to_be_bytes());
    }
    if let Some(ind) = state.ind {
        let packed = u32::from(ind.digits()) << 29 | ind.number();
        bytes.extend_from_slice(&packed.to_be_bytes());
    }
    let tag = key.tag(&bytes);
    bytes.extend_from_slice(&tag);
    URL_SAFE_NO_PAD.encode(&bytes)
}

fn nibble(answer: Answer) -> u8 {
    match answer {
        Answer::None => 0,
        Answer::Skipped => 1,
        Answer::Chosen(k) => 2 + k as u8,
    }
}

/// Reads and checks a token: its length, characters, signature, structure version and values.
pub fn decode(token: &str, q: &Questionnaire, key: &TokenKey) -> Result<State, TokenError> {
    if token.len() > MAX_TOKEN_CHARS {
        return Err(TokenError::Oversized {
            length: token.chars().count(),
            max: MAX_TOKEN_CHARS,
        });
    }
    if !token
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(TokenError::Garbled("it has characters a token never uses"));
    }
    // A token's length is never 1 more than a multiple of 4, so such a one was cut mid-character.
    let whole = if token.len() % 4 == 1 {
        &token[..token.len() - 1]
    } else {
        token
    };
    let bytes = LENIENT
        .decode(whole)
        .map_err(|_| TokenError::Garbled("it is not base64"))?;
    if bytes.len() < HEADER {
        return Err(TokenError::Truncated);
    }
    if bytes[0] != FORMAT {
        return Err(TokenError::Garbled("its format is unknown"));
    }
    let n = usize::from(bytes[13]);
    let flags = bytes[15];
    let expected = HEADER
        + n.div_ceil(2)
        + if flags & HAS_NCT != 0 { 4 } else { 0 }
        + if flags & HAS_IND != 0 { 4 } else { 0 }
        + MAC_LEN;
    if bytes.len() < expected {
        return Err(TokenError::Truncated);
    }
    if bytes.len() > expected {
        return Err(TokenError::Garbled("it is longer than its header says"));
    }
    if URL_SAFE_NO_PAD.encode(&bytes) != token {
        return Err(TokenError::Garbled("it is not in its canonical form"));
    }
    let (body, tag) = bytes.split_at(expected - MAC_LEN);
    if !key.verify(body, tag) {
        return Err(TokenError::Forged);
    }
    let version = u32::from_be_bytes([body[1], body[2], body[3], body[4]]);
    if version != q.version() || n != q.questions().len() {
        return Err(TokenError::Outdated);
    }
    let mut owner = [0; 8];
    owner.copy_from_slice(&body[5..13]);
    let owner = u64::from_be_bytes(owner);
    let position = match usize::from(body[14]) {
        i if i < n => Position::Question(i),
        i if i == n => Position::Summary,
        i if i == n + 1 => Position::Report,
        _ => return Err(TokenError::Garbled("its position is out of range")),
    };
    if flags & !(REVIEWING | HAS_NCT | HAS_IND) != 0 {
        return Err(TokenError::Garbled("it has unknown flags"));
    }
    let mut answers = Vec::with_capacity(n);
    let packed = &body[HEADER..HEADER + n.div_ceil(2)];
    for (i, question) in q.questions().iter().enumerate() {
        let byte = packed[i / 2];
        let value = if i % 2 == 0 { byte >> 4 } else { byte & 0x0f };
        answers.push(match value {
            0 => Answer::None,
            1 => Answer::Skipped,
            v if usize::from(v - 2) < question.options.len() => Answer::Chosen(usize::from(v - 2)),
            _ => return Err(TokenError::Garbled("an answer is out of range")),
        });
    }
    if n % 2 == 1 && packed[n / 2] & 0x0f != 0 {
        return Err(TokenError::Garbled("its padding is not zero"));
    }
    let mut rest = &body[HEADER + n.div_ceil(2)..];
    let mut word = || {
        let (w, tail) = rest.split_at(4);
        rest = tail;
        u32::from_be_bytes([w[0], w[1], w[2], w[3]])
    };
    let nct = if flags & HAS_NCT != 0 {
        Some(
            Nct::from_number(word())
                .ok_or(TokenError::Garbled("its trial number is out of range"))?,
        )
    } else {
        None
    };
    let ind = if flags & HAS_IND != 0 {
        let packed = word();
        let digits = (packed >> 29) as u8;
        Some(
            Ind::from_parts(packed & 0x00ff_ffff, digits)
                .filter(|_| packed & 0x1f00_0000 == 0)
                .ok_or(TokenError::Garbled("its IND number is out of range"))?,
        )
    } else {
        None
    };
    Ok(State {
        owner,
        version,
        position,
        answers,
        reviewing: flags & REVIEWING != 0,
        nct,
        ind,
    })
}

/// The prefix of every custom id the clinic check issues.
pub const PREFIX: &str = "ck:";
/// The custom id of a "start a new check" button, which carries no token.
pub const NEW_CHECK: &str = "ck:new";

/// `ck:<action>:<token>`.
pub fn custom_id(action: &str, token: &str) -> String {
    let mut id = String::with_capacity(PREFIX.len() + action.len() + 1 + token.len());
    id.push_str(PREFIX);
    id.push_str(action);
    id.push(':');
    id.push_str(token);
    id
}

/// Splits one of the check's custom ids into its action and token.
pub fn split_custom_id(custom_id: &str) -> Option<(&str, &str)> {
    custom_id.strip_prefix(PREFIX)?.split_once(':')
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "a failing unwrap is a failing test")]
mod tests {
    use std::path::Path;

    use super::*;

    /// Three questions (an odd count, so the answers end on a padding half-byte).
    fn three() -> Questionnaire {
        let mut text = String::from(
            "title = \"T\"\nintro = \"I\"\nreviewed = 2026-01-01\nreview_every_days = 90\n",
        );
        for id in ["one", "two", "three"] {
            text.push_str(&format!(
                "[[question]]\nid = \"{id}\"\nshort = \"S\"\nprompt = \"P\"\nwhy = \"W\"\ndocumented = \"D\"\nred_flag = \"R\"\nsources = [\"X\"]\n\
                 [[question.option]]\nid = \"a\"\nlabel = \"A\"\nflag = \"documented\"\ninputs = [\"ind\", \"nct\"]\n\
                 [[question.option]]\nid = \"b\"\nlabel = \"B\"\nflag = \"vague\"\n"
            ));
        }
        text.push_str(
            "[report]\ntitle = \"T\"\nclear = \"C\"\nred_flags = \"R\"\nopen = \"O\"\noutside_trial = \"O\"\nno_ruling = \"N\"\nsources = [\"X\"]\n\
             [[step]]\nlink = \"medwatch\"\nbutton = \"M\"\ntext = \"T\"\n",
        );
        Questionnaire::parse(Path::new("three.toml"), &text).unwrap()
    }

    fn state(q: &Questionnaire) -> State {
        let mut state = State::new(q, u64::MAX);
        state.answers = vec![Answer::Chosen(0), Answer::Skipped, Answer::Chosen(1)];
        state.position = Position::Report;
        state.reviewing = true;
        state.nct = Nct::from_number(99_999_999);
        state.ind = Ind::from_parts(42, 7);
        state
    }

    /// Signs raw bytes the way `encode` does, to build tokens `encode` would never produce.
    fn sign(mut body: Vec<u8>, key: &TokenKey) -> String {
        let tag = key.tag(&body);
        body.extend_from_slice(&tag);
        URL_SAFE_NO_PAD.encode(&body)
    }

    fn body_of(token: &str) -> Vec<u8> {
        let mut bytes = URL_SAFE_NO_PAD.decode(token).unwrap();
        bytes.truncate(bytes.len() - MAC_LEN);
        bytes
    }

    #[test]
    fn every_field_survives_a_round_trip_with_an_odd_number_of_questions() {
        let (q, key) = (three(), TokenKey::new(b"k"));
        let token = encode(&state(&q), &key);
        assert_eq!(decode(&token, &q, &key), Ok(state(&q)));
        assert_eq!(
            decode(&token, &q, &key).unwrap().ind.unwrap().to_string(),
            "0000042"
        );
    }

    #[test]
    fn signed_values_out_of_range_are_still_refused() {
        let (q, key) = (three(), TokenKey::new(b"k"));
        let good = body_of(&encode(&state(&q), &key));
        let cases: [(usize, u8, &str); 4] = [
            (HEADER + 1, 0x25, "its padding is not zero"),
            (HEADER, 0xf0, "an answer is out of range"),
            (14, 9, "its position is out of range"),
            (15, 0x0f, "it has unknown flags"),
        ];
        for (at, value, why) in cases {
            let mut body = good.clone();
            body[at] = value;
            assert_eq!(
                decode(&sign(body, &key), &q, &key),
                Err(TokenError::Garbled(why)),
                "{why}"
            );
        }
        let mut body = good.clone();
        let last = body.len() - 4;
        body[last..].copy_from_slice(&(7u32 << 29 | 10_000_000).to_be_bytes());
        assert_eq!(
            decode(&sign(body, &key), &q, &key),
            Err(TokenError::Garbled("its IND number is out of range"))
        );
    }

    #[test]
    fn a_token_of_an_unknown_format_is_refused() {
        let (q, key) = (three(), TokenKey::new(b"k"));
        let mut body = body_of(&encode(&state(&q), &key));
        body[0] = 2;
        assert_eq!(
            decode(&sign(body, &key), &q, &key),
            Err(TokenError::Garbled("its format is unknown"))
        );
    }

    #[test]
    fn the_key_is_never_printed() {
        assert_eq!(
            format!("{:?}", TokenKey::new(b"secret")),
            "TokenKey(redacted)"
        );
    }
}
