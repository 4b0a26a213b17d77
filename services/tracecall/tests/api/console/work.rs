//! The supervisors' figures over a period: per agent and per team the calls, outcomes,
//! handling time and time in each state; the share of the day's orders reached within 24
//! hours, the queue hour by hour, the outcomes by campaign. Another team's supervisor sees
//! none of it; a bad period is refused by name; the page is the supervisors'.

use chrono::{Duration, Utc};
use kernel::auth::Role;
use serde_json::json;

use super::reached::{autopilot, contact_reached};
use super::{agent, campaign, take_call};
use crate::support::{Backend, TestApp};

async fn the_figures_count_the_periods_calls_states_and_queue(backend: Backend) {
    let app = TestApp::start(backend).await;
    let sup_email = campaign(&app, "contact", "contact", 3).await;
    let sup = app.session(&sup_email).await;
    let (mut c, email) = agent(&app).await;

    // One call reached, one without an answer.
    let call = take_call(&mut c).await;
    assert_eq!(
        autopilot(&mut c, &call, &contact_reached()).await,
        "reached"
    );
    let id = call["call_id"].as_str().unwrap();
    c.ok("finish", json!({"call_id": id, "outcome": "reached"}))
        .await;
    let call = take_call(&mut c).await;
    let id = call["call_id"].as_str().unwrap();
    c.ok("finish", json!({"call_id": id, "outcome": "no_answer"}))
        .await;
    c.ok("pause", json!({"reason": "break"})).await;

    let f = sup.get("/api/v1/figures").await.expect_json(200);
    let agent_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(&email)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    let me = f["agents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agent_id"] == agent_id)
        .cloned()
        .expect("the agent's row");
    assert_eq!(me["calls"], 2, "{f}");
    assert_eq!(me["outcomes"], json!({"reached": 1, "no_answer": 1}), "{f}");
    assert!(me["handling_median_s"].is_i64(), "{me}");
    assert!(
        me["handling_p90_s"].as_i64() >= me["handling_median_s"].as_i64(),
        "{me}"
    );
    for state in ["ready", "in_call"] {
        assert!(me["seconds_in"][state].is_i64(), "{state}: {me}");
    }
    let national = f["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["team"].is_null())
        .cloned()
        .unwrap();
    assert_eq!(national["calls"], 2);
    assert_eq!(national["outcomes"]["reached"], 1);

    // Today's three orders, one reached within 24 hours; the queue ends with the two left.
    let day = &f["reach"].as_array().unwrap()[0];
    assert_eq!(day["orders"], 3, "{f}");
    assert_eq!(day["reached_24h"], 1, "{f}");
    let queue = f["queue"].as_array().unwrap();
    assert!(!queue.is_empty(), "{f}");
    assert_eq!(queue.last().unwrap()["waiting"], 2, "{f}");
    let outcomes = &f["campaigns"][0];
    assert_eq!(outcomes["name"], "Tracing");
    assert_eq!(outcomes["outcomes"]["reached"], 1, "{f}");
    assert_eq!(outcomes["outcomes"]["no_answer"], 1, "{f}");

    // A period ending before it starts, or longer than a month: refused by name.
    let today = Utc::now().date_naive();
    let back = (today - Duration::days(1)).to_string();
    let refused = sup
        .get_query(
            "/api/v1/figures",
            &[("from", &today.to_string()), ("to", &back)],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    assert!(refused.text.contains("\"to\""), "{}", refused.text);
    let long_ago = (today - Duration::days(40)).to_string();
    let refused = sup
        .get_query(
            "/api/v1/figures",
            &[("from", &long_ago), ("to", &today.to_string())],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.text);

    // Another team's supervisor: none of these agents, none of these campaigns.
    app.add_team("Antwerpen", &["antwerpen"]).await;
    let other = app
        .session(&app.add_user(Role::Supervisor, Some("Antwerpen")).await)
        .await;
    let theirs = other.get("/api/v1/figures").await.expect_json(200);
    assert_eq!(theirs["agents"], json!([]), "{theirs}");
    assert_eq!(theirs["campaigns"], json!([]), "{theirs}");
    assert_eq!(theirs["reach"][0]["orders"], 0, "{theirs}");

    // The page is the supervisors'.
    assert_eq!(sup.get("/figures").await.status, 200);
    assert_eq!(app.session(&email).await.get("/figures").await.status, 403);
    app.stop().await;
}
both_backends!(the_figures_count_the_periods_calls_states_and_queue);
