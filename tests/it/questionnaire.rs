//! The clinic check end to end: the shipped questionnaire, every path to a report, tokens, forms, and broken files.
// A failing unwrap in a test is a failing test, with its location.
use std::path::Path;

use exobot::knowledge::Link;
use exobot::questionnaire::{
    handle, split_custom_id, Answer, Carried, Input, Position, Questionnaire, State, StepLink,
    TokenError, TokenKey, NEW_CHECK, PREFIX, REPORT_FILE,
};
use exobot::reply::DISCLAIMER;
use exobot::reply::{Button, ButtonTarget, Message, Modal, Reply, Row};

const OWNER: u64 = 412_345_678_901_234_567;
const STRANGER: u64 = 998_877_665_544_332_211;

fn shipped_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge/questionnaire.toml");
    std::fs::read_to_string(path).unwrap()
}

/// The shipped check with the branch the engine supports put back: an IND number skips the
/// basis question (`skip_if = "ind"`). The shipped check asks it anyway, as an IND is no basis
/// for selling outside a trial (sources.md 5.8); these tests keep the branch itself working.
fn branching() -> Questionnaire {
    let text = shipped_text();
    let at = text.find("id = \"basis\"").unwrap();
    let end = at + text[at..].find("\nsources = ").unwrap() + 1;
    let end = end + text[end..].find('\n').unwrap() + 1;
    let text = format!("{}skip_if = \"ind\"\n{}", &text[..end], &text[end..]);
    linked(Questionnaire::parse(Path::new("knowledge/questionnaire.toml"), &text).unwrap())
}

fn shipped() -> Questionnaire {
    match Questionnaire::parse(Path::new("knowledge/questionnaire.toml"), &shipped_text()) {
        Ok(q) => linked(q),
        Err(problems) => panic!(
            "{}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

fn key() -> TokenKey {
    TokenKey::new(b"a test secret, not the bot's")
}

fn links() -> Vec<Link> {
    let link = |id: &str, label: &str, url: &str| Link {
        id: id.into(),
        label: label.into(),
        url: url.into(),
        confirmed: true,
    };
    vec![
        link("clinicaltrials-study", "The trial on ClinicalTrials.gov", "https://clinicaltrials.gov/study/{nct}"),
        link("medwatch", "Report to FDA MedWatch", "https://www.fda.gov/medwatch"),
        link(
            "fda-warning-letters",
            "FDA warning letters",
            "https://www.fda.gov/inspections-compliance-enforcement-and-criminal-investigations/compliance-actions-and-activities/warning-letters",
        ),
        link("isscr-what-to-ask", "ISSCR: what to ask", "http://www.closerlookatstemcells.org/What_to_Ask.html"),
        link(
            "isev-patient-notice",
            "ISEV patient notice",
            "https://www.isev.org/patient-information-and-safety-notice--extracellular-vesicles-exosomes-and-unproven-therapies",
        ),
    ]
}

/// The links as the steps point to them.
fn step_links(links: &[Link]) -> Vec<StepLink> {
    links.iter().map(StepLink::from).collect()
}

/// `q` with the links the knowledge loader would hand it.
fn linked(mut q: Questionnaire) -> Questionnaire {
    q.link(step_links(&links()));
    q
}

/// Every custom id in a reply: buttons, select menus and forms.
fn custom_ids(reply: &Reply) -> Vec<String> {
    match reply {
        Reply::Message(m) | Reply::Update(m) => m
            .rows
            .iter()
            .flat_map(|row| match row {
                Row::Buttons(buttons) => buttons
                    .iter()
                    .filter_map(|b| match &b.target {
                        ButtonTarget::Action(id) => Some(id.clone()),
                        ButtonTarget::Link(_) => None,
                    })
                    .collect::<Vec<_>>(),
                Row::Select(select) => vec![select.custom_id.clone()],
            })
            .collect(),
        Reply::Modal(modal) => vec![modal.custom_id.clone()],
        Reply::Autocomplete(_) | Reply::Defer => Vec::new(),
    }
}

fn buttons(message: &Message) -> Vec<&Button> {
    message
        .rows
        .iter()
        .flat_map(|row| match row {
            Row::Buttons(b) => b.iter().collect(),
            Row::Select(_) => Vec::new(),
        })
        .collect()
}

fn message_of(reply: &Reply) -> &Message {
    match reply {
        Reply::Message(m) | Reply::Update(m) => m,
        other => panic!("expected a message, got {other:?}"),
    }
}

fn text_of(message: &Message) -> String {
    let mut text = message.content.clone().unwrap_or_default();
    for embed in &message.embeds {
        text.push_str(&embed.title);
        text.push('\n');
        text.push_str(&embed.description);
        text.push('\n');
        for field in &embed.fields {
            text.push_str(&format!("{}: {}\n", field.name, field.value));
        }
        if let Some(footer) = &embed.footer {
            text.push_str(footer);
        }
    }
    text
}

/// Drives the engine the way the Discord adapter does: the live message of the check, an open
/// form, and the last ephemeral message.
#[derive(Clone)]
struct Session<'a> {
    q: &'a Questionnaire,
    key: &'a TokenKey,
    links: &'a [Link],
    user: u64,
    message: Message,
    /// The form open, and the message it was opened from.
    modal: Option<(Modal, Message)>,
    ephemeral: Option<Message>,
}

impl<'a> Session<'a> {
    fn start(
        q: &'a Questionnaire,
        key: &'a TokenKey,
        links: &'a [Link],
        clinic: Option<&str>,
    ) -> Self {
        let reply = handle(
            q,
            key,
            links,
            OWNER,
            Input::Start {
                clinic: clinic.map(str::to_owned),
            },
            Carried::default(),
        );
        assert_fits(&reply);
        let message = match reply {
            Reply::Message(m) if !m.ephemeral => m,
            other => panic!("start gave {other:?}"),
        };
        Session {
            q,
            key,
            links,
            user: OWNER,
            message,
            modal: None,
            ephemeral: None,
        }
    }

    fn take(&mut self, reply: Reply, from: Message) -> Reply {
        assert_fits(&reply);
        match &reply {
            Reply::Update(m) => {
                self.message = m.clone();
                self.modal = None;
            }
            Reply::Message(m) if m.ephemeral => self.ephemeral = Some(m.clone()),
            Reply::Message(m) => {
                self.message = m.clone();
                self.modal = None;
            }
            Reply::Modal(modal) => self.modal = Some((modal.clone(), from)),
            Reply::Autocomplete(_) | Reply::Defer => {
                panic!("the check never answers with autocomplete or a deferral")
            }
        }
        reply
    }

    /// Presses a custom id on the live message.
    fn press_id(&mut self, custom_id: &str, values: &[&str]) -> Reply {
        let from = self.message.clone();
        self.press_on(from, custom_id, values)
    }

    fn press_on(&mut self, from: Message, custom_id: &str, values: &[&str]) -> Reply {
        let reply = handle(
            self.q,
            self.key,
            self.links,
            self.user,
            Input::Press {
                custom_id: custom_id.into(),
                values: values.iter().map(|v| v.to_string()).collect(),
            },
            Carried::from_embeds(&from.embeds),
        );
        self.take(reply, from)
    }

    /// Presses the live message's button with this label.
    fn press(&mut self, label: &str) -> Reply {
        let id = action_id(&self.message, label);
        self.press_id(&id, &[])
    }

    /// Presses the last ephemeral message's button with this label.
    fn press_ephemeral(&mut self, label: &str) -> Reply {
        let from = self.ephemeral.clone().unwrap();
        let id = action_id(&from, label);
        self.press_on(from, &id, &[])
    }

    /// Picks a question to change in the summary's menu.
    fn change(&mut self, question: usize) -> Reply {
        let id = match &self.message.rows[0] {
            Row::Select(select) => select.custom_id.clone(),
            Row::Buttons(_) => panic!("not the summary"),
        };
        self.press_id(&id, &[&question.to_string()])
    }

    /// Submits the open form with these (input id, text) pairs.
    fn submit(&mut self, fields: &[(&str, &str)]) -> Reply {
        let (modal, from) = self.modal.take().unwrap();
        let reply = handle(
            self.q,
            self.key,
            self.links,
            self.user,
            Input::Submit {
                custom_id: modal.custom_id.clone(),
                fields: fields
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            },
            Carried::from_embeds(&from.embeds),
        );
        self.take(reply, from)
    }

    fn state(&self) -> State {
        let id = custom_ids(&Reply::Update(self.message.clone())).remove(0);
        let (_, token) = split_custom_id(&id).unwrap();
        State::from_token(token, self.q, self.key).unwrap()
    }

    fn text(&self) -> String {
        text_of(&self.message)
    }
}

fn action_id(message: &Message, label: &str) -> String {
    buttons(message)
        .into_iter()
        .find(|b| b.label == label)
        .and_then(|b| match &b.target {
            ButtonTarget::Action(id) => Some(id.clone()),
            ButtonTarget::Link(_) => None,
        })
        .unwrap_or_else(|| {
            panic!(
                "no button {label:?} in {:?}",
                buttons(message)
                    .iter()
                    .map(|b| &b.label)
                    .collect::<Vec<_>>()
            )
        })
}

/// Every reply fits Discord's limits, and every custom id is the check's and fits 100 characters.
fn assert_fits(reply: &Reply) {
    assert_eq!(reply.limit_errors(), Vec::new(), "{reply:#?}");
    for id in custom_ids(reply) {
        assert!(id.starts_with(PREFIX), "{id}");
        assert!(id.chars().count() <= 100, "{id}");
    }
}

fn label_of(q: &Questionnaire, question: &str, option: &str) -> String {
    let question = q.questions().iter().find(|x| x.id == question).unwrap();
    question
        .options
        .iter()
        .find(|o| o.id == option)
        .unwrap()
        .label
        .clone()
}

fn index_of(q: &Questionnaire, question: &str) -> usize {
    q.questions().iter().position(|x| x.id == question).unwrap()
}

// ---------------------------------------------------------------- the shipped questionnaire

#[test]
fn the_shipped_questionnaire_loads_without_problems() {
    let q = shipped();
    let ids: Vec<&str> = q.questions().iter().map(|x| x.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "trial",
            "basis",
            "source",
            "lot-data",
            "adverse-events",
            "enforcement"
        ]
    );
    let allowed = [
        "FDA-EXO-NOTICE-2019",
        "FDA-REGEN-PATIENT-2021",
        "ISSCR-CLOSERLOOK-ASK",
        "ISEV-PATIENT-NOTICE-2020",
        "FDA-WL-EUCYT-2020",
        "FDA-MEDWATCH-2019",
        "CFR-21-312-130",
        "FDA-WL-KIMERA-2023",
        "FDA-REPORTING-REGEN",
        "CFR-21-312-8",
    ];
    assert_eq!(q.check_sources(&allowed), Vec::new());
    assert_eq!(q.check_links(&step_links(&links())), Vec::new());
    for question in q.questions() {
        assert!(
            question
                .options
                .iter()
                .any(|o| o.flag == exobot::questionnaire::Flag::Open),
            "{} has a \"not asked yet\" answer",
            question.id
        );
    }
}

#[test]
fn the_loader_is_told_where_each_source_id_is_written() {
    let q = shipped();
    let problems = q.check_sources(&["FDA-EXO-NOTICE-2019"]);
    let first = &q.source_refs()[0];
    assert_eq!(first.id, "FDA-REGEN-PATIENT-2021");
    let line = shipped_text()
        .lines()
        .position(|l| l.starts_with("sources = [\"FDA-REGEN-PATIENT-2021\""))
        .unwrap()
        + 1;
    assert_eq!(
        problems[0].to_string(),
        format!("knowledge/questionnaire.toml:{line}:12: error: unknown source `FDA-REGEN-PATIENT-2021`")
    );
}

#[test]
fn a_missing_link_is_reported_at_the_step_that_names_it() {
    let q = shipped();
    let without_medwatch: Vec<Link> = links().into_iter().filter(|l| l.id != "medwatch").collect();
    let problems = q.check_links(&step_links(&without_medwatch));
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .to_string()
            .ends_with("error: unknown link `medwatch`"),
        "{}",
        problems[0]
    );
}

