//! `docs/data-dictionary.md` lists every column of every table and view, each with how it is
//! stored (sealed, tokenised, hashed, coarsened, plain, reference, staff) and why. A
//! migration that adds a column the dictionary does not list fails here, and so does a
//! dictionary row for a column that no longer exists.

use std::collections::BTreeSet;
use std::path::Path;

const TREATMENTS: [&str; 7] = [
    "sealed",
    "tokenised",
    "hashed",
    "coarsened",
    "plain",
    "reference",
    "staff",
];

/// `(table, column)` of every row of the dictionary; panics naming the line of a row whose
/// treatment is not one of [`TREATMENTS`].
fn documented() -> BTreeSet<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/data-dictionary.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut table = None;
    let mut out = BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        if let Some(name) = line.strip_prefix("## ") {
            table = Some(name.trim().to_string());
            continue;
        }
        let Some(t) = &table else { continue };
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        let Some(column) = cells
            .first()
            .and_then(|c| c.strip_prefix('`'))
            .and_then(|c| c.strip_suffix('`'))
        else {
            continue;
        };
        let treatment = cells.get(1).copied().unwrap_or_default();
        assert!(
            TREATMENTS.contains(&treatment),
            "docs/data-dictionary.md:{}: `{t}.{column}` has treatment {treatment:?}; one of {TREATMENTS:?}",
            n + 1
        );
        out.insert((t.clone(), column.to_string()));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_data_dictionary_lists_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let db = kernel::db::Db::connect(
        &format!("sqlite://{}", dir.path().join("d.db").display()),
        2,
    )
    .await
    .unwrap();
    db.migrate().await.unwrap();
    let schema: BTreeSet<(String, String)> = db
        .schema()
        .await
        .unwrap()
        .into_iter()
        .map(|(t, c, _)| (t, c))
        .collect();
    let documented = documented();
    let missing: Vec<_> = schema.difference(&documented).collect();
    let stale: Vec<_> = documented.difference(&schema).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "columns the dictionary does not list: {missing:?}\nrows for columns that do not exist: {stale:?}"
    );
}
