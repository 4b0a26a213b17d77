//! The Meilisearch search backend, for when the token table is no longer enough. Meilisearch
//! receives blind-index tokens and non-sensitive attributes only (status, case types, region);
//! names, numbers and phones never leave the database. It is fed from `search_outbox` by
//! [`drain_outbox`], so a crash never loses an index update. Search asks it for the people
//! whose tokens match, then the same decrypt-and-verify step as the token table runs.

use std::time::Duration;

use kernel::Kernel;
use meilisearch_sdk::client::Client;
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::config::CasesConfig;
use crate::error::{CasesError, Result};

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Doc {
    id: String,
    tokens: Vec<i64>,
    statuses: Vec<String>,
    case_types: Vec<String>,
    region: Option<String>,
}

#[derive(Clone)]
pub struct Meili {
    client: Client,
    index: String,
}

impl std::fmt::Debug for Meili {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Meili({})", self.index)
    }
}

fn err(e: impl std::fmt::Display) -> CasesError {
    CasesError::Internal(format!("meilisearch: {e}"))
}

impl Meili {
    pub fn new(cfg: &CasesConfig) -> Result<Self> {
        let url = cfg
            .meilisearch_url
            .clone()
            .ok_or_else(|| CasesError::Internal("cases.meilisearch_url is not set".into()))?;
        let key = cfg
            .meilisearch_key
            .as_ref()
            .map(|k| k.expose_secret().to_string());
        Ok(Self {
            client: Client::new(url, key).map_err(err)?,
            index: cfg.meilisearch_index.clone(),
        })
    }

    /// Makes the token and attribute fields filterable (idempotent).
    pub async fn prepare(&self) -> Result<()> {
        let task = self
            .client
            .index(&self.index)
            .set_filterable_attributes(["tokens", "statuses", "case_types", "region"])
            .await
            .map_err(err)?;
        task.wait_for_completion(&self.client, None, Some(Duration::from_secs(60)))
            .await
            .map_err(err)?;
        Ok(())
    }

    /// People whose tokens match at least one token of every group.
    pub async fn candidates(&self, groups: &[Vec<i64>], limit: usize) -> Result<Vec<String>> {
        let filter = groups
            .iter()
            .map(|g| {
                format!(
                    "({})",
                    g.iter()
                        .map(|t| format!("tokens = {t}"))
                        .collect::<Vec<_>>()
                        .join(" OR ")
                )
            })
            .collect::<Vec<_>>()
            .join(" AND ");
        let index = self.client.index(&self.index);
        let results = index
            .search()
            .with_filter(&filter)
            .with_limit(limit)
            .execute::<Doc>()
            .await
            .map_err(err)?;
        Ok(results.hits.into_iter().map(|h| h.result.id).collect())
    }
}

/// Sends pending changes to Meilisearch; returns how many were sent. Rows leave the outbox
/// only after Meilisearch confirmed the update.
pub async fn drain_outbox(k: &Kernel, meili: &Meili) -> Result<usize> {
    let rows = sqlx::query("SELECT id, person_id FROM search_outbox ORDER BY id LIMIT 500")
        .fetch_all(k.db.pool())
        .await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let mut ids = Vec::new();
    let mut docs = Vec::new();
    let mut gone = Vec::new();
    for r in &rows {
        ids.push(r.try_get::<i64, _>("id")?);
        let person: String = r.try_get("person_id")?;
        // A person changed twice in one batch (a new case, then its status) is sent once.
        if docs.iter().any(|d: &Doc| d.id == person) || gone.contains(&person) {
            continue;
        }
        let tokens = crate::token_rows::of_person(k, &person).await?;
        if tokens.is_empty() {
            gone.push(person);
            continue;
        }
        let cases = sqlx::query("SELECT status, case_type, region FROM cases WHERE person_id = $1")
            .bind(&person)
            .fetch_all(k.db.pool())
            .await?;
        let mut doc = Doc {
            id: person,
            tokens,
            statuses: Vec::new(),
            case_types: Vec::new(),
            region: None,
        };
        for c in cases {
            doc.statuses.push(c.try_get("status")?);
            doc.case_types.push(c.try_get("case_type")?);
            doc.region = c.try_get("region")?;
        }
        docs.push(doc);
    }
    let index = meili.client.index(&meili.index);
    if !docs.is_empty() {
        let task = index.add_or_replace(&docs, Some("id")).await.map_err(err)?;
        let done = task
            .wait_for_completion(&meili.client, None, Some(Duration::from_secs(60)))
            .await
            .map_err(err)?;
        if done.is_failure() {
            return Err(err("indexing task failed"));
        }
    }
    if !gone.is_empty() {
        let task = index.delete_documents(&gone).await.map_err(err)?;
        task.wait_for_completion(&meili.client, None, Some(Duration::from_secs(60)))
            .await
            .map_err(err)?;
    }
    let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "DELETE FROM search_outbox WHERE id IN ({})",
        placeholders.join(", ")
    );
    let mut q = sqlx::query(&sql);
    for id in &ids {
        q = q.bind(*id);
    }
    q.execute(k.db.writer()).await?;
    Ok(ids.len())
}
