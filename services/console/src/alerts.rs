//! Alerts for supervisors: an agent of their team broke the glass to open a case, or was
//! stopped by the search rate limit. Pushed at once to the team's supervisors connected on
//! each node (national supervisors see every team's); the audit log keeps the record.

use kernel::auth::users;
use kernel::Kernel;

use crate::protocol::push;
use crate::replies::{Alert, AlertKind, Push};
use crate::supervisor::SUPERVISORS;
use crate::Console;

/// Break-glass opens a day from which an agent's alerts are marked over the limit, unless
/// `console.break_glass_alert_per_day` says otherwise.
pub const BREAK_GLASS_PER_DAY: i64 = 3;

fn limit(k: &Kernel) -> i64 {
    k.config
        .console
        .get("break_glass_alert_per_day")
        .and_then(serde_json::Value::as_i64)
        .unwrap_or(BREAK_GLASS_PER_DAY)
}

pub fn break_glass(k: &Kernel, user: i64, case_code: String, count_today: i64) -> Alert {
    Alert {
        kind: AlertKind::BreakGlass,
        agent_id: user,
        agent_name: String::new(),
        case_code: Some(case_code),
        count_today: Some(count_today),
        over_limit: count_today >= limit(k),
        at: kernel::db::millis(k.now()),
    }
}

pub fn search_limited(k: &Kernel, user: i64) -> Alert {
    Alert {
        kind: AlertKind::SearchLimited,
        agent_id: user,
        agent_name: String::new(),
        case_code: None,
        count_today: None,
        over_limit: true,
        at: kernel::db::millis(k.now()),
    }
}

/// Pushes `alert` about `user` to the supervisors connected here who reach their team.
pub async fn tell_supervisors(k: &Kernel, console: &Console, user: i64, mut alert: Alert) {
    let viewers = console.hub.users_of(SUPERVISORS);
    if viewers.is_empty() {
        return;
    }
    let agent = match users::active(&k.db, user).await {
        Ok(Some(u)) => u,
        Ok(None) => return,
        Err(e) => {
            tracing::warn!(error = %e, "alert not pushed");
            return;
        }
    };
    alert.agent_name = agent.name;
    let frame = push(&Push::Alert(alert));
    for viewer in viewers
        .iter()
        .filter(|v| v.reaches_team(agent.team.as_deref()))
    {
        console.hub.send_user(viewer.id, frame.clone().into());
    }
}
