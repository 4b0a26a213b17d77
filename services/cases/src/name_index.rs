//! Name candidates from the token table, for the built-in search backend.
//!
//! A name query is a few words (and perhaps a birth year). Each word has its group of tokens
//! (exact, prefix, phonetic): a person matches the query when they hold a token of every
//! word's group. Some words are crowds (one person in forty is a Marie), so intersecting the
//! groups' holders would read every Marie. Instead the lookup starts from the group that
//! fewest people hold, counted with a bound: a word's own group, or a shortcut that holds
//! two words at once (a first name with the start of a surname, a surname with a birth
//! year). It reads that group's holders in order of match kind and keeps those who also hold
//! a token of every other word (one index probe each), until 200. The rarest combination
//! drives the lookup, so its cost follows the answer's size, not the crowd's.

use kernel::Kernel;
use sqlx::Row;

use crate::error::Result;
use crate::tokens::{shortcut_groups, word_tokens, Group, NameMatch};

/// How many holders of a group are counted to compare groups: past it, a group is a crowd.
const COUNT_BOUND: i64 = 1000;
/// Candidates kept.
const KEEP: usize = 200;

/// At most 200 people (ids) holding, for every word, one of its tokens, with the match kind
/// of the group the lookup started from (higher first).
pub async fn candidates(
    k: &Kernel,
    words: &[String],
    birth_year: Option<i32>,
) -> Result<Vec<(String, u32)>> {
    let own: Vec<Group> = words.iter().map(|w| word_tokens(&k.blind, w)).collect();
    let mut groups = own.clone();
    groups.extend(shortcut_groups(&k.blind, words, birth_year));
    let counts = count(k, &groups).await?;
    // A word nobody holds: nobody matches.
    if counts
        .iter()
        .zip(&groups)
        .any(|(n, g)| g.complete && *n == 0)
    {
        return Ok(Vec::new());
    }
    // The smallest group drives (a word's own group on a tie: it misses no spelling).
    let Some((at, (driver, _))) = groups
        .iter()
        .zip(&counts)
        .enumerate()
        .filter(|(_, (_, n))| **n > 0)
        .min_by_key(|(_, (g, n))| (**n, !g.complete))
    else {
        return Ok(Vec::new());
    };
    // The driving word's own filter would only repeat the driver.
    let others: Vec<&Group> = own
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != at)
        .map(|(_, g)| g)
        .collect();
    lookup(k, driver, &others).await
}

/// How many people hold a token of each group, each counted up to [`COUNT_BOUND`], in one
/// statement.
async fn count(k: &Kernel, groups: &[Group]) -> Result<Vec<i64>> {
    let mut binds: Vec<i64> = Vec::new();
    let parts: Vec<String> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let list = placeholders(&mut binds, &g.all());
            format!(
                "SELECT CAST({i} AS BIGINT) AS g, CAST(COUNT(*) AS BIGINT) AS n FROM (SELECT 1 AS x FROM token_index WHERE token IN ({list}) LIMIT {COUNT_BOUND}) c{i}"
            )
        })
        .collect();
    let sql = parts.join(" UNION ALL ");
    let mut q = sqlx::query(&sql);
    for t in &binds {
        q = q.bind(*t);
    }
    let mut out = vec![0; groups.len()];
    for r in q.fetch_all(k.db.pool()).await? {
        let g: i64 = r.try_get("g")?;
        if let Some(slot) = out.get_mut(g as usize) {
            *slot = r.try_get("n")?;
        }
    }
    Ok(out)
}

fn placeholders(binds: &mut Vec<i64>, tokens: &[i64]) -> String {
    tokens
        .iter()
        .map(|t| {
            binds.push(*t);
            format!("${}", binds.len())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The holders of `driver`'s tokens, best match kind first, who also hold a token of every
/// word's group, at most [`KEEP`].
async fn lookup(k: &Kernel, driver: &Group, own: &[&Group]) -> Result<Vec<(String, u32)>> {
    let mut binds: Vec<i64> = Vec::new();
    let filters: Vec<String> = own
        .iter()
        .map(|g| {
            let list = placeholders(&mut binds, &g.all());
            format!(
                "EXISTS (SELECT 1 FROM token_index o WHERE o.person_key = d.person_key AND o.token IN ({list}))"
            )
        })
        .collect();
    let filters: String = filters.iter().map(|f| format!(" AND {f}")).collect();
    let mut tiers: Vec<String> = Vec::new();
    for kind in [NameMatch::Exact, NameMatch::Prefix, NameMatch::Phonetic] {
        let tokens: Vec<i64> = driver
            .tokens
            .iter()
            .filter(|(_, m)| *m == kind)
            .map(|(t, _)| *t)
            .collect();
        if tokens.is_empty() {
            continue;
        }
        let list = placeholders(&mut binds, &tokens);
        tiers.push(format!(
            "SELECT * FROM (SELECT d.person_key, CAST({} AS BIGINT) AS tier FROM token_index d \
             WHERE d.token IN ({list}){filters} LIMIT {KEEP}) t{}",
            kind as u32,
            tiers.len()
        ));
    }
    let sql = format!(
        "SELECT p.id, c.tier FROM (SELECT person_key, MAX(tier) AS tier FROM ({}) u GROUP BY person_key) c \
         JOIN people p ON p.seq = c.person_key ORDER BY c.tier DESC, c.person_key LIMIT {KEEP}",
        tiers.join(" UNION ALL ")
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
                r.try_get::<String, _>("id")?,
                r.try_get::<i64, _>("tier")? as u32,
            ))
        })
        .collect()
}
