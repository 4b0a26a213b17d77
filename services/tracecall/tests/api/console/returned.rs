//! A citizen returning a missed call is interviewed on the order that tried to reach them:
//! the opened case lists the waiting order, the agent starts it from the inbound panel, the
//! call runs the campaign's script on that order, and finishing it reached closes the order.
//! Another agent cannot take the same order meanwhile.

use kernel::auth::Role;
use serde_json::json;

use super::reached::{autopilot, contact_reached};
use super::{agent, campaign, take_call};
use crate::support::ws::Console;
use crate::support::{Backend, TestApp};

async fn a_returned_call_completes_the_waiting_interview(backend: Backend) {
    let app = TestApp::start(backend).await;
    campaign(&app, "contact", "contact", 1).await;
    let (mut first, _) = agent(&app).await;
    // The outbound attempt: no answer; the order waits for its retry.
    let call = take_call(&mut first).await;
    let id = call["call_id"].as_str().unwrap();
    let code = call["case"]["code"].as_str().unwrap().to_string();
    let order_id = call["order_id"].as_i64().unwrap();
    first
        .ok("finish", json!({"call_id": id, "outcome": "no_answer"}))
        .await;
    first.ok("pause", json!({"reason": "break"})).await;

    // The citizen calls back; another agent finds and opens the case.
    let (mut c, c_email) = agent(&app).await;
    app.ring(&c_email).await;
    c.ok("search", json!({"q": code})).await;
    let opened = c
        .ok("open_case", json!({"code": code, "reason": "inbound"}))
        .await;
    assert_eq!(opened["orders"][0]["order_id"], order_id, "{opened}");
    assert_eq!(opened["orders"][0]["script_id"], "contact");
    assert_eq!(opened["orders"][0]["attempts"], 1);

    let started = c
        .ok("start_inbound", json!({"code": code, "order_id": order_id}))
        .await;
    let call = started["call"].clone();
    assert_eq!(call["kind"], "outbound", "{call}");
    assert_eq!(call["order_id"], order_id);
    assert_eq!(call["release"]["script_id"], "contact");

    // Meanwhile nobody else takes it.
    let (email, _) = app.add_user_with(Role::Agent, None, &["fr"]).await;
    let mut other = Console::of(&app, &email).await;
    other.wait_for("welcome", |_| true).await;
    app.ring(&email).await;
    other.ok("search", json!({"q": code})).await;
    other
        .ok("open_case", json!({"code": code, "reason": "inbound"}))
        .await;
    let refused = other
        .request("start_inbound", json!({"code": code, "order_id": order_id}))
        .await;
    assert_eq!(refused["type"], "error", "{refused}");

    assert_eq!(
        autopilot(&mut c, &call, &contact_reached()).await,
        "reached"
    );
    let id = call["call_id"].as_str().unwrap();
    let ack = c
        .ok("finish", json!({"call_id": id, "outcome": "reached"}))
        .await;
    assert_eq!(ack["scheduled"]["state"], "done", "{ack}");
    let state: String = sqlx::query_scalar("SELECT state FROM call_orders WHERE id = $1")
        .bind(order_id)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert_eq!(state, "done");
    app.stop().await;
}
both_backends!(a_returned_call_completes_the_waiting_interview);
