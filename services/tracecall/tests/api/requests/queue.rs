//! Queues: the open requests of a team, the most urgent first, each with how it stands
//! against its next target on a moved clock; a team's staff see only their team's; the
//! listing is audited.

use secrecy::SecretString;
use serde_json::json;

use super::repo;
use crate::support::smtp::SmtpSink;
use crate::support::{Backend, TestApp};

async fn a_team_sees_its_queue_most_urgent_first(backend: Backend) {
    let sink = SmtpSink::start();
    let smtp = sink.url();
    let clock = std::sync::Arc::new(kernel::clock::ManualClock::new(chrono::Utc::now()));
    let app = TestApp::start_configured_on(backend, clock.clone(), move |c| {
        c.mail.smtp_url = Some(SecretString::from(smtp));
    })
    .await;
    requests::store::publish_dir(&app.kernel, &repo().join("topics"), "test")
        .await
        .unwrap();
    let public = app.anonymous();
    let token = public
        .get("/api/v1/requests/form-token")
        .await
        .expect_json(200)["token"]
        .as_str()
        .unwrap()
        .to_string();
    clock.advance(chrono::Duration::seconds(10));
    let mut refs = Vec::new();
    for (topic, email) in [
        ("complaint", "a@example.be"),
        ("it_support", "b@example.be"),
        ("data_correction", "c@example.be"),
    ] {
        let body = json!({"topic": topic, "language": "nl", "email": email,
            "subject": format!("Over {topic}"), "message": "Graag hulp.", "token": token});
        let r = public
            .post("/api/v1/requests", &body)
            .await
            .expect_json(201);
        refs.push(r["ref"].as_str().unwrap().to_string());
    }
    let sup = app.login_as(kernel::auth::Role::Supervisor).await;
    let all = sup.get("/api/v1/requests").await.expect_json(200);
    let order: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ref"].as_str().unwrap())
        .collect();
    // IT support is high priority; then the normal ones, the nearest first response first
    // (the correction's 24 h and the complaint's 24 h: by reference when equal).
    assert_eq!(order[0], refs[1], "{all}");
    assert_eq!(order.len(), 3);
    assert_eq!(all[0]["subject"], "Over it_support");
    assert_eq!(all[0]["standing"], "on_time");
    // An hour later IT support's one-hour first response is breached; 20 h later the
    // others' 24 h first response is at risk.
    clock.advance(chrono::Duration::minutes(61));
    // (Sessions last less than the jumps of this clock: log in again after each.)
    let sup = app.login_as(kernel::auth::Role::Supervisor).await;
    let later = sup
        .get_query("/api/v1/requests", &[("team", "it")])
        .await
        .expect_json(200);
    assert_eq!(later.as_array().unwrap().len(), 1);
    assert_eq!(later[0]["standing"], "breached");
    clock.advance(chrono::Duration::hours(19));
    let sup = app.login_as(kernel::auth::Role::Supervisor).await;
    let tracing = sup
        .get_query("/api/v1/requests", &[("team", "tracing")])
        .await
        .expect_json(200);
    assert_eq!(tracing[0]["standing"], "at_risk", "{tracing}");
    // A team's agent sees their team's only, whatever they ask for.
    let (agent, _) = app
        .add_user_with(kernel::auth::Role::Agent, Some("it"), &["nl"])
        .await;
    let mine = app
        .session(&agent)
        .await
        .get_query("/api/v1/requests", &[("team", "supervision")])
        .await
        .expect_json(200);
    let teams: Vec<&str> = mine
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["team"].as_str().unwrap())
        .collect();
    assert_eq!(teams, ["it"]);
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'requests.listed'")
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap();
    assert_eq!(audited, 4);
    app.stop().await;
}
both_backends!(a_team_sees_its_queue_most_urgent_first);