// ---------------------------------------------------------------- every path

/// The choices at a question: each option's label, then "Skip".
fn choices(message: &Message, options: usize) -> Vec<String> {
    let mut labels: Vec<String> = buttons(message)
        .iter()
        .take(options)
        .map(|b| b.label.clone())
        .collect();
    labels.push("Skip".into());
    labels
}

/// Answers the live question with `label`, filling its form with valid values when it opens one.
fn answer(session: &mut Session<'_>, label: &str) {
    let reply = session.press(label);
    if let Reply::Modal(modal) = reply {
        let fields: Vec<(&str, &str)> = modal
            .inputs
            .iter()
            .map(|input| {
                let value = match input.custom_id.as_str() {
                    "ind" => "123456",
                    "nct" => "NCT01234567",
                    "manufacturer" => "Acme Biologics",
                    other => panic!("unexpected input {other}"),
                };
                (input.custom_id.as_str(), value)
            })
            .collect();
        let reply = session.submit(&fields);
        assert!(matches!(reply, Reply::Update(_)), "{reply:?}");
    }
}

/// What a path's answers should make the report say, worked out from the labels pressed.
#[derive(Clone, Copy, Default)]
struct Expected {
    red: usize,
    outside_trial: bool,
}

fn walk(session: Session<'_>, expected: Expected, reports: &mut usize) {
    let state = session.state();
    match state.position() {
        Position::Question(i) => {
            let question = &session.q.questions()[i];
            for label in choices(&session.message, question.options.len()) {
                let mut next = session.clone();
                answer(&mut next, &label);
                let after = next.state();
                assert_ne!(after.position(), Position::Question(i), "{label} moved on");
                let mut expected = expected;
                if let Some(option) = question.options.iter().find(|o| o.label == label) {
                    expected.red += usize::from(option.flag.is_red());
                    expected.outside_trial |= option.outside_trial;
                }
                walk(next, expected, reports);
            }
        }
        Position::Summary => {
            let mut done = session.clone();
            let reply = done.press("Get the report");
            let report = message_of(&reply);
            assert_eq!(report.attachments[0].filename, REPORT_FILE);
            assert_eq!(report.embeds[0].footer.as_deref(), Some(DISCLAIMER));
            let reading = &report.embeds[0].description;
            if expected.red == 0 {
                assert!(!reading.contains("Red flags: ") || reading.contains("Red flags: none"));
            } else {
                assert!(
                    reading.contains(&format!("Red flags: {} of", expected.red)),
                    "{reading}"
                );
            }
            assert_eq!(
                reading.contains("likely being deceived"),
                expected.outside_trial
            );
            *reports += 1;
        }
        Position::Report => panic!("a report before the summary"),
    }
}

