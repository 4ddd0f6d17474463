#![no_main]
//! People's text in the clinic check: the text helpers, the carried embed fields, and forms
//! submitted with any values, driven through `questionnaire::handle` against the shipped
//! questionnaire.
//!
//! What is asserted is what the code says of itself:
//! - `escape_reversibly` neutralises mentions (every `@` is followed by a zero-width space), `escaped_len`
//!   is the length of `escape_reversibly`, and `unescape(escape_reversibly(t)) == t`;
//! - a parsed NCT or IND number prints as a text that parses back to it, and its parts rebuild it;
//! - `clean_line` / `clean_paragraph` give trimmed text without control characters (a paragraph
//!   keeps its line breaks) whose length as typed is within the limit (escaping is for display);
//! - `Carried::from_embeds` holds any embeds to the same limits;
//! - every reply of the engine fits Discord's limits, its custom ids are the check's and fit 100
//!   characters, and every `@` a member typed reaches the message escaped;
//! - text that was taken (the clinic label, a note) reads back the same from the message shown.

use exobot::questionnaire::text::{
    clean_line, clean_paragraph, escaped_len, CLINIC_MAX, MANUFACTURER_MAX, NOTE_MAX,
};
use exobot::questionnaire::{
    escape_reversibly, handle, split_custom_id, unescape, Carried, Ind, Input, Nct, PREFIX,
};
use exobot::reply::{Embed, Field, Message, Modal, Reply};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

#[allow(dead_code, reason = "shared by the fuzz targets, each uses a part")]
mod shared;
use shared::{components, shipped, Shipped};

const OWNER: u64 = 412_345_678_901_234_567;
const STRANGER: u64 = 998_877_665_544_332_211;
const STEPS: usize = 16;
const ZERO_WIDTH_SPACE: char = '\u{200B}';
/// The embed fields that carry a member's text (see `Carried`).
const CARRIED_FIELDS: &[&str] = &[
    "Clinic",
    "Manufacturer",
    "Your note",
    "You typed: IND number",
    "You typed: ClinicalTrials.gov number",
    "You typed: manufacturer",
    "You typed: note",
];
const DRAFT_IDS: &[&str] = &["ind", "nct", "manufacturer", "note"];

/// Every `@` is followed by a zero-width space, so nothing reads as a mention.
fn assert_mentions_escaped(place: &str, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '@' {
            assert_eq!(
                chars.peek(),
                Some(&ZERO_WIDTH_SPACE),
                "an unescaped @ in {place}: {text:?}"
            );
        }
    }
}

fn check_text_helpers(t: &str) {
    let escaped = escape_reversibly(t);
    assert_eq!(unescape(&escaped), t, "unescape(escape_reversibly(t)) == t");
    assert_eq!(escaped_len(t), escaped.chars().count());
    assert_mentions_escaped("escape", &escaped);

    if let Ok(nct) = Nct::parse(t) {
        let shown = nct.to_string();
        assert_eq!(shown.len(), 11, "{shown}");
        assert_eq!(Nct::parse(&shown), Ok(nct));
        assert_eq!(Nct::from_number(nct.number()), Some(nct));
    }
    if let Ok(ind) = Ind::parse(t) {
        let shown = ind.to_string();
        assert!((4..=7).contains(&ind.digits()), "{ind:?}");
        assert_eq!(shown.len(), usize::from(ind.digits()), "{shown}");
        assert_eq!(Ind::parse(&shown), Ok(ind));
        assert_eq!(Ind::from_parts(ind.number(), ind.digits()), Some(ind));
    }

    for max in [CLINIC_MAX, NOTE_MAX] {
        match clean_line("line", t, max) {
            Ok(Some(line)) => {
                assert!(line.chars().count() <= max, "limits count what was typed");
                assert!(!line.chars().any(char::is_control), "{line:?}");
                assert_eq!(line.trim(), line, "clean_line gives trimmed text");
            }
            Ok(None) => {}
            Err(problem) => assert_eq!(problem.what, "line"),
        }
        match clean_paragraph("paragraph", t, max) {
            Ok(Some(p)) => {
                assert!(p.chars().count() <= max, "limits count what was typed");
                assert!(!p.chars().any(|c| c != '\n' && c.is_control()), "{p:?}");
                assert_eq!(p.trim(), p, "clean_paragraph gives trimmed text");
            }
            Ok(None) => {}
            Err(problem) => assert_eq!(problem.what, "paragraph"),
        }
    }
}

