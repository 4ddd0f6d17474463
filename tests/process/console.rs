//! The console driven as a script would: a piped session in, deterministic text out, exit 0.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A folder of its own for one console run, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "exobot-console-{name}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The console run in `dir` (so a report lands there, not in the checkout), with `args`.
fn console_in(dir: &Path, args: &[&str], input: &str) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_exobot"))
        .arg("console")
        .args(args)
        .current_dir(dir)
        .env_remove("EXOBOT_KNOWLEDGE_DIR")
        .env(
            "EXOBOT_CONFIG",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("config/exobot.toml"),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn console(input: &str) -> (i32, String) {
    let dir = TempDir::new("session");
    console_in(&dir.0, &[], input)
}

/// `text` with every run of white space (a wrapped line's break and indent) as one space.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text the console printed after `> {line}`, up to the next prompt.
fn after<'a>(text: &'a str, line: &str, nth: usize) -> &'a str {
    let marker = format!("> {line}\n");
    let start = text.match_indices(&marker).nth(nth).unwrap().0 + marker.len();
    let rest = &text[start..];
    &rest[..rest.find("\n> ").map_or(rest.len(), |i| i + 1)]
}

#[test]
fn a_piped_clinic_check_with_a_note_a_back_step_and_a_bad_nct_number_ends_in_a_report() {
    let session = [
        "/check Glow Spa",
        "2",           // a ClinicalTrials.gov listing, but no IND number
        "NCT123",      // the form: an invalid trial number
        "1",           // "Try again" reopens the form
        "nct04388982", // valid, typed in lower case
        "3",           // question 2: "it is registered with FDA"
        "n",           // add a note
        "They said the lab is \"cutting edge\" @everyone",
        "b", // back to question 2
        "2", // change it: general claims about the science
        "3", // question 3: only general words
        "1", // question 4: written lot results
        "1", // question 5: a specific account
        "1", // question 6: a direct answer
        "f", // get the report
        "/quit",
    ]
    .join("\n");
    let (code, text) = console(&format!("{session}\n"));
    assert_eq!(code, 0);

    let invalid = after(&text, "1", 0);
    assert!(
        invalid.contains("ClinicalTrials.gov number, if you have it (optional): nct04388982"),
        "{invalid}"
    );
    let bad = after(&text, "/check Glow Spa", 0);
    assert!(bad.contains("Question 1 of 6"), "{bad}");
    assert!(text.contains(
        "- ClinicalTrials.gov number: it has exactly 8 digits after NCT; this one has 3."
    ));
    let back = after(&text, "b", 0);
    assert!(
        back.starts_with("== Clinic check · Question 2 of 6"),
        "{back}"
    );

    let report = after(&text, "f", 0);
    assert!(
        report.starts_with("== Clinic check report · Glow Spa =="),
        "{report}"
    );
    assert!(
        report.contains("Red flags: 3 of the 6 questions asked"),
        "{report}"
    );
    assert!(report.contains("1. Trial or consumer therapy:\nA ClinicalTrials.gov listing, but no IND number\n🚩 Red flag: vague or general claims"));
    assert!(report.contains(
        "2. Basis for an unapproved product:\nGeneral claims about the science or safety\n🚩"
    ));
    assert!(report.contains(
        "4. Sterility and lot data:\nThey showed written results for the lot\n✅ Documented"
    ));
    let flat_report = flat(report);
    assert!(
        flat_report.contains("They said the lab is \"cutting edge\" @\u{200B}everyone"),
        "the note, mention-safe"
    );
    assert!(report.contains("<https://clinicaltrials.gov/study/NCT04388982>"));
    assert!(report.contains("<https://www.fda.gov/medwatch>"));
    assert!(flat_report
        .contains("It does not say whether any named clinic or product is legal or illegal"));
    assert!(flat_report.contains("Saved the file ("), "{report}");
    assert!(report.contains("General information, not medical advice."));
}

#[test]
fn facts_questions_and_lists_work_in_the_console_and_unknown_input_is_explained() {
    let (code, text) = console("is exosome therapy legal\n/fact\n22\n/suggest nebr\n7\n/nope\n");
    assert_eq!(code, 0);
    assert!(after(&text, "is exosome therapy legal", 0)
        .starts_with("== Is any exosome product FDA approved?"));
    assert!(after(&text, "/fact", 0).contains("  [22] What happened in Nebraska in 2019?\n"));
    assert!(after(&text, "22", 0).starts_with("== What happened in Nebraska in 2019? =="));
    let suggested = after(&text, "/suggest nebr", 0);
    assert!(
        suggested.starts_with("  What happened in Nebraska in 2019?  (nebraska-adverse-events)\n"),
        "{suggested}"
    );
    assert_eq!(
        after(&text, "/nope", 0),
        "exobot does not know the command /nope. Type /help for the commands.\n"
    );
}