#[test]
fn every_combination_of_answers_reaches_a_report() {
    let q = branching();
    let (key, links) = (key(), links());
    let session = Session::start(&q, &key, &links, Some("Glow Clinic"));
    // The first question's choices are walked side by side: the same paths, sooner.
    let first = choices(&session.message, q.questions()[0].options.len());
    let reports: usize = std::thread::scope(|scope| {
        let walkers: Vec<_> = first
            .iter()
            .map(|label| {
                let mut next = session.clone();
                let question = &q.questions()[0];
                let mut expected = Expected::default();
                if let Some(option) = question.options.iter().find(|o| &o.label == label) {
                    expected.red = usize::from(option.flag.is_red());
                    expected.outside_trial = option.outside_trial;
                }
                scope.spawn(move || {
                    answer(&mut next, label);
                    let mut reports = 0;
                    walk(next, expected, &mut reports);
                    reports
                })
            })
            .collect();
        walkers.into_iter().map(|w| w.join().unwrap()).sum()
    });
    // Every option or Skip at each question; an IND number skips the basis question.
    let choices: Vec<usize> = q.questions().iter().map(|x| x.options.len() + 1).collect();
    let later: usize = choices[2..].iter().product();
    let with_ind = later;
    let without_ind = (choices[0] - 1) * choices[1] * later;
    assert_eq!(reports, with_ind + without_ind);
}

// ---------------------------------------------------------------- the branch

#[test]
fn the_shipped_check_asks_the_basis_question_after_an_ind_number_too() {
    let q = shipped();
    let (key, links) = (key(), links());
    let mut s = Session::start(&q, &key, &links, None);
    s.press(&label_of(&q, "trial", "ind-trial"));
    s.submit(&[("ind", "012345"), ("nct", "")]);
    assert_eq!(
        s.state().position(),
        Position::Question(index_of(&q, "basis")),
        "an IND is no basis for selling outside a trial, and cannot be checked"
    );
    assert!(s.text().contains("Ask this even if they named a trial"));
    // Paying inside a "trial" is an answer of its own, and a red flag (sources.md 5.6b, 5.8).
    let pay = q.questions()[index_of(&q, "basis")]
        .options
        .iter()
        .find(|o| o.id == "trial-but-pay")
        .unwrap();
    assert!(pay.flag.is_red());
    s.press(&label_of(&q, "basis", "trial-but-pay"));
    assert_eq!(
        s.state().position(),
        Position::Question(index_of(&q, "source"))
    );
}

#[test]
fn with_the_branch_an_ind_number_skips_the_question_it_names() {
    let q = branching();
    let (key, links) = (key(), links());
    let mut s = Session::start(&q, &key, &links, None);
    assert!(matches!(
        s.press(&label_of(&q, "trial", "ind-trial")),
        Reply::Modal(_)
    ));
    s.submit(&[("ind", " IND 012345 "), ("nct", "")]);
    assert_eq!(
        s.state().position(),
        Position::Question(index_of(&q, "source"))
    );
    assert_eq!(s.state().ind().unwrap().to_string(), "012345");
    s.press("Review answers");
    assert!(
        s.text().contains("Not needed: an FDA IND number was given"),
        "{}",
        s.text()
    );
}

#[test]
fn a_clinicaltrials_registration_alone_does_not_skip_the_basis_question() {
    let q = shipped();
    let (key, links) = (key(), links());
    let mut s = Session::start(&q, &key, &links, None);
    assert!(matches!(
        s.press(&label_of(&q, "trial", "registered-only")),
        Reply::Modal(_)
    ));
    s.submit(&[("nct", "nct01234567")]);
    assert_eq!(
        s.state().position(),
        Position::Question(index_of(&q, "basis"))
    );
    assert_eq!(s.state().nct().unwrap().to_string(), "NCT01234567");
}

#[test]
fn changing_the_trial_answer_away_from_the_ind_brings_the_basis_question_back() {
    let q = shipped();
    let (key, links) = (key(), links());
    let mut s = Session::start(&q, &key, &links, None);
    s.press(&label_of(&q, "trial", "ind-trial"));
    s.submit(&[("ind", "123456"), ("nct", "NCT01234567")]);
    s.press("Back");
    assert_eq!(s.state().position(), Position::Question(0));
    s.press(&label_of(&q, "trial", "consumer"));
    let state = s.state();
    assert_eq!(state.position(), Position::Question(index_of(&q, "basis")));
    assert_eq!(
        (state.ind(), state.nct()),
        (None, None),
        "numbers of a withdrawn answer are dropped"
    );
}

// ---------------------------------------------------------------- navigation

#[test]
fn back_skip_and_review_move_through_the_check_and_the_summary_changes_any_answer() {
    let q = shipped();
    let (key, links) = (key(), links());
    let mut s = Session::start(&q, &key, &links, None);
    let back = buttons(&s.message)
        .into_iter()
        .find(|b| b.label == "Back")
        .unwrap()
        .clone();
    assert!(back.disabled, "nothing before the first question");
    s.press("Skip");
    assert_eq!(s.state().answers()[0], Answer::Skipped);
    s.press(&label_of(&q, "basis", "general-claims"));
    s.press("Back");
    assert_eq!(s.state().position(), Position::Question(1));
    assert!(
        s.text().contains("Your answer"),
        "the recorded answer is shown"
    );
    s.press("Review answers");
    assert_eq!(s.state().position(), Position::Summary);
    s.change(index_of(&q, "lot-data"));
    assert_eq!(s.state().position(), Position::Question(3));
    s.press(&label_of(&q, "lot-data", "lot-results"));
    assert_eq!(
        s.state().position(),
        Position::Summary,
        "a change from the summary returns to it"
    );
    let reply = s.press("Get the report");
    assert!(text_of(message_of(&reply)).contains("Sterility and lot data"));
    s.press("Change answers");
    assert_eq!(s.state().position(), Position::Summary);
}

#[test]
fn a_question_the_branch_skips_cannot_be_picked_from_the_summary() {
    let q = branching();
    let (key, links) = (key(), links());
    let mut s = Session::start(&q, &key, &links, None);
    s.press(&label_of(&q, "trial", "ind-trial"));
    s.submit(&[("ind", "123456")]);
    s.press("Review answers");
    let reply = s.change(index_of(&q, "basis"));
    assert!(message_of(&reply).ephemeral);
    let reply = s.change(99);
    assert!(message_of(&reply).ephemeral);
    assert_eq!(s.state().position(), Position::Summary);
}

#[test]
fn starting_over_clears_the_answers_but_keeps_the_clinic_label() {
    let q = shipped();
    let (key, links) = (key(), links());
    let mut s = Session::start(&q, &key, &links, Some("Glow Clinic"));
    s.press(&label_of(&q, "trial", "consumer"));
    s.press("Review answers");
    s.press("Start over");
    assert_eq!(s.state(), State::new(&q, OWNER));
    assert_eq!(
        Carried::from_embeds(&s.message.embeds).clinic.as_deref(),
        Some("Glow Clinic")
    );
}

// ---------------------------------------------------------------- forms and free text

#[test]
fn a_wrong_trial_number_is_explained_and_the_form_reopens_with_what_was_typed() {
    let q = branching();
    let (key, links) = (key(), links());
    let mut s = Session::start(&q, &key, &links, None);
    s.press(&label_of(&q, "trial", "ind-trial"));
    let reply = s.submit(&[("ind", "12ab"), ("nct", "NCT1234567")]);
    let error = message_of(&reply);
    assert!(error.ephemeral);
    let text = text_of(error);
    assert!(
        text.contains("**IND number**: it is made of digits only"),
        "{text}"
    );
    assert!(text.contains("this one has 7"), "{text}");
    assert_eq!(
        s.state().position(),
        Position::Question(0),
        "nothing was recorded"
    );
    let reply = s.press_ephemeral("Try again");
    let Reply::Modal(modal) = reply else {
        panic!("{reply:?}")
    };
    let values: Vec<Option<&str>> = modal.inputs.iter().map(|i| i.value.as_deref()).collect();
    assert_eq!(values, [Some("12ab"), Some("NCT1234567")]);
    let reply = s.submit(&[("ind", "1234"), ("nct", "NCT12345678")]);
    let next = match reply {
        Reply::Message(m) => m,
        other => panic!("a reopened form goes on in a new message, got {other:?}"),
    };
    assert!(!next.ephemeral);
    assert!(s.text().contains("Question 3 of 6"), "{}", s.text());
}

