//! `/metrics` exposes what supervisors and operators watch beside the HTTP metrics: claims,
//! queue depth and orders at risk per campaign, agents by state, call outcomes, search latency
//! and the audit chain's state, as the alert rules and dashboard in `deploy/` read them.

use kernel::auth::Role;
use serde_json::json;

use super::{campaign, launch, seed};
use crate::support::{Backend, TestApp};

/// The value of the sample `name` (labels included, as exposed), if present.
fn sample(text: &str, name: &str) -> Option<f64> {
    text.lines()
        .find(|l| l.starts_with(name) && l[name.len()..].starts_with(' '))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

async fn business_metrics_are_exposed(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 4).await;
    let (_, launched) = launch(&app, campaign(json!({}))).await;
    let metrics = || async { app.anonymous().get("/metrics").await.text };
    let before = metrics().await;
    let campaign = format!("{{campaign_id=\"{}\",campaign=\"Follow-up\"}}", launched.id);
    assert_eq!(
        sample(&before, &format!("tracecall_queue_depth{campaign}")),
        Some(4.0),
        "{before}"
    );
    assert_eq!(
        sample(&before, "tracecall_claims_total"),
        Some(0.0),
        "{before}"
    );
    assert_eq!(
        sample(&before, "tracecall_audit_verify_ok"),
        Some(1.0),
        "{before}"
    );

    let agent = app.login_as(Role::Agent).await;
    let order = agent.claim_order().await.unwrap();
    let id = order["id"].as_i64().unwrap();
    let done = agent.outcome(id, &json!({"outcome": "no_answer"})).await;
    assert_eq!(done.status, 200, "{}", done.text);
    agent.search("+32478000001").await;

    let after = metrics().await;
    let at_risk = format!("tracecall_orders_at_risk{campaign}");
    for (name, value) in [
        ("tracecall_claims_total", 1.0),
        ("tracecall_call_outcomes_total{outcome=\"no_answer\"}", 1.0),
        (at_risk.as_str(), 0.0),
        ("tracecall_agents{state=\"in_call\"}", 0.0),
        ("tracecall_search_duration_seconds_count", 1.0),
    ] {
        assert_eq!(sample(&after, name), Some(value), "{name} in {after}");
    }
    app.stop().await;
}
both_backends!(business_metrics_are_exposed);
