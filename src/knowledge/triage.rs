//! Reads what kind of message a free-text question is before any search: someone describing a
//! symptom or a reaction (who must get the safety line first), someone asking for advice on
//! their own treatment (which exobot declines), small talk, or a question for the search.
//!
//! The rules are word lists and short phrases, not a model: each decision can be read, tested and
//! explained. They err towards the safety line: a question that names a reaction-only symptom
//! ("swollen", "oozing", "can't breathe") together with a person ("my", "I", "my mom") gets it,
//! unless it is plainly asked about risks in general ("what if I get a rash"). Symptoms that are
//! also what treatments are sold for ("pain", "swelling" of a knee) need a sign of a reaction as
//! well ("after", "since", "the injection site").
//!
//! Over 500 lines because the word lists are the rules (about two thirds of the code), and
//! their unit tests follow them.

/// What a question is, read before any search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Triage {
    /// It describes a symptom, a reaction or an emergency now or after a treatment: the safety
    /// line (emergency number, health care provider, MedWatch) comes before anything else.
    pub safety: bool,
    /// It speaks of ending one's life or self-harm: the crisis line comes first of all.
    pub crisis: bool,
    pub kind: Kind,
}

/// What the rest of the answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// A question for the knowledge base.
    #[default]
    Question,
    /// Advice on the asker's own treatment (doses, medicines, "should I get it", pregnancy, "is
    /// it safe for me"): declined kindly, with the facts exobot has.
    Advice,
    /// A greeting, thanks or a question about the bot itself: no fact, a pointer to /help.
    Chat,
}

/// Symptoms that, said of a person, mean something happened to them: no one buys a treatment
/// for these. Matched as word prefixes ("swell" finds "swelling", "swollen" is listed apart).
const REACTION_SYMPTOMS: &[&str] = &[
    "swollen",
    "puffy",
    "fever",
    "chills",
    "rash",
    "hives",
    "itch",
    "bump",
    "lump",
    "knot",
    "nodule",
    "ooz",
    "discharg",
    "infect",
    "abscess",
    "redness",
    "blister",
    "bruis",
    "dizz",
    "faint",
    "lighthead",
    "nause",
    "vomit",
    "puk",
    "diarrh",
    "sick",
    "unwell",
    "wheez",
    "breath",
    "seizure",
    "convuls",
    "necros",
    "bleed",
    "sepsis",
    "septic",
    "welt",
    "granulom",
    "lesion",
    "discolo",
    "crust",
    "scab",
    "anaphyla",
    "reaction",
    "palpitat",
    "collaps",
    "unconscious",
    "blurr",
    "disfigur",
    "ambulance",
    "shaking",
    "shiver",
];

/// Short reaction words matched whole ("pus", not "push").
const REACTION_WORDS: &[&str] = &["pus", "ruined"];

/// Symptoms that are also what treatments are sold for (knee pain, joint swelling), or words
/// with other meanings: a reaction only with a sign of one ("after", "since", "injection site").
/// Matched as whole words.
const AMBIGUOUS_SYMPTOMS: &[&str] = &[
    "vision",
    "eye",
    "eyes",
    "sight",
    "blind",
    "scar",
    "scarring",
    "pain",
    "painful",
    "hurt",
    "hurts",
    "hurting",
    "sore",
    "ache",
    "aches",
    "aching",
    "achy",
    "swell",
    "swelling",
    "swelled",
    "red",
    "hot",
    "warm",
    "tender",
    "inflamed",
    "inflammation",
    "headache",
    "headaches",
    "migraine",
    "tired",
    "fatigue",
    "weak",
    "sting",
    "stings",
    "burn",
    "burns",
    "burning",
    "itchy",
    "ill",
    "worse",
    "worsening",
    "numb",
    "numbness",
    "tingling",
    "tingly",
    "hospital",
    "peel",
    "peeling",
    "patch",
    "patches",
    "spots",
    "blotches",
    "blotchy",
];

