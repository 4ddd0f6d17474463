//! exobot: vetted, sourced facts about exosome therapy for patient-community Discord servers.

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod console;
pub mod diagnostic;
pub mod discord;
pub mod event;
pub mod facts;
pub mod gaps;
pub mod health;
pub mod internal;
pub mod knowledge;
pub mod logging;
pub mod metrics;
pub mod moderation;
pub mod outcome;
pub mod placement;
pub mod questionnaire;
pub mod refusal;
pub mod reply;
pub mod secret;
pub mod startup;
pub mod store;
pub mod text;
