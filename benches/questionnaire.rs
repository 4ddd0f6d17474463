//! Clinic check figures: the size of its state tokens and custom ids, and the latency of one step.
//!
//! Run with `cargo bench --bench questionnaire`. It prints figures and asserts nothing about time.

use std::error::Error;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use exobot::knowledge::Link;
use exobot::questionnaire::{
    handle, split_custom_id, Carried, Input, Questionnaire, StepLink, TokenKey,
};
use exobot::reply::{ButtonTarget, Message, Reply, Row};

const OWNER: u64 = 412_345_678_901_234_567;
const STEPS: usize = 100_000;

fn links() -> Vec<Link> {
    let link = |id: &str, url: &str| Link {
        id: id.into(),
        label: id.into(),
        url: url.into(),
        confirmed: true,
    };
    vec![
        link("clinicaltrials-study", "https://clinicaltrials.gov/study/{nct}"),
        link("medwatch", "https://www.fda.gov/medwatch"),
        link(
            "fda-warning-letters",
            "https://www.fda.gov/inspections-compliance-enforcement-and-criminal-investigations/compliance-actions-and-activities/warning-letters",
        ),
        link("isscr-what-to-ask", "http://www.closerlookatstemcells.org/What_to_Ask.html"),
        link(
            "isev-patient-notice",
            "https://www.isev.org/patient-information-and-safety-notice--extracellular-vesicles-exosomes-and-unproven-therapies",
        ),
    ]
}

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
                    .collect(),
                Row::Select(s) => vec![s.custom_id.clone()],
            })
            .collect(),
        Reply::Modal(m) => vec![m.custom_id.clone()],
        Reply::Autocomplete(_) | Reply::Defer => Vec::new(),
    }
}

fn button(message: &Message, label: &str) -> Option<String> {
    message.rows.iter().find_map(|row| match row {
        Row::Buttons(buttons) => {
            buttons
                .iter()
                .find(|b| b.label == label)
                .and_then(|b| match &b.target {
                    ButtonTarget::Action(id) => Some(id.clone()),
                    ButtonTarget::Link(_) => None,
                })
        }
        Row::Select(_) => None,
    })
}

/// A scripted check that goes round and round: answers (with a form), a note, back, skip,
/// review, change, report, start over. Each `next` is one event.
struct Script<'a> {
    q: &'a Questionnaire,
    key: &'a TokenKey,
    links: &'a [Link],
    message: Message,
    form: Option<String>,
    turn: usize,
}

