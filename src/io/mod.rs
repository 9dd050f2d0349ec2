//! Readers and writers of files: pure functions from text to domain values
//! and back. No database, no HTTP.

pub mod admin_csv;
pub mod geo;
pub mod sheet;
pub mod table;
pub mod vn_text;
