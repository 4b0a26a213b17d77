//! Outcomes of call attempts: what an agent's attempt does to its order (done, a retry after
//! the policy's delay and the next calling window, or a callback kept for the agent), to the
//! order's claim history and to its case, and the campaign completing with its last order.
//! Recorded inside the caller's transaction when a call's answers are saved with it.

use kernel::auth::Principal;
use kernel::db::{json_column, millis, Tx};
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use utoipa::ToSchema;

use crate::error::{CampaignError, Result};
use crate::model::Policy;
use crate::states::{CampaignStatus, OrderState};

/// How a call attempt ended: the same outcomes a script's end nodes declare.
pub use scripting::model::Outcome;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeIn {
    pub outcome: Outcome,
    /// For `callback`: when to call back (RFC 3339).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub callback_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// What happens to the order after an outcome.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct Scheduled {
    /// `done`, or `open` (to be called again at `due_at`).
    pub state: OrderState,
    pub due_at: Option<i64>,
}

/// Records the outcome of the agent's attempt: closes the order, or schedules a retry or a
/// callback (kept for this agent until its hold passes).
pub async fn record_outcome(
    k: &Kernel,
    agent: &Principal,
    order_id: i64,
    input: &OutcomeIn,
) -> Result<Scheduled> {
    let mut tx = k.db.begin().await?;
    let scheduled = record_outcome_in(k, &mut tx, agent, order_id, input).await?;
    tx.commit().await?;
    Ok(scheduled)
}

/// As [`record_outcome`], inside the caller's transaction, so that a call's answers and its
/// order's outcome are committed together.
pub async fn record_outcome_in(
    k: &Kernel,
    tx: &mut Tx,
    agent: &Principal,
    order_id: i64,
    input: &OutcomeIn,
) -> Result<Scheduled> {
    let now = k.now();
    let now_ms = millis(now);
    // The order and its campaign's policy in one read: on SQLite every statement is a hop to
    // the database thread, and this runs once per call.
    let row = sqlx::query("SELECT o.campaign_id, o.attempts, o.case_id, c.policy FROM call_orders o JOIN campaigns c ON c.id = o.campaign_id \
                           WHERE o.id = $1 AND o.agent_id = $2 AND o.state = $3")
        .bind(order_id)
        .bind(agent.id)
        .bind(OrderState::Leased.as_str())
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| CampaignError::Conflict(format!("you do not hold order {order_id}")))?;
    let campaign: String = row.try_get("campaign_id")?;
    let attempts: i64 = row.try_get("attempts")?;
    let case_id: String = row.try_get("case_id")?;
    let p: Policy = json_column(&row, "policy")?;
    let Next {
        state,
        due,
        preferred_until,
        counts,
    } = next_for(&p, attempts, now, input)?;
    let outcome_text = input.outcome.as_str();
    k.metrics
        .business
        .call_outcomes
        .get_or_create(&kernel::metrics::OutcomeLabels {
            outcome: outcome_text.into(),
        })
        .inc();
    sqlx::query(
        "UPDATE call_orders SET state = $3, due_at = COALESCE($4, due_at), attempts = attempts + $5, outcome = $6, agent_id = NULL, lease_until = NULL, \
         preferred_agent_id = $7, preferred_until = $8, updated_at = $9 WHERE id = $1 AND agent_id = $2",
    )
    .bind(order_id)
    .bind(agent.id)
    .bind(state.as_str())
    .bind(due)
    .bind(i64::from(counts && input.outcome != Outcome::Reached))
    .bind(outcome_text)
    .bind(preferred_until.map(|_| agent.id))
    .bind(preferred_until)
    .bind(now_ms)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE order_claims SET ended_at = $3, end_reason = $4 WHERE order_id = $1 AND agent_id = $2 AND ended_at IS NULL")
        .bind(order_id)
        .bind(agent.id)
        .bind(now_ms)
        .bind(outcome_text)
        .execute(&mut **tx)
        .await?;
    cases::store::event(
        tx,
        &case_id,
        now_ms,
        &agent.actor(),
        "call.outcome",
        serde_json::json!({ "outcome": outcome_text, "order_id": order_id }),
    )
    .await?;
    complete_if_done(tx, &k.db, &campaign, now).await?;
    Ok(Scheduled { state, due_at: due })
}