#[test]
fn a_required_follow_up_left_empty_is_asked_again() {
    let q = shipped();
    let (key, links) = (key(), links());
    let mut s = Session::start(&q, &key, &links, None);
    s.press("Skip");
    s.press("Skip");
    s.press(&label_of(&q, "source", "named"));
    let reply = s.submit(&[("manufacturer", "   ")]);
    assert!(text_of(message_of(&reply)).contains("**manufacturer**: this answer needs it"));
    assert_eq!(s.state().answers()[2], Answer::None);
}

#[test]
fn the_manufacturer_travels_in_the_message_and_reaches_the_report_escaped() {
    let q = shipped();
    let (key, links) = (key(), links());
    let mut s = Session::start(&q, &key, &links, Some("@everyone *Glow*"));
    s.press("Skip");
    s.press("Skip");
    s.press(&label_of(&q, "source", "named"));
    s.submit(&[("manufacturer", "Acme_Bio <@123>")]);
    let id = custom_ids(&Reply::Update(s.message.clone())).remove(0);
    assert!(!id.contains("Acme"), "free text never goes in the token");
    s.press("Review answers");
    let reply = s.press("Get the report");
    let report = message_of(&reply);
    let text = text_of(report);
    assert!(text.contains("Acme\\_Bio <@\u{200B}123\\>"), "{text}");
    assert!(!text.contains("@everyone"), "{text}");
    let md = String::from_utf8(report.attachments[0].bytes.clone()).unwrap();
    assert!(
        md.contains("- Manufacturer: Acme\\_Bio \\<@\u{200B}123\\>"),
        "{md}"
    );
    assert!(md.contains("Clinic: @\u{200B}everyone \\*Glow\\*"), "{md}");
    assert!(!md.contains("@everyone"));
}

#[test]
fn a_note_over_the_limit_as_typed_is_refused_and_kept_as_a_draft() {
    let q = shipped();
    let (key, links) = (key(), links());
    let mut s = Session::start(&q, &key, &links, None);
    s.press("Add a note");
    let note = "*".repeat(501);
    let reply = s.submit(&[("note", &note)]);
    assert!(text_of(message_of(&reply)).contains("it is 501 characters, over the limit of 500"));
    let Reply::Modal(modal) = s.press_ephemeral("Try again") else {
        panic!()
    };
    // Only a forged form holds more than its 500 characters: the draft comes back cut to them.
    assert_eq!(modal.inputs[0].value, Some("*".repeat(500)));
    let reply = s.submit(&[("note", "Ask about the lot\n@here")]);
    assert!(matches!(reply, Reply::Message(_)));
    assert_eq!(
        Carried::from_embeds(&s.message.embeds).note.as_deref(),
        Some("Ask about the lot\n@here")
    );
    assert!(buttons(&s.message)
        .iter()
        .any(|b| b.label == "Edit your note"));
    s.press("Edit your note");
    let reply = s.submit(&[("note", "")]);
    assert!(matches!(reply, Reply::Update(_)));
    assert_eq!(
        Carried::from_embeds(&s.message.embeds).note,
        None,
        "an emptied note is removed"
    );
}

#[test]
fn a_clinic_name_over_the_limit_is_explained() {
    let q = shipped();
    let reply = handle(
        &q,
        &key(),
        &links(),
        OWNER,
        Input::Start {
            clinic: Some("_".repeat(120)),
        },
        Carried::default(),
    );
    assert_fits(&reply);
    let message = message_of(&reply);
    assert!(message.ephemeral);
    assert!(
        text_of(message).contains("120 characters"),
        "{}",
        text_of(message)
    );
}

// ---------------------------------------------------------------- the report

fn report_after(answers: &[(&str, &str)], form: &[(&str, &str)]) -> (Message, String) {
    let q = shipped();
    let (key, links) = (key(), links());
    let mut s = Session::start(&q, &key, &links, Some("Glow Clinic"));
    for (question, option) in answers {
        assert_eq!(
            s.state().position(),
            Position::Question(index_of(&q, question))
        );
        if let Reply::Modal(_) = s.press(&label_of(&q, question, option)) {
            s.submit(form);
        }
    }
    while matches!(s.state().position(), Position::Question(_)) {
        s.press("Skip");
    }
    let reply = s.press("Get the report");
    let report = message_of(&reply).clone();
    let md = String::from_utf8(report.attachments[0].bytes.clone()).unwrap();
    (report, md)
}

#[test]
fn a_consumer_therapy_outside_a_trial_is_named_for_what_fda_says_about_it() {
    let (report, md) = report_after(&[("trial", "consumer"), ("basis", "general-claims")], &[]);
    let reading = &report.embeds[0].description;
    assert!(
        reading.contains("you are likely being deceived and offered a product illegally"),
        "{reading}"
    );
    // Skipped questions were not asked of the clinic: they are open, not counted as asked.
    assert!(reading.contains("Red flags: 2 of the 2 questions asked (Trial or consumer therapy, Basis for an unapproved product)"), "{reading}");
    assert!(
        reading.contains("Open: 4 questions are still without an answer"),
        "{reading}"
    );
    assert!(
        reading.contains("does not say whether any named clinic or product is legal"),
        "{reading}"
    );
    assert!(md.contains("## Overall reading"));
    assert!(md.ends_with(&format!("{DISCLAIMER}\n")));
}

#[test]
fn not_asked_yet_is_not_a_question_asked_and_a_no_risk_claim_is_a_false_safety_red_flag() {
    let (report, md) = report_after(
        &[
            ("trial", "consumer"),
            ("basis", "not-asked"),
            ("source", "named"),
            ("lot-data", "lot-results"),
            ("adverse-events", "no-risk"),
        ],
        &[("manufacturer", "Acme")],
    );
    let reading = &report.embeds[0].description;
    assert!(
        reading.contains("Red flags: 2 of the 4 questions asked (Trial or consumer therapy, Reported adverse events)"),
        "{reading}"
    );
    assert!(
        reading.contains("Open: 2 questions are still without an answer from the clinic (Basis for an unapproved product, FDA enforcement status)"),
        "{reading}"
    );
    let no_risk = md
        .split("\n## ")
        .find(|section| section.contains("\"No side effects\""))
        .expect("the adverse events section");
    assert!(
        no_risk.contains("🚩 Red flag: a claim of no risk (false reassurance about safety)"),
        "{no_risk}"
    );
    assert!(!no_risk.contains("vague or general claims"), "{no_risk}");
}

#[test]
fn a_fully_documented_check_says_so_without_calling_anything_approved() {
    let (report, _) = report_after(
        &[
            ("trial", "ind-trial"),
            ("basis", "specific-authorization"),
            ("source", "named"),
            ("lot-data", "lot-results"),
            ("adverse-events", "specific-account"),
            ("enforcement", "checkable-answer"),
        ],
        &[
            ("ind", "123456"),
            ("nct", "NCT01234567"),
            ("manufacturer", "Acme"),
        ],
    );
    let reading = &report.embeds[0].description;
    assert!(
        reading.starts_with("Red flags: none of the 6 questions asked."),
        "{reading}"
    );
    assert!(reading.contains("you cannot check yourself, and none is FDA approval"));
    assert!(!reading.contains("deceived"));
}

