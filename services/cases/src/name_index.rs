//! Name candidates from the token table, for the built-in search backend.
//!
//! A name query is a few words, each looking for its exact, prefix and phonetic tokens. One
//! word is usually common (a first name: one person in forty is a Marie) and another rarer
//! (the surname's first letters). Scoring every holder of every word hashes the common
//! word's whole crowd with per-word aggregates; so one statement first intersects the
//! holders of each word (a plain set operation on the covering `(token, person_id)` index),
//! then scores only the people in the intersection. Measured on 500,000 people (B6): 7 ms
//! against 15 ms for a 21,000-holder first name and a 4,500-holder surname prefix. The
//! intersection, the scoring and the cut to 200 all happen in the database.

use kernel::Kernel;
use sqlx::Row;

use crate::error::Result;
use crate::tokens::word_tokens;

/// At most 200 people holding, for every word, one of its tokens, best scored first (each
/// word scores its best match kind: exact, prefix, phonetic).
pub async fn candidates(k: &Kernel, words: &[String]) -> Result<Vec<(String, u32)>> {
    let per_word: Vec<Vec<(i64, u32)>> = words
        .iter()
        .map(|w| {
            word_tokens(&k.blind, w)
                .into_iter()
                .map(|(t, m)| (t, m as u32))
                .collect()
        })
        .collect();
    let mut binds: Vec<i64> = Vec::new();
    let mut place = |t: i64| {
        binds.push(t);
        format!("${}", binds.len())
    };
    // Who holds a token of every word.
    let holders: Vec<String> = per_word
        .iter()
        .map(|tokens| {
            let list: Vec<String> = tokens.iter().map(|(t, _)| place(*t)).collect();
            format!(
                "SELECT person_id FROM search_tokens WHERE token IN ({})",
                list.join(", ")
            )
        })
        .collect();
    // Their best match per word.
    let columns: Vec<String> = per_word
        .iter()
        .enumerate()
        .map(|(i, tokens)| {
            let whens: Vec<String> = tokens
                .iter()
                .map(|(t, m)| format!("WHEN {} THEN {m}", place(*t)))
                .collect();
            format!("MAX(CASE token {} ELSE 0 END) AS w{i}", whens.join(" "))
        })
        .collect();
    let all: Vec<String> = per_word.iter().flatten().map(|(t, _)| place(*t)).collect();
    let total: Vec<String> = (0..per_word.len()).map(|i| format!("w{i}")).collect();
    let sql = format!(
        "WITH everyone AS ({}) \
         SELECT person_id, CAST({} AS BIGINT) AS score FROM (SELECT person_id, {} FROM search_tokens \
           WHERE token IN ({}) AND person_id IN (SELECT person_id FROM everyone) GROUP BY person_id) matched \
         ORDER BY score DESC, person_id LIMIT 200",
        holders.join(" INTERSECT "),
        total.join(" + "),
        columns.join(", "),
        all.join(", "),
    );
    let mut q = sqlx::query(&sql);
    for t in &binds {
        q = q.bind(*t);
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
