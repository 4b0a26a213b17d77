//! What happens to cases after the import: closed cases purged when their retention ends,
//! contacts recorded on a call becoming linked cases, and the same searches through the
//! Meilisearch backend when one is available.

use std::sync::Arc;

use super::{codes, import_fixture};
use crate::support::{Backend, Keys, TestApp};
use kernel::auth::Role;
use kernel::clock::SystemClock;
use serde_json::{json, Value};

async fn retention_purges_personal_data(backend: Backend) {
    let clock = Arc::new(kernel::clock::ManualClock::new(chrono::Utc::now()));
    let app = TestApp::start_with_clock(backend, clock.clone()).await;
    import_fixture(&app).await;
    let agent = app.login_as(Role::Agent).await;
    let janssens = codes(&agent.search("0470123456").await)[0].clone();
    let closed = agent.set_case_status(&janssens, "closed").await;
    assert_eq!(closed.status, 200, "{}", closed.text);
    // Not yet due.
    assert_eq!(cases::retention::purge(&app.kernel, 365).await.unwrap(), 0);
    clock.advance(chrono::Duration::days(366));
    assert_eq!(cases::retention::purge(&app.kernel, 365).await.unwrap(), 1);
    let agent = app.login_as(Role::Agent).await;
    assert!(
        agent.search("0470123456").await.is_empty(),
        "erased people are not findable"
    );
    assert_eq!(
        codes(&agent.search("0471223344").await).len(),
        1,
        "others are untouched"
    );
    // The case row keeps its aggregates; the person's sealed fields are gone.
    let row = sqlx::query("SELECT c.region, c.case_type, p.last_name IS NULL AS erased FROM cases c JOIN people p ON p.id = c.person_id WHERE c.code = $1")
        .bind(&janssens)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    use sqlx::Row;
    assert_eq!(row.try_get::<String, _>("region").unwrap(), "OVL");
    assert_eq!(row.try_get::<String, _>("case_type").unwrap(), "index");
    assert!(row
        .try_get::<bool, _>("erased")
        .unwrap_or_else(|_| row.try_get::<i64, _>("erased").unwrap() == 1));
    let history = agent.case_history(&janssens).await.json();
    assert!(history["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "case.purged"));
    app.stop().await;
}
both_backends!(retention_purges_personal_data);

async fn contacts_become_linked_cases(backend: Backend) {
    let app = TestApp::start(backend).await;
    import_fixture(&app).await;
    let agent = app.login_as(Role::Agent).await;
    let janssens = codes(&agent.search("0470123456").await)[0].clone();
    let items: Vec<serde_json::Map<String, Value>> = vec![
        json!({"first_name": "Jan", "last_name": "Jacobs", "phone": "+32471223344", "last_contact_date": "2026-11-19"}),
        json!({"first_name": "Lies", "last_name": "Wouters", "phone": "+32475112233", "last_contact_date": "2026-11-19"}),
    ]
    .into_iter()
    .map(|v| v.as_object().unwrap().clone())
    .collect();
    let outcomes = cases::contacts::record_contacts(&app.kernel, &janssens, &items, "test")
        .await
        .unwrap();
    assert!(
        matches!(outcomes[0], cases::store::CaseOutcome::Merged(_)),
        "Jacobs is on file already: {outcomes:?}"
    );
    assert!(
        matches!(outcomes[1], cases::store::CaseOutcome::Created(_)),
        "{outcomes:?}"
    );
    let wouters = app.login_as(Role::Supervisor).await.search("Wouters").await;
    assert_eq!(wouters.len(), 1);
    assert_eq!(wouters[0]["case_type"], "contact");
    let code = wouters[0]["case_code"].as_str().unwrap();
    let opened = agent
        .open_case_breaking_glass(code, "checking the contact linked on the call")
        .await
        .json();
    assert_eq!(opened["case"]["exposure_date"], "2026-11-19");
    assert!(opened["case"]["index_case_id"].is_string());
    app.stop().await;
}
both_backends!(contacts_become_linked_cases);

/// The same searches through the Meilisearch backend, when a Meilisearch URL is given
/// (`TRACECALL_TEST_MEILI_URL`; `tests/run` starts one when its binary is present).
async fn meilisearch_backend(backend: Backend) {
    let Ok(url) = std::env::var("TRACECALL_TEST_MEILI_URL") else {
        eprintln!("TRACECALL_TEST_MEILI_URL not set: Meilisearch backend not exercised");
        return;
    };
    let index = format!("test_{}", crate::support::uuid_like());
    let cfg = json!({"search_backend": "meilisearch", "meilisearch_url": url, "meilisearch_index": index,
                     "meilisearch_key": std::env::var("TRACECALL_TEST_MEILI_KEY").ok()});
    let app = TestApp::start_with(
        backend,
        Arc::new(SystemClock),
        Keys::Fixed(crate::support::test_master_key(), Vec::new()),
        None,
        Some(cfg.clone()),
    )
    .await;
    // Imported in this process, with the Meilisearch configuration (a CLI run would need the
    // same configuration to queue the people it imports).
    let report = app.import(super::fixture().csv).await;
    assert!(report.people_created > 0, "{report:?}");
    let meili = cases::meili::Meili::new(&serde_json::from_value(cfg).unwrap()).unwrap();
    meili.prepare().await.unwrap();
    while cases::meili::drain_outbox(&app.kernel, &meili)
        .await
        .unwrap()
        > 0
    {}
    let agent = app.login_as(Role::Supervisor).await;
    let by_phone = codes(&agent.search("+32 470 12 34 56").await);
    assert_eq!(by_phone.len(), 1);
    assert_eq!(codes(&agent.search("Jansens").await), by_phone);
    assert_eq!(codes(&agent.search("Jan").await).len(), 2);

    // A status change reaches the index through the outbox.
    let supervisor = app.login_as(Role::Supervisor).await;
    let closed = supervisor.set_case_status(&by_phone[0], "closed").await;
    assert_eq!(closed.status, 200, "{}", closed.text);
    while cases::meili::drain_outbox(&app.kernel, &meili)
        .await
        .unwrap()
        > 0
    {}
    let person: String = sqlx::query_scalar("SELECT person_id FROM cases WHERE code = $1")
        .bind(&by_phone[0])
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    let mut get = reqwest::Client::new().get(format!(
        "{}/indexes/{index}/documents/{person}",
        url.trim_end_matches('/')
    ));
    if let Ok(key) = std::env::var("TRACECALL_TEST_MEILI_KEY") {
        get = get.bearer_auth(key);
    }
    let doc: Value = get.send().await.unwrap().json().await.unwrap();
    assert_eq!(doc["statuses"], json!(["closed"]), "{doc}");
    app.stop().await;
}
both_backends!(meilisearch_backend);

/// Meilisearch configured but not answering (here: nothing listens on its port): the node
/// starts, and searches are answered from the token index — the same people found — with
/// the fallback counted in the metrics, instead of failing.
async fn meilisearch_down_falls_back_to_the_token_index(backend: Backend) {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let cfg = json!({"search_backend": "meilisearch", "meilisearch_url": url, "meilisearch_index": "people"});
    let app = TestApp::start_with(
        backend,
        Arc::new(SystemClock),
        Keys::Fixed(crate::support::test_master_key(), Vec::new()),
        None,
        Some(cfg),
    )
    .await;
    let report = app.import(super::fixture().csv).await;
    assert!(report.people_created > 0, "{report:?}");
    let sup = app.login_as(Role::Supervisor).await;
    let by_phone = codes(&sup.search("+32 470 12 34 56").await);
    assert_eq!(by_phone.len(), 1);
    assert_eq!(codes(&sup.search("Jansens").await), by_phone);
    let metrics = app.anonymous().get("/metrics").await;
    let line = metrics
        .text
        .lines()
        .find(|l| {
            l.starts_with("tracecall_search_fallbacks_total")
                || l.starts_with("search_fallbacks_total")
        })
        .unwrap_or_else(|| panic!("no fallback counter in\n{}", metrics.text))
        .to_string();
    let count: f64 = line.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(count >= 2.0, "{line}");
    app.stop().await;
}
both_backends!(meilisearch_down_falls_back_to_the_token_index);
