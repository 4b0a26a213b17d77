//! The kernel: what every tracecall service stands on.
//!
//! - [`config`]: layered configuration with secrets that cannot be printed;
//! - [`db`]: both storage backends and how queries are shared between them (read its docs);
//! - [`error`] and [`problem`]: one error type, answered as `application/problem+json`;
//! - [`auth`]: users, roles, sessions, API tokens, login throttling and the access guard;
//! - [`audit`]: the append-only, hash-chained audit log;
//! - [`crypto`]: the master key and, on it, envelope encryption;
//! - [`clock`]: injectable time;
//! - [`pages`]: the one template renderer every service's pages share;
//! - [`i18n`]: the interface texts of every language, one catalogue for pages and JavaScript;
//! - [`text_enum!`]: states with one textual form in Rust, SQL and the protocols.
//!
//! The kernel depends on no service. Services receive a [`Kernel`] and never reach into each
//! other's tables.

pub mod audit;
pub mod auth;
pub mod clock;
pub mod columns;
pub mod config;
pub mod crypto;
pub mod csv_cell;
pub mod db;
pub mod erasure;
pub mod error;
pub mod error_pages;
pub mod http;
pub mod i18n;
pub mod links;
pub mod locals;
pub mod mail;
pub mod metrics;
pub mod notices;
pub mod pages;
pub mod postal;
pub mod private_fs;
pub mod problem;
pub mod rate;
pub mod releases;
pub mod text_enum;
pub mod workers;

use std::sync::Arc;

pub use error::{Error, Result};

/// The shared handles every service needs, cheap to clone.
#[derive(Clone, Debug)]
pub struct Kernel {
    pub db: db::Db,
    pub config: Arc<config::Config>,
    pub clock: Arc<dyn clock::Clock>,
    pub metrics: Arc<metrics::Metrics>,
    /// Seals and opens personal data.
    pub envelope: Arc<crypto::envelope::Envelope>,
    /// Computes blind-index tokens.
    pub blind: Arc<crypto::blind::BlindIndex>,
    /// Live signals between services (break-glass opens, ended sessions).
    pub notices: notices::Notices,
    /// What each service clears when a person is erased.
    pub erasure: erasure::Hooks,
    /// What services keep in memory for this node (claims waiting to be taken together).
    pub locals: locals::Locals,
}

impl Kernel {
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}
