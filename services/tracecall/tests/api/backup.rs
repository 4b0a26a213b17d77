//! Backups do not bring an erased person back: a backup taken before an erasure, put back by
//! hand, is refused by `serve` (the erasure journal outside the database has moved on), and
//! `tracecall restore` puts it in place and re-applies the erasure before anything serves it.

use std::process::Stdio;

use sqlx::Row;

use crate::support::cli::show;
use crate::support::{Backend, TestApp};

/// Case id and code of the person whose phone is `phone`.
async fn case_of(app: &TestApp, phone: &str) -> (String, String) {
    let mut conn = app.kernel.db.pool().acquire().await.unwrap();
    let rows = sqlx::query("SELECT id, code, person_id FROM cases")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    for r in rows {
        let person: String = r.get("person_id");
        let p = cases::store::load_person(&app.kernel, &mut conn, &person)
            .await
            .unwrap();
        if p.phone.as_deref() == Some(phone) {
            return (r.get("id"), r.get("code"));
        }
    }
    panic!("no case with phone {phone}")
}

/// Whether the person of `case_id` still has a key and a name, reading the file directly.
async fn readable(url: &str, case_id: &str) -> bool {
    let db = kernel::db::Db::connect(url, 2).await.unwrap();
    let row = sqlx::query(
        "SELECT p.data_key IS NOT NULL AND p.last_name IS NOT NULL AS readable \
         FROM cases c JOIN people p ON p.id = c.person_id WHERE c.id = $1",
    )
    .bind(case_id)
    .fetch_one(db.pool())
    .await
    .unwrap();
    let readable = row
        .try_get::<bool, _>("readable")
        .unwrap_or_else(|_| row.try_get::<i64, _>("readable").unwrap() == 1);
    db.close().await;
    readable
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restored_backup_keeps_erased_people_erased() {
    let mut app = TestApp::start(Backend::Sqlite).await;
    let mut csv = String::from(
        "first_name,last_name,phone,birth_date,language,postal_code,case_type,test_date\n",
    );
    for (i, phone) in ["+32470123456", "+32470123457"].iter().enumerate() {
        csv.push_str(&format!(
            "Ana{i},Peeters,{phone},1985-07-30,fr,1000,index,2026-11-20\n"
        ));
    }
    app.import(csv).await;
    let erased = case_of(&app, "+32470123456").await;
    let kept = case_of(&app, "+32470123457").await;
    let backups = tempfile::tempdir().unwrap();
    let backup = backups.path().join("before.db");
    let backup_arg = backup.to_str().unwrap();

    let out = app.run_cli(&["backup", backup_arg], "");
    assert!(out.status.success(), "{}", show(&out));
    let out = app.run_cli(&["backup", backup_arg], "");
    assert_eq!(
        out.status.code(),
        Some(1),
        "never overwrites: {}",
        show(&out)
    );
    let out = app.run_cli(&["person", "erase", &erased.1], "");
    assert!(out.status.success(), "{}", show(&out));
    // A checkpoint signed after the backup: the restored log will not reach it.
    let out = app.run_cli(&["audit", "checkpoint"], "");
    assert!(out.status.success(), "{}", show(&out));
    app.halt().await;
    let url = app.database_url.clone();
    assert!(!readable(&url, &erased.0).await);

    // The backup put back by hand, as a hurried operator would.
    let db_file = url
        .trim_start_matches("sqlite://")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{db_file}{side}"));
    }
    std::fs::copy(&backup, &db_file).unwrap();
    assert!(
        readable(&url, &erased.0).await,
        "the backup holds the person"
    );
    let serve = tokio::process::Command::new(env!("CARGO_BIN_EXE_tracecall"))
        .args(app.cli().get_args())
        .envs(app.cli().get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .output();
    // A node that starts would serve until killed: the bound only turns that into a failure.
    let out = tokio::time::timeout(std::time::Duration::from_secs(120), serve)
        .await
        .expect("serve started on a database older than the erasure journal")
        .unwrap();
    assert!(!out.status.success(), "{}", show(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("restored from before"),
        "{}",
        show(&out)
    );

    // The restore re-applies the erasure before anything serves.
    let out = app.run_cli(&["restore", backup_arg], "");
    assert!(out.status.success(), "{}", show(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 people erased again"),
        "{}",
        show(&out)
    );
    assert!(!readable(&url, &erased.0).await, "erased again");
    assert!(
        readable(&url, &kept.0).await,
        "the other person is untouched"
    );
    let db = kernel::db::Db::connect(&url, 2).await.unwrap();
    kernel::erasure::check_not_behind(&db, &app.data_dir.path().join("audit-checkpoints"))
        .await
        .unwrap();
    db.close().await;
    // The checkpoint of the lost history was set aside; what remains matches the log.
    let checkpoints = app.data_dir.path().join("audit-checkpoints");
    assert!(std::fs::read_dir(&checkpoints).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with("superseded-")));
    let out = app.run_cli(
        &[
            "audit",
            "verify",
            "--checkpoints",
            checkpoints.to_str().unwrap(),
        ],
        "",
    );
    assert!(out.status.success(), "{}", show(&out));
    // Not a backup: refused, and the database is left as it was.
    let junk = backups.path().join("junk.db");
    std::fs::write(&junk, b"not a database").unwrap();
    let out = app.run_cli(&["restore", junk.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(readable(&url, &kept.0).await);
}