/// Words of someone thinking of ending their life or hurting themselves. Matched on the joined
/// words; whatever else the message says, the crisis line comes first.
const CRISIS_PHRASES: &[&str] = &[
    "kill myself",
    "killing myself",
    "end it all",
    "end my life",
    "ending my life",
    "take my life",
    "take my own life",
    "want to die",
    "wanna die",
    "wish i was dead",
    "wish i were dead",
    "better off dead",
    "suicide",
    "suicidal",
    "hurt myself",
    "hurting myself",
    "harm myself",
    "self harm",
    "selfharm",
    "no reason to live",
    "dont want to live",
    "dont want to be alive",
];

/// Phrases that are an emergency whoever says them (matched on the joined words).
const URGENT_PHRASES: &[&str] = &[
    "cant breathe",
    "cannot breathe",
    "can not breathe",
    "couldnt breathe",
    "trouble breathing",
    "hard to breathe",
    "short of breath",
    "shortness of breath",
    "difficulty breathing",
    "chest pain",
    "chest hurts",
    "chest tight",
    "passed out",
    "pass out",
    "throat closing",
    "throat is closing",
    "throat swelling",
    "throat swollen",
    "tongue swelling",
    "lips swelling",
    "heart racing",
    "went to the er",
    "in the er",
    "emergency room",
    "urgent care",
    "having side effects",
    "had side effects",
    "got side effects",
    "side effects since",
    "side effects after",
    "bad side effect",
    "bad reaction",
    "throwing up",
    "threw up",
];

/// Words that put a person in the question: the asker or someone close to them. Not "us": here
/// it is mostly the country ("legal in the us").
const PERSONS: &[&str] = &[
    "i",
    "im",
    "ive",
    "id",
    "me",
    "my",
    "mine",
    "myself",
    "we",
    "our",
    "us",
    "mom",
    "mum",
    "mother",
    "dad",
    "father",
    "wife",
    "husband",
    "son",
    "daughter",
    "friend",
    "sister",
    "brother",
    "partner",
    "boyfriend",
    "girlfriend",
    "he",
    "she",
    "his",
    "her",
    "aunt",
    "uncle",
    "grandma",
    "grandpa",
    "grandmother",
    "grandfather",
    "cousin",
    "coworker",
    "neighbor",
    "neighbour",
    "kid",
    "child",
];

/// Signs that something followed a treatment, or is going on now.
const REACTION_SIGNS: &[&str] = &[
    "after",
    "since",
    "following",
    "post",
    "ago",
    "yesterday",
    "today",
    "tonight",
    "this morning",
    "last night",
    "last week",
    "now",
    "still",
    "started",
    "developed",
    "injection site",
    "where they",
    "where the",
    "is that normal",
    "is this normal",
    "is it normal",
    "normal to",
    "from the",
    "from my",
    "from an",
];

/// A question framed as "what could happen", not "what happened".
const HYPOTHETICAL: &[&str] = &[
    "what if",
    "if i",
    "if you",
    "if my",
    "will i",
    "would i",
    "could i",
    "might i",
    "can i get",
    "risk",
    "risks",
    "chance",
    "chances",
    "how likely",
    "how common",
    // How often a reaction happens is a question about risk, not a report.
    "is it common",
    "is it rare",
    "how often do",
    "how rare",
    "worried about",
    "afraid of",
    "scared of",
    "before i",
    "in case",
    "can exosomes",
    "can exosome",
    "do exosomes",
    "does exosome",
    "could exosomes",
    "can it",
    "could it",
    "does it cause",
    "cause",
    "causes",
    "could a",
    "could an",
    "can a",
    "can an",
    "will it",
    "would it",
    "make me",
    "make you",
    "give me",
    "give you",
    "how do i report",
    "how can i report",
    "how to report",
    "where do i report",
    "where can i report",
    "where to report",
    "file a complaint",
    "file a report",
    "where do i file",
    "how do i file",
    "where can i file",
    "how to file",
];

