//! Retention: cases closed longer than the configured period are purged. The person is erased
//! once none of their cases is kept ([`crate::erase`]: their key destroyed, so their answers
//! and everything else sealed about them stop decrypting); the case row keeps the clear,
//! coarsened facts aggregates need (type, region, age band, sex, registration time).
//! Each purge writes an audit event in the same transaction.

use kernel::audit::{self, Event};
use kernel::db::millis;
use kernel::Kernel;
use sqlx::Row;

use crate::error::Result;
use crate::store::event;

/// Purges what is due at `now`; returns the number of cases purged.
pub async fn purge(k: &Kernel, retention_days: i64) -> Result<u64> {
    if retention_days <= 0 {
        return Ok(0);
    }
    let now = k.now();
    let cutoff = millis(now - chrono::Duration::days(retention_days));
    let due = sqlx::query("SELECT id, person_id FROM cases WHERE status = 'closed' AND closed_at < $1 AND purged_at IS NULL ORDER BY closed_at LIMIT 1000")
        .bind(cutoff)
        .fetch_all(k.db.pool())
        .await?;
    let mut purged = 0;
    for row in due {
        let case_id: String = row.try_get("id")?;
        let person_id: String = row.try_get("person_id")?;
        let mut tx = k.db.begin().await?;
        sqlx::query("UPDATE cases SET purged_at = $2, updated_at = $2 WHERE id = $1")
            .bind(&case_id)
            .bind(millis(now))
            .execute(&mut *tx)
            .await?;
        let kept: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM cases WHERE person_id = $1 AND purged_at IS NULL",
        )
        .bind(&person_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
        if kept == 0 {
            crate::erase::erase_person(
                k,
                &mut tx,
                &person_id,
                crate::erase::Request {
                    reason: kernel::erasure::Reason::Retention,
                    actor: "system",
                    request_id: None,
                },
            )
            .await?;
        }
        event(
            &mut tx,
            &case_id,
            millis(now),
            "system",
            "case.purged",
            serde_json::json!({ "person_erased": kept == 0 }),
        )
        .await?;
        audit::append(
            &mut tx,
            &k.db,
            now,
            &Event {
                actor: "system",
                action: "case.purged",
                subject: &format!("case:{case_id}"),
                request_id: None,
                detail: serde_json::json!({ "retention_days": retention_days, "person_erased": kept == 0 }),
            },
        )
        .await?;
        tx.commit().await?;
        purged += 1;
    }
    Ok(purged)
}