#[test]
fn the_next_steps_link_the_trial_page_only_when_a_trial_number_was_given() {
    let link_urls = |m: &Message| -> Vec<String> {
        buttons(m)
            .iter()
            .filter_map(|b| match &b.target {
                ButtonTarget::Link(url) => Some(url.clone()),
                ButtonTarget::Action(_) => None,
            })
            .collect()
    };
    let (with, md) = report_after(&[("trial", "registered-only")], &[("nct", "NCT04388982")]);
    let urls = link_urls(&with);
    assert_eq!(urls[0], "https://clinicaltrials.gov/study/NCT04388982");
    assert!(urls.iter().any(|u| u == "https://www.fda.gov/medwatch"));
    assert!(urls.iter().any(|u| u.ends_with("/warning-letters")));
    assert!(urls.iter().any(|u| u.contains("closerlookatstemcells.org")));
    assert!(urls.iter().any(|u| u.contains("isev.org")));
    assert!(md.contains("<https://clinicaltrials.gov/study/NCT04388982>"));
    let (without, _) = report_after(&[("trial", "registered-only")], &[("nct", "")]);
    assert_eq!(link_urls(&without).len(), 4);
    assert!(!link_urls(&without)
        .iter()
        .any(|u| u.contains("clinicaltrials")));
}

/// A questionnaire whose every answer has a long reading and whose report wording is long.
fn long_winded() -> String {
    let long = |n: usize| "w".repeat(n);
    let mut text = format!(
        "title = \"Check\"\nintro = \"{}\"\nreviewed = 2026-01-01\nreview_every_days = 90\n",
        long(600)
    );
    for i in 0..8 {
        text.push_str(&format!(
            "\n[[question]]\nid = \"q{i}\"\nshort = \"{}\"\nprompt = \"{}\"\nwhy = \"{}\"\ndocumented = \"{}\"\nred_flag = \"{}\"\nsources = [\"FDA-EXO-NOTICE-2019\"]\n",
            long(36), long(500), long(600), long(600), long(600)
        ));
        for (id, flag) in [("ok", "documented"), ("vague", "vague")] {
            text.push_str(&format!(
                "\n[[question.option]]\nid = \"{id}\"\nlabel = \"{}\"\nflag = \"{flag}\"\noutside_trial = true\nreading = \"{}\"\n",
                long(80),
                "r".repeat(400)
            ));
        }
    }
    text.push_str(&format!(
        "\n[report]\ntitle = \"Report\"\nclear = \"{0}\"\nred_flags = \"{0}\"\nopen = \"{0}\"\noutside_trial = \"{0}\"\nno_ruling = \"{0}\"\nsources = [\"FDA-EXO-NOTICE-2019\"]\n",
        long(600)
    ));
    text.push_str(
        "\n[[step]]\nlink = \"medwatch\"\nbutton = \"MedWatch\"\ntext = \"Report it.\"\n",
    );
    text
}

#[test]
fn a_report_too_long_for_one_embed_keeps_the_readings_in_the_attached_file() {
    let q = linked(Questionnaire::parse(Path::new("long.toml"), &long_winded()).unwrap());
    let (key, links) = (key(), links());
    let mut s = Session::start(&q, &key, &links, Some(&"c".repeat(100)));
    for _ in 0..8 {
        let vague = buttons(&s.message)[1].label.clone();
        s.press(&vague);
    }
    s.press("Add a note");
    s.submit(&[("note", &"n".repeat(500))]);
    let reply = s.press("Get the report");
    let report = message_of(&reply);
    let embed = &report.embeds[0];
    assert!(embed
        .description
        .ends_with("What each answer means is in the attached report."));
    assert!(!embed
        .fields
        .iter()
        .any(|f| f.value.contains(&"r".repeat(400))));
    let md = String::from_utf8(report.attachments[0].bytes.clone()).unwrap();
    assert_eq!(
        md.matches(&"r".repeat(400)).count(),
        8,
        "every reading is in the file"
    );
}

// ---------------------------------------------------------------- tokens

fn first_token(message: &Message) -> String {
    let id = custom_ids(&Reply::Update(message.clone())).remove(0);
    split_custom_id(&id).unwrap().1.to_owned()
}

fn press_as(q: &Questionnaire, user: u64, custom_id: &str) -> Reply {
    let reply = handle(
        q,
        &key(),
        &links(),
        user,
        Input::Press {
            custom_id: custom_id.into(),
            values: Vec::new(),
        },
        Carried::default(),
    );
    assert_fits(&reply);
    reply
}

fn session_with_numbers<'a>(
    q: &'a Questionnaire,
    key: &'a TokenKey,
    links: &'a [Link],
) -> Session<'a> {
    let mut s = Session::start(q, key, links, None);
    s.press(&label_of(q, "trial", "ind-trial"));
    s.submit(&[("ind", "1234567"), ("nct", "NCT99999999")]);
    s
}

#[test]
fn a_token_reads_back_as_the_same_state_and_the_same_token() {
    let q = branching();
    let (key, links) = (key(), links());
    let s = session_with_numbers(&q, &key, &links);
    let token = first_token(&s.message);
    let state = State::from_token(&token, &q, &key).unwrap();
    assert_eq!(state.owner(), OWNER);
    assert_eq!(state.to_token(&key), token);
    assert_eq!(token.len(), 47, "six questions with both numbers");
}

#[test]
fn an_altered_token_is_refused_as_forged() {
    let q = shipped();
    let (key, links) = (key(), links());
    let s = session_with_numbers(&q, &key, &links);
    let token = first_token(&s.message);
    for at in [0, 10, 20, 30] {
        let mut bytes = token.clone().into_bytes();
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        let altered = String::from_utf8(bytes).unwrap();
        let error = State::from_token(&altered, &q, &key).unwrap_err();
        assert!(
            matches!(
                error,
                TokenError::Forged | TokenError::Garbled(_) | TokenError::Truncated
            ),
            "{at}: {error:?}"
        );
    }
    // Flipping a bit of the signed body, keeping the layout, is caught by the signature.
    let mut bytes = token.clone().into_bytes();
    let position = token.len() - 14;
    bytes[position] = if bytes[position] == b'A' { b'Q' } else { b'A' };
    let altered = String::from_utf8(bytes).unwrap();
    assert_eq!(
        State::from_token(&altered, &q, &key),
        Err(TokenError::Forged)
    );
    assert_eq!(
        State::from_token(&token, &q, &TokenKey::new(b"another secret")),
        Err(TokenError::Forged)
    );
    let reply = press_as(&q, OWNER, &format!("ck:b:{altered}"));
    assert!(message_of(&reply)
        .content
        .as_deref()
        .unwrap()
        .contains("does not carry a valid signature"));
}

#[test]
fn a_cut_token_is_refused_as_truncated() {
    let q = shipped();
    let (key, links) = (key(), links());
    let s = session_with_numbers(&q, &key, &links);
    let token = first_token(&s.message);
    for len in [0, 1, 5, 20, 21, 30, 46] {
        assert_eq!(
            State::from_token(&token[..len], &q, &key),
            Err(TokenError::Truncated),
            "{len}"
        );
    }
    let reply = press_as(&q, OWNER, &format!("ck:b:{}", &token[..30]));
    assert!(message_of(&reply)
        .content
        .as_deref()
        .unwrap()
        .contains("cut short"));
}

