//! The write side of an import: a chunk of validated rows in one transaction, at bulk speed.
//!
//! Most rows of an import are people nobody has on file yet. Those are found first, with one
//! lookup of the chunk's identifier tokens and a check within the chunk; they are sealed and
//! tokenised on every core at once (their keys, fields, dates and tokens computed off the
//! async threads), then written many rows to a statement: people, cases, the cases' first
//! events, and the tokens (sorted, so the token index is written in order), each table in
//! one statement with one parameter per column ([`kernel::columns`]). The rest (a
//! person already on file, the same person twice in the chunk, a row naming an index case)
//! take the one-row path inside the same transaction, after the bulk rows, so a duplicate
//! finds what the bulk part just wrote. The chunk's audit event commits with it.

use std::collections::HashSet;

use kernel::db::{millis, Tx};
use kernel::Kernel;

use crate::error::{CasesError, Result};
use crate::import::{ImportReport, Merge};
use crate::import_write as write;
use crate::person::{age_band, province, CaseIn, PersonIn};
use crate::store::{find_person, insert_person, seal_fields, upsert_case, CaseOutcome};
use crate::tokens::person_tokens;

/// A validated row and the file line it started on.
pub struct Line {
    pub line: u64,
    pub person: PersonIn,
    pub case: CaseIn,
}

/// What a person is recognised by: 0 and a national number, or 1 and phone, birth date
/// and surname.
pub(crate) type Identity = (i8, String);

/// What a person is recognised by, as [`find_person`] matches: the national number, or
/// without one the phone, birth date and surname together.
pub(crate) fn identity(p: &PersonIn) -> Option<Identity> {
    if let Some(nn) = &p.national_number {
        return Some((0, nn.as_str().to_string()));
    }
    match (&p.phone, p.birth_date) {
        (Some(phone), Some(dob)) => Some(by_phone(
            phone.as_str(),
            &dob.format("%Y-%m-%d").to_string(),
            &p.last_name,
        )),
        _ => None,
    }
}

/// The identity of a person without a national number: phone, birth date and surname.
fn by_phone(phone: &str, dob: &str, last_name: &str) -> (i8, String) {
    (
        1,
        format!("{phone} {dob} {}", crate::names::normalize(last_name)),
    )
}

/// The token an identity is looked up by.
fn identity_token(k: &Kernel, p: &PersonIn) -> Option<i64> {
    match (&p.national_number, &p.phone) {
        (Some(nn), _) => Some(k.blind.token("nn", nn.as_str())),
        (None, Some(phone)) if p.birth_date.is_some() => {
            Some(k.blind.token("phone", phone.as_str()))
        }
        _ => None,
    }
}

/// Which of `rows` may go the bulk way: a new person, first of their identity in the chunk,
/// without an index case to resolve. Identities on file are found with one read of their
/// tokens and a decryption of the few people holding them.
async fn fresh_rows(k: &Kernel, tx: &mut Tx, rows: &[Line]) -> Result<Vec<bool>> {
    let tokens: Vec<i64> = rows
        .iter()
        .filter_map(|r| identity_token(k, &r.person))
        .collect();
    let holders = crate::token_rows::holders(k, tx, &tokens).await?;
    let on_file: HashSet<(i8, String)> = if holders.is_empty() {
        HashSet::new()
    } else {
        crate::store::load_people(k, tx, &holders)
            .await?
            .iter()
            .flat_map(|p| {
                let mut ids = Vec::new();
                if let Some(nn) = &p.national_number {
                    ids.push((0, nn.clone()));
                }
                if let (Some(phone), Some(dob)) = (&p.phone, &p.birth_date) {
                    ids.push(by_phone(phone, dob, p.last_name.as_deref().unwrap_or("")));
                }
                ids
            })
            .collect()
    };
    let mut seen: HashSet<(i8, String)> = HashSet::new();
    Ok(rows
        .iter()
        .map(|r| {
            r.case.index_case_code.is_none()
                && match identity(&r.person) {
                    Some(id) => !on_file.contains(&id) && seen.insert(id),
                    None => true,
                }
        })
        .collect())
}

/// A new person and their case, sealed and tokenised, ready to write.
pub(crate) struct Sealed {
    pub(crate) person_id: String,
    pub(crate) fields: [Option<Vec<u8>>; 6],
    pub(crate) wrapped: Vec<u8>,
    pub(crate) sex: Option<String>,
    pub(crate) language: Option<String>,
    pub(crate) postal_code: Option<String>,
    pub(crate) region: Option<String>,
    pub(crate) age_band: Option<String>,
    pub(crate) tokens: Vec<i64>,
    pub(crate) case_id: String,
    pub(crate) case_type: &'static str,
    pub(crate) dates: Option<Vec<u8>>,
}

