//! Writes of an import chunk's new people: their numbers, people, cases, the cases' first
//! events, tokens and the Meilisearch outbox, each table in one statement with one
//! parameter per column ([`kernel::columns`]).

use std::collections::HashSet;

use kernel::columns::{insert, Column};
use kernel::db::Tx;
use kernel::Kernel;
use sqlx::Row;

use crate::error::{CasesError, Result};
use crate::import_bulk::Sealed;

fn text<'a>(sealed: &'a [Sealed], f: impl Fn(&'a Sealed) -> Option<&'a str>) -> Column<'a> {
    Column::Text(sealed.iter().map(f).collect())
}

pub(crate) async fn people(
    k: &Kernel,
    tx: &mut Tx,
    sealed: &[Sealed],
    numbers: &[i64],
    now: i64,
) -> Result<()> {
    // In the order of `names` below: the id, the sealed fields ([`crate::store::SEALED`]).
    let mut columns = vec![text(sealed, |s| Some(s.person_id.as_str()))];
    for f in 0..crate::store::SEALED.len() {
        columns.push(Column::Bytes(
            sealed
                .iter()
                .map(|s| s.fields.get(f).and_then(|v| v.as_deref()))
                .collect(),
        ));
    }
    columns.extend([
        text(sealed, |s| s.sex.as_deref()),
        text(sealed, |s| s.language.as_deref()),
        text(sealed, |s| s.postal_code.as_deref()),
        text(sealed, |s| s.region.as_deref()),
        text(sealed, |s| s.age_band.as_deref()),
        Column::Int(vec![now; sealed.len()]),
        Column::Int(vec![now; sealed.len()]),
        Column::Bytes(sealed.iter().map(|s| Some(s.wrapped.as_slice())).collect()),
        Column::Int(numbers.to_vec()),
    ]);
    let mut names = vec!["id"];
    names.extend(crate::store::SEALED);
    names.extend([
        "sex",
        "language",
        "postal_code",
        "region",
        "age_band",
        "created_at",
        "updated_at",
        "data_key",
        "seq",
    ]);
    insert(tx, k.db.backend(), "people", &names, &columns, "").await?;
    Ok(())
}

/// Writes the cases with fresh codes; a code already taken (by an earlier case, or drawn
/// twice here) is drawn again for those cases alone.
pub(crate) async fn cases(k: &Kernel, tx: &mut Tx, sealed: &[Sealed], now: i64) -> Result<()> {
    let mut todo: Vec<&Sealed> = sealed.iter().collect();
    for _ in 0..5 {
        if todo.is_empty() {
            return Ok(());
        }
        let codes: Vec<String> = todo.iter().map(|_| crate::code::generate()).collect();
        let columns = [
            Column::Text(todo.iter().map(|s| Some(s.case_id.as_str())).collect()),
            Column::Text(codes.iter().map(|c| Some(c.as_str())).collect()),
            Column::Text(todo.iter().map(|s| Some(s.person_id.as_str())).collect()),
            Column::Text(todo.iter().map(|s| Some(s.case_type)).collect()),
            Column::Text(vec![Some("open"); todo.len()]),
            Column::Bytes(todo.iter().map(|s| s.dates.as_deref()).collect()),
            Column::Text(todo.iter().map(|s| s.region.as_deref()).collect()),
            Column::Text(todo.iter().map(|s| s.age_band.as_deref()).collect()),
            Column::Text(todo.iter().map(|s| s.sex.as_deref()).collect()),
            Column::Int(vec![now; todo.len()]),
            Column::Int(vec![now; todo.len()]),
        ];
        let written: HashSet<String> = insert(
            tx,
            k.db.backend(),
            "cases",
            &[
                "id",
                "code",
                "person_id",
                "case_type",
                "status",
                "dates",
                "region",
                "age_band",
                "sex",
                "created_at",
                "updated_at",
            ],
            &columns,
            "ON CONFLICT (code) DO NOTHING RETURNING id",
        )
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<std::result::Result<_, _>>()?;
        todo.retain(|s| !written.contains(&s.case_id));
    }
    if todo.is_empty() {
        Ok(())
    } else {
        Err(CasesError::Internal(
            "could not draw free case codes".into(),
        ))
    }
}

pub(crate) async fn events(
    k: &Kernel,
    tx: &mut Tx,
    sealed: &[Sealed],
    now: i64,
    actor: &str,
) -> Result<()> {
    let details: Vec<String> = sealed
        .iter()
        .map(|s| serde_json::json!({ "type": s.case_type }).to_string())
        .collect();
    let columns = [
        text(sealed, |s| Some(s.case_id.as_str())),
        Column::Int(vec![now; sealed.len()]),
        Column::Text(vec![Some(actor); sealed.len()]),
        Column::Text(vec![Some("case.created"); sealed.len()]),
        Column::Text(details.iter().map(|d| Some(d.as_str())).collect()),
    ];
    insert(
        tx,
        k.db.backend(),
        "case_events",
        &["case_id", "at", "actor", "action", "detail"],
        &columns,
        "",
    )
    .await?;
    Ok(())
}

/// Writes every (token, person number) pair, sorted so the token index is filled in order.
pub(crate) async fn tokens(
    k: &Kernel,
    tx: &mut Tx,
    sealed: &[Sealed],
    numbers: &[i64],
) -> Result<()> {
    let mut pairs: Vec<(i64, i64)> = sealed
        .iter()
        .zip(numbers)
        .flat_map(|(s, n)| s.tokens.iter().map(move |t| (*t, *n)))
        .collect();
    pairs.sort_unstable();
    let columns = [
        Column::Int(pairs.iter().map(|p| p.0).collect()),
        Column::Int(pairs.iter().map(|p| p.1).collect()),
    ];
    insert(
        tx,
        k.db.backend(),
        "token_index",
        &["token", "person_key"],
        &columns,
        "",
    )
    .await?;
    Ok(())
}

pub(crate) async fn outbox(k: &Kernel, tx: &mut Tx, sealed: &[Sealed], now: i64) -> Result<()> {
    let columns = [
        text(sealed, |s| Some(s.person_id.as_str())),
        Column::Int(vec![now; sealed.len()]),
    ];
    insert(
        tx,
        k.db.backend(),
        "search_outbox",
        &["person_id", "created_at"],
        &columns,
        "",
    )
    .await?;
    Ok(())
}