#[test]
fn an_oversized_token_is_refused_before_anything_else() {
    let q = shipped();
    let (key, links) = (key(), links());
    let s = session_with_numbers(&q, &key, &links);
    let token = first_token(&s.message);
    let long = format!("{token}{}", "A".repeat(20));
    assert!(matches!(
        State::from_token(&long, &q, &key),
        Err(TokenError::Oversized {
            length: 67,
            max: 56
        })
    ));
    let reply = press_as(&q, OWNER, &format!("ck:b:{}", "A".repeat(120)));
    let text = message_of(&reply).content.clone().unwrap();
    assert!(
        text.contains("more than the 100 a clinic check ever uses"),
        "{text}"
    );
    let extra = format!("{token}AAAA");
    assert_eq!(
        State::from_token(&extra, &q, &key),
        Err(TokenError::Garbled("it is longer than its header says"))
    );
}

#[test]
fn a_garbled_token_is_refused_as_damaged() {
    let q = shipped();
    let key = key();
    assert_eq!(
        State::from_token("not a token!", &q, &key),
        Err(TokenError::Garbled("it has characters a token never uses"))
    );
    let reply = press_as(&q, OWNER, "ck:b:%%%");
    assert!(message_of(&reply)
        .content
        .as_deref()
        .unwrap()
        .starts_with("This button's data is damaged"));
    let reply = press_as(&q, OWNER, "ck:nothing-here");
    assert!(message_of(&reply).ephemeral);
}

#[test]
fn a_token_from_another_structure_says_the_check_was_updated() {
    let q = shipped();
    let (key, links) = (key(), links());
    let s = session_with_numbers(&q, &key, &links);
    let id = custom_ids(&Reply::Update(s.message.clone())).remove(0);
    let renamed = shipped_text().replace("id = \"lot-results\"", "id = \"lot-test-results\"");
    let newer = linked(Questionnaire::parse(Path::new("q.toml"), &renamed).unwrap());
    assert_ne!(newer.version(), q.version());
    let reply = press_as(&newer, OWNER, &id);
    let message = message_of(&reply);
    assert!(message.ephemeral);
    assert!(message
        .content
        .as_deref()
        .unwrap()
        .starts_with("This check was updated, please start again."));
    assert_eq!(action_id(message, "Start a new check"), NEW_CHECK);
}

#[test]
fn a_wording_fix_keeps_checks_under_way_valid() {
    let q = shipped();
    let (key, links) = (key(), links());
    let s = session_with_numbers(&q, &key, &links);
    let id = action_id(&s.message, "Back");
    let reworded = shipped_text().replace(
        "They showed written results for the lot",
        "They showed me the lot's written results",
    );
    let newer = linked(Questionnaire::parse(Path::new("q.toml"), &reworded).unwrap());
    assert_eq!(newer.version(), q.version());
    assert!(matches!(press_as(&newer, OWNER, &id), Reply::Update(_)));
}

#[test]
fn someone_else_pressing_the_owners_button_is_told_it_is_not_theirs() {
    let q = shipped();
    let (key, links) = (key(), links());
    let s = Session::start(&q, &key, &links, None);
    let id = action_id(&s.message, "Skip");
    let reply = press_as(&q, STRANGER, &id);
    let message = message_of(&reply);
    assert!(message.ephemeral);
    assert!(message
        .content
        .as_deref()
        .unwrap()
        .contains("belongs to someone else"));
    let reply = press_as(&q, STRANGER, &action_id(message, "Start my own check"));
    let own = message_of(&reply);
    assert!(!own.ephemeral);
    let state = State::from_token(&first_token(own), &q, &key).unwrap();
    assert_eq!(state.owner(), STRANGER);
}

#[test]
fn the_longest_custom_id_stays_well_under_discords_limit() {
    let q = shipped();
    let (key, links) = (key(), links());
    let mut s = session_with_numbers(&q, &key, &links);
    s.press("Review answers");
    let longest = custom_ids(&Reply::Update(s.message.clone()))
        .into_iter()
        .map(|id| id.len())
        .max()
        .unwrap();
    assert!(longest <= 55, "{longest}");
}

// ---------------------------------------------------------------- random event sequences

