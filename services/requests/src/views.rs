//! Saved views: a staff member's named queue filters ("cold chain, Antwerp, unassigned"),
//! kept for them alone, so the queue they work from opens in one click.

use kernel::auth::Principal;
use kernel::db::millis;
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::error::{RequestsError, Result};
use crate::queue::QueueQuery;

/// At most this many views a person.
pub const MAX_VIEWS: i64 = 50;

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ViewIn {
    pub name: String,
    #[schema(value_type = Object)]
    pub query: QueueQuery,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct View {
    pub id: String,
    pub name: String,
    #[schema(value_type = Object)]
    pub query: QueueQuery,
}

/// `who`'s views, by name.
pub async fn list(k: &Kernel, who: &Principal) -> Result<Vec<View>> {
    let rows = sqlx::query(
        "SELECT id, name, query FROM request_views WHERE user_id = $1 ORDER BY name, id",
    )
    .bind(who.id)
    .fetch_all(k.db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(View {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                query: serde_json::from_str(&r.try_get::<String, _>("query")?)
                    .map_err(|e| RequestsError::Internal(format!("saved view: {e}")))?,
            })
        })
        .collect()
}

/// Saves a view for `who`; its id. The filter is checked as the queue would check it.
pub async fn save(k: &Kernel, who: &Principal, v: &ViewIn) -> Result<String> {
    let name = v.name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(
            kernel::Error::invalid("name", "length", "a name of 1 to 80 characters").into(),
        );
    }
    crate::queue::provinces(v.query.region.as_deref())?;
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM request_views WHERE user_id = $1")
        .bind(who.id)
        .fetch_one(k.db.pool())
        .await?;
    if count >= MAX_VIEWS {
        return Err(kernel::Error::Conflict(format!("at most {MAX_VIEWS} saved views")).into());
    }
    let id = crate::store::new_id();
    sqlx::query("INSERT INTO request_views (id, user_id, name, query, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&id)
        .bind(who.id)
        .bind(name)
        .bind(serde_json::to_string(&v.query).map_err(|e| RequestsError::Internal(e.to_string()))?)
        .bind(millis(k.now()))
        .execute(k.db.pool())
        .await?;
    Ok(id)
}

/// Deletes one of `who`'s views; false when it is not theirs.
pub async fn delete(k: &Kernel, who: &Principal, id: &str) -> Result<bool> {
    Ok(
        sqlx::query("DELETE FROM request_views WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(who.id)
            .execute(k.db.pool())
            .await?
            .rows_affected()
            > 0,
    )
}
