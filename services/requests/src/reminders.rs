//! Reminders and escalation as a request's target nears and passes. A request's next target
//! is its first response until one was sent, then its resolution. With a quarter of the time
//! to it left, its agent (its team's supervisors while no one has it) is reminded; once it
//! has passed, the team's supervisors (national supervisors when the team has none) are told
//! and its priority rises one step. Each happens once per target: the row records the target
//! it was raised for, claimed by a conditional update so two nodes never raise it twice. A
//! request waiting for its requester is not chased: the next move is theirs.

use kernel::db::millis;
use kernel::Kernel;
use sqlx::Row;

use crate::error::Result;
use crate::notices::{self, Kind, Pending};
use crate::topic::Priority;

/// One step more urgent.
fn raised(p: Priority) -> Priority {
    match p {
        Priority::Low => Priority::Normal,
        Priority::Normal => Priority::High,
        Priority::High | Priority::Urgent => Priority::Urgent,
    }
}

/// The supervisors who answer for `team`: its own, else the national ones.
async fn supervisors(k: &Kernel, team: &str) -> Result<Vec<i64>> {
    let all = kernel::auth::users::active_staff(&k.db, None).await?;
    let of = |t: Option<&str>| -> Vec<i64> {
        all.iter()
            .filter(|u| u.role == kernel::auth::Role::Supervisor && u.team.as_deref() == t)
            .map(|u| u.id)
            .collect()
    };
    let own = of(Some(team));
    Ok(if own.is_empty() { of(None) } else { own })
}

/// Raises the reminders and escalations that are due; how many.
pub async fn sweep(k: &Kernel) -> Result<usize> {
    let now = millis(k.now());
    let rows = sqlx::query(
        "SELECT id, ref, team, priority, assignee, created_at, reminded_for, escalated_for, \
           CASE WHEN first_response_at IS NULL THEN first_response_due ELSE resolution_due END AS due \
         FROM requests WHERE status IN ('new', 'open') AND merged_into IS NULL",
    )
    .fetch_all(k.db.pool())
    .await?;
    let mut raised_count = 0;
    for r in &rows {
        let due: i64 = r.try_get("due")?;
        let created: i64 = r.try_get("created_at")?;
        let id: String = r.try_get("id")?;
        let reference: String = r.try_get("ref")?;
        let team: String = r.try_get("team")?;
        let standing = crate::queue::standing(now, created, due);
        let passed = standing == crate::queue::Standing::Breached;
        let near = standing == crate::queue::Standing::AtRisk;
        if passed && r.try_get::<Option<i64>, _>("escalated_for")? != Some(due) {
            let priority: Priority = r.try_get::<String, _>("priority")?.parse()?;
            let to = supervisors(k, &team).await?;
            if raise(
                k,
                &id,
                &reference,
                due,
                Kind::Escalation,
                raised(priority),
                &to,
            )
            .await?
            {
                raised_count += 1;
            }
        } else if near && r.try_get::<Option<i64>, _>("reminded_for")? != Some(due) {
            let priority: Priority = r.try_get::<String, _>("priority")?.parse()?;
            let to = match r.try_get::<Option<i64>, _>("assignee")? {
                Some(a) => vec![a],
                None => supervisors(k, &team).await?,
            };
            if raise(k, &id, &reference, due, Kind::Reminder, priority, &to).await? {
                raised_count += 1;
            }
        }
    }
    Ok(raised_count)
}

/// Claims and raises one reminder or escalation; false when another node did.
async fn raise(
    k: &Kernel,
    id: &str,
    reference: &str,
    due: i64,
    kind: Kind,
    priority: Priority,
    to: &[i64],
) -> Result<bool> {
    let column = if kind == Kind::Escalation {
        "escalated_for"
    } else {
        "reminded_for"
    };
    let mut tx = k.db.begin().await?;
    let claimed = sqlx::query(&format!(
        "UPDATE requests SET {column} = $1, priority = $2 WHERE id = $3 AND ({column} IS NULL OR {column} <> $1)"
    ))
    .bind(due)
    .bind(priority.as_str())
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed == 0 {
        return Ok(false);
    }
    let mut pending: Vec<Pending> = Vec::new();
    for u in to {
        pending.push(
            notices::record(
                k,
                &mut tx,
                *u,
                notices::About { id, reference },
                kind,
                "system",
                None,
            )
            .await?,
        );
    }
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: "system",
            action: if kind == Kind::Escalation {
                "request.escalated"
            } else {
                "request.reminded"
            },
            subject: &format!("request:{id}"),
            request_id: None,
            detail: serde_json::json!({ "due": due, "told": to.len(), "priority": priority.as_str() }),
        },
    )
    .await?;
    tx.commit().await?;
    notices::deliver(k, pending).await;
    Ok(true)
}

/// The requests' workers: the reminder sweep every minute.
pub fn spawn(
    k: Kernel,
    stop: tokio::sync::watch::Receiver<bool>,
) -> Vec<tokio::task::JoinHandle<()>> {
    vec![kernel::workers::every(
        "request_reminders",
        std::time::Duration::from_secs(60),
        stop,
        move || {
            let k = k.clone();
            async move { sweep(&k).await.map_err(|e| e.to_string()) }
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escalation_raises_priority_one_step_up_to_urgent() {
        assert_eq!(raised(Priority::Low), Priority::Normal);
        assert_eq!(raised(Priority::High), Priority::Urgent);
        assert_eq!(raised(Priority::Urgent), Priority::Urgent);
    }
}
