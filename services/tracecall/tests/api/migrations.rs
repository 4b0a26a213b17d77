//! Rolling upgrades: nodes of two consecutive versions share one PostgreSQL database during a
//! rollout, so a migration only expands (new tables, columns, indexes, views that keep every
//! column they had). Dropping or renaming a table or a column, or a view losing a column,
//! waits for a later migration that says it is a contract step (its first line is
//! `-- contract step`), once no running version needs what it removes. SQLite serves one node,
//! which upgrades whole, so only the PostgreSQL migrations are held to this.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Migrations written before this rule, whose contractions shipped long ago.
const BEFORE_THE_RULE: &[&str] = &["0017_login_counters.sql"];

/// The columns a `CREATE VIEW name AS SELECT ... FROM` names (the last word of each item).
fn view_columns(sql: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for s in statements(sql) {
        let Some(rest) = s.strip_prefix("create view ") else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let (Some(select), Some(from)) = (rest.find("select "), rest.find(" from ")) else {
            continue;
        };
        let columns = rest[select + "select ".len()..from]
            .split(',')
            .filter_map(|item| item.split_whitespace().last())
            .map(|w| w.rsplit('.').next().unwrap_or(w).to_string())
            .collect();
        out.insert(name, columns);
    }
    out
}

fn statements(sql: &str) -> Vec<String> {
    sql.lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n")
        .split(';')
        .map(|s| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn migrations_expand_and_contract_later() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations/postgres");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut views: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let sql = std::fs::read_to_string(&path).unwrap();
        let contract = sql
            .lines()
            .next()
            .is_some_and(|l| l.trim() == "-- contract step")
            || BEFORE_THE_RULE.contains(&name.as_str());
        if !contract {
            for s in statements(&sql) {
                let drops = s.starts_with("drop table")
                    || (s.starts_with("alter table") && s.contains(" drop column"))
                    || (s.starts_with("alter table") && s.contains(" rename "));
                if drops {
                    problems.push(format!("{name}: `{s}` needs a contract step"));
                }
            }
            for (view, columns) in view_columns(&sql) {
                if let Some(before) = views.get(&view) {
                    let lost: Vec<_> = before.difference(&columns).collect();
                    if !lost.is_empty() {
                        problems.push(format!(
                            "{name}: view {view} loses {lost:?}, which the previous version reads"
                        ));
                    }
                }
            }
        }
        views.extend(view_columns(&sql));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        views.contains_key("case_facts"),
        "views are found: {views:?}"
    );
}

/// The check itself catches what it is for.
#[test]
fn a_dropped_column_and_a_narrowed_view_are_caught() {
    let s = statements("ALTER TABLE cases\n  DROP COLUMN test_date;\n-- a comment; here\n");
    assert_eq!(s, ["alter table cases drop column test_date"]);
    let v = view_columns("CREATE VIEW v AS\nSELECT a.x, a.y AS why, b.z\nFROM a JOIN b ON true;");
    assert_eq!(
        v["v"],
        ["why", "x", "z"].iter().map(|s| s.to_string()).collect()
    );
}
