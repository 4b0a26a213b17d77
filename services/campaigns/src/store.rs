//! Campaigns in the database and their state changes, each with an audit event. Order
//! generation is in `generate`.

use kernel::audit::{self, Event};
use kernel::db::{json_column, json_text, millis};
use kernel::Kernel;
use sqlx::Row;

use crate::error::{CampaignError, Result};
use crate::model::{unwrap_list, wrap_list, Campaign, NewCampaign};
use crate::states::CampaignStatus;

/// The longest list of case codes a campaign targets: each is a bound parameter of the
/// launch's statement, and PostgreSQL takes at most 65,535 of them.
pub const MAX_CASE_CODES: usize = 10_000;

const COLUMNS: &str = "id, name, purpose, script_id, release_id, status, languages, teams, required_courses, policy, target, script_override";

fn campaign(r: &sqlx::any::AnyRow) -> Result<Campaign> {
    Ok(Campaign {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        purpose: r.try_get("purpose")?,
        script_id: r.try_get("script_id")?,
        release_id: r.try_get("release_id")?,
        status: r.try_get::<String, _>("status")?.parse()?,
        languages: unwrap_list(&r.try_get::<String, _>("languages")?),
        teams: unwrap_list(&r.try_get::<String, _>("teams")?),
        required_courses: unwrap_list(&r.try_get::<String, _>("required_courses")?),
        policy: json_column(r, "policy")?,
        target: json_column(r, "target")?,
        script_override: r.try_get::<i64, _>("script_override")? != 0,
    })
}

/// Checks what a supervisor wrote (name, policy, teams, languages, courses, the script's
/// fit) and returns the target to store: every refusal names its field.
async fn checked(k: &Kernel, new: &NewCampaign) -> Result<crate::model::Target> {
    if new.name.trim().is_empty() {
        return Err(CampaignError::Invalid {
            field: "name",
            message: "a campaign needs a name".into(),
        });
    }
    let problems = new.policy.problems();
    if !problems.is_empty() {
        return Err(kernel::Error::Invalid(problems).into());
    }
    for (i, team) in new.teams.iter().enumerate() {
        if !kernel::auth::teams::exists(&k.db, team).await? {
            return Err(kernel::Error::invalid(
                &format!("teams[{i}]"),
                "unknown_team",
                format!("no team is named {team:?}"),
            )
            .into());
        }
    }
    if new.languages.is_empty() {
        return Err(CampaignError::Invalid {
            field: "languages",
            message: "serve at least one language".into(),
        });
    }
    if !new.required_courses.is_empty() {
        let known: Vec<String> = elearning::store::catalog(&k.db)
            .await
            .map_err(|e| CampaignError::Kernel(e.into()))?
            .into_iter()
            .map(|(_, c)| c.meta.id)
            .collect();
        if let Some(unknown) = new.required_courses.iter().find(|c| !known.contains(c)) {
            return Err(CampaignError::Invalid {
                field: "required_courses",
                message: format!(
                    "no course {unknown:?} is published (known: {})",
                    known.join(", ")
                ),
            });
        }
    }
    let mut target = crate::fit::target_for_script(k, new).await?;
    // An uploaded list: each code checked (its check symbol catches a mistyped one) and kept
    // in canonical form; every bad line named.
    if target.case_codes.len() > MAX_CASE_CODES {
        return Err(kernel::Error::invalid(
            "target.case_codes",
            "too_many",
            format!(
                "{} case codes: a list targets at most {MAX_CASE_CODES} (import larger ones as a campaign's cases)",
                target.case_codes.len()
            ),
        )
        .into());
    }
    let mut bad = Vec::new();
    for (i, code) in target.case_codes.iter_mut().enumerate() {
        match cases::code::parse(code) {
            Some(canonical) => *code = canonical,
            None => bad.push(kernel::problem::FieldError::new(
                format!("target.case_codes[{i}]"),
                "invalid_code",
                format!("line {}: {code:?} is not a case code", i + 1),
            )),
        }
    }
    if !bad.is_empty() {
        return Err(kernel::Error::Invalid(bad).into());
    }
    Ok(target)
}

/// The audit event of a campaign written (`campaign.created`, `campaign.edited`): its name,
/// its script and whether the script is used on cases it is not written for.
async fn audit_settings(
    tx: &mut kernel::db::Tx,
    k: &Kernel,
    now: chrono::DateTime<chrono::Utc>,
    actor: &str,
    action: &str,
    id: &str,
    new: &NewCampaign,
) -> Result<()> {
    audit::append(
        tx,
        &k.db,
        now,
        &Event {
            actor,
            action,
            subject: &format!("campaign:{id}"),
            request_id: None,
            detail: serde_json::json!({
                "name": new.name.trim(),
                "script_id": new.script_id,
                "script_override": new.script_override,
            }),
        },
    )
    .await?;
    Ok(())
}

pub async fn create(k: &Kernel, new: &NewCampaign, actor: &str) -> Result<Campaign> {
    let target = checked(k, new).await?;
    let id = uuid::Uuid::new_v4().to_string();
    let now = k.now();
    let mut tx = k.db.begin().await?;
    sqlx::query(&format!(
        "INSERT INTO campaigns ({COLUMNS}, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $10, $13, $11, $12, $12)"
    ))
    .bind(&id)
    .bind(new.name.trim())
    .bind(&new.purpose)
    .bind(&new.script_id)
    .bind(new.release_id)
    .bind(wrap_list(&new.languages))
    .bind(wrap_list(&new.teams))
    .bind(wrap_list(&new.required_courses))
    .bind(json_text(&new.policy)?)
    .bind(json_text(&target)?)
    .bind(actor)
    .bind(millis(now))
    .bind(i64::from(new.script_override))
    .execute(&mut *tx)
    .await?;
    audit_settings(&mut tx, k, now, actor, "campaign.created", &id, new).await?;
    tx.commit().await?;
    get(k, &id).await
}

