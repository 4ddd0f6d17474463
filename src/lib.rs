//! exobot: vetted, sourced facts about exosome therapy for patient-community Discord servers.

pub mod diagnostic;
pub mod knowledge;
pub mod questionnaire;
pub mod reply;
