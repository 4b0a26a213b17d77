//! Finding cases without plaintext: the query is classified (case code, national number,
//! phone, birth date, or names), turned into blind-index tokens, matched in the token table,
//! and the candidates are decrypted to drop those that only share a truncated token. Results
//! are masked; opening a case is a separate, audited step.
//!
//! Ranking: exact identifiers first, then names matched in full, then prefixes, then
//! phonetic matches.

use kernel::Kernel;
use scripting::ident::{NationalNumber, PhoneE164};
use scripting::values::parse_date;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::Result;
use crate::found::Found;
use crate::meili::Meili;
use crate::names::normalize;
use crate::store::PersonData;
use crate::tokens::{verify_word, word_tokens, NameMatch};

/// One case found, with masked personal data.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct Hit {
    pub case_code: String,
    pub case_type: crate::person::CaseType,
    pub status: crate::person::CaseStatus,
    /// First letter of the first name.
    pub first_initial: String,
    /// First letter of the surname, the rest hidden.
    pub last_name_masked: String,
    pub birth_year: Option<String>,
    /// Last two digits of the phone.
    pub phone_end: Option<String>,
    /// What matched: case_code, national_number, phone, birth_date, name, prefix, phonetic.
    pub matched: String,
    #[serde(skip)]
    rank: (u8, u32),
    /// Kept from the person for the access checks (jurisdiction, name with birth date);
    /// never serialised.
    #[serde(skip)]
    pub(crate) postal_code: Option<String>,
    #[serde(skip)]
    pub(crate) birth_date: Option<String>,
}

enum Query {
    Code(String),
    Identifier {
        kind: &'static str,
        value: String,
        label: &'static str,
    },
    /// Words of names, and a birth date or year typed with them (the start of a stored date).
    Names(Vec<String>, Option<String>),
}

fn classify(q: &str) -> Vec<Query> {
    let q = q.trim();
    let mut out = Vec::new();
    if let Some(code) = crate::code::parse(q) {
        out.push(Query::Code(code));
    }
    let digits = q.chars().filter(char::is_ascii_digit).count();
    let mostly_digits = digits >= 6
        && q.chars()
            .all(|c| c.is_ascii_digit() || " +./-()".contains(c));
    if mostly_digits {
        if let Ok(nn) = NationalNumber::parse(q) {
            out.push(Query::Identifier {
                kind: "nn",
                value: nn.to_string(),
                label: "national_number",
            });
        }
        if let Ok(p) = PhoneE164::parse(q) {
            out.push(Query::Identifier {
                kind: "phone",
                value: p.to_string(),
                label: "phone",
            });
        }
    }
    if let Some(d) = parse_date(q) {
        out.push(Query::Identifier {
            kind: "dob",
            value: d,
            label: "birth_date",
        });
    }
    // Seven letters can be both a name and a well-formed case code ("Ana Henm" is one): such
    // a query is searched both ways, and a case holding the code ranks first. A code with a
    // digit in it is only a code.
    let letters_only = born(q).is_some() || !q.chars().any(|c| c.is_ascii_digit());
    if out.is_empty() || (letters_only && out.iter().all(|q| matches!(q, Query::Code(_)))) {
        let mut words: Vec<String> = normalize(q)
            .split(' ')
            .filter(|w| w.len() >= 2)
            .map(str::to_string)
            .collect();
        if words.iter().any(|w| !crate::names::is_particle(w)) {
            words.retain(|w| !crate::names::is_particle(w));
        }
        if !words.is_empty() {
            out.push(Query::Names(words.into_iter().take(4).collect(), born(q)));
        }
    }
    out
}