fn seal_one(k: &Kernel, r: &Line, today: chrono::NaiveDate) -> Result<Sealed> {
    let p = &r.person;
    let person_id = uuid::Uuid::now_v7().to_string();
    let (key, wrapped) = k.envelope.new_person_key(&person_id)?;
    let fields = seal_fields(&key, &person_id, p)?;
    let case_id = uuid::Uuid::now_v7().to_string();
    let dates = crate::dates::CaseDates::given(&r.case);
    Ok(Sealed {
        fields,
        wrapped,
        sex: p.sex.clone(),
        language: p.language.clone(),
        postal_code: p.postal_code.clone(),
        region: p
            .postal_code
            .as_deref()
            .and_then(province)
            .map(str::to_string),
        age_band: p.birth_date.map(|b| age_band(b, today)),
        tokens: person_tokens(&k.blind, p),
        dates: crate::dates::seal(&key, &case_id, &dates)?,
        case_id,
        case_type: r.case.case_type.as_str(),
        person_id,
    })
}

/// A chunk of validated rows with each row's person and case sealed and tokenised.
pub struct Chunk {
    rows: Vec<Line>,
    sealed: Vec<Sealed>,
}

/// Seals `rows` on two blocking threads (the machine's cores; the database has its own),
/// while the chunk before is being written. A row that turns out to be someone on file
/// is written the one-row way and its sealed copy is dropped.
pub async fn seal_chunk(k: &Kernel, rows: Vec<Line>) -> Result<Chunk> {
    let today = k.now().date_naive();
    let half = rows.len().div_ceil(2);
    let mut rows = rows;
    let second = rows.split_off(half);
    let run = |part: Vec<Line>| {
        let k = k.clone();
        tokio::task::spawn_blocking(move || {
            let sealed = part
                .iter()
                .map(|r| seal_one(&k, r, today))
                .collect::<Result<Vec<Sealed>>>();
            sealed.map(|s| (part, s))
        })
    };
    let (a, b) = (run(rows), run(second));
    let join = |e: tokio::task::JoinError| CasesError::Internal(format!("sealing stopped: {e}"));
    let (mut rows, mut sealed) = a.await.map_err(join)??;
    let (more_rows, more_sealed) = b.await.map_err(join)??;
    rows.extend(more_rows);
    sealed.extend(more_sealed);
    Ok(Chunk { rows, sealed })
}

/// Writes `rows` (validated, in file order) in one transaction with the chunk's audit event.
pub async fn flush(k: Kernel, chunk: Chunk, actor: String) -> Result<ImportReport> {
    let k = &k;
    let actor = actor.as_str();
    let mut report = ImportReport::default();
    let Chunk { rows, sealed } = chunk;
    if rows.is_empty() {
        return Ok(report);
    }
    let first = rows.first().map_or(0, |r| r.line);
    let last = rows.last().map_or(0, |r| r.line);
    let mut tx = k.db.begin().await?;
    let fresh = fresh_rows(k, &mut tx, &rows).await?;
    let mut bulk: Vec<Sealed> = Vec::with_capacity(rows.len());
    let mut one_by_one: Vec<Line> = Vec::new();
    for ((r, s), f) in rows.into_iter().zip(sealed).zip(fresh) {
        if f {
            bulk.push(s);
        } else {
            one_by_one.push(r);
        }
    }
    if !bulk.is_empty() {
        let sealed = bulk;
        let now = millis(k.now());
        let numbers = crate::token_rows::new_person_numbers(k, &mut tx, sealed.len()).await?;
        write::people(k, &mut tx, &sealed, &numbers, now).await?;
        write::cases(k, &mut tx, &sealed, now).await?;
        write::events(k, &mut tx, &sealed, now, actor).await?;
        write::tokens(k, &mut tx, &sealed, &numbers).await?;
        if crate::config::CasesConfig::meilisearch_in(k) {
            write::outbox(k, &mut tx, &sealed, now).await?;
        }
        report.people_created += sealed.len() as u64;
        report.cases_created += sealed.len() as u64;
    }
    for r in one_by_one {
        one_row(k, &mut tx, r, actor, &mut report).await?;
    }
    // The chunk's audit event commits with it: what was recorded is what is logged.
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor,
            action: "cases.imported",
            subject: "import",
            request_id: None,
            detail: serde_json::json!({
                "lines": [first, last],
                "people_created": report.people_created,
                "cases_created": report.cases_created,
                "cases_merged": report.cases_merged,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(report)
}

/// One row the way a single registration goes: the person found or created, the case
/// created or merged into their open one.
async fn one_row(
    k: &Kernel,
    tx: &mut Tx,
    r: Line,
    actor: &str,
    report: &mut ImportReport,
) -> Result<()> {
    let Line { line, person, case } = r;
    // Rows are validated before; the only failure left is an unknown index case, checked
    // here first so that it rejects the row alone.
    if let Some(code) = &case.index_case_code {
        if crate::store::case_by_code(tx, code).await?.is_none() {
            report.reject(
                line,
                format!("index_case_code: no case has the code {code}"),
            );
            return Ok(());
        }
    }
    let person_id = match find_person(k, tx, &person).await? {
        Some(id) => {
            report.people_merged += 1;
            report.merges.push(Merge {
                line,
                what: "same person as one already on file".into(),
            });
            id
        }
        None => {
            report.people_created += 1;
            insert_person(k, tx, &person).await?
        }
    };
    match upsert_case(k, tx, &person_id, &case, actor).await? {
        CaseOutcome::Created(_) => report.cases_created += 1,
        CaseOutcome::Merged(code) => {
            report.cases_merged += 1;
            report.merges.push(Merge {
                line,
                what: format!("merged into open case {code}"),
            });
        }
    }
    Ok(())
}
