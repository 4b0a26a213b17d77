//! What one service must tell another at once, inside this process: the cases service saw a
//! break-glass open, an account's sessions ended. The console subscribes and forwards each
//! notice on its cross-node bus, so supervisors and sockets on every node hear it. Nothing
//! here is stored: the audit log is the record; a notice is the live signal.

use tokio::sync::broadcast;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// `user` broke the glass to open case `case_code`, the `count_today`th time today.
    BreakGlass {
        user: i64,
        case_code: String,
        count_today: i64,
    },
    /// `user` was refused a search by the rate limit.
    SearchLimited { user: i64 },
    /// `user`'s sessions ended or their access changed: their live connections must close.
    SessionsEnded { user: i64 },
    /// `user` has a new notice about request `reference` (a mention, a reminder, an
    /// escalation, an assignment): its kind, never what was written.
    Request {
        user: i64,
        reference: String,
        kind: String,
    },
}

#[derive(Debug, Clone)]
pub struct Notices(broadcast::Sender<Notice>);

impl Default for Notices {
    fn default() -> Self {
        Self(broadcast::channel(256).0)
    }
}

impl Notices {
    /// Tells every subscriber; without one (a CLI command) the notice goes nowhere.
    pub fn publish(&self, notice: Notice) {
        let _ = self.0.send(notice);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Notice> {
        self.0.subscribe()
    }
}
