//! The campaign engine end to end: generation, exclusive claims under concurrency, leases,
//! retries and callbacks with a moved clock, language routing; on both backends.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::support::{campaign_body, Backend, Launched, Session, TestApp};
use kernel::auth::Role;
use kernel::clock::ManualClock;
use serde_json::{json, Value};

mod builder;
mod figures;
mod fit;
mod metrics;

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

/// A new supervisor creates and launches `body`.
async fn launch(app: &TestApp, body: Value) -> (Session, Launched) {
    let supervisor = app.login_as(Role::Supervisor).await;
    let launched = supervisor.create_and_launch_campaign(&body).await;
    (supervisor, launched)
}

/// One campaign over both case types (dispatch is what these tests look at): the script is
/// used on contacts too, on purpose.
fn campaign(policy: Value) -> Value {
    let mut body = campaign_body("Follow-up", "index_case", &["fr", "nl"]);
    body["policy"] = policy;
    body["script_override"] = json!(true);
    body
}

async fn agent_with(app: &TestApp, languages: &[&str]) -> Session {
    let (email, _) = app.add_user_with(Role::Agent, None, languages).await;
    app.session(&email).await
}

async fn generation_is_idempotent(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 12).await;
    let (supervisor, Launched { id, view }) = launch(&app, campaign(json!({}))).await;
    assert_eq!(view["orders"]["open"], 12, "{view}");
    let again = supervisor.launch_campaign(&id).await.json();
    assert_eq!(
        again["orders"]["open"], 12,
        "launching twice creates no duplicate: {again}"
    );
    // Paused: nothing is offered.
    supervisor.pause_campaign(&id).await;
    let agent = app.login_as(Role::Agent).await;
    assert!(agent.claim_order().await.is_none());
    // Agents may not manage campaigns.
    assert_eq!(agent.launch_campaign(&id).await.status, 403);
    app.stop().await;
}
both_backends!(generation_is_idempotent);

