//! The campaign engine: campaigns, call-order generation, exclusive dispatch with leases,
//! outcomes that schedule retries and callbacks. See `dispatch` for the claim and why it stays
//! fast (a partial index holds only orders that can still be claimed).

pub mod dispatch;
pub mod error;
pub mod figures;
pub mod gating;
pub mod model;
pub mod routes;
pub mod stats;
pub mod store;
pub mod supervise;
pub mod windows;
