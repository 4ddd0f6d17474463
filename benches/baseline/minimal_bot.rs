//! The minimal serenity 0.12.5 bot that `cargo bench --bench load` measures exobot against
//! (issue #15): an in-memory table of facts, one embed per answer, built with serenity's
//! builders the way a small bot is usually written; no search, no store, no clinic check, no
//! logging. A fact command gets its fact, autocomplete the titles that contain what was typed,
//! a button press the first fact as an update. Not for production.
//!
//! It reaches the fake Discord either through `MINIMAL_BOT_PROXY` (an http base URL; serenity's
//! rate limiter off, as exobot's proxy setting) or over TLS at `MINIMAL_BOT_TLS` (the address
//! discord.com resolves to) trusting `MINIMAL_BOT_CERTIFICATE` (DER, in hex); the token is
//! `MINIMAL_BOT_TOKEN`. SIGTERM stops it.

use serenity::all::{
    async_trait, ClientBuilder, CommandDataOptionValue, CommandInteraction, Context,
    CreateAllowedMentions, CreateAutocompleteResponse, CreateEmbed, CreateEmbedFooter,
    CreateInteractionResponse, CreateInteractionResponseMessage, EventHandler, GatewayIntents,
    HttpBuilder, Interaction,
};

struct Fact {
    id: &'static str,
    title: &'static str,
    text: &'static str,
    sources: &'static str,
}

/// About as long as exobot's answers (title, short answer and body, a sources field, a footer).
const FACTS: &[Fact] = &[
    Fact {
        id: "fda-status",
        title: "Is any exosome product FDA approved? Is exosome therapy legal?",
        text: "**FDA has not approved any exosome product.** FDA regulates exosome products \
               intended to treat diseases or conditions as drugs and biological products that \
               need premarket review and approval.\n\nClinics that sell exosome treatments \
               without an approved application or an investigational new drug application are \
               not following that pathway, and FDA has warned the public and written to clinics \
               about it. An approval would be listed publicly by FDA; a clinic's own wording \
               (\"FDA registered\", \"made in an FDA facility\") does not mean the product was \
               approved. If you are offered such a product, ask for its approval or the trial it \
               belongs to, and talk to your own doctor before you decide anything.",
        sources: "[Public Safety Notification on Exosome Products](https://www.fda.gov/), FDA, 2019-12-06\n\
                  [Consumer Alert on Regenerative Medicine Products](https://www.fda.gov/), FDA, 2021-06-03",
    },
    Fact {
        id: "safety-risks",
        title: "What are the risks and side effects of exosome therapy?",
        text: "**Unapproved exosome products have caused serious harm, and their safety is not \
               established.** FDA has received reports of serious adverse events, including \
               infections, in patients who received unapproved exosome products.\n\nBecause these \
               products are not reviewed before they are sold, what is in a vial, how it was made \
               and whether it is sterile are not checked by anyone on the patient's behalf. Side \
               effects reported after injections include pain, swelling and infection at the site; \
               after infusions, fever and more serious reactions. Report a harm to FDA MedWatch, \
               and see a doctor about any symptom.",
        sources: "[Public Safety Notification on Exosome Products](https://www.fda.gov/), FDA, 2019-12-06\n\
                  [Important Patient and Consumer Information](https://www.fda.gov/), FDA, 2021-06-03",
    },
    Fact {
        id: "what-are-exosomes",
        title: "What are exosomes?",
        text: "**Exosomes are tiny packages that cells release; researchers study them, but they \
               are not an approved treatment.** They are one kind of extracellular vesicle: small \
               bubbles with a membrane that carry proteins, fats and genetic material between \
               cells.\n\nScientists are learning how they work and whether they could one day be \
               used in medicine, in clinical trials that follow rules to protect participants. \
               Products sold by clinics as \"exosome therapy\" are a different matter: they have \
               not been shown to be safe and effective for any use, and none is FDA approved.",
        sources: "[Minimal information for studies of extracellular vesicles](https://www.isev.org/), ISEV, 2023\n\
                  [Patient handbook on stem cell therapies](https://www.isscr.org/), ISSCR, 2024",
    },
];

