//! The terminal front end: the same core as on Discord, as text.

pub mod render;