mod random {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngSeed};

    #[derive(Debug, Clone)]
    enum Event {
        /// Press the live message's component at this index (wrapping), with a menu value.
        Press(usize, usize),
        /// Press a button of the last ephemeral message.
        PressEphemeral(usize),
        /// Submit the open form with these texts.
        Submit(Vec<String>),
        /// Press a real custom id with its token cut, altered or padded.
        Tamper(usize, u8),
        /// Someone else presses.
        Stranger(usize),
        /// Garbage arrives.
        Garbage(String),
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("123456".to_owned()),
            Just("nct01234567".to_owned()),
            Just("IND 0042".to_owned()),
            Just("NCT123".to_owned()),
            "[a-zA-Z0-9 @*_#<>]{0,40}",
            "[*@]{200,400}",
        ]
    }

    fn event() -> impl Strategy<Value = Event> {
        prop_oneof![
            6 => (0usize..40, 0usize..8).prop_map(|(i, v)| Event::Press(i, v)),
            1 => (0usize..4).prop_map(Event::PressEphemeral),
            3 => proptest::collection::vec(text(), 0..4).prop_map(Event::Submit),
            1 => (0usize..40, any::<u8>()).prop_map(|(i, b)| Event::Tamper(i, b)),
            1 => (0usize..40).prop_map(Event::Stranger),
            1 => "ck:[a-zA-Z0-9:_-]{0,60}".prop_map(Event::Garbage),
        ]
    }

    fn action_ids(message: &Message) -> Vec<(String, bool)> {
        message
            .rows
            .iter()
            .flat_map(|row| match row {
                Row::Buttons(b) => b
                    .iter()
                    .filter_map(|b| match &b.target {
                        ButtonTarget::Action(id) => Some((id.clone(), false)),
                        ButtonTarget::Link(_) => None,
                    })
                    .collect::<Vec<_>>(),
                Row::Select(s) => vec![(s.custom_id.clone(), true)],
            })
            .collect()
    }

    /// Every token the reply issues reads back, and reads back to itself.
    fn check_tokens(q: &Questionnaire, key: &TokenKey, reply: &Reply) {
        for id in custom_ids(reply) {
            if id == NEW_CHECK {
                continue;
            }
            let (_, token) = split_custom_id(&id).unwrap();
            let state = State::from_token(token, q, key).unwrap();
            assert_eq!(state.to_token(key), token);
        }
    }

    fn run(events: Vec<Event>) {
        let q = shipped();
        let (key, links) = (key(), links());
        let mut s = Session::start(&q, &key, &links, Some("Clinic <@1>"));
        for event in events {
            let reply = match event {
                Event::Press(i, v) => {
                    let ids = action_ids(&s.message);
                    let (id, select) = ids[i % ids.len()].clone();
                    let value = v.to_string();
                    let values = [value.as_str()];
                    s.press_id(&id, if select { &values[..] } else { &[] })
                }
                Event::PressEphemeral(i) => match s.ephemeral.clone() {
                    Some(m) if !action_ids(&m).is_empty() => {
                        let ids = action_ids(&m);
                        let id = ids[i % ids.len()].0.clone();
                        s.press_on(m, &id, &[])
                    }
                    _ => continue,
                },
                Event::Submit(texts) => match s.modal.clone() {
                    Some((modal, _)) => {
                        let fields: Vec<(String, String)> = modal
                            .inputs
                            .iter()
                            .zip(texts.iter().chain(std::iter::repeat(&String::new())))
                            .map(|(input, t)| (input.custom_id.clone(), t.clone()))
                            .collect();
                        let borrowed: Vec<(&str, &str)> = fields
                            .iter()
                            .map(|(k, v)| (k.as_str(), v.as_str()))
                            .collect();
                        s.submit(&borrowed)
                    }
                    None => continue,
                },
                Event::Tamper(i, b) => {
                    let ids = action_ids(&s.message);
                    let id = ids[i % ids.len()].0.clone();
                    let mut tampered = id.into_bytes();
                    let at = usize::from(b) % tampered.len();
                    match b % 3 {
                        0 => tampered.truncate(at),
                        1 => tampered[at] = b'A' + (b % 26),
                        _ => tampered.extend(std::iter::repeat_n(b'x', usize::from(b))),
                    }
                    let id = String::from_utf8_lossy(&tampered).into_owned();
                    let before = s.message.clone();
                    let reply = s.press_id(&id, &[]);
                    if let Reply::Message(m) = &reply {
                        if m.ephemeral {
                            assert_eq!(s.message, before);
                        }
                    }
                    reply
                }
                Event::Stranger(i) => {
                    let ids = action_ids(&s.message);
                    let id = ids[i % ids.len()].0.clone();
                    let reply = press_as(&q, STRANGER, &id);
                    assert!(
                        matches!(&reply, Reply::Message(m) if m.ephemeral),
                        "{reply:?}"
                    );
                    reply
                }
                Event::Garbage(id) => {
                    let reply = press_as(&q, OWNER, &id);
                    assert!(matches!(&reply, Reply::Message(m) if m.ephemeral) || id == NEW_CHECK);
                    reply
                }
            };
            check_tokens(&q, &key, &reply);
            // The live message always holds a valid token of its owner's.
            let state = s.state();
            assert_eq!(state.owner(), OWNER);
            assert_eq!(state.to_token(&key), first_token(&s.message));
        }
    }

    proptest! {
        #![proptest_config(Config {
            cases: 96,
            failure_persistence: None,
            rng_seed: RngSeed::Fixed(0x5eed_c0de),
            ..Config::default()
        })]

        #[test]
        fn random_event_sequences_never_panic_and_always_leave_a_valid_token(
            events in proptest::collection::vec(event(), 1..40)
        ) {
            run(events);
        }

        #[test]
        fn any_text_as_a_token_is_refused_or_encodes_back_to_itself(text in any::<String>()) {
            let (q, key) = (shipped(), key());
            if let Ok(state) = State::from_token(&text, &q, &key) {
                prop_assert_eq!(state.to_token(&key), text);
            }
        }

        #[test]
        fn a_token_with_one_character_changed_is_refused(at in any::<usize>(), c in any::<char>()) {
            let (q, key) = (shipped(), key());
            let token = State::new(&q, OWNER).to_token(&key);
            let mut chars: Vec<char> = token.chars().collect();
            let at = at % chars.len();
            prop_assume!(chars[at] != c);
            chars[at] = c;
            let edited: String = chars.into_iter().collect();
            prop_assert!(State::from_token(&edited, &q, &key).is_err(), "{}", edited);
        }

        #[test]
        fn trial_and_ind_numbers_read_back_as_they_print(text in "(NCT|nct|IND|ind)?[ -]?[0-9]{0,10}") {
            if let Ok(nct) = exobot::questionnaire::Nct::parse(&text) {
                prop_assert_eq!(exobot::questionnaire::Nct::parse(&nct.to_string()), Ok(nct));
            }
            if let Ok(ind) = exobot::questionnaire::Ind::parse(&text) {
                prop_assert_eq!(exobot::questionnaire::Ind::parse(&ind.to_string()), Ok(ind));
            }
        }

        #[test]
        fn escaping_is_undone_exactly(text in any::<String>()) {
            let escaped = exobot::questionnaire::escape_reversibly(&text);
            prop_assert!(!escaped.contains("@everyone") && !escaped.contains("@here"));
            prop_assert_eq!(exobot::questionnaire::unescape(&escaped), text);
        }
    }
}

// ---------------------------------------------------------------- broken questionnaires

const BASE: &str = r#"title = "Check"
intro = "Intro."
reviewed = 2026-01-01
review_every_days = 90

[[question]]
id = "trial"
short = "Trial"
prompt = "Is it a trial?"
why = "Because."
documented = "An IND number."
red_flag = "No answer."
sources = ["FDA-REGEN-PATIENT-2021"]

[[question.option]]
id = "ind"
label = "A trial with an IND"
flag = "documented"
inputs = ["ind"]

[[question.option]]
id = "no"
label = "No"
flag = "refused"

[[question]]
id = "basis"
short = "Basis"
prompt = "On what basis?"
why = "Because."
documented = "In writing."
red_flag = "General claims."
sources = ["FDA-EXO-NOTICE-2019"]
skip_if = "ind"

[[question.option]]
id = "written"
label = "In writing"
flag = "documented"

[[question.option]]
id = "vague"
label = "General claims"
flag = "vague"

[report]
title = "Report"
clear = "Clear."
red_flags = "Red."
open = "Open."
outside_trial = "Outside."
no_ruling = "No ruling."
sources = ["FDA-REGEN-PATIENT-2021"]

[[step]]
link = "medwatch"
button = "MedWatch"
text = "Report it."
"#;