/// Phrases whose words look like symptoms but are not ("red flags", "red tape").
const NOT_SYMPTOMS: &[&str] = &["red flag", "red flags", "red tape", "red light", "hot take"];

/// Others in general: a sentence about them and no one close to the asker is news, not a
/// report ("patients in Nebraska got sick after an exosome product").
const OTHERS: &[&str] = &[
    "patients",
    "people",
    "ppl",
    "someone",
    "somebody",
    "others",
    "women",
    "men",
    "customers",
    "case",
    "cases",
    "reports",
    "news",
    "article",
    "study",
    "studies",
];

/// Words that tell of what someone read or heard, not of what happened to the asker ("I read
/// that patients in Nebraska got infections"): the "I" in them is not a person in the story.
const HEARSAY: &[&str] = &[
    "i read",
    "ive read",
    "i heard",
    "ive heard",
    "i saw",
    "ive seen",
    "i keep hearing",
    "i keep seeing",
    "i watched",
];

/// Verbs of someone passing on what they heard ("my coworker mentioned", "my mom told me"):
/// the person who tells, and the "me" told, are not a person in the story. Someone they tell of
/// still is ("my friend said she got a rash").
const TELLING: &[&str] = &[
    "mentioned",
    "mentions",
    "told",
    "tells",
    "said",
    "says",
    "sent",
    "showed",
    "posted",
    "shared",
];

/// The words of a sentence without its tellers: a [`TELLING`] verb, up to two person words
/// just before it ("my coworker") and the "me" or "us" just after it.
fn without_tellers<'a>(words: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&'a str> = Vec::with_capacity(words.len());
    let mut after_telling = false;
    for &w in words {
        if TELLING.contains(&w) {
            for _ in 0..2 {
                if out.last().is_some_and(|p| PERSONS.contains(p)) {
                    out.pop();
                }
            }
            after_telling = true;
            continue;
        }
        if !(after_telling && matches!(w, "me" | "us")) {
            out.push(w);
        }
        after_telling = false;
    }
    out
}

/// Past-tense and present signs that override a hypothetical frame ("I had a rash, what if it
/// comes back" is a report).
const HAPPENED: &[&str] = &[
    "had",
    "got",
    "gotten",
    "developed",
    "started",
    "since",
    "ago",
    "yesterday",
    "now",
    "still",
    "is swollen",
    "are swollen",
    "went",
    "been",
    "keeps",
    "wont",
];

/// A sentence that asks what the asker (or someone close) should do about their own treatment.
const ADVICE_PHRASES: &[&str] = &[
    "is it safe for me",
    "is it ok for me",
    "is it okay for me",
    "safe for me",
    "ok for me",
    "okay for me",
    "right for me",
    "good for me",
    "worth it for me",
    "good idea for me",
    "safe for my",
    "safe if i",
    "ok if i",
    "okay if i",
    "fine if i",
    "would you recommend",
    "do you recommend",
    "would you get",
    "would you do",
    "what would you do",
    "recommend for me",
    "how many sessions do i",
    "how many exosome sessions do i",
    "how many exosome sessions should",
    "how many sessions should",
    "how many treatments do i",
    "how many treatments should",
    "how many injections do i",
    "how many injections should",
    "how much should i",
    "how often should i",
    "what dose",
    "what dosage",
    "which dose",
    "dose should",
    "dosage should",
    "my dose",
    "my dosage",
    "can i take",
    "can i mix",
    "can i combine",
    "can i stop",
    "can i drink",
    "can i still",
    "stop taking",
    "stop my",
    "keep taking",
    "instead of my",
];