#[test]
fn the_clinic_check_report_is_saved_where_told_and_never_over_an_earlier_one() {
    let dir = TempDir::new("report");
    let reports = dir.0.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    let args = ["--report-dir", reports.to_str().unwrap()];
    // n adds a note with markdown marks; r reviews; f gets the report (questions left open).
    let check = |clinic: &str| format!("/clinic-check {clinic}\nn\n<b>bold</b> *x* a_b\nr\nf\n");
    let (code, text) = console_in(&dir.0, &args, &check("Glow Spa"));
    assert_eq!(code, 0);
    let first = reports.join("clinic-check-report.md");
    let saved = std::fs::read(&first).unwrap();
    assert!(String::from_utf8_lossy(&saved).contains("Glow Spa"));
    assert!(
        flat(&text).contains(&format!(
            "Saved the file ({} bytes) as {}.",
            saved.len(),
            first.display()
        )),
        "{text}"
    );
    assert!(!text.contains("attached file"), "{text}");
    // The note shows as typed, not with Discord's escapes.
    assert!(text.contains("\n<b>bold</b> *x* a_b\n"), "{text}");

    // A second check: a new file; the first stays as it was.
    let (_, text) = console_in(&dir.0, &args, &check("Other Clinic"));
    let second = reports.join("clinic-check-report-2.md");
    assert!(std::fs::read_to_string(&second)
        .unwrap()
        .contains("Other Clinic"));
    assert_eq!(std::fs::read(&first).unwrap(), saved);
    assert!(
        flat(&text).contains(&format!(
            " as {}. An earlier clinic-check-report.md is kept as it was.",
            second.display()
        )),
        "{text}"
    );
    // Nothing lands in the working folder when a report folder is given.
    assert!(!dir.0.join("clinic-check-report.md").exists());

    // Without --report-dir: the current folder.
    let (_, _) = console_in(&dir.0, &[], &check("Here"));
    assert!(
        std::fs::read_to_string(dir.0.join("clinic-check-report.md"))
            .unwrap()
            .contains("Here")
    );
}

#[test]
fn discord_names_reach_every_command_and_unknown_ones_point_to_help() {
    let (code, text) = console(
        "/clinic-check Glow Spa\n/check\n/post nebraska\n/posts\n/refresh\n/answer\n/help\n/about\n/clinic\\-check\n",
    );
    assert_eq!(code, 0);
    for line in ["/clinic-check Glow Spa", "/check"] {
        assert!(
            after(&text, line, 0).starts_with("== Clinic check · Question 1 of 6"),
            "{line}"
        );
    }
    let post = after(&text, "/post nebraska", 0);
    assert!(post.starts_with("On Discord, /post puts this fact in a channel"));
    assert!(
        post.contains("\n== What happened in Nebraska in 2019? ==\n"),
        "{post}"
    );
    assert!(after(&text, "/posts", 0).contains("The console posts nothing"));
    assert!(after(&text, "/refresh", 0).contains("The console posts nothing"));
    assert!(flat(after(&text, "/answer", 0)).contains("\"Answer with a fact\""));
    let help = after(&text, "/help", 0);
    // Every command a member or moderator has on Discord, by its Discord name.
    for name in [
        "/fact",
        "/ask",
        "/clinic-check",
        "/about",
        "/reload",
        "/post",
        "/posts",
        "/refresh",
    ] {
        assert!(
            help.contains(&format!("{name} ")) || help.contains(&format!("{name},")),
            "{name}"
        );
    }
    let about = after(&text, "/about", 0);
    assert!(about.contains("/clinic-check"), "{about}");
    assert!(about.contains("/help"), "{about}");
    let unknown = after(&text, "/clinic\\-check", 0);
    assert!(unknown.contains("Type /help"), "{unknown}");
}

#[test]
fn an_answer_fits_80_columns_short_first_with_the_rest_one_key_away() {
    let (code, text) = console("is exosome therapy legal\nm\n/fact section-351-361\nm\n");
    assert_eq!(code, 0);
    assert!(!text.contains('\x1b'), "no terminal styles when piped");
    for line in text.lines() {
        // Only an address, which is never broken, may pass the edge.
        assert!(
            line.chars().count() <= 80 || !line.trim().contains(' '),
            "{line}"
        );
    }
    let short = after(&text, "is exosome therapy legal", 0);
    assert!(short.starts_with("== Is any exosome product FDA approved?"));
    assert!(short.contains("\nKey points:\n"), "{short}");
    assert!(short.contains("not medical advice"), "{short}");
    assert!(!short.contains("Sources:"), "{short}");
    assert!(short.contains("[m] More: the full text"), "{short}");
    // The short view and the related topics' buttons: about one 80x24 screen.
    assert!(short.lines().count() <= 26, "{short}");

    let full = after(&text, "m", 0);
    assert!(full.starts_with("== Is any exosome product FDA approved?"));
    assert_eq!(full.matches("Sources:").count(), 1, "{full}");
    assert!(!full.contains("(continued)"), "{full}");
    assert!(!full.contains("[m] More"), "{full}");

    // Discord's *italics* show as plain words.
    let full = flat(after(&text, "m", 1));
    assert!(
        full.contains("is regulated solely under section 361"),
        "{full}"
    );
    assert!(!full.contains("*solely*"));
}

