//! Crypto-shredding: two people called (answers, a submission), rung by the telephony and
//! opened by breaking the glass; one is erased by the DPO's command, the other later by
//! retention. What was sealed about each (captured from the raw database before, as a backup
//! or a WAL segment would hold it) stops decrypting with their erasure, and only theirs.

use std::sync::Arc;

use chrono::{Duration, Utc};
use kernel::auth::Role;
use kernel::crypto::envelope::Aad;
use serde_json::json;
use sqlx::Row;

use super::{agent, campaign, take_call};
use crate::support::cli::show;
use crate::support::{Backend, TestApp};

/// One sealed value as it sat in the database, and where it belongs.
struct Captured {
    table: &'static str,
    column: String,
    row: String,
    bytes: Vec<u8>,
}

/// What was sealed about the person of `case_id`: their call's answers and submission, the
/// break-glass justification naming them.
async fn capture(app: &TestApp, case_id: &str) -> Vec<Captured> {
    let db = app.kernel.db.pool();
    let mut out = Vec::new();
    let call: String = sqlx::query_scalar("SELECT id FROM calls WHERE case_id = $1")
        .bind(case_id)
        .fetch_one(db)
        .await
        .unwrap();
    for r in sqlx::query("SELECT field, value FROM call_answers WHERE call_id = $1")
        .bind(&call)
        .fetch_all(db)
        .await
        .unwrap()
    {
        out.push(Captured {
            table: "call_answers",
            column: r.get("field"),
            row: call.clone(),
            bytes: r.get("value"),
        });
    }
    let submission: Vec<u8> = sqlx::query_scalar("SELECT submission FROM calls WHERE id = $1")
        .bind(&call)
        .fetch_one(db)
        .await
        .unwrap();
    out.push(Captured {
        table: "calls",
        column: "submission".into(),
        row: call.clone(),
        bytes: submission,
    });
    let detail: String = sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'case.break_glass' AND subject = $1",
    )
    .bind(format!("case:{case_id}"))
    .fetch_one(db)
    .await
    .unwrap();
    let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
    out.push(Captured {
        table: "audit_log",
        column: "justification".into(),
        row: case_id.to_string(),
        bytes: hex::decode(detail["justification_sealed"].as_str().unwrap()).unwrap(),
    });
    assert!(out.len() >= 3, "answers, a submission and a justification");
    out
}

/// How many of `captured` still decrypt with what the live database holds for the person of
/// `case_id`.
async fn still_open(app: &TestApp, case_id: &str, captured: &[Captured]) -> usize {
    let mut conn = app.kernel.db.pool().acquire().await.unwrap();
    let key = cases::keys::opening_key_of_case(&app.kernel, &mut conn, case_id)
        .await
        .unwrap();
    captured
        .iter()
        .filter(|c| {
            let aad = Aad {
                table: c.table,
                column: &c.column,
                row: &c.row,
            };
            app.kernel
                .envelope
                .open_for(key.as_ref(), aad, &c.bytes)
                .is_ok()
        })
        .count()
}

async fn person_row(app: &TestApp, case_id: &str) -> (bool, bool, i64) {
    let row = sqlx::query(
        "SELECT p.last_name IS NULL AS no_name, p.data_key IS NULL AS no_key, \
         (SELECT COUNT(*) FROM person_tokens t WHERE t.person_id = p.id) AS tokens \
         FROM cases c JOIN people p ON p.id = c.person_id WHERE c.id = $1",
    )
    .bind(case_id)
    .fetch_one(app.kernel.db.pool())
    .await
    .unwrap();
    let flag = |c: &str| {
        row.try_get::<bool, _>(c)
            .unwrap_or_else(|_| row.try_get::<i64, _>(c).unwrap() == 1)
    };
    (flag("no_name"), flag("no_key"), row.get("tokens"))
}

/// Whether the event still holds the caller's number, or the token that finds it.
async fn caller_kept(app: &TestApp, event_ref: &str) -> bool {
    let row = sqlx::query("SELECT caller, caller_token FROM telephony_events WHERE event_ref = $1")
        .bind(event_ref)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    row.get::<Option<Vec<u8>>, _>("caller").is_some()
        || row.get::<Option<i64>, _>("caller_token").is_some()
}