/// A birth date or year typed among names ("Peeters 30/07/1985", "Peeters 1985"), as the
/// start of a stored birth date (`1985-07-30`, `1985`): a date, else a word of four digits
/// from 1900 on.
fn born(q: &str) -> Option<String> {
    q.split_whitespace().find_map(parse_date).or_else(|| {
        q.split_whitespace()
            .filter(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
            .find(|w| w.parse::<i32>().is_ok_and(|y| (1900..=2200).contains(&y)))
            .map(str::to_string)
    })
}

fn mask(p: &PersonData) -> (String, String, Option<String>, Option<String>) {
    let initial = |s: &Option<String>| {
        s.as_deref()
            .and_then(|n| n.chars().next())
            .map(|c| c.to_uppercase().to_string())
            .unwrap_or_default()
    };
    let last = p.last_name.as_deref().unwrap_or("");
    let masked = format!(
        "{}{}",
        initial(&p.last_name),
        "•".repeat(last.chars().count().saturating_sub(1).min(8))
    );
    let year = p
        .birth_date
        .as_deref()
        .and_then(|d| d.get(..4))
        .map(str::to_string);
    let phone_end = p.phone.as_deref().map(|ph| {
        ph.chars()
            .rev()
            .take(2)
            .collect::<String>()
            .chars()
            .rev()
            .collect()
    });
    (initial(&p.first_name), masked, year, phone_end)
}

impl Hit {
    /// The masked view of `case` held by `person`, for a case shown before it is opened
    /// (an offered call order).
    pub fn masked(case: &crate::store::CaseRow, person: &PersonData, matched: &str) -> Self {
        let (first_initial, last_name_masked, birth_year, phone_end) = mask(person);
        Hit {
            case_code: case.code.clone(),
            case_type: case.case_type,
            status: case.status,
            first_initial,
            last_name_masked,
            birth_year,
            phone_end,
            matched: matched.to_string(),
            rank: (0, 0),
            postal_code: person.postal_code.clone(),
            birth_date: person.birth_date.clone(),
        }
    }
}

/// The hits of the people found: each of their cases, masked, with what matched.
fn push_hits(found: Vec<(Found, &str, (u8, u32))>, out: &mut Vec<Hit>) {
    for (f, matched, rank) in found {
        for c in &f.cases {
            out.push(Hit {
                rank,
                ..Hit::masked(c, &f.person, matched)
            });
        }
    }
}

/// Cases matching `q`, best first, at most `limit`; candidates come from Meilisearch when it
/// is given, else from the token table.
pub async fn search(k: &Kernel, meili: Option<&Meili>, q: &str, limit: usize) -> Result<Vec<Hit>> {
    let started = std::time::Instant::now();
    let found = search_timed(k, meili, q, limit).await;
    k.metrics
        .business
        .search_seconds
        .observe(started.elapsed().as_secs_f64());
    found
}

async fn search_timed(
    k: &Kernel,
    meili: Option<&Meili>,
    q: &str,
    limit: usize,
) -> Result<Vec<Hit>> {
    let mut hits = Vec::new();
    for query in classify(q) {
        match query {
            Query::Code(code) => {
                let found = crate::found::with_code(k, &code).await?;
                push_hits(
                    found
                        .into_iter()
                        .map(|f| (f, "case_code", (9, 0)))
                        .collect(),
                    &mut hits,
                );
            }
            Query::Identifier { kind, value, label } => {
                let token = k.blind.token(kind, &value);
                let found = match from_meili(k, meili, &[vec![token]]).await {
                    Some(ids) => {
                        let mut conn = k.db.pool().acquire().await?;
                        crate::found::people(k, &mut conn, &ids).await?
                    }
                    None => crate::found::holding(k, token).await?,
                };
                let verified = found
                    .into_iter()
                    .filter(|f| {
                        let p = &f.person;
                        let actual = match kind {
                            "nn" => &p.national_number,
                            "phone" => &p.phone,
                            _ => &p.birth_date,
                        };
                        actual.as_deref() == Some(value.as_str())
                    })
                    .map(|f| (f, label, (8, 0)))
                    .collect();
                push_hits(verified, &mut hits);
            }
            Query::Names(words, born) => {
                name_search(k, meili, &words, born.as_deref(), limit, &mut hits).await?
            }
        }
    }
    hits.sort_by(|a, b| {
        b.rank
            .cmp(&a.rank)
            .then_with(|| a.case_code.cmp(&b.case_code))
    });
    hits.dedup_by(|a, b| a.case_code == b.case_code);
    hits.truncate(limit);
    Ok(hits)
}

async fn name_search(
    k: &Kernel,
    meili: Option<&Meili>,
    words: &[String],
    born: Option<&str>,
    limit: usize,
    hits: &mut Vec<Hit>,
) -> Result<()> {
    let groups: Vec<Vec<i64>> = words
        .iter()
        .map(|w| word_tokens(&k.blind, w).all())
        .collect();
    let candidates = match from_meili(k, meili, &groups).await {
        Some(ids) => ids.into_iter().map(|p| (p, 0)).collect(),
        // Enough candidates for the hits asked, and for some to fail the check.
        None => crate::name_index::candidates(k, words, born, (limit * 4).clamp(50, 200)).await?,
    };
    verify_names(k, words, born, candidates, limit, hits).await
}

/// The candidates Meilisearch gives for token `groups`, when it is the backend and answers.
/// When it does not (down, unreachable, its index not ready), the search is answered from
/// the token index the database always keeps, with a warning and a metric: a search must
/// not fail because the scale-out index did.
async fn from_meili(k: &Kernel, meili: Option<&Meili>, groups: &[Vec<i64>]) -> Option<Vec<String>> {
    let m = meili?;
    match m.candidates(groups, 200).await {
        Ok(ids) => Some(ids),
        Err(e) => {
            k.metrics.business.search_fallbacks.inc();
            // Meilisearch's own message can quote the filter (tokens): kept out of the log
            // at the level operators collect.
            tracing::warn!("Meilisearch did not answer; searching the token index instead");
            tracing::debug!(error = %e, "Meilisearch error");
            None
        }
    }
}

/// Keeps the candidates whose decrypted names match every word (truncated tokens can
/// collide), ranked by how they match. Candidates come best first, so they are decrypted a
/// few at a time until `limit` match: a crowd's 200 candidates are not all decrypted to
/// show ten (decryption was most of a name search's time).
async fn verify_names(
    k: &Kernel,
    words: &[String],
    born: Option<&str>,
    candidates: Vec<(String, u32)>,
    limit: usize,
    hits: &mut Vec<Hit>,
) -> Result<()> {
    let mut verified = Vec::new();
    let ids: Vec<String> = candidates.into_iter().map(|(id, _)| id).collect();
    let mut conn = k.db.pool().acquire().await?;
    for chunk in ids.chunks(limit.clamp(20, 200)) {
        if verified.len() >= limit {
            break;
        }
        let found = crate::found::people(k, &mut conn, chunk).await?;
        verify_chunk(words, born, found, &mut verified);
    }
    drop(conn);
    verified.sort_by_key(|v| std::cmp::Reverse(v.2));
    verified.truncate(50);
    push_hits(verified, hits);
    Ok(())
}

type Verified = (Found, &'static str, (u8, u32));

/// Moves the people of `found` who match every word (and the year) into `verified`.
fn verify_chunk(
    words: &[String],
    born: Option<&str>,
    found: Vec<Found>,
    verified: &mut Vec<Verified>,
) {
    for f in found {
        let p = &f.person;
        let names = [
            p.first_name.clone().unwrap_or_default(),
            p.last_name.clone().unwrap_or_default(),
        ];
        let matches: Vec<Option<NameMatch>> = words
            .iter()
            .map(|w| names.iter().filter_map(|n| verify_word(w, n)).max())
            .collect();
        let born_then =
            born.is_none_or(|b| p.birth_date.as_deref().is_some_and(|d| d.starts_with(b)));
        if born_then && matches.iter().all(Option::is_some) {
            let worst = matches
                .iter()
                .flatten()
                .min()
                .copied()
                .unwrap_or(NameMatch::Phonetic);
            let score: u32 = matches.iter().flatten().map(|m| *m as u32).sum();
            let label = match worst {
                NameMatch::Exact => "name",
                NameMatch::Prefix => "prefix",
                NameMatch::Phonetic => "phonetic",
            };
            verified.push((f, label, (worst as u8 + 2, score)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_that_reads_as_a_case_code_is_searched_as_names_too() {
        assert!(
            crate::code::parse("Ana Henm").is_some(),
            "fixture is a code"
        );
        let kinds: Vec<&str> = classify("Ana Henm")
            .iter()
            .map(|q| match q {
                Query::Code(_) => "code",
                Query::Identifier { .. } => "identifier",
                Query::Names(..) => "names",
            })
            .collect();
        assert_eq!(kinds, ["code", "names"]);
        assert!(
            matches!(
                classify("0470/12.34.56").as_slice(),
                [Query::Identifier { .. }]
            ),
            "a phone is not searched as names"
        );
        assert!(
            matches!(classify("24TFB3P").as_slice(), [Query::Code(_)]),
            "a code with digits is only a code"
        );
    }
}
