//! The agent console and the supervisor dashboard: one WebSocket per browser, its protocol
//! (`PROTOCOL.md`), calls in progress, pushes across nodes, and the telephony screen pop.
//!
//! - [`socket`]: the upgrade (session, role, origin, bounded buffers) and the connection loop;
//! - [`protocol`]: typed requests in, replies and pushes out;
//! - [`agent`], [`call_flow`], [`inbound`], [`supervisor`]: what each request does;
//! - [`calls`], [`presence`], [`messages`]: their tables (answers and messages sealed);
//! - [`view`]: what the console shows of a call, computed with the script's own rules;
//! - [`hub`] and [`bus`]: this node's connections, and events between nodes
//!   (PostgreSQL `LISTEN/NOTIFY` carrying ids only);
//! - [`workers`]: turning events into pushes, the dashboard's once-a-second figures, and
//!   offering orders to agents who wait;
//! - [`telephony`] and [`pages`]: the telephony endpoint, `/` and the static files.
//!
//! Nothing that matters lives only in a node: states, calls and answers are in the database,
//! so a console that reconnects to any node resumes where it was.

pub mod agent;
pub mod alerts;
pub mod bus;
pub mod call_end;
pub mod call_flow;
pub mod calls;
pub mod erase;
pub mod error;
pub mod figures;
pub mod figures_page;
pub mod hub;
pub mod inbound;
pub mod messages;
pub mod offers;
pub mod pages;
pub mod presence;
pub mod protocol;
pub mod replies;
pub mod socket;
pub mod supervisor;
pub mod telephony;
pub mod view;
pub mod workers;
pub mod wrap_up;

use std::sync::Arc;

use kernel::auth::guard::RoutePolicy;
use kernel::auth::Principal;
use kernel::Kernel;

/// The console's shared parts, held in the application state.
#[derive(Clone, Debug)]
pub struct Console {
    pub hub: Arc<hub::Hub>,
    pub bus: Arc<bus::Bus>,
    /// The case search backend (Meilisearch when configured).
    pub cases: cases::routes::CasesState,
}

impl Console {
    pub fn new(k: &Kernel, cases: cases::routes::CasesState) -> Self {
        Self {
            hub: Arc::new(hub::Hub::default()),
            bus: Arc::new(bus::Bus::new(k.db.clone())),
            cases,
        }
    }
}

/// What a request handler works with.
pub struct Ctx<'a> {
    pub k: &'a Kernel,
    pub console: &'a Console,
    pub user: &'a Principal,
    /// Names this request in the audit log.
    pub request_id: String,
}

impl Ctx<'_> {
    /// Tells every node that this agent's state changed (after the change committed).
    pub async fn changed(&self) {
        self.console
            .bus
            .publish(bus::Event::State { user: self.user.id })
            .await;
        self.console.bus.publish(bus::Event::Dashboard).await;
    }
}

/// Every access decision of the console's routes.
pub fn policies() -> impl Iterator<Item = &'static RoutePolicy> {
    socket::POLICIES
        .iter()
        .chain(telephony::POLICIES)
        .chain(pages::POLICIES)
}
