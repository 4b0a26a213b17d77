//! The campaign engine: campaigns, call-order generation, exclusive dispatch with leases,
//! outcomes that schedule retries and callbacks, the do-not-call list, and the figures
//! dashboards and exports read. See `dispatch` for the claim and why it stays fast, and
//! `generate` for targets, deadlines and urgency.

pub mod builder_routes;
pub mod claim_batch;
pub mod dispatch;
pub mod do_not_call;
pub mod erase;
pub mod error;
pub mod figures;
pub mod fit;
pub mod gating;
pub mod generate;
pub mod model;
pub mod orders;
pub mod outcomes;
pub mod pages;
pub mod policy;
pub mod returned;
pub mod routes;
pub mod scope;
pub mod series;
pub mod states;
pub mod stats;
pub mod store;
pub mod supervise;
pub mod windows;
