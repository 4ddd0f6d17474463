//! exobot: vetted, sourced facts about exosome therapy for patient-community Discord servers.

#![warn(unreachable_pub)]

pub mod app;
pub mod cli;
pub(crate) mod commands;
pub mod config;
pub(crate) mod console;
pub mod diagnostic;
pub mod discord;
pub mod event;
pub mod facts;
pub(crate) mod gaps;
pub mod health;
pub(crate) mod internal;
pub mod knowledge;
pub(crate) mod logging;
pub(crate) mod metrics;
pub mod moderation;
pub mod outcome;
pub(crate) mod placement;
pub mod questionnaire;
pub mod refusal;
pub mod reply;
pub(crate) mod secret;
pub mod startup;
pub mod store;
pub(crate) mod text;