/// "should I …" is advice when the verb is about having or changing a treatment ("should I get
/// it", "should I stop my pills"), not about asking or reporting ("should I report it").
const SHOULD: &[&str] = &["should", "shall", "shud", "shld"];
const SHOULD_WHO: &[&str] = &[
    "i", "we", "my", "mom", "mum", "dad", "wife", "husband", "he", "she",
];
const TREATMENT_VERBS: &[&str] = &[
    "get", "do", "try", "have", "take", "stop", "start", "continue", "go", "book", "use", "keep",
    "skip", "quit", "switch", "combine", "mix", "avoid", "wait", "pay", "spend", "choose", "pick",
    "put", "apply", "rub", "buy", "sign", "let", "inject", "schedule", "cancel", "proceed",
    "invest",
    // Holding a medicine or a treatment for a while is changing it: "should i pause my
    // methotrexate", "should we hold his blood thinner".
    "pause", "hold", "delay", "postpone", "resume",
];

/// Circumstances that make any treatment question a question about the asker's own care.
const PERSONAL_CONDITIONS: &[&str] = &[
    "pregnant",
    "pregnancy",
    "breastfeeding",
    "breast feeding",
    "nursing",
    "trying to conceive",
    "blood thinner",
    "blood thinners",
    "warfarin",
    "eliquis",
    "xarelto",
    "aspirin",
    "ibuprofen",
    "antibiotic",
    "antibiotics",
    "my meds",
    "my medication",
    "my medications",
    "my medicine",
    "my pills",
    "chemo",
    "immunosuppress",
    "prednisone",
    "insulin",
    "my doctor said",
    "my doctor says",
    "my doctor told",
    "my doctor wants",
    "my doctor recommended",
    "allergic to",
];

/// Whole messages that are small talk.
const CHAT_WORDS: &[&str] = &[
    "hi",
    "hello",
    "hey",
    "heya",
    "hiya",
    "yo",
    "sup",
    "thanks",
    "thank",
    "thx",
    "ty",
    "tysm",
    "cheers",
    "bye",
    "goodbye",
    "good",
    "morning",
    "evening",
    "afternoon",
    "night",
    "ok",
    "okay",
    "cool",
    "great",
    "nice",
    "lol",
    "lmao",
    "you",
    "so",
    "much",
    "there",
    "everyone",
    "all",
    "guys",
    "bot",
    "exobot",
    "again",
    "awesome",
    "k",
    "kk",
    "yes",
    "no",
    "yeah",
    "nope",
    "test",
    "testing",
    "a",
    "lot",
    "the",
    "how",
    "are",
    "r",
    "u",
    "doing",
    "whats",
    "up",
];

/// Questions about the bot itself.
const ABOUT_BOT: &[&str] = &[
    "who made you",
    "who made this",
    "who built you",
    "who built this",
    "who created you",
    "who created this",
    "who wrote you",
    "who wrote this",
    "who runs you",
    "who runs this",
    "who owns you",
    "who owns this",
    "who are you",
    "what are you",
    "are you a bot",
    "are you a real",
    "are you real",
    "are you human",
    "are you a human",
    "are you ai",
    "are you an ai",
    "are you a person",
    "are you a doctor",
    "are you chatgpt",
    "what can you do",
    "how do you work",
    "how does this bot",
    "what is this bot",
    "whats this bot",
    "is this a bot",
    "tell me a joke",
];

/// The words of a message: lower case, letters and digits, apostrophes dropped ("can't" is
/// "cant"), joined by single spaces with a space at each end so phrases match whole words.
fn normalize(text: &str) -> String {
    let mut out = String::from(" ");
    let mut last_space = true;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c == '\'' || c == '\u{2019}' {
            continue;
        }
        if c.is_alphanumeric() {
            out.push(c);
            last_space = false;
        } else if !last_space {
            out.push(' ');
            last_space = true;
        }
    }
    if !last_space {
        out.push(' ');
    }
    out
}

/// Whether `text` (from [`normalize`]: words between single spaces, a space at each end) holds
/// one of `phrases` as whole words. Allocates nothing: it runs on every question.
fn has_phrase(text: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| {
        text.match_indices(p)
            .any(|(at, _)| text[..at].ends_with(' ') && text[at + p.len()..].starts_with(' '))
    })
}

