//! What feeds the Meilisearch backend. No Meilisearch runs here, so this checks the outbox
//! itself: with the backend configured, every change to what the index holds (a new person, a
//! new case, a case's status after a call) queues its person in the change's own transaction,
//! and nothing is queued with the built-in token backend.

use crate::support::{Backend, TestApp};

async fn queued(k: &kernel::Kernel, person: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM search_outbox WHERE person_id = $1")
        .bind(person)
        .fetch_one(k.db.pool())
        .await
        .unwrap()
}

async fn every_indexed_change_is_queued(backend: Backend) {
    let app = TestApp::start(backend).await;
    // A second kernel on the same database, configured for Meilisearch but not serving (so
    // nothing tries to reach a Meilisearch server).
    let mut config = (*app.kernel.config).clone();
    config.cases = serde_json::json!({
        "search_backend": "meilisearch", "meilisearch_url": "http://127.0.0.1:9"
    });
    let meili_node = tracecall::boot::open(config, app.kernel.clock.clone())
        .await
        .unwrap();

    let csv = "first_name,last_name,phone,birth_date,case_type\n\
               Lotte,Peeters,0470 11 22 33,1990-02-03,index\n";
    let report = cases::import::import(&app.kernel, csv.as_bytes(), "test", &|_| {})
        .await
        .unwrap();
    assert_eq!(report.cases_created, 1);
    let person: String = sqlx::query_scalar("SELECT person_id FROM cases")
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert_eq!(
        queued(&app.kernel, &person).await,
        0,
        "token backend: no outbox"
    );

    let csv = "first_name,last_name,phone,birth_date,case_type\n\
               Bram,Maes,0471 44 55 66,1988-07-08,index\n";
    cases::import::import(&meili_node, csv.as_bytes(), "test", &|_| {})
        .await
        .unwrap();
    let (case_id, bram): (String, String) = sqlx::query_as(
        "SELECT id, person_id FROM cases WHERE person_id <> $1 ORDER BY created_at LIMIT 1",
    )
    .bind(&person)
    .fetch_one(app.kernel.db.pool())
    .await
    .unwrap();
    let after_import = queued(&app.kernel, &bram).await;
    assert!(after_import >= 1, "a new person and case are queued");

    // A call's outcome changes the case's status: queued with the change, and not when the
    // transaction rolls back.
    let now = kernel::db::millis(meili_node.now());
    let mut tx = meili_node.db.begin().await.unwrap();
    cases::access::after_call(
        &meili_node,
        &mut tx,
        &case_id,
        cases::person::CaseStatus::InProgress,
        None,
        now,
    )
    .await
    .unwrap();
    tx.rollback().await.unwrap();
    assert_eq!(queued(&app.kernel, &bram).await, after_import);
    let mut tx = meili_node.db.begin().await.unwrap();
    cases::access::after_call(
        &meili_node,
        &mut tx,
        &case_id,
        cases::person::CaseStatus::Closed,
        None,
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(queued(&app.kernel, &bram).await, after_import + 1);
    let status: String = sqlx::query_scalar("SELECT status FROM cases WHERE id = $1")
        .bind(&case_id)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert_eq!(status, "closed");

    meili_node.db.close().await;
    app.stop().await;
}
both_backends!(every_indexed_change_is_queued);