#[test]
fn did_you_mean_sits_right_above_its_buttons() {
    let (_, text) = console("exosome trial\n");
    let answer = after(&text, "exosome trial", 0);
    assert!(answer.starts_with("== "), "the answer first: {answer}");
    let lines: Vec<&str> = answer.lines().collect();
    let first_button = lines.iter().position(|l| l.starts_with("[1] ")).unwrap();
    assert!(lines[first_button - 1].contains("Did you mean"), "{answer}");
}

#[test]
fn fact_with_a_number_opens_that_item_of_the_last_list_shown() {
    let (_, text) = console("/fact 3\n/fact\n/fact 3\n/fact 99\nstem cells\n/fact 2\n");
    assert!(after(&text, "/fact 3", 0).starts_with("No numbered list is shown yet"));
    let list = after(&text, "/fact", 0);
    let third = list
        .lines()
        .find_map(|l| l.trim().strip_prefix("[3] "))
        .unwrap();
    assert!(
        after(&text, "/fact 3", 1).starts_with(&format!("== {third} ==")),
        "{third}"
    );
    assert!(after(&text, "/fact 99", 0).starts_with("The last list shown has "));
    let buttons = after(&text, "stem cells", 0);
    let second = buttons
        .lines()
        .find_map(|l| l.strip_prefix("[2] "))
        .unwrap();
    assert!(
        after(&text, "/fact 2", 0).starts_with(&format!("== {second} ==")),
        "{second}"
    );
}

#[test]
fn reload_names_each_warning_with_its_file_and_line() {
    let dir = TempDir::new("reload");
    let knowledge = dir.0.join("knowledge");
    std::fs::create_dir_all(&knowledge).unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    for entry in std::fs::read_dir(shipped).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, knowledge.join(path.file_name().unwrap())).unwrap();
        }
    }
    // An unused source with a plain-http address: warnings, not errors.
    let sources = knowledge.join("sources.toml");
    let mut text = std::fs::read_to_string(&sources).unwrap();
    text.push_str(
        "\n[[source]]\nid = \"TEST-UNUSED\"\ntitle = \"A test page\"\npublisher = \"Test\"\n\
         url = \"http://example.org/test\"\nurl_confirmed = true\ndate = 2020-01-01\nnote = \"Test.\"\n",
    );
    std::fs::write(&sources, text).unwrap();

    let (code, out) = console_in(
        &dir.0,
        &["--knowledge", knowledge.to_str().unwrap()],
        "/reload\n",
    );
    assert_eq!(code, 0);
    let reload = after(&out, "/reload", 0);
    let first = reload.lines().next().unwrap();
    let count: usize = first
        .split(", ")
        .nth(1)
        .and_then(|w| w.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{first}"));
    assert!(count >= 2, "{reload}");
    let listed: Vec<String> = flat(reload)
        .split(" - ")
        .skip(1)
        .map(str::to_owned)
        .collect();
    assert_eq!(listed.len(), count, "{reload}");
    let ours = format!("{}:", sources.display());
    assert!(
        listed
            .iter()
            .filter(|l| l.starts_with(&ours) && l.contains(": warning: "))
            .count()
            >= 2,
        "{reload}"
    );
    for l in &listed {
        // path:line:col: warning: message
        let mut parts = l.splitn(4, ':');
        let (_, line, col) = (parts.next(), parts.next(), parts.next());
        assert!(line.unwrap().parse::<u32>().is_ok(), "{l}");
        assert!(col.unwrap().parse::<u32>().is_ok(), "{l}");
    }
}

