//! Requests: what reaches the contact centre beside its phone lines — e-mail to a topic's
//! address (an MTA pipe or an IMAP mailbox), the public web form, a call turned into a
//! request — in the contact centre's own vocabulary. Topics are files (`topics/`), linted
//! and published like scripts; what a request says about its requester is sealed under the
//! request's own key.

pub mod error;
pub mod imap;
pub mod intake;
pub mod mime;
pub mod outbound;
pub mod queue;
pub mod quotes;
pub mod routes;
pub mod store;
pub mod topic;
pub mod web;
pub mod work;
