//! Every state enum has one textual form, and it is the one the database accepts: the values
//! of each `CHECK (column IN (...))` in the migrations equal the enum's texts, on both
//! backends.

use std::path::Path;

fn texts<T: std::fmt::Display>(all: &[T]) -> Vec<String> {
    let mut v: Vec<String> = all.iter().map(ToString::to_string).collect();
    v.sort();
    v
}

/// The values the migrations of `backend` allow in `table.column`: the CHECK of the last
/// migration that (re)defines it, whether by `CREATE TABLE table (` or its SQLite rebuild
/// `CREATE TABLE table_rebuilt (`, or by `ALTER TABLE table ADD CONSTRAINT … CHECK`.
fn allowed(backend: &str, table: &str, column: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../migrations")
        .join(backend);
    let create = regex::Regex::new(&format!(
        r"(?is)create table {table}(?:_rebuilt)? \((.*?)\n\);"
    ))
    .unwrap();
    let alter = regex::Regex::new(&format!(
        r"(?i)alter table {table} add constraint \w+ (check \({column} in \([^)]*\)\))"
    ))
    .unwrap();
    let check = regex::Regex::new(&format!(
        r"(?i)\b{column}\b[^\n]*check \({column} in \(([^)]*)\)\)"
    ))
    .unwrap();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut found = None;
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let body = create
            .captures(&text)
            .map(|c| c[1].to_string())
            .or_else(|| alter.captures(&text).map(|c| format!("{column} {}", &c[1])));
        if let Some(body) = body {
            let list = check
                .captures(&body)
                .unwrap_or_else(|| panic!("{backend}: no CHECK on {table}.{column}"));
            let mut v: Vec<String> = list[1]
                .split(',')
                .map(|s| s.trim().trim_matches('\'').to_string())
                .collect();
            v.sort();
            found = Some(v);
        }
    }
    found.unwrap_or_else(|| panic!("{backend}: no table {table}"))
}

#[test]
fn enums_and_check_constraints_agree() {
    let cases: [(&str, &str, Vec<String>); 16] = [
        ("cases", "case_type", texts(cases::person::CaseType::ALL)),
        ("cases", "status", texts(cases::person::CaseStatus::ALL)),
        (
            "campaigns",
            "status",
            texts(campaigns::states::CampaignStatus::ALL),
        ),
        (
            "call_orders",
            "state",
            texts(campaigns::states::OrderState::ALL),
        ),
        ("calls", "kind", texts(console::calls::CallKind::ALL)),
        (
            "agent_states",
            "status",
            texts(console::presence::AgentStatus::ALL),
        ),
        (
            "exports",
            "status",
            texts(exporter::store::ExportState::ALL),
        ),
        (
            "import_jobs",
            "state",
            texts(cases::import_jobs::ImportState::ALL),
        ),
        (
            "documents",
            "kind",
            texts(documents::template::DocumentKind::ALL),
        ),
        (
            "documents",
            "state",
            texts(documents::store::DocumentState::ALL),
        ),
        (
            "document_jobs",
            "state",
            texts(documents::jobs::JobState::ALL),
        ),
        (
            "document_jobs",
            "kind",
            texts(documents::template::DocumentKind::ALL),
        ),
        ("requests", "status", texts(requests::store::Status::ALL)),
        ("requests", "channel", texts(requests::store::Channel::ALL)),
        (
            "requests",
            "priority",
            texts(requests::topic::Priority::ALL),
        ),
        (
            "request_messages",
            "direction",
            texts(requests::store::Direction::ALL),
        ),
    ];
    for backend in ["sqlite", "postgres"] {
        for (table, column, ours) in &cases {
            assert_eq!(
                &allowed(backend, table, column),
                ours,
                "{backend}: {table}.{column}"
            );
        }
    }
}