fn has_word(words: &[&str], list: &[&str]) -> bool {
    words.iter().any(|w| list.contains(w))
}

fn has_prefix(words: &[&str], prefixes: &[&str]) -> bool {
    words
        .iter()
        .any(|w| prefixes.iter().any(|p| w.starts_with(p)))
}

/// Reads `question` (any text a member typed) before any search.
pub fn triage(question: &str) -> Triage {
    let text = normalize(question);
    let words: Vec<&str> = text.split_whitespace().collect();
    let crisis = has_phrase(&text, CRISIS_PHRASES);
    let safety = crisis || describes_reaction(question);
    let kind = if asks_advice(&text, &words, safety) {
        Kind::Advice
    } else if !safety && is_chat(&text, &words) {
        Kind::Chat
    } else {
        Kind::Question
    };
    Triage {
        safety,
        crisis,
        kind,
    }
}

/// Whether one sentence of the question describes a reaction: the person and the symptom must
/// be told together ("patients got sick? my coworker mentioned it" tells of no one's reaction).
fn describes_reaction(question: &str) -> bool {
    question
        .split(['.', '?', '!', ';', '\n'])
        .any(|sentence| sentence_describes_reaction(&normalize(sentence)))
}

fn sentence_describes_reaction(text: &str) -> bool {
    let mut told = text.to_owned();
    for h in HEARSAY.iter().chain(NOT_SYMPTOMS) {
        if has_phrase(&told, &[h]) {
            told = told.replace(&format!(" {h} "), " ");
        }
    }
    let told_words: Vec<&str> = told.split_whitespace().collect();
    let words = &told_words;
    let person = has_word(&without_tellers(words), PERSONS);
    if !person && has_word(words, OTHERS) {
        return false;
    }
    let happened = has_phrase(text, HAPPENED);
    let hypothetical = has_phrase(text, HYPOTHETICAL) && !happened;
    if hypothetical {
        return false;
    }
    let sign = has_phrase(text, REACTION_SIGNS);
    if has_phrase(text, URGENT_PHRASES) && (person || sign) {
        return true;
    }
    if (has_prefix(words, REACTION_SYMPTOMS) || has_word(words, REACTION_WORDS)) && (person || sign)
    {
        return true;
    }
    // "swollen" is listed with the reaction symptoms; "swell", "pain" need a sign as well.
    has_word(words, AMBIGUOUS_SYMPTOMS) && sign && (person || happened)
}

/// Whether the message asks for advice on the asker's own treatment. A circumstance (a
/// pregnancy, a medicine) makes a treatment question personal, but in a reaction report it is
/// part of what happened ("got an infection after the shot, im on antibiotics now"): that
/// report is answered, not declined, unless it also asks what to do ("can i take", "should i").
fn asks_advice(text: &str, words: &[&str], reaction: bool) -> bool {
    if has_phrase(text, ADVICE_PHRASES) || (!reaction && has_phrase(text, PERSONAL_CONDITIONS)) {
        return true;
    }
    words.windows(3).any(|w| {
        SHOULD.contains(&w[0]) && SHOULD_WHO.contains(&w[1]) && TREATMENT_VERBS.contains(&w[2])
    }) || words.windows(4).any(|w| {
        // "should my mom get", "should i even get"
        SHOULD.contains(&w[0]) && SHOULD_WHO.contains(&w[1]) && TREATMENT_VERBS.contains(&w[3])
    })
}

/// Whether small talk is thanks ("thanks!", "ty so much"), which gets "you're welcome" rather
/// than a greeting.
pub fn is_thanks(question: &str) -> bool {
    let text = normalize(question);
    text.split_whitespace()
        .any(|w| w.starts_with("thank") || matches!(w, "thx" | "ty" | "tysm" | "cheers"))
}

