//! The supervisor's figures: the reach rate is over every order called, so a no-answer and
//! a callback count against it (it read 100 % after one reached, one no-answer and one
//! callback, counting only closed orders); "at risk" counts only orders near their deadline.

use kernel::auth::Role;
use serde_json::json;

use super::{campaign, launch, seed};
use crate::support::{Backend, TestApp};

async fn reach_rate_counts_every_call_and_at_risk_only_near_deadlines(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 4).await;
    let (_, launched) = launch(&app, campaign(json!({}))).await;
    let (email, _) = app.add_user_with(Role::Agent, None, &["fr", "nl"]).await;
    let agent = app.session(&email).await;
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    for outcome in [
        json!({"outcome": "reached"}),
        json!({"outcome": "no_answer"}),
        json!({"outcome": "callback", "callback_at": tomorrow}),
    ] {
        let order = agent.claim_order().await.expect("an order");
        let id = order["id"].as_i64().unwrap();
        let done = agent.outcome(id, &outcome).await;
        assert_eq!(done.status, 200, "{}", done.text);
    }
    let figures = campaigns::figures::campaigns(&app.kernel).await.unwrap();
    let f = figures.iter().find(|f| f.id == launched.id).unwrap();
    assert_eq!(
        (f.done, f.attempted, f.reached, f.reach_rate),
        (1, 3, 1, 33),
        "{f:?}"
    );
    // Four orders, deadlines a day away (from registration): none at risk.
    assert_eq!((f.waiting, f.at_risk), (3, 0), "{f:?}");
    app.stop().await;
}
both_backends!(reach_rate_counts_every_call_and_at_risk_only_near_deadlines);