impl Script<'_> {
    fn event(&mut self) -> Input {
        self.turn += 1;
        if let Some(custom_id) = self.form.take() {
            let fields = if custom_id.starts_with("ck:t") {
                vec![(
                    "note".to_owned(),
                    "Ask about the lot number @here".to_owned(),
                )]
            } else {
                vec![
                    ("ind".to_owned(), "123456".to_owned()),
                    ("nct".to_owned(), "NCT01234567".to_owned()),
                    ("manufacturer".to_owned(), "Acme Biologics".to_owned()),
                ]
            };
            return Input::Submit { custom_id, fields };
        }
        let press = |custom_id: String| Input::Press {
            custom_id,
            values: Vec::new(),
        };
        let pick = |labels: &[&str]| labels.iter().find_map(|l| button(&self.message, l));
        let choice = match self.turn % 9 {
            0 => pick(&["Add a note", "Edit your note"]),
            1 => pick(&["Back"]),
            2 => pick(&["Skip"]),
            _ => None,
        };
        if let Some(id) = choice.or_else(|| pick(&["Get the report", "Start over"])) {
            return press(id);
        }
        // An answer: the first option on even turns (it may open a form), another one otherwise.
        let ids = custom_ids(&Reply::Update(self.message.clone()));
        let index = if self.turn.is_multiple_of(2) { 0 } else { 2 };
        press(ids.get(index).cloned().unwrap_or_else(|| ids[0].clone()))
    }

    fn take(&mut self, reply: Reply) {
        match reply {
            Reply::Message(m) | Reply::Update(m) if !m.ephemeral => self.message = m,
            Reply::Modal(modal) => self.form = Some(modal.custom_id),
            _ => {}
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// The longest custom id over every path through the check (every option and Skip at each
/// question, valid forms), and how many paths there were.
fn longest_custom_id(q: &Questionnaire, key: &TokenKey, links: &[Link]) -> (usize, String, usize) {
    let mut longest = (0, String::new(), 0);
    let start = handle(
        q,
        key,
        links,
        OWNER,
        Input::Start { clinic: None },
        Carried::default(),
    );
    let mut stack = vec![start];
    while let Some(reply) = stack.pop() {
        for id in custom_ids(&reply) {
            if id.len() > longest.0 {
                longest = (id.len(), id.clone(), longest.2);
            }
        }
        let (Reply::Message(message) | Reply::Update(message)) = &reply else {
            continue;
        };
        let carried = Carried::from_embeds(&message.embeds);
        if let Some(report) = button(message, "Get the report") {
            let input = Input::Press {
                custom_id: report,
                values: Vec::new(),
            };
            let reply = handle(q, key, links, OWNER, input, carried);
            for id in custom_ids(&reply) {
                if id.len() > longest.0 {
                    longest = (id.len(), id.clone(), longest.2);
                }
            }
            longest.2 += 1;
            continue;
        }
        let Some(Row::Buttons(_)) = message.rows.first() else {
            continue;
        };
        let options: Vec<String> = custom_ids(&reply)
            .into_iter()
            .filter(|id| id.starts_with("ck:a"))
            .chain(button(message, "Skip"))
            .collect();
        for custom_id in options {
            let input = Input::Press {
                custom_id,
                values: Vec::new(),
            };
            let mut next = handle(q, key, links, OWNER, input, carried.clone());
            if let Reply::Modal(modal) = &next {
                let fields = modal
                    .inputs
                    .iter()
                    .map(|i| {
                        let value = match i.custom_id.as_str() {
                            "ind" => "1234567",
                            "nct" => "NCT01234567",
                            _ => "Acme Biologics",
                        };
                        (i.custom_id.clone(), value.to_owned())
                    })
                    .collect();
                let input = Input::Submit {
                    custom_id: modal.custom_id.clone(),
                    fields,
                };
                next = handle(q, key, links, OWNER, input, carried.clone());
            }
            stack.push(next);
        }
    }
    longest
}

fn main() -> Result<(), Box<dyn Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge/questionnaire.toml");
    let text = std::fs::read_to_string(&path)?;
    let mut q = Questionnaire::parse(Path::new("knowledge/questionnaire.toml"), &text).map_err(
        |problems| {
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        },
    )?;
    let key = TokenKey::new(b"benchmark secret");
    let links = links();
    // What the knowledge loader hands the questionnaire.
    q.link(
        links
            .iter()
            .map(|l| StepLink {
                id: l.id.clone(),
                label: l.label.clone(),
                url: l.url.clone(),
            })
            .collect(),
    );

    let walk = Instant::now();
    let (length, id, paths) = longest_custom_id(&q, &key, &links);
    let token = split_custom_id(&id).map_or("", |(_, t)| t);
    println!(
        "paths through the check: {paths} (walked in {:.2?})",
        walk.elapsed()
    );
    println!("longest custom id issued: {length} characters (Discord allows 100): {id}");
    println!(
        "its state token: {} characters, {} bytes",
        token.len(),
        token.len() * 3 / 4
    );

    let start = Input::Start {
        clinic: Some("Glow Clinic".into()),
    };
    let first = handle(&q, &key, &links, OWNER, start, Carried::default());
    let Reply::Message(message) = first else {
        return Err("the check did not start".into());
    };
    let mut script = Script {
        q: &q,
        key: &key,
        links: &links,
        message,
        form: None,
        turn: 0,
    };
    let mut kinds = [0usize; 4];
    let mut steps = Vec::with_capacity(STEPS);
    let mut with_embeds = Vec::with_capacity(STEPS);
    for _ in 0..STEPS {
        let input = script.event();
        let began = Instant::now();
        let carried = Carried::from_embeds(&script.message.embeds);
        let read = began.elapsed();
        let reply = handle(script.q, script.key, script.links, OWNER, input, carried);
        let total = began.elapsed();
        steps.push(total - read);
        with_embeds.push(total);
        kinds[match &reply {
            Reply::Update(_) => 0,
            Reply::Message(m) if !m.ephemeral => 1,
            Reply::Modal(_) => 2,
            _ => 3,
        }] += 1;
        script.take(black_box(reply));
    }
    steps.sort();
    with_embeds.sort();
    let mean = steps.iter().sum::<Duration>() / STEPS as u32;
    println!(
        "step latency over {STEPS} steps ({} updates, {} new messages, {} forms, {} ephemeral), handle only:",
        kinds[0], kinds[1], kinds[2], kinds[3]
    );
    println!(
        "  p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs, mean {:.1} µs (target: p99 < 100 µs)",
        micros(percentile(&steps, 0.50)),
        micros(percentile(&steps, 0.99)),
        micros(steps[STEPS - 1]),
        micros(mean)
    );
    println!(
        "  with Carried::from_embeds: p50 {:.1} µs, p99 {:.1} µs",
        micros(percentile(&with_embeds, 0.50)),
        micros(percentile(&with_embeds, 0.99))
    );
    Ok(())
}