fn is_chat(text: &str, words: &[&str]) -> bool {
    if has_phrase(text, ABOUT_BOT) {
        return true;
    }
    !words.is_empty() && words.iter().all(|w| CHAT_WORDS.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn safety(q: &str) -> bool {
        triage(q).safety
    }

    #[test]
    fn reactions_get_the_safety_line() {
        for q in [
            "my face is swollen after the exosome injection",
            "I have a fever since the drip",
            "I can't breathe after exosome IV",
            "my mom got sick after the clinic visit",
            "there are bumps where they did the microneedling 3 weeks ago",
            "its oozing where they injected, is that normal?",
            "it hurt so much after the shot and now it's red and hot",
            "chest pain since my exosome infusion yesterday",
            "got hives all over after my iv",
            "my friend said she got a rash after her exosome facial",
            "my mom told me her face swelled up since the injection",
            "my knee is more swollen than before the injection",
            "i had a rash after the facial, what if it comes back",
            "my vision went blurry after the exosome eye injection",
            "there is pus where they injected the exosomes",
            "my face is ruined after the exosome facial",
            "i had a bad reaction to the exosome iv, where do i file a complaint",
        ] {
            assert!(safety(q), "{q}");
        }
    }

    #[test]
    fn words_of_ending_ones_life_get_the_crisis_line_whatever_else_is_said() {
        for q in [
            "i want to kill myself",
            "my face is ruined after the exosome facial and i want to end it all",
            "honestly feeling suicidal since the treatment went wrong",
        ] {
            let t = triage(q);
            assert!(t.crisis && t.safety, "{q}");
        }
        assert!(!triage("is exosome therapy safe").crisis);
    }

    #[test]
    fn questions_about_risks_raise_no_alarm() {
        for q in [
            "what are the side effects of exosome therapy",
            "can exosomes cause cancer",
            "is exosome therapy safe",
            "what if I get an infection after the injection",
            "i read that in 2019 some patients in nebraska got infections",
            "how do i report a bad reaction to the fda",
            "could an exosome drip make me go blind",
            "do exosomes help with knee pain",
            "can exosomes reduce swelling in my knee",
            "what happened in nebraska",
            "is it legal in the us",
            "how do I report a clinic to the FDA",
            "how do i file a complaint about a bad reaction to a med spa",
            "is it common to get lumps after an exosome facial",
            "my sister told me some patients in texas got infections from exosomes",
        ] {
            assert!(!safety(q), "{q}");
        }
    }

    #[test]
    fn personal_advice_is_recognised_and_general_questions_are_not() {
        for q in [
            "should I stop my blood thinner before a knee injection",
            "should i get exosomes or prp for my knee",
            "is it safe for me if i have lupus",
            "can I get exosome facials while pregnant",
            "how many sessions do i need",
            "what dose of exosomes should I ask for",
            "my doctor said exosomes would fix my back, should I do it",
            "should i put exosome cream on my scar",
            "i have a rash since the facial, im on blood thinners, should i stop them",
        ] {
            assert_eq!(triage(q).kind, Kind::Advice, "{q}");
        }
        for q in [
            "should I ask the clinic for the IND number",
            "should i report it to the fda",
            "is exosome therapy safe",
            "what is the dose used in trials",
            "my knee got infected after the exosome shot, im on antibiotics now",
        ] {
            assert_eq!(triage(q).kind, Kind::Question, "{q}");
        }
    }

    #[test]
    fn small_talk_is_chat_and_a_greeting_with_a_question_is_not() {
        for q in [
            "hello",
            "hi there!",
            "thanks so much",
            "who made this bot?",
            "are you a real doctor",
        ] {
            assert_eq!(triage(q).kind, Kind::Chat, "{q}");
        }
        for q in ["hi, are exosomes legal?", "hello what are exosomes"] {
            assert_eq!(triage(q).kind, Kind::Question, "{q}");
        }
    }
}
