//! The end-to-end tests, in one binary (so `support` compiles once): the real application on
//! port 0 with its own database, real HTTP and WebSocket clients, the real `tracecall` binary
//! for CLI commands, and headless Chromium for the pages. Each scenario runs on SQLite and on
//! PostgreSQL (`both_backends!`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod support;

mod access;
mod accounts;
mod audit_chain;
mod audit_role;
mod authoring;
mod backup;
mod browser;
mod campaigns;
mod cases;
mod console;
mod demo;
mod dictionary;
mod elearning;
mod errors;
mod exports;
mod files;
mod foundation;
mod headers;
mod logs;
mod migrations;
mod multinode;
mod name_search;
mod ownership;
mod requests;
mod scripts;
mod search_outbox;
mod serve;
mod slow_clients;
mod states;
mod targeting;
mod teams;
mod telephony;