/// Rewrites a draft (only a draft: a launched campaign has orders made from what it said),
/// checked as a new one is, with an audit event naming the changed settings.
pub async fn update_draft(
    k: &Kernel,
    id: &str,
    new: &NewCampaign,
    actor: &str,
) -> Result<Campaign> {
    let before = get(k, id).await?;
    if before.status != CampaignStatus::Draft {
        return Err(CampaignError::Conflict(format!(
            "a {} campaign is no longer edited: clone it into a new draft",
            before.status
        )));
    }
    let target = checked(k, new).await?;
    let now = k.now();
    let mut tx = k.db.begin().await?;
    let changed = sqlx::query(
        "UPDATE campaigns SET name = $2, purpose = $3, script_id = $4, release_id = $5, languages = $6, teams = $7, \
         required_courses = $8, policy = $9, target = $10, script_override = $11, updated_at = $12 \
         WHERE id = $1 AND status = 'draft'",
    )
    .bind(id)
    .bind(new.name.trim())
    .bind(&new.purpose)
    .bind(&new.script_id)
    .bind(new.release_id)
    .bind(wrap_list(&new.languages))
    .bind(wrap_list(&new.teams))
    .bind(wrap_list(&new.required_courses))
    .bind(json_text(&new.policy)?)
    .bind(json_text(&target)?)
    .bind(i64::from(new.script_override))
    .bind(millis(now))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        // Launched between the read and the write.
        return Err(CampaignError::Conflict(
            "the campaign was launched meanwhile: clone it into a new draft".into(),
        ));
    }
    audit_settings(&mut tx, k, now, actor, "campaign.edited", id, new).await?;
    tx.commit().await?;
    get(k, id).await
}

pub async fn get(k: &Kernel, id: &str) -> Result<Campaign> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM campaigns WHERE id = $1"))
        .bind(id)
        .fetch_optional(k.db.pool())
        .await?
        .ok_or_else(|| CampaignError::NotFound(format!("campaign {id}")))?;
    campaign(&row)
}

pub async fn list(k: &Kernel) -> Result<Vec<Campaign>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM campaigns ORDER BY created_at DESC"
    ))
    .fetch_all(k.db.pool())
    .await?;
    rows.iter().map(campaign).collect()
}

/// Moves a campaign to `to` from one of the states it may come from
/// ([`CampaignStatus::sources`]), with an audit event.
pub async fn set_status(k: &Kernel, id: &str, to: CampaignStatus, actor: &str) -> Result<Campaign> {
    let now = k.now();
    let mut tx = k.db.begin().await?;
    let current: Option<String> = sqlx::query_scalar("SELECT status FROM campaigns WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    let current: CampaignStatus = current
        .ok_or_else(|| CampaignError::NotFound(format!("campaign {id}")))?
        .parse()?;
    if !to.sources().contains(&current) {
        return Err(CampaignError::Conflict(format!(
            "a {current} campaign cannot become {to}"
        )));
    }
    sqlx::query("UPDATE campaigns SET status = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(to.as_str())
        .bind(millis(now))
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        &k.db,
        now,
        &Event {
            actor,
            action: "campaign.status",
            subject: &format!("campaign:{id}"),
            request_id: None,
            detail: serde_json::json!({ "from": current, "to": to }),
        },
    )
    .await?;
    tx.commit().await?;
    get(k, id).await
}

pub use crate::generate::generate;

/// Starts (or resumes) a campaign and generates its orders: the number generated.
pub async fn launch(k: &Kernel, id: &str, actor: &str) -> Result<(Campaign, u64)> {
    // The script may have had a new release since the draft: it must still fit.
    crate::fit::check_launch(k, &get(k, id).await?).await?;
    let c = set_status(k, id, CampaignStatus::Running, actor).await?;
    let generated = generate(k, &c).await?;
    Ok((c, generated))
}

/// Cancels a campaign (from any state but completed or cancelled) and its orders not done
/// yet, in one transaction.
pub async fn cancel(k: &Kernel, id: &str, actor: &str) -> Result<Campaign> {
    let c = set_status(k, id, CampaignStatus::Cancelled, actor).await?;
    let now = millis(k.now());
    let mut tx = k.db.begin().await?;
    // Order states as literals, matching the partial indexes' predicates (see outcomes.rs).
    sqlx::query("UPDATE order_claims SET ended_at = $2, end_reason = 'cancelled' WHERE ended_at IS NULL AND order_id IN (SELECT id FROM call_orders WHERE campaign_id = $1 AND state = 'leased')")
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE call_orders SET state = 'cancelled', agent_id = NULL, lease_until = NULL, updated_at = $2 WHERE campaign_id = $1 AND state IN ('open', 'leased')")
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(c)
}

/// The cases campaign `id` calls, each once, in a fixed order (a bulk issue walks them).
pub async fn case_ids(k: &Kernel, id: &str) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT case_id FROM call_orders WHERE campaign_id = $1 ORDER BY case_id",
    )
    .bind(id)
    .fetch_all(k.db.pool())
    .await?)
}

/// Orders per state of a campaign.
pub async fn counts(k: &Kernel, id: &str) -> Result<Vec<(String, i64)>> {
    let rows = sqlx::query("SELECT state, COUNT(*) AS n FROM call_orders WHERE campaign_id = $1 GROUP BY state ORDER BY state").bind(id).fetch_all(k.db.pool()).await?;
    rows.iter()
        .map(|r| Ok((r.try_get("state")?, r.try_get("n")?)))
        .collect()
}