/// What an outcome does to its order.
struct Next {
    state: OrderState,
    /// When it is due again, if it stays open.
    due: Option<i64>,
    /// Until when it is kept for the agent who arranged a callback.
    preferred_until: Option<i64>,
    /// Whether the attempt counts against `max_attempts`.
    counts: bool,
}

/// The order's next state under policy `p` after `input`, its `attempts`-th attempt ended
/// `now`; a callback must name a time in the future.
fn next_for(
    p: &Policy,
    attempts: i64,
    now: chrono::DateTime<chrono::Utc>,
    input: &OutcomeIn,
) -> Result<Next> {
    let retry = |minutes: i64| {
        let (state, due) = retry(p, attempts, now, minutes);
        Next {
            state,
            due,
            preferred_until: None,
            counts: true,
        }
    };
    Ok(match input.outcome {
        Outcome::Reached | Outcome::WrongNumber | Outcome::Refused | Outcome::NotApplicable => {
            Next {
                state: OrderState::Done,
                due: None,
                preferred_until: None,
                counts: true,
            }
        }
        Outcome::NoAnswer => retry(p.retry_minutes_no_answer),
        Outcome::Busy => retry(p.retry_minutes_busy),
        Outcome::Voicemail => retry(p.retry_minutes_voicemail),
        Outcome::Callback => {
            let at = input.callback_at.ok_or(CampaignError::Invalid {
                field: "callback_at",
                message: "a callback needs a time".into(),
            })?;
            if at <= now {
                return Err(CampaignError::Invalid {
                    field: "callback_at",
                    message: "the callback time must be in the future".into(),
                });
            }
            Next {
                state: OrderState::Open,
                due: Some(millis(at)),
                preferred_until: Some(
                    millis(at).saturating_add(p.callback_hold_minutes.saturating_mul(60_000)),
                ),
                counts: false,
            }
        }
    })
}

/// A retry waits its delay, then for the next calling window; the last allowed attempt
/// closes the order. A delay too large for the calendar (only possible in a policy stored
/// before policies were checked) waits the longest the policy check allows instead.
fn retry(
    p: &Policy,
    attempts: i64,
    now: chrono::DateTime<chrono::Utc>,
    minutes: i64,
) -> (OrderState, Option<i64>) {
    if attempts.saturating_add(1) >= p.max_attempts {
        return (OrderState::Done, None);
    }
    const LONGEST: i64 = 7 * 24 * 60;
    let delay = chrono::Duration::try_minutes(minutes.clamp(0, LONGEST)).unwrap_or_default();
    let after = now.checked_add_signed(delay).unwrap_or(now);
    (
        OrderState::Open,
        Some(millis(crate::windows::next_open(p, after))),
    )
}

/// A running campaign whose last order is done completes by itself (audited).
async fn complete_if_done(
    tx: &mut Tx,
    db: &kernel::db::Db,
    campaign: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let done = sqlx::query(
        // States are literals here, as the partial claim index's predicate is: SQLite uses a
        // partial index only when the query's terms match its predicate literally.
        "UPDATE campaigns SET status = 'completed', updated_at = $2 WHERE id = $1 AND status = 'running' \
         AND NOT EXISTS (SELECT 1 FROM call_orders WHERE campaign_id = $1 AND state IN ('open', 'leased'))",
    )
    .bind(campaign)
    .bind(millis(now))
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if done > 0 {
        kernel::audit::append(
            tx,
            db,
            now,
            &kernel::audit::Event {
                actor: "system",
                action: "campaign.status",
                subject: &format!("campaign:{campaign}"),
                request_id: None,
                detail: serde_json::json!({
                    "from": CampaignStatus::Running,
                    "to": CampaignStatus::Completed,
                    "why": "every order done",
                }),
            },
        )
        .await?;
    }
    Ok(())
}
