//! Requests: what reaches the contact centre beside its phone lines — e-mail to a topic's
//! address (an MTA pipe or an IMAP mailbox), the public web form, a call turned into a
//! request — in the contact centre's own vocabulary. Topics are files (`topics/`), linted
//! and published like scripts; what a request says about its requester is sealed under the
//! request's own key.

pub mod assign;
pub mod batch;
pub mod case_link;
pub mod dashboard;
pub mod erase;
pub mod error;
pub mod follow;
pub mod history;
pub mod imap;
pub mod inbox_page;
pub mod intake;
pub mod kb;
pub mod kb_store;
pub mod mentions;
pub mod merge;
pub mod mime;
pub mod notices;
pub mod outbound;
pub mod pages;
pub mod public;
pub mod queue;
pub mod quick;
pub mod quotes;
pub mod reminders;
pub mod report;
pub mod report_page;
pub mod report_routes;
pub mod requester;
pub mod requester_view;
pub mod routes;
pub mod rows;
pub mod search;
pub mod store;
pub mod survey;
pub mod thread;
pub mod topic;
pub mod views;
pub mod web;
pub mod work;
pub mod work_routes;