fn check_carried(carried: &Carried) {
    if let Some(clinic) = &carried.clinic {
        assert!(clinic.chars().count() <= CLINIC_MAX, "{clinic:?}");
        assert!(!clinic.chars().any(char::is_control), "{clinic:?}");
    }
    if let Some(m) = &carried.manufacturer {
        assert!(m.chars().count() <= MANUFACTURER_MAX, "{m:?}");
        assert!(!m.chars().any(char::is_control), "{m:?}");
    }
    if let Some(note) = &carried.note {
        assert!(note.chars().count() <= NOTE_MAX, "{note:?}");
    }
    for (i, (id, _)) in carried.drafts.iter().enumerate() {
        assert!(DRAFT_IDS.contains(&id.as_str()), "{id}");
        assert!(
            carried.drafts[..i].iter().all(|(d, _)| d != id),
            "{id} twice"
        );
    }
}

fn arbitrary_embeds(u: &mut Unstructured<'_>) -> Result<Vec<Embed>> {
    let mut fields = Vec::new();
    for _ in 0..u.int_in_range(0..=6)? {
        let name = if u.ratio(1, 8)? {
            u.arbitrary::<&str>()?.to_owned()
        } else {
            (*u.choose(CARRIED_FIELDS)?).to_owned()
        };
        fields.push(Field {
            name,
            value: u.arbitrary::<&str>()?.to_owned(),
            inline: false,
        });
    }
    Ok(vec![Embed {
        title: "t".into(),
        fields,
        ..Embed::default()
    }])
}

fn check_message(m: &Message) {
    if let Some(content) = &m.content {
        assert_mentions_escaped("content", content);
    }
    for e in &m.embeds {
        assert_mentions_escaped("embed title", &e.title);
        assert_mentions_escaped("embed description", &e.description);
        for f in &e.fields {
            assert_mentions_escaped(&f.name, &f.value);
        }
    }
    for a in &m.attachments {
        assert_mentions_escaped(&a.filename, &String::from_utf8_lossy(&a.bytes));
    }
}

/// Every reply fits Discord's limits, every custom id is the check's and fits 100 characters,
/// and a member's text is shown escaped.
fn check_reply(reply: &Reply) {
    assert_eq!(reply.limit_errors(), Vec::new(), "{reply:#?}");
    let ids: Vec<String> = match reply {
        Reply::Message(m) | Reply::Update(m) => {
            check_message(m);
            components(m).into_iter().map(|c| c.0).collect()
        }
        Reply::Modal(modal) => vec![modal.custom_id.clone()],
        Reply::Autocomplete(_) | Reply::Defer => Vec::new(),
    };
    for id in ids {
        assert!(id.starts_with(PREFIX), "{id}");
        assert!(id.chars().count() <= 100, "{id}");
    }
}

/// A shown message: not an ephemeral error.
fn shown(reply: &Reply) -> Option<&Message> {
    match reply {
        Reply::Message(m) | Reply::Update(m) if !m.ephemeral => Some(m),
        _ => None,
    }
}

/// The messages a member can act on, and the form open with the message it came from.
struct Session {
    messages: Vec<Message>,
    form: Option<(Modal, Message)>,
}

impl Session {
    const MAX_MESSAGES: usize = 6;

    /// Takes in a reply to an event on `from` (replacing it for an update).
    fn take(&mut self, from: Option<usize>, reply: Reply) {
        match reply {
            Reply::Update(m) => match from {
                Some(i) => self.messages[i] = m,
                None => self.push(m),
            },
            Reply::Message(m) => self.push(m),
            Reply::Modal(modal) => {
                if let Some(i) = from {
                    self.form = Some((modal, self.messages[i].clone()));
                }
            }
            Reply::Autocomplete(_) | Reply::Defer => {}
        }
    }

    fn push(&mut self, m: Message) {
        if self.messages.len() == Self::MAX_MESSAGES {
            self.messages.remove(0);
        }
        self.messages.push(m);
    }
}

