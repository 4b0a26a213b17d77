//! Each service owns its tables: no crate's SQL names another crate's tables. Other services
//! read what they need through the owner's functions, or through a view the owner publishes
//! in its own migrations. The map below must name every table and view the migrations
//! create, so a new table cannot go unowned.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Crate -> the tables it owns.
const OWNERS: &[(&str, &[&str])] = &[
    (
        "kernel",
        &[
            "users",
            "sessions",
            "api_tokens",
            "audit_log",
            "audit_head",
            "data_keys",
            "teams",
            "team_postal_ranges",
            "rate_counters",
            "erasure_head",
        ],
    ),
    ("scripting", &["script_releases", "script_release_sources"]),
    (
        "cases",
        &[
            "people",
            "cases",
            "case_events",
            "search_tokens",
            "token_index",
            "search_outbox",
            "case_facts",
            "person_tokens",
            "case_grants",
            "import_jobs",
        ],
    ),
    (
        "campaigns",
        &[
            "campaigns",
            "call_orders",
            "order_claims",
            "do_not_call",
            "held_orders",
        ],
    ),
    (
        "elearning",
        &[
            "course_versions",
            "lesson_reads",
            "quiz_attempts",
            "quiz_question_results",
            "course_passes",
        ],
    ),
    (
        "console",
        &[
            "calls",
            "call_answers",
            "agent_states",
            "agent_state_log",
            "agent_messages",
            "telephony_events",
            "open_calls",
            "live_inbound",
        ],
    ),
    (
        "exporter",
        &["exports", "export_attempts", "export_schedule"],
    ),
    (
        "documents",
        &[
            "document_releases",
            "documents",
            "document_jobs",
            "document_links",
        ],
    ),
    (
        "requests",
        &[
            "topic_releases",
            "requests",
            "request_messages",
            "request_attachments",
            "request_links",
            "request_status_history",
            "request_skills",
            "request_notices",
            "request_views",
            "request_tokens",
            "kb_releases",
            "kb_feedback",
        ],
    ),
];

/// Views a crate publishes for the others to read (owned, and named in its migrations).
const PUBLISHED: &[&str] = &[
    "case_facts",
    "person_tokens",
    "held_orders",
    "open_calls",
    "live_inbound",
];

/// Crates whose SQL is not checked, and why: the benchmarks' baselines write the tables
/// directly on purpose (a raw `COPY` is the yardstick the service is measured against).
const EXEMPT: &[&str] = &["bench"];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `(file:line, table, owner)` of every place a crate's source names a table it does not own
/// after FROM, JOIN, INTO, UPDATE or TABLE.
fn violations(root: &Path) -> Vec<(String, String, String)> {
    let owner: BTreeMap<&str, &str> = OWNERS
        .iter()
        .flat_map(|(c, ts)| ts.iter().map(move |t| (*t, *c)))
        .collect();
    let sql = regex::Regex::new(r"(?i)\b(?:from|join|into|update|table)\s+([a-z_]+)\b").unwrap();
    let mut found = Vec::new();
    for entry in std::fs::read_dir(root.join("services")).unwrap() {
        let dir = entry.unwrap().path();
        let krate = dir.file_name().unwrap().to_string_lossy().to_string();
        if EXEMPT.contains(&krate.as_str()) || !dir.join("src").exists() {
            continue;
        }
        let mut files = Vec::new();
        rust_files(&dir.join("src"), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                if line.trim_start().starts_with("//") {
                    continue;
                }
                for m in sql.captures_iter(line) {
                    let table = &m[1];
                    match owner.get(table) {
                        Some(o) if *o != krate && !PUBLISHED.contains(&table) => found.push((
                            format!("{}:{}", file.display(), n + 1),
                            table.to_string(),
                            o.to_string(),
                        )),
                        _ => {}
                    }
                }
            }
        }
    }
    found
}

#[test]
fn no_crate_names_another_crates_tables() {
    let found = violations(&repo());
    assert!(
        found.is_empty(),
        "SQL naming another crate's tables (ask the owner for a function or a published view):\n{}",
        found
            .iter()
            .map(|(at, t, o)| format!("  {at}: `{t}` belongs to {o}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_table_and_view_has_an_owner() {
    let created = regex::Regex::new(r"(?i)create\s+(?:table|view)\s+([a-z_]+)").unwrap();
    // A table built to replace another (SQLite's rebuild of a table) takes the old name, and
    // a table a later migration drops is gone.
    let renamed = regex::Regex::new(r"(?i)alter\s+table\s+([a-z_]+)\s+rename\s+to").unwrap();
    let dropped = regex::Regex::new(r"(?i)drop\s+table\s+([a-z_]+)\s*;").unwrap();
    let renamed_to = regex::Regex::new(r"(?i)rename\s+to\s+([a-z_]+)").unwrap();
    let (mut gone, mut rebuilt) = (Vec::new(), Vec::new());
    for backend in ["sqlite", "postgres"] {
        for entry in std::fs::read_dir(repo().join("migrations").join(backend)).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            gone.extend(dropped.captures_iter(&text).map(|m| m[1].to_string()));
            rebuilt.extend(renamed_to.captures_iter(&text).map(|m| m[1].to_string()));
        }
    }
    gone.retain(|t| !rebuilt.contains(t));
    let owned: Vec<&str> = OWNERS
        .iter()
        .flat_map(|(_, ts)| ts.iter().copied())
        .collect();
    for backend in ["sqlite", "postgres"] {
        for entry in std::fs::read_dir(repo().join("migrations").join(backend)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let transient: Vec<String> = renamed
                .captures_iter(&text)
                .map(|m| m[1].to_string())
                .collect();
            for m in created.captures_iter(&text) {
                if transient.iter().any(|t| t == &m[1]) || gone.iter().any(|t| t == &m[1]) {
                    continue;
                }
                assert!(
                    owned.contains(&&m[1]),
                    "{}: `{}` has no owner in OWNERS",
                    path.display(),
                    &m[1]
                );
            }
        }
    }
}
