//! People and cases: personal data sealed field by field (envelope encryption, see
//! `kernel::crypto`), found without plaintext through blind-index tokens, imported from CSV,
//! looked up on inbound calls, opened with an audit event, purged after retention.

pub mod access;
pub mod code;
pub mod config;
pub mod contact_update;
pub mod contacts;
pub mod dates;
pub mod dpo;
pub mod erase;
pub mod error;
mod found;
pub mod import;
pub mod import_bulk;
pub mod import_jobs;
mod import_pipeline;
pub mod import_write;
pub mod keys;
pub mod listing;
pub mod lookup;
pub mod meili;
pub mod name_index;
pub mod names;
pub mod person;
pub mod purpose;
pub mod register;
pub mod retention;
pub mod routes;
pub mod search;
pub mod stats;
pub mod store;
pub mod token_rows;
pub mod tokens;
pub mod workers;
