//! Finding a request by who asked: a caller on the phone gives their e-mail address or
//! name. What a request says about its requester is sealed, so the database holds only
//! blind-index tokens (keyed hashes, like the cases') of the address and of each word of the
//! name; a search looks the tokens up, opens the candidates and keeps those that really
//! match, within the searcher's team. Audited without what was searched for.

use kernel::auth::Principal;
use kernel::Kernel;
use serde::Deserialize;
use sqlx::Row;

use crate::error::{RequestsError, Result};
use crate::queue::QueueRow;
use crate::store::{open, Requester};

const EMAIL: &str = "request_email";
const NAME: &str = "request_name";

/// The words of a name as tokens are made of them (lower case, accents folded).
fn name_words(name: &str) -> Vec<String> {
    crate::kb::words(name)
}

/// The tokens of requester `r`.
pub fn tokens_of(k: &Kernel, r: &Requester) -> Vec<i64> {
    let mut out: Vec<i64> = Vec::new();
    if let Some(e) = &r.email {
        out.push(k.blind.token(EMAIL, &e.trim().to_lowercase()));
    }
    for w in r.name.as_deref().map(name_words).unwrap_or_default() {
        out.push(k.blind.token(NAME, &w));
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// An e-mail address, or words of a name (at least three letters each).
    pub q: String,
}

/// The requests of `who`'s team (every team's for a national supervisor) whose requester
/// matches `q`, newest first, at most 50.
pub async fn search(k: &Kernel, who: &Principal, q: &str) -> Result<Vec<QueueRow>> {
    let q = q.trim();
    let email = q.contains('@');
    let wanted: Vec<i64> = if email {
        vec![k.blind.token(EMAIL, &q.to_lowercase())]
    } else {
        let mut t: Vec<i64> = name_words(q)
            .iter()
            .map(|w| k.blind.token(NAME, w))
            .collect();
        t.dedup();
        t
    };
    if wanted.is_empty() || q.chars().count() > 200 {
        return Err(kernel::Error::invalid(
            "q",
            "too_short",
            "an e-mail address, or a name of at least three letters",
        )
        .into());
    }
    let sql = format!(
        "SELECT r.id, r.ref, r.requester, r.data_key, r.created_at FROM requests r \
         WHERE ($1 IS NULL OR r.team = $1) AND r.id IN (SELECT request_id FROM request_tokens WHERE token IN ({}) \
           GROUP BY request_id HAVING COUNT(DISTINCT token) = {}) \
         ORDER BY r.created_at DESC LIMIT 200",
        kernel::db::placeholders(2, wanted.len()),
        wanted.len()
    );
    let mut query = sqlx::query(&sql).bind(who.team.as_deref());
    for t in &wanted {
        query = query.bind(*t);
    }
    let rows = query.fetch_all(k.db.pool()).await?;
    kernel::audit::record(
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &who.actor(),
            action: "requests.searched",
            subject: &format!("team:{}", who.team.as_deref().unwrap_or("*")),
            request_id: None,
            detail: serde_json::json!({ "kind": if email { "email" } else { "name" }, "candidates": rows.len() }),
        },
    )
    .await?;
    // A token is a hash cut short: keep only the candidates whose requester really matches.
    let words = name_words(q);
    let mut refs = Vec::new();
    for r in &rows {
        let id: String = r.try_get("id")?;
        let Some(wrapped) = r.try_get::<Option<Vec<u8>>, _>("data_key")? else {
            continue;
        };
        let key = crate::store::key_from(k, &id, Some(wrapped))?;
        let requester: Requester = serde_json::from_str(&open(
            k,
            &key,
            "requests",
            "requester",
            &id,
            &r.try_get::<Vec<u8>, _>("requester")?,
        )?)
        .map_err(|e| RequestsError::Internal(e.to_string()))?;
        let matches = if email {
            requester
                .email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(q))
        } else {
            let theirs = requester
                .name
                .as_deref()
                .map(name_words)
                .unwrap_or_default();
            words.iter().all(|w| theirs.contains(w))
        };
        if matches {
            refs.push(r.try_get::<String, _>("ref")?);
        }
        if refs.len() == 50 {
            break;
        }
    }
    crate::queue::rows_of(k, &refs).await
}