async fn claims_are_exclusive(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 30).await;
    launch(&app, campaign(json!({}))).await;
    let mut agents = Vec::new();
    for _ in 0..40 {
        agents.push(app.login_as(Role::Agent).await);
    }
    let rush = agents.iter().map(|a| async move {
        let r = a.next_order().await;
        if r.status == 200 {
            Some(r.json()["order"]["id"].as_i64().unwrap())
        } else {
            None
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
        let again = agent.claim_order().await.map(|o| o["id"].as_i64().unwrap());
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
    let a = app.login_as(Role::Agent).await;
    let b = app.login_as(Role::Agent).await;
    let x = a.claim_order().await.unwrap();
    let id = x["id"].as_i64().unwrap();
    assert!(b.claim_order().await.is_none(), "held by A");
    // A vanishes: the lease expires and B gets the order, without an attempt counted.
    clock.advance(chrono::Duration::seconds(61));
    let again = b.claim_order().await.unwrap();
    assert_eq!(again["id"], id);
    assert_eq!(again["attempts"], 0);
    let late = a.outcome(id, &json!({"outcome": "reached"})).await;
    assert_eq!(late.status, 409, "A no longer holds it");
    // A heartbeat keeps it past the lease.
    clock.advance(chrono::Duration::seconds(50));
    assert_eq!(b.heartbeat(id).await.status, 200);
    clock.advance(chrono::Duration::seconds(50));
    assert!(
        a.claim_order().await.is_none(),
        "still B's after the heartbeat"
    );
    // No answer: retried after the delay, with the attempt counted.
    let s = b.outcome(id, &json!({"outcome": "no_answer"})).await.json();
    assert_eq!(s["state"], "open");
    assert!(a.claim_order().await.is_none(), "not due yet");
    clock.advance(chrono::Duration::minutes(61));
    let retry = a.claim_order().await.unwrap();
    assert_eq!(retry["attempts"], 1);
    // A callback two hours later is offered to A, not B, until its hold passes.
    let at = (clock.now() + chrono::Duration::hours(2)).to_rfc3339();
    let callback = json!({"outcome": "callback", "callback_at": at});
    let s = a.outcome(id, &callback).await.json();
    assert_eq!(s["state"], "open");
    clock.advance(chrono::Duration::hours(2));
    assert!(b.claim_order().await.is_none(), "kept for A");
    clock.advance(chrono::Duration::minutes(16));
    let to_b = b.claim_order().await.unwrap();
    assert_eq!(to_b["id"], id, "after the hold anyone may take it");
    let done = b.outcome(id, &json!({"outcome": "reached"})).await.json();
    assert_eq!(done["state"], "done");
    assert!(a.claim_order().await.is_none());
    app.stop().await;
}
use kernel::clock::Clock;
both_backends!(leases_retries_and_callbacks_follow_the_clock);

/// In a rush (claims served together on PostgreSQL) a callback kept for an agent goes to
/// nobody else, an agent who holds an order keeps it, and the others share the rest, each
/// order once.
async fn a_rush_keeps_callbacks_and_held_orders(backend: Backend) {
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let app = TestApp::start_with_clock(backend, clock.clone()).await;
    seed(&app, 12).await;
    launch(&app, campaign(json!({"callback_hold_minutes": 30}))).await;
    let a = app.login_as(Role::Agent).await;
    let held_by = app.login_as(Role::Agent).await;
    let kept = a.claim_order().await.unwrap()["id"].as_i64().unwrap();
    let at = (clock.now() + chrono::Duration::hours(1)).to_rfc3339();
    let s = a
        .outcome(kept, &json!({"outcome": "callback", "callback_at": at}))
        .await
        .json();
    assert_eq!(s["state"], "open");
    clock.advance(chrono::Duration::minutes(61));
    let held = held_by.claim_order().await.unwrap()["id"].as_i64().unwrap();
    assert_ne!(held, kept, "the callback is kept for A");
    let mut others = Vec::new();
    for _ in 0..12 {
        others.push(app.login_as(Role::Agent).await);
    }
    let everyone: Vec<&Session> = std::iter::once(&a)
        .chain(std::iter::once(&held_by))
        .chain(others.iter())
        .collect();
    let got: Vec<Option<i64>> = futures::future::join_all(
        everyone
            .iter()
            .map(|s| async move { s.claim_order().await.map(|o| o["id"].as_i64().unwrap()) }),
    )
    .await;
    assert!(
        !got[1..].contains(&Some(kept)),
        "the callback kept for A goes to nobody else: {got:?}"
    );
    assert_eq!(
        got[1],
        Some(held),
        "an order held stays its holder's: {got:?}"
    );
    let ids: Vec<i64> = got.iter().flatten().copied().collect();
    assert_eq!(
        ids.iter().collect::<BTreeSet<_>>().len(),
        ids.len(),
        "no order given twice: {got:?}"
    );
    // Every order but a callback A did not take is served; two or three agents go without.
    let served = if got[0] == Some(kept) { 12 } else { 11 };
    assert_eq!(ids.len(), served, "{got:?}");
    app.stop().await;
}
both_backends!(a_rush_keeps_callbacks_and_held_orders);

async fn orders_follow_the_agents_languages(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 6).await;
    launch(&app, campaign(json!({}))).await;
    let english = agent_with(&app, &["en"]).await;
    assert!(english.claim_order().await.is_none());
    for _ in 0..3 {
        let dutch = agent_with(&app, &["nl"]).await;
        let order = dutch.claim_order().await.unwrap();
        assert_eq!(order["language"], "nl");
    }
    let dutch = agent_with(&app, &["nl"]).await;
    assert!(
        dutch.claim_order().await.is_none(),
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
    let agent = app.login_as(Role::Agent).await;
    assert!(
        agent.claim_order().await.is_none(),
        "nobody is called on Saturday"
    );
    // Monday 30 November, 09:00 in Brussels (08:00 UTC).
    clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-11-30T08:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc),
    );
    let agent = app.login_as(Role::Agent).await;
    let order = agent.claim_order().await.expect("open on Monday morning");
    let id = order["id"].as_i64().unwrap();
    // 16:30: no answer; the retry (60 minutes) would fall after 17:00, so it waits for Tuesday.
    clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-11-30T15:30:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc),
    );
    let s = agent
        .outcome(id, &json!({"outcome": "no_answer"}))
        .await
        .json();
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
    assert!(agent.claim_order().await.is_none());
    clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-12-01T08:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc),
    );
    // Sessions follow the clock too: the next morning's shift logs in again.
    let agent = app.login_as(Role::Agent).await;
    assert_eq!(agent.claim_order().await.unwrap()["id"], id);
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
    let agent = app.login_as(Role::Agent).await;
    assert_eq!(
        agent.claim_order().await.unwrap()["language"],
        "nl",
        "the index case first"
    );
    app.stop().await;
}
both_backends!(urgent_cases_come_first);

async fn supervisors_steer_orders(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 4).await;
    let (supervisor, _) = launch(&app, campaign(json!({}))).await;
    use sqlx::Row;
    let ids: Vec<i64> = sqlx::query("SELECT id FROM call_orders ORDER BY rank_at, due_at, id")
        .fetch_all(app.kernel.db.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get("id").unwrap())
        .collect();
    let act = |id: i64, body: Value| {
        let s = supervisor.clone();
        async move { s.supervise(id, &body).await.status }
    };
    // The last order in the queue, raised a day, comes first.
    assert_eq!(
        act(ids[3], json!({"action": "raise", "minutes": 1440})).await,
        204
    );
    let a = app.login_as(Role::Agent).await;
    assert_eq!(a.claim_order().await.unwrap()["id"], ids[3]);
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
    let b = app.session(&b_email).await;
    assert_eq!(b.claim_order().await.unwrap()["id"], ids[3]);
    let late = a.outcome(ids[3], &json!({"outcome": "reached"})).await;
    assert_eq!(late.status, 409, "A lost the order");
    let offered: Vec<i64> = [
        a.claim_order().await,
        app.login_as(Role::Agent).await.claim_order().await,
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
        a.supervise(ids[1], &json!({"action": "cancel"}))
            .await
            .status,
        403
    );
    app.stop().await;
}
both_backends!(supervisors_steer_orders);
