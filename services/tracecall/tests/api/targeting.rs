//! The campaign engine's selection and ranking: targets, the do-not-call list, deadlines
//! counted from the case's own dates and urgency weights (with a fixed clock), cancelling
//! and completing, and one agent asking twice at once. On both backends.

use std::sync::Arc;

use crate::support::{campaign_body, Backend, Session, TestApp};
use chrono::{TimeZone, Utc};
use kernel::auth::Role;
use kernel::clock::ManualClock;
use serde_json::json;

/// The case of the next order offered to `agent`, if any.
async fn next_case(agent: &Session) -> Option<String> {
    let order = agent.claim_order().await?;
    Some(order["case_id"].as_str().unwrap().to_string())
}

/// Takes the next order and reaches the person.
async fn done(agent: &Session) {
    let id = agent.next_order().await.json()["order"]["id"]
        .as_i64()
        .unwrap();
    let reached = agent.outcome(id, &json!({"outcome": "reached"})).await;
    assert_eq!(reached.status, 200);
}

/// Deadlines run from the case's registration (its exact test and exposure dates are
/// sealed); rank moves index cases and the elderly forward.
async fn deadlines_and_urgency_follow_the_case(backend: Backend) {
    let at = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
    let clock = Arc::new(ManualClock::new(at));
    let app = TestApp::start_with_clock(backend, clock.clone()).await;
    app.import(
        "first_name,last_name,phone,birth_date,language,case_type,test_date,exposure_date\n\
         Adult,Contact,+32478100001,1990-01-01,fr,contact,,2026-11-19\n\
         Old,Contact,+32478100002,1940-01-01,fr,contact,,2026-11-19\n\
         Index,Case,+32478100003,1990-01-01,fr,index,2026-11-19,\n"
            .to_string(),
    )
    .await;
    let sup = app.login_as(Role::Supervisor).await;
    sup.create_and_launch_campaign(
        // Both case types in one campaign, to see them ranked: the script on purpose.
        &json!({"name": "Urgent", "script_id": "index_case", "languages": ["fr"],
        "script_override": true,
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
        .with_ymd_and_hms(2026, 11, 21, 9, 0, 0)
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
        "24 h after registration: {rows:?}"
    );
    assert_eq!(
        rows[0].2,
        deadline - 240 * 60_000,
        "index case: 4 h earlier"
    );
    assert_eq!(rows[1].2, deadline - 120 * 60_000, "80+: 2 h earlier");
    // The dashboard counts them at risk once the deadline is under two hours away.
    let figures = campaigns::figures::campaigns(&app.kernel).await.unwrap();
    assert_eq!(figures[0].at_risk, 0);
    clock.advance(chrono::Duration::hours(23));
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
    let sup = app.login_as(Role::Supervisor).await;
    let changed = sup
        .do_not_call(&json!({"phone": "0478/20.00.01", "reason": "asked"}))
        .await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    let view = sup
        .create_and_launch_campaign(&campaign_body("All", "contact", &["fr"]))
        .await
        .view;
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

    let view = sup
        .create_and_launch_campaign(
            &json!({"name": "Liège 70+", "script_id": "contact", "languages": ["fr"],
            "target": {"regions": ["LIE"], "age_bands": ["70-79"]}}),
        )
        .await
        .view;
    assert_eq!(view["orders"]["open"], 1, "{view}");
    // An imported list of one case code: C's (Liège, 30-39).
    let code: String =
        sqlx::query_scalar("SELECT code FROM cases WHERE region = 'LIE' AND age_band = '30-39'")
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap();
    let view = sup
        .create_and_launch_campaign(
            &json!({"name": "Listed", "script_id": "contact", "languages": ["fr"],
            "target": {"case_codes": [code]}}),
        )
        .await
        .view;
    assert_eq!(view["orders"]["open"], 1, "{view}");

    // Listing a number later cancels its open orders: C's in "All" and in "Listed".
    let changed = sup.do_not_call(&json!({"phone": "+32 478 20 00 03"})).await;
    assert_eq!(changed.body["orders_cancelled"], 2, "{}", changed.text);
    let refused = sup.do_not_call(&json!({"phone": "not a number"})).await;
    assert_eq!(refused.status, 422);
    app.stop().await;
}
both_backends!(targets_and_do_not_call);

/// A listed number's token that another person holds for another identifier (tokens are
/// short and share one table) does not keep that person from being called: every match is
/// confirmed against the person's own phone.
async fn do_not_call_matches_phones_only(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.import(
        "first_name,last_name,phone,birth_date,language,case_type\n\
         Ann,Kept,+32478300001,1990-01-01,fr,contact\n\
         Bob,Listed,+32478300002,1950-01-01,fr,contact\n"
            .to_string(),
    )
    .await;
    let k = &app.kernel;
    let ann: String = sqlx::query_scalar("SELECT MIN(person_id) FROM person_tokens")
        .fetch_one(k.db.pool())
        .await
        .unwrap();
    let ann_phone = {
        let mut conn = k.db.pool().acquire().await.unwrap();
        cases::store::load_person(k, &mut conn, &ann)
            .await
            .unwrap()
            .phone
            .unwrap()
    };
    // One of Ann's tokens that is not her phone's, listed as if a number had that token.
    let phone_token = k.blind.token("phone", &ann_phone);
    let other: i64 = sqlx::query_scalar(
        "SELECT token FROM person_tokens WHERE person_id = $1 AND token <> $2 LIMIT 1",
    )
    .bind(&ann)
    .bind(phone_token)
    .fetch_one(k.db.pool())
    .await
    .unwrap();
    sqlx::query("INSERT INTO do_not_call (token, reason, added_by, added_at) VALUES ($1, 'collision', 'test', 0)")
        .bind(other)
        .execute(k.db.writer())
        .await
        .unwrap();
    // Whoever is not Ann is listed by their real number.
    let listed = if ann_phone == "+32478300001" {
        "+32478300002"
    } else {
        "+32478300001"
    };
    let sup = app.login_as(Role::Supervisor).await;
    assert_eq!(sup.do_not_call(&json!({"phone": listed})).await.status, 200);
    let view = sup
        .create_and_launch_campaign(&campaign_body("All", "contact", &["fr"]))
        .await
        .view;
    assert_eq!(view["orders"]["open"], 1, "{view}");
    let called: String = sqlx::query_scalar(
        "SELECT c.person_id FROM call_orders o JOIN cases c ON c.id = o.case_id",
    )
    .fetch_one(k.db.pool())
    .await
    .unwrap();
    assert_eq!(called, ann, "the colliding token does not drop Ann");
    app.stop().await;
}
both_backends!(do_not_call_matches_phones_only);

/// Cancelling takes the orders off the queue; the last order done completes a campaign.
async fn cancel_and_complete(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.import(
        "first_name,last_name,phone,language,case_type\nA,One,+32478300001,fr,contact\n"
            .to_string(),
    )
    .await;
    let sup = app.login_as(Role::Supervisor).await;
    let agent = app.login_as(Role::Agent).await;
    let first = sup
        .create_and_launch_campaign(&campaign_body("First", "contact", &["fr"]))
        .await
        .id;
    let view = sup.cancel_campaign(&first).await.expect_json(200);
    assert_eq!(view["campaign"]["status"], "cancelled");
    assert_eq!(view["orders"]["cancelled"], 1);
    assert_eq!(next_case(&agent).await, None);
    let again = sup.launch_campaign(&first).await;
    assert_eq!(again.status, 409, "a cancelled campaign stays cancelled");

    let second = sup
        .create_and_launch_campaign(&campaign_body("Second", "contact", &["fr"]))
        .await
        .id;
    done(&agent).await;
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
    let sup = app.login_as(Role::Supervisor).await;
    sup.create_and_launch_campaign(&campaign_body("Many", "contact", &["fr"]))
        .await;
    let agent = app.login_as(Role::Agent).await;
    let asks: Vec<_> = (0..10)
        .map(|_| {
            let agent = agent.clone();
            tokio::spawn(async move {
                let v = agent.next_order().await.json();
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