async fn erasure_shreds_what_was_sealed_about_one_person(backend: Backend) {
    let clock = Arc::new(kernel::clock::ManualClock::new(Utc::now()));
    let app = TestApp::start_with_clock(backend, clock.clone()).await;
    campaign(&app, "contact", "contact", 2).await;
    let (mut c, email) = agent(&app).await;
    let tomorrow = (Utc::now() + Duration::days(1)).to_rfc3339();
    let mut cases = Vec::new();
    for _ in 0..2 {
        let call = take_call(&mut c).await;
        let id = call["call_id"].as_str().unwrap();
        c.ok(
            "answer",
            json!({"call_id": id, "field": "answered_by", "value": "target_person"}),
        )
        .await;
        c.ok(
            "finish",
            json!({"call_id": id, "outcome": "callback", "callback_at": tomorrow}),
        )
        .await;
        let row = sqlx::query(
            "SELECT c.id, c.code FROM calls k JOIN cases c ON c.id = k.case_id WHERE k.id = $1",
        )
        .bind(id)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
        cases.push((row.get::<String, _>("id"), row.get::<String, _>("code")));
    }
    let session = app.session(&email).await;
    for (_, code) in &cases {
        let opened = session
            .open_case_breaking_glass(code, "Her GP called about this person")
            .await;
        assert_eq!(opened.status, 200, "{}", opened.text);
    }
    // The PBX rings the agent from each person's number (see `campaign` for the numbers).
    let admin = app.login_as(Role::Admin).await;
    let pbx = admin.new_pbx("pbx").await;
    for (i, phone) in ["+32470123456", "+32470123457"].iter().enumerate() {
        let rung = pbx
            .post(&json!({"id": format!("ev-{i}"), "event": "ringing", "caller": phone, "agent": email}))
            .await;
        assert_eq!(rung.status, 202, "{}", rung.text);
    }
    let (first, second) = (&cases[0], &cases[1]);
    let first_sealed = capture(&app, &first.0).await;
    let second_sealed = capture(&app, &second.0).await;
    assert_eq!(
        still_open(&app, &first.0, &first_sealed).await,
        first_sealed.len()
    );
    assert_eq!(
        still_open(&app, &second.0, &second_sealed).await,
        second_sealed.len()
    );
    // Which phone belongs to which case follows the offer order, not the import order.
    let first_phone_event = {
        let mut conn = app.kernel.db.pool().acquire().await.unwrap();
        let person: String = sqlx::query_scalar("SELECT person_id FROM cases WHERE id = $1")
            .bind(&first.0)
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        let p = cases::store::load_person(&app.kernel, &mut conn, &person)
            .await
            .unwrap();
        if p.phone.as_deref() == Some("+32470123456") {
            ("ev-0", "ev-1")
        } else {
            ("ev-1", "ev-0")
        }
    };

    // The DPO's erasure request.
    let out = app.run_cli(&["person", "erase", &first.1], "");
    assert!(out.status.success(), "{}", show(&out));
    assert_eq!(still_open(&app, &first.0, &first_sealed).await, 0);
    assert_eq!(
        still_open(&app, &second.0, &second_sealed).await,
        second_sealed.len(),
        "the other person's data still opens"
    );
    assert_eq!(person_row(&app, &first.0).await, (true, true, 0));
    assert!(!person_row(&app, &second.0).await.1);
    assert!(!caller_kept(&app, first_phone_event.0).await);
    assert!(caller_kept(&app, first_phone_event.1).await);
    let states: Vec<(String, String)> = sqlx::query("SELECT case_id, state FROM call_orders")
        .fetch_all(app.kernel.db.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get("case_id"), r.get("state")))
        .collect();
    for (case, state) in states {
        let expected = if case == first.0 { "cancelled" } else { "open" };
        assert_eq!(state, expected, "order of case {case}");
    }
    // The audit log keeps that it happened, and nothing about the person.
    let detail: String = sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'person.erased' AND actor = 'cli'",
    )
    .fetch_one(app.kernel.db.pool())
    .await
    .unwrap();
    assert!(detail.contains("\"reason\":\"request\""), "{detail}");
    assert!(
        !detail.contains("Peeters") && !detail.contains("+3247"),
        "{detail}"
    );
    let out = app.run_cli(&["audit", "verify"], "");
    assert!(out.status.success(), "{}", show(&out));
    // Again is a no-op, said plainly.
    let out = app.run_cli(&["person", "erase", &first.1], "");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("already erased"),
        "{}",
        show(&out)
    );

    // Retention erases the other person the same way once their closed case has expired.
    let closed = session.set_case_status(&second.1, "closed").await;
    assert_eq!(closed.status, 200, "{}", closed.text);
    clock.advance(Duration::days(366));
    assert_eq!(cases::retention::purge(&app.kernel, 365).await.unwrap(), 1);
    assert_eq!(still_open(&app, &second.0, &second_sealed).await, 0);
    assert_eq!(person_row(&app, &second.0).await, (true, true, 0));
    assert!(!caller_kept(&app, first_phone_event.1).await);
    app.stop().await;
}
both_backends!(erasure_shreds_what_was_sealed_about_one_person);