#[test]
fn clinic_check_keys_stay_the_same_across_screens_and_old_buttons_do_not_answer() {
    let session = [
        "/check Glow Spa",
        "1",      // a trial with an IND number: question 2 is then not needed
        "123456", // the IND number
        "",       // no NCT number
        "r",      // review
        "3",      // question 3, by its own number
        "b",      // back: question 1, as question 2 is not asked
        "/about", // a message without buttons: the check's keys still answer
        "hello",
        "/fact", // a message with buttons: the check's keys are now an earlier message's
        "b",
        "/quit",
    ]
    .join("\n");
    // The shipped check asks every question; this copy puts back a branch (an IND number skips
    // the basis question) so that a skipped question's key can be seen to stay put.
    let dir = TempDir::new("branch");
    let knowledge = dir.0.join("knowledge");
    std::fs::create_dir_all(&knowledge).unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    for entry in std::fs::read_dir(&shipped).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, knowledge.join(path.file_name().unwrap())).unwrap();
    }
    let check = std::fs::read_to_string(knowledge.join("questionnaire.toml")).unwrap();
    let at = check.find("id = \"basis\"").unwrap();
    let line = at + check[at..].find("\nsources = ").unwrap() + 1;
    let end = line + check[line..].find('\n').unwrap() + 1;
    let check = format!("{}skip_if = \"ind\"\n{}", &check[..end], &check[end..]);
    std::fs::write(knowledge.join("questionnaire.toml"), check).unwrap();
    let (code, text) = console_in(
        &dir.0,
        &["--knowledge", knowledge.to_str().unwrap()],
        &format!("{session}\n"),
    );
    assert_eq!(code, 0);
    let first = after(&text, "/check Glow Spa", 0);
    assert!(
        first.contains("\n[s] Skip  [n] Add a note  [r] Review answers\n")
            && !first.contains("Back"),
        "{first}"
    );
    // The form's lines follow `> 1`, then question 3.
    let third = after(&text, "1", 0);
    assert!(
        third.contains("\n== Clinic check · Question 3 of 6"),
        "{third}"
    );
    assert!(
        third.contains("[b] Back  [s] Skip  [n] Add a note  [r] Review answers\n"),
        "Back is b on every screen: {third}"
    );
    let review = after(&text, "r", 0);
    assert!(
        review.contains("  [1] 1. Trial or consumer therapy\n"),
        "{review}"
    );
    assert!(
        review.contains("  [3] 3. Source tissue and manufacturer\n"),
        "each question keeps its own number: {review}"
    );
    assert!(!review.contains("[2]"), "{review}");
    assert!(
        review.contains("[b] Back  [n] Add a note  [x] Start over  [f] Get the report\n"),
        "{review}"
    );
    assert!(after(&text, "3", 0).starts_with("== Clinic check · Question 3 of 6"));
    assert!(after(&text, "b", 0).starts_with("== Clinic check · Question 1 of 6"));
    assert!(
        after(&text, "b", 1)
            .starts_with("[b] is not a button of the latest message; only its buttons work."),
        "{}",
        after(&text, "b", 1)
    );
}

#[test]
fn a_reaction_gets_the_safety_line_before_the_answer_and_advice_is_declined() {
    let (code, text) = console(
        "my face is swollen after the exosome facial\nshould i stop my blood thinner before the injection\nhello\nthanks!\n",
    );
    assert_eq!(code, 0);
    let reaction = after(&text, "my face is swollen after the exosome facial", 0);
    assert!(
        reaction.starts_with("If it is an emergency, call your local emergency number now"),
        "{reaction}"
    );
    let report = flat(reaction);
    assert!(report.contains("MedWatch"), "{report}");
    let at_fact = reaction.find("\n== ").unwrap();
    assert!(reaction[..at_fact].contains("health care provider"));
    let advice = flat(after(
        &text,
        "should i stop my blood thinner before the injection",
        0,
    ));
    assert!(
        advice.starts_with("exobot can't advise on your own treatment"),
        "{advice}"
    );
    assert!(
        !advice.contains("\n== "),
        "no fact is shown as if it answered"
    );
    assert!(flat(after(&text, "hello", 0)).starts_with("Hi! I'm exobot."));
    assert!(flat(after(&text, "thanks!", 0)).starts_with("You're welcome."));
}

#[test]
fn a_side_question_in_the_middle_of_the_clinic_check_loses_nothing() {
    let session = [
        "/clinic-check Glow Spa",
        "3",                 // question 1: a treatment sold outside any trial
        "what are exosomes", // a side question, whose answer has buttons of its own
        "r",                 // the check's Review key still answers
        "/quit",
    ]
    .join("\n");
    let (code, text) = console(&format!("{session}\n"));
    assert_eq!(code, 0);
    let side = flat(after(&text, "what are exosomes", 0));
    assert!(
        side.contains("Your clinic check is still open: [r] reviews it."),
        "{side}"
    );
    let review = after(&text, "r", 0);
    assert!(
        review.contains("1. Trial or consumer therapy"),
        "the review of the same check: {review}"
    );
    assert!(
        review.contains(
            "1. Trial or consumer therapy:\nA treatment sold outside any clinical trial\n"
        ),
        "question 1's answer was kept: {review}"
    );
}