fn start(s: &Shipped, session: &mut Session, clinic: Option<&str>) {
    let input = Input::Start {
        clinic: clinic.map(str::to_owned),
    };
    let reply = handle(&s.q, &s.key, &s.links, OWNER, input, Carried::default());
    check_reply(&reply);
    let expected = clean_line("clinic name", clinic.unwrap_or(""), CLINIC_MAX);
    match (&expected, shown(&reply)) {
        (Ok(label), Some(m)) => {
            assert_eq!(
                &Carried::from_embeds(&m.embeds).clinic,
                label,
                "the clinic label reads back from the first question"
            );
        }
        (Err(_), None) => {}
        _ => panic!("clinic {clinic:?}: {expected:?} but {reply:#?}"),
    }
    session.take(None, reply);
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let s = shipped();

    let t: &str = u.arbitrary()?;
    check_text_helpers(t);
    let embeds = arbitrary_embeds(u)?;
    check_carried(&Carried::from_embeds(&embeds));

    let mut session = Session {
        messages: Vec::new(),
        form: None,
    };
    let clinic: Option<&str> = u.arbitrary()?;
    start(s, &mut session, clinic);

    for _ in 0..STEPS {
        if u.is_empty() {
            break;
        }
        let user = if u.ratio(1, 16)? { STRANGER } else { OWNER };
        match u.int_in_range(0..=3u8)? {
            // Press a button or pick in a menu of one of the messages.
            0 => {
                let i = u.choose_index(session.messages.len())?;
                let options = components(&session.messages[i]);
                if options.is_empty() {
                    continue;
                }
                let (custom_id, choices) = u.choose(&options)?.clone();
                let values = if choices.is_empty() {
                    Vec::new()
                } else if u.ratio(1, 4)? {
                    vec![u.arbitrary::<&str>()?.to_owned()]
                } else {
                    vec![u.choose(&choices)?.clone()]
                };
                let pressed = &session.messages[i];
                let carried = Carried::from_embeds(&pressed.embeds);
                let input = Input::Press { custom_id, values };
                let reply = handle(&s.q, &s.key, &s.links, user, input, carried.clone());
                check_reply(&reply);
                if let Some(m) = shown(&reply) {
                    assert_eq!(
                        Carried::from_embeds(&m.embeds).clinic,
                        carried.clinic,
                        "the clinic label stays with the check"
                    );
                }
                session.take(Some(i), reply);
            }
            // Submit the open form with any values.
            1 => {
                let Some((modal, from)) = session.form.clone() else {
                    continue;
                };
                let mut fields = Vec::new();
                for input in &modal.inputs {
                    if u.ratio(1, 8)? {
                        continue;
                    }
                    let value = if u.ratio(1, 8)? {
                        input.value.clone().unwrap_or_default()
                    } else {
                        u.arbitrary::<&str>()?.to_owned()
                    };
                    fields.push((input.custom_id.clone(), value));
                }
                if u.ratio(1, 8)? {
                    fields.push((
                        u.arbitrary::<&str>()?.to_owned(),
                        u.arbitrary::<&str>()?.to_owned(),
                    ));
                }
                let carried = Carried::from_embeds(&from.embeds);
                let note_form = split_custom_id(&modal.custom_id)
                    .is_some_and(|(action, _)| action == "t" || action == "T");
                let note = fields
                    .iter()
                    .find(|(name, _)| name == "note")
                    .map_or(String::new(), |(_, v)| v.clone());
                let input = Input::Submit {
                    custom_id: modal.custom_id.clone(),
                    fields,
                };
                let reply = handle(&s.q, &s.key, &s.links, user, input, carried.clone());
                check_reply(&reply);
                if let Some(m) = shown(&reply) {
                    let read = Carried::from_embeds(&m.embeds);
                    assert_eq!(read.clinic, carried.clinic, "the clinic label stays");
                    if note_form && user == OWNER {
                        let taken = clean_paragraph("note", &note, NOTE_MAX)
                            .expect("a shown message means the note was taken");
                        assert_eq!(read.note, taken, "the note reads back as taken");
                    }
                }
                // The form stays open: Discord lets a refused member submit it again.
                let from_index = session.messages.iter().position(|m| *m == from);
                session.take(from_index, reply);
            }
            // Any action code on an issued token, as a press or as a form.
            2 => {
                let i = u.choose_index(session.messages.len())?;
                let ids = components(&session.messages[i]);
                let token = ids
                    .iter()
                    .find_map(|(id, _)| split_custom_id(id).map(|(_, t)| t.to_owned()))
                    .unwrap_or_default();
                let action: &str = u.arbitrary()?;
                let custom_id = format!("{PREFIX}{action}:{token}");
                let carried = Carried::from_embeds(&session.messages[i].embeds);
                let input = if u.arbitrary()? {
                    Input::Press {
                        custom_id,
                        values: vec![u.arbitrary::<&str>()?.to_owned()],
                    }
                } else {
                    Input::Submit {
                        custom_id,
                        fields: vec![(
                            (*u.choose(DRAFT_IDS)?).to_owned(),
                            u.arbitrary::<&str>()?.to_owned(),
                        )],
                    }
                };
                let reply = handle(&s.q, &s.key, &s.links, user, input, carried);
                check_reply(&reply);
                session.take(Some(i), reply);
            }
            // A new check with any clinic name.
            _ => {
                let clinic: Option<&str> = u.arbitrary()?;
                start(s, &mut session, clinic);
            }
        }
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
