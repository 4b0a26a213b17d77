//! The campaign engine's selection and ranking: targets, the do-not-call list, deadlines
//! counted from the case's own dates and urgency weights (with a fixed clock), cancelling
//! and completing, and one agent asking twice at once. On both backends.

use std::sync::Arc;

use crate::support::{Backend, TestApp};
use chrono::{TimeZone, Utc};
use kernel::auth::Role;
use kernel::clock::ManualClock;
use serde_json::{json, Value};

async fn create(app: &TestApp, sup: &reqwest::Client, body: Value) -> String {
    let created: Value = sup
        .post(app.url("/api/v1/campaigns"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    created["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{created}"))
        .to_string()
}

async fn post(app: &TestApp, c: &reqwest::Client, path: &str, body: Value) -> (u16, Value) {
    let r = c.post(app.url(path)).json(&body).send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn launch(app: &TestApp, sup: &reqwest::Client, body: Value) -> (String, Value) {
    let id = create(app, sup, body).await;
    let (status, view) = post(
        app,
        sup,
        &format!("/api/v1/campaigns/{id}/launch"),
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{view}");
    (id, view)
}

async fn next_case(app: &TestApp, agent: &reqwest::Client) -> Option<String> {
    let r = agent
        .post(app.url("/api/v1/agent/next"))
        .send()
        .await
        .unwrap();
    if r.status() == 204 {
        return None;
    }
    let order: Value = r.json().await.unwrap();
    Some(order["order"]["case_id"].as_str().unwrap().to_string())
}

async fn done(app: &TestApp, agent: &reqwest::Client) {
    let r: Value = agent
        .post(app.url("/api/v1/agent/next"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = r["order"]["id"].as_i64().unwrap();
    let (status, _) = post(
        app,
        agent,
        &format!("/api/v1/orders/{id}/outcome"),
        json!({"outcome": "reached"}),
    )
    .await;
    assert_eq!(status, 200);
}

/// Deadlines start at the case's test or exposure day; rank moves index cases and the
/// elderly forward.
async fn deadlines_and_urgency_follow_the_case(backend: Backend) {
    let at = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
    let app = TestApp::start_with_clock(backend, Arc::new(ManualClock::new(at))).await;
    app.import(
        "first_name,last_name,phone,birth_date,language,case_type,test_date,exposure_date\n\
         Adult,Contact,+32478100001,1990-01-01,fr,contact,,2026-11-19\n\
         Old,Contact,+32478100002,1940-01-01,fr,contact,,2026-11-19\n\
         Index,Case,+32478100003,1990-01-01,fr,index,2026-11-19,\n"
            .to_string(),
    )
    .await;
    let sup = app.client_as(Role::Supervisor).await;
    launch(
        &app,
        &sup,
        json!({"name": "Urgent", "script_id": "index_case", "languages": ["fr"],
        "policy": {"deadline_hours": 24, "index_case_boost_minutes": 240}}),
    )
    .await;
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT c.case_type || ':' || c.age_band, o.deadline_at, o.rank_at FROM call_orders o JOIN cases c ON c.id = o.case_id ORDER BY o.rank_at",
    )
    .fetch_all(app.kernel.db.pool())
    .await
    .unwrap();
    let deadline = Utc
        .with_ymd_and_hms(2026, 11, 20, 0, 0, 0)
        .unwrap()
        .timestamp_millis();
    let kinds: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        kinds,
        ["index:30-39", "contact:80+", "contact:30-39"],
        "{rows:?}"
    );
    assert!(
        rows.iter().all(|r| r.1 == deadline),
        "24 h after the test or exposure day: {rows:?}"
    );
    assert_eq!(
        rows[0].2,
        deadline - 240 * 60_000,
        "index case: 4 h earlier"
    );
    assert_eq!(rows[1].2, deadline - 120 * 60_000, "80+: 2 h earlier");
    // The dashboard counts them at risk: the deadline is under two hours away... or past.
    let figures = campaigns::figures::campaigns(&app.kernel).await.unwrap();
    assert_eq!(figures[0].at_risk, 3);
    app.stop().await;
}
both_backends!(deadlines_and_urgency_follow_the_case);

/// Targets narrow the selection; numbers on the do-not-call list are never called.
async fn targets_and_do_not_call(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.import(
        "first_name,last_name,phone,birth_date,language,postal_code,case_type\n\
         A,One,+32478200001,1990-01-01,fr,1000,contact\n\
         B,Two,+32478200002,1950-01-01,fr,4000,contact\n\
         C,Three,+32478200003,1990-01-01,fr,4000,contact\n"
            .to_string(),
    )
    .await;
    let sup = app.client_as(Role::Supervisor).await;
    let (status, changed) = post(
        &app,
        &sup,
        "/api/v1/do-not-call",
        json!({"phone": "0478/20.00.01", "reason": "asked"}),
    )
    .await;
    assert_eq!(status, 200, "{changed}");
    let (_, view) = launch(
        &app,
        &sup,
        json!({"name": "All", "script_id": "index_case", "languages": ["fr"]}),
    )
    .await;
    assert_eq!(
        view["orders"]["open"], 2,
        "the listed number is left out: {view}"
    );
    let raw: Vec<u8> = sqlx::query_scalar::<_, i64>("SELECT token FROM do_not_call")
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap()
        .to_string()
        .into_bytes();
    assert!(
        !String::from_utf8_lossy(&raw).contains("478200001"),
        "a token, not the number"
    );

    let (_, view) = launch(
        &app,
        &sup,
        json!({"name": "Liège 70+", "script_id": "index_case", "languages": ["fr"],
        "target": {"regions": ["LIE"], "age_bands": ["70-79"]}}),
    )
    .await;
    assert_eq!(view["orders"]["open"], 1, "{view}");
    // An imported list of one case code: C's (Liège, 30-39).
    let code: String =
        sqlx::query_scalar("SELECT code FROM cases WHERE region = 'LIE' AND age_band = '30-39'")
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap();
    let (_, view) = launch(
        &app,
        &sup,
        json!({"name": "Listed", "script_id": "index_case", "languages": ["fr"],
        "target": {"case_codes": [code]}}),
    )
    .await;
    assert_eq!(view["orders"]["open"], 1, "{view}");

    // Listing a number later cancels its open orders: C's in "All" and in "Listed".
    let (_, changed) = post(
        &app,
        &sup,
        "/api/v1/do-not-call",
        json!({"phone": "+32 478 20 00 03"}),
    )
    .await;
    assert_eq!(changed["orders_cancelled"], 2, "{changed}");
    let (status, _) = post(
        &app,
        &sup,
        "/api/v1/do-not-call",
        json!({"phone": "not a number"}),
    )
    .await;
    assert_eq!(status, 422);
    app.stop().await;
}
both_backends!(targets_and_do_not_call);

/// Cancelling takes the orders off the queue; the last order done completes a campaign.
async fn cancel_and_complete(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.import(
        "first_name,last_name,phone,language,case_type\nA,One,+32478300001,fr,contact\n"
            .to_string(),
    )
    .await;
    let sup = app.client_as(Role::Supervisor).await;
    let agent = app.client_as(Role::Agent).await;
    let (first, _) = launch(
        &app,
        &sup,
        json!({"name": "First", "script_id": "index_case", "languages": ["fr"]}),
    )
    .await;
    let (status, view) = post(
        &app,
        &sup,
        &format!("/api/v1/campaigns/{first}/cancel"),
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(view["campaign"]["status"], "cancelled");
    assert_eq!(view["orders"]["cancelled"], 1);
    assert_eq!(next_case(&app, &agent).await, None);
    let (status, _) = post(
        &app,
        &sup,
        &format!("/api/v1/campaigns/{first}/launch"),
        json!({}),
    )
    .await;
    assert_eq!(status, 409, "a cancelled campaign stays cancelled");

    let (second, _) = launch(
        &app,
        &sup,
        json!({"name": "Second", "script_id": "index_case", "languages": ["fr"]}),
    )
    .await;
    done(&app, &agent).await;
    let status: String = sqlx::query_scalar("SELECT status FROM campaigns WHERE id = $1")
        .bind(&second)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert_eq!(status, "completed", "its last order is done");
    app.stop().await;
}
both_backends!(cancel_and_complete);

/// One agent asking ten times at once (tabs, nodes) holds one order.
async fn one_agent_asking_at_once_holds_one_order(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut csv = String::from("first_name,last_name,phone,language,case_type\n");
    for i in 0..10 {
        csv.push_str(&format!("P{i},Many,+3247840{i:04},fr,contact\n"));
    }
    app.import(csv).await;
    let sup = app.client_as(Role::Supervisor).await;
    launch(
        &app,
        &sup,
        json!({"name": "Many", "script_id": "index_case", "languages": ["fr"]}),
    )
    .await;
    let agent = app.client_as(Role::Agent).await;
    let asks: Vec<_> = (0..10)
        .map(|_| {
            let (agent, url) = (agent.clone(), app.url("/api/v1/agent/next"));
            tokio::spawn(async move {
                let v: Value = agent.post(url).send().await.unwrap().json().await.unwrap();
                v["order"]["id"].as_i64().unwrap()
            })
        })
        .collect();
    let mut ids = Vec::new();
    for a in asks {
        ids.push(a.await.unwrap());
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 1, "{ids:?}");
    let leased: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM call_orders WHERE state = 'leased'")
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert_eq!(leased, 1);
    app.stop().await;
}
both_backends!(one_agent_asking_at_once_holds_one_order);
