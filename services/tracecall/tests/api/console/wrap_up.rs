//! After-call work: with `console.wrap_up_seconds` set, a finished call leaves the agent in
//! `wrap_up` with no offer although work waits; the agent writes a note (sealed; the next
//! agent who opens the case reads it); the server ends the after-call work when its time
//! is up and offers the next order; `ready` ends it early. The call carries its start time
//! for the console's timer.

use std::sync::Arc;

use chrono::Duration;
use kernel::clock::{Clock, ManualClock};
use serde_json::json;

use super::{agent, campaign};
use crate::support::{Backend, TestApp};

async fn after_call_work_holds_the_next_offer_and_keeps_a_note(backend: Backend) {
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let app = TestApp::start_configured_on(backend, clock.clone(), |c| {
        c.console = json!({"wrap_up_seconds": 60});
    })
    .await;
    campaign(&app, "contact", "contact", 2).await;
    let (mut c, email) = agent(&app).await;

    c.ok("ready", json!({})).await;
    let offered = c.wait_for("state", |s| !s["offer"].is_null()).await;
    let order_id = offered["offer"]["order_id"].clone();
    let started = c.ok("start_call", json!({ "order_id": order_id })).await;
    let call = started["call"].clone();
    let started_at = clock.now().timestamp_millis();
    assert_eq!(call["started_at"], started_at, "the timer's start: {call}");
    let first_id = call["call_id"].as_str().unwrap().to_string();
    let first_code = call["case"]["code"].as_str().unwrap().to_string();
    c.ok(
        "finish",
        json!({"call_id": first_id, "outcome": "no_answer"}),
    )
    .await;

    // After-call work: no offer although the second order waits.
    let st = c.wait_for("state", |s| s["status"] == "wrap_up").await;
    assert!(st["offer"].is_null(), "{st}");
    assert_eq!(st["wrap_up"]["call_id"], first_id.as_str(), "{st}");
    assert_eq!(
        st["wrap_up"]["until"].as_i64().unwrap(),
        st["since"].as_i64().unwrap() + 60_000
    );

    // The note: too long is refused naming the field; another call is not theirs to annotate.
    let long = "x".repeat(2001);
    let refused = c
        .request("wrap_up_note", json!({"call_id": first_id, "text": long}))
        .await;
    assert_eq!(refused["code"], "invalid", "{refused}");
    assert_eq!(refused["errors"][0]["field"], "text");
    let refused = c
        .request(
            "wrap_up_note",
            json!({"call_id": "not-a-call", "text": "x"}),
        )
        .await;
    assert_eq!(refused["code"], "conflict", "{refused}");
    let note = "Rappeler après 17 h, travaille de jour";
    c.ok("wrap_up_note", json!({"call_id": first_id, "text": note}))
        .await;
    let sealed: Vec<u8> = sqlx::query_scalar("SELECT wrap_up_note FROM calls WHERE id = $1")
        .bind(&first_id)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&sealed).contains("17 h"),
        "the note is sealed"
    );

    // The time runs out: the server ends the after-call work and offers the next order.
    clock.advance(Duration::seconds(61));
    let st = c.wait_for("state", |s| !s["offer"].is_null()).await;
    assert_eq!(st["status"], "ready", "{st}");
    assert!(st.get("wrap_up").is_none(), "{st}");

    // The second call; `ready` ends its after-call work early.
    let order_id = st["offer"]["order_id"].clone();
    let started = c.ok("start_call", json!({ "order_id": order_id })).await;
    let second = started["call"]["call_id"].as_str().unwrap().to_string();
    assert!(
        started["call"].get("notes").is_none(),
        "another case's notes"
    );
    clock.advance(Duration::seconds(5));
    c.ok("finish", json!({"call_id": second, "outcome": "no_answer"}))
        .await;
    c.wait_for("state", |s| s["status"] == "wrap_up").await;
    c.ok("ready", json!({})).await;
    c.wait_for("state", |s| s["status"] == "ready").await;
    // Once ready, the first call's note cannot be changed any more.
    let refused = c
        .request("wrap_up_note", json!({"call_id": second, "text": "late"}))
        .await;
    assert_eq!(refused["code"], "conflict", "{refused}");

    // The citizen calls back: whoever opens the case reads the note.
    c.ok("pause", json!({"reason": "break"})).await;
    app.ring(&email).await;
    c.ok("search", json!({"q": first_code})).await;
    let opened = c
        .ok(
            "open_case",
            json!({"code": first_code, "reason": "inbound"}),
        )
        .await;
    assert_eq!(opened["notes"][0]["text"], note, "{opened}");
    assert_eq!(opened["notes"][0]["outcome"], "no_answer");

    // The time in after-call work counts in the agent's figures.
    let states: Vec<String> =
        sqlx::query_scalar("SELECT status FROM agent_state_log WHERE status = 'wrap_up'")
            .fetch_all(app.kernel.db.pool())
            .await
            .unwrap();
    assert_eq!(states.len(), 2);
    app.stop().await;
}
both_backends!(after_call_work_holds_the_next_offer_and_keeps_a_note);
