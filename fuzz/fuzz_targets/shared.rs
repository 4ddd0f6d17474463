//! What the clinic-check fuzz targets share: the shipped check, loaded once, and the custom ids
//! of a message.

use std::path::Path;
use std::sync::OnceLock;

use exobot::knowledge::{self, Link};
use exobot::questionnaire::{Questionnaire, TokenKey};
use exobot::reply::{ButtonTarget, Message, Row};

pub struct Shipped {
    pub q: Questionnaire,
    pub links: Vec<Link>,
    pub key: TokenKey,
    /// A second key, for tokens that must be refused.
    pub other_key: TokenKey,
}

/// The repository's knowledge folder, loaded once.
pub fn shipped() -> &'static Shipped {
    static SHIPPED: OnceLock<Shipped> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../knowledge");
        let loaded = knowledge::load(&dir, exobot::startup::today());
        let Some(kb) = loaded.knowledge else {
            let lines: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
            panic!("the shipped knowledge does not load:\n{}", lines.join("\n"));
        };
        Shipped {
            q: kb
                .questionnaire
                .expect("the shipped knowledge has a clinic check"),
            links: kb.content.links,
            key: TokenKey::new(b"exobot fuzz key"),
            other_key: TokenKey::new(b"exobot fuzz key, another one"),
        }
    })
}

/// The custom ids of a message's buttons and select menus, with the select's values.
pub fn components(message: &Message) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for row in &message.rows {
        match row {
            Row::Buttons(buttons) => {
                for b in buttons {
                    if let ButtonTarget::Action(id) = &b.target {
                        out.push((id.clone(), Vec::new()));
                    }
                }
            }
            Row::Select(select) => {
                let values = select.options.iter().map(|o| o.value.clone()).collect();
                out.push((select.custom_id.clone(), values));
            }
        }
    }
    out
}
