//! Events that consoles on any node must hear about: an agent's state changed, a message or
//! a screen pop for an agent, dashboard figures moved, new orders became available.
//!
//! On PostgreSQL they travel by `LISTEN/NOTIFY` on one channel, so every node (this one
//! included) receives them from the database; the payload is ids only, never personal data,
//! and callers publish after their transaction commits. On SQLite there is one node, and the
//! bus is an in-process broadcast. Either way, each node turns events into pushes to its own
//! connections (see `workers`).

use kernel::db::{Backend, Db};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

/// The PostgreSQL channel.
pub const CHANNEL: &str = "tracecall_console";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// Rebuild and push this agent's `state`.
    State { user: i64 },
    /// A supervisor's message for this agent.
    Message { user: i64, id: i64 },
    /// A ringing inbound call for this agent.
    ScreenPop { user: i64, id: i64 },
    /// Dashboard figures may have changed.
    Dashboard,
    /// Orders may have become available: try to offer them to waiting agents.
    Orders,
    /// An agent broke the glass to open a case: tell their team's supervisors.
    BreakGlass {
        user: i64,
        case_code: String,
        count_today: i64,
    },
    /// An agent hit the search rate limit: tell their team's supervisors.
    SearchLimited { user: i64 },
    /// A user's sessions ended or their access changed: close their connections.
    SessionsEnded { user: i64 },
    /// A notice about a request for this user (`notice`: mention, reminder, escalation,
    /// assigned).
    RequestNotice {
        user: i64,
        reference: String,
        notice: String,
    },
}

impl From<kernel::notices::Notice> for Event {
    fn from(n: kernel::notices::Notice) -> Self {
        use kernel::notices::Notice;
        match n {
            Notice::BreakGlass {
                user,
                case_code,
                count_today,
            } => Event::BreakGlass {
                user,
                case_code,
                count_today,
            },
            Notice::SearchLimited { user } => Event::SearchLimited { user },
            Notice::SessionsEnded { user } => Event::SessionsEnded { user },
            Notice::Request {
                user,
                reference,
                kind,
            } => Event::RequestNotice {
                user,
                reference,
                notice: kind,
            },
        }
    }
}

#[derive(Debug)]
pub struct Bus {
    local: broadcast::Sender<Event>,
    db: Db,
}

impl Bus {
    pub fn new(db: Db) -> Self {
        Self {
            local: broadcast::channel(1024).0,
            db,
        }
    }

    /// Events as this node receives them.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.local.subscribe()
    }

    /// Hands an event received from the database to this node's subscribers.
    pub fn deliver(&self, event: Event) {
        let _ = self.local.send(event);
    }

    /// Publishes to every node. Best effort: a lost event costs a late push, never data (the
    /// state is rebuilt from the database on the next event or reconnect).
    pub async fn publish(&self, event: Event) {
        match self.db.backend() {
            Backend::Sqlite => self.deliver(event),
            Backend::Postgres => {
                let payload = serde_json::to_string(&event).unwrap_or_default();
                if let Err(e) = sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(CHANNEL)
                    .bind(payload)
                    .execute(self.db.pool())
                    .await
                {
                    tracing::warn!(error = %e, "console event not published");
                }
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn events_carry_ids_only() {
        let text = serde_json::to_string(&Event::ScreenPop { user: 3, id: 9 }).unwrap();
        assert_eq!(text, r#"{"kind":"screen_pop","user":3,"id":9}"#);
        assert_eq!(
            serde_json::from_str::<Event>(&text).unwrap(),
            Event::ScreenPop { user: 3, id: 9 }
        );
    }
}