/// The problems of BASE with each (from, to) replacement made once.
fn problems(edits: &[(&str, &str)]) -> Vec<String> {
    let mut text = BASE.to_owned();
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    match Questionnaire::parse(Path::new("knowledge/questionnaire.toml"), &text) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn the_base_fixture_itself_is_valid() {
    assert_eq!(problems(&[]), Vec::<String>::new());
}

#[test]
fn a_toml_syntax_error_is_located() {
    assert_eq!(
        problems(&[("prompt = \"Is it a trial?\"", "prompt = \"Is it a trial?")]),
        ["knowledge/questionnaire.toml:9:25: error: invalid TOML: invalid basic string, expected `\"`"]
    );
}

#[test]
fn an_unknown_key_in_a_question_is_an_error_at_the_key() {
    assert_eq!(
        problems(&[("prompt = \"Is it a trial?\"", "promt = \"Is it a trial?\"")]),
        ["knowledge/questionnaire.toml:9:1: error: unknown field `promt`, expected one of `id`, `short`, `prompt`, `why`, `documented`, `red_flag`, `sources`, `skip_if`, `option`"]
    );
}

#[test]
fn a_missing_key_is_an_error_at_its_table() {
    assert_eq!(
        problems(&[(
            "why = \"Because.\"\ndocumented = \"An IND",
            "documented = \"An IND"
        )]),
        ["knowledge/questionnaire.toml:6:1: error: missing field `why`"]
    );
}

#[test]
fn a_duplicate_question_id_names_the_first_one() {
    assert_eq!(
        problems(&[("id = \"basis\"", "id = \"trial\"")]),
        ["knowledge/questionnaire.toml:27:6: error: duplicate question id `trial`, first defined at knowledge/questionnaire.toml:7:6"]
    );
}

#[test]
fn an_unknown_flag_lists_the_flags_there_are() {
    assert_eq!(
        problems(&[("flag = \"refused\"", "flag = \"red\"")]),
        ["knowledge/questionnaire.toml:24:8: error: unknown variant `red`, expected one of `documented`, `vague`, `refused`, `concern`, `false-safety`, `open`"]
    );
}

#[test]
fn sources_given_as_a_string_are_a_type_error() {
    assert_eq!(
        problems(&[("sources = [\"FDA-EXO-NOTICE-2019\"]", "sources = \"FDA-EXO-NOTICE-2019\"")]),
        ["knowledge/questionnaire.toml:33:11: error: invalid type: string \"FDA-EXO-NOTICE-2019\", expected a sequence"]
    );
}

#[test]
fn a_badly_formed_option_id_and_an_overlong_label_are_both_reported() {
    let long = format!("label = \"{}\"", "x".repeat(81));
    assert_eq!(
        problems(&[("id = \"no\"", "id = \"No_Answer\""), ("label = \"No\"", &long)]),
        [
            "knowledge/questionnaire.toml:22:6: error: `id` must be lower-case words joined by \"-\", e.g. `not-asked`; found `No_Answer`",
            "knowledge/questionnaire.toml:23:9: error: `label` is 81 characters, over the limit of 80",
        ]
    );
}

#[test]
fn skipping_on_a_number_no_earlier_question_asks_for_is_an_error() {
    assert_eq!(
        problems(&[("skip_if = \"ind\"", "skip_if = \"nct\"")]),
        ["knowledge/questionnaire.toml:34:11: error: `skip_if = \"nct\"` but no earlier question asks for `nct`"]
    );
}

#[test]
fn an_unknown_top_level_key_and_a_missing_report_are_both_reported() {
    assert_eq!(
        problems(&[("[report]", "[reprot]")]),
        [
            "knowledge/questionnaire.toml:1:1: error: missing field `report`",
            "knowledge/questionnaire.toml:46:2: error: unknown field `reprot`, expected one of `title`, `intro`, `reviewed`, `review_every_days`, `question`, `report`, `step`",
        ]
    );
}

#[test]
fn a_question_with_a_single_option_is_refused() {
    let one_option =
        "[[question.option]]\nid = \"vague\"\nlabel = \"General claims\"\nflag = \"vague\"\n";
    assert_eq!(
        problems(&[(one_option, "")]),
        ["knowledge/questionnaire.toml:36:1: error: a question needs 2 to 10 options, found 1"]
    );
}

#[test]
fn an_unknown_input_and_a_mistyped_bool_are_both_reported() {
    assert_eq!(
        problems(&[
            ("inputs = [\"ind\"]", "inputs = [\"ind\", \"phone\"]"),
            ("flag = \"refused\"", "flag = \"refused\"\noutside_trial = \"yes\""),
        ]),
        [
            "knowledge/questionnaire.toml:19:18: error: `inputs` must name one of: ind, nct, manufacturer; found `phone`",
            "knowledge/questionnaire.toml:25:17: error: invalid type: string \"yes\", expected a boolean",
        ]
    );
}

#[test]
fn a_malformed_source_id_is_reported_where_it_is_written() {
    assert_eq!(
        problems(&[("sources = [\"FDA-EXO-NOTICE-2019\"]", "sources = [\"fda exo\"]")]),
        ["knowledge/questionnaire.toml:33:12: error: source ids are upper-case words joined by \"-\", e.g. `FDA-EXO-NOTICE-2019`; found `fda exo`"]
    );
}

// ---------------------------------------------------------------- limits at load time

/// A valid questionnaire of `questions` questions, every text at its longest.
fn at_the_edge(questions: usize) -> String {
    let long = |n: usize| "w".repeat(n);
    let mut text = format!(
        "title = \"{}\"\nintro = \"{}\"\nreviewed = 2026-01-01\nreview_every_days = 90\n",
        long(100),
        long(600)
    );
    for i in 0..questions {
        text.push_str(&format!(
            "\n[[question]]\nid = \"q{i}\"\nshort = \"{}\"\nprompt = \"{}\"\nwhy = \"{}\"\ndocumented = \"{}\"\nred_flag = \"{}\"\nsources = [\"FDA-EXO-NOTICE-2019\"]\n",
            long(36), long(500), long(600), long(600), long(600)
        ));
        for k in 0..2 {
            text.push_str(&format!(
                "\n[[question.option]]\nid = \"o{k}\"\nlabel = \"{k}{}\"\nflag = \"vague\"\nreading = \"{}\"\n",
                long(79),
                "r".repeat(400)
            ));
        }
    }
    text.push_str(&format!(
        "\n[report]\ntitle = \"{1}\"\nclear = \"{0}\"\nred_flags = \"{0}\"\nopen = \"{0}\"\noutside_trial = \"{0}\"\nno_ruling = \"{0}\"\nsources = [\"FDA-EXO-NOTICE-2019\"]\n",
        long(600),
        long(100)
    ));
    text.push_str(
        "\n[[step]]\nlink = \"medwatch\"\nbutton = \"MedWatch\"\ntext = \"Report it.\"\n",
    );
    text
}

#[test]
fn a_report_that_text_typed_at_its_limits_would_overflow_is_refused_at_its_line() {
    // With 15 questions the report fits plain text at the limits, but not text whose
    // escaping doubles it (a clinic, a manufacturer and a note made of `*`).
    let text = at_the_edge(15);
    let Err(problems) = Questionnaire::parse(Path::new("q.toml"), &text) else {
        panic!("15 questions at their longest do not fit the report");
    };
    let line = text[..text.find("[report]").unwrap()].lines().count() + 1;
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [format!(
            "q.toml:{line}:1: error: the report would not fit in a Discord message at its longest: \
             embeds in total is 6008 long, over Discord's limit of 6000"
        )]
    );
}

#[test]
fn a_questionnaire_that_passes_fits_every_text_typed_at_its_limits() {
    let q = linked(Questionnaire::parse(Path::new("q.toml"), &at_the_edge(14)).unwrap());
    let (key, links) = (key(), links());
    // Session checks every reply against Discord's limits.
    let mut s = Session::start(&q, &key, &links, Some(&"*".repeat(100)));
    for _ in 0..14 {
        s.press(&format!("1{}", "w".repeat(79)));
    }
    s.press("Add a note");
    s.submit(&[("note", &"@".repeat(500))]);
    let reply = s.press("Get the report");
    assert!(!message_of(&reply).attachments.is_empty());
}

#[test]
fn the_review_keys_are_required_and_the_interval_bounded() {
    assert_eq!(
        problems(&[("reviewed = 2026-01-01\n", "")]),
        ["knowledge/questionnaire.toml:1:1: error: missing field `reviewed`"]
    );
    assert_eq!(
        problems(&[("review_every_days = 90", "review_every_days = 0")]),
        ["knowledge/questionnaire.toml:4:21: error: `review_every_days` must be from 1 to 730, not 0"]
    );
    assert_eq!(
        problems(&[("reviewed = 2026-01-01", "reviewed = 2026-01-01T10:00:00")]),
        ["knowledge/questionnaire.toml:3:12: error: `reviewed` must be a calendar date such as 2024-12-30, without a time"]
    );
}

/// The shipped check's review, as `exobot check` reads it on a given day: past due is a warning
/// at `reviewed`, a date still to come an error.
#[test]
fn the_shipped_check_warns_once_its_review_is_due() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let about_the_check = |today| {
        exobot::knowledge::load(&dir, today)
            .diagnostics
            .iter()
            .filter(|d| d.path.ends_with("questionnaire.toml"))
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
    };
    let q = shipped();
    let review = q.review();
    assert_eq!(about_the_check(review.reviewed), Vec::<String>::new());
    assert_eq!(about_the_check(review.next()), Vec::<String>::new());
    let late = about_the_check(review.next().next_day().unwrap());
    assert_eq!(late.len(), 1, "{late:?}");
    assert!(
        late[0].contains(&format!(
            "warning: the clinic check was due for review on {}; check it against its sources",
            review.next()
        )),
        "{late:?}"
    );
    let early = about_the_check(review.reviewed.previous_day().unwrap());
    assert_eq!(early.len(), 1, "{early:?}");
    assert!(
        early[0].contains("error: `reviewed` 2026-11-30 is in the future"),
        "{early:?}"
    );
}
