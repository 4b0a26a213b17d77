//! The checker: reads the load log and a database (the live primary at the end, or a
//! cluster restored from a backup) and counts what must be zero: orders held by two agents
//! at once, orders lost, orders completed twice, acknowledged answers lost.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use kernel::Kernel;
use serde_json::Value;
use sqlx::Row;

/// The load log's facts.
#[derive(Default)]
pub struct Acknowledged {
    /// Every value sent per call, in order, with when and whether the server acknowledged
    /// it (a value sent whose reply never came may have been saved all the same).
    pub answers: BTreeMap<String, Vec<(u64, String, bool)>>,
    /// Orders whose call was acknowledged reached.
    pub reached: BTreeSet<i64>,
    /// Exports acknowledged: (id, idempotency key).
    pub exports: Vec<(String, String)>,
}

impl Acknowledged {
    pub fn read(log: &Path) -> anyhow::Result<Self> {
        let mut a = Self::default();
        let text = std::fs::read_to_string(log)?;
        // Read while the load still writes (a restore's check): a last line without its
        // newline is still being written, and is left for the next reading.
        for line in text.split_inclusive('\n').filter(|l| l.ends_with('\n')) {
            let f: Value = serde_json::from_str(line)?;
            let t = f["t"].as_u64().unwrap_or(0);
            match f["kind"].as_str() {
                Some(kind @ ("sent" | "answer")) => a
                    .answers
                    .entry(f["call"].as_str().unwrap_or_default().to_string())
                    .or_default()
                    .push((
                        t,
                        f["value"].as_str().unwrap_or_default().to_string(),
                        kind == "answer",
                    )),
                Some("reached") => {
                    if let Some(o) = f["order"].as_i64() {
                        a.reached.insert(o);
                    }
                }
                Some("export") => a.exports.push((
                    f["id"].as_str().unwrap_or_default().to_string(),
                    f["key"].as_str().unwrap_or_default().to_string(),
                )),
                _ => {}
            }
        }
        Ok(a)
    }
}

/// What the checker found.
#[derive(Debug, Default)]
pub struct Findings {
    pub orders: i64,
    pub done: i64,
    pub held_twice: usize,
    pub lost_orders: usize,
    pub completed_twice: i64,
    pub answers_checked: usize,
    pub answers_lost: usize,
}

impl Findings {
    pub fn clean(&self) -> bool {
        self.held_twice == 0
            && self.lost_orders == 0
            && self.completed_twice == 0
            && self.answers_lost == 0
    }
}

/// Checks the live database at the end: every claim span, every order, every answer.
pub async fn live(k: &Kernel, acked: &Acknowledged) -> anyhow::Result<Findings> {
    let pool = k.db.pool();
    let mut f = Findings {
        orders: sqlx::query_scalar("SELECT COUNT(*) FROM call_orders")
            .fetch_one(pool)
            .await?,
        done: sqlx::query_scalar("SELECT COUNT(*) FROM call_orders WHERE state = 'done'")
            .fetch_one(pool)
            .await?,
        ..Findings::default()
    };
    let rows = sqlx::query(
        "SELECT order_id, claimed_at, COALESCE(ended_at, 9223372036854775807) AS ended_at \
         FROM order_claims ORDER BY order_id, claimed_at, id",
    )
    .fetch_all(pool)
    .await?;
    let mut spans: BTreeMap<i64, Vec<(i64, i64)>> = BTreeMap::new();
    for r in rows {
        spans
            .entry(r.try_get("order_id")?)
            .or_default()
            .push((r.try_get("claimed_at")?, r.try_get("ended_at")?));
    }
    f.held_twice = spans
        .values()
        .map(|s| s.windows(2).filter(|w| w[0].1 > w[1].0).count())
        .sum();
    // Lost: acknowledged reached but not done, or still leased when every agent has
    // finished its call in hand.
    let done: BTreeSet<i64> = sqlx::query_scalar("SELECT id FROM call_orders WHERE state = 'done'")
        .fetch_all(pool)
        .await?
        .into_iter()
        .collect();
    let leased: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM call_orders WHERE state = 'leased'")
        .fetch_one(pool)
        .await?;
    f.lost_orders = acked.reached.difference(&done).count() + leased as usize;
    f.completed_twice = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT order_id FROM order_claims WHERE end_reason = 'reached' \
         GROUP BY order_id HAVING COUNT(*) > 1) t",
    )
    .fetch_one(pool)
    .await?;
    let (checked, lost) = answers(k, acked, u64::MAX).await?;
    f.answers_checked = checked;
    f.answers_lost = lost;
    Ok(f)
}

/// Answers acknowledged up to `until_ms` (load time): each call's last one must be stored,
/// or a value sent after it for the same call. Returns (checked, lost).
pub async fn answers(
    k: &Kernel,
    acked: &Acknowledged,
    until_ms: u64,
) -> anyhow::Result<(usize, usize)> {
    let (mut checked, mut lost) = (0, 0);
    for (call_id, values) in &acked.answers {
        let Some(pos) = values
            .iter()
            .rposition(|(t, _, acked)| *acked && *t <= until_ms)
        else {
            continue;
        };
        checked += 1;
        let stored = stored_note(k, call_id).await?;
        let fine = stored
            .as_deref()
            .is_some_and(|s| values[pos..].iter().any(|(_, v, _)| v == s));
        if !fine {
            lost += 1;
            tracing::error!(call = call_id, ?stored, "acknowledged answer lost");
        }
    }
    Ok((checked, lost))
}

/// The `note` a call holds: in its submission once finished, else among its answers.
async fn stored_note(k: &Kernel, call_id: &str) -> anyhow::Result<Option<String>> {
    if let Some(sub) = console::calls::submission(k, call_id).await? {
        return Ok(sub.get("note").and_then(Value::as_str).map(str::to_string));
    }
    let Some(case_id) = sqlx::query_scalar::<_, String>("SELECT case_id FROM calls WHERE id = $1")
        .bind(call_id)
        .fetch_optional(k.db.pool())
        .await?
    else {
        return Ok(None);
    };
    let answers = console::calls::answers_of(k, call_id, &case_id).await?;
    Ok(answers
        .get("note")
        .and_then(Value::as_str)
        .map(str::to_string))
}