const FOOTER: &str = "Reviewed 2026-10-01 · next review 2027-04-01\nGeneral information, not \
                      medical advice. Talk to your own doctor about your health.";

fn embed(fact: &Fact) -> CreateEmbed {
    CreateEmbed::new()
        .title(fact.title)
        .description(fact.text)
        .field("Sources", fact.sources, false)
        .footer(CreateEmbedFooter::new(FOOTER))
        .colour(0x2b6cb0)
}

fn message(fact: &Fact) -> CreateInteractionResponseMessage {
    CreateInteractionResponseMessage::new()
        .ephemeral(true)
        .allowed_mentions(CreateAllowedMentions::new())
        .embed(embed(fact))
}

fn topic(c: &CommandInteraction) -> &str {
    c.data
        .options
        .iter()
        .find_map(|o| match &o.value {
            CommandDataOptionValue::String(s) => Some(s.as_str()),
            CommandDataOptionValue::Autocomplete { value, .. } => Some(value.as_str()),
            _ => None,
        })
        .unwrap_or("")
}

struct Bot;

#[async_trait]
impl EventHandler for Bot {
    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let result = match &interaction {
            Interaction::Command(c) => {
                let wanted = topic(c);
                let fact = FACTS.iter().find(|f| f.id == wanted).unwrap_or(&FACTS[0]);
                let answer = CreateInteractionResponse::Message(message(fact));
                c.create_response(&ctx.http, answer).await
            }
            Interaction::Autocomplete(c) => {
                let typed = topic(c).to_lowercase();
                let choices = FACTS
                    .iter()
                    .filter(|f| f.title.to_lowercase().contains(&typed) || f.id.contains(&typed))
                    .fold(CreateAutocompleteResponse::new(), |r, f| {
                        r.add_string_choice(f.title, f.id)
                    });
                let answer = CreateInteractionResponse::Autocomplete(choices);
                c.create_response(&ctx.http, answer).await
            }
            Interaction::Component(c) => {
                let answer = CreateInteractionResponse::UpdateMessage(message(&FACTS[0]));
                c.create_response(&ctx.http, answer).await
            }
            _ => return,
        };
        if let Err(e) = result {
            eprintln!("minimal-bot: could not answer: {e}");
        }
    }
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len() / 2)
        .filter_map(|i| u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

fn http(token: &str) -> Result<serenity::http::Http, String> {
    let builder = HttpBuilder::new(token);
    if let Ok(proxy) = std::env::var("MINIMAL_BOT_PROXY") {
        return Ok(builder.proxy(proxy).ratelimiter_disabled(true).build());
    }
    let address =
        std::env::var("MINIMAL_BOT_TLS").map_err(|_| "set MINIMAL_BOT_PROXY or MINIMAL_BOT_TLS")?;
    let address = address
        .parse()
        .map_err(|e| format!("MINIMAL_BOT_TLS: {e}"))?;
    let certificate = unhex(&std::env::var("MINIMAL_BOT_CERTIFICATE").unwrap_or_default());
    let certificate = reqwest::Certificate::from_der(&certificate).map_err(|e| e.to_string())?;
    let client = reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(certificate)
        .resolve("discord.com", address)
        .no_proxy()
        .build()
        .map_err(|e| e.to_string())?;
    Ok(builder.client(client).build())
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let token = std::env::var("MINIMAL_BOT_TOKEN").map_err(|_| "set MINIMAL_BOT_TOKEN")?;
    let mut client = ClientBuilder::new_with_http(http(&token)?, GatewayIntents::empty())
        .event_handler(Bot)
        .await
        .map_err(|e| e.to_string())?;
    let shards = client.shard_manager.clone();
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(|e| e.to_string())?;
    tokio::select! {
        result = client.start() => result.map_err(|e| e.to_string()),
        _ = term.recv() => {
            shards.shutdown_all().await;
            Ok(())
        }
    }
}
