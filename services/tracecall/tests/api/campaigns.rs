//! The campaign engine end to end: generation, exclusive claims under concurrency, leases,
//! retries and callbacks with a moved clock, language routing; on both backends.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::support::{Backend, TestApp};
use kernel::auth::Role;
use kernel::clock::ManualClock;
use serde_json::{json, Value};

/// Imports `n` cases, alternately French- and Dutch-speaking.
async fn seed(app: &TestApp, n: u32) {
    let mut csv = String::from("first_name,last_name,phone,language,postal_code,case_type\n");
    for i in 0..n {
        let lang = if i % 2 == 0 { "fr" } else { "nl" };
        csv.push_str(&format!(
            "P{i},Person,+3247{:07},{lang},1000,{}\n",
            8_000_000 + i,
            if i % 3 == 0 { "index" } else { "contact" }
        ));
    }
    let report = app.import(csv).await;
    assert_eq!(report.cases_created, u64::from(n));
}

async fn launch(app: &TestApp, body: Value) -> (reqwest::Client, String, Value) {
    let supervisor = app.client_as(Role::Supervisor).await;
    let created: Value = supervisor
        .post(app.url("/api/v1/campaigns"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{created}"))
        .to_string();
    let launched: Value = supervisor
        .post(app.url(&format!("/api/v1/campaigns/{id}/launch")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (supervisor, id, launched)
}

fn campaign(policy: Value) -> Value {
    json!({"name": "Follow-up", "script_id": "index_case", "languages": ["fr", "nl"], "policy": policy})
}

async fn agent_with(app: &TestApp, languages: &[&str]) -> reqwest::Client {
    let (email, _) = app.add_user_with(Role::Agent, None, languages).await;
    app.login(&email).await
}

async fn next(app: &TestApp, agent: &reqwest::Client) -> Option<Value> {
    let answer = agent
        .post(app.url("/api/v1/agent/next"))
        .send()
        .await
        .unwrap();
    match answer.status().as_u16() {
        204 => None,
        200 => Some(answer.json::<Value>().await.unwrap()["order"].clone()),
        other => panic!("unexpected {other}: {}", answer.text().await.unwrap()),
    }
}

async fn generation_is_idempotent(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 12).await;
    let (supervisor, id, launched) = launch(&app, campaign(json!({}))).await;
    assert_eq!(launched["orders"]["open"], 12, "{launched}");
    let again: Value = supervisor
        .post(app.url(&format!("/api/v1/campaigns/{id}/launch")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        again["orders"]["open"], 12,
        "launching twice creates no duplicate: {again}"
    );
    // Paused: nothing is offered.
    supervisor
        .post(app.url(&format!("/api/v1/campaigns/{id}/pause")))
        .send()
        .await
        .unwrap();
    let agent = app.client_as(Role::Agent).await;
    assert!(next(&app, &agent).await.is_none());
    // Agents may not manage campaigns.
    assert_eq!(
        agent
            .post(app.url(&format!("/api/v1/campaigns/{id}/launch")))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    app.stop().await;
}
both_backends!(generation_is_idempotent);

async fn claims_are_exclusive(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 30).await;
    launch(&app, campaign(json!({}))).await;
    let mut agents = Vec::new();
    for _ in 0..40 {
        agents.push(app.client_as(Role::Agent).await);
    }
    let url = app.url("/api/v1/agent/next");
    let rush = agents.iter().map(|a| {
        let (a, url) = (a.clone(), url.clone());
        async move {
            let r = a.post(url).send().await.unwrap();
            if r.status() == 200 {
                Some(
                    r.json::<Value>().await.unwrap()["order"]["id"]
                        .as_i64()
                        .unwrap(),
                )
            } else {
                None
            }
        }
    });
    let got: Vec<Option<i64>> = futures::future::join_all(rush).await;
    let ids: Vec<i64> = got.iter().flatten().copied().collect();
    assert_eq!(
        ids.len(),
        30,
        "every order served, ten agents left without: {got:?}"
    );
    assert_eq!(
        ids.iter().collect::<BTreeSet<_>>().len(),
        30,
        "no order given twice"
    );
    // Asking again returns the order already held.
    for (agent, first) in agents.iter().zip(&got) {
        let again = next(&app, agent).await.map(|o| o["id"].as_i64().unwrap());
        assert_eq!(again, *first);
    }
    // The claim history shows no order held by two agents at once.
    use sqlx::Row;
    let rows = sqlx::query("SELECT order_id, agent_id, claimed_at, ended_at FROM order_claims")
        .fetch_all(app.kernel.db.pool())
        .await
        .unwrap();
    let mut by_order: BTreeMap<i64, Vec<(i64, i64)>> = BTreeMap::new();
    for r in rows {
        let end: Option<i64> = r.try_get("ended_at").unwrap();
        by_order
            .entry(r.try_get("order_id").unwrap())
            .or_default()
            .push((r.try_get("claimed_at").unwrap(), end.unwrap_or(i64::MAX)));
    }
    for (order, mut spans) in by_order {
        spans.sort();
        for w in spans.windows(2) {
            assert!(
                w[0].1 <= w[1].0,
                "order {order} held twice at once: {spans:?}"
            );
        }
    }
    app.stop().await;
}
both_backends!(claims_are_exclusive);

async fn leases_retries_and_callbacks_follow_the_clock(backend: Backend) {
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let app = TestApp::start_with_clock(backend, clock.clone()).await;
    seed(&app, 1).await;
    launch(&app, campaign(json!({"lease_seconds": 60, "retry_minutes_no_answer": 60, "callback_hold_minutes": 15}))).await;
    let a = app.client_as(Role::Agent).await;
    let b = app.client_as(Role::Agent).await;
    let x = next(&app, &a).await.unwrap();
    let id = x["id"].as_i64().unwrap();
    assert!(next(&app, &b).await.is_none(), "held by A");
    // A vanishes: the lease expires and B gets the order, without an attempt counted.
    clock.advance(chrono::Duration::seconds(61));
    let again = next(&app, &b).await.unwrap();
    assert_eq!(again["id"], id);
    assert_eq!(again["attempts"], 0);
    let late = a
        .post(app.url(&format!("/api/v1/orders/{id}/outcome")))
        .json(&json!({"outcome": "reached"}))
        .send()
        .await
        .unwrap();
    assert_eq!(late.status(), 409, "A no longer holds it");
    // A heartbeat keeps it past the lease.
    clock.advance(chrono::Duration::seconds(50));
    assert_eq!(
        b.post(app.url(&format!("/api/v1/orders/{id}/heartbeat")))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    clock.advance(chrono::Duration::seconds(50));
    assert!(
        next(&app, &a).await.is_none(),
        "still B's after the heartbeat"
    );
    // No answer: retried after the delay, with the attempt counted.
    let s: Value = b
        .post(app.url(&format!("/api/v1/orders/{id}/outcome")))
        .json(&json!({"outcome": "no_answer"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(s["state"], "open");
    assert!(next(&app, &a).await.is_none(), "not due yet");
    clock.advance(chrono::Duration::minutes(61));
    let retry = next(&app, &a).await.unwrap();
    assert_eq!(retry["attempts"], 1);
    // A callback two hours later is offered to A, not B, until its hold passes.
    let at = (clock.now() + chrono::Duration::hours(2)).to_rfc3339();
    let s: Value = a
        .post(app.url(&format!("/api/v1/orders/{id}/outcome")))
        .json(&json!({"outcome": "callback", "callback_at": at}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(s["state"], "open");
    clock.advance(chrono::Duration::hours(2));
    assert!(next(&app, &b).await.is_none(), "kept for A");
    clock.advance(chrono::Duration::minutes(16));
    let to_b = next(&app, &b).await.unwrap();
    assert_eq!(to_b["id"], id, "after the hold anyone may take it");
    let done: Value = b
        .post(app.url(&format!("/api/v1/orders/{id}/outcome")))
        .json(&json!({"outcome": "reached"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(done["state"], "done");
    assert!(next(&app, &a).await.is_none());
    app.stop().await;
}
use kernel::clock::Clock;
both_backends!(leases_retries_and_callbacks_follow_the_clock);

async fn orders_follow_the_agents_languages(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 6).await;
    launch(&app, campaign(json!({}))).await;
    let english = agent_with(&app, &["en"]).await;
    assert!(next(&app, &english).await.is_none());
    for _ in 0..3 {
        let dutch = agent_with(&app, &["nl"]).await;
        let order = next(&app, &dutch).await.unwrap();
        assert_eq!(order["language"], "nl");
    }
    let dutch = agent_with(&app, &["nl"]).await;
    assert!(
        next(&app, &dutch).await.is_none(),
        "the three Dutch orders are taken"
    );
    app.stop().await;
}
both_backends!(orders_follow_the_agents_languages);

async fn calling_windows_follow_the_clock(backend: Backend) {
    // Saturday 28 November 2026, noon in Brussels.
    let start = chrono::DateTime::parse_from_rfc3339("2026-11-28T11:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let clock = Arc::new(ManualClock::new(start));
    let app = TestApp::start_with_clock(backend, clock.clone()).await;
    seed(&app, 1).await;
    let weekdays: serde_json::Map<String, Value> = ["mon", "tue", "wed", "thu", "fri"]
        .iter()
        .map(|d| (d.to_string(), json!([["09:00", "17:00"]])))
        .collect();
    launch(
        &app,
        campaign(json!({"windows": weekdays, "retry_minutes_no_answer": 60})),
    )
    .await;
    let agent = app.client_as(Role::Agent).await;
    assert!(
        next(&app, &agent).await.is_none(),
        "nobody is called on Saturday"
    );
    // Monday 30 November, 09:00 in Brussels (08:00 UTC).
    clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-11-30T08:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc),
    );
    let agent = app.client_as(Role::Agent).await;
    let order = next(&app, &agent).await.expect("open on Monday morning");
    let id = order["id"].as_i64().unwrap();
    // 16:30: no answer; the retry (60 minutes) would fall after 17:00, so it waits for Tuesday.
    clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-11-30T15:30:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc),
    );
    let s: Value = agent
        .post(app.url(&format!("/api/v1/orders/{id}/outcome")))
        .json(&json!({"outcome": "no_answer"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        s["due_at"],
        chrono::DateTime::parse_from_rfc3339("2026-12-01T08:00:00Z")
            .unwrap()
            .timestamp_millis(),
        "{s}"
    );
    clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-11-30T16:45:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc),
    );
    assert!(next(&app, &agent).await.is_none());
    clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-12-01T08:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc),
    );
    // Sessions follow the clock too: the next morning's shift logs in again.
    let agent = app.client_as(Role::Agent).await;
    assert_eq!(next(&app, &agent).await.unwrap()["id"], id);
    app.stop().await;
}
both_backends!(calling_windows_follow_the_clock);

async fn urgent_cases_come_first(backend: Backend) {
    let app = TestApp::start(backend).await;
    // The contact is imported first; the index case is ranked as if its deadline were earlier.
    let csv = "first_name,last_name,phone,language,case_type\nC,Contact,+32478000001,fr,contact\nI,Index,+32478000002,nl,index\n";
    app.import(csv.to_string()).await;
    launch(
        &app,
        campaign(json!({"deadline_hours": 24, "index_case_boost_minutes": 240})),
    )
    .await;
    let agent = app.client_as(Role::Agent).await;
    assert_eq!(
        next(&app, &agent).await.unwrap()["language"],
        "nl",
        "the index case first"
    );
    app.stop().await;
}
both_backends!(urgent_cases_come_first);

async fn supervisors_steer_orders(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 4).await;
    let (supervisor, _, _) = launch(&app, campaign(json!({}))).await;
    use sqlx::Row;
    let ids: Vec<i64> = sqlx::query("SELECT id FROM call_orders ORDER BY rank_at, due_at, id")
        .fetch_all(app.kernel.db.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get("id").unwrap())
        .collect();
    let act = |id: i64, body: Value| {
        let (s, url) = (
            supervisor.clone(),
            app.url(&format!("/api/v1/orders/{id}/supervise")),
        );
        async move {
            s.post(url)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    // The last order in the queue, raised a day, comes first.
    assert_eq!(
        act(ids[3], json!({"action": "raise", "minutes": 1440})).await,
        204
    );
    let a = app.client_as(Role::Agent).await;
    assert_eq!(next(&app, &a).await.unwrap()["id"], ids[3]);
    // Cancelled: never offered.
    assert_eq!(act(ids[0], json!({"action": "cancel"})).await, 204);
    // Reassigned to B: taken from A (who held it) and kept for B.
    let b_email = app.add_user(Role::Agent, None).await;
    let b_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(&b_email)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert_eq!(
        act(ids[3], json!({"action": "reassign", "agent_id": b_id})).await,
        204
    );
    let b = app.login(&b_email).await;
    assert_eq!(next(&app, &b).await.unwrap()["id"], ids[3]);
    let late = a
        .post(app.url(&format!("/api/v1/orders/{}/outcome", ids[3])))
        .json(&json!({"outcome": "reached"}))
        .send()
        .await
        .unwrap();
    assert_eq!(late.status(), 409, "A lost the order");
    let offered: Vec<i64> = [
        next(&app, &a).await,
        next(&app, &app.client_as(Role::Agent).await).await,
    ]
    .into_iter()
    .flatten()
    .map(|o| o["id"].as_i64().unwrap())
    .collect();
    assert!(
        !offered.contains(&ids[0]),
        "cancelled orders are not offered: {offered:?}"
    );
    assert_eq!(
        act(ids[0], json!({"action": "raise", "minutes": 5})).await,
        409
    );
    assert_eq!(
        a.post(app.url(&format!("/api/v1/orders/{}/supervise", ids[1])))
            .json(&json!({"action": "cancel"}))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    app.stop().await;
}
both_backends!(supervisors_steer_orders);
