//! Name candidates from the token table, for the built-in search backend.
//!
//! A name query is a few words, each looking for its exact, prefix and phonetic tokens. One
//! word is usually common (a first name: one person in forty is a Marie) and another rare (the
//! surname's first letters). Aggregating every holder of every word costs as much as the
//! common word's crowd, so the rarest word drives: a bounded count per word picks it, its
//! holders (a few hundred) become the candidates, and only their tokens are scored, through
//! the `(person_id, token)` index. When every word is common the whole aggregate runs instead;
//! either way the intersection, the scoring and the cut to 200 happen in the database.

use kernel::Kernel;
use sqlx::Row;

use crate::error::Result;
use crate::tokens::word_tokens;

/// A word with fewer holders than this drives the search; above it, the full aggregate.
const DRIVER_MAX: i64 = 2_000;

/// At most 200 people holding, for every word, one of its tokens, best scored first (each
/// word scores its best match kind: exact, prefix, phonetic).
pub async fn candidates(k: &Kernel, words: &[String]) -> Result<Vec<(String, u32)>> {
    candidates_driven_below(k, words, DRIVER_MAX).await
}

/// [`candidates`] with the driving threshold given: 0 always runs the full aggregate (the
/// tests compare both ways on the same data).
pub async fn candidates_driven_below(
    k: &Kernel,
    words: &[String],
    driver_max: i64,
) -> Result<Vec<(String, u32)>> {
    let per_word: Vec<Vec<(i64, u32)>> = words
        .iter()
        .map(|w| {
            word_tokens(&k.blind, w)
                .into_iter()
                .map(|(t, m)| (t, m as u32))
                .collect()
        })
        .collect();
    let driver = match rarest(k, &per_word).await? {
        None => return Ok(Vec::new()),
        Some((_, n)) if n >= driver_max => None,
        Some((i, _)) => Some(holders(k, &per_word[i]).await?),
    };
    score(k, &per_word, driver.as_deref()).await
}

/// The word with the fewest holders (counted up to [`DRIVER_MAX`]) and its count; `None`
/// when some word has no holder at all, so nobody can match.
async fn rarest(k: &Kernel, per_word: &[Vec<(i64, u32)>]) -> Result<Option<(usize, i64)>> {
    let mut parts = Vec::new();
    let mut n = 0;
    for (i, tokens) in per_word.iter().enumerate() {
        let list: Vec<String> = tokens
            .iter()
            .map(|_| {
                n += 1;
                format!("${n}")
            })
            .collect();
        parts.push(format!(
            "SELECT CAST({i} AS BIGINT) AS word, COUNT(*) AS n FROM (SELECT 1 AS one FROM search_tokens \
             WHERE token IN ({}) LIMIT {DRIVER_MAX}) c{i}",
            list.join(", ")
        ));
    }
    let sql = parts.join(" UNION ALL ");
    let mut q = sqlx::query(&sql);
    for (t, _) in per_word.iter().flatten() {
        q = q.bind(*t);
    }
    let mut best: Option<(usize, i64)> = None;
    for r in q.fetch_all(k.db.pool()).await? {
        let word = r.try_get::<i64, _>("word")? as usize;
        let count: i64 = r.try_get("n")?;
        if count == 0 {
            return Ok(None);
        }
        if best.is_none_or(|(_, c)| count < c) {
            best = Some((word, count));
        }
    }
    Ok(best)
}

/// The people holding one of `tokens` (fewer than [`DRIVER_MAX`] rows by construction).
async fn holders(k: &Kernel, tokens: &[(i64, u32)]) -> Result<Vec<String>> {
    let list: Vec<String> = (1..=tokens.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT DISTINCT person_id FROM search_tokens WHERE token IN ({})",
        list.join(", ")
    );
    let mut q = sqlx::query(&sql);
    for (t, _) in tokens {
        q = q.bind(*t);
    }
    q.fetch_all(k.db.pool())
        .await?
        .iter()
        .map(|r| Ok(r.try_get::<String, _>("person_id")?))
        .collect()
}

/// Scores people per word and keeps those matching every word; restricted to `among` when a
/// rare word gave the candidates.
async fn score(
    k: &Kernel,
    per_word: &[Vec<(i64, u32)>],
    among: Option<&[String]>,
) -> Result<Vec<(String, u32)>> {
    let mut n = 0;
    let mut columns = Vec::new();
    for (i, tokens) in per_word.iter().enumerate() {
        let whens: Vec<String> = tokens
            .iter()
            .map(|(_, m)| {
                n += 1;
                format!("WHEN ${n} THEN {m}")
            })
            .collect();
        columns.push(format!(
            "MAX(CASE token {} ELSE 0 END) AS w{i}",
            whens.join(" ")
        ));
    }
    let all: Vec<String> = (1..=n).map(|i| format!("${i}")).collect();
    let restrict = match among {
        Some(ids) => {
            let list: Vec<String> = (n + 1..=n + ids.len()).map(|i| format!("${i}")).collect();
            format!(" AND person_id IN ({})", list.join(", "))
        }
        None => String::new(),
    };
    let every: Vec<String> = (0..per_word.len()).map(|i| format!("w{i} > 0")).collect();
    let total: Vec<String> = (0..per_word.len()).map(|i| format!("w{i}")).collect();
    let sql = format!(
        "SELECT person_id, CAST({} AS BIGINT) AS score FROM (SELECT person_id, {} FROM search_tokens \
           WHERE token IN ({}){restrict} GROUP BY person_id) matched \
         WHERE {} ORDER BY score DESC, person_id LIMIT 200",
        total.join(" + "),
        columns.join(", "),
        all.join(", "),
        every.join(" AND ")
    );
    let mut q = sqlx::query(&sql);
    for (t, _) in per_word.iter().flatten() {
        q = q.bind(*t);
    }
    for id in among.unwrap_or_default() {
        q = q.bind(id);
    }
    q.fetch_all(k.db.pool())
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get::<String, _>("person_id")?,
                r.try_get::<i64, _>("score")? as u32,
            ))
        })
        .collect()
}
