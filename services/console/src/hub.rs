//! The connections this node holds, by user: where pushes are delivered.
//!
//! Each connection has a small bounded queue of outgoing frames. A push that finds the queue
//! full means the client is not reading: the connection is told to close (its `kick`) rather
//! than letting the server buffer without bound. Frames are `Utf8Bytes`, so one push to many
//! connections shares one buffer.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::ws::Utf8Bytes;
use kernel::auth::{Principal, Role};
use tokio::sync::{mpsc, Notify};

/// Frames waiting to be written, per connection.
pub const QUEUE: usize = 64;

/// One open WebSocket.
#[derive(Clone)]
pub struct Conn {
    pub id: u64,
    pub user: Arc<Principal>,
    pub tx: mpsc::Sender<Utf8Bytes>,
    /// Notified when the connection must close (slow consumer, session ended).
    pub kick: Arc<Notify>,
    /// The stored form of the session the connection was opened with.
    pub session: Option<Arc<str>>,
}

/// Every connection of this node.
#[derive(Default)]
pub struct Hub {
    by_user: Mutex<HashMap<i64, Vec<Conn>>>,
    next: AtomicU64,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub")
            .field("connections", &self.count())
            .finish()
    }
}

impl Hub {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Vec<Conn>>> {
        // A panic while holding the lock cannot leave the map half-updated (each operation
        // is one insert or retain), so a poisoned lock is still usable.
        self.by_user
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Registers a connection; returns it.
    pub fn register(
        &self,
        user: Principal,
        session: Option<String>,
        tx: mpsc::Sender<Utf8Bytes>,
    ) -> Conn {
        let conn = Conn {
            id: self.next.fetch_add(1, Ordering::Relaxed),
            user: Arc::new(user),
            tx,
            kick: Arc::new(Notify::new()),
            session: session.map(Arc::from),
        };
        self.lock()
            .entry(conn.user.id)
            .or_default()
            .push(conn.clone());
        conn
    }

    /// Forgets a connection; returns whether its user still has others on this node.
    pub fn unregister(&self, conn: &Conn) -> bool {
        let mut map = self.lock();
        let left = match map.get_mut(&conn.user.id) {
            Some(list) => {
                list.retain(|c| c.id != conn.id);
                list.len()
            }
            None => 0,
        };
        if left == 0 {
            map.remove(&conn.user.id);
        }
        left > 0
    }

    fn deliver(conn: &Conn, frame: &Utf8Bytes) {
        if conn.tx.try_send(frame.clone()).is_err() {
            tracing::warn!(
                conn = conn.id,
                "console not reading its messages; disconnecting it"
            );
            conn.kick.notify_one();
        }
    }

    /// Sends a frame to every connection of `user_id` here; returns how many got it.
    pub fn send_user(&self, user_id: i64, frame: Utf8Bytes) -> usize {
        let conns: Vec<Conn> = self.lock().get(&user_id).cloned().unwrap_or_default();
        for c in &conns {
            Self::deliver(c, &frame);
        }
        conns.len()
    }

    /// Sends a frame to every connection whose user has one of `roles`.
    pub fn send_roles(&self, roles: &[Role], frame: Utf8Bytes) -> usize {
        let conns = self.connections_of(roles);
        for c in &conns {
            Self::deliver(c, &frame);
        }
        conns.len()
    }

    /// The connections of users with one of `roles`.
    pub fn connections_of(&self, roles: &[Role]) -> Vec<Conn> {
        self.lock()
            .values()
            .flatten()
            .filter(|c| roles.contains(&c.user.role))
            .cloned()
            .collect()
    }

    /// The users with a connection here and one of `roles`, one entry each.
    pub fn users_of(&self, roles: &[Role]) -> Vec<Arc<Principal>> {
        self.lock()
            .values()
            .filter_map(|list| list.first())
            .filter(|c| roles.contains(&c.user.role))
            .map(|c| c.user.clone())
            .collect()
    }

    /// Closes every connection of `user_id` here (the socket loop ends on its kick).
    pub fn kick_user(&self, user_id: i64) -> usize {
        let conns: Vec<Conn> = self.lock().get(&user_id).cloned().unwrap_or_default();
        for c in &conns {
            c.kick.notify_one();
        }
        conns.len()
    }

    /// The sessions the connections here were opened with, one entry each.
    pub fn sessions(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .lock()
            .values()
            .flatten()
            .filter_map(|c| c.session.as_deref().map(str::to_string))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Closes every connection here whose session is not among `live` (and those opened
    /// without one); returns how many.
    pub fn kick_all_but(&self, live: &std::collections::HashSet<String>) -> usize {
        let doomed: Vec<Conn> = self
            .lock()
            .values()
            .flatten()
            .filter(|c| c.session.as_deref().is_none_or(|s| !live.contains(s)))
            .cloned()
            .collect();
        for c in &doomed {
            c.kick.notify_one();
        }
        doomed.len()
    }

    pub fn has_user(&self, user_id: i64) -> bool {
        self.lock().contains_key(&user_id)
    }

    pub fn count(&self) -> usize {
        self.lock().values().map(Vec::len).sum()
    }
}
