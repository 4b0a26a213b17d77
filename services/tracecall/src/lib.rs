//! The tracecall binary's library: the CLI commands and the HTTP application that mounts
//! every service's router, access decisions and workers. Integration tests start the same
//! application on port 0 through [`app::launch`].

pub mod access_cli;
pub mod app;
pub mod audit_cli;
pub mod boot;
pub mod cli;
pub mod content;
pub mod courses;
pub mod data_cli;
pub mod demo;
pub mod documents_cli;
pub mod import_export_cli;
pub mod keys;
pub mod listener;
pub mod mail_cli;
pub mod ops;
pub mod shipped;
pub mod telemetry;
