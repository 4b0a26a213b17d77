//! Name candidates from the token table, for the built-in search backend.
//!
//! A name query is a few words (and perhaps a birth year). Each word has its group of tokens
//! (exact, prefix, phonetic): a person matches the query when they hold a token of every
//! word's group. Some words are crowds (one person in forty is a Marie), and intersecting
//! crowds reads every Marie. So the groups are first counted, each up to a bound, in one
//! statement. When a word is not a crowd, the lookup starts from the rarest word and keeps
//! those who also hold a token of every other word (one index probe each). When every word
//! is a crowd, it starts from the shortcuts instead: tokens that hold two parts at once (a
//! first name with the start of a surname, in either order; a surname with the birth year),
//! which few people share; the birth year first. Either way the cost follows the answer's
//! size, not the crowd's. A shortcut is never trusted alone: a truncated token can be
//! another value's, so the word filters still apply (a lone false holder once drove a
//! lookup to nobody).

use kernel::Kernel;
use sqlx::Row;

use crate::error::Result;
use crate::tokens::{shortcuts, word_tokens, Group};

/// How many holders of a group are counted to compare groups: past it, a word is a crowd.
const COUNT_BOUND: i64 = 250;

/// At most `keep` people (ids) holding, for every word, one of its tokens, with the rank of
/// what the lookup started from (higher first). `born` is a birth year or a full date
/// (`YYYY-MM-DD`) typed with the names: a full date is one more word to hold, the
/// birth-date token, so that only those born that day are read and decrypted (a surname
/// with a birth year is still a crowd of a thousand at ten million people).
pub async fn candidates(
    k: &Kernel,
    words: &[String],
    born: Option<&str>,
    keep: usize,
) -> Result<Vec<(String, u32)>> {
    let birth_year = born
        .and_then(|b| b.get(..4))
        .and_then(|y| y.parse::<i32>().ok());
    let mut own: Vec<Group> = words.iter().map(|w| word_tokens(&k.blind, w)).collect();
    let dated = born.filter(|b| b.len() == 10);
    if let Some(date) = dated {
        own.push(Group {
            tokens: vec![(k.blind.token("dob", date), crate::tokens::NameMatch::Exact)],
        });
    }
    let shortcut = shortcuts(&k.blind, words, birth_year);
    let mut groups: Vec<Vec<i64>> = own.iter().map(Group::all).collect();
    if !shortcut.is_empty() {
        groups.push(shortcut.iter().map(|(t, _)| *t).collect());
    }
    let counts = count(k, &groups).await?;
    let (own_counts, shortcut_count) = counts.split_at(own.len());
    // A word nobody holds: nobody matches.
    if own_counts.contains(&0) {
        return Ok(Vec::new());
    }
    // Those born on one day are a few hundred even among ten million (births per day): the
    // lookup starts from them whatever the names, where the shortcuts' tiers would each read
    // their whole crowd to find the one person born that day.
    let (at, rarest) = match dated {
        Some(_) => (own.len() - 1, 0),
        None => match own_counts.iter().enumerate().min_by_key(|(_, n)| **n) {
            Some((i, n)) => (i, *n),
            None => return Ok(Vec::new()),
        },
    };
    let crowd = rarest >= COUNT_BOUND && shortcut_count.first().is_some_and(|n| *n > 0);
    let (driver, others): (Vec<(i64, u32)>, Vec<&Group>) = if crowd {
        (shortcut, own.iter().collect())
    } else {
        let driver = own
            .get(at)
            .map(|g| g.tokens.iter().map(|(t, m)| (*t, *m as u32)).collect())
            .unwrap_or_default();
        // The driving word's own filter would only repeat the driver.
        let others = own
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != at)
            .map(|(_, g)| g)
            .collect();
        (driver, others)
    };
    lookup(k, &driver, &others, keep).await
}

/// How many people hold a token of each group, each counted up to [`COUNT_BOUND`], in one
/// statement.
async fn count(k: &Kernel, groups: &[Vec<i64>]) -> Result<Vec<i64>> {
    let mut binds: Vec<i64> = Vec::new();
    let parts: Vec<String> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let list = placeholders(&mut binds, g);
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

/// The holders of `driver`'s tokens, best rank first, who also hold a token of every
/// other word's group, at most `keep`.
async fn lookup(
    k: &Kernel,
    driver: &[(i64, u32)],
    others: &[&Group],
    keep: usize,
) -> Result<Vec<(String, u32)>> {
    let mut binds: Vec<i64> = Vec::new();
    // Each filter is a probe of one person's tokens. PostgreSQL would rather turn it into
    // a join that hashes every holder of the word (a quarter of a million Maries at ten
    // million people); `OFFSET 0` keeps it a probe per candidate.
    let fence = match k.db.backend() {
        kernel::db::Backend::Postgres => " OFFSET 0",
        kernel::db::Backend::Sqlite => "",
    };
    let filters: String = others
        .iter()
        .map(|g| {
            let list = placeholders(&mut binds, &g.all());
            format!(
                " AND EXISTS (SELECT 1 FROM token_index o WHERE o.person_key = d.person_key AND o.token IN ({list}){fence})"
            )
        })
        .collect();
    let mut ranks: Vec<u32> = driver.iter().map(|(_, r)| *r).collect();
    ranks.sort_unstable_by(|a, b| b.cmp(a));
    ranks.dedup();
    let mut tiers: Vec<String> = Vec::new();
    for rank in ranks {
        let tokens: Vec<i64> = driver
            .iter()
            .filter(|(_, r)| *r == rank)
            .map(|(t, _)| *t)
            .collect();
        let list = placeholders(&mut binds, &tokens);
        tiers.push(format!(
            "SELECT * FROM (SELECT d.person_key, CAST({rank} AS BIGINT) AS tier FROM token_index d \
             WHERE d.token IN ({list}){filters} LIMIT {keep}) t{}",
            tiers.len()
        ));
    }
    if tiers.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT p.id, c.tier FROM (SELECT person_key, MAX(tier) AS tier FROM ({}) u GROUP BY person_key) c \
         JOIN people p ON p.seq = c.person_key ORDER BY c.tier DESC, c.person_key LIMIT {keep}",
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
