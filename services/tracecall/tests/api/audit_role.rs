//! The README's restricted PostgreSQL role, run as written: a node started under it (with
//! migrations left to the owner) serves and appends to the audit log, and that role cannot
//! update, delete or truncate the log even with the triggers gone.

use std::sync::Arc;

use sqlx::Connection;

use crate::support::{Backend, TestApp};

/// The SQL block of the README's Deployment section, for a role named `role`.
fn readme_sql(role: &str) -> Vec<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let deployment = &readme[readme.find("## Deployment").unwrap()..];
    let start = deployment.find("```sql\n").unwrap() + "```sql\n".len();
    let block = &deployment[start..start + deployment[start..].find("```").unwrap()];
    block
        .lines()
        .filter(|l| !l.trim_start().starts_with("--") && !l.trim().is_empty())
        .map(|l| l.replace("tracecall_app", role).replace("'...'", "'x'"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_runs_under_the_restricted_role_and_cannot_rewrite_the_log() {
    let app = TestApp::start(Backend::Postgres).await;
    let role = format!("app_{}", crate::support::uuid_like());
    let mut owner = sqlx::PgConnection::connect(&app.database_url)
        .await
        .unwrap();
    for statement in readme_sql(&role) {
        sqlx::query(&statement).execute(&mut owner).await.unwrap();
    }
    // The same database, as the restricted role.
    let restricted_url =
        app.database_url
            .replacen("postgres://postgres@", &format!("postgres://{role}:x@"), 1);

    // A node under that role, with migrations left to the owner, starts and works.
    let mut config = app.kernel.config.as_ref().clone();
    config.database_url = Some(secrecy::SecretString::from(restricted_url.clone()));
    config.database.migrate_on_start = false;
    let node = tracecall::boot::open(config, Arc::new(kernel::clock::SystemClock))
        .await
        .unwrap();
    kernel::audit::record(
        &node.db,
        node.now(),
        &kernel::audit::Event {
            actor: "system",
            action: "test.appended",
            subject: "test",
            request_id: None,
            detail: serde_json::json!({}),
        },
    )
    .await
    .unwrap();
    let verified = kernel::audit::verify(&node.db).await.unwrap();
    assert!(matches!(verified, Ok(n) if n >= 1), "{verified:?}");

    // Even with the triggers gone, the role cannot rewrite or empty the log.
    sqlx::query("ALTER TABLE audit_log DISABLE TRIGGER USER")
        .execute(&mut owner)
        .await
        .unwrap();
    for attempt in [
        "UPDATE audit_log SET actor = 'user:999'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
    ] {
        let refused = sqlx::query(attempt).execute(node.db.writer()).await;
        let message = refused.expect_err(attempt).to_string();
        assert!(
            message.contains("permission denied"),
            "{attempt}: {message}"
        );
    }
    node.db.close().await;
    app.stop().await;
}
