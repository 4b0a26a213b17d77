//! The dashboard's idle alert: an agent ready for longer than `console.idle_alert_seconds`
//! while work waits for them (here, an order offered and not started) is flagged; an agent
//! ready with nothing to do, or paused, is not.

use std::sync::Arc;

use chrono::Duration;
use kernel::clock::ManualClock;
use serde_json::{json, Value};

use super::{agent, campaign};
use crate::support::ws::Console;
use crate::support::{Backend, TestApp};

fn row(dashboard: &Value, id: i64) -> &Value {
    dashboard["agents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("agent {id} not on {dashboard}"))
}

async fn an_agent_ready_but_idle_while_work_waits_is_flagged(backend: Backend) {
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let app = TestApp::start_configured_on(backend, clock.clone(), |c| {
        c.console = json!({"idle_alert_seconds": 30});
    })
    .await;
    let supervisor = campaign(&app, "contact", "contact", 1).await;
    let (mut holder, holder_email) = agent(&app).await;
    holder.ok("ready", json!({})).await;
    let offered = holder.wait_for("state", |s| !s["offer"].is_null()).await;
    let (mut free, free_email) = agent(&app).await;
    free.ok("ready", json!({})).await;
    let (mut away, away_email) = agent(&app).await;
    away.ok("pause", json!({"reason": "break"})).await;
    let id = |email: String| {
        let pool = app.kernel.db.pool().clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE email = $1")
                .bind(email)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let (holder_id, free_id, away_id) = (
        id(holder_email).await,
        id(free_email).await,
        id(away_email).await,
    );

    let mut sup = Console::of(&app, &supervisor).await;
    let board = sup
        .wait_for("dashboard", |d| {
            d["agents"].as_array().is_some_and(|a| a.len() >= 3)
        })
        .await;
    assert_eq!(row(&board, holder_id)["idle_with_work"], false, "{board}");

    clock.advance(Duration::seconds(31));
    let board = sup
        .wait_for("dashboard", |d| {
            d["agents"]
                .as_array()
                .is_some_and(|a| a.iter().any(|r| r["idle_with_work"] == true))
        })
        .await;
    assert_eq!(row(&board, holder_id)["idle_with_work"], true, "{board}");
    assert_eq!(
        row(&board, free_id)["idle_with_work"],
        false,
        "nothing waits for them"
    );
    assert_eq!(row(&board, away_id)["idle_with_work"], false, "paused");

    // Starting the call clears the alert.
    holder
        .ok(
            "start_call",
            json!({"order_id": offered["offer"]["order_id"]}),
        )
        .await;
    let board = sup
        .wait_for("dashboard", |d| {
            d["agents"]
                .as_array()
                .is_some_and(|a| a.iter().all(|r| r["idle_with_work"] == false))
        })
        .await;
    assert_eq!(row(&board, holder_id)["status"], "in_call", "{board}");
    app.stop().await;
}
both_backends!(an_agent_ready_but_idle_while_work_waits_is_flagged);
